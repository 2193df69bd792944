package scoring

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

// Engine scores leads with a compiled rule set. It is safe for concurrent
// use.
type Engine struct {
	rules     []rule
	hot, warm int
	deflt     bool
	needs     rules.Needs // the derived variables the rules read
	envs      sync.Pool   // *rules.Env
}

type rule struct {
	name     string
	when     *rules.Program
	points   int
	halfLife float64 // days; 0: no decay
}

// excluded keeps a rule from reading what scoring computes: a rule on the
// score would move the score on every rescore.
var excluded = rules.Exclude("a scoring rule cannot read the score or grade it computes", "score", "grade")

// Compile checks a configuration and compiles its rules. It returns every
// problem, each a *ruleconf.Error naming the line and rule: a missing name
// or condition, a duplicate name, a condition that does not compile, a
// decay without a half-life, and grade thresholds out of order. The Engine
// is nil when there are problems. opts are passed to rules.Compile (for
// example rules.CustomFields).
func Compile(cfg Config, opts ...rules.Option) (*Engine, []error) {
	file := cfg.File
	if file == "" {
		file = "configuration"
	}
	var errs []error
	fail := func(line int, where, format string, args ...any) {
		errs = append(errs, &ruleconf.Error{File: file, Line: line, Where: where, Err: fmt.Errorf(format, args...)})
	}
	if len(cfg.Rules) > MaxRules {
		fail(0, "scoring.rules", "%d rules; at most %d are allowed", len(cfg.Rules), MaxRules)
		return nil, errs
	}
	e := &Engine{hot: cfg.Grades.Hot, warm: cfg.Grades.Warm, deflt: cfg.Default}
	if cfg.Grades.Hot <= cfg.Grades.Warm {
		fail(cfg.Grades.Line, "scoring.grades", "hot (%d) must be above warm (%d)", cfg.Grades.Hot, cfg.Grades.Warm)
	}
	seen := map[string]int{}
	opts = append(slices.Clone(opts), excluded)
	for i, r := range cfg.Rules {
		name := strings.TrimSpace(r.Name)
		where := ruleWhere(name, i)
		if name == "" {
			if !r.badName {
				fail(r.Line, where, "name: missing; every rule needs a name")
			}
		} else if first, dup := seen[strings.ToLower(name)]; dup {
			fail(r.Line, where, "name: given twice (first on line %d); rule names must be unique", first)
		} else {
			seen[strings.ToLower(name)] = r.Line
		}
		if r.Decay != nil && !(r.Decay.HalfLifeDays > 0) {
			fail(r.Line, where, "decay.half_life_days: must be above 0")
		}
		if strings.TrimSpace(r.When) == "" {
			if !r.badWhen {
				fail(r.Line, where, "when: missing; write the condition, e.g. when: budget >= 50000")
			}
			continue
		}
		p, err := ruleconf.Compile(file, where, "when", ruleconf.Expr{Src: r.When, Node: r.when, At: r.Line}, rules.Bool, opts...)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rl := rule{name: name, when: p, points: r.Points}
		e.needs |= p.Needs()
		if r.Decay != nil {
			rl.halfLife = r.Decay.HalfLifeDays
		}
		e.rules = append(e.rules, rl)
	}
	if len(errs) > 0 {
		return nil, sortErrs(errs)
	}
	e.envs.New = func() any { return rules.NewEnv() }
	return e, nil
}

// MustCompile compiles a configuration known to be good (the default, a
// test's); it panics on a problem.
func MustCompile(cfg Config) *Engine {
	e, errs := Compile(cfg)
	if len(errs) > 0 {
		panic(fmt.Sprintf("scoring: %v", errors.Join(errs...)))
	}
	return e
}

// Default returns the engine of the default rules.
func Default() *Engine { return MustCompile(DefaultConfig()) }

// Thresholds returns the grade thresholds.
func (e *Engine) Thresholds() (hot, warm int) { return e.hot, e.warm }

// IsDefault reports whether the engine runs the built-in default rules.
func (e *Engine) IsDefault() bool { return e.deflt }

// RuleNames returns the rule names in configuration order.
func (e *Engine) RuleNames() []string {
	names := make([]string, len(e.rules))
	for i, r := range e.rules {
		names[i] = r.name
	}
	return names
}

// Grade returns the grade of a score.
func (e *Engine) Grade(score int) crm.Grade {
	switch {
	case score >= e.hot:
		return crm.GradeHot
	case score >= e.warm:
		return crm.GradeWarm
	}
	return crm.GradeCold
}

// RuleError is a rule that could not be evaluated for a lead; the rule
// counts as not fired.
type RuleError struct {
	Rule string
	Err  error // a *rules.EvalError, free of lead values
}

func (e *RuleError) Error() string { return "rule " + strconv.Quote(e.Rule) + ": " + e.Err.Error() }
func (e *RuleError) Unwrap() error { return e.Err }

// Result is the score of one lead.
type Result struct {
	Score  int
	Grade  crm.Grade
	Hits   []crm.RuleHit // the rules that fired, in configuration order, with their points
	Errors []*RuleError  // rules that could not be evaluated
}

// Evaluate scores a lead at time now without changing it.
func (e *Engine) Evaluate(l *crm.Lead, now time.Time) Result {
	env := e.envs.Get().(*rules.Env)
	defer e.envs.Put(env)
	var res Result
	res.Score, res.Hits = e.eval(env, l, now, nil, func(i int, err error) {
		res.Errors = append(res.Errors, &RuleError{Rule: e.rules[i].name, Err: err})
	})
	res.Grade = e.Grade(res.Score)
	return res
}

