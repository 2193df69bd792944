package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/leadpipe/leadpipe/crm"
)

// mustReadAll reads every record and fails the test on an error that ends the
// file. It checks the invariants every reader keeps.
func mustReadAll(t testing.TB, r Reader) []Record {
	t.Helper()
	recs, err := checkedRecords(r)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// checkedRecords reads every record and checks the Reader contract: rows
// increase and come after the header, accepted records have the header's
// width, rejected ones carry a *crm.RowError for their file and row, and
// all text is UTF-8.
func checkedRecords(r Reader) ([]Record, error) {
	var recs []Record
	hdr := r.Detection().HeaderRow
	last := hdr
	width := len(r.Header())
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		if rec.Row <= last {
			return recs, fmt.Errorf("row %d after row %d", rec.Row, last)
		}
		last = rec.Row
		var re *crm.RowError
		switch {
		case rec.Err == nil && len(rec.Fields) < width:
			return recs, fmt.Errorf("row %d: %d fields, header has %d", rec.Row, len(rec.Fields), width)
		case rec.Err == nil && len(rec.Fields) > width && isBlank(rec.Fields[len(rec.Fields)-1]):
			// Cells right of the header are kept up to the last filled one.
			return recs, fmt.Errorf("row %d: %d fields, header has %d, the last empty", rec.Row, len(rec.Fields), width)
		case rec.Err != nil && (!errors.As(rec.Err, &re) || re.Row != rec.Row || re.File != rec.File):
			return recs, fmt.Errorf("row %d: error %#v", rec.Row, rec.Err)
		}
		for _, f := range rec.Fields {
			if !utf8.ValidString(f) {
				return recs, fmt.Errorf("row %d: invalid UTF-8 %q", rec.Row, f)
			}
		}
		recs = append(recs, rec)
	}
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func openCSVString(t testing.TB, s string, opts Options) Reader {
	t.Helper()
	r, err := OpenCSV("t.csv", strings.NewReader(s), int64(len(s)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCSVSpectrum reads the csv-spectrum acid test (testdata/csv-spectrum,
// BSD-2-Clause, see CREDITS.md) and compares every file with its JSON.
//
// One documented difference: line breaks inside fields come out as "\n",
// so the "\r\n" that json/newlines_crlf.json expects inside a quoted field
// is compared as "\n". encoding/csv already turns CRLF into LF there, and
// Excel keeps in-cell line breaks as LF, so lead fields never hold a CR.
func TestCSVSpectrum(t *testing.T) {
	files, err := filepath.Glob("testdata/csv-spectrum/csvs/*.csv")
	if err != nil || len(files) != 11 {
		t.Fatalf("want the 11 csv-spectrum files, got %d (%v)", len(files), err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".csv")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata/csv-spectrum/json", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var want []map[string]string
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			r, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			recs := mustReadAll(t, r)
			if len(recs) != len(want) {
				t.Fatalf("%d records, want %d", len(recs), len(want))
			}
			for i, rec := range recs {
				if rec.Err != nil {
					t.Errorf("row %d: %v", rec.Row, rec.Err)
				}
				got := map[string]string{}
				for j, h := range r.Header() {
					got[h] = rec.Fields[j]
				}
				for k, v := range want[i] {
					want[i][k] = strings.ReplaceAll(v, "\r\n", "\n")
				}
				if fmt.Sprint(got) != fmt.Sprint(want[i]) {
					t.Errorf("record %d:\n got %q\nwant %q", i, got, want[i])
				}
			}
		})
	}
}

type csvWant struct {
	row    int
	fields []string
	err    error // errors.Is target; nil for an accepted row
	field  string
}

func TestCSVRows(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		opts    Options
		header  []string
		hdrRow  int
		records []csvWant
	}{{
		name:   "quoted newlines count as one row",
		in:     "a,b\n1,\"x\ny\nz\"\n2,w\n\"3\n\",v\n4,u\n",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"1", "x\ny\nz"}}, {row: 3, fields: []string{"2", "w"}}, {row: 4, fields: []string{"3\n", "v"}}, {row: 5, fields: []string{"4", "u"}}},
	}, {
		name:   "blank lines count as rows",
		in:     "a,b\n\n1,2\n\n\n3,4",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{{row: 3, fields: []string{"1", "2"}}, {row: 6, fields: []string{"3", "4"}}},
	}, {
		name:   "crlf",
		in:     "a;b\r\n1;\"x\r\ny\"\r\n\r\n2;3\r\n",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"1", "x\ny"}}, {row: 4, fields: []string{"2", "3"}}},
	}, {
		name:   "cr only",
		in:     "a,b\r1,\"x\ry\"\r\r2,3\r",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"1", "x\ny"}}, {row: 4, fields: []string{"2", "3"}}},
	}, {
		name:   "mixed line ends",
		in:     "a|b\r\n1|2\n3|4\r5|6\r\n",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"1", "2"}}, {row: 3, fields: []string{"3", "4"}}, {row: 4, fields: []string{"5", "6"}}},
	}, {
		name:   "excel sep line is not a row",
		in:     "sep=;\r\nName;Ort\r\nAnna;Köln\r\n",
		header: []string{"Name", "Ort"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"Anna", "Köln"}}},
	}, {
		name:   "title rows above the header",
		in:     "Messe XY 2026 – Leads\n\nVorname;Nachname;Firma;E-Mail\nAnna;Müller;X GmbH;a@x.de\n",
		header: []string{"Vorname", "Nachname", "Firma", "E-Mail"}, hdrRow: 3,
		records: []csvWant{{row: 4, fields: []string{"Anna", "Müller", "X GmbH", "a@x.de"}}},
	}, {
		name:   "title block with two cells",
		in:     "Export;2026-11-23\nRegion:;Deutschland\n\nVorname;Nachname;Firma;E-Mail;Telefon\nAnna;Müller;X GmbH;a@x.de;030 1\n",
		header: []string{"Vorname", "Nachname", "Firma", "E-Mail", "Telefon"}, hdrRow: 4,
		records: []csvWant{{row: 5, fields: []string{"Anna", "Müller", "X GmbH", "a@x.de", "030 1"}}},
	}, {
		name:   "a rule is not a header",
		in:     "*****;*****;*****\nName;Ort;PLZ\nAnna;Köln;50667\n",
		header: []string{"Name", "Ort", "PLZ"}, hdrRow: 2,
		records: []csvWant{{row: 3, fields: []string{"Anna", "Köln", "50667"}}},
	}, {
		name:   "ragged rows",
		in:     "a,b,c\n1,2\n1,2,3,4\n1,2,3\n",
		header: []string{"a", "b", "c"}, hdrRow: 1,
		records: []csvWant{
			{row: 2, fields: []string{"1", "2", ""}},
			{row: 3, fields: []string{"1", "2", "3", "4"}, err: crm.ErrFieldCount},
			{row: 4, fields: []string{"1", "2", "3"}},
		},
	}, {
		name:   "trailing empty columns",
		in:     "a,b,,\n1,2,,\n3,,,\n4,5,,x\n, , ,\n",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{
			{row: 2, fields: []string{"1", "2"}},
			{row: 3, fields: []string{"3", ""}},
			// The header's empty titles are columns a row may fill.
			{row: 4, fields: []string{"4", "5", "", "x"}},
		},
	}, {
		name:   "wider than the header",
		in:     "a,b\n1,2,3\n4,5,,\n",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{
			{row: 2, fields: []string{"1", "2", "3"}, err: crm.ErrFieldCount},
			{row: 3, fields: []string{"4", "5"}},
		},
	}, {
		name:   "header cells trimmed, bom in the middle of nowhere",
		in:     " Name , \uFEFFOrt\nAnna, Köln \n",
		header: []string{"Name", "Ort"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"Anna", " Köln "}}},
	}, {
		name:   "bare quotes in unquoted fields",
		in:     "Artikel;Firma\n12\" Monitor;Firma \"Nord\" GmbH\n",
		header: []string{"Artikel", "Firma"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"12\" Monitor", "Firma \"Nord\" GmbH"}}},
	}, {
		name:   "stray quote in a quoted field is repaired when the width fits",
		in:     "Firma;Ort\n\"Firma \"Nord\" GmbH\";Kiel\n2;3\n",
		header: []string{"Firma", "Ort"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"Firma \"Nord\" GmbH", "Kiel"}}, {row: 3, fields: []string{"2", "3"}}},
	}, {
		name:   "broken quoting is a reject and stays on its line",
		in:     "Jahr;Modell;Preis\n1999;\"Venture \\\"Extended\\\"\";4900\n\"Nord\" GmbH;x;1\n1996;Jeep;4799\n",
		header: []string{"Jahr", "Modell", "Preis"}, hdrRow: 1,
		records: []csvWant{
			{row: 2, err: crm.ErrQuote},
			{row: 3, err: crm.ErrQuote},
			{row: 4, fields: []string{"1996", "Jeep", "4799"}},
		},
	}, {
		name:   "utf-8 bom and nul bytes",
		in:     "\xEF\xBB\xBFa,b\n\x00,2\n",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"\x00", "2"}}},
	}, {
		name:   "whitespace-only rows are skipped",
		in:     "a;b\n  ;\t\n1;2\n",
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{{row: 3, fields: []string{"1", "2"}}},
	}, {
		name:   "field too long",
		in:     "Name;Notiz\nAnna;" + strings.Repeat("x", 100) + "\nBen;kurz\n",
		opts:   Options{MaxFieldBytes: 50},
		header: []string{"Name", "Notiz"}, hdrRow: 1,
		records: []csvWant{{row: 2, fields: []string{"Anna", strings.Repeat("x", 50)}, err: crm.ErrRowTooLong, field: "Notiz"}, {row: 3, fields: []string{"Ben", "kurz"}}},
	}, {
		name:   "too many columns",
		in:     "a,b\n" + strings.Repeat("x,", 20) + "\n1,2\n",
		opts:   Options{MaxColumns: 10},
		header: []string{"a", "b"}, hdrRow: 1,
		records: []csvWant{{row: 2, err: crm.ErrRowTooLong}, {row: 3, fields: []string{"1", "2"}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := openCSVString(t, tt.in, tt.opts)
			if !sameStrings(r.Header(), tt.header) || r.Detection().HeaderRow != tt.hdrRow {
				t.Fatalf("header %q in row %d, want %q in row %d", r.Header(), r.Detection().HeaderRow, tt.header, tt.hdrRow)
			}
			recs := mustReadAll(t, r)
			if len(recs) != len(tt.records) {
				t.Fatalf("got %d records %+v, want %d", len(recs), recs, len(tt.records))
			}
			for i, w := range tt.records {
				got := recs[i]
				if got.Row != w.row || got.File != "t.csv" {
					t.Errorf("record %d: row %d, want %d", i, got.Row, w.row)
				}
				if w.fields != nil && !sameStrings(got.Fields, w.fields) {
					t.Errorf("row %d: fields %q, want %q", got.Row, got.Fields, w.fields)
				}
				if !errors.Is(got.Err, w.err) || (w.err == nil) != (got.Err == nil) {
					t.Errorf("row %d: err %v, want %v", got.Row, got.Err, w.err)
				}
				var re *crm.RowError
				if errors.As(got.Err, &re) && re.Field != w.field {
					t.Errorf("row %d: field %q, want %q", got.Row, re.Field, w.field)
				}
			}
		})
	}
}

