package lifecycle

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules"
)

// ErrConverted refuses any change to a converted lead: it is read-only.
var ErrConverted = errors.New("converted leads are read-only")

// ErrMergedAway is the sentinel of MergedError.
var ErrMergedAway = errors.New("merged-away leads are read-only")

// MergedError refuses a change to a lead merged into another (merged_into
// set): it is read-only and hidden, kept only so that leads unmerge can
// bring it back. It names the lead it was merged into.
type MergedError struct {
	Into crm.ID // the surviving lead
}

func (e *MergedError) Error() string {
	return fmt.Sprintf("merged into %s, read-only; change %s instead", e.Into, e.Into)
}

// Unwrap makes errors.Is(err, ErrMergedAway) hold.
func (e *MergedError) Unwrap() error { return ErrMergedAway }

// readOnly refuses a converted or merged-away lead, or returns nil.
func readOnly(l *crm.Lead) error {
	if l.MergedInto != 0 {
		return &MergedError{Into: l.MergedInto}
	}
	if IsConverted(l) {
		return ErrConverted
	}
	return nil
}

// transitions is the status table: from → the statuses a status change
// may go to. Converted is reached only by conversion (MarkConverted), and
// nothing leaves it (reactivation is a later feature).
var transitions = map[crm.Status][]crm.Status{
	crm.StatusNew:          {crm.StatusWorking, crm.StatusNurturing, crm.StatusQualified, crm.StatusDisqualified},
	crm.StatusWorking:      {crm.StatusNurturing, crm.StatusQualified, crm.StatusDisqualified},
	crm.StatusNurturing:    {crm.StatusWorking, crm.StatusQualified, crm.StatusDisqualified},
	crm.StatusQualified:    {crm.StatusWorking, crm.StatusDisqualified},
	crm.StatusDisqualified: {crm.StatusWorking},
	crm.StatusConverted:    nil,
}

// Allowed returns the statuses a lead in status from may be set to, in the
// usual order. A lead without a status counts as New.
func Allowed(from crm.Status) []crm.Status {
	if from == "" {
		from = crm.StatusNew
	}
	return slices.Clone(transitions[from])
}

// CanTransition reports whether the table allows from → to.
func CanTransition(from, to crm.Status) bool {
	return slices.Contains(Allowed(from), to)
}

// IsConverted reports whether a lead was converted (and so is read-only).
func IsConverted(l *crm.Lead) bool {
	return l.Status == crm.StatusConverted || !l.ConvertedAt.IsZero()
}

// Machine is a compiled lifecycle: the status table, the gates and the
// sync rules. It is safe for concurrent use.
type Machine struct {
	gates        map[crm.Status]*gate
	sync         []syncRule
	syncNeeds    rules.Needs // the derived variables the sync rules read
	convertStage crm.Stage
	envs         sync.Pool // *rules.Env
}

type gate struct {
	require [][]required // each: alternatives
	reason  bool
	when    *rules.Program
}

// required is one name of a gate's require list: a field, or a custom
// column by its header ("Messe Stand"). A column written custom("score")
// is the custom column even when a field has its name.
type required struct {
	name   string
	custom bool // written custom("..."): the custom column, never a field
}

func (r required) present(l *crm.Lead, env *rules.Env) bool {
	if r.custom {
		return strings.TrimSpace(l.Custom[r.name]) != ""
	}
	return env.Present(r.name)
}

// String is the name as a refusal lists it: custom("score") for a custom
// column named like a field, the bare name otherwise.
func (r required) String() string {
	if r.custom && rules.IsField(r.name) {
		return "custom(" + strconv.Quote(r.name) + ")"
	}
	return r.name
}

type syncRule struct {
	when   *rules.Program
	stage  crm.Stage
	reason string // "sync: " and the condition, for the history
}

// Compile checks a configuration and returns its machine, or every problem
// (unknown fields in require lists, conditions that do not compile,
// missing stages), each a *ruleconf.Error naming line and gate or rule.
// opts are passed to rules.Compile.
func Compile(cfg Config, opts ...rules.Option) (*Machine, []error) {
	return compileConfig(cfg, opts)
}

// Default returns the machine of the default configuration.
func Default() *Machine {
	m, errs := Compile(DefaultConfig())
	if len(errs) > 0 {
		panic(fmt.Sprintf("lifecycle: default configuration: %v", errors.Join(errs...)))
	}
	return m
}

