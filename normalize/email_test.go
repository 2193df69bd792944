package normalize

import (
	"errors"
	"golang.org/x/net/publicsuffix"
	"slices"
	"strings"
	"testing"
)

func TestParseEmail(t *testing.T) {
	tests := []struct {
		name, in string
		want     Email
		err      error
	}{
		{"simple", "anna.schmidt@example.de", Email{Address: "anna.schmidt@example.de", Domain: "example.de", ASCII: "anna.schmidt@example.de"}, nil},
		{"upper case and spaces", "  Anna.Schmidt@Example.DE ", Email{Address: "anna.schmidt@example.de", Domain: "example.de", ASCII: "anna.schmidt@example.de"}, nil},
		{"mailto", "mailto:info@firma.pl?subject=Hallo", Email{Address: "info@firma.pl", Domain: "firma.pl", ASCII: "info@firma.pl", Role: true}, nil},
		{"angle brackets", "<j.kowalski@wp.pl>", Email{Address: "j.kowalski@wp.pl", Domain: "wp.pl", ASCII: "j.kowalski@wp.pl", Freemail: true}, nil},
		{"idn", "Jürgen@Müller.de", Email{Address: "jürgen@müller.de", Domain: "müller.de", ASCII: "jürgen@xn--mller-kva.de"}, nil},
		{"punycode input", "info@xn--mller-kva.de", Email{Address: "info@müller.de", Domain: "müller.de", ASCII: "info@xn--mller-kva.de", Role: true}, nil},
		{"gmail", "max.mustermann@gmail.com", Email{Address: "max.mustermann@gmail.com", Domain: "gmail.com", ASCII: "max.mustermann@gmail.com", Freemail: true}, nil},
		{"gmx", "m@gmx.de", Email{Address: "m@gmx.de", Domain: "gmx.de", ASCII: "m@gmx.de", Freemail: true}, nil},
		{"yahoo brand any tld", "a@yahoo.com.br", Email{Address: "a@yahoo.com.br", Domain: "yahoo.com.br", ASCII: "a@yahoo.com.br", Freemail: true}, nil},
		{"t-online", "k@t-online.de", Email{Address: "k@t-online.de", Domain: "t-online.de", ASCII: "k@t-online.de", Freemail: true}, nil},
		{"onet role", "biuro@onet.pl", Email{Address: "biuro@onet.pl", Domain: "onet.pl", ASCII: "biuro@onet.pl", Freemail: true, Role: true}, nil},
		{"role kontakt", "Kontakt@firma.de", Email{Address: "kontakt@firma.de", Domain: "firma.de", ASCII: "kontakt@firma.de", Role: true}, nil},
		{"role with suffix", "info.berlin@firma.de", Email{Address: "info.berlin@firma.de", Domain: "firma.de", ASCII: "info.berlin@firma.de", Role: true}, nil},
		{"plus tag", "sales+lead@firma.co.uk", Email{Address: "sales+lead@firma.co.uk", Domain: "firma.co.uk", ASCII: "sales+lead@firma.co.uk", Role: true}, nil},
		{"subdomain", "a.b@mail.firma.waw.pl", Email{Address: "a.b@mail.firma.waw.pl", Domain: "mail.firma.waw.pl", ASCII: "a.b@mail.firma.waw.pl"}, nil},
		{"empty", "  ", Email{}, ErrEmpty},
		{"display name", "Jürgen Müller <j@x.de>", Email{}, ErrInvalidEmail},
		{"comment", "john@example.com (John)", Email{}, ErrInvalidEmail},
		{"list", "a@x.de, b@x.de", Email{}, ErrInvalidEmail},
		{"no dot", "user@localhost", Email{}, ErrInvalidEmail},
		{"unknown tld", "user@firma.unknowntld", Email{}, ErrInvalidEmail},
		{"suffix only", "user@co.uk", Email{}, ErrInvalidEmail},
		{"ip literal", "foo@[127.0.0.1]", Email{}, ErrInvalidEmail},
		{"double dot", "foo@bar..com", Email{}, ErrInvalidEmail},
		{"space in local", "foo bar@x.de", Email{}, ErrInvalidEmail},
		{"quoted local", `"a b"@x.de`, Email{}, ErrInvalidEmail},
		{"no at", "firma.de", Email{}, ErrInvalidEmail},
		{"trailing dot", "a@b.de.", Email{}, ErrInvalidEmail},
		{"underscore domain", "a@a_b.de", Email{}, ErrInvalidEmail},
		{"hyphen label", "a@-b.de", Email{}, ErrInvalidEmail},
		{"two at", "a@b@c.de", Email{}, ErrInvalidEmail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEmail(tt.in)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("ParseEmail(%q) = %+v, %v, want %+v, %v", tt.in, got, err, tt.want, tt.err)
			}
			if err == nil {
				again, err := ParseEmail(got.Address)
				if err != nil || again != got {
					t.Errorf("ParseEmail(%q) = %+v, %v, want it unchanged", got.Address, again, err)
				}
			}
		})
	}
}

