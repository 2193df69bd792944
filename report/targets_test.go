package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// fakeSource is an in-memory ExportSource: the writers are pure functions
// of what they read, so a test needs no store.
type fakeSource struct {
	leads         []*crm.Lead
	accounts      []*crm.Account
	contacts      []*crm.Contact
	opportunities []*crm.Opportunity
	lookups       int // Account calls
}

func forEach[T any](items []*T, fn func(*T) error) error {
	for _, it := range items {
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeSource) ForEachLead(fn func(*crm.Lead) error) error { return forEach(f.leads, fn) }
func (f *fakeSource) ForEachAccount(fn func(*crm.Account) error) error {
	return forEach(f.accounts, fn)
}
func (f *fakeSource) ForEachContact(fn func(*crm.Contact) error) error {
	return forEach(f.contacts, fn)
}
func (f *fakeSource) ForEachOpportunity(fn func(*crm.Opportunity) error) error {
	return forEach(f.opportunities, fn)
}

func (f *fakeSource) Account(id crm.AccountID) (*crm.Account, error) {
	f.lookups++
	for _, a := range f.accounts {
		if a.ID == id {
			return a, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", id, crm.ErrNotFound)
}

// fixture has German and Polish names, a value starting with "=", E.164
// phones (two with an extension), a negative amount, a merged lead (left out), two "Müller GmbH"
// in different cities, a contact without an account and one whose account
// is missing.
func fixture() *fakeSource {
	at := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	return &fakeSource{
		leads: []*crm.Lead{
			{ID: 1, Salutation: "Herr", AcademicTitle: "Dr.", FirstName: "Jürgen", LastName: "Müller",
				Company: "Müller GmbH", LegalForm: "GmbH", Title: "Geschäftsführer",
				Email: "j.mueller@mueller-gmbh.de", Phone: "+493012345678", Mobile: "+4915112345678",
				Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin", Country: "DE", TaxID: "DE136695976",
				Source: "Messe München", Budget: "83500.00", Currency: "EUR",
				CreatedAt: at, UpdatedAt: at, Status: crm.StatusWorking, Stage: crm.StageMQL, Score: 65, Grade: crm.GradeHot},
			{ID: 2, Salutation: "Pani", FirstName: "Zofia", LastName: "Wójcik", Company: "Kraków, \"Sp. z o.o.\"",
				Email: "zofia@wp.pl", EmailFreemail: true, Phone: "+48221234567", PhoneExt: "12",
				Street: "ul. Floriańska 3", PostalCode: "30-001", City: "Kraków", Country: "PL",
				Source: "webinar", CreatedAt: at, UpdatedAt: at, Status: crm.StatusNew, Stage: crm.StageLead},
			{ID: 3, LastName: "Nowak", Company: "=HYPERLINK(\"http://evil.example\",\"Biuro\")", Email: "biuro@nowak.pl",
				EmailRole: true, Title: "-Vertrieb", Source: "@linkedin", CreatedAt: at,
				Status: crm.StatusDisqualified, Stage: crm.StageLead, Grade: crm.GradeCold, Score: -10},
			{ID: 4, FirstName: "Jürgen", LastName: "Müller", Email: "j.mueller@mueller-gmbh.de", CreatedAt: at,
				Status: crm.StatusNew, Stage: crm.StageLead, MergedInto: 1},
			{ID: 5, Email: "anna@example.com", CreatedAt: at, Status: crm.StatusConverted, Stage: crm.StageCustomer,
				Country: "KR"},
		},
		accounts: []*crm.Account{
			{ID: 1, Name: "Müller GmbH", NameKey: "muller", LegalForm: "GmbH", TaxID: "DE136695976",
				Domain: "mueller-gmbh.de", Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin", Country: "DE",
				Phone: "+493012345678", Verified: true, Customer: true, CreatedAt: at, UpdatedAt: at, Leads: []crm.ID{1, 4}},
			{ID: 2, Name: "Müller GmbH", NameKey: "muller", LegalForm: "GmbH", Domain: "mueller-hamburg.de",
				PostalCode: "20095", City: "Hamburg", Country: "DE", CreatedAt: at, UpdatedAt: at, Leads: []crm.ID{6}},
			{ID: 3, Name: "Wójcik Sp. z o.o.", LegalForm: "Sp. z o.o.", TaxID: "PL5260250274",
				City: "Kraków", Country: "PL", Phone: "+48 (22) 123-45-67", CreatedAt: at, UpdatedAt: at},
		},
		contacts: []*crm.Contact{
			{ID: 1, AccountID: 1, Salutation: "Herr", AcademicTitle: "Prof. Dr.", FirstName: "Jürgen", LastName: "Müller",
				Title: "Geschäftsführer", Email: "j.mueller@mueller-gmbh.de", Phone: "+493012345678", PhoneExt: "345",
				Street: "Hauptstraße 5", PostalCode: "10115", City: "Berlin", Country: "DE", Source: "messe",
				CreatedAt: at, Leads: []crm.ID{1, 4}},
			{ID: 2, AccountID: 3, Salutation: "Pani", FirstName: "Zofia", LastName: "Wójcik", Email: "zofia@wp.pl",
				Mobile: "+48601234567", City: "Kraków", Country: "PL", Source: "=cmd|' /C calc'!A0", CreatedAt: at},
			{ID: 3, AcademicTitle: "Dr.", FirstName: "Łukasz", Email: "l@example.pl", CreatedAt: at},
			{ID: 4, AccountID: 9, LastName: "Schmidt", CreatedAt: at},
		},
		opportunities: []*crm.Opportunity{
			{ID: 1, AccountID: 1, ContactID: 1, LeadID: 1, Name: "Müller GmbH – Messe 2026", Amount: "83500.00",
				Currency: "EUR", Stage: "Qualification", CloseDate: "2027-02-28", Source: "messe",
				PendingVerification: false, CreatedAt: at},
			{ID: 2, AccountID: 3, ContactID: 2, LeadID: 2, Name: "Wójcik – Gutschrift", Amount: "-1200.50",
				Currency: "PLN", Stage: "open", CloseDate: "2027-01-15", Won: true, PendingVerification: true, CreatedAt: at},
			{ID: 3, AccountID: 2, Name: "", Amount: "", Stage: "Verhandlung", CloseDate: "2027-03-31", CreatedAt: at},
			{ID: 4, AccountID: 2, Name: "+SUM(A1:A9)", Amount: "12", Stage: "lost", CloseDate: "2027-04-30", CreatedAt: at},
		},
	}
}

// allTargets is leadpipe's own layout ("") and every target.
var allTargets = append([]string{""}, ExportTargets...)

func goldenName(target, object string) string {
	if target == "" {
		target = "leadpipe"
	}
	return filepath.Join("targets", target+"_"+object+".csv.golden")
}

func export(t *testing.T, src ExportSource, target, object, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, src, ExportOptions{Object: object, Format: format, Target: target}); err != nil {
		t.Fatalf("Export(%s, %s, %s): %v", target, object, format, err)
	}
	return buf.Bytes()
}

func TestExportGolden(t *testing.T) {
	if *update {
		if err := os.MkdirAll(filepath.Join("testdata", "targets"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, target := range allTargets {
		for _, object := range ExportObjects {
			t.Run(target+"_"+object, func(t *testing.T) {
				got := export(t, fixture(), target, object, "csv")
				golden(t, goldenName(target, object), got)
				if again := export(t, fixture(), target, object, "csv"); !bytes.Equal(got, again) {
					t.Error("two exports of the same data differ")
				}
			})
		}
	}
}

// TestExportLeadsIsWriteLeadsCSV: the leads export without a target is the
// existing leads export, byte for byte.
func TestExportLeadsIsWriteLeadsCSV(t *testing.T) {
	var want bytes.Buffer
	if err := WriteLeadsCSV(&want, fixture()); err != nil {
		t.Fatal(err)
	}
	if got := export(t, fixture(), "", "leads", "csv"); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("Export leads csv differs from WriteLeadsCSV:\n%s\n---\n%s", got, want.Bytes())
	}
}

// importerColumns are the headers each importer gets (reliability E5), in
// order, and which of them it requires to be non-empty in every row.
var importerColumns = []struct {
	target, object string
	header         []string
	required       []string
}{
	{"salesforce", "leads", []string{"FirstName", "LastName", "Salutation", "Title", "Company", "Email", "Phone",
		"MobilePhone", "Street", "City", "PostalCode", "Country", "LeadSource", "Status", "Rating", "Description",
		"LeadpipeId__c"}, []string{"LastName", "Company", "LeadpipeId__c"}},
	{"salesforce", "accounts", []string{"Name", "Site", "Type", "Phone", "Website", "BillingStreet", "BillingCity",
		"BillingPostalCode", "BillingCountry", "VAT_ID__c", "Verified__c", "LeadpipeId__c"}, []string{"Name", "LeadpipeId__c"}},
	{"salesforce", "contacts", []string{"Account.LeadpipeId__c", "FirstName", "LastName", "Salutation", "Title",
		"Email", "Phone", "MobilePhone", "MailingStreet", "MailingCity", "MailingPostalCode", "MailingCountry",
		"LeadSource", "LeadpipeId__c"}, []string{"LastName", "LeadpipeId__c"}},
	{"salesforce", "opportunities", []string{"Name", "StageName", "CloseDate", "Amount", "CurrencyIsoCode", "LeadSource",
		"Account.LeadpipeId__c", "Pending_Verification__c", "LeadpipeId__c"}, []string{"Name", "StageName", "CloseDate", "LeadpipeId__c"}},
	{"hubspot", "leads", []string{"email", "firstname", "lastname", "salutation", "jobtitle", "phone", "mobilephone",
		"company", "address", "city", "zip", "country", "lifecyclestage", "hs_lead_status", "domain", "leadpipe_id"},
		[]string{"leadpipe_id"}},
	{"hubspot", "contacts", []string{"email", "firstname", "lastname", "salutation", "jobtitle", "phone",
		"mobilephone", "company", "address", "city", "zip", "country", "lifecyclestage", "hs_lead_status", "domain",
		"leadpipe_id"}, []string{"lifecyclestage", "leadpipe_id"}},
	{"hubspot", "accounts", []string{"name", "domain", "phone", "address", "city", "zip", "country",
		"lifecyclestage", "vat_id", "verified", "leadpipe_id"}, []string{"name", "leadpipe_id"}},
	{"hubspot", "opportunities", []string{"dealname", "pipeline", "dealstage", "amount", "deal_currency_code", "closedate", "domain",
		"pending_verification", "leadpipe_id"}, []string{"dealname", "pipeline", "dealstage", "leadpipe_id"}},
	{"dynamics", "leads", []string{"Topic", "Salutation", "First Name", "Last Name", "Company Name", "Job Title",
		"Email", "Business Phone", "Mobile Phone", "Street 1", "City", "ZIP/Postal Code", "Country/Region",
		"Lead Source", "Rating", "Description"}, []string{"Topic", "Last Name", "Description"}},
	{"dynamics", "accounts", []string{"Account Name", "Account Number", "Relationship Type", "Main Phone",
		"Website", "Street 1", "City", "ZIP/Postal Code", "Country/Region", "Description"},
		[]string{"Account Name", "Account Number"}},
	{"dynamics", "contacts", []string{"First Name", "Last Name", "Salutation", "Job Title", "Email",
		"Business Phone", "Mobile Phone", "Company Name", "Street 1", "City", "ZIP/Postal Code", "Country/Region",
		"Description"}, []string{"Last Name"}},
	{"dynamics", "opportunities", []string{"Topic", "Potential Customer", "Est. Close Date", "Est. Revenue",
		"Currency", "Description"}, []string{"Topic", "Description"}},
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("output is no valid CSV: %v", err)
	}
	return recs
}

// TestExportImporterColumns (E5): the header of every target and object is
// the importer's, in the golden file too, and no row lacks a required
// value.
func TestExportImporterColumns(t *testing.T) {
	covered := map[string]bool{}
	for _, tt := range importerColumns {
		t.Run(tt.target+"_"+tt.object, func(t *testing.T) {
			covered[tt.target+"_"+tt.object] = true
			if got := targetLayouts[tt.target].header(tt.object); !slices.Equal(got, tt.header) {
				t.Errorf("header\n got %q\nwant %q", got, tt.header)
			}
			want, err := os.ReadFile(filepath.Join("testdata", goldenName(tt.target, tt.object)))
			if err != nil {
				t.Fatal(err)
			}
			if wantHeader := readCSV(t, want)[0]; !slices.Equal(wantHeader, tt.header) {
				t.Errorf("golden header\n got %q\nwant %q", wantHeader, tt.header)
			}
			recs := readCSV(t, export(t, fixture(), tt.target, tt.object, "csv"))
			if len(recs) < 2 {
				t.Fatalf("only %d records", len(recs))
			}
			for _, name := range tt.required {
				col := slices.Index(recs[0], name)
				if col < 0 {
					t.Fatalf("required column %s missing", name)
				}
				for i, rec := range recs[1:] {
					if rec[col] == "" {
						t.Errorf("row %d: required %s is empty", i+2, name)
					}
				}
			}
		})
	}
	for _, target := range ExportTargets {
		for _, object := range ExportObjects {
			if !covered[target+"_"+object] {
				t.Errorf("%s %s: no importerColumns case", target, object)
			}
		}
	}
}

// hostile is a source whose every text field starts with one of the
// formula triggers, like a web form filled in by an attacker.
func hostile() *fakeSource {
	triggers := []string{"=", "+", "-", "@", "\t", "\r"}
	src := &fakeSource{}
	for i, tr := range triggers {
		v := tr + "HYPERLINK(\"http://evil.example\")"
		n := uint64(i + 1)
		src.leads = append(src.leads, &crm.Lead{ID: crm.ID(n), Salutation: v, AcademicTitle: v, FirstName: v,
			LastName: v, Company: v, Title: v, Email: v, Phone: v, Mobile: v, Street: v, PostalCode: v, City: v,
			Country: v, TaxID: v, Source: v, Budget: v, Currency: v, LegalForm: v, PhoneExt: v,
			Status: crm.Status(v), Stage: crm.Stage(v), Grade: crm.Grade(v), Custom: map[string]string{v: v}})
		src.accounts = append(src.accounts, &crm.Account{ID: crm.AccountID(n), Name: v, NameKey: v, LegalForm: v,
			TaxID: v, Domain: v, Street: v, PostalCode: v, City: v, Country: v, Phone: v})
		src.contacts = append(src.contacts, &crm.Contact{ID: crm.ContactID(n), AccountID: crm.AccountID(n),
			Salutation: v, AcademicTitle: v, FirstName: v, LastName: v, Title: v, Email: v, Phone: v, Mobile: v,
			Street: v, PostalCode: v, City: v, Country: v, Source: v})
		src.opportunities = append(src.opportunities, &crm.Opportunity{ID: crm.OpportunityID(n),
			AccountID: crm.AccountID(n), Name: v, Amount: v, Currency: v, Stage: v, CloseDate: v, Source: v})
	}
	return src
}

// checkCells fails for every cell that a spreadsheet would run: one that
// starts with a trigger, unless it is a phone number in international form
// or a negative number (escapeCell's two exceptions).
func checkCells(t *testing.T, where string, recs [][]string) {
	t.Helper()
	for i, rec := range recs {
		for j, c := range rec {
			if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				continue
			}
			if phoneLike.MatchString(c) || negativeNumber.MatchString(c) {
				continue
			}
			t.Errorf("%s: row %d, column %d starts a formula: %q", where, i+1, j+1, c)
		}
	}
}

// TestExportNoFormulaCells (reliability E1): no cell of any export, CSV or
// XLSX, starts a formula.
func TestExportNoFormulaCells(t *testing.T) {
	for _, target := range allTargets {
		for _, object := range ExportObjects {
			for _, src := range []*fakeSource{hostile(), fixture()} {
				recs := readCSV(t, export(t, src, target, object, "csv"))
				checkCells(t, target+" "+object+" csv", recs)
				checkCells(t, target+" "+object+" xlsx", readXLSX(t, export(t, src, target, object, "xlsx")))
			}
		}
	}
}

// TestExportKeepsPhonesAndNegatives (reliability E2): phone numbers and
// negative amounts reach the importer unaltered.
func TestExportKeepsPhonesAndNegatives(t *testing.T) {
	keep := []string{"+493012345678", "+48221234567", "+48601234567", "+48 (22) 123-45-67", "-1200.50"}
	for _, target := range allTargets {
		for _, object := range ExportObjects {
			out := string(export(t, fixture(), target, object, "csv"))
			for _, v := range keep {
				if strings.Contains(out, "'"+v) {
					t.Errorf("%s %s: %q was escaped", target, object, v)
				}
			}
		}
	}
	out := string(export(t, fixture(), "salesforce", "opportunities", "csv"))
	if !strings.Contains(out, ",-1200.50,") {
		t.Errorf("negative amount not written as it is:\n%s", out)
	}
	out = string(export(t, fixture(), "hubspot", "leads", "csv"))
	if !strings.Contains(out, ",+493012345678,+4915112345678,") {
		t.Errorf("E.164 phones not written as they are:\n%s", out)
	}
}

// readXLSX reads the one sheet of an XLSX export.
func readXLSX(t *testing.T, b []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 64 << 20})
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets %q, want one", sheets)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]string
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, cols)
	}
	if err := rows.Error(); err != nil {
		t.Fatal(err)
	}
	return recs
}

