package dedupe

import (
	"slices"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

func TestGenderForms(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Daniel", "Daniela", true},
		{"Michael", "Michaela", true},
		{"Jan", "Janina", true},
		{"Jan", "Jana", true},
		{"Paul", "Paula", true},
		{"Paul", "Pauline", true},
		{"Peter", "Petra", true},
		{"Andreas", "Andrea", true},
		{"Christian", "Christiane", true},
		{"Stefan", "Stefanie", true},
		{"Alexander", "Alexandra", true},
		{"Mario", "Maria", true},
		{"Johann", "Johanna", true},
		// Names with "ue"/"ae", folded as records hold them ("manul").
		{"Manuel", "Manuela", true},
		{"Samuel", "Samuela", true},
		{"Petr", "Petra", true},
		{"Patrick", "Patricia", true},
		{"Michel", "Michèle", true},
		// One name: nicknames, female spellings, typos.
		{"Kasia", "Katarzyna", false},
		{"Christine", "Christina", false},
		{"Carolin", "Caroline", false},
		{"Sabine", "Sabina", false},
		{"Ann", "Anna", false},
		{"Alex", "Alexander", false},
		{"Thomas", "Thomas", false},
		{"Daniel", "", false},
	}
	for _, tt := range tests {
		for _, p := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
			if got := genderForms(key(p[0]), key(p[1])); got != tt.want {
				t.Errorf("genderForms(%q, %q) = %t, want %t", p[0], p[1], got, tt.want)
			}
			if got := clearlyDifferent(key(p[0]), key(p[1])); tt.want && !got {
				t.Errorf("clearlyDifferent(%q, %q) = false, want true", p[0], p[1])
			}
		}
	}
}

// TestGenderGuards: the reviewer's scenarios (rev40 s3, s4, s5) of a man
// and a woman at one firm or in one household.
func TestGenderGuards(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	firm := func(id crm.ID, sal, first, last string, kv ...string) *crm.Lead {
		return lead(id, append([]string{"salutation", sal, "first_name", first, "last_name", last, "company", "Schmidt Logistik GmbH",
			"phone", "+4930555000", "street", "Hafenweg 3", "postal_code", "10115", "city", "Berlin", "country", "DE"}, kv...)...)
	}
	pl := func(id crm.ID, sal, first, last string) *crm.Lead {
		return lead(id, "salutation", sal, "first_name", first, "last_name", last, "phone", "+48618500500",
			"street", "ul. Polna 3", "postal_code", "60-535", "city", "Poznań", "country", "PL")
	}
	tests := []struct {
		name string
		a, b *crm.Lead
		want Decision
		veto string
	}{
		{"Daniel and Daniela", firm(1, "", "Daniel", "Schmidt"), firm(2, "", "Daniela", "Schmidt"), Review, VetoFirstName},
		{"Michael and Michaela", firm(1, "", "Michael", "Schmidt"), firm(2, "", "Michaela", "Schmidt"), Review, VetoFirstName},
		{"Jan and Janina", firm(1, "", "Jan", "Schmidt"), firm(2, "", "Janina", "Schmidt"), Review, VetoFirstName},
		{"Paul and Paula", firm(1, "", "Paul", "Schmidt"), firm(2, "", "Paula", "Schmidt"), Review, VetoFirstName},
		{"Peter and Petra", firm(1, "", "Peter", "Schmidt"), firm(2, "", "Petra", "Schmidt"), Review, VetoFirstName},
		{"Andreas and Andrea", firm(1, "", "Andreas", "Schmidt"), firm(2, "", "Andrea", "Schmidt"), Review, VetoFirstName},
		{"Herr and Frau, one initial", firm(1, "Herr", "D.", "Schmidt"), firm(2, "Frau", "D.", "Schmidt"), Review, VetoSalutation},
		{"Mr and Mrs", firm(1, "Mr", "", "Schmidt"), firm(2, "Mrs", "", "Schmidt"), Review, VetoSalutation},
		{"Pan and Pani", pl(1, "Pan", "", "Kowalski"), pl(2, "Pani", "", "Kowalski"), Review, VetoSalutation},
		{"Monsieur and Madame", firm(1, "Monsieur", "", "Schmidt"), firm(2, "Madame", "", "Schmidt"), Review, VetoSalutation},
		{"Herr and Herr", firm(1, "Herr", "Daniel", "Schmidt"), firm(2, "Herr", "Daniel", "Schmidt"), Merge, ""},
		{"Kasia and Katarzyna", firm(1, "", "Kasia", "Schmidt"), firm(2, "Pani", "Katarzyna", "Schmidt"), Merge, ""},
		{"Hans and Hannes", firm(1, "", "Hans", "Schmidt"), firm(2, "", "Johannes", "Schmidt"), Merge, ""},
	}
	for _, tt := range tests {
		a, b := m.Record(tt.a), m.Record(tt.b)
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want || res.Veto != tt.veto {
			t.Errorf("%s: decision %d veto %q, want %d veto %q\n%s", tt.name, got, res.Veto, tt.want, tt.veto, res)
		}
	}

	// Kowalski and Kowalska: one surname in two genders is no "close"
	// last name for a man and a woman, and still close for one person.
	for _, tt := range []struct {
		fa, la, fb, lb string
		want           Level
	}{
		{"Daniel", "Kowalski", "Daniela", "Kowalska", Disagree},
		{"Tomasz", "Zieliński", "Agnieszka", "Zielińska", Disagree},
		{"Jan", "Nowicki", "Anna", "Nowicka", Disagree},
		{"Anna", "Kowalski", "Anna", "Kowalska", Close},
	} {
		a, b := m.Record(pl(1, "", tt.fa, tt.la)), m.Record(pl(2, "", tt.fb, tt.lb))
		res := m.Explain(&b, &a)
		for _, f := range res.Fields {
			if f.Name == CmpLastName && f.Level != tt.want {
				t.Errorf("%s %s / %s %s: last name %s, want %s\n%s", tt.fa, tt.la, tt.fb, tt.lb, f.Level, tt.want, res)
			}
		}
	}
}

