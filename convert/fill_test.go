package convert

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// accountLines is one line per planned lead: account, action, key and
// the fields it fills.
func accountLines(p *Plan) []string {
	var out []string
	for _, l := range p.Leads {
		s := fmt.Sprintf("%s %s %s %s", l.Lead, l.Account.ID, l.Account.Action, l.Account.Key)
		for _, f := range l.Account.Filled {
			s += " " + f.Field + "=" + f.Value
		}
		out = append(out, s)
	}
	return out
}

// The reviewer's reproducer: Ada, without a tax id, creates the account of
// Wolf Elektrotechnik; Bea, of the same company, brings its tax id; Cem,
// under another name in another city, has that tax id. Before, the
// account kept no tax id and Cem got a second account for the same VAT
// id. Now Bea fills it, and Cem finds the account by it.
func TestPlanBatchAccountLearnsTaxID(t *testing.T) {
	wolf := func(l crm.Lead) *crm.Lead {
		l.Budget, l.Currency = "10000.00", "EUR"
		return testLead(l)
	}
	leads := []*crm.Lead{
		wolf(crm.Lead{ID: 1, FirstName: "Ada", LastName: "One", Company: "Wolf Elektrotechnik GmbH", Email: "ada.one@gmail.com",
			Phone: "+49891000001", PostalCode: "80331", City: "München", Country: "DE"}),
		wolf(crm.Lead{ID: 2, FirstName: "Bea", LastName: "Two", Company: "Wolf Elektrotechnik GmbH", Email: "bea.two@gmail.com",
			Phone: "+49891000002", PostalCode: "80331", City: "München", Country: "DE", TaxID: "DE811907980"}),
		wolf(crm.Lead{ID: 3, FirstName: "Cem", LastName: "Three", Company: "Wolf Elektro Vertrieb GmbH", Email: "cem.three@gmail.com",
			Phone: "+49401000003", PostalCode: "20095", City: "Hamburg", Country: "DE", TaxID: "DE811907980"}),
		// Once more by name and place: the account, indexed again with
		// its new keys, is still one candidate, not two.
		wolf(crm.Lead{ID: 4, FirstName: "Dora", LastName: "Four", Company: "Wolf Elektrotechnik GmbH", Email: "dora.four@gmail.com",
			PostalCode: "80331", City: "München", Country: "DE"}),
	}
	st := testStore(t, leads, nil)
	p := mustPlan(t, st, Options{})
	want := []string{
		"L0000001 A0000001 new ",
		"L0000002 A0000001 matched batch tax_id=DE811907980",
		"L0000003 A0000001 matched batch",
		"L0000004 A0000001 matched batch",
	}
	if got := accountLines(p); !slices.Equal(got, want) {
		t.Fatalf("accounts\n got %q\nwant %q", got, want)
	}
	if p.Totals.NewAccounts != 1 || len(p.Held) != 0 {
		t.Fatalf("totals %+v, held %v: want one new account, none held", p.Totals, p.Held)
	}
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	a, err := st.Account(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.TaxID != "DE811907980" || !slices.Equal(a.Leads, []crm.ID{1, 2, 3, 4}) {
		t.Errorf("stored account: tax id %q, leads %v", a.TaxID, a.Leads)
	}
	if _, err := st.Account(2); err == nil {
		t.Error("a second account was written")
	}
}

// Across runs: an account that a lead without a tax id created learns the
// tax id from the next lead that matches it, in the plan as the write
// applies it, and a later run finds the account by that tax id (and by
// the company domain it learned) instead of creating a second one.
func TestPlanStoredAccountLearnsKeys(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Bea", LastName: "Two", Company: "Wolf Elektrotechnik GmbH", Email: "bea.two@wolf-elektro.de",
			Phone: "+49891000002", Street: "Sendlinger Str. 1", PostalCode: "80331", City: "Muenchen", Country: "DE", TaxID: "DE811907980"}),
	}
	existing := &crm.Batch{Accounts: []*crm.Account{
		// Made by an earlier conversion of a lead with a freemail address
		// and no tax id, street or phone.
		testAccount(crm.Account{ID: 1, Name: "Wolf Elektrotechnik GmbH", City: "München", Country: "DE", Leads: []crm.ID{90}}),
	}}
	st := testStore(t, leads, existing)

	// The dry run shows what the write then does.
	dry, err := json.Marshal(mustPlan(t, st, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, st, Options{})
	if real, _ := json.Marshal(p); string(real) != string(dry) {
		t.Fatalf("the plan differs between two runs:\n%s\n%s", dry, real)
	}
	want := []string{"L0000001 A0000001 matched name_place tax_id=DE811907980 domain=wolf-elektro.de"}
	if got := accountLines(p); !slices.Equal(got, want) {
		t.Fatalf("accounts\n got %q\nwant %q", got, want)
	}
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	a, err := st.Account(1)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{a.Name, a.TaxID, a.Domain, a.Street, a.PostalCode, a.City, a.Country, a.Phone}
	// Only the identity keys: the address may be another site's, the
	// phone the person's (and erase would not find it in the account).
	if w := []string{"Wolf Elektrotechnik GmbH", "DE811907980", "wolf-elektro.de", "", "", "München", "DE", ""}; !slices.Equal(got, w) {
		t.Errorf("stored account %q, want %q", got, w)
	}
	var hist []string
	for _, c := range a.History {
		hist = append(hist, c.Field+": "+c.Old+" → "+c.New)
	}
	if len(hist) != 2 || hist[0] != "tax_id:  → DE811907980" {
		t.Errorf("history %q: want one change per filled field", hist)
	}

	// A later run: another name, another city, the same tax id; and a
	// lead with only the company's e-mail domain.
	more := []*crm.Lead{
		testLead(crm.Lead{ID: 2, FirstName: "Cem", LastName: "Three", Company: "Wolf Elektro Vertrieb GmbH", Email: "cem.three@gmail.com",
			PostalCode: "20095", City: "Hamburg", Country: "DE", TaxID: "DE811907980"}),
		testLead(crm.Lead{ID: 3, FirstName: "Dana", LastName: "Four", Company: "Wolf Service", Email: "dana@wolf-elektro.de",
			City: "Augsburg", Country: "DE"}),
	}
	if err := st.Apply(&crm.Batch{Leads: more}); err != nil {
		t.Fatal(err)
	}
	p = mustPlan(t, st, Options{})
	want = []string{"L0000002 A0000001 matched tax_id", "L0000003 A0000001 matched domain"}
	if got := accountLines(p); !slices.Equal(got, want) {
		t.Fatalf("later run\n got %q\nwant %q", got, want)
	}
}

