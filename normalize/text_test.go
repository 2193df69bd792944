package normalize

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"clean ascii", "Hans Müller", "Hans Müller"},
		{"trim", "  Hans  ", "Hans"},
		{"collapse", "Hans   Peter\t\tMüller", "Hans Peter Müller"},
		{"nbsp", "Hans\u00a0Müller", "Hans Müller"},
		{"narrow nbsp and ideographic space", "a\u202fb\u3000c", "a b c"},
		{"newline", "Hauptstraße 1\r\n10115 Berlin", "Hauptstraße 1 10115 Berlin"},
		{"zero width", "Mül\u200bler\u200c\u200d\ufeff", "Müller"},
		{"bom at start", "\ufeffName", "Name"},
		{"soft hyphen and direction marks", "Schiff\u00adfahrt\u200e", "Schifffahrt"},
		{"control chars dropped", "a\x00b\x07c\x7f", "abc"},
		{"nfc", "Mu\u0308ller", "Müller"},
		{"nfc across removed zero width", "Mu\u200b\u0308ller", "Müller"},
		{"polish", "  Łukasz   Żółć ", "Łukasz Żółć"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"only spaces", " \t\u00a0 ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextNoAllocClean(t *testing.T) {
	for _, s := range []string{"Hans Müller GmbH", "info@example.com", "Łódź"} {
		if n := testing.AllocsPerRun(100, func() { _ = Text(s) }); n != 0 {
			t.Errorf("Text(%q) allocates %v times, want 0", s, n)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want, umlaut string
	}{
		{"empty", "", "", ""},
		{"already folded", "hans muller", "hans muller", "hans muller"},
		{"umlaut", "Müller", "muller", "mueller"},
		{"umlaut decomposed", "Mu\u0308ller", "muller", "mueller"},
		{"eszett", "Straße", "strasse", "strasse"},
		{"capital eszett", "STRAẞE", "strasse", "strasse"},
		{"polish", "Łódź Żółć", "lodz zolc", "lodz zolc"},
		{"scandinavian", "Ærø Øresund", "aero oresund", "aero oresund"},
		{"oe ligature", "Œuvre", "oeuvre", "oeuvre"},
		{"croatian", "Đurđević", "durdevic", "durdevic"},
		{"punctuation", "Müller-Lüdenscheidt, O'Brien & Co.", "muller ludenscheidt o brien co", "mueller luedenscheidt o brien co"},
		{"compat", "ﬁrma Ｍüller ²", "firma muller 2", "firma mueller 2"},
		{"digits kept", "Hauptstr. 12a", "hauptstr 12a", "hauptstr 12a"},
		{"umlaut upper", "ÄÖÜ", "aou", "aeoeue"},
		{"french", "Crème Brûlée", "creme brulee", "creme brulee"},
		{"invalid utf8", "a\xffb", "a b", "a b"},
		{"cyrillic kept", "Москва", "москва", "москва"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := FoldUmlaut(tt.in); got != tt.umlaut {
				t.Errorf("FoldUmlaut(%q) = %q, want %q", tt.in, got, tt.umlaut)
			}
		})
	}
}

// TestCleanASCII: the word-at-a-time check agrees with the byte loop on
// every string it accepts, and accepts the plain ASCII cells it is there
// for; random strings of the bytes that matter at every position of the
// words.
func TestCleanASCII(t *testing.T) {
	for _, s := range []string{"a", "Jürgen", "Müller GmbH", "info@example.com", "+49 30 1234567", "a  b", " a", "a ", "a\tb", "a\x7fb", "12345678 9", "1234567  9", "1234567 8", "abcdefgh ijklmnop", "abcdefg  hijklmnop"} {
		if got, want := cleanASCII(s) || isCleanTextBytes(s), isCleanTextBytes(s); got != want {
			t.Errorf("isCleanText(%q) = %v, byte loop %v", s, got, want)
		}
	}
	for _, s := range []string{"Linda", "Wilson Consulting Inc", "lgarcia@wilsonconsulting.com", "1-240-555-9637", "83 Oak Ave"} {
		if !cleanASCII(s) {
			t.Errorf("cleanASCII(%q) = false", s)
		}
	}
	alphabet := []byte{'a', ' ', '\t', 0x7f, 0x1f, 0x20, 0x21, 'Z', 0x80, 0xc3, 0xbc, 0x00, '~'}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, 1+rng.IntN(20))
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[i] = 'a' + byte(rng.IntN(26))
			}
		}
		s := string(b)
		want := isCleanTextBytes(s)
		if cleanASCII(s) && !want {
			t.Fatalf("cleanASCII(%q) = true, byte loop false", s)
		}
		if isCleanText(s) != want {
			t.Fatalf("isCleanText(%q) != byte loop %v", s, want)
		}
		if want && utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 }) && !cleanASCII(s) {
			t.Fatalf("cleanASCII(%q) = false for clean ASCII", s)
		}
	}
}

func TestTextLines(t *testing.T) {
	for in, want := range map[string]string{
		"Rückruf Montag":                      "Rückruf Montag",
		"Zeile 1\nZeile  2":                   "Zeile 1\nZeile 2",
		"\r\n  Zeile 1 \r\n\r\nZeile 3\r\n\n": "Zeile 1\n\nZeile 3",
		"a\rb":                                "a\nb",
		"\n \n":                               "",
		"x\u200b\ny\tz":                       "x\ny z",
	} {
		if got := TextLines(in); got != want {
			t.Errorf("TextLines(%q) = %q, want %q", in, got, want)
		}
	}
}