// sheetXML returns the worksheet XML of an XLSX file.
func sheetXML(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(data)
	}
	return parts
}

var formulaElement = regexp.MustCompile(`<f[\s>/]`)

// TestExportXLSX (reliability E3): an XLSX export has no formula element
// at all, one sheet named after the object, the same cells as the CSV
// export apart from number formatting, and amounts as number cells.
func TestExportXLSX(t *testing.T) {
	for _, target := range allTargets {
		for _, object := range ExportObjects {
			for name, src := range map[string]*fakeSource{"hostile": hostile(), "fixture": fixture()} {
				b := export(t, src, target, object, "xlsx")
				for part, xml := range sheetXML(t, b) {
					if n := len(formulaElement.FindAllString(xml, -1)); n > 0 {
						t.Errorf("%s %s %s: %s has %d formula elements", target, object, name, part, n)
					}
				}
				if again := export(t, src, target, object, "xlsx"); !bytes.Equal(b, again) {
					t.Errorf("%s %s %s: two xlsx exports of the same data differ", target, object, name)
				}
				got := readXLSX(t, b)
				want := readCSV(t, export(t, src, target, object, "csv"))
				if len(got) != len(want) {
					t.Fatalf("%s %s %s: xlsx has %d rows, csv %d", target, object, name, len(got), len(want))
				}
				for i := range want {
					// excelize trims trailing empty cells; numbers come back
					// in their shortest form (83500.00 → 83500).
					for j, w := range want[i] {
						g := ""
						if j < len(got[i]) {
							g = got[i][j]
						}
						if g != w && !sameNumber(g, w) {
							t.Errorf("%s %s %s: row %d col %d: xlsx %q, csv %q", target, object, name, i+1, j+1, g, w)
						}
					}
				}
			}
		}
	}

	b := export(t, fixture(), "salesforce", "opportunities", "xlsx")
	xml := sheetXML(t, b)["xl/worksheets/sheet1.xml"]
	if !strings.Contains(xml, `<c r="D3"><v>-1200.5</v></c>`) {
		t.Errorf("negative amount is no number cell:\n%s", xml)
	}
	if !strings.Contains(xml, `t="inlineStr"`) {
		t.Errorf("text is not written as inline strings:\n%s", xml)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Opportunity"}) {
		t.Errorf("sheets %q, want [Opportunity]", got)
	}
}

