package dedupe

import (
	"fmt"
	"maps"

	"github.com/leadpipe/leadpipe/crm"
)

// maxEarlier is how many earlier states of a lead matching keeps beside
// the current one: the lead as first stored and before each of its next
// merges, up to this many.
//
// A merge replaces a lead's values with the newer row's ("J. Mueller" at
// a new address), and later rows may still look like the old ones: a row
// is compared with every state and counts with the best one. Measured on
// the linkage sets and the generated leads (BENCHMARKS.md): recall rises
// everywhere at the same precision; a 1M-row import keeps its time and
// peak memory. Eight rather than four states lift PATSTAT's applicants,
// whose names come in dozens of spellings, from F1 0.40 to 0.51; 16 and
// 32 add only 0.02 and 0.03, at up to 17 and 33 comparisons per candidate.
const maxEarlier = 8

// Earlier returns the lead as it was before each of its merges, oldest
// first and at most maxEarlier of them, by taking the merges' changes back
// from the newest (with what derives from a field: company key, e-mail
// flags). States that match like the one after them are left out. Only
// the fields are set; the leads must not be written.
//
// An import builds the same states as it merges, so that a lead is found
// alike whether its rows came in one run or in several.
func (m *Matcher) Earlier(l *crm.Lead) []*crm.Lead {
	states, _ := m.earlier(l)
	return states
}

// earlier is Earlier with, for each state, the index in l.Merges of the
// merge that ended it. It takes every merge back on one copy of the lead,
// then walks forward through the merges, so that a lead with thousands of
// merges costs one pass and keeps only the states it returns.
func (m *Matcher) earlier(l *crm.Lead) (states []*crm.Lead, before []int) {
	if len(l.Merges) == 0 {
		return nil, nil
	}
	cur := fieldsOf(l)
	for i := len(l.Merges) - 1; i >= 0; i-- {
		ch := l.Merges[i].Changes
		for j := len(ch) - 1; j >= 0; j-- {
			setField(cur, ch[j].Field, unerased(ch[j].Old))
		}
	}
	r := m.Record(cur)
	for i, mr := range l.Merges {
		if len(mr.Changes) == 0 {
			continue
		}
		next := fieldsOf(cur)
		for _, c := range mr.Changes {
			setField(next, c.Field, unerased(c.New))
		}
		nr := m.Record(next)
		if pack(&r) != pack(&nr) {
			states, before = append(states, cur), append(before, i)
			if len(states) == maxEarlier {
				break
			}
		}
		cur, r = next, nr
	}
	return states, before
}

// unerased is a value of a merge record, or "" where leadpipe erase
// replaced it: an erased value is no value to match on.
func unerased(v string) string {
	if v == crm.ErasedValue {
		return ""
	}
	return v
}

// fieldsOf copies the values of l that matching reads.
func fieldsOf(l *crm.Lead) *crm.Lead {
	c := *l
	c.Custom = maps.Clone(l.Custom)
	c.History, c.Merges, c.Imports, c.Warnings = nil, nil, nil, nil
	return &c
}

// ExplainLead compares r with lead l as the index does, and explains the
// best comparison: with l as it is now and, unless that is vetoed, with
// each of its earlier states (Earlier). Result.Earlier says which state it
// was, and Result.BeforeMerge which of l's merges (1-based) ended it.
//
// With merge >= 0, it explains l.Merges[merge] as it was made: with the
// states l had then (those that merge or an earlier one ended), not with
// what that merge and later ones made of l. A state the index no longer
// keeps (past the oldest maxEarlier) is stood in for by l as it is now.
func (m *Matcher) ExplainLead(r *Record, l *crm.Lead, merge int) Result {
	states, before := m.earlier(l)
	now := true
	if merge >= 0 {
		// The states that existed at the merge: up to the first one
		// that a later merge ended (it was the lead's state then, the
		// merges in between having changed nothing matching reads).
		n := 0
		for n < len(states) && before[n] < merge {
			n++
		}
		if n < len(states) {
			states, now = states[:n+1], false
		}
	}
	var best Result
	found := false
	if now {
		lr := m.Record(l)
		best, found = m.Explain(r, &lr), true
		if best.Veto != "" {
			return best
		}
	}
	for k, e := range states {
		er := m.Record(e)
		res := m.Explain(r, &er)
		if found && (res.Veto != "" || best.Veto == "" && res.Score <= best.Score) {
			continue
		}
		best, found = res, true
		best.Earlier, best.BeforeMerge = k+1, before[k]+1
	}
	return best
}

// StateName names the state of lead l that a Result from ExplainLead
// compared with: "" for l as it is now, else for example "L0000001 as it
// was before merge 2 (scan.csv row 2)", or "(L0000007)" for a lead merged
// in by dedupe or a review.
func StateName(l *crm.Lead, r Result) string {
	k := r.BeforeMerge
	if k <= 0 || k > len(l.Merges) {
		return ""
	}
	mr := l.Merges[k-1]
	what := mr.From.String()
	if mr.From == 0 {
		what = fmt.Sprintf("%s row %d", mr.File, mr.Row)
	}
	return fmt.Sprintf("%s as it was before merge %d (%s)", l.ID, k, what)
}