// repeatReader yields n copies of b.
type repeatReader struct {
	b []byte
	n int64 // bytes left
	i int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && int64(k) < r.n {
		c := copy(p[k:min(len(p), k+int(r.n-int64(k)))], r.b[r.i:])
		r.i = (r.i + c) % len(r.b)
		k += c
	}
	r.n -= int64(k)
	return k, nil
}

// TestCSVUnterminatedQuote: a quote that is never closed would make
// encoding/csv read the rest of the file into one field. The record limit
// stops it with an error naming the file and row, without reading on.
func TestCSVUnterminatedQuote(t *testing.T) {
	head := "Name;Notiz\nAnna;ok\nBen;\"never closed\n"
	rest := &repeatReader{b: []byte("Carl;line\n"), n: 1 << 30} // 1 GiB that must not be read
	src := &countingReader{r: io.MultiReader(strings.NewReader(head), rest)}
	r, err := OpenCSV("open.csv", src, 0, Options{})
	if err == nil {
		_, err = checkedRecords(r)
	}
	if !errors.Is(err, ErrLimit) || !strings.HasPrefix(err.Error(), "open.csv row 3: a record is longer than 16 MiB") {
		t.Fatalf("got %v", err)
	}
	if n := src.n.Load(); n > 20<<20 {
		t.Errorf("read %d MiB before giving up", n>>20)
	}
}

