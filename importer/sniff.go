package importer

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// sniffSize is how many bytes the sniffers look at: the start of the file
// for BOM, UTF-16 and delimiter, and the bytes from the first non-ASCII byte
// on for choosing between UTF-8 and the 8-bit code pages.
const sniffSize = 64 << 10

// sniffLines is how many records the delimiter sniffer counts.
const sniffLines = 50

// encKind says how the bytes of a CSV file become UTF-8.
type encKind int

const (
	// encUndecided: only ASCII seen so far. UTF-8 and every 8-bit candidate
	// agree on ASCII, so the choice waits for the first non-ASCII byte.
	encUndecided encKind = iota
	encUTF8
	encUTF16LE
	encUTF16BE
	encCharmap // an 8-bit code page, decoded through a byte table
	encGeneric // any other x/text encoding named with --encoding
)

// textEncoding is a resolved input encoding.
type textEncoding struct {
	kind encKind
	name string           // as shown in Detection.Encoding
	cm   *charmap.Charmap // encCharmap
	enc  encoding.Encoding
}

var (
	encWindows1252 = textEncoding{kind: encCharmap, name: "windows-1252", cm: charmap.Windows1252}
	encWindows1250 = textEncoding{kind: encCharmap, name: "windows-1250", cm: charmap.Windows1250}
	encISO88592    = textEncoding{kind: encCharmap, name: "ISO-8859-2", cm: charmap.ISO8859_2}
	// Excel for Mac's "CSV (Macintosh)" and Excel's "CSV (MS-DOS)".
	encMacintosh = textEncoding{kind: encCharmap, name: "macintosh", cm: charmap.Macintosh}
	encCP850     = textEncoding{kind: encCharmap, name: "IBM850", cm: charmap.CodePage850}
)

// CheckEncoding returns an error when name is no encoding that
// Options.Encoding accepts, so that a command can refuse it before it
// opens anything.
func CheckEncoding(name string) error {
	_, err := resolveEncoding(name)
	return err
}

// resolveEncoding turns an --encoding name into an encoding. Names are the
// WHATWG labels that htmlindex knows ("cp1250", "latin2", "utf-16le", ...);
// note that WHATWG maps ISO-8859-1 to windows-1252, which is what Excel
// really writes.
func resolveEncoding(name string) (textEncoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "cp850", "ibm850", "850", "dos", "ms-dos":
		return encCP850, nil
	case "mac", "macroman", "mac-roman":
		return encMacintosh, nil
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return textEncoding{}, fmt.Errorf("unknown encoding %q (use a name such as utf-8, windows-1252, windows-1250, iso-8859-2, utf-16le)", name)
	}
	canon, err := htmlindex.Name(e)
	if err != nil {
		canon = strings.ToLower(name)
	}
	switch canon {
	case "utf-8":
		return textEncoding{kind: encUTF8, name: "UTF-8"}, nil
	case "utf-16le":
		return textEncoding{kind: encUTF16LE, name: "UTF-16LE"}, nil
	case "utf-16be":
		return textEncoding{kind: encUTF16BE, name: "UTF-16BE"}, nil
	}
	display := canon
	if strings.HasPrefix(canon, "iso-") {
		display = strings.ToUpper(canon)
	}
	if cm, ok := e.(*charmap.Charmap); ok {
		return textEncoding{kind: encCharmap, name: display, cm: cm}, nil
	}
	return textEncoding{kind: encGeneric, name: display, enc: e}, nil
}

// sniffResult is what the sniffers decided about a CSV file from its first
// bytes.
type sniffResult struct {
	enc     textEncoding
	bom     int  // bytes of byte-order mark to skip
	delim   rune // field delimiter
	sepLine bool // the first line is Excel's "sep=;" line
	notes   []string
}

