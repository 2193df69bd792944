package importer

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leadpipe/leadpipe/crm"
)

// headerScanRows is how many non-empty rows at the top of a file are looked
// at to find the header row below title rows.
const headerScanRows = 10

// findHeader returns the index in rows (the first non-empty rows of a file,
// in order) of the header row.
//
// Exports from trade-fair scanners and reports often start with a title
// ("Messe XY 2026 – Leads"), a date line or a "Region:;Deutschland" block
// above the real header. Such rows have few filled cells compared with the
// data below. The header is the first row with at least half as many
// filled cells (and at least two) as the widest of the later half of the
// rows, which are data; it must hold two different values and a letter or
// digit, so that a "*****" rule or a stray row of equal cells is not taken.
// When no row qualifies, for example in a one-column file, the first row
// is the header.
func findHeader(rows [][]string) int {
	width := 0
	for _, r := range rows[len(rows)/2:] {
		width = max(width, countNonEmpty(r))
	}
	need := max(2, (width+1)/2)
	for i, r := range rows {
		if countNonEmpty(r) >= need && hasTwoValues(r) && hasAlnum(r) {
			return i
		}
	}
	return 0
}

// dataRow tells why row, chosen as the header by findHeader, holds data
// rather than column names, and how a mapping file would name the column
// that shows it ("Column 9: email"); both are "" when row may be a header.
// A file exported without a header row (a Palm or Thunderbird address
// book, a scanner's raw list) would otherwise lose its first record to the
// header and map no column. A row is data when a cell is a whole e-mail
// address or a phone number (seven digits or more and nothing but phone
// punctuation), which no column title is, and no cell is a header the
// dictionaries know.
func dataRow(row []string) (why, mapLine string) {
	for i, c := range row {
		c = strings.TrimSpace(c)
		switch {
		case emailShaped(c):
			why, mapLine = fmt.Sprintf("an e-mail address in column %d", i+1), fmt.Sprintf("Column %d: email", i+1)
		case phoneShaped(c):
			why, mapLine = fmt.Sprintf("a phone number in column %d", i+1), fmt.Sprintf("Column %d: phone", i+1)
		}
		if why != "" {
			break
		}
	}
	if why == "" || knowsAnyHeader(row) {
		return "", ""
	}
	return why, mapLine
}

// emailShaped reports whether s has the shape of an e-mail address: one
// @ between a local part and a dotted domain, no spaces. Validity is the
// normalizer's business; a column title has no @ at all.
func emailShaped(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsAny(s, " \t,;<>") || strings.Contains(domain, "@") {
		return false
	}
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}

// phoneShaped reports whether s is seven digits or more with nothing but
// phone punctuation between them, and not a date (2021-01-31, 31.01.2021,
// 1/31/2021), which a pivot's header can be.
func phoneShaped(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-()./", r):
		default:
			return false
		}
	}
	return digits >= 7 && !dateShaped(s) && !decimalShaped(s)
}

// decimalShaped reports whether s is a number with one decimal point
// ("1234.567", "-12345.6789"), a measure rather than a phone number.
func decimalShaped(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, ok := strings.Cut(s, ".")
	return ok && whole != "" && frac != "" && strings.Trim(whole+frac, "0123456789") == ""
}

// dateShaped reports whether s is three groups of digits, one of four at
// either end and the others of one or two, split by one of - . /.
func dateShaped(s string) bool {
	for _, sep := range "-./" {
		g := strings.Split(s, string(sep))
		if len(g) != 3 {
			continue
		}
		short := func(x string) bool { return len(x) == 1 || len(x) == 2 }
		if len(g[0]) == 4 && short(g[1]) && short(g[2]) || short(g[0]) && short(g[1]) && len(g[2]) == 4 {
			return true
		}
	}
	return false
}

// knowsAnyHeader reports whether a cell of row is a header the
// dictionaries know.
func knowsAnyHeader(row []string) bool {
	ks := make([]headerKeys, len(row))
	for i, h := range row {
		h = withoutUnit(strings.TrimSpace(h))
		ks[i] = headerKeys{headerKey(h), strippedKey(h, false), strippedKey(h, true)}
	}
	family := detectFamily(ks)
	for _, k := range ks {
		if _, ok := lookupHeader(family, k.exact, k.strip, k.stripAE); ok {
			return true
		}
	}
	return false
}

// numberedHeader names the columns of a file without a header row:
// "Column 1", "Column 2", ... as wide as the widest of rows. A mapping
// file maps them by these names.
func numberedHeader(rows [][]string) []string {
	width := 0
	for _, r := range rows {
		width = max(width, len(trimTrailingEmpty(r)))
	}
	h := make([]string, width)
	for i := range h {
		h[i] = fmt.Sprintf("Column %d", i+1)
	}
	return h
}

// ErrHeaderless: the file has no header row, and no mapping file names its
// numbered columns.
var ErrHeaderless = errors.New("no header row")

// CheckHeaderless fails a file read without a header row (det.Headerless)
// whose mapping maps no column to a lead field: every row would be
// rejected for want of a name or an address. The message says how to map
// the numbered columns.
func CheckHeaderless(det Detection, m *Mapping) error {
	if det.Headerless == "" || m.Mapped() {
		return nil
	}
	return fmt.Errorf("%w: %s, not column names; add a header row, or name the columns in a mapping file (--map), for example \"%s\"", ErrHeaderless, det.Headerless, det.HeaderlessMap)
}

// headerless records in d that row holds data and returns the numbered
// header of the columns of rows.
func headerless(d *Detection, row int, why, mapLine string, rows [][]string) []string {
	h := numberedHeader(rows)
	d.Headerless = fmt.Sprintf("row %d holds data (%s)", row, why)
	d.HeaderlessMap = mapLine
	d.Notes = append(d.Notes, fmt.Sprintf("no header row: %s; the columns are named Column 1 to Column %d", d.Headerless, len(h)))
	return h
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func countNonEmpty(row []string) int {
	n := 0
	for _, c := range row {
		if !isBlank(c) {
			n++
		}
	}
	return n
}

func isEmptyRow(row []string) bool {
	for _, c := range row {
		if !isBlank(c) {
			return false
		}
	}
	return true
}

func hasTwoValues(row []string) bool {
	first := ""
	for _, c := range row {
		c = strings.TrimSpace(c)
		switch {
		case c == "":
		case first == "":
			first = c
		case c != first:
			return true
		}
	}
	return false
}

func hasAlnum(row []string) bool {
	for _, c := range row {
		if strings.IndexFunc(c, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			return true
		}
	}
	return false
}

// trimTrailingEmpty drops the empty cells at the end of a row: Excel writes
// a separator for every column that ever held a format, and excelize drops
// them. Either way they are no data.
func trimTrailingEmpty(row []string) []string {
	n := len(row)
	for n > 0 && isBlank(row[n-1]) {
		n--
	}
	return row[:n]
}

// makeHeader returns the header cells, trimmed of spaces and of a stray
// byte-order mark, without empty trailing cells.
func makeHeader(row []string) []string {
	row = trimTrailingEmpty(row)
	h := make([]string, len(row))
	for i, c := range row {
		h[i] = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "\uFEFF"))
		if !utf8.ValidString(h[i]) {
			h[i] = strings.ToValidUTF8(h[i], "\uFFFD")
		}
	}
	return h
}

// columnName names column i (0-based) in errors: its header text, or its
// position when the header cell is empty or missing. Header texts are
// column titles, not personal data.
func columnName(header []string, i int, letters bool) string {
	if i < len(header) && header[i] != "" {
		return header[i]
	}
	if letters {
		return "column " + columnLetters(i)
	}
	return fmt.Sprintf("column %d", i+1)
}

// columnLetters returns the spreadsheet name of column i (0-based): A, ..., Z, AA, ...
func columnLetters(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// shapeRecord finishes a data row for a header of width columns; the
// record takes fields over. Trailing empty cells are dropped; a row that
// still has more cells than the header is a structural error
// (crm.ErrFieldCount) and keeps all its cells; a shorter row is padded with
// "". preErr, when set, is a structural error found earlier (in field
// preField) and wins.
func shapeRecord(file string, row int, fields []string, width int, preErr error, preField string) Record {
	rec := Record{File: file, Row: row}
	n := len(trimTrailingEmpty(fields))
	if preErr == nil && n > width {
		preErr = fmt.Errorf("%w (%d, the header has %d)", crm.ErrFieldCount, n, width)
		preField = ""
	}
	if preErr != nil {
		rec.Fields = fields[:n]
		rec.Err = &crm.RowError{File: file, Row: row, Field: preField, Err: preErr}
		return rec
	}
	if cap(fields) < width {
		f := make([]string, width)
		copy(f, fields[:n])
		rec.Fields = f
		return rec
	}
	fields = fields[:width]
	clear(fields[n:])
	rec.Fields = fields
	return rec
}
