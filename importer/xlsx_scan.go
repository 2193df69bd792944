package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The worksheet and shared-string parts are read by a byte-level XML
// tokenizer instead of encoding/xml, whose Decoder spends about a
// microsecond per token: a lead sheet has several tokens per cell. The
// tokenizer knows just enough XML for SpreadsheetML: elements, attributes,
// the five predefined entities and character references, CDATA, comments,
// processing instructions and a DOCTYPE, which it skips (so that an entity
// it declares is an undefined entity, as in encoding/xml). It checks that
// end tags match, that text is valid UTF-8 without control characters and
// that the part does not end inside an element, so that a truncated or
// damaged part is an error and never a sheet with fewer rows.

type tokKind uint8

const (
	tokStart tokKind = iota + 1 // start tag; a self-closing tag is followed by its tokEnd
	tokEnd
	tokText  // character data, entities not yet decoded
	tokCDATA // the content of a CDATA section, literal
)

const (
	xmlBufSize = 64 << 10
	// xmlMaxToken bounds one tag, comment or CDATA section held in memory.
	xmlMaxToken = 4 << 20
)

// xmlScanner is a pull tokenizer over a stream. The byte slices of a token
// are valid until the next call of next.
type xmlScanner struct {
	r     io.Reader
	buf   []byte
	pos   int // next unread byte in buf
	end   int // end of the bytes read into buf
	eof   bool
	rerr  error // read error other than io.EOF
	lines int   // line breaks in the bytes dropped from buf
	began bool  // the byte-order mark and XML declaration were looked at

	name    []byte // qualified name of a start or end tag
	attrs   []byte // raw attributes of a start tag
	text    []byte // tokText or tokCDATA
	selfEnd bool   // a self-closing start tag's end is due

	// open elements: their qualified names one after another in names,
	// ending at the offsets in open.
	names []byte
	open  []int
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, xmlBufSize)}
}

// depth is the number of open elements.
func (s *xmlScanner) depth() int { return len(s.open) }

func (s *xmlScanner) syntaxError(msg string) error {
	line := s.lines + bytes.Count(s.buf[:s.pos], []byte{'\n'}) + 1
	return &xml.SyntaxError{Msg: msg, Line: line}
}

// fill reads more bytes, keeping buf[pos:end]. It reports false at the end
// of the input or on a read error (in rerr).
func (s *xmlScanner) fill() bool {
	if s.eof || s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		s.lines += bytes.Count(s.buf[:s.pos], []byte{'\n'})
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= xmlMaxToken {
			s.rerr = fmt.Errorf("an XML tag or section longer than %s: %w", mib(xmlMaxToken), ErrLimit)
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.rerr = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
}

// errEnd is the error at the end of the input: the read error, a part
// that ends inside an element, or io.EOF.
func (s *xmlScanner) errEnd() error {
	if s.rerr != nil {
		return s.rerr
	}
	if len(s.open) > 0 {
		return io.ErrUnexpectedEOF
	}
	return io.EOF
}

// begin skips a UTF-8 byte-order mark and refuses other encodings, which
// SpreadsheetML parts never use.
func (s *xmlScanner) begin() error {
	s.began = true
	for s.end-s.pos < 256 && s.fill() {
	}
	b := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
		s.pos += 3
		b = b[3:]
	case bytes.HasPrefix(b, []byte("\xFE\xFF")), bytes.HasPrefix(b, []byte("\xFF\xFE")), len(b) > 1 && (b[0] == 0 || b[1] == 0):
		return s.syntaxError("the part is not UTF-8")
	}
	if bytes.HasPrefix(b, []byte("<?xml")) {
		if e := bytes.Index(b, []byte("?>")); e > 0 {
			if enc, ok := xmlAttr(b[5:e], "encoding"); ok && !strings.EqualFold(string(enc), "utf-8") && !strings.EqualFold(string(enc), "utf8") {
				return s.syntaxError("encoding " + strconv.Quote(string(enc)) + " is not supported")
			}
		}
	}
	return nil
}

