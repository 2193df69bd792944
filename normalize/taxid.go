package normalize

import (
	"strings"
)

// TaxID validates and normalizes a VAT or tax number: DE USt-IdNr.
// ("DE123456789", ISO 7064 MOD 11,10 check), PL NIP ("123-456-32-18",
// "PL1234563218", weighted mod-11 check; returned with the PL prefix), AT
// UID, and other EU VAT ids by their format (country prefix + pattern).
// country (ISO alpha-2, may be empty) is used when the value has no prefix.
// The result is upper-case with the country prefix and no separators.
//
// Labels in front ("USt-IdNr.:", "UID", "VAT No.", "NIP", "MwSt-Nr.",
// "TVA", "BTW", "P.IVA", "DIČ") are ignored. Check digits are verified for
// DE, PL, AT (ATU + 8 digits), CH (CHE + 9 digits, a MWST/TVA/IVA suffix is
// dropped), BE, DK, FR (numeric key), HR and IT; the other EU states, GB,
// XI and NO are checked by format. Greece is "EL" (a "GR" prefix or country
// is accepted). Errors wrap ErrEmpty or ErrInvalidTaxID.
func TaxID(s, country string) (string, error) {
	t := Text(s)
	if t == "" {
		return "", ErrEmpty
	}
	if len(t) > 64 {
		return "", ErrInvalidTaxID
	}
	c := strings.ToUpper(strings.ReplaceAll(Fold(t), " ", ""))
	c = stripTaxLabel(c)
	prefix := ""
	if len(c) >= 2 && isLetter(c[0]) && isLetter(c[1]) {
		if _, ok := vatFormats[vatPrefix(c[:2])]; ok {
			prefix, c = vatPrefix(c[:2]), c[2:]
		}
	}
	if prefix == "" {
		cc := vatPrefix(strings.ToUpper(strings.TrimSpace(country)))
		if _, ok := vatFormats[cc]; !ok {
			return "", ErrInvalidTaxID
		}
		prefix = cc
	}
	body, ok := vatFormats[prefix](c)
	if !ok || oneDigit(body) {
		// "0000000000" and "1111111111" pass the NIP checksum (its
		// weights sum to 1 mod 11): placeholders, never a firm's id.
		return "", ErrInvalidTaxID
	}
	return prefix + body, nil
}

// oneDigit reports whether the digits of s are one digit repeated.
func oneDigit(s string) bool {
	var d byte
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			continue
		}
		if d == 0 {
			d = s[i]
		} else if s[i] != d {
			return false
		}
	}
	return d != 0
}

// vatPrefix maps a country code to its VAT prefix (Greece is EL).
func vatPrefix(cc string) string {
	if cc == "GR" {
		return "EL"
	}
	return cc
}

// taxLabels are words written before a tax id, upper-case without
// separators; longer ones first.
var taxLabels = []string{
	"USTIDNUMMER", "UMSATZSTEUERID", "USTIDNR", "USTID", "UIDNUMMER", "UIDNR", "UID",
	"VATREGNO", "VATNUMBER", "VATNO", "VATNR", "VATID", "VATIN", "VAT",
	"NIPUE", "NIP", "MWSTNR", "MWST", "TVA", "BTWNR", "BTW", "PIVA", "IVA",
	"NIF", "CIF", "DIC", "ICDPH", "TAXID", "TAXNO",
}

func stripTaxLabel(c string) string {
	for range 3 {
		stripped := false
		for _, l := range taxLabels {
			if strings.HasPrefix(c, l) && len(c) > len(l) {
				c = c[len(l):]
				stripped = true
				break
			}
		}
		if !stripped {
			break
		}
	}
	return c
}

// digitsN reports whether s is exactly n ASCII digits.
func digitsN(s string, n int) bool { return len(s) == n && isDigits(s) }

func digitAt(s string, i int) int { return int(s[i] - '0') }

