package scoring

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/leadpipe/leadpipe/rules"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
	"go.yaml.in/yaml/v3"
)

// DefaultYAML is the rule set used when leadpipe.yaml has no scoring
// section (or a scoring section without rules). It is written in the
// configuration's own format so that a team can copy it and adjust it.
// A complete, fresh lead scores at most 100.
const DefaultYAML = `# leadpipe's default scoring: copy this section into leadpipe.yaml and adjust.
# A rule adds its points when its condition holds; points may be negative.
# Grades: hot from 60 points, warm from 30, cold below.
scoring:
  rules:
    # Budget tiers (budget is 0 when the file gave none).
    - name: budget 100k+
      when: budget >= 100000
      points: 30
    - name: budget 25k+
      when: budget >= 25000 && budget < 100000
      points: 20
    - name: budget given
      when: budget > 0 && budget < 25000
      points: 5
    # Who the person is: decision makers in English, German and Polish.
    - name: decision maker
      when: title matches "(?i)\\b(ceo|cfo|cto|coo|cmo)\\b|chief|founder|owner|president|managing director|geschäftsführ|inhaber|vorstand|prokurist|prezes|właściciel|członek zarządu"
      points: 25
    - name: manager
      when: title matches "(?i)head of|director|leiter|dyrektor|kierownik|manager" && not (title matches "(?i)managing director|chief")
      points: 10
    # How complete and reachable the lead is.
    - name: company given
      when: present("company")
      points: 10
    - name: business e-mail
      when: present("email") && !freemail && !role_address
      points: 10
    - name: role address
      when: role_address
      points: -10
    - name: phone given
      when: present("phone") || present("mobile")
      points: 5
    # Where: the home markets.
    - name: DACH or PL
      when: country in ["DE", "AT", "CH", "PL"]
      points: 10
    # How recent: fresh leads first. days_since_created counts whole days.
    - name: new this month
      when: days_since_created <= 30
      points: 10
    - name: new this quarter
      when: days_since_created > 30 && days_since_created <= 90
      points: 5
    # A rule may fade with the lead's age instead: its points halve every
    # half_life_days days after the lead was created, for example
    #   - name: webinar
    #     when: source == "webinar"
    #     points: 20
    #     decay: {half_life_days: 60}
  grades: {hot: 60, warm: 30}
`

// DefaultFile is the file name errors of the default configuration name.
const DefaultFile = "default scoring rules"

// Default grade thresholds, used when the configuration sets none.
const (
	DefaultHot  = 60
	DefaultWarm = 30
)

// MaxRules bounds a rule set.
const MaxRules = 1000

// Config is the scoring section of leadpipe.yaml.
//
//	scoring:
//	  rules:
//	    - name: big budget          # unique, shown in history and explanations
//	      when: budget >= 50000     # a condition (package rules)
//	      points: 30                # may be negative
//	      decay: {half_life_days: 90}   # optional
//	  grades: {hot: 60, warm: 30}   # hot from 60 points, warm from 30, else cold
//
// A missing scoring section, or a section without rules, gives the default
// rules (DefaultYAML); `rules: []` means no rules at all. Missing grades
// take the defaults, 60 and 30.
type Config struct {
	File   string // for messages
	Rules  []Rule
	Grades Grades
	// Default is true when the rules are the built-in default rules.
	Default bool
}

// Rule is one scoring rule.
type Rule struct {
	Name   string
	When   string // a condition over the lead's fields
	Points int
	Decay  *Decay // nil: the points do not fade
	Line   int    // line of the rule in the file; 0 when not from a file

	when    *yaml.Node // the when value, for positions inside the expression
	badName bool       // name or when had a problem ParseConfig reported
	badWhen bool
}

// Decay makes a rule's points fade with the lead's age: they halve every
// HalfLifeDays days after the lead's created_at, rounded to whole points,
// so a 30-point rule with a 90-day half-life gives 30 on the first day, 15
// after 90 days, 8 after 180 and nothing after about 18 months. Negative
// points fade towards 0 the same way.
//
// Decay makes scores depend on the day of the run: rescoring moves leads
// as days pass, and every move is a history entry. The clock is injected,
// so a run is repeatable.
type Decay struct {
	HalfLifeDays float64
}

// Grades holds the grade thresholds: hot from Hot points, warm from Warm,
// cold below. Hot must be above Warm.
type Grades struct {
	Hot, Warm int
	Line      int // line of the grades key; 0 when not from a file
}

// DefaultConfig returns the default rules and grades.
func DefaultConfig() Config {
	defaultOnce.Do(func() {
		cfg, errs, _ := parse([]byte(DefaultYAML), DefaultFile)
		if len(errs) > 0 {
			panic(fmt.Sprintf("scoring: default configuration: %v", errs))
		}
		cfg.Default = true
		defaultCfg = cfg
	})
	cfg := defaultCfg
	cfg.Rules = slices.Clone(cfg.Rules)
	return cfg
}

var (
	defaultOnce sync.Once
	defaultCfg  Config
)

// ParseConfig reads the scoring section from a whole leadpipe.yaml
// document; other top-level keys are ignored (the config package checks
// them). file names the file in errors. The error joins *ruleconf.Error
// values, one per problem of the file's structure (unknown keys, wrong
// types); rule conditions and thresholds are checked by Compile.
func ParseConfig(data []byte, file string) (Config, error) {
	cfg, errs, _ := parse(data, file)
	return cfg, joinErrs(errs)
}