// Filling never replaces a value, never mixes two addresses, and a tax id
// that differs still holds the lead back with the account untouched.
func TestPlanFillNeverOverwrites(t *testing.T) {
	leads := []*crm.Lead{
		// Matched by tax id from another city: the account's phone stays,
		// and no part of the Hamburg address goes to the Munich account.
		testLead(crm.Lead{ID: 1, FirstName: "Cem", LastName: "Three", Company: "Wolf Vertrieb GmbH", Email: "cem@wolf-elektro.de",
			Phone: "+49401000003", Street: "Mönckebergstr. 7", PostalCode: "20095", City: "Hamburg", Country: "DE", TaxID: "DE811907980"}),
		// Matched by name and place, with another tax id: held back.
		testLead(crm.Lead{ID: 2, FirstName: "Eva", LastName: "Five", Company: "Berg GmbH", Email: "eva@gmail.com",
			PostalCode: "10115", City: "Berlin", Country: "DE", TaxID: "DE136695976", Phone: "+49301000005"}),
	}
	existing := &crm.Batch{Accounts: []*crm.Account{
		testAccount(crm.Account{ID: 1, Name: "Wolf Elektrotechnik GmbH", TaxID: "DE811907980", City: "München", Country: "DE",
			Phone: "+49891000000"}),
		testAccount(crm.Account{ID: 2, Name: "Berg GmbH", TaxID: "DE100000008", PostalCode: "10115", City: "Berlin", Country: "DE"}),
	}}
	st := testStore(t, leads, existing)
	p := mustPlan(t, st, Options{})
	want := []string{"L0000001 A0000001 matched tax_id domain=wolf-elektro.de"}
	if got := accountLines(p); !slices.Equal(got, want) {
		t.Fatalf("accounts\n got %q\nwant %q", got, want)
	}
	if len(p.Held) != 1 || p.Held[0].Lead != 2 {
		t.Fatalf("held %v, want L0000002", p.Held)
	}
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	b, err := st.Account(2)
	if err != nil {
		t.Fatal(err)
	}
	if b.TaxID != "DE100000008" || b.Phone != "" || len(b.History) != 0 {
		t.Errorf("the held lead changed its account: %+v", b)
	}
}

// A lead that its gate refuses fills nothing: the next lead of the same
// company, without a tax id, matches as before.
func TestPlanRefusedLeadFillsNothing(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Bea", LastName: "Two", Company: "Wolf GmbH", PostalCode: "80331", City: "München", Country: "DE",
			TaxID: "DE811907980"}),
	}
	existing := &crm.Batch{Accounts: []*crm.Account{
		testAccount(crm.Account{ID: 1, Name: "Wolf GmbH", PostalCode: "80331", City: "München", Country: "DE"}),
	}}
	st := testStore(t, leads, existing)
	p := mustPlan(t, st, Options{Mark: (&marker{refuse: map[crm.ID]string{1: "gate"}}).mark})
	if len(p.Leads) != 0 || len(p.batch.Accounts) != 0 {
		t.Fatalf("a refused lead changed an account: %+v", p.batch.Accounts)
	}
}

// A match by e-mail domain alone fills nothing: the domain of a group of
// firms gave one firm's account another firm's tax id, and that firm's
// own lead was then held back (a review found it). Nor does a fill change
// the place an account is found by: a filled country made a later lead
// without a country miss the account and create a second one.
func TestPlanFillOnlyIdentityKeys(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Ada", LastName: "One", Company: "Wolf Elektro GmbH", Email: "ada@wolf-gruppe.de",
			City: "München"}),
		testLead(crm.Lead{ID: 2, FirstName: "Bea", LastName: "Two", Company: "Wolf Bau GmbH", Email: "bea@wolf-gruppe.de",
			City: "Hamburg", Country: "DE", TaxID: "DE811907980", Phone: "+49401000002", Street: "Hafenstr. 1", PostalCode: "20095"}),
		testLead(crm.Lead{ID: 3, FirstName: "Cem", LastName: "Three", Company: "Wolf Elektro GmbH", Email: "cem@gmail.com",
			City: "München", Country: "DE", TaxID: "DE136695976"}),
	}
	st := testStore(t, leads, nil)
	p := mustPlan(t, st, Options{})
	want := []string{"L0000001 A0000001 new ", "L0000002 A0000001 matched batch", "L0000003 A0000001 matched batch tax_id=DE136695976 country=DE"}
	if got := accountLines(p); !slices.Equal(got, want) || len(p.Held) != 0 {
		t.Fatalf("accounts\n got %q\nwant %q\nheld %v", got, want, p.Held)
	}
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	a, err := st.Account(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.TaxID != "DE136695976" || a.Phone != "" || a.Street != "" || a.PostalCode != "" || a.Country != "DE" {
		t.Errorf("account %+v", a)
	}
	// A later lead without a country still finds the account by name and
	// city.
	if err := st.Apply(&crm.Batch{Leads: []*crm.Lead{testLead(crm.Lead{ID: 4, FirstName: "Dan", LastName: "Four", Company: "Wolf Elektro GmbH",
		Email: "dan@gmail.com", City: "München"})}}); err != nil {
		t.Fatal(err)
	}
	p = mustPlan(t, st, Options{})
	if got := accountLines(p); !slices.Equal(got, []string{"L0000004 A0000001 matched name_place"}) {
		t.Errorf("later run %q", got)
	}
}

