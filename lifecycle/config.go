package lifecycle

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
	"go.yaml.in/yaml/v3"
)

// DefaultYAML is the lifecycle configuration used where leadpipe.yaml says
// nothing, written in the configuration's own format so that it can be
// copied and adjusted.
const DefaultYAML = `# leadpipe's default lifecycle: copy this section into leadpipe.yaml and adjust.
lifecycle:
  # A gate guards a target status: the listed fields must have a value
  # ("email|phone": one of them), require_reason asks for a reason, and
  # when: adds a condition. A status not listed has no gate.
  gates:
    Qualified:
      require: [company, email|phone, budget]
    Disqualified:
      require_reason: true
  # Sync rules move the stage forward, never back: when the condition
  # holds, the stage becomes at least the one given.
  sync:
    - when: grade == "hot"
      stage: MQL
    - when: status == "Qualified"
      stage: SQL
  # Converting a lead with an opportunity moves it to this stage.
  on_convert:
    with_opportunity: Opportunity
`

// DefaultFile names the default configuration in errors.
const DefaultFile = "default lifecycle"

// Config is the lifecycle section of leadpipe.yaml. Gates listed in the
// file replace the default gate of their status (an empty gate, as in
// `Qualified: {}`, removes it); a sync list replaces the default list
// (`sync: []` turns syncing off); on_convert replaces the default stage.
type Config struct {
	File      string
	Gates     map[crm.Status]Gate
	Sync      []SyncRule
	OnConvert OnConvert
}

// Gate guards a target status.
type Gate struct {
	// Require lists the fields that must have a value; each item is a set
	// of alternatives, one of which is enough ("email|phone").
	Require [][]string
	// RequireReason asks for a reason with the change.
	RequireReason bool
	// When is a condition the lead must meet (package rules); empty: none.
	When string
	Line int // of the gate in the file; 0 when not from a file

	when *yaml.Node
}

// SyncRule moves the stage forward to at least Stage when When holds.
type SyncRule struct {
	When  string
	Stage crm.Stage
	Line  int

	when     *yaml.Node
	badWhen  bool // a problem ParseConfig reported
	badStage bool
}

// OnConvert says what conversion does to the stage.
type OnConvert struct {
	// WithOpportunity is the stage (at least) of a lead converted with an
	// opportunity; empty: conversion does not move the stage.
	WithOpportunity crm.Stage
	Line            int
}

// DefaultConfig returns the default gates, sync rules and conversion stage.
func DefaultConfig() Config {
	defaultOnce.Do(func() {
		cfg, errs, _ := parse([]byte(DefaultYAML), DefaultFile, Config{})
		if len(errs) > 0 {
			panic(fmt.Sprintf("lifecycle: default configuration: %v", errs))
		}
		defaultCfg = cfg
	})
	return defaultCfg.clone()
}

var (
	defaultOnce sync.Once
	defaultCfg  Config
)

func (c Config) clone() Config {
	out := c
	out.Gates = make(map[crm.Status]Gate, len(c.Gates))
	for k, g := range c.Gates {
		g.Require = slices.Clone(g.Require)
		out.Gates[k] = g
	}
	out.Sync = slices.Clone(c.Sync)
	return out
}

// ParseConfig reads the lifecycle section from a whole leadpipe.yaml
// document, over the defaults; other top-level keys are ignored. The error
// lists structural problems (unknown keys, statuses and stages, wrong
// types), one *ruleconf.Error each; conditions and field names are checked
// by Compile.
func ParseConfig(data []byte, file string) (Config, error) {
	cfg, errs, _ := parse(data, file, DefaultConfig())
	return cfg, joinErrs(errs)
}

// Check reads and compiles the lifecycle section of a leadpipe.yaml
// document and returns every problem in file order, for `leadpipe config
// check`. nil means the section is fine (or absent).
func Check(data []byte, file string) []error {
	cfg, errs, readable := parse(data, file, DefaultConfig())
	if !readable {
		return sortErrs(errs)
	}
	_, cerrs := Compile(cfg)
	return sortErrs(append(errs, cerrs...))
}

