package config

import (
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the parser behind Load: it must never
// panic, and whatever it accepts is in canonical form.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("import:\n  region: de\n  date_order: dmy\n  batch_size: 10\nstore:\n  lock_timeout: 2s\n"))
	f.Add([]byte("import: {region: PL, source: x}\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("store:\n  lock_timeout: [1, 2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err != nil {
			if c != nil {
				t.Fatalf("Parse returned a config and an error")
			}
			return
		}
		if c.Import.Region != "" && !isAlpha2(c.Import.Region) {
			t.Errorf("accepted region %q", c.Import.Region)
		}
		if d := c.Import.DateOrder; d != "" && d != "dmy" && d != "mdy" {
			t.Errorf("accepted date_order %q", d)
		}
		if c.Import.BatchSize < 0 || c.Store.LockTimeout.Duration < 0 {
			t.Errorf("accepted negative values: %+v", c)
		}
	})
}
