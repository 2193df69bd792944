package importer

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"

	"github.com/leadpipe/leadpipe/crm"
)

// quoteMode is how quotes that break RFC 4180 are read.
type quoteMode int

const (
	// quotesRepair, the mode leadpipe uses: encoding/csv parses strictly,
	// and a record it rejects is parsed again with LazyQuotes, but only the
	// lines the strict parse consumed for it, so a bad quote can never run
	// on into the next records.
	//
	//   - A bare quote in an unquoted field (`12" Monitor`, `Firma "Nord"
	//     GmbH` without surrounding quotes) reads as the text a person sees.
	//   - A stray quote inside a quoted field (`"Firma "Nord" GmbH"`) is
	//     kept when the lenient parse gives the record the header's width;
	//     otherwise the row is a crm.ErrQuote reject (backslash-escaped
	//     quotes, `"Nord" GmbH,...`).
	//
	// TestReaderCorpusQuoteModes compares the modes on the 103 CSV files of
	// the corpus. LazyQuotes alone silently glued 22 physical rows into
	// other records' fields (univocity's csv_essential*.csv and its
	// backslash-escaped examples_european.csv: 2 of 5 rows vanish, with no
	// reject to show for it). Strict alone rejects bare quotes that Excel
	// reads fine and fails a whole file whose header has one
	// (phpspreadsheet/escape.csv). Repair reads 22 records more than lazy
	// and flags 18 as quoting rejects.
	quotesRepair quoteMode = iota
	quotesLazy             // encoding/csv with LazyQuotes
	quotesStrict           // encoding/csv without LazyQuotes; every quoting error is a reject
)

// Limits applied when Options leaves them zero.
const (
	defaultMaxUnzipSize   = 4 << 30 // a 1M-row sheet inflates to ~700 MB; it is streamed, never held
	defaultMaxXMLPartSize = 16 << 20
	defaultMaxFieldBytes  = 1 << 20
	defaultMaxColumns     = 4096
	// minMaxRecordBytes bounds the memory one CSV record may take. Beyond it
	// the file is given up: encoding/csv would otherwise read the whole rest
	// of a file with an unterminated quote into one field.
	minMaxRecordBytes = 16 << 20
)

func (o Options) withDefaults() Options {
	if o.MaxUnzipSize <= 0 {
		o.MaxUnzipSize = defaultMaxUnzipSize
	}
	if o.MaxXMLPartSize <= 0 {
		o.MaxXMLPartSize = defaultMaxXMLPartSize
	}
	o.MaxXMLPartSize = min(o.MaxXMLPartSize, o.MaxUnzipSize)
	if o.MaxFieldBytes <= 0 {
		o.MaxFieldBytes = defaultMaxFieldBytes
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = defaultMaxColumns
	}
	return o
}

// errRecordTooLong ends reading when one record passes the record limit.
var errRecordTooLong = errors.New("record too long")

// csvReader streams the records of a CSV file. The bytes flow
//
//	file → countingReader (progress) → bufio (64 KiB, for sniffing)
//	     → textReader (decode to UTF-8, lone CR to LF, record limit, UTF-8 check)
//	     → encoding/csv
//
// and each record is numbered with the spreadsheet row it starts on.
type csvReader struct {
	name    string
	closer  io.Closer
	count   *countingReader
	size    int64
	text    *textReader
	cr      *csv.Reader
	det     Detection
	generic bool // decoded by x/text: a U+FFFD in a field is an undecodable byte
	quotes  quoteMode

	header            []string
	maxField, maxCols int
	pending           []rawRecord // rows read while looking for the header
	split             []rawRecord // records read after a stray quote (splitStray), returned next
	width             int         // the widest row that is no structural error: the header's cells, titled or not

	extra   int   // line breaks inside fields of the records read so far
	lastEnd int   // line (in encoding/csv's count) on which the last record ended
	prevOff int64 // encoding/csv's InputOffset after the last record
	err     error
}

// rawRecord is a record as read, before it is fitted to the header.
type rawRecord struct {
	row    int
	fields []string
	err    error // structural error found while reading
	col    int   // column the error is about, or -1
	// repaired: a quote error repaired by a lenient parse, to be accepted
	// only if the record has the header's width.
	repaired bool
	// check: the record's bytes may not be valid UTF-8; look at each field.
	check bool
	// hidden: a spreadsheet row hidden by hand or by a filter.
	hidden bool
}

