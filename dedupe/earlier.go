package dedupe

import (
	"fmt"
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
	states, _, _, _ := m.walk(l, len(l.Merges))
	return states
}

// walk takes every merge of l back on one copy of the lead, then walks
// forward through the first upTo merges, so that a lead with thousands of
// merges costs one pass and keeps only the states it returns: the earlier
// states (as Earlier) with their records and the index in l.Merges of the
// merge that ended each, and, in at, the lead as it was before merge upTo.
//
// An earlier state has no raw phone or mobile where a merge set the
// normalized one: the raw value a lead keeps is the newest row's, and
// would make an unreadable local number of a number the state never had.
func (m *Matcher) walk(l *crm.Lead, upTo int) (states []*crm.Lead, recs []Record, before []int, at *crm.Lead) {
	if len(l.Merges) == 0 {
		return nil, nil, nil, l
	}
	// reads: what matching reads, and the lead's other e-mail columns.
	reads := func(f string) bool { return m.reads(f) || slices.Contains(l.EmailFields, f) }
	cur := fieldsOf(l)
	own := false // cur's custom fields are its own, not l's
	for i := len(l.Merges) - 1; i >= 0; i-- {
		ch := l.Merges[i].Changes
		for j := len(ch) - 1; j >= 0; j-- {
			f := ch[j].Field
			if !reads(f) {
				continue
			}
			own = setState(cur, own, f, unerased(ch[j].Old))
			if f == crm.FieldPhone || f == crm.FieldMobile {
				if _, ok := cur.Raw.Get(f); ok {
					cur.Raw = cur.Raw.Clone()
					cur.Raw.Delete(f)
				}
			}
		}
	}
	r := m.Record(cur)
	pr := pack(&r)
	for i, mr := range l.Merges[:min(upTo, len(l.Merges))] {
		var next *crm.Lead
		own := false
		for _, c := range mr.Changes {
			if !reads(c.Field) {
				continue
			}
			if next == nil {
				copied := *cur
				next = &copied
			}
			own = setState(next, own, c.Field, unerased(c.New))
		}
		if next == nil {
			continue // changed nothing matching reads
		}
		nr := m.Record(next)
		pn := pack(&nr)
		if pr != pn && len(states) < maxEarlier {
			states, recs, before = append(states, cur), append(recs, r), append(before, i)
		}
		cur, r, pr = next, nr, pn
	}
	return states, recs, before, cur
}

// setState sets a field of a state (setField); a state shares its custom
// fields with the one it was copied from until it changes one, so the
// first custom field it sets copies them (own reports they are its own).
func setState(s *crm.Lead, own bool, field, v string) bool {
	if !own && !crm.IsLeadField(field) {
		s.Custom, own = maps.Clone(s.Custom), true
	}
	setField(s, field, v)
	return own
}

// reads reports whether matching reads field: a field of Record, or one
// the configured comparisons and blocking keys read.
func (m *Matcher) reads(field string) bool {
	switch field {
	case crm.FieldFirstName, crm.FieldLastName, crm.FieldCompany, crm.FieldEmail, crm.FieldPhone,
		crm.FieldMobile, crm.FieldPostalCode, crm.FieldCity, crm.FieldStreet, crm.FieldTaxID, crm.FieldCountry:
		return true
	}
	return slices.Contains(m.extra, field)
}

// unerased is a value of a merge record, or "" where leadpipe erase
// replaced it: an erased value is no value to match on.
func unerased(v string) string {
	if v == crm.ErasedValue {
		return ""
	}
	return v
}

// fieldsOf copies the values of l that matching reads; the custom fields
// are shared until walk changes one.
func fieldsOf(l *crm.Lead) *crm.Lead {
	c := *l
	c.History, c.Merges, c.Imports, c.Warnings = nil, nil, nil, nil
	return &c
}

// ExplainLead compares r with lead l as the index does, and explains the
// best comparison: with l as it is now and, unless a guard other than
// first_name and those that flag (reviewVeto) vetoes that
// (earlierCounts), with each of its earlier states
// (Earlier). Result.Earlier says which earlier state it was, and
// Result.BeforeMerge which of l's merges (1-based) ended the state
// compared with.
//
// With merge >= 0, it explains l.Merges[merge] as it was made: with the
// lead as it was just before that merge and the earlier states it had
// then, not with what that merge and later ones made of it.
func (m *Matcher) ExplainLead(r *Record, l *crm.Lead, merge int) Result {
	upTo := len(l.Merges)
	if merge >= 0 && merge < len(l.Merges) {
		upTo = merge
	}
	_, recs, before, at := m.walk(l, upTo)
	if upTo == len(l.Merges) {
		at = l // the lead as it is, raw values and all
	}
	ar := m.Record(at)
	first := m.Explain(r, &ar)
	if upTo < len(l.Merges) {
		first.BeforeMerge = merge + 1
	}
	best := first
	if !earlierCounts(best.Veto) {
		return best
	}
	for k := range recs {
		if res := m.Explain(r, &recs[k]); res.Veto == "" && m.earlierWins(best.Score, best.Veto, res.Score) {
			best = res
			best.Earlier, best.BeforeMerge = k+1, before[k]+1
		}
	}
	return best
}

// StateName names the state of lead l that a Result from ExplainLead
// compared with: "" for l as it is now, else for example "L0000001 as it
// was before merge 2 (scan.csv row 2)", or "(L0000007)" for a lead merged
// in by dedupe or a review. A merge explained with the lead as it was just
// before it (ExplainLead with merge k) is named too, as before merge k+1;
// a caller that names only older states compares BeforeMerge with k+1.
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
