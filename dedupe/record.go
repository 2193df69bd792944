package dedupe

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// Record is the view of a lead that matching needs: folded, comparable
// values, small enough that a million of them stay in memory during an
// import. Values are folded (lower case, accents removed, ł->l, ß->ss) and
// German umlaut spellings collapsed ("mueller" and "müller" both become
// "muller"), so a comparison never has to fold again.
type Record struct {
	ID      crm.ID
	First   string
	Last    string
	Company string // company without legal form
	Email   string // normalized address
	// Other holds the person's other addresses (otherEmails), separated
	// by spaces.
	Other  string
	Phone  string // E.164, or local digits (localPhone)
	Mobile string
	Postal string // country + " " + postal code
	City   string
	Street string // street types abbreviated: "hauptstr 5"
	TaxID  string
	// Flags of the e-mail address.
	Freemail, Role bool
	// Switchboard: Phone is a firm's central number, written with the
	// extension 0 (crm.SwitchboardNumber).
	Switchboard bool
	// Gender is the gender the salutation names (genderMale,
	// genderFemale), genderUnknown without one.
	Gender byte
	// Generation is the generation suffix taken off the last name
	// ("sen.", "jun.", "III": splitGeneration), genNone without one.
	Generation byte
	// Extra holds the values of the configured comparisons and blocking
	// fields, in Matcher order.
	Extra []string
}

// Record makes the matching view of a lead.
func (m *Matcher) Record(l *crm.Lead) Record {
	r := Record{
		ID:       l.ID,
		First:    key(l.FirstName),
		Last:     key(l.LastName),
		Company:  collapse(capLen(l.CompanyKey)),
		Email:    l.Email,
		Other:    strings.Join(otherEmails(l), " "),
		Phone:    l.Phone,
		Mobile:   l.Mobile,
		City:     key(l.City),
		Street:   streetKey(l.Street),
		TaxID:    l.TaxID,
		Freemail: l.EmailFreemail,
		Role:     l.EmailRole,
		Gender:   salutationGender(l.Salutation),
	}
	r.Last, r.Generation = splitGeneration(r.Last)
	if r.Phone == "" {
		r.Phone = localPhone(l.Raw.Value(crm.FieldPhone))
	} else {
		r.Switchboard = crm.SwitchboardNumber(l.Raw.Value(crm.FieldPhone))
		if l.PhoneExt != "" && normalize.IsDigits(l.PhoneExt) {
			// A line is its number and extension: "+49 30 405060 x12"
			// is the "030 405060-12" dialled directly, and two
			// extensions of one main number are two desks. A
			// switchboard's "-0" with an extension column is that
			// extension's line: "+49 711 12345-0" and "45" is
			// "0711 12345-45".
			if r.Switchboard && strings.HasSuffix(r.Phone, "0") {
				r.Phone, r.Switchboard = r.Phone[:len(r.Phone)-1], false
			}
			r.Phone += l.PhoneExt
		}
	}
	if r.Mobile == "" {
		r.Mobile = localPhone(l.Raw.Value(crm.FieldMobile))
	}
	if r.Mobile == r.Phone {
		r.Mobile = ""
	}
	if l.PostalCode != "" {
		r.Postal = l.Country + " " + strings.ToLower(zip5(l.PostalCode, l.Country))
	}
	if len(m.extra) > 0 {
		r.Extra = make([]string, len(m.extra))
		for i, f := range m.extra {
			r.Extra[i] = key(l.Get(f))
		}
	}
	return r
}

// maxOther bounds the other addresses of a lead that match.
const maxOther = 4

// otherEmails returns the lead's addresses besides Email, normalized and
// each once: the further valid addresses of its e-mail cell ("a@x.de;
// b@y.de") and those of its other e-mail columns (crm.Lead.EmailFields).
// A role address (info@, biuro@) is none: a whole firm writes from it.
func otherEmails(l *crm.Lead) []string {
	var out []string
	add := func(cell string) {
		// A cell may hold a whole mailing list: parse no further than
		// the maxOther addresses kept.
		normalize.EachEmailIn(cell, func(em normalize.Email) bool {
			if len(out) < maxOther && !em.Role && em.Address != l.Email && !slices.Contains(out, em.Address) {
				out = append(out, em.Address)
			}
			return len(out) < maxOther
		})
	}
	if raw := l.Raw.Value(crm.FieldEmail); strings.Count(raw, "@") > 1 {
		add(raw)
	}
	for _, name := range l.EmailFields {
		if v := l.Custom[name]; strings.Contains(v, "@") {
			add(v)
		}
	}
	return out
}

// OtherEmails returns the lead's other addresses as matching takes them
// (otherEmails): leadpipe erase keeps a tombstone of each, and an import
// recognises an erased person's row by them.
func OtherEmails(l *crm.Lead) []string { return otherEmails(l) }

// Mailbox is the mailbox a normalized address delivers to where that
// differs from the address ("lauraengel@gmail.com" for
// "laura.engel@gmail.com", "anna@firma.de" for "anna+messe@firma.de"),
// "" where the address is its own.
func Mailbox(addr string) string { return mailbox(addr) }

// key folds a value for comparison.
func key(s string) string {
	if s == "" {
		return ""
	}
	return collapse(capLen(normalize.Fold(s)))
}

// maxCompared bounds the folded values compared: Jaro-Winkler and edit
// distances cost the square of the length, and no name, company or street
// needs more to tell it apart.
const maxCompared = 256

