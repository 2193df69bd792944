package normalize

import (
	"strings"
)

// Country maps an English, German, Polish or native country name, or an
// ISO 3166-1 alpha-2/alpha-3 code, to the alpha-2 code.
//
// Case, accents, spaces and punctuation are ignored ("U.S.A.", "usa",
// "Österreich", "OESTERREICH", "Česko"). Besides the ISO codes it knows
// the old car codes "D" (Germany) and "A" (Austria), "UK" and the EU VAT
// prefix "EL" (Greece), and the parts of the United Kingdom (England,
// Scotland, Wales, Northern Ireland -> GB). Kosovo is "XK". Empty input gives
// ErrEmpty, anything else unknown ErrInvalidCountry.
func Country(s string) (string, error) {
	t := Text(s)
	if t == "" {
		return "", ErrEmpty
	}
	if len(t) > 80 {
		return "", ErrInvalidCountry
	}
	k := countryKey(t)
	if c, ok := countryIndex[k]; ok {
		return c, nil
	}
	if c, ok := countryIndex[strings.TrimPrefix(k, "the")]; ok && strings.HasPrefix(k, "the") {
		return c, nil
	}
	return "", ErrInvalidCountry
}

// countryAliases are keys outside the ISO table.
var countryAliases = map[string]string{
	"d": "DE", "a": "AT", "el": "GR", "uk": "GB", "gb": "GB",
}

// countryIndex maps countryKey of every code and name to the alpha-2 code.
var countryIndex, countryConflicts = func() (map[string]string, []string) {
	m := make(map[string]string)
	var conflicts []string
	add := func(key, code string) {
		if key == "" {
			return
		}
		if old, ok := m[key]; ok && old != code {
			conflicts = append(conflicts, key+": "+old+" "+code)
			return
		}
		m[key] = code
	}
	for line := range strings.Lines(countryTable) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		f := strings.Split(line, "|")
		code := f[0]
		for _, name := range f {
			add(countryKey(name), code)
		}
	}
	for k, c := range countryAliases {
		add(k, c)
	}
	return m, conflicts
}()

// countryKey folds a country name or code for look-up.
func countryKey(s string) string {
	return strings.ReplaceAll(Fold(s), " ", "")
}
