package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/leadpipe/leadpipe/convert"
)

// convertPlanHeader is the header of a conversion plan report: one line per
// selected lead, converted or held back.
var convertPlanHeader = []string{
	"lead", "outcome", "name", "company",
	"account_action", "account_id", "account_key", "account_name", "customer", "account_filled",
	"contact_action", "contact_id", "contact_key",
	"opportunity_id", "opportunity_name", "amount", "currency", "close_date", "pending_verification",
	"stage", "reason",
}

// WriteConvertPlanFile writes the plan of a conversion to path (atomically):
// first the converted leads, then those converted before (outcome
// already_converted, with their account), then those held back. The file
// is opened in spreadsheets, so formula triggers are escaped.
func WriteConvertPlanFile(path string, p *convert.Plan) error {
	f, err := CreateAtomic(path, 0o600)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := WriteConvertPlan(f, p); err != nil {
		return err // the file's writes name it already
	}
	return f.Close()
}

// WriteConvertPlan writes the plan as CSV to w.
func WriteConvertPlan(w io.Writer, p *convert.Plan) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(convertPlanHeader); err != nil {
		return err
	}
	row := make([]string, 0, len(convertPlanHeader))
	for _, l := range p.Leads {
		row = append(row[:0], l.Lead.String(), "convert", escapeCell(l.Name), escapeCell(l.Company),
			l.Account.Action, l.Account.ID.String(), l.Account.Key, escapeCell(l.Account.Name), fmt.Sprint(l.Account.Customer),
			escapeCell(filledCell(l.Account.Filled)),
			l.Contact.Action, l.Contact.ID.String(), l.Contact.Key)
		if o := l.Opportunity; o != nil {
			row = append(row, o.ID.String(), escapeCell(o.Name), o.Amount, o.Currency, o.CloseDate, fmt.Sprint(o.Pending))
		} else {
			row = append(row, "", "", "", "", "", "")
		}
		row = append(row, string(l.Stage), "")
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	for _, a := range p.Already {
		row = append(row[:0], a.Lead.String(), "already_converted", escapeCell(a.Name), escapeCell(a.Company),
			"", a.Account.String(), "", "", "", "", "", "", "", "", "", "", "", "", "", "", "")
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	for _, h := range p.Held {
		row = append(row[:0], h.Lead.String(), "held", escapeCell(h.Name), escapeCell(h.Company),
			"", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", h.Reason)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// filledCell writes the account fields a lead fills as
// "tax_id=DE811907980; domain=example.de".
func filledCell(f []convert.FieldFill) string {
	parts := make([]string, len(f))
	for i, x := range f {
		parts[i] = x.Field + "=" + x.Value
	}
	return strings.Join(parts, "; ")
}
