package normalize

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Name is a person's name split into its parts.
type Name struct {
	Salutation    string // canonical: "Herr", "Frau", "Mr", "Mrs", "Ms", "Pan", "Pani", ...
	AcademicTitle string // "Dr.", "Prof. Dr.", "Dipl.-Ing.", "dr inż.", ...
	First         string
	Last          string
}

// salutations maps a salutation, lower-case and without dots, to its
// canonical form.
var salutations = map[string]string{
	"herr": "Herr", "herrn": "Herr", "hr": "Herr", "hrn": "Herr",
	"frau": "Frau", "fr": "Frau", "fräulein": "Frau", "frl": "Frau",
	"mr": "Mr", "mister": "Mr",
	"mrs": "Mrs", "missus": "Mrs",
	"ms": "Ms", "miss": "Miss", "mx": "Mx",
	"pan": "Pan", "pani": "Pani",
	"monsieur": "Monsieur", "madame": "Madame", "mme": "Madame",
	"mademoiselle": "Mademoiselle", "mlle": "Mademoiselle",
	"signor": "Signor", "sig": "Signor", "signore": "Signor",
	"signora": "Signora", "sigra": "Signora",
	"señor": "Señor", "senor": "Señor", "sr": "Señor",
	"señora": "Señora", "senora": "Señora", "sra": "Señora",
	"mevrouw": "Mevrouw", "mevr": "Mevrouw",
}

// Salutation maps "Herr", "Hr.", "Mr.", "Mister", "Frau", "Fr.", "Mrs", "Ms.",
// "Pan", "Pani", "Monsieur", "Madame", ... to its canonical form; ok is
// false when s is no salutation. Case, dots and a trailing colon or comma
// are ignored.
func Salutation(s string) (canonical string, ok bool) {
	t := strings.TrimRight(Text(s), ":,")
	if t == "" || len(t) > 20 {
		return "", false
	}
	canonical, ok = salutations[strings.ReplaceAll(strings.ToLower(t), ".", "")]
	return canonical, ok
}

