package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The tests below build their workbooks: with excelize, as users' tools
// do, and by hand (craftXLSX) where a test needs XML that excelize does
// not write: cached formula values, rich text with phonetic runs, inline
// strings, ISO date cells, hostile parts.

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relNS  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// craftStyles is the styles part of crafted workbooks. The cellXfs index
// is the s attribute of a cell:
//
//	0 General           4 #,##0.00 "€"     8  [$-407]d. mmmm yyyy
//	1 14 (m/d/yyyy)     5 @ (text)         9  "KW "0
//	2 dd.mm.yyyy        6 20 (h:mm)        10 yyyy-mm-dd hh:mm:ss
//	3 22 (m/d/yy h:mm)  7 [h]:mm:ss
const craftStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="6"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/><numFmt numFmtId="165" formatCode="[$-407]d\. mmmm yyyy;@"/><numFmt numFmtId="166" formatCode="#,##0.00\ &quot;€&quot;"/><numFmt numFmtId="167" formatCode="[h]:mm:ss"/><numFmt numFmtId="168" formatCode="&quot;KW &quot;0"/><numFmt numFmtId="170" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="11"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>`

type craftSheet struct {
	name, state string
	xml         string // the worksheet (or chartsheet) part
	chart       bool
}

// sheetXML wraps rows (the inside of sheetData) and merged ranges.
func sheetXML(rows string, merges ...string) string {
	var m string
	if len(merges) > 0 {
		m = fmt.Sprintf(`<mergeCells count="%d">`, len(merges))
		for _, r := range merges {
			m += `<mergeCell ref="` + r + `"/>`
		}
		m += `</mergeCells>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<worksheet " + nsMain + "><sheetData>" + rows + "</sheetData>" + m + "</worksheet>"
}

