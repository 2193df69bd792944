package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The annotation columns a rejects file adds after the original columns.
// When a rejects file is imported again, the importer ignores them; when one
// of its rows is rejected again, they are replaced, not repeated.
const (
	// ColumnFile names the input file of each row; only the shared file
	// of a run of several inputs has it, since their row numbers repeat.
	ColumnFile   = "leadpipe_file"
	ColumnRow    = "leadpipe_row"
	ColumnReason = "leadpipe_reason"
)

// bom makes Excel read the file as UTF-8.
const bom = "\uFEFF"

// RejectsWriter writes the rejected rows of an import so that they can be
// corrected in a spreadsheet and imported again as they are: the input
// file's own header and columns, in its delimiter, plus the columns
// leadpipe_row (the row number a spreadsheet shows in the input) and
// leadpipe_reason (field and cause; never the value). The file is UTF-8 with
// a byte-order mark so that Excel opens it correctly; values that a
// spreadsheet would run as a formula are escaped (see escapeCell).
//
// Rows of several input files go into one file when all of them have the
// same header and delimiter (or only one input had rows rejected); in a
// run of several inputs that file has the column leadpipe_file before
// leadpipe_row, naming each row's input as the user gave it, since two
// inputs' row numbers repeat. Otherwise each input file gets its own file,
// named after the path given with the input's base name added:
// rejects.csv → rejects-fair.csv, rejects-web.csv. Close returns the paths.
// When no row was rejected, no file is written, and one an earlier run
// wrote there is removed.
//
// Call StartFile for each input file, Write for each rejected row, and
// Close (or Abort) at the end. A RejectsWriter is not safe for concurrent
// use.
type RejectsWriter struct {
	path  string
	parts []*rejectsPart
	cur   *rejectsPart
}

// rejectsPart holds the rejected rows of one input file in a temporary
// file, without a header, until Close decides where they go.
type rejectsPart struct {
	input  string
	header []string // output header, without the annotation columns
	keep   []int    // input columns written: all but old annotation columns
	width  int      // columns of the input header
	extra  int      // most cells a row had right of the header (see Write)
	delim  rune
	tmp    *os.File
	csv    *csv.Writer
	rows   int
}

// NewRejectsWriter returns a writer for the rejects file at path. It checks
// at once that the directory takes new files, so that a bad path fails the
// run before any work is done; the file itself is written only when a row
// is rejected.
func NewRejectsWriter(path string) (*RejectsWriter, error) {
	probe, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".probe-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return &RejectsWriter{path: path}, nil
}

// StartFile begins the rejects of one input file: its name as the user gave
// it, its header cells and its delimiter ("" for a spreadsheet, which gets a
// comma).
func (w *RejectsWriter) StartFile(input string, header []string, delimiter string) {
	p := &rejectsPart{input: input, width: len(header), delim: delimiterRune(delimiter)}
	for i, h := range header {
		if isAnnotation(h) {
			continue
		}
		p.keep = append(p.keep, i)
		p.header = append(p.header, h)
	}
	w.parts = append(w.parts, p)
	w.cur = p
}

func isAnnotation(h string) bool {
	h = strings.TrimSpace(h)
	return strings.EqualFold(h, ColumnFile) || strings.EqualFold(h, ColumnRow) || strings.EqualFold(h, ColumnReason)
}

func delimiterRune(d string) rune {
	switch d {
	case ";":
		return ';'
	case "\t", "tab", `\t`:
		return '\t'
	case "|":
		return '|'
	}
	return ','
}

// Write adds one rejected row of the current input file: its row number,
// the fields as read, and the reason. Cells right of the header's last
// column (a spreadsheet cell right of the table) get columns of their own,
// with an empty title, as in the input. A row whose fields shifted (a CSV
// row with more fields than the header, rejected for that) keeps its
// surplus in its last column instead, joined by the delimiter, so that the
// file's columns stay those of the input and nothing is lost.
func (w *RejectsWriter) Write(row int, fields []string, reason string, shifted bool) error {
	p := w.cur
	if p == nil {
		return fmt.Errorf("write %s: no input file started", w.path)
	}
	if p.tmp == nil {
		tmp, err := os.CreateTemp(filepath.Dir(w.path), "."+filepath.Base(w.path)+".part-*")
		if err != nil {
			return fmt.Errorf("create %s: %w", w.path, unwrapPath(err))
		}
		p.tmp = tmp
		p.csv = csv.NewWriter(tmp)
		p.csv.Comma = p.delim
	}
	// The temporary file holds row and reason first: the columns the
	// surplus cells take are known only at Close.
	cells := make([]string, 2, len(p.keep)+4)
	cells[0], cells[1] = strconv.Itoa(row), reason
	for _, i := range p.keep {
		v := ""
		if i < len(fields) {
			v = fields[i]
		}
		cells = append(cells, v)
	}
	switch {
	case len(p.keep) == 0:
		cells = append(cells, fields...)
	case len(fields) > p.width && shifted:
		last := len(cells) - 1
		cells[last] = strings.Join(append([]string{cells[last]}, fields[p.width:]...), string(p.delim))
	case len(fields) > p.width:
		cells = append(cells, fields[p.width:]...)
		p.extra = max(p.extra, len(fields)-p.width)
	}
	for i := range cells {
		cells[i] = escapeCell(cells[i])
	}
	if err := p.csv.Write(cells); err != nil {
		return fmt.Errorf("write %s: %w", w.path, unwrapPath(err))
	}
	p.rows++
	return nil
}