func parse(data []byte, file string, base Config) (cfg Config, errs []error, readable bool) {
	d := &ruleconf.Doc{File: file}
	sec, key := d.Section(data, "lifecycle")
	if len(d.Errs) > 0 {
		return base, d.Errs, false
	}
	cfg = base.clone()
	cfg.File = file
	if cfg.Gates == nil {
		cfg.Gates = map[crm.Status]Gate{}
	}
	if key == nil {
		return cfg, nil, true
	}
	for _, f := range d.Map(sec, "lifecycle", "gates", "sync", "on_convert") {
		switch f.Key {
		case "gates":
			for _, g := range d.Map(f.Value, "lifecycle.gates") {
				st, err := crm.ParseStatus(g.Key)
				if err != nil {
					d.Failf(g.KeyNd, "lifecycle.gates", "unknown status %s (want one of %s)", strconv.Quote(g.Key), statusList())
					continue
				}
				cfg.Gates[st] = parseGate(d, g.Value, st)
			}
		case "sync":
			cfg.Sync = []SyncRule{}
			for i, item := range d.Seq(f.Value, "lifecycle.sync") {
				cfg.Sync = append(cfg.Sync, parseSync(d, item, i))
			}
		case "on_convert":
			cfg.OnConvert.Line = f.KeyNd.Line
			for _, o := range d.Map(f.Value, "lifecycle.on_convert", "with_opportunity") {
				if s, ok := d.Scalar(o.Value, "lifecycle.on_convert", o.Key); ok {
					if ruleconf.IsNull(o.Value) || strings.TrimSpace(s) == "" {
						cfg.OnConvert.WithOpportunity = ""
						continue
					}
					stage, err := crm.ParseStage(s)
					if err != nil {
						d.Failf(o.Value, "lifecycle.on_convert", "with_opportunity: unknown stage %s (want one of %s)", strconv.Quote(s), stageList())
						continue
					}
					cfg.OnConvert.WithOpportunity = stage
				}
			}
		}
	}
	return cfg, d.Errs, true
}

func parseGate(d *ruleconf.Doc, n *yaml.Node, st crm.Status) Gate {
	where := "gate " + string(st)
	g := Gate{Line: n.Line}
	for _, f := range d.Map(n, where, "require", "require_reason", "when") {
		switch f.Key {
		case "require":
			items, _ := d.Strings(f.Value, where, "require")
			for _, item := range items {
				g.Require = append(g.Require, splitAlternatives(item))
			}
		case "require_reason":
			g.RequireReason, _ = d.Bool(f.Value, where, "require_reason")
		case "when":
			if s, ok := d.Scalar(f.Value, where, "when"); ok && !ruleconf.IsNull(f.Value) {
				g.When, g.when = s, f.Value
			}
		}
	}
	return g
}

func parseSync(d *ruleconf.Doc, n *yaml.Node, i int) SyncRule {
	where := "sync rule " + strconv.Itoa(i+1)
	r := SyncRule{Line: n.Line}
	for _, f := range d.Map(n, where, "when", "stage") {
		switch f.Key {
		case "when":
			s, ok := d.Scalar(f.Value, where, "when")
			r.badWhen = !ok
			if ok && !ruleconf.IsNull(f.Value) {
				r.When, r.when = s, f.Value
			}
		case "stage":
			r.badStage = true
			if s, ok := d.String(f.Value, where, "stage"); ok {
				stage, err := crm.ParseStage(s)
				if err != nil {
					d.Failf(f.Value, where, "stage: unknown stage %s (want one of %s)", strconv.Quote(s), stageList())
					continue
				}
				r.Stage, r.badStage = stage, false
			}
		}
	}
	return r
}

// splitAlternatives turns "email|phone" into [email phone]. A name may be
// quoted, as in phone|"Messe Stand".
func splitAlternatives(s string) []string {
	parts := strings.Split(s, "|")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		parts[i] = p
	}
	return parts
}

// customColumn reads a required item written as in expressions,
// custom("Column") (or with single quotes, or none), and returns the
// column's name; ok reports whether the item starts with custom( at all.
// An item that does but is not written so (no closing bracket, a quote
// left open) is an error: taken as a column of that name, which no lead
// has, it would refuse every lead.
func customColumn(item string) (col string, ok bool, err error) {
	inner, ok := strings.CutPrefix(item, "custom(")
	if !ok {
		return "", false, nil
	}
	bad := fmt.Errorf("%s is not written as in a rule: custom(\"Column\")", strconv.Quote(item))
	inner, ok = strings.CutSuffix(inner, ")")
	if !ok {
		return "", true, bad
	}
	inner = strings.TrimSpace(inner)
	switch {
	case inner != "" && (inner[0] == '"' || inner[0] == '\''):
		if len(inner) < 2 || inner[len(inner)-1] != inner[0] {
			return "", true, bad
		}
		if inner[0] == '"' {
			s, err := strconv.Unquote(inner)
			if err != nil {
				return "", true, bad
			}
			return strings.TrimSpace(s), true, nil
		}
		inner = inner[1 : len(inner)-1]
	case strings.ContainsAny(inner, "\"'"):
		return "", true, bad
	}
	return strings.TrimSpace(inner), true, nil
}

