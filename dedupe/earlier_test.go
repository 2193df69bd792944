package dedupe

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// mergeInto merges row into l as an import does and records it.
func mergeInto(l, row *crm.Lead, n int) {
	ch := l.MergeChanges(row, fmt.Sprintf("imp%d", n), "import", time.Date(2026, 11, 24, 10, n, 0, 0, time.UTC))
	l.Merges = append(l.Merges, crm.MergeRecord{ID: fmt.Sprintf("imp%d", n), By: "import", Row: n, Lead: row, Changes: ch})
}

// TestEarlier: the states before each merge come back, oldest first, with
// what derives from a field (the company key), without states that match
// like the next one, and at most maxEarlier of them.
func TestEarlier(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"email", "j.mueller@mueller-gmbh.de", "postal_code", "10115", "city", "Berlin")
	orig := m.Record(l)
	mergeInto(l, lead(0, "company", "Schmidt AG", "postal_code", "20095", "city", "Hamburg"), 1)
	mergeInto(l, lead(0, "budget", "50000"), 2) // changes nothing matching reads
	mergeInto(l, lead(0, "email", "juergen@schmidt-ag.de"), 3)

	got := m.Earlier(l)
	if len(got) != 2 {
		t.Fatalf("%d earlier states, want 2 (the budget merge matches like the state after it)", len(got))
	}
	if r := m.Record(got[0]); pack(&r) != pack(&orig) {
		t.Errorf("oldest state %+v, want the lead as first stored %+v", r, orig)
	}
	if got[1].Company != "Schmidt AG" || got[1].CompanyKey != "schmidt" || got[1].Email != "j.mueller@mueller-gmbh.de" || got[1].Budget != "50000" {
		t.Errorf("second state %+v", got[1])
	}
	if l.Company != "Schmidt AG" || l.Email != "juergen@schmidt-ag.de" || len(l.Merges) != 3 {
		t.Errorf("Earlier changed the lead: %+v", l)
	}

	for i := range 2 * maxEarlier {
		mergeInto(l, lead(0, "street", fmt.Sprintf("Hauptstraße %d", i+1)), 10+i)
	}
	if got := m.Earlier(l); len(got) != maxEarlier || got[0].Company != "Müller GmbH" {
		t.Errorf("%d states, the first of %q; want %d, the oldest kept", len(got), got[0].Company, maxEarlier)
	}
	if got := m.Earlier(lead(2, "first_name", "Anna")); got != nil {
		t.Errorf("a lead without merges has earlier states: %v", got)
	}
}

// TestIndexEarlierState: a row like a lead's old values, unlike its
// current ones, is scored against the old state (Result.Earlier), the same
// whether the index saw the merge happen (Put after Put) or was built from
// the stored lead (Earlier); a guard's veto on the current state stands.
func TestIndexEarlierState(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"phone", "+49301234567", "street", "Hauptstraße 5", "postal_code", "10115", "city", "Berlin",
		"email", "juergen.mueller@gmx.de")
	first := m.Record(l)
	mergeInto(l, lead(0, "company", "Schmidt AG", "phone", "+49409876543", "street", "Jungfernstieg 1",
		"postal_code", "20095", "city", "Hamburg"), 1)

	seen := NewIndex(m, 2) // saw the merge
	seen.Put(first, m.BlockKeys(&first))
	cur := m.Record(l)
	seen.Put(cur, m.BlockKeys(&cur))
	built := NewIndex(m, 2) // built from the store
	built.PutLead(l)
	if !slices.Equal(built.records, seen.records) || !maps.EqualFunc(built.earlier, seen.earlier, slices.Equal) ||
		!slices.Equal(built.links, seen.links) || !maps.Equal(built.heads, seen.heads) {
		t.Errorf("PutLead built another index than Put after Put")
	}

	row := m.Record(lead(2, "first_name", "J.", "last_name", "Mueller", "company", "MÜLLER GMBH",
		"phone", "+49301234567", "postal_code", "10115", "city", "Berlin"))
	now, _ := m.Score(&row, &cur)
	was, _ := m.Score(&row, &first)
	if now >= m.cfg.MergeAt || was < m.cfg.MergeAt {
		t.Fatalf("test data: score %.1f against the lead now, %.1f against it as it was", now, was)
	}
	for name, x := range map[string]*Index{"seen": seen, "built": built} {
		best, ok := x.Best(&row, m.BlockKeys(&row))
		if !ok || best.ID != 1 || best.Score != was || best.Earlier != 1 || m.Decide(best, ok) != Merge {
			t.Errorf("%s: best %+v, want lead 1 at %.1f from its earlier state 1", name, best, was)
		}
		if e := m.ExplainLead(&row, l, -1); e.Score != was || e.Earlier != 1 {
			t.Errorf("ExplainLead: score %.2f from state %d, want %.2f from 1", e.Score, e.Earlier, was)
		}
	}

	// Two different tax ids veto the merge, whatever an earlier state says.
	l.TaxID = "DE123456789"
	cur = m.Record(l)
	seen.Put(cur, m.BlockKeys(&cur))
	row.TaxID = "DE987654321"
	best, ok := seen.Best(&row, m.BlockKeys(&row))
	if !ok || best.Veto == "" || best.Earlier != 0 || m.Decide(best, ok) != New {
		t.Errorf("vetoed pair: %+v", best)
	}
}

