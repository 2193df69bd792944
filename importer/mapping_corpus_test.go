package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/leadpipe/leadpipe/crm"
)

// readContactsCSV reads a whole contact export for the mapping tests with
// encoding/csv: BOM or UTF-16 BOM, else UTF-8, else Windows-1252; CR-only
// line ends; ',' ';' or tab, whichever the first line has most of. It is
// deliberately simple: the real reader (Open) is tested on its own.
func readContactsCSV(t testing.TB, path string) (header []string, rows [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		data, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
	case !utf8.Valid(data):
		data, err = charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for _, d := range []rune{';', '\t'} {
		if bytes.Count(first, []byte(string(d))) > bytes.Count(first, []byte(",")) {
			r.Comma = d
		}
	}
	all, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(all) == 0 {
		t.Fatalf("%s: empty", path)
	}
	return all[0], all[1:]
}

type corpusCase struct {
	path   string
	family string
	want   map[string]colWant
	// noHeader: the first row is data, so nothing maps.
	noHeader bool
	// minLeads is how many rows must become leads.
	minLeads int
}

// runCorpusCase maps the file's header, checks the wanted columns, builds
// every row (when normalize is ready) and checks the outcome invariants:
// each row is a lead or a *crm.RowError, and no non-empty cell is lost.
func runCorpusCase(t *testing.T, tc corpusCase) {
	header, rows := readContactsCSV(t, tc.path)
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	m, err := NewMapping(header, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tc.noHeader {
		if len(m.Warnings) == 0 {
			t.Errorf("no warning for a file without a header row")
		}
	} else if m.Family != tc.family {
		t.Errorf("Family = %q, want %q", m.Family, tc.family)
	}
	checkMapping(t, m, tc.want)

	b := NewBuilder(m, BuildOptions{Region: "DE"})
	recs := make([]Record, len(rows))
	for i, f := range rows {
		recs[i] = Record{File: filepath.Base(tc.path), Row: i + 2, Fields: fitWidth(f, len(header))}
	}
	b.Prime(recs)
	leads := 0
	for _, rec := range recs {
		l, err := b.Build(rec)
		if err != nil {
			var re *crm.RowError
			if !errors.As(err, &re) || re.Row != rec.Row || re.File != rec.File {
				t.Errorf("row %d: error %v is not a positioned *crm.RowError", rec.Row, err)
			}
			if !errors.Is(err, crm.ErrUnreachable) {
				t.Errorf("row %d: unexpected rejection %v", rec.Row, err)
			}
			continue
		}
		leads++
		checkNothingLost(t, rec, l)
	}
	if leads < tc.minLeads {
		t.Errorf("%d of %d rows became leads, want at least %d", leads, len(recs), tc.minLeads)
	}
}

// fitWidth pads or trims a row to the header width, as a Reader does.
func fitWidth(f []string, n int) []string {
	if len(f) >= n {
		return f[:n]
	}
	return append(f, make([]string, n-len(f))...)
}

// checkNothingLost asserts that every non-empty cell is kept in Raw (or, as
// text, in Custom).
func checkNothingLost(t testing.TB, rec Record, l *crm.Lead) {
	t.Helper()
	for c, v := range rec.Fields {
		if t, ok := excelText(v); ok {
			v = t // '0 and ="0": Excel's text markers are no part of the value
		}
		if strings.TrimSpace(v) == "" || nullMarker(v, false) {
			continue // "n/a", "NULL", "-": no value to keep
		}
		found := false
		for _, r := range l.Raw {
			if strings.Contains(r.Value, v) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("row %d column %d: non-empty cell is in neither Raw nor Custom (raw keys %v)", rec.Row, c+1, keysOf(l.Raw.Map()))
		}
	}
}

func keysOf(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestCorpusPermissive reads the permissively licensed exports copied into
// testdata/contacts.
func TestCorpusPermissive(t *testing.T) {
	cases := []corpusCase{
		{path: "testdata/contacts/uk-500/uk-500.csv", family: "common (uk-500)", minLeads: 500, want: map[string]colWant{
			"first_name": w("first_name"), "last_name": w("last_name"), "company_name": w("company"),
			"address": w("street"), "city": w("city"), "county": w("custom"), "postal": w("postal_code"),
			"phone1": wp("phone", 1), "phone2": wp("phone", 2), "email": w("email"), "web": w("custom"),
		}},
		{path: "testdata/contacts/salesforce-dataloader/insertAccountCsv.csv", family: "Salesforce (account)", minLeads: 1, want: map[string]colWant{
			"NAME": w("company"), "PHONE": w("phone"), "ANNUALREVENUE": w("custom"), "WEBSITE": w("custom"),
			"ACCOUNTNUMBER__C": w("custom"),
		}},
		{path: "testdata/contacts/salesforce-dataloader/accountsForInsert.csv", family: "Salesforce (account)", want: map[string]colWant{
			"Name": w("company"), "Industry": w("custom"), "RichText": w("custom"),
		}},
		{path: "testdata/contacts/salesforce-dataloader/opportunityData.csv", want: map[string]colWant{
			"LEADSOURCE": w("source"), "CREATEDDATE": w("created_at"), "AMOUNT": w("custom"), "STAGENAME": w("custom"),
		}},
	}
	for _, tc := range cases {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			if tc.family == "" {
				// Opportunity exports fit no lead vocabulary well; only
				// the columns matter.
				header, _ := readContactsCSV(t, tc.path)
				m, err := NewMapping(header, nil)
				if err != nil {
					t.Fatal(err)
				}
				tc.family = m.Family
			}
			runCorpusCase(t, tc)
		})
	}
}

// TestCorpusCopyleft reads the copyleft contact exports (Horde LGPL,
// Roundcube GPL, Thunderbird MPL) in place from the shared corpus.
func TestCorpusCopyleft(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus", "contacts")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared corpus not found at %s (copyleft files are not copied into the repo): %v", root, err)
	}
	p := func(s string) string { return filepath.Join(root, s) }
	cases := []corpusCase{
		{path: p("horde-data/examples_Outlook.csv"), family: "Outlook (en)", minLeads: 1, want: map[string]colWant{
			"Title": w("salutation"), "First Name": w("first_name"), "Last Name": w("last_name"),
			"Company": w("company"), "Job Title": w("title"), "Business Street": wg("street", "business"),
			"Business Country": wg("country", "business"), "Home Country": wg("country", "home"),
			"E-mail Address": wp("email", 1), "Business Phone": wp("phone", 1), "Notes": w("custom"),
		}},
		{path: p("horde-data/outlook_bug_6311.csv"), family: "Outlook (en)", minLeads: 1, want: map[string]colWant{
			"First Name": w("first_name"), "Business Country/Region": wg("country", "business"),
			"E-mail Address": wp("email", 1),
		}},
		{path: p("horde-data/examples_Gmail.csv"), family: "Google Contacts (legacy)", minLeads: 2, want: map[string]colWant{
			"Name": w("full_name"), "E-mail": wp("email", 1), "Section 1 - Email": wp("email", 2),
			"Section 1 - Phone": w("phone"), "Section 1 - Mobile": w("mobile"), "Section 1 - Company": w("company"),
			"Notes": w("custom"),
		}},
		{path: p("horde-data/examples_WAB.csv"), family: "Outlook (en)", minLeads: 1, want: map[string]colWant{
			"First Name": w("first_name"), "Last Name": w("last_name"), "Name": w("full_name"),
			"E-mail Address": w("email"), "Home Street": wg("street", "home"), "Business Street": wg("street", "business"),
			"Business Phone": wp("phone", 1), "Home Phone": wp("phone", 2), "Mobile Phone": w("mobile"),
		}},
		{path: p("horde-data/examples_Yahoo.csv"), family: "Yahoo", minLeads: 1, want: map[string]colWant{
			"First": w("first_name"), "Last": w("last_name"), "Email": wp("email", 1),
			"Work": wp("phone", 1), "Mobile": w("mobile"), "Company": w("company"), "Title": w("title"),
			"Work Address": wg("street", "work"), "Home Town": wg("city", "home"), "Comments": w("custom"),
		}},
		{path: p("horde-data/examples_Palm.csv"), noHeader: true},
		{path: p("roundcube-csv2vcard/gmail.csv"), family: "Google Contacts (legacy)", minLeads: 1, want: map[string]colWant{
			"Name": w("full_name"), "Given Name": w("first_name"), "Family Name": w("last_name"),
			"E-mail 1 - Value": wp("email", 1), "Phone 1 - Value": wp("phone", 1),
			"Address 1 - Street": wg("street", "address 1"), "Address 2 - Street": wg("street", "address 2"),
			"Organization 1 - Name": w("company"), "Organization 1 - Title": w("title"),
		}},
		// test1@domain.tld: ".tld" is no top-level domain, so the row is
		// rejected as unreachable.
		{path: p("roundcube-csv2vcard/outlook.csv"), family: "Outlook (en)", want: map[string]colWant{
			"E-mail Address": wp("email", 1), "E-mail 2 Address": wp("email", 2), "E-mail 3 Address": wp("email", 3),
		}},
		{path: p("thunderbird/export.csv"), family: "Thunderbird", want: map[string]colWant{
			"First Name": w("first_name"), "Display Name": w("full_name"), "Primary Email": wp("email", 1),
			"Secondary Email": wp("email", 2), "Work Phone": wp("phone", 1), "Mobile Number": w("mobile"),
			"Work Address": wg("street", "work"), "Home ZipCode": wg("postal_code", "home"),
			"Organization": w("company"), "Custom 1": w("custom"),
		}},
		{path: p("thunderbird/import/basic_addressbook.csv"), family: "Thunderbird"},
		{path: p("thunderbird/import/csv_semicolon.csv"), family: "Thunderbird", want: map[string]colWant{
			"Display Name": w("full_name"), "First Name": w("first_name"), "Primary Email": w("email"),
		}},
		{path: p("thunderbird/import/utf16_addressbook.csv"), family: "Thunderbird", want: map[string]colWant{
			"First Name": w("first_name"), "Primary Email": w("email"),
		}},
		{path: p("thunderbird/import/quote.csv"), family: "Thunderbird", minLeads: 1},
		{path: p("thunderbird/import/csv_no_header.csv"), noHeader: true},
		{path: p("salesforce-dataloader/accountData.csv"), family: "Salesforce (account)", minLeads: 300, want: map[string]colWant{
			"NAME": w("company"), "BILLINGSTREET": wg("street", "billing"), "BILLINGCITY": wg("city", "billing"),
			"BILLINGPOSTALCODE": wg("postal_code", "billing"), "BILLINGCOUNTRY": wg("country", "billing"),
			"SHIPPINGSTREET": wg("street", "shipping"), "BILLINGSTATE": w("custom"), "PHONE": w("phone"),
			"CREATEDDATE": w("created_at"), "ID": w("custom"),
		}},
	}
	for _, tc := range cases {
		t.Run(filepath.Base(filepath.Dir(tc.path))+"/"+filepath.Base(tc.path), func(t *testing.T) {
			runCorpusCase(t, tc)
		})
	}
}
