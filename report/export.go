package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// What Export can write. The command line offers exactly these lists and
// ExportTargets.
var (
	// ExportObjects are the objects an export can hold, one per file.
	ExportObjects = []string{"leads", "accounts", "contacts", "opportunities"}
	// ExportFormats are the file formats.
	ExportFormats = []string{"csv", "xlsx"}
)

// ExportOptions say what an export writes.
type ExportOptions struct {
	Object string // one of ExportObjects
	Format string // one of ExportFormats
	Target string // one of ExportTargets, or "" for leadpipe's own columns
}

// ExportSource is what an export reads: the leads and the objects they were
// converted into, each in id order. The store implements it.
type ExportSource interface {
	ForEachLead(fn func(*crm.Lead) error) error
	ForEachAccount(fn func(*crm.Account) error) error
	ForEachContact(fn func(*crm.Contact) error) error
	ForEachOpportunity(fn func(*crm.Opportunity) error) error
	// Account returns one account, or an error wrapping crm.ErrNotFound.
	Account(id crm.AccountID) (*crm.Account, error)
}

// Export writes every record of one object, sorted by id, as CSV or XLSX,
// with leadpipe's own columns or, with a Target, with the columns and
// values of that CRM's import tool (see ExportTargets). Leads merged into
// another lead are left out: the lead they were merged into carries their
// data.
//
// Every cell that a spreadsheet would run as a formula is escaped (see
// escapeCell), in CSV and XLSX alike, headers included: an export is
// opened in Excel as often as it is imported. E.164 phone numbers and
// negative numbers are left as they are, so they stay importable. XLSX
// cells are never formulas: text is written as text, and only plain
// decimals (amount, budget, score) become number cells.
//
// CSV is UTF-8 without a BOM (what the CRM importers expect), comma
// separated, with "\n" line ends, and never starts with the bytes "ID",
// which make Excel take the file for SYLK. XLSX has one sheet, named after
// the object, and needs no more memory for a large store than for a small
// one: rows are streamed, and excelize moves them to a temporary file
// beyond 16 MB.
//
// The output is byte-identical for an unchanged store, XLSX included
// (excelize writes fixed time stamps into the zip and its properties).
func Export(w io.Writer, src ExportSource, opts ExportOptions) error {
	_, err := ExportRows(w, src, opts)
	return err
}

// ExportRows writes as Export does and returns the number of records
// written, the header not counted.
func ExportRows(w io.Writer, src ExportSource, opts ExportOptions) (int, error) {
	if !slices.Contains(ExportObjects, opts.Object) {
		return 0, fmt.Errorf("export: unknown object %q", opts.Object)
	}
	var l *exportLayout
	if opts.Target == "" {
		l = &ownLayout
	} else if l = targetLayouts[opts.Target]; l == nil {
		return 0, fmt.Errorf("export: unknown target %q", opts.Target)
	}
	var s exportSheet
	switch opts.Format {
	case "csv":
		s = newCSVSheet(w)
	case "xlsx":
		x, err := newXLSXSheet(w, l.sheetName(opts.Object))
		if err != nil {
			return 0, err
		}
		s = x
	default:
		return 0, fmt.Errorf("export: unknown format %q", opts.Format)
	}
	defer s.discard()
	c := &countingSheet{exportSheet: s}
	if err := l.write(c, src, opts.Object); err != nil {
		return 0, err
	}
	if err := s.close(); err != nil {
		return 0, err
	}
	return max(c.rows-1, 0), nil
}

// countingSheet counts the rows written to a sheet, the header included.
type countingSheet struct {
	exportSheet
	rows int
}

func (c *countingSheet) write(cells []exportCell) error {
	if err := c.exportSheet.write(cells); err != nil {
		return err
	}
	c.rows++
	return nil
}

// WriteLeadsCSV writes every lead as CSV with leadpipe's own columns; it
// is Export with Object "leads", Format "csv" and no Target.
func WriteLeadsCSV(w io.Writer, leads leadLister) error {
	s := newCSVSheet(w)
	if err := writeOwnLeads(s, leads); err != nil {
		return err
	}
	return s.close()
}

// leadLister is the part of crm.LeadReader a leads export needs.
type leadLister interface {
	ForEachLead(fn func(*crm.Lead) error) error
}

// exportSheet is where the rows of an export go: a CSV stream or an XLSX
// worksheet. It escapes formula triggers itself, so no table can forget
// to.
type exportSheet interface {
	// write writes one row; the header is the first.
	write(cells []exportCell) error
	// close completes the file.
	close() error
	// discard releases what an unfinished file holds; harmless after close.
	discard()
}

