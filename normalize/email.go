package normalize

import (
	_ "embed"
	"net/mail"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

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

// EmailsIn returns the valid addresses a cell holds, in order and each
// once. A cell may hold one address, an address with a display name ("Eva
// Heide <eva@heide.de>", as Outlook and mail clients copy an address) or
// several addresses (Google's " ::: ", a line break typed with Alt+Enter,
// ";", ",", " / ", "oder").
func EmailsIn(v string) []Email {
	var out []Email
	EachEmailIn(v, func(em Email) bool {
		out = append(out, em)
		return true
	})
	return out
}

// EachEmailIn calls yield with each address EmailsIn(v) returns, in
// order, until yield returns false: a caller that needs the first few
// addresses of a cell holding a whole mailing list parses no more.
func EachEmailIn(v string, yield func(Email) bool) {
	t := Text(v)
	if em, err := ParseEmail(t); err == nil {
		yield(em)
		return
	}
	// The addresses yielded so far, each once; a cell may hold
	// thousands (a distribution list pasted in), so they are looked up
	// in a set, not by comparing each with all before it.
	seen := map[string]bool{}
	stop := false
	add := func(em Email) {
		if stop || seen[em.Address] {
			return
		}
		seen[em.Address] = true
		stop = !yield(em)
	}
	if strings.ContainsRune(t, '<') {
		if list, err := mail.ParseAddressList(t); err == nil {
			for _, a := range list {
				if em, err := ParseEmail(a.Address); err == nil {
					if add(em); stop {
						return
					}
				}
			}
			if len(seen) > 0 {
				return
			}
		}
	}
	// Addresses hold no spaces: any run of separators splits them.
	for part := range strings.FieldsFuncSeq(v, func(r rune) bool {
		return r == ';' || r == ',' || r == ':' || r == '/' || r == '<' || r == '>' || unicode.IsSpace(r)
	}) {
		if strings.ContainsRune(part, '@') {
			// „max@firma.de“, 'max@firma.de', max@firma.de. at a
			// sentence's end: quotes and the closing dot are no part.
			part = strings.TrimRight(strings.Trim(strings.TrimRight(part, ".,"), emailQuotes), ".")
			if em, err := ParseEmail(part); err == nil {
				if add(em); stop {
					return
				}
			}
		}
	}
}

// emailQuotes are the quotation marks written around an address.
const emailQuotes = "\"'„“”‚‘’«»‹›()[]"

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
	if local, _, ok := simpleAddress(t); ok {
		// Fast path for the plain addresses that make up nearly every
		// list: no need for the full RFC 5322 parser.
		// ASCII lower-casing keeps every byte in place: the address
		// is local@dom of the lower-cased text.
		lt := strings.ToLower(t)
		return finishEmail(lt[:len(local)], lt[len(local)+1:], lt)
	}
	a, err := mail.ParseAddress(t)
	if err != nil || a.Name != "" {
		return Email{}, ErrInvalidEmail
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at <= 0 {
		return Email{}, ErrInvalidEmail
	}
	e, err := finishEmail(lowerRunes(a.Address[:at]), a.Address[at+1:], "")
	if err != nil {
		return Email{}, err
	}
	// The lower-cased address must still parse, so that ParseEmail of its own
	// Address gives the same result.
	if b, err := mail.ParseAddress(e.Address); err != nil || b.Address != e.Address {
		return Email{}, ErrInvalidEmail
	}
	return e, nil
}

// finishEmail checks the domain and builds the result from a lower-case
// local part. joined, when not empty, is local+"@"+dom: where the domain's
// forms are dom itself (a plain domain), it is the address, and the two
// concatenations of every address are saved.
func finishEmail(local, dom, joined string) (Email, error) {
	d, ok := lookupDomain(dom)
	if !ok {
		return Email{}, ErrInvalidEmail
	}
	e := Email{
		Domain:   d.unicode,
		Freemail: d.freemail,
		Role:     IsRoleLocalPart(local),
	}
	if joined != "" && d.unicode == dom {
		e.Address = joined
	} else {
		e.Address = local + "@" + d.unicode
	}
	if joined != "" && d.ascii == dom {
		e.ASCII = joined
	} else if d.ascii == d.unicode {
		e.ASCII = e.Address
	} else {
		e.ASCII = local + "@" + d.ascii
	}
	if len(local) > maxLocalPart || len(e.ASCII) > maxAddress {
		return Email{}, ErrInvalidEmail
	}
	return e, nil
}

// simpleAddress recognises an all-ASCII address whose local part is a
// dot-atom of letters, digits and . _ % + - and whose domain is made of
// letters, digits, dots and hyphens: exactly what net/mail accepts for such
// input, at a fraction of the cost.
func simpleAddress(t string) (local, domain string, ok bool) {
	at := strings.IndexByte(t, '@')
	if at <= 0 || at == len(t)-1 {
		return "", "", false
	}
	local, domain = t[:at], t[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return "", "", false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
			return "", "", false
		}
	}
	if domain[0] == '.' || domain[0] == '-' || domain[len(domain)-1] == '.' || strings.Contains(domain, "..") {
		return "", "", false
	}
	for i := 0; i < len(domain); i++ {
		c := domain[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return "", "", false
		}
	}
	return local, domain, true
}