// Academic titles. A title token is compared lower-case with its trailing
// dot removed.
var (
	// prefixTitles are titles that stand on their own before a name. The
	// second form is used when the title was written all lower-case, which
	// is how Polish writes them ("dr", "prof.").
	prefixTitles = map[string][2]string{
		"dr":          {"Dr.", "dr"},
		"prof":        {"Prof.", "prof."},
		"dr.-ing":     {"Dr.-Ing.", "Dr.-Ing."},
		"dr-ing":      {"Dr.-Ing.", "Dr.-Ing."},
		"mag":         {"Mag.", "Mag."},
		"mag.a":       {"Mag.a", "Mag.a"},
		"mgr":         {"mgr", "mgr"},
		"inż":         {"inż.", "inż."},
		"inz":         {"inż.", "inż."},
		"lic":         {"lic.", "lic."},
		"lek":         {"lek.", "lek."},
		"priv.-doz":   {"Priv.-Doz.", "Priv.-Doz."},
		"univ.-prof":  {"Univ.-Prof.", "Univ.-Prof."},
		"univ-prof":   {"Univ.-Prof.", "Univ.-Prof."},
		"hon.-prof":   {"Hon.-Prof.", "Hon.-Prof."},
		"professor":   {"Prof.", "prof."},
		"professorin": {"Prof.", "prof."},
		"pd":          {"PD", "PD"},
		// Austria: the double degrees and the professional titles the
		// state awards (Berufstitel), which Austrian lists write before
		// the degrees: "KommR Ing. Franz Leitner".
		"mmag":          {"MMag.", "MMag."},
		"ddr":           {"DDr.", "DDr."},
		"kommr":         {"KommR", "KommR"},
		"kommerzialrat": {"KommR", "KommR"},
		"ostr":          {"OStR", "OStR"},
		"regr":          {"RegR", "RegR"},
		"medr":          {"MedR", "MedR"},
		"hofrat":        {"Hofrat", "Hofrat"},
		// Netherlands: doctorandus, written lower-case.
		"drs": {"drs.", "drs."},
		// Czechia and Slovakia: the doctorates.
		"mudr": {"MUDr.", "MUDr."}, "judr": {"JUDr.", "JUDr."}, "rndr": {"RNDr.", "RNDr."},
		"phdr": {"PhDr.", "PhDr."}, "mvdr": {"MVDr.", "MVDr."}, "paeddr": {"PaedDr.", "PaedDr."},
	}
	// capsTitles are titles written in capitals without a dot, matched as
	// written: the Austrian Diplom-Ingenieur ("DI", "DDI") and
	// Kommerzialrat ("KR"). "DI" is also the Italian particle ("DI MAIO
	// Luigi"), so they count as titles only before a word with a
	// lower-case letter, or alone.
	capsTitles = map[string]string{"DI": "DI", "DDI": "DDI", "KR": "KR"}
	// dottedTitles count as titles only when written with their dot, since
	// without it they are also given names or initials ("Ing", "Doc").
	dottedTitles = map[string]string{
		"ing":   "Ing.",
		"doc":   "doc.",
		"dipl":  "Dipl.",
		"dkfm":  "DKfm.",
		"bmstr": "Bmstr.", // Austrian Baumeister
		"ir":    "ir.",    // Dutch ingenieur
		"bc":    "Bc.",    // Czech and Slovak bachelor
	}
	// facultyTitles follow "Dr." (and "lek."): "Dr. med.", "Dr. rer. nat.",
	// "dr hab.", "Dr. h.c.", "dr n. med.". The bool says whether the
	// faculty is recognised without its dot.
	facultyTitles = map[string]struct {
		canon    string
		undotted bool
	}{
		"med": {"med.", true}, "dent": {"dent.", true}, "vet": {"vet.", true},
		"rer": {"rer.", true}, "habil": {"habil.", true}, "hab": {"hab.", true},
		"jur": {"jur.", true}, "iur": {"iur.", true}, "theol": {"theol.", true},
		"h.c": {"h.c.", true}, "hc": {"h.c.", true},
		"nat": {"nat.", false}, "pol": {"pol.", false}, "oec": {"oec.", false},
		"soc": {"soc.", false}, "phil": {"phil.", false}, "techn": {"techn.", false},
		"mont": {"mont.", false}, "paed": {"paed.", false}, "sc": {"sc.", false},
		"pharm": {"pharm.", false}, "agr": {"agr.", false}, "wet": {"wet.", false},
		"mult": {"mult.", false}, "sportwiss": {"sportwiss.", false},
		"univ": {"univ.", false}, // Austrian "Dr. med. univ."
	}
	// diplSuffixes complete "Dipl." written as two words: "Dipl. Ing.".
	diplSuffixes = map[string]bool{
		"ing": true, "kfm": true, "kff": true, "inf": true, "math": true,
		"phys": true, "chem": true, "biol": true, "psych": true, "oec": true,
		"vw": true, "bw": true, "betriebsw": true, "volksw": true, "des": true,
		"soz": true, "jur": true, "geol": true, "geogr": true, "päd": true,
		"pol": true, "wirt.-ing": true, "wi.-ing": true, "wirt-ing": true,
		"hdl": true, "verw": true, "sozpäd": true, "arch": true, "übers": true,
	}
	// postTitles are degrees written after the name, matched as written
	// (case-sensitive, since "Ma" and "Md" are also names).
	postTitles = map[string]string{
		"PhD": "PhD", "Ph.D.": "PhD", "Ph.D": "PhD", "PHD": "PhD", "DPhil": "DPhil",
		"MBA": "MBA", "M.B.A.": "MBA", "EMBA": "EMBA",
		"MSc": "M.Sc.", "M.Sc.": "M.Sc.", "M.Sc": "M.Sc.", "MSC": "M.Sc.",
		"BSc": "B.Sc.", "B.Sc.": "B.Sc.", "B.Sc": "B.Sc.", "BSC": "B.Sc.",
		"LL.M.": "LL.M.", "LL.M": "LL.M.", "LLM": "LL.M.",
		"M.A.": "M.A.", "B.A.": "B.A.", "MA.": "M.A.", "BA.": "B.A.",
		"MD": "MD", "M.D.": "MD", "MPH": "MPH", "DDS": "DDS",
		"B.Eng.": "B.Eng.", "BEng": "B.Eng.", "M.Eng.": "M.Eng.", "MEng": "M.Eng.",
		"MBA.": "MBA", "CPA": "CPA", "CFA": "CFA",
	}
	// nameSuffixes stay with the last name: "Smith Jr.".
	nameSuffixes = map[string]bool{
		"jr": true, "jr.": true, "sr.": true, "ii": true, "iii": true, "iv": true, "jun.": true, "sen.": true,
	}
	// particles start a last name ("van Beethoven", "von der Heide") and
	// stay lower-case in NameCase unless they end the name.
	particles = map[string]bool{
		"von": true, "van": true, "der": true, "den": true, "de": true,
		"la": true, "le": true, "du": true, "da": true, "di": true,
		"del": true, "della": true, "zu": true, "ten": true, "ter": true,
		"vom": true, "zum": true, "zur": true, "dos": true, "das": true,
		"do": true, "des": true, "dem": true, "het": true, "'t": true,
		"te": true,
	}
)

