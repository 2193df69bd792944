package normalize

import (
	"errors"
	"testing"
)

func TestTaxID(t *testing.T) {
	tests := []struct {
		name, in, country, want string
		err                     error
	}{
		{"de", "DE136695976", "", "DE136695976", nil},
		{"de spaced", "DE 136 695 976", "", "DE136695976", nil},
		{"de label", "USt-IdNr.: DE136695976", "", "DE136695976", nil},
		{"de lower", "de136695976", "", "DE136695976", nil},
		{"de country", "136695976", "DE", "DE136695976", nil},
		{"de bad check", "DE136695977", "", "", ErrInvalidTaxID},
		// One digit repeated passes the NIP checksum: a placeholder.
		{"pl placeholder zeros", "0000000000", "PL", "", ErrInvalidTaxID},
		{"pl placeholder ones", "PL 111-111-11-11", "", "", ErrInvalidTaxID},
		{"pl placeholder nines", "9999999999", "PL", "", ErrInvalidTaxID},
		{"de leading zero", "DE036695976", "", "", ErrInvalidTaxID},
		{"de short", "DE13669597", "", "", ErrInvalidTaxID},
		{"pl prefix", "PL1234563218", "", "PL1234563218", nil},
		{"pl spaced dashes", "PL 123-456-32-18", "", "PL1234563218", nil},
		{"pl country", "123-45-63-218", "PL", "PL1234563218", nil},
		{"pl nip label", "NIP: 123-456-32-18", "PL", "PL1234563218", nil},
		{"pl second", "526-000-12-46", "PL", "PL5260001246", nil},
		{"pl bad check", "123-456-32-19", "PL", "", ErrInvalidTaxID},
		{"pl check 10 never valid", "1000000000", "PL", "", ErrInvalidTaxID},
		{"at", "ATU13585627", "", "ATU13585627", nil},
		{"at spaced", "AT U13585627", "", "ATU13585627", nil},
		{"at uid label", "UID: ATU13585627", "", "ATU13585627", nil},
		{"at country", "U13585627", "AT", "ATU13585627", nil},
		{"at bad check", "ATU13585626", "", "", ErrInvalidTaxID},
		{"ch", "CHE-116.281.710 MWST", "", "CHE116281710", nil},
		{"ch bad", "CHE-116.281.711", "", "", ErrInvalidTaxID},
		{"be", "BE0403170701", "", "BE0403170701", nil},
		{"be old 9 digits", "BE403170701", "", "BE0403170701", nil},
		{"dk", "DK13585628", "", "DK13585628", nil},
		{"fr numeric key", "FR40303265045", "", "FR40303265045", nil},
		{"fr bad key", "FR41303265045", "", "", ErrInvalidTaxID},
		{"it", "IT00743110157", "", "IT00743110157", nil},
		{"nl", "NL004495445B01", "", "NL004495445B01", nil},
		{"gr as el", "GR094259216", "", "EL094259216", nil},
		{"el", "EL094259216", "", "EL094259216", nil},
		{"gr country", "094259216", "GR", "EL094259216", nil},
		{"cz", "CZ25123891", "", "CZ25123891", nil},
		{"gb", "GB980780684", "", "GB980780684", nil},
		{"hr", "HR33392005961", "", "HR33392005961", nil},
		{"prefix wins over country", "DE136695976", "PL", "DE136695976", nil},
		{"no prefix no country", "136695976", "", "", ErrInvalidTaxID},
		{"unknown prefix", "XX123456789", "", "", ErrInvalidTaxID},
		{"empty", "  ", "DE", "", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TaxID(tt.in, tt.country)
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Fatalf("TaxID(%q, %q) = %q, %v, want %q, %v", tt.in, tt.country, got, err, tt.want, tt.err)
			}
			if err == nil {
				if again, err := TaxID(got, ""); again != got || err != nil {
					t.Errorf("TaxID(%q) = %q, %v, want it unchanged", got, again, err)
				}
			}
		})
	}
}

func TestCheckDigits(t *testing.T) {
	// computed by hand from the specs, see the comments on each function
	tests := []struct {
		name string
		ok   bool
		fn   func(string) bool
		in   string
	}{
		{"mod11_10 DE136695976", true, mod11_10, "136695976"},
		{"mod11_10 DE111111125", true, mod11_10, "111111125"},
		{"mod11_10 wrong", false, mod11_10, "111111126"},
		{"nip 1234563218", true, validNIP, "1234563218"},
		{"nip 5260001246", true, validNIP, "5260001246"},
		{"atu 13585627", true, validATU, "13585627"},
		{"che 116281710", true, validCHE, "116281710"},
		{"luhn 00743110157", true, luhn, "00743110157"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(tt.in); got != tt.ok {
				t.Errorf("got %v, want %v", got, tt.ok)
			}
		})
	}
}
