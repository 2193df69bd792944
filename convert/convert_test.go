package convert

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
	"github.com/leadpipe/leadpipe/store"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// testNow is the clock of every conversion in these tests.
var testNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// testLead completes a lead the way the importer does: the company split
// into name, key and legal form, the e-mail lower-cased and flagged, and
// status Qualified (stage SQL) unless the literal says otherwise.
func testLead(l crm.Lead) *crm.Lead {
	if l.Company != "" {
		co := normalize.ParseCompany(l.Company)
		l.Company, l.CompanyKey, l.LegalForm = co.Name, co.Key, co.LegalForm
	}
	if l.Email != "" {
		if e, err := normalize.ParseEmail(l.Email); err == nil {
			l.Email, l.EmailFreemail, l.EmailRole = e.Address, e.Freemail, e.Role
		}
	}
	if l.Status == "" {
		l.Status, l.Stage = crm.StatusQualified, crm.StageSQL
	}
	if l.Stage == "" {
		l.Stage = crm.StageLead
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = testNow.AddDate(0, 0, -7)
		l.UpdatedAt = l.CreatedAt
	}
	return &l
}

// testAccount completes an account the way conversion makes one: the name
// split into name, key and legal form.
func testAccount(a crm.Account) *crm.Account {
	co := normalize.ParseCompany(a.Name)
	a.Name, a.NameKey, a.LegalForm = co.Name, co.Key, co.LegalForm
	if a.CreatedAt.IsZero() {
		a.CreatedAt = testNow.AddDate(-1, 0, 0)
		a.UpdatedAt = a.CreatedAt
	}
	return &a
}