// onlySuffixes reports whether toks are generation suffixes only ("Jr.",
// "III", "sen.").
func onlySuffixes(toks []string) bool {
	for _, t := range toks {
		if !nameSuffixes[strings.ToLower(t)] {
			return false
		}
	}
	return len(toks) > 0
}

// IsParticle reports whether a word (any case) is a surname particle: "van",
// "von", "de", "der", "la", "di", ...
func IsParticle(w string) bool { return particles[strings.ToLower(w)] }

// titleKey is the lookup form of a title token: lower-case without its
// trailing dot.
func titleKey(tok string) string {
	return strings.TrimSuffix(strings.ToLower(tok), ".")
}

// matchTitle recognises an academic title at the start of toks and returns
// its canonical form and the number of tokens it spans (0 if none).
func matchTitle(toks []string) (string, int) {
	if len(toks) == 0 {
		return "", 0
	}
	tok := toks[0]
	key := titleKey(tok)
	dotted := strings.HasSuffix(tok, ".")
	var canon string
	switch forms, ok := prefixTitles[key]; {
	case capsTitles[tok] != "" && !shoutedNext(toks[1:]):
		canon = capsTitles[tok]
	case ok:
		canon = forms[0]
		if tok == strings.ToLower(tok) {
			canon = forms[1]
		}
	case strings.HasPrefix(key, "dipl.-") || strings.HasPrefix(key, "dipl-"):
		canon = diplTitle(key)
	case dotted && dottedTitles[key] != "":
		canon = dottedTitles[key]
		if key == "dipl" && len(toks) > 1 && diplSuffixes[titleKey(toks[1])] {
			return diplTitle("dipl-" + titleKey(toks[1])), 2
		}
	default:
		return "", 0
	}
	n := 1
	if key == "dr" || key == "dr.-ing" || key == "dr-ing" || key == "lek" || key == "prof" || key == "lic" {
		// faculties: "Dr. med. dent.", "dr hab.", "dr n. med.", "lic. iur."
		for n < len(toks) {
			f := toks[n]
			fk := titleKey(f)
			if fk == "h" && f == "h." && n+1 < len(toks) && titleKey(toks[n+1]) == "c" && strings.HasSuffix(toks[n+1], ".") {
				canon += " h.c." // "Dr. h. c."
				n += 2
				continue
			}
			ft, ok := facultyTitles[fk]
			if fk == "n" && strings.HasSuffix(f, ".") && n+1 < len(toks) {
				if _, next := facultyTitles[titleKey(toks[n+1])]; next {
					canon += " n."
					n++
					continue
				}
			}
			if !ok || (!ft.undotted && !strings.HasSuffix(f, ".")) {
				break
			}
			if key == "prof" && fk != "h.c" && fk != "hc" {
				break // "Prof. Dr." is two titles; only "Prof. h.c." binds
			}
			canon += " " + ft.canon
			n++
		}
	}
	if (strings.HasPrefix(canon, "Dipl.-") || canon == "DI") && n < len(toks) {
		if diplSchool[strings.ToUpper(toks[n])] {
			canon += " " + toks[n]
			n++
		}
	}
	return canon, n
}

