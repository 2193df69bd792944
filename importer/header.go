package importer

import (
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
