package dedupe

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// lead builds a lead the way the importer does, from plain values.
func lead(id crm.ID, kv ...string) *crm.Lead {
	l := &crm.Lead{ID: id}
	for i := 0; i+1 < len(kv); i += 2 {
		l.Set(kv[i], kv[i+1])
	}
	if l.Company != "" {
		c := normalize.ParseCompany(l.Company)
		l.CompanyKey, l.LegalForm = c.Key, c.LegalForm
	}
	if l.Email != "" {
		e, err := normalize.ParseEmail(l.Email)
		if err == nil {
			l.Email, l.EmailFreemail, l.EmailRole = e.Address, e.Freemail, e.Role
		}
	}
	return l
}

func TestSameOnset(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"christoph", "kristof", true}, {"philipp", "filip", true}, {"meier", "mayr", true},
		{"anna", "jan", false}, {"jana", "anna", false}, {"ewa", "ira", false}, {"x", "ä", false},
		{"juri", "yuri", true}, {"jan", "eva", false},
		// "je" for "e" is left out: it made "jens" and "enzo" alike.
		{"jewgeni", "evgeny", false}, {"jens", "enzo", false},
	} {
		if got := sameOnset(tt.a, tt.b); got != tt.want {
			t.Errorf("sameOnset(%q, %q) = %t, want %t", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCompareName(t *testing.T) {
	tests := []struct {
		a, b  string
		first bool
		want  Level
		note  string
	}{
		{"Jürgen", "Juergen", true, Agree, ""},
		{"Jürgen", "JUERGEN", true, Agree, ""},
		{"J.", "Jürgen", true, Close, "initial"},
		{"Jürgen", "J", true, Close, "initial"},
		{"J.", "Jürgen", false, Disagree, ""}, // an initial is no last name
		{"Müller", "Mueller", false, Agree, ""},
		{"Müller", "Muller", false, Agree, ""},
		{"Schmidt", "Schmitt", false, Close, ""},
		{"Meier", "Mayr", false, Close, "phonetic"},
		// Daitch-Mokotoff codes "h", "k", "g" and "ch" alike: last names
		// that only it makes alike need one onset, as first names do
		// ("Hugo Martin" crosswise was "Katrin Koch").
		{"Hugo", "Koch", false, Disagree, ""},
		// A first name's short code alone: "Anna" and "Jan", "Jana" and
		// "Anna" are two names; "Ewa" and "Eva" one.
		{"Anna", "Jan", true, Disagree, ""},
		{"Jana", "Anna", true, Disagree, ""},
		{"Ewa", "Eva", true, Close, "nickname"},
		{"Wiśniewski", "Wisniewski", false, Agree, ""},
		{"Łukasz", "Lukasz", true, Agree, ""},
		{"Małgorzata", "Malgorzata", true, Agree, ""},
		{"Kowalski", "Kovalsky", false, Close, "phonetic"},
		{"Strauß", "Strauss", false, Agree, ""},
		{"Anna Maria", "Anna", true, Close, "first word"},
		{"Anna", "Jonas", true, Disagree, ""},
		// Listed nicknames and translations (rev40 s2).
		{"Kasia", "Katarzyna", true, Close, "nickname"},
		{"Sepp", "Josef", true, Close, "nickname"},
		{"Bill", "William", true, Close, "nickname"},
		{"Kasia Maria", "Katarzyna", true, Close, "nickname"},
		// The English forms of Polish given names (rev63).
		{"Chris", "Krzysztof", true, Close, "nickname"},
		{"Greg", "Grzegorz", true, Close, "nickname"},
		{"George", "Jerzy", true, Close, "nickname"},
		{"Andrew", "Andrzej", true, Close, "nickname"},
		{"Joseph", "Józef", true, Close, "nickname"},
		{"Jacob", "Jakub", true, Close, "nickname"},
		{"Chris", "Krystyna", true, Disagree, ""},   // "chris" of Christine's group, not Krystyna's
		{"Kasia", "Katarzyna", false, Disagree, ""}, // last names: no nicknames
		{"Nowak", "Kowalczyk", false, Disagree, ""},
		{"", "Müller", false, Missing, ""},
	}
	for _, tt := range tests {
		lv, _, note := compareName(key(tt.a), key(tt.b), 0.9, tt.first)
		if lv != tt.want || note != tt.note {
			t.Errorf("compareName(%q, %q, first=%t) = %s (%s), want %s (%s)", tt.a, tt.b, tt.first, lv, note, tt.want, tt.note)
		}
	}
}

func TestCompareCompanyAndStreet(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	rec := func(kv ...string) Record { return m.Record(lead(1, kv...)) }
	tests := []struct {
		a, b string
		want Level
	}{
		{"Müller GmbH", "MUELLER GMBH & CO. KG", Agree},
		{"Müller GmbH", "Müller", Agree},
		{"Kowalski Sp. z o.o.", "KOWALSKI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", Agree},
		{"Müller Maschinenbau GmbH", "Müller GmbH", Close},
		{"Acme Holdings, Inc.", "ACME HOLDINGS INC", Agree},
		{"Siemens AG", "Bosch GmbH", Disagree},
		{"Philips Electronics N.V.", "Koninklijke Philips Electronics", Close}, // its words all in the other
		{"Center West Mary Crane", "Mary Crane League Center West", Close},
		{"Center", "Carole Robertson Center", Disagree}, // one word says nothing
	}
	for _, tt := range tests {
		a, b := rec("company", tt.a), rec("company", tt.b)
		lv, _, _ := compareCompany(a.Company, b.Company, 0.9)
		if lv != tt.want {
			t.Errorf("company %q vs %q = %s, want %s (keys %q, %q)", tt.a, tt.b, lv, tt.want, a.Company, b.Company)
		}
	}
	streets := []struct {
		a, b string
		want Level
	}{
		{"Schillerstraße 12", "Schillerstr. 12", Agree},
		{"Hauptstrasse 5", "Hauptstr 5", Agree},
		{"ul. Długa 5", "Długa 5", Agree},
		{"12 Main Street", "12 Main St", Agree},
		{"Gartenweg 3", "Gartenwg 3", Agree}, // one letter wrong, same house number
		{"Gartenweg", "Gartenwg", Close},     // no house number: only close
		{"Gartenweg 3", "Gartenwg 5", Disagree},
		{"Gartenweg 3", "Lindenallee 40", Disagree},
		{"Gilruth St 23", "Gilruthstreet 23", Agree},      // type glued on
		{"Brooker Street 16", "Brooke Rstreet 16", Agree}, // space moved
		{"McGivern Crescent 29", "McGivern Cfescent 29", Agree},
		{"Florence Taylor St 55", "Florencetaykor St 6", Disagree},
		{"Sangster Pl 15", "Sangster Pl 18", Disagree},
		{"Am Markt 1", "Am Park 1", Close}, // two letters in eight: another street
		{"2141 S Tan Ct", "2141 South Tan Court 1st Floor", Agree},
		{"4753-59 W Washington", "4753 W Washington Blvd", Agree},
		{"4753 W Washington", "4755 W Washington Blvd", Disagree},
		{"12 Main Street", "12 Elm Street", Disagree},
		{"12 Main St", "12 Main St Apt 5", Agree},
		// The first number is not the whole address.
		{"ul. 3 Maja 15", "ul. 3 Maja 40", Disagree},
		{"Flat 3, 12 Main St", "Flat 3, 40 Main St", Disagree},
		{"12 Main St Apt 4", "12 Main St Apt 5", Disagree},
		{"Hauptstr 5 Whg 3", "Hauptstr 5 Whg 7", Disagree},
		{"12 St", "12 Elm St", Disagree}, // a street type alone names no street
		// A house number's letter: another letter is another house, a
		// letter on one side only may be either.
		{"23", "23", Close}, // a house number alone names no street
		{"Hauptstraße 5a", "Hauptstraße 5b", Disagree},
		{"Hauptstraße 5", "Hauptstraße 5a", Close},
		{"Hauptstr. 5 a", "Hauptstraße 5a", Agree},
		{"Hauptstraße 5a", "Hauptstrasse 5a", Agree},
		{"12 N Main St", "12 N Main Street", Agree},
		// The street's type garbled, the name and number the same.
		{"Couvreur St 16", "Couvreu Rwtreet 16", Agree},
		{"Frencham Pl 106", "Frencham Lpace 106", Agree},
		{"McCay Pl 66", "McCa Yplace 66", Agree},
		{"Hauptstraße 5", "Hauptweg 5", Disagree},
		{"Main St 5", "Main Ave 5", Disagree},
		{"Lindenallee 4", "Lindenstraße 4", Disagree},
		{"Gartenstraße 3", "Gartenweg 3", Disagree},
		{"Bahnhofstr 1", "Bahnhofplatz 1", Close}, // alike (Jaro-Winkler), never agree
		// One list has the house, the other only the street or only the
		// number: close, never agree.
		{"Hauptstr. 5", "Hauptstraße", Close},
		{"Sturt Ave 102", "Sturt Ave", Close},
		{"Southwell St 38", "38", Close},
		{"Southwell St 38", "40", Disagree},
		{"Hauptstr. 5", "Lindenallee", Disagree},
		{"ul. 3 Maja 15", "15", Disagree}, // "3 15" is not "15"
	}
	for _, tt := range streets {
		lv, _ := compareStreet(streetKey(tt.a), streetKey(tt.b), 0.9)
		if lv != tt.want {
			t.Errorf("street %q vs %q = %s, want %s (%q, %q)", tt.a, tt.b, lv, tt.want, streetKey(tt.a), streetKey(tt.b))
		}
	}
}

func TestCompareEmailAndGuards(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	tests := []struct {
		a, b     string
		want     Level
		wantVeto bool
	}{
		{"j.mueller@mueller.de", "J.Mueller@Mueller.de", Agree, false},
		{"info@mueller.de", "info@mueller.de", Close, false},                // shared role address
		{"j.mueller@mueller.de", "j.mueller@gmail.com", Missing, false},     // name-made local part: no evidence
		{"t.m39@brooks-sawyer.com", "t.m39@brooks-sawer.com", Close, false}, // domain mistyped
		{"anna.schmidt@gmail.com", "anna.schmidt@mail.com", Missing, false}, // two providers, no typo
		{"anna.schmidt@gmail.com", "anna.schmidt@ymail.com", Missing, false},
		{"j.mueller@mueller.de", "j.mueller@mueller.com", Missing, false},          // another top-level domain: no evidence
		{"j.mueller@web.de", "j.mueller@gmx.de", Missing, false},                   // another provider
		{"juergen.mueller@mueller.de", "juergen.muelelr@mueller.de", Close, false}, // typo
		{"juergen.mueller@mueller.de", "anna.schmidt@mueller.de", Disagree, true},
		// One person's two spellings of their own address (rev40 s1, s2).
		{"j.mueller@mueller-gmbh.de", "juergen.mueller@mueller-gmbh.de", Missing, false},
		{"l.wisniewski@budex.pl", "lukasz.wisniewski@budex.pl", Missing, false},
		{"k.nowak@transpol.com.pl", "katarzyna.nowak-kowalska@transpol.com.pl", Missing, false},
		{"mueller.j@mueller-gmbh.de", "juergen_mueller@mueller-gmbh.de", Missing, false},
		{"j.mueller@mueller-gmbh.de", "sabine.mueller@mueller-gmbh.de", Disagree, true},
		{"j.mueller@mueller-gmbh.de", "j.schmidt@mueller-gmbh.de", Disagree, true},
		{"j.m@mueller-gmbh.de", "juergen.mueller@mueller-gmbh.de", Disagree, true}, // initials only
		{"juergen@gmail.com", "anna.schmidt@gmail.com", Disagree, false},           // freemail: no company
		// One mailbox: Gmail ignores dots, and a "+tag" is delivered to
		// the address without it.
		{"laura.engel@gmail.com", "lauraengel@googlemail.com", Agree, false},
		{"anna+messe2026@firma.de", "anna@firma.de", Agree, false},
		{"laura.engel@web.de", "lauraengel@web.de", Disagree, false}, // dots count elsewhere
	}
	for _, tt := range tests {
		a := m.Record(lead(1, "email", tt.a))
		b := m.Record(lead(2, "email", tt.b))
		lv, _, _ := compareEmail(&a, &b, 0.93)
		_, veto := m.Score(&a, &b)
		if lv != tt.want || (veto != "") != tt.wantVeto {
			t.Errorf("email %q vs %q = %s veto %q, want %s veto %t", tt.a, tt.b, lv, veto, tt.want, tt.wantVeto)
		}
	}
	// One mailbox written two ways shares a blocking key and an exact key.
	ga, gb := lead(1, "email", "laura.engel+fair@gmail.com"), lead(2, "email", "lauraengel@gmail.com")
	ra, rb := m.Record(ga), m.Record(gb)
	if ka, kb := m.BlockKeys(&ra), m.BlockKeys(&rb); !slices.ContainsFunc(ka, func(k uint64) bool { return slices.Contains(kb, k) }) {
		t.Error("one Gmail mailbox: no shared blocking key")
	}
	if ka, kb := ExactKeys(ga), ExactKeys(gb); !slices.ContainsFunc(ka, func(k Key) bool { return slices.Contains(kb, k) }) {
		t.Error("one Gmail mailbox: no shared exact key")
	}
	// A mistyped domain is one address: the e-mail comparison is close,
	// and the domain comparison does not count the typo again.
	ta := m.Record(lead(1, "email", "t.m39@brooks-sawyer.com"))
	tb := m.Record(lead(2, "email", "t.m39@brooks-sawer.com"))
	for _, f := range m.Explain(&ta, &tb).Fields {
		if f.Name == CmpEmailDomain && f.Level != Missing {
			t.Errorf("email_domain of a mistyped domain: %s %+.1f, want missing", f.Level, f.Weight)
		}
	}
	// Different tax ids veto whatever else agrees.
	a := m.Record(lead(1, "first_name", "Jan", "last_name", "Nowak", "email", "jan@nowak.pl", "tax_id", "PL5260250274"))
	b := m.Record(lead(2, "first_name", "Jan", "last_name", "Nowak", "email", "jan@nowak.pl", "tax_id", "PL7740001454"))
	if s, veto := m.Score(&a, &b); veto != "different tax ids" || s < DefaultMergeAt {
		t.Errorf("tax id guard: score %g veto %q", s, veto)
	}
	cfg := DefaultConfig()
	cfg.Guards.TaxID = false
	if _, veto := NewMatcher(cfg).Score(&a, &b); veto != "" {
		t.Errorf("guard switched off still vetoes: %q", veto)
	}
}

// TestDecisions runs whole leads through the default rules: the kinds of
// duplicates of the issue are merged, near neighbours are not.
func TestDecisions(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	base := lead(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"email", "juergen.mueller@mueller-gmbh.de", "phone", "+49301234567", "street", "Hauptstraße 5",
		"postal_code", "10115", "city", "Berlin", "country", "DE")
	tests := []struct {
		name string
		b    *crm.Lead
		want Decision
	}{
		{"web form: initial, transliterated company, same e-mail", lead(2, "first_name", "J.", "last_name", "Mueller", "company", "MUELLER GMBH & CO. KG",
			"email", "juergen.mueller@mueller-gmbh.de", "postal_code", "10115", "country", "DE"), Merge},
		{"purchased list: new mobile, no e-mail", lead(3, "first_name", "Juergen", "last_name", "Müller", "company", "Müller GmbH",
			"mobile", "+491701234567", "street", "Hauptstr. 5", "postal_code", "10115", "city", "Berlin", "country", "DE"), Merge},
		{"swapped names, private e-mail", lead(4, "first_name", "MÜLLER", "last_name", "JÜRGEN", "company", "Müller",
			"email", "juergen.mueller@gmx.de", "street", "Hauptstraße 5", "postal_code", "10115", "country", "DE"), Merge},
		{"colleague with the same last name", lead(5, "first_name", "Anna", "last_name", "Müller", "company", "Müller GmbH",
			"email", "anna.mueller@mueller-gmbh.de", "phone", "+49301234599", "street", "Hauptstraße 5", "postal_code", "10115", "country", "DE"), New}, // vetoed below merge_at: not flagged
		{"namesake elsewhere", lead(6, "first_name", "Jürgen", "last_name", "Müller", "company", "Bäckerei Schulz",
			"email", "jm@schulz-backwaren.de", "postal_code", "80331", "city", "München", "country", "DE"), New},
		{"same name and company, other branch", lead(7, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
			"postal_code", "20095", "city", "Hamburg", "country", "DE"), Review},
	}
	for _, tt := range tests {
		a, b := m.Record(base), m.Record(tt.b)
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want {
			t.Errorf("%s: decision %d, want %d\n%s", tt.name, got, tt.want, res)
		}
	}
}

// TestOrganisationRecords: records of an organisation without a person
// (account lists, registries of sites) are told apart by their house: the
// same name and central phone number at another house number is another
// site; local phone numbers without area code are compared by their
// digits; a name whose words are all in the other is close.
func TestOrganisationRecords(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	site := lead(1, "company", "Mary Crane League Mary Crane Center West", "phone", "", "street", "2820 N Leavitt", "postal_code", "60618", "country", "US")
	site.Raw = crm.RawFromMap(map[string]string{"phone": "348-5528"})
	tests := []struct {
		name    string
		b       *crm.Lead
		raw     string // raw phone of b, unreadable as E.164
		want    Decision
		field   string
		level   Level
		minimum float64 // the field's weight is at most this (penalties) or at least (agreements)
	}{
		{"same site, name shortened, local phone", lead(2, "company", "Mary Crane League", "street", "2820 N Leavitt St", "postal_code", "60618", "country", "US"),
			"(348) 5528", Merge, CmpPhone, Agree, 10},
		{"another site of the organisation", lead(3, "company", "Mary Crane League Mary Crane Center East", "street", "2905 N Leavitt", "postal_code", "60618", "country", "US"),
			"348-5528", Review, CmpStreet, Disagree, -10}, // flagged, never merged
		{"same house written differently", lead(4, "company", "Mary Crane League Mary Crane Center West", "street", "2820 North Leavitt Street", "postal_code", "60618", "country", "US"),
			"", Merge, CmpStreet, Agree, 5},
		{"words in another order", lead(5, "company", "Center West Mary Crane League", "street", "2820 N Leavitt", "postal_code", "60618", "country", "US"),
			"", Merge, CmpCompany, Close, 5},
	}
	for _, tt := range tests {
		if tt.raw != "" {
			tt.b.Raw = crm.RawFromMap(map[string]string{"phone": tt.raw})
		}
		a, b := m.Record(site), m.Record(tt.b)
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want {
			t.Errorf("%s: decision %d, want %d\n%s", tt.name, got, tt.want, res)
		}
		if !slices.ContainsFunc(res.Fields, func(f FieldScore) bool { return f.Name == tt.field }) {
			t.Fatalf("%s: no %s comparison in %s", tt.name, tt.field, res)
		}
		for _, f := range res.Fields {
			if f.Name != tt.field {
				continue
			}
			bad := f.Weight < tt.minimum
			if tt.minimum < 0 {
				bad = f.Weight > tt.minimum
			}
			if f.Level != tt.level || bad {
				t.Errorf("%s: %s %s weight %g, want %s with %g", tt.name, f.Name, f.Level, f.Weight, tt.level, tt.minimum)
			}
		}
	}
}

// TestLocalPhoneNeedsThePlace: a local number recurs in every area code,
// so in two different places it is no evidence.
func TestLocalPhoneNeedsThePlace(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	mk := func(id crm.ID, first, city string) *crm.Lead {
		l := lead(id, "first_name", first, "last_name", "Smith", "city", city)
		l.Raw = crm.RawFromMap(map[string]string{"phone": "386-5286"})
		return l
	}
	for _, tt := range []struct {
		a, b *crm.Lead
		want Level
	}{
		{mk(1, "John", "Chicago"), mk(2, "Jane", "Boston"), Missing},
		{mk(1, "John", "Chicago"), mk(2, "John", "Chicago"), Agree},
		{mk(1, "John", "Chicago"), mk(2, "John", ""), Agree},
		// One town under two names (townOf) is one place.
		{mk(1, "John", "Munich"), mk(2, "John", "München"), Agree},
	} {
		a, b := m.Record(tt.a), m.Record(tt.b)
		res := m.Explain(&a, &b)
		i := slices.IndexFunc(res.Fields, func(f FieldScore) bool { return f.Name == CmpPhone })
		if i < 0 || res.Fields[i].Level != tt.want {
			t.Fatalf("%s in %s vs %s in %s: %s", tt.a.FirstName, tt.a.City, tt.b.FirstName, tt.b.City, res)
		}
		if f := res.Fields[i]; f.A != "3865286 (local)" || f.B != f.A {
			t.Errorf("explained as %q / %q, want 3865286 (local)", f.A, f.B)
		}
		if tt.want == Missing && m.Decide(res, true) == Merge {
			t.Errorf("namesakes in two towns merged:\n%s", res)
		}
	}
}

func TestComparePhonesLocal(t *testing.T) {
	rec := func(phone, raw string) *Record {
		r := &Record{Phone: phone}
		if r.Phone == "" {
			r.Phone = localPhone(raw)
		}
		return r
	}
	tests := []struct {
		a, b *Record
		want Level
	}{
		{rec("", "386-5286"), rec("", "3865286"), Agree},
		{rec("", "386-5286"), rec("", "386-5287"), Disagree},
		{rec("", "386-5286"), rec("+13123865286", ""), Agree}, // the full number ends in it
		{rec("", "386-5286"), rec("+13127771234", ""), Missing},
		{rec("", "12-34"), rec("", "1234"), Missing},       // too short to say anything
		{rec("", "000-0000"), rec("", "0000000"), Missing}, // a filler, not a number
		{rec("", "123-4567"), rec("", "1234567"), Missing},
		{rec("", "212 555 1234"), rec("", "212-555-1234"), Missing}, // an invalid full number is no local one
		{rec("+493012345678", ""), rec("+493012345679", ""), Disagree},
		// A full number shared beside a local one: the full one counts.
		{&Record{Phone: "local:3865286", Mobile: "+491701234567"}, &Record{Phone: "local:3865286", Mobile: "+491701234567"}, Agree},
	}
	for _, tt := range tests {
		lv, _, _, local := comparePhones(tt.a, tt.b)
		if lv != tt.want {
			t.Errorf("phones %q vs %q = %s, want %s", tt.a.Phone, tt.b.Phone, lv, tt.want)
		}
		if local && tt.a.Mobile != "" && tt.a.Mobile == tt.b.Mobile {
			t.Errorf("phones %q/%q vs %q/%q: agreement put on the local number, not the shared full one", tt.a.Phone, tt.a.Mobile, tt.b.Phone, tt.b.Mobile)
		}
	}
}

// TestComparePlace: postal codes agree, are one character off, or
// disagree; without them the towns are compared, and a mistyped town is as
// close as the same one.
func TestComparePlace(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	tests := []struct {
		a, b []string
		want Level
	}{
		{[]string{"postal_code", "10115", "country", "DE"}, []string{"postal_code", "10115", "country", "DE"}, Agree},
		{[]string{"postal_code", "10115", "country", "DE"}, []string{"postal_code", "10151", "country", "DE"}, Close},
		{[]string{"postal_code", "10115", "country", "DE"}, []string{"postal_code", "80331", "country", "DE"}, Disagree},
		{[]string{"city", "Sheffield"}, []string{"city", "Sheffield"}, Close},
		{[]string{"city", "Sheffield"}, []string{"city", "Sheffiel"}, Close},
		{[]string{"city", "Birmingham"}, []string{"city", "Birminghaim"}, Close},
		{[]string{"city", "London"}, []string{"city", "Loondon"}, Close},     // one edit, Jaro-Winkler 0.895
		{[]string{"city", "Hamburg"}, []string{"city", "Homburg"}, Disagree}, // one letter replaced: another town
		{[]string{"city", "Kassel"}, []string{"city", "Kessel"}, Disagree},
		{[]string{"city", "Berlin"}, []string{"city", "Merlin"}, Disagree},
		{[]string{"city", "Sheffield"}, []string{"city", "Sheffiled"}, Close}, // two letters swapped
		{[]string{"city", "Essen"}, []string{"city", "Eschen"}, Disagree},     // two towns, two edits apart
		{[]string{"city", "Bonn"}, []string{"city", "Born"}, Disagree},        // too short for an edit to be a typo
		{[]string{"city", "Sheffield"}, []string{"city", "Leeds"}, Disagree},
		{[]string{"city", "Köln"}, []string{"city", "Kiel"}, Disagree},
		{[]string{"city", "Köln"}, nil, Missing},
	}
	for _, tt := range tests {
		a := m.Record(lead(1, append([]string{"last_name", "Lee"}, tt.a...)...))
		b := m.Record(lead(2, append([]string{"last_name", "Lee"}, tt.b...)...))
		res := m.Explain(&a, &b)
		i := slices.IndexFunc(res.Fields, func(f FieldScore) bool { return f.Name == CmpPlace })
		if i < 0 {
			t.Fatalf("no place comparison in %s", res)
		}
		if f := res.Fields[i]; f.Level != tt.want {
			t.Errorf("place %v vs %v = %s, want %s", tt.a, tt.b, f.Level, tt.want)
		}
	}
}

// TestBlockingPrivatePeople: records without a company meet by their names
// in the same region, or by last name at the same house number and
// street, when the postal code or town differs; records of an
// organisation without a person meet at their house; business records of
// people get none of these keys.
func TestBlockingPrivatePeople(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	shared := func(a, b *crm.Lead) bool {
		ra, rb := m.Record(a), m.Record(b)
		return MayMeet(m.BlockKeys(&ra), m.BlockKeys(&rb))
	}
	tests := []struct {
		name string
		a, b *crm.Lead
		want bool
	}{
		{"postal code mistyped", lead(1, "first_name", "Jacob", "last_name", "Walls", "postal_code", "3149", "country", "AU"),
			lead(2, "first_name", "Jacob", "last_name", "Walls", "postal_code", "3194", "country", "AU"), true},
		{"names swapped, postal code mistyped", lead(1, "first_name", "Jacob", "last_name", "Walls", "postal_code", "3149", "country", "AU"),
			lead(2, "first_name", "Walls", "last_name", "Jacob", "postal_code", "3194", "country", "AU"), true},
		{"town mistyped", lead(1, "first_name", "Rosie", "last_name", "Johnston", "city", "Sheffield"),
			lead(2, "first_name", "Rosie", "last_name", "Johnston", "city", "Sheffiel"), true},
		{"postal code digits swapped, same house", lead(1, "first_name", "Elysse", "last_name", "Hinchcliff", "street", "174 Alabaster St", "postal_code", "2800", "country", "AU"),
			lead(2, "first_name", "Elyse", "last_name", "Hinchcliff", "street", "174 Alabaster Street", "postal_code", "8200", "country", "AU"), true},
		{"names swapped, postal code digits swapped, same house", lead(1, "first_name", "Danielle", "last_name", "Zehetner", "street", "55 Howe Crescent", "postal_code", "2095", "country", "AU"),
			lead(2, "first_name", "Zehrtner", "last_name", "Danielle", "street", "55 Howe Crescent", "postal_code", "0295", "country", "AU"), true},
		{"street mistyped, postal code digits swapped", lead(1, "first_name", "Chloe", "last_name", "Millar", "street", "73 Harrison St", "postal_code", "3049", "country", "AU"),
			lead(2, "first_name", "Chloe", "last_name", "Millar", "street", "73 Harrisovj St", "postal_code", "0349", "country", "AU"), true},
		{"street without a number, postal code digits swapped", lead(1, "first_name", "Sarah", "last_name", "Clarke", "street", "Brigden Crescent", "postal_code", "7400", "country", "AU"),
			lead(2, "first_name", "Sarah", "last_name", "Clarke", "street", "Brigden Crescent", "postal_code", "4700", "country", "AU"), true},
		// FEBRL 1: the first name mistyped out of its phonetic code, one
		// record without its house number.
		{"house number on one side only, first name mistyped", lead(1, "first_name", "Dabiel", "last_name", "Burleigh", "street", "Milford Street 22", "postal_code", "3136", "country", "AU"),
			lead(2, "first_name", "Daniel", "last_name", "Burleigh", "street", "Milford Street", "postal_code", "3136", "country", "AU"), true},
		// realistic50: one record with the postal code, the other with
		// the town only; realistic49: one VAT id written two ways.
		{"town on one side, postal code and town on the other", lead(1, "first_name", "Wiebke", "last_name", "Ostermann", "email", "wiebke.ostermann@gmx.de", "city", "Bremen"),
			lead(2, "first_name", "Wiebke", "last_name", "Ostermann", "email", "wiebke.ostermann@gmx.net", "postal_code", "28195", "city", "Bremen"), true},
		{"one tax id", lead(1, "company", "Nordlicht Energie GmbH", "tax_id", "DE123456789", "city", "Oldenburg"),
			lead(2, "company", "Nordlicht Energie", "tax_id", "DE123456789", "postal_code", "26122", "country", "DE"), true},
		{"other region", lead(1, "first_name", "Jacob", "last_name", "Walls", "postal_code", "3149", "country", "AU"),
			lead(2, "first_name", "Jacob", "last_name", "Walls", "postal_code", "5149", "country", "AU"), false},
		{"first name corrupted, same house", lead(1, "first_name", "Amelia", "last_name", "Kimmonth", "street", "25 Grace Pl", "postal_code", "2012", "country", "AU"),
			lead(2, "first_name", "Mitchell", "last_name", "Kimmonth", "street", "25 Grace Place", "postal_code", "2022", "country", "AU"), true},
		{"organisation's site in another postal code", lead(1, "company", "Carole Robertson Center", "street", "1012 N Kedvale Ave", "postal_code", "60651", "country", "US"),
			lead(2, "company", "Robertson Center FCCH", "street", "1012 N Kedvale St", "postal_code", "60615", "country", "US"), true},
		{"organisation's site without a postal code", lead(1, "company", "Henry Booth House Hegewisch", "street", "2725 E 130th St", "postal_code", "60633", "country", "US"),
			lead(2, "company", "Henry Booth House Hegewisch", "street", "2725 E 130th"), true},
		{"organisation's site under another name, one without a postal code", lead(1, "company", "Young Achievers", "street", "520 E 79th", "country", "US"),
			lead(2, "company", "Henry Booth House Young Achievers Academy", "street", "520 E 79th St", "postal_code", "60619", "country", "US"), true},
		{"business records, one without a postal code", lead(1, "first_name", "Jacob", "last_name", "Walls", "company", "Walls Pty", "postal_code", "3149", "country", "AU"),
			lead(2, "first_name", "Anna", "last_name", "Brown", "company", "Walls Pty"), false},
		// Organisations without a person meet by their name alone (the
		// key that finds a site listed without its postal code); the
		// score keeps these two apart (TestOrganisationsApart).
		{"organisations in two countries", lead(1, "company", "Nordlicht", "street", "Bahnhofstr 1", "postal_code", "10115", "country", "DE"),
			lead(2, "company", "Nordlicht", "street", "Bahnhofstrasse 1", "postal_code", "8001", "country", "CH"), true},
		{"an organisation and a business record", lead(1, "company", "Nordlicht", "street", "Bahnhofstr 1", "postal_code", "10115", "country", "DE"),
			lead(2, "first_name", "Anna", "last_name", "Brown", "company", "Nordlicht", "postal_code", "8001", "country", "CH"), false},
		{"business records", lead(1, "first_name", "Jacob", "last_name", "Walls", "company", "Walls Pty", "postal_code", "3149", "country", "AU"),
			lead(2, "first_name", "Jacob", "last_name", "Walls", "company", "Walls Pty", "postal_code", "3194", "country", "AU"), false},
		// fake_1000 pairs: a town's first letter mistyped; a person's own
		// domain, mistyped or not, one record without the town.
		{"town's initial mistyped", lead(1, "first_name", "Charlotte", "last_name", "Johnson", "city", "Telford"),
			lead(2, "first_name", "Charlotte", "last_name", "Johnson", "city", "Ftelford"), true},
		{"own domain mistyped, one without the town", lead(1, "first_name", "Harrison", "last_name", "Norman", "email", "hn@martinez-reynolds.com", "city", "Leeds"),
			lead(2, "first_name", "Harrison", "last_name", "Norman", "email", "hn@martin-ez-reynolds.com"), true},
		{"own domain, names swapped, one without the town", lead(1, "first_name", "Owen", "last_name", "George", "email", "go94@brndshaw-saaders.com", "city", "York"),
			lead(2, "first_name", "George", "last_name", "Owen", "email", "geo94@bradshaw-sanders.com"), true},
		{"mail provider, one without the town", lead(1, "first_name", "Harrison", "last_name", "Norman", "email", "hn@gmail.com", "city", "Leeds"),
			lead(2, "first_name", "Harrison", "last_name", "Norman", "email", "h.norman@gmail.com"), false},
		// A person at a company meets that company's records of the
		// name when one has no place (a badge scan: TestTownKey).
		{"company domain, one without the town", lead(1, "first_name", "Harrison", "last_name", "Norman", "company", "Martinez Reynolds", "email", "hn@martinez-reynolds.com", "city", "Leeds"),
			lead(2, "first_name", "Harrison", "last_name", "Norman", "company", "Martinez Reynolds", "email", "h.norman@martinez-reynolds.com"), true},
	}
	for _, tt := range tests {
		if got := shared(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: a shared blocking key = %t, want %t", tt.name, got, tt.want)
		}
	}
}

// TestOrganisationsApart: one name in two countries is two organisations.
func TestOrganisationsApart(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	a := m.Record(lead(1, "company", "Nordlicht", "street", "Bahnhofstr 1", "postal_code", "10115", "country", "DE"))
	b := m.Record(lead(2, "company", "Nordlicht", "street", "Bahnhofstrasse 1", "postal_code", "8001", "country", "CH"))
	if s, _ := m.Score(&a, &b); s >= DefaultMergeAt {
		t.Errorf("Nordlicht in Berlin and in Zürich score %g, at or above merge_at %d", s, DefaultMergeAt)
	}
}

func TestBlockingFindsCandidates(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	x := NewIndex(m, 4)
	put := func(l *crm.Lead) {
		r := m.Record(l)
		x.Put(r, m.BlockKeys(&r))
	}
	put(lead(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH", "email", "jm@mueller.de", "postal_code", "10115", "country", "DE"))
	put(lead(2, "first_name", "Anna", "last_name", "Nowak", "company", "Nowak S.A.", "email", "anna@nowak.pl", "postal_code", "00-001", "country", "PL"))
	probe := m.Record(lead(9, "first_name", "MUELLER", "last_name", "JUERGEN", "postal_code", "10115", "country", "DE"))
	best, ok := x.Best(&probe, m.BlockKeys(&probe))
	if !ok || best.ID != 1 {
		t.Fatalf("swapped names in the same postal code: best %+v ok %t, want lead 1", best, ok)
	}
	// Reviewed as different: never a candidate again.
	x.SetDistinct(9, 1)
	if best, ok := x.Best(&probe, m.BlockKeys(&probe)); ok {
		t.Errorf("distinct pair still proposed: %+v", best)
	}
	if s := x.Stats(); s.Lookups != 2 || s.Pairs != 1 {
		t.Errorf("stats %+v, want 2 lookups and 1 pair", s)
	}
}

// TestTownKey checks the keys of company, last name and town or first
// initial: a badge scan without a postal code meets the CRM contact with
// one in its town, one with the firm alone meets it anywhere, while two
// records with postal codes (or towns) do not meet through them (their
// places key them), so that a firm's namesakes at its sites make no blocks
// that grow with the store.
func TestTownKey(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	crmContact := lead(1, "first_name", "Markus", "last_name", "Hofer", "company", "Hofer Antriebstechnik GmbH", "email", "markus.hofer@hofer-antriebe.de",
		"street", "Kufsteiner Str. 40", "postal_code", "83022", "city", "Rosenheim", "country", "DE")
	otherSite := lead(2, "first_name", "Sabine", "last_name", "Hofer", "company", "Hofer Antriebstechnik GmbH", "email", "sabine.hofer@hofer-antriebe.de",
		"street", "Am Gewerbepark 3", "postal_code", "83026", "city", "Rosenheim", "country", "DE")
	badge := lead(3, "first_name", "MARKUS", "last_name", "HOFER", "company", "HOFER ANTRIEBSTECHNIK", "city", "ROSENHEIM", "country", "DE")
	elsewhere := lead(4, "first_name", "Markus", "last_name", "Hofer", "company", "Hofer Antriebstechnik", "city", "Kolbermoor", "country", "DE")
	webForm := lead(6, "first_name", "Anna", "last_name", "Kowalczyk", "email", "anna.kowalczyk@gmial.com")
	private := lead(7, "first_name", "Anna", "last_name", "Kowalczyk", "email", "anna.kowalczyk@gmail.com", "city", "Poznań")
	privateElsewhere := lead(8, "first_name", "Anna", "last_name", "Kowalczyk", "email", "anna.kowalczyk@onet.pl", "city", "Gdańsk")
	nowhere := lead(5, "first_name", "Markus", "last_name", "Hofer", "company", "Hofer Antriebstechnik", "email", "m.hofer@hofer-antriebe.de")
	rec := func(l *crm.Lead) (Record, []uint64) {
		r := m.Record(l)
		return r, m.BlockKeys(&r)
	}
	for _, tt := range []struct {
		name string
		a, b *crm.Lead
		want bool
	}{
		{"badge scan with the town, contact with the postal code", badge, crmContact, true},
		{"contact with the postal code, badge scan with the town", crmContact, badge, true},
		{"two sites in one town, both with postal codes", crmContact, otherSite, false},
		{"badge scan in another town", elsewhere, crmContact, false},
		{"badge scan with the firm alone, contact with the postal code", nowhere, crmContact, true},
		{"badge scan with the firm alone, one with the town", elsewhere, nowhere, true},
		{"badge scan with the firm alone, a colleague of another initial", nowhere, otherSite, false},
		{"web form without a place, the domain mistyped", webForm, private, true},
		{"one local part at two providers, both with a place", private, privateElsewhere, false},
	} {
		_, ka := rec(tt.a)
		_, kb := rec(tt.b)
		if got := MayMeet(ka, kb); got != tt.want {
			t.Errorf("%s: MayMeet = %t, want %t", tt.name, got, tt.want)
		}
	}
	// Index.Best follows MayMeet in both orders of arrival: the badge
	// scan is compared with both sites' records, which are never
	// compared with each other (that would be a third pair).
	for _, order := range [][]*crm.Lead{{crmContact, otherSite, badge}, {badge, otherSite, crmContact}} {
		x := NewIndex(m, 4)
		for _, l := range order {
			r, k := rec(l)
			best, ok := x.Best(&r, k)
			if l == badge && order[0] == crmContact && (!ok || best.ID != 1) {
				t.Errorf("badge scan after both contacts: best %+v (ok %t), want lead 1", best, ok)
			}
			x.Put(r, k)
		}
		if s := x.Stats(); s.Pairs != 2 {
			t.Errorf("arriving as %d, %d, %d: %d candidate pairs, want 2", order[0].ID, order[1].ID, order[2].ID, s.Pairs)
		}
	}
}

// TestCollapse: an umlaut written out is the plain vowel, but "ue" after
// a vowel is none ("Bauer" is not "Baur").
func TestCollapse(t *testing.T) {
	for in, want := range map[string]string{
		"mueller": "muller", "schaefer": "schafer", "goethe": "gothe", "bauer": "bauer",
		"neuer": "neuer", "sauer": "sauer", "baur": "baur", "krueger": "kruger",
	} {
		if got := collapse(in); got != want {
			t.Errorf("collapse(%q) = %q, want %q", in, got, want)
		}
	}
	if lv, _, _ := compareName(key("Bauer"), key("Baur"), 0.9, false); lv == Agree {
		t.Errorf("Bauer and Baur agree: two names")
	}
}

// TestHandleBeyondName: a local part with a word that is none of the
// names is a handle of one's own; one built from the names (umlauts
// written out, a pet form, a birth year) is not.
func TestHandleBeyondName(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	for _, tt := range []struct {
		local, first, last string
		want               bool
	}{
		{"wgrzelak.foto", "Wojciech", "Grzelak", true},
		{"grzelak", "Wojciech", "Grzelak", false},
		{"juergen.mueller", "Jürgen", "Müller", false},
		{"kasia.nowak", "Katarzyna", "Nowak", false},
		{"anna.nowak85", "Anna", "Nowak", false},
		{"j.m", "Jan", "Maier", false},
		{"sunny.days", "Anna", "Nowak", true},
	} {
		a := m.Record(lead(1, "first_name", tt.first, "last_name", tt.last))
		b := m.Record(lead(2, "first_name", tt.first, "last_name", tt.last))
		if got := handleBeyondName(tt.local, &a, &b); got != tt.want {
			t.Errorf("handleBeyondName(%q) for %s %s = %t, want %t", tt.local, tt.first, tt.last, got, tt.want)
		}
	}
}

func TestExplainText(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	a := m.Record(lead(1, "first_name", "Jürgen", "last_name", "Müller", "email", "jm@mueller.de"))
	b := m.Record(lead(2, "first_name", "J.", "last_name", "Mueller", "email", "jm@mueller.de"))
	got := m.Explain(&a, &b).String()
	for _, want := range []string{"email", "agree", "+12.00", "initial", "total"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
}

// TestSwapped: a record with first and last name exchanged is recognised,
// and SwapNames turns it the right way round, raw values included, so a
// merge never writes the swapped names into the survivor.
func TestSwapped(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	stored := m.Record(lead(1, "first_name", "Jürgen", "last_name", "Müller"))
	in := lead(2, "first_name", "MÜLLER", "last_name", "JÜRGEN")
	in.Raw = crm.RawFromMap(map[string]string{"first_name": "MÜLLER ", "last_name": " JÜRGEN"})
	r := m.Record(in)
	if !m.Swapped(&r, &stored) {
		t.Fatal("swapped names not recognised")
	}
	same := m.Record(lead(3, "first_name", "Jürgen", "last_name", "Mueller"))
	if m.Swapped(&same, &stored) {
		t.Error("straight names taken as swapped")
	}
	s := SwapNames(in)
	if s.FirstName != "JÜRGEN" || s.LastName != "MÜLLER" || s.Raw.Value("first_name") != " JÜRGEN" || s.Raw.Value("last_name") != "MÜLLER " {
		t.Errorf("SwapNames = %q %q raw %v", s.FirstName, s.LastName, s.Raw)
	}
	if in.FirstName != "MÜLLER" {
		t.Error("SwapNames changed its input")
	}
}

// TestCompareExtraDate: the levels of the date method for configured
// birth dates, year first and day first.
func TestCompareExtraDate(t *testing.T) {
	c := &Comparison{Name: "birth_date", Method: MethodDate}
	for _, tt := range []struct {
		a, b string
		want Level
		note string
	}{
		{"1971-06-24", "19710624", Agree, ""},
		{"1971-06-24", "1971-06-25", Close, "one digit differs"},
		{"1971-06-24", "1971-05-24", Close, "one digit differs"},
		{"1971-06-12", "1971-12-06", Close, "day and month swapped"},
		{"1971-06-03", "1971-06-28", Close, "same year and month"},
		{"1980-12-06", "1981-01-03", Close, "within a month"},    // across the year's end
		{"30.12.1980", "02.01.1981", Close, "within a month"},    // day first
		{"1980-12-06", "1981-01-08", Disagree, ""},               // 33 days
		{"1971-06-24", "1981-06-24", Close, "one digit differs"}, // a digit of the year
		{"1971-06-24", "1975-02-11", Disagree, ""},
		{"1980-12-06", "30.12.1980", Disagree, ""}, // orders mixed: not read as dates
		{"unknown", "1971-06-24", Disagree, ""},
	} {
		lv, _, note := compareExtra(c, tt.a, tt.b)
		if lv != tt.want || note != tt.note {
			t.Errorf("%s vs %s = %s (%s), want %s (%s)", tt.a, tt.b, lv, note, tt.want, tt.note)
		}
	}
}

// TestDaysApart checks the hand-written date arithmetic against time.Parse
// on random dates of both orders, valid and not (31 February, month 13,
// year 0000).
func TestDaysApart(t *testing.T) {
	ref := func(a, b string) int {
		for _, layout := range []string{"20060102", "02012006"} {
			ta, ea := time.Parse(layout, a)
			tb, eb := time.Parse(layout, b)
			if ea == nil && eb == nil {
				d := int((ta.Unix() - tb.Unix()) / 86400) // Sub saturates beyond 292 years
				return max(d, -d)
			}
		}
		return math.MaxInt
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	date := func() string {
		y, m, d := rnd.IntN(2300), rnd.IntN(14), rnd.IntN(33)
		if rnd.IntN(2) == 0 {
			return fmt.Sprintf("%04d%02d%02d", y, m, d)
		}
		return fmt.Sprintf("%02d%02d%04d", d, m, y)
	}
	cases := [][2]string{{"20000229", "20010301"}, {"19000229", "19000301"}, {"00000101", "00000229"}, {"29022001", "01032001"}, {"00000000", "00000000"}}
	for range 200000 {
		cases = append(cases, [2]string{date(), date()})
	}
	for _, c := range cases {
		if got, want := daysApart(c[0], c[1]), ref(c[0], c[1]); got != want {
			t.Fatalf("daysApart(%s, %s) = %d, want %d", c[0], c[1], got, want)
		}
	}
}

func BenchmarkCompareExtraDate(b *testing.B) {
	c := &Comparison{Name: "birth_date", Method: MethodDate}
	for b.Loop() {
		compareExtra(c, "24.06.1971", "11.02.1975")
		compareExtra(c, "1971-06-24", "1975-02-11")
	}
}

// TestOtherEmails: an export's second e-mail column, or a second address
// in the e-mail cell, matches as the lead's own address does: as a
// blocking key, as agreement, as an exact key and against the first-name
// guard. A role address there, or an e-mail in a column the importer did
// not take for one (a lead owner's), is no match.
func TestOtherEmails(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	outlook := lead(1, "first_name", "Sarah", "last_name", "McDonald", "company", "Highland Trading Ltd",
		"email", "sarah.mcdonald@highland-trading.co.uk", "city", "Edinburgh", "country", "GB",
		"E-mail 2 Address", "Sarah <Sarah.McD@gmail.com>", "Owner Email", "rep@leadpipe-crm.com", "E-mail 3 Address", "info@highland-trading.co.uk")
	outlook.EmailFields = []string{"E-mail 2 Address", "E-mail 3 Address"}
	web := lead(2, "first_name", "Sarah", "last_name", "McDonald", "email", "sarah.mcd@gmail.com", "city", "Glasgow", "country", "GB")
	a, b := m.Record(outlook), m.Record(web)
	if a.Other != "sarah.mcd@gmail.com" {
		t.Fatalf("Other = %q, want the second address alone (no role address, no owner's)", a.Other)
	}
	if !slices.ContainsFunc(m.BlockKeys(&a), func(k uint64) bool { return slices.Contains(m.BlockKeys(&b), k) }) {
		t.Error("no shared blocking key")
	}
	res := m.Explain(&b, &a)
	if m.Decide(res, true) != Merge {
		t.Errorf("not merged:\n%s", res)
	}
	if f := res.Fields[0]; f.Name != CmpEmail || f.Level != Agree || f.Note != "one's other address" || f.A != "sarah.mcd@gmail.com" {
		t.Errorf("email comparison %+v", f)
	}
	// Both ways, and between two other addresses.
	if o := sharedOther(&b, &a); o != "sarah.mcd@gmail.com" {
		t.Errorf("sharedOther reversed = %q", o)
	}
	other := lead(3, "first_name", "S.", "last_name", "McDonald", "email", "s.mcdonald@highland.com", "Email 2", "sarah.mcd@gmail.com")
	other.EmailFields = []string{"Email 2"}
	if c := m.Record(other); sharedOther(&a, &c) != "sarah.mcd@gmail.com" {
		t.Error("two other addresses do not meet")
	}
	// The owner's address and the role address match nothing.
	for _, addr := range []string{"rep@leadpipe-crm.com", "info@highland-trading.co.uk"} {
		c := m.Record(lead(4, "first_name", "Sarah", "last_name", "McDonald", "email", addr))
		if o := sharedOther(&a, &c); o != "" {
			t.Errorf("%s matched as the other address %q", addr, o)
		}
	}
	// A cell with two addresses: the second is another address.
	cell := lead(5, "first_name", "Anna", "last_name", "Nowak", "email", "anna.nowak@transpol.pl")
	cell.Raw.Set(crm.FieldEmail, "anna.nowak@transpol.pl ::: anka.nowak@wp.pl")
	if r := m.Record(cell); r.Other != "anka.nowak@wp.pl" {
		t.Errorf("Other of a two-address cell = %q", r.Other)
	}
	// Packed and unpacked, Other survives.
	if p := pack(&a); p.unpack(0).Other != a.Other {
		t.Error("Other lost in the packed record")
	}
	// Exact keys: the other address is a key, and a shared one lifts the
	// first-name guard as the own address does.
	ka, kb := ExactKeys(outlook), ExactKeys(web)
	if !slices.ContainsFunc(ka, func(k Key) bool { return k.Kind == KeyEmail && slices.Contains(kb, k) }) {
		t.Error("no shared exact e-mail key")
	}
	if v := ExactVeto(outlook, web, DefaultConfig().Guards); v != "" {
		t.Errorf("exact veto %q", v)
	}
	// An assistant's or a team's address among the other ones lifts no
	// guard: two given names, or two colleagues' own addresses at one
	// domain, stay apart.
	hans := lead(6, "first_name", "Hans", "last_name", "McDonald", "email", "sarah.mcd@gmail.com")
	if v := ExactVeto(outlook, hans, DefaultConfig().Guards); v != VetoFirstName {
		t.Errorf("exact veto %q, want the first-name guard", v)
	}
	if _, v := m.Score(&a, ptr(m.Record(hans))); v != VetoFirstName {
		t.Errorf("fuzzy veto %q, want the first-name guard", v)
	}
	boss := func(id crm.ID, last string) *crm.Lead {
		l := lead(id, "first_name", "Thomas", "last_name", last, "company", "ACME GmbH", "email", "thomas."+strings.ToLower(last)+"@acme.de",
			"postal_code", "10115", "country", "DE", "E-mail 2", "petra.klein@acme.de")
		l.EmailFields = []string{"E-mail 2"}
		return l
	}
	// An other address named after the last name is not the person's own
	// for the guards either: a spouse's looks the same
	// ("petra.schneider@" in Hans Schneider's E-mail 2), so "Hajo" and
	// "Hans-Joachim", which the name lists lack, are flagged, not merged.
	hajo := lead(10, "first_name", "Hans-Joachim", "last_name", "Schneider", "email", "hj.schneider@schneider-bau.de", "E-mail 2", "hajo.schneider@gmx.de")
	hajo.EmailFields = []string{"E-mail 2"}
	rh, rj := m.Record(hajo), m.Record(lead(11, "first_name", "Hajo", "last_name", "Schneider", "email", "hajo.schneider@gmx.de"))
	if res := m.Explain(&rj, &rh); res.Veto != VetoFirstName || m.Decide(res, true) != Review {
		t.Errorf("Hajo and Hans-Joachim with his other address: want flagged by the first-name guard\n%s", res)
	}
	schmidt, weber := boss(8, "Schmidt"), boss(9, "Weber")
	if v := ExactVeto(schmidt, weber, DefaultConfig().Guards); v != VetoPersonalEmail {
		t.Errorf("exact veto %q, want the personal-address guard", v)
	}
	rs, rw := m.Record(schmidt), m.Record(weber)
	if res := m.Explain(&rs, &rw); res.Veto != VetoPersonalEmail || m.Decide(res, true) == Merge {
		t.Errorf("two bosses sharing an assistant's address merged:\n%s", res)
	}
}

func ptr[T any](v T) *T { return &v }

// TestPrivateStreetWithoutHouse: two private records in one postal code,
// one with the street and no house number (or the number alone), weigh
// the street more than a business street; not with a company, not in
// another postal code, not with another house number (FEBRL 2 pairs).
func TestPrivateStreetWithoutHouse(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	p := func(id crm.ID, first, last, company, street, postal string) *crm.Lead {
		return lead(id, "first_name", first, "last_name", last, "company", company, "street", street, "postal_code", postal, "country", "AU")
	}
	tests := []struct {
		name   string
		a, b   *crm.Lead
		street float64 // the street's weight
		want   Decision
	}{
		{"street without number", p(1, "Sylvie", "Morrison", "", "Aurora Close", "2203"), p(2, "Sylvie", "Morrion", "", "Aurora Close 20", "2203"), 3.5, Merge},
		{"number alone", p(1, "Imogen", "Muhlbserg", "", "17", "3300"), p(2, "Imogen", "Muhlberg", "", "Reuther St 17", "3300"), 3.5, Merge},
		{"business street", p(1, "Sylvie", "Morrison", "Acme", "Aurora Close", "2203"), p(2, "Sylvie", "Morrion", "Acme Ltd", "Aurora Close 20", "2203"), 1.5, Merge},
		{"another postal code", p(1, "Sylvie", "Morrison", "", "Aurora Close", "2203"), p(2, "Sylvie", "Morrion", "", "Aurora Close 20", "2204"), 1.5, Review},
		{"another house", p(1, "Sylvie", "Morrison", "", "Aurora Close 18", "2203"), p(2, "Sylvie", "Morrion", "", "Aurora Close 20", "2203"), -1, Review},
		// Another flat at one house is another household: -3.
		{"another flat", p(1, "Anna", "Nowak", "", "ul. Długa 5/7", "2203"), p(2, "Anna", "Nowak", "", "ul. Długa 5/12", "2203"), -3, Review},
		{"another flat at a firm", p(1, "Anna", "Nowak", "Acme", "ul. Długa 5/7", "2203"), p(2, "Anna", "Nowak", "Acme", "ul. Długa 5/12", "2203"), -1, Merge},
	}
	for _, tt := range tests {
		a, b := m.Record(tt.a), m.Record(tt.b)
		res := m.Explain(&b, &a)
		for _, f := range res.Fields {
			if f.Name == CmpStreet && f.Weight != tt.street {
				t.Errorf("%s: street weight %+.1f, want %+.1f", tt.name, f.Weight, tt.street)
			}
		}
		if got := m.Decide(res, true); got != tt.want {
			t.Errorf("%s: decision %d, want %d\n%s", tt.name, got, tt.want, res)
		}
	}
}

// TestDomainOfAnotherFirm: a domain one letter off is a typo of one
// firm's domain, unless the two records name two firms whose names
// differ as the domains do ("Meyer Müller AG", "Meier Müller AG"): a
// namesake at a firm of a like name is another person (generated leads,
// a wrong merge at score 12).
func TestDomainOfAnotherFirm(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	a := m.Record(lead(1, "first_name", "Luca", "last_name", "Schneider", "company", "Meyer Müller AG", "email", "luca_schneider@meyermueller.ch",
		"street", "Hauptgasse 194", "postal_code", "9900", "country", "CH"))
	b := m.Record(lead(2, "first_name", "Luca", "last_name", "Schneider", "company", "Meier Müller AG", "email", "luca_schneider@meiermueller.ch",
		"street", "Hauptgasse 137", "postal_code", "9188", "country", "CH"))
	if lv, _, note := compareEmail(&a, &b, 0.93); lv != Missing {
		t.Errorf("two firms' domains: %s (%s), want missing", lv, note)
	}
	if res := m.Explain(&b, &a); m.Decide(res, true) == Merge {
		t.Errorf("namesakes at two firms merged:\n%s", res)
	}
	// One firm, its domain mistyped: close.
	c := m.Record(lead(3, "first_name", "Luca", "last_name", "Schneider", "company", "Meyer Müller AG", "email", "luca_schneider@meyermuelller.ch"))
	if lv, _, note := compareEmail(&a, &c, 0.93); lv != Close || note != "domain mistyped" {
		t.Errorf("one firm's mistyped domain: %s (%s), want close", lv, note)
	}
}

// TestComparePostal: a postal code compares with its country, and a list
// without a country column (country empty) is no other country.
func TestComparePostal(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want Level
	}{
		{"DE 79098", "DE 79098", Agree},
		{"DE 79098", " 79098", Agree},
		{" 00-238", "PL 00-238", Agree},
		{"DE 79098", "DE 79089", Close},
		{"DE 79098", " 79089", Close},
		{"DE 10115", "CH 10115", Disagree},
		{"DE 10115", "DE 20095", Disagree},
		{" 10115", " 20095", Disagree},
		// Without a country a code stays as written.
		{"GB sw1p 4qp", " sw1p4qp", Agree},
		{" 1012ab", "NL 1012 ab", Agree},
	} {
		if got, note := comparePostal(tt.a, tt.b); got != tt.want {
			t.Errorf("comparePostal(%q, %q) = %s (%s), want %s", tt.a, tt.b, got, note, tt.want)
		}
	}
	// And they meet: the blocking keys do without the country.
	m := NewMatcher(DefaultConfig())
	a := m.Record(lead(1, "first_name", "Anna", "last_name", "Müller", "postal_code", "79098", "country", "DE", "street", "Hauptstraße 5"))
	b := m.Record(lead(2, "first_name", "Anna", "last_name", "Mueller", "postal_code", "79098", "street", "Hauptstrasse 5"))
	if res := m.Explain(&b, &a); m.Decide(res, true) != Merge {
		t.Errorf("one list without the country: not merged\n%s", res)
	}
	if ka, kb := m.BlockKeys(&a), m.BlockKeys(&b); !slices.ContainsFunc(ka, func(k uint64) bool { return slices.Contains(kb, k) }) {
		t.Error("one list without the country: no shared blocking key")
	}
	// But the code alone names no place when the towns differ: "1010
	// Wien" and "1010 Lausanne"; a town written longer is one town.
	wien := m.Record(lead(1, "first_name", "Anna", "last_name", "Huber", "postal_code", "1010", "city", "Wien", "country", "AT"))
	for _, tt := range []struct {
		city string
		want Level
	}{{"Lausanne", Disagree}, {"Wien", Agree}, {"Wien Innere Stadt", Agree}, {"", Agree}} {
		c := m.Record(lead(2, "first_name", "Anna", "last_name", "Huber", "postal_code", "1010", "city", tt.city))
		for _, f := range m.Explain(&c, &wien).Fields {
			if f.Name == CmpPlace && f.Level != tt.want {
				t.Errorf("1010 Wien (AT) / 1010 %s: place %s (%s), want %s", tt.city, f.Level, f.Note, tt.want)
			}
		}
	}
}

// TestAddressesMirrorNames: two addresses one letter apart that differ
// just as the names do are no evidence of one address mistyped; they
// disagree, but veto nothing (a name's typo may be carried into the
// address built from it): Andrea Schmidt and Andrea Schmitt at one firm
// are flagged for review, not merged.
func TestAddressesMirrorNames(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	p := func(id crm.ID, first, last, email string) Record {
		return m.Record(lead(id, "first_name", first, "last_name", last, "company", "Lindner Bau GmbH", "email", email))
	}
	for _, tt := range []struct {
		a, b Record
		want Level
		veto bool
	}{
		// At one company domain each a mailbox of its own name: the
		// personal_email guard flags them (VetoMirroredAddresses); at a
		// mail provider they only disagree.
		{p(1, "Andrea", "Schmidt", "a.schmidt@lindner-bau.de"), p(2, "Andrea", "Schmitt", "a.schmitt@lindner-bau.de"), Disagree, true},
		{p(1, "Maria", "Nowak", "maria.nowak@lindner-bau.de"), p(2, "Marta", "Nowak", "marta.nowak@lindner-bau.de"), Disagree, true},
		{p(1, "Maria", "Nowak", "maria.nowak@gmail.com"), p(2, "Marta", "Nowak", "marta.nowak@gmail.com"), Disagree, false},
		// Separators and numbers aside (generated leads): "finn.jansen"
		// and "finn_janssen" of Jansen and Janssen.
		{p(1, "Finn", "Jansen", "finn.jansen@lindner-bau.de"), p(2, "Finn", "Janssen", "finn_janssen@lindner-bau.de"), Disagree, true},
		{p(1, "Matteo", "Meier", "mmeier@lindner-bau.de"), p(2, "Matteo", "Meyer", "mmeyer2@lindner-bau.de"), Disagree, true},
		{p(1, "Martin", "Müller", "m.mueller@lindner-bau.de"), p(2, "Martin", "Möller", "m.moeller@lindner-bau.de"), Disagree, true},
		// Two patterns of one name at one firm are two mailboxes, not
		// one mistyped, however alike the long shared domain makes them.
		{p(1, "Anna", "Zielinski", "azielinski@lindner-bau.de"), p(2, "Anna", "Zielinski", "anna_zielinski@lindner-bau.de"), Disagree, true},
		{p(1, "Tess", "Smit", "tess.smit86@lindner-bau.de"), p(2, "Tess", "Smit", "smit.tess657@lindner-bau.de"), Disagree, true},
		// One person, the address mistyped and not the name: close.
		{p(1, "Andrea", "Schmidt", "a.schmidt@lindner-bau.de"), p(2, "Andrea", "Schmidt", "a.schmitt@lindner-bau.de"), Close, false},
		// The name mistyped, the address not: the same address.
		{p(1, "Andrea", "Schmidt", "a.schmidt@lindner-bau.de"), p(2, "Andrea", "Schmitt", "a.schmidt@lindner-bau.de"), Agree, false},
	} {
		lv, _, note := compareEmail(&tt.a, &tt.b, 0.93)
		_, veto := m.Score(&tt.a, &tt.b)
		if lv != tt.want || (veto != "") != tt.veto {
			t.Errorf("%s %s / %s %s: %s (%s) veto %q, want %s veto %t", tt.a.First, tt.a.Email, tt.b.First, tt.b.Email, lv, note, veto, tt.want, tt.veto)
		}
	}
	a, b := p(1, "Andrea", "Schmidt", "a.schmidt@lindner-bau.de"), p(2, "Andrea", "Schmitt", "a.schmitt@lindner-bau.de")
	if res := m.Explain(&b, &a); m.Decide(res, true) != Review {
		t.Errorf("Andrea Schmidt and Schmitt at one firm: want review\n%s", res)
	}
	// Colleagues at a large firm: its phone, address and domain are
	// all its staff's, so everything but the names agrees. Flagged,
	// never merged; in exact mode kept apart.
	firm := func(id crm.ID, first, last, email string) *crm.Lead {
		return lead(id, "first_name", first, "last_name", last, "company", "Siemens Energy Global GmbH & Co. KG", "email", email,
			"phone", "+49 9131 17-0", "street", "Freyeslebenstr. 1", "postal_code", "91058", "city", "Erlangen", "country", "DE")
	}
	for _, pair := range [][2]*crm.Lead{
		{firm(1, "Lena", "Meyer", "lena.meyer@siemens-energy.com"), firm(2, "Lena", "Maier", "lena.maier@siemens-energy.com")},
		{firm(1, "Leon", "Lange", "leon.lange@siemens-energy.com"), firm(2, "Lena", "Lange", "lena.lange@siemens-energy.com")},
		{firm(1, "Thomas", "Schmidt", "thomas.schmidt@siemens-energy.com"), firm(2, "Thomas", "Schmitz", "thomas.schmitz@siemens-energy.com")},
		{firm(1, "Hannah", "Fischer", "hannah.fischer@siemens-energy.com"), firm(2, "Anna", "Fischer", "anna.fischer@siemens-energy.com")},
	} {
		ra, rb := m.Record(pair[0]), m.Record(pair[1])
		res := m.Explain(&rb, &ra)
		if d := m.Decide(res, true); d != Review || res.Veto != VetoMirroredAddresses {
			t.Errorf("%s %s / %s %s at one firm: %s, veto %q, want review by %q\n%s", pair[0].FirstName, pair[0].LastName,
				pair[1].FirstName, pair[1].LastName, decisionNames[d], res.Veto, VetoMirroredAddresses, res)
		}
		if v := ExactVeto(pair[0], pair[1], DefaultConfig().Guards); v != VetoMirroredAddresses {
			t.Errorf("%s %s / %s %s at one firm: exact veto %q, want %q", pair[0].FirstName, pair[0].LastName,
				pair[1].FirstName, pair[1].LastName, v, VetoMirroredAddresses)
		}
	}
	// One mobile and one name (alike): one person whose name was
	// mistyped into the address made of it, as for two mailboxes of one
	// name (VetoPersonalEmail): merged, in both modes. Colleagues share
	// the firm's numbers, not a mobile.
	withMobile := func(l *crm.Lead) *crm.Lead {
		l.Mobile = "+491712345678"
		return l
	}
	for _, pair := range [][2]*crm.Lead{
		{withMobile(firm(1, "Lena", "Meyer", "lena.meyer@siemens-energy.com")), withMobile(firm(2, "Lena", "Maier", "lena.maier@siemens-energy.com"))},
		{withMobile(firm(1, "Andrea", "Schmidt", "a.schmidt@siemens-energy.com")), withMobile(firm(2, "Andrea", "Schmitt", "a.schmitt@siemens-energy.com"))},
	} {
		ra, rb := m.Record(pair[0]), m.Record(pair[1])
		if res := m.Explain(&rb, &ra); res.Veto != "" || m.Decide(res, true) != Merge {
			t.Errorf("%s %s / %s %s with one mobile: %s, veto %q, want a merge\n%s", pair[0].FirstName, pair[0].LastName,
				pair[1].FirstName, pair[1].LastName, decisionNames[m.Decide(res, true)], res.Veto, res)
		}
		if v := ExactVeto(pair[0], pair[1], DefaultConfig().Guards); v != "" {
			t.Errorf("%s %s / %s %s with one mobile: exact veto %q, want none", pair[0].FirstName, pair[0].LastName,
				pair[1].FirstName, pair[1].LastName, v)
		}
	}
	// Names another guard tells apart keep its veto, which flags only
	// from merge_at (two given names: colleagues, not a doubt).
	ra, rb := m.Record(firm(1, "Jan", "Herrmann", "jan.herrmann@siemens-energy.com")), m.Record(firm(2, "Ben", "Herrmann", "ben.herrmann@siemens-energy.com"))
	if res := m.Explain(&rb, &ra); res.Veto != VetoFirstName {
		t.Errorf("Jan and Ben Herrmann at one firm: veto %q, want %q\n%s", res.Veto, VetoFirstName, res)
	}
}

// TestSurnameGenderForms: the male and the female form of a Polish
// surname are two people's names unless both records are known to be
// of one gender (a woman's name written uninflected abroad).
func TestSurnameGenderForms(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	for _, tt := range []struct {
		sa, fa, la, sb, fb, lb string
		want                   Level
	}{
		{"", "J.", "Kowalski", "", "Joanna", "Kowalska", Disagree}, // an initial tells no gender
		{"", "", "Kowalski", "", "", "Kowalska", Disagree},
		{"", "Jan", "Kowalski", "", "Anna", "Kowalska", Disagree},
		{"", "Anna", "Kowalski", "", "Anna", "Kowalska", Close},       // uninflected abroad
		{"Frau", "A.", "Kowalski", "Pani", "Anna", "Kowalska", Close}, // both women by salutation
		{"", "Jan", "Kowalski", "", "Jan", "Kowalsky", Close},         // a typo, no gender form
		{"Frau", "Karin", "Nowicki", "", "Karin", "Nowicka", Close},   // one given name, not in -a
		{"", "Karin", "Nowicki", "", "K.", "Nowicka", Disagree},
	} {
		a := m.Record(lead(1, "salutation", tt.sa, "first_name", tt.fa, "last_name", tt.la))
		b := m.Record(lead(2, "salutation", tt.sb, "first_name", tt.fb, "last_name", tt.lb))
		for _, f := range m.Explain(&a, &b).Fields {
			if f.Name == CmpLastName && f.Level != tt.want {
				t.Errorf("%s %s %s / %s %s %s: last name %s (%s), want %s", tt.sa, tt.fa, tt.la, tt.sb, tt.fb, tt.lb, f.Level, f.Note, tt.want)
			}
		}
	}
}

// TestKinNamesAtOneHome: two forms of one given name at one home (its
// address or its phone) are father and son as often as one person:
// flagged, not merged; a listed nickname is the person's own.
func TestKinNamesAtOneHome(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	home := func(id crm.ID, first string) Record {
		return m.Record(lead(id, "first_name", first, "last_name", "Wójcik", "phone", "+48124112233",
			"street", "ul. Floriańska 10/4", "postal_code", "31-019", "country", "PL"))
	}
	for _, tt := range []struct {
		a, b string
		want Decision
		veto string
	}{
		{"Janusz", "Jan", Review, VetoKinNames},
		{"Katarzyna", "Kasia", Merge, ""},
		{"Janusz", "Janusz", Merge, ""},
	} {
		a, b := home(1, tt.a), home(2, tt.b)
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want || res.Veto != tt.veto {
			t.Errorf("%s / %s: decision %d veto %q, want %d %q\n%s", tt.a, tt.b, got, res.Veto, tt.want, tt.veto, res)
		}
	}
	// One mobile is one person's: "Alex" and "Alexander" with one mobile
	// at one house are one man.
	mob := func(id crm.ID, first string) *crm.Lead {
		return lead(id, "first_name", first, "last_name", "Berger", "mobile", "+491701234567",
			"street", "Hauptstraße 5", "postal_code", "10115", "country", "DE")
	}
	ma, mb := m.Record(mob(1, "Alexander")), m.Record(mob(2, "Alex"))
	if res := m.Explain(&mb, &ma); m.Decide(res, true) != Merge {
		t.Errorf("Alex and Alexander with one mobile: want merge\n%s", res)
	}
	if v := ExactVeto(mob(1, "Alexander"), mob(2, "Alex"), DefaultConfig().Guards); v != "" {
		t.Errorf("exact veto %q for one mobile", v)
	}
	// At the family's firm, named after it, as at its home (realistic47,
	// 49); at another firm not this guard.
	a := m.Record(lead(1, "first_name", "Janusz", "last_name", "Wójcik", "company", "Wójcik Sp. z o.o.", "phone", "+48124112233"))
	b := m.Record(lead(2, "first_name", "Jan", "last_name", "Wójcik", "company", "Wójcik Sp. z o.o.", "phone", "+48124112233"))
	if res := m.Explain(&b, &a); res.Veto != VetoKinNames || m.Decide(res, true) != Review {
		t.Errorf("kin names at the family's firm:\n%s", res)
	}
	a = m.Record(lead(1, "first_name", "Janusz", "last_name", "Wójcik", "company", "Kowalski Bud Sp. z o.o.", "phone", "+48124112233"))
	b = m.Record(lead(2, "first_name", "Jan", "last_name", "Wójcik", "company", "Kowalski Bud Sp. z o.o.", "phone", "+48124112233"))
	if res := m.Explain(&b, &a); res.Veto == VetoKinNames {
		t.Errorf("kin-name veto at another firm:\n%s", res)
	}
	// "Marc" and "Marcel", "Pat" and "Patrick" compare close, and at one
	// home are two forms as well (kinForms).
	for _, p := range [][2]string{{"Marcel", "Marc"}, {"Patrick", "Pat"}} {
		a, b := home(1, p[0]), home(2, p[1])
		if res := m.Explain(&b, &a); res.Veto != VetoKinNames || m.Decide(res, true) != Review {
			t.Errorf("%s / %s at one home:\n%s", p[0], p[1], res)
		}
	}
}

// TestOtherEmailsBehindRoleAddress: a contact export whose first e-mail
// column holds the firm's role address (biuro@) and the second the
// person's own: two such records share the role address, which is only
// close, and their own address, which agrees as one's other address.
func TestOtherEmailsBehindRoleAddress(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	mk := func(id crm.ID, first string) *crm.Lead {
		l := lead(id, "first_name", first, "last_name", "Kowalski", "email", "biuro@transpol.pl", "E-mail 2 Address", "jan.kowalski@gmail.com")
		l.EmailFields = []string{"E-mail 2 Address"}
		return l
	}
	a, b := m.Record(mk(1, "Jan")), m.Record(mk(2, ""))
	res := m.Explain(&b, &a)
	if f := res.Fields[0]; f.Level != Agree || f.Note != noteOtherAddress {
		t.Errorf("email comparison %+v, want the shared own address to agree", f)
	}
	if m.Decide(res, true) != Merge {
		t.Errorf("not merged:\n%s", res)
	}
}

// TestOtherEmailsOtherLastName: two colleagues of the same first name at
// one firm, each with a private address of their own and the team's
// address ("messeteam@", no role word) as their second: the team address
// is no evidence that a Schmidt is a Weber. It is close, not agreement,
// and the two stay apart, as --match exact keeps them (OtherAddressVeto).
func TestOtherEmailsOtherLastName(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	mk := func(id crm.ID, last, email string) Record {
		l := lead(id, "first_name", "Thomas", "last_name", last, "company", "Messebau Nord GmbH", "email", email,
			"postal_code", "20095", "country", "DE", "E-mail 2 Address", "messeteam@messebau-nord.de")
		l.EmailFields = []string{"E-mail 2 Address"}
		return m.Record(l)
	}
	a, b := mk(1, "Schmidt", "thomas.schmidt@gmail.com"), mk(2, "Weber", "t.weber@web.de")
	res := m.Explain(&b, &a)
	if f := res.Fields[0]; f.Level != Close || f.Note != noteOtherAddressOtherName {
		t.Errorf("email comparison %+v", f)
	}
	if m.Decide(res, true) == Merge {
		t.Errorf("two colleagues sharing the team's address merged:\n%s", res)
	}
	// The same last name written another way still agrees.
	c := mk(3, "Schmitt", "t.schmitt@gmx.de")
	if f := m.Explain(&c, &a).Fields[0]; f.Level != Agree {
		t.Errorf("Schmitt and Schmidt: email comparison %+v", f)
	}
}

// TestBlockingByWord: a configured "word" part keys on each word of four
// or more letters, so that a name's words in another order or among
// others meet (PATSTAT's applicants); the words of one key come from one
// field, and a second word part in a key is refused.
func TestBlockingByWord(t *testing.T) {
	cfg, err := Load([]byte("dedupe:\n  block:\n    - [company:word, city]\n"), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(cfg)
	shared := func(a, b *crm.Lead) bool {
		ra, rb := m.Record(a), m.Record(b)
		return MayMeet(m.BlockKeys(&ra), m.BlockKeys(&rb))
	}
	tests := []struct {
		name string
		a, b []string
		want bool
	}{
		{"words in another order", []string{"company", "Philips Gloeilampenfabrieken", "city", "Eindhoven"},
			[]string{"company", "Gloeilampenfabrieken Philips", "city", "Eindhoven"}, true},
		{"one word among others", []string{"company", "Koninklijke Philips Electronics", "city", "Eindhoven"},
			[]string{"company", "Philips", "city", "Eindhoven"}, true},
		{"a short word only", []string{"company", "NL Akzo", "city", "Arnhem"},
			[]string{"company", "NL Nobel", "city", "Arnhem"}, false},
		{"other town", []string{"company", "Philips Electronics", "city", "Eindhoven"},
			[]string{"company", "Philips", "city", "Hamburg"}, false},
	}
	for _, tt := range tests {
		if got := shared(lead(1, tt.a...), lead(2, tt.b...)); got != tt.want {
			t.Errorf("%s: a shared blocking key = %t, want %t", tt.name, got, tt.want)
		}
	}
	_, err = Load([]byte("dedupe:\n  block:\n    - [company:word, last_name:word]\n"), "leadpipe.yaml")
	if err == nil || !strings.Contains(err.Error(), "leadpipe.yaml line 3") || !strings.Contains(err.Error(), "one word part per key") {
		t.Errorf("two word parts in a key: err = %v, want it refused at line 3", err)
	}
}

func TestMiddleInitialAdded(t *testing.T) {
	checkPairs(t, "middleInitialAdded", middleInitialAdded, []pairCase{
		{"michael.brown", "michael.j.brown", true},
		{"anna_m_nowak", "anna_nowak", true},
		{"michael.brown", "michael.brown", false},
		{"m.brown", "michael.brown", false},
		{"michael.brown", "michael.jo.brown", false},
		{"j.brown", "brown", false},
	})
}

// TestStreetUnitsAndZIP4: a flat's number written after a marker ("Apt
// 4B", "Flat 3,") goes after the house's, where "#4B" has it; a ZIP+4 is
// its ZIP.
func TestStreetUnitsAndZIP4(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"215 W 88th St Apt 4B", "215 w 88th st 4b"},
		{"215 West 88th Street #4B", "215 w 88th st 4b"},
		{"Flat 3, 12 High Street", "12 high st 3"},
		{"Suite 400, 1 Main St", "1 main st 400"},
		{"Unit B", "b"},
		// A marker word that names no flat is a word of the street's
		// name: "Flat Rock Road" is not "Rock Road".
		{"12 Flat Rock Road", "12 flat rock rd"},
		{"3 Top Lane", "3 top ln"},
		{"Unit Road 4", "unit rd 4"},
	} {
		if got := streetKey(tt.in); got != tt.want {
			t.Errorf("streetKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ code, country, want string }{
		{"10024-3301", "US", "10024"},
		{"10024 3301", "", "10024"},
		{"10024", "US", "10024"},
		{"01310-1000", "BR", "01310-1000"},
		{"SW1P 4QP12", "", "SW1P 4QP12"},
	} {
		if got := zip5(tt.code, tt.country); got != tt.want {
			t.Errorf("zip5(%q, %q) = %q, want %q", tt.code, tt.country, got, tt.want)
		}
	}
}

func TestOneWordOf(t *testing.T) {
	checkPairs(t, "oneWordOf", oneWordOf, []pairCase{
		{"smith jones", "jones", true},
		{"nowak jezioranska", "jezioranska nowak", true},
		{"de jong", "jong", true},
		{"jansen de vries", "de vries", true},
		{"jansen de vries", "jansen vries", false},
		{"jones", "smith", false},
		{"de jong", "de", false},
		{"smith jones", "smith brown", false},
	})
}

// TestDoubleSurnames: two double surnames sharing the first part and not
// the second are two names (the last_name guard's); a part of one, left
// out with nothing personal in common, flags the pair.
func TestDoubleSurnames(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		lv   Level
	}{
		{"garcia lopez", "garcia martin", Disagree},
		{"o kelly", "o ceallaigh", Close},
		{"muller", "muller ludenscheidt", Close},
		{"smith jones", "jones", Close},
	} {
		if lv, _, _ := compareName(tt.a, tt.b, 0.9, false); lv != tt.lv {
			t.Errorf("compareName(%q, %q) = %s, want %s", tt.a, tt.b, lv, tt.lv)
		}
	}
	if !surnamesDiffer("garcia lopez", "garcia martin") || surnamesDiffer("garcia lopez", "lopez garcia") {
		t.Errorf("surnamesDiffer on double surnames")
	}
	if partLeftOut("de jong", "jong") || partLeftOut("nowak jezioranska", "jezioranska nowak") || !partLeftOut("smith jones", "jones") {
		t.Errorf("partLeftOut")
	}
	m := NewMatcher(DefaultConfig())
	a := m.Record(lead(1, "first_name", "Sarah", "last_name", "Smith-Jones", "company", "Harwood Lettings Ltd", "email", "info@harwoodlettings.co.uk", "city", "Manchester"))
	b := m.Record(lead(2, "first_name", "Sarah", "last_name", "Jones", "company", "Harwood Lettings", "email", "info@harwoodlettings.co.uk", "city", "Manchester"))
	if res := m.Explain(&b, &a); res.Veto != VetoLastName {
		t.Errorf("a double name's part, only a firm's mailbox in common:\n%s", res)
	}
}

func TestCompaniesRelated(t *testing.T) {
	checkPairs(t, "companiesRelated", companiesRelated, []pairCase{
		{"robert bosch", "bosch", true},
		{"deutsche telekom", "telekom deutschland", true},
		{"ibm", "international business machines", true},
		{"continental", "robert bosch", false},
		{"ktm", "rosenbauer international", false},
		{"sap", "siemens", false},
		// A first word that names no firm on its own is no brand word.
		{"deutsche bank", "deutsche telekom", false},
		{"general motors", "general electric", false},
		{"american express", "american airlines", false},
		{"siemens healthcare", "siemens healthineers", true},
	})
}

// TestExactVetoAddressNamingOneLastName: one first name and a firm's
// address that names one of two last names ("a.wagner@" given by Anna
// Wagner and by her assistant Anna Berg) is the named one's in fuzzy
// mode and with --match exact alike; a mail provider's address, named
// after her maiden name, is hers in both.
func TestExactVetoAddressNamingOneLastName(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	for _, tt := range []struct {
		name, mail string
		want       string
	}{
		{"firm's address", "a.wagner@wagner-immobilien.de", VetoLastName},
		{"mail provider's", "anna.wagner87@gmail.com", ""},
	} {
		wagner := lead(1, "first_name", "Anna", "last_name", "Wagner", "email", tt.mail)
		berg := lead(2, "first_name", "Anna", "last_name", "Berg", "email", tt.mail)
		ra, rb := m.Record(wagner), m.Record(berg)
		if _, v := m.Score(&ra, &rb); v != tt.want {
			t.Errorf("%s: fuzzy veto %q, want %q", tt.name, v, tt.want)
		}
		if v := ExactVeto(wagner, berg, DefaultConfig().Guards); v != tt.want {
			t.Errorf("%s: exact veto %q, want %q", tt.name, v, tt.want)
		}
	}
}

// pairCase is a row of a table test of a predicate on two strings.
type pairCase struct {
	a, b string
	want bool
}

// checkPairs runs a table of pairCases through fn, named name in errors.
func checkPairs(t *testing.T, name string, fn func(a, b string) bool, cases []pairCase) {
	t.Helper()
	for _, tt := range cases {
		if got := fn(tt.a, tt.b); got != tt.want {
			t.Errorf("%s(%q, %q) = %t, want %t", name, tt.a, tt.b, got, tt.want)
		}
	}
}

// TestOwnNameOrders: "li.zhang@" of Li Zhang and "zhang.li@" of Zhang Li
// at one firm follow their records' two orders of the names: two
// colleagues' mailboxes (personal_email guard), not one name written two
// ways, which merged them at 15 (helper-63's judgement set). One order in
// both addresses, or an address that follows neither record, is still no
// evidence either way.
func TestOwnNameOrders(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	tests := []struct {
		fa, la, ea, fb, lb, eb string
		want                   Level
		veto                   bool
	}{
		{"Li", "Zhang", "li.zhang@lumentum.com", "Zhang", "Li", "zhang.li@lumentum.com", Disagree, true},
		{"Wei", "Wang", "wei.wang@huawei.com", "Wang", "Wei", "wei.wang@huawei.com", Agree, false}, // a list swapped the names, one address
		{"Wei", "Wang", "wang.wei@huawei.com", "Wei", "Wang", "wei.wang@huawei.com", Missing, false},
		{"Jürgen", "Müller", "mueller.j@mueller-gmbh.de", "Jürgen", "Müller", "juergen_mueller@mueller-gmbh.de", Missing, false},
	}
	for _, tt := range tests {
		a := m.Record(lead(1, "first_name", tt.fa, "last_name", tt.la, "email", tt.ea))
		b := m.Record(lead(2, "first_name", tt.fb, "last_name", tt.lb, "email", tt.eb))
		lv, _, note := compareEmail(&a, &b, 0.93)
		_, veto := m.Score(&a, &b)
		if lv != tt.want || (veto != "") != tt.veto {
			t.Errorf("%s %s %s vs %s %s %s: %s (%s) veto %q, want %s veto %t", tt.fa, tt.la, tt.ea, tt.fb, tt.lb, tt.eb, lv, note, veto, tt.want, tt.veto)
		}
	}
}

// TestOwnMaidenAddress: one given name and one personal address at a
// mail provider that names one of the two last names is a woman who
// married (or went back to her maiden name) with the mailbox she kept:
// the last names weigh nothing against it. At a firm's domain, or with
// an address that names neither last name, they still disagree.
func TestOwnMaidenAddress(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	tests := []struct {
		la, ea, lb, eb string
		last           Level
		want           Decision
	}{
		{"O'Connor", "megan.oconnor88@gmail.com", "Brooks", "meganoconnor88@gmail.com", Missing, Merge},
		{"Holloway", "megan.holloway@gmail.com", "Ashdown", "megan.holloway@gmail.com", Missing, Merge},
		{"O'Connor", "megan88@gmail.com", "Brooks", "megan88@gmail.com", Disagree, Review}, // names neither
		{"Wagner", "m.wagner@wagner-bau.de", "Berg", "m.wagner@wagner-bau.de", Disagree, Review},
	}
	for _, tt := range tests {
		a := m.Record(lead(1, "first_name", "Megan", "last_name", tt.la, "email", tt.ea))
		b := m.Record(lead(2, "first_name", "Megan", "last_name", tt.lb, "email", tt.eb))
		res := m.Explain(&b, &a)
		var lv Level
		for _, f := range res.Fields {
			if f.Name == CmpLastName {
				lv = f.Level
			}
		}
		if got := m.Decide(res, true); lv != tt.last || got != tt.want {
			t.Errorf("%s %s / %s %s: last name %s, %s; want %s, %s\n%s", tt.la, tt.ea, tt.lb, tt.eb, lv, decisionNames[got], tt.last, decisionNames[tt.want], res)
		}
	}
}
