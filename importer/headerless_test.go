package importer

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestChooseHeader: the row findHeader picks is data when it holds an
// e-mail address or a phone number that the next row's same column
// confirms, and it names fewer than two lead fields; a header below a
// title line with an address is found.
func TestChooseHeader(t *testing.T) {
	palm2 := []string{"Shumway2", "Gordon", "Alf Ltd", "408-555-1234", "gordon2@usa.com"}
	for _, tc := range []struct {
		name         string
		rows         [][]string
		h            int
		why, mapLine string
	}{
		{"palm", [][]string{{"Shumway", "Gordon", "Alf Ltd", "408-555-1254", "gordon@usa.com"}, palm2}, 0, "a phone number in column 4", `columns: {"Column 4": phone}`},
		{"one row", [][]string{{"John Doe", "John", "Doe", "john@doe.invalid"}}, 0, "an e-mail address in column 4", `columns: {"Column 4": email}`},
		{"phone with country code", [][]string{{"Müller", "+49 (30) 1234567"}, {"Nowak", "+48 61 1234567"}}, 0, "a phone number in column 2", `columns: {"Column 2": phone}`},
		{"dotted phone", [][]string{{"Müller", "030.123.4567"}}, 0, "a phone number in column 2", `columns: {"Column 2": phone}`},
		// A data row holding a word that is also a header ("Partner",
		// "Notes" map to custom fields only).
		{"custom-only header word", [][]string{{"Nowak", "Anna", "Acme", "Partner", "+48 61 1234567", "anna@acme.example.pl"}, palm2}, 0, "a phone number in column 5", `columns: {"Column 5": phone}`},
		// A sparse first record above full ones: every row is data.
		{"sparse first record", [][]string{{"Adams", "", "", "408-555-0001", ""}, palm2, palm2}, 1, "a phone number in column 4", `columns: {"Column 4": phone}`},

		// Headers.
		{"header", [][]string{{"First Name", "Last Name", "E-mail Address"}, {"Ann", "Adams", "ann@example.com"}}, 0, "", ""},
		{"header with an example address", [][]string{{"Vorname", "Nachname", "info@example.de"}, {"Anna", "Nowak", "a@example.de"}}, 0, "", ""},
		{"title with an address above the header", [][]string{{"Exportiert von", "max@messe.example.de"}, {"Name", "Firma", "E-Mail"}, {"Müller", "Müller GmbH", "m@example.de"}, {"Nowak", "Nowak SA", "n@example.pl"}}, 1, "", ""},
		// A title line with half a data row's cells passes findHeader's
		// width test; the row below names the fields.
		{"title with several cells above the header", [][]string{{"Lead-Export", "Messe Hannover 2026", "Stand B12", "", "", ""}, {"Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "Land"}, {"Anna", "Schmidt", "Alpha GmbH", "anna@a.de", "+49 30 1234567", "DE"}, {"Bob", "Berg", "Beta AG", "bob@b.de", "+49 30 7654321", "DE"}}, 1, "", ""},
		{"report header with a date", [][]string{{"Kunde", "20210101", "20210201"}, {"Müller", "5", "7"}}, 0, "", ""},
		{"report header with ranges", [][]string{{"Kunde", "01.01.2021 - 31.01.2021"}, {"Müller", "5"}}, 0, "", ""},
		{"article number", [][]string{{"Artikel", "1000001"}, {"Schraube", "12"}}, 0, "", ""},
		{"dates", [][]string{{"2021-01-01", "15"}, {"2021-01-02", "16"}}, 0, "", ""},
		{"numbers", [][]string{{"General", "1", "-1.2", "1234.567", "-1234.5678", "-1234567"}, {"x", "1", "-1.2", "1234.567", "-1234.5678", "-1234567"}}, 0, "", ""},
		{"not shaped", [][]string{{"Gordon", "12345", "a@b", "mail me@home.de", "ab12345678"}, {"x", "1", "c@d", "e", "f"}}, 0, "", ""},
	} {
		h, why, mapLine := chooseHeader(tc.rows)
		if h != tc.h || why != tc.why || mapLine != tc.mapLine {
			t.Errorf("%s: chooseHeader = %d, %q, %q; want %d, %q, %q", tc.name, h, why, mapLine, tc.h, tc.why, tc.mapLine)
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
	checkHeaderless(t, r, "row 1 holds data (a phone number in column 4)", 6, []string{"Shumway1", "Shumway2"})
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
	checkHeaderless(t, r, `sheet "Sheet1" row 1 holds data (a phone number in column 4)`, 5, []string{"Shumway1", "Shumway2"})
}

// checkHeaderless reads a file without a header row: its numbered header
// of width columns (a CSV row's empty cells at the end count), every
// record from row 1, the refusal without a mapping file, and no refusal
// with one.
func checkHeaderless(t *testing.T, r Reader, why string, width int, firsts []string) {
	t.Helper()
	det := r.Detection()
	if det.Headerless != why || det.HeaderRow != 0 {
		t.Errorf("Headerless %q, HeaderRow %d; want %q, 0", det.Headerless, det.HeaderRow, why)
	}
	if h := r.Header(); len(h) != width || h[0] != "Column 1" || h[width-1] != fmt.Sprintf("Column %d", width) {
		t.Errorf("header %q, want Column 1 to Column %d", h, width)
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
	for _, want := range []string{why, `columns: {"Column 4": phone}`, "--map"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	// The suggestion is a mapping file as it stands: copied into one, it
	// lets the import read the file.
	mf, err := ParseMapFile("map.yaml", []byte(det.HeaderlessMap+"\n"))
	if err != nil {
		t.Fatalf("the suggested mapping %q is no mapping file: %v", det.HeaderlessMap, err)
	}
	if m, err = NewMapping(r.Header(), mf); err != nil {
		t.Fatal(err)
	}
	if err := CheckHeaderless(det, m); err != nil {
		t.Errorf("CheckHeaderless with the suggested mapping %q: %v", det.HeaderlessMap, err)
	}
	mf, err = ParseMapFile("map.yaml", []byte("columns:\n  Column 1: last_name\n  Column 4: phone\n"))
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
		"Exportiert von;max@messe.example.de\nName;Firma;E-Mail\nMüller;Müller GmbH;m@example.de\nNowak;Nowak SA;n@example.pl\nSchmidt;Schmidt KG;s@example.de\n",
	} {
		r := openCSVString(t, in, Options{})
		if d := r.Detection(); d.Headerless != "" || d.HeaderRow == 0 {
			t.Errorf("%q: read as headerless (%q)", in, d.Headerless)
		}
		r.Close()
	}
}

// TestCSVHeaderlessKeepsEveryRow: in a file without a header row, a
// sparse first record is not taken for a title row: every record is read,
// from row 1.
func TestCSVHeaderlessKeepsEveryRow(t *testing.T) {
	in := "Adams,,,408-555-0001,,\n" +
		"Shumway1,Gordon,Alf Ltd,408-555-1254,gordon@usa.com,\n" +
		"Shumway2,Gordon,Alf Ltd,408-555-1234,gordon2@usa.com,VP\n"
	r := openCSVString(t, in, Options{})
	defer r.Close()
	if d := r.Detection(); d.Headerless != "row 2 holds data (a phone number in column 4)" {
		t.Errorf("Headerless %q", d.Headerless)
	}
	recs := mustReadAll(t, r)
	if len(recs) != 3 || recs[0].Row != 1 || recs[0].Fields[0] != "Adams" || len(recs[2].Fields) != 6 || recs[2].Fields[5] != "VP" {
		t.Errorf("records %+v, want all three from row 1, six columns", recs)
	}
}