// TestHouseholdMailbox: a family's shared address (rev40 s5) is no
// personal evidence that lifts the first_name guard.
func TestHouseholdMailbox(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	home := func(id crm.ID, first string) *crm.Lead {
		return lead(id, "first_name", first, "last_name", "Brandt", "email", "familie.brandt@t-online.de", "phone", "+496221334455",
			"street", "Bergstr. 7", "postal_code", "69120", "city", "Heidelberg", "country", "DE")
	}
	a, b := m.Record(home(1, "Werner")), m.Record(home(2, "Sabine"))
	if res := m.Explain(&b, &a); res.Veto != VetoFirstName || m.Decide(res, true) == Merge {
		t.Errorf("Werner and Sabine on the family mailbox:\n%s", res)
	}
	a, b = m.Record(home(1, "Werner")), m.Record(home(2, "W."))
	if res := m.Explain(&b, &a); res.Veto != "" || m.Decide(res, true) != Merge {
		t.Errorf("Werner and W. on the family mailbox:\n%s", res)
	}
}

// TestGenerationGuard: father and son of one name at one firm (rev40 s3);
// a suffix on one side only flags the pair.
func TestGenerationGuard(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	firm := func(id crm.ID, last string) *crm.Lead {
		return lead(id, "salutation", "Herr", "first_name", "Hans", "last_name", last, "company", "Müller Holzbau GmbH",
			"email", "info@mueller-holzbau.de", "phone", "+49 8031 4455-0", "street", "Rosenheimer Str. 12",
			"postal_code", "83022", "city", "Rosenheim", "country", "DE")
	}
	tests := []struct {
		a, b string
		want Decision
		veto string
	}{
		{"Müller sen.", "Müller jun.", Review, VetoGeneration},
		{"Müller Senior", "Müller Junior", Review, VetoGeneration},
		{"Müller Sr.", "Müller Jr.", Review, VetoGeneration},
		{"Müller d. Ä.", "Müller d. J.", Review, VetoGeneration},
		{"Müller II", "Müller III", Review, VetoGeneration},
		// A suffix on one side only: the father as often as the son,
		// with nothing of one man's own in common (realistic49, 50).
		{"Müller sen.", "Müller", Review, VetoGenerationOneSide},
		// "II" and "Jr.", "I" and "Sr.": one rank written two ways, or
		// an uncle's namesake; flagged, not kept apart (realistic63).
		{"Müller II", "Müller Jr.", Review, VetoGenerationOneSide},
		{"Müller I", "Müller Sr.", Review, VetoGenerationOneSide},
		{"Müller II", "Müller Sr.", Review, VetoGeneration},
		{"Müller jun.", "Mueller jun.", Merge, ""},
	}
	for _, tt := range tests {
		a, b := m.Record(firm(1, tt.a)), m.Record(firm(2, tt.b))
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want || res.Veto != tt.veto {
			t.Errorf("%s / %s: decision %d veto %q, want %d veto %q\n%s", tt.a, tt.b, got, res.Veto, tt.want, tt.veto, res)
		}
		// The index keeps the generation.
		p := pack(&a)
		if u := p.unpack(0); u.Generation != a.Generation || u.Gender != a.Gender || u.Last != a.Last {
			t.Errorf("%s: packed %+v, want %+v", tt.a, u, a)
		}
	}
}