// shoutedNext reports whether the word after a title in capitals (after
// a "(FH)" and other such titles that follow it) has no lower-case
// letter: "DI MAIO" is a surname, "DI Hans" and "KR DI Hans" are titles
// and a name.
func shoutedNext(toks []string) bool {
	for len(toks) > 0 && (strings.HasPrefix(toks[0], "(") || capsTitles[toks[0]] != "") {
		toks = toks[1:]
	}
	return len(toks) > 0 && !strings.ContainsFunc(toks[0], unicode.IsLower)
}

// diplTitle renders "dipl.-ing" or "dipl-wirt.-ing" as "Dipl.-Ing.",
// "Dipl.-Wirt.-Ing.".
func diplTitle(key string) string {
	parts := strings.FieldsFunc(key, func(r rune) bool { return r == '-' || r == '.' })
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('-')
		}
		rs := []rune(p)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
		b.WriteByte('.')
	}
	return b.String()
}

// isPrefixWord reports whether tok alone is a salutation or an academic
// title, for splitting "Dr.Müller" into "Dr." and "Müller".
func isPrefixWord(tok string) bool {
	if _, ok := Salutation(tok); ok {
		return true
	}
	_, n := matchTitle([]string{tok})
	return n == 1
}

// nameTokens splits a cleaned name into words, separating salutations and
// titles glued to the next word by a dot ("Prof.Dr.Müller").
func nameTokens(s string) []string {
	var toks []string
	for _, f := range strings.Fields(s) {
		for f != "" {
			if isPrefixWord(f) {
				break
			}
			split := false
			// titles and salutations are short: look for their dot early on
			for i := 0; i < min(len(f)-1, 24); i++ {
				if f[i] == '.' && isPrefixWord(f[:i+1]) {
					toks = append(toks, f[:i+1])
					f = f[i+1:]
					split = true
					break
				}
			}
			if !split {
				break
			}
		}
		if f != "" {
			toks = append(toks, f)
		}
	}
	return toks
}

// parsePrefix takes salutations and academic titles off the front of toks.
// dutch reads "mr" as the Dutch law degree (meesterTitle).
func parsePrefix(toks []string, dutch bool) (salutation string, titles []string, rest []string) {
	for len(toks) > 0 {
		if meesterTitle(toks, dutch || salutation != "" || len(titles) > 0) {
			titles = append(titles, "mr.")
			toks = toks[1:]
			continue
		}
		if salutation == "" {
			if c, ok := Salutation(toks[0]); ok {
				salutation = c
				toks = toks[1:]
				continue
			}
		}
		if c, n := matchTitle(toks); n > 0 {
			titles = append(titles, c)
			toks = toks[n:]
			continue
		}
		break
	}
	return salutation, titles, toks
}

// meesterTitle reports whether toks starts with the Dutch law degree
// "mr." (meester) rather than the salutation Mr: in Dutch and Belgian data
// (dutch), after a salutation or title ("Mevrouw mr. A. de Boer", "prof.
// mr. dr."), where the salutation Mr cannot stand, and, whatever the
// region, written lower-case before another title ("mr. dr. Jan
// Jansen"), as Dutch writes the degree.
func meesterTitle(toks []string, dutch bool) bool {
	if titleKey(toks[0]) != "mr" {
		return false
	}
	// Outside Dutch and Belgian data only after a salutation or another
	// title ("Mevrouw mr. …", which the caller passes as dutch): a
	// lower-case "mr." typed alone in an English or German form is the
	// salutation Mr (realistic53: "mr. Chris Taylor" and "Ms. Chris
	// Taylor" at one house must keep their genders). Before another
	// title ("mr. dr. Jan Jansen", "mr. ir.") it is the degree anywhere.
	if dutch {
		return true
	}
	// Written capitalised ("Mr. Dr. Hans Müller") it is the salutation.
	if len(toks) > 1 && !strings.ContainsFunc(toks[0], unicode.IsUpper) {
		if _, n := matchTitle(toks[1:]); n > 0 {
			return true
		}
	}
	return false
}

