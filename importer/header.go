package importer

import (
	"errors"
	"fmt"
	"strconv"
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

// chooseHeader picks the header among rows, the first non-empty rows of a
// file (findHeader), or finds that the file has none: then why says what
// the picked row holds ("an e-mail address in column 9"), mapLine how a
// mapping file would name that column ("Column 9: email"), and every row
// is data. A file exported without a header row (a Palm or Thunderbird
// address book, a scanner's raw list) would otherwise lose its first
// record to the header and map no column.
//
// The picked row is data when a cell is a whole e-mail address or a phone
// number, which no column title is, and the same column of the next row
// holds one too (a report's header can hold a date or an article number);
// unless the row names two lead fields the dictionaries know. When a later
// row does that and holds no such values, it is the header below a title
// line: one that holds an address ("Exported by max@example.com"), or one
// with as many cells as half a data row ("Lead-Export;Messe Hannover
// 2026;Stand B12"), which findHeader alone takes. For a file
// without a header, h is the row that holds data; every row is data.
func chooseHeader(rows [][]string) (h int, why, mapLine string) {
	h = findHeader(rows)
	if knownFields(rows[h]) >= 2 {
		return h, "", ""
	}
	for i := h + 1; i < len(rows); i++ {
		if knownFields(rows[i]) >= 2 && dataCell(rows[i]) < 0 {
			return i, "", ""
		}
	}
	if dataCell(rows[h]) < 0 {
		return h, "", ""
	}
	if why, mapLine = dataRow(rows, h); why == "" {
		return h, "", ""
	}
	return h, why, mapLine
}

// dataRow tells why rows[h] holds data rather than column names, and the
// mapping-file line for the column that shows it; both are "" when the
// row may be a header (see chooseHeader).
func dataRow(rows [][]string, h int) (why, mapLine string) {
	row := rows[h]
	col := dataCell(row)
	if col < 0 {
		return "", ""
	}
	if h+1 < len(rows) {
		if next := rows[h+1]; col >= len(next) || !dataShaped(strings.TrimSpace(next[col])) {
			return "", ""
		}
	}
	if emailShaped(strings.TrimSpace(row[col])) {
		return fmt.Sprintf("an e-mail address in column %d", col+1), fmt.Sprintf("columns: {\"Column %d\": email}", col+1)
	}
	return fmt.Sprintf("a phone number in column %d", col+1), fmt.Sprintf("columns: {\"Column %d\": phone}", col+1)
}

// dataCell returns the index of the first cell of row that is an e-mail
// address or a phone number, or -1.
func dataCell(row []string) int {
	for i, c := range row {
		if dataShaped(strings.TrimSpace(c)) {
			return i
		}
	}
	return -1
}

func dataShaped(c string) bool { return emailShaped(c) || phoneShaped(c) }

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
// 20210131), a decimal number or a negative one.
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
	return digits >= 7 && !strings.HasPrefix(s, "-") && !dateShaped(s) && !decimalShaped(s)
}

// dateShaped reports whether s is a date: three groups of digits, one of
// four at either end and the others of one or two, split by one of - . /;
// or eight digits that make a date year first or day first.
func dateShaped(s string) bool {
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		return civilDate(s[:4], s[4:6], s[6:]) || civilDate(s[4:], s[2:4], s[:2])
	}
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

// decimalShaped reports whether s is a number with one decimal point
// ("1234.567", "12345.6789"), a measure rather than a phone number.
func decimalShaped(s string) bool {
	whole, frac, ok := strings.Cut(s, ".")
	return ok && whole != "" && frac != "" && strings.Trim(whole+frac, "0123456789") == ""
}

// civilDate reports whether year, month and day (digits) are a plausible
// date of the years 1800 to 2199.
func civilDate(year, month, day string) bool {
	y, _ := strconv.Atoi(year)
	m, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	return y >= 1800 && y < 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// knownFields counts the cells of row that are headers the dictionaries
// map to a lead field (not merely to a custom field: "Partner", "Notes"
// and "Privat" are words a data row holds too).
func knownFields(row []string) int {
	ks := headerKeysOf(row)
	family := detectFamily(ks)
	n := 0
	for _, k := range ks {
		if m, ok := lookupHeader(family, k.exact, k.strip, k.stripAE); ok && m.entry.target != tCustom && m.entry.target != tIgnore {
			n++
		}
	}
	return n
}

// numberedHeader names the columns of a file without a header row:
// "Column 1", "Column 2", ... as wide as the widest of rows (with its empty
// cells at the end: a CSV row has them all). A mapping file maps them by
// these names.
func numberedHeader(rows [][]string) []string {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
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
	return fmt.Errorf("%w: %s, not column names; add a header row, or name the columns in a mapping file (--map), for example one that says %s", ErrHeaderless, det.Headerless, det.HeaderlessMap)
}

// headerless records in d that the file has no header row, row (where,
// "row 1" or `sheet "Leads" row 1`) holding data, and returns the numbered
// header of the columns of rows.
func headerless(d *Detection, where, why, mapLine string, rows [][]string) []string {
	h := numberedHeader(rows)
	d.Headerless = fmt.Sprintf("%s holds data (%s)", where, why)
	d.HeaderlessMap = mapLine
	names := fmt.Sprintf("the columns are named Column 1 to Column %d", len(h))
	if len(h) == 1 {
		names = "the column is named Column 1"
	}
	d.Notes = append(d.Notes, fmt.Sprintf("no header row: %s; %s", d.Headerless, names))
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
// record takes fields over. Trailing empty cells are dropped; a shorter row
// is padded with "". A row with cells right of the header's last title
// keeps them, up to maxWidth columns: they are data in a column without a
// title (a spreadsheet cell right of the table, a CSV column whose title
// is empty), which Build keeps as custom fields "Column N". A row wider
// than maxWidth is a structural error (crm.ErrFieldCount) and keeps all
// its cells: in a CSV file its fields have probably shifted. preErr, when
// set, is a structural error found earlier (in field preField) and wins.
func shapeRecord(file string, row int, fields []string, width, maxWidth int, preErr error, preField string) Record {
	rec := Record{File: file, Row: row}
	n := len(trimTrailingEmpty(fields))
	if preErr == nil && width < n && n <= maxWidth {
		rec.Fields = fields[:n]
		return rec
	}
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
