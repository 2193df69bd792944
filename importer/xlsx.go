package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/leadpipe/leadpipe/crm"
)

// An XLSX file is read in one streaming pass over its worksheet part:
//
//	open:  zip directory (size limits) → _rels/.rels → workbook.xml (sheets,
//	       date1904) → styles.xml (which cell styles show dates) →
//	       sharedStrings.xml (the whole table, once: cells refer to it by
//	       index) → <mergeCell> byte scan of the sheet (for the header)
//	rows:  sheetScanner over the inflated sheet part (xlsx_scan.go):
//	       <row r> <c r s t> <v> <is> → values, types and styles together
//
// The sheet is read by a hand-written tokenizer rather than excelize's
// Rows, which decodes every token with encoding/xml and does not expose
// the cell types and styles needed to tell a date serial from a number.
// The tokenizer reads to the end of the part, so a truncated or damaged
// sheet is an error after the rows before the damage. Memory grows with
// the shared-string table only, never with the rows. Merged header cells
// come from a byte scan of the part for <mergeCell>, since they are stored
// after the rows.

// sheetInfo is one sheet of the workbook, from workbook.xml and its
// relationships.
type sheetInfo struct {
	name  string
	state string // "" or "visible", "hidden", "veryHidden"
	part  string // zip name of the sheet part
	kind  string // "worksheet", "chartsheet", ...
}

func (s sheetInfo) visible() bool { return s.state == "" || s.state == "visible" }

type xlsxReader struct {
	name     string
	mapFile  *MapFile // for leadSheet
	noValue  int      // formula cells without a computed value
	zr       *zip.ReadCloser
	sheet    sheetInfo
	rc       io.ReadCloser // the inflated sheet part
	count    *countingReader
	scan     *sheetScanner
	date1904 bool
	formats  []numFormat // by cell style index
	det      Detection
	header   []string
	maxField int
	maxCols  int
	pending  []rawRecord
	width    int // cells in the last row, to size the next
	total    int64
	err      error
	// down are the merged ranges below the header that span rows, by
	// their first row; fillDown gives their value to each row they span.
	down       []cellRange
	downNext   int         // next range of down to become active
	downActive []downRange // ranges spanning the current rows
	filledDown int         // cells filled from a merged range
	hidden     int         // hidden data rows read
	hiddenAt   int         // the first of them
}

// downRange is an active merged range of the data rows with the value of
// its top-left cell.
type downRange struct {
	cellRange
	val string
}

func openXLSX(name string, opts Options) (Reader, error) {
	opts = opts.withDefaults()
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable XLSX file: %w", name, err)
	}
	r, err := newXLSXReader(name, zr, opts)
	if err != nil {
		zr.Close()
		return nil, err
	}
	return r, nil
}

// cellTextLimit is how much of one cell's text is kept: enough that a
// value over maxField bytes still is after Excel's escapes (_x000D_, seven
// bytes for one) are decoded, so that it is cut and rejected as before.
func cellTextLimit(maxField int) int { return 7*maxField + 64 }

// A part of more than bombFloor bytes whose compression ratio exceeds
// maxRatio is refused as a zip bomb. Real sheets measured here compress 5
// to 15 times; crafted bombs a thousand times and more.
const (
	bombFloor = 64 << 20
	maxRatio  = 200
)