func sameNumber(a, b string) bool {
	var x, y float64
	if _, err := fmt.Sscan(a, &x); err != nil {
		return false
	}
	if _, err := fmt.Sscan(b, &y); err != nil {
		return false
	}
	return x == y && plainDecimal.MatchString(b)
}

func TestExportXLSXLongValue(t *testing.T) {
	src := fixture()
	src.leads[0].Company = strings.Repeat("ü", excelize.TotalCellChars+1)
	var buf bytes.Buffer
	err := Export(&buf, src, ExportOptions{Object: "leads", Format: "xlsx"})
	if !errors.Is(err, errXLSXLimit) {
		t.Fatalf("err = %v, want errXLSXLimit", err)
	}
	if strings.Contains(err.Error(), "üü") {
		t.Errorf("error repeats the value: %v", err)
	}
}

// TestExportCSVEncoding (reliability E4): no CSV starts with "ID" (SYLK)
// or with a BOM, and every one is valid UTF-8.
func TestExportCSVEncoding(t *testing.T) {
	for _, target := range allTargets {
		for _, object := range ExportObjects {
			out := export(t, fixture(), target, object, "csv")
			if bytes.HasPrefix(out, []byte("ID")) {
				t.Errorf("%s %s: starts with ID", target, object)
			}
			if bytes.HasPrefix(out, []byte(bom)) {
				t.Errorf("%s %s: starts with a BOM", target, object)
			}
			if !isUTF8(out) {
				t.Errorf("%s %s: not UTF-8", target, object)
			}
		}
	}
}

