package dedupe

import (
	"slices"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/normalize"
)

// FuzzPhonetic: no panic; Cologne gives digits 0-8 only; every
// Daitch–Mokotoff code is six digits, sorted, without duplicates; both are
// deterministic; and both see only the folded letters, so folding the input
// first changes nothing (this rests on normalize.Fold being idempotent).
// Run: go test ./dedupe -run '^$' -fuzz FuzzPhonetic -fuzztime 20s
func FuzzPhonetic(f *testing.F) {
	for _, s := range []string{
		"", " ", "Müller-Lüdenscheidt", "Wikipedia", "Breschnew", "Meier", "Mayr",
		"Schwarzenegger", "Jackson-Jackson", "Wiśniewski", "Łukasz Żółć", "Kowalczyk",
		"Jürgen", "Juergen", "GROẞ", "Straße", "Mu\u0308ller", "O'Brien", "Ben Aron",
		"Циолковский", "李小龍", "Ελληνικά", "a\xffb", "\xff\xfe\xfd", "\x00\x01",
		"ﬁscher", "Ｍüller", "CJC", "MCCOYJR", "BESST", "jjjjjjjjjjjj", "cccccccccccccccc",
		"xch", "shch", "İstanbul", "ǅemal", "Þórr", "Ærø",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Cologne(s)
		if strings.Trim(c, "012345678") != "" {
			t.Fatalf("Cologne(%q) = %q: not digits 0-8", s, c)
		}
		if strings.Contains(c[min(1, len(c)):], "0") {
			t.Fatalf("Cologne(%q) = %q: a 0 after the start", s, c)
		}
		if again := Cologne(s); again != c {
			t.Fatalf("Cologne(%q) not deterministic: %q then %q", s, c, again)
		}

		dm := DaitchMokotoff(s)
		for _, code := range dm {
			if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
				t.Fatalf("DaitchMokotoff(%q) = %q: bad code %q", s, dm, code)
			}
		}
		if !slices.IsSorted(dm) || len(slices.Compact(slices.Clone(dm))) != len(dm) {
			t.Fatalf("DaitchMokotoff(%q) = %q: not sorted or has duplicates", s, dm)
		}
		// Every ASCII letter left after folding gives a DM code, and every
		// one but H a Cologne digit.
		folded := normalize.Fold(s)
		if letters := hasASCIILetter(folded); (dm != nil) != letters || (dm != nil && len(dm) == 0) {
			t.Fatalf("DaitchMokotoff(%q) = %#v with letters=%v", s, dm, letters)
		} else if (c != "") != (letters && !onlyH(folded)) {
			t.Fatalf("Cologne(%q) = %q with letters=%v", s, c, letters)
		}
		if of := Cologne(folded); of != c {
			t.Fatalf("Cologne(%q) = %q but of Fold = %q", s, c, of)
		}
		if again := DaitchMokotoff(s); !slices.Equal(again, dm) {
			t.Fatalf("DaitchMokotoff(%q) not deterministic: %q then %q", s, dm, again)
		}
		if of := DaitchMokotoff(folded); !slices.Equal(of, dm) {
			t.Fatalf("DaitchMokotoff(%q) = %q but of Fold = %q", s, dm, of)
		}
	})
}

func hasASCIILetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }) >= 0
}

// onlyH reports whether the only ASCII letters of s are h or H.
func onlyH(s string) bool {
	return !hasASCIILetter(strings.Map(func(r rune) rune {
		if r == 'h' || r == 'H' {
			return -1
		}
		return r
	}, s))
}
