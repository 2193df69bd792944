package importer

import (
	"cmp"
	"errors"
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// BuildOptions shape how records become leads.
type BuildOptions struct {
	// Region is the default phone region (ISO 3166-1 alpha-2) for numbers
	// without a country code when the row names no country. "US" also
	// makes month-first the default date order.
	Region string
	// Source fills the source field when the row has none.
	Source string
	// DateOrder forces how ambiguous nn/nn/yyyy dates are read: "dmy" or
	// "mdy". "" uses the mapping file's date_order, else detects it per
	// column (Prime), defaulting to dmy (mdy for Region "US").
	DateOrder string
	// Now is the clock, for the plausibility check of creation dates;
	// nil means time.Now.
	Now func() time.Time
	// KeepUnreachable imports a row that offers no way to reach the person
	// (no valid e-mail, phone or postal address, and no name plus company)
	// as a lead carrying the warning WarnUnreachable, instead of rejecting
	// it, when it has at least a name or a company. A row with neither is
	// rejected all the same: it would be a lead nobody can recognise.
	KeepUnreachable bool
	// Delimiter is the CSV file's delimiter (",", ";", "\t", "|"; "" for
	// a spreadsheet): in a rejects file, a row rejected for its shifted
	// fields or its quoting that still holds it in a cell was not
	// corrected (see Build).
	Delimiter string
}

// WarnUnreachable is the warning on a lead kept by
// BuildOptions.KeepUnreachable.
const WarnUnreachable = "contact: no way to reach the person (no valid e-mail, phone or postal address, and no name plus company); kept as asked"

// PrimeRecords is how many leading records the caller should pass to
// Builder.Prime.
const PrimeRecords = 1000

// Builder turns records of one file into leads. Build and Signature are safe
// for concurrent use; Prime is not and must run before them.
type Builder struct {
	m      *Mapping
	opts   BuildOptions
	region string
	now    func() time.Time

	forced   bool                  // date order fixed by option or mapping file
	defOrder normalize.DateOrder   // default when detection finds nothing
	orders   []normalize.DateOrder // per column; used by created_at columns

	targets []target // per column
	custom  []string // per column: custom-field name
	// cand lists, per non-address target, the columns in choice order.
	cand [numTargets][]int
	// shared lists the address columns of no group, per address slot;
	// groups the grouped ones, in rank order.
	shared addrCols
	groups []addrCols
	// ignored are the columns leadpipe drops (FieldIgnore): a rejects
	// file's annotations, its own export's derived columns.
	ignored []int
	// annotations marks, by column, a rejects file's annotation columns
	// (annotationColumns), which hold no input data.
	annotations []bool
	// rejectsFile: the file is a rejects file leadpipe wrote (it has the
	// leadpipe_reason column), whose cells carry the ' that kept formulas
	// from running in a spreadsheet (report's escapeCell).
	rejectsFile bool
	// reasonCol is the rejects file's leadpipe_reason column, or -1.
	reasonCol int
	// phoneLabel maps a numbered phone column ("Phone 2 - Value", Google
	// Contacts) to the column of its label ("Phone 2 - Label"): a row's
	// label says whether the number is a mobile one.
	phoneLabel map[int]int

	sigPrefix uint64 // Signature's hash state after the fingerprint

	memos memos // per-worker memory of normalized cells
}

// Address slots: the address targets in the order a street is assembled.
const (
	slotStreet = iota
	slotHouseNumber
	slotStreet2
	slotStreet3
	slotPostalCode
	slotCity
	slotCountry
	numSlots
)

func addrSlot(t target) int {
	switch t {
	case tStreet:
		return slotStreet
	case tHouseNumber:
		return slotHouseNumber
	case tStreet2:
		return slotStreet2
	case tStreet3:
		return slotStreet3
	case tPostalCode:
		return slotPostalCode
	case tCity:
		return slotCity
	case tCountry:
		return slotCountry
	}
	return -1
}

// addrCols holds the columns of one address group, per slot in choice order.
type addrCols struct {
	cols [numSlots][]int
	all  []int // every column of the group, for the "any non-empty?" test
}

// NewBuilder prepares the per-column plan for m.
func NewBuilder(m *Mapping, opts BuildOptions) *Builder {
	b := &Builder{
		m:       m,
		opts:    opts,
		region:  strings.ToUpper(strings.TrimSpace(opts.Region)),
		now:     opts.Now,
		targets: make([]target, len(m.Columns)),
		custom:  make([]string, len(m.Columns)),
		orders:  make([]normalize.DateOrder, len(m.Columns)),

		reasonCol: -1,
	}
	if b.now == nil {
		b.now = time.Now
	}
	b.defOrder = normalize.DMY
	if b.region == "US" {
		b.defOrder = normalize.MDY
	}
	order := strings.ToLower(strings.TrimSpace(opts.DateOrder))
	if order == "" {
		order = m.DateOrder
	}
	switch order {
	case "dmy":
		b.defOrder, b.forced = normalize.DMY, true
	case "mdy":
		b.defOrder, b.forced = normalize.MDY, true
	}
	for i := range b.orders {
		b.orders[i] = b.defOrder
	}

	cols := m.Columns
	for i := range cols {
		c := &cols[i]
		t, ok := targetByName(c.Field)
		if !ok {
			t = tCustom
		}
		b.targets[i] = t
		b.custom[i] = c.Custom
		if b.custom[i] == "" {
			b.custom[i] = "Column " + strconv.Itoa(i+1)
		}
	}
	byChoice := make([]int, len(cols))
	for i := range byChoice {
		byChoice[i] = i
	}
	sortByChoice(byChoice, cols) // candidates of each field in choice order
	groupAt := map[string]int{}
	for _, i := range byChoice {
		t := b.targets[i]
		if t == tCustom {
			continue
		}
		if t == tIgnore {
			b.ignored = append(b.ignored, i)
			h := strings.ToLower(strings.TrimSpace(cols[i].Header))
			if slices.Contains(annotationColumns, h) {
				if b.annotations == nil {
					b.annotations = make([]bool, len(cols))
				}
				b.annotations[i] = true
			}
			if h == annotationReason {
				b.rejectsFile, b.reasonCol = true, i
			}
			continue
		}
		s := addrSlot(t)
		if s < 0 {
			b.cand[t] = append(b.cand[t], i)
			continue
		}
		g := cols[i].Group
		if g == "" {
			b.shared.cols[s] = append(b.shared.cols[s], i)
			continue
		}
		k, ok := groupAt[g]
		if !ok {
			k = len(b.groups)
			groupAt[g] = k
			b.groups = append(b.groups, addrCols{})
		}
		b.groups[k].cols[s] = append(b.groups[k].cols[s], i)
		b.groups[k].all = append(b.groups[k].all, i)
	}
	b.labelPhones(cols)
	b.sigPrefix = b.fingerprint()
	return b
}

// sortByChoice orders column indexes by group rank, group name, priority
// and position.
func sortByChoice(idx []int, cols []Column) {
	slices.SortStableFunc(idx, func(a, b int) int {
		ca, cb := &cols[a], &cols[b]
		return cmp.Or(
			cmp.Compare(groupRank(ca.Group), groupRank(cb.Group)),
			strings.Compare(ca.Group, cb.Group),
			cmp.Compare(ca.Priority, cb.Priority),
			cmp.Compare(a, b),
		)
	})
}

// Prime decides the date order of every created_at column from sample
// records (the first PrimeRecords of the file) with
// normalize.DetectDateOrder, unless an option or the mapping file fixed it.
// Call it before Build and Signature, not concurrently with them.
func (b *Builder) Prime(samples []Record) {
	if b.forced {
		return
	}
	if len(samples) > PrimeRecords {
		samples = samples[:PrimeRecords]
	}
	for _, c := range b.cand[tCreatedAt] {
		var values []string
		for _, r := range samples {
			if r.Err != nil || c >= len(r.Fields) || cellBlank(r.Fields[c]) || isDottedDate(r.Fields[c]) {
				continue
			}
			values = append(values, normalize.Text(r.Fields[c]))
		}
		b.orders[c] = normalize.DetectDateOrder(values, b.defOrder)
	}
	b.sigPrefix = b.fingerprint()
}

// taxIDCountry is the country a tax-id column's title names: NIP is the
// Polish number, USt-IdNr. the German, UID the Austrian one; "" for a
// title that names none ("VAT ID", "Tax ID").
func taxIDCountry(header string) string {
	h := strings.ToUpper(normalize.Fold(header))
	switch {
	case strings.Contains(h, "NIP"):
		return "PL"
	case strings.Contains(h, "UST") || strings.Contains(h, "UMSATZSTEUER"):
		return "DE"
	case strings.HasPrefix(h, "UID"):
		return "AT"
	}
	return ""
}

// excelText unwraps a value an exporter wrote so that Excel keeps it as
// text: the formula ="01067" (its quotes doubled inside), or a leading '
// before a number ('01067, '+49 30 1234567), which Excel shows without it.
// A ' before a word ('s-Hertogenbosch) is part of the value.
func excelText(v string) (string, bool) {
	if len(v) >= 3 && v[0] == '=' && v[1] == '"' && v[len(v)-1] == '"' {
		inner := v[2 : len(v)-1]
		if strings.Count(inner, `"`) == 2*strings.Count(inner, `""`) {
			return strings.ReplaceAll(inner, `""`, `"`), true
		}
		return "", false
	}
	if len(v) >= 2 && v[0] == '\'' && (v[1] == '+' || '0' <= v[1] && v[1] <= '9') && !strings.ContainsFunc(v, unicode.IsLetter) {
		return v[1:], true
	}
	return "", false
}

// lastFirstTitle reports whether a full-name column's title puts the last
// name first: "Nazwisko i imię", "Name, Vorname", "Nachname Vorname",
// "Last Name, First Name", "Surname, Given Name".
func lastFirstTitle(h string) bool {
	f := strings.ToLower(normalize.Fold(h))
	before := func(a, b string) bool {
		i, j := strings.Index(f, a), strings.Index(f, b)
		return i >= 0 && j > i
	}
	return before("nazwisko", "imie") || before("name", "vorname") || before("last", "first") ||
		before("surname", "first") || before("surname", "given") || before("family", "given")
}

// nameParticles start a last name that has more than one word.
var nameParticles = map[string]bool{"von": true, "van": true, "de": true, "der": true, "den": true, "zu": true, "zur": true,
	"di": true, "da": true, "del": true, "della": true, "la": true, "le": true, "ten": true, "ter": true, "te": true, "du": true}

// surnameComma writes "Kowalski Jan" as "Kowalski, Jan" (and "Dr. von der
// Heide Thomas" as "Dr. von der Heide, Thomas"), the form in which
// normalize.SplitFullName reads the last name first.
func surnameComma(t string) string {
	words := strings.Fields(t)
	i := 0
	for i < len(words) { // titles and salutations stay in front
		if sal, acad, rest := normalize.SplitPrefix(words[i]); rest != "" || (sal == "" && acad == "") {
			break
		}
		i++
	}
	for i < len(words) && nameParticles[strings.ToLower(words[i])] {
		i++
	}
	if i+1 >= len(words) {
		return t // one word: nothing to order
	}
	return strings.Join(words[:i+1], " ") + ", " + strings.Join(words[i+1:], " ")
}

// spreadsheetErrors are the error values Excel (English, German, Polish)
// and LibreOffice show in a cell whose formula failed; an export writes
// them as the cell's text.
var spreadsheetErrors = map[string]bool{
	"#N/A": true, "#NV": true, "#N/D": true, "#NULL!": true, "#LEER!": true, "#ZERO!": true,
	"#DIV/0!": true, "#DZIEL/0!": true, "#VALUE!": true, "#WERT!": true, "#ARG!": true,
	"#REF!": true, "#BEZUG!": true, "#ADR!": true, "#NAME?": true, "#NAZWA?": true,
	"#NUM!": true, "#ZAHL!": true, "#LICZBA!": true, "#SPILL!": true, "#ÜBERLAUF!": true,
	"#CALC!": true, "#BERECHNEN!": true, "#GETTING_DATA": true, "#FIELD!": true,
	"#BLOCKED!": true, "#CONNECT!": true, "#BUSY!": true, "#UNKNOWN!": true,
}

// nullMarkers are what exports and people write for "no value": database
// and pandas nulls, "n/a", dashes, German "k.A." (keine Angabe), Polish
// "brak". "NA" is not one: it is Namibia's country code. The value says
// whether the marker is a word that is also a name ("Nil" is a Turkish
// given name, "Brak" a Polish surname): in a name column only the other
// markers count.
var nullMarkers = map[string]bool{
	"n/a": false, "n.a.": false, "-": false, "--": false, "---": false, "–": false, "—": false,
	"k.a.": false, "k. a.": false, "keine angabe": false, "brak danych": false,
	"null": true, "nan": true, "none": true, "nil": true, "brak": true,
	"unknown": true, "unbekannt": true, "nieznany": true,
}

// nullMarker reports whether a cell says it has no value (nullMarkers,
// case and surrounding spaces aside); in a name column (name set) a
// marker that is also a name does not count. It is called for every
// cell, so it looks at the first byte, then folds ASCII case on the stack.
func nullMarker(v string, name bool) bool {
	if len(v) > 16 || v == "" {
		return false
	}
	if v[0] == ' ' || v[len(v)-1] == ' ' || v[0] == '\t' {
		if v = strings.TrimSpace(v); v == "" {
			return false
		}
	}
	switch v[0] {
	case 'n', 'N', '-', 'k', 'K', 'b', 'B', 'u', 'U', 0xE2: // 0xE2 starts – and —
	default:
		return false
	}
	var buf [16]byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	word, ok := nullMarkers[string(buf[:len(v)])]
	return ok && !(word && name)
}

// nameTarget reports whether a column holds (part of) a person's name.
func nameTarget(t target) bool {
	return t == tFirstName || t == tLastName || t == tFullName
}

// spreadsheetError reports whether s is a spreadsheet's error value:
// Excel's (spreadsheetErrors) or LibreOffice's "Err:502".
func spreadsheetError(s string) bool {
	if spreadsheetErrors[s] {
		return true
	}
	d, ok := strings.CutPrefix(s, "Err:")
	return ok && len(d) == 3 && strings.Trim(d, "0123456789") == ""
}

// columnField names column c in a warning: its field, or its custom name.
func (b *Builder) columnField(c int) string {
	if c < len(b.m.Columns) && b.m.Columns[c].Field != "" && b.m.Columns[c].Field != FieldCustom {
		return b.m.Columns[c].Field
	}
	return b.columnName(c)
}

// columnName is the name of column c as a custom field ("Column N" for
// one beyond the header).
func (b *Builder) columnName(c int) string {
	if c < len(b.custom) {
		return b.custom[c]
	}
	return "Column " + strconv.Itoa(c+1)
}

// unescapeCell takes off the ' that a rejects file puts before a value a
// spreadsheet would run as a formula (=, @, +, -, tab, CR first), so that
// the corrected file imports as it is: "'=HYPERLINK(...)" is the value
// "=HYPERLINK(...)" the input held, kept as text in the store and escaped
// again in every export.
func unescapeCell(v string) (string, bool) {
	if len(v) > 1 && v[0] == '\'' && strings.IndexByte("=@+-\t\r", v[1]) >= 0 {
		return v[1:], true
	}
	return v, false
}

// isDottedDate reports a date written with dots ("15.03.2024", "1.3.24
// 10:30"): the German and Polish style, which is day-first wherever it is
// used, so it is read as dmy whatever order the column's slashed dates
// follow. Lists merged from several sources mix "15.03.2024" and
// "03/15/2024" in one column.
func isDottedDate(s string) bool {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i <= 2 && i < len(s) && s[i] == '.'
}

// cellBlank reports whether a cell holds nothing but white space.
func cellBlank(s string) bool {
	return s == "" || strings.TrimSpace(s) == ""
}

// rowBuild is the state of one Build call. It lives on Build's stack.
type rowBuild struct {
	b       *Builder
	f       []string
	l       *crm.Lead
	used    []uint64 // bitset of columns whose value a field consumed
	filled  []uint64 // bitset of columns with a non-blank cell
	invalid []string // "field: reason" of values that failed validation
	region  string
	memo    *cellMemo
	jobCol  int // 1 + the academic-title column when it holds a job title; 0: none
}

// jobTitle reports whether the value of an academic-title column, which
// is no academic title leadpipe knows, is a job title instead: German
// "Titel" means both, and lists put "Geschäftsführer" or "Head of Sales"
// there. A value with a word of five letters or more is a job title,
// unless it has a dot ("Dipl.-Kfm.", "Univ.-Prof.") or is a degree written
// out ("Dr rer nat", "Diplom-Kaufmann", "Bachelor of Science"); short
// words ("DI", "MBA") stay academic titles; the usual job abbreviations
// (CEO, GF, ...) are job titles.
func jobTitle(t string) bool {
	if t == "" || strings.ContainsRune(t, '.') {
		return false
	}
	up := strings.ToUpper(t)
	switch up {
	case "CEO", "CFO", "CTO", "COO", "CMO", "CIO", "CSO", "CPO", "CRO", "GF", "VP", "SVP", "EVP", "GM":
		return true
	}
	// Degrees written out or without dots: "Dr rer nat", "Diplom-Kaufmann",
	// "Bachelor of Science", "Doktor", "Magister", "Ingenieur".
	low := strings.ToLower(t)
	for _, p := range []string{"dr ", "dr-", "prof ", "dipl", "bachelor", "master", "doktor", "doctor", "professor", "magist", "ingenieur", "mag ", "ing "} {
		if strings.HasPrefix(low, p) {
			return false
		}
	}
	letters := 0
	for _, c := range t {
		switch {
		case unicode.IsLetter(c):
			if letters++; letters >= 5 {
				return true
			}
		case c == ' ' || c == '/' || c == '&' || c == '-':
			letters = 0
		}
	}
	return false
}

func (r *rowBuild) cell(c int) string {
	if c < len(r.f) {
		return r.f[c]
	}
	return ""
}

func (r *rowBuild) use(c int) {
	if c < 0 || c >= len(r.f) {
		return
	}
	r.used[c>>6] |= 1 << (c & 63)
}

func (r *rowBuild) isUsed(c int) bool { return c < len(r.f) && r.used[c>>6]&(1<<(c&63)) != 0 }

// first returns the first column of cols with a non-blank cell, or -1.
func (r *rowBuild) first(cols []int) int {
	for _, c := range cols {
		if r.isFilled(c) {
			return c
		}
	}
	return -1
}

func (r *rowBuild) isFilled(c int) bool {
	return c < len(r.f) && r.filled[c>>6]&(1<<(c&63)) != 0
}

func (r *rowBuild) raw(field, v string) { r.l.Raw.Set(field, v) }

// warn records an invalid value: the field stays empty, the raw value is
// kept, and the lead carries a warning that names the field only.
func (r *rowBuild) warn(field string, err, fallback error, value string) {
	msg := field + ": " + errReason(err, fallback, value)
	r.l.Warnings = append(r.l.Warnings, msg)
	switch field {
	case crm.FieldEmail, crm.FieldPhone, crm.FieldMobile, crm.FieldPostalCode:
		r.invalid = append(r.invalid, msg)
	}
}

// errReason is the text of a normalize error, or fallback's when the text
// would repeat the value (values are personal data).
func errReason(err, fallback error, value string) string {
	msg := err.Error()
	if v := strings.TrimSpace(value); len(v) >= 3 && strings.Contains(msg, v) {
		return fallback.Error()
	}
	return msg
}

// Build turns one record into a lead. A structural error in rec is returned
// as it is; a row that offers no way to reach the person is rejected with a
// *crm.RowError wrapping crm.ErrUnreachable. Invalid values alone are not a
// rejection: the field stays empty, Raw keeps the value and Lead.Warnings
// names the field. Every non-empty cell ends up in Raw, under its field or
// its custom name, so nothing is lost; the exceptions are leadpipe's own
// rejects-file annotations (FieldIgnore), cells that say they hold no
// value ("n/a", "NULL", "-": nullMarker) and spreadsheet error values
// (a warning names those). Excel's text markers ('01067, ="01067") are
// taken off first. A row of a rejects file that still shows the
// structural problem it was rejected for is rejected again (uncorrected).
// Safe for concurrent use.
func (b *Builder) Build(rec Record) (*crm.Lead, error) {
	if rec.Err != nil {
		if re, ok := rec.Err.(*crm.RowError); ok {
			return nil, re
		}
		return nil, &crm.RowError{File: rec.File, Row: rec.Row, Err: rec.Err}
	}
	if b.reasonCol >= 0 {
		if field, err := b.uncorrected(rec.Fields); err != nil {
			return nil, &crm.RowError{File: rec.File, Row: rec.Row, Field: field, Err: err}
		}
	}
	r := rowBuild{b: b, f: rec.Fields, l: &crm.Lead{}, memo: b.memos.get()}
	defer b.memos.put(r.memo)
	// One allocation for both bitsets: escape analysis cannot keep them
	// on the stack, as the row's cells leak into the lead through r.
	n := (len(rec.Fields) + 63) >> 6
	words := make([]uint64, 2*n)
	r.used, r.filled = words[:n:n], words[n:]
	nonBlank := 0
	// A cell read differently than it is written is changed in a copy:
	// the record stays as read, for the rejects file.
	cloned := false
	set := func(c int, v string) {
		if !cloned {
			r.f, cloned = slices.Clone(r.f), true
		}
		r.f[c] = v
	}
	for c, v := range rec.Fields {
		if cellBlank(v) {
			continue
		}
		if b.rejectsFile {
			if t, ok := unescapeCell(v); ok {
				set(c, t)
				v = t
			}
		}
		if v[0] == '=' || v[0] == '\'' {
			if t, ok := excelText(v); ok {
				set(c, t)
				if v = t; cellBlank(v) {
					continue
				}
			}
		}
		if (v[0] == '#' || v[0] == 'E' || v[0] == ' ') && spreadsheetError(strings.TrimSpace(v)) {
			// "#N/A" from a failed look-up is no company name: the cell
			// is empty, and the lead says so.
			r.l.Warnings = append(r.l.Warnings, b.columnField(c)+": the cell holds the spreadsheet error "+strings.TrimSpace(v)+", not a value")
			set(c, "")
			continue
		}
		if nullMarker(v, c < len(b.targets) && nameTarget(b.targets[c])) {
			set(c, "") // "n/a", "NULL", "nan", "-": no value, as written
			continue
		}
		r.filled[c>>6] |= 1 << (c & 63)
		nonBlank++
	}
	for _, c := range b.ignored {
		r.use(c) // consumed by nothing: dropped
	}
	if nonBlank > 0 {
		r.l.Raw = make(crm.RawValues, 0, nonBlank)
	}

	r.address()
	r.region = r.l.Country
	if r.region == "" {
		r.region = b.region
	}
	r.prefixColumns()
	r.names()
	r.email()
	r.l.Phone, r.l.PhoneExt = r.phone(tPhone, crm.FieldPhone)
	r.phoneExt()
	r.l.Mobile, _ = r.phone(tMobile, crm.FieldMobile)
	r.morePhones()
	r.company()
	r.simple()
	r.custom()

	l := r.l
	named := l.FirstName != "" || l.LastName != ""
	reachable := l.Email != "" || l.Phone != "" || l.Mobile != "" ||
		(l.Street != "" && (l.PostalCode != "" || l.City != "")) ||
		(named && l.Company != "")
	if !reachable && b.opts.KeepUnreachable && (named || l.Company != "") {
		l.Warnings = append(l.Warnings, WarnUnreachable)
		reachable = true
	}
	if !reachable {
		re := &crm.RowError{File: rec.File, Row: rec.Row, Err: crm.ErrUnreachable}
		if len(r.invalid) > 0 {
			re.Field, _, _ = strings.Cut(r.invalid[0], ":")
			re.Err = &unreachableError{invalid: r.invalid}
		}
		return nil, re
	}
	return l, nil
}

// errUncorrected ends the reason of a rejects file's row rejected again
// because it still shows the problem it was rejected for.
const errUncorrected = "not corrected in the rejects file: correct the row, or empty its leadpipe_reason if it is right as it stands, and import the file again"

// uncorrected checks a row of a rejects file that was rejected for its
// structure (its leadpipe_reason says so). The rejects file shows such a
// row in the input's columns: a row with more fields than the header
// keeps its surplus in its last cell, joined by the delimiter; a field
// with a stray quote holds the rest of its line, delimiters and all;
// bytes invalid in the input's encoding are U+FFFD; a field longer than
// the reader takes is cut to the limit. Read as they are, those cells
// would import shifted values (a company in the e-mail column, the e-mail
// address and phone in the company) or a cut note, so a row that still
// shows its problem is rejected again, for the same cause. It returns the
// field the cause names and the error, or nil.
func (b *Builder) uncorrected(f []string) (string, error) {
	if b.reasonCol >= len(f) {
		return "", nil
	}
	reason := strings.TrimSpace(f[b.reasonCol])
	if reason == "" {
		return "", nil
	}
	for _, cause := range []error{crm.ErrFieldCount, crm.ErrQuote, crm.ErrEncoding, crm.ErrRowTooLong} {
		field := ""
		if !strings.HasPrefix(reason, cause.Error()) {
			i := strings.Index(reason, ": "+cause.Error())
			if i <= 0 {
				continue
			}
			field = reason[:i]
		}
		col := b.columnNamed(field)
		still := false
		switch {
		case cause == crm.ErrEncoding:
			still = b.cellsHold(f, col, func(v string) bool { return strings.ContainsRune(v, utf8.RuneError) })
		case cause == crm.ErrRowTooLong:
			// The field was cut to the limit (at a character's start):
			// the rest is missing, not shortened by the user.
			_, n, ok := strings.Cut(reason, tooLongField)
			n, _, _ = strings.Cut(n, " ")
			limit, err := strconv.Atoi(n)
			still = ok && err == nil && b.cellsHold(f, col, func(v string) bool { return len(v) > limit-utf8.UTFMax })
			if still {
				// The limit stays in the reason, for the next round.
				return field, fmt.Errorf("%w: %s%d bytes: %s", cause, tooLongField, limit, errUncorrected)
			}
		case b.opts.Delimiter == "":
		case cause == crm.ErrFieldCount:
			// The surplus is in the row's last cell.
			col = -1
			for c := len(f) - 1; c >= 0; c-- {
				if !b.annotation(c) && strings.TrimSpace(f[c]) != "" {
					col = c
					break
				}
			}
			still = col >= 0 && strings.Contains(f[col], b.opts.Delimiter)
		default:
			still = b.cellsHold(f, col, func(v string) bool { return strings.Contains(v, b.opts.Delimiter) })
		}
		if still {
			return field, fmt.Errorf("%w: %s", cause, errUncorrected)
		}
		return "", nil
	}
	return "", nil
}

// tooLongField precedes the limit in the reason of a row with a field
// longer than the reader takes (csvReader.limit, xlsxReader.readRaw).
const tooLongField = "a field longer than "

// columnNamed is the first column titled name (or named "column N" for
// an untitled one, as the reader names it), or -1 for any column.
func (b *Builder) columnNamed(name string) int {
	if name == "" {
		return -1
	}
	for i, c := range b.m.Columns {
		if strings.TrimSpace(c.Header) == name {
			return i
		}
	}
	if n, ok := strings.CutPrefix(name, "column "); ok {
		if i, err := strconv.Atoi(n); err == nil && i >= 1 {
			return i - 1
		}
	}
	return -1
}

// cellsHold reports whether column col of f (any column but the
// annotations for col -1) satisfies has.
func (b *Builder) cellsHold(f []string, col int, has func(string) bool) bool {
	if col >= 0 {
		return col < len(f) && has(f[col])
	}
	for c, v := range f {
		if !b.annotation(c) && has(v) {
			return true
		}
	}
	return false
}

// The annotation columns a rejects file adds after the input's (package
// report writes them): ignored when the file is imported again.
const (
	annotationFile   = "leadpipe_file"
	annotationRow    = "leadpipe_row"
	annotationReason = "leadpipe_reason"
)

var annotationColumns = []string{annotationFile, annotationRow, annotationReason}

// annotation reports whether column c is one of leadpipe's rejects-file
// annotation columns. Other ignored columns (the derived and bookkeeping
// columns of leadpipe's own export) are input columns: a shifted row's
// surplus may be in them.
func (b *Builder) annotation(c int) bool {
	return c < len(b.annotations) && b.annotations[c]
}

// unreachableError is crm.ErrUnreachable with the invalid values that
// caused it: "no way to reach the person (email: not a valid e-mail
// address; phone: not a valid phone number)".
type unreachableError struct{ invalid []string }

func (e *unreachableError) Error() string {
	return "no way to reach the person (" + strings.Join(e.invalid, "; ") + ")"
}

func (e *unreachableError) Unwrap() error { return crm.ErrUnreachable }

// address fills street, postal code, city and country from one address
// group, so that a business street never meets a home city: the first
// group, by rank, with a non-empty street, postal code or city, else the
// first with any non-empty address cell (a country alone). Columns of no
// group fill what the chosen group lacks.
func (r *rowBuild) address() {
	var g *addrCols
	for i := range r.b.groups {
		gi := &r.b.groups[i]
		if r.first(gi.cols[slotStreet]) >= 0 || r.first(gi.cols[slotPostalCode]) >= 0 || r.first(gi.cols[slotCity]) >= 0 {
			g = gi
			break
		}
	}
	if g == nil {
		for i := range r.b.groups {
			if r.first(r.b.groups[i].all) >= 0 {
				g = &r.b.groups[i]
				break
			}
		}
	}
	col := func(slot int) int {
		if g != nil {
			if c := r.first(g.cols[slot]); c >= 0 {
				return c
			}
		}
		return r.first(r.b.shared.cols[slot])
	}
	l := r.l

	if c := col(slotCountry); c >= 0 {
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldCountry, v)
		if cc := r.memo.countries.get(v, parseCountry); cc.err != nil {
			r.warn(crm.FieldCountry, cc.err, normalize.ErrInvalidCountry, v)
		} else {
			l.Country = cc.code
		}
	}

	street, house, s2, s3 := col(slotStreet), col(slotHouseNumber), col(slotStreet2), col(slotStreet3)
	if house < 0 && s2 < 0 && s3 < 0 {
		if street >= 0 { // the common case: one street cell
			v := r.cell(street)
			r.use(street)
			r.raw(crm.FieldStreet, v)
			l.Street = normalize.Text(v)
		}
	} else {
		var norm, raw strings.Builder
		for _, p := range [...]struct {
			c   int
			sep string
		}{{street, ""}, {house, " "}, {s2, ", "}, {s3, ", "}} {
			if p.c < 0 {
				continue
			}
			v := r.cell(p.c)
			r.use(p.c)
			if raw.Len() > 0 {
				raw.WriteString(p.sep)
			}
			raw.WriteString(v)
			if t := normalize.Text(v); t != "" {
				if norm.Len() > 0 {
					norm.WriteString(p.sep)
				}
				norm.WriteString(t)
			}
		}
		r.raw(crm.FieldStreet, raw.String())
		l.Street = norm.String()
	}

	if c := col(slotPostalCode); c >= 0 {
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldPostalCode, v)
		if pc, country, ok := normalize.PostalCountry(v); l.Country == "" && ok {
			// "D-80331" in a row without a country: the prefix names it.
			l.PostalCode, l.Country = pc, country
		} else if pc, err := normalize.PostalCode(normalize.Text(v), l.Country); err != nil {
			r.warn(crm.FieldPostalCode, err, normalize.ErrInvalidPostal, v)
		} else {
			l.PostalCode = pc
		}
	}
	if c := col(slotCity); c >= 0 {
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldCity, v)
		l.City = normalize.Text(v)
	}
	if l.PostalCode != "" {
		return
	}
	// One cell for postal code and city ("PLZ Ort": "80331 München"), or
	// the whole address in the street ("Adresse": "Hauptstr. 1, 80331
	// München"): the postal code and city are split off; the raw cells
	// stay as they were.
	if pc, city, country, ok := splitPostalCity(l.City, l.Country, r.b.region); ok {
		l.PostalCode, l.City, l.Country = pc, city, country
	} else if l.City != "" {
		r.unsplit(crm.FieldCity, l.Country, func(region string) bool {
			_, _, _, ok := splitPostalCity(l.City, "", region)
			return ok
		})
	} else if l.Street != "" {
		street, country := l.Street, l.Country
		// "Hauptstr. 1, 80331 München, Germany", as CRMs and maps write
		// an address: the country after the last comma, or on the last
		// line ("ul. Długa 5⏎00-950 Warszawa⏎Polska", Google's formatted
		// address), which Text made a space.
		// A comma in an earlier line ("ul. Długa 5, lok. 3⏎…⏎Polska")
		// does not keep the last line from being read.
		if i := strings.LastIndexByte(street, ','); i > 0 && country == "" {
			if cc := r.memo.countries.get(street[i+1:], parseCountry); cc.err == nil && cc.code != "" {
				street, country = strings.TrimSpace(street[:i]), cc.code
			}
		}
		if c := col(slotStreet); c >= 0 && country == "" {
			v := strings.TrimRight(r.cell(c), " \t\r\n")
			if i := strings.LastIndexAny(v, "\r\n"); i > 0 && normalize.Text(r.cell(c)) == street {
				if cc := r.memo.countries.get(v[i+1:], parseCountry); cc.err == nil && cc.code != "" {
					street, country = normalize.Text(v[:i]), cc.code
				}
			}
		}
		if st, pc, city, cc, ok := splitStreetAddress(street, country, r.b.region); ok {
			l.Street, l.PostalCode, l.City, l.Country = st, pc, city, cc
		} else {
			r.unsplit(crm.FieldStreet, country, func(region string) bool {
				_, _, _, _, ok := splitStreetAddress(street, "", region)
				return ok
			})
		}
	}
}

