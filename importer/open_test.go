package importer

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// corpusDir is the third-party corpus beside the repository
// (/work/shared/corpus for /work/main). Tests that read it skip without it.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil {
		t.Skipf("third-party corpus not found at %s (it lives beside the repository, see ../shared/corpus/README.md): %v", dir, err)
	}
	return dir
}

// openAll opens path and reads every record; a file error is returned
// with the records before it.
func openAll(path string, opts Options) (Reader, []Record, error) {
	r, err := Open(path, opts)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	recs, err := checkedRecords(r)
	return r, recs, err
}

// TestReaderCorpus opens every CSV, TXT and XLSX file of the corpus and
// reads all its records: no panic, the Reader contract holds, and a file
// that cannot be read gets an error naming it. Copyleft folders
// (contacts/thunderbird, horde-data, roundcube-csv2vcard) are read in
// place and never copied.
func TestReaderCorpus(t *testing.T) {
	dir := corpusDir(t)
	var files []string
	for _, sub := range []string{"csv", "contacts", "xlsx"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".csv", ".txt", ".tsv", ".ssv", ".psv", ".xlsx":
				if !strings.HasSuffix(p, ".expected.csv") && filepath.Base(p) != "README.txt" {
					files = append(files, p)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 100 {
		t.Fatalf("only %d corpus files", len(files))
	}
	var records, rejected, failed int
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		t.Run(rel, func(t *testing.T) {
			r, recs, err := openAll(p, Options{})
			if err != nil {
				if !strings.HasPrefix(err.Error(), p) {
					t.Errorf("error does not name the file: %v", err)
				}
				t.Logf("error: %v", err)
				failed++
				return
			}
			for _, rec := range recs {
				if rec.Err != nil {
					rejected++
				}
			}
			records += len(recs)
			d := r.Detection()
			t.Logf("%s %s %q header row %d, %d columns, %d records", d.Format, d.Encoding+d.Sheet, d.Delimiter, d.HeaderRow, len(r.Header()), len(recs))
		})
	}
	t.Logf("%d files: %d records (%d rejected), %d files with an error", len(files), records, rejected, failed)
}

// knownFile is what a test knows about one file of the corpus.
type knownFile struct {
	opts      Options
	format    string
	encoding  string
	delimiter string
	sheet     string
	headerRow int
	records   int // -1: don't check
	columns   int
	err       string // the file error must contain this
	check     func(t *testing.T, hdr []string, recs []Record)
}

func fieldIs(i, col int, want string) func(*testing.T, []string, []Record) {
	return func(t *testing.T, _ []string, recs []Record) {
		t.Helper()
		if i >= len(recs) || col >= len(recs[i].Fields) || recs[i].Fields[col] != want {
			t.Errorf("record %d column %d: want %q, got %+v", i, col, want, recs[min(i, len(recs)-1)])
		}
	}
}

func anyField(want string) func(*testing.T, []string, []Record) {
	return func(t *testing.T, hdr []string, recs []Record) {
		t.Helper()
		if slices.Contains(hdr, want) {
			return
		}
		for _, r := range recs {
			for _, f := range r.Fields {
				if strings.Contains(f, want) {
					return
				}
			}
		}
		t.Errorf("no field holds %q", want)
	}
}

func noRejects(t *testing.T, _ []string, recs []Record) {
	t.Helper()
	for _, r := range recs {
		if r.Err != nil {
			t.Errorf("row %d: %v", r.Row, r.Err)
		}
	}
}

func all(checks ...func(*testing.T, []string, []Record)) func(*testing.T, []string, []Record) {
	return func(t *testing.T, h []string, r []Record) {
		t.Helper()
		for _, c := range checks {
			c(t, h, r)
		}
	}
}

var premiere = all(noRejects, func(t *testing.T, hdr []string, recs []Record) {
	t.Helper()
	if !sameStrings(hdr, []string{"première", "second", "troisième"}) || !sameStrings(recs[0].Fields, []string{"Quatrième", "cinquième", "sixième"}) {
		t.Errorf("read %q %q", hdr, recs[0].Fields)
	}
})

// knownFiles are files of the corpus with known content, by path under it.
// Those under testdata/reader (copied with credits) are checked without
// the corpus too.
var knownFiles = map[string]knownFile{
	"contacts/uk-500/uk-500.csv": {format: "csv", encoding: "UTF-8", delimiter: ",", headerRow: 1, records: 500, columns: 11,
		check: all(noRejects, fieldIs(0, 0, "Aleshia"), fieldIs(499, 9, "mi@hotmail.com"), func(t *testing.T, _ []string, recs []Record) {
			if recs[499].Row != 501 {
				t.Errorf("last row %d", recs[499].Row)
			}
		})},
	"contacts/thunderbird/import/utf16_addressbook.csv": {format: "csv", encoding: "UTF-16LE", delimiter: ",", headerRow: 1, records: 1, columns: 37,
		check: all(noRejects, fieldIs(0, 0, "John"), fieldIs(0, 2, "John Doe"), fieldIs(0, 4, "johndoe@host.invalid"))},
	"contacts/thunderbird/import/csv_semicolon.csv": {delimiter: ";", records: 2, columns: 4, check: all(fieldIs(1, 3, "jane@doe.invalid"))},
	"contacts/thunderbird/export.csv":               {delimiter: ",", records: 2, columns: 37, check: all(noRejects, anyField("custom\n3"), anyField("here's some unicode text…"), anyField(`"worker"`))},
	"contacts/thunderbird/export.txt":               {delimiter: "\t", records: 2, columns: 37, check: all(noRejects, anyField("custom\t2"), anyField("custom\n4"))},
	"contacts/salesforce-dataloader/accountData.csv": {encoding: "windows-1252", delimiter: ",", records: 423, columns: 38,
		check: all(noRejects, anyField("Nº 77"), anyField("????????????????"))},
	"csv/phpspreadsheet/premiere.utf8.csv":       {encoding: "UTF-8", records: 1, check: premiere},
	"csv/phpspreadsheet/premiere.utf8bom.csv":    {encoding: "UTF-8 BOM", records: 1, check: premiere},
	"csv/phpspreadsheet/premiere.utf16le.csv":    {encoding: "UTF-16LE", records: 2, check: premiere},
	"csv/phpspreadsheet/premiere.utf16lebom.csv": {encoding: "UTF-16LE", records: 1, check: premiere},
	"csv/phpspreadsheet/premiere.utf16bebom.csv": {encoding: "UTF-16BE", records: 1, check: premiere},
	"csv/phpspreadsheet/premiere.win1252.csv":    {encoding: "windows-1252", records: 1, check: premiere},
	"csv/phpspreadsheet/sep.csv":                 {delimiter: ";", headerRow: 1, records: 1, check: all(fieldIs(0, 0, "2"), fieldIs(0, 1, "3"))},
	"csv/phpspreadsheet/linend.mac.csv":          {headerRow: 1, records: 1, check: fieldIs(0, 1, "3")},
	"csv/phpspreadsheet/linend.unix.csv":         {headerRow: 1, records: 1, check: fieldIs(0, 1, "3")},
	"csv/phpspreadsheet/linend.win.csv":          {headerRow: 1, records: 1, check: fieldIs(0, 1, "3")},
	"csv/phpspreadsheet/empty.csv":               {err: "no header row"},
	"csv/csvkit/mac_newlines.csv":                {records: 2, check: all(noRejects, fieldIs(1, 0, "Once upon\na time"))},
	"csv/csvkit/test_latin1.csv":                 {encoding: "windows-1252", records: 2, check: fieldIs(1, 2, "©")},
	"csv/csvkit/test_utf16_little.csv":           {encoding: "UTF-16LE", records: 2, check: fieldIs(1, 2, "ʤ")},
	"csv/csvkit/test_skip_lines.csv":             {headerRow: 4, records: 1},
	"csv/univocity/examples_european.csv": {delimiter: ";", headerRow: 1, records: 5, columns: 5, check: func(t *testing.T, _ []string, recs []Record) {
		// Backslash-escaped quotes are not CSV: those rows are rejected, the
		// others (with a quoted line break) are read, none glued together.
		for i, wantErr := range []bool{false, true, false, true, true} {
			if (recs[i].Err != nil) != wantErr || (wantErr && !errors.Is(recs[i].Err, crm.ErrQuote)) {
				t.Errorf("row %d: %v", recs[i].Row, recs[i].Err)
			}
		}
		if !sameStrings(recs[2].Fields, []string{"1996", "Jeep", "Grand Cherokee", "MUST SELL!\nair; moon roof; loaded", "4799,00"}) || recs[2].Row != 4 {
			t.Errorf("row %d: %q", recs[2].Row, recs[2].Fields)
		}
	}},
	"csv/messytables/sparse_with_column_errors.csv": {encoding: "windows-1252", headerRow: 1, records: -1, check: anyField("Trägerorganisationen")},
	"csv/messytables/spanish_chars.csv":             {encoding: "windows-1252", records: -1, check: all(noRejects, anyField("Descripción"))},
	"csv/messytables/utf-16le_encoded.csv":          {encoding: "UTF-16LE", records: 327, columns: 19, check: noRejects},
	"csv/messytables/weird_head_padding.csv":        {encoding: "UTF-8", delimiter: ";", headerRow: 12, records: -1, check: anyField("      Gefäßchirurgie")},
	"csv/messytables/excel_pasting.csv":             {headerRow: 4, records: -1, check: func(t *testing.T, h []string, _ []Record) { fieldIs(0, 0, "Year")(t, nil, []Record{{Fields: h}}) }},
	"csv/messytables/mixedGLB.csv":                  {headerRow: 4, columns: 19, records: -1, check: noRejects},
	"csv/polish-teryt/TERC.csv":                     {encoding: "UTF-8", delimiter: ";", records: 4194, columns: 7, check: all(noRejects, fieldIs(0, 0, "02"), fieldIs(0, 4, "DOLNOŚLĄSKIE"))},
	"xlsx/calamine/date.xlsx": {format: "xlsx", sheet: "Sheet1", records: 2, check: func(t *testing.T, h []string, recs []Record) {
		if !sameStrings(h, []string{"2021-01-01", "15"}) || !sameStrings(recs[1].Fields, []string{"255:10:10", "17"}) {
			t.Errorf("%q %+v", h, recs)
		}
	}},
	"xlsx/calamine/date_1904.xlsx": {format: "xlsx", records: 2, check: func(t *testing.T, h []string, recs []Record) {
		if !sameStrings(h, []string{"2021-01-01", "15"}) || !sameStrings(recs[0].Fields, []string{"2021-01-02", "16"}) {
			t.Errorf("%q %+v", h, recs)
		}
	}},
	// Same serials in both date systems: column B must read as the date that
	// Excel itself cached in column C (=TEXT(B1,"YYYY-MM-DD")).
	"xlsx/sheetjs/1904_1900.xlsx":   {format: "xlsx", records: 4, check: sameAsExcelText},
	"xlsx/sheetjs/1904_1904.xlsx":   {format: "xlsx", records: 4, check: sameAsExcelText},
	"xlsx/calamine/any_sheets.xlsx": {format: "xlsx", sheet: "Visible", records: 3},
	"xlsx/calamine/has_x000D_.xlsx": {format: "xlsx", records: 0, check: func(t *testing.T, h []string, _ []Record) {
		if !sameStrings(h, []string{"ABC\nDEF"}) {
			t.Errorf("header %q", h)
		}
	}},
	"xlsx/calamine/errors.xlsx":   {format: "xlsx", sheet: "Feuil1", records: 6, check: all(fieldIs(0, 0, "#NAME?"), fieldIs(4, 0, "#NUM!"))},
	"xlsx/calamine/date_iso.xlsx": {format: "xlsx", records: 5, check: all(fieldIs(0, 0, "2021-01-01T10:10:10"), fieldIs(1, 0, "10:10:10"))},
	"xlsx/calamine/merge_cells.xlsx": {format: "xlsx", records: 1, check: func(t *testing.T, h []string, _ []Record) {
		if !sameStrings(h, []string{"Row Merge", "Row Merge", "Not Merged"}) {
			t.Errorf("header %q", h)
		}
	}},
	"xlsx/sheetjs/phonetic_text.xlsx":              {format: "xlsx", records: 1, check: func(t *testing.T, h []string, _ []Record) { fieldIs(0, 0, "漢字")(t, nil, []Record{{Fields: h}}) }},
	"xlsx/sheetjs/sheet_visibility.xlsx":           {format: "xlsx", sheet: "Visible", records: 1, check: fieldIs(0, 0, "118")},
	"xlsx/sheetjs/sheet_visibility_strict.xlsx":    {format: "xlsx", sheet: "Visible", records: 1, check: fieldIs(0, 0, "118")},
	"xlsx/sheetjs/minimal_112.xlsx":                {format: "xlsx", records: 2, check: all(fieldIs(0, 1, "1.23"), fieldIs(1, 0, "TRUE"))},
	"xlsx/sheetjs/wtf_path.xlsx":                   {err: "keeps part wtf/sharedStrings.xml where leadpipe expects xl/sharedStrings.xml"},
	"xlsx/roo/boolean-from-google-sheets.xlsx":     {format: "xlsx", records: 1, check: func(t *testing.T, h []string, recs []Record) { fieldIs(0, 0, "FALSE")(t, h, recs) }},
	"xlsx/tealeg/empty_rows.xlsx":                  {format: "xlsx", sheet: "EmptyRows", headerRow: 3, records: 1},
	"xlsx/xlsx2csv/xlsx2csv-test-file.xlsx":        {format: "xlsx", sheet: "Sheet1", records: 43},
	"xlsx/phpspreadsheet/issue.3982.xlsx":          {format: "xlsx", headerRow: 1, records: 4, columns: 24, check: all(noRejects, fieldIs(3, 20, "11-202404"))},
	"xlsx/tealeg/inlineStrings.xlsx":               {format: "xlsx", headerRow: 10, records: -1, check: anyField("Malformed Campaign")},
	"xlsx/sheetjs/text_and_numbers.xlsx":           {format: "xlsx", records: 2, check: all(fieldIs(0, 1, "שלום"), fieldIs(1, 1, "13.37"))},
	"xlsx/xlsx2csv/skip_empty_lines.xlsx":          {format: "xlsx", sheet: "Реестр", records: 2},
	"xlsx/calamine/nonstandard-xml-ns-prefix.xlsx": {format: "xlsx", records: 2, check: fieldIs(1, 1, "4")},
}

func sameAsExcelText(t *testing.T, _ []string, recs []Record) {
	t.Helper()
	for _, r := range recs {
		if r.Fields[1] != r.Fields[2] {
			t.Errorf("row %d: read %q, Excel shows %q", r.Row, r.Fields[1], r.Fields[2])
		}
	}
}

func checkKnown(t *testing.T, path string, k knownFile) {
	start := time.Now()
	r, recs, err := openAll(path, k.opts)
	elapsed := time.Since(start)
	if k.err != "" {
		if err == nil || !strings.Contains(err.Error(), k.err) || !strings.HasPrefix(err.Error(), path) {
			t.Fatalf("got %v, want an error with %q", err, k.err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	d := r.Detection()
	for _, c := range []struct{ name, got, want string }{
		{"format", d.Format, k.format}, {"encoding", d.Encoding, k.encoding}, {"delimiter", d.Delimiter, k.delimiter}, {"sheet", d.Sheet, k.sheet},
	} {
		if c.want != "" && c.got != c.want {
			t.Errorf("%s %q, want %q (notes %q)", c.name, c.got, c.want, d.Notes)
		}
	}
	if k.headerRow != 0 && d.HeaderRow != k.headerRow {
		t.Errorf("header row %d, want %d", d.HeaderRow, k.headerRow)
	}
	if k.records >= 0 && len(recs) != k.records {
		t.Errorf("%d records, want %d", len(recs), k.records)
	}
	if k.columns != 0 && len(r.Header()) != k.columns {
		t.Errorf("%d columns, want %d: %q", len(r.Header()), k.columns, r.Header())
	}
	if k.check != nil && len(recs) > 0 || (k.check != nil && k.records == 0) {
		k.check(t, r.Header(), recs)
	}
	if elapsed > 2*time.Second {
		t.Errorf("took %v", elapsed)
	}
}

func TestReaderCorpusKnown(t *testing.T) {
	dir := corpusDir(t)
	for rel, k := range knownFiles {
		t.Run(rel, func(t *testing.T) { checkKnown(t, filepath.Join(dir, rel), k) })
	}
}

// TestReaderFixtures checks the known files copied into testdata/reader,
// so that encodings, line ends, sep= and the 1904 date system are covered
// without the corpus.
func TestReaderFixtures(t *testing.T) {
	n := 0
	for rel, k := range knownFiles {
		path := filepath.Join("testdata", "reader", rel)
		if _, err := os.Stat(path); err != nil {
			continue
		}
		n++
		t.Run(rel, func(t *testing.T) { checkKnown(t, path, k) })
	}
	if n != 17 {
		t.Errorf("%d fixtures found in testdata/reader, want 17", n)
	}
}

// TestReaderCorpusSameRecords: files that hold the same table in different
// encodings, line ends or date systems read as the same records.
func TestReaderCorpusSameRecords(t *testing.T) {
	dir := corpusDir(t)
	groups := [][]string{
		{"csv/univocity/csv_essential.csv", "csv/univocity/csv_essential-dos.csv", "csv/univocity/csv_essential-mac.csv"},
		{"csv/phpspreadsheet/linend.unix.csv", "csv/phpspreadsheet/linend.win.csv", "csv/phpspreadsheet/linend.mac.csv"},
		{"csv/phpspreadsheet/premiere.utf8.csv", "csv/phpspreadsheet/premiere.utf8bom.csv", "csv/phpspreadsheet/premiere.utf16lebom.csv", "csv/phpspreadsheet/premiere.utf16bebom.csv", "csv/phpspreadsheet/premiere.win1252.csv"},
		{"csv/openrefine/example-utf16le-bom.tsv", "csv/openrefine/example-latin1.tsv"},
		{"contacts/thunderbird/export.csv", "contacts/thunderbird/export.txt"},
		{"xlsx/calamine/date.xlsx", "xlsx/calamine/date_1904.xlsx"},
		{"xlsx/sheetjs/sheet_visibility.xlsx", "xlsx/sheetjs/sheet_visibility_strict.xlsx"},
	}
	for _, g := range groups {
		t.Run(filepath.Base(g[0]), func(t *testing.T) {
			var first string
			for _, rel := range g {
				r, recs, err := openAll(filepath.Join(dir, rel), Options{})
				if err != nil {
					t.Fatal(err)
				}
				got := fmt.Sprintf("%q", r.Header())
				for _, rec := range recs {
					got += fmt.Sprintf("\n%d %q %v", rec.Row, rec.Fields, rec.Err != nil)
				}
				if first == "" {
					first = got
				} else if got != first {
					t.Errorf("%s reads differently from %s:\n%s\n--- vs ---\n%s", rel, g[0], got, first)
				}
			}
		})
	}
}

// TestReaderCorpusXLSX2CSV compares the xlsx2csv project's expected CSVs
// with the records read from each workbook (values, not formats). Our
// reader drops title and empty rows, so the comparison starts at the
// header and skips empty lines.
func TestReaderCorpusXLSX2CSV(t *testing.T) {
	dir := corpusDir(t)
	expected, _ := filepath.Glob(filepath.Join(dir, "xlsx", "xlsx2csv", "*.expected.csv"))
	if len(expected) != 5 {
		t.Fatalf("%d expected files", len(expected))
	}
	for _, exp := range expected {
		t.Run(filepath.Base(exp), func(t *testing.T) {
			f, err := os.Open(exp)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cr := csv.NewReader(f)
			cr.FieldsPerRecord = -1
			var want [][]string
			for {
				rec, err := cr.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if !isEmptyRow(rec) {
					want = append(want, trimTrailingEmpty(rec))
				}
			}
			r, recs, err := openAll(strings.TrimSuffix(exp, ".expected.csv")+".xlsx", Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := [][]string{trimTrailingEmpty(r.Header())}
			for _, rec := range recs {
				got = append(got, trimTrailingEmpty(rec.Fields))
			}
			i := slices.IndexFunc(want, func(w []string) bool { return sameStrings(w, got[0]) })
			if i < 0 {
				t.Fatalf("header %q not in %q", got[0], want)
			}
			if fmt.Sprintf("%q", want[i:]) != fmt.Sprintf("%q", got) {
				t.Errorf("\n got %q\nwant %q", got, want[i:])
			}
		})
	}
}

// TestReaderCorpusQuoteModes reads every corpus CSV in the three quote
// modes and logs what each accepts and rejects: the evidence for
// quotesRepair (see csv.go). Repair must accept at least what strict
// accepts, and must read univocity's backslash-escaped file without
// gluing records together as LazyQuotes does.
func TestReaderCorpusQuoteModes(t *testing.T) {
	dir := corpusDir(t)
	var files []string
	for _, sub := range []string{"csv", "contacts"} {
		filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if ext := filepath.Ext(p); ext == ".csv" || ext == ".txt" || ext == ".tsv" || ext == ".ssv" || ext == ".psv" {
				files = append(files, p)
			}
			return nil
		})
	}
	type tally struct {
		records, rejected, quote int
		header                   string
	}
	modes := []quoteMode{quotesRepair, quotesLazy, quotesStrict}
	names := []string{"repair", "lazy", "strict"}
	total := make([]tally, len(modes))
	for _, p := range files {
		var got [3]tally
		for m, mode := range modes {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			r, err := newCSVReader(p, f, 0, f, Options{}, mode)
			if err != nil {
				f.Close()
				continue
			}
			recs, _ := checkedRecords(r)
			r.Close()
			got[m].header = fmt.Sprint(r.Detection().HeaderRow, r.Header())
			for _, rec := range recs {
				got[m].records++
				if rec.Err != nil {
					got[m].rejected++
				}
				if errors.Is(rec.Err, crm.ErrQuote) {
					got[m].quote++
				}
			}
			total[m].records += got[m].records
			total[m].rejected += got[m].rejected
			total[m].quote += got[m].quote
		}
		if got[0].records != got[1].records || got[0].rejected != got[1].rejected || got[0].records != got[2].records || got[0].rejected != got[2].rejected {
			rel, _ := filepath.Rel(dir, p)
			f := func(x tally) string { return fmt.Sprintf("%d/%d/%d", x.records, x.rejected, x.quote) }
			t.Logf("%-55s records/rejected/quote: repair %s, lazy %s, strict %s", rel, f(got[0]), f(got[1]), f(got[2]))
		}
		// (A repaired row among the first rows can change the header.)
		if accepted := func(x tally) int { return x.records - x.rejected }; got[0].header == got[2].header && accepted(got[0]) < accepted(got[2]) {
			t.Errorf("%s: repair accepts %d rows, strict %d", p, accepted(got[0]), accepted(got[2]))
		}
		if strings.HasSuffix(p, "examples_european.csv") && (got[0].records != 5 || got[1].records != 3) {
			t.Errorf("examples_european: repair %+v, lazy %+v", got[0], got[1])
		}
	}
	for m := range modes {
		t.Logf("all %d files, %s: %d records, %d rejected, %d of them for quoting", len(files), names[m], total[m].records, total[m].rejected, total[m].quote)
	}
}