// sniff decides encoding, delimiter and Excel's sep= line from the first
// bytes of a file. atEOF tells that sample is the whole file. Options
// override the sniffers. The only errors are bad option values.
//
// The steps, first decision wins: --encoding (htmlindex names); a BOM;
// UTF-16 by its NUL bytes; (nearly) valid UTF-8; the 8-bit code page whose
// letters fit German and Polish best. The BOM is checked here rather than
// with x/text's unicode.BOMOverride, which would not tell which BOM it
// found, and the decoders are the textReader's own, which mark undecodable
// input instead of replacing it.
func sniff(sample []byte, atEOF bool, opts Options) (sniffResult, error) {
	var res sniffResult
	switch {
	case opts.Encoding != "":
		enc, err := resolveEncoding(opts.Encoding)
		if err != nil {
			return res, err
		}
		res.enc = enc
		res.notes = append(res.notes, "encoding "+enc.name+" from --encoding")
		// Skip a BOM that agrees with the forced encoding.
		switch {
		case enc.kind == encUTF8 && bytes.HasPrefix(sample, bomUTF8):
			res.bom = len(bomUTF8)
		case enc.kind == encUTF16LE && bytes.HasPrefix(sample, bomUTF16LE):
			res.bom = len(bomUTF16LE)
		case enc.kind == encUTF16BE && bytes.HasPrefix(sample, bomUTF16BE):
			res.bom = len(bomUTF16BE)
		case bytes.HasPrefix(sample, bomUTF8) || bytes.HasPrefix(sample, bomUTF16LE) || bytes.HasPrefix(sample, bomUTF16BE):
			res.notes = append(res.notes, "the file starts with a Unicode byte-order mark that --encoding overrides")
		}
	case bytes.HasPrefix(sample, bomUTF8):
		res.enc = textEncoding{kind: encUTF8, name: "UTF-8 BOM"}
		res.bom = len(bomUTF8)
		res.notes = append(res.notes, "encoding from byte-order mark")
	case bytes.HasPrefix(sample, bomUTF16LE):
		res.enc = textEncoding{kind: encUTF16LE, name: "UTF-16LE"}
		res.bom = len(bomUTF16LE)
		res.notes = append(res.notes, "encoding from byte-order mark")
	case bytes.HasPrefix(sample, bomUTF16BE):
		res.enc = textEncoding{kind: encUTF16BE, name: "UTF-16BE"}
		res.bom = len(bomUTF16BE)
		res.notes = append(res.notes, "encoding from byte-order mark")
	default:
		if be, ok := sniffUTF16(sample); ok {
			res.enc = textEncoding{kind: encUTF16LE, name: "UTF-16LE"}
			if be {
				res.enc = textEncoding{kind: encUTF16BE, name: "UTF-16BE"}
			}
			res.notes = append(res.notes, "encoding "+res.enc.name+" from the pattern of NUL bytes (no byte-order mark)")
			break
		}
		i := firstNonASCII(sample)
		if i < 0 {
			res.enc = textEncoding{kind: encUndecided, name: "UTF-8"}
			res.notes = append(res.notes, "only ASCII in the first 64 KiB: reading as UTF-8 until the first non-ASCII byte decides")
			break
		}
		header, _, _ := bytes.Cut(sample, []byte{'\n'})
		enc, note := classify8bit(sample[i:], atEOF, header)
		res.enc = enc
		res.notes = append(res.notes, note)
	}

	text := sample[res.bom:]
	switch res.enc.kind {
	case encUTF16LE, encUTF16BE:
		buf := make([]byte, 0, len(text)*3/2+4)
		buf, _ = appendUTF16(buf, text, res.enc.kind == encUTF16BE, atEOF)
		text = buf
	case encGeneric:
		if dec, err := res.enc.enc.NewDecoder().Bytes(text); err == nil {
			text = dec
		}
	}

	if d, n, ok := sepLine(text); ok {
		res.sepLine = true
		res.delim = d
		res.notes = append(res.notes, fmt.Sprintf("delimiter %q from Excel's sep= line", string(d)))
		text = text[n:]
	}
	if opts.Delimiter != "" {
		d, err := parseDelimiter(opts.Delimiter)
		if err != nil {
			return res, err
		}
		res.delim = d
		res.notes = append(res.notes, "delimiter from --delimiter")
	} else if !res.sepLine {
		d, note := sniffDelimiter(text, atEOF)
		res.delim = rune(d)
		res.notes = append(res.notes, note)
	}
	return res, nil
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// parseDelimiter reads the --delimiter option: one character, or "tab"/`\t`.
func parseDelimiter(s string) (rune, error) {
	switch strings.ToLower(s) {
	case "tab", `\t`:
		return '\t', nil
	}
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) || !validDelim(r) {
		return 0, fmt.Errorf("invalid delimiter %q: want one character such as , ; | or \"tab\"", s)
	}
	return r, nil
}

