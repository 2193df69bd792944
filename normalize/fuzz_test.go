package normalize

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// Fuzz targets: no panic, valid UTF-8 out, and idempotence where it holds.
// Run one at a time: go test -run='^$' -fuzz='^FuzzText$' -fuzztime=20s ./normalize

var textSeeds = []string{
	"", " ", "Hans Müller", "  Hans\u00a0\u00a0Müller ", "Mu\u0308ller", "a\u200bb\ufeff", "\x00\x01\t\n",
	"a\xffb", "Łukasz Żółć", "ﬁ Ｍ ²", "O'Brien & Co.", "\u202e\u2066x", " \u0301", "ß ẞ", "İstanbul ǅ",
}

func FuzzText(f *testing.F) {
	for _, s := range textSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Text(%q) = %q: invalid UTF-8", s, got)
		}
		if again := Text(got); again != got {
			t.Fatalf("Text not idempotent: %q -> %q -> %q", s, got, again)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Text(%q) = %q: untrimmed or double space", s, got)
		}
		lines := TextLines(s)
		if again := TextLines(lines); again != lines || !utf8.ValidString(lines) {
			t.Fatalf("TextLines not idempotent: %q -> %q -> %q", s, lines, again)
		}
		if strings.ReplaceAll(lines, "\n", " ") != got && !strings.Contains(lines, "\n\n") {
			t.Fatalf("TextLines(%q) = %q is more than Text's %q with its lines", s, lines, got)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range textSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fold := range []func(string) string{Fold, FoldUmlaut} {
			got := fold(s)
			if !utf8.ValidString(got) {
				t.Fatalf("fold(%q) = %q: invalid UTF-8", s, got)
			}
			if again := fold(got); again != got {
				t.Fatalf("fold not idempotent: %q -> %q -> %q", s, got, again)
			}
			if again := Fold(got); again != got {
				t.Fatalf("Fold of folded differs: %q -> %q -> %q", s, got, again)
			}
		}
	})
}

func FuzzNameCase(f *testing.F) {
	for _, s := range []string{"JÜRGEN MÜLLER-LÜDENSCHEIDT", "o'brien", "mcdonald", "VAN DER BERG", "de la cruz",
		"DeSantis", "ŁUKASZ ŻÓŁĆ", "GROß", "J.R.R. TOLKIEN", "ǆ", "ı", "'", "a'", "mc", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := NameCase(s)
		if !utf8.ValidString(got) {
			t.Fatalf("NameCase(%q) = %q: invalid UTF-8", s, got)
		}
		if again := NameCase(got); again != got {
			t.Fatalf("NameCase not idempotent: %q -> %q -> %q", s, got, again)
		}
	})
}

func FuzzSplitFullName(f *testing.F) {
	for _, s := range []string{"Dr. Jürgen Müller", "Müller, Jürgen", "Frau Prof. Dr. Anna-Lena von der Heide",
		"Ludwig van Beethoven", "Pan mgr inż. Łukasz Wiśniewski", "Dr. John Smith, MBA", ",,,", "Dr.", "Prof.Dr.Müller",
		"Dipl.-Ing. (FH) Klaus Weber", "dr n. med. Jan", "Mr. John Smith Jr.", "a,b,c,d",
		"KR DI (FH) Franz Leitner", "Meer, Jan van der", "Mevrouw mr. Anouk de Boer", "mr. , van"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := SplitFullName(s)
		for _, part := range []string{n.Salutation, n.AcademicTitle, n.First, n.Last} {
			if !utf8.ValidString(part) {
				t.Fatalf("SplitFullName(%q) = %+v: invalid UTF-8", s, n)
			}
		}
		nl := SplitFullNameIn(s, "NL")
		for _, part := range []string{nl.Salutation, nl.AcademicTitle, nl.First, nl.Last} {
			if !utf8.ValidString(part) {
				t.Fatalf("SplitFullNameIn(%q, NL) = %+v: invalid UTF-8", s, nl)
			}
		}
		sal, title, rest := SplitPrefix(s)
		for _, part := range []string{sal, title, rest} {
			if !utf8.ValidString(part) {
				t.Fatalf("SplitPrefix(%q): invalid UTF-8", s)
			}
		}
	})
}

func FuzzParseEmail(f *testing.F) {
	for _, s := range []string{"anna.schmidt@example.de", " Jürgen@Müller.DE ", "mailto:info@firma.pl?x=1", "<a@b.de>",
		"a@b", "x@xn--mller-kva.de", "\"a b\"@x.de", "a@[1.2.3.4]", "a@b.co.uk", "İ@x.de", "a@b@c.de", "a@ﬁrma.de"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseEmail(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidEmail) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("ParseEmail(%q): unexpected error %v", s, err)
			}
			return
		}
		for _, part := range []string{e.Address, e.Domain, e.ASCII} {
			if !utf8.ValidString(part) {
				t.Fatalf("ParseEmail(%q) = %+v: invalid UTF-8", s, e)
			}
		}
		again, err := ParseEmail(e.Address)
		if err != nil || again != e {
			t.Fatalf("ParseEmail(%q) = %+v; of its Address: %+v, %v", s, e, again, err)
		}
	})
}

