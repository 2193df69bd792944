package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// Phone is a normalized phone number.
type Phone struct {
	E164 string // "+493012345678"
	Ext  string // extension digits, if any
}

// ParsePhone parses a phone number written in any common form ("+49 (0)30
// 1234567", "0049 30 1234567", "030/1234567", "601-234-567", "+49 30 1234567
// ext. 12", "(030) 1234567-0", "tel:+49-30-1234567") with region (ISO
// alpha-2, may be empty) used for numbers without a country code. It returns
// ErrInvalidPhone for numbers that are not valid in the number plan
// (libphonenumber's IsValidNumber) and for a number without country code
// when region is empty; empty input gives ErrEmpty.
//
// Details:
//   - A leading label ("Tel.:", "Mobil", "Fax:") is ignored. An extension
//     needs a marker: "ext.", "x", "#", "Durchwahl", "DW", "App.", "wew.",
//     ";ext=". A trailing "-0" is not an extension: German "030 1234567-0"
//     names the switchboard and is dialled, so it stays in the number
//     (+4930123456700 style), as libphonenumber does.
//   - "00" before the country code counts as "+", whatever the region.
//   - "(0)" after the country code is the trunk prefix: it is dropped where
//     the number plan has one (DE, AT, CH, GB, ...) and kept where the 0 is
//     part of the number (IT).
//
// Performance: the number is reduced to "+" and digits first. A bounded,
// concurrency-safe cache keyed by (region, digits) answers repeated and
// re-formatted numbers with a map look-up; a miss takes the fast path of
// phonefast.go (libphonenumber's rules with precompiled patterns, ~7x
// faster than Parse+IsValidNumber) and falls back to libphonenumber for
// the rest. See BenchmarkParsePhone.
func ParsePhone(s, region string) (Phone, error) {
	t := Text(s)
	if t == "" {
		return Phone{}, ErrEmpty
	}
	region = phoneRegion(region)
	t = stripTrailingLabel(stripPhoneLabel(t))
	if digits, ok, whole := spreadsheetExponent(t); ok {
		if !whole {
			return Phone{}, ErrPhoneExponent
		}
		t = digits
	}
	main, ext, ok := splitPhoneExt(t)
	if !ok {
		return parsePhoneSlow(t, region)
	}
	var buf [32]byte
	digits, trunk, ok := phoneDigits(buf[:0], main)
	if !ok {
		return parsePhoneSlow(t, region)
	}
	e164, err := parseDigits(digits, region, trunk, leadingDigits(main))
	if err != nil {
		return Phone{}, err
	}
	return Phone{E164: e164, Ext: ext}, nil
}

// spreadsheetExponent reads a number that a spreadsheet wrote in
// scientific notation because it took the phone number for a number:
// "4.91711234567E+11" (Excel's CSV), "4,91711234567E+11" (with a German
// decimal comma). ok reports whether t is written so; whole whether every
// digit of the number is there (as many decimals as the exponent says),
// and digits is then the number ("491711234567"). "4.91712E+11" lost the
// last digits to the display format (whole is false): no number is made up
// from what is left.
func spreadsheetExponent(t string) (digits string, ok, whole bool) {
	e := strings.IndexAny(t, "Ee")
	if e < 2 || e+1 >= len(t) {
		return "", false, false
	}
	mant, exp := t[:e], t[e+1:]
	if exp[0] == '+' {
		exp = exp[1:]
	}
	if len(exp) > 2 || !isDigits(exp) {
		return "", false, false
	}
	if mant[0] < '1' || mant[0] > '9' || (mant[1] != '.' && mant[1] != ',') || len(mant) > 2 && !isDigits(mant[2:]) {
		return "", false, false
	}
	frac := mant[2:]
	if atoi(exp) != len(frac) {
		return "", true, false
	}
	return mant[:1] + frac, true, true
}

// phoneRegion upper-cases an ISO alpha-2 region; anything else is no region.
func phoneRegion(region string) string {
	region = strings.TrimSpace(region)
	if len(region) != 2 {
		return ""
	}
	a, b := region[0]|0x20, region[1]|0x20
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return ""
	}
	return string([]byte{a - 0x20, b - 0x20})
}

