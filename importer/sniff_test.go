package importer

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// encode turns UTF-8 test text into the bytes of enc.
func encodeText(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

var (
	utf16LEText = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16BEText = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
)

// German and Polish lead data as it is typed.
const (
	sampleDE = "Vorname;Nachname;Straße;Ort\nJürgen;Müller;Hauptstraße 5;Köln\nÄnne;Weiß;Am Bühl 1;Düsseldorf\n"
	samplePL = "Imię;Nazwisko;Ulica;Miasto\nŁukasz;Wiśniewski;ul. Źródlana 3;Łódź\nMałgorzata;Dąbrowska;ul. Żelazna 12;Wrocław\nPaweł;Ślązak;ul. Kościuszki 5;Gdańsk\n"
	sampleFR = "Nom,Ville\nFrançois,Orléans\nHélène,Besançon\n"
)

func TestSniffEncoding(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		opts   Options
		want   string // Detection.Encoding
		decode string // what the file reads as
	}{
		{name: "utf-8", in: []byte(sampleDE), want: "UTF-8", decode: sampleDE},
		{name: "utf-8 bom", in: append([]byte("\xEF\xBB\xBF"), samplePL...), want: "UTF-8 BOM", decode: samplePL},
		{name: "utf-16le bom", in: append([]byte("\xFF\xFE"), encodeText(t, utf16LEText, samplePL)...), want: "UTF-16LE", decode: samplePL},
		{name: "utf-16be bom", in: append([]byte("\xFE\xFF"), encodeText(t, utf16BEText, sampleDE)...), want: "UTF-16BE", decode: sampleDE},
		{name: "utf-16le without bom", in: encodeText(t, utf16LEText, sampleDE), want: "UTF-16LE", decode: sampleDE},
		{name: "utf-16be without bom", in: encodeText(t, utf16BEText, samplePL), want: "UTF-16BE", decode: samplePL},
		{name: "cp1252 german", in: encodeText(t, charmap.Windows1252, sampleDE), want: "windows-1252", decode: sampleDE},
		{name: "cp1252 literal bytes", in: []byte("Name;Ort\nM\xFCller;K\xF6ln\nGro\xDF;\x84Am Bach\x93\n"), want: "windows-1252",
			decode: "Name;Ort\nMüller;Köln\nGroß;„Am Bach“\n"},
		{name: "cp1252 french", in: encodeText(t, charmap.Windows1252, sampleFR), want: "windows-1252", decode: sampleFR},
		{name: "cp1252 spanish name in a german list", in: encodeText(t, charmap.Windows1252, "Name;Ort\nMuñoz;Köln\nPeña;Berlin\n"),
			want: "windows-1252", decode: "Name;Ort\nMuñoz;Köln\nPeña;Berlin\n"},
		{name: "iso-8859-2 polish", in: encodeText(t, charmap.ISO8859_2, samplePL), want: "ISO-8859-2", decode: samplePL},
		// ł is 0xB3 in both Polish code pages; ą 0xB1 and ś 0xB6 are ISO-8859-2 only.
		{name: "iso-8859-2 literal bytes", in: []byte("Miasto\n\xA3\xF3d\xBC\nWroc\xB3aw\n\xA6l\xB1sk\n"), want: "ISO-8859-2", decode: "Miasto\nŁódź\nWrocław\nŚląsk\n"},
		{name: "cp1250 polish", in: encodeText(t, charmap.Windows1250, samplePL), want: "windows-1250", decode: samplePL},
		// ś 0x9C, ą 0xB9, ź 0x9F: positions only windows-1250 has.
		{name: "cp1250 literal bytes", in: []byte("Miasto\n\x8Cl\xB9sk\nKo\x9Ccian\nGr\xF3jec \x9Frenica\n"), want: "windows-1250", decode: "Miasto\nŚląsk\nKościan\nGrójec źrenica\n"},
		{name: "cp1250 german and polish", in: encodeText(t, charmap.Windows1250, sampleDE+samplePL), want: "windows-1250", decode: sampleDE + samplePL},
		{name: "ascii only", in: []byte("a,b\n1,2\n"), want: "UTF-8", decode: "a,b\n1,2\n"},
		{name: "mostly utf-8", in: []byte(strings.Repeat("Müller,Köln\n", 10) + "M\xFCller,K\xF6ln\n"), want: "UTF-8"},
		{name: "forced", in: encodeText(t, charmap.ISO8859_2, "Ort\nŁódź\n"), opts: Options{Encoding: "latin2"}, want: "ISO-8859-2", decode: "Ort\nŁódź\n"},
		{name: "forced cp1250 alias", in: encodeText(t, charmap.Windows1250, "Ort\nŁódź\n"), opts: Options{Encoding: "cp1250"}, want: "windows-1250", decode: "Ort\nŁódź\n"},
		{name: "forced latin1 is cp1252", in: []byte("Ort\n\x84K\xF6ln\x93\n"), opts: Options{Encoding: "iso-8859-1"}, want: "windows-1252", decode: "Ort\n„Köln“\n"},
		{name: "forced utf-16le strips its bom", in: append([]byte("\xFF\xFE"), encodeText(t, utf16LEText, sampleDE)...), opts: Options{Encoding: "utf-16le"}, want: "UTF-16LE", decode: sampleDE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := OpenCSV("t.csv", bytes.NewReader(tt.in), int64(len(tt.in)), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := readBackText(t, r)
			if d := r.Detection(); d.Encoding != tt.want {
				t.Errorf("encoding %q, want %q (notes %q)", d.Encoding, tt.want, d.Notes)
			}
			if tt.decode != "" && got != tt.decode {
				t.Errorf("read\n%q\nwant\n%q", got, tt.decode)
			}
		})
	}
}