// GateError refuses a status change whose gate the lead does not pass. It
// names what is missing, never the lead's values.
type GateError struct {
	Status crm.Status
	// Missing lists the required fields without a value, alternatives
	// joined with " or " ("email or phone"), and "reason" when the gate
	// wants one and none was given.
	Missing []string
	// Cond is the gate's condition when the lead does not meet it.
	Cond string
	// Err is set when the condition could not be evaluated.
	Err error
}

func (e *GateError) Error() string {
	var parts []string
	if len(e.Missing) > 0 {
		parts = append(parts, "missing: "+strings.Join(e.Missing, ", "))
	}
	if e.Err != nil {
		parts = append(parts, "condition "+e.Cond+": "+e.Err.Error())
	} else if e.Cond != "" {
		parts = append(parts, "condition not met: "+e.Cond)
	}
	return "cannot set status " + string(e.Status) + ": " + strings.Join(parts, "; ")
}

func (e *GateError) Unwrap() error { return e.Err }

// TransitionError refuses a move the status table or the stage order does
// not allow.
type TransitionError struct {
	Field    string // "status" or "stage"
	From, To string
	Allowed  []string // the statuses allowed from From (status only)
	Why      string   // a fixed explanation, when there is one
}

func (e *TransitionError) Error() string {
	from := e.From
	if from == "" {
		from = "none"
	}
	s := fmt.Sprintf("cannot change %s from %s to %s", e.Field, from, e.To)
	switch {
	case e.Why != "":
		return s + ": " + e.Why
	case len(e.Allowed) > 0:
		return s + " (allowed: " + strings.Join(e.Allowed, ", ") + ")"
	case e.Field == "status":
		return s + " (no change of status is allowed from " + from + ")"
	}
	return s
}

// Check runs the gate of status to on the lead, with reason as the reason
// given, at time now; nil when the lead passes (or there is no gate).
// Converted leads give ErrConverted, merged-away ones a *MergedError.
func (m *Machine) Check(l *crm.Lead, to crm.Status, reason string, now time.Time) error {
	if err := readOnly(l); err != nil {
		return err
	}
	return m.checkGate(l, to, reason, now)
}

func (m *Machine) checkGate(l *crm.Lead, to crm.Status, reason string, now time.Time) error {
	g := m.gates[to]
	if g == nil {
		return nil
	}
	env := m.envs.Get().(*rules.Env)
	defer m.envs.Put(env)
	env.Reset(l, now)
	var ge GateError
	for _, alts := range g.require {
		if !slices.ContainsFunc(alts, func(r required) bool { return r.present(l, env) }) {
			names := make([]string, len(alts))
			for i, r := range alts {
				names[i] = r.String()
			}
			ge.Missing = append(ge.Missing, strings.Join(names, " or "))
		}
	}
	if g.reason && strings.TrimSpace(reason) == "" {
		ge.Missing = append(ge.Missing, "reason")
	}
	if g.when != nil {
		ok, err := g.when.Bool(env)
		if err != nil || !ok {
			ge.Cond, ge.Err = g.when.String(), err
		}
	}
	if len(ge.Missing) == 0 && ge.Cond == "" {
		return nil
	}
	ge.Status = to
	return &ge
}

// SetStatus changes the lead's status to to, recording the change in its
// history (By by, with reason) at time now, and then applies the sync
// rules, which may move the stage forward. It reports whether the lead
// changed; setting the status it already has changes nothing.
//
// Refusals leave the lead untouched: ErrConverted for a converted lead, a
// *MergedError for a lead merged into another, a *TransitionError for Converted (reached only by conversion) or for a
// move the status table does not allow, and a *GateError naming what the
// lead lacks. force allows a move outside the status table; it never
// skips a gate.
func (m *Machine) SetStatus(l *crm.Lead, to crm.Status, reason, by string, now time.Time, force bool) (changed bool, err error) {
	if err := readOnly(l); err != nil {
		return false, err
	}
	if _, known := transitions[to]; !known {
		return false, fmt.Errorf("unknown status %q", string(to))
	}
	from := l.Status
	if from == "" {
		from = crm.StatusNew
	}
	if to == crm.StatusConverted {
		return false, &TransitionError{Field: "status", From: string(from), To: string(to), Why: "a lead becomes Converted only by converting it"}
	}
	if from == to && l.Status != "" {
		return false, nil
	}
	if from != to && !force && !CanTransition(from, to) {
		var allowed []string
		for _, s := range Allowed(from) {
			allowed = append(allowed, string(s))
		}
		return false, &TransitionError{Field: "status", From: string(from), To: string(to), Allowed: allowed}
	}
	if err := m.checkGate(l, to, reason, now); err != nil {
		return false, err
	}
	l.History = append(l.History, crm.Change{At: now, By: by, Field: "status", Old: string(l.Status), New: string(to), Reason: reason})
	l.Status = to
	l.UpdatedAt = now
	m.Sync(l, by, now)
	return true, nil
}

