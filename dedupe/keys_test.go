package dedupe

import (
	"slices"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

func TestExactKeys(t *testing.T) {
	base := crm.Lead{Email: "j.mueller@mueller.de", Phone: "+495111234567", FirstName: "Jürgen", LastName: "Müller", CompanyKey: "muller maschinenbau", PostalCode: "30159", Country: "DE"}
	tests := []struct {
		name  string
		a, b  func(l *crm.Lead)
		kinds []KeyKind // kinds that must agree between a and b
		apart []KeyKind // kinds that must differ
	}{
		{name: "same lead", kinds: []KeyKind{KeyEmail, KeyPhoneLast, KeyNameCompany}},
		{name: "umlaut spelled out", b: func(l *crm.Lead) { l.LastName, l.FirstName = "Mueller", "Juergen" }, kinds: []KeyKind{KeyEmail, KeyPhoneLast, KeyNameCompany}},
		{name: "other town", b: func(l *crm.Lead) { l.PostalCode = "80331" }, kinds: []KeyKind{KeyEmail, KeyPhoneLast}, apart: []KeyKind{KeyNameCompany}},
		{name: "other last name", b: func(l *crm.Lead) { l.LastName = "Schmidt" }, kinds: []KeyKind{KeyEmail}, apart: []KeyKind{KeyPhoneLast, KeyNameCompany}},
		{name: "city when no postal code", a: func(l *crm.Lead) { l.PostalCode, l.City = "", "Hannover" }, b: func(l *crm.Lead) { l.PostalCode, l.City = "", "Hannover" }, kinds: []KeyKind{KeyNameCompany}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := base, base
			if tt.a != nil {
				tt.a(&a)
			}
			if tt.b != nil {
				tt.b(&b)
			}
			ka, kb := byKind(ExactKeys(&a)), byKind(ExactKeys(&b))
			for _, k := range tt.kinds {
				if ka[k] == 0 || ka[k] != kb[k] {
					t.Errorf("%v: keys %x and %x should agree", k, ka[k], kb[k])
				}
			}
			for _, k := range tt.apart {
				if ka[k] == kb[k] {
					t.Errorf("%v: keys should differ", k)
				}
			}
		})
	}
}

func TestExactKeysNeedTheirParts(t *testing.T) {
	if k := ExactKeys(&crm.Lead{Phone: "+4930123456"}); len(k) != 0 {
		t.Errorf("phone without last name gave keys %v", k)
	}
	if k := ExactKeys(&crm.Lead{FirstName: "Anna", LastName: "Nowak"}); len(k) != 0 {
		t.Errorf("name without company gave keys %v", k)
	}
	if k := ExactKeys(&crm.Lead{Email: "a@b.pl"}); len(k) != 1 || k[0].Kind != KeyEmail {
		t.Errorf("e-mail only gave keys %v", k)
	}
}

// TestHashStable pins the hash (FNV-1a 64 of "e", 0, "a@b.de", checked
// independently): the store keeps these values, so a change
// would make every stored lead unmatchable.
func TestHashStable(t *testing.T) {
	if got, want := hash(KeyEmail, "a@b.de"), uint64(0x2ead5eccb4c4df0a); got != want {
		t.Fatalf("hash changed: %#x, was %#x", got, want)
	}
}

func byKind(keys []Key) map[KeyKind]uint64 {
	m := map[KeyKind]uint64{}
	for _, k := range keys {
		if _, ok := m[k.Kind]; !ok {
			m[k.Kind] = k.Hash
		}
	}
	return m
}

func FuzzExactKeys(f *testing.F) {
	f.Add("a@b.de", "+4930123", "Jürgen", "Müller", "muller", "30159", "")
	f.Fuzz(func(t *testing.T, email, phone, first, last, company, postal, city string) {
		l := &crm.Lead{Email: email, Phone: phone, FirstName: first, LastName: last, CompanyKey: company, PostalCode: postal, City: city}
		k1, k2 := ExactKeys(l), ExactKeys(l)
		if len(k1) != len(k2) {
			t.Fatal("keys not deterministic")
		}
		for i := range k1 {
			if k1[i] != k2[i] {
				t.Fatal("keys not deterministic")
			}
		}
	})
}

