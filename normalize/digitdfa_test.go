package normalize

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestDigitDFAMatchesRegexp: for every national number pattern of the
// phone metadata, the automaton and the regexp agree on the pattern's
// example number and variants of it, on strings walked through the
// automaton (mostly matches), and on random digit strings (mostly not).
func TestDigitDFAMatchesRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	patterns, built := 0, 0
	check := func(region string, d *phonenumbers.PhoneNumberDesc) {
		if d == nil || d.GetNationalNumberPattern() == "" {
			return
		}
		pat := d.GetNationalNumberPattern()
		patterns++
		dfa := newDigitDFA(pat)
		if dfa == nil {
			return
		}
		built++
		re := regexp.MustCompile("^(?:" + pat + ")$")
		try := func(s string) {
			got, ok := dfa.match(s)
			if want := re.MatchString(s); !ok || got != want {
				t.Fatalf("%s %q on %q: automaton %v (ok %v), regexp %v", region, pat, s, got, ok, want)
			}
		}
		if ex := d.GetExampleNumber(); ex != "" {
			try(ex)
			try(ex[1:])
			try(ex + "0")
			try(mutate(rng, ex))
		}
		for range 40 {
			// a walk through the automaton, stopping at random at an
			// accepting state
			var b []byte
			st := int32(0)
			for len(b) < 20 {
				if dfa.accept[st] && rng.IntN(3) == 0 {
					break
				}
				var opts []int
				for c, to := range dfa.next[st] {
					if to >= 0 {
						opts = append(opts, c)
					}
				}
				if len(opts) == 0 {
					break
				}
				c := opts[rng.IntN(len(opts))]
				b = append(b, byte('0'+c))
				st = dfa.next[st][c]
			}
			try(string(b))
			n := rng.IntN(18)
			r := make([]byte, n)
			for i := range r {
				r[i] = byte('0' + rng.IntN(10))
			}
			try(string(r))
		}
	}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range coll.GetMetadata() {
		r := m.GetId()
		for _, d := range []*phonenumbers.PhoneNumberDesc{m.GetGeneralDesc(), m.GetFixedLine(), m.GetMobile(),
			m.GetPremiumRate(), m.GetTollFree(), m.GetSharedCost(), m.GetVoip(), m.GetPersonalNumber(),
			m.GetPager(), m.GetUan(), m.GetVoicemail()} {
			check(r, d)
		}
	}
	if built < patterns*95/100 {
		t.Errorf("automata for %d of %d patterns: want nearly all (the rest fall back to the regexp)", built, patterns)
	}
	t.Logf("automata for %d of %d patterns", built, patterns)
	if newDigitDFA(`^\d+$`) != nil {
		t.Error("a pattern with anchors got an automaton")
	}
	if m, ok := newDigitDFA(`\d{3}`).match("12a"); ok || m {
		t.Error("a string with a letter was decided by the automaton")
	}
}

// BenchmarkPhoneDesc compares the automaton with the regexp on a German
// fixed-line pattern.
func BenchmarkPhoneDesc(b *testing.B) {
	d := metaFor("DE", 0).fixed
	nums := []string{"30123456", "8912345678", "40123456789", "123"}
	b.Run("automaton", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			d.full(nums[i%len(nums)])
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			d.re.MatchString(nums[i%len(nums)])
		}
	})
}

// FuzzDigitDFA: for any pattern the automaton takes, it decides every
// string as the regexp does (or leaves a non-digit string to it).
func FuzzDigitDFA(f *testing.F) {
	f.Add(`(?:1[0-8]|[2-9]\d)\d{6,8}`, "3012345678")
	f.Add(`[1-9]\d{8}|800\d{0,4}`, "800")
	f.Add(`(?:a|\d)*x?`, "123")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 200 || len(s) > 40 {
			return
		}
		re, err := regexp.Compile("^(?:" + pattern + ")$")
		dfa := newDigitDFA(pattern)
		if err != nil || dfa == nil {
			return
		}
		got, ok := dfa.match(s)
		if want := re.MatchString(s); ok && got != want {
			t.Fatalf("%q on %q: automaton %v, regexp %v", pattern, s, got, want)
		}
	})
}
