package rules

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	"github.com/leadpipe/leadpipe/normalize"
)

// function is one of leadpipe's expression functions. Functions that read
// the lead or the clock get the environment as a hidden first argument: the
// compiler inserts $env into every call of them (see patcher).
type function struct {
	fn      func(args ...any) (any, error)
	types   []any // signatures, for the type checker
	usesEnv bool
}

var functions = map[string]function{
	"present": {usesEnv: true, types: []any{new(func(*vars, string) bool)},
		fn: func(a ...any) (any, error) { return a[0].(*vars).present(a[1].(string)), nil }},
	"empty": {usesEnv: true, types: []any{new(func(*vars, string) bool)},
		fn: func(a ...any) (any, error) { return !a[0].(*vars).present(a[1].(string)), nil }},
	"custom": {usesEnv: true, types: []any{new(func(*vars, string) string)},
		fn: func(a ...any) (any, error) { return a[0].(*vars).custom(a[1].(string)), nil }},
	"days_since": {usesEnv: true, types: []any{new(func(*vars, time.Time) float64), new(func(*vars, string) float64)},
		fn: func(a ...any) (any, error) {
			v := a[0].(*vars)
			switch t := a[1].(type) {
			case time.Time:
				return daysBetween(t, v.now), nil
			case string:
				d, err := parseDate(t)
				if err != nil {
					return math.NaN(), nil
				}
				return daysBetween(d, v.now), nil
			}
			return math.NaN(), nil
		}},
	"country_in": {usesEnv: true, types: []any{new(func(*vars, ...string) bool)},
		fn: func(a ...any) (any, error) {
			c := a[0].(*vars).Country
			for _, x := range a[1:] {
				if s, _ := x.(string); strings.EqualFold(s, c) && c != "" {
					return true, nil
				}
			}
			return false, nil
		}},
	"now": {usesEnv: true, types: []any{new(func(*vars) time.Time)},
		fn: func(a ...any) (any, error) { return a[0].(*vars).now, nil }},
	"is_freemail": {usesEnv: true, types: []any{new(func(*vars, string) bool)},
		fn: func(a ...any) (any, error) { return a[0].(*vars).cache.isFreemail(a[1].(string)), nil }},
	// $matches is `text matches "constant pattern"`, rewritten by the
	// patcher to use the environment's cache. Users cannot name it.
	"$matches": {types: []any{new(func(*vars, string, *regexp.Regexp) bool)},
		fn: func(a ...any) (any, error) {
			return a[0].(*vars).cache.match(a[2].(*regexp.Regexp), a[1].(string)), nil
		}},
	"is_role_address": {types: []any{new(func(string) bool)},
		fn: func(a ...any) (any, error) { return isRoleAddress(a[0].(string)), nil }},
	"date": {types: []any{new(func(string) time.Time)},
		fn: func(a ...any) (any, error) { return parseDate(a[0].(string)) }},
	"num": {types: []any{new(func(string) float64)},
		fn: func(a ...any) (any, error) { return parseNum(a[0].(string)), nil }},
}

// disabledBuiltins are expr builtins leadpipe replaces (now, date) or does
// not offer: timezone and date's zone argument load zone files, repeat can
// build huge strings before the memory budget sees them, and the codecs
// have no use in a lead rule.
var disabledBuiltins = []string{"now", "date", "timezone", "repeat", "toJSON", "fromJSON", "toBase64", "fromBase64"}

func functionOptions() []expr.Option {
	var opts []expr.Option
	for _, name := range disabledBuiltins {
		opts = append(opts, expr.DisableBuiltin(name))
	}
	for name, f := range functions {
		opts = append(opts, expr.Function(name, f.fn, f.types...))
	}
	return opts
}

// isFreemail reports whether an e-mail address is at a freemail provider.
func isFreemail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return false
	}
	return normalize.IsFreemail(strings.ToLower(strings.TrimSpace(s[at+1:])))
}

// isRoleAddress reports whether an e-mail address names a function (info@,
// vertrieb@, biuro@) rather than a person.
func isRoleAddress(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return false
	}
	return normalize.IsRoleLocalPart(strings.ToLower(strings.TrimSpace(s[:at])))
}

var errDate = errors.New("not a date: want YYYY-MM-DD or RFC 3339")

// parseDate reads YYYY-MM-DD (midnight UTC) or an RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, errDate
}

// parseNum reads a number written the plain way ("1234.5") or with a
// decimal comma and grouping ("1.234,50", "1 234,50"); NaN when s is not a
// number.
func parseNum(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return math.NaN()
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) {
		return f
	}
	t := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'':
			return -1
		}
		return r
	}, s)
	if i := strings.LastIndexByte(t, ','); i >= 0 && strings.LastIndexByte(t, '.') < i {
		t = strings.ReplaceAll(t[:i], ".", "") + "." + t[i+1:]
	} else {
		t = strings.ReplaceAll(t, ",", "")
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}
