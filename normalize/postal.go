package normalize

import (
	"strings"
)

// PostalCode normalizes a postal code for the country (ISO alpha-2): DE 5
// digits (a 4-digit Excel-mangled code gets its leading zero back), PL
// NN-NNN (also from NNNNN), AT/CH 4 digits, GB upper-case with one space,
// US 5 or 5+4 digits, NL "1234 AB"; other countries are trimmed and
// upper-cased. An empty country only trims.
//
// A country prefix written in front ("D-10115", "A-1010", "CH-8001",
// "PL 00-950") is removed. Codes of the countries with a known format
// are checked and rewritten in their usual form:
//
//	DE FR IT ES FI HR EE LT(5) MX      5 digits; 4 digits get a leading 0
//	US                                 12345 or 12345-6789 (4 or 8 digits get a 0)
//	PL                                 00-950
//	AT CH LI BE LU DK HU SI BG CY NO AU NZ ZA  4 digits (AT, CH, LI, BE, LU, HU, SI: no leading 0)
//	CZ SK SE GR                        NNN NN
//	PT                                 NNNN-NNN
//	NL                                 1234 AB
//	GB                                 SW1A 1AA
//	CA                                 K1A 0B1
//	IE                                 D02 X285 (Eircode)
//	BR                                 01310-100
//	JP                                 100-0001
//
// An invalid code gives ErrInvalidPostal; empty input ErrEmpty.
func PostalCode(s, country string) (string, error) {
	t := Text(s)
	if t == "" {
		return "", ErrEmpty
	}
	t = floatArtifact(t)
	c := strings.ToUpper(strings.TrimSpace(country))
	if len(c) != 2 && c != "" {
		if cc, err := Country(c); err == nil {
			c = cc
		}
	}
	if c == "" {
		return t, nil
	}
	// The length is checked after upper-casing, which can lengthen a
	// string ("ɬ" is 2 bytes, "Ɬ" 3): checked before, a code could pass
	// once and fail when normalized again (found by FuzzPostalCode).
	u := strings.ToUpper(t)
	if len(u) > 32 {
		return "", ErrInvalidPostal
	}
	if p, ok := postalPatterns[c]; ok {
		d := stripPostalPrefix(u, c)
		return p(d)
	}
	return u, nil
}

// postalPrefixes are the country prefixes written before a code, besides
// the alpha-2 code itself: the old car codes.
var postalPrefixes = map[string][]string{
	"DE": {"D"}, "AT": {"A"}, "FR": {"F"}, "IT": {"I"}, "ES": {"E"},
	"BE": {"B"}, "LU": {"L"}, "SE": {"S"}, "NO": {"N"}, "FI": {"FIN", "SF"},
	"HU": {"H"}, "PT": {"P"}, "SI": {"SLO"}, "LI": {"FL"}, "US": {"USA"},
}

// stripPostalPrefix removes "D-", "DE ", "PL-" and the like from an
// upper-case code.
func stripPostalPrefix(u, country string) string {
	try := func(p string) (string, bool) {
		if !strings.HasPrefix(u, p) {
			return u, false
		}
		r := u[len(p):]
		if r == "" {
			return u, false
		}
		if trimmed := strings.TrimLeft(r, "-– "); trimmed != r {
			return trimmed, trimmed != ""
		}
		if r[0] >= '0' && r[0] <= '9' {
			return r, true
		}
		return u, false
	}
	if r, ok := try(country); ok {
		return r
	}
	for _, p := range postalPrefixes[country] {
		if r, ok := try(p); ok {
			return r
		}
	}
	return u
}

