package convert

import (
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// The premise of the name matching below: the importer keeps the company
// name without its legal form as CompanyKey, and both spellings of the
// Müller company share it.
func TestCompanyKeyPremise(t *testing.T) {
	a, b := normalize.ParseCompany("Müller GmbH"), normalize.ParseCompany("MÜLLER GMBH & CO. KG")
	if a.Key != "muller" || b.Key != a.Key {
		t.Fatalf("keys %q and %q, want both %q", a.Key, b.Key, "muller")
	}
	if a.LegalForm != "GmbH" || b.LegalForm != "GmbH & Co. KG" {
		t.Fatalf("legal forms %q and %q", a.LegalForm, b.LegalForm)
	}
	for _, addr := range []string{"anna@gmail.com", "Jan@WP.PL", "j.mueller@gmx.de"} {
		e, err := normalize.ParseEmail(addr)
		if err != nil || !e.Freemail {
			t.Fatalf("ParseEmail(%q) = %+v, %v; want a freemail address", addr, e, err)
		}
	}
}

// mueller is the account the matching tests look for: Müller GmbH in
// Berlin, with a tax id and a company e-mail domain.
func mueller(mod func(*crm.Account)) *crm.Account {
	a := testAccount(crm.Account{ID: 1, Name: "Müller GmbH", TaxID: "DE136695976", Domain: "mueller-gmbh.de",
		Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin", Country: "DE"})
	if mod != nil {
		mod(a)
	}
	return a
}

func TestMatchAccount(t *testing.T) {
	berlin := func(l *crm.Lead) { l.PostalCode, l.City, l.Country = "10115", "Berlin", "DE" }
	tests := []struct {
		name     string
		accounts []*crm.Account
		lead     crm.Lead
		// after changes the lead as the importer left it.
		after func(*crm.Lead)
		// want is "new", "matched <id> by <key>" or "held: <reason>".
		want string
	}{
		// Tax id.
		{
			name:     "tax id, other name and place",
			accounts: []*crm.Account{mueller(nil)},
			lead: crm.Lead{Company: "JM Holding AG", Email: "jm@jm-holding.de", TaxID: "DE136695976",
				PostalCode: "20095", City: "Hamburg", Country: "DE"},
			want: "matched A0000001 by tax_id",
		},
		{
			name:     "tax id and the same name and place",
			accounts: []*crm.Account{mueller(nil)},
			lead:     with(crm.Lead{Company: "MÜLLER GMBH & CO. KG", TaxID: "DE136695976"}, berlin),
			want:     "matched A0000001 by tax_id",
		},

		// Name without legal form, in the same place.
		{
			name:     "name without legal form, same postal code",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" })},
			lead:     with(crm.Lead{Company: "MÜLLER GMBH & CO. KG", Email: "juergen.mueller@gmx.de"}, berlin),
			want:     "matched A0000001 by name_place",
		},
		{
			name:     "lead without tax id, account with one",
			accounts: []*crm.Account{mueller(nil)},
			lead:     with(crm.Lead{Company: "Müller GmbH"}, berlin),
			want:     "matched A0000001 by name_place",
		},
		{
			name:     "lead with a tax id no account has, name match without one",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID = "" })},
			lead:     with(crm.Lead{Company: "Müller GmbH", TaxID: "PL1234563218"}, berlin),
			want:     "matched A0000001 by name_place",
		},
		{
			name:     "postal code in another letter case",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Acme Ltd", PostalCode: "SW1A 1AA", City: "London", Country: "GB"})},
			lead:     crm.Lead{Company: "ACME LIMITED", PostalCode: "sw1a 1aa", City: "London", Country: "GB"},
			want:     "matched A0000001 by name_place",
		},
		{
			name:     "name and city, the lead has no postal code",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" })},
			lead:     crm.Lead{Company: "Müller GmbH & Co. KG", City: "Berlin", Country: "DE"},
			want:     "matched A0000001 by name_place",
		},
		{
			name:     "name and city, the account has no postal code",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"})},
			lead:     crm.Lead{Company: "NOWAK SP Z OO", PostalCode: "00-950", City: "Warszawa", Country: "PL"},
			want:     "matched A0000001 by name_place",
		},
		{
			name:     "name and city with umlauts folded",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Schmidt & Söhne AG", City: "München", Country: "DE"})},
			lead:     crm.Lead{Company: "Schmidt und Söhne AG", PostalCode: "80331", City: "MUENCHEN", Country: "DE"},
			want:     "matched A0000001 by name_place",
		},
		{
			name:     "two different postal codes are two places",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" })},
			lead:     crm.Lead{Company: "Müller GmbH", PostalCode: "10117", City: "Berlin", Country: "DE"},
			want:     "new",
		},
		{
			name:     "same postal code in another country",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" })},
			lead:     crm.Lead{Company: "Müller GmbH", PostalCode: "10115", City: "Berlin", Country: "AT"},
			want:     "new",
		},
		{
			name:     "name in another city, no postal codes",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"})},
			lead:     crm.Lead{Company: "Nowak Sp. z o.o.", City: "Kraków", Country: "PL"},
			want:     "new",
		},
		// A side without any place (a badge scan with the firm alone):
		// the name anywhere, never a second account of that name.
		{
			name:     "name without any place",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" })},
			lead:     crm.Lead{Company: "Müller GmbH"},
			want:     "matched A0000001 by name",
		},
		{
			name:     "name without any place, same country",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" })},
			lead:     crm.Lead{Company: "MUELLER GMBH & CO. KG", Email: "jm@gmail.com", Street: "Hauptstraße 5", Country: "DE"},
			want:     "matched A0000001 by name",
		},
		{
			name:     "name without any place, another country",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" })},
			lead:     crm.Lead{Company: "Müller GmbH", Country: "AT"},
			want:     "new",
		},
		{
			name:     "account without any place, lead with one",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Omega Solutions GmbH", Country: "DE"})},
			lead:     crm.Lead{Company: "Omega Solutions GmbH", PostalCode: "80331", City: "München", Country: "DE"},
			want:     "matched A0000001 by name",
		},
		{
			name: "name without any place, two accounts of that name",
			accounts: []*crm.Account{
				mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" }),
				testAccount(crm.Account{ID: 2, Name: "Müller GmbH", PostalCode: "80331", City: "München", Country: "DE"}),
			},
			lead: crm.Lead{Company: "Müller GmbH", Country: "DE"},
			want: "held: ambiguous: 2 accounts with this name (A0000001, A0000002), and the lead names no postal code or city",
		},
		// The accounts a lead with a place matched have no place: the
		// reason does not say they are in the lead's.
		{
			name: "lead with a place, two accounts of its name without one",
			accounts: []*crm.Account{
				testAccount(crm.Account{ID: 1, Name: "Omega Solutions GmbH", Country: "DE"}),
				testAccount(crm.Account{ID: 2, Name: "Omega Solutions AG", Country: "DE"}),
			},
			lead: crm.Lead{Company: "Omega Solutions GmbH", PostalCode: "80331", City: "München", Country: "DE"},
			want: "held: ambiguous: 2 accounts with this name and no place (A0000001, A0000002)",
		},
		{
			name: "name without a place matches one, domain another",
			accounts: []*crm.Account{
				testAccount(crm.Account{ID: 1, Name: "Omega Solutions GmbH", Country: "DE"}),
				testAccount(crm.Account{ID: 2, Name: "Omega Holding AG", Domain: "omega.de", City: "Hamburg", Country: "DE"}),
			},
			lead: crm.Lead{Company: "Omega Solutions GmbH", Email: "j@omega.de", PostalCode: "80331", City: "München", Country: "DE"},
			want: "held: ambiguous: the name matches A0000001 (a place on one side only), the e-mail domain matches A0000002",
		},
		{
			name:     "name without any place, the account has another tax id",
			accounts: []*crm.Account{mueller(nil)},
			lead:     crm.Lead{Company: "Müller GmbH", TaxID: "PL1234563218"},
			want:     "held: ambiguous: A0000001 matches by name or domain but has another tax id",
		},

		// Company e-mail domain.
		{
			name:     "company e-mail domain",
			accounts: []*crm.Account{mueller(nil)},
			lead:     crm.Lead{Company: "JM Beratung", Email: "J.Mueller@Mueller-GmbH.DE", City: "Potsdam", Country: "DE"},
			want:     "matched A0000001 by domain",
		},
		{
			name:     "domain and name agree",
			accounts: []*crm.Account{mueller(nil)},
			lead:     with(crm.Lead{Company: "Müller GmbH", Email: "info@mueller-gmbh.de"}, berlin),
			want:     "matched A0000001 by name_place",
		},
		{
			name:     "gmail.com never matches",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Anna Schmidt Design", Domain: "gmail.com"})},
			lead:     crm.Lead{Company: "Schmidt Consulting", Email: "anna.schmidt@gmail.com", City: "Köln", Country: "DE"},
			want:     "new",
		},
		{
			name:     "gmx.de never matches",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Bauer KG", Domain: "gmx.de"})},
			lead:     crm.Lead{Company: "Bäckerei Bauer", Email: "bauer@gmx.de", City: "Bonn", Country: "DE"},
			want:     "new",
		},
		{
			name:     "wp.pl never matches",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Wójcik SA", Domain: "wp.pl"})},
			lead:     crm.Lead{Company: "Kowalski SA", Email: "jan.kowalski@wp.pl", City: "Gdańsk", Country: "PL"},
			want:     "new",
		},
		{
			name:     "freemail domain not flagged on the lead still never matches",
			accounts: []*crm.Account{testAccount(crm.Account{ID: 1, Name: "Wójcik SA", Domain: "wp.pl"})},
			lead:     crm.Lead{Company: "Kowalski SA", Email: "jan.kowalski@wp.pl", City: "Gdańsk", Country: "PL"},
			// A lead stored before the domain was on the freemail list.
			after: func(l *crm.Lead) { l.EmailFreemail = false },
			want:  "new",
		},

		// Ambiguity: held, never guessed.
		{
			name: "two accounts with the same tax id",
			accounts: []*crm.Account{
				mueller(nil),
				testAccount(crm.Account{ID: 2, Name: "Müller Vertrieb GmbH", TaxID: "DE136695976", PostalCode: "20095", City: "Hamburg", Country: "DE"}),
			},
			lead: crm.Lead{Company: "Müller GmbH", TaxID: "DE136695976"},
			want: "held: ambiguous: 2 accounts have the lead's tax id (A0000001, A0000002)",
		},
		{
			name: "tax id matches one, name and place another",
			accounts: []*crm.Account{
				mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" }),
				testAccount(crm.Account{ID: 2, Name: "JM Holding AG", TaxID: "DE136695976", PostalCode: "20095", City: "Hamburg", Country: "DE"}),
			},
			lead: with(crm.Lead{Company: "Müller GmbH", TaxID: "DE136695976"}, berlin),
			want: "held: ambiguous: the tax id matches A0000002, the name and place match A0000001",
		},
		{
			name:     "no account has the tax id, the name match has another",
			accounts: []*crm.Account{mueller(nil)},
			lead:     with(crm.Lead{Company: "Müller GmbH", TaxID: "PL1234563218"}, berlin),
			want:     "held: ambiguous: A0000001 matches by name or domain but has another tax id",
		},
		{
			name:     "no account has the tax id, the domain match has another",
			accounts: []*crm.Account{mueller(nil)},
			lead:     crm.Lead{Company: "JM Beratung", Email: "jm@mueller-gmbh.de", TaxID: "PL1234563218"},
			want:     "held: ambiguous: A0000001 matches by name or domain but has another tax id",
		},
		{
			name: "two accounts with the same name in the same place",
			accounts: []*crm.Account{
				mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" }),
				mueller(func(a *crm.Account) { a.ID, a.TaxID, a.Domain = 2, "", "" }),
			},
			lead: with(crm.Lead{Company: "Müller GmbH"}, berlin),
			want: "held: ambiguous: 2 accounts with this name in this place (A0000001, A0000002)",
		},
		{
			name: "same name, one by postal code and one by city",
			accounts: []*crm.Account{
				mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" }),
				mueller(func(a *crm.Account) { a.ID, a.TaxID, a.Domain, a.PostalCode = 2, "", "", "" }),
			},
			lead: with(crm.Lead{Company: "Müller GmbH"}, berlin),
			want: "held: ambiguous: 2 accounts with this name in this place (A0000001, A0000002)",
		},
		{
			name: "name matches one, domain another",
			accounts: []*crm.Account{
				mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" }),
				testAccount(crm.Account{ID: 2, Name: "Müller Holding AG", Domain: "mueller-gmbh.de", City: "Hamburg", Country: "DE"}),
			},
			lead: with(crm.Lead{Company: "Müller GmbH", Email: "j.mueller@mueller-gmbh.de"}, berlin),
			want: "held: ambiguous: the name and place match A0000001, the e-mail domain matches A0000002",
		},
		{
			name: "two accounts with the same domain",
			accounts: []*crm.Account{
				mueller(func(a *crm.Account) { a.TaxID = "" }),
				testAccount(crm.Account{ID: 2, Name: "Müller Holding AG", Domain: "mueller-gmbh.de", City: "Hamburg", Country: "DE"}),
			},
			lead: crm.Lead{Company: "JM Beratung", Email: "jm@mueller-gmbh.de", City: "Potsdam", Country: "DE"},
			want: "held: ambiguous: 2 accounts have the lead's e-mail domain (A0000001, A0000002)",
		},
		{
			name:     "umlaut spelled out: Mueller GmbH is Müller GmbH",
			accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID, a.Domain = "", "" })},
			lead:     crm.Lead{Company: "Mueller GmbH"},
			after:    berlin,
			want:     "matched A0000001 by name_place",
		},
		{
			name: "tax id matches one account, the e-mail domain another",
			accounts: []*crm.Account{mueller(nil), testAccount(crm.Account{ID: 2, Name: "JM Holding AG", Domain: "jm-holding.de",
				PostalCode: "20095", City: "Hamburg", Country: "DE"})},
			lead: crm.Lead{Company: "JM Holding AG", Email: "jm@jm-holding.de", TaxID: "DE136695976",
				PostalCode: "80331", City: "München", Country: "DE"},
			want: "held: ambiguous: the tax id matches A0000001, the e-mail domain matches A0000002",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := testIndex(t, tt.accounts, nil)
			l := tt.lead
			l.ID, l.FirstName, l.LastName = 1, "Jürgen", "Müller"
			lead := testLead(l)
			if tt.after != nil {
				tt.after(lead)
			}
			ap, acct, reason := x.matchAccount(lead, map[crm.AccountID]*crm.Account{})
			got := "new"
			switch {
			case reason != "":
				got = "held: " + reason
				if acct != nil {
					t.Errorf("held with account %s", acct.ID)
				}
			case acct != nil:
				got = "matched " + ap.ID.String() + " by " + ap.Key
				if ap.Action != "matched" || acct.ID != ap.ID || ap.Name != acct.Name {
					t.Errorf("plan %+v for account %s %q", ap, acct.ID, acct.Name)
				}
			}
			if got != tt.want {
				t.Errorf("lead %q %s %s %s, tax id %q, e-mail %q:\n got  %s\n want %s",
					lead.Company, lead.PostalCode, lead.City, lead.Country, lead.TaxID, lead.Email, got, tt.want)
			}
		})
	}
}