func isUTF8(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

// TestCSVSheetSYLK: a header that starts with "ID" is quoted, so the file
// starts with a quote and still reads back the same.
func TestCSVSheetSYLK(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   string
	}{
		{"first of many", []string{"ID", "Name"}, "\"ID\",Name\nA0000001,Müller\n"},
		{"only column", []string{"IDs"}, "\"IDs\"\nA0000001\n"},
		{"quote inside", []string{`ID "x"`, "b"}, "\"ID \"\"x\"\"\",b\nA0000001,Müller\n"},
		{"lower case is fine", []string{"id", "Name"}, "id,Name\nA0000001,Müller\n"},
		{"Id is fine", []string{"Id", "Name"}, "Id,Name\nA0000001,Müller\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			s := newCSVSheet(&buf)
			row := []string{"A0000001", "Müller"}[:len(tt.header)]
			for _, rec := range [][]string{tt.header, row} {
				cells := make([]exportCell, len(rec))
				for i, v := range rec {
					cells[i] = exportCell{text: v}
				}
				if err := s.write(cells); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.close(); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("got %q, want %q", buf.String(), tt.want)
			}
			if recs := readCSV(t, buf.Bytes()); !slices.Equal(recs[0], tt.header) {
				t.Errorf("reads back as %q", recs[0])
			}
		})
	}
}