// next reads the next token.
func (s *xmlScanner) next() (tokKind, error) {
	if !s.began {
		if err := s.begin(); err != nil {
			return 0, err
		}
	}
	if s.selfEnd {
		s.selfEnd = false
		s.pop()
		return tokEnd, nil
	}
	for {
		if s.pos >= s.end && !s.fill() {
			return 0, s.errEnd()
		}
		if s.buf[s.pos] != '<' {
			return s.readText()
		}
		k, err := s.readMarkup()
		if k != 0 || err != nil {
			return k, err
		}
	}
}

// readText returns the text up to the next '<', in pieces when it does not
// fit the buffer; a piece never ends inside an entity reference.
func (s *xmlScanner) readText() (tokKind, error) {
	for {
		if i := bytes.IndexByte(s.buf[s.pos:s.end], '<'); i >= 0 {
			s.text = s.buf[s.pos : s.pos+i]
			s.pos += i
			return tokText, nil
		}
		if s.pos > 0 || s.end < len(s.buf) {
			if s.fill() {
				continue
			}
			if s.rerr != nil {
				return 0, s.rerr
			}
		}
		// Text that fills the buffer, or the text at the end.
		cut := s.end
		if !s.eof {
			if a := bytes.LastIndexByte(s.buf[max(s.pos, s.end-40):s.end], '&'); a >= 0 {
				a += max(s.pos, s.end-40)
				if bytes.IndexByte(s.buf[a:s.end], ';') < 0 {
					cut = a
				}
			}
		}
		if !s.eof && cut > s.pos && s.buf[cut-1] == '\r' {
			cut-- // "\r\n" is one line end
		}
		if !s.eof && cut > s.pos {
			// Never split a character.
			j := cut - 1
			for j > s.pos && cut-j < utf8.UTFMax && !utf8.RuneStart(s.buf[j]) {
				j--
			}
			if !utf8.FullRune(s.buf[j:cut]) {
				cut = j
			}
		}
		if cut == s.pos {
			return 0, s.syntaxError("invalid character entity")
		}
		s.text = s.buf[s.pos:cut]
		s.pos = cut
		return tokText, nil
	}
}

// need makes sure that buf holds the markup at pos up to and including
// the end that find locates; it returns the end's offset from pos.
func (s *xmlScanner) need(find func(b []byte) int) (int, error) {
	for {
		if i := find(s.buf[s.pos:s.end]); i >= 0 {
			return i, nil
		}
		if !s.fill() {
			if s.rerr != nil {
				return 0, s.rerr
			}
			return 0, io.ErrUnexpectedEOF
		}
	}
}

// tagEnd finds the '>' that ends a tag, outside quoted attribute values.
func tagEnd(b []byte) int {
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '>':
			return i
		case '"', '\'':
			j := bytes.IndexByte(b[i+1:], b[i])
			if j < 0 {
				return -1
			}
			i += j + 1
		}
	}
	return -1
}

// directiveEnd finds the end of <!DOCTYPE ...>, with its internal subset.
func directiveEnd(b []byte) int {
	depth := 0
	for i := 2; i < len(b); i++ {
		switch b[i] {
		case '<':
			depth++
		case '>':
			if depth == 0 {
				return i
			}
			depth--
		case '"', '\'':
			j := bytes.IndexByte(b[i+1:], b[i])
			if j < 0 {
				return -1
			}
			i += j + 1
		}
	}
	return -1
}

func indexAfter(sep string, from int) func([]byte) int {
	return func(b []byte) int {
		if len(b) < from {
			return -1
		}
		if i := bytes.Index(b[from:], []byte(sep)); i >= 0 {
			return from + i + len(sep) - 1
		}
		return -1
	}
}

var (
	findPIEnd      = indexAfter("?>", 2)
	findCommentEnd = indexAfter("-->", 4)
	findCDATAEnd   = indexAfter("]]>", 9)
)

