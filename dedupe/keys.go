package dedupe

import (
	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// KeyKind says which rule a key comes from; it is part of the hash, so keys
// of different kinds never collide by construction.
type KeyKind byte

// The exact key kinds, strongest first.
const (
	KeyEmail       KeyKind = 'e' // normalized e-mail address
	KeyPhoneLast   KeyKind = 'p' // E.164 phone or mobile + folded last name
	KeyNameCompany KeyKind = 'n' // folded first + last name + company key
)

// Key is one hashed match key.
type Key struct {
	Kind KeyKind
	Hash uint64
}

// ExactKeys returns the exact match keys of a lead, strongest first. A lead
// without e-mail, phone or name has fewer keys; one with none can only ever
// be created, never matched. A role address (info@, biuro@, a household's
// familie.brandt@) is no key, nor is a firm's switchboard number
// (crm.SwitchboardNumber) with the last name: a firm's staff or a family
// share them.
func ExactKeys(l *crm.Lead) []Key {
	keys := make([]Key, 0, 4)
	if l.Email != "" && !l.EmailRole {
		keys = append(keys, Key{KeyEmail, hash(KeyEmail, l.Email)})
		if m := mailbox(l.Email); m != "" {
			// One mailbox written two ways ("anna+messe@",
			// "anna@"): a key of its own, so that the stored key of
			// the address stays as it was.
			keys = append(keys, Key{KeyEmail, hash(KeyEmail, m)})
		}
	}
	for _, o := range otherEmails(l) {
		keys = append(keys, Key{KeyEmail, hash(KeyEmail, o)})
	}
	last := ""
	if l.LastName != "" {
		last = normalize.FoldUmlaut(l.LastName)
	}
	if last != "" {
		if l.Phone != "" && !crm.SwitchboardNumber(l.Raw.Value(crm.FieldPhone)) {
			keys = append(keys, Key{KeyPhoneLast, hash(KeyPhoneLast, l.Phone, last)})
		}
		if l.Mobile != "" && l.Mobile != l.Phone {
			keys = append(keys, Key{KeyPhoneLast, hash(KeyPhoneLast, l.Mobile, last)})
		}
		if l.FirstName != "" && l.CompanyKey != "" {
			keys = append(keys, Key{KeyNameCompany, nameCompanyHash(l, last)})
		}
	}
	return keys
}

// nameCompanyHash is hash(KeyNameCompany, folded first name, last,
// company key, place) where place is the country and postal code, else
// the country and folded town, else empty, hashed without building the
// place's string (its halves one after the other, as one part). The place
// narrows the key to a location: common names at companies with common
// names ("Thomas Müller", "Müller GmbH") are too often different people
// in different towns: on 100,000 generated rows the key without a place
// made 3% of all merges wrong, with it they were ~0.1%.
func nameCompanyHash(l *crm.Lead, last string) uint64 {
	h := hashStart(KeyNameCompany)
	h = hashPart(h, normalize.FoldUmlaut(l.FirstName))
	h = hashPart(h, last)
	h = hashPart(h, l.CompanyKey)
	switch {
	case l.PostalCode != "":
		return hashMore(hashPart(h, l.Country), l.PostalCode)
	case l.City != "":
		return hashMore(hashPart(h, l.Country), normalize.FoldUmlaut(l.City))
	}
	return hashPart(h, "")
}

// ExactVeto returns the guard that forbids merging two leads that share
// an exact key, "" if none. The guards are those of fuzzy matching
// (Matcher), each as g switches it on: two different tax ids; salutations
// of different gender; different generation suffixes ("sen.", "jun."),
// and two private records with two different mobiles; two different
// personal addresses at one company domain; two different first names
// (not an initial, short form, nickname or typo of one another, or the
// male and the female form of a name) unless they share their own
// personal e-mail address, and two forms of one given name at one home
// or the family's firm; people at two different companies; a
// generation suffix on one side only; two different last names sharing
// an address at a firm's domain that names one of them. Beyond that the
// last_name guard has nothing to add: every key but an address holds the
// last name, and an address one of the two holds only among its other
// ones is no key of two different last names (OtherAddressVeto). An address among their other ones
// (an assistant's, a team's) lifts no guard: two colleagues with their
// own addresses at one domain, or two given names, stay apart however
// many other addresses they share.
func ExactVeto(a, b *crm.Lead, g Guards) string {
	if g.TaxID && a.TaxID != "" && b.TaxID != "" && a.TaxID != b.TaxID {
		return VetoTaxID
	}
	if ga, gb := salutationGender(a.Salutation), salutationGender(b.Salutation); g.Salutation && ga != genderUnknown && gb != genderUnknown && ga != gb {
		return VetoSalutation
	}
	_, gena := splitGeneration(key(a.LastName))
	_, genb := splitGeneration(key(b.LastName))
	if g.Generation && gena != genNone && genb != genNone && gena != genb && !sameRank(gena, genb) {
		return VetoGeneration
	}
	if a.Email != "" && mailboxOf(a.Email) == mailboxOf(b.Email) && !a.EmailRole && !b.EmailRole {
		// The person's own address, unless it names one of two given
		// names or only the family (namedForOne), or, at a firm's
		// domain, one of two last names ("a.wagner@" given by Anna
		// Wagner and by Anna Berg, her assistant), as in fuzzy mode
		// (VetoLastName); the other keys need one last name.
		ra := Record{First: key(a.FirstName), Last: key(a.LastName)}
		rb := Record{First: key(b.FirstName), Last: key(b.LastName)}
		fr := firstNameCmp(ra.First, rb.First, exactFirstNameThreshold)
		if g.FirstName && fr.different && namedForOne(a.Email, &ra, &rb) {
			return VetoFirstName
		}
		la, _ := splitGeneration(ra.Last)
		lb, _ := splitGeneration(rb.Last)
		if g.LastName && namedSurname(a.Email, &Record{Last: la}, &Record{Last: lb}) && !((fr.lv == Agree || fr.lv == Close) && a.EmailFreemail) {
			if lv, _, _ := compareName(la, lb, exactLastNameThreshold, false); lv == Disagree && surnamesDiffer(la, lb) {
				return VetoLastName
			}
		}
		return ""
	}
	ra, rb := exactRecord(a), exactRecord(b)
	ra.First, ra.Last, rb.First, rb.Last = key(a.FirstName), key(a.LastName), key(b.FirstName), key(b.LastName)
	lvMail, _, note := compareEmail(&ra, &rb, exactEmailThreshold)
	r := firstNameCmp(key(a.FirstName), key(b.FirstName), exactFirstNameThreshold)
	if g.PersonalEmail && note == notePersonalAddresses {
		// One mobile and one name make the two mailboxes one person's,
		// as in fuzzy mode.
		ll, _, _ := compareName(key(a.LastName), key(b.LastName), exactLastNameThreshold, false)
		if !(mobileShared(&ra, &rb) && (r.lv == Agree || r.lv == Close) && (ll == Agree || ll == Close)) {
			return VetoPersonalEmail
		}
	}
	if g.FirstName && r.different {
		return VetoFirstName
	}
	if g.Company && a.CompanyKey != "" && b.CompanyKey != "" && (a.FirstName != "" || a.LastName != "") && (b.FirstName != "" || b.LastName != "") {
		if lv, _, _ := compareCompany(a.CompanyKey, b.CompanyKey, exactCompanyThreshold); lv == Disagree && !companiesRelated(a.CompanyKey, b.CompanyKey) {
			// One mobile at two employers: a job change or two
			// namesakes, as in fuzzy mode (VetoOtherEmployer).
			return VetoOtherEmployer
		}
	}
	if g.Generation && ((gena == genNone) != (genb == genNone) || sameRank(gena, genb)) && !mobileShared(&ra, &rb) {
		// "James Carter" and "James Carter Jr.": the father as often
		// as the son, as in fuzzy mode (VetoGenerationOneSide).
		return VetoGenerationOneSide
	}
	la := Record{First: key(a.FirstName), Last: key(a.LastName), Company: a.CompanyKey, Phone: ra.Phone, Mobile: ra.Mobile}
	lb := Record{First: key(b.FirstName), Last: key(b.LastName), Company: b.CompanyKey, Phone: rb.Phone, Mobile: rb.Mobile}
	if g.Generation && ownLinesDiffer(&la, &lb) && !(lvMail == Close && note == "near-identical address") {
		// One landline at home, two mobiles: a father and son of one
		// name as often as one man, as in fuzzy mode (VetoOtherLines).
		return VetoOtherLines
	}
	kin := r.lv == Disagree && relatedNames(r.a, r.b) || r.lv == Close && kinForms(r.a, r.b)
	if g.FirstName && kin && (a.CompanyKey == "" && b.CompanyKey == "" || familyFirm(&la, &lb, la.Last != "" && la.Last == lb.Last)) && !mobileShared(&ra, &rb) {
		// "Janusz" and "Jan" without a company, or at the family's
		// firm: the key they share is their home's or the firm's phone
		// (a mobile is one person's).
		return VetoKinNames
	}
	if g.PersonalEmail && note == noteMirrorsNames && !ra.Freemail && !ra.Role && !rb.Role && domainOf(&ra) == domainOf(&rb) {
		// "lena.meyer@" and "lena.maier@" at one firm, as in fuzzy
		// mode (VetoMirroredAddresses), after the other guards; one
		// mobile and one name are one person's.
		ll, _, _ := compareName(key(a.LastName), key(b.LastName), exactLastNameThreshold, false)
		if !(mobileShared(&ra, &rb) && (r.lv == Agree || r.lv == Close) && (ll == Agree || ll == Close)) {
			return VetoMirroredAddresses
		}
	}
	return ""
}

// exactRecord is the part of a lead's Record that ExactVeto compares: the
// e-mail address with its flags, and phone and mobile, a mobile that is
// the lead's phone too being no mobile of its own (as Record has it).
func exactRecord(l *crm.Lead) Record {
	r := Record{Email: l.Email, Freemail: l.EmailFreemail, Role: l.EmailRole, Phone: l.Phone, Mobile: l.Mobile}
	if r.Mobile == r.Phone {
		r.Mobile = ""
	}
	return r
}

// VetoOtherAddress is the veto of OtherAddressVeto.
const VetoOtherAddress = "different last names, only another e-mail address in common"

// OtherAddressVeto returns VetoOtherAddress when the exact key k that a
// and b share is an address one of them holds only among its other ones
// (an assistant's or a team's that two bosses list) and their last names
// differ, "" otherwise. Every other key holds the last name; the own
// address of both, however named, is the person's.
func OtherAddressVeto(a, b *crm.Lead, k Key) string {
	if k.Kind != KeyEmail {
		return ""
	}
	la, _ := splitGeneration(key(a.LastName))
	lb, _ := splitGeneration(key(b.LastName))
	if lv, _, _ := compareName(la, lb, exactLastNameThreshold, false); lv != Disagree {
		return ""
	}
	for _, l := range [2]*crm.Lead{a, b} {
		for _, o := range otherEmails(l) {
			if hash(KeyEmail, o) == k.Hash {
				return VetoOtherAddress
			}
		}
	}
	return ""
}

// exactLastNameThreshold is the Jaro-Winkler threshold of the built-in
// last name comparison (DefaultConfig).
const exactLastNameThreshold = 0.90

// exactEmailThreshold is the Jaro-Winkler threshold of the built-in
// e-mail comparison (DefaultConfig).
const exactEmailThreshold = 0.93

// exactFirstNameThreshold is the Jaro-Winkler threshold of the built-in
// first name comparison (DefaultConfig).
const exactFirstNameThreshold = 0.90

// exactCompanyThreshold is the default company comparison's threshold.
const exactCompanyThreshold = 0.90

// Hashes returns just the hashes of keys, for the store's index.
func Hashes(keys []Key) []uint64 {
	h := make([]uint64, len(keys))
	for i, k := range keys {
		h[i] = k.Hash
	}
	return h
}

// hash is FNV-1a over kind and the parts, each part preceded by a 0 byte.
// Written out so that it does not allocate; it must stay stable across
// releases because the store keeps these hashes.
func hash(kind KeyKind, parts ...string) uint64 {
	h := hashStart(kind)
	for _, p := range parts {
		h = hashPart(h, p)
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashStart begins a key's hash with its kind.
func hashStart(kind KeyKind) uint64 { return (fnvOffset ^ uint64(kind)) * fnvPrime }

// hashPart adds a part: a 0 byte, then its bytes.
func hashPart(h uint64, p string) uint64 { return hashMore(h*fnvPrime, p) }

// hashMore adds bytes to the current part.
func hashMore(h uint64, p string) uint64 {
	for i := 0; i < len(p); i++ {
		h = (h ^ uint64(p[i])) * fnvPrime
	}
	return h
}

// String names a key kind for outcome reasons.
func (k KeyKind) String() string {
	switch k {
	case KeyEmail:
		return "same e-mail"
	case KeyPhoneLast:
		return "same phone and last name"
	case KeyNameCompany:
		return "same name and company"
	}
	return "unknown key"
}
