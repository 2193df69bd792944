package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Company is a company name with its legal form recognised.
type Company struct {
	Name      string // cleaned display name, legal form kept: "Müller GmbH & Co. KG"
	Base      string // without legal form: "Müller"
	LegalForm string // canonical legal form: "GmbH & Co. KG", "Sp. z o.o.", "Inc.", ...
	Key       string // Fold(Base) with punctuation removed, for matching
}

// legalForm is one legal form: its canonical spelling and the spellings
// recognised, written the way people write them; they are compared in
// compact form (see compactForm).
type legalForm struct {
	canon    string
	spelling []string
	// dotted forms are recognised only when written with a dot, since
	// without one they are ordinary words or abbreviations ("Spa", "EU").
	dotted bool
	// partnership forms may follow another legal form without "& Co.":
	// "Sp. z o.o. sp.k.".
	partnership bool
}

var legalForms = []legalForm{
	// Germany, Austria, Switzerland
	{canon: "GmbH", spelling: []string{"GmbH", "Gesellschaft mit beschränkter Haftung", "Ges.m.b.H.", "GesmbH", "Ges.mbH", "G.m.b.H."}},
	{canon: "gGmbH", spelling: []string{"gGmbH"}},
	{canon: "mbH", spelling: []string{"mbH", "m.b.H."}},
	{canon: "AG", spelling: []string{"AG", "Aktiengesellschaft"}},
	{canon: "KG", spelling: []string{"KG", "Kommanditgesellschaft"}},
	{canon: "KGaA", spelling: []string{"KGaA", "Kommanditgesellschaft auf Aktien"}},
	{canon: "OHG", spelling: []string{"OHG", "oHG", "offene Handelsgesellschaft"}},
	{canon: "OG", spelling: []string{"OG", "offene Gesellschaft"}},
	{canon: "GbR", spelling: []string{"GbR", "Gesellschaft bürgerlichen Rechts"}},
	{canon: "PartG mbB", spelling: []string{"PartG mbB", "PartGmbB"}},
	{canon: "PartG", spelling: []string{"PartG", "Partnerschaftsgesellschaft"}},
	{canon: "UG (haftungsbeschränkt)", spelling: []string{"UG (haftungsbeschränkt)", "UG (haftungsbeschraenkt)", "UG (hb)", "UG haftungsbeschränkt", "UG"}},
	{canon: "SE", spelling: []string{"SE", "Societas Europaea"}},
	{canon: "e.K.", spelling: []string{"e.K.", "e.Kfm.", "e.Kfr.", "eingetragener Kaufmann", "eingetragene Kauffrau"}, dotted: true},
	{canon: "e.V.", spelling: []string{"e.V.", "eingetragener Verein"}, dotted: true},
	{canon: "e.U.", spelling: []string{"e.U.", "eingetragenes Unternehmen"}, dotted: true},
	{canon: "eG", spelling: []string{"eG", "e.G.", "eingetragene Genossenschaft"}},
	// Poland
	{canon: "Sp. z o.o.", spelling: []string{"Sp. z o.o.", "spółka z o.o.", "spolka z o.o.", "spółka z ograniczoną odpowiedzialnością", "spolka z ograniczona odpowiedzialnoscia"}},
	{canon: "S.A.", spelling: []string{"S.A.", "SA", "Spółka Akcyjna", "Spolka Akcyjna"}},
	{canon: "P.S.A.", spelling: []string{"P.S.A.", "prosta spółka akcyjna"}},
	{canon: "sp.k.", spelling: []string{"sp.k.", "spółka komandytowa", "spolka komandytowa"}, partnership: true},
	{canon: "S.K.A.", spelling: []string{"S.K.A.", "spółka komandytowo-akcyjna"}, partnership: true},
	{canon: "sp.j.", spelling: []string{"sp.j.", "spółka jawna", "spolka jawna"}, partnership: true},
	{canon: "sp.p.", spelling: []string{"sp.p.", "spółka partnerska"}, partnership: true},
	{canon: "s.c.", spelling: []string{"s.c.", "spółka cywilna", "spolka cywilna"}, dotted: true},
	// English-speaking countries
	{canon: "Ltd.", spelling: []string{"Ltd.", "Limited", "Ltd"}},
	{canon: "Pty Ltd", spelling: []string{"Pty Ltd", "Pty. Ltd.", "Pty Limited", "Proprietary Limited"}},
	{canon: "PLC", spelling: []string{"PLC", "public limited company"}},
	{canon: "LLP", spelling: []string{"LLP", "L.L.P."}},
	{canon: "L.P.", spelling: []string{"L.P.", "LP"}},
	{canon: "LLC", spelling: []string{"LLC", "L.L.C."}},
	{canon: "Inc.", spelling: []string{"Inc.", "Incorporated"}},
	{canon: "Corp.", spelling: []string{"Corp.", "Corporation"}},
	{canon: "Co.", spelling: []string{"Co."}},
	{canon: "Co., Ltd.", spelling: []string{"Co., Ltd.", "Company Limited"}},
	// France, Benelux, southern Europe
	{canon: "SARL", spelling: []string{"SARL", "S.à r.l.", "société à responsabilité limitée"}},
	{canon: "SAS", spelling: []string{"SAS", "S.A.S.", "société par actions simplifiée"}},
	{canon: "SASU", spelling: []string{"SASU"}},
	{canon: "EURL", spelling: []string{"EURL"}},
	{canon: "SNC", spelling: []string{"SNC"}},
	{canon: "B.V.", spelling: []string{"B.V.", "Besloten Vennootschap"}},
	{canon: "N.V.", spelling: []string{"N.V.", "Naamloze Vennootschap"}},
	{canon: "BVBA", spelling: []string{"BVBA", "B.V.B.A."}},
	{canon: "S.r.l.", spelling: []string{"S.r.l.", "Società a responsabilità limitata"}},
	{canon: "S.p.A.", spelling: []string{"S.p.A.", "Società per azioni"}, dotted: true},
	{canon: "S.L.", spelling: []string{"S.L.", "SL", "Sociedad Limitada"}},
	{canon: "S.L.U.", spelling: []string{"S.L.U.", "SLU"}},
	{canon: "S.A.U.", spelling: []string{"S.A.U.", "SAU"}},
	{canon: "Lda.", spelling: []string{"Lda.", "Limitada"}},
	// Nordics, Czechia, Slovakia
	{canon: "AB", spelling: []string{"AB", "Aktiebolag"}},
	{canon: "AB (publ)", spelling: []string{"AB (publ)"}},
	{canon: "AS", spelling: []string{"AS", "Aksjeselskap"}},
	{canon: "ASA", spelling: []string{"ASA"}},
	{canon: "A/S", spelling: []string{"A/S"}},
	{canon: "ApS", spelling: []string{"ApS"}},
	{canon: "Oy", spelling: []string{"Oy"}},
	{canon: "Oyj", spelling: []string{"Oyj"}},
	{canon: "s.r.o.", spelling: []string{"s.r.o.", "spol. s r.o."}},
	{canon: "a.s.", spelling: []string{"a.s."}, dotted: true},
	{canon: "Kft.", spelling: []string{"Kft.", "Kft"}},
	{canon: "Zrt.", spelling: []string{"Zrt.", "Zrt"}},
	{canon: "d.o.o.", spelling: []string{"d.o.o."}},
}