// TestFreemailUnder: the shortcut with a known public suffix answers as
// IsFreemail does, for listed domains, their subdomains, the brands under
// other suffixes and company domains.
func TestFreemailUnder(t *testing.T) {
	doms := []string{"gmail.com", "mail.gmail.com", "yahoo.co.uk", "de.yahoo.com", "hotmail.co.jp", "gmx.net",
		"mail.wp.pl", "wp.pl", "web.de", "siemens.de", "mail.siemens.de", "firma.com.pl", "example.co.uk",
		"outlook.com.br", "live.de", "googlemail.com", "a.b.c.gmx.ch", "t-online.de", "x.t-online.de", "gmail.example.com"}
	for line := range strings.Lines(freemailText) {
		if d := strings.TrimSpace(line); d != "" && d[0] != '#' {
			doms = append(doms, d, "mail."+d)
		}
	}
	for _, d := range doms {
		if !plainDomain(d) {
			continue
		}
		suffix, icann := publicsuffix.PublicSuffix(d)
		if !icann || suffix == d {
			continue
		}
		if got, want := freemailUnder(d, suffix), IsFreemail(d); got != want {
			t.Errorf("freemailUnder(%q, %q) = %t, IsFreemail = %t", d, suffix, got, want)
		}
	}
}

func TestFreemailList(t *testing.T) {
	for _, d := range []string{"gmail.com", "googlemail.com", "yahoo.de", "hotmail.fr", "outlook.com", "live.de", "aol.com",
		"icloud.com", "gmx.net", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de", "posteo.de", "mailbox.org",
		"wp.pl", "onet.pl", "interia.pl", "o2.pl", "gazeta.pl", "op.pl", "tlen.pl", "bluewin.ch", "aon.at", "orange.fr",
		"free.fr", "laposte.net", "btinternet.com", "proton.me", "protonmail.com"} {
		if !IsFreemail(d) {
			t.Errorf("IsFreemail(%q) = false", d)
		}
	}
	if n := len(freemailDomains); n < 150 {
		t.Errorf("freemail list has %d domains, want at least 150", n)
	}
	for _, d := range []string{"siemens.de", "firma.pl", "example.com"} {
		if IsFreemail(d) {
			t.Errorf("IsFreemail(%q) = true", d)
		}
	}
}

func TestIsRoleLocalPart(t *testing.T) {
	for _, l := range []string{"info", "sales", "kontakt", "contact", "office", "biuro", "mail", "admin", "support", "hello",
		"team", "vertrieb", "service", "marketing", "noreply", "no-reply", "info+x", "info-de", "sales.team",
		// A household's mailbox (rev40 s5).
		"familie.brandt", "familie", "family-smith", "fam.brandt", "fam_brandt", "rodzina.nowak", "haushalt.meier",
		"eheleute.schulz", "familiebrandt", "rodzinanowak",
		// Dutch, Nordic, Romance functions (rev49).
		"verkoop", "inkoop.nl", "receptie", "administratie", "salg", "kontor", "ekonomi", "myynti", "accueil", "ventas"} {
		if !IsRoleLocalPart(l) {
			t.Errorf("IsRoleLocalPart(%q) = false", l)
		}
	}
	for _, l := range []string{"anna.schmidt", "jkowalski", "m.mueller", "informatik", "famous", "fama", "family1"} {
		if IsRoleLocalPart(l) {
			t.Errorf("IsRoleLocalPart(%q) = true", l)
		}
	}
}

func TestEmailsIn(t *testing.T) {
	for in, want := range map[string][]string{
		"anna@a.de":                                 {"anna@a.de"},
		"anna@a.de\nanna.privat@gmail.com":          {"anna@a.de", "anna.privat@gmail.com"},
		"anna.nowak@transpol.pl ::: anka@wp.pl":     {"anna.nowak@transpol.pl", "anka@wp.pl"},
		"Eva <kaputt>, Eva Heide <eva@heide.de>":    {"eva@heide.de"},
		"Jan <jan@a.pl>, Jan privat <JAN@A.PL>":     {"jan@a.pl"},
		"bob@b.de / bob@gmail.com; Bob@B.de":        {"bob@b.de", "bob@gmail.com"},
		"carl@c.de oder „c@gmail.com“.":             {"carl@c.de", "c@gmail.com"},
		"kein-at ; dora@d.de":                       {"dora@d.de"},
		"Zofia Wójcik <zofia@wojcik.pl> (prywatny)": {"zofia@wojcik.pl"},
		"kein Eintrag":                              nil,
		"":                                          nil,
	} {
		var got []string
		for _, e := range EmailsIn(in) {
			got = append(got, e.Address)
		}
		if !slices.Equal(got, want) {
			t.Errorf("EmailsIn(%q) = %q, want %q", in, got, want)
		}
	}
}
