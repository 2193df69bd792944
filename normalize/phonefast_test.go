package normalize

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestPhoneFastMatchesLibrary checks the fast path against libphonenumber
// on example numbers of every region, variants of them, and random digits.
func TestPhoneFastMatchesLibrary(t *testing.T) {
	var regions []string
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	slices.Sort(regions)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	var inputs [][2]string
	for _, r := range regions {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE} {
			ex := phonenumbers.GetExampleNumberForType(r, typ)
			if ex == nil {
				continue
			}
			nsn := phonenumbers.GetNationalSignificantNumber(ex)
			cc := strconv.Itoa(int(ex.GetCountryCode()))
			ndd := phonenumbers.GetNddPrefixForRegion(r, true)
			for _, v := range []string{nsn, mutate(rng, nsn), mutate(rng, nsn), nsn[:len(nsn)-1], nsn + "1"} {
				other := regions[rng.IntN(len(regions))]
				inputs = append(inputs,
					[2]string{"+" + cc + v, ""}, [2]string{"+" + cc + v, r}, [2]string{"+" + cc + "0" + v, ""},
					[2]string{v, r}, [2]string{ndd + v, r}, [2]string{cc + v, r}, [2]string{cc + ndd + v, r},
					[2]string{ndd + v, other}, [2]string{"+" + cc + ndd + v, other})
			}
		}
	}
	for range n {
		d := randDigits(rng, 3+rng.IntN(15))
		r := regions[rng.IntN(len(regions))]
		inputs = append(inputs, [2]string{d, r}, [2]string{"+" + d, r}, [2]string{"+" + d, ""})
	}
	handled, agree := 0, 0
	for _, in := range inputs {
		fast, ok := phoneFast(in[0], in[1])
		if !ok {
			continue
		}
		handled++
		slow := parseValid(in[0], in[1])
		if fast != slow {
			t.Errorf("phoneFast(%q, %q) = %q, libphonenumber %q", in[0], in[1], fast, slow)
			continue
		}
		agree++
	}
	t.Logf("%d inputs, %d on the fast path, all agree: %v", len(inputs), handled, agree == handled)
	if handled < len(inputs)*3/4 {
		t.Errorf("only %d of %d inputs took the fast path", handled, len(inputs))
	}
}

func mutate(rng *rand.Rand, s string) string {
	b := []byte(s)
	i := len(b) - 1 - rng.IntN(min(4, len(b)))
	b[i] = byte('0' + rng.IntN(10))
	return string(b)
}

func randDigits(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + rng.IntN(10))
	}
	return string(b)
}