// TestOwnLayoutHasEveryField: leadpipe's own export of accounts, contacts
// and opportunities has a column for every field of the struct, in struct
// order, named as in JSON, so a field added to crm shows up here.
func TestOwnLayoutHasEveryField(t *testing.T) {
	for object, typ := range map[string]reflect.Type{
		"accounts":      reflect.TypeFor[crm.Account](),
		"contacts":      reflect.TypeFor[crm.Contact](),
		"opportunities": reflect.TypeFor[crm.Opportunity](),
	} {
		var want []string
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "history" {
				continue // an audit trail, not a field (see ownLayout)
			}
			want = append(want, name)
		}
		if got := ownLayout.header(object); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", object, got, want)
		}
	}
}

// TestCountryNamesReadBack: every country name an export writes is read
// back to its code by leadpipe's own import.
func TestCountryNamesReadBack(t *testing.T) {
	if len(countryNames) < 249 {
		t.Fatalf("only %d country names", len(countryNames))
	}
	for code, name := range countryNames {
		if got, err := normalize.Country(name); err != nil || got != code {
			t.Errorf("normalize.Country(%q) = %q, %v; want %q", name, got, err, code)
		}
	}
	if got := countryName("XX"); got != "XX" {
		t.Errorf("unknown code: %q", got)
	}
}