// Check reads and compiles the scoring section of a leadpipe.yaml document
// and returns every problem, in file order: what `leadpipe config check`
// reports. nil means the section is fine (or absent).
func Check(data []byte, file string) []error {
	cfg, errs, readable := parse(data, file)
	if !readable {
		return sortErrs(errs)
	}
	_, cerrs := Compile(cfg)
	return sortErrs(append(errs, cerrs...))
}

// parse reads the section; readable is false when the document could not
// be parsed at all, so that nothing else is worth checking.
func parse(data []byte, file string) (cfg Config, errs []error, readable bool) {
	d := &ruleconf.Doc{File: file}
	sec, key := d.Section(data, "scoring")
	if len(d.Errs) > 0 {
		return Config{File: file}, d.Errs, false
	}
	cfg = Config{File: file, Grades: Grades{Hot: DefaultHot, Warm: DefaultWarm}}
	if key == nil {
		def := DefaultConfig()
		def.File = file
		return def, nil, true
	}
	rulesGiven := false
	for _, f := range d.Map(sec, "scoring", "rules", "grades") {
		switch f.Key {
		case "rules":
			rulesGiven = !ruleconf.IsNull(f.Value)
			cfg.Rules = parseRules(d, f.Value)
		case "grades":
			cfg.Grades.Line = f.KeyNd.Line
			for _, g := range d.Map(f.Value, "scoring.grades", "hot", "warm") {
				if v, ok := d.Int(g.Value, "scoring.grades", g.Key); ok {
					if g.Key == "hot" {
						cfg.Grades.Hot = v
					} else {
						cfg.Grades.Warm = v
					}
				}
			}
		}
	}
	if !rulesGiven {
		cfg.Rules = DefaultConfig().Rules
		cfg.Default = true
	}
	return cfg, d.Errs, true
}

func parseRules(d *ruleconf.Doc, n *yaml.Node) []Rule {
	items := d.Seq(n, "scoring.rules")
	if items == nil && n != nil && n.Kind == yaml.SequenceNode {
		return []Rule{} // rules: [] switches scoring off
	}
	var out []Rule
	for i, item := range items {
		r := Rule{Line: item.Line}
		// The name first, so that every other problem can name the rule.
		if item.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(item.Content); j += 2 {
				if item.Content[j].Value == "name" && item.Content[j+1].Kind == yaml.ScalarNode {
					r.Name = strings.TrimSpace(item.Content[j+1].Value)
				}
			}
		}
		where := ruleWhere(r.Name, i)
		for _, f := range d.Map(item, where, "name", "when", "points", "decay") {
			switch f.Key {
			case "name":
				_, ok := d.Scalar(f.Value, where, "name")
				r.badName = !ok
			case "when":
				s, ok := d.Scalar(f.Value, where, "when")
				r.badWhen = !ok
				if ok && !ruleconf.IsNull(f.Value) {
					r.When, r.when = s, f.Value
				}
			case "points":
				r.Points, _ = d.Int(f.Value, where, "points")
			case "decay":
				r.Decay = parseDecay(d, f.Value, where)
			}
		}
		out = append(out, r)
	}
	return out
}

func parseDecay(d *ruleconf.Doc, n *yaml.Node, where string) *Decay {
	if ruleconf.IsNull(n) {
		return nil
	}
	dec := &Decay{}
	fields := d.Map(n, where, "half_life_days", "after_days", "per_day", "min")
	for _, f := range fields {
		switch f.Key {
		case "half_life_days":
			v, ok := d.Float(f.Value, where, "decay.half_life_days")
			if ok && (v <= 0 || math.IsInf(v, 0)) {
				d.Failf(f.Value, where, "decay.half_life_days: must be above 0")
				v = 0
			}
			dec.HalfLifeDays = v
		default:
			d.Failf(f.KeyNd, where, "decay.%s: leadpipe's decay is a half-life; write decay: {half_life_days: N}", f.Key)
		}
	}
	if dec.HalfLifeDays == 0 {
		if n.Kind == yaml.MappingNode && len(fields) == 0 {
			d.Failf(n, where, "decay: want {half_life_days: N}")
		}
		return nil
	}
	return dec
}

func ruleWhere(name string, i int) string {
	if name == "" {
		return "rule " + strconv.Itoa(i+1)
	}
	return "rule " + strconv.Quote(name)
}

func joinErrs(errs []error) error { return ruleconf.Join(errs) }

func sortErrs(errs []error) []error { return ruleconf.Sort(errs) }

// Load reads and compiles the scoring section of a leadpipe.yaml document
// in one step, for commands: the error is a *ruleconf.Errors with the same
// problems, in the same words, as Check gives `leadpipe config check`.
// data may be nil (no configuration file): the default rules apply.
func Load(data []byte, file string, opts ...rules.Option) (*Engine, error) {
	cfg, errs, readable := parse(data, file)
	if !readable || len(errs) > 0 {
		if readable {
			_, cerrs := Compile(cfg, opts...)
			errs = append(errs, cerrs...)
		}
		return nil, joinErrs(errs)
	}
	eng, cerrs := Compile(cfg, opts...)
	if len(cerrs) > 0 {
		return nil, joinErrs(cerrs)
	}
	return eng, nil
}
