package normalize

import (
	"errors"
	"testing"
)

func TestPostalCode(t *testing.T) {
	tests := []struct {
		name, in, country, want string
		err                     error
	}{
		{"de", "10115", "DE", "10115", nil},
		// pandas writes a code it read as a number as a float.
		{"de float", "1067.0", "DE", "01067", nil},
		{"de float five digits", "80331.0", "DE", "80331", nil},
		{"pl float", "1234.0", "PL", "01-234", nil},
		{"no country float", "4109.0", "", "4109", nil},
		{"de dotted thousands", "1.067", "DE", "01067", nil},
		{"de excel lost zero", "1234", "DE", "01234", nil},
		{"de car prefix", "D-10115", "DE", "10115", nil},
		{"de prefix space", "DE 10115", "de", "10115", nil},
		{"de country name", "10115", "Deutschland", "10115", nil},
		{"de too long", "101155", "DE", "", ErrInvalidPostal},
		{"de letters", "1O115", "DE", "", ErrInvalidPostal},
		{"de 00", "00123", "DE", "", ErrInvalidPostal},
		{"pl", "00-950", "PL", "00-950", nil},
		{"pl digits", "00950", "PL", "00-950", nil},
		{"pl space", "00 950", "PL", "00-950", nil},
		{"pl prefix", "PL-30-001", "PL", "30-001", nil},
		{"pl excel lost zero", "2495", "PL", "02-495", nil},
		{"pl short", "123", "PL", "", ErrInvalidPostal},
		{"at", "1010", "AT", "1010", nil},
		{"at car prefix", "A-1010", "AT", "1010", nil},
		{"at leading zero", "0101", "AT", "", ErrInvalidPostal},
		{"ch", "CH-8001", "CH", "8001", nil},
		{"ch five digits", "80011", "CH", "", ErrInvalidPostal},
		{"gb", "sw1a1aa", "GB", "SW1A 1AA", nil},
		{"gb spaced", " EC1A  1BB ", "GB", "EC1A 1BB", nil},
		{"gb short", "M1 1AE", "GB", "M1 1AE", nil},
		{"gb invalid", "12345", "GB", "", ErrInvalidPostal},
		{"us", "90210", "US", "90210", nil},
		{"us plus4", "90210-1234", "US", "90210-1234", nil},
		{"us plus4 digits", "902101234", "US", "90210-1234", nil},
		{"us lost zero", "2134", "US", "02134", nil},
		{"us invalid", "9021", "US", "09021", nil},
		{"us bad", "90210-12", "US", "", ErrInvalidPostal},
		{"nl", "1234ab", "NL", "1234 AB", nil},
		{"nl spaced", "1234 AB", "NL", "1234 AB", nil},
		{"nl bad", "0123 AB", "NL", "", ErrInvalidPostal},
		{"cz", "11000", "CZ", "110 00", nil},
		{"se", "114 55", "SE", "114 55", nil},
		{"fr", "75001", "FR", "75001", nil},
		{"fr prefix", "F-75001", "FR", "75001", nil},
		{"ca", "k1a0b1", "CA", "K1A 0B1", nil},
		{"other country upper", "ab-12", "XX", "AB-12", nil},
		{"other known country", "dublin 2", "IE", "", ErrInvalidPostal},
		{"no country trims", "  1234 ab ", "", "1234 ab", nil},
		{"empty", " ", "DE", "", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PostalCode(tt.in, tt.country)
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Fatalf("PostalCode(%q, %q) = %q, %v, want %q, %v", tt.in, tt.country, got, err, tt.want, tt.err)
			}
			if err == nil {
				if again, err := PostalCode(got, tt.country); again != got || err != nil {
					t.Errorf("PostalCode(%q, %q) = %q, %v, want it unchanged", got, tt.country, again, err)
				}
			}
		})
	}
}

func TestPostalCountry(t *testing.T) {
	tests := []struct {
		in, code, country string
		ok                bool
	}{
		{"D-80331", "80331", "DE", true},
		{"d-80331", "80331", "DE", true},
		{"A-1010", "1010", "AT", true},
		{"CH-8001", "8001", "CH", true},
		{"PL-00-950", "00-950", "PL", true},
		{"PL-00950", "00-950", "PL", true},
		{"F-75001", "75001", "FR", true},
		{"FIN-00100", "00100", "FI", true},
		{"NL-1234 AB", "1234 AB", "NL", true},
		{"DE-80331", "80331", "DE", true},
		{"D-8000", "", "", false},   // a code from before 1993, not one that lost its 0
		{"A-101", "", "", false},    // no Austrian code
		{"80331", "", "", false},    // no prefix: the row's country decides
		{"00-950", "", "", false},   // a Polish code without a prefix
		{"D 80331", "", "", false},  // a space is not enough
		{"XX-12345", "", "", false}, // no such country
		{"SW1A-1AA", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		code, country, ok := PostalCountry(tt.in)
		if code != tt.code || country != tt.country || ok != tt.ok {
			t.Errorf("PostalCountry(%q) = %q, %q, %v; want %q, %q, %v", tt.in, code, country, ok, tt.code, tt.country, tt.ok)
		}
	}
}
