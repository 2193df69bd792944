package dedupe

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/leadpipe/leadpipe/normalize"
)

// Phonetic codes for blocking and fuzzy name matching: the Kölner Phonetik
// for German names and the Daitch–Mokotoff Soundex for central and eastern
// European ones. Both are written from the published rule tables; both run
// once per row, so they work on a stack buffer of ASCII letters and
// allocate only their result (plus one folded copy for non-ASCII input).

// letterBuf is the stack size of the letter buffers; longer names spill to
// the heap.
const letterBuf = 64

// foldLetters appends the letters of s, folded to lower-case ASCII a-z, to
// buf. ASCII input is read as it is; anything else goes through
// normalize.Fold first, which strips accents and umlaut marks and maps
// ß->ss, ł->l, ø->o, æ->ae and so on. Everything that is not then an ASCII
// letter (digits, punctuation, spaces, letters of other scripts) is dropped,
// so a name of several words becomes one run of letters.
func foldLetters(s string, buf []byte) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = normalize.Fold(s)
			break
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' {
			buf = append(buf, c)
		}
	}
	return buf
}

// Cologne returns the Kölner Phonetik (Postel 1969) code of s, with the usual
// post-processing: repeated adjacent digits collapsed, and every '0' removed
// except at the start. Input is any Unicode text (a name); letters are
// upper-cased, umlauts Ä/Ö/Ü treated as A/O/U (vowels), ß as S, other
// accented letters folded to their base letter (normalize.Fold), and
// non-letters ignored (so "Müller-Lüdenscheidt" -> "65752682"). Empty or
// letterless input returns "".
//
// The letter codes follow the table of the German Wikipedia article
// "Kölner Phonetik" (also in the Apache Commons Codec documentation):
//
//	A E I J O U Y                                     0
//	H                                                 –  (no code)
//	B; P not before H                                 1
//	D T not before C S Z                              2
//	F V W; P before H                                 3
//	G K Q; C initially before A H K L O Q R U X;
//	       C before A H K O Q U X except after S Z    4
//	X not after C K Q                                 48
//	L                                                 5
//	M N                                               6
//	R                                                 7
//	S Z; C after S Z; C initially except before
//	A H K L O Q R U X; C not before A H K O Q U X;
//	D T before C S Z; X after C K Q                   8
//
// "Before" and "after" look at the neighbouring letter of the run, across
// any ignored characters ("Test-test" codes like "Testtest"); "initially"
// means the first letter of the run. H writes no digit, so it does not keep
// equal digits apart: the codes are collapsed as the digit string of the
// Wikipedia worked example, where "Müller-Lüdenscheidt" gives
// 60550750206880022 -> 6050750206802 -> 65752682. (Apache Commons Codec
// instead lets an H separate equal digits; the two differ only for names
// such as "Fleischsalat".)
func Cologne(s string) string {
	var lb [letterBuf]byte
	l := foldLetters(s, lb[:0])
	if len(l) == 0 {
		return ""
	}
	var ob [letterBuf]byte
	out := ob[:0]
	var last byte // previous digit before the removal of zeros; 0: none
	for i, c := range l {
		var prev, next byte
		if i > 0 {
			prev = l[i-1]
		}
		if i+1 < len(l) {
			next = l[i+1]
		}
		var d1, d2 byte // one or two digits; d1 == 0: none (H)
		switch c {
		case 'a', 'e', 'i', 'j', 'o', 'u', 'y':
			d1 = '0'
		case 'b':
			d1 = '1'
		case 'p':
			d1 = '1'
			if next == 'h' {
				d1 = '3'
			}
		case 'd', 't':
			d1 = '2'
			if next == 'c' || next == 's' || next == 'z' {
				d1 = '8'
			}
		case 'f', 'v', 'w':
			d1 = '3'
		case 'g', 'k', 'q':
			d1 = '4'
		case 'c':
			d1 = '8'
			if i == 0 {
				switch next {
				case 'a', 'h', 'k', 'l', 'o', 'q', 'r', 'u', 'x':
					d1 = '4'
				}
			} else if prev != 's' && prev != 'z' {
				switch next {
				case 'a', 'h', 'k', 'o', 'q', 'u', 'x':
					d1 = '4'
				}
			}
		case 'x':
			if prev == 'c' || prev == 'k' || prev == 'q' {
				d1 = '8'
			} else {
				d1, d2 = '4', '8'
			}
		case 'l':
			d1 = '5'
		case 'm', 'n':
			d1 = '6'
		case 'r':
			d1 = '7'
		case 's', 'z':
			d1 = '8'
		}
		for _, d := range [2]byte{d1, d2} {
			if d == 0 || d == last {
				continue
			}
			last = d
			if d == '0' && len(out) > 0 {
				continue
			}
			out = append(out, d)
		}
	}
	return string(out)
}

