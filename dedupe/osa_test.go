package dedupe

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hbollon/go-edlib"
)

// TestOSAWithin: osaWithin is edlib's OSA distance, cut at k+1, on
// random strings of a few letters (so that they are often close), with
// umlauts, and longer than its stack buffers.
func TestOSAWithin(t *testing.T) {
	rng := rand.New(rand.NewPCG(57, 1))
	alpha := []rune("abcäöüß .@")
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(alpha[rng.IntN(len(alpha))])
		}
		return b.String()
	}
	mutate := func(s string) string {
		r := []rune(s)
		for range rng.IntN(4) {
			switch i := rng.IntN(len(r) + 1); rng.IntN(4) {
			case 0:
				r = append(r[:i], append([]rune{alpha[rng.IntN(len(alpha))]}, r[i:]...)...)
			case 1:
				if i < len(r) {
					r = append(r[:i], r[i+1:]...)
				}
			case 2:
				if i < len(r) {
					r[i] = alpha[rng.IntN(len(alpha))]
				}
			case 3:
				if i+1 < len(r) {
					r[i], r[i+1] = r[i+1], r[i]
				}
			}
		}
		return string(r)
	}
	check := func(a, b string) {
		d := edlib.OSADamerauLevenshteinDistance(a, b)
		for k := range 5 {
			if got := osaWithin(a, b, k); got != min(d, k+1) {
				t.Fatalf("osaWithin(%q, %q, %d) = %d, want %d (distance %d)", a, b, k, got, min(d, k+1), d)
			}
		}
	}
	for _, p := range [][2]string{{"", ""}, {"", "ab"}, {"ab", ""}, {"ab", "ba"}, {"ca", "abc"}, {"müller", "mueller"}} {
		check(p[0], p[1])
	}
	for range 20000 {
		a := word(rng.IntN(12))
		check(a, mutate(a))
		check(a, word(rng.IntN(12)))
	}
	for range 200 {
		a := word(60 + rng.IntN(30))
		check(a, mutate(a))
	}
}

func BenchmarkOSAWithin(b *testing.B) {
	x, y := "anna.mueller1987@bauer-consulting.de", "a.mueller@bauer-consulting.de"
	b.Run("edlib", func(b *testing.B) {
		for b.Loop() {
			_ = edlib.OSADamerauLevenshteinDistance(x, y) <= 2
		}
	})
	b.Run("within", func(b *testing.B) {
		for b.Loop() {
			_ = osaWithin(x, y, 2) <= 2
		}
	})
}
