package dedupe

import (
	"fmt"
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
	for _, e := range m.Earlier(l) {
		r := m.Record(e)
		built.Put(r, m.BlockKeys(&r))
	}
	built.Put(cur, m.BlockKeys(&cur))

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
		if r, ok := x.State(1, best.Earlier); !ok || pack(&r) != pack(&first) {
			t.Errorf("%s: State(1, 1) = %+v, %v", name, r, ok)
		}
		if e := m.ExplainLead(&row, l); e.Score != was || e.Earlier != 1 {
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