// FuzzEmailsIn: every address a cell yields is valid, normalized (its
// own ParseEmail) and yielded once; a cell that is one valid address
// yields just it.
func FuzzEmailsIn(f *testing.F) {
	for _, s := range []string{"anna@a.de; anna.privat@gmail.com", "a@b.de ::: c@d.pl", "Eva <kaputt>, Eva Heide <eva@heide.de>",
		"„max@firma.de“", "x@y.de x@y.de X@Y.DE", "kein-at", "a@b.de\nc@d.de", "<a@b.de>, <<c@d.de>>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		list := EmailsIn(s)
		seen := map[string]bool{}
		for _, e := range list {
			again, err := ParseEmail(e.Address)
			if err != nil || again != e {
				t.Fatalf("EmailsIn(%q) yields %+v; its Address parses as %+v, %v", s, e, again, err)
			}
			if seen[e.Address] {
				t.Fatalf("EmailsIn(%q) yields %q twice", s, e.Address)
			}
			seen[e.Address] = true
		}
		if e, err := ParseEmail(s); err == nil && (len(list) != 1 || list[0] != e) {
			t.Fatalf("EmailsIn(%q) = %+v, want just %+v", s, list, e)
		}
	})
}

func FuzzParsePhone(f *testing.F) {
	for _, s := range []string{"+49 (0)30 1234567", "0049 30 1234567", "030/1234567", "601-234-567", "+49 30 1234567 ext. 12",
		"(030) 1234567-0", "tel:+49-30-1234567;ext=9", "1-800-FLOWERS", "+", "00", "(0)", "+39 (0)6 12345678", "x1", "#"} {
		f.Add(s, "DE")
		f.Add(s, "")
	}
	f.Add("601234567", "PL")
	f.Add("2125551234", "us")
	f.Fuzz(func(t *testing.T, s, region string) {
		p, err := ParsePhone(s, region)
		if err != nil {
			if !errors.Is(err, ErrInvalidPhone) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("ParsePhone(%q, %q): unexpected error %v", s, region, err)
			}
			return
		}
		if !strings.HasPrefix(p.E164, "+") || !isDigits(p.E164[1:]) || (p.Ext != "" && !isDigits(p.Ext)) {
			t.Fatalf("ParsePhone(%q, %q) = %+v: not E.164", s, region, p)
		}
		again, err := ParsePhone(p.E164, "")
		if err != nil || again.E164 != p.E164 {
			t.Fatalf("ParsePhone(%q) = %+v, %v, want %q", p.E164, again, err, p.E164)
		}
		// IsMobile on what ParsePhone writes agrees with libphonenumber.
		num, err := phonenumbers.Parse(p.E164, "")
		if want := err == nil && phonenumbers.GetNumberType(num) == phonenumbers.MOBILE; IsMobile(p.E164) != want {
			t.Fatalf("IsMobile(%q) = %t, libphonenumber %t", p.E164, !want, want)
		}
	})
}

func FuzzParseCompany(f *testing.F) {
	for _, s := range []string{"Müller GmbH & Co. KG", "kowalski sp. z o. o.", "Acme Holdings, Inc.", "& Co.", "GmbH",
		"Nowak Sp. z o.o. sp.k.", "Škoda a.s.", "Start UG (haftungsbeschränkt) & Co. KG", "A & Co. KG", "ß GmbH", "x &co",
		"AB Volvo", "Oy Karl Fazer Ab", "N.V. x", "AB & Co."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := ParseCompany(s)
		for _, part := range []string{c.Name, c.Base, c.LegalForm, c.Key} {
			if !utf8.ValidString(part) {
				t.Fatalf("ParseCompany(%q) = %+v: invalid UTF-8", s, c)
			}
		}
		if again := ParseCompany(c.Name); again != c {
			t.Fatalf("ParseCompany(%q) = %+v; of its Name: %+v", s, c, again)
		}
		if Fold(c.Key) != c.Key {
			t.Fatalf("ParseCompany(%q).Key = %q is not folded", s, c.Key)
		}
	})
}

func FuzzCountry(f *testing.F) {
	for _, s := range []string{"Deutschland", "DE", "DEU", "D", "Polska", "U.S.A.", "Österreich", "the netherlands", "", "XX"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Country(s)
		if err != nil {
			return
		}
		if again, err := Country(c); err != nil || again != c {
			t.Fatalf("Country(%q) = %q; of that: %q, %v", s, c, again, err)
		}
	})
}

