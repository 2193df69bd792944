package importer

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/leadpipe/leadpipe/crm"
)

// Mapping says, for every column of an input file, which lead field it
// fills. It is built once per file from the header by NewMapping and is
// read-only afterwards.
type Mapping struct {
	// Columns has one entry per header column, in file order.
	Columns []Column
	// Family names the dictionary that knew the most headers ("Outlook
	// (de)", "HubSpot", ...); "" when no dictionary knew any.
	Family string
	// DateOrder comes from the mapping file: "", "dmy" or "mdy".
	DateOrder string
	// Warnings are findings the caller should print, e.g. a mapping-file
	// entry whose column is not in the header. They name the mapping file,
	// its line and the column, never a value.
	Warnings []string
}

// Column is the mapping decision for one column.
type Column struct {
	Index  int    // 0-based position in the header
	Header string // header text as read
	// Field is the target: a core data field (crm.DataFields),
	// crm.FieldCreatedAt, FieldFullName, FieldStreet2, FieldStreet3,
	// FieldHouseNumber, or FieldCustom.
	Field string
	// Custom is the unique name under which the column's value is kept as
	// a custom field: always for FieldCustom columns, and for a column of
	// a core field when another column supplied that field in a row.
	// Duplicate headers become "Notes", "Notes (2)"; a header equal to a
	// core field name gets a suffix too; an empty header is "Column 7".
	Custom string
	// Priority orders the columns of one field (and address group):
	// 1 is the first choice. In a row the first non-empty column wins (for
	// e-mail and phone the first valid one). 0 for custom columns.
	Priority int
	// Group is the address group of an address column ("business",
	// "home", "other", "address 1", ...), "" for none. A row takes all
	// address parts from one group.
	Group string
	// Source says where the decision came from: "dictionary: Outlook
	// (de)", "mapping file map.yaml line 3", or "custom".
	Source string

	target    target
	groupRank int
	prio      int // raw priority before ranking
}

// unitCurrency maps the units a header may name after a money column's
// name ("Budget (EUR)", "Budżet [zł]", "Budget €") to their ISO 4217 code;
// units that name no currency map to "".
var unitCurrency = map[string]string{
	"eur": "EUR", "€": "EUR", "tsd. €": "EUR", "k€": "EUR", "pln": "PLN", "zł": "PLN", "zl": "PLN",
	"usd": "USD", "$": "USD", "chf": "CHF", "gbp": "GBP", "£": "GBP",
	"tsd": "", "netto": "", "brutto": "",
}

// headerUnit splits a trailing unit off a header, in brackets or not:
// "Budget (EUR)" -> "Budget", "eur". Other bracketed parts stay: "Telefon
// (privat)" is an Outlook header of its own.
func headerUnit(h string) (name, unit string) {
	t := strings.TrimSpace(h)
	if strings.HasSuffix(t, ")") || strings.HasSuffix(t, "]") {
		if i := strings.LastIndexAny(t, "(["); i > 0 {
			u := strings.ToLower(strings.TrimSpace(t[i+1 : len(t)-1]))
			if _, ok := unitCurrency[u]; ok {
				return strings.TrimSpace(t[:i]), u
			}
		}
	}
	if i := strings.LastIndexByte(t, ' '); i > 0 {
		u := strings.ToLower(t[i+1:])
		if _, ok := unitCurrency[u]; ok {
			return strings.TrimSpace(t[:i]), u
		}
	}
	return h, ""
}

// bracketNote splits a trailing note in brackets off a header the
// dictionaries do not know: "Firma (mit Rechtsform)" -> "Firma", "mit
// Rechtsform". A note that makes the column another one ("Firma (alt)",
// "Name 2") is no note: ok is false.
func bracketNote(h string) (base, note string, ok bool) {
	t := strings.TrimSpace(h)
	if !strings.HasSuffix(t, ")") && !strings.HasSuffix(t, "]") {
		return "", "", false
	}
	i := strings.LastIndexAny(t, "([")
	if i <= 0 {
		return "", "", false
	}
	base, note = strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:len(t)-1])
	if base == "" || note == "" {
		return "", "", false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(note), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch w {
		case "alt", "alte", "alter", "old", "früher", "frühere", "ehemals", "ehemalige", "former", "previous", "vorherige",
			"poprzedni", "poprzednia", "stary", "stara", "2", "3", "ii", "zweite", "second", "weitere", "other", "andere",
			"inny", "inna", "privat", "private", "home", "prywatny", "fax", "mobil", "mobile", "handy", "mutter", "parent", "brief":
			return "", "", false
		}
		for _, stem := range noteStems {
			if strings.HasPrefix(w, stem) {
				return "", "", false
			}
		}
	}
	return base, note, true
}

