package importer

import (
	"testing"
)

func TestHeaderKey(t *testing.T) {
	same := [][]string{
		{"E-Mail-Adresse", "e-mail adresse", "E_MAIL_ADRESSE", "EMailAdresse", "\ufeffE-Mail-Adresse", "E-Mail\u200b-Adresse", " e.mail:adresse "},
		{"First Name", "FirstName", "first_name", "FIRST-NAME", "firstname"},
		{"Telefon (privat)", "Telefon privat", "telefon_privat"},
		{"Imię", "Imie\u0328", "IMIĘ"}, // NFC and NFD spellings
		{"Country/Region", "country region"},
	}
	for _, group := range same {
		want := headerKey(group[0])
		for _, h := range group[1:] {
			if got := headerKey(h); got != want {
				t.Errorf("headerKey(%q) = %q, want %q (as for %q)", h, got, want, group[0])
			}
		}
	}
	differ := [][2]string{{"Straße", "Strasse"}, {"Imię", "Imie"}, {"E-mail 1 - Value", "E-mail 11 - Value"}}
	for _, p := range differ {
		if headerKey(p[0]) == headerKey(p[1]) {
			t.Errorf("headerKey(%q) == headerKey(%q): accents and digits must stay in the exact key", p[0], p[1])
		}
	}
	stripped := [][2]string{{"Straße", "Strasse"}, {"Imię", "Imie"}, {"Miejscowość", "MIEJSCOWOSC"}, {"Źródło", "zrodlo"}}
	for _, p := range stripped {
		if a, b := strippedKey(p[0], false), strippedKey(p[1], false); a != b {
			t.Errorf("strippedKey: %q -> %q, %q -> %q; want equal", p[0], a, p[1], b)
		}
	}
	if a, b := strippedKey("Telefon geschäftlich", true), strippedKey("Telefon geschaeftlich", true); a != b {
		t.Errorf("strippedKey(ae): %q vs %q", a, b)
	}
}

// TestDictConsistent checks that no table gives one key two meanings, not
// even after accents are stripped: that is what makes the accent-less
// fallback safe.
func TestDictConsistent(t *testing.T) {
	type meaning struct {
		target target
		group  string
		header string
	}
	for _, tab := range dictTables {
		for name, keyf := range map[string]func(string) string{
			"exact":   headerKey,
			"strip":   func(s string) string { return strippedKey(s, false) },
			"stripAE": func(s string) string { return strippedKey(s, true) },
		} {
			seen := map[string]meaning{}
			for _, d := range tab.entries {
				k := keyf(d.header)
				if k == "" {
					t.Errorf("%s: header %q has an empty key", tab.name, d.header)
					continue
				}
				if prev, ok := seen[k]; ok && (prev.target != d.target || prev.group != d.group) {
					t.Errorf("%s: %s key %q: %q -> %v/%s but %q -> %v/%s", tab.name, name, k,
						prev.header, prev.target, prev.group, d.header, d.target, d.group)
				}
				seen[k] = meaning{d.target, d.group, d.header}
			}
		}
	}
}

// TestDictAccentFallbackAcrossTables lists keys that only match after
// stripping accents and that different tables read differently although
// they come from different spellings; such a header would get the meaning
// of whichever table comes first. None may exist. (One spelling with two
// meanings, like "Tytuł", is resolved by the detected family, with or
// without its accents.)
func TestDictAccentFallbackAcrossTables(t *testing.T) {
	exact := map[string]bool{}
	for _, tab := range dictTables {
		for k := range tab.exact {
			exact[k] = true
		}
	}
	type hit struct {
		table  string
		target target
		exact  string
	}
	strip := map[string][]hit{}
	for _, tab := range dictTables {
		for k, d := range tab.strip {
			strip[k] = append(strip[k], hit{tab.name, d.target, headerKey(d.header)})
		}
	}
	for k, hits := range strip {
		if exact[k] {
			continue // an exact entry answers first
		}
		for _, h := range hits[1:] {
			if h.target != hits[0].target && h.exact != hits[0].exact {
				t.Errorf("accent-less key %q: %s says %v, %s says %v", k, hits[0].table, hits[0].target, h.table, h.target)
			}
		}
	}
}

func TestTargets(t *testing.T) {
	got := Targets()
	if len(got) != int(tIgnore) {
		t.Fatalf("Targets() has %d names, want %d", len(got), tIgnore)
	}
	for _, name := range got {
		if name == FieldIgnore {
			t.Error("Targets() offers ignore to mapping files")
		}
	}
	for i, name := range got {
		tg, ok := targetByName(name)
		if !ok || int(tg) != i {
			t.Errorf("targetByName(%q) = %v, %v", name, tg, ok)
		}
	}
	for i := tSalutation; i <= tBudget; i++ {
		if !isDataField(i.String()) {
			t.Errorf("%v is below tFullName but no crm data field", i)
		}
	}
}

func isDataField(name string) bool {
	for _, f := range []string{"salutation", "academic_title", "first_name", "last_name", "company", "title", "email",
		"phone", "mobile", "street", "postal_code", "city", "country", "tax_id", "source", "budget"} {
		if f == name {
			return true
		}
	}
	return false
}
