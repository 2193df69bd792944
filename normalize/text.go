package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TextLines is Text for a value whose line breaks mean something (a note,
// a comment): each line is cleaned by Text, blank lines at the ends are
// dropped, and the lines are joined by "\n" (CR LF and CR become "\n").
func TextLines(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return Text(s)
	}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
	out := lines[:0]
	for _, l := range lines {
		out = append(out, Text(l))
	}
	for len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// Text trims, applies NFC, removes control and zero-width characters and
// collapses runs of white space (including NBSP) to one space.
//
// White-space control characters (tab, CR, LF, VT, FF, NEL) count as white
// space, so "Hans\tMüller" becomes "Hans Müller"; every other control
// character (Cc) and every format character (Cf: zero-width space, joiners,
// BOM, soft hyphen, direction marks) is dropped. Invalid UTF-8 becomes
// U+FFFD, so the result is always valid UTF-8.
//
// Text runs on every field of every row, so it returns s itself, without
// allocating, when s is already clean: ASCII or NFC text with single spaces
// and nothing to trim or drop.
func Text(s string) string {
	if isCleanText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending: written before the next kept rune
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || (c >= '\t' && c <= '\r'):
				space = b.Len() > 0
			case c < 0x20 || c == 0x7f:
				// control: dropped
			default:
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			// invalid byte: written as U+FFFD below
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// isCleanText reports whether Text(s) == s without building anything: no
// leading, trailing or double space, no control, format or non-ASCII white
// space, valid UTF-8 and NFC.
func isCleanText(s string) bool {
	if s == "" {
		return true
	}
	if cleanASCII(s) {
		return true
	}
	return isCleanTextBytes(s)
}

// Word masks for cleanASCII: a byte's high bit, and bytes of 0x01, 0x20
// (space), 0x7f (DEL) in every position.
const (
	hiBits  = 0x8080808080808080
	lo7     = 0x7f7f7f7f7f7f7f7f
	ones    = 0x0101010101010101
	spaces  = 0x2020202020202020
	deletes = 0x7f7f7f7f7f7f7f7f
)

// cleanASCII reports whether s is ASCII with neither a control character
// nor a leading, trailing or double space, eight bytes at a time: most
// cells of an import are such, and isCleanText ran on every one of them
// (3% of a 1M-row import's CPU byte by byte). false means "not known":
// isCleanTextBytes decides.
func cleanASCII(s string) bool {
	n := len(s)
	if s[0] == ' ' || s[n-1] == ' ' {
		return false
	}
	if n < 8 {
		// One word, padded with a letter.
		var w uint64 = 0x6161616161616161
		for i := n - 1; i >= 0; i-- {
			w = w<<8 | uint64(s[i])
		}
		return cleanWord(w, 0)
	}
	var prevSpace uint64 // 0x80 when the last byte of the previous word is a space
	for i := 0; i+8 <= n; i += 8 {
		var ok bool
		if ok, prevSpace = cleanWordSpace(word(s, i), prevSpace); !ok {
			return false
		}
	}
	if n%8 == 0 {
		return true
	}
	// The last eight bytes: they overlap the words checked, so the pair
	// of bytes across the last boundary lies inside this one.
	return cleanWord(word(s, n-8), 0)
}

// word is the eight bytes of s from i, the first in the lowest byte.
func word(s string, i int) uint64 {
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

func cleanWord(w, prevSpace uint64) bool {
	ok, _ := cleanWordSpace(w, prevSpace)
	return ok
}

// cleanWordSpace checks one word for cleanASCII; prevSpace is 0x80 when
// the byte before it is a space, and so is the second result for its last
// byte.
func cleanWordSpace(w, prevSpace uint64) (bool, uint64) {
	if w&hiBits != 0 {
		return false, 0
	}
	// With every byte below 0x80: a byte below 0x20 borrows into its
	// high bit, and so does 0x7f once xored to zero.
	if (w-spaces)&^w&hiBits != 0 {
		return false, 0
	}
	if x := w ^ deletes; (x-ones)&^x&hiBits != 0 {
		return false, 0
	}
	// Spaces, exactly: the high bit of every byte that is 0x20.
	x := w ^ spaces
	sp := ^(((x & lo7) + lo7) | x) & hiBits
	if sp&(sp<<8) != 0 || sp&prevSpace != 0 {
		return false, 0
	}
	return true, sp >> 56
}

// isCleanTextBytes is isCleanText byte by byte.
func isCleanTextBytes(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case c < 0x20 || c == 0x7f:
			return false
		}
	}
	if ascii {
		return true
	}
	// Runes below U+0300 (Latin-1, Latin Extended-A/B, IPA, spacing
	// modifiers) are NFC on their own and compose with nothing before them,
	// so a string of them is NFC; this covers German and Polish text
	// without asking norm, which allocates.
	latin := true
	for i, r := range s {
		if r < 0x300 {
			// C1 controls (with NEL), NBSP and the soft hyphen are the only
			// runes here that Text changes.
			if r >= utf8.RuneSelf && (r <= 0x9f || r == 0xa0 || r == 0xad) {
				return false
			}
			continue
		}
		latin = false
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
		if unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return latin || norm.NFC.IsNormalString(s)
}