// Daitch–Mokotoff Soundex.
//
// The chart below is the coding chart of Gary Mokotoff's "Soundexing and
// Genealogy" (avotaynu.com/soundex.htm) as published by JewishGen
// (jewishgen.org/InfoFiles/Soundex.html): a letter group, then its code at
// the start of a name, before a vowel, and in any other position; "" is
// "not coded" and "a|b" gives the two codings of an ambiguous group. The
// only departure from the printed chart is UE, which the chart codes like U
// (0, NC, NC) but every known implementation, JewishGen's own calculator
// included, codes 0, 1, NC; we do the same. The Polish Ą and Ę and the
// Romanian Ţ are not in the table: the input is folded (normalize.Fold), so
// they arrive as A, E and T.
var dmChart = [...]struct{ groups, start, vowel, other string }{
	{"ai aj ay", "0", "1", ""},
	{"au", "0", "7", ""},
	{"a", "0", "", ""},
	{"b", "7", "7", "7"},
	{"chs", "5", "54", "54"},
	{"ch", "5|4", "5|4", "5|4"},
	{"ck", "5|45", "5|45", "5|45"},
	{"cz cs csz czs", "4", "4", "4"},
	{"c", "5|4", "5|4", "5|4"},
	{"drz drs", "4", "4", "4"},
	{"ds dsh dsz", "4", "4", "4"},
	{"dz dzh dzs", "4", "4", "4"},
	{"d dt", "3", "3", "3"},
	{"ei ej ey", "0", "1", ""},
	{"eu", "1", "1", ""},
	{"e", "0", "", ""},
	{"fb", "7", "7", "7"},
	{"f", "7", "7", "7"},
	{"g", "5", "5", "5"},
	{"h", "5", "5", ""},
	{"ia ie io iu", "1", "", ""},
	{"i", "0", "", ""},
	{"j", "1|4", "|4", "|4"}, // as the vowel Y, or as the consonant DZH
	{"ks", "5", "54", "54"},
	{"kh", "5", "5", "5"},
	{"k", "5", "5", "5"},
	{"l", "8", "8", "8"},
	{"mn", "66", "66", "66"},
	{"m", "6", "6", "6"},
	{"nm", "66", "66", "66"},
	{"n", "6", "6", "6"},
	{"oi oj oy", "0", "1", ""},
	{"o", "0", "", ""},
	{"p pf ph", "7", "7", "7"},
	{"q", "5", "5", "5"},
	{"r", "9", "9", "9"},
	{"rs rz", "94|4", "94|4", "94|4"},
	{"schtsch schtsh schtch", "2", "4", "4"},
	{"sch", "4", "4", "4"},
	{"shtch shch shtsh", "2", "4", "4"},
	{"sht scht schd", "2", "43", "43"},
	{"sh", "4", "4", "4"},
	{"stch stsch sc", "2", "4", "4"},
	{"strz strs stsh", "2", "4", "4"},
	{"st", "2", "43", "43"},
	{"szcz szcs", "2", "4", "4"},
	{"szt shd szd sd", "2", "43", "43"},
	{"sz", "4", "4", "4"},
	{"s", "4", "4", "4"},
	{"tch ttch ttsch", "4", "4", "4"},
	{"th", "3", "3", "3"},
	{"trz trs", "4", "4", "4"},
	{"tsch tsh", "4", "4", "4"},
	{"ts tts ttsz tc", "4", "4", "4"},
	{"tz ttz tzs tsz", "4", "4", "4"},
	{"t", "3", "3", "3"},
	{"ui uj uy ue", "0", "1", ""},
	{"u", "0", "", ""},
	{"v", "7", "7", "7"},
	{"w", "7", "7", "7"},
	{"x", "5", "54", "54"},
	{"y", "1", "", ""},
	{"zdz zdzh zhdzh", "2", "4", "4"},
	{"zd zhd", "2", "43", "43"},
	{"zh zs zsch zsh", "4", "4", "4"},
	{"z", "4", "4", "4"},
}