// plainDomain reports whether dom is a lower-case LDH domain that IDNA
// leaves as it is: labels of 1 to 63 letters, digits and inner hyphens, at
// least two labels, no "xn--" or other "??--" label, at most 253 bytes.
func plainDomain(dom string) bool {
	if len(dom) == 0 || len(dom) > 253 || strings.Contains(dom, "xn--") {
		return false
	}
	labels, start := 0, 0
	for i := 0; i <= len(dom); i++ {
		if i < len(dom) && dom[i] != '.' {
			c := dom[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
			continue
		}
		n := i - start
		if n == 0 || n > 63 || dom[start] == '-' || dom[i-1] == '-' || n >= 4 && dom[start+2:start+4] == "--" {
			return false // IDNA reserves "??--" labels
		}
		labels++
		start = i + 1
	}
	return labels >= 2
}

// domainInfo is what an address's domain tells, cached per domain: many
// addresses of a list share few domains, and IDNA plus the public-suffix
// look-up cost more than the rest of ParseEmail.
type domainInfo struct {
	ascii, unicode string
	freemail       bool
}

const maxCachedDomains = 1 << 16

var (
	domainCache      sync.Map // string -> domainInfo, or struct{} for invalid
	domainCacheCount atomic.Int64
)

func lookupDomain(dom string) (domainInfo, bool) {
	if plainDomain(dom) {
		// Cheaper to check than to look up (BENCHMARKS.md).
		return checkPlainDomain(dom)
	}
	if v, ok := domainCache.Load(dom); ok {
		d, valid := v.(domainInfo)
		return d, valid
	}
	d, valid := checkIDNDomain(dom)
	if domainCacheCount.Load() < maxCachedDomains {
		domainCacheCount.Add(1)
		if valid {
			domainCache.Store(dom, d)
		} else {
			domainCache.Store(dom, struct{}{})
		}
	}
	return d, valid
}

// checkPlainDomain checks a domain of letters, digits and hyphens only,
// without punycode (plainDomain): IDNA maps such a domain to itself, so
// its look-ups are skipped (they cost more than the rest of ParseEmail).
func checkPlainDomain(dom string) (domainInfo, bool) {
	suffix, icann := publicsuffix.PublicSuffix(dom)
	if !icann || suffix == dom {
		return domainInfo{}, false
	}
	return domainInfo{ascii: dom, unicode: dom, freemail: freemailUnder(dom, suffix)}, true
}

// checkIDNDomain checks any other domain through IDNA.
func checkIDNDomain(dom string) (domainInfo, bool) {
	ascii, err := idna.Lookup.ToASCII(dom)
	if err != nil || !strings.Contains(ascii, ".") {
		return domainInfo{}, false
	}
	if suffix, icann := publicsuffix.PublicSuffix(ascii); !icann || suffix == ascii {
		return domainInfo{}, false
	}
	unicode, err := idna.Lookup.ToUnicode(ascii)
	if err != nil || unicode == "" || unicode[0] == '.' || unicode[len(unicode)-1] == '.' || strings.Contains(unicode, "..") {
		return domainInfo{}, false
	}
	// The Unicode form must lead back to the same ASCII form, so that a
	// normalized address parses to itself.
	if back, err := idna.Lookup.ToASCII(unicode); err != nil || back != ascii {
		return domainInfo{}, false
	}
	return domainInfo{ascii: ascii, unicode: unicode, freemail: IsFreemail(ascii)}, true
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

// freemailUnder is IsFreemail for a plain domain whose public suffix is
// known: it spares the two look-ups of the suffix IsFreemail makes.
func freemailUnder(domain, suffix string) bool {
	if freemailDomains[domain] {
		return true
	}
	n := len(domain) - len(suffix) - 1 // the dot before the suffix
	if n <= 0 || domain[n] != '.' || domain[n+1:] != suffix {
		return false
	}
	start := strings.LastIndexByte(domain[:n], '.') + 1
	// domain[start:] is the registrable domain, domain[start:n] its label.
	return freemailDomains[domain[start:]] || freemailBrands[domain[start:n]]
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
	// Dutch and Flemish.
	"verkoop": true, "inkoop": true, "receptie": true, "administratie": true,
	"boekhouding": true, "facturen": true, "facturatie": true, "klantenservice": true,
	"secretariaat": true, "algemeen": true, "planning": true,
	// Danish, Norwegian, Swedish, Finnish.
	"salg": true, "kontor": true, "ekonomi": true, "okonomi": true,
	"kundeservice": true, "kundservice": true, "forsaljning": true, "salj": true,
	"regnskab": true, "bogholderi": true, "asiakaspalvelu": true,
	"myynti": true, "toimisto": true, "laskutus": true,
	// French, Spanish, Italian.
	"accueil": true, "commercial": true, "compta": true, "comptabilite": true,
	"ventas": true, "vendite": true, "amministrazione": true, "contabilidad": true,
	"ufficio": true, "segreteria": true, "recepcion": true,
}

// householdWords start the mailbox of a household, which a family shares
// like a firm its info@: "familie.brandt", "fam-brandt", "rodzina_nowak".
var householdWords = map[string]bool{
	"familie": true, "family": true, "fam": true, "famille": true, "famiglia": true,
	"familia": true, "familj": true, "gezin": true, "rodzina": true, "haushalt": true,
	"household": true, "eheleute": true, "eheleut": true, "ehepaar": true,
}

// householdJoined are the household words that also start a mailbox
// written without a separator ("familiebrandt", "rodzinanowak"); short
// ones ("fam") would start too many names.
var householdJoined = []string{"familie", "family", "famille", "rodzina", "haushalt", "eheleute", "ehepaar"}

// IsRoleLocalPart reports whether an e-mail local part (lower-case) names a
// function rather than a person: "info", "vertrieb", "biuro", also with a
// "+tag" or a suffix after '.', '-' or '_' ("info.berlin", "sales-de"), or a
// household ("familie.brandt", "fam-brandt", "rodzina.nowak",
// "familiebrandt"), which a family shares.
func IsRoleLocalPart(local string) bool {
	if i := strings.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	if roleLocalParts[local] || householdWords[local] {
		return true
	}
	if i := strings.IndexAny(local, ".-_"); i > 0 {
		return roleLocalParts[local[:i]] || householdWords[local[:i]]
	}
	for _, w := range householdJoined {
		if len(local) >= len(w)+3 && strings.HasPrefix(local, w) {
			return true
		}
	}
	return false
}
