package dedupe

import (
	"maps"
	"slices"

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
// merge that ended it.
func (m *Matcher) earlier(l *crm.Lead) (states []*crm.Lead, before []int) {
	if len(l.Merges) == 0 {
		return nil, nil
	}
	cur := fieldsOf(l)
	after := m.Record(cur)
	for i := len(l.Merges) - 1; i >= 0; i-- {
		ch := l.Merges[i].Changes
		if len(ch) == 0 {
			continue
		}
		cur = fieldsOf(cur)
		for j := len(ch) - 1; j >= 0; j-- {
			setField(cur, ch[j].Field, ch[j].Old)
		}
		r := m.Record(cur)
		if pack(&r) == pack(&after) {
			continue
		}
		states, before, after = append(states, cur), append(before, i), r
	}
	// Oldest first, and the oldest ones kept, as the index keeps them.
	slices.Reverse(states)
	slices.Reverse(before)
	n := min(len(states), maxEarlier)
	return states[:n], before[:n]
}

// fieldsOf copies the values of l that matching reads.
func fieldsOf(l *crm.Lead) *crm.Lead {
	c := *l
	c.Custom = maps.Clone(l.Custom)
	c.History, c.Merges, c.Imports, c.Warnings = nil, nil, nil, nil
	return &c
}

// ExplainLead compares r with lead l as the index does: with l as it is now
// and, unless that is vetoed, with each of its earlier states (Earlier),
// and explains the best. Result.Earlier says which state it was, and
// Result.BeforeMerge which of l's merges (1-based) ended that state.
func (m *Matcher) ExplainLead(r *Record, l *crm.Lead) Result {
	lr := m.Record(l)
	best := m.Explain(r, &lr)
	if best.Veto != "" {
		return best
	}
	states, before := m.earlier(l)
	for k, e := range states {
		er := m.Record(e)
		if res := m.Explain(r, &er); res.Veto == "" && res.Score > best.Score {
			best = res
			best.Earlier, best.BeforeMerge = k+1, before[k]+1
		}
	}
	return best
}