// parsePost takes degrees ("PhD", "MBA") off the end of toks.
func parsePost(toks []string) (titles []string, rest []string) {
	for len(toks) > 0 {
		c, ok := postTitles[strings.TrimSuffix(toks[len(toks)-1], ",")]
		if !ok {
			break
		}
		titles = append(titles, c)
		toks = toks[:len(toks)-1]
	}
	slices.Reverse(titles)
	return titles, toks
}

// SplitPrefix takes salutation and academic title off the front of a single
// name part ("Dr. Anna" -> AcademicTitle "Dr.", First "Anna"). rest is
// cleaned with Text but not name-cased.
func SplitPrefix(s string) (salutation, academicTitle, rest string) {
	return splitPrefix(s, false)
}

// SplitPrefixIn is SplitPrefix for a name from region (ISO 3166-1
// alpha-2, "" for none). In Dutch and Belgian data (NL, BE) "mr" and
// "Mr." are the law degree meester ("mr.") in every spelling, never the
// salutation Mr.
func SplitPrefixIn(s, region string) (salutation, academicTitle, rest string) {
	return splitPrefix(s, dutchRegion(region))
}

func splitPrefix(s string, dutch bool) (salutation, academicTitle, rest string) {
	t := dropSymbols(Text(s))
	if singlePlainWord(t) && !isPrefixWord(t) {
		// The common case, one word that is no prefix: nameTokens yields
		// it alone and parsePrefix takes nothing off.
		return "", "", t
	}
	sal, titles, toks := parsePrefix(nameTokens(t), dutch)
	return sal, strings.Join(titles, " "), strings.Join(toks, " ")
}

// dutchRegion reports whether region is one where "mr" is the Dutch law
// degree: the Netherlands and Belgium.
func dutchRegion(region string) bool {
	return strings.EqualFold(region, "NL") || strings.EqualFold(region, "BE")
}

// singlePlainWord reports whether nameTokens(t) is []string{t} unless t is
// a prefix word: t is not empty, holds no white space and no dot before its
// last byte.
func singlePlainWord(t string) bool {
	if t == "" {
		return false
	}
	for i, r := range t {
		if unicode.IsSpace(r) || (r == '.' && i < len(t)-1) {
			return false
		}
	}
	return true
}

// SplitFullName splits a single full-name cell: "Dr. Jürgen Müller",
// "Müller, Jürgen", "Frau Prof. Dr. Anna-Lena von der Heide", "Ludwig van
// Beethoven". A surname in capitals before given names that are not
// ("KOWALSKI Jan") is read first; a name all in capitals is not guessed.
//
// Salutations and academic titles are taken off the front, degrees ("PhD",
// "MBA") off the end; the AcademicTitle holds the prefix titles, then ", "
// and the degrees. A particle (von, van, de, da, te, ...) after the first
// word starts the last name; otherwise the last word is the last name
// (plus a suffix such as "Jr."). In "Last, First" the particles written
// after the given names or the surname ("Meer, Jan van der") go in front
// of the last name. A single word is a last name. First and Last are
// name-cased with NameCase.
func SplitFullName(s string) Name { return splitFullName(s, false) }

// SplitFullNameIn is SplitFullName for a name from region (ISO 3166-1
// alpha-2, "" for none): in Dutch and Belgian data (NL, BE) "mr" is the
// law degree meester, as in SplitPrefixIn.
func SplitFullNameIn(s, region string) Name { return splitFullName(s, dutchRegion(region)) }

// bracketed matches a part of a name cell in round or square brackets.
var bracketed = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)

// dropBrackets blanks the parts of t in brackets, but for the kind of
// school after a diploma ("Dipl.-Ing. (FH) Peter Schulz"), which is part
// of the degree (parseTitles keeps it).
func dropBrackets(t string) string {
	var b strings.Builder
	at := 0
	for _, m := range bracketed.FindAllStringIndex(t, -1) {
		b.WriteString(t[at:m[0]])
		before := strings.Fields(t[:m[0]])
		if diplSchool[strings.ToUpper(t[m[0]:m[1]])] && len(before) > 0 && diploma(before[len(before)-1]) {
			b.WriteString(t[m[0]:m[1]])
		} else {
			b.WriteByte(' ')
		}
		at = m[1]
	}
	b.WriteString(t[at:])
	return b.String()
}