// exportCell is one value of a row.
type exportCell struct {
	text   string
	number bool // a plain decimal: a number cell in XLSX, text in CSV
}

// exportColumn is one column of a layout: its header and how its value is
// made from the record of a row.
type exportColumn[T any] struct {
	header string
	value  func(T) string
	number bool // see exportCell.number
}

// contactRow and opportunityRow are a contact or an opportunity with its
// account, for the columns that name the company. Account is never nil:
// an object without one (or with a dangling id) gets an empty account.
type (
	contactRow struct {
		*crm.Contact
		Account *crm.Account
	}
	opportunityRow struct {
		*crm.Opportunity
		Account *crm.Account
	}
)

// exportLayout is the column layout of every object for one target, or
// for leadpipe's own export. sheets names the XLSX worksheet per object.
// leadpipe's own leads layout is dynamic (custom columns), so ownLayout
// has leads == nil and writeOwnLeads builds it.
type exportLayout struct {
	sheets        map[string]string
	leads         []exportColumn[*crm.Lead]
	accounts      []exportColumn[*crm.Account]
	contacts      []exportColumn[contactRow]
	opportunities []exportColumn[opportunityRow]
}

func (l *exportLayout) sheetName(object string) string {
	if name := l.sheets[object]; name != "" {
		return name
	}
	return object
}

// header lists the column headers of one object (nil for leadpipe's own
// leads, whose header depends on the store).
func (l *exportLayout) header(object string) []string {
	switch object {
	case "leads":
		return headers(l.leads)
	case "accounts":
		return headers(l.accounts)
	case "contacts":
		return headers(l.contacts)
	case "opportunities":
		return headers(l.opportunities)
	}
	return nil
}

func headers[T any](cols []exportColumn[T]) []string {
	if cols == nil {
		return nil
	}
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.header
	}
	return h
}

func (l *exportLayout) write(s exportSheet, src ExportSource, object string) error {
	accounts := &accountCache{src: src}
	switch object {
	case "leads":
		if l.leads == nil {
			return writeOwnLeads(s, src)
		}
		return writeRows(s, l.leads, func(fn func(*crm.Lead) error) error {
			return src.ForEachLead(func(ld *crm.Lead) error {
				if ld.MergedInto != 0 {
					return nil // merged into another lead, which carries its data
				}
				return fn(ld)
			})
		})
	case "accounts":
		return writeRows(s, l.accounts, src.ForEachAccount)
	case "contacts":
		return writeRows(s, l.contacts, func(fn func(contactRow) error) error {
			return src.ForEachContact(func(c *crm.Contact) error {
				a, err := accounts.get(c.AccountID)
				if err != nil {
					return err
				}
				return fn(contactRow{c, a})
			})
		})
	case "opportunities":
		return writeRows(s, l.opportunities, func(fn func(opportunityRow) error) error {
			return src.ForEachOpportunity(func(o *crm.Opportunity) error {
				a, err := accounts.get(o.AccountID)
				if err != nil {
					return err
				}
				return fn(opportunityRow{o, a})
			})
		})
	}
	return fmt.Errorf("export: unknown object %q", object)
}

// writeRows writes the header and then one row per record.
func writeRows[T any](s exportSheet, cols []exportColumn[T], each func(func(T) error) error) error {
	cells := make([]exportCell, len(cols))
	for i, c := range cols {
		cells[i] = exportCell{text: c.header}
	}
	if err := s.write(cells); err != nil {
		return err
	}
	return each(func(r T) error {
		for i, c := range cols {
			cells[i] = exportCell{text: c.value(r), number: c.number}
		}
		return s.write(cells)
	})
}

// accountCache looks up the account of a contact or an opportunity,
// keeping the last one: the objects of one conversion have neighbouring
// ids and share their account.
type accountCache struct {
	src interface {
		Account(crm.AccountID) (*crm.Account, error)
	}
	id crm.AccountID
	a  *crm.Account
}

var noAccount = &crm.Account{}

func (c *accountCache) get(id crm.AccountID) (*crm.Account, error) {
	if id == 0 {
		return noAccount, nil
	}
	if id == c.id {
		return c.a, nil
	}
	a, err := c.src.Account(id)
	if errors.Is(err, crm.ErrNotFound) {
		// A dangling link is the store's problem (store check reports
		// it); the export still writes the object, with its own link
		// column and empty company columns.
		a, err = noAccount, nil
	}
	if err != nil {
		return nil, err
	}
	c.id, c.a = id, a
	return a, nil
}

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