// PostalCountry reads a postal code written with its country in front
// ("D-80331", "A-1010", "CH-8001", "PL-00-950", "F-75001"), as old address
// lists and trade-fair scanners write it when the row has no country
// column. It returns the code in its country's form and that country;
// ok is false when s has no such prefix, or the code after it is not
// valid there. Only a prefix followed by a dash counts: "A 1010" could be
// anything, and "DE" alone before digits is rare.
func PostalCountry(s string) (code, country string, ok bool) {
	// Most codes are digits: no prefix to look for.
	if i := strings.IndexByte(s, '-'); i <= 0 || strings.TrimLeft(s, " ") == "" || !isLetter(strings.TrimLeft(s, " ")[0]&^0x20) {
		return "", "", false
	}
	t := strings.ToUpper(Text(s))
	prefix, rest, found := strings.Cut(t, "-")
	if !found || prefix == "" || len(prefix) > 3 || rest == "" || rest[0] < '0' || rest[0] > '9' {
		return "", "", false
	}
	for i := 0; i < len(prefix); i++ {
		if !isLetter(prefix[i]) {
			return "", "", false
		}
	}
	country = postalPrefixCountry[prefix]
	if country == "" {
		if _, known := postalPatterns[prefix]; !known || len(prefix) != 2 {
			return "", "", false
		}
		country = prefix
	}
	code, err := PostalCode(rest, country)
	if err != nil || digitCount(code) != digitCount(rest) {
		// A code that needed a leading 0 is no Excel-mangled number
		// here (the prefix made the cell text): "D-8000" is a German
		// code from before 1993.
		return "", "", false
	}
	return code, country, true
}

// floatArtifact removes the ".0" that pandas and other tools write after
// a code they read as a number ("1067.0", which lost its leading 0 the
// same way): "1067.0" -> "1067". Anything else is returned as it is.
func floatArtifact(s string) string {
	i := strings.IndexByte(s, '.')
	if i <= 0 || i == len(s)-1 || strings.Trim(s[i+1:], "0") != "" {
		return s
	}
	for j := 0; j < i; j++ {
		if !isDigit(s[j]) {
			return s
		}
	}
	return s[:i]
}

func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// postalPrefixCountry inverts postalPrefixes: "D" → DE.
var postalPrefixCountry = func() map[string]string {
	m := map[string]string{}
	for country, ps := range postalPrefixes {
		for _, p := range ps {
			m[p] = country
		}
	}
	return m
}()