// readMarkup reads the markup at pos. It returns kind 0 for markup that
// is no token (comments, processing instructions, DOCTYPE).
func (s *xmlScanner) readMarkup() (tokKind, error) {
	if s.end-s.pos < 9 {
		for s.end-s.pos < 9 && s.fill() {
		}
		if s.rerr != nil {
			return 0, s.rerr
		}
	}
	b := s.buf[s.pos:s.end]
	if len(b) < 2 {
		return 0, io.ErrUnexpectedEOF
	}
	switch b[1] {
	case '?':
		e, err := s.need(findPIEnd)
		if err != nil {
			return 0, err
		}
		s.pos += e + 1
		return 0, nil
	case '!':
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			e, err := s.need(findCommentEnd)
			if err != nil {
				return 0, err
			}
			s.pos += e + 1
			return 0, nil
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			e, err := s.need(findCDATAEnd)
			if err != nil {
				return 0, err
			}
			s.text = s.buf[s.pos+9 : s.pos+e-2]
			s.pos += e + 1
			if len(s.open) == 0 {
				return 0, s.syntaxError("CDATA outside the root element")
			}
			return tokCDATA, nil
		case len(b) >= 9 || s.eof:
			e, err := s.need(directiveEnd)
			if err != nil {
				return 0, err
			}
			s.pos += e + 1
			return 0, nil
		}
		return 0, io.ErrUnexpectedEOF
	case '/':
		e, err := s.need(tagEnd)
		if err != nil {
			return 0, err
		}
		name := s.buf[s.pos+2 : s.pos+e]
		for len(name) > 0 && isXMLSpace(name[len(name)-1]) {
			name = name[:len(name)-1]
		}
		if len(s.open) == 0 {
			return 0, s.syntaxError("unexpected end element </" + string(name) + ">")
		}
		top := s.names[s.lastStart():]
		if !bytes.Equal(name, top) {
			return 0, s.syntaxError("element <" + string(top) + "> closed by </" + string(name) + ">")
		}
		s.name = top
		s.pos += e + 1
		s.pop()
		return tokEnd, nil
	}
	e, err := s.need(tagEnd)
	if err != nil {
		return 0, err
	}
	tag := s.buf[s.pos+1 : s.pos+e]
	s.pos += e + 1
	if n := len(tag); n > 0 && tag[n-1] == '/' {
		tag = tag[:n-1]
		s.selfEnd = true
	}
	n := 0
	for n < len(tag) && !isXMLSpace(tag[n]) {
		n++
	}
	if n == 0 || !isNameStart(tag[0]) {
		s.selfEnd = false
		return 0, s.syntaxError("invalid element name")
	}
	s.name, s.attrs = tag[:n], tag[n:]
	s.names = append(s.names, s.name...)
	s.open = append(s.open, len(s.names))
	return tokStart, nil
}

func (s *xmlScanner) lastStart() int {
	if len(s.open) < 2 {
		return 0
	}
	return s.open[len(s.open)-2]
}

func (s *xmlScanner) pop() {
	s.names = s.names[:s.lastStart()]
	s.open = s.open[:len(s.open)-1]
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
}

