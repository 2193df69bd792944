package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
)

// ReviewRow is one flagged pair of the review file.
type ReviewRow struct {
	A, B  *crm.Lead
	Score float64
	Veto  string
	// ComparedWith names the earlier state of B the score is for
	// (dedupe.StateName); empty for B as it is, whose values the row shows.
	ComparedWith string
}

// reviewFields are the lead fields shown side by side in a review file.
var reviewFields = []string{
	crm.FieldSalutation, crm.FieldAcademicTitle, crm.FieldFirstName, crm.FieldLastName,
	crm.FieldCompany, crm.FieldTitle, crm.FieldEmail, crm.FieldPhone, crm.FieldMobile,
	crm.FieldStreet, crm.FieldPostalCode, crm.FieldCity, crm.FieldCountry, crm.FieldTaxID,
	crm.FieldSource, crm.FieldCreatedAt, crm.FieldStatus,
}

// Review file columns read back by ReadReviewFile.
const (
	colDecision = "decision"
	colLeadA    = "lead_a"
	colLeadB    = "lead_b"
)

// WriteReviewFile writes the pairs to path (atomically): decision (empty),
// score, kept_apart_by, compared_with (the earlier state of lead_b the
// score is for, when not lead_b as it is), lead_a, lead_b, then a_<field>,
// b_<field> for each field. Values a spreadsheet would run as formulas are escaped.
func WriteReviewFile(path string, rows []ReviewRow) error {
	f, err := CreateAtomic(path, 0o600)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := WriteReview(f, rows); err != nil {
		return err // the file's writes name it already
	}
	return f.Close()
}

// WriteReview writes a review file to w.
func WriteReview(w io.Writer, rows []ReviewRow) error {
	cw := csv.NewWriter(w)
	header := []string{colDecision, "score", "kept_apart_by", "compared_with", colLeadA, colLeadB}
	for _, f := range reviewFields {
		header = append(header, "a_"+f, "b_"+f)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, 0, len(header))
	for _, r := range rows {
		rec = append(rec[:0], "", strconv.FormatFloat(r.Score, 'f', 2, 64), r.Veto, escapeCell(r.ComparedWith), r.A.ID.String(), r.B.ID.String())
		for _, f := range reviewFields {
			rec = append(rec, escapeCell(r.A.Get(f)), escapeCell(r.B.Get(f)))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// verdicts maps the words a reviewer may write, lower-cased.
var verdicts = map[string]dedupe.Verdict{
	"": dedupe.Undecided, "?": dedupe.Undecided, "skip": dedupe.Undecided,
	"same": dedupe.Same, "merge": dedupe.Same, "yes": dedupe.Same, "y": dedupe.Same, "x": dedupe.Same,
	"ja": dedupe.Same, "j": dedupe.Same, "tak": dedupe.Same, "t": dedupe.Same, "duplicate": dedupe.Same,
	"different": dedupe.Different, "diff": dedupe.Different, "no": dedupe.Different, "n": dedupe.Different,
	"nein": dedupe.Different, "nie": dedupe.Different, "distinct": dedupe.Different,
}

// ReadReviewFile reads the decisions of an edited review file; name is
// used in errors. Only the decision, lead_a and lead_b columns are read, so
// reviewers may sort, filter and delete rows, or add columns. A file
// saved by a spreadsheet with ';' or a tab as separator is read too. A row whose
// cells are all empty (a row cleared in a spreadsheet, saved as ";;;;") is
// skipped. An unknown decision or lead id is an error naming the row and
// column.
func ReadReviewFile(r io.Reader, name string) ([]dedupe.ReviewDecision, error) {
	data, err := io.ReadAll(io.LimitReader(r, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("review file %s: %w", name, err)
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	first, _, _ := strings.Cut(text, "\n")
	cr := csv.NewReader(strings.NewReader(text))
	switch commas := strings.Count(first, ","); {
	case strings.Count(first, "\t") > max(commas, strings.Count(first, ";")):
		cr.Comma = '\t' // Excel's "Text (Tab delimited)"
	case strings.Count(first, ";") > commas:
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("review file %s is empty: no header row (write it with leadpipe review export)", name)
	}
	if err != nil {
		return nil, fmt.Errorf("review file %s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, c := range []string{colDecision, colLeadA, colLeadB} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("review file %s: no %s column (is it a file written by leadpipe review export?)", name, c)
		}
	}
	var out []dedupe.ReviewDecision
	// Every bad row is named, not just the first, so that a file edited
	// by hand is mended in one go; nothing is applied while any is bad.
	var errs []error
	bad := func(err error) {
		if len(errs) < maxReviewErrors {
			errs = append(errs, err)
		} else if len(errs) == maxReviewErrors {
			errs = append(errs, fmt.Errorf("review file %s: more rows with errors not listed", name))
		}
	}
	row := 1 // the header; rows are numbered as a spreadsheet shows them
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		row++
		if err != nil {
			// A broken quote may take the rest of the file with it:
			// the rows after it are not read.
			bad(fmt.Errorf("review file %s row %d: %w", name, row, err))
			break
		}
		get := func(c string) string {
			if i := col[c]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if blankRecord(rec) {
			continue
		}
		v, okV := verdicts[strings.ToLower(get(colDecision))]
		if !okV {
			bad(fmt.Errorf("review file %s row %d decision: unknown value %q (write same or different, or leave it empty)", name, row, get(colDecision)))
		}
		a, errA := crm.ParseID(get(colLeadA))
		if errA != nil {
			bad(fmt.Errorf("review file %s row %d lead_a: %w", name, row, errA))
		}
		b, errB := crm.ParseID(get(colLeadB))
		if errB != nil {
			bad(fmt.Errorf("review file %s row %d lead_b: %w", name, row, errB))
		}
		if okV && errA == nil && errB == nil {
			out = append(out, dedupe.ReviewDecision{File: name, Row: row, A: a, B: b, Verdict: v})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// maxReviewErrors bounds the bad rows of a review file that an error
// lists.
const maxReviewErrors = 20

// blankRecord reports whether every cell of rec is empty or white space.
func blankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