// noteStems begin words of a note that make a column another one: an
// assistant's, the invoice's or the delivery's ("Firma
// (Rechnungsempfänger)", "Land (Lieferadresse)").
var noteStems = []string{"assist", "rechnung", "billing", "invoice", "faktur", "liefer", "shipping", "versand", "wysyłk", "dostaw"}

// noteSafe reports whether a note in brackets can leave a column's field
// as it is: a note after a phone, e-mail or address column often names
// its kind ("(Zentrale)", "(Büro)", "(Lieferadresse)"), which the
// dictionaries decide, and "Anrede (Brief)" is a letter's salutation.
func noteSafe(t target) bool {
	switch t {
	case tPhone, tMobile, tEmail, tStreet, tPostalCode, tCity, tHouseNumber, tSalutation, tCustom, tIgnore:
		return false
	}
	return true
}

// withoutUnit is the header without its unit, for the dictionary look-up.
func withoutUnit(h string) string {
	name, _ := headerUnit(h)
	return name
}

// headerCurrency is the ISO 4217 code of the currency a header names, or "".
func headerCurrency(h string) string {
	_, u := headerUnit(h)
	return unitCurrency[u]
}

// NewMapping maps a header to lead fields with the built-in dictionaries,
// overridden by the mapping file mf (which may be nil).
func NewMapping(header []string, mf *MapFile) (*Mapping, error) {
	if len(header) == 0 {
		return nil, errors.New("the header has no columns")
	}
	ks := headerKeysOf(header)
	family := detectFamily(ks)

	m := &Mapping{Columns: make([]Column, len(header))}
	if family != nil {
		m.Family = family.name
	}

	// Mapping-file entries, matched by exact trimmed header first, then by
	// folded key.
	var entries []MapColumn
	usedEntry := map[int]bool{}
	if mf != nil {
		entries = mf.Columns
		m.DateOrder = mf.DateOrder
	}
	findEntry := func(i int) int {
		h := strings.TrimSpace(header[i])
		for j, en := range entries {
			if strings.TrimSpace(en.Header) == h {
				return j
			}
		}
		for j, en := range entries {
			if k := headerKey(en.Header); k != "" && k == ks[i].exact {
				return j
			}
		}
		return -1
	}

	for i, h := range header {
		c := Column{Index: i, Header: h, target: tCustom, Source: "custom"}
		match, known := lookupHeader(family, ks[i].exact, ks[i].strip, ks[i].stripAE)
		if j := findEntry(i); j >= 0 {
			en := entries[j]
			usedEntry[j] = true
			t, ok := targetByName(en.Field)
			if !ok || t == tIgnore {
				return nil, fmt.Errorf("%s line %d: unknown field %q (known: %s)", mf.Path, en.Line, en.Field, strings.Join(Targets(), ", "))
			}
			c.target = t
			c.Source = fmt.Sprintf("mapping file %s line %d", mf.Path, en.Line)
			c.prio = -1 // an explicit choice beats the dictionary's candidates
			if known && match.entry.target == t {
				// Same decision as the dictionary: keep its address group.
				c.Group, c.prio = match.entry.group, match.entry.prio
			}
		} else if known {
			c.target = match.entry.target
			c.Group = match.entry.group
			c.prio = match.entry.prio
			c.Source = "dictionary: " + match.table.name
		} else if base, note, ok := bracketNote(h); ok {
			k := headerKeysOf([]string{base})[0]
			nk := headerKeysOf([]string{note})[0]
			noteMatch, noteKnown := lookupHeader(family, nk.exact, nk.strip, nk.stripAE)
			if match, known := lookupHeader(family, k.exact, k.strip, k.stripAE); known &&
				(noteSafe(match.entry.target) || note == moreNote && match.entry.target == tEmail) &&
				(!noteKnown || noteMatch.entry.target == match.entry.target) {
				// "E-mail 1 - Value (more)": the further addresses of
				// an e-mail cell, as leadpipe's own export writes them
				// (moreEmails), are e-mail addresses again.
				// "Name (Ansprechpartner)" is a name; "Name (Firma)" names
				// another field, and stays a custom field.
				c.target = match.entry.target
				c.prio = match.entry.prio + 1 // after a column the dictionary knows as it is
				c.Source = fmt.Sprintf("dictionary: %s (%q without %q)", match.table.name, base, note)
			}
		}
		c.Field = c.target.String()
		c.groupRank = groupRank(c.Group)
		m.Columns[i] = c
	}

	// German lists write "Vorname; Name": next to a first-name column and
	// with no last-name column, "Name" is the surname, not a full name.
	if m.has(tFirstName) && !m.has(tLastName) {
		for i := range m.Columns {
			c := &m.Columns[i]
			if c.target == tFullName && strings.HasPrefix(c.Source, "dictionary") && ks[i].exact == "name" {
				c.target, c.Field = tLastName, crm.FieldLastName
				c.Source += " (surname next to a first-name column)"
				break
			}
		}
	}

	m.ownExportDerived(header)
	m.rank()
	m.nameCustom()

	if mf != nil {
		for j, en := range entries {
			if !usedEntry[j] {
				m.Warnings = append(m.Warnings, fmt.Sprintf("%s line %d: column %q is not in the input header", mf.Path, en.Line, en.Header))
			}
		}
	}
	if !m.Mapped() {
		m.Warnings = append(m.Warnings, "no column maps to a lead field, so every row will be rejected: is the first row the header? A mapping file (--map) can name the columns")
	}
	return m, nil
}