// coConnectors join two legal forms or a name and a form: "GmbH & Co. KG".
var coConnectors = []string{"&Co.", "&Cie.", "und Co.", "u. Co.", "+Co."}

const coCanon = "& Co."

// legalFormIndex maps the compact form of each spelling to its form. For a
// compact key shared by an undotted and a dotted spelling ("as": "AS" and
// Czech "a.s."), the undotted form wins and the dotted one is kept in
// dottedIndex.
var legalFormIndex, dottedIndex, maxFormKey = func() (m, dm map[string]*legalForm, maxLen int) {
	m = make(map[string]*legalForm)
	dm = make(map[string]*legalForm)
	for i := range legalForms {
		f := &legalForms[i]
		for _, sp := range f.spelling {
			k := compactForm(sp)
			if f.dotted {
				dm[k] = f
			} else if _, dup := m[k]; !dup {
				m[k] = f
			}
			maxLen = max(maxLen, len(k))
		}
	}
	return m, dm, maxLen
}()

// formEntry is what formIndex holds for one compact key: the undotted form
// of legalFormIndex and the dotted one of dottedIndex, either may be nil.
type formEntry struct{ f, df *legalForm }

// formIndex merges legalFormIndex and dottedIndex, so that matchFormAt
// looks a key up once.
var formIndex = func() map[string]formEntry {
	m := make(map[string]formEntry, len(legalFormIndex)+len(dottedIndex))
	for k, f := range legalFormIndex {
		e := m[k]
		e.f = f
		m[k] = e
	}
	for k, f := range dottedIndex {
		e := m[k]
		e.df = f
		m[k] = e
	}
	return m
}()

