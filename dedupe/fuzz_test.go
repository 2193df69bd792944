package dedupe

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// FuzzMatch compares two leads built from arbitrary values: no panic;
// Explain gives Score's sum (rounded to two decimals) and veto, and its
// weights add up to it; blocking keys are sorted and unique; a record
// compared with itself is never vetoed; and the index gives back the
// record it was given. Score is not symmetric (a role address, the
// crosswise name view), so that is not asserted.
// Run: go test ./dedupe -run '^$' -fuzz FuzzMatch -fuzztime 60s
func FuzzMatch(f *testing.F) {
	type side struct{ first, last, company, email, phone, street, postal, city string }
	seeds := [][2]side{
		{
			{"Jürgen", "Müller", "Müller GmbH", "juergen.mueller@mueller-gmbh.de", "+49301234567", "Hauptstraße 5", "10115", "Berlin"},
			{"J.", "Mueller", "MUELLER GMBH & CO. KG", "Juergen.Mueller@Mueller-GmbH.de", "", "Hauptstr. 5", "10115", ""},
		},
		{
			{"MÜLLER", "JÜRGEN", "Müller", "juergen.mueller@gmx.de", "", "Hauptstraße 5", "10115", "Berlin"},
			{"Jürgen", "Müller", "", "", "", "", "", "Berlin"},
		},
		{
			{"Łukasz", "Wiśniewski", "Kowalski Sp. z o.o.", "l.wisniewski@kowalski.pl", "+48221234567", "ul. Długa 5", "00-238", "Warszawa"},
			{"Lukasz", "Wisniewski", "KOWALSKI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "", "+48221234567", "Długa 5", "00-238", "Warszawa"},
		},
		{
			{"Małgorzata", "Wójcik-Żółć", "Wójcik S.A.", "info@wojcik.pl", "", "", "", "Kraków"},
			{"Malgorzata", "Wojcik", "", "info@wojcik.pl", "", "", "", "Krakow"},
		},
		{
			{"Anna Maria", "Strauß", "Bäckerei Schulz", "anna@schulz.de", "", "Schillerstraße 12", "80331", "München"},
			{"Anna", "Strauss", "Baeckerei Schulz", "anna.strauss@schulz.de", "", "Schillerstr. 12", "80331", "Muenchen"},
		},
		{},
		{{"", "", "", "", "", "", "", ""}, {"J", "", "", "@", "+", "5", "0", " "}},
		{
			{"a\xffb", "\xff\xfe\xfd", "\xc3", "x\xff@y.de", "+49\xff", "Str\xc3 1", "1\xff", "\xe2\x82"},
			{"\x00", "M\u0308ller", "ﬁscher GmbH", "ＭÜLLER@example.com", "00", "ul.", "ul", "Ｍünchen"},
		},
		{
			{"Jan", "Nowak", "Nowak S.A.", "jan@nowak.pl", "", "", "", ""},
			{"Jan", "Nowak", "Nowak S.A.", "jan@nowak.pl", "", "", "", ""},
		},
		{
			{"", "", "Mary Crane League", "", "386-5286", "2141 S Tan Ct 1st Floor", "", "Chicago"},
			{"", "", "Mary Crane League Center West", "", "3865286", "2141 South Tan Court", "60608", ""},
		},
		{
			// A garbled street type; a street without its number.
			{"Thomas", "Tuckwell", "", "", "", "Couvreur St 16", "5049", ""},
			{"Thomas", "Tuckweoll", "", "", "", "Couvreu Rwtreet 16", "5049", "Sturt Ave"},
		},
		{
			{"", "", "Henry Booth House", "", "", "38", "", ""},
			{"", "", "Henry Booth House", "", "", "Southwell St 38", "2000", "Sturt"},
		},
		{
			{"Jacob", "Walls", "", "t.m39@brooks-sawyer.com", "", "ul. 3 Maja 15", "3149", "Łódź"},
			{"Walls", "Jacob", "", "t.m39@brooks-sawer.com", "", "ul. 3 Maja 40", "3194", "Łodz"},
		},
	}
	for _, s := range seeds {
		a, b := s[0], s[1]
		f.Add(a.first, a.last, a.company, a.email, a.phone, a.street, a.postal, a.city,
			b.first, b.last, b.company, b.email, b.phone, b.street, b.postal, b.city)
	}
	m := NewMatcher(DefaultConfig())
	f.Fuzz(func(t *testing.T, af, al, ac, ae, ap, as, apc, aci, bf, bl, bc, be, bp, bs, bpc, bci string) {
		build := func(id crm.ID, first, last, company, email, phone, street, postal, city string) *crm.Lead {
			l := lead(id, "first_name", first, "last_name", last, "company", company, "email", email,
				"phone", phone, "street", street, "postal_code", postal, "city", city, "country", "DE")
			if !strings.HasPrefix(phone, "+") {
				// Not E.164: as the import keeps it, a raw value only
				// (a local number is matched by its digits).
				l.Phone = ""
				l.Raw.Set(crm.FieldPhone, phone)
			}
			return l
		}
		la := build(1, af, al, ac, ae, ap, as, apc, aci)
		lb := build(2, bf, bl, bc, be, bp, bs, bpc, bci)
		// a's second e-mail column holds b's cell: its other addresses.
		la.Set("E-mail 2", be)
		la.EmailFields = []string{"E-mail 2"}
		ra, rb := m.Record(la), m.Record(lb)

		if ka, kb := m.BlockKeys(&ra), m.BlockKeys(&rb); MayMeet(ka, kb) != MayMeet(kb, ka) {
			t.Fatalf("MayMeet is not symmetric for %+v and %+v", ra, rb)
		}
		for _, r := range []*Record{&ra, &rb} {
			keys := m.BlockKeys(r)
			if !slices.IsSorted(keys) {
				t.Fatalf("BlockKeys(%+v) not sorted: %x", *r, keys)
			}
			if len(slices.Compact(slices.Clone(keys))) != len(keys) {
				t.Fatalf("BlockKeys(%+v) has duplicates: %x", *r, keys)
			}
		}

		s, veto := m.Score(&ra, &rb)
		if math.IsNaN(s) || math.IsInf(s, 0) {
			t.Fatalf("Score = %g", s)
		}
		e := m.Explain(&ra, &rb)
		if math.Abs(e.Score-s) > 0.005+1e-9 || e.Veto != veto || e.ID != rb.ID {
			t.Fatalf("Score = %g veto %q, Explain = %g veto %q id %s\n%s", s, veto, e.Score, e.Veto, e.ID, e)
		}
		sum := 0.0
		for _, fs := range e.Fields {
			sum += fs.Weight
		}
		if math.Abs(sum-s) > 1e-9 {
			t.Fatalf("weights add up to %g, Score = %g\n%s", sum, s, e)
		}
		_ = e.String()

		for _, r := range []*Record{&ra, &rb} {
			if _, v := m.Score(r, r); v != "" {
				t.Fatalf("Score(a, a) vetoed: %q for %+v", v, *r)
			}
		}

		// The index keeps what it was given (values under 64 KiB), and
		// finds the other record through it.
		x := NewIndex(m, 2)
		x.Put(ra, m.BlockKeys(&ra))
		got, ok := x.Record(ra.ID)
		if !ok {
			t.Fatalf("index lost record %s", ra.ID)
		}
		size := len(ra.First + ra.Last + ra.Company + ra.Email + ra.Phone + ra.Mobile + ra.Postal + ra.City + ra.Street + ra.TaxID + ra.Other)
		if size <= 0xffff && !reflect.DeepEqual(got, ra) {
			t.Fatalf("index gives back %+v, was given %+v", got, ra)
		}
		best, ok := x.Best(&rb, m.BlockKeys(&rb))
		if meet := MayMeet(m.BlockKeys(&rb), m.BlockKeys(&ra)); size <= 0xffff && ok != meet {
			t.Fatalf("Best found a candidate: %t, MayMeet: %t", ok, meet)
		}
		if ok && size <= 0xffff {
			// Best scores the probe against the candidate: b against a.
			ws, wv := m.Score(&rb, &ra)
			if best.ID != ra.ID || best.Score != ws || best.Veto != wv {
				t.Fatalf("Best = %+v, want id %s score %g veto %q", best, ra.ID, ws, wv)
			}
			_ = m.Decide(best, ok)
		}
	})
}

// FuzzCompareExtra compares two arbitrary values with every method of a
// configured comparison: no panic, equal values agree, and the level does
// not depend on the order.
// Run: go test ./dedupe -run '^$' -fuzz FuzzCompareExtra -fuzztime 60s
func FuzzCompareExtra(f *testing.F) {
	f.Add("1980-12-06", "1981-01-03")
	f.Add("30.12.1980", "02.01.1981")
	f.Add("19710624", "19712406")
	f.Add("99999999", "00000000")
	f.Add("3,5", "3.5")
	f.Add("Müller", "Mueller")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, method := range []string{MethodExact, MethodJaroWinkler, MethodDate, MethodNumber} {
			c := &Comparison{Name: "x", Method: method, Threshold: 0.9}
			lv, _, _ := compareExtra(c, a, b)
			if a == b && a != "" && lv != Agree {
				t.Fatalf("%s: %q vs itself = %s", method, a, lv)
			}
			if back, _, _ := compareExtra(c, b, a); back != lv {
				t.Fatalf("%s: %q vs %q = %s, the other way %s", method, a, b, lv, back)
			}
		}
	})
}