func TestCSVEmpty(t *testing.T) {
	for _, in := range []string{"", "\xEF\xBB\xBF", "\n\n\r\n", " ; \n;;\n", "\xFF\xFE"} {
		_, err := OpenCSV("e.csv", strings.NewReader(in), int64(len(in)), Options{})
		if !errors.Is(err, ErrNoHeader) || !strings.HasPrefix(err.Error(), "e.csv: ") {
			t.Errorf("%q: %v", in, err)
		}
	}
	r := openCSVString(t, "a,b\r\n", Options{})
	if recs := mustReadAll(t, r); len(recs) != 0 || !sameStrings(r.Header(), []string{"a", "b"}) {
		t.Errorf("header only: %q %+v", r.Header(), recs)
	}
}

func TestCSVNotCSV(t *testing.T) {
	for _, in := range []string{"PK\x03\x04rest", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"} {
		if _, err := OpenCSV("x.bin", strings.NewReader(in), 0, Options{}); err == nil || !strings.HasPrefix(err.Error(), "x.bin is a") {
			t.Errorf("%q: %v", in[:2], err)
		}
	}
}

func TestCSVProgress(t *testing.T) {
	data := genLeadCSV(2000, ';')
	r, err := OpenCSV("p.csv", bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	done, total := r.Progress()
	if total != int64(len(data)) || done <= 0 || done > total {
		t.Errorf("after open: %d/%d", done, total)
	}
	recs := mustReadAll(t, r)
	if done, _ := r.Progress(); done != total || len(recs) != 2000 {
		t.Errorf("at the end: %d/%d, %d records", done, total, len(recs))
	}
}

// TestCSVEncodingMatrix reads one German and Polish lead list written in
// every encoding Excel and Outlook produce, with each delimiter and line
// end, and expects the same records from all (reliability D4).
func TestCSVEncodingMatrix(t *testing.T) {
	rowsPL := [][]string{
		{"Vorname", "Nachname", "Firma", "Straße", "Ort", "Notiz"},
		{"Łukasz", "Wiśniewski", "Przedsiębiorstwo \"Żuraw\" Sp. z o.o.", "ul. Źródlana 3", "Łódź", "Dzień dobry, proszę o kontakt"},
		{"Jürgen", "Müller", "Müller & Söhne, KG", "Hauptstraße 5", "Köln", "Rückruf\nerwünscht"},
		{"Małgorzata", "Dąbrowska", "Ślązak; Gdańsk", "ul. Żelazna 12", "Wrocław", ""},
	}
	rowsDE := [][]string{
		{"Vorname", "Nachname", "Firma", "Straße", "Ort", "Notiz"},
		{"Jürgen", "Müller", "Müller & Söhne, KG", "Hauptstraße 5", "Köln", "„Rückruf“ – erwünscht"},
		{"Änne", "Weiß", "Bäckerei Groß; Filiale", "Am Bühl 1", "Düsseldorf", "Tel.\tmorgens"},
		{"Zoë", "Peña", "Café Öz", "Gürtelstraße 9", "Berlin", "€ 500"},
	}
	type variant struct {
		name string
		enc  encoding.Encoding
		bom  string
		rows [][]string
		want string
	}
	variants := []variant{
		{"utf-8", encoding.Nop, "", rowsPL, "UTF-8"},
		{"utf-8 bom", encoding.Nop, "\xEF\xBB\xBF", rowsPL, "UTF-8 BOM"},
		{"utf-16le bom", utf16LEText, "\xFF\xFE", rowsPL, "UTF-16LE"},
		{"utf-16be bom", utf16BEText, "\xFE\xFF", rowsPL, "UTF-16BE"},
		{"windows-1250", charmap.Windows1250, "", rowsPL, "windows-1250"},
		{"iso-8859-2", charmap.ISO8859_2, "", rowsPL, "ISO-8859-2"},
		{"windows-1252", charmap.Windows1252, "", rowsDE, "windows-1252"},
		{"utf-8 de", encoding.Nop, "", rowsDE, "UTF-8"},
	}
	for _, v := range variants {
		for _, delim := range []rune{',', ';', '\t'} {
			for _, crlf := range []bool{false, true} {
				name := fmt.Sprintf("%s/%q/crlf=%v", v.name, delim, crlf)
				t.Run(name, func(t *testing.T) {
					var b bytes.Buffer
					w := csv.NewWriter(&b)
					w.Comma, w.UseCRLF = delim, crlf
					if err := w.WriteAll(v.rows); err != nil {
						t.Fatal(err)
					}
					in := append([]byte(v.bom), encodeText(t, v.enc, b.String())...)
					r, err := OpenCSV("m.csv", bytes.NewReader(in), int64(len(in)), Options{})
					if err != nil {
						t.Fatal(err)
					}
					d := r.Detection()
					if d.Encoding != v.want || d.Delimiter != string(delim) {
						t.Errorf("detected %s %q, want %s %q (%q)", d.Encoding, d.Delimiter, v.want, string(delim), d.Notes)
					}
					recs := mustReadAll(t, r)
					if !sameStrings(r.Header(), v.rows[0]) || len(recs) != len(v.rows)-1 {
						t.Fatalf("header %q, %d records", r.Header(), len(recs))
					}
					for i, rec := range recs {
						if rec.Err != nil || !sameStrings(rec.Fields, v.rows[i+1]) || rec.Row != i+2 {
							t.Errorf("row %d: %q %v, want %q", rec.Row, rec.Fields, rec.Err, v.rows[i+1])
						}
					}
				})
			}
		}
	}
}

// FuzzCSV feeds arbitrary bytes through OpenCSV and reads every record:
// no panic, rows increasing, accepted records as wide as the header,
// rejects carrying their position, every error naming the file.
func FuzzCSV(f *testing.F) {
	files, _ := filepath.Glob("testdata/csv-spectrum/csvs/*.csv")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, false)
		}
	}
	f.Add([]byte("sep=;\r\nName;Ort\r\nAnna;\"K\nöln\"\r\n\r\n"), false)
	f.Add(encodeText(f, charmap.Windows1250, samplePL), true)
	f.Add(append([]byte("\xFF\xFE"), encodeText(f, utf16LEText, sampleDE)...), false)
	f.Add([]byte("Titel\n\na;b;c\n1;\"2\"x;3\n\"4;5\n"), true)
	f.Add([]byte("a,b\r1,2\r\r3,\"4\r5\"\r"), false)
	f.Add([]byte("Titel\nMüller;m@example.de;030 1234567\nNowak;n@example.pl\n"), false) // no header row
	f.Fuzz(func(t *testing.T, in []byte, small bool) {
		opts := Options{}
		if small {
			opts = Options{MaxFieldBytes: 16, MaxColumns: 8}
		}
		r, err := OpenCSV("fuzz.csv", bytes.NewReader(in), int64(len(in)), opts)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		for _, h := range r.Header() {
			if !utf8.ValidString(h) {
				t.Fatalf("header %q", h)
			}
		}
		if _, err := checkedRecords(r); err != nil && !strings.HasPrefix(err.Error(), "fuzz.csv") {
			t.Fatal(err)
		}
		if done, total := r.Progress(); done > total {
			t.Fatalf("progress %d/%d", done, total)
		}
	})
}