// TestEarlierErased: a value leadpipe erase replaced in a merge record is
// no value in the earlier state, not the text "[erased]".
func TestEarlierErased(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Jürgen", "last_name", "Müller", "email", "old@example.de", "postal_code", "10115")
	mergeInto(l, lead(0, "email", "new@example.de", "postal_code", "20095"), 1)
	for i := range l.Merges[0].Changes {
		if c := &l.Merges[0].Changes[i]; c.Field == crm.FieldEmail {
			c.Old = crm.ErasedValue
		}
	}
	got := m.Earlier(l)
	if len(got) != 1 || got[0].Email != "" || got[0].PostalCode != "10115" {
		t.Errorf("earlier states %+v, want one without an e-mail, at 10115", got)
	}
}

// BenchmarkEarlierManyMerges: a lead that took 50,000 merges (a shared
// role address, say) costs one pass and keeps at most maxEarlier states.
func BenchmarkEarlierManyMerges(b *testing.B) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Anna", "last_name", "Nowak", "email", "info@nowak.pl")
	for i := range 50000 {
		mergeInto(l, lead(0, "street", fmt.Sprintf("ul. Długa %d", i+1)), i)
	}
	b.ReportAllocs()
	for b.Loop() {
		if n := len(m.Earlier(l)); n != maxEarlier {
			b.Fatalf("%d states", n)
		}
	}
}

func TestStateName(t *testing.T) {
	l := lead(1, "first_name", "Anna")
	l.Merges = []crm.MergeRecord{{File: "fair.csv", Row: 4}, {From: 7}}
	for _, tt := range []struct {
		before int
		want   string
	}{
		{0, ""},
		{1, "L0000001 as it was before merge 1 (fair.csv row 4)"},
		{2, "L0000001 as it was before merge 2 (L0000007)"},
		{3, ""},
	} {
		if got := StateName(l, Result{BeforeMerge: tt.before}); got != tt.want {
			t.Errorf("StateName(before %d) = %q, want %q", tt.before, got, tt.want)
		}
	}
}

// TestAlsoMatched: a row that scores at or above merge_at with two leads
// counts, unless a review found the two to be different people.
func TestAlsoMatched(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	mk := func(id crm.ID) Record {
		return m.Record(lead(id, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
			"email", "juergen.mueller@mueller-gmbh.de", "postal_code", "10115", "city", "Berlin"))
	}
	for _, distinct := range []bool{false, true} {
		x := NewIndex(m, 3)
		for _, id := range []crm.ID{1, 2} {
			r := mk(id)
			x.Put(r, m.BlockKeys(&r))
		}
		if distinct {
			x.SetDistinct(2, 1)
		}
		row := mk(3)
		if best, ok := x.Best(&row, m.BlockKeys(&row)); !ok || best.ID != 1 {
			t.Fatalf("best %+v", best)
		}
		if got, want := x.Stats().AlsoMatched, map[bool]int64{false: 1, true: 0}[distinct]; got != want {
			t.Errorf("distinct %v: AlsoMatched %d, want %d", distinct, got, want)
		}
	}
}

// TestEarlierNoInventedLocalPhone: the raw phone a lead keeps is the
// newest row's; an earlier state without the normalized phone must not
// read it as an unreadable local number it never had.
func TestEarlierNoInventedLocalPhone(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Jürgen", "last_name", "Müller", "email", "jm@example.de", "city", "Berlin")
	row := lead(0, "phone", "+493865286", "city", "Hamburg")
	row.Raw = crm.RawFromMap(map[string]string{"phone": "386-5286"})
	mergeInto(l, row, 1)
	l.Raw.Set(crm.FieldPhone, "386-5286")
	got := m.Earlier(l)
	if len(got) != 1 {
		t.Fatalf("%d earlier states", len(got))
	}
	if r := m.Record(got[0]); r.Phone != "" || r.City != "berlin" {
		t.Errorf("earlier state phone %q city %q, want no phone, Berlin", r.Phone, r.City)
	}
	if v, _ := l.Raw.Get(crm.FieldPhone); v != "386-5286" {
		t.Errorf("Earlier changed the lead's raw phone: %q", v)
	}
}