func newXLSXReader(name string, zr *zip.ReadCloser, opts Options) (*xlsxReader, error) {
	// Refuse a zip bomb from the central directory, before anything is
	// inflated. archive/zip fails on a part that inflates to more than it
	// declares, so the declared sizes can be trusted.
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(opts.MaxUnzipSize) || zf.UncompressedSize64 > uint64(opts.MaxUnzipSize) {
			return nil, fmt.Errorf("%s expands to more than %s: refusing (zip bomb?): %w", name, mib(opts.MaxUnzipSize), ErrLimit)
		}
		// Spreadsheet XML compresses about 5-15 to 1; a large part that
		// claims far more is a bomb, however small the file.
		if zf.UncompressedSize64 > bombFloor && zf.UncompressedSize64/max(zf.CompressedSize64, 1) > maxRatio {
			return nil, fmt.Errorf("%s: part %s would expand %d times (%s): refusing (zip bomb?): %w",
				name, zf.Name, zf.UncompressedSize64/max(zf.CompressedSize64, 1), mib(int64(min(zf.UncompressedSize64, 1<<62))), ErrLimit)
		}
	}
	wb, err := workbookSheets(&zr.Reader, opts.MaxXMLPartSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sheets := wb.sheets
	// Shared strings and styles are read from their usual places only, as
	// excelize and most readers do; a workbook that keeps them elsewhere
	// is refused rather than read with empty strings and no dates.
	for _, p := range []struct{ got, want string }{{wb.strings, "xl/sharedStrings.xml"}, {wb.styles, "xl/styles.xml"}} {
		if p.got != "" && !strings.EqualFold(p.got, p.want) {
			return nil, fmt.Errorf("%s keeps part %s where leadpipe expects %s: open it in Excel or LibreOffice and save it again", name, p.got, p.want)
		}
	}
	formats, err := readStyles(&zr.Reader, "xl/styles.xml")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sst, err := loadSharedStrings(&zr.Reader, "xl/sharedStrings.xml", cellTextLimit(opts.MaxFieldBytes))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}

	var order []sheetInfo
	if opts.Sheet != "" {
		s, err := pickSheet(sheets, opts.Sheet)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		order = []sheetInfo{s}
	} else {
		for _, s := range sheets {
			if s.kind == "worksheet" && s.visible() {
				order = append(order, s)
			}
		}
		for _, s := range sheets {
			if s.kind == "worksheet" && !s.visible() {
				order = append(order, s)
			}
		}
	}
	open := func(s sheetInfo) (*xlsxReader, bool, error) {
		r := &xlsxReader{
			name:     name,
			zr:       zr,
			sheet:    s,
			date1904: wb.date1904,
			formats:  formats,
			maxField: opts.MaxFieldBytes,
			maxCols:  opts.MaxColumns,
			det:      Detection{Format: "xlsx", Sheet: s.name, Date1904: wb.date1904},
			mapFile:  opts.Map,
		}
		found, err := r.start(&zr.Reader, sst)
		if err != nil || !found {
			r.closeSheet()
			return nil, false, err
		}
		return r, true, nil
	}
	// The sheet read is the first that names lead fields in its header (a
	// cover sheet "Info" before "Kontakte" is passed over), else the first
	// non-empty one; hidden sheets only when every visible one is empty.
	var chosen, fallback *xlsxReader
	for _, s := range order {
		if fallback != nil && !s.visible() {
			break
		}
		r, found, err := open(s)
		if err != nil {
			fallback.closeSheetIfAny()
			return nil, err
		}
		if !found {
			continue
		}
		if opts.Sheet != "" || r.leadSheet() {
			chosen = r
			break
		}
		if fallback == nil {
			fallback = r
			continue
		}
		r.closeSheet()
	}
	switch {
	case chosen != nil:
		fallback.closeSheetIfAny()
	case fallback != nil:
		chosen = fallback
	}
	if chosen != nil {
		r, s := chosen, chosen.sheet
		switch {
		case opts.Sheet != "":
			r.det.Notes = append(r.det.Notes, "sheet from --sheet")
		case !s.visible():
			r.det.Notes = append(r.det.Notes, "every visible sheet is empty: reading hidden sheet "+strconv.Quote(s.name))
		case r.leadSheet():
			r.det.Notes = append(r.det.Notes, "first visible worksheet whose header names lead fields")
		default:
			r.det.Notes = append(r.det.Notes, "first non-empty visible worksheet")
		}
		if opts.Sheet == "" {
			// Another day of the fair on the next sheet must not go unread
			// without a word.
			var others []string
			for _, s := range order {
				if s.name == r.sheet.name || !s.visible() {
					continue
				}
				o, found, err := open(s)
				if err != nil || !found {
					continue
				}
				if o.leadSheet() {
					others = append(others, strconv.Quote(s.name))
				}
				o.closeSheet()
			}
			if len(others) > 0 {
				r.det.Warnings = append(r.det.Warnings, fmt.Sprintf("only sheet %q was read; sheet %s has lead columns too: import it with --sheet NAME",
					r.sheet.name, strings.Join(others, ", ")))
			}
		}
		return r, nil
	}
	if opts.Sheet != "" {
		return nil, fmt.Errorf("%s sheet %q: %w", name, opts.Sheet, ErrNoHeader)
	}
	return nil, fmt.Errorf("%s: %w", name, ErrNoHeader)
}

func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// pickSheet finds the sheet named by --sheet: exactly, else ignoring case
// (as Excel does). The name is only compared, never used in a path.
func pickSheet(sheets []sheetInfo, want string) (sheetInfo, error) {
	var names []string
	for _, s := range sheets {
		if s.name == want {
			return checkKind(s)
		}
		names = append(names, strconv.Quote(s.name))
	}
	for _, s := range sheets {
		if strings.EqualFold(s.name, want) {
			return checkKind(s)
		}
	}
	return sheetInfo{}, fmt.Errorf("no sheet named %q; the sheets are %s", want, strings.Join(names, ", "))
}

