package dedupe

import (
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// A spouse's address listed as one's other address is named after both
// (one last name), but is not the person's own: Hans and Petra Schneider
// stay two people.
func TestReviewNamedAfterSpouse(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	hans := lead(1, "first_name", "Hans", "last_name", "Schneider", "email", "hans.schneider@schneider-bau.de",
		"E-mail 2", "petra.schneider@gmx.de", "street", "Lindenweg 3", "postal_code", "79098", "city", "Freiburg", "country", "DE")
	hans.EmailFields = []string{"E-mail 2"}
	petra := lead(2, "first_name", "Petra", "last_name", "Schneider", "email", "petra.schneider@gmx.de",
		"street", "Lindenweg 3", "postal_code", "79098", "city", "Freiburg", "country", "DE")
	a, b := m.Record(hans), m.Record(petra)
	if res := m.Explain(&b, &a); m.Decide(res, true) == Merge {
		t.Errorf("Hans and Petra Schneider merged by her address among his:\n%s", res)
	}
}

// The transliteration rule (d702cf0) must not lose names that begin with
// one letter ("Jeanette", "Janett" sound alike and begin with "j").
func TestReviewOnsetKeepsFirstLetter(t *testing.T) {
	if !sameOnset("jeanette", "janett") {
		t.Error(`sameOnset("jeanette", "janett") = false, want true (one first letter)`)
	}
}

// "je" as "e" makes German names that merely sound alike one onset:
// "Jens" and "Enzo", "Jenny" and "Enno", "Jette" and "Edda".
func TestReviewOnsetJeNotAnyE(t *testing.T) {
	for _, p := range [][2]string{{"jens", "enzo"}, {"jenny", "enno"}, {"jette", "edda"}} {
		if lv, _, note := compareName(p[0], p[1], 0.9, true); lv != Disagree {
			t.Errorf("%s / %s: %s (%s), want disagree", p[0], p[1], lv, note)
		}
	}
}

// One number in a lead's phone and mobile columns is its home's phone as
// much as a mobile: the fuzzy comparison drops a mobile that equals the
// phone (Record), and the exact veto must agree with it.
func TestReviewKinNamesMobileIsPhone(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	mk := func(id crm.ID, first string, mobile bool) *crm.Lead {
		kv := []string{"first_name", first, "last_name", "Wójcik", "phone", "+48124112233",
			"street", "ul. Długa 5", "postal_code", "31-147", "country", "PL"}
		if mobile {
			kv = append(kv, "mobile", "+48124112233")
		}
		return lead(id, kv...)
	}
	a, b := mk(1, "Janusz", true), mk(2, "Jan", false)
	ra, rb := m.Record(a), m.Record(b)
	fuzzy := m.Explain(&rb, &ra).Veto
	exact := ExactVeto(a, b, DefaultConfig().Guards)
	if fuzzy != exact {
		t.Errorf("Janusz/Jan, one number as phone and mobile: fuzzy veto %q, exact veto %q", fuzzy, exact)
	}
}

// One given name on both records, but salutations that differ ("Herr Kim",
// "Frau Kim"), is not one gender: Nowicki and Nowicka stay two names even
// with the salutation guard switched off.
func TestReviewOneGenderSalutationsDiffer(t *testing.T) {
	a := NewMatcher(DefaultConfig()).Record(lead(1, "salutation", "Herr", "first_name", "Kim", "last_name", "Nowicki"))
	b := NewMatcher(DefaultConfig()).Record(lead(2, "salutation", "Frau", "first_name", "Kim", "last_name", "Nowicka"))
	if oneGender(&a, &b) {
		t.Error("Herr Kim and Frau Kim: one gender")
	}
}

// Exact and fuzzy mode judge Hajo and Hans-Joachim Schneider, one with
// the other's address among his, alike: namedAfter (61b38f9) lifts the
// first-name guard in compare only, ExactVeto still vetoes.
func TestReviewNamedAfterExactFuzzy(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	hajo := lead(10, "first_name", "Hans-Joachim", "last_name", "Schneider", "email", "hj.schneider@schneider-bau.de", "E-mail 2", "hajo.schneider@gmx.de")
	hajo.EmailFields = []string{"E-mail 2"}
	h2 := lead(11, "first_name", "Hajo", "last_name", "Schneider", "email", "hajo.schneider@gmx.de")
	rh, rj := m.Record(hajo), m.Record(h2)
	if f, e := m.Explain(&rj, &rh).Veto, ExactVeto(h2, hajo, DefaultConfig().Guards); f != e {
		t.Errorf("fuzzy veto %q, exact veto %q", f, e)
	}
}

// A list without a country that writes the town in English ("1010
// Vienna", "80331 Munich") names the same place as "1010 Wien" (AT):
// townsDiffer (32cc692) knows no exonyms and makes the code disagree.
func TestReviewPostalTownExonym(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	for _, c := range [][3]string{{"1010", "Wien", "Vienna"}, {"80331", "München", "Munich"}, {"31-147", "Kraków", "Krakau"}} {
		a := m.Record(lead(1, "first_name", "Anna", "last_name", "Huber", "postal_code", c[0], "city", c[1], "country", "AT"))
		b := m.Record(lead(2, "first_name", "Anna", "last_name", "Huber", "postal_code", c[0], "city", c[2]))
		for _, f := range m.Explain(&b, &a).Fields {
			if f.Name == CmpPlace && f.Level == Disagree {
				t.Errorf("%s %s / %s: place %s (%s)", c[0], c[1], c[2], f.Level, f.Note)
			}
		}
	}
}
