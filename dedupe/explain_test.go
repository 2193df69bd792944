package dedupe

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// update rewrites the golden files of this package.
var update = flag.Bool("update", false, "rewrite golden files")

// TestExplainGolden pins the text of Result.String for the kinds of pairs
// users ask about: it is what `leads show --explain` and `dedupe --explain`
// print. Review a rewrite (go test ./dedupe -run TestExplainGolden -update)
// with git diff.
func TestExplainGolden(t *testing.T) {
	m := NewMatcher(DefaultConfig())
	tests := []struct {
		name string
		a, b *crm.Lead
	}{
		{
			"german: initial, umlaut transliterated, legal form spelt out",
			lead(2, "first_name", "J.", "last_name", "Mueller", "company", "MUELLER GMBH & CO. KG",
				"email", "Juergen.Mueller@Mueller-GmbH.de", "postal_code", "10115", "country", "DE"),
			lead(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
				"email", "juergen.mueller@mueller-gmbh.de", "phone", "+49301234567", "street", "Hauptstraße 5",
				"postal_code", "10115", "city", "Berlin", "country", "DE"),
		},
		{
			"polish: diacritics dropped, legal form in words",
			lead(2, "first_name", "Lukasz", "last_name", "Wisniewski", "company", "KOWALSKI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
				"phone", "+48221234567", "street", "Długa 5", "postal_code", "00-238", "country", "PL"),
			lead(1, "first_name", "Łukasz", "last_name", "Wiśniewski", "company", "Kowalski Sp. z o.o.",
				"email", "l.wisniewski@kowalski.pl", "phone", "+48221234567", "street", "ul. Długa 5",
				"postal_code", "00-238", "city", "Warszawa", "country", "PL"),
		},
		{
			"swapped first and last name, private address",
			lead(2, "first_name", "MÜLLER", "last_name", "JÜRGEN", "company", "Müller",
				"email", "juergen.mueller@gmx.de", "street", "Hauptstr. 5", "postal_code", "10115", "country", "DE"),
			lead(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
				"email", "juergen.mueller@mueller-gmbh.de", "street", "Hauptstraße 5",
				"postal_code", "10115", "city", "Berlin", "country", "DE"),
		},
		{
			"vetoed: different tax ids",
			lead(2, "first_name", "Jan", "last_name", "Nowak", "company", "Nowak S.A.",
				"email", "jan@nowak.pl", "tax_id", "PL7740001454", "country", "PL"),
			lead(1, "first_name", "Jan", "last_name", "Nowak", "company", "Nowak S.A.",
				"email", "jan@nowak.pl", "tax_id", "PL5260250274", "country", "PL"),
		},
	}
	decisions := map[Decision]string{New: "new", Review: "review", Merge: "merge"}
	var b strings.Builder
	for i, tt := range tests {
		ra, rb := m.Record(tt.a), m.Record(tt.b)
		res := m.Explain(&ra, &rb)
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "== %s: %s\n%s", tt.name, decisions[m.Decide(res, true)], res)
	}
	got := b.String()

	golden := filepath.Join("testdata", "explain.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./dedupe -run TestExplainGolden -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("Result.String differs from %s (rewrite with -update and review the diff):\n--- got\n%s--- want\n%s", golden, got, want)
	}
}