// uniqueCustomHeaders returns the header of each custom column (custom is
// sorted): its name, or for a name that is also a fixed column the name
// with customPrefix. A file leadpipe exported and imported again has
// custom fields named "custom.score" beside "score" (and "id (2)" beside
// "id"), so a prefixed name that another custom field has already, or any
// header given before, gets " (2)", " (3)", ...: the header stays unique,
// as a spreadsheet or CRM importer that maps by header needs.
func uniqueCustomHeaders(fixed, custom []string) []string {
	taken := make(map[string]bool, len(fixed)+len(custom))
	for _, name := range fixed {
		taken[name] = true
	}
	for _, name := range custom {
		taken[name] = true
	}
	out := make([]string, len(custom))
	for i, name := range custom {
		if !slices.Contains(fixed, name) {
			out[i] = name
			continue
		}
		h := customPrefix + name
		for n := 2; taken[h]; n++ {
			h = customPrefix + name + " (" + strconv.Itoa(n) + ")"
		}
		taken[h] = true
		out[i] = h
	}
	return out
}

// writeOwnLeads writes every lead with leadpipe's own, stable columns: the
// core fields in crm.CoreFields order, score and grade, the derived
// columns, then the custom fields of all leads (the union, sorted by name;
// empty where a lead lacks one). It reads the store twice: once for the
// custom field names and once for the rows, so memory does not grow with
// the number of leads.
//
// Values are the stored ones; only formula triggers are escaped (see
// Export), so an export of a normal store is lossless, and a value that
// was escaped keeps its ' when the file is imported again.
//
// encoding/csv is used rather than gocsv because the column set is dynamic:
// gocsv maps struct fields to fixed columns, and the custom columns are only
// known at run time.
func writeOwnLeads(s exportSheet, leads leadLister) error {
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
	row := make([]exportCell, 0, len(fixed)+len(custom))
	for _, name := range fixed {
		row = append(row, exportCell{text: name})
	}
	for _, name := range uniqueCustomHeaders(fixed, custom) {
		row = append(row, exportCell{text: name})
	}
	if err := s.write(row); err != nil {
		return err
	}
	return leads.ForEachLead(func(l *crm.Lead) error {
		if l.MergedInto != 0 {
			return nil // merged into another lead, which carries its data
		}
		row = row[:0]
		for _, name := range crm.CoreFields {
			row = append(row, exportCell{text: l.Get(name), number: name == crm.FieldBudget})
		}
		row = append(row, exportCell{text: scoreColumn(l), number: true}, exportCell{text: string(l.Grade)})
		for _, v := range []string{l.LegalForm, l.PhoneExt, l.Currency,
			boolColumn(l.Email != "", l.EmailFreemail), boolColumn(l.Email != "", l.EmailRole), timestamp(l.UpdatedAt)} {
			row = append(row, exportCell{text: v})
		}
		for _, name := range custom {
			row = append(row, exportCell{text: l.Custom[name]})
		}
		return s.write(row)
	})
}