// OpenCSV reads CSV (or tab-separated text) from r. name is used in
// records and errors; size is the total byte count for Progress, 0 if
// unknown. The caller keeps ownership of r: Close does not close it.
func OpenCSV(name string, r io.Reader, size int64, opts Options) (Reader, error) {
	return newCSVReader(name, r, size, nil, opts, quotesRepair)
}

func newCSVReader(name string, src io.Reader, size int64, closer io.Closer, opts Options, quotes quoteMode) (*csvReader, error) {
	opts = opts.withDefaults()
	count := &countingReader{r: src}
	br := bufio.NewReaderSize(count, sniffSize)
	sample, err := br.Peek(sniffSize)
	atEOF := false
	if err != nil {
		if err != io.EOF {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		atEOF = true
	}
	switch sniffMagic(sample) {
	case magicZip:
		return nil, fmt.Errorf("%s is an XLSX (zip) file, not CSV", name)
	case magicOLE:
		return nil, fmt.Errorf("%s is a legacy .xls or encrypted Office file, not CSV: save it as .xlsx or CSV", name)
	}
	res, err := sniff(sample, atEOF, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := br.Discard(res.bom); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	r := &csvReader{
		name:     name,
		closer:   closer,
		count:    count,
		size:     size,
		maxField: opts.MaxFieldBytes,
		maxCols:  opts.MaxColumns,
		generic:  res.enc.kind == encGeneric,
		det: Detection{
			Format:    "csv",
			Encoding:  res.enc.name,
			Delimiter: string(res.delim),
			Notes:     res.notes,
		},
	}
	maxRecord := max(int64(minMaxRecordBytes), 2*int64(opts.MaxFieldBytes))
	r.text = newTextReader(br, res.enc, maxRecord)
	r.text.raw = count
	r.text.decided = func(enc textEncoding, note string) {
		r.det.Encoding = enc.name
		// The first non-ASCII byte is at the front of br.
		r.det.Notes = append(r.det.Notes, note+fmt.Sprintf(", decided at the first non-ASCII byte (offset %d)", r.count.n.Load()-int64(br.Buffered())))
		r.generic = enc.kind == encGeneric
	}
	if res.sepLine {
		// Excel does not show the sep= line, so it is not a row: the line
		// after it is row 1, as in Excel.
		if err := r.text.skipLine(); err != nil && err != io.EOF {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		r.text.resetOffsets()
	}
	r.cr = csv.NewReader(r.text)
	r.cr.Comma = res.delim
	r.cr.FieldsPerRecord = -1
	r.cr.LazyQuotes = quotes == quotesLazy
	// `"Anna", "Schmidt"`: some exporters write a space after the
	// delimiter, which made the quote a bare one and kept it in the value.
	// Where the sample shows it, leading spaces are skipped (values are
	// trimmed anyway); never with a tab delimiter, as encoding/csv would
	// take a tab after a tab for one.
	if d := res.delim; d != '\t' && d < utf8.RuneSelf && bytes.Count(sample, []byte{byte(d), ' ', '"'}) >= 2 {
		r.cr.TrimLeadingSpace = true
		r.det.Notes = append(r.det.Notes, fmt.Sprintf("quoted fields after %q and a space: leading spaces skipped", d))
	}
	// Without ReuseRecord each record comes in a slice of its own, which
	// becomes Record.Fields as it is: one allocation per record, as with
	// ReuseRecord and a copy, but without the copy.
	r.quotes = quotes
	r.text.keep = quotes == quotesRepair

	var top []rawRecord
	for len(top) < headerScanRows {
		raw, err := r.readRaw()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top = append(top, raw)
	}
	if len(top) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrNoHeader)
	}
	h := r.useHeader(top)
	if top[h].err != nil {
		return nil, fmt.Errorf("%s row %d: header: %w", name, top[h].row, top[h].err)
	}
	return r, nil
}

// useHeader picks the header among the first rows, keeps the rows after it
// and returns its index.
func (r *csvReader) useHeader(top []rawRecord) int {
	rows := make([][]string, len(top))
	for i, t := range top {
		rows[i] = t.fields
	}
	h, why, mapLine := chooseHeader(rows)
	if why != "" && top[h].err == nil {
		r.header = headerless(&r.det, fmt.Sprintf("row %d", top[h].row), why, mapLine, rows)
		r.width = len(r.header)
		r.pending = top
		return h
	}
	r.header = makeHeader(top[h].fields)
	// The header's empty trailing cells are columns too ("Name,E-Mail,"):
	// a row may fill them.
	r.width = max(len(r.header), len(top[h].fields))
	r.det.HeaderRow = top[h].row
	if h > 0 {
		r.det.Notes = append(r.det.Notes, fmt.Sprintf("header in row %d below %d title rows", top[h].row, h))
	}
	r.pending = top[h+1:]
	return h
}

func (r *csvReader) Header() []string { return r.header }

func (r *csvReader) Detection() Detection {
	d := r.det
	d.Notes = append([]string(nil), r.det.Notes...)
	return d
}

func (r *csvReader) Progress() (done, total int64) { return r.count.n.Load(), r.size }

func (r *csvReader) Close() error {
	if r.closer != nil {
		err := r.closer.Close()
		r.closer = nil
		return err
	}
	return nil
}

func (r *csvReader) Next() (Record, error) {
	if len(r.pending) > 0 {
		raw := r.pending[0]
		r.pending = r.pending[1:]
		return r.record(raw), nil
	}
	raw, err := r.readRaw()
	if err != nil {
		return Record{}, err
	}
	return r.record(raw), nil
}

// record fits a raw record to the header and checks its encoding.
func (r *csvReader) record(raw rawRecord) Record {
	var field string
	if raw.err != nil && raw.col >= 0 {
		field = columnName(r.header, raw.col, false)
	}
	if raw.err == nil && raw.repaired {
		if n := len(trimTrailingEmpty(raw.fields)); n > r.width || len(raw.fields) < len(r.header) {
			raw.err = crm.ErrQuote
		}
	}
	if raw.check || r.generic {
		for i, f := range raw.fields {
			if utf8.ValidString(f) && !(r.generic && strings.ContainsRune(f, utf8.RuneError)) {
				continue
			}
			if raw.err == nil {
				raw.err, field = crm.ErrEncoding, columnName(r.header, i, false)
			}
			raw.fields[i] = strings.ToValidUTF8(f, "\uFFFD")
		}
	}
	return shapeRecord(r.name, raw.row, raw.fields, len(r.header), r.width, raw.err, field)
}

// readRaw reads the next non-empty record.
func (r *csvReader) readRaw() (rawRecord, error) {
	if len(r.split) > 0 {
		raw := r.split[0]
		r.split = r.split[1:]
		return raw, nil
	}
	if r.err != nil {
		return rawRecord{}, r.err
	}
	for {
		rec, err := r.cr.Read()
		r.text.resetRecord()
		if err != nil {
			raw, skip, err := r.readError(rec, err)
			if skip {
				continue
			}
			return raw, err
		}
		start, end := recordLines(r.cr, rec)
		row := start - r.extra
		r.extra += end - start
		r.lastEnd = end
		off, from := r.cr.InputOffset(), r.prevOff
		check := r.text.suspect(from, off)
		r.prevOff = off
		if r.text.keep {
			r.text.release(off)
		}
		if isEmptyRow(rec) {
			continue
		}
		raw := rawRecord{row: row, fields: rec, col: -1, check: check}
		// Only a record longer than a field may hold too long a field.
		if len(rec) > r.maxCols || off-from > int64(r.maxField) {
			raw = r.limit(raw)
		}
		return raw, nil
	}
}

// readError handles an error from encoding/csv: the end of the file, a
// record over the size limit, a quoting error in one record (not with
// LazyQuotes), or an I/O error. skip says that the record was empty.
func (r *csvReader) readError(rec []string, err error) (raw rawRecord, skip bool, _ error) {
	var pe *csv.ParseError
	switch {
	case err == io.EOF:
		r.err = io.EOF
	case errors.Is(err, errRecordTooLong):
		r.err = fmt.Errorf("%s row %d: a record is longer than %d MiB, probably because of a quote that is never closed: %w",
			r.name, r.lastEnd+1-r.extra, r.text.limit>>20, ErrLimit)
	case errors.As(err, &pe):
		// encoding/csv has consumed the record up to the end of the line
		// with the error and resumes on the next line.
		row := pe.StartLine - r.extra
		r.lastEnd = pe.Line
		off := r.cr.InputOffset()
		if pe.Line > pe.StartLine && errors.Is(pe.Err, csv.ErrQuote) {
			if recs, ok := r.splitStray(r.text.kept(r.prevOff, off), row); ok {
				r.extra += recs[len(recs)-1].extra
				// The quote opens the last field of the line.
				raw = rawRecord{row: row, fields: recs[0].fields, err: crm.ErrQuote, col: len(recs[0].fields) - 1, check: r.text.suspect(r.prevOff, off)}
				for _, rec := range recs[1:] {
					if !isEmptyRow(rec.fields) {
						r.split = append(r.split, r.limit(rawRecord{row: rec.row, fields: rec.fields, col: -1, check: raw.check}))
					}
				}
				r.prevOff = off
				r.text.release(off)
				return r.limit(raw), false, nil
			}
		}
		r.extra += pe.Line - pe.StartLine
		if r.unclosedQuote(pe, off) {
			// A lenient parse would read every line after it into one
			// field: the rows after the quote would vanish into a note.
			r.err = fmt.Errorf("%s row %d: a quote opened in this row is never closed, so the %d lines after it would be read as one field; close or remove the quote and import again: %w",
				r.name, row, pe.Line-pe.StartLine, ErrUnclosedQuote)
			return rawRecord{}, false, r.err
		}
		raw = rawRecord{row: row, fields: rec, err: crm.ErrQuote, col: -1, check: r.text.suspect(r.prevOff, off)}
		if r.quotes == quotesRepair {
			if fields, ok := r.reparse(r.text.kept(r.prevOff, off)); ok {
				raw.fields = fields
				// With leading spaces skipped, `, "Zitat" und mehr` reads
				// leniently as `Zitat" und mehr`: a quote lost without a
				// word. Such a record stays a quoting reject.
				if !r.cr.TrimLeadingSpace || !slices.ContainsFunc(fields, func(f string) bool { return strings.ContainsRune(f, '"') }) {
					raw.err = nil
					raw.repaired = !errors.Is(pe.Err, csv.ErrBareQuote)
				} else if asWritten, ok := r.reparseTrim(r.text.kept(r.prevOff, off), false); ok {
					raw.fields = asWritten // the rejects file shows the quotes
				}
			}
		}
		r.prevOff = off
		r.text.release(off)
		if isEmptyRow(raw.fields) && raw.err == nil {
			return raw, true, nil
		}
		return r.limit(raw), false, nil
	default:
		r.err = fmt.Errorf("read %s: %w", r.name, err)
	}
	return rawRecord{}, false, r.err
}

// recordLines returns the lines on which the record rec, just read by cr,
// starts and ends.
func recordLines(cr *csv.Reader, rec []string) (start, end int) {
	start, _ = cr.FieldPos(0)
	last, _ := cr.FieldPos(len(rec) - 1)
	return start, last + strings.Count(rec[len(rec)-1], "\n")
}

// splitRec is a record found by splitStray.
type splitRec struct {
	row    int
	fields []string
	extra  int // line breaks inside fields up to and including this record
}

// splitStray handles a quote that opens a field on one line and never
// closes on it, so that encoding/csv reads on into the next lines until a
// later quote seems to close it ("Alt GmbH,anna@alt.de,... opened, closed
// by the quote before "Cup, Inc" two lines down). Read leniently, the
// lines after it would become part of one field of this record: rows would
// vanish into a company name and two people's values mix in one lead.
//
// b holds the record's text; its first line is record row. When the
// lines after the first parse as rows (strictly, or leniently with the
// header's cells each; see below) no wider than the header, the quote was
// stray: the first line is returned alone (the caller rejects it as a
// quoting error; its cells are read leniently for the rejects file) and
// each later record with its own row number. A field that legitimately
// spans lines and holds a stray quote does not parse that way (its
// closing quote stands inside a field) and is left to the lenient parse.
func (r *csvReader) splitStray(b []byte, row int) ([]splitRec, bool) {
	nl := bytes.IndexByte(b, '\n')
	if b == nil || nl < 0 || nl == len(b)-1 {
		return nil, false
	}
	first, _ := r.reparse(b[:nl]) // the quoted field ends with the line
	if len(first) == 0 {
		first = []string{string(b[:nl])}
	}
	// The lines after it parse as rows strictly, or, where a row has a
	// bare quote of its own (`27" Monitor`), leniently, each with the
	// header's cells and none over a line (not before the header is
	// known, in Open's look-ahead).
	for _, lazy := range []bool{false, true} {
		if recs, ok := r.splitRest(b[nl+1:], row, lazy); ok {
			return append([]splitRec{{row: row, fields: first}}, recs...), true
		}
	}
	return nil, false
}

// splitRest parses the lines after a stray quote's line for splitStray.
func (r *csvReader) splitRest(b []byte, row int, lazy bool) ([]splitRec, bool) {
	var recs []splitRec
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = r.cr.Comma
	cr.TrimLeadingSpace = r.cr.TrimLeadingSpace
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = lazy
	extra := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
		if r.width > 0 && len(trimTrailingEmpty(rec)) > r.width {
			return nil, false
		}
		// Read leniently, a record must look like a row: as many cells as
		// the header, none over a line (not the rest of a note, which
		// may hold commas: `zweiter Anruf, kein Interesse, sagt "ok"`).
		if lazy && (r.width == 0 || len(rec) != r.width ||
			slices.ContainsFunc(rec, func(f string) bool { return strings.ContainsRune(f, '\n') })) {
			return nil, false
		}
		line, end := recordLines(cr, rec)
		// Rows count records, not lines.
		recs = append(recs, splitRec{row: row + line - extra, fields: rec})
		extra += end - line
		recs[len(recs)-1].extra = extra
	}
	return recs, len(recs) > 0
}

