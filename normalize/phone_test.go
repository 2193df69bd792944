package normalize

import (
	"errors"
	"strconv"
	"testing"
)

func TestParsePhone(t *testing.T) {
	tests := []struct {
		name, in, region string
		want             Phone
		err              error
	}{
		{"de trunk in brackets", "+49 (0)30 1234567", "", Phone{E164: "+49301234567"}, nil},
		{"de 00 prefix", "0049 30 1234567", "DE", Phone{E164: "+49301234567"}, nil},
		// The "+" lost (an Excel number cell): libphonenumber alone gives
		// +49491701234567, DE's number plan being loose enough.
		{"de plus dropped, mobile", "491701234567", "DE", Phone{E164: "+491701234567"}, nil},
		{"de plus dropped, 13 digits", "4915123456789", "DE", Phone{E164: "+4915123456789"}, nil},
		{"de plus dropped, trunk in brackets", "49 (0)30 1234567", "DE", Phone{E164: "+49301234567"}, nil},
		{"ch plus dropped, trunk in brackets, de row", "41 (0)44 1234567", "DE", Phone{E164: "+41441234567"}, nil},
		{"at plus dropped", "436641234567", "AT", Phone{E164: "+436641234567"}, nil},
		{"de leading 0 lost stays national", "301234567", "DE", Phone{E164: "+49301234567"}, nil},
		// An area code that starts with the calling code, its 0 lost.
		{"de Emden, 0 lost", "4921 98765", "DE", Phone{E164: "+49492198765"}, nil},
		{"de Papenburg, 0 lost", "4961 123456", "DE", Phone{E164: "+494961123456"}, nil},
		{"de Emden, 0 lost, no break", "492198765", "DE", Phone{E164: "+49492198765"}, nil},
		{"at Wolfsberg, 0 lost", "4352 12345", "AT", Phone{E164: "+43435212345"}, nil},
		{"de plus dropped, grouped", "49 170 1234567", "DE", Phone{E164: "+491701234567"}, nil},
		// A mobile number whose "+" was lost, grouped after the mobile prefix.
		{"de plus dropped, mobile grouped", "49151 12345678", "DE", Phone{E164: "+4915112345678"}, nil},
		{"at plus dropped, mobile grouped", "43664 1234567", "AT", Phone{E164: "+436641234567"}, nil},
		// Long, but a landline: stays national, as written.
		{"de Papenburg long, 0 lost", "4961 12345678", "DE", Phone{E164: "+49496112345678"}, nil},
		{"de plus dropped, dashes", "49-30-1234567", "DE", Phone{E164: "+49301234567"}, nil},
		{"pl plus dropped", "48601234567", "PL", Phone{E164: "+48601234567"}, nil},
		{"de 00 prefix other region", "0049 30 1234567", "US", Phone{E164: "+49301234567"}, nil},
		{"de 00 and trunk", "0049 (0) 30 1234567", "", Phone{E164: "+49301234567"}, nil},
		{"de slash", "030/1234567", "DE", Phone{E164: "+49301234567"}, nil},
		{"de region lower case", "030/1234567", "de", Phone{E164: "+49301234567"}, nil},
		{"de mobile", "0171 1234567", "DE", Phone{E164: "+491711234567"}, nil},
		{"de switchboard -0 stays", "(030) 1234567-0", "DE", Phone{E164: "+493012345670"}, nil},
		{"de ext", "+49 30 1234567 ext. 12", "", Phone{E164: "+49301234567", Ext: "12"}, nil},
		{"de x ext", "+49 30 1234567 x12", "", Phone{E164: "+49301234567", Ext: "12"}, nil},
		{"de hash ext", "+49 30 1234567#12", "", Phone{E164: "+49301234567", Ext: "12"}, nil},
		{"de durchwahl", "030 1234567 Durchwahl 12", "DE", Phone{E164: "+49301234567", Ext: "12"}, nil},
		{"de tel uri", "tel:+49-30-1234567", "", Phone{E164: "+49301234567"}, nil},
		{"de rfc3966 ext", "tel:+49-30-1234567;ext=99", "", Phone{E164: "+49301234567", Ext: "99"}, nil},
		{"de label", "Tel.: 030 1234567", "DE", Phone{E164: "+49301234567"}, nil},
		{"de unicode dash", "030 – 1234567", "DE", Phone{E164: "+49301234567"}, nil},
		{"at trunk", "+43 (0)1 5123456", "", Phone{E164: "+4315123456"}, nil},
		{"ch trunk", "+41 (0)44 668 18 00", "", Phone{E164: "+41446681800"}, nil},
		{"pl mobile", "601-234-567", "PL", Phone{E164: "+48601234567"}, nil},
		{"pl intl", "+48 601 234 567", "", Phone{E164: "+48601234567"}, nil},
		{"pl wrong trunk dropped", "+48 (0)22 123 45 67", "", Phone{E164: "+48221234567"}, nil},
		{"pl 00 wrong trunk dropped", "0048 (0)22 123 45 67", "", Phone{E164: "+48221234567"}, nil},
		{"pl wew", "22 123 45 67 wew. 12", "PL", Phone{E164: "+48221234567", Ext: "12"}, nil},
		{"it leading zero kept", "+39 (0)6 12345678", "", Phone{E164: "+390612345678"}, nil},
		{"us brackets", "(212) 555-1234", "US", Phone{E164: "+12125551234"}, nil},
		{"us dots", "212.555.1234", "US", Phone{E164: "+12125551234"}, nil},
		{"us 1 prefix", "1-212-555-1234", "US", Phone{E164: "+12125551234"}, nil},
		{"us intl in de file", "+1 212 555 1234", "DE", Phone{E164: "+12125551234"}, nil},
		{"us vanity", "1-800-FLOWERS", "US", Phone{E164: "+18003569377"}, nil},
		// A label after the number is no vanity number's letters.
		{"de label after", "089 45670 Zentrale", "DE", Phone{E164: "+498945670"}, nil},
		{"de label after in brackets", "030 1234567 (Büro)", "DE", Phone{E164: "+49301234567"}, nil},
		{"pl label after", "22 123 45 67 centrala", "PL", Phone{E164: "+48221234567"}, nil},
		{"gb label after", "020 7946 0958 (switchboard)", "GB", Phone{E164: "+442079460958"}, nil},
		{"de words after", "089 45670 nur vormittags", "DE", Phone{}, ErrInvalidPhone},
		{"us lower-case vanity", "1-800-flowers", "US", Phone{}, ErrInvalidPhone},
		// libphonenumber's other extension words are no label either.
		{"it int ext", "+39 02 1234567 int. 12", "", Phone{E164: "+39021234567", Ext: "12"}, nil},
		{"es anexo ext", "+34 91 123 45 67 anexo 12", "", Phone{E164: "+34911234567", Ext: "12"}, nil},
		{"us xtn ext", "+1 704-332-1460 xtn 211", "", Phone{E164: "+17043321460", Ext: "211"}, nil},
		{"gb", "020 7946 0958", "GB", Phone{E164: "+442079460958"}, nil},
		{"gb trunk", "+44 (0)20 7946 0958", "", Phone{E164: "+442079460958"}, nil},
		{"fr", "01 23 45 67 89", "FR", Phone{E164: "+33123456789"}, nil},
		{"nl mobile", "+31 6 12345678", "", Phone{E164: "+31612345678"}, nil},
		// A number Excel took for a number and wrote in scientific
		// notation: read when every digit is there, else named as such.
		{"excel exponent, all digits", "4.91711234567E+11", "DE", Phone{E164: "+491711234567"}, nil},
		{"excel exponent, decimal comma", "4,91711234567E+11", "DE", Phone{E164: "+491711234567"}, nil},
		{"excel exponent, leading 0 lost", "1.711234567E+9", "DE", Phone{E164: "+491711234567"}, nil},
		{"excel exponent, digits lost", "4.91712E+11", "DE", Phone{}, ErrPhoneExponent},
		{"excel exponent, digits lost, comma", "4,91712E+11", "DE", Phone{}, ErrPhoneExponent},
		{"excel exponent, invalid", "4.91712E+11", "DE", Phone{}, ErrInvalidPhone},
		{"empty", "  ", "DE", Phone{}, ErrEmpty},
		{"too short", "12", "DE", Phone{}, ErrInvalidPhone},
		{"no region no country code", "030 1234567", "", Phone{}, ErrPhoneNoCountry},
		{"vanity without region", "1-800-FLOWERS", "", Phone{}, ErrPhoneNoCountry},
		{"short without region", "123", "", Phone{}, ErrInvalidPhone},
		{"too long", "+4930123456789012345", "", Phone{}, ErrInvalidPhone},
		{"two numbers", "030 1234567 / 0171 1234567", "DE", Phone{}, ErrInvalidPhone},
		{"letters", "call me", "DE", Phone{}, ErrInvalidPhone},
		{"bad region", "030 1234567", "Germany", Phone{}, ErrInvalidPhone},
		{"unknown country code", "+999 1234567", "", Phone{}, ErrInvalidPhone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// twice: the second call is answered from the cache
			for range 2 {
				got, err := ParsePhone(tt.in, tt.region)
				if !errors.Is(err, tt.err) || got != tt.want {
					t.Fatalf("ParsePhone(%q, %q) = %+v, %v, want %+v, %v", tt.in, tt.region, got, err, tt.want, tt.err)
				}
			}
		})
	}
}

