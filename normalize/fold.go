package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns a match key: lower-case, accents removed, ł->l, ß->ss, ø->o,
// æ->ae, œ->oe, đ->d, punctuation turned into spaces, white space collapsed.
//
// Compatibility forms are folded too (NFKD: "ﬁ" -> "fi", full-width "Ｍ" ->
// "m", "²" -> "2"). Letters and digits of any script are kept; everything
// else (punctuation, symbols, spaces, controls) separates words. Fold is
// idempotent: Fold(Fold(s)) == Fold(s).
func Fold(s string) string { return fold(s, false) }

// FoldUmlaut is Fold with the German umlaut expansion (ä->ae, ö->oe, ü->ue)
// applied first, so "Müller" and "Mueller" share a key.
func FoldUmlaut(s string) string { return fold(s, true) }

// foldSpecial holds the letters that NFKD does not decompose into a base
// letter plus marks, so removing marks alone would leave them as they are.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss",
	'ł': "l", 'Ł': "l",
	'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'æ': "ae", 'Æ': "ae",
	'œ': "oe", 'Œ': "oe",
	'þ': "th", 'Þ': "th",
	'ı': "i",
	'ħ': "h", 'Ħ': "h",
	'ŧ': "t", 'Ŧ': "t",
	'ƒ': "f",
}

// foldLatin caches foldRune for the Latin-1 and Latin Extended-A/B blocks,
// which cover German, Polish and the rest of western and central Europe.
var foldLatin = func() (t [0x250]string) {
	for r := range rune(len(t)) {
		t[r] = foldRune(r)
	}
	return t
}()

// foldRune returns the folded form of one rune: "" to drop it (combining
// marks), a string of lower-case letters and digits, where a space marks a
// word break.
func foldRune(r rune) string {
	if sp, ok := foldSpecial[r]; ok {
		return sp
	}
	if unicode.In(r, unicode.Mn, unicode.Me) {
		return ""
	}
	if !isWordRune(r) {
		return " "
	}
	var b strings.Builder
	for _, x := range norm.NFKD.String(string(r)) {
		if unicode.In(x, unicode.Mn, unicode.Me) {
			continue
		}
		x = unicode.ToLower(x)
		if sp, ok := foldSpecial[x]; ok {
			b.WriteString(sp)
			continue
		}
		if isWordRune(x) {
			b.WriteRune(x)
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mc, r)
}

// umlautBase reports whether r takes an "e" in FoldUmlaut when it carries a
// diaeresis (a, o, u in either case).
func umlautBase(r rune) bool {
	switch r {
	case 'a', 'o', 'u', 'A', 'O', 'U':
		return true
	}
	return false
}

func fold(s string, umlaut bool) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	space := false
	write := func(t string) {
		for i := 0; i < len(t); i++ {
			if t[i] == ' ' {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(t[i])
		}
	}
	var prev rune
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			prev = rune(c)
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if umlaut {
			switch r {
			case 'ä', 'Ä':
				write("ae")
				prev = r
				continue
			case 'ö', 'Ö':
				write("oe")
				prev = r
				continue
			case 'ü', 'Ü':
				write("ue")
				prev = r
				continue
			case '\u0308': // combining diaeresis after a decomposed a, o, u
				if umlautBase(prev) {
					write("e")
					prev = r
					continue
				}
			}
		}
		prev = r
		switch {
		case r == utf8.RuneError && size == 1:
			space = b.Len() > 0
		case r < rune(len(foldLatin)):
			write(foldLatin[r])
		default:
			write(foldRune(r))
		}
	}
	return b.String()
}

// isFolded reports whether s is already lower-case ASCII letters and digits
// separated by single spaces, which fold returns unchanged.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		default:
			return false
		}
	}
	return true
}
