package crm

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ID identifies a stored object. IDs are allocated in increasing order, so
// key order in the store is creation order and writes stay sequential.
type ID uint64

// LeadID formats a lead id the way users see and type it: "L0000042".
func (id ID) String() string { return fmt.Sprintf("L%07d", uint64(id)) }

// MarshalText writes the id as users see it, so JSON carries "L0000042"
// like every other output.
func (id ID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText reads what MarshalText writes (and "42"), "L0000000" (no
// lead: an opportunity whose lead was erased) included.
func (id *ID) UnmarshalText(b []byte) error {
	if len(b) > 1 && b[0] == 'L' && strings.Trim(string(b[1:]), "0") == "" {
		*id = 0
		return nil
	}
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// ParseID accepts "L0000042", "l42" or "42".
func ParseID(s string) (ID, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(strings.TrimPrefix(t, "L"), "l")
	n, err := strconv.ParseUint(t, 10, 64)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("invalid lead id %q: want L followed by digits, e.g. L0000042", s)
	}
	return ID(n), nil
}

// Core field names. They are the same everywhere: export header, --json,
// mapping files and the rule expressions of the scoring stage.
const (
	FieldID            = "id"
	FieldSalutation    = "salutation"
	FieldAcademicTitle = "academic_title"
	FieldFirstName     = "first_name"
	FieldLastName      = "last_name"
	FieldCompany       = "company"
	FieldTitle         = "title"
	FieldEmail         = "email"
	FieldPhone         = "phone"
	FieldMobile        = "mobile"
	FieldStreet        = "street"
	FieldPostalCode    = "postal_code"
	FieldCity          = "city"
	FieldCountry       = "country"
	FieldTaxID         = "tax_id"
	FieldSource        = "source"
	FieldBudget        = "budget"
	FieldCreatedAt     = "created_at"
	FieldStatus        = "status"
	FieldStage         = "stage"

	// The companions of phone and budget: not data fields of their own,
	// but merged, kept in the history and taken back with them.
	FieldPhoneExt = "phone_ext"
	FieldCurrency = "currency"
)

// DataFields are the core fields an import can fill, in export order. id,
// created_at, status and stage are managed by leadpipe itself.
var DataFields = []string{
	FieldSalutation, FieldAcademicTitle, FieldFirstName, FieldLastName,
	FieldCompany, FieldTitle, FieldEmail, FieldPhone, FieldMobile,
	FieldStreet, FieldPostalCode, FieldCity, FieldCountry, FieldTaxID,
	FieldSource, FieldBudget,
}

// CoreFields is the full list of core field names in export order.
var CoreFields = append(append([]string{FieldID}, DataFields...), FieldCreatedAt, FieldStatus, FieldStage)

// IsDataField reports whether name is one of DataFields.
func IsDataField(name string) bool { return slices.Contains(DataFields, name) }

// IsLeadField reports whether name is a value of the lead itself, not a
// custom field: a data field or a companion (phone_ext, currency).
func IsLeadField(name string) bool {
	return IsDataField(name) || name == FieldPhoneExt || name == FieldCurrency
}

// Lead is a person plus company that may become a customer. Every data field
// holds its normalized value as a string (budget as a plain decimal such as
// "83500.00", country as ISO 3166-1 alpha-2, phone as E.164); Raw keeps the
// value exactly as the source file had it, keyed by field name.
type Lead struct {
	ID ID `json:"id"`

	Salutation    string `json:"salutation,omitempty"`
	AcademicTitle string `json:"academic_title,omitempty"`
	FirstName     string `json:"first_name,omitempty"`
	LastName      string `json:"last_name,omitempty"`
	Company       string `json:"company,omitempty"`
	Title         string `json:"title,omitempty"`
	Email         string `json:"email,omitempty"`
	Phone         string `json:"phone,omitempty"`
	Mobile        string `json:"mobile,omitempty"`
	Street        string `json:"street,omitempty"`
	PostalCode    string `json:"postal_code,omitempty"`
	City          string `json:"city,omitempty"`
	Country       string `json:"country,omitempty"`
	TaxID         string `json:"tax_id,omitempty"`
	Source        string `json:"source,omitempty"`
	Budget        string `json:"budget,omitempty"`

	// Derived facts kept for matching and rules; recomputed from the fields.
	CompanyKey    string `json:"company_key,omitempty"`    // company name without legal form, folded
	LegalForm     string `json:"legal_form,omitempty"`     // "GmbH", "Sp. z o.o.", ...
	EmailFreemail bool   `json:"email_freemail,omitempty"` // gmail.com, web.de, wp.pl, ...
	EmailRole     bool   `json:"email_role,omitempty"`     // info@, sales@, ...
	PhoneExt      string `json:"phone_ext,omitempty"`
	Currency      string `json:"currency,omitempty"` // ISO 4217 of budget, when the file said
	// EmailFields names the custom fields that hold more of the person's
	// e-mail addresses (an export's "E-mail 2 Address" or "Secondary
	// Email" column): dedupe matches on them as on Email.
	EmailFields []string `json:"email_fields,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Status    Status    `json:"status"`
	Stage     Stage     `json:"stage"`

	// Custom holds columns no dictionary knew, keyed by their header text.
	Custom map[string]string `json:"custom,omitempty"`
	// Raw holds the source value of every field (core and custom) as it was
	// last imported, by field name or custom header.
	Raw RawValues `json:"raw,omitempty"`

	// Imports lists the import ids that created or changed this lead.
	Imports []string `json:"imports,omitempty"`
	// History is append-only: every replaced value and every status change.
	History []Change `json:"history,omitempty"`
	// Warnings are non-fatal findings of the last import that touched it.
	Warnings []string `json:"warnings,omitempty"`

	// PossibleDuplicateOf names a lead this one may duplicate (for review).
	PossibleDuplicateOf ID `json:"possible_duplicate_of,omitempty"`

	// Scoring: points, grade and the rules that fired, set by the scoring stage.
	Score      int       `json:"score"`
	Grade      Grade     `json:"grade,omitempty"`
	ScoreRules []RuleHit `json:"score_rules,omitempty"`

	// Conversion: what the lead became. A converted lead is read-only.
	ConvertedAt      time.Time     `json:"converted_at,omitzero"`
	AccountID        AccountID     `json:"account_id,omitempty"`
	ContactID        ContactID     `json:"contact_id,omitempty"`
	OpportunityID    OpportunityID `json:"opportunity_id,omitempty"`
	StatusBeforeConv Status        `json:"status_before_conversion,omitempty"`

	// MergedInto is set on a lead that dedupe or a review merged into
	// another one. It is kept, read-only and out of lists and exports, so
	// that `leadpipe leads unmerge` can bring it back.
	MergedInto ID `json:"merged_into,omitempty"`
	// Merges records every merge into this lead, oldest first: what it
	// changed, and what was merged in.
	Merges []MergeRecord `json:"merges,omitempty"`
}

// MergeRecord is one merge into a lead: enough to take it back.
type MergeRecord struct {
	ID string    `json:"id"` // the import or dedupe run
	At time.Time `json:"at"`
	By string    `json:"by"` // "import", "dedupe" or "review"
	// From is the lead merged in (dedupe, review); it stays in the store
	// with MergedInto set.
	From ID `json:"from,omitempty"`
	// File and Row name the input row merged in (import); Row holds that
	// row's normalized values, RowSig its signature.
	File   string  `json:"file,omitempty"`
	Row    int     `json:"row,omitempty"`
	RowSig uint64  `json:"-"`
	Lead   *Lead   `json:"-"`
	Score  float64 `json:"score"`
	// Changes lists every field the merge set, with the value before it
	// (empty when the merge filled an empty field).
	Changes []Change `json:"changes"`
}

// Grade is the scoring tier that tells sales whom to call first.
type Grade string

// The grades, best first.
const (
	GradeHot  Grade = "hot"
	GradeWarm Grade = "warm"
	GradeCold Grade = "cold"
)

// RuleHit records that a scoring rule fired and what it added.
type RuleHit struct {
	Rule   string `json:"rule"`
	Points int    `json:"points"`
}

// ErasedValue replaces an erased person's value wherever the history or
// a merge record kept it (leadpipe erase); it stands for no value.
const ErasedValue = "[erased]"

// Change is one entry of a lead's history.
type Change struct {
	At       time.Time `json:"at"`
	ImportID string    `json:"import_id,omitempty"` // set when an import made the change
	By       string    `json:"by"`                  // "import", a command, or "rule:<name>"
	Field    string    `json:"field"`
	Old      string    `json:"old"`
	New      string    `json:"new"`
	Reason   string    `json:"reason,omitempty"`
}

// fieldPtr returns the address of a data field, or nil for unknown names.
func (l *Lead) fieldPtr(name string) *string {
	_, p := l.DataField(name)
	return p
}

// DataField returns the index in DataFields of the data field name and
// the address of its value in l, or -1 and nil for any other name. One
// switch: the store's codec calls it for every raw value it writes.
func (l *Lead) DataField(name string) (int, *string) {
	switch name {
	case FieldSalutation:
		return 0, &l.Salutation
	case FieldAcademicTitle:
		return 1, &l.AcademicTitle
	case FieldFirstName:
		return 2, &l.FirstName
	case FieldLastName:
		return 3, &l.LastName
	case FieldCompany:
		return 4, &l.Company
	case FieldTitle:
		return 5, &l.Title
	case FieldEmail:
		return 6, &l.Email
	case FieldPhone:
		return 7, &l.Phone
	case FieldMobile:
		return 8, &l.Mobile
	case FieldStreet:
		return 9, &l.Street
	case FieldPostalCode:
		return 10, &l.PostalCode
	case FieldCity:
		return 11, &l.City
	case FieldCountry:
		return 12, &l.Country
	case FieldTaxID:
		return 13, &l.TaxID
	case FieldSource:
		return 14, &l.Source
	case FieldBudget:
		return 15, &l.Budget
	}
	return -1, nil
}

// Get returns the value of a core field (any name in CoreFields) as text.
// Unknown names are looked up among the custom fields.
func (l *Lead) Get(name string) string {
	if p := l.fieldPtr(name); p != nil {
		return *p
	}
	switch name {
	case FieldPhoneExt:
		return l.PhoneExt
	case FieldCurrency:
		return l.Currency
	case FieldID:
		if l.ID == 0 {
			return ""
		}
		return l.ID.String()
	case FieldCreatedAt:
		if l.CreatedAt.IsZero() {
			return ""
		}
		return l.CreatedAt.UTC().Format(time.RFC3339)
	case FieldStatus:
		return string(l.Status)
	case FieldStage:
		return string(l.Stage)
	}
	return l.Custom[name]
}

// Set stores a data field by name; an unknown name becomes a custom field.
func (l *Lead) Set(name, value string) {
	if p := l.fieldPtr(name); p != nil {
		*p = value
		return
	}
	switch name {
	case FieldPhoneExt:
		l.PhoneExt = value
		return
	case FieldCurrency:
		l.Currency = value
		return
	}
	if l.Custom == nil {
		l.Custom = map[string]string{}
	}
	l.Custom[name] = value
}

// Clone returns a deep copy.
func (l *Lead) Clone() *Lead {
	c := *l
	c.Custom = cloneMap(l.Custom)
	c.Raw = l.Raw.Clone()
	c.Imports = slices.Clone(l.Imports)
	c.History = slices.Clone(l.History)
	c.Warnings = slices.Clone(l.Warnings)
	c.ScoreRules = slices.Clone(l.ScoreRules)
	c.Merges = slices.Clone(l.Merges)
	c.EmailFields = slices.Clone(l.EmailFields)
	return &c
}

func cloneMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// CustomNames returns the custom field names in sorted order.
func (l *Lead) CustomNames() []string {
	names := make([]string, 0, len(l.Custom))
	for k := range l.Custom {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// caseVariant reports whether nv differs from old in letter case only, and
// is no better cased: "MÜLLER GMBH" never replaces "Müller GmbH", while
// "Müller GmbH" does replace "MÜLLER GMBH".
func caseVariant(old, nv string) bool {
	return old != "" && strings.EqualFold(old, nv) && !(shouting(old) && !shouting(nv))
}

// noBetter reports whether nv, though it differs from old, brings no new
// information about the field: an initial of the stored first name ("J."
// for "Jürgen"), or the stored name spelt without its umlauts or accents
// ("Mueller" for "Müller", "MUELLER GMBH" for "Müller GmbH"). Matching
// treats such values as equal, so the merge keeps the fuller spelling.
func noBetter(field, old, nv string) bool {
	if old == "" {
		return false
	}
	switch field {
	case FieldFirstName:
		if r := []rune(strings.TrimSuffix(nv, ".")); len(r) == 1 {
			o := []rune(old)
			return unicode.ToLower(o[0]) == unicode.ToLower(r[0]) || plainLetter(o[0]) == unicode.ToLower(r[0])
		}
		// "Alex" for "Alexander", "Anna" for "Anna Maria": the stored
		// name's start, a short form that a letter or a form of
		// address would not use.
		if a, b := transliterated(nv), transliterated(old); len(a) < len(b) && strings.HasPrefix(b, a) {
			return true
		}
	case FieldCompany:
		// "Müller" or "Müller Maschinenbau" for "Müller Maschinenbau GmbH
		// & Co. KG": the stored name's first words, the rest left out.
		// Also spelt without its umlauts ("Schaefer Logistik" for
		// "Schäfer Logistik GmbH").
		if wordPrefix(stripped(nv), stripped(old)) || wordPrefix(transliterated(nv), transliterated(old)) {
			return true
		}
	case FieldLastName:
		// "Nowak" for "Nowak-Kowalska": one part of a double name.
		if strings.ContainsRune(old, '-') && !strings.ContainsRune(nv, '-') &&
			slices.Contains(strings.Split(stripped(old), "-"), stripped(nv)) {
			return true
		}
	case FieldStreet:
		// "Hauptstr. 5" for "Hauptstraße 5": the same street, abbreviated.
		if a, b := streetSpelling(nv), streetSpelling(old); a == b && len(nv) < len(old) {
			return true
		}
	case FieldEmail, FieldPhone, FieldMobile, FieldPostalCode, FieldCountry, FieldTaxID, FieldBudget, FieldSource:
		return false
	}
	same := transliterated(old) == transliterated(nv) || stripped(old) == stripped(nv)
	return same && plainer(nv, old)
}

// streetSpelling writes a street transliterated, without spaces, dots and
// hyphens, and with "straße" as "str": "Karl-Liebknecht-Str. 10" and
// "Karl-Liebknecht-Straße 10" are one spelling.
func streetSpelling(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '.' || r == '-' {
			return -1
		}
		return r
	}, transliterated(s))
	return strings.ReplaceAll(s, "strasse", "str")
}

// sameAmount reports whether two budgets are one amount written two ways:
// an XLSX number cell gives "229500", the text "229.500,00 €" gives
// "229500.00".
func sameAmount(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	return errA == nil && errB == nil && x == y
}

// holdsEmail reports whether the normalized address addr is among the
// lead's other addresses (EmailFields): a row that writes from one of
// them brings no new address, and the lead keeps its own.
func (l *Lead) holdsEmail(addr string) bool {
	for _, name := range l.EmailFields {
		v := strings.ToLower(l.Custom[name])
		if !strings.Contains(v, addr) {
			continue
		}
		for _, w := range strings.FieldsFunc(v, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(";,<>:/\"'()[]", r)
		}) {
			if strings.Trim(w, ".") == addr {
				return true
			}
		}
	}
	return false
}

// wordPrefix reports whether the words of p are the first words of s, and
// fewer.
func wordPrefix(p, s string) bool {
	pw, sw := strings.Fields(p), strings.Fields(s)
	return len(pw) > 0 && len(pw) < len(sw) && slices.Equal(pw, sw[:len(pw)])
}

// stripped lower-cases s and drops the accents of the letters plainLetter
// knows, umlauts included: "Müller" and "MULLER" both become "muller".
func stripped(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ä':
			r = 'a'
		case 'ö':
			r = 'o'
		case 'ü':
			r = 'u'
		case 'ß':
			b.WriteString("ss")
			continue
		}
		b.WriteRune(plainLetter(r))
	}
	return b.String()
}

// transliterated lower-cases s and writes umlauts and ß the way a keyboard
// without them does: "Müller" and "MUELLER" both become "mueller".
func transliterated(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ä':
			b.WriteString("ae")
		case 'ö':
			b.WriteString("oe")
		case 'ü':
			b.WriteString("ue")
		case 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(plainLetter(r))
		}
	}
	return b.String()
}

// plainer reports whether nv has fewer non-ASCII letters than old, or as
// many and no better case.
func plainer(nv, old string) bool {
	count := func(s string) int {
		n := 0
		for _, r := range s {
			if r > unicode.MaxASCII && unicode.IsLetter(r) {
				n++
			}
		}
		return n
	}
	cn, co := count(nv), count(old)
	return cn < co || cn == co && shouting(nv) && !shouting(old)
}

// plainLetter maps the accented lower-case Latin letters of German,
// Polish and French names to their base letter; other runes stay.
func plainLetter(r rune) rune {
	if p, ok := plainOf[r]; ok {
		return p
	}
	return r
}

// plainOf maps each accented letter to its base letter.
var plainOf = func() map[rune]rune {
	const (
		accented = "àáâãåāăąçćčďđèéêëēęěìíîïłńňñòóôõōřśšťùúûůýÿźżž"
		plain    = "aaaaaaaacccddeeeeeeeiiiilnnnooooorsstuuuuyyzzz"
	)
	m := make(map[rune]rune, len(plain))
	for i, r := range []rune(accented) {
		m[r] = rune(plain[i])
	}
	return m
}()

// shouting reports whether s has letters and none of them is lower case.
func shouting(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsUpper(r)
	}
	return letters
}

// Merge applies the survivorship rules to l, given a newer record in of the
// same person: an empty field of l is filled; where both are non-empty and
// differ, the newer value wins and the replaced one goes into l's history
// with importID; a value that differs only in letter case is no new value
// (unless it replaces an ALL-CAPS one). Custom fields follow the same rules. Empty values in never
// erase anything. It returns the names of the fields that changed, in
// DataFields order (phone_ext after phone, currency after budget: see
// MergeChanges) followed by custom names in sorted order; nil means the
// merge changed nothing. Derived facts (CompanyKey, ...) follow the field
// they derive from.
func (l *Lead) Merge(in *Lead, importID string, at time.Time) []string {
	changes := l.MergeChanges(in, importID, "import", at)
	if changes == nil {
		return nil
	}
	names := make([]string, len(changes))
	for i, c := range changes {
		names[i] = c.Field
	}
	return names
}

// MergeChanges is Merge returning every change it made, fills included
// (with an empty Old); by names who merged for the history ("import",
// "dedupe", "review").
func (l *Lead) MergeChanges(in *Lead, importID, by string, at time.Time) []Change {
	var changes []Change
	record := func(name, old, new string) {
		changes = append(changes, Change{At: at, ImportID: importID, By: by, Field: name, Old: old, New: new})
		if old != "" {
			l.History = append(l.History, changes[len(changes)-1])
		}
	}
	// companion merges the extension of a phone number or the currency
	// of a budget: it follows a new value of its field, and a row with
	// the same value brings a missing or another one (never erasing
	// one). Either way the history keeps what it replaced.
	companion := func(name string, dst *string, nv string, fieldChanged, same bool) {
		if nv == *dst || !fieldChanged && !(same && nv != "") {
			return
		}
		record(name, *dst, nv)
		*dst = nv
	}
	for _, name := range DataFields {
		nv := *in.fieldPtr(name)
		p := l.fieldPtr(name)
		same := nv == *p || name == FieldBudget && sameAmount(*p, nv)
		if nv == "" || same || caseVariant(*p, nv) || noBetter(name, *p, nv) || name == FieldEmail && l.holdsEmail(nv) {
			switch name {
			case FieldPhone:
				companion(FieldPhoneExt, &l.PhoneExt, in.PhoneExt, false, nv != "" && same)
			case FieldBudget:
				companion(FieldCurrency, &l.Currency, in.Currency, false, nv != "" && same)
			}
			continue
		}
		record(name, *p, nv)
		*p = nv
		switch name {
		case FieldCompany:
			l.CompanyKey, l.LegalForm = in.CompanyKey, in.LegalForm
		case FieldEmail:
			l.EmailFreemail, l.EmailRole = in.EmailFreemail, in.EmailRole
		case FieldPhone:
			companion(FieldPhoneExt, &l.PhoneExt, in.PhoneExt, true, false)
		case FieldBudget:
			companion(FieldCurrency, &l.Currency, in.Currency, true, false)
		}
	}
	for _, name := range in.CustomNames() {
		nv := in.Custom[name]
		old := l.Custom[name]
		if nv == "" || nv == old || caseVariant(old, nv) {
			continue
		}
		record(name, old, nv)
		l.Set(name, nv)
	}
	for _, name := range in.EmailFields {
		// A name only: the values are custom fields, merged above.
		if !slices.Contains(l.EmailFields, name) {
			l.EmailFields = append(l.EmailFields, name)
		}
	}
	if len(changes) == 0 {
		return nil
	}
	for _, c := range changes {
		name := c.Field
		if raw, ok := in.Raw.Get(name); ok {
			l.Raw.Set(name, raw)
		}
		// A new extension or currency came in the number's or amount's
		// cell ("030 1234567 Durchwahl 14", "50.000 CHF"): that raw
		// value is the row's now.
		parent := ""
		switch name {
		case FieldPhoneExt:
			parent = FieldPhone
		case FieldCurrency:
			parent = FieldBudget
		}
		if raw, ok := in.Raw.Get(parent); ok && parent != "" {
			l.Raw.Set(parent, raw)
		}
	}
	if by == "import" && importID != "" && !slices.Contains(l.Imports, importID) {
		l.Imports = append(l.Imports, importID)
	}
	l.Warnings = in.Warnings
	l.UpdatedAt = at
	return changes
}