// diploma reports whether a word is a diploma that a kind of school may
// follow: "Dipl.-Ing.", "Dipl.-Kfm.", Austria's "DI".
func diploma(w string) bool {
	return w == "DI" || len(w) > 5 && strings.EqualFold(w[:5], "dipl.") || len(w) > 5 && strings.EqualFold(w[:5], "dipl-")
}

// diplSchool are the kinds of school written after a diploma in brackets
// ("Dipl.-Ing. (FH)"), upper-cased.
var diplSchool = map[string]bool{"(FH)": true, "(TU)": true, "(UNIV.)": true, "(UNIV)": true, "(BA)": true, "(DH)": true, "(TH)": true}

func splitFullName(s string, dutch bool) Name {
	t := dropSymbols(Text(s))
	// "Jörg Schmidt (Vertrieb)", "Jörg (Jo) Schmidt": a department or a
	// nickname in brackets is no part of the name; the raw value keeps it.
	if strings.ContainsAny(t, "([") {
		if u := strings.Join(strings.Fields(dropBrackets(t)), " "); u != "" {
			t = u
		}
	}
	var n Name
	var pre, post []string
	addPrefix := func(sal string, titles []string) {
		if n.Salutation == "" {
			n.Salutation = sal
		}
		pre = append(pre, titles...)
	}
	// "Last, First", with parts that hold only titles ("Müller, Jürgen, Dr.")
	// taken as titles.
	var keep [][]string
	for p := range strings.SplitSeq(t, ",") {
		toks := nameTokens(p)
		if len(toks) == 0 {
			continue
		}
		if pt, rest := parsePost(toks); len(rest) == 0 {
			post = append(post, pt...)
			continue
		}
		if sal, titles, rest := parsePrefix(toks, dutch); len(rest) == 0 {
			addPrefix(sal, titles)
			continue
		}
		if len(keep) > 0 && onlySuffixes(toks) {
			// "William Porter, Jr.", "Porter, William, Jr.": the suffix
			// ends the last name (in the first part either way), not a
			// first name after "Last,".
			keep[0] = append(keep[0], toks...)
			continue
		}
		keep = append(keep, toks)
	}
	var first, last []string
	if len(keep) == 2 {
		sal, titles, lastToks := parsePrefix(keep[0], dutch)
		addPrefix(sal, titles)
		sal, titles, firstToks := parsePrefix(keep[1], dutch)
		addPrefix(sal, titles)
		titles, firstToks = trailingTitles(firstToks)
		addPrefix("", titles)
		pt, firstToks := parsePost(firstToks)
		post = append(post, pt...)
		pt, lastToks = parsePost(lastToks)
		post = append(post, pt...)
		// "Meer, Jan van der", "Meer van der, Jan": Dutch lists file a
		// name under its main word and put the particles after it.
		if k := trailingParticles(firstToks); k > 0 {
			lastToks = slices.Concat(firstToks[len(firstToks)-k:], lastToks)
			firstToks = firstToks[:len(firstToks)-k]
		} else if k := trailingParticles(lastToks); k > 0 {
			lastToks = slices.Concat(lastToks[len(lastToks)-k:], lastToks[:len(lastToks)-k])
		}
		first, last = firstToks, lastToks
	} else {
		var toks []string
		for _, k := range keep {
			toks = append(toks, k...)
		}
		sal, titles, rest := parsePrefix(toks, dutch)
		addPrefix(sal, titles)
		pt, rest := parsePost(rest)
		post = append(pt, post...)
		if k := capsSurname(rest); k > 0 {
			last, first = rest[:k], rest[k:] // "KOWALSKI Jan"
		} else {
			first, last = splitWords(rest)
		}
		if len(first) > 0 && onlySuffixes(last) {
			// "Porter, Jr.": a last name and its suffix, no first name.
			first, last = nil, slices.Concat(first, last)
		}
	}
	n.First = NameCase(strings.Join(first, " "))
	n.Last = NameCase(strings.Join(last, " "))
	n.AcademicTitle = strings.Join(pre, " ")
	if len(post) > 0 {
		if n.AcademicTitle != "" {
			n.AcademicTitle += ", "
		}
		n.AcademicTitle += strings.Join(post, ", ")
	}
	return n
}