func checkKind(s sheetInfo) (sheetInfo, error) {
	if s.kind == "" {
		return sheetInfo{}, fmt.Errorf("sheet %q has no part in the file (damaged workbook)", s.name)
	}
	if s.kind != "worksheet" {
		return sheetInfo{}, fmt.Errorf("sheet %q is a %s, not a worksheet with rows", s.name, s.kind)
	}
	return s, nil
}

// loadSharedStrings reads the shared-string table, or returns an empty
// one when the workbook has none.
func loadSharedStrings(zr *zip.Reader, part string, limit int) (*sharedStrings, error) {
	zf := findPart(zr, part)
	if zf == nil {
		return &sharedStrings{}, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("shared strings: %w", err)
	}
	defer rc.Close()
	sst, err := readSharedStrings(rc, int64(zf.UncompressedSize64), limit)
	if err != nil {
		return nil, fmt.Errorf("shared strings: %w", err)
	}
	return sst, nil
}

// start opens the sheet's stream and reads rows until the header is found.
// It reports false when the sheet has no non-empty row.
func (r *xlsxReader) start(zr *zip.Reader, sst *sharedStrings) (bool, error) {
	zf := findPart(zr, r.sheet.part)
	if zf == nil {
		return false, fmt.Errorf("%s: sheet %q: part %s is missing", r.name, r.sheet.name, r.sheet.part)
	}
	r.total = int64(zf.UncompressedSize64)
	rc, err := zf.Open()
	if err != nil {
		return false, fmt.Errorf("%s: sheet %q: %w", r.name, r.sheet.name, err)
	}
	r.rc = rc
	r.count = &countingReader{r: rc}
	r.scan = &sheetScanner{sc: newXMLScanner(r.count), sst: sst, limit: cellTextLimit(r.maxField)}

	var top []rawRecord
	for len(top) < headerScanRows {
		raw, err := r.readRaw()
		if err == io.EOF {
			break
		}
		if err != nil {
			return false, err
		}
		top = append(top, raw)
	}
	if len(top) == 0 {
		return false, nil
	}
	merges, err := scanMerges(zf)
	if err != nil {
		return false, fmt.Errorf("%s: sheet %q: %w", r.name, r.sheet.name, err)
	}
	rows := make([][]string, len(top))
	for i, t := range top {
		rows[i] = t.fields
	}
	h, why, mapLine := chooseHeader(rows)
	if why != "" {
		r.header = headerless(&r.det, fmt.Sprintf("sheet %q row %d", r.sheet.name, top[h].row), why, mapLine, rows)
		r.pending = top
		return true, nil
	}
	hdr := top[h]
	cells := fillMerged(top, h, merges)
	r.pending = top[h+1:]
	last := hdr.row // the header's last row
	if h+1 < len(top) {
		if two, ok := subHeader(cells, top[h], top[h+1], merges); ok {
			cells = two
			r.pending = top[h+2:]
			last = top[h+1].row
			r.det.Notes = append(r.det.Notes, fmt.Sprintf("two-row header: row %d names the columns under row %d's merged cells", top[h+1].row, hdr.row))
		}
	}
	for _, m := range merges {
		if m.r1 > last && m.r2 > m.r1 {
			r.down = append(r.down, m)
		}
	}
	slices.SortStableFunc(r.down, func(a, b cellRange) int { return a.r1 - b.r1 })
	r.header = makeHeader(cells)
	r.det.HeaderRow = hdr.row
	if h > 0 {
		r.det.Notes = append(r.det.Notes, fmt.Sprintf("header in row %d below %d title rows", hdr.row, h))
	}
	return true, nil
}

// subHeader recognises the second row of a two-row header: "Telefon"
// merged over two columns, "geschäftlich" and "mobil" below it. The next
// row is such a row when each of its filled cells stands under a header
// cell merged across columns, none holds an e-mail address or a phone
// number, and the two rows together name more lead fields than the header
// row alone (a data row of text under a merged title does not). A column's
// title becomes "Telefon geschäftlich", or the lower cell alone where only
// that is a known title ("Adresse" over "PLZ"). header is the header row
// with merged cells filled.
func subHeader(header []string, hdr, next rawRecord, merges []cellRange) ([]string, bool) {
	under := func(c int) bool { // column c (0-based) under a merged header cell
		for _, m := range merges {
			if m.r1 <= hdr.row && hdr.row <= m.r2 && m.r2 < next.row && m.c1 < m.c2 && m.c1-1 <= c && c <= m.c2-1 {
				return true
			}
		}
		return false
	}
	out := append([]string(nil), header...)
	filled := 0
	for c, v := range next.fields {
		if isBlank(v) {
			continue
		}
		if !under(c) || dataShaped(strings.TrimSpace(v)) || c >= len(out) {
			return nil, false
		}
		sub := strings.TrimSpace(v)
		both := strings.TrimSpace(out[c]) + " " + sub
		if knownFields([]string{both}) == 0 && knownFields([]string{sub}) > 0 {
			both = sub
		}
		out[c] = both
		filled++
	}
	return out, filled > 0 && leadFields(out) > leadFields(header)
}

