package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// scanSheet reads every row of sheet XML through a reader that hands out
// at most chunk bytes per Read, so that tokens straddle buffer refills.
func scanSheet(data []byte, sst *sharedStrings, chunk int) (rows [][]sheetCell, err error) {
	var r io.Reader = bytes.NewReader(data)
	if chunk > 0 {
		r = iotest.OneByteReader(r)
		if chunk > 1 {
			r = &chunkReader{r: bytes.NewReader(data), n: chunk}
		}
	}
	s := &sheetScanner{sc: newXMLScanner(r), sst: sst, limit: cellTextLimit(1 << 20)}
	for {
		_, cells, err := s.nextRow()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, append([]sheetCell(nil), cells...))
	}
}

type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

func TestSheetScanner(t *testing.T) {
	sst := &sharedStrings{text: "NameAnna", ends: []uint32{4, 8}}
	long := strings.Repeat("ä&amp;x", 30000) // text longer than the buffer
	tests := []struct {
		name, xml string
		want      []string // per row: cells as col:type:value joined by |
		err       string
	}{
		{"cells", `<?xml version="1.0"?><!DOCTYPE x><worksheet><!-- c --><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>a&lt;</t></r><rPh><t>no</t></rPh><r><t><![CDATA[b&]]></t></r></is></c></row>` +
			`<row><c t="str"><f>A1</f><v>x&#x41;&#66;</v></c><c s="3"><v> 1.5 </v></c><c r="E2"/></row></sheetData><mergeCells/></worksheet>`,
			[]string{"1:1:Name|3:2:a<b&", "1:3:xAB|2:0: 1.5 |5:0:"}, ""},
		{"prefixes", `<x:worksheet xmlns:x="ns"><x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
			[]string{"2:1:Anna"}, ""},
		{"line ends", "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>a\r\nb\rc_x000D_d&#13;</t></is></c></row></sheetData></worksheet>",
			[]string{"1:2:a\nb\nc\rd\r"}, ""},
		{"long text", `<worksheet><sheetData><row><c t="inlineStr"><is><t>` + long + `</t></is></c></row></sheetData></worksheet>`,
			[]string{"1:2:" + strings.ReplaceAll(long, "&amp;", "&")}, ""},
		{"truncated", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c`, nil, "sheet XML ends inside row 2"},
		{"mismatch", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData></worksheet>`, nil, "sheet XML in row 1: XML syntax error on line 1: element <v> closed by </c>"},
		{"entity", `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>`, nil, "invalid character entity &e;"},
		{"missing string", `<worksheet><sheetData><row r="1"><c r="B1" t="s"><v>2</v></c></row></sheetData></worksheet>`, nil, "column B: the cell refers to a shared string"},
		{"bad ref", `<worksheet><sheetData><row r="1"><c r="1A"><v>2</v></c></row></sheetData></worksheet>`, nil, "invalid cell reference"},
		{"no sheetData", `<worksheet></worksheet>`, nil, "sheet XML ends before its rows"},
		{"after rows", `<worksheet><sheetData></sheetData><x></worksheet>`, nil, "sheet XML after its rows"},
		{"control character", "<worksheet><sheetData><row><c><v>1\x01</v></c></row></sheetData></worksheet>", nil, "illegal character code U+0001"},
		{"utf-16", "\xFF\xFE<\x00w\x00", nil, "not UTF-8"},
	}
	for _, tt := range tests {
		for _, chunk := range []int{0, 1, 7} {
			rows, err := scanSheet([]byte(tt.xml), sst, chunk)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("%s/%d: got %v, want %q", tt.name, chunk, err, tt.err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s/%d: %v", tt.name, chunk, err)
				continue
			}
			var got []string
			for _, r := range rows {
				var cs []string
				for _, c := range r {
					cs = append(cs, strings.Join([]string{itoa(c.col), itoa(int(c.typ)), c.val}, ":"))
				}
				got = append(got, strings.Join(cs, "|"))
			}
			if !sameStrings(got, tt.want) {
				g, w := fmt.Sprintf("%q", got), fmt.Sprintf("%q", tt.want)
				t.Errorf("%s/%d:\n got %.200s\nwant %.200s", tt.name, chunk, g, w)
			}
		}
	}
}

func itoa(i int) string { return fmt.Sprint(i) }

func TestReadSharedStrings(t *testing.T) {
	x := `<?xml version="1.0"?><sst><si><t>A_x005F_x000D_</t></si><si><r><t>M</t></r><r><rPr/><t xml:space="preserve">ü </t></r><rPh><t>ミ</t></rPh><phoneticPr/></si><si/><si><t>x_xD800_y</t></si></sst>`
	for _, chunk := range []int{0, 1, 5} {
		var r io.Reader = strings.NewReader(x)
		if chunk > 0 {
			r = &chunkReader{r: r, n: chunk}
		}
		sst, err := readSharedStrings(r, int64(len(x)), 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i := range sst.len() {
			got = append(got, sst.get(i))
		}
		if want := []string{"A_x000D_", "Mü ", "", "xy"}; !sameStrings(got, want) {
			t.Errorf("chunk %d: %q, want %q", chunk, got, want)
		}
	}
	if _, err := readSharedStrings(strings.NewReader(billionLaughs(0)), 0, 100); err == nil || !strings.Contains(err.Error(), "entity") {
		t.Errorf("entity bomb: %v", err)
	}
	if _, err := readSharedStrings(strings.NewReader(`<sst><si><t>a</t></si><si><t>b`), 0, 100); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated: %v", err)
	}
}

// FuzzSheetXML: any bytes as sheet XML give rows or an error, never a
// panic, and the same result however the input is split into reads.
func FuzzSheetXML(f *testing.F) {
	f.Add([]byte(sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>a&amp;</t></r><rPh><t>x</t></rPh></is></c></row><row r="3"><c r="C3" s="1"><v>45292</v></c><c t="str"><f>1</f><v>&#x41;</v></c></row>`, "A1:B1")))
	f.Add([]byte(cellsSheet(0)))
	f.Add([]byte("<worksheet><sheetData><row><c><v><![CDATA[1]]></v></c></row></sheetData></worksheet>"))
	sst := &sharedStrings{text: "ab", ends: []uint32{1, 2}}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := scanSheet(data, sst, 0)
		rows3, err3 := scanSheet(data, sst, 3)
		if (err == nil) != (err3 == nil) || len(rows) != len(rows3) {
			t.Fatalf("whole: %d rows, %v; in pieces: %d rows, %v", len(rows), err, len(rows3), err3)
		}
		for i := range rows {
			for j := range rows[i] {
				if j >= len(rows3[i]) || rows[i][j] != rows3[i][j] {
					t.Fatalf("row %d differs: %+v vs %+v", i, rows[i], rows3[i])
				}
			}
		}
	})
}

// FuzzSharedStrings: any bytes as a shared-string part give strings or an
// error, never a panic.
func FuzzSharedStrings(f *testing.F) {
	f.Add([]byte(`<sst><si><t>A_x000D_</t></si><si><r><t>M</t></r><rPh><t>ミ</t></rPh></si></sst>`))
	f.Add([]byte(billionLaughs(0)))
	f.Fuzz(func(t *testing.T, data []byte) {
		sst, err := readSharedStrings(bytes.NewReader(data), int64(len(data)), 64)
		sst2, err2 := readSharedStrings(&chunkReader{r: bytes.NewReader(data), n: 2}, 0, 64)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("whole: %v, in pieces: %v", err, err2)
		}
		if err != nil {
			return
		}
		if sst.text != sst2.text || len(sst.ends) != len(sst2.ends) {
			t.Fatalf("differ: %q vs %q", sst.text, sst2.text)
		}
		for i := range sst.len() {
			_ = sst.get(i)
		}
	})
}