// local returns a qualified name without its prefix.
func local(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// skip reads to the end of the element just started.
func (s *xmlScanner) skip() error {
	d := s.depth()
	for s.depth() >= d {
		if _, err := s.next(); err != nil {
			return err
		}
	}
	return nil
}

// xmlAttr finds an attribute by local name in the raw attributes of a tag.
// The value is not entity-decoded.
func xmlAttr(attrs []byte, name string) ([]byte, bool) {
	for len(attrs) > 0 {
		var n, v []byte
		var ok bool
		n, v, attrs, ok = nextAttr(attrs)
		if !ok {
			return nil, false
		}
		if n != nil && string(local(n)) == name {
			return v, true
		}
	}
	return nil, false
}

// nextAttr splits off the first attribute of raw attributes; ok is false
// when they are malformed. A nil name means only white space was left.
func nextAttr(a []byte) (name, val, rest []byte, ok bool) {
	i := 0
	for i < len(a) && isXMLSpace(a[i]) {
		i++
	}
	if i == len(a) {
		return nil, nil, nil, true
	}
	j := i
	for j < len(a) && a[j] != '=' && !isXMLSpace(a[j]) {
		j++
	}
	name = a[i:j]
	for j < len(a) && isXMLSpace(a[j]) {
		j++
	}
	if len(name) == 0 || j >= len(a) || a[j] != '=' {
		return nil, nil, nil, false
	}
	j++
	for j < len(a) && isXMLSpace(a[j]) {
		j++
	}
	if j >= len(a) || (a[j] != '"' && a[j] != '\'') {
		return nil, nil, nil, false
	}
	q := bytes.IndexByte(a[j+1:], a[j])
	if q < 0 {
		return nil, nil, nil, false
	}
	return name, a[j+1 : j+1+q], a[j+2+q:], true
}

// appendText appends text with its entity and character references
// decoded, checking that it is valid XML character data.
func (s *xmlScanner) appendText(dst, text []byte) ([]byte, error) {
	ascii := true
	for _, c := range text {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return dst, s.syntaxError(fmt.Sprintf("illegal character code U+%04X", c))
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(text) {
		return dst, s.syntaxError("invalid UTF-8")
	}
	for {
		i := bytes.IndexByte(text, '&')
		if i < 0 {
			return appendLines(dst, text), nil
		}
		dst = appendLines(dst, text[:i])
		text = text[i:]
		e := bytes.IndexByte(text, ';')
		if e < 0 || e > 32 {
			return dst, s.syntaxError("invalid character entity " + string(text[:min(len(text), 12)]) + " (no semicolon)")
		}
		ref := text[1:e]
		switch string(ref) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(ref)
			if !ok {
				return dst, s.syntaxError("invalid character entity &" + string(ref) + ";")
			}
			dst = utf8.AppendRune(dst, r)
		}
		text = text[e+1:]
	}
}

// appendLines appends text with its line ends normalised as XML demands:
// "\r\n" and a lone "\r" become "\n". (A carriage return written as
// &#13; or _x000D_ stays one.)
func appendLines(dst, text []byte) []byte {
	for {
		i := bytes.IndexByte(text, '\r')
		if i < 0 {
			return append(dst, text...)
		}
		dst = append(append(dst, text[:i]...), '\n')
		text = text[i+1:]
		if len(text) > 0 && text[0] == '\n' {
			text = text[1:]
		}
	}
}

// charRef decodes "#NN" or "#xHH" to a character allowed in XML.
func charRef(ref []byte) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ref[1] == 'x' {
		n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
	}
	r := rune(n)
	if err != nil || !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
		return 0, false
	}
	return r, true
}

// attrValue returns an attribute value with its references decoded.
func (s *xmlScanner) attrValue(v []byte, scratch []byte) ([]byte, error) {
	if bytes.IndexByte(v, '&') < 0 {
		return v, nil
	}
	return s.appendText(scratch[:0], v)
}

// appendRichText reads the inside of a shared string <si> or an inline
// string <is>, just started, and appends its text: the <t> element, or the
// <t> of each rich-text run <r>, never the phonetic runs <rPh>. Past limit
// bytes the text is read but not kept.
func (s *xmlScanner) appendRichText(dst []byte, limit int) ([]byte, error) {
	base := s.depth()
	var tDepth, rDepth int // depth of the open <t> we keep and of its <r>
	for {
		k, err := s.next()
		if err != nil {
			return dst, err
		}
		d := s.depth()
		switch k {
		case tokStart:
			if tDepth != 0 {
				continue
			}
			switch ln := local(s.name); {
			case string(ln) == "t" && (d == base+1 || d == base+2 && rDepth == base+1):
				tDepth = d
			case string(ln) == "r" && d == base+1:
				rDepth = d
			}
		case tokEnd:
			if d < base {
				return dst, nil
			}
			if d < tDepth {
				tDepth = 0
			}
			if d < rDepth {
				rDepth = 0
			}
		case tokText:
			if tDepth != 0 && d == tDepth && len(dst) <= limit {
				if dst, err = s.appendText(dst, s.text); err != nil {
					return dst, err
				}
			}
		case tokCDATA:
			if tDepth != 0 && d == tDepth && len(dst) <= limit {
				dst = appendLines(dst, s.text)
			}
		}
	}
}