// validDelim mirrors encoding/csv's rules for Comma.
func validDelim(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

// sniffUTF16 detects UTF-16 without a BOM by its NUL bytes: text that is
// mostly Latin script has a zero high byte in most code units, at odd
// offsets for little endian and at even offsets for big endian. A stray
// NUL in an 8-bit file does not come close to those ratios.
func sniffUTF16(sample []byte) (bigEndian, ok bool) {
	units := len(sample) / 2
	if units < 2 {
		return false, false
	}
	var even, odd int
	for i := 0; i+1 < len(sample); i += 2 {
		if sample[i] == 0 {
			even++
		}
		if sample[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*10 >= units*3 && even*20 <= units:
		return false, true
	case even*10 >= units*3 && odd*20 <= units:
		return true, true
	}
	return false, false
}

// firstNonASCII returns the index of the first byte >= 0x80, or -1.
func firstNonASCII(b []byte) int {
	i := 0
	for i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
		i += 8
	}
	for ; i < len(b); i++ {
		if b[i] >= 0x80 {
			return i
		}
	}
	return -1
}

// classify8bit chooses the encoding of bytes that contain non-ASCII: UTF-8
// when they are (nearly all) valid UTF-8, otherwise the 8-bit code page
// whose decoding looks most like German or Polish (or other Western
// European) text. sample should start at or before the first non-ASCII byte.
//
// header, when not nil, is the file's first line: code pages whose scores
// are close are told apart by the lead fields the header names when
// decoded with each ("Imię" is Polish windows-1250, "Imiê" nothing).
func classify8bit(sample []byte, atEOF bool, header []byte) (textEncoding, string) {
	valid, invalid := 0, 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if !atEOF && !utf8.FullRune(sample[i:]) {
			break // a sequence cut by the end of the sample
		}
		r, n := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	switch {
	case valid == 0 && invalid == 0:
		return textEncoding{kind: encUndecided, name: "UTF-8"}, "only ASCII in the sample"
	case invalid == 0:
		return textEncoding{kind: encUTF8, name: "UTF-8"}, "encoding UTF-8: the sample is valid UTF-8"
	case valid >= 4*invalid:
		return textEncoding{kind: encUTF8, name: "UTF-8"},
			fmt.Sprintf("encoding UTF-8: the sample is UTF-8 except for %d invalid bytes (rows holding them are rejected)", invalid)
	}
	var scores [len(legacyCandidates)]int
	best := 0
	dosMac := dosMacPossible(sample)
	for i := range legacyCandidates {
		if !dosMac[legacyCandidates[i].name] {
			if legacyCandidates[i] == encMacintosh || legacyCandidates[i] == encCP850 {
				continue
			}
		}
		scores[i] = scoreCandidate(sample, &legacyClasses[i])
		if scores[i] > scores[best] {
			best = i
		}
	}
	enc := legacyCandidates[best]
	if header != nil {
		// Within one strong letter of the best, the header decides.
		fit := headerFit(header, enc)
		for i, c := range legacyCandidates {
			if i == best || scores[i] < scores[best]-3 || (c == encMacintosh || c == encCP850) && !dosMac[c.name] {
				continue
			}
			if f := headerFit(header, c); f > fit {
				enc, fit = c, f
			}
		}
		if enc != legacyCandidates[best] {
			return enc, "encoding " + enc.name + " from the letters its decoding gives and the header it makes (not valid UTF-8)"
		}
		// A tie the header's letters cannot break ("Imie;Nazwisko", ę ń
		// ć in the rows, which windows-1252 reads as ê ñ æ): a Polish
		// header says a Polish code page.
		if enc == encWindows1252 && polishHeader(header) {
			top := scores[best] // windows-1252's: a Polish page must tie it
			for i, c := range legacyCandidates {
				if (c == encWindows1250 || c == encISO88592) && scores[i] >= top {
					enc, top = c, scores[i]+1 // the first of equals, a better one after it
				}
			}
			if enc != encWindows1252 {
				return enc, "encoding " + enc.name + " from the letters its decoding gives and the Polish header (not valid UTF-8)"
			}
		}
	}
	if enc == encWindows1252 {
		// Still a tie, the header no help (a German header over Polish
		// names): where the bytes of ń ę ć stand says which they are.
		if pl, west := polishPlaces(sample); pl > 0 && west == 0 {
			top := scores[best]
			for i, c := range legacyCandidates {
				if (c == encWindows1250 || c == encISO88592) && scores[i] >= top {
					return c, "encoding " + c.name + " from the letters its decoding gives and where ń ę ć stand in words (not valid UTF-8)"
				}
			}
		}
	}
	return enc, "encoding " + enc.name + " from the letters its decoding gives (not valid UTF-8)"
}

// polishPlaces counts the bytes of ń, ę and ć (in windows-1250 and
// ISO-8859-2; ñ, ê, æ in windows-1252) where only the Polish letter
// stands, and those where only the Western one does. Polish writes ń only
// before a consonant or at a word's end ("Kamińska", "Poznań"), Spanish ñ
// only before a vowel ("Muñoz"); ę and ć end many Polish words ("Łęckę",
// "Chodkiewicz", "być"), ê and æ hardly any French or Danish one.
func polishPlaces(sample []byte) (pl, west int) {
	letter := func(c byte) bool { return c >= 0x80 || 'a' <= c|0x20 && c|0x20 <= 'z' }
	vowel := func(c byte) bool { return strings.IndexByte("aeiouy", c|0x20) >= 0 && letter(c) }
	for i, c := range sample {
		if c != 0xF1 && c != 0xD1 && c != 0xEA && c != 0xE6 || i == 0 || !letter(sample[i-1]) {
			continue
		}
		next := byte(' ')
		if i+1 < len(sample) {
			next = sample[i+1]
		}
		switch {
		case c == 0xF1 || c == 0xD1:
			if vowel(next) {
				west++
			} else if next < 0x80 {
				pl++
			}
		case !letter(next):
			pl++ // ę or ć ending a word
		}
	}
	return pl, west
}

// polishHeader reports whether a header line's titles are Polish ones.
func polishHeader(header []byte) bool {
	cells := strings.FieldsFunc(string(header), func(r rune) bool {
		return r == ',' || r == ';' || r == '\t' || r == '|' || r == '\r' || r == '"'
	})
	t := detectFamily(headerKeysOf(cells))
	return t != nil && strings.HasSuffix(t.name, "(pl)")
}

// dosMacPossible tells which of the Mac and DOS code pages a sample may be
// in. Both put letters where Windows has € „ “ (an amount "1.500 €" read
// as "1.500 Ä"), so they are candidates only where the Windows reading is
// unlikely: not when the bytes of ä ö ü ß Ä Ö Ü in Windows code pages
// occur (in the Mac and DOS pages they are symbols: ‰ ˆ ¸ ﬂ, õ ÷ ³ ▀), nor
// when a pair of Windows quotes („ before a word, “ after one) occurs on a
// line and the byte of DOS ü (undefined in windows-1252) does not; and
// each only when its own bytes of ä ö ü ß Ä Ö Ü stand in words.
func dosMacPossible(sample []byte) map[string]bool {
	anyByte := func(b []byte, set ...byte) bool {
		for _, c := range set {
			if bytes.IndexByte(b, c) >= 0 {
				return true
			}
		}
		return false
	}
	if anyByte(sample, 0xE4, 0xF6, 0xFC, 0xDF, 0xC4, 0xD6, 0xDC) {
		return map[string]bool{}
	}
	letter := func(b []byte, i int) bool {
		return i >= 0 && i < len(b) && (b[i] >= 0x80 || 'a' <= b[i]|0x20 && b[i]|0x20 <= 'z')
	}
	dos := true
	if bytes.IndexByte(sample, 0x81) < 0 {
	lines:
		for line := range bytes.SplitSeq(sample, []byte{'\n'}) {
			open := -1
			for i, c := range line {
				switch {
				case c == 0x84 && !letter(line, i-1) && letter(line, i+1):
					open = i // „ before a word
				case (c == 0x93 || c == 0x94) && open >= 0 && letter(line, i-1) && !letter(line, i+1):
					dos = false // “ after it: a pair of quotes
					break lines
				}
			}
		}
	}
	// And only with their own German letters inside words: without them
	// a Mac or DOS reading rests on é or ’ alone, which Windows has too.
	umlautInWord := func(set ...byte) bool {
		for i, c := range sample {
			if slices.Contains(set, c) && (letter(sample, i-1) || letter(sample, i+1)) {
				return true
			}
		}
		return false
	}
	return map[string]bool{
		encMacintosh.name: dos && umlautInWord(0x8A, 0x9A, 0x9F, 0xA7, 0x80, 0x85, 0x86), // ä ö ü ß Ä Ö Ü
		encCP850.name:     dos && umlautInWord(0x84, 0x94, 0x81, 0xE1, 0x8E, 0x99, 0x9A),
	}
}

// headerFit counts the header cells a dictionary knows, accents included,
// when the line is decoded with enc; the delimiter is not known yet, so
// every common one splits.
func headerFit(header []byte, enc textEncoding) int {
	text, err := enc.cm.NewDecoder().Bytes(header)
	if err != nil {
		return 0
	}
	cells := strings.FieldsFunc(string(text), func(r rune) bool {
		return r == ',' || r == ';' || r == '\t' || r == '|' || r == '\r' || r == '"'
	})
	return exactHeaders(cells)
}

// legacyCandidates are the 8-bit code pages German and Polish Excel and
// Outlook exports use (Excel's "CSV (Macintosh)" and "CSV (MS-DOS)"
// included), in the order that breaks ties: a file whose non-ASCII bytes
// are only ä ö ü ß (the same in the first three) is windows-1252. The Mac
// and DOS pages put letters where the Windows pages have ä ö ü ß and
// punctuation, so each wins only on its own files (TestSniffMoreCodePages).
var legacyCandidates = [...]textEncoding{encWindows1252, encWindows1250, encISO88592, encMacintosh, encCP850}

// letterClass is how plausible a decoded non-ASCII byte is in a lead list.
type letterClass uint8

const (
	classSymbol letterClass = iota // a non-letter: ± ¶ ¹ ¼ ¦ ˇ ...; suspicious inside a word
	classStrong                    // German and Polish letters that decide: ä ö ü ß ą ł ś ź ż ...
	classWest                      // other Western European letters: é è ñ ç ..., counted inside words
	classOther                     // any other letter: č ř ő ...
	classPunct                     // Windows typographic punctuation: ’ – € ...
	classQuote                     // Windows double quotes „ “ ”: at a word's edge, never inside one
	classBad                       // undefined or a C1 control: impossible in text
)

const (
	// strongLetters appear in German or Polish text and decode differently in
	// at least one candidate. ę ć ń are left out on purpose: at the same
	// bytes windows-1252 has ê æ ñ, which French and Spanish names (Muñoz in
	// a German list) use too, so they weigh like a Western letter.
	strongLetters = "äöüßÄÖÜąĄłŁśŚźŹżŻóÓ"
	westLetters   = "àáâãåæçèéêëìíîïñòôõøùúûýÿÀÁÂÃÅÆÇÈÉÊËÌÍÎÏÑÒÔÕØÙÚÛÝŸœŒšŠžŽªºðÐþÞęĘćĆńŃ"
	punctRunes    = "€‚…†‡‰‹›‘’•–—™«»"
	quoteRunes    = "„“”"
)

var legacyClasses = func() (t [len(legacyCandidates)][256]letterClass) {
	for i, enc := range legacyCandidates {
		for b := 0x80; b < 0x100; b++ {
			t[i][b] = classifyRune(enc.cm.DecodeByte(byte(b)))
		}
	}
	return t
}()

func classifyRune(r rune) letterClass {
	switch {
	case r == utf8.RuneError || (r >= 0x80 && r < 0xA0):
		return classBad
	case strings.ContainsRune(strongLetters, r):
		return classStrong
	case strings.ContainsRune(westLetters, r):
		return classWest
	case strings.ContainsRune(punctRunes, r):
		return classPunct
	case strings.ContainsRune(quoteRunes, r):
		return classQuote
	case r == 'µ':
		return classSymbol
	case unicode.IsLetter(r):
		return classOther
	}
	return classSymbol
}

// scoreCandidate adds up how plausible each non-ASCII byte of sample is
// under one code page, taking into account whether it stands inside a word.
func scoreCandidate(sample []byte, classes *[256]letterClass) int {
	isLetter := func(i int) bool {
		if i < 0 || i >= len(sample) {
			return false
		}
		c := sample[i]
		return c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
	}
	score := 0
	for i, c := range sample {
		if c < 0x80 {
			continue
		}
		before, after := isLetter(i-1), isLetter(i+1)
		switch classes[c] {
		case classStrong:
			if before || after {
				score += 3
			}
		case classWest:
			if before || after {
				score += 2
			}
		case classOther:
			if before || after {
				score++
			}
		case classPunct:
			score++ // ’ inside a word too: O’Brien
		case classQuote:
			if before && after {
				score -= 2 // „ inside a word: B„rbel is Bärbel in another code page
			} else {
				score++
			}
		case classSymbol:
			if before && after {
				score -= 2
			}
		case classBad:
			score -= 10
		}
	}
	return score
}

// sepLine recognises Excel's "sep=;" first line, which declares the
// delimiter. It returns the delimiter and the length of the line including
// its line break.
func sepLine(text []byte) (delim rune, n int, ok bool) {
	if len(text) < 5 || !strings.EqualFold(string(text[:4]), "sep=") {
		return 0, 0, false
	}
	r, size := utf8.DecodeRune(text[4:])
	if !validDelim(r) {
		return 0, 0, false
	}
	i := 4 + size
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') && r != '\t' {
		i++
	}
	switch {
	case i == len(text):
	case text[i] == '\n':
		i++
	case text[i] == '\r':
		i++
		if i < len(text) && text[i] == '\n' {
			i++
		}
	default:
		return 0, 0, false
	}
	return r, i, true
}

