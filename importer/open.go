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
func Open(path string, opts Options) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	var head [8]byte
	n, err := io.ReadFull(f, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	switch sniffMagic(head[:n]) {
	case magicZip:
		f.Close()
		return openXLSX(path, opts)
	case magicOLE:
		f.Close()
		ext := strings.ToLower(filepath.Ext(path))
		if ext == ".xlsx" || ext == ".xlsm" {
			return nil, fmt.Errorf("%s is a password-protected workbook or a legacy .xls file: remove the password and save it as .xlsx, or save it as CSV", path)
		}
		return nil, fmt.Errorf("%s is a legacy .xls file: save it as .xlsx or CSV", path)
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
	return r, nil
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
