package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// scoreColumns follow the core fields (whose last is stage): the stored
// score and grade, both empty for a lead that was never scored.
var scoreColumns = []string{"score", "grade"}

// derivedColumns follow the score columns in an export: facts leadpipe derives
// from them, and when the lead last changed. updated_at changes only when an
// import changes data, so re-importing the same file still exports the same
// bytes.
var derivedColumns = []string{"legal_form", "phone_ext", "currency", "email_freemail", "email_role", "updated_at"}

// customPrefix marks a custom column whose header text is also the name of
// a core or derived column, so that the export header stays unique.
const customPrefix = "custom."

// WriteLeadsCSV writes every lead as CSV, sorted by id, with stable columns:
// the core fields in crm.CoreFields order, score and grade, the derived
// columns, then the
// custom fields of all leads (the union, sorted by name; empty where a lead
// lacks one). It reads the store twice: once for the custom field names and
// once for the rows, so memory does not grow with the number of leads.
//
// Values are written exactly as stored, with no formula escaping: an export
// is for other programs and for diffing, and must be lossless. The output
// is byte-identical for an unchanged store.
//
// encoding/csv is used rather than gocsv because the column set is dynamic:
// gocsv maps struct fields to fixed columns, and the custom columns are only
// known at run time.
func WriteLeadsCSV(w io.Writer, leads crm.LeadReader) error {
	seen := map[string]bool{}
	err := leads.ForEachLead(func(l *crm.Lead) error {
		for name := range l.Custom {
			seen[name] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	custom := make([]string, 0, len(seen))
	for name := range seen {
		custom = append(custom, name)
	}
	slices.Sort(custom)

	fixed := slices.Concat(crm.CoreFields, scoreColumns, derivedColumns)
	header := slices.Clone(fixed)
	for _, name := range custom {
		if slices.Contains(fixed, name) {
			name = customPrefix + name
		}
		header = append(header, name)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	err = leads.ForEachLead(func(l *crm.Lead) error {
		if l.MergedInto != 0 {
			return nil // merged into another lead, which carries its data
		}
		row = row[:0]
		for _, name := range crm.CoreFields {
			row = append(row, l.Get(name))
		}
		row = append(row, scoreColumn(l), string(l.Grade))
		row = append(row, l.LegalForm, l.PhoneExt, l.Currency,
			boolColumn(l.Email != "", l.EmailFreemail), boolColumn(l.Email != "", l.EmailRole), timestamp(l.UpdatedAt))
		for _, name := range custom {
			row = append(row, l.Custom[name])
		}
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return nil
}

// scoreColumn writes the stored score; empty when the lead was never
// scored (it has no grade then).
func scoreColumn(l *crm.Lead) string {
	if l.Grade == "" {
		return ""
	}
	return strconv.Itoa(l.Score)
}

// boolColumn writes a derived boolean; empty when the field it derives from is.
func boolColumn(present, v bool) string {
	if !present {
		return ""
	}
	return strconv.FormatBool(v)
}

func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