// trailingParticles returns how many words at the end of toks are the
// particles of a surname written after it ("Jan van der" in "Meer, Jan
// van der"), leaving one word at least: particles written lower-case, or
// two of them ("VAN DER"). A single capitalised one ("Nguyen, Thi Van")
// may be a given name and stays.
func trailingParticles(toks []string) int {
	k := 0
	lower := true
	for k < len(toks)-1 && particles[strings.ToLower(toks[len(toks)-1-k])] {
		lower = lower && !strings.ContainsFunc(toks[len(toks)-1-k], unicode.IsUpper)
		k++
	}
	if k == 1 && !lower {
		return 0
	}
	return k
}

// capsSurname returns how many leading tokens are a surname written in
// capitals before the given names ("KOWALSKI Jan", "VON DER HEIDE
// Anna-Lena"), as Polish and French lists and badges write it: words in
// capitals (shoutedWord; a particle may stand among them), followed only
// by words with a lower-case letter. 0 means no such surname: a name all
// in capitals says nothing.
func capsSurname(toks []string) int {
	k := 0
	for k < len(toks) && (shoutedWord(toks[k]) || k+1 < len(toks) && particles[strings.ToLower(toks[k])] && !strings.ContainsFunc(toks[k], unicode.IsLower)) {
		k++
	}
	if k > 0 && particles[strings.ToLower(toks[k-1])] {
		return 0 // "VON Anna": no surname after the particle
	}
	if k == 0 || k == len(toks) {
		return 0
	}
	for _, t := range toks[k:] {
		if !strings.ContainsFunc(t, unicode.IsLower) {
			return 0
		}
	}
	return k
}

// shoutedWord reports whether a token is a surname in capitals: three
// letters or more, none lower-case, not an initial ("J."), not initials
// ("AJ"), a title written without its dot ("DI", "KR", "MBA") or a job
// ("CEO").
func shoutedWord(t string) bool {
	letters := 0
	for _, r := range t {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters < 3 || strings.HasSuffix(t, ".") || capsNoName[t] {
		return false
	}
	if _, ok := postTitles[t]; ok {
		return false
	}
	_, n := matchTitle([]string{t})
	return n == 0
}

// capsNoName are words in capitals before a name that are no surname.
var capsNoName = map[string]bool{
	"CEO": true, "CFO": true, "CTO": true, "COO": true, "CMO": true, "CIO": true, "CSO": true,
	"SVP": true, "EVP": true, "DIPL": true, "ING": true, "MAG": true, "PROF": true, "MGR": true,
}

// nobility are the German titles of nobility, which since 1919 are part
// of the surname: "Klaus-Dieter Graf von Schwerin" is Klaus-Dieter, of the
// family "Graf von Schwerin".
var nobility = map[string]bool{
	"graf": true, "gräfin": true, "freiherr": true, "freifrau": true, "freiin": true,
	"baron": true, "baronin": true, "prinz": true, "prinzessin": true, "fürst": true,
	"fürstin": true, "herzog": true, "herzogin": true, "ritter": true, "edler": true, "edle": true,
}

// dropSymbols removes emoji and other symbols from a name ("Krause 🚀"),
// with the joiners and variation selectors that build them.
func dropSymbols(t string) string {
	if !strings.ContainsFunc(t, nameSymbol) {
		return t
	}
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if nameSymbol(r) {
			return ' '
		}
		return r
	}, t)), " ")
}

func nameSymbol(r rune) bool {
	return r >= 0x2000 && (unicode.Is(unicode.So, r) || r == 0x200D || r == 0xFE0F || unicode.Is(unicode.Sk, r) && r > 0x2000)
}