// appendElemText reads the element just started and appends its own text.
func (s *xmlScanner) appendElemText(dst []byte, limit int) ([]byte, error) {
	base := s.depth()
	for {
		k, err := s.next()
		if err != nil {
			return dst, err
		}
		d := s.depth()
		switch {
		case d < base:
			return dst, nil
		case d > base || len(dst) > limit:
		case k == tokText:
			if dst, err = s.appendText(dst, s.text); err != nil {
				return dst, err
			}
		case k == tokCDATA:
			dst = appendLines(dst, s.text)
		}
	}
}

// appendUnescaped appends s with Excel's escapes of characters that XML
// cannot hold decoded: _x000D_ is a carriage return, _x005F_ an
// underscore. It decodes exactly what excelize does: a valid escape whose
// code is no character (a surrogate) disappears.
func appendUnescaped(dst, s []byte) []byte {
	for {
		i := bytes.Index(s, []byte("_x"))
		if i < 0 {
			return append(dst, s...)
		}
		if i+7 > len(s) {
			return append(dst, s...)
		}
		esc := s[i : i+7]
		if esc[6] != '_' || !isHex(esc[2]) || !isHex(esc[3]) || !isHex(esc[4]) || !isHex(esc[5]) {
			dst = append(dst, s[:i+1]...)
			s = s[i+1:]
			continue
		}
		dst = append(dst, s[:i]...)
		n, _ := strconv.ParseUint(string(esc[2:6]), 16, 32)
		switch r := rune(n); {
		case r == 0x5F:
			dst = append(dst, '_')
		case utf8.ValidRune(r):
			dst = utf8.AppendRune(dst, r)
		}
		s = s[i+7:]
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// ---- shared strings ----

// sharedStrings is the shared-string table: all strings one after another
// in text, string i ending at ends[i]. One string and one offset per entry
// is the memory the format forces on a reader, since any cell may refer
// to any entry.
type sharedStrings struct {
	text string
	ends []uint32
}

func (t *sharedStrings) len() int { return len(t.ends) }

func (t *sharedStrings) get(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.text[start:t.ends[i]]
}

// readSharedStrings reads a shared-string part: each <si> child of the
// root is one entry. Strings longer than limit bytes are cut there (the
// cell that uses one is rejected as too long anyway).
func readSharedStrings(r io.Reader, sizeHint int64, limit int) (*sharedStrings, error) {
	s := newXMLScanner(r)
	var b strings.Builder
	b.Grow(int(min(sizeHint/2, 1<<30)))
	var ends []uint32
	var raw, val []byte
	for {
		k, err := s.next()
		if err == io.EOF {
			return &sharedStrings{text: b.String(), ends: ends}, nil
		}
		if err != nil {
			return nil, err
		}
		if k != tokStart || s.depth() != 2 || string(local(s.name)) != "si" {
			continue
		}
		if raw, err = s.appendRichText(raw[:0], limit); err != nil {
			return nil, err
		}
		val = appendUnescaped(val[:0], raw)
		if int64(b.Len())+int64(len(val)) > 1<<32-1 {
			return nil, fmt.Errorf("more than 4 GiB of text: %w", ErrLimit)
		}
		b.Write(val)
		ends = append(ends, uint32(b.Len()))
	}
}

// ---- the worksheet ----

// cellType is a cell's t attribute.
type cellType uint8

const (
	cellNumber   cellType = iota // "n", absent or unknown
	cellShared                   // "s"
	cellInline                   // "inlineStr"
	cellFormulaS                 // "str"
	cellBool                     // "b"
	cellError                    // "e"
	cellDateISO                  // "d"
)

func parseCellType(t []byte) cellType {
	switch string(t) {
	case "s":
		return cellShared
	case "inlineStr":
		return cellInline
	case "str":
		return cellFormulaS
	case "b":
		return cellBool
	case "e":
		return cellError
	case "d":
		return cellDateISO
	}
	return cellNumber
}

// sheetCell is one cell as read: its value is the shared string, the
// inline string or the text of <v>, before conversion.
type sheetCell struct {
	col   int // 1-based
	style int
	typ   cellType
	val   string
	hasF  bool
}

// maxSheetRows is the last row a worksheet can have.
const maxSheetRows = 1 << 20

// sheetScanner reads the rows of a worksheet part in one pass.
type sheetScanner struct {
	sc    *xmlScanner
	sst   *sharedStrings
	limit int // text kept of one cell
	state int // 0 before sheetData, 1 in it, 2 after it
	base  int // depth of sheetData
	last  int // number of the last row read
	// hidden: the last row read is hidden (hidden="1": hidden by hand
	// or by a filter).
	hidden bool
	cells  []sheetCell
	buf    []byte
	buf2   []byte
	buf3   []byte
	attr   []byte
}

// endedEarly tells the end of the part, or XML cut off, from other errors.
func endedEarly(err error) bool {
	var se *xml.SyntaxError
	return err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &se) && se.Msg == "unexpected EOF")
}

