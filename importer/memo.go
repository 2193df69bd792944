package importer

import (
	"strings"
	"sync"

	"github.com/leadpipe/leadpipe/normalize"
)

// cellMemo remembers what the name and country normalizers made of the
// cells one worker has seen: first and last names repeat down a column, and
// splitting and casing them again was 0.97 s of a 1M-row import's CPU
// (0.25 s with the memo). Company names were tried too: only 9% of the
// generated rows have one of the 4,096 most common, and the memo cost
// more than it saved. Only pure functions of the cell are remembered.
// Builder.memos hands one to each Build; a map is replaced when it reaches
// memoCap entries, which bounds memory.
type cellMemo struct {
	names memo[nameParts]
	// countries: a list names few countries, and looking a name up in
	// every language took 190 ns per cell (1% of an import's CPU).
	countries memo[countryCode]
}

// countryCode is what normalize.Country made of a country cell.
type countryCode struct {
	code string
	err  error
}

// parseCountry is normalize.Country of the cell's text.
func parseCountry(v string) countryCode {
	code, err := normalize.Country(normalize.Text(v))
	return countryCode{code, err}
}

// nameParts is a first- or last-name cell split into a salutation, an
// academic title and the name.
type nameParts struct{ sal, acad, name string }

const (
	memoCap    = 4096
	memoMaxKey = 128 // longer cells are not remembered
)

// memo maps a cell to what f made of it.
type memo[V any] map[string]V

// get returns f(k), remembered.
func (m *memo[V]) get(k string, f func(string) V) V {
	if v, ok := (*m)[k]; ok {
		return v
	}
	if len(k) > memoMaxKey {
		return f(k)
	}
	if *m == nil || len(*m) >= memoCap {
		*m = make(memo[V], 64)
	}
	// The cell is a slice of its record's line, and f may return parts
	// of it (a clean name is returned as it is): both come from a copy,
	// so that the memo does not keep the line alive.
	k = strings.Clone(k)
	v := f(k)
	(*m)[k] = v
	return v
}

// memos hands out cellMemos, one per goroutine at a time.
type memos struct{ pool sync.Pool }

func (p *memos) get() *cellMemo {
	if m, ok := p.pool.Get().(*cellMemo); ok {
		return m
	}
	return &cellMemo{}
}

func (p *memos) put(m *cellMemo) { p.pool.Put(m) }

// splitName is what a first- or last-name cell holds: its salutation and
// academic title, and the name in proper case. A cell that is nothing but
// a salutation or title word is a name that happens to be one ("Signore",
// "Herr").
func splitName(v string) nameParts { return splitNameIn(v, "") }

// splitNameIn is splitName for a cell from region, which decides whether
// "mr" is the Dutch law degree or the salutation Mr.
func splitNameIn(v, region string) nameParts {
	t := normalize.Text(v)
	sal, acad, rest := normalize.SplitPrefixIn(t, region)
	if rest == "" {
		sal, acad, rest = "", "", t
	}
	return nameParts{sal, acad, normalize.NameCase(rest)}
}