// TestExplainLeadAsMerged: each merge of a lead that took more merges
// than the index keeps states of is explained with the score the index
// gave it when the row came.
func TestExplainLeadAsMerged(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Jürgen", "last_name", "Müller", "email", "jm@example.de",
		"street", "Hauptstraße 1", "postal_code", "10115", "city", "Berlin", "country", "DE")
	x := NewIndex(m, 2)
	r := m.Record(l)
	x.Put(r, m.BlockKeys(&r))
	var rows []*crm.Lead
	var scores []float64
	for i := range maxEarlier + 4 {
		row := lead(0, "first_name", "J.", "last_name", "Müller", "email", "jm@example.de",
			"street", fmt.Sprintf("Hauptstraße %d", i+2), "postal_code", fmt.Sprintf("%d", 20095+i), "city", fmt.Sprintf("Stadt %d", i), "country", "DE")
		rr := m.Record(row)
		best, ok := x.Best(&rr, m.BlockKeys(&rr))
		if !ok || best.ID != 1 || m.Decide(best, ok) != Merge {
			t.Fatalf("row %d: best %+v", i, best)
		}
		rows, scores = append(rows, row), append(scores, round(best.Score))
		mergeInto(l, row, i+1)
		r = m.Record(l)
		x.Put(r, m.BlockKeys(&r))
	}
	for i, row := range rows {
		rr := m.Record(row)
		if e := m.ExplainLead(&rr, l, i); e.Score != scores[i] {
			t.Errorf("merge %d explained at %.2f (state %d, before merge %d), made at %.2f", i, e.Score, e.Earlier, e.BeforeMerge, scores[i])
		}
	}
}

// TestEarlierOtherEmails: the lead's other e-mail columns are part of its
// earlier states: the one an export brought before a newer export
// replaced it, and the one a merge brought, in the states after it.
func TestEarlierOtherEmails(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Sarah", "last_name", "McDonald", "email", "sarah.mcd@gmail.com", "city", "Glasgow")
	outlook := func(second string) *crm.Lead {
		r := lead(0, "email", "sarah.mcdonald@highland-trading.co.uk", "E-mail 2 Address", second)
		r.EmailFields = []string{"E-mail 2 Address"}
		return r
	}
	mergeInto(l, outlook("sarah.mcd@gmail.com"), 1)
	mergeInto(l, outlook("sarah.mcdonald@outlook.com"), 2)
	mergeInto(l, lead(0, "city", "Edinburgh"), 3)
	var others []string
	for _, s := range m.Earlier(l) {
		others = append(others, m.Record(s).Other)
	}
	want := []string{"", "sarah.mcd@gmail.com", "sarah.mcdonald@outlook.com"}
	if !slices.Equal(others, want) {
		t.Errorf("other addresses of the earlier states %q, want %q", others, want)
	}
}

// TestEarlierStateKeepsFlag: an earlier state that the row matches worse
// does not undo the flag of a veto on the lead as it is. Thomas Wagner's
// lead, first stored with no company and no mobile, got Bosch and his
// mobile from a merge; a row from Continental with that mobile is the
// company guard's flagged pair (12), not the weak match of his first
// state (4.5).
func TestEarlierStateKeepsFlag(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Thomas", "last_name", "Wagner", "email", "t.wagner@de.bosch.com", "postal_code", "70469", "country", "DE")
	first := m.Record(l)
	mergeInto(l, lead(0, "company", "Robert Bosch GmbH", "mobile", "+49 171 5556677"), 1)
	x := NewIndex(m, 2)
	x.PutLead(l)
	row := m.Record(lead(2, "first_name", "Thomas", "last_name", "Wagner", "company", "Continental AG", "email", "thomas.wagner@continental.com",
		"mobile", "+49 171 5556677", "postal_code", "30165", "country", "DE"))
	cur := m.Record(l)
	now := m.Explain(&row, &cur)
	if was, veto := m.Score(&row, &first); now.Veto != VetoOtherEmployer || m.Decide(now, true) != Review || veto != "" || was >= m.cfg.ReviewAt {
		t.Fatalf("test data: now %s; first state %.1f %q", now, was, veto)
	}
	best, ok := x.Best(&row, m.BlockKeys(&row))
	if !ok || best.Veto != VetoOtherEmployer || best.Earlier != 0 || m.Decide(best, ok) != Review {
		t.Errorf("best %+v, decision %s; want the lead as it is, flagged by the company guard", best, decisionNames[m.Decide(best, ok)])
	}
	if e := m.ExplainLead(&row, l, -1); e.Veto != now.Veto || e.Score != now.Score || e.Earlier != 0 {
		t.Errorf("ExplainLead: score %.2f veto %q from state %d, want %.2f %q from the lead as it is", e.Score, e.Veto, e.Earlier, now.Score, now.Veto)
	}
}