// craftXLSX writes a workbook from parts. sst holds the inside of each
// <si>; extra parts (path → content) replace or add parts.
func craftXLSX(t testing.TB, date1904 bool, sst []string, sheets []craftSheet, extra map[string]string) string {
	t.Helper()
	parts := map[string]string{}
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="` + relNS + `styles" Target="styles.xml"/><Relationship Id="rIdT" Type="` + relNS + `sharedStrings" Target="sharedStrings.xml"/>`
	wb := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<workbook " + nsMain + ">"
	if date1904 {
		wb += `<workbookPr date1904="1"/>`
	}
	wb += "<sheets>"
	for i, s := range sheets {
		id := fmt.Sprintf("rId%d", i+1)
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		wb += fmt.Sprintf(`<sheet name="%s" sheetId="%d"%s r:id="%s"/>`, s.name, i+1, state, id)
		if s.chart {
			path := fmt.Sprintf("chartsheets/sheet%d.xml", i+1)
			parts["xl/"+path] = s.xml
			rels += `<Relationship Id="` + id + `" Type="` + relNS + `chartsheet" Target="` + path + `"/>`
			ct += `<Override PartName="/xl/` + path + `" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/>`
			continue
		}
		path := fmt.Sprintf("worksheets/sheet%d.xml", i+1)
		parts["xl/"+path] = s.xml
		rels += `<Relationship Id="` + id + `" Type="` + relNS + `worksheet" Target="` + path + `"/>`
		ct += `<Override PartName="/xl/` + path + `" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	}
	wb += "</sheets></workbook>"
	parts["[Content_Types].xml"] = ct + "</Types>"
	parts["_rels/.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relNS + `officeDocument" Target="xl/workbook.xml"/></Relationships>`
	parts["xl/workbook.xml"] = wb
	parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>"
	parts["xl/styles.xml"] = craftStyles
	sx := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
	for _, s := range sst {
		sx += "<si>" + s + "</si>"
	}
	parts["xl/sharedStrings.xml"] = sx + "</sst>"
	for k, v := range extra {
		parts[k] = v
	}
	path := filepath.Join(t.TempDir(), "crafted.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml"} {
		writePart(t, zw, name, parts[name])
		delete(parts, name)
	}
	for name, body := range parts {
		writePart(t, zw, name, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func writePart(t testing.TB, zw *zip.Writer, name, body string) {
	w, err := zw.Create(name)
	if err == nil {
		_, err = io.WriteString(w, body)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// cellsSST are the shared strings of the cells test; the second is rich
// text with a phonetic run, the third has Excel's _x000D_ escape for CR.
var cellsSST = []string{
	`<t>Messe XY 2026 – Leads</t>`,
	`<r><t>Mü</t></r><r><rPr><b/></rPr><t>ller</t></r><rPh sb="0" eb="2"><t>ミュラー</t></rPh>`,
	`<t xml:space="preserve">Zeile 1_x000D_
Zeile 2</t>`,
	`<t>Vorname</t>`, `<t>Nachname</t>`, `<t>Telefon</t>`, `<t>Erfasst am</t>`, `<t>Umsatz</t>`,
	`<t>Kundennr</t>`, `<t>Aktiv</t>`, `<t>Notiz</t>`, `<t>Formel</t>`, `<t>Status</t>`, `<t>Zeit</t>`,
	`<t>Dauer</t>`, `<t>ISO</t>`, `<t>Fehler</t>`, `<t>0171 1234567</t>`, `<t>00123</t>`, `<t>Anna</t>`, `<t>Ben</t>`,
}

// cellsSheet is a lead sheet with a title row (merged A1:O1), a blank row,
// the header in row 3 (Telefon merged over C3:D3), and one cell of every
// kind. Date serials are given for the 1900 system and moved by shift days
// for the 1904 system, so both must read as the same dates.
func cellsSheet(shift int) string {
	d := func(serial float64) string { return fmt.Sprint(serial - float64(shift)) }
	return sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`+
		`<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="s"><v>5</v></c><c r="D3" s="0"/><c r="E3" t="s"><v>6</v></c><c r="F3" t="s"><v>7</v></c><c r="G3" t="s"><v>8</v></c><c r="H3" t="s"><v>9</v></c><c r="I3" t="s"><v>10</v></c><c r="J3" t="s"><v>11</v></c><c r="K3" t="s"><v>12</v></c><c r="L3" t="s"><v>13</v></c><c r="M3" t="s"><v>14</v></c><c r="N3" t="s"><v>15</v></c><c r="O3" t="s"><v>16</v></c></row>`+
		`<row r="4">`+
		`<c r="A4" t="inlineStr"><is><r><t>Jür</t></r><r><rPr><i/></rPr><t>gen</t></r><rPh sb="0" eb="1"><t>ユ</t></rPh></is></c>`+
		`<c r="B4" t="s"><v>1</v></c>`+
		`<c r="C4"><v>4.930123456E9</v></c>`+
		`<c r="D4" t="s"><v>17</v></c>`+
		`<c r="E4" s="1"><v>`+d(45292)+`</v></c>`+
		`<c r="F4" s="4"><v>50000</v></c>`+
		`<c r="G4" s="5" t="s"><v>18</v></c>`+
		`<c r="H4" t="b"><v>1</v></c>`+
		`<c r="I4" t="s"><v>2</v></c>`+
		`<c r="J4"><f>F4*2</f><v>100000</v></c>`+
		`<c r="K4" t="str"><f>IF(H4,"aktiv","")</f><v>aktiv</v></c>`+
		`<c r="L4" s="6"><v>0.5</v></c>`+
		`<c r="M4" s="7"><v>1.5</v></c>`+
		`<c r="N4" t="d"><v>2026-11-23T10:15:00</v></c>`+
		`<c r="O4" t="e"><f>1/0</f><v>#DIV/0!</v></c>`+
		`</row>`+
		`<row r="6"><c r="A6" t="s"><v>19</v></c><c r="B6" t="inlineStr"><is><t>Weiß</t></is></c><c r="C6"><v>0.10000000000000001</v></c><c r="E6" s="2"><v>`+d(45292.75)+`</v></c><c r="F6"><v>-1.5E-3</v></c><c r="H6" t="b"><v>0</v></c><c r="J6"><f>1+1</f></c></row>`+
		`<row r="7"><c r="A7" t="s"><v>20</v></c><c r="E7" s="3"><v>`+d(45292)+`</v></c><c r="F7" s="9"><v>12</v></c><c r="L7" s="8"><v>`+d(45292)+`</v></c><c r="M7" s="10"><v>`+d(45292.5)+`</v></c></row>`+
		`<row r="8"><c r="A8" s="1"/><c r="B8" s="2"/></row>`+
		`<row r="9"><c r="A9" t="s"><v>19</v></c><c r="P9"><v>1</v></c></row>`,
		"A1:O1", "C3:D3")
}