// juniorListing is James Carter Jr. with his own address and, in his
// "E-mail 2" column, other.
func juniorListing(other string) *crm.Lead {
	l := lead(2, "first_name", "James", "last_name", "Carter Jr.", "email", "james.carter@carterlaw.net", "E-mail 2", other)
	l.EmailFields = []string{"E-mail 2"}
	return l
}

// TestExactModeGuards: --match exact keys skip role addresses and
// switchboard numbers, and ExactVeto applies the guards (rev40 s5, s12).
func TestExactModeGuards(t *testing.T) {
	kinds := func(l *crm.Lead) string {
		s := ""
		for _, k := range ExactKeys(l) {
			s += string(k.Kind)
		}
		return s
	}
	raw := func(l *crm.Lead) *crm.Lead {
		l.Raw.Set(crm.FieldPhone, l.Phone+"-0") // as written: "+49 6131 9988-0"
		return l
	}
	for _, tt := range []struct {
		l    *crm.Lead
		want string
	}{
		{raw(lead(1, "first_name", "Andreas", "last_name", "Klein", "email", "info@klein-elektro.de", "phone", "+49 6131 99880")), ""},
		{lead(1, "last_name", "Brandt", "email", "familie.brandt@t-online.de", "phone", "+49 6221 334455"), "p"},
		{lead(1, "last_name", "Hoffmann", "email", "stefan.hoffmann@hoffmann-metall.de", "phone", "+49 231 556677"), "ep"},
	} {
		if got := kinds(tt.l); got != tt.want {
			t.Errorf("%s %s: keys %q, want %q", tt.l.Email, tt.l.Raw.Value(crm.FieldPhone), got, tt.want)
		}
	}
	p := func(sal, first, last, email string) *crm.Lead {
		return lead(1, "salutation", sal, "first_name", first, "last_name", last, "email", email)
	}
	for _, tt := range []struct {
		a, b *crm.Lead
		want string
	}{
		{p("Herr", "Werner", "Brandt", ""), p("Frau", "Sabine", "Brandt", ""), VetoSalutation},
		{p("", "Werner", "Brandt", ""), p("", "Sabine", "Brandt", ""), VetoFirstName},
		{p("", "Andreas", "Klein", ""), p("", "Andrea", "Klein", ""), VetoFirstName},
		{p("", "Hans", "Müller sen.", ""), p("", "Hans", "Müller jun.", ""), VetoGeneration},
		{p("", "Werner", "Brandt", "familie.brandt@t-online.de"), p("", "Sabine", "Brandt", "familie.brandt@t-online.de"), VetoFirstName},
		{p("", "Hans", "Meier", "hans.meier@gmx.de"), p("", "Johann-Georg", "Meier", "hans.meier@gmx.de"), ""},
		{p("", "Kasia", "Nowak", ""), p("Pani", "Katarzyna", "Nowak", ""), ""},
		{p("", "W.", "Brandt", ""), p("", "Werner", "Brandt", ""), ""},
		{p("", "Janusz", "Wójcik", ""), p("", "Jan", "Wójcik", ""), VetoKinNames},
		{lead(1, "first_name", "Janusz", "last_name", "Wójcik", "company", "Wójcik Sp. z o.o."), lead(2, "first_name", "Jan", "last_name", "Wójcik", "company", "Wójcik Sp. z o.o."), VetoKinNames},
		{p("", "Marcel", "Weber", ""), p("", "Marc", "Weber", ""), VetoKinNames},
		{p("", "Katarzyna", "Nowak", ""), p("", "Kasia", "Nowak", ""), ""},
		// Her husband's address (namedForOne); an address naming neither.
		{p("", "Mike", "Doyle", "mike.doyle@gmail.com"), p("", "Karen", "Doyle", "mike.doyle@gmail.com"), VetoFirstName},
		{p("", "Mike", "Doyle", "tiger77@gmail.com"), p("", "Karen", "Doyle", "tiger77@gmail.com"), ""},
		// Two mailboxes of a one-man firm, one mobile: one person.
		{lead(1, "first_name", "Peter", "last_name", "Larsen", "company", "Larsen Consult ApS", "email", "p.k.larsen@larsenconsult.dk", "mobile", "+4520314487"),
			lead(2, "first_name", "Peter", "last_name", "Larsen", "company", "Larsen Consult", "email", "p.larsen@larsenconsult.dk", "mobile", "+4520314487"), ""},
		{lead(1, "first_name", "Peter", "last_name", "Larsen", "company", "Larsen Consult ApS", "email", "p.k.larsen@larsenconsult.dk", "mobile", "+4520314487"),
			lead(2, "first_name", "Peter", "last_name", "Larsen", "company", "Larsen Consult", "email", "p.larsen@larsenconsult.dk", "mobile", "+4520999999"), VetoPersonalEmail},
		// One mobile (the key), two employers: a job change.
		{lead(1, "first_name", "Thomas", "last_name", "Wagner", "company", "Robert Bosch GmbH", "mobile", "+491715556677"),
			lead(2, "first_name", "Thomas", "last_name", "Wagner", "company", "Continental AG", "mobile", "+491715556677"), VetoOtherEmployer},
		{lead(1, "first_name", "Thomas", "last_name", "Wagner", "company", "Robert Bosch GmbH", "mobile", "+491715556677"),
			lead(2, "first_name", "Thomas", "last_name", "Wagner", "company", "ROBERT BOSCH", "mobile", "+491715556677"), ""},
		// One landline (the key) at home, two mobiles: a father and son
		// of one name as often as one man (generation guard); one
		// mobile is one man's.
		{lead(1, "first_name", "Brian", "last_name", "O'Neill", "phone", "+35314960142", "mobile", "+353871234567"),
			lead(2, "first_name", "Brian", "last_name", "O'Neill", "phone", "+35314960142", "mobile", "+353867654321"), VetoOtherLines},
		{lead(1, "first_name", "Brian", "last_name", "O'Neill", "phone", "+35314960142", "mobile", "+353871234567"),
			lead(2, "first_name", "Brian", "last_name", "O'Neill", "phone", "+35314960142", "mobile", "+353871234567"), ""},
		{lead(1, "first_name", "Brian", "last_name", "O'Neill", "phone", "+35314960142", "mobile", "+353871234567", "email", "brian.oneill@eircom.net"),
			lead(2, "first_name", "Brian", "last_name", "O'Neill", "phone", "+35314960142", "mobile", "+353867654321", "email", "brian.oneil@eircom.net"), ""},
		// A suffix on one side only, the key one's other address: the
		// father as often as the son, who lists his father's address.
		{lead(1, "first_name", "James", "last_name", "Carter", "email", "j.carter@gmail.com"), juniorListing("j.carter@gmail.com"), VetoGenerationOneSide},
	} {
		if got := ExactVeto(tt.a, tt.b, DefaultConfig().Guards); got != tt.want {
			t.Errorf("%s %s / %s %s: veto %q, want %q", tt.a.FirstName, tt.a.LastName, tt.b.FirstName, tt.b.LastName, got, tt.want)
		}
	}
}

