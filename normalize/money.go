package normalize

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/currency"
)

// Money is a parsed amount.
type Money struct {
	Amount   string // plain decimal with a dot and no grouping: "83500.00", "1234.56", "50000"
	Value    float64
	Currency string // ISO 4217 when the text said (€, EUR, zł, PLN, $, USD, CHF, £), else ""
}

// currencies maps folded currency words and symbols to ISO 4217 codes.
var currencies = map[string]string{
	"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "eu": "EUR",
	"$": "USD", "usd": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
	"£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
	"chf": "CHF", "fr": "CHF", "sfr": "CHF", "fr.": "CHF", "sfr.": "CHF",
	"zł": "PLN", "zl": "PLN", "pln": "PLN", "złotych": "PLN", "zlotych": "PLN", "złoty": "PLN", "zloty": "PLN",
	"czk": "CZK", "kč": "CZK", "kc": "CZK", "huf": "HUF", "ft": "HUF",
	"sek": "SEK", "nok": "NOK", "dkk": "DKK", "kr": "", "kr.": "",
	"jpy": "JPY", "¥": "JPY", "cny": "CNY", "rmb": "CNY", "inr": "INR", "₹": "INR",
	"cad": "CAD", "aud": "AUD", "ron": "RON", "bgn": "BGN", "uah": "UAH", "₴": "UAH",
}

// CurrencyCode reads a currency cell ("EUR", "eur", "€", "zł", "Euro")
// as an ISO 4217 code. Three letters must be a code of ISO 4217; a symbol
// or word one leadpipe knows. ok is false for anything else, and for "kr",
// which names several currencies.
func CurrencyCode(s string) (code string, ok bool) {
	t := strings.ToLower(strings.TrimSpace(Text(s)))
	if c, known := currencies[t]; known {
		return c, c != ""
	}
	if len(t) != 3 {
		return "", false
	}
	// An ISO 4217 code (x/text's table): "TBD" or "N/A" is none.
	u, err := currency.ParseISO(t)
	if err != nil || u == (currency.Unit{}) {
		return "", false
	}
	return u.String(), true
}

// multipliers maps folded words for thousands, millions and billions to a
// power of ten.
var multipliers = map[string]int{
	"k": 3, "tsd": 3, "tsd.": 3, "tausend": 3, "t": 3, "tys": 3, "tys.": 3, "tysiecy": 3, "tysiące": 3, "thousand": 3,
	"m": 6, "mio": 6, "mio.": 6, "mn": 6, "mln": 6, "mln.": 6, "million": 6, "millionen": 6, "millions": 6, "mil": 6,
	"milion": 6, "miliony": 6, "milionow": 6, "milionów": 6,
	"bn": 9, "b": 9, "mrd": 9, "mrd.": 9, "mld": 9, "mld.": 9, "milliarde": 9, "milliarden": 9, "billion": 9, "billions": 9,
	"miliard": 9, "miliardy": 9, "miliardów": 9,
}

// maxIntDigits bounds the integer part of an amount (below 10^15), so that
// Value stays exact to the cent.
const maxIntDigits = 15

// ParseMoney parses "83.500,00 €", "1,234.56", "50k", "1.5 Mio", "PLN 12 000",
// "12 000 zł", "$1,200", "-300". Grouping and decimal separators are told
// apart by their positions.
//
// Separators:
//   - With both '.' and ',', the last one is the decimal separator.
//   - A separator that occurs more than once groups thousands ("1.234.567").
//   - A single '.' or ',' followed by exactly three digits groups thousands
//     when the part before it is 1-3 digits not starting with 0: "1.234" and
//     "1,234" are 1234, "0,125" and "1234.567" are decimals. After a
//     multiplier it is always decimal: "1,250 Mio" is 1250000.
//   - Space, NBSP, thin space and the Swiss apostrophe ("5'000") group.
//   - Groups after the first must have three digits, else ErrInvalidMoney.
//
// Also: a currency symbol or code before or after (€, EUR, $, £, CHF, Fr.,
// zł, PLN, ...), a multiplier after the number (k, Tsd., T, tys., M, Mio.,
// mln, Mrd., mld, bn; "TEUR" is thousands of euros), "-300", "300-",
// "(300)", and the German ",-" / ",--" for whole amounts ("1.000,-").
//
// Amount is canonical so that re-imports compare equal: no grouping, a dot
// for decimals, no leading zeros, "-" for negatives. It has no decimals when
// the value after the multiplier has none written ("50k" -> "50000", "1,5
// Mio" -> "1500000"), otherwise exactly two, rounded half away from zero
// ("12,5" -> "12.50", "0,125" -> "0.13"). So ParseMoney(m.Amount).Amount ==
// m.Amount. Amounts of 10^15 or more give ErrInvalidMoney.
func ParseMoney(s string) (Money, error) {
	t := Text(s)
	if t == "" {
		return Money{}, ErrEmpty
	}
	if m, ok := plainMoney(t); ok {
		return m, nil
	}
	// "ca. 3.000 EUR", "~50k", "około 10 tys. zł", "approx. $5,000": the
	// estimate is the amount.
	if c := t[0]; !('a' <= c|0x20 && c|0x20 <= 'z') && c != '~' && c < 0x80 {
		return parseMoney(t) // no estimate word before the amount
	}
	low := strings.ToLower(t)
	for _, p := range approxWords {
		if !strings.HasPrefix(low, p) || len(low) == len(p) {
			continue
		}
		// A word must end there: "cad 500" is Canadian dollars.
		if c := low[len(p)]; p[len(p)-1] == '.' || p == "~" || p == "≈" || c == ' ' || c >= '0' && c <= '9' {
			t = strings.TrimSpace(t[len(p):])
			break
		}
	}
	return parseMoney(t)
}

// approxWords say that an amount is an estimate; longer ones first.
var approxWords = []string{"approximately", "approx.", "approx", "circa", "około", "ungefähr", "etwa", "rund", "ca.", "ca", "ok.", "~", "≈"}

// plainMoney is ParseMoney's result for a plain whole number without
// leading zeros ("191000"), the most common budget cell, or false for
// anything else; the full parse took 3% of a 1M-row import's CPU.
func plainMoney(t string) (Money, bool) {
	if len(t) == 0 || len(t) > maxIntDigits || t[0] == '0' && len(t) > 1 {
		return Money{}, false
	}
	var v uint64
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' {
			return Money{}, false
		}
		v = v*10 + uint64(c-'0')
	}
	// At most 15 digits: exact as a float64.
	return Money{Amount: t, Value: float64(v)}, true
}

// parseMoney is ParseMoney for the trimmed, non-empty text t.
func parseMoney(t string) (Money, error) {
	if len(t) > 64 {
		return Money{}, ErrInvalidMoney
	}
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg = true
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	// find the number: the first digit through the last digit
	first := strings.IndexFunc(t, func(r rune) bool { return '0' <= r && r <= '9' })
	if first < 0 {
		return Money{}, ErrInvalidMoney
	}
	last := strings.LastIndexFunc(t, func(r rune) bool { return '0' <= r && r <= '9' })
	// a decimal separator written before the first digit: ",50"
	if first > 0 && (t[first-1] == '.' || t[first-1] == ',') && (first == 1 || !isASCIILetter(t[first-2])) {
		first--
	}
	prefix, number, suffix := t[:first], t[first:last+1], t[last+1:]

	cur, negBefore, err := moneyAffix(prefix, "")
	if err != nil {
		return Money{}, err
	}
	cur, exp, negAfter, whole, err := moneySuffix(suffix, cur)
	if err != nil {
		return Money{}, err
	}
	if negBefore || negAfter {
		if neg {
			return Money{}, ErrInvalidMoney // "-(300)"
		}
		neg = true
	}
	intPart, frac, err := splitDecimal(number, exp > 0)
	if err != nil {
		return Money{}, err
	}
	if whole && frac != "" {
		return Money{}, ErrInvalidMoney // "1.000,50,-"
	}
	amount, err := formatAmount(intPart, frac, exp, neg)
	if err != nil {
		return Money{}, err
	}
	v, err := strconv.ParseFloat(amount, 64)
	if err != nil {
		return Money{}, ErrInvalidMoney
	}
	return Money{Amount: amount, Value: v, Currency: cur}, nil
}

// moneyAffix reads the text before the number: a sign and a currency in
// either order ("-€", "€ -", "EUR").
func moneyAffix(p, cur string) (string, bool, error) {
	neg := false
	p = strings.TrimSpace(p)
	for p != "" {
		switch {
		case p[0] == '-':
			if neg {
				return "", false, ErrInvalidMoney
			}
			neg = true
			p = strings.TrimSpace(p[1:])
			continue
		case strings.HasPrefix(p, "−"): // U+2212 minus sign
			if neg {
				return "", false, ErrInvalidMoney
			}
			neg = true
			p = strings.TrimSpace(p[len("−"):])
			continue
		case p[0] == '+':
			p = strings.TrimSpace(p[1:])
			continue
		}
		c, rest, ok := leadingCurrency(p)
		if !ok || (cur != "" && c != cur) {
			return "", false, ErrInvalidMoney
		}
		cur = c
		p = strings.TrimSpace(rest)
	}
	return cur, neg, nil
}

// leadingCurrency takes a currency symbol or word off the front of p: "€",
// "US$", "EUR", "Fr.", "zł".
func leadingCurrency(p string) (code, rest string, ok bool) {
	end := 0
	for end < len(p) {
		r, size := utf8.DecodeRuneInString(p[end:])
		if r == ' ' || r == '-' || r == '+' || r == '−' || ('0' <= r && r <= '9') {
			break
		}
		end += size
		if r == '$' || r == '€' || r == '£' || r == '¥' || r == '₹' || r == '₴' {
			break
		}
	}
	c, found := currencies[lowerRunes(p[:end])]
	if end == 0 || !found {
		return "", p, false
	}
	return c, p[end:], true
}

// moneySuffix reads the text after the number: a multiplier, a currency, a
// trailing sign and ",-".
func moneySuffix(p, cur string) (code string, exp int, neg, whole bool, err error) {
	p = strings.TrimSpace(p)
	for p != "" {
		switch {
		case strings.HasPrefix(p, ",-") || strings.HasPrefix(p, ".-") || strings.HasPrefix(p, ",–") || strings.HasPrefix(p, ".–"):
			if whole || exp > 0 {
				return "", 0, false, false, ErrInvalidMoney
			}
			whole = true
			p = strings.TrimLeft(p[1:], "-–")
			p = strings.TrimSpace(p)
			continue
		case p[0] == '-' && strings.TrimSpace(p[1:]) == "":
			neg = true
			p = ""
			continue
		}
		// a word: letters, dots, symbols up to the next space
		end := strings.IndexByte(p, ' ')
		if end < 0 {
			end = len(p)
		}
		w := lowerRunes(p[:end])
		p = strings.TrimSpace(p[end:])
		for w != "" {
			if e, ok := multipliers[w]; ok && exp == 0 {
				exp = e
				w = ""
				break
			}
			if c, ok := currencies[w]; ok {
				if cur != "" && c != cur {
					return "", 0, false, false, ErrInvalidMoney
				}
				cur = c
				w = ""
				break
			}
			// glued forms: "50k€", "TEUR", "k€", "mln zł" written "mlnzł"
			if k, c := splitGlued(w); k >= 0 {
				if exp != 0 || (cur != "" && c != cur) {
					return "", 0, false, false, ErrInvalidMoney
				}
				exp, cur = k, c
				w = ""
				break
			}
			return "", 0, false, false, ErrInvalidMoney
		}
	}
	return cur, exp, neg, whole, nil
}

// splitGlued splits a multiplier glued to a currency ("k€", "teur",
// "tsd.€", "mioeur"); it returns -1 when w is no such pair.
func splitGlued(w string) (int, string) {
	for i := 1; i < len(w); i++ {
		if e, ok := multipliers[w[:i]]; ok {
			if c, ok := currencies[strings.TrimPrefix(w[i:], ".")]; ok && c != "" {
				return e, c
			}
		}
	}
	return -1, ""
}

// splitDecimal tells grouping from decimal separators and returns the
// digits before and after the decimal separator.
func splitDecimal(num string, multiplied bool) (intPart, frac string, err error) {
	// normalise group-only separators to ' ' and find '.' and ','
	lastDot, lastComma := strings.LastIndexByte(num, '.'), strings.LastIndexByte(num, ',')
	dots, commas := strings.Count(num, "."), strings.Count(num, ",")
	dec := byte(0)
	switch {
	case dots > 0 && commas > 0:
		if lastDot > lastComma {
			dec = '.'
		} else {
			dec = ','
		}
		if strings.Count(num, string(dec)) > 1 {
			return "", "", ErrInvalidMoney
		}
	case dots+commas == 1:
		sep := byte('.')
		if commas == 1 {
			sep = ','
		}
		i := strings.IndexByte(num, sep)
		before, after := num[:i], num[i+1:]
		lead := before
		if j := strings.LastIndexAny(before, " '’\u202f\u2009"); j >= 0 {
			lead = "" // already grouped with spaces: the separator is decimal
		}
		if !multiplied && len(after) == 3 && isDigits(after) && len(lead) >= 1 && len(lead) <= 3 && lead[0] != '0' {
			dec = 0 // "1.234": grouping
		} else {
			dec = sep
		}
	}
	var ib, fb strings.Builder
	groups := 0    // number of group separators seen
	groupLen := -1 // digits since the last group separator, -1 before any
	inFrac := false
	for i := 0; i < len(num); {
		r, size := utf8.DecodeRuneInString(num[i:])
		i += size
		switch {
		case '0' <= r && r <= '9':
			if inFrac {
				fb.WriteRune(r)
			} else {
				ib.WriteRune(r)
				if groupLen >= 0 {
					groupLen++
				}
			}
		case byte(r) == dec && r < utf8.RuneSelf:
			if inFrac || (groupLen >= 0 && groupLen != 3) {
				return "", "", ErrInvalidMoney
			}
			inFrac = true
		case r == '.' || r == ',' || r == ' ' || r == '\'' || r == '’' || r == '\u202f' || r == '\u2009':
			if inFrac || ib.Len() == 0 || (groupLen >= 0 && groupLen != 3) || (groupLen < 0 && ib.Len() > 3) {
				return "", "", ErrInvalidMoney
			}
			groups++
			groupLen = 0
		default:
			return "", "", ErrInvalidMoney
		}
	}
	if !inFrac && groupLen >= 0 && groupLen != 3 {
		return "", "", ErrInvalidMoney
	}
	if ib.Len() == 0 && fb.Len() == 0 {
		return "", "", ErrInvalidMoney
	}
	if inFrac && fb.Len() == 0 {
		return "", "", ErrInvalidMoney
	}
	return ib.String(), fb.String(), nil
}

// formatAmount applies the multiplier and renders the canonical Amount.
func formatAmount(intPart, frac string, exp int, neg bool) (string, error) {
	// shift the decimal point exp places to the right
	for exp > 0 {
		if frac != "" {
			intPart += frac[:1]
			frac = frac[1:]
		} else {
			intPart += "0"
		}
		exp--
	}
	intPart = strings.TrimLeft(intPart, "0")
	if frac != "" {
		// round half away from zero to two decimals
		f := frac + "00"
		cents := intPart + f[:2]
		if len(frac) > 2 && frac[2] >= '5' {
			cents = incDecimal(cents)
		}
		cents = strings.TrimLeft(cents, "0")
		for len(cents) < 3 {
			cents = "0" + cents
		}
		intPart, frac = cents[:len(cents)-2], cents[len(cents)-2:]
	}
	if intPart == "" {
		intPart = "0"
	}
	if len(intPart) > maxIntDigits {
		return "", ErrInvalidMoney
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out, nil
}

// incDecimal adds one to a string of digits.
func incDecimal(d string) string {
	b := []byte(d)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}