// leadFields counts the different lead fields a header's cells map to.
func leadFields(header []string) int {
	m, err := NewMapping(makeHeader(header), nil)
	if err != nil {
		return 0
	}
	seen := map[string]bool{}
	for _, c := range m.Columns {
		if c.Field != FieldCustom && c.Field != FieldIgnore {
			seen[c.Field] = true
		}
	}
	return len(seen)
}

// fillMerged returns the cells of header row top[h] with each merged range
// that covers the header row filled with the value of its top-left cell
// across its columns: a header "Kontakt" merged over C1:D1 names both C
// and D. Ranges whose top-left cell is in a title row above are taken from
// that row.
func fillMerged(top []rawRecord, h int, merges []cellRange) []string {
	row := top[h].row
	cells := append([]string(nil), top[h].fields...)
	for _, m := range merges {
		if m.r1 > row || m.r2 < row || (m.c1 == m.c2 && m.r1 == m.r2) {
			continue
		}
		var v string
		for _, t := range top[:h+1] {
			if t.row == m.r1 && m.c1-1 < len(t.fields) {
				v = t.fields[m.c1-1]
			}
		}
		if isBlank(v) {
			continue
		}
		for len(cells) < m.c2 {
			cells = append(cells, "")
		}
		for c := m.c1 - 1; c < m.c2; c++ {
			if isBlank(cells[c]) {
				cells[c] = v
			}
		}
	}
	return cells
}

func (r *xlsxReader) Header() []string { return r.header }

func (r *xlsxReader) Detection() Detection {
	d := r.det
	d.Notes = append([]string(nil), r.det.Notes...)
	d.Warnings = append([]string(nil), r.det.Warnings...)
	if r.filledDown > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("%d empty cells under a cell merged over several rows read with its value, as the spreadsheet shows them", r.filledDown))
	}
	if r.hidden > 0 {
		d.Warnings = append(d.Warnings, fmt.Sprintf("%d hidden rows read like the others (the first: row %d): rows hidden by hand or by a filter are data too; delete them from the sheet to leave them out", r.hidden, r.hiddenAt))
	}
	if r.noValue > 0 {
		d.Warnings = append(d.Warnings, fmt.Sprintf("%d formula cells have no computed value (the program that wrote the file does not calculate): they read as empty; open the file in Excel or LibreOffice and save it to import their values", r.noValue))
	}
	return d
}

// Progress counts the inflated bytes of the sheet XML read so far.
func (r *xlsxReader) Progress() (done, total int64) {
	if r.count == nil {
		return 0, r.total
	}
	return r.count.n.Load(), r.total
}

func (r *xlsxReader) closeSheet() {
	if r.rc != nil {
		r.rc.Close()
		r.rc = nil
	}
}

func (r *xlsxReader) Close() error {
	r.closeSheet()
	if r.zr != nil {
		err := r.zr.Close()
		r.zr = nil
		return err
	}
	return nil
}

// leadSheet reports whether the sheet's header names two lead fields, or
// the sheet is lead data without a header.
func (r *xlsxReader) leadSheet() bool {
	return r.det.Headerless != "" || knownFields(r.header)+mappedFields(r.header, r.mapFile) >= 2
}

// mappedFields counts the header cells a mapping file maps to a lead field.
func mappedFields(header []string, mf *MapFile) int {
	if mf == nil {
		return 0
	}
	n := 0
	for _, h := range header {
		for _, c := range mf.Columns {
			if c.Field != FieldCustom && strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(c.Header)) {
				n++
				break
			}
		}
	}
	return n
}

// closeSheetIfAny is closeSheet on a reader that may be nil.
func (r *xlsxReader) closeSheetIfAny() {
	if r != nil {
		r.closeSheet()
	}
}