// ownLayout is leadpipe's own export of the converted objects: every field
// of the struct in struct order, headed by its JSON name, links as ids
// (empty when there is none), lists of lead ids joined with ";", booleans
// true/false and times RFC 3339 in UTC. An account's history is left out:
// it is an audit trail, not a field to import elsewhere.
var ownLayout = exportLayout{
	accounts: []exportColumn[*crm.Account]{
		{header: "id", value: func(a *crm.Account) string { return a.ID.String() }},
		{header: "name", value: func(a *crm.Account) string { return a.Name }},
		{header: "name_key", value: func(a *crm.Account) string { return a.NameKey }},
		{header: "legal_form", value: func(a *crm.Account) string { return a.LegalForm }},
		{header: "tax_id", value: func(a *crm.Account) string { return a.TaxID }},
		{header: "domain", value: func(a *crm.Account) string { return a.Domain }},
		{header: "street", value: func(a *crm.Account) string { return a.Street }},
		{header: "postal_code", value: func(a *crm.Account) string { return a.PostalCode }},
		{header: "city", value: func(a *crm.Account) string { return a.City }},
		{header: "country", value: func(a *crm.Account) string { return a.Country }},
		{header: "phone", value: func(a *crm.Account) string { return a.Phone }},
		{header: "verified", value: func(a *crm.Account) string { return strconv.FormatBool(a.Verified) }},
		{header: "customer", value: func(a *crm.Account) string { return strconv.FormatBool(a.Customer) }},
		{header: "created_at", value: func(a *crm.Account) string { return timestamp(a.CreatedAt) }},
		{header: "updated_at", value: func(a *crm.Account) string { return timestamp(a.UpdatedAt) }},
		{header: "leads", value: func(a *crm.Account) string { return leadIDs(a.Leads) }},
	},
	contacts: []exportColumn[contactRow]{
		{header: "id", value: func(c contactRow) string { return c.ID.String() }},
		{header: "account_id", value: func(c contactRow) string { return accountID(c.AccountID) }},
		{header: "salutation", value: func(c contactRow) string { return c.Salutation }},
		{header: "academic_title", value: func(c contactRow) string { return c.AcademicTitle }},
		{header: "first_name", value: func(c contactRow) string { return c.FirstName }},
		{header: "last_name", value: func(c contactRow) string { return c.LastName }},
		{header: "title", value: func(c contactRow) string { return c.Title }},
		{header: "email", value: func(c contactRow) string { return c.Email }},
		{header: "phone", value: func(c contactRow) string { return c.Phone }},
		{header: "phone_ext", value: func(c contactRow) string { return c.PhoneExt }},
		{header: "mobile", value: func(c contactRow) string { return c.Mobile }},
		{header: "street", value: func(c contactRow) string { return c.Street }},
		{header: "postal_code", value: func(c contactRow) string { return c.PostalCode }},
		{header: "city", value: func(c contactRow) string { return c.City }},
		{header: "country", value: func(c contactRow) string { return c.Country }},
		{header: "source", value: func(c contactRow) string { return c.Source }},
		{header: "created_at", value: func(c contactRow) string { return timestamp(c.CreatedAt) }},
		{header: "leads", value: func(c contactRow) string { return leadIDs(c.Leads) }},
	},
	opportunities: []exportColumn[opportunityRow]{
		{header: "id", value: func(o opportunityRow) string { return o.ID.String() }},
		{header: "account_id", value: func(o opportunityRow) string { return accountID(o.AccountID) }},
		{header: "contact_id", value: func(o opportunityRow) string { return contactID(o.ContactID) }},
		{header: "lead_id", value: func(o opportunityRow) string { return leadID(o.LeadID) }},
		{header: "name", value: func(o opportunityRow) string { return o.Name }},
		{header: "amount", value: func(o opportunityRow) string { return o.Amount }, number: true},
		{header: "currency", value: func(o opportunityRow) string { return o.Currency }},
		{header: "stage", value: func(o opportunityRow) string { return o.Stage }},
		{header: "close_date", value: func(o opportunityRow) string { return o.CloseDate }},
		{header: "source", value: func(o opportunityRow) string { return o.Source }},
		{header: "won", value: func(o opportunityRow) string { return strconv.FormatBool(o.Won) }},
		{header: "pending_verification", value: func(o opportunityRow) string { return strconv.FormatBool(o.PendingVerification) }},
		{header: "created_at", value: func(o opportunityRow) string { return timestamp(o.CreatedAt) }},
	},
}

// accountID, contactID and leadID write links as ids, and as nothing
// when there is none (id 0).
func accountID(id crm.AccountID) string {
	if id == 0 {
		return ""
	}
	return id.String()
}

func contactID(id crm.ContactID) string {
	if id == 0 {
		return ""
	}
	return id.String()
}

func leadID(id crm.ID) string {
	if id == 0 {
		return ""
	}
	return id.String()
}

func leadIDs(ids []crm.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.String()
	}
	return strings.Join(s, ";")
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

// csvSheet writes an export as CSV.
type csvSheet struct {
	w       io.Writer
	cw      *csv.Writer
	started bool
	rec     []string
}

func newCSVSheet(w io.Writer) *csvSheet {
	return &csvSheet{w: w, cw: csv.NewWriter(w)}
}

func (s *csvSheet) write(cells []exportCell) error {
	s.rec = s.rec[:0]
	for _, c := range cells {
		s.rec = append(s.rec, escapeCell(c.text))
	}
	if !s.started {
		s.started = true
		if len(s.rec) > 0 && strings.HasPrefix(s.rec[0], "ID") {
			return s.writeSYLKSafe(s.rec)
		}
	}
	return s.cw.Write(s.rec)
}

// writeSYLKSafe writes a first record whose first field starts with "ID"
// with that field quoted. Excel takes a file that starts with the bytes
// "ID" for a SYLK file and refuses or mangles it; `"ID…"` is the same CSV
// value and starts with a quote. csv.Writer never quotes such a field by
// itself, so the field is written here, before the csv.Writer has buffered
// anything.
func (s *csvSheet) writeSYLKSafe(rec []string) error {
	first := `"` + strings.ReplaceAll(rec[0], `"`, `""`) + `"`
	if len(rec) == 1 {
		_, err := io.WriteString(s.w, first+"\n")
		return err
	}
	if _, err := io.WriteString(s.w, first+","); err != nil {
		return err
	}
	return s.cw.Write(rec[1:])
}

func (s *csvSheet) close() error {
	s.cw.Flush()
	if err := s.cw.Error(); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return nil
}

func (s *csvSheet) discard() {}
