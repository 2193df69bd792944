package normalize

import (
	_ "embed"
	"net/mail"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Email is a normalized e-mail address.
//
// The whole address is lower-cased: mailboxes are case-insensitive at every
// provider leads come from, and a lower-case address is what dedupe needs.
type Email struct {
	Address  string // lower-case, domain in Unicode form: "jürgen@müller.de"
	Domain   string // lower-case Unicode domain
	ASCII    string // address with the domain IDNA-encoded (xn--...), for keys
	Freemail bool   // gmail.com, web.de, gmx.de, t-online.de, wp.pl, onet.pl, ...
	Role     bool   // info@, sales@, kontakt@, biuro@, office@, ...
}

// Length limits of RFC 5321.
const (
	maxLocalPart = 64
	maxAddress   = 254
)

// ParseEmail validates and normalizes one address. It accepts surrounding
// white space, "mailto:" and angle brackets; it rejects display names,
// comments, lists, quoted local parts, domain literals, a domain without a
// dot, a domain that is itself a public suffix ("co.uk") and a domain whose
// suffix is not on the ICANN public suffix list. Errors wrap ErrEmpty or
// ErrInvalidEmail.
func ParseEmail(s string) (Email, error) {
	t := Text(s)
	if len(t) >= 7 && strings.EqualFold(t[:7], "mailto:") {
		t = strings.TrimSpace(t[7:])
		if i := strings.IndexByte(t, '?'); i >= 0 {
			t = t[:i]
		}
	}
	if t == "" {
		return Email{}, ErrEmpty
	}
	if len(t) > 2*maxAddress || strings.ContainsAny(t, "\"[]") {
		return Email{}, ErrInvalidEmail
	}
	a, err := mail.ParseAddress(t)
	if err != nil || a.Name != "" {
		return Email{}, ErrInvalidEmail
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at <= 0 {
		return Email{}, ErrInvalidEmail
	}
	local := lowerRunes(a.Address[:at])
	ascii, err := idna.Lookup.ToASCII(a.Address[at+1:])
	if err != nil || !strings.Contains(ascii, ".") {
		return Email{}, ErrInvalidEmail
	}
	if suffix, icann := publicsuffix.PublicSuffix(ascii); !icann || suffix == ascii {
		return Email{}, ErrInvalidEmail
	}
	domain, err := idna.Lookup.ToUnicode(ascii)
	if err != nil {
		return Email{}, ErrInvalidEmail
	}
	e := Email{
		Address:  local + "@" + domain,
		Domain:   domain,
		ASCII:    local + "@" + ascii,
		Freemail: IsFreemail(ascii),
		Role:     IsRoleLocalPart(local),
	}
	if len(local) > maxLocalPart || len(e.ASCII) > maxAddress {
		return Email{}, ErrInvalidEmail
	}
	// The lower-cased address must still parse, so that ParseEmail of its own
	// Address gives the same result.
	if b, err := mail.ParseAddress(e.Address); err != nil || b.Address != e.Address {
		return Email{}, ErrInvalidEmail
	}
	return e, nil
}

//go:embed freemail.txt
var freemailText string

var freemailDomains = func() map[string]bool {
	m := make(map[string]bool)
	for line := range strings.Lines(freemailText) {
		line = strings.TrimSpace(line)
		if line != "" && line[0] != '#' {
			m[line] = true
		}
	}
	return m
}()

// freemailBrands are freemail providers under any public suffix
// (yahoo.com.br, hotmail.be, gmx.fr, ...).
var freemailBrands = map[string]bool{
	"yahoo": true, "ymail": true, "hotmail": true, "outlook": true,
	"live": true, "gmx": true, "googlemail": true, "gmail": true,
}

// IsFreemail reports whether the domain (lower-case, ASCII or Unicode form)
// belongs to a freemail provider, on a curated list of about 180 domains
// (freemail.txt) plus the big brands under any public suffix. Subdomains
// count ("mail.wp.pl" is wp.pl).
func IsFreemail(domain string) bool {
	if freemailDomains[domain] {
		return true
	}
	etld1, err := publicsuffix.EffectiveTLDPlusOne(domain)
	if err != nil {
		return false
	}
	if freemailDomains[etld1] {
		return true
	}
	suffix, _ := publicsuffix.PublicSuffix(etld1)
	return freemailBrands[strings.TrimSuffix(etld1, "."+suffix)]
}

// roleLocalParts are mailboxes of a function rather than a person.
var roleLocalParts = map[string]bool{
	"info": true, "information": true, "sales": true, "kontakt": true,
	"contact": true, "contacto": true, "office": true, "biuro": true,
	"mail": true, "email": true, "e-mail": true, "post": true, "poczta": true,
	"admin": true, "administrator": true, "support": true, "hello": true,
	"hallo": true, "hi": true, "team": true, "vertrieb": true, "verkauf": true,
	"sprzedaz": true, "handel": true, "service": true, "kundenservice": true,
	"customerservice": true, "marketing": true, "noreply": true,
	"no-reply": true, "no_reply": true, "donotreply": true, "mailer-daemon": true,
	"postmaster": true, "hostmaster": true, "webmaster": true, "abuse": true,
	"billing": true, "invoice": true, "invoices": true, "rechnung": true,
	"rechnungen": true, "faktura": true, "faktury": true, "buchhaltung": true,
	"accounting": true, "ksiegowosc": true, "finance": true, "finanzen": true,
	"hr": true, "jobs": true, "job": true, "karriere": true, "career": true,
	"careers": true, "bewerbung": true, "praca": true, "rekrutacja": true,
	"press": true, "presse": true, "media": true, "news": true,
	"newsletter": true, "help": true, "hilfe": true, "pomoc": true,
	"order": true, "orders": true, "bestellung": true, "zamowienia": true,
	"shop": true, "sklep": true, "sekretariat": true, "secretary": true,
	"reception": true, "empfang": true, "enquiries": true, "inquiries": true,
	"enquiry": true, "anfrage": true, "anfragen": true, "zentrale": true,
	"central": true, "it": true, "legal": true, "datenschutz": true,
	"privacy": true, "dpo": true, "security": true, "kancelaria": true,
	"recepcja": true, "dispo": true, "einkauf": true, "purchasing": true,
	"zakupy": true, "export": true, "import": true, "logistik": true,
	"logistyka": true, "technik": true, "projekt": true, "projekte": true,
}

// IsRoleLocalPart reports whether an e-mail local part (lower-case) names a
// function rather than a person: "info", "vertrieb", "biuro", also with a
// "+tag" or a suffix after '.', '-' or '_' ("info.berlin", "sales-de").
func IsRoleLocalPart(local string) bool {
	if i := strings.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	if roleLocalParts[local] {
		return true
	}
	if i := strings.IndexAny(local, ".-_"); i > 0 {
		return roleLocalParts[local[:i]]
	}
	return false
}
