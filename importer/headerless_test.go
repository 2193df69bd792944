package importer

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDataRow: a row chosen as the header that holds an e-mail address or
// a phone number, and no header the dictionaries know, is data.
func TestDataRow(t *testing.T) {
	for _, tc := range []struct {
		row          []string
		why, mapLine string
	}{
		{[]string{"Shumway", "Gordon", "Alf Ltd", "408-555-1254", "gordon@usa.com"}, "a phone number in column 4", "Column 4: phone"},
		{[]string{"John Doe", "John", "Doe", "john@doe.invalid"}, "an e-mail address in column 4", "Column 4: email"},
		{[]string{"Müller", "+49 (30) 1234567"}, "a phone number in column 2", "Column 2: phone"},
		// Headers, with or without values that look like data.
		{[]string{"First Name", "Last Name", "E-mail Address"}, "", ""},
		{[]string{"Vorname", "Nachname", "info@example.de"}, "", ""}, // a known header: a header row with an odd cell
		{[]string{"Kundennr", "Umsatz 2024", "Region"}, "", ""},
		{[]string{"Name", "E-Mail (name@firma.de)"}, "", ""},
		// Not phone or e-mail shaped.
		{[]string{"Gordon", "12345", "a@b"}, "", ""},
		{[]string{"Gordon", "mail me@home.de", "ab12345678"}, "", ""},
		{[]string{"2021-01-01", "15"}, "", ""}, // dates: a pivot's header can be dates
		{[]string{"Region", "31.01.2021", "1/31/2021"}, "", ""},
		{[]string{"Müller", "030-1234-56"}, "a phone number in column 2", "Column 2: phone"},
		{[]string{"General", "1", "-1.2", "1234.567", "-1234.5678"}, "", ""}, // numbers
		{[]string{"Müller", "030.123.4567"}, "a phone number in column 2", "Column 2: phone"},
		{nil, "", ""},
	} {
		why, mapLine := dataRow(tc.row)
		if why != tc.why || mapLine != tc.mapLine {
			t.Errorf("dataRow(%q) = %q, %q, want %q, %q", tc.row, why, mapLine, tc.why, tc.mapLine)
		}
	}
}

// TestCSVHeaderless: a CSV file without a header row keeps its first
// record as data, with numbered columns; without a mapping of them the
// import is refused with a message naming the row, the evidence and a
// mapping line; with one, every row is read.
func TestCSVHeaderless(t *testing.T) {
	const in = "\"Shumway1\",\"Gordon\",\"Alf Ltd\",\"408-555-1254\",\"gordon@usa.com\"\n" +
		"\"Shumway2\",\"Gordon\",\"Alf Ltd\",\"408-555-1234\",\"gordon2@usa.com\",\"\"\n"
	r := openCSVString(t, in, Options{})
	defer r.Close()
	checkHeaderless(t, r, "row 1 holds data (a phone number in column 4)", []string{"Shumway1", "Shumway2"})
}

// TestXLSXHeaderless is TestCSVHeaderless for a workbook.
func TestXLSXHeaderless(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Shumway1", "Gordon", "Alf Ltd", "408-555-1254", "gordon@usa.com"},
		{"Shumway2", "Gordon", "Alf Ltd", "408-555-1234", "gordon2@usa.com"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "noheader.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	checkHeaderless(t, r, "row 1 holds data (a phone number in column 4)", []string{"Shumway1", "Shumway2"})
}

func checkHeaderless(t *testing.T, r Reader, why string, firsts []string) {
	t.Helper()
	det := r.Detection()
	if det.Headerless != why || det.HeaderRow != 0 {
		t.Errorf("Headerless %q, HeaderRow %d; want %q, 0", det.Headerless, det.HeaderRow, why)
	}
	if h := r.Header(); strings.Join(h, ",") != "Column 1,Column 2,Column 3,Column 4,Column 5" {
		t.Errorf("header %q", h)
	}
	recs := mustReadAll(t, r)
	if len(recs) != len(firsts) {
		t.Fatalf("%d records, want %d", len(recs), len(firsts))
	}
	for i, rec := range recs {
		if rec.Err != nil || rec.Row != i+1 || rec.Fields[0] != firsts[i] {
			t.Errorf("record %d: row %d, %q, %v", i, rec.Row, rec.Fields, rec.Err)
		}
	}

	m, err := NewMapping(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = CheckHeaderless(det, m)
	if !errors.Is(err, ErrHeaderless) {
		t.Fatalf("CheckHeaderless without a mapping file = %v, want ErrHeaderless", err)
	}
	for _, want := range []string{why, `"Column 4: phone"`, "--map"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	mf, err := ParseMapFile("map.yaml", []byte("columns:\n  Column 1: last_name\n  Column 4: phone\n"))
	if err != nil {
		t.Fatal(err)
	}
	m, err = NewMapping(r.Header(), mf)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckHeaderless(det, m); err != nil {
		t.Errorf("CheckHeaderless with a mapping file: %v", err)
	}
}

// TestHeaderStillFound: files with a header keep it, also when data rows
// below hold e-mail addresses and phone numbers, and a title row above.
func TestHeaderStillFound(t *testing.T) {
	for _, in := range []string{
		"Name,E-Mail,Telefon\nMüller,m@example.de,030 1234567\n",
		"Leads Messe 2026\nName;Kontakt;Durchwahl\nMüller;m@example.de;030 1234567\nSchmidt;s@example.de;030 7654321\n",
	} {
		r := openCSVString(t, in, Options{})
		if d := r.Detection(); d.Headerless != "" || d.HeaderRow == 0 {
			t.Errorf("%q: read as headerless (%q)", in, d.Headerless)
		}
		r.Close()
	}
}