// dmCode is the coding of a letter group in one position: up to two
// digits (values 0-9); n == 0 is "not coded".
type dmCode struct {
	n uint8
	d [2]uint8
}

// Kinds of letter group: a vowel (coded 0 or 1 at the start of a name: A,
// E, I, O, U, Y and their pairs, and J read as Y) or a consonant.
const (
	dmVowel     = 1
	dmConsonant = 2
)

// dmAlt is one coding of a letter group: its kind and its codes at the
// start, before a vowel and elsewhere.
type dmAlt struct {
	kind uint8
	code [3]dmCode
}

type dmRule struct {
	pat   string
	kinds uint8 // dmVowel|dmConsonant of its alternatives
	nalt  uint8
	alt   [2]dmAlt
}

// dmRules holds the rules by first letter, longest pattern first, so that
// the first match is the longest ("when adjacent sounds can combine to form
// a larger sound, they are given the code number of the larger sound").
var dmRules = func() (t [26][]dmRule) {
	code := func(s string) dmCode {
		var c dmCode
		for i := 0; i < len(s); i++ {
			c.d[c.n] = s[i] - '0'
			c.n++
		}
		return c
	}
	for _, row := range dmChart {
		start := strings.Split(row.start, "|")
		vowel := strings.Split(row.vowel, "|")
		other := strings.Split(row.other, "|")
		var r dmRule
		r.nalt = uint8(len(start))
		for i := range start {
			a := dmAlt{code: [3]dmCode{code(start[i]), code(vowel[i]), code(other[i])}}
			a.kind = dmConsonant
			if s := start[i]; s == "0" || s == "1" {
				a.kind = dmVowel
			}
			r.alt[i] = a
			r.kinds |= a.kind
		}
		for _, p := range strings.Fields(row.groups) {
			r.pat = p
			t[p[0]-'a'] = append(t[p[0]-'a'], r)
		}
	}
	for i := range t {
		slices.SortStableFunc(t[i], func(a, b dmRule) int { return len(b.pat) - len(a.pat) })
	}
	return t
}()

// dmMatch returns the rule of the longest letter group at l[pos:]; every
// letter a-z has a rule of its own.
func dmMatch(l []byte, pos int) *dmRule {
	rules := dmRules[l[pos]-'a']
	rest := l[pos:]
	for i := range rules {
		p := rules[i].pat
		if len(p) <= len(rest) && string(rest[:len(p)]) == p {
			return &rules[i]
		}
	}
	return nil // unreachable for a-z
}

// A dmState is one branch of the coding, packed into an integer so that the
// branches can be sorted and deduplicated cheaply: the digits so far (4 bits
// each, first digit lowest), their number, the last digit written or
// skipped (dmNone after a group that is not coded), and which coding of the
// next group, vowel or consonant, this branch assumed (only set when the
// next group is J, the one group that can be either).
type dmState uint64

const (
	dmLen    = 6
	dmNone   = 0xf
	dmNShift = 24
	dmLShift = 28
	dmAShift = 32
)

func (s dmState) n() int        { return int(s>>dmNShift) & 0xf }
func (s dmState) last() uint8   { return uint8(s>>dmLShift) & 0xf }
func (s dmState) assume() uint8 { return uint8(s>>dmAShift) & 3 }

// add codes one letter group: a group that is not coded only resets the
// last digit; otherwise its first digit is dropped when it repeats the last
// digit ("when adjacent letters have the same code number, they are coded
// as one sound"; vowels in between keep them apart), and the code is cut at
// six digits. The second digit of a two-digit code is always written, so MN
// and NM give 66 ("coded separately").
func (s dmState) add(c dmCode) dmState {
	if c.n == 0 {
		return s&^(0xf<<dmLShift) | dmNone<<dmLShift
	}
	n, last := s.n(), s.last()
	for k := range int(c.n) {
		d := c.d[k]
		if (k > 0 || d != last) && n < dmLen {
			s |= dmState(d) << (4 * n)
			n++
		}
		last = d
	}
	return s&^(0xff<<dmNShift) | dmState(n)<<dmNShift | dmState(last)<<dmLShift
}