// formLens has, per last byte of a compact key, bit n set when some key of
// formIndex with n bytes ends in that byte; matchFormAt skips the lengths
// no key can have. It is unused (formLensOK false) if a key is 64 bytes or
// longer.
var formLens, formLensOK = func() (t [256]uint64, ok bool) {
	for k := range formIndex {
		if len(k) >= 64 {
			return t, false
		}
		t[k[len(k)-1]] |= 1 << len(k)
	}
	return t, true
}()

// coKeys are the compact forms of coConnectors. No key is a suffix of
// another, so at most one matches at a given end and their order does not
// matter.
var coKeys = func() []string {
	ks := make([]string, 0, len(coConnectors))
	for _, c := range coConnectors {
		ks = append(ks, compactForm(c))
	}
	return ks
}()

// compactForm is the comparison form of a legal form: folded, with only
// letters, digits, '&', '+' and '/' kept ("Sp. z o. o." -> "spzoo").
func compactForm(s string) string {
	b, _ := appendCompact(nil, nil, s)
	return string(b)
}

// appendCompact appends compactForm(s) to b and, for each byte of it, the
// offset in s of the rune it came from to off.
func appendCompact(b []byte, off []int, s string) ([]byte, []int) {
	for i, r := range s {
		var f string
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '&', c == '/', c == '+':
			default:
				continue
			}
			b = append(b, c)
			off = append(off, i)
			continue
		case r < rune(len(foldLatin)):
			f = foldLatin[r]
		default:
			f = foldRune(r)
		}
		for j := 0; j < len(f); j++ {
			if f[j] != ' ' {
				b = append(b, f[j])
				off = append(off, i)
			}
		}
	}
	return b, off
}

// ParseCompany recognises legal forms (GmbH, GmbH & Co. KG, AG, UG
// (haftungsbeschränkt), KG, OHG, e.K., SE, Sp. z o.o., S.A., sp.k., sp.j.,
// Ltd, Limited, PLC, LLP, Inc., LLC, Corp., Co., SARL, SAS, B.V., N.V., ...) in
// any spelling and case at the end of the name, and the few written in
// front (frontForms: "AB Volvo", "Oy Karl Fazer Ab").
//
// Spelling, case, accents, spaces and dots are ignored when matching
// ("gmbh & co kg", "Sp. z o. o.", "spółka z ograniczoną odpowiedzialnością",
// "Sàrl"). A form must stand after a word break and leave a non-empty Base.
// Combined forms are recognised as one: "GmbH & Co. KG", "AG & Co. KGaA",
// "Sp. z o.o. sp.k.", and a bare "& Co." / "& Co. KG" after a name.
//
// Name is Base, a space and the canonical LegalForm ("Acme Holdings, Inc." ->
// "Acme Holdings Inc."), with a form written in front kept there ("AB
// Volvo"; LegalForm "AB"; for "Oy Nokia Ab" "Oy AB"), so
// ParseCompany(c.Name) == c. Base keeps its words and case as written
// (cleaned with Text).
//
// Key is the match key of Base: Fold after removing dots and apostrophes
// inside words ("A.B.C." and "ABC" share "abc"), with the connectors "&",
// "+", "und", "u", "and", "et", "i" dropped, so "Müller & Söhne" and "Müller
// und Söhne" share "muller sohne". Umlauts are not expanded; use
// FoldUmlaut(Base) for a second key.
func ParseCompany(s string) Company {
	c := parseCompany(Text(s))
	// Rendering Name can join a short last word of the base with the form
	// into another form ("A&SA" -> "A S.A.", which reads as "ASA"). Parse
	// such names again until they are stable, so that ParseCompany(c.Name)
	// == c; names whose base ends in a longer word are stable as they are.
	for i := 0; i < 3 && c.LegalForm != "" && shortLastWord(c.Base); i++ {
		again := parseCompany(c.Name)
		if again == c {
			break
		}
		c = again
	}
	return c
}

func parseCompany(t string) Company {
	base, form := splitLegalForm(t)
	c := Company{Base: base, LegalForm: form, Name: base}
	if b, front := splitFrontForm(base, form); front != "" {
		// "AB Volvo", "Oy Karl Fazer Ab": the name stays as written.
		c.Base, c.LegalForm = b, front
		if form != "" {
			c.LegalForm = front + " " + form
		}
		c.Name = front + " " + b
	}
	if form != "" {
		c.Name += " " + form
	}
	c.Key = companyKey(c.Base)
	return c
}

