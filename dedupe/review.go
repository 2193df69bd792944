package dedupe

import (
	"errors"
	"fmt"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// ReviewPair is a lead flagged as a possible duplicate and the lead it may
// duplicate, with their comparison.
type ReviewPair struct {
	A, B   *crm.Lead
	Result Result
}

// ReviewPairs lists the flagged pairs of a store in id order: every lead
// with possible_duplicate_of set, next to that lead (or the lead it was
// merged into since). Pairs reviewed as different are left out.
func ReviewPairs(st StoreReader, m *Matcher) ([]ReviewPair, error) {
	pairs, err := st.DistinctPairs()
	if err != nil {
		return nil, err
	}
	distinct := map[[2]crm.ID]bool{}
	for _, p := range pairs {
		distinct[pairKey(p[0], p[1])] = true
	}
	var out []ReviewPair
	err = st.ForEachLead(func(l *crm.Lead) error {
		if l.PossibleDuplicateOf == 0 || l.MergedInto != 0 {
			return nil
		}
		b, err := follow(st, l.PossibleDuplicateOf)
		if err != nil {
			if errors.Is(err, crm.ErrNotFound) {
				return nil
			}
			return err
		}
		if b.ID == l.ID || distinct[pairKey(l.ID, b.ID)] {
			return nil
		}
		ra := m.Record(l)
		out = append(out, ReviewPair{A: l, B: b, Result: m.ExplainLead(&ra, b, -1)})
		return nil
	})
	return out, err
}

// follow reads a lead, and the lead it was merged into if it was.
func follow(st crm.LeadReader, id crm.ID) (*crm.Lead, error) {
	l, err := st.Lead(id)
	for hops := 0; err == nil && l.MergedInto != 0 && hops < 8; hops++ {
		l, err = st.Lead(l.MergedInto)
	}
	return l, err
}

// Decision is a reviewer's verdict on a pair.
type Verdict int

// The verdicts.
const (
	Undecided Verdict = iota
	Same
	Different
)

// String is the verdict as a review file writes it.
func (v Verdict) String() string {
	switch v {
	case Same:
		return "same"
	case Different:
		return "different"
	}
	return "undecided"
}

// ErrConflictingDecisions is returned by ApplyReview, before anything is
// written, when one row of a review marks a pair same and another marks it
// different.
var ErrConflictingDecisions = errors.New("contradictory decisions")

// conflictError names the two rows that contradict each other: one that
// says two leads are different, and one that makes them one lead, directly
// (the same pair) or through its merge (another pair). The pair named is
// the one said to be different.
func conflictError(x, y ReviewDecision) error {
	diff, same := x, y
	if diff.Verdict != Different {
		diff, same = y, x
	}
	first, second := diff.Row, same.Row
	if second < first {
		first, second = second, first
	}
	how := fmt.Sprintf("same in row %d", same.Row)
	if pairKey(diff.A, diff.B) != pairKey(same.A, same.B) {
		how = fmt.Sprintf("made one lead by row %d, same for %s and %s", same.Row, same.A, same.B)
	}
	return fmt.Errorf("review file %s rows %d and %d: %w for %s and %s (different in row %d, %s); nothing was applied: correct one of the rows",
		diff.File, first, second, ErrConflictingDecisions, diff.A, diff.B, diff.Row, how)
}

// ReviewDecision is one line of an edited review file.
type ReviewDecision struct {
	File    string
	Row     int
	A, B    crm.ID
	Verdict Verdict
}

// ReviewResult counts what ApplyReview did.
type ReviewResult struct {
	Merged    int            `json:"merged"`
	Different int            `json:"different"`
	Undecided int            `json:"undecided"`
	Skipped   []ReviewSkip   `json:"skipped"`
	Merges    []PlannedMerge `json:"merges"`
}

// ReviewSkip is a decision that could not be carried out, and why.
type ReviewSkip struct {
	Row    int    `json:"row"`
	Reason string `json:"reason"`
}

// ApplyReview carries out the decisions of a review in one transaction:
// pairs marked the same are merged (the older lead survives, as in a
// dedupe run), pairs marked different are remembered so that they are
// never proposed again and lose their flag. A decision on a lead that is
// gone, converted or already merged into the other is skipped with the
// reason. Two rows that decide one pair both ways (directly, or a
// different pair that the review's merges would join) fail the review with
// ErrConflictingDecisions, and nothing is written.
//
// m, when set, scores each pair merged, as leads show --explain compares
// it, and the merge record keeps that score; with m nil it is 0.
//
// touch, when set, runs on every lead the review changes before it is
// written (the command rescores them).
func ApplyReview(st crm.Store, m *Matcher, decisions []ReviewDecision, runID string, now time.Time, touch func(*crm.Lead, time.Time)) (*ReviewResult, error) {
	res := &ReviewResult{Skipped: []ReviewSkip{}, Merges: []PlannedMerge{}}
	decided := map[[2]crm.ID]ReviewDecision{}
	for _, d := range decisions {
		if d.Verdict == Undecided {
			continue
		}
		k := pairKey(d.A, d.B)
		if first, ok := decided[k]; ok && first.Verdict != d.Verdict {
			return nil, conflictError(first, d)
		} else if !ok {
			decided[k] = d
		}
	}
	work := map[crm.ID]*crm.Lead{}
	get := func(id crm.ID) (*crm.Lead, error) {
		for hops := 0; hops < 8; hops++ {
			l, ok := work[id]
			if !ok {
				var err error
				if l, err = st.Lead(id); err != nil {
					return nil, err
				}
				work[id] = l
			}
			if l.MergedInto == 0 {
				return l, nil
			}
			id = l.MergedInto
		}
		return nil, fmt.Errorf("lead %s: merge chain too long", id)
	}
	// mergedHere is the decision that merged a lead away in this review;
	// joinedBy finds the one that made id and other one lead, if any.
	mergedHere := map[crm.ID]ReviewDecision{}
	// rootBefore is the lead id was part of before this review: merges of
	// earlier runs count, this review's do not.
	rootBefore := func(id crm.ID) (crm.ID, error) {
		for hops := 0; hops < 8; hops++ {
			if _, ok := work[id]; !ok {
				if _, err := get(id); err != nil {
					return 0, err
				}
			}
			into := work[id].MergedInto
			if _, ok := mergedHere[id]; ok {
				into = 0 // merged away by this review
			}
			if into == 0 {
				return id, nil
			}
			id = into
		}
		return 0, fmt.Errorf("lead %s: merge chain too long", id)
	}
	joinedBy := func(ids ...crm.ID) (ReviewDecision, bool) {
		for _, id := range ids {
			for hops := 0; hops < 8; hops++ {
				if d, ok := mergedHere[id]; ok {
					return d, true
				}
				l, ok := work[id]
				if !ok || l.MergedInto == 0 {
					break
				}
				id = l.MergedInto
			}
		}
		return ReviewDecision{}, false
	}
	var different []ReviewDecision
	batch := &crm.Batch{}
	changed := map[crm.ID]bool{}
	for _, d := range decisions {
		skip := func(format string, args ...any) {
			res.Skipped = append(res.Skipped, ReviewSkip{Row: d.Row, Reason: fmt.Sprintf(format, args...)})
		}
		if d.Verdict == Undecided {
			res.Undecided++
			continue
		}
		// A missing lead's error names it already ("lead L0000042: not
		// found"); other errors are named after the lead here.
		unreadable := func(id crm.ID, err error) {
			if errors.Is(err, crm.ErrNotFound) {
				skip("%v", err)
			} else {
				skip("lead %s: %v", id, err)
			}
		}
		a, err := get(d.A)
		if err != nil {
			unreadable(d.A, err)
			continue
		}
		b, err := get(d.B)
		if err != nil {
			unreadable(d.B, err)
			continue
		}
		if a.ID == b.ID {
			if d.Verdict == Different {
				// Joined by this review's merges, or one lead before it?
				ra, errA := rootBefore(d.A)
				rb, errB := rootBefore(d.B)
				if m, ok := joinedBy(d.A, d.B); ok && errA == nil && errB == nil && ra != rb {
					return nil, conflictError(d, m)
				}
			}
			skip("%s and %s are already one lead (%s)", d.A, d.B, a.ID)
			continue
		}
		switch d.Verdict {
		case Different:
			different = append(different, d)
			batch.Distinct = append(batch.Distinct, [2]crm.ID{a.ID, b.ID})
			for _, x := range []*crm.Lead{a, b} {
				if x.PossibleDuplicateOf == a.ID || x.PossibleDuplicateOf == b.ID {
					x.PossibleDuplicateOf = 0
					x.UpdatedAt = now
					changed[x.ID] = true
				}
			}
			res.Different++
		case Same:
			if a.Status == crm.StatusConverted || b.Status == crm.StatusConverted {
				skip("a converted lead is read-only; reactivate it first")
				continue
			}
			surv, gone := a, b
			if gone.ID < surv.ID {
				surv, gone = gone, surv
			}
			score := 0.0
			if m != nil {
				// The absorbed lead against the survivor as it is (its
				// earlier states counting), as --explain shows the merge.
				r := m.Record(gone)
				score = m.ExplainLead(&r, surv, -1).Score
			}
			changes := MergeLeads(surv, gone, gone, runID, "review", fmt.Sprintf("review %s row %d: same", d.File, d.Row), score, now)
			changed[surv.ID], changed[gone.ID] = true, true
			mergedHere[gone.ID] = d
			pm := PlannedMerge{Survivor: surv.ID, Absorbed: gone.ID, Score: score}
			for _, c := range changes {
				pm.Changed = append(pm.Changed, c.Field)
			}
			res.Merges = append(res.Merges, pm)
			res.Merged++
		}
	}
	// A pair remembered as different that later merges joined.
	for _, d := range different {
		a, errA := get(d.A)
		b, errB := get(d.B)
		if errA == nil && errB == nil && a.ID == b.ID {
			if m, ok := joinedBy(d.A, d.B); ok {
				return nil, conflictError(d, m)
			}
		}
	}
	for id, l := range work {
		if changed[id] {
			if touch != nil && l.MergedInto == 0 {
				touch(l, now)
			}
			batch.Leads = append(batch.Leads, l)
		}
	}
	if len(batch.Leads) == 0 && len(batch.Distinct) == 0 {
		return res, nil
	}
	if err := st.Apply(batch); err != nil {
		return nil, err
	}
	return res, nil
}