// WarnAddressNoCountry ends the warning on a lead whose postal code and
// city stayed in one cell ("PLZ / Ort", "Adresse") because its row names
// no country and no region was given: the postal code cannot be checked,
// and "10001 Broadway" is a house number in the US.
const WarnAddressNoCountry = "postal code and city not split off: no country to check the postal code against (a country column, or --region, gives one)"

// unsplit warns about a cell of field that holds a postal code and city
// which did not split for want of a country: the row has none, no region
// was given, and split (the split with a region) works with one of the
// countries that write the postal code first. The warning is also the
// reason a row without another way to reach the person gives.
func (r *rowBuild) unsplit(field, country string, split func(region string) bool) {
	if country != "" || r.b.region != "" {
		return
	}
	for _, cc := range []string{"DE", "AT", "PL"} {
		if split(cc) {
			msg := field + ": " + WarnAddressNoCountry
			r.l.Warnings = append(r.l.Warnings, msg)
			r.invalid = append(r.invalid, msg)
			return
		}
	}
}

// postalCity matches a postal code and a city: five digits (DE, FR, IT,
// ES, ...), Polish 00-000, or four digits (AT, CH, ...), with an optional
// country prefix ("D-80331"), then the city.
var postalCity = regexp.MustCompile(`^(?:[A-Z]{1,3}-)?(\d{4} ?[A-Z]{2}|\d{3} \d{2}|\d{4}-\d{3}|\d{5}|\d{2}-\d{3}|\d{4})\s+(\p{L}[\p{L}\p{M} .'()/-]*)$`)

