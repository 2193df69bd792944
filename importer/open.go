package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Errors that end reading a whole file. Callers branch on them with
// errors.Is; the messages name the file and, where there is one, the row.
var (
	// ErrNoHeader: the file has no non-empty row, so no header.
	ErrNoHeader = errors.New("no header row: the file has no data")
	// ErrLimit: the file exceeds a size limit of Options (a zip bomb, a
	// quote that is never closed, ...).
	ErrLimit = errors.New("input exceeds a size limit")
	// ErrUnclosedQuote: a CSV quote is never closed, so the rest of the
	// file would be one field.
	ErrUnclosedQuote = errors.New("unclosed quote")
)

// Open opens a lead file by its content, not its name: a zip file is read
// as XLSX, anything else as CSV or tab-separated text. A legacy .xls file
// is refused with a hint to re-save it. Record.File is path as given.
// Report footers and total lines are skipped (IsFooter).
func Open(path string, opts Options) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	var head [512]byte
	n, err := io.ReadFull(f, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	switch sniffMagic(head[:n]) {
	case magicZip:
		f.Close()
		r, err := openXLSX(path, opts)
		if err != nil {
			return nil, err
		}
		return &footerReader{Reader: r}, nil
	case magicOLE:
		f.Close()
		ext := strings.ToLower(filepath.Ext(path))
		if ext == ".xlsx" || ext == ".xlsm" {
			return nil, fmt.Errorf("%s is a password-protected workbook or a legacy .xls file: remove the password and save it as .xlsx, or save it as CSV", path)
		}
		return nil, fmt.Errorf("%s is a legacy .xls file: save it as .xlsx or CSV", path)
	}
	if kind := markupKind(head[:n]); kind != "" {
		// Some CRMs and web tools export a table as HTML or as Excel 2003
		// XML under an .xls name; read as CSV it would give one column of
		// tags and no lead.
		f.Close()
		return nil, fmt.Errorf("%s is %s, not CSV or XLSX: open it in Excel or LibreOffice and save it as .xlsx or CSV", path, kind)
	}
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	// Put the magic bytes back without seeking, so that pipes work too.
	src := io.MultiReader(bytes.NewReader(head[:n]), f)
	r, err := newCSVReader(path, src, size, f, opts, quotesRepair)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &footerReader{Reader: r}, nil
}

type magic int

const (
	magicNone magic = iota
	magicZip
	magicOLE
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func sniffMagic(b []byte) magic {
	switch {
	case bytes.HasPrefix(b, zipMagic):
		return magicZip
	case bytes.HasPrefix(b, oleMagic[:4]):
		return magicOLE
	}
	return magicNone
}

// markupKind names the kind of a file that starts (after a byte-order mark
// and white space) with HTML or Excel 2003 XML markup, or returns "".
func markupKind(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '<' {
		return ""
	}
	low := bytes.ToLower(b)
	switch {
	case bytes.Contains(low, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return "an Excel 2003 XML spreadsheet"
	case bytes.HasPrefix(low, []byte("<!doctype html")), bytes.HasPrefix(low, []byte("<html")),
		bytes.HasPrefix(low, []byte("<table")), bytes.HasPrefix(low, []byte("<meta")),
		bytes.HasPrefix(low, []byte("<?xml")) && bytes.Contains(low, []byte("<html")):
		return "a web page (HTML table)"
	}
	return ""
}