// frontForms are the legal forms also written before the name: Swedish
// firms write AB in front or at the end ("AB Volvo", "Volvo Cars AB"),
// Finnish ones Oy in front with the Swedish Ab at the end ("Oy Karl
// Fazer Ab"), and older Danish and Dutch names put A/S, N.V. and B.V.
// first ("A/S Norske Shell", "N.V. Nederlandsche Spoorwegen"). N.V. and
// B.V. count only with their dots ("NV Energy" is Nevada's). Forms that
// only stand at the end (GmbH, AG, AS, ASA, Oyj) are not here: "AG Barr"
// and "AS Roma" are no legal forms in front. with is the form at the end
// that may come with the one in front; none other may.
var frontForms = []struct {
	spelling, canon, with string
	dotted                bool
}{
	{spelling: "AB", canon: "AB"},
	{spelling: "Aktiebolaget", canon: "AB"},
	{spelling: "Oy", canon: "Oy", with: "AB"},
	{spelling: "A/S", canon: "A/S"},
	{spelling: "N.V.", canon: "N.V.", dotted: true},
	{spelling: "B.V.", canon: "B.V.", dotted: true},
}

// splitFrontForm takes a legal form off the front of base, the name
// without the form at its end (form): the canonical front form and the
// rest, or front "" when there is none. Something with a letter or digit
// must be left.
func splitFrontForm(base, form string) (rest, front string) {
	w, after, ok := strings.Cut(base, " ")
	if !ok || !strings.ContainsFunc(after, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return base, ""
	}
	for _, f := range frontForms {
		// As written, in any case: "A.B. Dick" is no AB.
		spelt := strings.EqualFold(w, f.spelling) || f.dotted && strings.EqualFold(w+".", f.spelling)
		if spelt && (form == "" || form == f.with) {
			return after, f.canon
		}
	}
	return base, ""
}

// shortLastWord reports whether the last run of letters and digits in s
// has at most two of them.
func shortLastWord(s string) bool {
	n := 0
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if n > 0 {
				break
			}
			continue
		}
		if n++; n > 2 {
			return false
		}
	}
	return true
}

// splitLegalForm finds the legal form at the end of t.
func splitLegalForm(t string) (base, form string) {
	// The compact form lives on the stack for all but very long names:
	// allocated, it and its offsets were 3% of an import's allocations.
	// It is only read during this call, never kept.
	var bufArr [96]byte
	var offArr [96]int
	buf, off := appendCompact(bufArr[:0], offArr[:0], t)
	compact := unsafe.String(unsafe.SliceData(buf), len(buf))
	end := len(compact)
	outer, start, ok := matchFormAt(t, compact, off, end)
	if !ok {
		return t, ""
	}
	form = outer.canon
	// Separators that trimBase removes from the base must not hide a
	// connector or form before them ("X &Co& AB"), or a second parse of
	// Name would find one.
	start = skipSeparators(compact, start)
	// "& Co." before the form, and an inner form before that.
	if co, ok := matchCoAt(t, compact, off, start); ok {
		start = co
		form = coCanon + " " + form
		if inner, s, ok := matchFormAt(t, compact, off, skipSeparators(compact, start)); ok && trimBase(t[:off[s]]) != "" {
			start = s
			form = inner.canon + " " + form
		}
	} else if outer.partnership {
		if inner, s, ok := matchFormAt(t, compact, off, skipSeparators(compact, start)); ok && trimBase(t[:off[s]]) != "" {
			start = s
			form = inner.canon + " " + form
		}
	}
	base = trimBase(t[:off[start]])
	if base == "" {
		return t, ""
	}
	return base, form
}

// skipSeparators moves end back over '&', '+' and '/' in compact.
func skipSeparators(compact string, end int) int {
	for end > 0 && strings.IndexByte("&+/", compact[end-1]) >= 0 {
		end--
	}
	return end
}

// matchCoAt matches a connector or a bare "& Co." ending at compact[:end];
// it also accepts "& Co." at the very end of the name ("Müller & Co.").
func matchCoAt(t, compact string, off []int, end int) (int, bool) {
	for _, k := range coKeys {
		if strings.HasSuffix(compact[:end], k) {
			start := end - len(k)
			// Something must stand before it, even if only punctuation
			// that the comparison form drops ("! & Co.").
			if trimBase(t[:off[start]]) != "" && (k[0] == '&' || k[0] == '+' || atWordStart(t, off[start])) {
				return start, true
			}
		}
	}
	return 0, false
}

