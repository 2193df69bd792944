package dedupe

import "testing"

// TestTownExonyms: a town written in its own language and in English,
// German or French is one town (townNames); a judgement set found
// Göteborg and Gothenburg two towns, which made a postal code with the
// country on one side only disagree.
func TestTownExonyms(t *testing.T) {
	tests := []struct {
		name, a, b string
		differ     bool
	}{
		{"goteborg", "Göteborg", "Gothenburg", false},
		{"goteborg transliterated", "GOETEBORG", "Gothenburg", false},
		{"aarhus", "Århus", "Aarhus", false},
		{"aalborg", "Ålborg", "Aalborg", false},
		{"helsinki", "Helsinki", "Helsingfors", false},
		{"kobenhavn", "København", "Copenhagen", false},
		{"antwerpen", "Antwerpen", "Anvers", false},
		{"antwerp", "Antwerp", "Antwerpen", false},
		{"gent", "Gent", "Ghent", false},
		{"brugge", "Brügge", "Bruges", false},
		{"liege", "Liège", "Luik", false},
		{"mechelen", "Mechelen", "Malines", false},
		{"leuven", "Leuven", "Louvain", false},
		{"oostende", "Ostend", "Oostende", false},
		{"kortrijk", "Kortrijk", "Courtrai", false},
		{"bruxelles", "Bruxelles", "Brussel", false},
		{"krakow", "Kraków", "Cracow", false},
		{"warszawa", "Warszawa", "Warsaw", false},
		{"biel", "Biel", "Bienne", false},
		{"den haag", "Den Haag", "'s-Gravenhage", false},
		{"the hague", "The Hague", "Den Haag", false},
		{"st gallen", "St. Gallen", "Sankt Gallen", false},
		{"frankfurt", "Frankfurt am Main", "Frankfurt", false},
		{"den bosch", "'s-Hertogenbosch", "Den Bosch", false},
		{"two towns", "Göteborg", "Malmö", true},
		{"two belgian towns", "Gent", "Antwerpen", true},
		// A name of several words is one name, not one town per word.
		{"words of frankfurt am main", "Main", "Am", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := townsDiffer(key(tt.a), key(tt.b)); got != tt.differ {
				t.Errorf("townsDiffer(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.differ)
			}
		})
	}
}

// TestTownExonymPostal: with the country on one side only, a postal code
// agrees when the towns are one under two names.
func TestTownExonymPostal(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	a := m.Record(lead(1, "first_name", "Karin", "last_name", "Lundqvist", "postal_code", "405 08", "city", "Göteborg", "country", "SE"))
	b := m.Record(lead(2, "first_name", "Karin", "last_name", "Lundqvist", "postal_code", "40508", "city", "Gothenburg"))
	for _, f := range m.Explain(&b, &a).Fields {
		if f.Name == CmpPlace && f.Level != Agree {
			t.Errorf("place %s (%s), want agree", f.Level, f.Note)
		}
	}
}