// delimiterCandidates in the order that breaks ties: the rarer a character
// is in text, the likelier a steady count of it is the delimiter.
var delimiterCandidates = [...]byte{'\t', ';', '|', ','}

// sniffDelimiter picks the delimiter whose count per record is the same on
// the most records of the sample, counting outside quotes. Title lines
// without delimiters and a varying count of decimal commas lose against a
// steady count of semicolons; on a tie the rarer character wins.
func sniffDelimiter(text []byte, atEOF bool) (byte, string) {
	counts := countDelimiters(text, atEOF, true)
	if len(counts) < 2 {
		// An unbalanced quote can hide the whole sample; count without quotes.
		if c := countDelimiters(text, atEOF, false); len(c) > len(counts) {
			counts = c
		}
	}
	best, bestFreq, bestMode := -1, 0, 0
	for k := range delimiterCandidates {
		freq := map[int]int{}
		for _, c := range counts {
			if c[k] > 0 {
				freq[c[k]]++
			}
		}
		mode, f := 0, 0
		for m, n := range freq {
			if n > f || (n == f && m > mode) {
				mode, f = m, n
			}
		}
		if f > bestFreq {
			best, bestFreq, bestMode = k, f, mode
		}
	}
	if best < 0 {
		return ',', "no delimiter found in the first lines: one column, delimiter ','"
	}
	d := delimiterCandidates[best]
	return d, fmt.Sprintf("delimiter %q: %d of %d sampled records have %d of them", string(d), bestFreq, len(counts), bestMode)
}