// trailingTitles takes titles off the end of a given-name part ("Hans-
// Jürgen Dr." in "Mueller, Hans-Jürgen Dr."), keeping one word at least.
func trailingTitles(toks []string) (titles, rest []string) {
	for len(toks) > 1 {
		c, n := matchTitle(toks[len(toks)-1:])
		if n == 0 {
			break
		}
		titles = append([]string{c}, titles...)
		toks = toks[:len(toks)-1]
	}
	return titles, toks
}

// splitWords splits "First [Middle] Last" with the rules of SplitFullName.
func splitWords(toks []string) (first, last []string) {
	switch len(toks) {
	case 0:
		return nil, nil
	case 1:
		return nil, toks
	}
	for i := 1; i < len(toks)-1; i++ {
		// "von der Heide"; "Graf von Schwerin", "Otto Graf Lambsdorff":
		// a title of nobility is part of the German surname.
		if low := strings.ToLower(toks[i]); particles[low] || nobility[low] {
			return toks[:i], toks[i:]
		}
	}
	end := len(toks) - 1
	if end >= 2 && nameSuffixes[strings.ToLower(toks[end])] {
		end--
	}
	return toks[:end], toks[end:]
}

// NameCase fixes ALL CAPS or all-lowercase names ("JÜRGEN MÜLLER-LÜDENSCHEIDT"
// -> "Jürgen Müller-Lüdenscheidt", "o'brien" -> "O'Brien", "mcdonald" ->
// "McDonald", "VAN DER BERG" -> "van der Berg", "de la cruz" -> "de la Cruz")
// and leaves mixed-case input alone ("DeSantis", "van Gogh" stay as they are).
//
// Every part after a hyphen, dot or slash starts upper-case, and so does the
// part after an apostrophe that follows a single letter (O'Brien, D'Angelo).
// "Mc" is followed by a capital; "Mac" is not (Macintosh, Mack). Particles
// (von, van, der, de, la, da, di, zu, ten, ...) stay lower-case wherever they
// are, unless they are the last word. The result is cleaned with Text.
func NameCase(s string) string {
	t := Text(s)
	upper, lower := false, false
	ascii := true
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case 'A' <= c && c <= 'Z':
			upper = true
		case 'a' <= c && c <= 'z':
			lower = true
		}
	}
	if ascii && upper && lower {
		return t // mixed case: kept as written
	}
	upper, lower = false, false
	for _, r := range t {
		switch {
		case isCasedUpper(r):
			upper = true
		case isCasedLower(r):
			lower = true
		}
	}
	if upper == lower {
		return t // mixed case, or no cased letters
	}
	words := strings.Split(t, " ")
	for i, w := range words {
		lw := lowerRunes(w)
		if i < len(words)-1 && particles[lw] {
			words[i] = lw
			continue
		}
		words[i] = capitalize(lw)
	}
	return norm.NFC.String(strings.Join(words, " "))
}

func isCasedUpper(r rune) bool {
	return (unicode.IsUpper(r) || unicode.IsTitle(r)) && unicode.ToLower(r) != r
}

func isCasedLower(r rune) bool {
	return unicode.IsLower(r) && unicode.ToUpper(r) != r
}

func lowerRunes(s string) string {
	return strings.Map(unicode.ToLower, s)
}

// capitalize upper-cases the start of each part of a lower-case word.
func capitalize(w string) string {
	rs := []rune(w)
	start, seg := true, 0
	for i, r := range rs {
		switch r {
		case '-', '.', '/', '(', '‐', '‑', '–':
			start, seg = true, i+1
			continue
		case '\'', '’', 'ʼ':
			if i-seg == 1 && unicode.IsLetter(rs[seg]) && i+1 < len(rs) {
				start, seg = true, i+1
			}
			continue
		}
		if !unicode.IsLetter(r) {
			start = false
			continue
		}
		if start {
			rs[i] = unicode.ToTitle(r)
			start = false
			continue
		}
		// McDonald: the letter after a leading "Mc".
		if i == seg+2 && rs[seg+1] == 'c' && (rs[seg] == 'M' || rs[seg] == 'm') {
			rs[i] = unicode.ToTitle(r)
		}
	}
	return string(rs)
}
