package dedupe

import (
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// benchRecords are the records of every judgement set's pairs
// (realistic46 to realistic50), built as an import builds them: B2B and
// private leads of several countries, with the names, addresses and
// numbers that candidate pairs share and miss.
func benchRecords(b *testing.B, m *Matcher) []Record {
	b.Helper()
	var recs []Record
	for _, cases := range [][]realCase{realistic46Cases, realistic47Cases, realistic49Cases, realistic50Cases} {
		for _, c := range cases {
			for _, row := range []realRow{c.a, c.b} {
				r := m.Record(buildReal(b, crm.ID(len(recs)+1), row))
				recs = append(recs, r)
			}
		}
	}
	return recs
}

// BenchmarkScore scores the judgement sets' pairs, both ways round, and
// each record with its next eight (pairs that share little, as most
// candidates of a block do): the per-pair cost of Matcher.compare.
func BenchmarkScore(b *testing.B) {
	m := NewMatcher(DefaultConfig())
	recs := benchRecords(b, m)
	type pair struct{ a, b int }
	var pairs []pair
	for i := 0; i+1 < len(recs); i += 2 {
		pairs = append(pairs, pair{i, i + 1}, pair{i + 1, i})
	}
	for i := range recs {
		for j := i + 2; j < min(i+10, len(recs)); j++ {
			pairs = append(pairs, pair{i, j})
		}
	}
	for b.Loop() {
		for _, p := range pairs {
			m.Score(&recs[p.a], &recs[p.b])
		}
	}
	b.ReportMetric(float64(len(pairs)*b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// BenchmarkBlockKeys computes the blocking keys of the judgement sets'
// records: the per-row cost of blocking.
func BenchmarkBlockKeys(b *testing.B) {
	m := NewMatcher(DefaultConfig())
	recs := benchRecords(b, m)
	for b.Loop() {
		for i := range recs {
			m.BlockKeys(&recs[i])
		}
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "rows/s")
}