// phoneLabels are words written before a number in a cell.
var phoneLabels = map[string]bool{
	"tel": true, "tel.": true, "tel:": true, "tel.:": true, "telefon": true,
	"telefon:": true, "phone": true, "phone:": true, "fon": true, "fon:": true,
	"t": true, "t:": true, "t.": true, "m": true, "m:": true, "m.": true,
	"mobil": true, "mobil:": true, "mobile": true, "mobile:": true,
	"mob": true, "mob.": true, "mob:": true, "mob.:": true, "handy": true,
	"handy:": true, "fax": true, "fax:": true, "f:": true, "kom.": true,
	"kom": true, "kom:": true, "komórka": true, "komórka:": true, "tel./fax": true,
	"tel./fax:": true, "tel/fax": true, "tel/fax:": true, "telefax": true, "telefax:": true,
}

// stripPhoneLabel removes a leading "Tel.:" or "tel:" (RFC 3966).
func stripPhoneLabel(t string) string {
	if t == "" || t[0] == '+' || t[0] == '(' || ('0' <= t[0] && t[0] <= '9') {
		return t
	}
	if len(t) > 4 && strings.EqualFold(t[:4], "tel:") {
		return strings.TrimSpace(t[4:])
	}
	end := strings.IndexFunc(t, func(r rune) bool { return r == ' ' || r == '+' || r == '(' || ('0' <= r && r <= '9') })
	if end <= 0 {
		return t
	}
	if phoneLabels[strings.ToLower(t[:end])] {
		return strings.TrimSpace(t[end:])
	}
	return t
}

// trailingLabels are words written after a number in a cell, alone or in
// brackets: "089 45670 Zentrale", "030 1234567 (Büro)". Folded to lower
// case; a label of its own, never the letters of a vanity number.
var trailingLabels = map[string]bool{
	"zentrale": true, "zentral": true, "vermittlung": true, "centrala": true,
	"switchboard": true, "main": true, "office": true, "büro": true, "buero": true,
	"biuro": true, "privat": true, "private": true, "prywatny": true, "home": true,
	"work": true, "dienst": true, "dienstlich": true, "geschäftlich": true,
	"geschaeftlich": true, "gesch": true, "mobil": true, "mobile": true, "handy": true,
	"cell": true, "fax": true, "telefax": true, "tel": true, "phone": true,
	"empfang": true, "reception": true, "recepcja": true, "sekretariat": true,
	"direkt": true, "direct": true, "bezpośredni": true, "komórka": true, "kom": true,
}

// stripTrailingLabel removes one label word after the number ("089 45670
// Zentrale"), which libphonenumber would otherwise read as the letters
// of a vanity number.
func stripTrailingLabel(t string) string {
	end := strings.TrimRight(t, " )].:")
	i := strings.LastIndexFunc(end, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	if i < 0 || i == len(end)-1 {
		return t
	}
	_, n := utf8.DecodeRuneInString(end[i:])
	word := strings.TrimRight(end[i+n:], ".")
	if !trailingLabels[strings.ToLower(word)] {
		return t
	}
	return strings.TrimRight(end[:i+n], " ([,;-/")
}

// extWords are the words that introduce an extension.
var extWords = map[string]bool{
	"ext": true, "extn": true, "extension": true, "x": true, "durchwahl": true,
	"dw": true, "durchw": true, "nebenstelle": true, "app": true,
	"apparat": true, "wew": true, "wewn": true, "w": true, "poste": true,
	// libphonenumber's other ASCII ones: Italian "int." (interno),
	// Spanish "anexo", "xtn". Left to it, they now meet vanityLetters.
	"int": true, "anexo": true, "xtn": true,
}

// splitPhoneExt splits "030 1234567 Durchwahl 12" into number and extension
// digits. ok is false when the text holds letters that are no extension
// marker; the caller then leaves the string to libphonenumber.
func splitPhoneExt(t string) (main, ext string, ok bool) {
	seenDigit := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		if '0' <= c && c <= '9' {
			seenDigit = true
			continue
		}
		if c < utf8.RuneSelf && c != '#' && c != ';' && !isASCIILetter(c) {
			continue
		}
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(t[i:])
			if !unicode.IsLetter(r) {
				continue
			}
		}
		if !seenDigit {
			return t, "", false
		}
		j := i
		if c == '#' || c == ';' {
			j++
			if c == ';' { // RFC 3966 ";ext=12"
				k := j
				for k < len(t) && isASCIILetter(t[k]) {
					k++
				}
				if !strings.EqualFold(t[j:k], "ext") {
					return t, "", false
				}
				j = k
			}
		} else {
			for j < len(t) && isASCIILetter(t[j]) {
				j++
			}
			if !extWords[strings.ToLower(t[i:j])] {
				return t, "", false
			}
		}
		rest := strings.TrimLeft(t[j:], ".:= ")
		if rest == "" || len(rest) > 8 {
			return t, "", false
		}
		for k := 0; k < len(rest); k++ {
			if rest[k] < '0' || rest[k] > '9' {
				return t, "", false
			}
		}
		return strings.TrimRight(t[:i], " ,;-/"), rest, true
	}
	return t, "", true
}