func TestXLSXCells(t *testing.T) {
	wantHeader := []string{"Vorname", "Nachname", "Telefon", "Telefon", "Erfasst am", "Umsatz", "Kundennr", "Aktiv", "Notiz", "Formel", "Status", "Zeit", "Dauer", "ISO", "Fehler"}
	want := []csvWant{
		{row: 4, fields: []string{"Jürgen", "Müller", "4930123456", "0171 1234567", "2024-01-01", "50000", "00123", "TRUE", "Zeile 1\nZeile 2", "100000", "aktiv", "12:00:00", "36:00:00", "2026-11-23T10:15:00", "#DIV/0!"}},
		{row: 6, fields: []string{"Anna", "Weiß", "0.1", "", "2024-01-01T18:00:00", "-0.0015", "", "FALSE", "", "", "", "", "", "", ""}},
		{row: 7, fields: []string{"Ben", "", "", "", "2024-01-01T00:00:00", "12", "", "", "", "", "", "2024-01-01", "2024-01-01T12:00:00", "", ""}},
		// A cell right of the table (P9) is data in an untitled column,
		// kept; cells are placed by column, so nothing has shifted.
		{row: 9, fields: []string{"Anna", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "1"}},
	}
	for _, sys := range []struct {
		name     string
		date1904 bool
		shift    int
	}{{"1900", false, 0}, {"1904", true, 1462}} {
		t.Run(sys.name, func(t *testing.T) {
			path := craftXLSX(t, sys.date1904, cellsSST, []craftSheet{{name: "Leads", xml: cellsSheet(sys.shift)}}, nil)
			r, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			d := r.Detection()
			if d.Format != "xlsx" || d.Sheet != "Leads" || d.HeaderRow != 3 || d.Date1904 != sys.date1904 {
				t.Errorf("detection %+v", d)
			}
			if !sameStrings(r.Header(), wantHeader) {
				t.Errorf("header %q", r.Header())
			}
			recs := mustReadAll(t, r)
			if len(recs) != len(want) {
				t.Fatalf("%d records: %+v", len(recs), recs)
			}
			for i, w := range want {
				got := recs[i]
				if got.Row != w.row || got.File != path {
					t.Errorf("record %d: row %d file %q", i, got.Row, got.File)
				}
				if w.fields != nil && !sameStrings(got.Fields, w.fields) {
					t.Errorf("row %d:\n got %q\nwant %q", got.Row, got.Fields, w.fields)
				}
				if !errors.Is(got.Err, w.err) || (got.Err == nil) != (w.err == nil) {
					t.Errorf("row %d: err %v, want %v", got.Row, got.Err, w.err)
				}
			}
			if done, total := r.Progress(); done != total || total == 0 {
				t.Errorf("progress %d/%d", done, total)
			}
		})
	}
}