func (r *xlsxReader) Next() (Record, error) {
	var raw rawRecord
	if len(r.pending) > 0 {
		raw = r.pending[0]
		r.pending = r.pending[1:]
	} else {
		var err error
		if raw, err = r.readRaw(); err != nil {
			return Record{}, err
		}
	}
	r.fillDown(&raw)
	if raw.hidden {
		if r.hidden++; r.hiddenAt == 0 {
			r.hiddenAt = raw.row
		}
	}
	var field string
	if raw.err != nil && raw.col >= 0 {
		field = columnName(r.header, raw.col, true)
	}
	// Cells are placed by column: a cell right of the header is no shift.
	return shapeRecord(r.name, raw.row, raw.fields, len(r.header), math.MaxInt, raw.err, field), nil
}

// fillDown gives the empty cells of a data row under a cell merged over
// several rows that cell's value: a company merged over the rows of its
// three contacts is stored once, in the range's top-left cell, and the
// spreadsheet shows it in each row; read as stored, the rows below would
// lose their company. Only the range's first column is filled: a cell
// merged across columns shows one value, not one per column. Rows come in
// order, so the ranges become active by their first row.
func (r *xlsxReader) fillDown(raw *rawRecord) {
	if len(r.down) == 0 {
		return
	}
	active := r.downActive[:0]
	for _, d := range r.downActive {
		if d.r2 >= raw.row {
			active = append(active, d)
		}
	}
	for ; r.downNext < len(r.down) && r.down[r.downNext].r1 <= raw.row; r.downNext++ {
		m := r.down[r.downNext]
		if m.r2 < raw.row {
			continue
		}
		d := downRange{cellRange: m}
		if m.r1 == raw.row && m.c1-1 < len(raw.fields) {
			d.val = raw.fields[m.c1-1]
		}
		active = append(active, d)
	}
	r.downActive = active
	for _, d := range active {
		c := d.c1 - 1
		if d.r1 == raw.row || isBlank(d.val) {
			continue
		}
		for len(raw.fields) <= c {
			raw.fields = append(raw.fields, "")
		}
		if isBlank(raw.fields[c]) {
			raw.fields[c] = d.val
			r.filledDown++
		}
	}
}

// readRaw reads the next non-empty row, with cell values converted.
func (r *xlsxReader) readRaw() (rawRecord, error) {
	if r.err != nil {
		return rawRecord{}, r.err
	}
	for {
		n, cells, err := r.scan.nextRow()
		if err == io.EOF {
			r.err = io.EOF
			return rawRecord{}, r.err
		}
		if err != nil {
			var missing *missingStringError
			if errors.As(err, &missing) {
				r.err = fmt.Errorf("%s sheet %q row %d: %w", r.name, r.sheet.name, r.scan.last, missing)
			} else {
				r.err = fmt.Errorf("%s sheet %q: %w", r.name, r.sheet.name, err)
			}
			return rawRecord{}, r.err
		}
		empty := true
		for i := range cells {
			if !isBlank(cells[i].val) {
				empty = false
				break
			}
		}
		if empty {
			continue
		}
		// Cells go to the column of their reference; empty cells are
		// left out, as excelize does (a cell whose reference goes back
		// goes to the end).
		cols := make([]string, 0, r.width)
		kept := cells[:0]
		for _, c := range cells {
			if c.hasF && c.val == "" {
				r.noValue++ // openpyxl and xlsxwriter write formulas without values
			}
			if isBlank(c.val) && !c.hasF {
				continue // a lone space far right must not make the row too wide
			}
			for len(cols) < c.col-1 {
				cols = append(cols, "")
			}
			c.col = len(cols) // index in cols from here on
			cols = append(cols, c.val)
			kept = append(kept, c)
		}
		r.width = len(cols)
		raw := rawRecord{row: n, col: -1, hidden: r.scan.hidden}
		if len(cols) > r.maxCols {
			cols = cols[:r.maxCols]
			raw.err = fmt.Errorf("%w: more than %d columns", crm.ErrRowTooLong, r.maxCols)
		}
		for _, c := range kept {
			j := c.col
			if j >= len(cols) {
				continue
			}
			v := cols[j]
			if v == "" {
				continue
			}
			v = r.cellValue(v, c.typ, c.style)
			if len(v) > r.maxField {
				v = truncateUTF8(v, r.maxField)
				if raw.err == nil {
					raw.err = fmt.Errorf("%w: "+tooLongField+"%d bytes", crm.ErrRowTooLong, r.maxField)
					raw.col = j
				}
			}
			if !utf8.ValidString(v) {
				v = strings.ToValidUTF8(v, "\uFFFD")
			}
			if strings.IndexByte(v, '\r') >= 0 {
				// Line breaks inside a cell come out as "\n", as from CSV.
				v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
			}
			cols[j] = v
		}
		raw.fields = cols
		return raw, nil
	}
}

// numFormat is what a cell's number format makes of a number.
type numFormat uint8