// Countries whose addresses write the postal code before the city, by the
// shape of their codes: five digits (PL's 00-000 counts with them), four,
// the Netherlands' "1012 AB", Sweden's, Czechia's, Slovakia's and Greece's
// "114 55" (or five digits), Portugal's "1000-001".
var (
	postalFirst5 = map[string]bool{"DE": true, "FR": true, "IT": true, "ES": true, "PL": true, "FI": true, "HR": true, "EE": true, "LT": true, "MC": true}
	postalFirst4 = map[string]bool{"AT": true, "CH": true, "LI": true, "BE": true, "LU": true, "DK": true, "HU": true, "NO": true, "SI": true}
	postalFirst3 = map[string]bool{"SE": true, "CZ": true, "SK": true, "GR": true}
)

// postalShape reports whether a postal code written before the city
// ("1012 AB", "114 55", "00-950") has the shape of country's codes.
func postalShape(code, country string) bool {
	digits, letters, space, dash := 0, 0, false, false
	for _, c := range code {
		switch {
		case '0' <= c && c <= '9':
			digits++
		case 'A' <= c && c <= 'Z':
			letters++
		case c == ' ':
			space = true
		case c == '-':
			dash = true
		}
	}
	switch {
	case country == "NL":
		return digits == 4 && letters == 2
	case postalFirst3[country]:
		return digits == 5 && letters == 0 && !dash
	case country == "PT":
		return digits == 7 && dash || digits == 4 && !dash
	case letters > 0 || space:
		return false
	case postalFirst5[country]:
		return digits == 5 && (!dash || country == "PL")
	case postalFirst4[country]:
		return digits == 4 && !dash
	}
	return false
}

