package scoring

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/leadpipe/leadpipe/crm"
)

// Report is the outcome of Rescore. Every lead read is counted once in
// Converted, Changed or Unchanged. Lists are sorted, so the same store and
// rules give the same report.
type Report struct {
	DryRun    bool `json:"dry_run"`
	Leads     int  `json:"leads"`     // leads read, merged-away leads not counted
	Converted int  `json:"converted"` // read-only, skipped
	Changed   int  `json:"changed"`   // score, grade, fired rules or stage changed
	Unchanged int  `json:"unchanged"`
	Written   int  `json:"written"` // leads written; 0 in a dry run

	ScoreUp   int `json:"score_up"`   // changed leads whose score rose
	ScoreDown int `json:"score_down"` // ... fell
	FirstTime int `json:"first_time"` // leads scored for the first time

	Grades []Move       `json:"grades,omitempty"` // grade moves, hot → warm etc.
	Stages []Move       `json:"stages,omitempty"` // stage moves made by Sync
	Errors []RuleErrors `json:"errors,omitempty"` // rules that failed, by rule
}

// Move counts leads that went from one grade (or stage) to another. From
// is "" for leads that had none (never scored).
type Move struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Leads int    `json:"leads"`
}

// RuleErrors counts the leads on which a rule could not be evaluated.
type RuleErrors struct {
	Rule  string `json:"rule"`
	Leads int    `json:"leads"`
	First crm.ID `json:"first"` // the first lead it failed on
	Err   string `json:"error"` // the first error, free of lead values
}

// Balanced reports whether the counts add up to the leads read.
func (r Report) Balanced() bool { return r.Converted+r.Changed+r.Unchanged == r.Leads }

// String renders the report as WriteText does.
func (r Report) String() string {
	var b strings.Builder
	_ = r.WriteText(&b)
	return b.String()
}

// WriteText writes the report for people:
//
//	1000 leads: 120 changed, 860 unchanged, 20 converted (read-only, skipped)
//	scores: 80 up, 40 down
//	grades:
//	  12 leads warm → hot
//	stages:
//	  12 leads Lead → MQL
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	if r.DryRun {
		b.WriteString("dry run: nothing was written\n")
	}
	fmt.Fprintf(&b, "%s: %d changed, %d unchanged, %d converted (read-only, skipped)\n",
		plural(r.Leads, "lead"), r.Changed, r.Unchanged, r.Converted)
	if !r.DryRun && r.Changed > 0 {
		fmt.Fprintf(&b, "written: %s\n", plural(r.Written, "lead"))
	}
	if r.Changed > 0 {
		fmt.Fprintf(&b, "scores: %d up, %d down", r.ScoreUp, r.ScoreDown)
		if r.FirstTime > 0 {
			fmt.Fprintf(&b, ", %d scored for the first time", r.FirstTime)
		}
		b.WriteByte('\n')
	}
	writeMoves(&b, "grades", r.Grades)
	writeMoves(&b, "stages", r.Stages)
	if len(r.Errors) > 0 {
		b.WriteString("rule errors (the rule counted as not fired):\n")
		for _, e := range r.Errors {
			fmt.Fprintf(&b, "  rule %s: %s, first %s: %s\n", strconv.Quote(e.Rule), plural(e.Leads, "lead"), e.First, e.Err)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMoves(b *strings.Builder, title string, moves []Move) {
	if len(moves) == 0 {
		return
	}
	width := 0
	for _, m := range moves {
		width = max(width, len(strconv.Itoa(m.Leads)))
	}
	fmt.Fprintf(b, "%s:\n", title)
	for _, m := range moves {
		from := m.From
		if from == "" {
			from = "(none)"
		}
		noun := "leads"
		if m.Leads == 1 {
			noun = "lead"
		}
		fmt.Fprintf(b, "  %*d %s %s → %s\n", width, m.Leads, noun, from, m.To)
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// tally collects a Report's moves and errors during a scan.
type tally struct {
	grades, stages map[[2]string]int
	errs           map[string]*RuleErrors
	up, down, new  int
}

func newTally() *tally {
	return &tally{grades: map[[2]string]int{}, stages: map[[2]string]int{}, errs: map[string]*RuleErrors{}}
}

func (t *tally) move(oldScore int, oldGrade crm.Grade, score int, grade crm.Grade, oldStage, stage crm.Stage) {
	switch {
	case oldGrade == "":
		t.new++
	case score > oldScore:
		t.up++
	case score < oldScore:
		t.down++
	}
	if oldGrade != grade {
		t.grades[[2]string{string(oldGrade), string(grade)}]++
	}
	if oldStage != stage {
		t.stages[[2]string{string(oldStage), string(stage)}]++
	}
}

func (t *tally) ruleError(rule string, id crm.ID, err error) {
	e := t.errs[rule]
	if e == nil {
		e = &RuleErrors{Rule: rule, First: id, Err: err.Error()}
		t.errs[rule] = e
	}
	e.Leads++
}

func (t *tally) fill(r *Report) {
	r.ScoreUp, r.ScoreDown, r.FirstTime = t.up, t.down, t.new
	r.Grades = moves(t.grades, gradeRank)
	r.Stages = moves(t.stages, stageRank)
	r.Errors = nil
	for _, e := range t.errs {
		r.Errors = append(r.Errors, *e)
	}
	slices.SortFunc(r.Errors, func(a, b RuleErrors) int { return cmp.Compare(a.Rule, b.Rule) })
}

// moves sorts counted moves by the rank of From, then of To, then by name.
func moves(m map[[2]string]int, rank func(string) int) []Move {
	var out []Move
	for k, n := range m {
		out = append(out, Move{From: k[0], To: k[1], Leads: n})
	}
	slices.SortFunc(out, func(a, b Move) int {
		return cmp.Or(cmp.Compare(rank(a.From), rank(b.From)), cmp.Compare(rank(a.To), rank(b.To)),
			cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	return out
}

func gradeRank(g string) int {
	switch crm.Grade(g) {
	case crm.GradeHot:
		return 0
	case crm.GradeWarm:
		return 1
	case crm.GradeCold:
		return 2
	}
	return 3 // none
}

func stageRank(s string) int {
	if r := crm.Stage(s).Rank(); r >= 0 {
		return r
	}
	return len(crm.Stages)
}