// compileConfig checks everything Compile needs beyond the structure.
func compileConfig(cfg Config, opts []rules.Option) (*Machine, []error) {
	file := cmp.Or(cfg.File, "configuration")
	var errs []error
	fail := func(line int, where, format string, args ...any) {
		errs = append(errs, &ruleconf.Error{File: file, Line: line, Where: where, Err: fmt.Errorf(format, args...)})
	}
	m := &Machine{gates: map[crm.Status]*gate{}, convertStage: cfg.OnConvert.WithOpportunity}
	for _, st := range crm.Statuses { // status order: errors and gates stay deterministic
		g, ok := cfg.Gates[st]
		if !ok {
			continue
		}
		where := "gate " + string(st)
		cg := &gate{reason: g.RequireReason}
		for _, alts := range g.Require {
			var names []required
			for _, name := range alts {
				switch {
				case name == "":
					fail(g.Line, where, "require: an empty field name (in %s)", strconv.Quote(strings.Join(alts, "|")))
					continue
				case name == "reason":
					fail(g.Line, where, "require: reason is not a field; write require_reason: true")
					continue
				}
				if col, ok, err := customColumn(name); ok {
					// custom("Notiz"), as the hint for a misspelt
					// name says: the custom column, whatever it
					// resembles.
					if err != nil {
						fail(g.Line, where, "require: %v", err)
						continue
					}
					if col == "" {
						fail(g.Line, where, "require: an empty field name (in %s)", strconv.Quote(name))
						continue
					}
					names = append(names, required{name: col, custom: true})
					continue
				}
				if err := rules.CheckField(name); err != nil {
					fail(g.Line, where, "require: %v", err)
					continue
				}
				names = append(names, required{name: name})
			}
			if len(names) > 0 {
				cg.require = append(cg.require, names)
			}
		}
		if strings.TrimSpace(g.When) != "" {
			p, err := ruleconf.Compile(file, where, "when", ruleconf.Expr{Src: g.When, Node: g.when, At: g.Line}, rules.Bool, opts...)
			if err != nil {
				errs = append(errs, err)
			}
			cg.when = p
		}
		if len(cg.require) > 0 || cg.reason || cg.when != nil {
			m.gates[st] = cg
		}
	}
	for i, r := range cfg.Sync {
		where := "sync rule " + strconv.Itoa(i+1)
		if r.Stage.Rank() < 0 && !r.badStage {
			fail(r.Line, where, "stage: missing; want one of %s", stageList())
		}
		if strings.TrimSpace(r.When) == "" {
			if !r.badWhen {
				fail(r.Line, where, "when: missing; write the condition, e.g. when: grade == \"hot\"")
			}
			continue
		}
		p, err := ruleconf.Compile(file, where, "when", ruleconf.Expr{Src: r.When, Node: r.when, At: r.Line}, rules.Bool, opts...)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		m.sync = append(m.sync, syncRule{when: p, stage: r.Stage, reason: "sync: " + p.String()})
		m.syncNeeds |= p.Needs()
	}
	if s := cfg.OnConvert.WithOpportunity; s != "" && s.Rank() < 0 {
		fail(cfg.OnConvert.Line, "lifecycle.on_convert", "with_opportunity: unknown stage %s", strconv.Quote(string(s)))
	}
	if len(errs) > 0 {
		return nil, sortErrs(errs)
	}
	m.envs.New = func() any { return rules.NewEnv() }
	return m, nil
}

func statusList() string {
	var s []string
	for _, st := range crm.Statuses {
		s = append(s, string(st))
	}
	return strings.Join(s, ", ")
}

func stageList() string {
	var s []string
	for _, st := range crm.Stages {
		s = append(s, string(st))
	}
	return strings.Join(s, ", ")
}

func joinErrs(errs []error) error { return ruleconf.Join(errs) }

func sortErrs(errs []error) []error { return ruleconf.Sort(errs) }

// Load reads and compiles the lifecycle section of a leadpipe.yaml
// document in one step, for commands: the error is a *ruleconf.Errors with
// the same problems, in the same words, as Check. data may be nil (no
// configuration file): the defaults apply.
func Load(data []byte, file string, opts ...rules.Option) (*Machine, error) {
	cfg, errs, readable := parse(data, file, DefaultConfig())
	if !readable || len(errs) > 0 {
		if readable {
			_, cerrs := Compile(cfg, opts...)
			errs = append(errs, cerrs...)
		}
		return nil, joinErrs(errs)
	}
	m, cerrs := Compile(cfg, opts...)
	if len(cerrs) > 0 {
		return nil, joinErrs(cerrs)
	}
	return m, nil
}