// vatFormats check the part after the country prefix and return it in
// canonical form.
var vatFormats = map[string]func(string) (string, bool){
	"DE": func(s string) (string, bool) {
		return s, digitsN(s, 9) && s[0] != '0' && mod11_10(s)
	},
	"PL": func(s string) (string, bool) { return s, digitsN(s, 10) && validNIP(s) },
	"AT": func(s string) (string, bool) {
		s = strings.TrimPrefix(s, "U")
		return "U" + s, digitsN(s, 8) && validATU(s)
	},
	"CH": func(s string) (string, bool) {
		s = strings.TrimPrefix(s, "E")
		for _, suf := range []string{"MWST", "TVA", "IVA", "HR"} {
			s = strings.TrimSuffix(s, suf)
		}
		return "E" + s, digitsN(s, 9) && validCHE(s)
	},
	"BE": func(s string) (string, bool) {
		if digitsN(s, 9) {
			s = "0" + s
		}
		return s, digitsN(s, 10) && (s[0] == '0' || s[0] == '1') && validBE(s)
	},
	"DK": func(s string) (string, bool) { return s, digitsN(s, 8) && validDK(s) },
	"FR": func(s string) (string, bool) {
		if len(s) != 11 || !isDigits(s[2:]) || strings.ContainsAny(s[:2], "IO") {
			return s, false
		}
		if isDigits(s[:2]) {
			return s, validFR(s)
		}
		return s, isAlnum(s[:2])
	},
	"HR": func(s string) (string, bool) { return s, digitsN(s, 11) && mod11_10(s) },
	"IT": func(s string) (string, bool) { return s, digitsN(s, 11) && luhn(s) },
	"BG": func(s string) (string, bool) { return s, digitsN(s, 9) || digitsN(s, 10) },
	"CY": func(s string) (string, bool) { return s, len(s) == 9 && isDigits(s[:8]) && isLetter(s[8]) },
	"CZ": func(s string) (string, bool) { return s, digitsN(s, 8) || digitsN(s, 9) || digitsN(s, 10) },
	"EE": func(s string) (string, bool) { return s, digitsN(s, 9) },
	"EL": func(s string) (string, bool) { return s, digitsN(s, 9) },
	"ES": func(s string) (string, bool) {
		return s, len(s) == 9 && isDigits(s[1:8]) && isAlnum(s[:1]) && isAlnum(s[8:]) && !(isDigits(s[:1]) && isDigits(s[8:]))
	},
	"FI": func(s string) (string, bool) { return s, digitsN(s, 8) },
	"HU": func(s string) (string, bool) { return s, digitsN(s, 8) },
	"IE": func(s string) (string, bool) {
		switch {
		case len(s) >= 8 && len(s) <= 9 && isDigits(s[:7]) && isLetterRange(s[7], 'A', 'W'):
			return s, len(s) == 8 || isLetterRange(s[8], 'A', 'I') || s[8] == 'W'
		case len(s) == 8 && isDigit(s[0]) && isLetter(s[1]) && isDigits(s[2:7]) && isLetterRange(s[7], 'A', 'W'):
			return s, true
		}
		return s, false
	},
	"LT": func(s string) (string, bool) { return s, digitsN(s, 9) || digitsN(s, 12) },
	"LU": func(s string) (string, bool) { return s, digitsN(s, 8) },
	"LV": func(s string) (string, bool) { return s, digitsN(s, 11) },
	"MT": func(s string) (string, bool) { return s, digitsN(s, 8) },
	"NL": func(s string) (string, bool) {
		return s, len(s) == 12 && isDigits(s[:9]) && s[9] == 'B' && isDigits(s[10:])
	},
	"PT": func(s string) (string, bool) { return s, digitsN(s, 9) },
	"RO": func(s string) (string, bool) { return s, len(s) >= 2 && len(s) <= 10 && isDigits(s) && s[0] != '0' },
	"SE": func(s string) (string, bool) { return s, digitsN(s, 12) && strings.HasSuffix(s, "01") },
	"SI": func(s string) (string, bool) { return s, digitsN(s, 8) },
	"SK": func(s string) (string, bool) { return s, digitsN(s, 10) },
	"GB": validGB,
	"XI": validGB,
	"NO": func(s string) (string, bool) {
		s = strings.TrimSuffix(s, "MVA")
		return s, digitsN(s, 9)
	},
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) && !isLetter(s[i]) {
			return false
		}
	}
	return s != ""
}