// A freemail address gives no account a domain, whatever the lead says.
func TestNewAccountDomain(t *testing.T) {
	tests := []struct{ email, want string }{
		{"j.mueller@mueller-gmbh.de", "mueller-gmbh.de"},
		{"info@mueller-gmbh.de", "mueller-gmbh.de"},
		{"anna.schmidt@gmail.com", ""},
		{"bauer@gmx.de", ""},
		{"jan.kowalski@wp.pl", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			l := testLead(crm.Lead{ID: 1, LastName: "Müller", Company: "Müller GmbH", Email: tt.email})
			if a := newAccount(l, 1, testNow); a.Domain != tt.want || a.NameKey != "muller" || a.LegalForm != "GmbH" {
				t.Errorf("account %+v, want domain %q, name key muller, legal form GmbH", a, tt.want)
			}
			l.EmailFreemail = false
			if a := newAccount(l, 1, testNow); a.Domain != tt.want {
				t.Errorf("unflagged lead: domain %q, want %q", a.Domain, tt.want)
			}
		})
	}
}

func TestMatchContact(t *testing.T) {
	contacts := []*crm.Contact{
		{ID: 1, AccountID: 1, FirstName: "Jürgen", LastName: "Müller", Email: "j.mueller@mueller-gmbh.de", Phone: "+49301234567"},
		{ID: 2, AccountID: 1, FirstName: "Anna", LastName: "Schmidt", Mobile: "+491701234567"},
		{ID: 3, AccountID: 2, FirstName: "Piotr", LastName: "Nowak", Email: "piotr@nowak.pl", Phone: "+48221234567"},
	}
	accounts := []*crm.Account{
		mueller(nil),
		testAccount(crm.Account{ID: 2, Name: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"}),
	}
	tests := []struct {
		name    string
		lead    crm.Lead
		account crm.AccountID
		want    string // "<id> by <key>" or "none"
	}{
		{"e-mail within the account", crm.Lead{FirstName: "J.", LastName: "Müller", Email: "J.Mueller@mueller-gmbh.de"}, 1, "C0000001 by email"},
		{"e-mail wins over name and phone", crm.Lead{FirstName: "Anna", LastName: "Schmidt", Email: "j.mueller@mueller-gmbh.de", Mobile: "+491701234567"}, 1, "C0000001 by email"},
		{"name and phone", crm.Lead{FirstName: "Jürgen", LastName: "Müller", Email: "juergen@gmx.de", Phone: "+49301234567"}, 1, "C0000001 by name_phone"},
		{"name with umlauts spelled out and phone", crm.Lead{FirstName: "Juergen", LastName: "MUELLER", Phone: "+49301234567"}, 1, "C0000001 by name_phone"},
		{"name and mobile", crm.Lead{FirstName: "Anna", LastName: "Schmidt", Mobile: "+491701234567"}, 1, "C0000002 by name_phone"},
		{"same e-mail, another account", crm.Lead{FirstName: "Piotr", LastName: "Nowak", Email: "piotr@nowak.pl"}, 1, "none"},
		{"same name and phone, another account", crm.Lead{FirstName: "Piotr", LastName: "Nowak", Phone: "+48221234567"}, 1, "none"},
		{"same name, another phone", crm.Lead{FirstName: "Jürgen", LastName: "Müller", Phone: "+49307654321"}, 1, "none"},
		{"same name, no phone", crm.Lead{FirstName: "Jürgen", LastName: "Müller"}, 1, "none"},
		{"new account", crm.Lead{FirstName: "Jürgen", LastName: "Müller", Email: "j.mueller@mueller-gmbh.de"}, 3, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := testIndex(t, accounts, contacts)
			l := tt.lead
			l.ID, l.Company = 7, "Müller GmbH"
			c, key := x.matchContact(testLead(l), tt.account)
			got := "none"
			if c != nil {
				got = c.ID.String() + " by " + key
				if c.AccountID != tt.account {
					t.Errorf("contact of account %s, want %s", c.AccountID, tt.account)
				}
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// Matching through a plan: an existing contact is found by e-mail and
// gets the lead, and nothing new is created for the person.
func TestPlanMatchesExistingAccountAndContact(t *testing.T) {
	st := testStore(t,
		[]*crm.Lead{testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "MÜLLER GMBH & CO. KG",
			Email: "j.mueller@mueller-gmbh.de", PostalCode: "10115", City: "Berlin", Country: "DE"})},
		&crm.Batch{
			Accounts: []*crm.Account{mueller(func(a *crm.Account) { a.TaxID = ""; a.Leads = []crm.ID{99} })},
			Contacts: []*crm.Contact{{ID: 4, AccountID: 1, FirstName: "Jürgen", LastName: "Müller", Email: "j.mueller@mueller-gmbh.de", Leads: []crm.ID{99}}},
		})
	p := mustPlan(t, st, Options{})
	if len(p.Leads) != 1 {
		t.Fatalf("plan %+v", p)
	}
	lp := p.Leads[0]
	if lp.Account.Action != "matched" || lp.Account.ID != 1 || lp.Account.Key != "name_place" || lp.Account.Name != "Müller GmbH" {
		t.Errorf("account %+v", lp.Account)
	}
	if lp.Contact != (ContactPlan{Action: "matched", ID: 4, Key: "email"}) {
		t.Errorf("contact %+v", lp.Contact)
	}
	if p.Totals.MatchedAccounts != 1 || p.Totals.MatchedContacts != 1 || p.Totals.NewAccounts+p.Totals.NewContacts != 0 {
		t.Errorf("totals %+v", p.Totals)
	}
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	a, _ := st.Account(1)
	c, _ := st.Contact(4)
	if !equalIDs(a.Leads, 99, 1) || !equalIDs(c.Leads, 99, 1) {
		t.Errorf("account leads %v, contact leads %v; want [L0000099 L0000001] each", a.Leads, c.Leads)
	}
	if la, lc, _, _ := st.LastObjectIDs(); la != 1 || lc != 4 {
		t.Errorf("last ids %s %s: something new was created", la, lc)
	}
}

func equalIDs(got []crm.ID, want ...crm.ID) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// with applies a modification to a lead literal.
func with(l crm.Lead, mods ...func(*crm.Lead)) crm.Lead {
	for _, m := range mods {
		m(&l)
	}
	return l
}