func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

// maxPhoneDigits bounds the digits of a number: E.164 allows 15, plus "00".
const maxPhoneDigits = 17

// phoneDigits reduces a number to "+" and digits ("00" becomes "+"). trunk
// reports a "(0)" right after the country code. ok is false on characters
// that do not belong in a written phone number.
func phoneDigits(dst []byte, s string) (digits []byte, trunk, ok bool) {
	plus := false
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			n++
			if n > maxPhoneDigits {
				return nil, false, true // too long: invalid, not "other"
			}
			dst = append(dst, c)
		case c == '+':
			if plus || n > 0 {
				return nil, false, false
			}
			plus = true
			dst = append(dst, '+')
		case c == '(':
			if !strings.HasPrefix(s[i:], "(0)") {
				break
			}
			switch {
			case plus || (n > 2 && dst[0] == '0' && dst[1] == '0'):
				trunk = true
			case 1 <= n && n <= 3 && dst[0] != '0':
				// "49 (0)30 1234567": a country code written without
				// its "+"; the "(0)" says so.
				dst = append(dst, 0)
				copy(dst[1:], dst)
				dst[0] = '+'
				plus, trunk = true, true
			}
		case c == ' ' || c == '-' || c == '.' || c == '/' || c == ')' || c == '[' || c == ']':
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.Is(unicode.Pd, r) { // dashes: ‐ ‑ – —
				return nil, false, false
			}
			i += size - 1
		default:
			return nil, false, false
		}
	}
	if !plus && len(dst) > 2 && dst[0] == '0' && dst[1] == '0' {
		dst[1] = '+'
		dst = dst[1:]
	}
	return dst, trunk, true
}

// parseDigits parses "+4930..." or a national "030..." in region, through
// the cache.
func parseDigits(digits []byte, region string, trunk bool, group int) (string, error) {
	if len(digits) < 4 {
		return "", ErrInvalidPhone
	}
	if digits[0] != '+' && region == "" {
		return "", ErrPhoneNoCountry
	}
	s := string(digits)
	if digits[0] != '+' {
		if e164 := plusDropped(s, region, group); e164 != "" {
			return e164, nil
		}
	}
	// The fast path is cheaper than a cache look-up: only what the
	// library decides is cached.
	e164, handled := phoneFast(s, region)
	if !handled || (e164 == "" && trunk) {
		var kb [40]byte
		key := append(append(kb[:0], region...), digits...)
		if v, ok := phoneCache.get(key); ok {
			e164 = v
		} else {
			if !handled {
				e164 = parseValid(s, region)
			}
			if e164 == "" && trunk {
				// "+39 (0)6 ..." keeps the 0 (first try); "+48 (0)22 ..." drops it.
				e164 = parseTrunk(s, region)
			}
			phoneCache.put(string(key), e164)
		}
	}
	if e164 == "" {
		return "", ErrInvalidPhone
	}
	return e164, nil
}

// plusDropped reads national digits that start with the region's calling
// code but not with its trunk prefix as an international number that lost
// its "+", when that reading is valid: "491701234567" in DE is
// +491701234567, as Excel keeps a number typed as +49 170 1234567 in a
// number cell. libphonenumber reads it as a national number wherever the
// region's number plan is loose enough (DE, AT), which gives
// +49491701234567. A region without a trunk prefix (PL) needs no such
// rule: its national numbers have a fixed length, and libphonenumber
// already reads the longer ones as international.
//
// A number that lost its leading 0 the same way looks alike when its area
// code starts with the calling code (Emden 04921: "4921 98765"). group is
// the length of the first run of digits as written: the calling code
// alone ("49 170 1234567") says international; digits written without a
// break say so only when they are too many for a national number without
// its 0 (at least 9 after the calling code: "491701234567", not
// "492198765"). A mobile number written in groups ("49151 12345678") is
// read as international when it has at least 10 digits after the calling
// code, more than a national number without its 0 has.
func plusDropped(digits, region string, group int) string {
	if digits[0] == '0' { // the trunk prefix of most regions; no calling code starts with 0
		return ""
	}
	meta := metaFor(region, 0)
	if meta == nil || meta.trunk == "" || strings.HasPrefix(digits, meta.trunk) ||
		!strings.HasPrefix(digits, meta.ccString) || len(digits) < len(meta.ccString)+4 {
		return ""
	}
	cc := len(meta.ccString)
	switch {
	case group == cc, group == len(digits) && len(digits) >= cc+9:
		return parseCanonical("+"+digits, region)
	case len(digits) >= cc+10:
		num, err := phonenumbers.Parse("+"+digits, region)
		if err != nil || !phonenumbers.IsValidNumber(num) || phonenumbers.GetNumberType(num) != phonenumbers.MOBILE {
			return ""
		}
		return phonenumbers.Format(num, phonenumbers.E164)
	}
	return ""
}