// matchFormAt finds the longest legal form ending at compact[:end] that
// starts at a word break, leaving something before it.
func matchFormAt(t, compact string, off []int, end int) (*legalForm, int, bool) {
	if co, ok := matchCoAt(t, compact, off, end); ok && end == len(compact) {
		// "Müller & Co." ends in a connector: the form is "& Co." itself.
		return &legalForm{canon: coCanon}, co, true
	}
	var lens uint64
	if end > 0 {
		lens = formLens[compact[end-1]]
	}
	for n := min(maxFormKey, end); n > 0; n-- {
		if formLensOK && lens&(1<<n) == 0 {
			continue // no key of n bytes ends in this byte
		}
		start := end - n
		k := compact[start:end]
		e, found := formIndex[k]
		if !found {
			continue
		}
		f, ok := e.f, e.f != nil
		df, dok := e.df, e.df != nil
		if !atWordStart(t, off[start]) || trimBase(t[:off[start]]) == "" {
			continue // not a word of its own, or nothing left for the name
		}
		// the original text of the form, to check for a dot
		spanEnd := len(t)
		if end < len(off) {
			spanEnd = off[end]
		}
		span := t[off[start]:spanEnd]
		if strings.ContainsRune(span, ' ') && !afterSpace(t, off[start]) {
			// A form of several words must stand apart from the name:
			// in "!A S.A." the A belongs to the name.
			continue
		}
		dotted := strings.Contains(span, ".")
		switch {
		case dok && dotted:
			return df, start, true
		case ok:
			return f, start, true
		}
	}
	return nil, 0, false
}

// afterSpace reports whether the byte before offset i in t is a space or
// one of the separators a legal form may follow: , ; ( /.
func afterSpace(t string, i int) bool {
	return i > 0 && strings.IndexByte(" ,;(/", t[i-1]) >= 0
}

// atWordStart reports whether the rune before offset i in t is no letter or
// digit, and i > 0.
func atWordStart(t string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// trimBase removes the separators left between a name and its form.
func trimBase(s string) string {
	return strings.TrimRight(s, " ,;-–—/(&+")
}

// keyWords are the words a company key writes another way: the
// connectors it leaves out ("" : "und", "and", "i", ...) and the
// abbreviations it spells out, which are no word of their own in any
// language the lists come from ("Intl", "Int'l", "Mfg", "Bros").
// Abbreviations that are also words or acronyms count only with their
// dot (dottedWords). Kept short on purpose: "Int." and "Univ." stand for
// several words ("International", "Internationale"; "University",
// "Universität"), so no one spelling would meet them all.
var keyWords = map[string]string{
	"und": "", "u": "", "and": "", "et": "", "i": "", "y": "",
	"intl": "international", "mfg": "manufacturing", "bros": "brothers",
}

// dottedWords are the abbreviations that keyWords spells out only when
// written with their dot: "Dt. Telekom" is Deutsche Telekom, "DT Swiss"
// is no Deutsche Swiss. "Dt." stands for every form of "deutsch";
// "Deutsche" is by far the commonest in company names (Deutsche Bank,
// Deutsche Post, Deutsche Windtechnik).
var dottedWords = [...]struct{ short, long string }{{"Dt.", "Deutsche"}}

// dottedWord returns the spelling out of w in dottedWords, ok false if
// there is none.
func dottedWord(w string) (long string, ok bool) {
	for _, d := range dottedWords {
		if strings.EqualFold(w, d.short) {
			return d.long, true
		}
	}
	return "", false
}

// hasKeyWord reports whether a folded name holds a word of keyWords.
func hasKeyWord(folded string) bool {
	for folded != "" {
		w, rest, _ := strings.Cut(folded, " ")
		if _, ok := keyWords[w]; ok {
			return true
		}
		folded = rest
	}
	return false
}

// spellDotted spells out the words of dottedWords in base; it allocates
// only when there is one.
func spellDotted(base string) string {
	found := false
	for rest := base; rest != "" && !found; {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		_, found = dottedWord(w)
	}
	if !found {
		return base
	}
	words := strings.Fields(base)
	for i, w := range words {
		if long, ok := dottedWord(w); ok {
			words[i] = long
		}
	}
	return strings.Join(words, " ")
}

// joinWordMarks removes the dots and apostrophes that may stand inside a
// company's words ("A.B.C.", "O'Neil"), so that spellings with and without
// them share a key.
func joinWordMarks(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '.', '\'', '’', '`', '´', 'ʼ':
			return -1
		}
		return r
	}, s)
}

// companyKey builds Company.Key from a base name.
func companyKey(base string) string {
	if strings.Contains(base, ".") {
		base = spellDotted(base)
	}
	folded := Fold(joinWordMarks(base)) // lower-case words, single spaces
	if !hasKeyWord(folded) {
		return folded
	}
	words := strings.Fields(folded)
	kept := words[:0]
	for _, w := range words {
		if long, ok := keyWords[w]; !ok {
			kept = append(kept, w)
		} else if long != "" {
			kept = append(kept, long)
		}
	}
	return strings.Join(kept, " ")
}