// splitPostalCity splits "80331 München" when the postal code is valid
// for the row's country (or the region, when the row has none) and that
// country writes the postal code before the city. In a row without a
// country, a prefix names it ("D-80331 München", "A-1010 Wien"): that
// country is returned, else the row's.
func splitPostalCity(s, country, region string) (pc, city, rowCountry string, ok bool) {
	if s == "" || s[0] < '0' || s[0] > '9' && !('A' <= s[0] && s[0] <= 'Z') {
		return "", "", "", false
	}
	m := postalCity.FindStringSubmatch(s)
	if m == nil {
		return "", "", "", false
	}
	city = strings.TrimSpace(m[2])
	if country == "" {
		if pc, cc, ok := normalize.PostalCountry(s[:len(s)-len(m[2])]); ok {
			return pc, city, cc, true
		}
		country = region
	} else {
		rowCountry = country
	}
	// Only where addresses put the postal code before the city: in the
	// US, "10001 Broadway" is a house number and a street.
	if !postalShape(m[1], country) {
		return "", "", "", false
	}
	code, err := normalize.PostalCode(m[1], country)
	if err != nil {
		return "", "", "", false
	}
	return code, city, rowCountry, true
}

// splitStreetAddress splits "Hauptstr. 1, 80331 München" (or with a line
// break, which normalize.Text made a space) into street, postal code and
// city.
func splitStreetAddress(s, country, region string) (street, pc, city, rowCountry string, ok bool) {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] != ' ' && s[i] != ',' {
			continue
		}
		rest := strings.TrimLeft(s[i:], " ,")
		if rest == "" || (rest[0] < '0' || rest[0] > '9') && !(len(rest) > 2 && rest[1] == '-' || len(rest) > 3 && rest[2] == '-') {
			continue
		}
		head := strings.TrimRight(s[:i], " ,")
		if head == "" || !strings.ContainsFunc(head, unicode.IsLetter) {
			continue
		}
		if pc, city, cc, ok := splitPostalCity(rest, country, region); ok {
			return head, pc, city, cc, true
		}
	}
	return "", "", "", "", false
}