// genLeadCSV makes rows of realistic German and Polish lead data in 15
// columns, with quoted fields, quoted line breaks and CRLF line ends.
func genLeadCSV(rows int, delim byte) []byte {
	rnd := rand.New(rand.NewPCG(1, 2))
	first := []string{"Anna", "Jürgen", "Łukasz", "Małgorzata", "Sören", "Zofia", "Thomas", "Agnieszka", "Björn", "Paweł", "Peter", "Maria"}
	last := []string{"Müller", "Schmidt", "Kowalski", "Wiśniewska", "Großmann", "Nowak", "Böhm", "Żak", "Weiß", "Dąbrowski", "Becker", "Wagner"}
	firms := []string{"Müller GmbH", "Schmidt & Söhne KG", "Kowalski Sp. z o.o.", "\"Nord\" Logistik AG", "Becker, Wolf & Partner", "Przedsiębiorstwo Łódź S.A.", "Wagner Maschinenbau GmbH"}
	cities := []string{"Berlin", "München", "Köln", "Łódź", "Kraków", "Gdańsk", "Düsseldorf", "Wrocław", "Hamburg", "Stuttgart"}
	titles := []string{"Einkaufsleiter", "Geschäftsführerin", "Kierownik zakupów", "Vertrieb", "Technischer Leiter"}
	d := string(delim)
	quote := func(s string) string {
		if strings.ContainsAny(s, "\"\r\n"+d) {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return s
	}
	var b bytes.Buffer
	b.WriteString(strings.Join([]string{"Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "Mobil", "Straße", "PLZ", "Ort", "Land", "Position", "Website", "Quelle", "Erfasst am", "Notiz"}, d))
	b.WriteString("\r\n")
	f := make([]string, 15)
	for i := range rows {
		fn, ln := first[rnd.IntN(len(first))], last[rnd.IntN(len(last))]
		note := ""
		if rnd.IntN(10) == 0 {
			note = "Rückruf erwünscht, \"dringend\"\nTermin auf der Messe"
		}
		f[0], f[1], f[2] = fn, ln, firms[rnd.IntN(len(firms))]
		f[3] = fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(fn), strings.ToLower(ln), i)
		f[4], f[5] = fmt.Sprintf("+49 30 %07d", rnd.IntN(10000000)), fmt.Sprintf("0171 %07d", rnd.IntN(10000000))
		f[6], f[7], f[8] = fmt.Sprintf("Hauptstraße %d", rnd.IntN(200)+1), fmt.Sprintf("%05d", rnd.IntN(99999)), cities[rnd.IntN(len(cities))]
		f[9], f[10], f[11], f[12] = "DE", titles[rnd.IntN(len(titles))], "https://www.example.de", "Messe XY 2026"
		f[13], f[14] = fmt.Sprintf("2026-%02d-%02d", rnd.IntN(12)+1, rnd.IntN(28)+1), note
		for j := range f {
			b.WriteString(quote(f[j]))
			if j < len(f)-1 {
				b.WriteByte(delim)
			}
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

const csvBenchRows = 100_000

var csvBenchData = sync.OnceValue(func() []byte { return genLeadCSV(csvBenchRows, ';') })

// readLeadCSV reads data with the leadpipe reader and returns the records.
func readLeadCSV(tb testing.TB, data []byte) int {
	r, err := OpenCSV("bench.csv", bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return n
		}
		if err != nil || rec.Err != nil {
			tb.Fatal(err, rec.Err)
		}
		n++
	}
}

// readBareCSV is the bare encoding/csv loop: fixed delimiter, no sniffing,
// decoding or checks, and a copy of each record as the reader makes.
func readBareCSV(tb testing.TB, data []byte) int {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	n := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return n - 1 // without the header
		}
		if err != nil {
			tb.Fatal(err)
		}
		_ = append([]string(nil), rec...)
		n++
	}
}

// BenchmarkCSVRead reads 100k rows of UTF-8 lead data (15 columns, ';',
// CRLF, some quoted fields and line breaks). x-bare-csv is its time over
// that of the bare encoding/csv loop (BenchmarkCSVReadBaseline), each the
// best of 5 runs taken in turn, so that load on the machine cancels out.
func BenchmarkCSVRead(b *testing.B) {
	data := csvBenchData()
	b.SetBytes(int64(len(data)))
	rows := 0
	for b.Loop() {
		rows = readLeadCSV(b, data)
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(ratioBestOf(5, func() { readLeadCSV(b, data) }, func() { readBareCSV(b, data) }), "x-bare-csv")
}

// BenchmarkCSVRead8Bit reads the same rows written in windows-1250 (its
// German and Polish letters are all in that code page), through the
// byte-table decoder.
func BenchmarkCSVRead8Bit(b *testing.B) {
	data, err := charmap.Windows1250.NewEncoder().Bytes(csvBenchData())
	if err != nil {
		b.Fatal(err)
	}
	r, err := OpenCSV("bench.csv", bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil || r.Detection().Encoding != "windows-1250" {
		b.Fatalf("%v %+v", err, r.Detection())
	}
	b.SetBytes(int64(len(data)))
	rows := 0
	for b.Loop() {
		rows = readLeadCSV(b, data)
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkCSVReadBaseline(b *testing.B) {
	data := csvBenchData()
	b.SetBytes(int64(len(data)))
	rows := 0
	for b.Loop() {
		rows = readBareCSV(b, data)
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// ratioBestOf runs f and g in turn n times and returns the ratio of their
// best times.
func ratioBestOf(n int, f, g func()) float64 {
	bestF, bestG := time.Duration(1<<63-1), time.Duration(1<<63-1)
	for range n {
		start := time.Now()
		f()
		bestF = min(bestF, time.Since(start))
		start = time.Now()
		g()
		bestG = min(bestG, time.Since(start))
	}
	return bestF.Seconds() / bestG.Seconds()
}

// TestCSVStrayQuote: a quote that opens a field and is never closed on its
// line made encoding/csv read on into the next lines, and the lenient
// re-parse glued them into one field: rows vanished into a company name,
// or into a note up to the end of the file, and the import exited 0. The
// row with the quote is now a quoting reject, and the rows after it are
// read as rows. Only where the lines after it do not parse either does a
// quote never closed before the end of the file stop the file, naming the
// row where it opens.
func TestCSVStrayQuote(t *testing.T) {
	const head = "first_name,last_name,company,email,city\n"
	type row struct {
		row    int
		first  string
		reject bool
	}
	for _, tc := range []struct {
		name, body string
		want       []row
	}{
		{"closed by a later field's quote",
			"Anna,Alt,\"Alt GmbH,anna@alt.de,Berlin\nBen,Bau,Bau AG,ben@bau.de,Köln\nCarl,Cup,\"Cup, Inc\",carl@cup.com,Boston\nDora,Dach,Dach KG,dora@dach.de,Bonn\n",
			[]row{{2, "Anna", true}, {3, "Ben", false}, {4, "Carl", false}, {5, "Dora", false}}},
		{"never closed",
			"Anna,Alt,Alt GmbH,anna@alt.de,\"never closed\nBen,Bau,Bau AG,ben@bau.de,Köln\nCarl,Cup,Cup Inc,carl@cup.com,Boston\nDora,Dach,Dach KG,dora@dach.de,Bonn\n",
			[]row{{2, "Anna", true}, {3, "Ben", false}, {4, "Carl", false}, {5, "Dora", false}}},
		// Rows after the split count as rows, a field over two lines too.
		{"closed by a later field's quote, then a field over two lines",
			"Anna,Alt,\"Alt GmbH,anna@alt.de,Berlin\nBen,Bau,Bau AG,ben@bau.de,Köln\nCarl,Cup,\"Cup, Inc\",carl@cup.com,Boston\nDora,Dach,\"Dach\nKG\",dora@dach.de,Bonn\nEmil,Ertl,Ertl,emil@ertl.de,Graz\n",
			[]row{{2, "Anna", true}, {3, "Ben", false}, {4, "Carl", false}, {5, "Dora", false}, {6, "Emil", false}}},
		// A row after it with a bare quote of its own is a row too (once
		// the header is known: pre 300 only, see below).
		{"closed by a later field's quote, a bare quote between",
			"Anna,Alt,\"Alt GmbH,anna@alt.de,Berlin\nBen,Bau,27\" Monitor AG,ben@bau.de,Köln\nCarl,Cup,\"Cup, Inc\",carl@cup.com,Boston\nDora,Dach,Dach KG,dora@dach.de,Bonn\n",
			[]row{{2, "Anna", true}, {3, "Ben", false}, {4, "Carl", false}, {5, "Dora", false}}},
		// A note over lines whose middle line holds commas and a quoted
		// word is no row of its own (a review found it made a lead): the
		// note's first two lines stay Anna's, its last line is a record
		// that the import rejects as unreachable.
		{"note with commas and quotes over three lines",
			"Anna,Alt,Alt GmbH,anna@alt.de,\"Anruf am 3.5., meldet sich\nzweiter Anruf, kein Interesse, sagt \"Budget ok\" spaeter\nEnde\"\nBen,Bau,Bau AG,ben@bau.de,ok\n",
			[]row{{2, "Anna", false}, {3, "Ende\"", false}, {4, "Ben", false}}},
		// A note that spans lines with a stray quote inside stays one field.
		{"stray quote in a note over two lines",
			"Anna,Alt,Alt GmbH,anna@alt.de,\"Berlin\nMitte \"Nord\" Ost\"\nBen,Bau,Bau AG,ben@bau.de,Köln\n",
			[]row{{2, "Anna", false}, {3, "Ben", false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, pre := range []int{0, 300} { // in Open's look-ahead, and after it
				if pre == 0 && strings.Contains(tc.name, "bare quote between") {
					continue
				}
				var b strings.Builder
				b.WriteString(head)
				for i := range pre {
					fmt.Fprintf(&b, "P%d,Q,R,p%d@example.com,x\n", i, i)
				}
				b.WriteString(tc.body)
				r, err := OpenCSV("t.csv", strings.NewReader(b.String()), int64(b.Len()), Options{})
				if err != nil {
					t.Fatal(err)
				}
				recs, err := checkedRecords(r)
				if err != nil {
					t.Fatal(err)
				}
				recs = recs[pre:]
				var got []row
				for _, rec := range recs {
					got = append(got, row{rec.Row - pre, rec.Fields[0], rec.Err != nil})
					if rec.Err != nil && !errors.Is(rec.Err, crm.ErrQuote) {
						t.Errorf("row %d: %v", rec.Row, rec.Err)
					}
					if rec.Err == nil && len(rec.Fields) != 5 {
						t.Errorf("row %d: %q", rec.Row, rec.Fields)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.want) {
					t.Errorf("%d rows before:\n got %v\nwant %v", pre, got, tc.want)
				}
			}
		})
	}

	// Where the lines after it are no rows (the rest of a note with an
	// escaped quote), the file stops at the row of the quote.
	in := head + "Anna,Alt,Alt GmbH,anna@alt.de,\"never closed\nsays \"\"call\"\" back\nthen Monday\n"
	for _, pre := range []int{0, 300} {
		var b strings.Builder
		b.WriteString(head)
		for i := range pre {
			fmt.Fprintf(&b, "P%d,Q,R,p%d@example.com,x\n", i, i)
		}
		b.WriteString(in[len(head):])
		rows := 0
		r, err := OpenCSV("t.csv", strings.NewReader(b.String()), int64(b.Len()), Options{})
		for err == nil {
			_, err = r.Next()
			rows++
		}
		want := fmt.Sprintf("t.csv row %d: a quote opened in this row is never closed, so the 2 lines after it", pre+2)
		if !errors.Is(err, ErrUnclosedQuote) || !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("%d rows before: got %v", pre, err)
		}
		if pre > 0 && rows != pre+1 {
			t.Errorf("%d rows before: read %d records before the error", pre, rows-1)
		}
	}
	// A stray quote inside one line, even the last, is no such break.
	for _, ok := range []string{
		"a,b\n1,\"x\"y\"\n",
		"a,b\n1,\"two\nlines\"\n",
		"a,b\n1,x\"\n",
	} {
		r := openCSVString(t, ok, Options{})
		if _, err := checkedRecords(r); errors.Is(err, ErrUnclosedQuote) {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

// TestCSVSpaceBeforeQuotes: `"Anna", "Schmidt"` reads without the quotes;
// but a field `"Zitat" und mehr` there would lose its first quote in the
// lenient parse, so its row is a quoting reject that shows it as written.
func TestCSVSpaceBeforeQuotes(t *testing.T) {
	r := openCSVString(t, "Name, E-Mail, Firma, Notiz\nAnna A, \"a@x.de\", \"Alt, Neu\", x\nDora D, \"d@w.de\", Delta, \"Zitat\" und mehr\n", Options{})
	recs, err := checkedRecords(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Err != nil || fmt.Sprint(recs[0].Fields) != "[Anna A a@x.de Alt, Neu x]" {
		t.Fatalf("records %+v", recs)
	}
	if !errors.Is(recs[1].Err, crm.ErrQuote) || recs[1].Fields[3] != ` "Zitat" und mehr` {
		t.Errorf("row 3: %v %q", recs[1].Err, recs[1].Fields)
	}
}