// ownExportSignature are the columns by which leadpipe's own lead export
// is known: no other program writes all three.
var ownExportSignature = []string{"legal_form", "email_freemail", "email_role"}

// ownExportDerived are the columns of leadpipe's own lead export that it
// derives from the others (the score and grade by the scoring rules, the
// legal form from the company, the e-mail's kind from the address): an
// import derives them again, under its own rules, so they are no data.
var ownExportDerived = map[string]bool{"score": true, "grade": true, "legal_form": true, "email_freemail": true, "email_role": true}

// ownExportStore are the columns of leadpipe's own lead export that are
// the exporting store's bookkeeping: its lead id, the status and stage
// of its lifecycle, the time it last changed the lead. The importing
// store keeps its own; as custom fields they would come back beside them
// ("id (2)"), one more set with every round trip, and the export imported
// again into the store that wrote it would change every lead.
var ownExportStore = map[string]bool{"id": true, "status": true, "stage": true, "updated_at": true}

// ownExportDerived drops the derived and bookkeeping columns of a file
// that leadpipe's own export wrote (ownExportSignature), which would
// otherwise come back as custom fields and be exported again beside the
// columns leadpipe writes, more columns with every round trip. A list's
// own columns of those names are exported under other names ("id (2)",
// "custom.updated_at") and stay custom fields. A mapping file's choice
// stands.
func (m *Mapping) ownExportDerived(header []string) {
	trimmed := make([]string, len(header))
	for i, h := range header {
		trimmed[i] = strings.TrimSpace(h)
	}
	for _, name := range ownExportSignature {
		if !slices.Contains(trimmed, name) {
			return
		}
	}
	for i := range m.Columns {
		c := &m.Columns[i]
		if c.target != tCustom || strings.HasPrefix(c.Source, "mapping file") {
			continue
		}
		switch {
		case ownExportDerived[trimmed[i]]:
			c.target, c.Field = tIgnore, FieldIgnore
			c.Source = "leadpipe's own export: derived again on import"
		case ownExportStore[trimmed[i]]:
			c.target, c.Field = tIgnore, FieldIgnore
			c.Source = "leadpipe's own export: the exporting store's own"
		}
	}
}

// Mapped reports whether any column maps to a lead field.
func (m *Mapping) Mapped() bool {
	for _, c := range m.Columns {
		if c.target != tCustom && c.target != tIgnore {
			return true
		}
	}
	return false
}

func (m *Mapping) has(t target) bool {
	for _, c := range m.Columns {
		if c.target == t {
			return true
		}
	}
	return false
}

// rank turns raw priorities into choice numbers 1..n per field and group.
func (m *Mapping) rank() {
	idx := make([]int, 0, len(m.Columns))
	for i := range m.Columns {
		if t := m.Columns[i].target; t != tCustom && t != tIgnore {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ca, cb := &m.Columns[a], &m.Columns[b]
		return cmp.Or(
			cmp.Compare(ca.target, cb.target),
			cmp.Compare(ca.groupRank, cb.groupRank),
			strings.Compare(ca.Group, cb.Group),
			cmp.Compare(ca.prio, cb.prio),
			cmp.Compare(a, b),
		)
	})
	for k, i := range idx {
		c := &m.Columns[i]
		if k > 0 {
			p := &m.Columns[idx[k-1]]
			if p.target == c.target && p.Group == c.Group {
				c.Priority = p.Priority + 1
				continue
			}
		}
		c.Priority = 1
	}
}