// prefixColumns fills salutation and academic title from their own
// columns. Outlook's "Title" column holds both kinds ("Mr.", "Dr."), so
// both go through normalize.SplitPrefix.
func (r *rowBuild) prefixColumns() {
	l := r.l
	if c := r.first(r.b.cand[tSalutation]); c >= 0 {
		v := r.cell(c)
		r.use(c)
		t := normalize.Text(v)
		sal, acad, rest := normalize.SplitPrefix(t)
		switch {
		case rest == "" && (sal != "" || acad != ""):
			l.Salutation, l.AcademicTitle = sal, acad
		default:
			if canon, ok := normalize.Salutation(t); ok {
				l.Salutation = canon
			} else {
				l.Salutation = t
			}
		}
		r.raw(crm.FieldSalutation, v)
		if l.AcademicTitle != "" {
			r.raw(crm.FieldAcademicTitle, v)
		}
	}
	if c := r.first(r.b.cand[tAcademicTitle]); c >= 0 {
		v := r.cell(c)
		t := normalize.Text(v)
		sal, acad, rest := normalize.SplitPrefix(t)
		if !(rest == "" && acad != "") && jobTitle(t) {
			// "Geschäftsführer" in a "Titel" column: a job title, which
			// simple takes when the row has none of its own.
			r.jobCol = c + 1
			return
		}
		r.use(c)
		if rest == "" && acad != "" {
			l.AcademicTitle = acad
			if l.Salutation == "" && sal != "" {
				l.Salutation = sal
				r.raw(crm.FieldSalutation, v)
			}
		} else {
			l.AcademicTitle = t
		}
		r.raw(crm.FieldAcademicTitle, v)
	}
}

