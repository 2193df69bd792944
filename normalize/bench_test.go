package normalize

import (
	"fmt"
	"strings"
	"testing"
)

// Field values as they come out of lead lists: mostly clean, some with
// stray spaces, NBSP, decomposed umlauts or zero-width characters.
var benchTexts = []string{
	"Jürgen", "Müller", "Müller GmbH & Co. KG", "info@example.de", "Hauptstraße 12", "10115", "Berlin",
	"  Anna  Schmidt ", "Łódź", "Kowalski\u00a0Sp. z o.o.", "Mu\u0308ller", "Vertrieb\u200b", "Sales Manager", "+49 30 1234567",
}

func BenchmarkText(b *testing.B) {
	b.Run("mixed", func(b *testing.B) {
		i := 0
		for b.Loop() {
			_ = Text(benchTexts[i%len(benchTexts)])
			i++
		}
	})
	b.Run("clean-ascii", func(b *testing.B) {
		for b.Loop() {
			_ = Text("Sales Manager")
		}
	})
	b.Run("clean-latin", func(b *testing.B) {
		for b.Loop() {
			_ = Text("Müller GmbH & Co. KG")
		}
	})
	b.Run("dirty", func(b *testing.B) {
		for b.Loop() {
			_ = Text("  Anna \u00a0Schmidt\u200b ")
		}
	})
}

func BenchmarkFold(b *testing.B) {
	b.Run("mixed", func(b *testing.B) {
		i := 0
		for b.Loop() {
			_ = Fold(benchTexts[i%len(benchTexts)])
			i++
		}
	})
	b.Run("umlaut", func(b *testing.B) {
		i := 0
		for b.Loop() {
			_ = FoldUmlaut(benchTexts[i%len(benchTexts)])
			i++
		}
	})
	b.Run("folded", func(b *testing.B) {
		for b.Loop() {
			_ = Fold("muller gmbh")
		}
	})
}

var benchCompanies = []string{
	"Müller GmbH", "Schmidt GmbH & Co. KG", "Kowalski Sp. z o.o.", "Nowak S.A.", "Acme Holdings, Inc.",
	"Weber AG", "Blumen Meier e.K.", "müller gmbh & co kg", "Dupont Sàrl", "Start UG (haftungsbeschränkt)", "Bäckerei Schulze",
}

func BenchmarkParseCompany(b *testing.B) {
	i := 0
	for b.Loop() {
		_ = ParseCompany(benchCompanies[i%len(benchCompanies)])
		i++
	}
}

// BenchmarkEmailsInList: a cell holding a distribution list pasted in,
// n addresses. Each address is looked up among those before it once, so
// the time per address stays flat as n grows (it grew with n when each
// was compared with every one before it: 5 cells of 16,000 addresses
// took 8 s to import).
func BenchmarkEmailsInList(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		var s strings.Builder
		for i := range n {
			fmt.Fprintf(&s, "p%d@x%d.de; ", i, i%50)
		}
		cell := s.String()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if got := len(EmailsIn(cell)); got != n {
					b.Fatalf("%d addresses, want %d", got, n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/address")
		})
	}
}