// testStore opens a real store holding the leads and then the objects of
// extra (which may be nil).
func testStore(t testing.TB, leads []*crm.Lead, extra *crm.Batch) *store.DB {
	t.Helper()
	st := storetest.OpenTest(t)
	if err := st.Apply(&crm.Batch{Leads: leads}); err != nil {
		t.Fatal(err)
	}
	if extra != nil {
		if err := st.Apply(extra); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// testIndex is the index of a store holding the accounts and contacts.
func testIndex(t testing.TB, accounts []*crm.Account, contacts []*crm.Contact) *index {
	t.Helper()
	st := testStore(t, nil, &crm.Batch{Accounts: accounts, Contacts: contacts})
	x, err := loadIndex(st)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// marker is the lifecycle's part of a conversion, reduced to what the
// tests need: only Qualified leads convert; the status becomes Converted,
// the old one kept; a customer's lead reaches stage Customer and one with
// an opportunity stage Opportunity. It records how it was called.
type marker struct {
	calls    []crm.ID
	customer map[crm.ID]bool
	refuse   map[crm.ID]string
}

func (m *marker) mark(l *crm.Lead, withOpportunity, customer bool, now time.Time) error {
	m.calls = append(m.calls, l.ID)
	if m.customer == nil {
		m.customer = map[crm.ID]bool{}
	}
	m.customer[l.ID] = customer
	if why := m.refuse[l.ID]; why != "" {
		return errors.New(why)
	}
	if l.Status != crm.StatusQualified {
		return fmt.Errorf("cannot change status from %s to Converted: only Qualified leads are converted", l.Status)
	}
	l.History = append(l.History, crm.Change{At: now, By: "convert", Field: "status", Old: string(l.Status), New: string(crm.StatusConverted)})
	l.StatusBeforeConv, l.Status = l.Status, crm.StatusConverted
	l.ConvertedAt, l.UpdatedAt = now, now
	switch {
	case customer:
		l.Stage = crm.StageCustomer
	case withOpportunity && l.Stage.Rank() < crm.StageOpportunity.Rank():
		l.Stage = crm.StageOpportunity
	}
	return nil
}

// mustPlan plans with the test clock, a fixed run id and, unless opts has
// one, a marker.
func mustPlan(t testing.TB, st Reader, opts Options) *Plan {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	if opts.RunID == "" {
		opts.RunID = "convert-test"
	}
	if opts.Mark == nil {
		opts.Mark = (&marker{}).mark
	}
	p, err := PlanConversion(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkTotals(t, p)
	return p
}

// checkTotals proves that the totals count the plan: every selected lead
// is converted, held or converted before, and every converted lead has one account, one
// contact and at most one opportunity.
func checkTotals(t testing.TB, p *Plan) {
	t.Helper()
	tt := p.Totals
	var want Totals
	want.Selected, want.Converted, want.Held, want.AlreadyConverted = tt.Selected, len(p.Leads), len(p.Held), len(p.Already)
	for _, l := range p.Leads {
		if l.Account.Action == "new" {
			want.NewAccounts++
		} else {
			want.MatchedAccounts++
		}
		if l.Contact.Action == "new" {
			want.NewContacts++
		} else {
			want.MatchedContacts++
		}
		if l.Opportunity != nil {
			want.Opportunities++
		}
	}
	if tt != want || tt.Converted+tt.Held+tt.AlreadyConverted != tt.Selected {
		t.Errorf("totals %+v do not add up: want %+v with converted+held+already == selected", tt, want)
	}
}

// fileSum is the checksum of the store's file: equal sums prove that
// nothing was written.
func fileSum(t testing.TB, st *store.DB) [32]byte {
	t.Helper()
	b, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func planned(p *Plan) (converted []string, held []string) {
	for _, l := range p.Leads {
		converted = append(converted, l.Lead.String())
	}
	for _, h := range p.Held {
		held = append(held, h.Lead.String()+": "+h.Reason)
	}
	return converted, held
}

func TestPlanSelection(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", PostalCode: "10115", City: "Berlin", Country: "DE"}),
		testLead(crm.Lead{ID: 2, FirstName: "Piotr", LastName: "Nowak", Company: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL", Status: crm.StatusNew}),
		testLead(crm.Lead{ID: 3, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", MergedInto: 1}),
		testLead(crm.Lead{ID: 4, FirstName: "Anna", LastName: "Schmidt", Company: "Schmidt AG", Status: crm.StatusConverted,
			StatusBeforeConv: crm.StatusQualified, ConvertedAt: testNow.AddDate(0, 0, -1), AccountID: 7, ContactID: 7}),
		testLead(crm.Lead{ID: 5, FirstName: "Jan", LastName: "Kowalski", Company: "Kowalski SA", City: "Gdańsk", Country: "PL"}),
		testLead(crm.Lead{ID: 6, FirstName: "Zofia", LastName: "Wójcik", Email: "zofia@wp.pl", Country: "PL"}),
		testLead(crm.Lead{ID: 7, Company: "Bauer KG", Email: "info@bauer.de", Country: "DE"}),
	}
	plPolish := func(l *crm.Lead) (bool, error) { return l.Country == "PL", nil }
	tests := []struct {
		name      string
		opts      Options
		selected  int
		converted []string
		held      []string
		already   []string
	}{
		{
			name:     "default: status Qualified",
			selected: 4, converted: []string{"L0000001", "L0000005"},
			held: []string{
				"L0000006: no company: an account needs a name",
				"L0000007: no name: a contact needs at least a last name",
			},
		},
		{
			name:     "ids in id order, once each",
			opts:     Options{IDs: []crm.ID{5, 1, 5}},
			selected: 2, converted: []string{"L0000001", "L0000005"},
		},
		{
			name:     "an id whose status may not convert",
			opts:     Options{IDs: []crm.ID{2}},
			selected: 1,
			held:     []string{"L0000002: cannot change status from New to Converted: only Qualified leads are converted"},
		},
		{
			name:     "a merged lead",
			opts:     Options{IDs: []crm.ID{3}},
			selected: 1,
			held:     []string{"L0000003: merged into L0000001; convert that lead"},
		},
		{
			// A second convert --id: the lead is counted as converted
			// before, not held back (which would make the run exit 3).
			name:     "a converted lead",
			opts:     Options{IDs: []crm.ID{4}},
			selected: 1,
			already:  []string{"L0000004: A0000007"},
		},
		{
			name:     "a converted lead among others, by where",
			opts:     Options{Where: func(l *crm.Lead) (bool, error) { return l.Company == "Schmidt AG" || l.ID == 1, nil }},
			selected: 2, converted: []string{"L0000001"},
			already: []string{"L0000004: A0000007"},
		},
		{
			name:     "where selects whatever the status",
			opts:     Options{Where: plPolish},
			selected: 3, converted: []string{"L0000005"},
			held: []string{
				"L0000002: cannot change status from New to Converted: only Qualified leads are converted",
				"L0000006: no company: an account needs a name",
			},
		},
		{
			name:     "ids filtered by where",
			opts:     Options{IDs: []crm.ID{1, 5}, Where: plPolish},
			selected: 1, converted: []string{"L0000005"},
		},
	}
	st := testStore(t, leads, nil)
	// The store selects in one pass; a Reader without that is scanned and
	// then asked lead by lead: both select the same.
	for _, r := range []struct {
		name string
		st   Reader
	}{{"one pass", st}, {"scan and look-up", struct{ Reader }{st}}} {
		for _, tt := range tests {
			t.Run(r.name+"/"+tt.name, func(t *testing.T) {
				p := mustPlan(t, r.st, tt.opts)
				converted, held := planned(p)
				var already []string
				for _, a := range p.Already {
					already = append(already, a.Lead.String()+": "+a.Account.String())
				}
				if p.Totals.Selected != tt.selected || !slices.Equal(converted, tt.converted) || !slices.Equal(held, tt.held) || !slices.Equal(already, tt.already) {
					t.Errorf("selected %d, converted %q, held %q, already %q\nwant %d, %q, %q, %q",
						p.Totals.Selected, converted, held, already, tt.selected, tt.converted, tt.held, tt.already)
				}
			})
		}
	}

	t.Run("unknown id", func(t *testing.T) {
		_, err := PlanConversion(st, Options{IDs: []crm.ID{1, 99}, Now: testNow})
		if !errors.Is(err, crm.ErrNotFound) || !strings.Contains(err.Error(), "L0000099") {
			t.Fatalf("err %v, want ErrNotFound naming L0000099", err)
		}
	})
}

// Leads of one new company share one new account; one of another place
// gets its own; the same person twice gets one contact.
func TestPlanNewCompanySharesAccount(t *testing.T) {
	berlin := func(l *crm.Lead) { l.PostalCode, l.City, l.Country = "10115", "Berlin", "DE" }
	leads := []*crm.Lead{
		testLead(with(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", Email: "j.mueller@mueller-gmbh.de"}, berlin)),
		testLead(with(crm.Lead{ID: 2, FirstName: "Anna", LastName: "Schmidt", Company: "MÜLLER GMBH & CO. KG", Email: "anna.schmidt@gmail.com"}, berlin)),
		testLead(crm.Lead{ID: 3, FirstName: "Piotr", LastName: "Nowak", Company: "Nowak Sp. z o.o.", Email: "piotr@nowak.pl", City: "Warszawa", Country: "PL"}),
		testLead(crm.Lead{ID: 4, FirstName: "Karl", LastName: "Müller", Company: "Müller GmbH", PostalCode: "80331", City: "München", Country: "DE"}),
		testLead(crm.Lead{ID: 5, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", Email: "J.Mueller@mueller-gmbh.de", City: "Potsdam", Country: "DE"}),
	}
	st := testStore(t, leads, nil)
	p := mustPlan(t, st, Options{})
	var got []string
	for _, l := range p.Leads {
		got = append(got, fmt.Sprintf("%s %s %s %s, %s %s %s", l.Lead, l.Account.ID, l.Account.Action, l.Account.Key, l.Contact.ID, l.Contact.Action, l.Contact.Key))
	}
	want := []string{
		"L0000001 A0000001 new , C0000001 new ",
		"L0000002 A0000001 matched batch, C0000002 new ",
		"L0000003 A0000002 new , C0000003 new ",
		"L0000004 A0000003 new , C0000004 new ",
		"L0000005 A0000001 matched batch, C0000001 matched email",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Totals.NewAccounts != 3 || p.Totals.MatchedAccounts != 2 || p.Totals.NewContacts != 4 || p.Totals.MatchedContacts != 1 {
		t.Errorf("totals %+v", p.Totals)
	}
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	a, err := st.Account(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "Müller GmbH" || a.NameKey != "muller" || a.Domain != "mueller-gmbh.de" || a.Verified || !equalIDs(a.Leads, 1, 2, 5) {
		t.Errorf("account %+v", a)
	}
	c, err := st.Contact(1)
	if err != nil {
		t.Fatal(err)
	}
	if c.AccountID != 1 || c.Email != "j.mueller@mueller-gmbh.de" || !equalIDs(c.Leads, 1, 5) {
		t.Errorf("contact %+v", c)
	}
	if la, lc, lo, _ := st.LastObjectIDs(); la != 3 || lc != 4 || lo != 0 {
		t.Errorf("last ids %s %s %s", la, lc, lo)
	}
}

// An ambiguous lead is held back with the reason, never passed to Mark,
// and not written; the others are.
func TestPlanHoldsAmbiguousLead(t *testing.T) {
	twin := func(id crm.AccountID) *crm.Account {
		return testAccount(crm.Account{ID: id, Name: "Müller GmbH", PostalCode: "10115", City: "Berlin", Country: "DE"})
	}
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", PostalCode: "10115", City: "Berlin", Country: "DE"}),
		testLead(crm.Lead{ID: 2, FirstName: "Piotr", LastName: "Nowak", Company: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"}),
	}
	st := testStore(t, leads, &crm.Batch{Accounts: []*crm.Account{twin(1), twin(2)}})
	m := &marker{}
	p := mustPlan(t, st, Options{Mark: m.mark})
	converted, held := planned(p)
	if !slices.Equal(converted, []string{"L0000002"}) ||
		!slices.Equal(held, []string{"L0000001: ambiguous: 2 accounts with this name in this place (A0000001, A0000002)"}) {
		t.Fatalf("converted %q, held %q", converted, held)
	}
	if h := p.Held[0]; h.Name != "Jürgen Müller" || h.Company != "Müller GmbH" {
		t.Errorf("held %+v", h)
	}
	if !slices.Equal(m.calls, []crm.ID{2}) {
		t.Errorf("Mark called for %v, want only L0000002", m.calls)
	}
	if p.Leads[0].Account.ID != 3 {
		t.Errorf("new account %s, want A0000003", p.Leads[0].Account.ID)
	}
	before, _ := st.Lead(1)
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Lead(1)
	if after.Status != crm.StatusQualified || after.AccountID != 0 || len(after.History) != len(before.History) {
		t.Errorf("held lead written: %+v", after)
	}
	for _, id := range []crm.AccountID{1, 2} {
		if a, _ := st.Account(id); len(a.Leads) != 0 {
			t.Errorf("account %s got leads %v", id, a.Leads)
		}
	}
	if l, _ := st.Lead(2); l.Status != crm.StatusConverted || l.AccountID != 3 {
		t.Errorf("lead 2 not converted: %+v", l)
	}
}

// A lead the lifecycle refuses is held with its message, and uses up no
// ids.
func TestPlanHoldsWhenMarkRefuses(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", City: "Berlin", Country: "DE"}),
		testLead(crm.Lead{ID: 2, FirstName: "Piotr", LastName: "Nowak", Company: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"}),
	}
	st := testStore(t, leads, nil)
	m := &marker{refuse: map[crm.ID]string{1: "cannot set status Converted: missing: budget"}}
	p := mustPlan(t, st, Options{Mark: m.mark, Opportunity: true})
	converted, held := planned(p)
	if !slices.Equal(converted, []string{"L0000002"}) || !slices.Equal(held, []string{"L0000001: cannot set status Converted: missing: budget"}) {
		t.Fatalf("converted %q, held %q", converted, held)
	}
	lp := p.Leads[0]
	if lp.Account.ID != 1 || lp.Contact.ID != 1 || lp.Opportunity == nil || lp.Opportunity.ID != 1 {
		t.Errorf("ids %s %s %+v: the refused lead used some up", lp.Account.ID, lp.Contact.ID, lp.Opportunity)
	}
}

// Apply writes exactly what the dry run planned; the dry run writes
// nothing; a second run finds nothing to do.
func TestApplyWritesThePlan(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH & Co. KG", Email: "j.mueller@mueller-gmbh.de",
			PostalCode: "10115", City: "Berlin", Country: "DE", Source: "messe-2026", Budget: "80000.00", Currency: "EUR"}),
		testLead(crm.Lead{ID: 2, FirstName: "Anna", LastName: "Schmidt", Company: "Müller GmbH", Email: "a.schmidt@mueller-gmbh.de",
			PostalCode: "10115", City: "Berlin", Country: "DE", Source: "messe-2026"}),
		testLead(crm.Lead{ID: 3, FirstName: "Piotr", LastName: "Nowak", Company: "Nowak Sp. z o.o.", Email: "piotr@nowak.pl",
			City: "Warszawa", Country: "PL", TaxID: "PL1234563218", Budget: "250000.00", Currency: "PLN"}),
		testLead(crm.Lead{ID: 4, FirstName: "Jan", LastName: "Kowalski", Company: "Kowalski SA", Status: crm.StatusWorking}),
	}
	existing := &crm.Batch{
		Accounts: []*crm.Account{mueller(func(a *crm.Account) { a.Verified = true })},
		Contacts: []*crm.Contact{{ID: 1, AccountID: 1, FirstName: "Jürgen", LastName: "Müller", Email: "j.mueller@mueller-gmbh.de"}},
	}
	st := testStore(t, leads, existing)
	before := fileSum(t, st)
	p := mustPlan(t, st, Options{Opportunity: true})
	if fileSum(t, st) != before {
		t.Fatal("planning wrote to the store")
	}
	if p.RunID != "convert-test" || p.Totals.Selected != 3 || p.Totals.Converted != 3 {
		t.Fatalf("plan %+v", p)
	}
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}

	for _, lp := range p.Leads {
		l, err := st.Lead(lp.Lead)
		if err != nil {
			t.Fatal(err)
		}
		if l.Status != crm.StatusConverted || l.StatusBeforeConv != crm.StatusQualified || !l.ConvertedAt.Equal(testNow) || l.Stage != lp.Stage {
			t.Errorf("%s: status %s (before %s), converted at %v, stage %s (plan %s)", l.ID, l.Status, l.StatusBeforeConv, l.ConvertedAt, l.Stage, lp.Stage)
		}
		if l.AccountID != lp.Account.ID || l.ContactID != lp.Contact.ID || l.OpportunityID != lp.Opportunity.ID {
			t.Errorf("%s: links %s %s %s, plan %s %s %s", l.ID, l.AccountID, l.ContactID, l.OpportunityID, lp.Account.ID, lp.Contact.ID, lp.Opportunity.ID)
		}
		last := l.History[len(l.History)-1]
		if wantLinks := fmt.Sprintf("%s %s %s", lp.Account.ID, lp.Contact.ID, lp.Opportunity.ID); last.Field != "converted_to" || last.New != wantLinks || last.Reason != "convert-test" || !last.At.Equal(testNow) {
			t.Errorf("%s: last history entry %+v, want converted_to %s", l.ID, last, wantLinks)
		}
		a, err := st.Account(lp.Account.ID)
		if err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
		if a.Name != lp.Account.Name || !slices.Contains(a.Leads, l.ID) {
			t.Errorf("%s: account %+v", l.ID, a)
		}
		c, err := st.Contact(lp.Contact.ID)
		if err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
		if c.AccountID != a.ID || !slices.Contains(c.Leads, l.ID) || c.LastName != l.LastName {
			t.Errorf("%s: contact %+v", l.ID, c)
		}
		o, err := st.Opportunity(lp.Opportunity.ID)
		if err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
		po := lp.Opportunity
		if o.AccountID != a.ID || o.ContactID != c.ID || o.LeadID != l.ID || o.Name != po.Name || o.Amount != po.Amount ||
			o.Currency != po.Currency || o.Stage != po.Stage || o.CloseDate != po.CloseDate || o.PendingVerification != po.Pending {
			t.Errorf("%s: opportunity %+v, plan %+v", l.ID, o, po)
		}
	}
	want := []string{
		"L0000001 A0000001 matched name_place, C0000001 matched email, O0000001 Müller GmbH – messe-2026 80000.00 EUR false, Opportunity",
		"L0000002 A0000001 matched name_place, C0000002 new , O0000002 Müller GmbH – messe-2026   false, Opportunity",
		"L0000003 A0000002 new , C0000003 new , O0000003 Nowak Sp. z o.o. 250000.00 PLN true, Opportunity",
	}
	var got []string
	for _, l := range p.Leads {
		o := l.Opportunity
		got = append(got, fmt.Sprintf("%s %s %s %s, %s %s %s, %s %s %s %s %v, %s", l.Lead, l.Account.ID, l.Account.Action, l.Account.Key,
			l.Contact.ID, l.Contact.Action, l.Contact.Key, o.ID, o.Name, o.Amount, o.Currency, o.Pending, l.Stage))
	}
	if !slices.Equal(got, want) {
		t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	counts := func() (a, c, o int) {
		st.ForEachAccount(func(*crm.Account) error { a++; return nil })
		st.ForEachContact(func(*crm.Contact) error { c++; return nil })
		st.ForEachOpportunity(func(*crm.Opportunity) error { o++; return nil })
		return a, c, o
	}
	if a, c, o := counts(); a != 2 || c != 3 || o != 3 {
		t.Errorf("store holds %d accounts, %d contacts, %d opportunities; want 2, 3, 3", a, c, o)
	}
	if la, lc, lo, _ := st.LastObjectIDs(); la != 2 || lc != 3 || lo != 3 {
		t.Errorf("last ids %s %s %s", la, lc, lo)
	}
	if a, _ := st.Account(1); !a.Verified || !equalIDs(a.Leads, 1, 2) || !a.UpdatedAt.Equal(testNow) {
		t.Errorf("matched account %+v", a)
	}
	if l, _ := st.Lead(4); l.Status != crm.StatusWorking || l.AccountID != 0 {
		t.Errorf("unselected lead changed: %+v", l)
	}

	// Converted leads are never selected again.
	after := fileSum(t, st)
	again := mustPlan(t, st, Options{Opportunity: true})
	if again.Totals != (Totals{}) || len(again.Leads) != 0 || len(again.Held) != 0 {
		t.Errorf("second plan %+v", again)
	}
	if err := again.Apply(st); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, st) != after {
		t.Error("applying an empty plan wrote to the store")
	}
}

// The account of a customer (marked so, or with a won opportunity) is
// reported, and Mark hears of it.
func TestPlanCustomer(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", PostalCode: "10115", City: "Berlin", Country: "DE"}),
		testLead(crm.Lead{ID: 2, FirstName: "Piotr", LastName: "Nowak", Company: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"}),
		testLead(crm.Lead{ID: 3, FirstName: "Jan", LastName: "Kowalski", Company: "Kowalski SA", City: "Gdańsk", Country: "PL"}),
		testLead(crm.Lead{ID: 4, FirstName: "Anna", LastName: "Schmidt", Company: "Schmidt AG", City: "Köln", Country: "DE"}),
	}
	existing := &crm.Batch{
		Accounts: []*crm.Account{
			mueller(func(a *crm.Account) { a.Customer = true }),
			testAccount(crm.Account{ID: 2, Name: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"}),
			testAccount(crm.Account{ID: 3, Name: "Kowalski SA", City: "Gdańsk", Country: "PL"}),
		},
		Opportunities: []*crm.Opportunity{
			{ID: 1, AccountID: 2, ContactID: 1, LeadID: 90, Name: "Nowak – 2025", Stage: "Closed Won", Won: true},
			{ID: 2, AccountID: 3, ContactID: 2, LeadID: 91, Name: "Kowalski – 2025", Stage: "Closed Lost"},
		},
	}
	st := testStore(t, leads, existing)
	m := &marker{}
	p := mustPlan(t, st, Options{Mark: m.mark, Opportunity: true})
	want := map[crm.ID]bool{1: true, 2: true, 3: false, 4: false}
	for _, lp := range p.Leads {
		if lp.Account.Customer != want[lp.Lead] || m.customer[lp.Lead] != want[lp.Lead] {
			t.Errorf("%s: plan says customer %v, Mark heard %v; want %v", lp.Lead, lp.Account.Customer, m.customer[lp.Lead], want[lp.Lead])
		}
		wantStage := crm.StageOpportunity
		if want[lp.Lead] {
			wantStage = crm.StageCustomer
		}
		if lp.Stage != wantStage {
			t.Errorf("%s: stage %s, want %s", lp.Lead, lp.Stage, wantStage)
		}
	}
	if len(p.Leads) != 4 {
		t.Errorf("converted %d leads, want 4", len(p.Leads))
	}
}

func TestPlanOpportunity(t *testing.T) {
	lead := crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", PostalCode: "10115", City: "Berlin",
		Country: "DE", Source: "messe-2026", Budget: "83500.00", Currency: "EUR"}
	tests := []struct {
		name     string
		cfg      Config
		lead     crm.Lead
		verified *crm.Account // an existing account the lead matches
		want     OpportunityPlan
	}{
		{
			name: "defaults",
			lead: lead,
			want: OpportunityPlan{ID: 1, Name: "Müller GmbH – messe-2026", Amount: "83500.00", Currency: "EUR",
				Stage: "Qualification", CloseDate: "2026-05-31", Pending: true},
		},
		{
			name: "every placeholder",
			cfg:  Config{OpportunityName: "{first_name} {last_name} @ {company} ({source}, {date})", OpportunityStage: "Proposal", CloseDays: 30},
			lead: lead,
			want: OpportunityPlan{ID: 1, Name: "Jürgen Müller @ Müller GmbH (messe-2026, 2026-03-02)", Amount: "83500.00", Currency: "EUR",
				Stage: "Proposal", CloseDate: "2026-04-01", Pending: true},
		},
		{
			name: "no source: no dangling dash",
			lead: with(lead, func(l *crm.Lead) { l.Source = "" }),
			want: OpportunityPlan{ID: 1, Name: "Müller GmbH", Amount: "83500.00", Currency: "EUR",
				Stage: "Qualification", CloseDate: "2026-05-31", Pending: true},
		},
		{
			name: "no budget: no amount",
			cfg:  Config{CloseDays: 1},
			lead: with(lead, func(l *crm.Lead) { l.Budget, l.Currency = "", "" }),
			want: OpportunityPlan{ID: 1, Name: "Müller GmbH – messe-2026", Stage: "Qualification", CloseDate: "2026-03-03", Pending: true},
		},
		{
			name:     "verified account: not pending; the account's name",
			lead:     with(lead, func(l *crm.Lead) { l.Company = "MÜLLER GMBH & CO. KG" }),
			verified: mueller(func(a *crm.Account) { a.Verified = true }),
			want: OpportunityPlan{ID: 1, Name: "Müller GmbH – messe-2026", Amount: "83500.00", Currency: "EUR",
				Stage: "Qualification", CloseDate: "2026-05-31"},
		},
		{
			name:     "unverified account: pending",
			lead:     lead,
			verified: mueller(nil),
			want: OpportunityPlan{ID: 1, Name: "Müller GmbH – messe-2026", Amount: "83500.00", Currency: "EUR",
				Stage: "Qualification", CloseDate: "2026-05-31", Pending: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var extra *crm.Batch
			if tt.verified != nil {
				extra = &crm.Batch{Accounts: []*crm.Account{tt.verified}}
			}
			st := testStore(t, []*crm.Lead{testLead(tt.lead)}, extra)
			p := mustPlan(t, st, Options{Opportunity: true, Config: tt.cfg})
			if len(p.Leads) != 1 || p.Leads[0].Opportunity == nil {
				t.Fatalf("plan %+v", p)
			}
			if got := *p.Leads[0].Opportunity; got != tt.want {
				t.Errorf("opportunity\n got  %+v\n want %+v", got, tt.want)
			}
			if p.Leads[0].Account.Verified != (tt.verified != nil && tt.verified.Verified) {
				t.Errorf("account %+v", p.Leads[0].Account)
			}
			if err := p.Apply(st); err != nil {
				t.Fatal(err)
			}
			o, err := st.Opportunity(1)
			if err != nil {
				t.Fatal(err)
			}
			if o.Source != tt.lead.Source || o.LeadID != 1 || o.Won || !o.CreatedAt.Equal(testNow) {
				t.Errorf("stored opportunity %+v", o)
			}
		})
	}

	t.Run("without --opportunity", func(t *testing.T) {
		st := testStore(t, []*crm.Lead{testLead(lead)}, nil)
		p := mustPlan(t, st, Options{})
		if p.Leads[0].Opportunity != nil || p.Totals.Opportunities != 0 || p.Leads[0].Stage != crm.StageSQL {
			t.Fatalf("plan %+v", p.Leads[0])
		}
		if err := p.Apply(st); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Opportunity(1); !errors.Is(err, crm.ErrNotFound) {
			t.Errorf("opportunity 1: %v, want ErrNotFound", err)
		}
		l, _ := st.Lead(1)
		if l.OpportunityID != 0 || l.History[len(l.History)-1].New != "A0000001 C0000001" {
			t.Errorf("lead %s %+v", l.OpportunityID, l.History[len(l.History)-1])
		}
	})
}

// convertAll converts every qualified lead of st with opportunities.
func convertAll(t *testing.T, st *store.DB, now time.Time) *Plan {
	t.Helper()
	p := mustPlan(t, st, Options{Opportunity: true, Now: now})
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVerify(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", Email: "j.mueller@mueller-gmbh.de", PostalCode: "10115", City: "Berlin", Country: "DE"}),
		testLead(crm.Lead{ID: 2, FirstName: "Piotr", LastName: "Nowak", Company: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"}),
		testLead(crm.Lead{ID: 3, FirstName: "Anna", LastName: "Schmidt", Company: "Müller GmbH", PostalCode: "10115", City: "Berlin", Country: "DE", Status: crm.StatusWorking}),
	}
	st := testStore(t, leads, nil)
	convertAll(t, st, testNow)
	later := testNow.Add(time.Hour)

	verified, already, err := Verify(st, []crm.AccountID{1, 1}, "accounts verify", later)
	if err != nil || !slices.Equal(verified, []crm.AccountID{1}) || len(already) != 0 {
		t.Fatalf("Verify = %v, %v, %v", verified, already, err)
	}
	a, _ := st.Account(1)
	h := a.History[len(a.History)-1]
	if !a.Verified || !a.UpdatedAt.Equal(later) || h.Field != "verified" || h.Old != "false" || h.New != "true" || h.By != "accounts verify" {
		t.Errorf("account %+v", a)
	}
	if o, _ := st.Opportunity(1); o.PendingVerification {
		t.Errorf("opportunity of the verified account still pending: %+v", o)
	}
	if o, _ := st.Opportunity(2); !o.PendingVerification {
		t.Errorf("opportunity of another account released: %+v", o)
	}

	verified, already, err = Verify(st, []crm.AccountID{2, 1}, "accounts verify", later)
	if err != nil || !slices.Equal(verified, []crm.AccountID{2}) || !slices.Equal(already, []crm.AccountID{1}) {
		t.Errorf("Verify = %v, %v, %v", verified, already, err)
	}
	if o, _ := st.Opportunity(2); o.PendingVerification {
		t.Errorf("opportunity 2 still pending")
	}

	sum := fileSum(t, st)
	if _, _, err := Verify(st, []crm.AccountID{1, 9}, "accounts verify", later); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("unknown account: %v, want ErrNotFound", err)
	}
	if _, _, err := Verify(st, []crm.AccountID{1}, "accounts verify", later); err != nil {
		t.Error(err)
	}
	if fileSum(t, st) != sum {
		t.Error("Verify wrote although nothing was to verify")
	}

	// A later conversion into the verified account is not pending.
	l, _ := st.Lead(3)
	l.Status = crm.StatusQualified
	if err := st.Apply(&crm.Batch{Leads: []*crm.Lead{l}}); err != nil {
		t.Fatal(err)
	}
	p := convertAll(t, st, later)
	if lp := p.Leads[0]; lp.Account.ID != 1 || !lp.Account.Verified || lp.Opportunity.Pending {
		t.Errorf("plan %+v %+v", lp.Account, lp.Opportunity)
	}
}

// Verifying an account twice in one call reports it once.
func TestVerifyRepeatedID(t *testing.T) {
	st := testStore(t, nil, &crm.Batch{Accounts: []*crm.Account{mueller(func(a *crm.Account) { a.Verified = true })}})
	_, already, err := Verify(st, []crm.AccountID{1, 1}, "accounts verify", testNow)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(already, []crm.AccountID{1}) {
		t.Errorf("already verified = %v, want [A0000001]", already)
	}
}

func TestReactivate(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", Email: "j.mueller@mueller-gmbh.de",
			PostalCode: "10115", City: "Berlin", Country: "DE"}),
		testLead(crm.Lead{ID: 2, FirstName: "Piotr", LastName: "Nowak", Company: "Nowak Sp. z o.o.", Status: crm.StatusNew}),
		// Converted before StatusBeforeConv was kept.
		testLead(crm.Lead{ID: 3, FirstName: "Jan", LastName: "Kowalski", Company: "Kowalski SA", Status: crm.StatusConverted,
			ConvertedAt: testNow.AddDate(0, -1, 0), AccountID: 5, ContactID: 5}),
	}
	st := testStore(t, leads, nil)
	convertAll(t, st, testNow)
	later := testNow.Add(24 * time.Hour)

	l, err := Reactivate(st, 1, "reactivate", later)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := st.Lead(1)
	for _, l := range []*crm.Lead{l, stored} {
		if l.Status != crm.StatusQualified || l.StatusBeforeConv != "" || !l.ConvertedAt.IsZero() || !l.UpdatedAt.Equal(later) ||
			l.AccountID != 0 || l.ContactID != 0 || l.OpportunityID != 0 {
			t.Errorf("reactivated lead %+v", l)
		}
		n := len(l.History)
		st, links := l.History[n-2], l.History[n-1]
		if st.Field != "status" || st.Old != "Converted" || st.New != "Qualified" || st.Reason != "reactivated" || st.By != "reactivate" {
			t.Errorf("status history %+v", st)
		}
		if links.Field != "converted_to" || links.Old != "A0000001 C0000001 O0000001" || links.New != "" || !links.At.Equal(later) {
			t.Errorf("links history %+v", links)
		}
	}
	// The objects stay.
	if a, err := st.Account(1); err != nil || !equalIDs(a.Leads, 1) {
		t.Errorf("account %+v, %v", a, err)
	}
	if _, err := st.Opportunity(1); err != nil {
		t.Error(err)
	}

	for _, id := range []crm.ID{1, 2} {
		_, err := Reactivate(st, id, "reactivate", later)
		if !errors.Is(err, ErrNotConverted) {
			t.Errorf("%s: %v, want ErrNotConverted", id, err)
		}
	}
	if _, err := Reactivate(st, 2, "reactivate", later); err == nil || err.Error() != "lead L0000002 is not converted (status New)" {
		t.Errorf("message %v", err)
	}
	if _, err := Reactivate(st, 99, "reactivate", later); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("unknown lead: %v, want ErrNotFound", err)
	}
	if l, err := Reactivate(st, 3, "reactivate", later); err != nil || l.Status != crm.StatusQualified {
		t.Errorf("without the status before: %v, %v", l, err)
	}
}

// Converted again after reactivate, a lead finds its account and contact,
// which list it once.
func TestReactivateThenConvert(t *testing.T) {
	st := testStore(t, []*crm.Lead{testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH",
		Email: "j.mueller@mueller-gmbh.de", PostalCode: "10115", City: "Berlin", Country: "DE"})}, nil)
	convertAll(t, st, testNow)
	later := testNow.Add(24 * time.Hour)
	if _, err := Reactivate(st, 1, "reactivate", later); err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, st, Options{IDs: []crm.ID{1}, Now: later})
	lp := p.Leads[0]
	if lp.Account.ID != 1 || lp.Account.Action != "matched" || lp.Contact.ID != 1 || lp.Contact.Action != "matched" {
		t.Fatalf("plan %+v %+v", lp.Account, lp.Contact)
	}
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	a, _ := st.Account(1)
	c, _ := st.Contact(1)
	if !equalIDs(a.Leads, 1) || !equalIDs(c.Leads, 1) {
		t.Errorf("after reactivate and convert, account leads %v, contact leads %v; want [L0000001] each", a.Leads, c.Leads)
	}
}