const (
	fmtNumber numFormat = iota
	fmtDate
	fmtTime
	fmtDateTime
	fmtDuration // elapsed time: [h]:mm:ss
)

// cellValue turns the stored value of a cell into the text a lead field
// wants: dates as ISO 8601, booleans as TRUE/FALSE, numbers without float
// noise, everything else as stored.
func (r *xlsxReader) cellValue(v string, typ cellType, style int) string {
	switch typ {
	case cellBool:
		switch v {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return v
	case cellShared, cellFormulaS, cellInline, cellError:
		return v
	case cellDateISO:
		return isoDateValue(v)
	}
	switch r.format(style) {
	case fmtDate:
		return serialToDate(v, r.date1904, fmtDate)
	case fmtTime:
		return serialToDate(v, r.date1904, fmtTime)
	case fmtDateTime:
		return serialToDate(v, r.date1904, fmtDateTime)
	case fmtDuration:
		return serialToDuration(v)
	}
	return cleanNumber(v)
}

// format classifies a cell style's number format.
func (r *xlsxReader) format(style int) numFormat {
	if style <= 0 || style >= len(r.formats) {
		return fmtNumber
	}
	return r.formats[style]
}

// readStyles streams the styles part, which excelize too reads whatever its
// size (bounded by MaxUnzipSize), and classifies the number format of each cell style (<xf> of
// <cellXfs>, whose index is a cell's s attribute) of the styles part. The
// number format ids Excel builds in are classified by id, others by their
// <numFmt> format code; an id that is neither shows a number. A styles
// part that is not well-formed leaves every cell a number, as in excelize.
func readStyles(zr *zip.Reader, part string) ([]numFormat, error) {
	zf := findPart(zr, part)
	if zf == nil {
		return nil, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("part %s: %w", part, err)
	}
	defer rc.Close()
	codes := map[int]string{}
	var ids []int // numFmtId of each cellXfs xf, -1 for none
	d := xml.NewDecoder(bufio.NewReader(rc))
	inXfs := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "cellXfs":
				inXfs = true
			case "numFmt":
				id, code, ok := -1, "", false
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "numFmtId":
						id, _ = strconv.Atoi(a.Value)
					case "formatCode":
						code, ok = a.Value, true
					}
				}
				if ok && id >= 0 {
					codes[id] = code
				}
			case "xf":
				if !inXfs {
					continue
				}
				id := -1
				for _, a := range t.Attr {
					if a.Name.Local == "numFmtId" {
						if n, err := strconv.Atoi(a.Value); err == nil {
							id = n
						}
					}
				}
				ids = append(ids, id)
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
	formats := make([]numFormat, len(ids))
	for i, id := range ids {
		switch code, ok := codes[id]; {
		case id < 0:
		case isBuiltinNumFmt(id):
			formats[i] = builtinNumFormat(id)
		case ok:
			formats[i] = classifyNumFormat(code)
		}
	}
	return formats, nil
}

// isBuiltinNumFmt tells the number format ids that Excel (and excelize)
// define without a <numFmt>: 0-4, 9-22, 37-49 and those of East Asian
// locales. A <numFmt> for one of these ids does not change it.
func isBuiltinNumFmt(id int) bool {
	return id >= 0 && id <= 4 || id >= 9 && id <= 22 || id >= 37 && id <= 49 ||
		id >= 27 && id <= 36 || id >= 50 && id <= 62 || id >= 67 && id <= 81
}

// builtinNumFormat classifies Excel's built-in number formats: 14-17 dates,
// 18-21, 45 and 47 times, 22 date and time, 46 elapsed time; 27-36 and
// 50-58 are the date formats of East Asian locales.
func builtinNumFormat(id int) numFormat {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return fmtDate
	case id >= 18 && id <= 21, id == 45, id == 47:
		return fmtTime
	case id == 22:
		return fmtDateTime
	case id == 46:
		return fmtDuration
	}
	return fmtNumber
}

// classifyNumFormat tells a custom number format that shows a date or time
// from one that shows a number: it looks for d, m, y, h and s outside
// quoted text, escapes, fill and padding characters and [...] sections
// (colours, locales, conditions). A format with elapsed time ([h], [mm],
// [ss]) and no date shows a duration.
func classifyNumFormat(code string) numFormat {
	elapsed := false
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the section for positive numbers decides
	}
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++ // the next character is literal
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				b.WriteString(inner)
				elapsed = true
			}
			i += j
		default:
			b.WriteByte(c)
		}
	}
	s := strings.ToLower(b.String())
	s = strings.ReplaceAll(s, "general", "")
	hasTime := strings.ContainsAny(s, "hs") || strings.Contains(s, "am/pm") || strings.Contains(s, "a/p")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "am/pm", ""), "a/p", "")
	hasDate := strings.ContainsAny(s, "dy") || (strings.ContainsRune(s, 'm') && !hasTime)
	switch {
	case elapsed && !strings.ContainsAny(s, "dy"):
		return fmtDuration
	case hasDate && hasTime:
		return fmtDateTime
	case hasDate:
		return fmtDate
	case hasTime:
		return fmtTime
	}
	return fmtNumber
}