// names fills first and last name from their columns, taking salutation
// and academic title off the front, or splits a full-name column when the
// row has neither.
func (r *rowBuild) names() {
	l := r.l
	fc, lc := r.first(r.b.cand[tFirstName]), r.first(r.b.cand[tLastName])
	part := func(c int, field string, dst *string) {
		v := r.cell(c)
		r.use(c)
		r.raw(field, v)
		p := r.memo.names.get(v, splitName)
		if p.sal == "Mr" {
			// In Dutch and Belgian data "mr" is the law degree
			// (normalize.SplitPrefixIn); the memo knows no region.
			p = splitNameIn(v, r.region)
		}
		sal, acad := p.sal, p.acad
		*dst = p.name
		if sal != "" && l.Salutation == "" {
			l.Salutation = sal
			r.raw(crm.FieldSalutation, v)
		}
		if acad != "" && l.AcademicTitle == "" {
			l.AcademicTitle = acad
			r.raw(crm.FieldAcademicTitle, v)
		}
	}
	if fc >= 0 {
		part(fc, crm.FieldFirstName, &l.FirstName)
	}
	if lc >= 0 {
		part(lc, crm.FieldLastName, &l.LastName)
	}
	if fc >= 0 || lc >= 0 {
		return
	}
	c := r.first(r.b.cand[tFullName])
	if c < 0 {
		return
	}
	v := r.cell(c)
	t := normalize.Text(v)
	if cc := r.first(r.b.cand[tCompany]); cc >= 0 && strings.EqualFold(t, normalize.Text(r.cell(cc))) {
		return // a display name that is the company's (Thunderbird, Outlook): no person
	}
	if !strings.Contains(t, ",") && lastFirstTitle(r.b.m.Columns[c].Header) {
		t = surnameComma(t) // "Kowalski Jan" under "Nazwisko i imię"
	}
	n := normalize.SplitFullNameIn(t, r.region)
	if n.First == "" && n.Last == "" {
		return // nothing name-like: the cell stays a custom field
	}
	r.use(c)
	l.FirstName, l.LastName = n.First, n.Last
	for _, p := range [...]struct {
		field, value string
		dst          *string
	}{
		{crm.FieldFirstName, n.First, nil},
		{crm.FieldLastName, n.Last, nil},
		{crm.FieldSalutation, n.Salutation, &l.Salutation},
		{crm.FieldAcademicTitle, n.AcademicTitle, &l.AcademicTitle},
	} {
		if p.value == "" {
			continue
		}
		if p.dst != nil {
			if *p.dst != "" {
				continue // the salutation column said it already
			}
			*p.dst = p.value
		}
		r.raw(p.field, v)
	}
}

// email takes the first valid address among the e-mail columns in choice
// order; when none is valid, the first non-empty one is reported.
func (r *rowBuild) email() {
	bad, badErr := -1, error(nil)
	for _, c := range r.b.cand[tEmail] {
		if !r.isFilled(c) {
			continue
		}
		v := r.cell(c)
		em, more, err := parseEmailCell(v)
		if err == nil {
			r.use(c)
			r.raw(crm.FieldEmail, v)
			r.l.Email, r.l.EmailFreemail, r.l.EmailRole = em.Address, em.Freemail, em.Role
			if len(more) > 0 {
				r.moreEmails(c, more)
			}
			return
		}
		if bad < 0 && !errors.Is(err, normalize.ErrEmpty) {
			bad, badErr = c, err
		}
	}
	if bad >= 0 {
		v := r.cell(bad)
		r.use(bad)
		r.raw(crm.FieldEmail, v)
		r.warn(crm.FieldEmail, badErr, normalize.ErrInvalidEmail, v)
	}
}

// moreNote names the custom field of an e-mail cell's further
// addresses: the column's name with " (more)".
const moreNote = "more"

// moreEmails keeps the further addresses of the e-mail cell of column c
// ("anna@transpol.pl ::: anka@wp.pl") in a custom field of their own,
// the column's name with " (more)", named among the lead's e-mail
// fields: the person's addresses, which a merge that brings another
// address must not drop with the cell, and which dedupe matches on.
func (r *rowBuild) moreEmails(c int, more []normalize.Email) {
	name := r.b.columnName(c)
	if more := " (" + moreNote + ")"; !strings.HasSuffix(name, more) {
		// A "(more)" column read back as the row's e-mail column keeps
		// its name: round trips do not grow it.
		name += more
	}
	addrs := make([]string, len(more))
	for i, em := range more {
		addrs[i] = em.Address
	}
	r.setMore(name, addrs)
	r.l.EmailFields = append(r.l.EmailFields, name)
}

// setMore keeps a cell's further values (addresses, numbers) in the
// custom field name, joined with "; ", raw value and all.
func (r *rowBuild) setMore(name string, values []string) {
	if r.l.Custom == nil {
		r.l.Custom = map[string]string{}
	}
	v := strings.Join(values, "; ")
	r.l.Custom[name] = v
	r.l.Raw.Set(name, v)
}

// parseEmailCell parses one cell (normalize.EmailsIn): it yields the
// first valid address, the lead's, and the further ones (moreEmails); for
// a cell with none, the error of the cell as one address.
func parseEmailCell(v string) (normalize.Email, []normalize.Email, error) {
	if list := normalize.EmailsIn(v); len(list) > 0 {
		return list[0], list[1:], nil
	}
	_, err := normalize.ParseEmail(v)
	return normalize.Email{}, nil, err
}

// phoneSeparators split a cell holding several phone numbers; "/" and "-"
// do not, being part of how numbers are written (030/1234567, 0221 /
// 123456).
var phoneSeparators = strings.NewReplacer(
	"\r\n", ";", "\n", ";", "\r", ";", ":::", ";", ", ", ";",
	" oder ", ";", " or ", ";", " lub ", ";", " und ", ";", " and ", ";", " bzw. ", ";",
)

// phone takes the first valid number among the columns of t in choice
// order; the region is the row's country, else BuildOptions.Region.
func (r *rowBuild) phone(t target, field string) (e164, ext string) {
	bad, badErr := -1, error(nil)
	for _, c := range r.b.cand[t] {
		if !r.isFilled(c) {
			continue
		}
		v := r.cell(c)
		num := v
		if lc, ok := r.b.phoneLabel[c]; ok {
			if num, ok = labelledNumber(v, r.cell(lc), t == tMobile); !ok {
				continue // the other field's, or a fax, by its label
			}
		}
		p, err := parsePhoneCell(num, r.region)
		if err == nil {
			r.use(c)
			r.raw(field, v)
			return p.E164, p.Ext
		}
		if bad < 0 && !errors.Is(err, normalize.ErrEmpty) {
			bad, badErr = c, err
		}
	}
	if bad >= 0 {
		v := r.cell(bad)
		r.use(bad)
		r.raw(field, v)
		r.warn(field, badErr, normalize.ErrInvalidPhone, v)
	}
	return "", ""
}