// onlyDigits returns the digits of s with spaces, dashes and dots removed;
// ok is false when anything else is in s.
func onlyDigits(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == ' ' || c == '-' || c == '.':
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

// alnum returns s upper-case with spaces and dashes removed; ok is false on
// any other character.
func alnum(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
			b.WriteByte(c)
		case c == ' ' || c == '-':
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' }

// digitsPostal accepts n digits; pad lets n-1 digits get a leading zero
// (Excel drops it); noZero rejects a leading zero; format renders the digits.
func digitsPostal(n int, pad, noZero bool, format func(string) string) func(string) (string, error) {
	return func(s string) (string, error) {
		d, ok := onlyDigits(s)
		if !ok {
			return "", ErrInvalidPostal
		}
		if pad && len(d) == n-1 {
			d = "0" + d
		}
		if len(d) != n || (noZero && d[0] == '0') {
			return "", ErrInvalidPostal
		}
		if format != nil {
			return format(d), nil
		}
		return d, nil
	}
}

func splitAt(i int, sep string) func(string) string {
	return func(d string) string { return d[:i] + sep + d[i:] }
}

var postalPatterns = map[string]func(string) (string, error){
	"DE": func(s string) (string, error) {
		d, err := digitsPostal(5, true, false, nil)(s)
		if err == nil && strings.HasPrefix(d, "00") {
			return "", ErrInvalidPostal
		}
		return d, err
	},
	"FR": digitsPostal(5, true, false, nil),
	"IT": digitsPostal(5, true, false, nil),
	"ES": digitsPostal(5, true, false, nil),
	"FI": digitsPostal(5, true, false, nil),
	"HR": digitsPostal(5, false, true, nil),
	"EE": digitsPostal(5, false, true, nil),
	"MX": digitsPostal(5, true, false, nil),
	"LT": func(s string) (string, error) {
		return digitsPostal(5, false, false, nil)(strings.TrimPrefix(strings.TrimPrefix(s, "LT"), "-"))
	},
	"PL": digitsPostal(5, true, false, splitAt(2, "-")),
	"AT": digitsPostal(4, false, true, nil),
	"CH": digitsPostal(4, false, true, nil),
	"LI": digitsPostal(4, false, true, nil),
	"BE": digitsPostal(4, false, true, nil),
	"LU": digitsPostal(4, false, true, nil),
	"HU": digitsPostal(4, false, true, nil),
	"SI": digitsPostal(4, false, true, nil),
	"DK": digitsPostal(4, false, true, nil),
	"BG": digitsPostal(4, false, true, nil),
	"CY": digitsPostal(4, false, true, nil),
	"NO": digitsPostal(4, false, false, nil),
	"AU": digitsPostal(4, false, false, nil),
	"NZ": digitsPostal(4, false, false, nil),
	"ZA": digitsPostal(4, false, false, nil),
	"CZ": digitsPostal(5, false, true, splitAt(3, " ")),
	"SK": digitsPostal(5, false, true, splitAt(3, " ")),
	"SE": digitsPostal(5, false, true, splitAt(3, " ")),
	"GR": digitsPostal(5, false, true, splitAt(3, " ")),
	"PT": digitsPostal(7, false, true, splitAt(4, "-")),
	"BR": digitsPostal(8, true, false, splitAt(5, "-")),
	"JP": digitsPostal(7, false, false, splitAt(3, "-")),
	"US": func(s string) (string, error) {
		d, ok := onlyDigits(s)
		if !ok {
			return "", ErrInvalidPostal
		}
		switch len(d) {
		case 4, 8:
			d = "0" + d
		}
		switch len(d) {
		case 5:
			return d, nil
		case 9:
			return d[:5] + "-" + d[5:], nil
		}
		return "", ErrInvalidPostal
	},
	"NL": func(s string) (string, error) {
		a, ok := alnum(s)
		if !ok || len(a) != 6 || a[0] == '0' {
			return "", ErrInvalidPostal
		}
		for i := 0; i < 4; i++ {
			if !isDigit(a[i]) {
				return "", ErrInvalidPostal
			}
		}
		if !isLetter(a[4]) || !isLetter(a[5]) {
			return "", ErrInvalidPostal
		}
		return a[:4] + " " + a[4:], nil
	},
	"GB": ukPostcode,
	"CA": func(s string) (string, error) {
		a, ok := alnum(s)
		if !ok || len(a) != 6 {
			return "", ErrInvalidPostal
		}
		for i := 0; i < 6; i++ {
			if (i%2 == 0) != isLetter(a[i]) || (i%2 == 1) != isDigit(a[i]) {
				return "", ErrInvalidPostal
			}
		}
		return a[:3] + " " + a[3:], nil
	},
	"IE": func(s string) (string, error) {
		a, ok := alnum(s)
		// routing key: letter, digit, digit (or "D6W"), then 4 characters
		if !ok || len(a) != 7 || !isLetter(a[0]) || !isDigit(a[1]) || !(isDigit(a[2]) || a[2] == 'W') {
			return "", ErrInvalidPostal
		}
		return a[:3] + " " + a[3:], nil
	},
}

// ukPostcode checks the outward code (A9, A99, AA9, AA99, A9A, AA9A) and the
// inward code (9AA), and renders them with one space.
func ukPostcode(s string) (string, error) {
	a, ok := alnum(s)
	if !ok || len(a) < 5 || len(a) > 7 {
		return "", ErrInvalidPostal
	}
	out, in := a[:len(a)-3], a[len(a)-3:]
	if out == "GIR" && in == "0AA" {
		return "GIR 0AA", nil
	}
	if !isDigit(in[0]) || !isLetter(in[1]) || !isLetter(in[2]) {
		return "", ErrInvalidPostal
	}
	if !isLetter(out[0]) {
		return "", ErrInvalidPostal
	}
	i := 1
	if i < len(out) && isLetter(out[i]) {
		i++
	}
	if i >= len(out) || !isDigit(out[i]) {
		return "", ErrInvalidPostal
	}
	i++
	if i < len(out) && (isDigit(out[i]) || isLetter(out[i])) {
		i++
	}
	if i != len(out) {
		return "", ErrInvalidPostal
	}
	return out + " " + in, nil
}