// serialToDate converts an Excel date serial to "2006-01-02", adding
// "T15:04:05" when the format shows a time or the value has one, or to
// "15:04:05" for a time format and a value below one day. In the 1900
// system serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that
// never was (serial 60); in the 1904 system serial 0 is 1904-01-01.
func serialToDate(v string, date1904 bool, kind numFormat) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f >= 2958466 {
		return cleanNumber(v)
	}
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	if secs >= 86400 {
		days++
		secs = 0
	}
	clock := time.Duration(secs) * time.Second
	if kind == fmtTime && days == 0 {
		return time.Time{}.Add(clock).Format("15:04:05")
	}
	var t time.Time
	switch {
	case date1904:
		t = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	case days == 60:
		if kind == fmtDate && secs == 0 {
			return "1900-02-29"
		}
		return "1900-02-29T" + time.Time{}.Add(clock).Format("15:04:05")
	case days < 60:
		t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	default:
		t = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	}
	t = t.Add(clock)
	if kind == fmtDate && secs == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02T15:04:05")
}

// serialToDuration shows a number of days as elapsed hours, minutes and
// seconds, "255:10:10", as Excel's [h]:mm:ss does; the date system does not
// matter.
func serialToDuration(v string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e9 {
		return cleanNumber(v)
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	secs := int64(math.Round(f * 86400))
	return fmt.Sprintf("%s%d:%02d:%02d", sign, secs/3600, secs/60%60, secs%60)
}

// isoDateValue normalises an ISO 8601 date cell (t="d") like serialToDate
// does; a value it cannot parse stays as it is.
func isoDateValue(v string) string {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02", "15:04:05.999999999"} {
		t, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		if layout == "15:04:05.999999999" {
			return t.Format("15:04:05")
		}
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return t.Format("2006-01-02")
		}
		return t.Format("2006-01-02T15:04:05")
	}
	return v
}

