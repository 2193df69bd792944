package normalize

import (
	"net/mail"
	"strings"
	"testing"

	"golang.org/x/net/idna"
)

// FuzzSimpleAddress checks that the fast path accepts only what net/mail
// accepts, with the same address.
func FuzzSimpleAddress(f *testing.F) {
	for _, s := range []string{"a@b.de", "j.mueller@mueller-maschinenbau.de", "a..b@x.de", ".a@x.de", "a@-x.de", "a+tag@x.co.uk", "%@x.de", "a@b", "A_B@Example.COM"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		local, domain, ok := simpleAddress(s)
		if !ok {
			return
		}
		a, err := mail.ParseAddress(s)
		if err != nil {
			t.Fatalf("simpleAddress accepts %q, net/mail rejects it: %v", s, err)
		}
		if a.Address != local+"@"+domain || a.Name != "" {
			t.Fatalf("simpleAddress(%q) = %q@%q, net/mail says %q", s, local, domain, a.Address)
		}
		if strings.ContainsAny(local+domain, "@ ") {
			t.Fatalf("simpleAddress(%q) split badly", s)
		}
	})
}

// FuzzPlainDomain checks that the IDNA shortcut agrees with IDNA.
func FuzzPlainDomain(f *testing.F) {
	for _, s := range []string{"example.de", "a-b.co.uk", "-a.de", "a-.de", "xn--mller-kva.de", "müller.de", "a..b", "a", "1.2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !plainDomain(s) {
			return
		}
		a, err := idna.Lookup.ToASCII(s)
		if err != nil || a != s {
			t.Fatalf("plainDomain(%q) but IDNA gives %q, %v", s, a, err)
		}
		u, err := idna.Lookup.ToUnicode(s)
		if err != nil || u != s {
			t.Fatalf("plainDomain(%q) but IDNA Unicode gives %q, %v", s, u, err)
		}
	})
}
