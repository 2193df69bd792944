package convert_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/convert"
	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
	"github.com/leadpipe/leadpipe/report"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// update rewrites the golden files in testdata; review the rewrite with
// git diff.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenNow and goldenRunID make the plan the same on every run.
var goldenNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

const goldenRunID = "convert-20260302T093000Z-test"

// imported completes a lead the way the importer does: the company split
// into name, key and legal form, the e-mail lower-cased and flagged,
// status Qualified (stage SQL) unless given.
func imported(l crm.Lead) *crm.Lead {
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
	l.CreatedAt = goldenNow.AddDate(0, 0, -7)
	l.UpdatedAt = l.CreatedAt
	return &l
}

// existingAccount completes an account the way conversion makes one.
func existingAccount(a crm.Account) *crm.Account {
	co := normalize.ParseCompany(a.Name)
	a.Name, a.NameKey, a.LegalForm = co.Name, co.Key, co.LegalForm
	a.CreatedAt = goldenNow.AddDate(-1, 0, 0)
	a.UpdatedAt = a.CreatedAt
	return &a
}

// markConverted is the lifecycle's part of a conversion, reduced: only
// Qualified leads convert; a customer's lead reaches stage Customer, one
// with an opportunity stage Opportunity.
func markConverted(l *crm.Lead, withOpportunity, customer bool, now time.Time) error {
	if l.Status != crm.StatusQualified {
		return errors.New("only Qualified leads are converted")
	}
	l.StatusBeforeConv, l.Status, l.ConvertedAt, l.UpdatedAt = l.Status, crm.StatusConverted, now, now
	switch {
	case customer:
		l.Stage = crm.StageCustomer
	case withOpportunity && l.Stage.Rank() < crm.StageOpportunity.Rank():
		l.Stage = crm.StageOpportunity
	}
	return nil
}

// goldenPlan plans a conversion that shows every kind of line: accounts
// matched by name and place (a customer's), by domain, shared within the
// run and new; contacts matched and new; opportunities with and without
// an amount, pending and not; leads held back; a company name that a
// spreadsheet would take for a formula.
func goldenPlan(t *testing.T) *convert.Plan {
	t.Helper()
	st := storetest.OpenTest(t)
	leads := []*crm.Lead{
		imported(crm.Lead{ID: 1, Salutation: "Herr", FirstName: "Jürgen", LastName: "Müller", Company: "MÜLLER GMBH & CO. KG",
			Email: "j.mueller@mueller-gmbh.de", Phone: "+49301234567", PostalCode: "10115", City: "Berlin", Country: "DE",
			Source: "messe-2026", Budget: "80000.00", Currency: "EUR"}),
		imported(crm.Lead{ID: 2, FirstName: "Piotr", LastName: "Nowak", Company: "NOWAK SP Z OO", Email: "piotr@nowak.pl",
			PostalCode: "00-950", City: "Warszawa", Country: "PL", TaxID: "PL1234563218", Budget: "250000.00", Currency: "PLN"}),
		imported(crm.Lead{ID: 3, FirstName: "Karl", LastName: "Weber", Company: "Weber Consulting", Email: "k.weber@mueller-gmbh.de",
			City: "Potsdam", Country: "DE", Source: "web"}),
		imported(crm.Lead{ID: 4, FirstName: "Anna", LastName: "Schmidt", Company: "Schmidt AG", Email: "anna.schmidt@gmail.com",
			PostalCode: "50667", City: "Köln", Country: "DE"}),
		imported(crm.Lead{ID: 5, FirstName: "Zofia", LastName: "Wójcik", Company: "Wójcik SA", Email: "zofia@wp.pl",
			City: "Kraków", Country: "PL", Source: "targi", Budget: "120000.00", Currency: "PLN"}),
		imported(crm.Lead{ID: 6, FirstName: "Ewa", LastName: "Wójcik", Company: "WÓJCIK S.A.", Phone: "+48123456789",
			City: "Kraków", Country: "PL", Source: "targi"}),
		imported(crm.Lead{ID: 7, FirstName: "Hans", LastName: "Bauer", Email: "hans.bauer@gmx.de", Country: "DE"}),
		imported(crm.Lead{ID: 8, FirstName: "Lena", LastName: "Vogel", Company: "@home Media GmbH", Email: "lena@athome-media.de",
			PostalCode: "20095", City: "Hamburg", Country: "DE", Budget: "15000.00", Currency: "EUR"}),
		imported(crm.Lead{ID: 9, FirstName: "Tomasz", LastName: "Lis", Company: "Lis Sp. z o.o.", Status: crm.StatusWorking}),
	}
	existing := &crm.Batch{
		Leads: leads,
		Accounts: []*crm.Account{
			existingAccount(crm.Account{ID: 1, Name: "Müller GmbH", TaxID: "DE136695976", Domain: "mueller-gmbh.de",
				PostalCode: "10115", City: "Berlin", Country: "DE", Verified: true, Customer: true, Leads: []crm.ID{100}}),
			existingAccount(crm.Account{ID: 2, Name: "Nowak Sp. z o.o.", City: "Warszawa", Country: "PL"}),
			existingAccount(crm.Account{ID: 3, Name: "Schmidt AG", PostalCode: "50667", City: "Köln", Country: "DE"}),
			existingAccount(crm.Account{ID: 4, Name: "Schmidt AG", City: "Köln", Country: "DE"}),
		},
		Contacts: []*crm.Contact{
			{ID: 1, AccountID: 1, FirstName: "Jürgen", LastName: "Müller", Email: "j.mueller@mueller-gmbh.de", Leads: []crm.ID{100}},
		},
	}
	if err := st.Apply(existing); err != nil {
		t.Fatal(err)
	}
	p, err := convert.PlanConversion(st, convert.Options{
		Opportunity: true, Now: goldenNow, RunID: goldenRunID, Mark: markConverted,
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanGolden(t *testing.T) {
	p := goldenPlan(t)
	var csv bytes.Buffer
	if err := report.WriteConvertPlan(&csv, p); err != nil {
		t.Fatal(err)
	}
	js, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		file string
		got  []byte
	}{
		{"plan.json.golden", append(js, '\n')},
		{"plan.csv.golden", csv.Bytes()},
	} {
		t.Run(g.file, func(t *testing.T) {
			path := filepath.Join("testdata", g.file)
			if *update {
				if err := os.WriteFile(path, g.got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(g.got, want) {
				t.Errorf("%s differs (go test -run TestPlanGolden -update rewrites it; review with git diff):\n got:\n%s\nwant:\n%s", path, g.got, want)
			}
		})
	}
}

// Planning is deterministic: two stores with the same content give the
// same plan, byte for byte (map order must not leak into it).
func TestPlanGoldenStable(t *testing.T) {
	a, _ := json.Marshal(goldenPlan(t))
	b, _ := json.Marshal(goldenPlan(t))
	if !bytes.Equal(a, b) {
		t.Fatalf("two plans of the same store differ:\n%s\n%s", a, b)
	}
}