// readBackText reads header and records back into ';'-separated lines with
// the delimiter of the file, so that decoded text can be compared.
func readBackText(t *testing.T, r Reader) string {
	t.Helper()
	d := r.Detection().Delimiter
	var b strings.Builder
	b.WriteString(strings.Join(r.Header(), d) + "\n")
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Err != nil {
			t.Logf("row %d: %v", rec.Row, rec.Err)
		}
		b.WriteString(strings.Join(rec.Fields, d) + "\n")
	}
	return b.String()
}

func TestSniffEncodingErrors(t *testing.T) {
	_, err := OpenCSV("t.csv", strings.NewReader("a\n1\n"), 4, Options{Encoding: "klingon"})
	if err == nil || !strings.Contains(err.Error(), `unknown encoding "klingon"`) || !strings.HasPrefix(err.Error(), "t.csv: ") {
		t.Errorf("unknown encoding: got %v", err)
	}
	_, err = OpenCSV("t.csv", strings.NewReader("a\n1\n"), 4, Options{Delimiter: ";;"})
	if err == nil || !strings.Contains(err.Error(), "invalid delimiter") {
		t.Errorf("bad delimiter: got %v", err)
	}
}

// TestEncodingDecidedLate: a file whose first non-ASCII byte comes after
// the first 64 KiB is still read in the right code page.
func TestEncodingDecidedLate(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Name;Ort\n")
	for b.Len() < 3*sniffSize {
		b.WriteString("Schmidt;Berlin\n")
	}
	b.Write(encodeText(t, charmap.Windows1252, "Müller;Köln\nWeiß;Düsseldorf\n"))
	r, err := OpenCSV("late.csv", bytes.NewReader(b.Bytes()), int64(b.Len()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := r.Detection(); d.Encoding != "UTF-8" {
		t.Errorf("before the first umlaut: %q", d.Encoding)
	}
	var last []Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Err != nil {
			t.Fatalf("row %d: %v", rec.Row, rec.Err)
		}
		last = append(last, rec)
		if len(last) > 2 {
			last = last[1:]
		}
	}
	if d := r.Detection(); d.Encoding != "windows-1252" {
		t.Errorf("after: encoding %q, notes %q", d.Encoding, d.Notes)
	}
	if got := last[0].Fields[0] + " " + last[1].Fields[1]; got != "Müller Düsseldorf" {
		t.Errorf("decoded %q", got)
	}
}

// TestEncodingErrorRow: bytes that are not UTF-8 after a UTF-8 start reject
// exactly their row, naming the column, with U+FFFD in the kept fields.
func TestEncodingErrorRow(t *testing.T) {
	in := "Name;Ort\nMüller;Köln\nWeiß;D\xFCsseldorf\nBöhm;Bonn\n"
	r, err := OpenCSV("mixed.csv", strings.NewReader(in), int64(len(in)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := mustReadAll(t, r)
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	bad := recs[1]
	if bad.Row != 3 || bad.Err == nil || bad.Err.Error() != "mixed.csv row 3 field Ort: bytes that are not valid in the file's encoding" {
		t.Errorf("row %d err %v", bad.Row, bad.Err)
	}
	if bad.Fields[1] != "D\uFFFDsseldorf" || !utf8.ValidString(bad.Fields[1]) {
		t.Errorf("kept field %q", bad.Fields[1])
	}
	if recs[0].Err != nil || recs[2].Err != nil {
		t.Errorf("good rows rejected: %v %v", recs[0].Err, recs[2].Err)
	}
}

// TestUndefinedBytes: bytes a code page does not define (0x81 in
// windows-1252) and broken UTF-16 reject their rows instead of silently
// turning into U+FFFD.
func TestUndefinedBytes(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		opts Options
	}{
		{"cp1252 0x81", []byte("Name;Ort\nM\xFCller;K\x81ln\n"), Options{Encoding: "windows-1252"}},
		{"unpaired surrogate", append([]byte("\xFF\xFE"), append(encodeText(t, utf16LEText, "Name;Ort\nAnna;"), 0x00, 0xD8, 'X', 0, '\n', 0)...), Options{}},
		{"odd last byte", append(append([]byte("\xFF\xFE"), encodeText(t, utf16LEText, "Name;Ort\nAnna;Bonn")...), 'x'), Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := OpenCSV("u.csv", bytes.NewReader(tt.in), int64(len(tt.in)), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			recs := mustReadAll(t, r)
			if len(recs) != 1 || recs[0].Err == nil || !strings.Contains(recs[0].Err.Error(), "u.csv row 2 field Ort: bytes that are not valid") {
				t.Fatalf("got %+v", recs)
			}
			if !strings.Contains(recs[0].Fields[1], "\uFFFD") {
				t.Errorf("field %q", recs[0].Fields[1])
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		opts  Options
		want  string
		hdr   []string
		first []string
	}{
		{name: "comma", in: "a,b,c\n1,2,3\n", want: ",", hdr: []string{"a", "b", "c"}},
		{name: "semicolon with decimal commas", in: "Name;Umsatz;Anteil\nA;1.234,56;0,5\nB;99,00;0,25\nC;7;1\n", want: ";", first: []string{"A", "1.234,56", "0,5"}},
		{name: "tab", in: "Name\tFirma, Ort\nAnna\tX, Berlin\nBen\tY, Bonn\n", want: "\t", hdr: []string{"Name", "Firma, Ort"}},
		{name: "pipe", in: "a|b\n1|2\n", want: "|"},
		{name: "commas inside quotes", in: "\"Müller, Anna\";\"Köln, Rhein\";x\n\"a,b,c\";\"d,e\";y\n", want: ";"},
		{name: "quoted newline", in: "a;b\n\"1,\n2,3,4\";x\n5;6\n", want: ";"},
		{name: "title lines without delimiters", in: "Messe XY 2026\n\nVorname;Nachname;Firma\nAnna;Müller;X GmbH\nBen;Weiß;Y AG\n", want: ";"},
		{name: "one column", in: "E-Mail\na@x.de\nb@y.de\n", want: ","},
		{name: "sep line", in: "sep=;\r\na;b,c\r\n1;2,3\r\n", want: ";", hdr: []string{"a", "b,c"}},
		{name: "sep line tab", in: "sep=\t\na\tb\n1\t2\n", want: "\t", hdr: []string{"a", "b"}},
		{name: "forced tab", in: "a,b\tc\n1,2\t3\n", opts: Options{Delimiter: "tab"}, want: "\t", hdr: []string{"a,b", "c"}},
		{name: `forced \t`, in: "a,b\tc\n1,2\t3\n", opts: Options{Delimiter: `\t`}, want: "\t"},
		{name: "forced over sep line", in: "sep=;\na,b;c\n1,2;3\n", opts: Options{Delimiter: ","}, want: ",", hdr: []string{"a", "b;c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := OpenCSV("d.csv", strings.NewReader(tt.in), int64(len(tt.in)), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if d := r.Detection(); d.Delimiter != tt.want {
				t.Errorf("delimiter %q, want %q (notes %q)", d.Delimiter, tt.want, d.Notes)
			}
			if tt.hdr != nil && !sameStrings(r.Header(), tt.hdr) {
				t.Errorf("header %q, want %q", r.Header(), tt.hdr)
			}
			recs := mustReadAll(t, r)
			if tt.first != nil && (len(recs) == 0 || !sameStrings(recs[0].Fields, tt.first)) {
				t.Errorf("records %+v, want first %q", recs, tt.first)
			}
		})
	}
}

func TestSepLine(t *testing.T) {
	tests := []struct {
		in    string
		delim rune
		n     int
		ok    bool
	}{
		{"sep=;\r\na;b", ';', 7, true},
		{"sep=,\nx", ',', 6, true},
		{"SEP=|\rx", '|', 6, true},
		{"sep=;", ';', 5, true},
		{"sep=\t\n", '\t', 6, true},
		{"sep=;;\n", 0, 0, false},
		{"sep=\"\n", 0, 0, false},
		{"sepp=;\n", 0, 0, false},
		{"separator;x\n", 0, 0, false},
	}
	for _, tt := range tests {
		d, n, ok := sepLine([]byte(tt.in))
		if d != tt.delim || n != tt.n || ok != tt.ok {
			t.Errorf("sepLine(%q) = %q, %d, %v; want %q, %d, %v", tt.in, d, n, ok, tt.delim, tt.n, tt.ok)
		}
	}
}

func TestClassifyRune(t *testing.T) {
	// The ambiguous Polish letters weigh like their windows-1252 twins, so
	// that a Spanish name in a German list does not turn the file Polish.
	for _, pair := range [][2]rune{{'ń', 'ñ'}, {'ę', 'ê'}, {'ć', 'æ'}, {'Ń', 'Ñ'}} {
		if classifyRune(pair[0]) != classifyRune(pair[1]) {
			t.Errorf("%c and %c classify differently", pair[0], pair[1])
		}
	}
	if classifyRune('ł') != classStrong || classifyRune('³') != classSymbol || classifyRune(0x9C) != classBad {
		t.Error("ł, ³, U+009C")
	}
}

// FuzzSniff: the sniffers take any bytes without panicking and always
// decide on a valid delimiter and a named encoding.
func FuzzSniff(f *testing.F) {
	f.Add([]byte(sampleDE), true)
	f.Add(encodeText(f, charmap.Windows1250, samplePL), true)
	f.Add(append([]byte("\xFF\xFE"), encodeText(f, utf16LEText, samplePL)...), false)
	f.Add([]byte("sep=;\r\na;b\r\n"), true)
	f.Add([]byte("\"a\nb\";\"c\n"), false)
	f.Add([]byte{0xEF, 0xBB}, true)
	f.Fuzz(func(t *testing.T, sample []byte, atEOF bool) {
		res, err := sniff(sample, atEOF, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !validDelim(res.delim) {
			t.Fatalf("delimiter %q", res.delim)
		}
		if res.enc.name == "" || res.bom > len(sample) {
			t.Fatalf("encoding %+v, bom %d", res.enc, res.bom)
		}
		if i := firstNonASCII(sample); i >= 0 {
			enc, _ := classify8bit(sample[i:], atEOF, nil)
			enc2, _ := classify8bit(sample[i:], atEOF, nil)
			if enc.name != enc2.name || (enc.kind == encUndecided && atEOF) {
				t.Fatalf("classify8bit: %+v then %+v", enc, enc2)
			}
		}
		if validUTF8(sample) != utf8.Valid(sample) {
			t.Fatalf("validUTF8 disagrees with utf8.Valid")
		}
	})
}

// TestSniffMoreCodePages: Excel's "CSV (MS-DOS)" (IBM850) and "CSV
// (Macintosh)" were read as windows-1252 or -1250 (Bärbel Weiß became
// B„rbel Weiá, Jürgen Jźrgen), and a Polish windows-1250 file whose only
// Polish letters are ę ń ć (which windows-1252 also decodes as letters)
// was read as windows-1252 (Imiê). The header the bytes make decides
// between close scores.
func TestSniffMoreCodePages(t *testing.T) {
	for _, tc := range []struct {
		name string
		cm   *charmap.Charmap
		text string
		want string
	}{
		{"MS-DOS", charmap.CodePage850, "Vorname;Nachname;Straße;Ort\r\nBärbel;Weiß;Hauptstraße 1;München\r\nJörg;Müller;Lindenstraße 2;Köln\r\n", "IBM850"},
		{"Macintosh", charmap.Macintosh, "Vorname;Nachname;Straße;Ort\rJürgen;Müller;Hauptstraße 1;München\rÄnne;Öztürk;Weg 2;Göttingen\r", "macintosh"},
		{"Polish with ę ń ć only", charmap.Windows1250, "Imię;Nazwisko;Miasto\r\nJan;Bańka;Poznań\r\nEwa;Pęk;Ćmielów\r\n", "windows-1250"},
		{"German windows-1252", charmap.Windows1252, "Vorname;Nachname;Straße;Ort\r\nJürgen;Müller – „GF“;Hauptstraße 1;München\r\nJosé;Muñoz;Weg 2;Köln\r\n", "windows-1252"},
		{"Polish windows-1250", charmap.Windows1250, "Imię;Nazwisko;Miasto\r\nŁukasz;Żółć;Łódź\r\n", "windows-1250"},
		// € and „“ are letters in the Mac and DOS pages (a review found
		// German budget lists read as macintosh: 1500 Ä).
		{"windows-1252 amounts in euro", charmap.Windows1252, "Vorname;Nachname;Budget\r\nJürgen;Weber;1500 €\r\nAnna;Schäfer;3000 €\r\nTom;Koch;4500 €\r\nUwe;Wolf;6000 €\r\nEva;Klein;7500 €\r\n", "windows-1252"},
		{"windows-1252 euro only", charmap.Windows1252, "Vorname;Nachname;Budget\r\nTom;Koch;4500 €\r\nUwe;Wolf;6000 €\r\nEva;Klein;7500 €\r\n", "windows-1252"},
		{"windows-1252 quotes", charmap.Windows1252, "Vorname;Nachname;Notiz\r\nAnna;Schmidt;„Premium“ gewünscht\r\nTom;Weber;sagte „bitte anrufen“\r\n", "windows-1252"},
		{"windows-1252 quotes only", charmap.Windows1252, "Vorname;Nachname;Notiz\r\nAnna;Schmidt;„Premium“ bitte\r\nTom;Weber;sagte „bitte anrufen“\r\nEva;Koch;„Angebot“ senden\r\n", "windows-1252"},
		// An ASCII header in Polish decides a tie the letters leave.
		{"Polish windows-1250, ASCII header", charmap.Windows1250, "Imie;Nazwisko;Firma;Miasto\r\nJan;Kowalski;Ziębice Handel;Gniezno\r\nMarek;Nowak;Dębica Sp. z o.o.;Poznań\r\n", "windows-1250"},
		{"German windows-1252 with ñ, ASCII header", charmap.Windows1252, "Vorname;Nachname;Firma;Ort\r\nJosé;Muñoz;Peña GmbH;Köln\r\n", "windows-1252"},
		// A German header over Polish names with ń ę ć only (a review
		// found "Kamiñska", "Poznañ"): where the letters stand decides.
		{"German header, Polish names, windows-1250", charmap.Windows1250, "Vorname;Nachname;Straße;Ort;Land\r\nAnna;Kamińska;Rynek 1;Poznań;Polen\r\nJan;Kęcki;Rynek 2;Gdańsk;Polen\r\n", "windows-1250"},
		{"German header, Polish ę and ć at word ends", charmap.Windows1250, "Vorname;Nachname;Notiz\r\nPiotr;Nowak;proszę zadzwonić\r\n", "windows-1250"},
		{"German header, French ê, windows-1252", charmap.Windows1252, "Vorname;Nachname;Ort\r\nRené;Lefêvre;Genève\r\nAnaïs;Pêcheur;Forêt\r\n", "windows-1252"},
		// ’ stands inside words (a review found O’Brien read as macintosh).
		{"windows-1252 apostrophe", charmap.Windows1252, "Firma;Vorname;Nachname;Ort\r\nWeber GmbH;Sean;O’Brien;Berlin\r\nPeter’s Bakery;René;Roth;Bonn\r\n", "windows-1252"},
		{"Macintosh apostrophe", charmap.Macintosh, "Firma;Vorname;Nachname;Ort;Notiz\rPeter’s Bakery;Hans;O’Brien;Zürich;Termin – bitte bestätigen\r", "macintosh"},
		{"MS-DOS without ü", charmap.CodePage850, "Vorname;Nachname;Ort\r\nBärbel;Köhler;Köln\r\nJörg;Schäfer;Mönchengladbach\r\n", "IBM850"},
	} {
		b, err := tc.cm.NewEncoder().Bytes([]byte(tc.text))
		if err != nil {
			t.Fatal(err)
		}
		r, err := OpenCSV("x.csv", bytes.NewReader(b), int64(len(b)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		recs, err := checkedRecords(r)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Detection().Encoding; got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
			continue
		}
		var all []string
		all = append(all, r.Header()...)
		for _, rec := range recs {
			all = append(all, rec.Fields...)
		}
		if got := strings.Join(all, ";"); got != strings.NewReplacer("\r\n", ";", "\r", ";").Replace(strings.TrimRight(tc.text, "\r\n")) {
			t.Errorf("%s: read %q", tc.name, got)
		}
	}
	for _, name := range []string{"cp850", "IBM850", "macintosh", "macroman"} {
		if _, err := resolveEncoding(name); err != nil {
			t.Errorf("--encoding %s: %v", name, err)
		}
	}
}