// morePhones keeps what a phone cell of several numbers holds beside the
// number the lead took from it ("030 1234567 / 0171 1234567", Google's
// "+48 61 … ::: +48 61 …"): a mobile number of a phone column, in a row
// without a mobile, as the lead's mobile; the rest in a custom field of its own, the column's name
// with " (more)": each other number in E.164 (a part that reads as no
// number, as written), joined with "; ". Without it the other numbers
// would live on only in the raw value, which no export writes and a merge
// that brings another number replaces. A cell none of whose numbers the
// lead took (an invalid one, warned about) keeps its raw value only.
func (r *rowBuild) morePhones() {
	if r.l.Phone == "" && r.l.Mobile == "" {
		return
	}
	// The numbers the lead took, as otherPhones writes them: the phone
	// with and without its extension ("030 1234567" is the switchboard
	// of "030 1234567-12"; "030 1234567-13" is another line).
	taken := map[string]bool{r.l.Phone: true, r.l.Mobile: true}
	if r.l.PhoneExt != "" {
		taken[phoneWithExt(r.l.Phone, r.l.PhoneExt)] = true
	}
	delete(taken, "")
	done := -1
	for k, cols := range [][]int{r.b.cand[tPhone], r.b.cand[tMobile]} {
		for _, c := range cols {
			if c == done || !r.isFilled(c) || !r.isUsed(c) {
				continue
			}
			done = c // a labelled column is a candidate of both
			other, ok := otherPhones(r.cell(c), r.region, taken)
			if !ok || len(other) == 0 {
				continue
			}
			if _, had := r.l.Raw.Get(crm.FieldMobile); k == 0 && r.l.Mobile == "" && !had {
				// "030 1234567 / 0171 1234567" in the phone column of a
				// row without a mobile: the mobile is the person's
				// mobile, which matching compares, not a note.
				if i := slices.IndexFunc(other, normalize.IsMobile); i >= 0 {
					r.l.Mobile = other[i]
					r.raw(crm.FieldMobile, r.cell(c))
					taken[other[i]] = true
					other = slices.Delete(other, i, i+1)
					if len(other) == 0 {
						continue
					}
				}
			}
			r.setMore(r.b.columnName(c)+" ("+moreNote+")", other)
		}
	}
}