func TestOpportunityStage(t *testing.T) {
	tests := []struct {
		name       string
		stage      string
		won        bool
		salesforce string
		hubspot    string
	}{
		{"empty", "", false, "Prospecting", "appointmentscheduled"},
		{"open", "Open", false, "Prospecting", "appointmentscheduled"},
		{"won flag wins", "Qualification", true, "Closed Won", "closedwon"},
		{"won stage", "won", false, "Closed Won", "closedwon"},
		{"lost", "Lost", false, "Closed Lost", "closedlost"},
		{"salesforce name", "Negotiation/Review", false, "Negotiation/Review", "contractsent"},
		{"salesforce name folded", "id decision makers", false, "Id. Decision Makers", "decisionmakerboughtin"},
		{"hubspot id", "presentationscheduled", false, "Value Proposition", "presentationscheduled"},
		{"own stage", "Verhandlung", false, "Verhandlung", "Verhandlung"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := opportunityStage(&crm.Opportunity{Stage: tt.stage, Won: tt.won})
			if got.salesforce != tt.salesforce || got.hubspot != tt.hubspot {
				t.Errorf("got %q, %q; want %q, %q", got.salesforce, got.hubspot, tt.salesforce, tt.hubspot)
			}
		})
	}
}

func TestDynLeadSource(t *testing.T) {
	tests := []struct{ source, want string }{
		{"", ""},
		{"messe", "Trade Show"},
		{"Messe München 2026", "Trade Show"},
		{"Targi Poznań", "Trade Show"},
		{"webinar", "Seminar"},
		{"Web", "Web"},
		{"web-form", "Web"},
		{"Partner", "Partner"},
		{"Empfehlung", "External Referral"},
		{"Google Ads", "Advertisement"},
		{"Webseite", "Web"},
		{"Organic Search", "Web"},
		{"Referrals", "External Referral"},
		{"Paid Social", "Advertisement"},
		{"PAID_SEARCH", "Advertisement"}, // HubSpot's original source
		{"word of mouth", "Word of Mouth"},
		{"linkedin", "Other"},
		{"adresse", "Other"}, // a word, not a substring
	}
	for _, tt := range tests {
		if got := dynLeadSource(tt.source); got != tt.want {
			t.Errorf("dynLeadSource(%q) = %q, want %q", tt.source, got, tt.want)
		}
	}
}