// capLen cuts s to maxCompared bytes at a character boundary.
func capLen(s string) string {
	if len(s) <= maxCompared {
		return s
	}
	i := maxCompared
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// collapse turns the German transliterations of umlauts back into the
// plain vowel on folded text ("mueller" -> "muller", "schaefer" ->
// "schafer"), so that "Müller", "Mueller" and "MULLER" meet. It is applied
// to both sides of every comparison, so words that merely contain "ue"
// ("Samuel") stay comparable.
func collapse(s string) string {
	if !strings.Contains(s, "e") {
		return s
	}
	if !strings.Contains(s, "ae") && !strings.Contains(s, "oe") && !strings.Contains(s, "ue") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		b = append(b, c)
		if (c == 'a' || c == 'o' || c == 'u') && i+1 < len(s) && s[i+1] == 'e' && (i == 0 || !isVowel(s[i-1])) {
			i++
		}
	}
	return string(b)
}

// isVowel reports whether c is a vowel letter. After a vowel "ue" is no
// umlaut written out: "Bauer" and "Baur", "Neuer" and "Neur" are two
// names, where "Mueller" is "Müller".
func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// streetWords maps the spellings of street types to one form, after Fold.
var streetWords = map[string]string{
	"strasse": "str", "str": "str", "street": "st", "st": "st",
	"avenue": "ave", "ave": "ave", "av": "ave", "road": "rd", "rd": "rd",
	"drive": "dr", "dr": "dr", "lane": "ln", "ln": "ln", "boulevard": "blvd", "blvd": "blvd",
	"place": "pl", "pl": "pl", "platz": "pl", "ulica": "", "ul": "", "aleja": "al", "al": "al",
	"weg": "weg", "gasse": "g", "g": "g",
	"court": "ct", "ct": "ct", "north": "n", "south": "s", "east": "e", "west": "w",
}

// streetKey folds a street and writes its type one way: "Schillerstraße
// 12" and "Schillerstr. 12" both become "schillerstr 12", "ul. Długa 5"
// and "Długa 5" both "dluga 5".
func streetKey(s string) string {
	if s == "" {
		return ""
	}
	words := strings.Fields(capLen(normalize.Fold(s)))
	out := words[:0]
	flat := ""
	for i := 0; i < len(words); i++ {
		w := words[i]
		if unitWords[w] && (i+1 == len(words) || len(words[i+1]) == 1 || strings.ContainsAny(words[i+1], "0123456789")) {
			// "Flat 3, 12 High Street", "215 W 88th St Apt 4B": the
			// flat's number goes last, after the house's, where
			// "#4B" and a list's "12 High St 3" have it. Before a
			// word ("Flat Rock Road", "Top Lane") it is one of the
			// street's name.
			if i+1 < len(words) && strings.ContainsAny(words[i+1], "0123456789") && flat == "" {
				flat = words[i+1]
				i++
			}
			continue
		}
		if v, ok := streetWords[w]; ok {
			if v != "" {
				out = append(out, v)
			}
			continue
		}
		for _, suf := range []string{"strasse", "str"} {
			if base, ok := strings.CutSuffix(w, suf); ok && base != "" {
				w = base + "str"
				break
			}
		}
		if base, ok := strings.CutSuffix(w, "street"); ok && base != "" {
			w = base + "st" // "gilruthstreet": the type glued on
		}
		out = append(out, w)
	}
	if flat != "" {
		out = append(out, flat)
	}
	return collapse(strings.Join(out, " "))
}

// unitWords mark a flat, unit or suite within a house.
var unitWords = map[string]bool{
	"apt": true, "apartment": true, "unit": true, "suite": true, "ste": true,
	"flat": true, "wohnung": true, "whg": true, "top": true, "lokal": true, "lok": true,
}

// localPhone is the matching value of a phone number that could not be
// read because it is a local one, without area code, as old lists hold
// them ("386-5286"): its seven or eight digits, marked as local so that
// they never equal an E.164 number. Two such numbers are compared digit
// for digit, and a local number agrees with a full one that ends in it.
// Longer unreadable numbers are invalid full numbers, not local ones.
func localPhone(raw string) string {
	if raw == "" {
		return ""
	}
	d := digitsOf(raw)
	if len(d) < 7 || len(d) > 8 || placeholder(d) {
		return ""
	}
	return localPrefix + d
}

// placeholder reports whether digits are a filler rather than a number:
// one digit repeated ("0000000") or a run ("1234567", "7654321").
func placeholder(d string) bool {
	same, up, down := true, true, true
	for i := 1; i < len(d); i++ {
		same = same && d[i] == d[0]
		up = up && d[i] == d[i-1]+1
		down = down && d[i]+1 == d[i-1]
	}
	return same || up || down
}

// localPrefix marks a Record phone as local digits, not E.164.
const localPrefix = "local:"

// zip5 is a US ZIP+4 code's five-digit ZIP ("10024-3301", "10024 3301"):
// one list writes the +4, another not, and the five digits name the
// place. Other codes, and codes of other countries, stay as they are.
func zip5(code, country string) string {
	if country != "" && country != "US" || len(code) != 10 || code[5] != '-' && code[5] != ' ' {
		return code
	}
	if normalize.IsDigits(code[:5]) && normalize.IsDigits(code[6:]) {
		return code[:5]
	}
	return code
}