// unclosedQuote reports whether a quoting error is a quote that is never
// closed: the strict parse ran into the end of the file inside a quoted
// field that spans lines, and the record's text holds an odd number of
// quotes (a closed field and its doubled quotes hold an even number).
func (r *csvReader) unclosedQuote(pe *csv.ParseError, off int64) bool {
	if !errors.Is(pe.Err, csv.ErrQuote) || pe.Line == pe.StartLine || r.text.err != io.EOF || off != r.text.out {
		return false
	}
	b := r.text.kept(r.prevOff, off)
	return b != nil && bytes.Count(b, []byte{'"'})%2 == 1
}

// limit applies MaxColumns and MaxFieldBytes.
func (r *csvReader) limit(raw rawRecord) rawRecord {
	if len(raw.fields) > r.maxCols {
		raw.fields = raw.fields[:r.maxCols]
		raw.err = fmt.Errorf("%w: more than %d columns", crm.ErrRowTooLong, r.maxCols)
		raw.col = -1
	}
	for i, f := range raw.fields {
		if len(f) > r.maxField {
			raw.fields[i] = truncateUTF8(f, r.maxField)
			if raw.err == nil || errors.Is(raw.err, crm.ErrQuote) {
				raw.err = fmt.Errorf("%w: "+tooLongField+"%d bytes", crm.ErrRowTooLong, r.maxField)
				raw.col = i
			}
		}
	}
	return raw
}