func TestSalesforceSalutation(t *testing.T) {
	tests := []struct{ salutation, title, want string }{
		{"Herr", "Dr.", "Mr."},
		{"Pani", "", "Ms."},
		{"Frau", "", "Ms."},
		{"Mrs", "", "Mrs."},
		{"", "Prof. Dr.", "Prof."},
		{"", "dr", "Dr."},
		{"", "mgr", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := sfSalutation(tt.salutation, tt.title); got != tt.want {
			t.Errorf("sfSalutation(%q, %q) = %q, want %q", tt.salutation, tt.title, got, tt.want)
		}
	}
}

// TestEveryStatusAndStageMapped: a status or stage added to crm must get
// its CRM value here too.
func TestEveryStatusAndStageMapped(t *testing.T) {
	for _, s := range crm.Statuses {
		if sfLeadStatus[s] == "" || hsLeadStatus[s] == "" {
			t.Errorf("status %s has no Salesforce or HubSpot value", s)
		}
	}
	for _, s := range crm.Stages {
		if hsLifecycle[s] == "" {
			t.Errorf("stage %s has no HubSpot lifecycle stage", s)
		}
	}
}

func TestExportAccountLookups(t *testing.T) {
	src := fixture()
	// Contacts 1 and 2 have different accounts, 3 none, 4 a missing one.
	export(t, src, "dynamics", "contacts", "csv")
	if src.lookups != 3 {
		t.Errorf("%d account look-ups, want 3", src.lookups)
	}
}

func TestExportUnknown(t *testing.T) {
	for _, opts := range []ExportOptions{
		{Object: "deals", Format: "csv"},
		{Object: "leads", Format: "pdf"},
		{Object: "leads", Format: "csv", Target: "pipedrive"},
	} {
		if err := Export(io.Discard, fixture(), opts); err == nil {
			t.Errorf("%+v: no error", opts)
		}
	}
}

// TestExportOpportunityCurrency: an opportunity's amount goes out with its
// currency, in the column each importer reads it from; without it a PLN
// budget would be read as an amount in the org's or portal's currency.
func TestExportOpportunityCurrency(t *testing.T) {
	for _, tt := range []struct{ target, amount, currency string }{
		{"salesforce", "Amount", "CurrencyIsoCode"},
		{"hubspot", "amount", "deal_currency_code"},
		{"dynamics", "Est. Revenue", "Currency"},
		{"", "amount", "currency"},
	} {
		t.Run(goldenName(tt.target, "opportunities"), func(t *testing.T) {
			recs := readCSV(t, export(t, fixture(), tt.target, "opportunities", "csv"))
			amount, currency := slices.Index(recs[0], tt.amount), slices.Index(recs[0], tt.currency)
			if amount < 0 || currency < 0 {
				t.Fatalf("header %q lacks %s or %s", recs[0], tt.amount, tt.currency)
			}
			want := [][2]string{{"83500.00", "EUR"}, {"-1200.50", "PLN"}, {"", ""}, {"12", ""}}
			for i, rec := range recs[1:] {
				if got := [2]string{rec[amount], rec[currency]}; got != want[i] {
					t.Errorf("row %d: amount and currency %q, want %q", i+2, got, want[i])
				}
			}
		})
	}
}

// TestExportPhoneExtension: no target has a column for an extension, so
// the phone column carries it as "+493012345678 ext. 12", the form each
// importer keeps as text and leadpipe's importer reads back; the cell is
// not escaped as a formula. A phone without extension stays E.164.
func TestExportPhoneExtension(t *testing.T) {
	// fixture: lead L0000001 (row 2) has no extension, L0000002 (row 3)
	// extension 12; contact C0000001 (row 2) extension 345.
	for _, tt := range []struct {
		target, object, header string
		want                   map[int]string // row index → phone
	}{
		{"salesforce", "leads", "Phone", map[int]string{1: "+493012345678", 2: "+48221234567 ext. 12"}},
		{"salesforce", "contacts", "Phone", map[int]string{1: "+493012345678 ext. 345"}},
		{"hubspot", "leads", "phone", map[int]string{1: "+493012345678", 2: "+48221234567 ext. 12"}},
		{"hubspot", "contacts", "phone", map[int]string{1: "+493012345678 ext. 345"}},
		{"dynamics", "leads", "Business Phone", map[int]string{1: "+493012345678", 2: "+48221234567 ext. 12"}},
		{"dynamics", "contacts", "Business Phone", map[int]string{1: "+493012345678 ext. 345"}},
	} {
		t.Run(tt.target+"_"+tt.object, func(t *testing.T) {
			for _, format := range []string{"csv", "xlsx"} {
				var recs [][]string
				if format == "csv" {
					recs = readCSV(t, export(t, fixture(), tt.target, tt.object, format))
				} else {
					recs = readXLSX(t, export(t, fixture(), tt.target, tt.object, format))
				}
				col := slices.Index(recs[0], tt.header)
				if col < 0 {
					t.Fatalf("%s: no column %s in %q", format, tt.header, recs[0])
				}
				for row, want := range tt.want {
					if got := recs[row][col]; got != want {
						t.Errorf("%s: row %d %s = %q, want %q", format, row+1, tt.header, got, want)
					}
				}
			}
		})
	}
	// What the export writes, leadpipe's importer reads back.
	p, err := normalize.ParsePhone("+493012345678 ext. 12", "DE")
	if err != nil || p.E164 != "+493012345678" || p.Ext != "12" {
		t.Errorf("read back: %+v, %v", p, err)
	}
}
