package dedupe

import (
	"slices"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

func TestClearlyDifferent(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		// Two given names.
		{"Werner", "Sabine", true},
		{"Hans", "Eva", true},
		{"Thomas", "Tobias", true}, // three edits, Jaro-Winkler 0.80
		{"Maria", "Karl", true},
		{"Thomas", "Maria", true},
		{"Eva", "Ina", true}, // two edits in three letters
		{"Emma", "Emily", true},
		{"Jürgen", "Jörg", true},
		{"W.", "Sabine", true}, // an initial of another name
		{"W.", "S.", true},
		// One name: initials, umlaut spellings, short forms, nicknames.
		{"J.", "Jürgen", false},
		{"H.-P.", "Hans", false},
		{"H. P.", "Peter", false},
		{"W.", "W.", false},
		{"Juergen", "Jürgen", false},
		{"Alex", "Alexander", false},
		{"Max", "Maximilian", false},
		{"Hannes", "Johannes", false},
		{"Lena", "Magdalena", false},
		{"Klaus", "Nikolaus", false},
		{"Bill", "William", false},
		{"Bob", "Robert", false},
		{"Kasia", "Katarzyna", false},
		{"Gosia", "Małgorzata", false},
		{"Sepp", "Josef", false},
		{"Lisa", "Elisabeth", false},
		{"Hans-Peter", "Peter", false},
		{"Anna Maria", "Maria", false},
		// Typos, one or two, and the typing accidents of the linkage sets.
		{"Jörg", "Jbg", false},
		{"Jas", "James", false},
		{"Sabine", "Sabina", false},
		{"Kiirk", "Kirk", false},
		{"Alexandra", "Alexnadrq", false},
		// Missing is no disagreement.
		{"", "Sabine", false},
	}
	for _, tt := range tests {
		if got := clearlyDifferent(key(tt.a), key(tt.b)); got != tt.want {
			t.Errorf("clearlyDifferent(%q, %q) = %t, want %t", tt.a, tt.b, got, tt.want)
		}
		if got := clearlyDifferent(key(tt.b), key(tt.a)); got != tt.want {
			t.Errorf("clearlyDifferent(%q, %q) = %t, want %t", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestFirstNameGuard: two people of one family, household or firm share a
// last name, phone, address and company; their given names tell them
// apart, unless something of the person's own (the same e-mail address, a
// configured field) agrees as well.
func TestFirstNameGuard(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	firm := func(id crm.ID, first string, kv ...string) *crm.Lead {
		return lead(id, append([]string{"first_name", first, "last_name", "Brandt", "company", "Brandt Elektrotechnik GmbH",
			"phone", "+49231556670", "street", "Hafenweg 3", "postal_code", "44147", "city", "Dortmund", "country", "DE"}, kv...)...)
	}
	home := func(id crm.ID, first, email string) *crm.Lead {
		return lead(id, "first_name", first, "last_name", "Meier", "email", email, "phone", "+49891234567",
			"street", "Lindenstraße 7", "postal_code", "80331", "city", "München", "country", "DE")
	}
	tests := []struct {
		name string
		a, b *crm.Lead
		want Decision
		veto bool
	}{
		{"managing director and book-keeper", firm(1, "Werner"), firm(2, "Sabine"), Review, true},
		{"colleagues on the switchboard", firm(1, "Thomas"), firm(2, "Tobias"), Review, true},
		{"colleagues, another pair", firm(1, "Maria"), firm(2, "Karl"), Review, true},
		{"household, two freemail addresses", home(1, "Hans", "hans.meier@gmx.de"), home(2, "Eva", "eva.meier@web.de"), Review, true},
		{"household without e-mail", home(1, "Hans", ""), home(2, "Eva", ""), Review, true},
		{"initial", firm(1, "Werner"), firm(2, "W."), Merge, false},
		{"another initial", firm(1, "Sabine"), firm(2, "W."), Review, true},
		{"umlaut spelled out", firm(1, "Jürgen"), firm(2, "Juergen"), Merge, false},
		{"nickname", firm(1, "Wilhelm"), firm(2, "Willi"), Merge, false},
		{"typo", firm(1, "Sabine"), firm(2, "Sabien"), Merge, false},
		{"same personal address", home(1, "Hans", "hans.meier@gmx.de"), home(2, "Johann-Georg", "hans.meier@gmx.de"), Merge, false},
		{"a shared role address is no person's", firm(1, "Werner", "email", "info@brandt-elektro.de"),
			firm(2, "Sabine", "email", "info@brandt-elektro.de"), Review, true},
	}
	for _, tt := range tests {
		a, b := m.Record(tt.a), m.Record(tt.b)
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want || (res.Veto == VetoFirstName) != tt.veto {
			t.Errorf("%s: decision %d veto %q, want %d veto %t\n%s", tt.name, got, res.Veto, tt.want, tt.veto, res)
		}
		if tt.veto && !strings.Contains(res.String(), "(another name)") {
			t.Errorf("%s: the explanation does not say the first names are two names:\n%s", tt.name, res)
		}
	}

	// A configured comparison that agrees is the person's own evidence.
	cfg, err := Load([]byte("dedupe:\n  compare:\n    - {name: birth_date, field: Geburtsdatum, method: date, agree: 6, disagree: -4}\n"), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mc := NewMatcher(cfg)
	a, b := mc.Record(firm(1, "Werner", "Geburtsdatum", "1961-04-12")), mc.Record(firm(2, "Sabine", "Geburtsdatum", "1961-04-12"))
	if res := mc.Explain(&b, &a); res.Veto != "" || mc.Decide(res, true) != Merge {
		t.Errorf("same birth date: %s", res)
	}
	b = mc.Record(firm(2, "Sabine", "Geburtsdatum", "1964-09-30"))
	if res := mc.Explain(&b, &a); res.Veto != VetoFirstName {
		t.Errorf("other birth date: %s", res)
	}

	// Switched off, the shared facts merge as before.
	cfg, err = Load([]byte("dedupe:\n  guards: {first_name: false}\n"), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	off := NewMatcher(cfg)
	a, b = off.Record(firm(1, "Werner")), off.Record(firm(2, "Sabine"))
	if res := off.Explain(&b, &a); res.Veto != "" || off.Decide(res, true) != Merge {
		t.Errorf("guard off: %s", res)
	}
}

// TestFirstNameGuardEarlierState: the first_name guard's veto on a lead as
// it is leaves its earlier states to compare, one of which may share the
// row's e-mail address (other guards' vetoes stand: TestIndexEarlierState).
func TestFirstNameGuardEarlierState(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	l := lead(1, "first_name", "Ivy", "last_name", "Lee", "email", "ivy.lee@carson-williams.info", "city", "Liverpool")
	first := m.Record(l)
	mergeInto(l, lead(0, "email", "ivy.llee@carson-williams.info"), 1)
	x := NewIndex(m, 2)
	x.PutLead(l)

	row := m.Record(lead(2, "first_name", "Yi", "last_name", "Lee", "email", "ivy.lee@carson-williams.info", "city", "Liverpool"))
	cur := m.Record(l)
	if _, veto := m.Score(&row, &cur); veto != VetoFirstName {
		t.Fatalf("test data: the lead as it is is not vetoed: %s", m.Explain(&row, &cur))
	}
	was, _ := m.Score(&row, &first)
	best, ok := x.Best(&row, m.BlockKeys(&row))
	if !ok || best.Veto != "" || best.Earlier != 1 || best.Score != was || m.Decide(best, ok) != Merge {
		t.Errorf("best %+v, want lead 1 at %.1f from its earlier state 1", best, was)
	}
	if e := m.ExplainLead(&row, l, -1); e.Veto != "" || e.Score != was || e.Earlier != 1 {
		t.Errorf("ExplainLead: score %.2f veto %q from state %d, want %.2f from 1", e.Score, e.Veto, e.Earlier, was)
	}
}

// TestSwitchboardPhone: a firm's central number, written with the
// extension 0, is shared by its whole staff: two people's records that
// share only it are close on the phone (weight 0 by default), not
// agreeing. An organisation's records, a direct number or a shared mobile
// agree as before.
func TestSwitchboardPhone(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	person := func(id crm.ID, first, raw string, kv ...string) *crm.Lead {
		l := lead(id, append([]string{"first_name", first, "last_name", "Schröder", "company", "Schröder Haustechnik GmbH",
			"phone", "+49541809900", "street", "Hansastraße 40", "postal_code", "49076", "country", "DE"}, kv...)...)
		l.Raw = crm.RawFromMap(map[string]string{"phone": raw})
		return l
	}
	org := func(id crm.ID, raw string) *crm.Lead {
		l := lead(id, "company", "Schröder Haustechnik GmbH", "phone", "+49541809900", "street", "Hansastraße 40", "postal_code", "49076", "country", "DE")
		l.Raw = crm.RawFromMap(map[string]string{"phone": raw})
		return l
	}
	tests := []struct {
		name  string
		a, b  *crm.Lead
		level Level
		want  Decision
	}{
		{"near first names on the switchboard", person(1, "Jens", "0541 80990-0"), person(2, "Jan", "0541 80990-0"), Close, Review},
		{"one side written as the switchboard", person(1, "Jens", "0541 80990-0"), person(2, "Jan", "+49 541 809900"), Close, Review},
		{"one person on the switchboard", person(1, "Jens", "0541 80990-0"), person(2, "J.", "0541 80990-0"), Close, Merge},
		{"a direct number", person(1, "Jens", "0541 809900"), person(2, "J.", "0541 809900"), Agree, Merge},
		{"a shared mobile beside it", person(1, "Jens", "0541 80990-0", "mobile", "+491701234567"),
			person(2, "Jan", "0541 80990-0", "mobile", "+491701234567"), Agree, Merge},
		{"an organisation's records", org(1, "0541 80990-0"), org(2, "0541 80990-0"), Agree, Merge},
	}
	for _, tt := range tests {
		a, b := m.Record(tt.a), m.Record(tt.b)
		// The index keeps the flag.
		x := NewIndex(m, 2)
		x.Put(a, m.BlockKeys(&a))
		if got, _ := x.Record(a.ID); got.Switchboard != a.Switchboard {
			t.Errorf("%s: the index lost the switchboard flag", tt.name)
		}
		res := m.Explain(&b, &a)
		i := slices.IndexFunc(res.Fields, func(f FieldScore) bool { return f.Name == CmpPhone })
		if i < 0 {
			t.Fatalf("%s: no phone comparison in\n%s", tt.name, res)
		}
		if res.Fields[i].Level != tt.level || m.Decide(res, true) != tt.want {
			t.Errorf("%s: phone %s, decision %d, want %s and %d\n%s", tt.name, res.Fields[i].Level, m.Decide(res, true), tt.level, tt.want, res)
		}
	}
}

// TestNamedForOne: an address two records with two given names share is
// evidence of one person only when it names neither of them nor only
// their family; a mangled copy of one name (same initial, or the same
// letters) or names swapped on one side are no two given names.
func TestNamedForOne(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	tests := []struct {
		email        string
		first, other []string // first, last name of each record
		want         bool
	}{
		{"mike.doyle@gmail.com", []string{"Mike", "Doyle"}, []string{"Karen", "Doyle"}, true},
		{"smithfamily@btinternet.com", []string{"Paul", "Smith"}, []string{"Helen", "Smith"}, true},
		{"thejohnsons@comcast.net", []string{"Mark", "Johnson"}, []string{"Linda", "Johnson"}, true},
		{"p.smith@gmail.com", []string{"Paul", "Smith"}, []string{"Petra", "Smith"}, true},
		{"annaundtom@web.de", []string{"Anna", "Berg"}, []string{"Tom", "Berg"}, true},
		{"tiger77@gmail.com", []string{"Mike", "Doyle"}, []string{"Karen", "Doyle"}, false},
		{"miller.jessica280@example.com", []string{"Jessica", "Miller"}, []string{"Jegisoa", "Miller"}, false},
		{"ivy.lee@example.info", []string{"Ivy", "Lee"}, []string{"Yi", "Lee"}, false},
		{"jessica.miller@example.com", []string{"Jessica", "Miller"}, []string{"Assicj", "Miller"}, false},
		{"c.scott@example.com", []string{"Caleb", "Scott"}, []string{"Scott", "Caleb"}, false},
	}
	for _, tt := range tests {
		a := m.Record(lead(1, "first_name", tt.first[0], "last_name", tt.first[1]))
		b := m.Record(lead(2, "first_name", tt.other[0], "last_name", tt.other[1]))
		if got := namedForOne(tt.email, &a, &b); got != tt.want {
			t.Errorf("namedForOne(%s, %v, %v) = %t, want %t", tt.email, tt.first, tt.other, got, tt.want)
		}
	}
	// Karen Doyle registered with her husband's address: the guard holds.
	a := m.Record(lead(1, "first_name", "Mike", "last_name", "Doyle", "email", "mike.doyle@gmail.com", "city", "Cork"))
	b := m.Record(lead(2, "first_name", "Karen", "last_name", "Doyle", "email", "mike.doyle@gmail.com", "city", "Cork"))
	if res := m.Explain(&b, &a); res.Veto != VetoFirstName {
		t.Errorf("Karen with mike.doyle@: %s", res)
	}
}

// TestLastNameGuard: two last names (not a typo, a double name's part or
// swapped names) keep a pair with one first name from merging on what a
// firm's colleagues or a successor share; the pair is flagged from
// review_at on. The same personal address lifts it, as does a configured
// comparison, and the guard can be switched off.
func TestLastNameGuard(t *testing.T) {
	checkPairs(t, "surnamesDiffer", surnamesDiffer, []pairCase{
		{"wrona", "pietrzak", true},
		{"kjaer", "kjeldsen", true},
		{"morrison", "moreoin", false}, // a typo
		{"schmidt", "muller schmidt", false},
		{"kowalski", "kowalska", false},
		{"w", "wagner", false},
		{"lee", "le", false},
	})
	m := NewMatcher(DefaultConfig())
	firm := func(id crm.ID, last string, more ...string) *crm.Lead {
		return lead(id, append([]string{"first_name", "Marcin", "last_name", last, "company", "Wrona Transport Sp. z o.o.",
			"mobile", "+48 601 234 567", "postal_code", "00-950", "city", "Warszawa", "country", "PL"}, more...)...)
	}
	a, b := m.Record(firm(1, "Wrona")), m.Record(firm(2, "Pietrzak"))
	res := m.Explain(&b, &a)
	if res.Veto != VetoLastName || res.Score < DefaultMergeAt || m.Decide(res, true) != Review {
		t.Errorf("the successor with the company mobile: %s, decision %s", res, decisionNames[m.Decide(res, true)])
	}
	// Her own address, named after her maiden name: one woman.
	a = m.Record(lead(1, "first_name", "Emma", "last_name", "Wilson", "email", "emmawilson87@gmail.com", "city", "Norwich"))
	b = m.Record(lead(2, "first_name", "Emma", "last_name", "Clarke", "email", "emmawilson87@gmail.com", "city", "Norwich"))
	if res := m.Explain(&b, &a); res.Veto != "" || m.Decide(res, true) != Merge {
		t.Errorf("her own address: %s", res)
	}
	cfg, err := Load([]byte("dedupe:\n  guards: {last_name: false}\n"), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	off := NewMatcher(cfg)
	a, b = off.Record(firm(1, "Wrona")), off.Record(firm(2, "Pietrzak"))
	if res := off.Explain(&b, &a); res.Veto != "" || off.Decide(res, true) != Merge {
		t.Errorf("guard off: %s", res)
	}
}

// TestCompanyGuard: one mobile at two employers is flagged, not merged;
// the same personal address merges; switched off, the mobile merges.
func TestCompanyGuard(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	at := func(id crm.ID, company, email string) *crm.Lead {
		return lead(id, "first_name", "Thomas", "last_name", "Wagner", "company", company, "email", email, "mobile", "+49 171 5556677", "country", "DE")
	}
	a, b := m.Record(at(1, "Robert Bosch GmbH", "thomas.wagner@de.bosch.com")), m.Record(at(2, "Continental AG", "thomas.wagner@continental.com"))
	if res := m.Explain(&b, &a); res.Veto != VetoOtherEmployer || m.Decide(res, true) != Review {
		t.Errorf("one mobile at two employers: %s", res)
	}
	a, b = m.Record(at(1, "Robert Bosch GmbH", "t.wagner@gmail.com")), m.Record(at(2, "Continental AG", "t.wagner@gmail.com"))
	if res := m.Explain(&b, &a); res.Veto != "" || m.Decide(res, true) != Merge {
		t.Errorf("his own address at two employers: %s", res)
	}
	// Two given names at two companies on one (home) phone: the
	// first_name guard's two people, not the company guard's doubt, so
	// not flagged below merge_at.
	a = m.Record(lead(1, "first_name", "Werner", "last_name", "Brandt", "company", "Robert Bosch GmbH", "phone", "+49 711 4455667", "country", "DE"))
	b = m.Record(lead(2, "first_name", "Sabine", "last_name", "Brandt", "company", "Continental AG", "phone", "+49 711 4455667", "country", "DE"))
	if res := m.Explain(&b, &a); res.Veto != VetoFirstName || res.Score >= m.cfg.MergeAt || m.Decide(res, true) != New {
		t.Errorf("two given names at two companies: %s, decision %s", res, decisionNames[m.Decide(res, true)])
	}
	cfg, err := Load([]byte("dedupe:\n  guards: {company: false}\n"), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	off := NewMatcher(cfg)
	a, b = off.Record(at(1, "Robert Bosch GmbH", "thomas.wagner@de.bosch.com")), off.Record(at(2, "Continental AG", "thomas.wagner@continental.com"))
	if res := off.Explain(&b, &a); res.Veto != "" {
		t.Errorf("guard off: %s", res)
	}
}

// TestTwoMobilesAtHome: one name twice at one house, one landline, two
// mobiles is flagged; one mobile, or one personal address, merges.
func TestTwoMobilesAtHome(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	home := func(id crm.ID, mobile, email string) *crm.Lead {
		return lead(id, "first_name", "Brian", "last_name", "O'Neill", "street", "14 Oak Park Road", "postal_code", "D06 F2X3",
			"city", "Dublin", "country", "IE", "phone", "+353 1 496 0142", "mobile", mobile, "email", email)
	}
	for _, tt := range []struct {
		ma, mb, ea, eb string
		want           Decision
	}{
		{"+353 87 123 4567", "+353 86 765 4321", "", "", Review},
		{"+353 87 123 4567", "+353 87 123 4567", "", "", Merge},
		{"+353 87 123 4567", "+353 86 765 4321", "brian.oneill@eircom.net", "brian.oneill@eircom.net", Merge},
	} {
		a, b := m.Record(home(1, tt.ma, tt.ea)), m.Record(home(2, tt.mb, tt.eb))
		res := m.Explain(&b, &a)
		if got := m.Decide(res, true); got != tt.want {
			t.Errorf("mobiles %s/%s, e-mail %q: %s, want %s\n%s", tt.ma, tt.mb, tt.ea, decisionNames[got], decisionNames[tt.want], res)
		}
	}
}

// TestIndexFlagsReviewVeto: a candidate whose veto flags from review_at on
// (reviewVeto) is flagged by the index as Decide flags it alone, whatever
// weak candidate no guard vetoes (the new employer's own record) or
// vetoed one that is not flagged stands beside it.
func TestIndexFlagsReviewVeto(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	// T. Wagner at Bosch and Thomas Wagner at Continental, one mobile: a
	// job change, flagged below merge_at.
	bosch := m.Record(lead(1, "first_name", "T.", "last_name", "Wagner", "company", "Robert Bosch GmbH", "email", "t.wagner@de.bosch.com",
		"mobile", "+49 171 5556677", "postal_code", "70469", "country", "DE"))
	row := m.Record(lead(9, "first_name", "Thomas", "last_name", "Wagner", "company", "Continental AG", "email", "thomas.wagner@continental.com",
		"mobile", "+49 171 5556677", "street", "Vahrenwalder Str. 9", "postal_code", "30165", "country", "DE"))
	res := m.Explain(&row, &bosch)
	if res.Veto != VetoOtherEmployer || res.Score >= m.cfg.MergeAt || m.Decide(res, true) != Review {
		t.Fatalf("test data: the job change is not a flagged review below merge_at:\n%s", res)
	}
	// Continental's own record: weak, no veto.
	org := m.Record(lead(2, "company", "Continental AG", "phone", "+49 511 93801", "postal_code", "30165", "country", "DE"))
	// A colleague at Continental with another given name: vetoed below
	// merge_at by the first_name guard (not flagged), scoring higher.
	colleague := m.Record(lead(3, "first_name", "Klaus", "last_name", "Wagner", "company", "Continental AG",
		"street", "Vahrenwalder Str. 9", "postal_code", "30165", "country", "DE"))
	if s, v := m.Score(&row, &org); v != "" || s >= m.cfg.ReviewAt {
		t.Fatalf("test data: the firm's record scores %.1f, veto %q", s, v)
	}
	if s, v := m.Score(&row, &colleague); v != VetoFirstName || s <= res.Score || s >= m.cfg.MergeAt {
		t.Fatalf("test data: the colleague scores %.1f, veto %q", s, v)
	}
	for _, tt := range []struct {
		name  string
		other Record
	}{
		{"beside the firm's record", org},
		{"beside a colleague of another name", colleague},
	} {
		x := NewIndex(m, 4)
		x.Put(bosch, m.BlockKeys(&bosch))
		x.Put(tt.other, m.BlockKeys(&tt.other))
		best, ok := x.Best(&row, m.BlockKeys(&row))
		if !ok || best.ID != 1 || best.Veto != VetoOtherEmployer || m.Decide(best, ok) != Review {
			t.Errorf("%s: best %+v, decision %s; want lead 1, flagged by the company guard", tt.name, best, decisionNames[m.Decide(best, ok)])
		}
	}
}

// TestLastNameGuardWithoutFirstNameComparison: the last_name guard holds
// when the first_name comparison is switched off (the last names are then
// compared without the crosswise view).
func TestLastNameGuardWithoutFirstNameComparison(t *testing.T) {
	cfg, err := Load([]byte("dedupe:\n  compare:\n    - {name: first_name, method: off}\n"), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(cfg)
	firm := func(id crm.ID, last string) *crm.Lead {
		return lead(id, "first_name", "Marcin", "last_name", last, "company", "Wrona Transport Sp. z o.o.",
			"mobile", "+48 601 234 567", "postal_code", "00-950", "city", "Warszawa", "country", "PL")
	}
	a, b := m.Record(firm(1, "Wrona")), m.Record(firm(2, "Pietrzak"))
	if res := m.Explain(&b, &a); res.Veto != VetoLastName || m.Decide(res, true) != Review {
		t.Errorf("the successor with the company mobile, first_name off: %s, decision %s", res, decisionNames[m.Decide(res, true)])
	}
}

// TestOtherMiddleName: one given name with two middle names or initials
// is two people ("John A. Smith" and "John B. Smith" on one bank's main
// number, helper-63's judgement set); a middle name on one side only, or
// a middle name and its initial, is one.
func TestOtherMiddleName(t *testing.T) {
	tests := []struct {
		a, b string
		want Level
		diff bool
	}{
		{"John A.", "John B.", Disagree, true},
		{"Karl-Heinz", "Karl-Josef", Disagree, true},
		{"Mary Ann", "Mary Beth", Disagree, true},
		{"John A.", "John", Close, false},
		{"John A.", "John Alan", Close, false},
		{"Anna M.", "Anna Maria", Close, false},
		{"Hans-Peter", "Hans Peter", Agree, false},
		{"Krzysztof Jan", "Krzysztof", Close, false},
		{"María del Carmen", "María Carmen", Close, false},
		{"María del Carmen", "María Dolores", Disagree, true},
	}
	for _, tt := range tests {
		for _, ab := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
			r := firstNameCmp(key(ab[0]), key(ab[1]), 0.9)
			if r.lv != tt.want || r.different != tt.diff {
				t.Errorf("firstNameCmp(%q, %q) = %s (different %t, %q), want %s (different %t)", ab[0], ab[1], r.lv, r.different, r.note, tt.want, tt.diff)
			}
		}
	}

	// On one bank's main number, two middle initials are two men: the
	// first_name guard keeps them apart.
	m := NewMatcher(DefaultConfig())
	a := m.Record(lead(1, "first_name", "John A.", "last_name", "Smith", "company", "Wells Fargo", "phone", "+14153967392", "postal_code", "94104"))
	b := m.Record(lead(2, "first_name", "John B.", "last_name", "Smith", "company", "Wells Fargo", "phone", "+14153967392", "postal_code", "94104"))
	if res := m.Explain(&a, &b); res.Veto != VetoFirstName || m.Decide(res, true) == Merge {
		t.Errorf("John A. and John B. Smith: veto %q, decision %s, want the first_name guard's veto\n%s", res.Veto, decisionNames[m.Decide(res, true)], res)
	}
}