// Score returns a lead's score at time now, its grade, and the rules that
// fired. A rule that cannot be evaluated counts as not fired; Evaluate
// reports those.
func (e *Engine) Score(l *crm.Lead, now time.Time) (score int, grade crm.Grade, hits []crm.RuleHit) {
	r := e.Evaluate(l, now)
	return r.Score, r.Grade, r.Hits
}

// eval appends the hits to buf and returns the score; onErr hears of rules
// that failed (by index).
func (e *Engine) eval(env *rules.Env, l *crm.Lead, now time.Time, buf []crm.RuleHit, onErr func(int, error)) (int, []crm.RuleHit) {
	env.ResetFor(l, now, e.needs)
	age := ageDays(l.CreatedAt, now)
	score := 0
	for i := range e.rules {
		r := &e.rules[i]
		ok, err := r.when.Bool(env)
		if err != nil {
			if onErr != nil {
				onErr(i, err)
			}
			continue
		}
		if !ok {
			continue
		}
		pts := r.effective(age)
		score += pts
		buf = append(buf, crm.RuleHit{Rule: r.name, Points: pts})
	}
	return score, buf
}

// effective returns the rule's points for a lead of the given age.
func (r *rule) effective(ageDays float64) int {
	if r.halfLife <= 0 || ageDays <= 0 {
		return r.points
	}
	return int(math.Round(float64(r.points) * math.Exp2(-ageDays/r.halfLife)))
}

// ageDays is the lead's age in (fractional) days; 0 when unknown or in the
// future.
func ageDays(created, now time.Time) float64 {
	if created.IsZero() || !now.After(created) {
		return 0
	}
	return now.Sub(created).Hours() / 24
}

// IsConverted reports whether a lead was converted: converted leads are
// read-only, so scoring leaves them as they are.
func IsConverted(l *crm.Lead) bool {
	return l.Status == crm.StatusConverted || !l.ConvertedAt.IsZero()
}

// Apply scores the lead at time now and stores the result in it: Score,
// Grade and ScoreRules. A change of score or grade is appended to the
// lead's history, By by (the command, "score", or "import") with the fired
// rules as the reason; the first scoring of a lead sets the values without
// history entries. It reports whether the lead changed: rescoring with
// unchanged rules on the same day changes nothing. Converted leads are not
// touched. The error joins the *RuleError of rules that could not be
// evaluated; the lead is scored without them.
func (e *Engine) Apply(l *crm.Lead, now time.Time, by string) (changed bool, err error) {
	if IsConverted(l) {
		return false, nil
	}
	// Going through Evaluate grew the hits from nothing and copied them
	// again: three allocations per lead (BenchmarkApplyFresh), 1.5% of a
	// 1M-row import's CPU. The hits collect on the stack and are copied
	// once.
	env := e.envs.Get().(*rules.Env)
	var buf [16]crm.RuleHit
	var errs []error
	score, hits := e.eval(env, l, now, buf[:0], func(i int, err error) {
		errs = append(errs, &RuleError{Rule: e.rules[i].name, Err: err})
	})
	e.envs.Put(env)
	var owned []crm.RuleHit
	if len(hits) > 0 {
		owned = make([]crm.RuleHit, len(hits))
		copy(owned, hits)
	}
	changed = e.setOwned(l, score, e.Grade(score), owned, by, now)
	return changed, errors.Join(errs...)
}

// setOwned stores a score in the lead and records the change; the lead
// keeps hits.
func (e *Engine) setOwned(l *crm.Lead, score int, grade crm.Grade, hits []crm.RuleHit, by string, now time.Time) bool {
	if l.Grade == grade && l.Score == score && slices.Equal(l.ScoreRules, hits) && l.Grade != "" {
		return false
	}
	if l.Grade != "" { // a first scoring is no change worth a history entry
		if l.Score != score {
			l.History = append(l.History, crm.Change{At: now, By: by, Field: "score",
				Old: strconv.Itoa(l.Score), New: strconv.Itoa(score), Reason: hitsReason(hits)})
		}
		if l.Grade != grade {
			l.History = append(l.History, crm.Change{At: now, By: by, Field: "grade",
				Old: string(l.Grade), New: string(grade), Reason: e.gradeReason(score)})
		}
	}
	l.Score, l.Grade = score, grade
	l.ScoreRules = hits
	if len(l.ScoreRules) == 0 {
		l.ScoreRules = nil
	}
	l.UpdatedAt = now
	return true
}

// maxReason bounds the rule list in a history entry.
const maxReason = 300

// hitsReason lists fired rules: "big budget +30, decision maker +20".
func hitsReason(hits []crm.RuleHit) string {
	if len(hits) == 0 {
		return "no rule fired"
	}
	var b strings.Builder
	for i, h := range hits {
		part := h.Rule + " " + signed(h.Points)
		if b.Len()+len(part) > maxReason {
			fmt.Fprintf(&b, ", and %d more", len(hits)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(part)
	}
	return b.String()
}

func (e *Engine) gradeReason(score int) string {
	return fmt.Sprintf("score %d (hot from %d, warm from %d)", score, e.hot, e.warm)
}

func signed(n int) string {
	if n >= 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