func isLetterRange(c, lo, hi byte) bool { return lo <= c && c <= hi }

// validGB checks the format of a UK VAT number: 9 or 12 digits, or GD/HA
// plus 3 digits.
func validGB(s string) (string, bool) {
	switch {
	case digitsN(s, 9), digitsN(s, 12):
		return s, true
	case len(s) == 5 && (strings.HasPrefix(s, "GD") || strings.HasPrefix(s, "HA")) && isDigits(s[2:]):
		return s, true
	}
	return s, false
}

// mod11_10 verifies the last digit of s with ISO 7064 MOD 11,10 (DE
// USt-IdNr., HR OIB).
func mod11_10(s string) bool {
	p := 10
	for i := 0; i < len(s)-1; i++ {
		sum := (digitAt(s, i) + p) % 10
		if sum == 0 {
			sum = 10
		}
		p = (2 * sum) % 11
	}
	check := 11 - p
	if check == 10 {
		check = 0
	}
	return check == digitAt(s, len(s)-1)
}

// validNIP verifies a Polish NIP: weights 6,5,7,2,3,4,5,6,7, sum mod 11 is
// the last digit (10 is never valid).
func validNIP(s string) bool {
	w := [9]int{6, 5, 7, 2, 3, 4, 5, 6, 7}
	sum := 0
	for i, wi := range w {
		sum += wi * digitAt(s, i)
	}
	check := sum % 11
	return check != 10 && check == digitAt(s, 9)
}

// validATU verifies the 8 digits after "ATU": the digits in even places
// are doubled and cross-summed; check = (10 - (sum + 4) mod 10) mod 10.
func validATU(s string) bool {
	sum := 0
	for i := 0; i < 7; i++ {
		d := digitAt(s, i)
		if i%2 == 1 {
			d *= 2
			d = d/10 + d%10
		}
		sum += d
	}
	return (10-(sum+4)%10)%10 == digitAt(s, 7)
}

// validCHE verifies a Swiss UID: weights 5,4,3,2,7,6,5,4, check = 11 -
// sum mod 11 (11 -> 0, 10 is never valid).
func validCHE(s string) bool {
	w := [8]int{5, 4, 3, 2, 7, 6, 5, 4}
	sum := 0
	for i, wi := range w {
		sum += wi * digitAt(s, i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == digitAt(s, 8)
}

// validBE verifies a Belgian enterprise number: 97 - (first 8 digits mod 97)
// equals the last two.
func validBE(s string) bool {
	n := 0
	for i := 0; i < 8; i++ {
		n = n*10 + digitAt(s, i)
	}
	return 97-n%97 == digitAt(s, 8)*10+digitAt(s, 9)
}

// validDK verifies a Danish CVR: weights 2,7,6,5,4,3,2,1, sum mod 11 == 0.
func validDK(s string) bool {
	w := [8]int{2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i, wi := range w {
		sum += wi * digitAt(s, i)
	}
	return sum%11 == 0
}

// validFR verifies a numeric French key: key = (12 + 3 * (SIREN mod 97))
// mod 97.
func validFR(s string) bool {
	siren := 0
	for i := 2; i < 11; i++ {
		siren = siren*10 + digitAt(s, i)
	}
	key := digitAt(s, 0)*10 + digitAt(s, 1)
	return (12+3*(siren%97))%97 == key
}

// luhn verifies the Luhn check digit (IT partita IVA).
func luhn(s string) bool {
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		d := digitAt(s, i)
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}