// TestXLSXExcelizeWritten reads a workbook as excelize writes it: title
// row, merged header, dates from time.Time in both date systems, numbers
// stored as text and as numbers.
func TestXLSXExcelizeWritten(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		t.Run(fmt.Sprint("date1904=", date1904), func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			const sh = "Sheet1"
			if date1904 {
				if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
					t.Fatal(err)
				}
			}
			custom := "dd.mm.yyyy"
			dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
			if err != nil {
				t.Fatal(err)
			}
			textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
			set := func(cell string, v any) {
				if err := f.SetCellValue(sh, cell, v); err != nil {
					t.Fatal(err)
				}
			}
			set("A1", "Messe XY 2026 – Leads")
			must(t, f.MergeCell(sh, "A1", "F1"))
			for i, h := range []string{"Name", "Kontakt", "", "Erfasst", "Kundennr", "Umsatz"} {
				c, _ := excelize.CoordinatesToCellName(i+1, 3)
				set(c, h)
			}
			must(t, f.MergeCell(sh, "B3", "C3"))
			set("A4", "Łukasz Wiśniewski")
			set("B4", "l.w@example.pl")
			must(t, f.SetCellStr(sh, "C4", "+48 42 1234567"))
			set("D4", time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC))
			must(t, f.SetCellStyle(sh, "D4", "D4", dateStyle))
			must(t, f.SetCellStr(sh, "E4", "000123"))
			must(t, f.SetCellStyle(sh, "E4", "E4", textStyle))
			set("F4", 4930123456)
			set("A5", "Jürgen Müller")
			set("D5", time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)) // excelize picks a date-time format
			set("F5", 0.1)
			must(t, f.SetCellFormula(sh, "F6", "SUM(F4:F5)")) // no cached value: reads as ""
			set("A6", "Ohne Wert")
			path := filepath.Join(t.TempDir(), "excelize.xlsx")
			must(t, f.SaveAs(path))

			r, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if d := r.Detection(); d.HeaderRow != 3 || d.Date1904 != date1904 {
				t.Errorf("detection %+v", d)
			}
			if want := []string{"Name", "Kontakt", "Kontakt", "Erfasst", "Kundennr", "Umsatz"}; !sameStrings(r.Header(), want) {
				t.Errorf("header %q", r.Header())
			}
			recs := mustReadAll(t, r)
			want := [][]string{
				{"Łukasz Wiśniewski", "l.w@example.pl", "+48 42 1234567", "2026-03-14", "000123", "4930123456"},
				{"Jürgen Müller", "", "", "2026-03-14T09:30:00", "", "0.1"},
				{"Ohne Wert", "", "", "", "", ""},
			}
			if len(recs) != len(want) {
				t.Fatalf("%d records %+v", len(recs), recs)
			}
			for i, rec := range recs {
				if !sameStrings(rec.Fields, want[i]) || rec.Row != 4+i || rec.Err != nil {
					t.Errorf("row %d: %q %v, want %q", rec.Row, rec.Fields, rec.Err, want[i])
				}
			}
		})
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestXLSXSheets(t *testing.T) {
	data := func(name string) string {
		return sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Blatt</t></is></c></row>` +
			`<row r="2"><c r="A2" t="inlineStr"><is><t>Anna</t></is></c><c r="B2" t="inlineStr"><is><t>` + name + `</t></is></c></row>`)
	}
	chart := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<chartsheet " + nsMain + `><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`
	sheets := []craftSheet{
		{name: "Versteckt", state: "hidden", xml: data("Versteckt")},
		{name: "Diagramm", xml: chart, chart: true},
		{name: "Leer", xml: sheetXML(`<row r="1"><c r="A1" s="1"/></row>`)},
		{name: "Leads", xml: data("Leads")},
		{name: "Archiv", xml: data("Archiv")},
	}
	path := craftXLSX(t, false, nil, sheets, nil)
	tests := []struct {
		sheet, want, err string
	}{
		{"", "Leads", ""},
		{"Archiv", "Archiv", ""},
		{"archiv", "Archiv", ""},
		{"Versteckt", "Versteckt", ""},
		{"Nope", "", `no sheet named "Nope"; the sheets are "Versteckt", "Diagramm", "Leer", "Leads", "Archiv"`},
		{"Diagramm", "", `sheet "Diagramm" is a chartsheet, not a worksheet with rows`},
		{"Leer", "", `sheet "Leer": no header row`},
		{"../../etc/passwd", "", `no sheet named "../../etc/passwd"`},
	}
	for _, tt := range tests {
		t.Run(tt.sheet, func(t *testing.T) {
			r, err := Open(path, Options{Sheet: tt.sheet})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), path) {
					t.Fatalf("got %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			recs := mustReadAll(t, r)
			if d := r.Detection(); d.Sheet != tt.want || len(recs) != 1 || recs[0].Fields[1] != tt.want {
				t.Errorf("read sheet %q: %+v", d.Sheet, recs)
			}
		})
	}
	// Every visible sheet empty: the hidden one is read, and said so.
	path = craftXLSX(t, false, nil, []craftSheet{sheets[2], sheets[0]}, nil)
	r, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if d := r.Detection(); d.Sheet != "Versteckt" || !strings.Contains(strings.Join(d.Notes, ";"), "hidden sheet") {
		t.Errorf("detection %+v", d)
	}
}

// spaceReader yields n spaces.
type spaceReader struct{ n int64 }

func (s *spaceReader) Read(p []byte) (int, error) {
	if s.n <= 0 {
		return 0, io.EOF
	}
	k := int(min(int64(len(p)), s.n))
	for i := range p[:k] {
		p[i] = ' '
	}
	s.n -= int64(k)
	return k, nil
}

// bombXLSX writes a valid workbook whose sheet1.xml is size bytes, nearly
// all whitespace, compressed on the fly to well under a MiB. With lie > 0
// the zip directory declares lie bytes instead.
func bombXLSX(t testing.TB, size, lie int64) string {
	t.Helper()
	path := craftXLSX(t, false, nil, []craftSheet{{name: "Bomb", xml: "placeholder"}}, nil)
	// Rewrite the archive with the sheet streamed from spaceReader.
	src, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	out := filepath.Join(t.TempDir(), "bomb.xlsx")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, zf := range src.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			head := `<?xml version="1.0"?><worksheet ` + nsMain + `><sheetData>`
			tail := `</sheetData></worksheet>`
			body := io.MultiReader(strings.NewReader(head), &spaceReader{n: size - int64(len(head)+len(tail))}, strings.NewReader(tail))
			if lie > 0 {
				var raw bytes.Buffer
				fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
				_, err = io.Copy(fw, body)
				must(t, err)
				must(t, fw.Close())
				w, err := zw.CreateRaw(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, CompressedSize64: uint64(raw.Len()), UncompressedSize64: uint64(lie)})
				must(t, err)
				_, err = w.Write(raw.Bytes())
				must(t, err)
				continue
			}
			w, err := zw.Create(zf.Name)
			must(t, err)
			_, err = io.Copy(w, body)
			must(t, err)
			continue
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		{
			var rc io.ReadCloser
			if rc, err = zf.Open(); err == nil {
				_, err = io.Copy(w, rc)
				rc.Close()
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	must(t, zw.Close())
	must(t, f.Close())
	return out
}

// TestXLSXZipBomb: a small file that inflates beyond the limit is refused
// from the zip directory, before anything is inflated (reliability D1).
func TestXLSXZipBomb(t *testing.T) {
	tests := []struct {
		name  string
		size  int64
		opts  Options
		limit string
	}{
		{"600 MiB sheet, default limits (ratio)", 600 << 20, Options{}, ""},
		{"100 MiB sheet, 64 MiB limit", 100 << 20, Options{MaxUnzipSize: 64 << 20}, "64 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := bombXLSX(t, tt.size, 0)
			st, _ := os.Stat(path)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Open(path, tt.opts)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			want := path + " expands to more than " + tt.limit + ": refusing (zip bomb?)"
			if tt.limit == "" {
				want = path + ": part xl/worksheets/sheet1.xml would expand"
			}
			if !errors.Is(err, ErrLimit) || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("got %v, want %q", err, want)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d KiB file declaring %d MiB: refused in %v, %d KiB allocated", st.Size()>>10, tt.size>>20, elapsed, alloc>>10)
			if elapsed > 2*time.Second || alloc > 50<<20 {
				t.Errorf("took %v and %d MiB", elapsed, alloc>>20)
			}
		})
	}
}

// TestXLSXZipBombLying: a part that declares a small size in the zip
// directory but inflates to more. excelize reads the declared bytes only
// (a sheet cut short); the scanner's archive/zip stream fails at the
// declared size.
func TestXLSXZipBombLying(t *testing.T) {
	path := bombXLSX(t, 100<<20, 4<<10)
	start := time.Now()
	_, err := Open(path, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), path+` sheet "Bomb": the sheet part is damaged or inflates to more than the zip directory declares`) {
		t.Fatalf("got %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}

// billionLaughs is a shared-string table with an XML entity bomb.
func billionLaughs(pad int) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE sst [
 <!ENTITY a "` + strings.Repeat("ha", 5+pad) + `">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Name</t></si><si><t>&e;</t></si></sst>`
}

// TestXLSXEntityBomb: an entity bomb in the shared strings is an error,
// never a sheet that silently reads as empty (reliability D3, B6). With a
// low MaxXMLPartSize excelize spills the table to disk and would drop the
// error; the reader checks that table itself.
func TestXLSXEntityBomb(t *testing.T) {
	sheet := sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Ort</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Köln</t></is></c></row>`)
	for _, tt := range []struct {
		name string
		opts Options
		pad  int
	}{{"in memory", Options{}, 0}, {"spilled to disk", Options{MaxXMLPartSize: 1 << 10}, 1 << 10}} {
		t.Run(tt.name, func(t *testing.T) {
			path := craftXLSX(t, false, nil, []craftSheet{{name: "S", xml: sheet}}, map[string]string{"xl/sharedStrings.xml": billionLaughs(tt.pad)})
			r, err := Open(path, tt.opts)
			if err == nil {
				_, err = checkedRecords(r)
				r.Close()
			}
			if err == nil || !strings.HasPrefix(err.Error(), path) || !strings.Contains(err.Error(), "entity") {
				t.Fatalf("got %v", err)
			}
		})
	}
}

// TestXLSXDamaged: damage inside a sheet ends the file with an error that
// names file, sheet and row, after the rows before it (reliability B6).
func TestXLSXDamaged(t *testing.T) {
	sst := []string{`<t>Name</t>`, `<t>Nr</t>`, `<t>Anna</t>`}
	good := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`
	for i := 2; i <= 13; i++ {
		good += fmt.Sprintf(`<row r="%d"><c r="A%d" t="s"><v>2</v></c><c r="B%d"><v>%d</v></c></row>`, i, i, i, i)
	}
	full := sheetXML(good + `<row r="14"><c r="A14" t="s"><v>2</v></c><c r="B14"><v>2</v></c></row>`)
	tests := []struct {
		name, sheet, want string
	}{
		{"truncated in a row", full[:strings.Index(full, `<c r="B14">`)+5], `sheet "S": sheet XML ends inside row 14 (a truncated file?)`},
		{"truncated between rows", full[:strings.Index(full, `<row r="14">`)+3], `sheet "S": sheet XML ends after row 13, before the end of the rows (a truncated file?)`},
		{"ends before sheetData", strings.TrimSuffix(sheetXML(good), "</sheetData></worksheet>"), `sheet "S": sheet XML ends after row 13, before the end of the rows`},
		{"broken XML", sheetXML(good + `<row r="14"><c r="A14" t="s"><v>2</x></c></row>`), `sheet "S": sheet XML in row 14: XML syntax error`},
		{"shared string missing", sheetXML(good + `<row r="14"><c r="A14" t="s"><v>7</v></c></row>`), `sheet "S" row 14: column A: the cell refers to a shared string that the file does not have`},
		{"rows out of order", sheetXML(good + `<row r="16"><c r="A16" t="s"><v>2</v></c></row><row r="15"><c r="A15" t="s"><v>2</v></c></row>`), `sheet "S": sheet XML: row 15 comes after row 16`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := craftXLSX(t, false, sst, []craftSheet{{name: "S", xml: tt.sheet}}, nil)
			r, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			recs, err := checkedRecords(r)
			if err == nil || !strings.HasPrefix(err.Error(), path+" "+tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			// The row before the damage may go with it: the scanner reads
			// up to the next row before it hands a row out.
			if len(recs) < 11 || recs[10].Row != 12 || recs[10].Fields[1] != "12" {
				t.Errorf("%d records before the damage", len(recs))
			}
		})
	}
	// Damage within the rows read to find the header fails Open itself.
	path := craftXLSX(t, false, sst, []craftSheet{{name: "S", xml: full[:strings.Index(full, `<c r="B3">`)+5]}}, nil)
	if _, err := Open(path, Options{}); err == nil || !strings.HasPrefix(err.Error(), path+` sheet "S": sheet XML ends inside row 3`) {
		t.Errorf("open: %v", err)
	}
}

// TestXLSXPartsElsewhere: shared strings or styles outside xl/ (SheetJS's
// wtf_path.xlsx) would read as empty cells and numbers; the reader says so.
func TestXLSXPartsElsewhere(t *testing.T) {
	path := craftXLSX(t, false, []string{`<t>Name</t>`}, []craftSheet{{name: "S", xml: sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)}},
		map[string]string{"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relNS + `worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rIdT" Type="` + relNS + `sharedStrings" Target="/data/strings.xml"/></Relationships>`})
	_, err := Open(path, Options{})
	if err == nil || err.Error() != path+" keeps part data/strings.xml where leadpipe expects xl/sharedStrings.xml: open it in Excel or LibreOffice and save it again" {
		t.Fatalf("got %v", err)
	}
}

func TestOpenLegacyXLS(t *testing.T) {
	dir := t.TempDir()
	ole := "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 504)
	for name, want := range map[string]string{
		"leads.xls":  "leads.xls is a legacy .xls file: save it as .xlsx or CSV",
		"leads.xlsx": "leads.xlsx is a password-protected workbook or a legacy .xls file",
		"export.csv": "export.csv is a legacy .xls file: save it as .xlsx or CSV",
	} {
		path := filepath.Join(dir, name)
		must(t, os.WriteFile(path, []byte(ole), 0o600))
		if _, err := Open(path, Options{}); err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, want)) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// HTML and Excel 2003 XML exported under an .xls name.
	for name, c := range map[string]struct{ body, want string }{
		"html.xls":    {"\xEF\xBB\xBF\r\n<!DOCTYPE html>\n<html><body><table><tr><td>Name</td></tr></table></body></html>", "is a web page (HTML table), not CSV or XLSX"},
		"table.xls":   {"<table border=1><tr><th>E-Mail</th></tr></table>", "is a web page (HTML table)"},
		"xhtml.xls":   {`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><table/></html>`, "is a web page (HTML table)"},
		"xml2003.xls": {`<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>`, "is an Excel 2003 XML spreadsheet"},
	} {
		path := filepath.Join(dir, name)
		must(t, os.WriteFile(path, []byte(c.body), 0o600))
		if _, err := Open(path, Options{}); err == nil || !strings.HasPrefix(err.Error(), path+" "+c.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A CSV whose first cell holds a tag is still CSV.
	path := filepath.Join(dir, "tags.csv")
	must(t, os.WriteFile(path, []byte("Name,Note\nAnna,<b>VIP</b>\n"), 0o600))
	if _, err := Open(path, Options{}); err != nil {
		t.Errorf("tags.csv: %v", err)
	}
	path = filepath.Join(dir, "broken.xlsx")
	must(t, os.WriteFile(path, []byte("PK\x03\x04 not really a zip"), 0o600))
	if _, err := Open(path, Options{}); err == nil || !strings.HasPrefix(err.Error(), path+": not a readable XLSX file") {
		t.Errorf("broken zip: %v", err)
	}
}

// xlsxBenchRows is the size of BenchmarkXLSXRead's sheet.
const xlsxBenchRows = 10_000

// writeLeadXLSX writes rows of lead data with excelize's stream writer:
// strings, a date column with a date style and a number column.
func writeLeadXLSX(tb testing.TB, path string, rows int) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	header := []any{"Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "Mobil", "Straße", "PLZ", "Ort", "Land", "Position", "Website", "Quelle", "Erfasst am", "Umsatz"}
	must(tb, sw.SetRow("A1", header))
	data := genLeadCSV(rows, ';')
	cr := csv.NewReader(strings.NewReader(string(data)))
	cr.Comma = ';'
	cr.Read() // header
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		rec, err := cr.Read()
		if err != nil {
			tb.Fatal(err)
		}
		row := make([]any, 15)
		for j := range 13 {
			row[j] = rec[j]
		}
		row[13] = excelize.Cell{StyleID: dateStyle, Value: day.AddDate(0, 0, i%365)}
		row[14] = float64(i%1000) * 12.5
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		must(tb, sw.SetRow(cell, row))
	}
	must(tb, sw.Flush())
	must(tb, f.SaveAs(path))
}

// BenchmarkXLSXRead reads a 10k-row, 15-column lead sheet.
func BenchmarkXLSXRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "leads.xlsx")
	writeLeadXLSX(b, path, xlsxBenchRows)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	rows := 0
	for b.Loop() {
		r, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil || rec.Err != nil {
				b.Fatal(err, rec.Err)
			}
			rows++
		}
		r.Close()
	}
	if rows != xlsxBenchRows {
		b.Fatalf("%d rows", rows)
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestXLSXSheetChoice: the sheet read is the first visible one whose header
// names lead fields; a cover sheet before it used to be read instead (0
// rows, exit 0). Other sheets with lead columns are named in a warning:
// the second day of a fair must not go unread without a word.
func TestXLSXSheetChoice(t *testing.T) {
	write := func(t *testing.T, sheets map[string][][]any, order ...string) string {
		f := excelize.NewFile()
		defer f.Close()
		for i, name := range order {
			if i == 0 {
				f.SetSheetName("Sheet1", name)
			} else if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
			for r, row := range sheets[name] {
				cell, _ := excelize.CoordinatesToCellName(1, r+1)
				must(t, f.SetSheetRow(name, cell, &row))
			}
		}
		path := filepath.Join(t.TempDir(), "w.xlsx")
		must(t, f.SaveAs(path))
		return path
	}
	leads := [][]any{{"Vorname", "Nachname", "E-Mail"}, {"Anna", "Nowak", "anna@example.pl"}}
	for _, tc := range []struct {
		name    string
		sheets  map[string][][]any
		order   []string
		opts    Options
		sheet   string
		warning string
	}{
		{"cover sheet first", map[string][][]any{"Info": {{"Messe Hannover 2026"}}, "Kontakte": leads}, []string{"Info", "Kontakte"}, Options{}, "Kontakte", ""},
		{"two days", map[string][][]any{"Tag 1": leads, "Tag 2": leads, "Notizen": {{"a", "b"}, {"c", "d"}}}, []string{"Tag 1", "Tag 2", "Notizen"}, Options{}, "Tag 1",
			`only sheet "Tag 1" was read; sheet "Tag 2" has lead columns too: import it with --sheet NAME`},
		{"no sheet names lead fields", map[string][][]any{"A": {{"x", "y"}, {"1", "2"}}, "B": {{"p", "q"}, {"3", "4"}}}, []string{"A", "B"}, Options{}, "A", ""},
		{"--sheet", map[string][][]any{"Tag 1": leads, "Tag 2": leads}, []string{"Tag 1", "Tag 2"}, Options{Sheet: "tag 2"}, "Tag 2", ""},
		// The sheet a mapping file was written for is a lead sheet.
		{"--map", map[string][][]any{"Messe 2026": {{"FN", "LN", "Mail", "Org"}, {"Anna", "Nowak", "anna@example.pl", "A"}}, "Archiv 2020": leads},
			[]string{"Messe 2026", "Archiv 2020"},
			Options{Map: &MapFile{Columns: []MapColumn{{Header: "FN", Field: "first_name"}, {Header: "LN", Field: "last_name"}, {Header: "Mail", Field: "email"}}}},
			"Messe 2026", `only sheet "Messe 2026" was read; sheet "Archiv 2020" has lead columns too: import it with --sheet NAME`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, recs, err := openAll(write(t, tc.sheets, tc.order...), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			d := r.Detection()
			if d.Sheet != tc.sheet || len(recs) == 0 {
				t.Errorf("read sheet %q, %d records; want %q", d.Sheet, len(recs), tc.sheet)
			}
			if got := strings.Join(d.Warnings, "; "); got != tc.warning {
				t.Errorf("warnings %q, want %q", got, tc.warning)
			}
		})
	}
}

// TestXLSXTwoRowHeader: "Telefon" merged over two columns with
// "geschäftlich" and "mobil" below it; the second row was read as data
// and rejected with a phone error.
func TestXLSXTwoRowHeader(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range map[string]string{"A1": "Vorname", "B1": "Nachname", "C1": "Telefon", "E1": "E-Mail", "C2": "geschäftlich", "D2": "mobil",
		"A3": "Anna", "B3": "Schmidt", "C3": "+49 30 1234567", "D3": "+49 170 1234567", "E3": "anna@example.de"} {
		must(t, f.SetCellValue("Sheet1", cell, v))
	}
	must(t, f.MergeCell("Sheet1", "C1", "D1"))
	must(t, f.MergeCell("Sheet1", "A1", "A2"))
	path := filepath.Join(t.TempDir(), "two.xlsx")
	must(t, f.SaveAs(path))
	r, recs, err := openAll(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Header(), "|"); got != "Vorname|Nachname|Telefon geschäftlich|Telefon mobil|E-Mail" {
		t.Errorf("header %q", got)
	}
	if len(recs) != 1 || recs[0].Row != 3 || recs[0].Fields[3] != "+49 170 1234567" {
		t.Errorf("records %+v", recs)
	}
	m, err := NewMapping(r.Header(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Columns[2].Field != "phone" || m.Columns[3].Field != "mobile" {
		t.Errorf("mapped %s, %s", m.Columns[2].Field, m.Columns[3].Field)
	}
}

// TestXLSXTwoRowHeaderSubTitles: "Adresse" over "Straße | PLZ | Ort" takes
// the lower titles alone; text under a merged title that names no lead
// field is data (calamine's merge_cells.xlsx keeps its record).
func TestXLSXTwoRowHeaderSubTitles(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range map[string]string{"A1": "Name", "B1": "Adresse", "E1": "E-Mail", "B2": "Straße", "C2": "PLZ", "D2": "Ort",
		"A3": "Anna Schmidt", "B3": "Hauptstr. 1", "C3": "80331", "D3": "München", "E3": "anna@example.de"} {
		must(t, f.SetCellValue("Sheet1", cell, v))
	}
	must(t, f.MergeCell("Sheet1", "B1", "D1"))
	path := filepath.Join(t.TempDir(), "two.xlsx")
	must(t, f.SaveAs(path))
	r, recs, err := openAll(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Header(), "|"); got != "Name|Straße|PLZ|Ort|E-Mail" || len(recs) != 1 {
		t.Errorf("header %q, %d records", got, len(recs))
	}
}

// TestXLSXFormulaWithoutValue: a formula without a computed value (openpyxl
// and xlsxwriter write them so) read as empty without a word; the file
// now warns. A lone space far right of the table made the row too wide.
func TestXLSXFormulaWithoutValue(t *testing.T) {
	path := craftXLSX(t, false, []string{`<t>Vorname</t>`, `<t>E-Mail</t>`, `<t>Anna</t>`, `<t xml:space="preserve"> </t>`},
		[]craftSheet{{name: "S", xml: sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
			`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="str"><f>LOWER(A2)&amp;"@example.de"</f></c><c r="GJI2" t="s"><v>3</v></c></row>`)}}, nil)
	r, recs, err := openAll(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Err != nil || recs[0].Fields[0] != "Anna" {
		t.Fatalf("records %+v", recs)
	}
	if w := strings.Join(r.Detection().Warnings, "; "); !strings.HasPrefix(w, "1 formula cells have no computed value") {
		t.Errorf("warnings %q", w)
	}
}

// TestXLSXMergedDataCells: a company merged over the rows of its contacts
// is stored once, in the range's top-left cell; the rows below read an
// empty company, and a contact with no other way to be reached was
// rejected. Each row now reads the value the spreadsheet shows in it, in
// the range's first column only.
func TestXLSXMergedDataCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Messe 2026"},
		{"Firma", "Vorname", "Nachname", "E-Mail", "Notiz", "Abteilung"},
		{"Müller GmbH", "Jürgen", "Müller", "j@mueller.de", "Stand B12"},
		{nil, "Käthe", "Weiß", "k@mueller.de"},
		{nil, "Björn", "Groß"},
		{"Żabka Sp. z o.o.", "Łucja", "Wąs", "l@zabka.pl"},
		{"Own GmbH", "Paweł", "Żółw", "p@own.pl"},
		{nil, "Ute", "Kühn", "u@own.pl"},
	}
	for i, row := range rows {
		c, _ := excelize.CoordinatesToCellName(1, i+1)
		must(t, f.SetSheetRow("Sheet1", c, &row))
	}
	must(t, f.MergeCell("Sheet1", "A1", "F1")) // the title
	must(t, f.MergeCell("Sheet1", "A3", "A5")) // three contacts of one firm
	must(t, f.MergeCell("Sheet1", "E3", "F4")) // a note over two columns and rows
	path := filepath.Join(t.TempDir(), "merged.xlsx")
	must(t, f.SaveAs(path))
	r, recs, err := openAll(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Müller GmbH", "Jürgen", "Müller", "j@mueller.de", "Stand B12"},
		{"Müller GmbH", "Käthe", "Weiß", "k@mueller.de", "Stand B12"},
		{"Müller GmbH", "Björn", "Groß"},
		{"Żabka Sp. z o.o.", "Łucja", "Wąs", "l@zabka.pl"},
		{"Own GmbH", "Paweł", "Żółw", "p@own.pl"},
		{"", "Ute", "Kühn", "u@own.pl"}, // not merged: stays empty
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i, rec := range recs {
		if got := trimTrailingEmpty(rec.Fields); !slices.Equal(got, want[i]) {
			t.Errorf("row %d: %q, want %q", rec.Row, got, want[i])
		}
	}
	if n := strings.Join(r.Detection().Notes, "; "); !strings.Contains(n, "3 empty cells under a cell merged over several rows read with its value") {
		t.Errorf("notes %q", n)
	}
}

// TestXLSXHiddenRows: rows hidden by hand or by a filter were read like
// the others without a word; a list filtered to the hot leads imported
// the filtered-out rows too, unseen. They are still read (they are data),
// and the detection says how many and where.
func TestXLSXHiddenRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Vorname", "Nachname", "E-Mail"},
		{"Jürgen", "Müller", "j@mueller.de"},
		{"Käthe", "Weiß", "k@weiss.de"},
		{"Björn", "Groß", "b@gross.de"},
		{"Łucja", "Wąs", "l@was.pl"},
	}
	for i, row := range rows {
		c, _ := excelize.CoordinatesToCellName(1, i+1)
		must(t, f.SetSheetRow("Sheet1", c, &row))
	}
	must(t, f.SetRowVisible("Sheet1", 3, false))
	must(t, f.SetRowVisible("Sheet1", 5, false))
	path := filepath.Join(t.TempDir(), "hidden.xlsx")
	must(t, f.SaveAs(path))
	r, recs, err := openAll(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4", len(recs))
	}
	if w := strings.Join(r.Detection().Warnings, "; "); !strings.Contains(w, "2 hidden rows read like the others (the first: row 3)") {
		t.Errorf("warnings %q", w)
	}
}