// value is the code as a number: its digits, padded with zeros to six.
func (s dmState) value() uint32 {
	n := s.n()
	var v uint32
	for i := range dmLen {
		v *= 10
		if i < n {
			v += uint32(s>>(4*i)) & 0xf
		}
	}
	return v
}

// DaitchMokotoff returns the Daitch–Mokotoff Soundex codes of s (six digits
// each; several codes when a letter group has alternative codings: C, CH,
// CK, J, RS, RZ), sorted and without duplicates. s is folded
// (normalize.Fold) so that Polish ł, ś, ż, ą etc. become ASCII first;
// non-letters are ignored (a name of several words is coded as one run of
// letters, "Ben Aron" as "Benaron", as the rules say). Empty or letterless
// input returns nil.
//
// The rules, from the JewishGen description of the system: the name is cut
// into the longest letter groups of the chart (dmChart), left to right;
// each group takes its code for the start of the name, for a position
// before a vowel (the next group is A, E, I, O, U, Y or a pair of them, or a
// J read as a vowel), or for any other position; a group with two codings
// doubles the codes; a code repeating the last digit of the previous group
// is written once (MN and NM excepted); codes are cut or zero-padded to six
// digits. Where implementations differ this one follows the
// PostgreSQL fuzzystrmatch daitch_mokotoff() reading, which matches
// JewishGen's own calculator: Y counts as a vowel, a J is a vowel or a
// consonant consistently for the group before it, and equal digits collapse
// digit by digit ("BESST" = "BEST" = 743000). Apache Commons Codec differs
// on those three points for some names.
func DaitchMokotoff(s string) []string {
	var lb [letterBuf]byte
	l := foldLetters(s, lb[:0])
	if len(l) == 0 {
		return nil
	}
	var ab, bb [16]dmState
	var db [16]uint32
	cur, next, done := ab[:0], bb[:0], db[:0]
	cur = append(cur, dmNone<<dmLShift)
	limit := 64
	r := dmMatch(l, 0)
	for pos := 0; r != nil && len(cur) > 0; {
		np := pos + len(r.pat)
		var nr *dmRule
		kinds := uint8(dmConsonant) // the end of the name codes as "other"
		if np < len(l) {
			nr = dmMatch(l, np)
			kinds = nr.kinds
		}
		// The columns to code r with: the start column for the first
		// group, else "before a vowel" and/or "other" by the kinds of the
		// next group, remembering which one was taken when it could be
		// either (a J), so that the J is then coded the same way.
		type column struct{ col, assume uint8 }
		var cols [2]column
		ncols := 0
		switch {
		case pos == 0:
			cols[0] = column{0, 0}
			ncols = 1
		case kinds == dmVowel|dmConsonant:
			cols = [2]column{{1, dmVowel}, {2, dmConsonant}}
			ncols = 2
		case kinds == dmVowel:
			cols[0] = column{1, 0}
			ncols = 1
		default:
			cols[0] = column{2, 0}
			ncols = 1
		}
		next = next[:0]
		for _, st := range cur {
			for a := range r.alt[:r.nalt] {
				alt := &r.alt[a]
				if as := st.assume(); as != 0 && as != alt.kind {
					continue
				}
				for _, c := range cols[:ncols] {
					t := st.add(alt.code[c.col]) &^ (3 << dmAShift)
					if t.n() == dmLen {
						done = append(done, t.value())
						if len(done) >= limit { // long, many-branched input
							slices.Sort(done)
							done = slices.Compact(done)
							limit = 2*len(done) + 64
						}
						continue
					}
					next = append(next, t|dmState(c.assume)<<dmAShift)
				}
			}
		}
		if len(next) > 1 {
			slices.Sort(next)
			next = slices.Compact(next)
		}
		cur, next = next, cur
		pos, r = np, nr
	}
	for _, st := range cur {
		done = append(done, st.value())
	}
	if len(done) > 1 {
		slices.Sort(done)
		done = slices.Compact(done)
	}
	var b strings.Builder
	b.Grow(dmLen * len(done))
	for _, v := range done {
		var d [dmLen]byte
		for i := dmLen - 1; i >= 0; i-- {
			d[i] = byte('0' + v%10)
			v /= 10
		}
		b.Write(d[:])
	}
	all := b.String()
	codes := make([]string, len(done))
	for i := range codes {
		codes[i] = all[dmLen*i : dmLen*(i+1)]
	}
	return codes
}