// reparse reads the bytes of one record again with LazyQuotes. The bytes
// end where the strict parse stopped, so the lenient parse cannot take in
// the records after it.
func (r *csvReader) reparse(b []byte) ([]string, bool) {
	return r.reparseTrim(b, r.cr.TrimLeadingSpace)
}

// reparseTrim is reparse with encoding/csv's TrimLeadingSpace set to trim.
func (r *csvReader) reparseTrim(b []byte, trim bool) ([]string, bool) {
	lr := csv.NewReader(bytes.NewReader(b))
	lr.Comma = r.cr.Comma
	lr.FieldsPerRecord = -1
	lr.LazyQuotes = true
	lr.TrimLeadingSpace = trim
	rec, err := lr.Read()
	if err != nil {
		return nil, false
	}
	return rec, true
}

// validUTF8 is utf8.Valid for text that is mostly ASCII: utf8.Valid stops
// checking 8 bytes at a time at the first non-ASCII byte, which made it a
// sixth of the reading time on German and Polish lead lists.
func validUTF8(p []byte) bool {
	n := len(p)
	for i := 0; i < n; {
		if i+8 <= n {
			w := binary.LittleEndian.Uint64(p[i:]) & 0x8080808080808080
			if w == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(w) >> 3 // to the first non-ASCII byte
		}
		switch c := p[i]; {
		case c < utf8.RuneSelf:
			i++
		case 0xC2 <= c && c <= 0xDF: // two bytes: Latin letters with accents
			if i+1 == n || p[i+1]&0xC0 != 0x80 {
				return false
			}
			i += 2
		default:
			r, size := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			i += size
		}
	}
	return true
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// countingReader counts the bytes read through it, for Progress, which a
// progress bar may call from another goroutine.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// textReader turns the bytes of a CSV file into UTF-8 with LF line ends for
// encoding/csv:
//
//   - It decodes 8-bit code pages through a byte table and UTF-16 with its
//     own decoder. Bytes that have no character become the byte 0xFF,
//     which is never valid UTF-8, so that the row check rejects exactly the
//     rows that hold them instead of silently replacing them with U+FFFD.
//   - While only ASCII has been seen the encoding is undecided; the first
//     non-ASCII byte and the 64 KiB after it decide between UTF-8 and the
//     code pages. A German file whose first umlaut comes after row 5000 is
//     still read right.
//   - It turns lone CR (classic Mac) into LF: encoding/csv does not split
//     on lone CR. encoding/csv turns CRLF into LF itself, even inside quoted
//     fields, so every line break inside a field comes out as "\n".
//   - It fails with errRecordTooLong when more than limit bytes pass without
//     resetRecord, which the CSV reader calls after every record.
type textReader struct {
	src     *bufio.Reader
	raw     io.Reader // what src reads from, or nil
	kind    encKind
	table   *[256]tableEntry
	gen     io.Reader
	lastCR  bool
	n       int64
	limit   int64
	decided func(textEncoding, string)
	small   []byte // decoded bytes left over from a read shorter than 4 bytes
	scratch [64]byte
	err     error

	// With keep, the bytes handed out since offset keptAt are kept for
	// reparsing a record that failed to parse.
	keep   bool
	keptAt int64
	buf    []byte

	// out counts the bytes handed out, the offsets encoding/csv's
	// InputOffset counts. bad lists the ranges of handed-out chunks that
	// are not valid UTF-8: only records that overlap one have their
	// fields checked one by one, which keeps the check off the hot path.
	out int64
	bad [][2]int64
}

// suspect reports whether bytes in [from, to) may be invalid UTF-8, and
// forgets the ranges before from.
func (t *textReader) suspect(from, to int64) bool {
	for len(t.bad) > 0 && t.bad[0][1] <= from {
		t.bad = t.bad[1:]
	}
	return len(t.bad) > 0 && t.bad[0][0] < to
}

// resetOffsets starts offsets afresh for encoding/csv (after the sep= line).
func (t *textReader) resetOffsets() {
	t.out, t.bad, t.buf, t.keptAt = 0, nil, t.buf[:0], 0
}

// kept returns the bytes handed out between two offsets.
func (t *textReader) kept(from, to int64) []byte {
	if from < t.keptAt || to > t.keptAt+int64(len(t.buf)) || from > to {
		return nil
	}
	return t.buf[from-t.keptAt : to-t.keptAt]
}

// release drops kept bytes before offset off, once enough have piled up
// to make the copy worth it.
func (t *textReader) release(off int64) {
	d := off - t.keptAt
	if d < 64<<10 || d > int64(len(t.buf)) {
		return
	}
	t.buf = t.buf[:copy(t.buf, t.buf[d:])]
	t.keptAt = off
}

type tableEntry struct {
	n uint8
	b [3]byte
}

func newTextReader(src *bufio.Reader, enc textEncoding, limit int64) *textReader {
	t := &textReader{src: src, limit: limit}
	t.setEncoding(enc)
	return t
}

func (t *textReader) setEncoding(enc textEncoding) {
	t.kind = enc.kind
	switch enc.kind {
	case encCharmap:
		if tab, ok := charmapTable(enc.cm); ok {
			t.table = tab
			return
		}
		t.kind = encGeneric
		t.gen = transform.NewReader(t.src, enc.cm.NewDecoder())
	case encGeneric:
		t.gen = transform.NewReader(t.src, enc.enc.NewDecoder())
	}
}

// charmapTable builds the UTF-8 bytes of every byte of an ASCII-compatible
// code page; undefined bytes and C1 controls become 0xFF.
func charmapTable(cm *charmap.Charmap) (*[256]tableEntry, bool) {
	var t [256]tableEntry
	for b := 0; b < 256; b++ {
		r := cm.DecodeByte(byte(b))
		if b < 0x80 {
			if r != rune(b) {
				return nil, false
			}
			t[b] = tableEntry{n: 1, b: [3]byte{byte(b)}}
			continue
		}
		if r == utf8.RuneError || (r >= 0x80 && r < 0xA0) || r > 0xFFFF {
			t[b] = tableEntry{n: 1, b: [3]byte{0xFF}}
			continue
		}
		var e tableEntry
		e.n = uint8(utf8.EncodeRune(e.b[:], r))
		t[b] = e
	}
	return &t, true
}

// resetRecord marks the end of a record for the record size limit.
func (t *textReader) resetRecord() { t.n = 0 }

// skipLine reads and drops the first line.
func (t *textReader) skipLine() error {
	var b [1]byte
	for {
		n, err := t.Read(b[:])
		if n == 1 && b[0] == '\n' {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (t *textReader) Read(p []byte) (n int, err error) {
	switch {
	case len(t.small) > 0:
		n = copy(p, t.small)
		t.small = t.small[n:]
	case len(p) < len(t.scratch):
		// Decoding steps write up to 4 bytes, one more for a held-back
		// CR; short reads go through scratch.
		var m int
		m, err = t.read(t.scratch[:])
		t.small = t.scratch[:m]
		n = copy(p, t.small)
		t.small = t.small[n:]
		if n > 0 {
			err = nil
		}
	default:
		n, err = t.read(p)
	}
	if n > 0 {
		if t.keep {
			t.buf = append(t.buf, p[:n]...)
		}
		// A chunk that ends inside a character is flagged too; that only
		// costs a field check on the records it holds.
		if !validUTF8(p[:n]) {
			t.bad = append(t.bad, [2]int64{t.out, t.out + int64(n)})
		}
		t.out += int64(n)
	}
	return n, err
}

func (t *textReader) read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	for {
		n, err := t.decodeEOL(p)
		t.n += int64(n)
		if t.limit > 0 && t.n > t.limit && err == nil {
			err = errRecordTooLong
		}
		if err != nil {
			t.err = err
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if n > 0 {
			return n, nil
		}
	}
}

// decodeEOL decodes into p and turns lone CRs into LF. A CR that ends a
// chunk is held back and written at the start of the next one, as CR when
// an LF follows and as LF otherwise.
func (t *textReader) decodeEOL(p []byte) (int, error) {
	off := 0
	if t.lastCR {
		off = 1
	}
	n, err := t.decode(p[off:])
	if t.lastCR {
		if n == 0 && err == nil {
			return 0, nil
		}
		t.lastCR = false
		p[0] = '\n'
		if n > 0 && p[1] == '\n' {
			p[0] = '\r'
		}
		n++
	}
	if n > 0 && p[n-1] == '\r' && err == nil {
		t.lastCR = true
		n--
	}
	t.normalizeEOL(p[:n])
	return n, err
}

// buffered returns the bytes buffered in src, at least min of them unless
// the file ends first.
func (t *textReader) buffered(min int) ([]byte, error) {
	_, err := t.src.Peek(min)
	b, _ := t.src.Peek(t.src.Buffered())
	return b, err
}

// decode writes decoded bytes into p (len(p) >= 8). It may return 0, nil.
func (t *textReader) decode(p []byte) (int, error) {
	switch t.kind {
	case encUTF8:
		if t.raw != nil && t.src.Buffered() == 0 {
			return t.raw.Read(p) // skip a copy through src
		}
		return t.src.Read(p)
	case encGeneric:
		return t.gen.Read(p)
	case encUndecided:
		b, err := t.buffered(1)
		if len(b) == 0 {
			return 0, err
		}
		b = b[:min(len(b), len(p))]
		i := firstNonASCII(b)
		if i == 0 {
			t.decide()
			return 0, nil
		}
		if i < 0 {
			i = len(b)
		}
		n := copy(p, b[:i])
		_, _ = t.src.Discard(n)
		return n, nil
	case encCharmap:
		b, err := t.buffered(1)
		if len(b) == 0 {
			return 0, err
		}
		w, i := 0, 0
		for i < len(b) && w < len(p) {
			if c := b[i]; c >= 0x80 {
				e := &t.table[c]
				if w+int(e.n) > len(p) {
					break
				}
				w += copy(p[w:], e.b[:e.n])
				i++
				continue
			}
			j := firstNonASCII(b[i:])
			if j < 0 {
				j = len(b) - i
			}
			m := copy(p[w:], b[i:i+j])
			w += m
			i += m
		}
		_, _ = t.src.Discard(i)
		return w, nil
	default: // UTF-16
		b, err := t.buffered(4)
		if len(b) == 0 {
			return 0, err
		}
		nd, ns := decodeUTF16(p, b, t.kind == encUTF16BE, err != nil)
		_, _ = t.src.Discard(ns)
		if nd == 0 && ns == 0 {
			return 0, err
		}
		return nd, nil
	}
}

// decide chooses the encoding at the first non-ASCII byte, from the bytes
// that follow it.
func (t *textReader) decide() {
	sample, err := t.src.Peek(sniffSize)
	enc, note := classify8bit(sample, err != nil, nil)
	if enc.kind == encUndecided {
		enc = textEncoding{kind: encUTF8, name: "UTF-8"}
	}
	t.setEncoding(enc)
	if t.decided != nil {
		t.decided(enc, note)
	}
}

// normalizeEOL turns lone CRs into LF in place. CRLF stays: encoding/csv
// turns it into LF itself. A CR at the end of p is held back until the
// next byte shows whether an LF follows it.
func (t *textReader) normalizeEOL(p []byte) {
	for i := bytes.IndexByte(p, '\r'); i >= 0; {
		if i+1 == len(p) || p[i+1] != '\n' {
			p[i] = '\n' // (a CR that ends p ends the file)
		}
		j := bytes.IndexByte(p[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
}

// decodeUTF16 decodes UTF-16 src into dst as UTF-8 and returns the bytes
// written and read. Unpaired surrogates and an odd last byte become the
// byte 0xFF (invalid UTF-8, so the row is rejected). Unless atEOF it stops
// before a code unit or surrogate pair cut off by the end of src.
func decodeUTF16(dst, src []byte, bigEndian, atEOF bool) (nd, ns int) {
	unit := func(b []byte) rune {
		if bigEndian {
			return rune(b[0])<<8 | rune(b[1])
		}
		return rune(b[1])<<8 | rune(b[0])
	}
	for len(src)-ns >= 2 && len(dst)-nd >= 4 {
		u := unit(src[ns:])
		switch {
		case u < utf8.RuneSelf:
			dst[nd] = byte(u)
			nd++
			ns += 2
		case 0xD800 <= u && u < 0xDC00: // high surrogate
			if len(src)-ns < 4 {
				if !atEOF {
					return nd, ns
				}
				dst[nd] = 0xFF
				nd++
				ns += 2
				continue
			}
			if u2 := unit(src[ns+2:]); 0xDC00 <= u2 && u2 < 0xE000 {
				nd += utf8.EncodeRune(dst[nd:], utf16.DecodeRune(u, u2))
				ns += 4
			} else {
				dst[nd] = 0xFF
				nd++
				ns += 2
			}
		case 0xDC00 <= u && u < 0xE000: // low surrogate alone
			dst[nd] = 0xFF
			nd++
			ns += 2
		default:
			nd += utf8.EncodeRune(dst[nd:], u)
			ns += 2
		}
	}
	if atEOF && len(src)-ns == 1 && len(dst)-nd >= 1 {
		dst[nd] = 0xFF
		nd++
		ns++
	}
	return nd, ns
}

// appendUTF16 decodes all of src (UTF-16) and appends it to dst as UTF-8.
func appendUTF16(dst, src []byte, bigEndian, atEOF bool) ([]byte, int) {
	buf := make([]byte, len(src)/2*3+8)
	nd, ns := decodeUTF16(buf, src, bigEndian, atEOF)
	return append(dst, buf[:nd]...), ns
}