// countDelimiters returns, for each of the first sniffLines non-empty
// records of text, how many of each candidate delimiter it has outside
// quotes. A quote opens a quoted field only at the start of a field, as in
// encoding/csv.
func countDelimiters(text []byte, atEOF, quotes bool) [][len(delimiterCandidates)]int {
	var (
		out       [][len(delimiterCandidates)]int
		cur       [len(delimiterCandidates)]int
		inQuote   bool
		nonEmpty  bool
		fieldOpen = true
	)
	for i := 0; i < len(text) && len(out) < sniffLines; i++ {
		c := text[i]
		if inQuote {
			if c == '"' {
				if i+1 < len(text) && text[i+1] == '"' {
					i++
				} else {
					inQuote = false
				}
			}
			continue
		}
		switch c {
		case '\n', '\r':
			if nonEmpty {
				out = append(out, cur)
			}
			cur, nonEmpty, fieldOpen = [len(delimiterCandidates)]int{}, false, true
			continue
		case '"':
			if quotes && fieldOpen {
				inQuote = true
			}
		}
		nonEmpty = true
		fieldOpen = false
		if k := bytes.IndexByte(delimiterCandidates[:], c); k >= 0 {
			cur[k]++
			fieldOpen = true
		}
	}
	if atEOF && nonEmpty && !inQuote && len(out) < sniffLines {
		out = append(out, cur)
	}
	return out
}