// nameCustom gives every column a unique custom-field name: the first
// column with a header keeps it, later duplicates get " (2)", " (3)", ...;
// names of core fields are never used, so a custom field cannot shadow one.
func (m *Mapping) nameCustom() {
	taken := make(map[string]bool, len(m.Columns)+len(crm.CoreFields))
	for _, f := range crm.CoreFields {
		taken[f] = true
	}
	taken[crm.FieldPhoneExt], taken[crm.FieldCurrency] = true, true
	var pending []int
	next := map[string]int{} // next suffix to try per base name
	for i := range m.Columns {
		c := &m.Columns[i]
		h := strings.TrimSpace(c.Header)
		if h == "" || taken[h] {
			pending = append(pending, i)
			continue
		}
		taken[h] = true
		c.Custom = h
	}
	for _, i := range pending {
		c := &m.Columns[i]
		base := strings.TrimSpace(c.Header)
		if base == "" {
			base = "Column " + strconv.Itoa(i+1)
			if !taken[base] {
				taken[base] = true
				c.Custom = base
				continue
			}
		}
		for n := max(next[base], 2); ; n++ {
			name := base + " (" + strconv.Itoa(n) + ")"
			if !taken[name] {
				taken[name] = true
				c.Custom = name
				next[base] = n + 1
				break
			}
		}
	}
}

// Describe returns one line per column for `leadpipe inspect`:
//
//	 3  E-Mail-Adresse              → email (choice 1 of 3)          dictionary: Outlook (de)
//	 9  Straße geschäftlich         → street, business address       dictionary: Outlook (de)
//	50  Notizen                     → custom "Notizen"               dictionary: Outlook (de)
func (m *Mapping) Describe() []string {
	count := map[string]int{}
	for _, c := range m.Columns {
		if c.target != tCustom && c.target != tIgnore {
			count[c.Field+"\x00"+c.Group]++
		}
	}
	labelled := phoneLabels(m.Columns)
	hw, tw := 0, 0
	what := make([]string, len(m.Columns))
	for i, c := range m.Columns {
		var s string
		switch {
		case c.target == tCustom:
			s = "custom " + strconv.Quote(c.Custom)
		case c.target == tIgnore && ownExportDerived[strings.TrimSpace(c.Header)]:
			s = "ignored (derived again)"
		case c.target == tIgnore && ownExportStore[strings.TrimSpace(c.Header)]:
			s = "ignored (exporting store's)"
		case c.target == tIgnore:
			s = "ignored (rejects-file annotation)"
		default:
			s = c.Field
			if c.Group != "" {
				s += ", " + c.Group + " address"
			}
			if n := count[c.Field+"\x00"+c.Group]; n > 1 {
				s += fmt.Sprintf(" (choice %d of %d)", c.Priority, n)
			}
			if _, ok := labelled[i]; ok {
				s += ", mobile if its label says so"
			}
		}
		what[i] = s
		hw = max(hw, len([]rune(c.Header)))
		tw = max(tw, len([]rune(s)))
	}
	hw, tw = min(hw, 40), min(tw, 50)
	nw := len(strconv.Itoa(len(m.Columns)))
	lines := make([]string, len(m.Columns))
	for i, c := range m.Columns {
		lines[i] = fmt.Sprintf("%*d  %s → %s  %s", nw, i+1, padRunes(c.Header, hw), padRunes(what[i], tw), c.Source)
	}
	return lines
}

// padRunes right-pads s with spaces to w runes.
func padRunes(s string, w int) string {
	if n := len([]rune(s)); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// EmailColumn reports whether a custom field of this name holds more of the
// person's e-mail addresses, as the importer names them among a lead's
// e-mail fields (crm.Lead.EmailFields): a column the built-in dictionaries
// map to the e-mail field ("E-mail 2 Address", "E-mail 2 - Value",
// "Secondary Email", emailaddress2, hs_additional_emails), the field that
// keeps an e-mail cell's further addresses ("E-mail 1 - Value (more)"), or
// the custom name nameCustom gave a repeated one ("Email (2)").
//
// It decides by the name alone, as NewMapping decides a header of that one
// column: no header is the e-mail field in one dictionary and another
// field in another (TestEmailColumnDictionaries), so a file's other
// columns cannot change the answer. A mapping file can: one that made such
// a column a custom field, or another header an e-mail column, is not
// known here. It lets a store written before leads named their e-mail
// fields be brought up to date.
func EmailColumn(name string) bool {
	if emailHeader(name) {
		return true
	}
	// "Email (2)": the second "Email" column of its file.
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		if n, err := strconv.Atoi(name[i+2 : len(name)-1]); err == nil && n >= 2 {
			return emailHeader(name[:i])
		}
	}
	return false
}

// emailHeader reports whether NewMapping maps a header of the single
// column h to the e-mail field.
func emailHeader(h string) bool {
	m, err := NewMapping([]string{h}, nil)
	return err == nil && m.Columns[0].target == tEmail
}