// Rows returns the number of rows written so far.
func (w *RejectsWriter) Rows() int {
	n := 0
	for _, p := range w.parts {
		n += p.rows
	}
	return n
}

// Close writes the rejects file, or one per input file, and returns the
// paths written; none when no row was rejected. A rejects file an earlier
// run left at one of those names is removed when this run writes none
// there. On error nothing is left behind but the files completed before
// it.
func (w *RejectsWriter) Close() ([]string, error) {
	defer w.Abort()
	var parts []*rejectsPart
	for _, p := range w.parts {
		if p.rows == 0 {
			continue
		}
		p.csv.Flush()
		if err := p.csv.Error(); err != nil {
			return nil, fmt.Errorf("write %s: %w", w.path, unwrapPath(err))
		}
		parts = append(parts, p)
	}
	var paths []string
	switch {
	case len(parts) == 0:
	case sameLayout(parts):
		// The path as given holds the rows of any input of a run of
		// several: each row names its input, also when only one of
		// them had rows rejected.
		if err := writeRejects(w.path, parts, len(w.parts) > 1); err != nil {
			return nil, err
		}
		paths = []string{w.path}
	default:
		used := map[string]bool{}
		for _, p := range parts {
			path := perInputPath(w.path, p.input, used)
			if err := writeRejects(path, []*rejectsPart{p}, false); err != nil {
				return paths, err
			}
			paths = append(paths, path)
		}
	}
	w.removeStale(paths)
	return paths, nil
}

// removeStale removes the rejects files an earlier run left at the names
// this run could have written and did not: a nightly job that finds no
// rejected row must not leave last night's rejects file behind as if it
// were tonight's. Only a file whose first line ends in leadpipe's
// annotation columns is removed, and never one of this run's inputs (a
// corrected rejects file imported with --rejects naming it: the user's
// file, read by this run, not left by an earlier one).
func (w *RejectsWriter) removeStale(written []string) {
	names := []string{w.path}
	used := map[string]bool{}
	for _, p := range w.parts {
		names = append(names, perInputPath(w.path, p.input, used))
	}
	for _, name := range names {
		if !slices.Contains(written, name) && isRejectsFile(name) && !w.isInput(name) {
			os.Remove(name)
		}
	}
}

// isInput reports whether the file at path is one of the run's inputs.
func (w *RejectsWriter) isInput(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	for _, p := range w.parts {
		if in, err := os.Stat(p.input); err == nil && os.SameFile(fi, in) {
			return true
		}
	}
	return false
}

// isRejectsFile reports whether the file at path starts with a rejects
// file's header line.
func isRejectsFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, buf)
	line, _, _ := strings.Cut(string(buf[:n]), "\n")
	line = strings.TrimRight(line, "\r")
	for _, d := range []string{",", ";", "\t", "|"} {
		if strings.HasSuffix(line, ColumnRow+d+ColumnReason) {
			return true
		}
	}
	return false
}

// Abort removes the temporary files and writes nothing.
func (w *RejectsWriter) Abort() {
	for _, p := range w.parts {
		if p.tmp != nil {
			p.tmp.Close()
			os.Remove(p.tmp.Name())
			p.tmp = nil
		}
	}
}

func sameLayout(parts []*rejectsPart) bool {
	for _, p := range parts[1:] {
		if p.delim != parts[0].delim || !slices.Equal(p.header, parts[0].header) {
			return false
		}
	}
	return true
}

// perInputPath names the rejects file of one input: rejects.csv and
// fair.xlsx give rejects-fair.csv. Two inputs with the same base name get
// -2, -3, ... added.
func perInputPath(path, input string, used map[string]bool) string {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	base := filepath.Base(input)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	name := stem + "-" + base + ext
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s-%s-%d%s", stem, base, n, ext)
	}
	used[name] = true
	return name
}

// writeRejects writes the header of parts[0], with an untitled column for
// each cell found right of the table, and the rows of every part, their
// row and reason moved to the end, after their input's name when several
// is set.
func writeRejects(path string, parts []*rejectsPart, several bool) error {
	f, err := CreateAtomic(path, 0o600)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := io.WriteString(f, bom); err != nil {
		return err
	}
	extra := 0
	for _, p := range parts {
		extra = max(extra, p.extra)
	}
	cw := csv.NewWriter(f)
	cw.Comma = parts[0].delim
	header := make([]string, 0, len(parts[0].header)+extra+2)
	for _, h := range parts[0].header {
		header = append(header, escapeCell(h))
	}
	header = append(header, make([]string, extra)...)
	width := len(header)
	// Several inputs' row numbers repeat: each row names its file.
	if several {
		header = append(header, ColumnFile)
	}
	if err := cw.Write(append(header, ColumnRow, ColumnReason)); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := p.tmp.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("write %s: %w", path, unwrapPath(err))
		}
		cr := csv.NewReader(p.tmp)
		cr.Comma = p.delim
		cr.FieldsPerRecord = -1
		cells := make([]string, 0, width+2)
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("write %s: %w", path, unwrapPath(err))
			}
			cells = append(cells[:0], rec[2:]...)
			for len(cells) < width && len(parts[0].header) > 0 {
				cells = append(cells, "")
			}
			if several {
				cells = append(cells, escapeCell(p.input))
			}
			if err := cw.Write(append(cells, rec[0], rec[1])); err != nil {
				return fmt.Errorf("write %s: %w", path, unwrapPath(err))
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	return f.Close()
}
