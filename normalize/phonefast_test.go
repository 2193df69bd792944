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

// TestIsMobileMatchesLibrary checks IsMobile against libphonenumber's
// GetNumberType on example numbers of every type and region, variants of
// them, and random digits.
func TestIsMobileMatchesLibrary(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var inputs []string
	for r := range phonenumbers.GetSupportedRegions() {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE,
			phonenumbers.TOLL_FREE, phonenumbers.VOIP, phonenumbers.PAGER} {
			ex := phonenumbers.GetExampleNumberForType(r, typ)
			if ex == nil {
				continue
			}
			nsn := phonenumbers.GetNationalSignificantNumber(ex)
			cc := "+" + strconv.Itoa(int(ex.GetCountryCode()))
			inputs = append(inputs, cc+nsn, cc+mutate(rng, nsn), cc+mutate(rng, nsn), cc+nsn[:len(nsn)-1], cc+nsn+"1")
		}
	}
	for range 3000 {
		inputs = append(inputs, "+"+randDigits(rng, 6+rng.IntN(10)))
	}
	mobiles, checked := 0, 0
	for _, in := range inputs {
		want := false
		if num, err := phonenumbers.Parse(in, ""); err == nil {
			if phonenumbers.Format(num, phonenumbers.E164) != in {
				continue // IsMobile reads E.164 as ParsePhone writes it
			}
			want = phonenumbers.GetNumberType(num) == phonenumbers.MOBILE
			if fixed := phonenumbers.GetNumberType(num) == phonenumbers.FIXED_LINE; IsLandline(in) != fixed {
				t.Errorf("IsLandline(%q) = %v, libphonenumber %v", in, !fixed, fixed)
			}
		}
		checked++
		if got := IsMobile(in); got != want {
			t.Errorf("IsMobile(%q) = %v, libphonenumber %v", in, got, want)
		}
		if want {
			mobiles++
		}
	}
	t.Logf("%d numbers in E.164, %d mobile", checked, mobiles)
	if checked < len(inputs)/2 || mobiles < checked/10 {
		t.Errorf("%d of %d numbers checked, %d mobiles: the test checks too little", checked, len(inputs), mobiles)
	}
	for in, want := range map[string]bool{"+4930405060": true, "+48226543210": true, "+491711234567": false, "+12125551234": false, "0301234567": false} {
		if IsLandline(in) != want {
			t.Errorf("IsLandline(%q) = %t, want %t", in, !want, want)
		}
	}
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"+491711234567", true},   // DE 0171
		{"+4930405060", false},    // DE Berlin landline
		{"+48601234567", true},    // PL 601
		{"+48226543210", false},   // PL Warsaw landline
		{"+447911123456", true},   // GB 07911
		{"+12125551234", false},   // US: fixed line or mobile
		{"+43664123456", true},    // AT 0664
		{"+491711234567x", false}, // not E.164
		{"0171 1234567", false},
		{"", false},
		{"+", false},
	} {
		if got := IsMobile(c.in); got != c.want {
			t.Errorf("IsMobile(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func BenchmarkIsMobile(b *testing.B) {
	nums := []string{"+491711234567", "+4930405060", "+48601234567", "+48226543210", "+447911123456", "+12125551234"}
	b.Run("fast", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			IsMobile(nums[i%len(nums)])
		}
	})
	b.Run("library", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			num, err := phonenumbers.Parse(nums[i%len(nums)], "")
			_ = err == nil && phonenumbers.GetNumberType(num) == phonenumbers.MOBILE
		}
	})
}