// TestIndexFlagsVetoedPair: a pair only a guard keeps from merging is
// flagged for review with the guard as its reason, in favour of a weak
// candidate no guard vetoes; a vetoed pair below merge_at is not.
func TestIndexFlagsVetoedPair(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	x := NewIndex(m, 0)
	home := func(id crm.ID, first, email string) *crm.Lead {
		return lead(id, "first_name", first, "last_name", "Meier", "email", email, "phone", "+49891234567",
			"street", "Lindenstraße 7", "postal_code", "80331", "city", "München", "country", "DE")
	}
	for _, l := range []*crm.Lead{
		home(1, "Hans", "hans.meier@gmx.de"),
		// A namesake in the same street block: weak, not vetoed.
		lead(2, "first_name", "E.", "last_name", "Meyer", "postal_code", "80331", "country", "DE", "street", "Lindenstraße 9", "phone", "+49897654321"),
	} {
		x.PutLead(l)
	}
	row := m.Record(home(3, "Eva", "eva.meier@web.de"))
	weak := x.records[2].unpack(0)
	if s, v := m.Score(&row, &weak); v != "" || s >= m.cfg.ReviewAt || !slices.ContainsFunc(m.BlockKeys(&row), func(k uint64) bool { return slices.Contains(m.BlockKeys(&weak), k) }) {
		t.Fatalf("test data: the namesake scores %.1f, veto %q", s, v)
	}
	best, ok := x.Best(&row, m.BlockKeys(&row))
	if !ok || best.ID != 1 || best.Veto != VetoFirstName || best.Score < m.cfg.MergeAt || m.Decide(best, ok) != Review {
		t.Errorf("best %+v, decision %d: want lead 1 vetoed by the first_name guard, flagged", best, m.Decide(best, ok))
	}
	// Below merge_at a vetoed pair is left alone.
	if d := m.Decide(Result{ID: 1, Score: m.cfg.MergeAt - 1, Veto: VetoFirstName}, true); d != New {
		t.Errorf("vetoed below merge_at: decision %d, want New", d)
	}
}

