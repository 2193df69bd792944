package normalize

import (
	"strings"
	"testing"
	"time"
)

// TestLongInput guards against quadratic work on huge cells: every function
// must finish a 200 KB value quickly.
func TestLongInput(t *testing.T) {
	inputs := []string{
		strings.Repeat(".", 200_000),
		strings.Repeat("Dr. ", 50_000),
		strings.Repeat("PhD ", 50_000),
		strings.Repeat("a,", 100_000),
		strings.Repeat("Müller GmbH & Co. KG ", 10_000),
		strings.Repeat("1", 200_000),
		strings.Repeat("\u200b ", 100_000),
		strings.Repeat("+49 ", 50_000),
	}
	funcs := map[string]func(string){
		"Text":          func(s string) { Text(s) },
		"Fold":          func(s string) { Fold(s); FoldUmlaut(s) },
		"NameCase":      func(s string) { NameCase(s) },
		"SplitFullName": func(s string) { SplitFullName(s) },
		"SplitPrefix":   func(s string) { SplitPrefix(s) },
		"ParseEmail":    func(s string) { _, _ = ParseEmail(s) },
		"ParsePhone":    func(s string) { _, _ = ParsePhone(s, "DE") },
		"ParseCompany":  func(s string) { ParseCompany(s) },
		"Country":       func(s string) { _, _ = Country(s) },
		"PostalCode":    func(s string) { _, _ = PostalCode(s, "DE") },
		"ParseDate":     func(s string) { _, _ = ParseDate(s, DMY) },
		"ParseMoney":    func(s string) { _, _ = ParseMoney(s) },
		"TaxID":         func(s string) { _, _ = TaxID(s, "DE") },
		"Salutation":    func(s string) { Salutation(s) },
	}
	for name, fn := range funcs {
		t.Run(name, func(t *testing.T) {
			for _, in := range inputs {
				start := time.Now()
				fn(in)
				if d := time.Since(start); d > 2*time.Second {
					t.Errorf("%s on %d bytes took %v", name, len(in), d)
				}
			}
		})
	}
}
