package normalize

import (
	"errors"
	"strings"
	"testing"
)

func TestCountry(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"de german", "Deutschland", "DE", nil},
		{"de english", "Germany", "DE", nil},
		{"de polish", "Niemcy", "DE", nil},
		{"de alpha2", "DE", "DE", nil},
		{"de alpha2 lower", "de", "DE", nil},
		{"de alpha3", "DEU", "DE", nil},
		{"de car code", "D", "DE", nil},
		{"at car code", "A", "AT", nil},
		{"pl native", "Polska", "PL", nil},
		{"pl english", "Poland", "PL", nil},
		{"pl german", "Polen", "PL", nil},
		{"pl alpha3", "POL", "PL", nil},
		{"at german", "Österreich", "AT", nil},
		{"at without umlaut", "Osterreich", "AT", nil},
		{"at oe", "OESTERREICH", "AT", nil},
		{"ch german", "Schweiz", "CH", nil},
		{"ch french", "Suisse", "CH", nil},
		{"us", "USA", "US", nil},
		{"us long", "United States of America", "US", nil},
		{"us dotted", "U.S.", "US", nil},
		{"us dotted a", "u.s.a.", "US", nil},
		{"uk", "UK", "GB", nil},
		{"great britain", "Great Britain", "GB", nil},
		{"england", "England", "GB", nil},
		{"gb german", "Großbritannien", "GB", nil},
		{"cz native", "Česko", "CZ", nil},
		{"cz polish", "Czechy", "CZ", nil},
		{"nl", "Niederlande", "NL", nil},
		{"nl holland", "Holland", "NL", nil},
		{"fr polish", "Francja", "FR", nil},
		{"it polish", "Włochy", "IT", nil},
		{"jp", "Japan", "JP", nil},
		{"cn", "China", "CN", nil},
		{"in", "India", "IN", nil},
		{"br", "Brasilien", "BR", nil},
		{"au", "Australia", "AU", nil},
		{"ca", "Kanada", "CA", nil},
		{"spaces", "  united   kingdom ", "GB", nil},
		{"the", "The Netherlands", "NL", nil},
		{"greece vat prefix", "EL", "GR", nil},
		{"empty", " ", "", ErrEmpty},
		{"unknown", "Atlantis", "", ErrInvalidCountry},
		{"c is not a car code", "C", "", ErrInvalidCountry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Country(tt.in)
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Errorf("Country(%q) = %q, %v, want %q, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestCountryTable(t *testing.T) {
	if len(countryConflicts) > 0 {
		t.Errorf("country names mapping to two codes: %s", strings.Join(countryConflicts, "; "))
	}
	n := 0
	for line := range strings.Lines(countryTable) {
		f := strings.Split(strings.TrimSpace(line), "|")
		if len(f) < 3 {
			continue
		}
		n++
		if len(f[0]) != 2 || len(f[1]) != 3 || strings.ToUpper(f[0]) != f[0] || strings.ToUpper(f[1]) != f[1] {
			t.Errorf("bad codes in %q", line)
		}
		for _, name := range f {
			if got, err := Country(name); err != nil || got != f[0] {
				t.Errorf("Country(%q) = %q, %v, want %q", name, got, err, f[0])
			}
		}
	}
	if n < 249 {
		t.Errorf("country table has %d countries, want all 249 of ISO 3166-1", n)
	}
}