// TestKeyHashStable pins key hashes: the store keeps them, so a change
// would make every stored lead unreachable by its exact keys. The values
// are FNV-1a computed independently (kind, then each part after a 0 byte).
func TestKeyHashStable(t *testing.T) {
	if got := hash(KeyEmail, "anna@example.de"); got != 10146032846380640705 {
		t.Errorf("e-mail key hash %d", got)
	}
	if got := hash(KeyNameCompany, "jurgen", "muller", "muller bau", "DE80331"); got != 4350149481061738456 {
		t.Errorf("name+company key hash %d", got)
	}
}

// TestNameCompanyHash: the key hashed without building the place string
// is the hash of the parts with it, with a postal code, a town or neither.
func TestNameCompanyHash(t *testing.T) {
	for _, l := range []*crm.Lead{
		{FirstName: "Jürgen", LastName: "Müller", CompanyKey: "muller bau", Country: "DE", PostalCode: "80331"},
		{FirstName: "Jürgen", LastName: "Müller", CompanyKey: "muller bau", Country: "DE", City: "München"},
		{FirstName: "Anna", LastName: "Nowak", CompanyKey: "nowak", City: "Łódź"},
		{FirstName: "Anna", LastName: "Nowak", CompanyKey: "nowak"},
		{FirstName: "Anna", LastName: "Nowak", CompanyKey: "nowak", Country: "PL"},
	} {
		last := normalize.FoldUmlaut(l.LastName)
		want := hash(KeyNameCompany, normalize.FoldUmlaut(l.FirstName), last, l.CompanyKey, placeRef(l))
		if got := nameCompanyHash(l, last); got != want {
			t.Errorf("%+v: %d, want %d", l, got, want)
		}
	}
}

// placeRef is the place string nameCompanyHash hashes in two halves.
func placeRef(l *crm.Lead) string {
	if l.PostalCode != "" {
		return l.Country + l.PostalCode
	}
	if l.City != "" {
		return l.Country + normalize.FoldUmlaut(l.City)
	}
	return ""
}

// TestOtherAddressVeto: an exact e-mail key that one of two leads holds
// only among its other addresses (an assistant's, shared by two bosses of
// the same first name at two firms) merges no two last names; the
// person's own address, a key of their name, or a last name spelled
// another way does.
func TestOtherAddressVeto(t *testing.T) {
	boss := func(id crm.ID, last, email string) *crm.Lead {
		l := lead(id, "first_name", "Thomas", "last_name", last, "email", email, "E-mail 2 Address", "sabine.hofmann@buero-hofmann.de")
		l.EmailFields = []string{"E-mail 2 Address"}
		return l
	}
	schmidt, weber := boss(1, "Schmidt", "thomas@schmidt-bau.de"), boss(2, "Weber", "t.weber@weber-logistik.de")
	shared := Key{KeyEmail, hash(KeyEmail, "sabine.hofmann@buero-hofmann.de")}
	if !slices.Contains(ExactKeys(schmidt), shared) || !slices.Contains(ExactKeys(weber), shared) {
		t.Fatal("the shared other address is no key of both")
	}
	if v := OtherAddressVeto(weber, schmidt, shared); v != VetoOtherAddress {
		t.Errorf("two bosses sharing an assistant's address: veto %q, want %q", v, VetoOtherAddress)
	}
	// The assistant's own row, by her address: another last name too.
	sabine := lead(3, "last_name", "Hofmann", "email", "sabine.hofmann@buero-hofmann.de")
	if v := OtherAddressVeto(sabine, schmidt, shared); v != VetoOtherAddress {
		t.Errorf("the assistant's row: veto %q", v)
	}
	// One person: the same last name, another spelling, or none.
	for _, last := range []string{"Schmidt", "Schmitt", ""} {
		if v := OtherAddressVeto(lead(4, "first_name", "Thomas", "last_name", last, "email", "sabine.hofmann@buero-hofmann.de"), schmidt, shared); v != "" {
			t.Errorf("last name %q: veto %q", last, v)
		}
	}
	// Both leads' own address, or another key kind: no concern of it.
	own := Key{KeyEmail, hash(KeyEmail, "thomas@schmidt-bau.de")}
	if v := OtherAddressVeto(lead(5, "last_name", "Schmidt-Weber", "email", "thomas@schmidt-bau.de"), schmidt, own); v != "" {
		t.Errorf("own address: veto %q", v)
	}
	if v := OtherAddressVeto(weber, schmidt, Key{KeyPhoneLast, shared.Hash}); v != "" {
		t.Errorf("phone key: veto %q", v)
	}
}