func FuzzPostalCode(f *testing.F) {
	for _, s := range []string{"10115", "1234", "D-10115", "00950", "PL-30-001", "sw1a1aa", "902101234", "1234ab", "K1A0B1", "D02 X285"} {
		for _, c := range []string{"DE", "PL", "AT", "GB", "US", "NL", "CA", "IE", "CZ", "", "XX"} {
			f.Add(s, c)
		}
	}
	f.Fuzz(func(t *testing.T, s, country string) {
		p, err := PostalCode(s, country)
		if err != nil {
			return
		}
		if !utf8.ValidString(p) {
			t.Fatalf("PostalCode(%q, %q) = %q: invalid UTF-8", s, country, p)
		}
		if again, err := PostalCode(p, country); err != nil || again != p {
			t.Fatalf("PostalCode(%q, %q) = %q; of that: %q, %v", s, country, p, again, err)
		}
	})
}

func FuzzPostalCountry(f *testing.F) {
	for _, s := range []string{"D-80331", "A-1010", "CH-8001", "PL-00-950", "F-75001", "FIN-00100", "D-", "-1", "XX-123", "d–80331"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, country, ok := PostalCountry(s)
		if !ok {
			return
		}
		// The code is valid and final in its country.
		if again, err := PostalCode(code, country); err != nil || again != code {
			t.Fatalf("PostalCountry(%q) = %q, %q; PostalCode of that: %q, %v", s, code, country, again, err)
		}
	})
}

func FuzzCurrencyCode(f *testing.F) {
	for _, s := range []string{"EUR", "€", "zł", "kr", "Euro", "E1R", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, ok := CurrencyCode(s)
		if !ok {
			return
		}
		// A code is three capital letters and reads as itself.
		if again, ok2 := CurrencyCode(code); !ok2 || again != code || len(code) != 3 || strings.ToUpper(code) != code {
			t.Fatalf("CurrencyCode(%q) = %q; of that: %q, %v", s, code, again, ok2)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-01", "2024-03-01T10:00:00Z", "01.02.2024", "1/2/24", "15. März 2024", "15 marca 2024",
		"March 15, 2024", "45352.5", "15 III 2024", "3:15 PM", "01.03.2024, 14:30 Uhr", "20240301", ":", "1.2.2024."} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, mdy bool) {
		order := DMY
		if mdy {
			order = MDY
		}
		d, err := ParseDate(s, order)
		if err != nil {
			if !errors.Is(err, ErrInvalidDate) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("ParseDate(%q): unexpected error %v", s, err)
			}
			return
		}
		// the date written back in ISO form parses to the same time
		again, err := ParseDate(d.Format("2006-01-02T15:04:05.999999999Z07:00"), order)
		if err != nil || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v; ISO round trip: %v, %v", s, d, again, err)
		}
		_ = DetectDateOrder([]string{s}, order)
	})
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"83.500,00 €", "1,234.56", "1.234", "50k", "1,5 Mio", "12 000 zł", "€ 1.000", "CHF 5'000",
		"-300", "(300)", "500 TEUR", "1.000,-", ",5", "0,125", "US$ 1", "9999999999999,995"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidMoney) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("ParseMoney(%q): unexpected error %v", s, err)
			}
			return
		}
		again, err := ParseMoney(m.Amount)
		if err != nil || again.Amount != m.Amount || again.Value != m.Value {
			t.Fatalf("ParseMoney(%q) = %+v; of its Amount: %+v, %v", s, m, again, err)
		}
	})
}

// FuzzPlainMoney: the fast path for plain numbers gives what the full
// parse gives.
func FuzzPlainMoney(f *testing.F) {
	for _, s := range []string{"191000", "0", "007", "1", "999999999999999", "1000000000000000", "12a", "", "-5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fast, ok := plainMoney(s)
		if !ok {
			return
		}
		full, err := parseMoney(s)
		if err != nil || fast != full {
			t.Fatalf("plainMoney(%q) = %+v; parseMoney: %+v, %v", s, fast, full, err)
		}
	})
}

func FuzzTaxID(f *testing.F) {
	for _, s := range []string{"DE136695976", "USt-IdNr.: DE 136 695 976", "PL 123-456-32-18", "123-45-63-218", "ATU13585627",
		"CHE-116.281.710 MWST", "GR094259216", "NL004495445B01", "IE1234567T", "UIDUIDUID"} {
		f.Add(s, "")
		f.Add(s, "PL")
	}
	f.Fuzz(func(t *testing.T, s, country string) {
		id, err := TaxID(s, country)
		if err != nil {
			if !errors.Is(err, ErrInvalidTaxID) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("TaxID(%q): unexpected error %v", s, err)
			}
			return
		}
		if again, err := TaxID(id, ""); err != nil || again != id {
			t.Fatalf("TaxID(%q, %q) = %q; of that: %q, %v", s, country, id, again, err)
		}
		if again, err := TaxID(id, country); err != nil || again != id {
			t.Fatalf("TaxID(%q, %q) = %q; of that with the country: %q, %v", s, country, id, again, err)
		}
	})
}