func isZipError(err error) bool {
	return errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum)
}

// scanError describes an error after row last (in the row when inRow).
func scanError(err error, last int, inRow bool) error {
	switch {
	case isZipError(err):
		// archive/zip stops a part that inflates to more than it declares.
		return fmt.Errorf("the sheet part is damaged or inflates to more than the zip directory declares: %w", err)
	case errors.Is(err, ErrLimit):
		return fmt.Errorf("sheet XML in row %d: %w", last, err)
	case endedEarly(err) && inRow:
		return fmt.Errorf("sheet XML ends inside row %d (a truncated file?)", last)
	case endedEarly(err) && last == 0:
		return errors.New("sheet XML ends before its rows (a truncated file?)")
	case endedEarly(err):
		return fmt.Errorf("sheet XML ends after row %d, before the end of the rows (a truncated file?)", last)
	case inRow:
		return fmt.Errorf("sheet XML in row %d: %w", last, err)
	}
	return fmt.Errorf("sheet XML after row %d: %w", last, err)
}

// nextRow returns the next row element's number and cells, or io.EOF
// after the last row once the rest of the part has been checked. The
// cells are valid until the next call.
func (s *sheetScanner) nextRow() (int, []sheetCell, error) {
	for s.state == 0 {
		k, err := s.sc.next()
		if err != nil {
			return 0, nil, scanError(err, 0, false)
		}
		if k == tokStart && string(local(s.sc.name)) == "sheetData" {
			s.state, s.base = 1, s.sc.depth()
		}
	}
	for s.state == 1 {
		k, err := s.sc.next()
		if err != nil {
			return 0, nil, scanError(err, s.last, false)
		}
		switch {
		case k == tokEnd && s.sc.depth() < s.base:
			s.state = 2
		case k == tokStart && s.sc.depth() == s.base+1 && string(local(s.sc.name)) == "row":
			return s.readRow()
		}
	}
	for {
		_, err := s.sc.next()
		if err == io.EOF {
			return 0, nil, io.EOF
		}
		if err != nil {
			if isZipError(err) {
				return 0, nil, scanError(err, s.last, false)
			}
			return 0, nil, fmt.Errorf("sheet XML after its rows: %w", err)
		}
	}
}