// TestGenerationSameRank: "John Walker II" and "John Walker Jr." with one
// Gmail address are one man whose suffix a clerk wrote two ways; without
// it they are flagged, and "Sr." and "Jr." stay father and son whatever
// they share (realistic63).
func TestGenerationSameRank(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	walker := func(id crm.ID, last, email string) *crm.Lead {
		return lead(id, "first_name", "John", "last_name", last, "email", email, "city", "Nashville",
			"street", "410 Elm Street", "postal_code", "37203")
	}
	tests := []struct {
		a, b, ea, eb string
		want         Decision
	}{
		{"Walker II", "Walker Jr.", "jwalker2.law@gmail.com", "jwalker2.law@gmail.com", Merge},
		{"Walker II", "Walker Jr.", "jwalker2.law@gmail.com", "", Review},
		{"Walker Sr.", "Walker Jr.", "jwalker2.law@gmail.com", "jwalker2.law@gmail.com", Review},
	}
	for _, tt := range tests {
		a, b := m.Record(walker(1, tt.a, tt.ea)), m.Record(walker(2, tt.b, tt.eb))
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want {
			t.Errorf("%s %s / %s %s: %s, want %s\n%s", tt.a, tt.ea, tt.b, tt.eb, decisionNames[got], decisionNames[tt.want], res)
		}
	}
}

// TestSurnameFormsWithInitial: "J. Kowalski" and "Joanna Kowalska" on one
// firm's number and postal code merged at 14.5 (realistic63): the
// surname's two forms say a man and a woman, and the initial cannot say
// otherwise. They are flagged (last_name guard) unless her own address or
// mobile shows the -ski was a clerk's slip.
func TestSurnameFormsWithInitial(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	tests := []struct {
		extra []string
		want  Decision
	}{
		{nil, Review},
		{[]string{"email", "joanna.kowalska@kowalski-okna.pl"}, Merge},
		{[]string{"mobile", "+48601558231"}, Merge},
	}
	for _, tt := range tests {
		a := m.Record(lead(1, "first_name", "Joanna", "last_name", "Kowalska", "company", "Kowalski Okna",
			"phone", "+48618472000", "postal_code", "60-185", "email", "joanna.kowalska@kowalski-okna.pl", "mobile", "+48601558231"))
		b := m.Record(lead(2, append([]string{"first_name", "J.", "last_name", "Kowalski", "company", "Kowalski Okna",
			"phone", "+48618472000", "postal_code", "60-185"}, tt.extra...)...))
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want {
			t.Errorf("J. Kowalski %q: %s, want %s\n%s", tt.extra, decisionNames[got], decisionNames[tt.want], res)
		}
	}
}