func TestShardedCacheBounded(t *testing.T) {
	c := newShardedCache(4, 8)
	for i := range 1000 {
		c.put(strconv.Itoa(i), "x")
	}
	n := 0
	for i := range c.shards {
		n += len(c.shards[i].m)
	}
	if n > 4*8 {
		t.Errorf("cache holds %d entries, want at most %d", n, 4*8)
	}
	if v, ok := c.get([]byte("999")); !ok || v != "x" {
		t.Errorf("last entry missing")
	}
}

// benchDigits returns n pseudo-random digits derived from i (splitmix64),
// the first one from 2-9 when nonZero.
func benchDigits(i uint64, n int, nonZero bool) string {
	x := i*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	b := make([]byte, n)
	for k := range b {
		x ^= x >> 31
		x *= 0xBF58476D1CE4E5B9
		x ^= x >> 29
		b[k] = byte('0' + x%10)
		if k == 0 && nonZero {
			b[k] = byte('2' + x%8)
		}
	}
	return string(b)
}

// benchCountry makes valid national significant numbers the way lead lists
// hold them (see shared/bench/gen_leads.go).
type benchCountry struct {
	region, cc string
	nsn        func(i uint64) string
}

var benchCountries = []benchCountry{
	{"DE", "49", func(i uint64) string {
		return []string{"30", "40", "89", "69", "221"}[i%5] + benchDigits(i, 7, true)
	}},
	{"DE", "49", func(i uint64) string { return []string{"171", "176", "160"}[i%3] + benchDigits(i, 7, false) }},
	{"PL", "48", func(i uint64) string { return []string{"60", "69", "79", "88", "51"}[i%5] + benchDigits(i, 7, false) }},
	{"US", "1", func(i uint64) string {
		return []string{"212", "312", "415", "617", "718", "801"}[i%6] + benchDigits(i, 3, true) + benchDigits(i+1, 4, false)
	}},
	{"GB", "44", func(i uint64) string { return []string{"207", "203", "208"}[i%3] + benchDigits(i, 7, false) }},
	{"FR", "33", func(i uint64) string {
		return strconv.Itoa(int(1+i%4)) + strconv.Itoa(int(1+i/4%5)) + benchDigits(i, 7, false)
	}},
}

