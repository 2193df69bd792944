package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/leadpipe/leadpipe/crm"
)

// RowReportHeader is the header of the row report, exactly.
var RowReportHeader = []string{"file", "row", "outcome", "lead_id", "reason"}

// RowReportWriter writes the row report: one CSV line per input row with its
// outcome, the lead it went to and why. It holds positions and field names
// only, never values, so it can be shared and kept freely. It is plain
// UTF-8 without a byte-order mark, meant for programs as much as people.
type RowReportWriter struct {
	f   *AtomicFile
	csv *csv.Writer
}

// NewRowReportWriter starts the row report at path. It fails at once when
// the file cannot be created, before the import does any work.
func NewRowReportWriter(path string) (*RowReportWriter, error) {
	f, err := CreateAtomic(path, 0o644)
	if err != nil {
		return nil, err
	}
	w := &RowReportWriter{f: f, csv: csv.NewWriter(f)}
	if err := w.csv.Write(RowReportHeader); err != nil {
		f.Abort()
		return nil, err
	}
	return w, nil
}

// Path is where the report goes.
func (w *RowReportWriter) Path() string { return w.f.Path() }

// Write adds the line of one row.
func (w *RowReportWriter) Write(o *crm.Outcome) error {
	id := ""
	if o.LeadID != 0 {
		id = o.LeadID.String()
	}
	return w.csv.Write([]string{escapeCell(o.File), strconv.Itoa(o.Row), string(o.Kind), id, escapeCell(RowReason(o))})
}

// RowReason is the reason column of an outcome: the rejection cause, or for
// a merge how the lead was found and which fields changed; then the
// warnings about the row's values, each "warning: " and the field and
// cause ("warning: phone: not a valid phone number"), so that the row of
// an unreadable value can be found without looking at every lead.
func RowReason(o *crm.Outcome) string {
	parts := make([]string, 0, 2+len(o.Warnings))
	if o.Reason != "" {
		parts = append(parts, o.Reason)
	}
	if o.Kind == crm.Merged && len(o.Changed) > 0 {
		parts = append(parts, "changed "+strings.Join(o.Changed, ", "))
	}
	if o.Kind != crm.Rejected {
		for _, w := range o.Warnings {
			parts = append(parts, "warning: "+w)
		}
	}
	return strings.Join(parts, "; ")
}

// Close completes the report and moves it into place.
func (w *RowReportWriter) Close() error {
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		w.f.Abort()
		return fmt.Errorf("write %s: %w", w.f.Path(), unwrapPath(err))
	}
	return w.f.Close()
}

// Moved says where a lead went after rows were reported under it (an
// import joined it into another): the lead, and a note for the reason
// column of those rows.
type Moved struct {
	Into crm.ID
	Note string
}

// CloseFollowing completes the report as Close does, after giving every
// row reported under a lead that moved the lead it ended in (following
// the moves onward) and the moves' notes at the end of its reason. The
// file is read back and written anew only when something moved.
func (w *RowReportWriter) CloseFollowing(moved map[crm.ID]Moved) error {
	if len(moved) == 0 {
		return w.Close()
	}
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		w.f.Abort()
		return fmt.Errorf("write %s: %w", w.f.Path(), unwrapPath(err))
	}
	in, err := w.f.readBack()
	if err != nil {
		w.f.Abort()
		return err
	}
	out, err := NewRowReportWriter(w.f.Path())
	if err != nil {
		w.f.Abort()
		return err
	}
	r := csv.NewReader(in)
	r.FieldsPerRecord = len(RowReportHeader)
	if _, err := r.Read(); err != nil { // the header, written anew
		w.f.Abort()
		out.Abort()
		return fmt.Errorf("read back %s: %w", w.f.Path(), err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			w.f.Abort()
			out.Abort()
			return fmt.Errorf("read back %s: %w", w.f.Path(), err)
		}
		if id, perr := crm.ParseID(rec[3]); perr == nil {
			var notes []string
			for hops := 0; hops < len(moved); hops++ {
				m, ok := moved[id]
				if !ok {
					break
				}
				id, notes = m.Into, append(notes, m.Note)
			}
			if len(notes) > 0 {
				rec[3] = id.String()
				rec[4] = strings.Join(append(nonEmpty(rec[4]), notes...), "; ")
			}
		}
		if err := out.csv.Write(rec); err != nil {
			w.f.Abort()
			out.Abort()
			return err
		}
	}
	w.f.Abort()
	return out.Close()
}

// nonEmpty returns s as a list of one, or none when it is empty.
func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// Abort discards the report; a file already at the path stays as it was.
func (w *RowReportWriter) Abort() { w.f.Abort() }
