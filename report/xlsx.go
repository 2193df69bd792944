package report

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// xlsxSheet writes an export as an XLSX workbook with one worksheet,
// through excelize's StreamWriter: rows are encoded as they come and
// spill to a temporary file beyond 16 MB, so memory stays flat.
//
// It writes no formula ever: text goes in as a Go string, which the
// StreamWriter stores as an inline string (t="inlineStr"), and only a cell
// marked as a number that parses as one becomes a number cell. Formula
// triggers are escaped all the same (see Export), because a user who edits
// such a cell, or saves the sheet as CSV, would make the formula live.
type xlsxSheet struct {
	w   io.Writer
	f   *excelize.File
	sw  *excelize.StreamWriter
	row int
	buf []any
}

// errXLSXLimit is returned when a value or the number of rows does not fit
// into a worksheet; excelize would cut the value or fail late.
var errXLSXLimit = errors.New("does not fit into an xlsx worksheet; use --format csv")

func newXLSXSheet(w io.Writer, name string) (*xlsxSheet, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		f.Close()
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return &xlsxSheet{w: w, f: f, sw: sw}, nil
}

func (s *xlsxSheet) write(cells []exportCell) error {
	s.row++
	if s.row > excelize.TotalRows {
		return fmt.Errorf("write xlsx: more than %d rows %w", excelize.TotalRows-1, errXLSXLimit)
	}
	s.buf = s.buf[:0]
	for i, c := range cells {
		s.buf = append(s.buf, nil) // an empty cell is no cell
		if c.text == "" {
			continue
		}
		if c.number && plainDecimal.MatchString(c.text) && digits(c.text) <= 15 {
			if f, err := strconv.ParseFloat(c.text, 64); err == nil {
				s.buf[i] = f
				continue
			}
		}
		v := escapeCell(c.text)
		if utf16Len(v) > excelize.TotalCellChars {
			col, _ := excelize.ColumnNumberToName(i + 1)
			return fmt.Errorf("write xlsx: the value in row %d, column %s, is longer than %d characters and %w",
				s.row, col, excelize.TotalCellChars, errXLSXLimit)
		}
		s.buf[i] = v
	}
	ref, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := s.sw.SetRow(ref, s.buf); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// plainDecimal is what leadpipe stores as an amount or budget. Anything
// else, and anything with more digits than a float64 holds exactly (15),
// stays text, so no value is changed by the conversion.
var plainDecimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

func digits(s string) int {
	n := 0
	for _, r := range s {
		if '0' <= r && r <= '9' {
			n++
		}
	}
	return n
}

// utf16Len is the length Excel counts a cell's text in.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func (s *xlsxSheet) close() error {
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := s.f.Write(s.w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := s.f.Close(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// discard removes excelize's temporary files; harmless after close.
func (s *xlsxSheet) discard() { s.f.Close() }