// cleanNumber returns a stored number as Excel shows it in General format,
// up to its 15 significant digits and never in E notation: "4.930123456E9"
// becomes "4930123456" and "0.10000000000000001" becomes "0.1". Integers
// written out in full (long ids) stay exactly as stored.
func cleanNumber(v string) string {
	s := strings.TrimSpace(v)
	if isPlainInteger(s) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func isPlainInteger(s string) bool {
	if strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ---- workbook structure ----

type xmlRel struct {
	id, typ, target string
}

// findPart looks a zip part up by name, ignoring case and backslashes as
// excelize and Excel do.
func findPart(zr *zip.Reader, name string) *zip.File {
	for _, zf := range zr.File {
		if zf.Name == name {
			return zf
		}
	}
	for _, zf := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(zf.Name, `\`, "/"), name) {
			return zf
		}
	}
	return nil
}

// readPart reads a small XML part, refusing one larger than limit.
func readPart(zr *zip.Reader, name string, limit int64) ([]byte, error) {
	zf := findPart(zr, name)
	if zf == nil {
		return nil, nil
	}
	if zf.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("part %s expands to more than %s: %w", name, mib(limit), ErrLimit)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("part %s: %w", name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("part %s: %w", name, err)
	}
	return b, nil
}

func readRels(zr *zip.Reader, name string, limit int64) ([]xmlRel, error) {
	b, err := readPart(zr, name, limit)
	if err != nil || b == nil {
		return nil, err
	}
	var rels []xmlRel
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rels, nil
		}
		if err != nil {
			return nil, fmt.Errorf("part %s: %w", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			var rel xmlRel
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "Id":
					rel.id = a.Value
				case "Type":
					rel.typ = a.Value
				case "Target":
					rel.target = a.Value
				}
			}
			rels = append(rels, rel)
		}
	}
}

// resolveTarget resolves a relationship target against the folder of the
// part that holds the relationship.
func resolveTarget(base, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(base), target), "/")
}

// workbookInfo is where the parts of a workbook are.
type workbookInfo struct {
	sheets  []sheetInfo
	strings string // shared-string part, "" if none
	styles  string // styles part, "" if none
	// date1904: the workbook counts dates from 1904 (<workbookPr date1904>).
	date1904 bool
}

// workbookSheets lists the sheets in workbook order by following the
// package relationships (_rels/.rels → workbook → sheet parts), never
// assuming the xl/ folder: SheetJS and others put parts elsewhere.
func workbookSheets(zr *zip.Reader, limit int64) (workbookInfo, error) {
	var info workbookInfo
	rootRels, err := readRels(zr, "_rels/.rels", limit)
	if err != nil {
		return info, err
	}
	wbPath := "xl/workbook.xml"
	for _, rel := range rootRels {
		if strings.HasSuffix(rel.typ, "/officeDocument") {
			wbPath = resolveTarget("", rel.target)
		}
	}
	wb, err := readPart(zr, wbPath, limit)
	if err != nil {
		return info, err
	}
	if wb == nil {
		return info, fmt.Errorf("not an XLSX workbook: no %s", wbPath)
	}
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	rels, err := readRels(zr, relsPath, limit)
	if err != nil {
		return info, err
	}
	byID := map[string]xmlRel{}
	for _, rel := range rels {
		byID[rel.id] = rel
		switch {
		case strings.HasSuffix(rel.typ, "/sharedStrings"):
			info.strings = resolveTarget(wbPath, rel.target)
		case strings.HasSuffix(rel.typ, "/styles"):
			info.styles = resolveTarget(wbPath, rel.target)
		}
	}
	var sheets []sheetInfo
	d := xml.NewDecoder(bytes.NewReader(wb))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return info, fmt.Errorf("part %s: %w", wbPath, err)
		}
		se, ok := tok.(xml.StartElement)
		if ok && se.Name.Local == "workbookPr" {
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" {
					info.date1904, _ = strconv.ParseBool(strings.TrimSpace(a.Value))
				}
			}
		}
		if !ok || se.Name.Local != "sheet" {
			continue
		}
		var s sheetInfo
		var id string
		for _, a := range se.Attr {
			switch {
			case a.Name.Local == "name":
				s.name = a.Value
			case a.Name.Local == "state":
				s.state = a.Value
			case a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships"):
				id = a.Value
			}
		}
		if rel, ok := byID[id]; ok {
			s.part = resolveTarget(wbPath, rel.target)
			s.kind = rel.typ[strings.LastIndexByte(rel.typ, '/')+1:]
		}
		sheets = append(sheets, s)
	}
	if len(sheets) == 0 {
		return info, errors.New("the workbook lists no sheets")
	}
	info.sheets = sheets
	return info, nil
}

// cellRange is a merged range, 1-based and inclusive.
type cellRange struct{ c1, r1, c2, r2 int }

// maxMerges bounds the merged ranges kept from one sheet.
const maxMerges = 100000

// scanMerges finds the <mergeCell ref="A1:B2"/> elements of a sheet part
// by scanning its bytes; the XML scanners would have to parse every cell
// first, since merges are stored after the rows.
func scanMerges(zf *zip.File) ([]cellRange, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	const overlap = 512
	var (
		out []cellRange
		buf = make([]byte, 0, 1<<20)
		pat = []byte("mergeCell")
	)
	for {
		n, err := io.ReadFull(rc, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return nil, err
		}
		limit := len(buf)
		if !eof {
			limit -= overlap
		}
		for i := 0; i < limit; {
			j := bytes.Index(buf[i:], pat)
			if j < 0 || i+j >= limit {
				break
			}
			at := i + j
			i = at + len(pat)
			if at == 0 || (buf[at-1] != '<' && buf[at-1] != ':') || i >= len(buf) ||
				!(buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r') {
				continue
			}
			end := bytes.IndexByte(buf[i:], '>')
			if end < 0 {
				continue
			}
			if m, ok := parseMergeRef(buf[i : i+end]); ok && len(out) < maxMerges {
				out = append(out, m)
			}
		}
		if eof {
			return out, nil
		}
		buf = buf[:copy(buf, buf[limit:])]
	}
}

// parseMergeRef reads the ref attribute out of the attributes of a
// mergeCell element.
func parseMergeRef(attrs []byte) (cellRange, bool) {
	k := bytes.Index(attrs, []byte("ref="))
	if k < 0 || k+5 > len(attrs) {
		return cellRange{}, false
	}
	q := attrs[k+4]
	rest := attrs[k+5:]
	e := bytes.IndexByte(rest, q)
	if (q != '"' && q != '\'') || e < 0 {
		return cellRange{}, false
	}
	a, b, ok := strings.Cut(string(rest[:e]), ":")
	if !ok {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return cellRange{}, false
	}
	return cellRange{c1: min(c1, c2), r1: min(r1, r2), c2: max(c1, c2), r2: max(r1, r2)}, true
}