func (s *sheetScanner) readRow() (int, []sheetCell, error) {
	n := s.last + 1
	if v, ok := xmlAttr(s.sc.attrs, "r"); ok {
		i, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || i <= 0 {
			return 0, nil, fmt.Errorf("sheet XML: the row after row %d has no valid number", s.last)
		}
		n = i
	}
	if n <= s.last || n > maxSheetRows {
		return 0, nil, fmt.Errorf("sheet XML: row %d comes after row %d", n, s.last)
	}
	s.last = n
	v, ok := xmlAttr(s.sc.attrs, "hidden")
	s.hidden = ok && (string(v) == "1" || string(v) == "true")
	s.cells = s.cells[:0]
	rowDepth := s.sc.depth()
	col := 0
	for {
		k, err := s.sc.next()
		if err != nil {
			return 0, nil, scanError(err, n, true)
		}
		if k == tokEnd && s.sc.depth() < rowDepth {
			return n, s.cells, nil
		}
		if k != tokStart || s.sc.depth() != rowDepth+1 || string(local(s.sc.name)) != "c" {
			continue
		}
		c, err := s.readCell(col + 1)
		if err != nil {
			return 0, nil, scanError(err, n, true)
		}
		col = c.col
		s.cells = append(s.cells, c)
	}
}

// readCell reads a <c> element just started; col is its column when it
// has no reference.
func (s *sheetScanner) readCell(col int) (sheetCell, error) {
	c := sheetCell{col: col}
	attrs := s.sc.attrs
	for len(attrs) > 0 {
		name, v, rest, ok := nextAttr(attrs)
		if !ok {
			return c, s.sc.syntaxError("malformed attribute in a cell")
		}
		if name == nil {
			break
		}
		attrs = rest
		var err error
		if v, err = s.sc.attrValue(v, s.attr); err != nil {
			return c, err
		}
		switch string(local(name)) {
		case "r":
			cc, ok := cellColumn(v)
			if !ok {
				return c, fmt.Errorf("invalid cell reference %q", v)
			}
			c.col = cc
		case "s":
			c.style, _ = strconv.Atoi(string(v))
		case "t":
			c.typ = parseCellType(v)
		}
	}
	cDepth := s.sc.depth()
	var v []byte
	var isInline, hasV bool
	for {
		k, err := s.sc.next()
		if err != nil {
			return c, err
		}
		d := s.sc.depth()
		if k == tokEnd && d < cDepth {
			break
		}
		if k != tokStart || d != cDepth+1 {
			continue
		}
		switch string(local(s.sc.name)) {
		case "v":
			if s.buf, err = s.sc.appendElemText(s.buf[:0], s.limit); err != nil {
				return c, err
			}
			hasV = true
		case "is":
			if s.buf2, err = s.sc.appendRichText(s.buf2[:0], s.limit); err != nil {
				return c, err
			}
			isInline = true
		case "f":
			c.hasF = true
			err = s.sc.skip()
		default:
			err = s.sc.skip()
		}
		if err != nil {
			return c, err
		}
	}
	if hasV {
		v = s.buf
	}
	switch {
	case c.typ == cellInline && isInline && bytes.Contains(s.buf2, []byte("_x")):
		s.buf3 = appendUnescaped(s.buf3[:0], s.buf2)
		c.val = string(s.buf3)
	case c.typ == cellInline && isInline:
		c.val = string(s.buf2)
	case c.typ == cellShared && len(bytes.TrimSpace(v)) > 0:
		i, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || i < 0 || i >= s.sst.len() {
			return c, &missingStringError{col: c.col}
		}
		c.val = s.sst.get(i)
	case len(v) > 0:
		c.val = string(v)
	}
	return c, nil
}

// missingStringError: a cell refers to a shared string that the table does
// not have.
type missingStringError struct{ col int }

func (e *missingStringError) Error() string {
	return fmt.Sprintf("column %s: the cell refers to a shared string that the file does not have (damaged file)", columnLetters(e.col-1))
}

// cellColumn returns the 1-based column of a cell reference such as "AB12"
// and checks that a row number follows.
func cellColumn(ref []byte) (int, bool) {
	ref = bytes.TrimLeft(ref, "$")
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > maxSheetColumns {
			return 0, false
		}
	}
	if i == 0 {
		return 0, false
	}
	rest := ref[i:]
	if len(rest) > 0 && rest[0] == '$' {
		rest = rest[1:]
	}
	row, err := strconv.Atoi(string(rest))
	return col, err == nil && row >= 1 && row <= maxSheetRows && rest[0] != '+'
}

// maxSheetColumns is the last column a worksheet can have (XFD).
const maxSheetColumns = 16384
