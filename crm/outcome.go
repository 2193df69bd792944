package crm

import (
	"errors"
	"fmt"
)

// OutcomeKind is what happened to one input row. Every data row of an import
// ends in exactly one kind, and the kinds add up to the rows read.
type OutcomeKind string

// The four outcomes of an input row.
const (
	Created   OutcomeKind = "created"
	Merged    OutcomeKind = "merged"
	Unchanged OutcomeKind = "unchanged"
	Rejected  OutcomeKind = "rejected"
)

// Outcome is the result of one input row.
type Outcome struct {
	File     string      `json:"file"`
	Row      int         `json:"row"` // as a spreadsheet program shows it; header is row 1
	Kind     OutcomeKind `json:"outcome"`
	LeadID   ID          `json:"lead_id,omitempty"`
	Changed  []string    `json:"changed,omitempty"` // fields a merge changed
	Reason   string      `json:"reason,omitempty"`  // why rejected, or why unchanged/merged
	Warnings []string    `json:"warnings,omitempty"`
	// Err is the rejection cause; Reason is its text.
	Err error `json:"-"`
}

// Counts sums outcomes by kind.
type Counts struct {
	Rows      int `json:"rows"`
	Created   int `json:"created"`
	Merged    int `json:"merged"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
}

// Add counts one outcome.
func (c *Counts) Add(k OutcomeKind) {
	c.Rows++
	switch k {
	case Created:
		c.Created++
	case Merged:
		c.Merged++
	case Unchanged:
		c.Unchanged++
	case Rejected:
		c.Rejected++
	}
}

// Plus returns c + d.
func (c Counts) Plus(d Counts) Counts {
	return Counts{c.Rows + d.Rows, c.Created + d.Created, c.Merged + d.Merged, c.Unchanged + d.Unchanged, c.Rejected + d.Rejected}
}

// Balanced reports whether the outcome counts add up to the rows read.
func (c Counts) Balanced() bool {
	return c.Created+c.Merged+c.Unchanged+c.Rejected == c.Rows
}

// Sentinel causes of a rejected row, grouped by when they occur. Callers
// branch on them with errors.Is; users read the RowError's position.
var (
	// Structural problems found while reading.
	ErrFieldCount = errors.New("more fields than the header has columns")
	ErrEncoding   = errors.New("bytes that are not valid in the file's encoding")
	ErrRowTooLong = errors.New("row exceeds the size limit")
	ErrQuote      = errors.New("malformed quoting")

	// Validation of the normalized lead.
	ErrUnreachable = errors.New("no way to reach the person: no valid e-mail, phone or postal address, and no name plus company")
	ErrConverted   = errors.New("matches a converted lead, which is read-only")
	// ErrErased: the row is a person who was erased (leadpipe erase).
	ErrErased = errors.New("this person was erased at their request; not imported again (import: erased: create in leadpipe.yaml imports such rows)")
)

// RowError is a problem at a position of an input file. It names the file,
// row and field but never repeats the value: values are personal data.
type RowError struct {
	File  string
	Row   int
	Field string // core field name or column header; empty for the whole row
	Err   error
}

func (e *RowError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s row %d field %s: %v", e.File, e.Row, e.Field, e.Err)
	}
	return fmt.Sprintf("%s row %d: %v", e.File, e.Row, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }
