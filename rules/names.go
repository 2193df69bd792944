package rules

import (
	"reflect"
	"slices"
	"strings"

	"github.com/leadpipe/leadpipe/crm"
)

// field is a name that present() and required-field lists accept.
type field struct {
	name    string
	present func(*crm.Lead) bool
}

func textField(name string) field {
	return field{name, func(l *crm.Lead) bool { return hasText(l.Get(name)) }}
}

// fields are the names present("...") knows besides custom columns: every
// core field plus the derived text fields.
var fields = func() []field {
	var fs []field
	for _, name := range crm.CoreFields {
		fs = append(fs, textField(name))
	}
	return append(fs,
		field{"currency", func(l *crm.Lead) bool { return hasText(l.Currency) }},
		field{"legal_form", func(l *crm.Lead) bool { return hasText(l.LegalForm) }},
		field{"email_domain", func(l *crm.Lead) bool { return emailDomain(l.Email) != "" }},
		field{"score", func(l *crm.Lead) bool { return l.Grade != "" }},
		field{"grade", func(l *crm.Lead) bool { return l.Grade != "" }},
	)
}()

var fieldByName = func() map[string]field {
	m := make(map[string]field, len(fields))
	for _, f := range fields {
		m[f.name] = f
	}
	return m
}()

// varNames are the variables of the environment, from vars' tags.
var varNames = func() []string {
	var names []string
	for f := range reflect.TypeFor[vars]().Fields() {
		if tag := f.Tag.Get("expr"); tag != "" && f.IsExported() {
			names = append(names, tag)
		}
	}
	return names
}()

// Names returns every variable an expression can use, sorted.
func Names() []string {
	names := slices.Clone(varNames)
	slices.Sort(names)
	return names
}

// Functions returns the names of leadpipe's own functions, sorted. expr's
// builtins (lower, upper, len, ...) come on top.
func Functions() []string {
	var names []string
	for name := range functions {
		if !strings.HasPrefix(name, "$") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// IsField reports whether name is a field that present() knows by name
// (core fields and derived text fields); any other name is taken to be a
// custom column.
func IsField(name string) bool {
	_, ok := fieldByName[name]
	return ok
}

// CheckField checks a name used as a field in present(), empty() or a
// required-field list. Core names are fine and any other name is a custom
// column, except one that looks like a misspelt core name ("emial",
// "Email", "postal code"): that is an error suggesting the core name.
func CheckField(name string) error {
	if IsField(name) {
		return nil
	}
	if strings.TrimSpace(name) == "" {
		return &Error{Msg: "empty field name"}
	}
	if s := suggestField(name); s != "" {
		return &Error{Msg: "unknown field " + quote(name), Hint: "did you mean " + s + "? (for a custom column of that name use custom(" + quote(name) + "))"}
	}
	return nil
}

// suggestField returns the core field that name most likely misspells, or "".
func suggestField(name string) string {
	key := squash(name)
	for _, f := range fields {
		if squash(f.name) == key {
			return f.name
		}
	}
	return closest(strings.ToLower(name), fieldNames())
}

func fieldNames() []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return names
}

// squash lower-cases and drops separators: "E-Mail", "e_mail" and
// "EMail" all become "email".
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r == '_' || r == '-' || r == ' ' || r == '.' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// closest returns the candidate within a small edit distance of s (one edit
// for short names, two from seven letters on), or "".
func closest(s string, candidates []string) string {
	if len(s) < 4 {
		return ""
	}
	best, bestD := "", 3
	for _, c := range candidates {
		limit := 1
		if len(c) >= 7 {
			limit = 2
		}
		if d := distance(s, c, limit); d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the optimal string alignment distance of a and b, or
// limit+1 as soon as it exceeds limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit || len(ra) > 64 || len(rb) > 64 {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