// SetStage moves the lead's stage to to, recording the change. A move
// backwards needs force; converted leads are refused with ErrConverted,
// merged-away ones with a *MergedError.
func (m *Machine) SetStage(l *crm.Lead, to crm.Stage, reason, by string, now time.Time, force bool) (changed bool, err error) {
	if err := readOnly(l); err != nil {
		return false, err
	}
	if to.Rank() < 0 {
		return false, fmt.Errorf("unknown stage %q", string(to))
	}
	if l.Stage == to {
		return false, nil
	}
	if to.Rank() < l.Stage.Rank() && !force {
		return false, &TransitionError{Field: "stage", From: string(l.Stage), To: string(to), Why: "the stage does not move backwards without force"}
	}
	setStage(l, to, reason, by, now)
	return true, nil
}

func setStage(l *crm.Lead, to crm.Stage, reason, by string, now time.Time) {
	l.History = append(l.History, crm.Change{At: now, By: by, Field: "stage", Old: string(l.Stage), New: string(to), Reason: reason})
	l.Stage = to
	l.UpdatedAt = now
}

// Sync applies the sync rules to the lead at time now: the stage becomes
// the highest stage of the rules whose condition holds, if that is ahead
// of the current one. The stage never moves backwards. Converted leads are
// left alone. It reports whether the stage moved; use it after scoring
// (a hot grade reaches MQL) and after any change of the lead. A rule that
// cannot be evaluated counts as not holding.
func (m *Machine) Sync(l *crm.Lead, by string, now time.Time) bool {
	if IsConverted(l) || l.MergedInto != 0 || len(m.sync) == 0 {
		return false
	}
	env := m.envs.Get().(*rules.Env)
	defer m.envs.Put(env)
	env.ResetFor(l, now, m.syncNeeds)
	best := -1
	for i, r := range m.sync {
		if r.stage.Rank() <= l.Stage.Rank() || best >= 0 && r.stage.Rank() <= m.sync[best].stage.Rank() {
			continue
		}
		if ok, err := r.when.Bool(env); ok && err == nil {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	r := m.sync[best]
	setStage(l, r.stage, r.reason, by, now)
	return true
}

// MarkConverted records the conversion of a lead: status Converted (the
// old status kept in StatusBeforeConv), ConvertedAt, and with an
// opportunity the stage of on_convert.with_opportunity if that is ahead.
// It checks the Converted gate, if one is configured; only Qualified leads
// convert unless force. The convert stage sets AccountID and the like.
func (m *Machine) MarkConverted(l *crm.Lead, withOpportunity bool, reason, by string, now time.Time, force bool) error {
	if IsConverted(l) {
		return ErrConverted
	}
	if l.Status != crm.StatusQualified && !force {
		return &TransitionError{Field: "status", From: string(l.Status), To: string(crm.StatusConverted), Why: "only Qualified leads are converted"}
	}
	if err := m.checkGate(l, crm.StatusConverted, reason, now); err != nil {
		return err
	}
	l.History = append(l.History, crm.Change{At: now, By: by, Field: "status", Old: string(l.Status), New: string(crm.StatusConverted), Reason: reason})
	l.StatusBeforeConv = l.Status
	l.Status = crm.StatusConverted
	l.ConvertedAt = now
	l.UpdatedAt = now
	if withOpportunity && m.convertStage != "" && m.convertStage.Rank() > l.Stage.Rank() {
		setStage(l, m.convertStage, "converted with an opportunity", by, now)
	}
	return nil
}

// ConvertStage returns the stage a conversion with an opportunity moves
// the lead to ("" when conversion does not move the stage).
func (m *Machine) ConvertStage() crm.Stage { return m.convertStage }
