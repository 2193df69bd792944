package normalize

import "testing"

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