// benchPhone returns the i-th benchmark number in one of six written forms,
// with the region of the lead list.
func benchPhone(i int) (string, string) {
	c := benchCountries[i%len(benchCountries)]
	nsn := c.nsn(uint64(i))
	national := "0" + nsn
	if c.region == "PL" {
		national = nsn
	} else if c.region == "US" {
		national = "1" + nsn
	}
	switch (i / len(benchCountries)) % 6 {
	case 0:
		return "+" + c.cc + nsn, ""
	case 1:
		return "+" + c.cc + " " + nsn[:3] + " " + nsn[3:6] + " " + nsn[6:], c.region
	case 2:
		return "00" + c.cc + " " + nsn, c.region
	case 3:
		switch c.region {
		case "US":
			return "(" + nsn[:3] + ") " + nsn[3:6] + "-" + nsn[6:], c.region
		case "PL":
			return nsn[:3] + "-" + nsn[3:6] + "-" + nsn[6:], c.region
		}
		return national[:4] + "/" + national[4:], c.region
	case 4:
		if c.region == "DE" {
			return "+" + c.cc + " (0)" + nsn[:3] + "-" + nsn[3:], c.region
		}
		if c.region == "US" {
			return nsn[:3] + "." + nsn[3:6] + "." + nsn[6:], c.region
		}
		return national[:2] + " " + national[2:6] + " " + national[6:], c.region
	default:
		return national, c.region
	}
}

func TestBenchPhonesValid(t *testing.T) {
	for i := range 2000 {
		s, r := benchPhone(i)
		if _, err := ParsePhone(s, r); err != nil {
			t.Errorf("ParsePhone(%q, %q): %v", s, r, err)
		}
	}
}

// BenchmarkParsePhone/unique parses a new number on every call, like an
// import of distinct leads: every call misses the cache. /repeated cycles
// through 1000 numbers, like re-imports and duplicates: cache hits.
func BenchmarkParsePhone(b *testing.B) {
	b.Run("unique", func(b *testing.B) {
		i := 1 << 20
		for b.Loop() {
			s, r := benchPhone(i)
			i++
			if _, err := ParsePhone(s, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unique-library", func(b *testing.B) {
		// the same numbers through phonenumbers.Parse + IsValidNumber +
		// Format alone, for comparison
		i := 1 << 20
		for b.Loop() {
			s, r := benchPhone(i)
			i++
			_, _ = parsePhoneSlow(s, phoneRegion(r))
		}
	})
	b.Run("repeated", func(b *testing.B) {
		in := make([][2]string, 1000)
		for i := range in {
			in[i][0], in[i][1] = benchPhone(i)
		}
		i := 0
		for b.Loop() {
			p := in[i%len(in)]
			i++
			if _, err := ParsePhone(p[0], p[1]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("empty", func(b *testing.B) {
		for b.Loop() {
			_, _ = ParsePhone("", "DE")
		}
	})
}