// An account without a country took, by postal code, a Graz lead and then
// a Zürich lead of the same name (a review found it). The first match by
// name and place gives the account its country; a lead of another country
// is then another company, in one run or in two.
func TestPlanCountryLessAccount(t *testing.T) {
	mk := func() []*crm.Lead {
		return []*crm.Lead{
			testLead(crm.Lead{ID: 1, FirstName: "Anna", LastName: "Alt", Company: "Müller AG", Email: "anna@gmail.com", PostalCode: "8010"}),
			testLead(crm.Lead{ID: 2, FirstName: "Bernd", LastName: "Berg", Company: "Müller AG", Email: "bernd@web.de", PostalCode: "8010", City: "Graz", Country: "AT"}),
			testLead(crm.Lead{ID: 3, FirstName: "Carla", LastName: "Ctr", Company: "Müller AG", Email: "carla@gmx.ch", PostalCode: "8010", City: "Zürich", Country: "CH"}),
		}
	}
	st := testStore(t, mk(), nil)
	p := mustPlan(t, st, Options{})
	want := []string{"L0000001 A0000001 new ", "L0000002 A0000001 matched batch country=AT", "L0000003 A0000002 new "}
	if got := accountLines(p); !slices.Equal(got, want) {
		t.Fatalf("one run\n got %q\nwant %q", got, want)
	}
	// In two runs: Anna first, then the others.
	st = testStore(t, mk(), nil)
	p = mustPlan(t, st, Options{IDs: []crm.ID{1}})
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	p = mustPlan(t, st, Options{})
	want = []string{"L0000002 A0000001 matched name_place country=AT", "L0000003 A0000002 new "}
	if got := accountLines(p); !slices.Equal(got, want) {
		t.Fatalf("two runs\n got %q\nwant %q", got, want)
	}
}

// Badge scans with the firm alone: Ada and Bea without a place share one
// new account; Cem, with a place, finds it by name and gives it his place;
// Dan, of that name in another town, is another firm; Eva, with the tax id
// of Dan's firm, goes there although the placeless account of the name
// would take her too (the name alone does not outweigh a tax id); Fay,
// without a place, has two accounts of her firm's name and is held back.
func TestPlanAccountWithoutPlace(t *testing.T) {
	omega := func(l crm.Lead) *crm.Lead {
		l.Company, l.Country, l.Budget, l.Currency = "Omega Solutions GmbH", "DE", "10000.00", "EUR"
		return testLead(l)
	}
	leads := []*crm.Lead{
		omega(crm.Lead{ID: 1, FirstName: "Ada", LastName: "One", Email: "ada.one@gmail.com"}),
		omega(crm.Lead{ID: 2, FirstName: "Bea", LastName: "Two", Email: "bea.two@web.de"}),
		omega(crm.Lead{ID: 3, FirstName: "Cem", LastName: "Three", Email: "cem.three@gmx.de", PostalCode: "80331", City: "München"}),
		omega(crm.Lead{ID: 4, FirstName: "Dan", LastName: "Four", Email: "dan.four@gmx.de", PostalCode: "20095", City: "Hamburg",
			TaxID: "DE811907980"}),
		omega(crm.Lead{ID: 5, FirstName: "Eva", LastName: "Five", Email: "eva.five@gmx.de", TaxID: "DE811907980"}),
		omega(crm.Lead{ID: 6, FirstName: "Fay", LastName: "Six", Email: "fay.six@gmx.de"}),
	}
	st := testStore(t, leads, nil)
	p := mustPlan(t, st, Options{})
	want := []string{
		"L0000001 A0000001 new ",
		"L0000002 A0000001 matched batch",
		"L0000003 A0000001 matched batch postal_code=80331 city=München",
		"L0000004 A0000002 new ",
		"L0000005 A0000002 matched batch",
	}
	if got := accountLines(p); !slices.Equal(got, want) {
		t.Fatalf("accounts\n got %q\nwant %q", got, want)
	}
	if len(p.Held) != 1 || p.Held[0].Lead != 6 {
		t.Fatalf("held %+v: want L0000006", p.Held)
	}
}