// leadingDigits is the length of the first run of digits in s.
func leadingDigits(s string) int {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range []byte(s[i:]) {
		if c < '0' || c > '9' {
			break
		}
		n++
	}
	return n
}

// parseTrunk retries "+CC0..." without the 0 after the country code.
func parseTrunk(digits, region string) string {
	for cc := 1; cc <= 3 && cc+1 < len(digits); cc++ {
		code := digits[1 : 1+cc]
		if phonenumbers.GetRegionCodeForCountryCode(atoi(code)) == "ZZ" {
			continue
		}
		if digits[1+cc] != '0' {
			return ""
		}
		return parseCanonical("+"+code+digits[2+cc:], region)
	}
	return ""
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// parseCanonical parses "+" and digits, or national digits in region: on
// the fast path when it applies, else with libphonenumber.
func parseCanonical(digits, region string) string {
	if e164, ok := phoneFast(digits, region); ok {
		return e164
	}
	return parseValid(digits, region)
}

// parseValid runs libphonenumber and returns the E.164 form of a valid
// number, or "".
func parseValid(s, region string) string {
	num, err := phonenumbers.Parse(s, region)
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return ""
	}
	return phonenumbers.Format(num, phonenumbers.E164)
}

// parsePhoneSlow hands a number with unusual characters (letters of a
// vanity number, odd separators) to libphonenumber as it is, uncached.
func parsePhoneSlow(t, region string) (Phone, error) {
	if len(t) > 64 {
		return Phone{}, ErrInvalidPhone
	}
	if region == "" && !strings.HasPrefix(t, "+") && !strings.HasPrefix(t, "00") {
		return Phone{}, ErrPhoneNoCountry
	}
	if !vanityLetters(t) {
		// A word written beside the number ("Zentrale", "nur
		// vormittags"), whose letters libphonenumber would dial.
		return Phone{}, ErrInvalidPhone
	}
	num, err := phonenumbers.Parse(t, region)
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return Phone{}, ErrInvalidPhone
	}
	return Phone{E164: phonenumbers.Format(num, phonenumbers.E164), Ext: num.GetExtension()}, nil
}

// vanityLetters reports whether the letters in a number are ones a vanity
// number is written with ("1-800-FLOWERS"): upper-case ASCII, at least
// three in a row, no lower-case or other letter.
func vanityLetters(t string) bool {
	run, longest := 0, 0
	for _, r := range t {
		switch {
		case 'A' <= r && r <= 'Z':
			run++
			longest = max(longest, run)
		case unicode.IsLetter(r):
			return false
		default:
			run = 0
		}
	}
	return longest == 0 || longest >= 3
}

// phoneCache maps region+digits to the E.164 form ("" = invalid) for the
// numbers the library decides (the fast path is cheaper than a look-up). It
// is sharded to keep lock contention low, and bounded: a full shard is
// cleared.
var phoneCache = newShardedCache(64, 2048)

type shardedCache struct {
	shards []cacheShard
	per    int
}

type cacheShard struct {
	mu sync.Mutex
	m  map[string]string
}

func newShardedCache(shards, perShard int) *shardedCache {
	c := &shardedCache{shards: make([]cacheShard, shards), per: perShard}
	for i := range c.shards {
		c.shards[i].m = make(map[string]string, perShard)
	}
	return c
}

func (c *shardedCache) shard(key []byte) *cacheShard {
	// FNV-1a
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return &c.shards[h%uint32(len(c.shards))]
}

func (c *shardedCache) get(key []byte) (string, bool) {
	s := c.shard(key)
	s.mu.Lock()
	v, ok := s.m[string(key)]
	s.mu.Unlock()
	return v, ok
}

func (c *shardedCache) put(key, value string) {
	s := c.shard([]byte(key))
	s.mu.Lock()
	if len(s.m) >= c.per {
		// Start the shard afresh: deleting one entry at a time makes
		// every later put search the map for a live entry.
		clear(s.m)
	}
	s.m[key] = value
	s.mu.Unlock()
}