// otherPhones lists the parts of a phone cell that are not one of the
// numbers taken: other numbers in E.164 (" ext. N" after an extension),
// parts that read as no number as written. ok is false when the cell is
// one number, or holds none of the numbers taken.
func otherPhones(cell, region string, taken map[string]bool) (other []string, ok bool) {
	if _, err := normalize.ParsePhone(normalize.Text(cell), region); err == nil {
		return nil, false
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(phoneSeparators.Replace(cell), ";") {
		part = normalize.Text(part)
		if part == "" {
			continue
		}
		var got []normalize.Phone
		if p, err := normalize.ParsePhone(part, region); err == nil {
			got = append(got, p)
		} else {
			for _, alt := range phoneVariants(part, region) {
				if p, err := normalize.ParsePhone(alt, region); err == nil {
					got = append(got, p)
				}
			}
		}
		if len(got) == 0 {
			other = append(other, part)
			continue
		}
		for _, p := range got {
			n := phoneWithExt(p.E164, p.Ext)
			if taken[n] {
				ok = true
				continue
			}
			if seen[n] {
				continue
			}
			seen[n] = true
			other = append(other, n)
		}
	}
	return other, ok
}

// phoneWithExt writes a number with its extension, as a " (more)" field
// holds it: "+49301234567 ext. 12".
func phoneWithExt(e164, ext string) string {
	if ext == "" {
		return e164
	}
	return e164 + " ext. " + ext
}

// labelPhones makes every labelled phone column (Mapping.phoneLabels) a
// candidate for mobile as well: each row's label decides which of the two
// fields the number goes to.
func (b *Builder) labelPhones(cols []Column) {
	labels := phoneLabels(cols)
	for _, c := range b.cand[tPhone] {
		if lc, ok := labels[c]; ok {
			if b.phoneLabel == nil {
				b.phoneLabel = map[int]int{}
			}
			b.phoneLabel[c] = lc
			b.cand[tMobile] = append(b.cand[tMobile], c)
		}
	}
}

// phoneLabels maps each numbered phone column mapped to phone ("Phone 1 -
// Value", Google Contacts) to the column of its label ("Phone 1 - Label"
// or "- Type").
func phoneLabels(cols []Column) map[int]int {
	labels := map[string]int{}
	for i := range cols {
		h := strings.ToLower(strings.TrimSpace(cols[i].Header))
		if n, ok := strings.CutSuffix(h, " - label"); ok {
			labels[n] = i
		} else if n, ok := strings.CutSuffix(h, " - type"); ok {
			labels[n] = i
		}
	}
	var out map[int]int
	for i := range cols {
		if cols[i].Field != crm.FieldPhone {
			continue
		}
		h := strings.ToLower(strings.TrimSpace(cols[i].Header))
		n, ok := strings.CutSuffix(h, " - value")
		if !ok || !strings.HasPrefix(n, "phone ") {
			continue
		}
		if lc, ok := labels[n]; ok {
			if out == nil {
				out = map[int]int{}
			}
			out[i] = lc
		}
	}
	return out
}

// phoneExt reads an extension column (leadpipe's export "phone_ext",
// "Extension"): digits, maybe after "ext." or "-", for a phone number
// read without one. Anything else, or an extension without a number,
// stays a custom field.
func (r *rowBuild) phoneExt() {
	c := r.first(r.b.cand[tPhoneExt])
	if c < 0 || r.l.Phone == "" || r.l.PhoneExt != "" {
		return
	}
	raw := r.cell(c)
	v := strings.TrimSuffix(strings.TrimSpace(raw), ".0") // pandas' float: "12.0"
	low := strings.ToLower(v)
	for _, p := range []string{"extension", "ext.", "ext", "durchwahl", "dw.", "x", "-", "#"} {
		if strings.HasPrefix(low, p) {
			v = strings.TrimSpace(v[len(p):])
			break
		}
	}
	if len(v) == 0 || len(v) > 8 || strings.ContainsFunc(v, func(c rune) bool { return c < '0' || c > '9' }) {
		return
	}
	r.use(c)
	r.raw(crm.FieldPhoneExt, raw)
	r.l.PhoneExt = v
}

// labelledNumber picks from a Google Contacts phone cell the numbers whose
// label (the "Phone 1 - Label" cell) says the kind wanted: labels and
// numbers of one cell pair up by their place in " ::: " lists ("Work :::
// Mobile" over "+48 22 … ::: +48 501 …"). Several numbers of the kind are
// returned as a " ::: " list, for parsePhoneCell to take the first valid
// one. A fax or pager number is neither phone nor mobile; a cell with
// none of the kind stays a custom field.
func labelledNumber(values, labels string, mobile bool) (string, bool) {
	vs, ls := strings.Split(values, ":::"), strings.Split(labels, ":::")
	var out []string
	for i, v := range vs {
		l := ls[0]
		if i < len(ls) {
			l = ls[i]
		}
		if low := strings.ToLower(l); strings.Contains(low, "fax") || strings.Contains(low, "pager") {
			continue
		}
		if mobileLabel(l) == mobile && strings.TrimSpace(v) != "" {
			out = append(out, strings.TrimSpace(v))
		}
	}
	return strings.Join(out, " ::: "), len(out) > 0
}

// mobileLabel reports whether a phone label names a mobile number
// ("Mobile", "Cell", "Handy", "Mobil", "Komórka", "iPhone").
func mobileLabel(label string) bool {
	l := strings.ToLower(label)
	for _, w := range []string{"mobil", "cell", "handy", "komórk", "komork", "iphone"} { // "mobil" covers "mobile"
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// parsePhoneCell parses one cell; a cell holding several numbers (Google's
// " ::: ", a line break, ";", ", ", "oder", " / " between two whole
// numbers) yields the first valid one, and the raw cell keeps the rest. A
// note in brackets after a number ("(mobil)", "(Zentrale)") is no part of
// it, and neither is the 0 that Polish numbers had before 2005 ("(0-22)
// 123 45 67").
func parsePhoneCell(v, region string) (normalize.Phone, error) {
	p, err := normalize.ParsePhone(normalize.Text(v), region)
	if err == nil || errors.Is(err, normalize.ErrEmpty) {
		return p, err
	}
	if errors.Is(err, normalize.ErrPhoneNoCountry) && !strings.Contains(v, "+") && !strings.Contains(v, "00") {
		// The common failure (a national number, no region): no other
		// reading of the cell has a country either.
		return p, err
	}
	parts := strings.Split(phoneSeparators.Replace(v), ";")
	for i, part := range parts {
		if i > 0 || len(parts) > 1 {
			if p2, err2 := normalize.ParsePhone(normalize.Text(part), region); err2 == nil {
				return p2, nil
			}
		}
		for _, alt := range phoneVariants(normalize.Text(part), region) {
			if p2, err2 := normalize.ParsePhone(alt, region); err2 == nil {
				return p2, nil
			}
		}
	}
	return p, err
}

// phoneNote is a note in brackets after a number: "(mobil)", "(Zentrale)".
var phoneNote = regexp.MustCompile(`\s*[(\[][^()\[\]]*\p{L}[^()\[\]]*[)\]]`)

// phoneVariants are other readings of a number that did not parse: without
// a note in brackets, each side of " / " between two numbers, and a Polish
// number without its old trunk 0.
func phoneVariants(t, region string) []string {
	var out []string
	if u := strings.TrimSpace(phoneNote.ReplaceAllString(t, "")); u != t && u != "" {
		out = append(out, u)
		t = u
	}
	// "030 1234567 / 0171 1234567 / …": numbers side by side, each of
	// seven digits or more ("030 / 1234567" is one number).
	if parts := strings.Split(t, " / "); len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool { return phoneDigits(p) < 7 }) {
		out = append(out, parts...)
	}
	// Only a 0 written apart, as the old trunk prefix was: "(0-22) …",
	// "0 22 …", "0-601 …"; "022 …" or "089 …" are no such numbers.
	if region == "PL" && len(t) > 2 && (t[0] == '(' && t[1] == '0' && (t[2] == '-' || t[2] == ' ' || t[2] == ')') ||
		t[0] == '0' && (t[1] == '-' || t[1] == ' ')) {
		var d strings.Builder
		for _, c := range t {
			if c >= '0' && c <= '9' {
				d.WriteRune(c)
			} else if !strings.ContainsRune(" -()/.", c) {
				return out
			}
		}
		if ds := d.String(); len(ds) == 10 && ds[0] == '0' && ds[1] != '0' {
			out = append(out, ds[1:])
		}
	}
	return out
}

// phoneDigits counts the digits in s.
func phoneDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

func (r *rowBuild) company() {
	c := r.first(r.b.cand[tCompany])
	if c < 0 {
		return
	}
	v := r.cell(c)
	r.use(c)
	r.raw(crm.FieldCompany, v)
	co := normalize.ParseCompany(normalize.Text(v))
	if noCompany[co.Key] {
		// "privat", "self-employed": a web form's answer that the
		// person has no employer, not a company's name; like "n/a"
		// (nullMarker), no value. The raw value keeps what was
		// written.
		return
	}
	r.l.Company, r.l.CompanyKey, r.l.LegalForm = co.Name, co.Key, co.LegalForm
}

// noCompany are company keys that say the person has no employer.
var noCompany = map[string]bool{
	"privat": true, "private": true, "privatperson": true, "privatkunde": true,
	"keine": true, "keine firma": true, "none": true, "no company": true,
	"selbststandig": true, "selbstandig": true, "self employed": true, "selfemployed": true,
	"prywatnie": true, "osoba prywatna": true, "brak": true,
}

// simple fills title, tax id, source, budget and the creation date.
func (r *rowBuild) simple() {
	l := r.l
	if c := r.first(r.b.cand[tTitle]); c >= 0 {
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldTitle, v)
		l.Title = normalize.Text(v)
	} else if c := r.jobCol - 1; c >= 0 {
		// The job title found in the academic-title column; with a job
		// title of the row's own, that cell stays a custom field.
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldTitle, v)
		l.Title = normalize.Text(v)
	}
	if c := r.first(r.b.cand[tTaxID]); c >= 0 {
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldTaxID, v)
		// A number without its country prefix is read in the row's
		// country, else the country the column's title names ("NIP" is
		// Polish), else the region.
		country := l.Country
		if country == "" {
			country = taxIDCountry(r.b.m.Columns[c].Header)
		}
		id, err := normalize.TaxID(normalize.Text(v), country)
		if err != nil && l.Country == "" && r.b.region != "" && r.b.region != country {
			if id2, err2 := normalize.TaxID(normalize.Text(v), r.b.region); err2 == nil {
				id, err = id2, nil
			}
		}
		if err != nil {
			r.warn(crm.FieldTaxID, err, normalize.ErrInvalidTaxID, v)
		} else {
			l.TaxID = id
		}
	}
	if c := r.first(r.b.cand[tSource]); c >= 0 {
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldSource, v)
		l.Source = normalize.Text(v)
	}
	if l.Source == "" {
		l.Source = r.b.opts.Source
	}
	if c := r.first(r.b.cand[tBudget]); c >= 0 {
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldBudget, v)
		if mo, err := normalize.ParseMoney(normalize.Text(v)); err != nil {
			r.warn(crm.FieldBudget, err, normalize.ErrInvalidMoney, v)
		} else {
			l.Budget, l.Currency = mo.Amount, mo.Currency
			if l.Currency == "" {
				// "Budget (EUR)": the header names the currency.
				l.Currency = headerCurrency(r.b.m.Columns[c].Header)
			}
		}
	}
	// A currency column (leadpipe's export, "Währung"): the budget's
	// currency when the amount named none. A currency without a budget,
	// or one the amount contradicts, stays a custom field.
	if c := r.first(r.b.cand[tCurrency]); c >= 0 && l.Budget != "" {
		v := r.cell(c)
		if code, ok := normalize.CurrencyCode(v); ok && (l.Currency == "" || l.Currency == code) {
			r.use(c)
			r.raw(crm.FieldCurrency, v)
			l.Currency = code
		}
	}
	if c := r.first(r.b.cand[tCreatedAt]); c >= 0 {
		v := r.cell(c)
		r.use(c)
		r.raw(crm.FieldCreatedAt, v)
		order := r.b.orders[c]
		if isDottedDate(v) {
			order = normalize.DMY
		}
		t, err := normalize.ParseDate(normalize.Text(v), order)
		switch {
		case err != nil:
			r.warn(crm.FieldCreatedAt, err, normalize.ErrInvalidDate, v)
		case t.After(r.b.now().Add(48 * time.Hour)):
			// Most likely a day/month mix-up; the pipeline then uses
			// the import time.
			r.l.Warnings = append(r.l.Warnings, crm.FieldCreatedAt+": date lies in the future")
		default:
			l.CreatedAt = t
		}
	}
}

// custom keeps every non-empty cell no field consumed as a custom field
// under its column's custom name.
func (r *rowBuild) custom() {
	n := 0
	for i := range r.filled {
		n += bits.OnesCount64(r.filled[i] &^ r.used[i])
	}
	if n == 0 {
		return
	}
	if r.l.Custom == nil {
		r.l.Custom = make(map[string]string, n)
	}
	for c, v := range r.f {
		if !r.isFilled(c) || r.isUsed(c) {
			continue
		}
		name := r.b.columnName(c)
		r.l.Raw.Set(name, v)
		// A note keeps its lines: a CRM import takes them as they are.
		if t := normalize.TextLines(v); t != "" {
			r.l.Custom[name] = t
			if c < len(r.b.targets) && r.b.targets[c] == tEmail {
				// Another e-mail column ("E-mail 2 Address"): kept as
				// it came, and named for dedupe to match on.
				r.l.EmailFields = append(r.l.EmailFields, name)
			}
		}
	}
}
