package scoring

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules"
)

// Explain renders the score stored in a lead: its points, grade and the
// rules that fired when it was last scored. It needs no engine, so `leads
// show` can print it as is.
//
//	score 65, grade hot
//	   +30  budget 100k+
//	   +25  decision maker
//	   +10  company given
func Explain(l *crm.Lead) string {
	var b strings.Builder
	if l.Grade == "" {
		b.WriteString("not scored yet\n")
		return b.String()
	}
	fmt.Fprintf(&b, "score %d, grade %s\n", l.Score, l.Grade)
	if IsConverted(l) {
		b.WriteString("(converted: the score is kept from before the conversion)\n")
	}
	if len(l.ScoreRules) == 0 {
		b.WriteString("   no rule fired\n")
	}
	for _, h := range l.ScoreRules {
		fmt.Fprintf(&b, "  %4s  %s\n", signed(h.Points), h.Rule)
	}
	return b.String()
}

// Explain scores the lead afresh at time now and shows the working: each
// rule that fired with its points (and how a decayed rule got them), the
// rules that did not fire, rules that failed, the thresholds, and whether
// the stored score differs. The lead is not changed.
func (e *Engine) Explain(l *crm.Lead, now time.Time) string {
	env := e.envs.Get().(*rules.Env)
	defer e.envs.Put(env)
	env.Reset(l, now)
	age := ageDays(l.CreatedAt, now)

	var fired, failed strings.Builder
	var missed []string
	score := 0
	for i := range e.rules {
		r := &e.rules[i]
		ok, err := r.when.Bool(env)
		switch {
		case err != nil:
			fmt.Fprintf(&failed, "  rule %q: %v\n", r.name, err)
		case !ok:
			missed = append(missed, r.name)
		default:
			pts := r.effective(age)
			score += pts
			fmt.Fprintf(&fired, "  %4s  %s", signed(pts), r.name)
			if r.halfLife > 0 {
				fmt.Fprintf(&fired, " (%s points halving every %s days; lead %s days old)",
					signed(r.points), days(r.halfLife), days(math.Floor(age)))
			}
			fired.WriteByte('\n')
		}
	}
	grade := e.Grade(score)

	var b strings.Builder
	fmt.Fprintf(&b, "score %d, grade %s (hot from %d points, warm from %d)\n", score, grade, e.hot, e.warm)
	if IsConverted(l) {
		b.WriteString("converted: read-only, scoring does not change it\n")
	}
	if l.Grade != "" && (l.Score != score || l.Grade != grade) {
		fmt.Fprintf(&b, "stored: score %d, grade %s; a rescore would change it\n", l.Score, l.Grade)
	} else if l.Grade == "" {
		b.WriteString("stored: not scored yet\n")
	}
	if fired.Len() > 0 {
		b.WriteString("fired:\n")
		b.WriteString(fired.String())
	} else {
		b.WriteString("fired: none\n")
	}
	if len(missed) > 0 {
		b.WriteString("not fired:\n")
		for _, name := range missed {
			fmt.Fprintf(&b, "        %s\n", name)
		}
	}
	if failed.Len() > 0 {
		b.WriteString("failed (counted as not fired):\n")
		b.WriteString(failed.String())
	}
	return b.String()
}

func days(d float64) string { return strconv.FormatFloat(d, 'f', -1, 64) }
