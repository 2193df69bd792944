package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// The lead codec, binary against encoding/json, on a typical lead: 15 data
// fields, their raw values, two custom fields, one import.
//
//	go test -run '^$' -bench 'Lead$' -benchmem ./store

func BenchmarkEncodeLead(b *testing.B) {
	l := typicalLead(123456)
	b.Run("binary", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf = appendLead(buf[:0], l)
		}
		b.ReportMetric(float64(len(buf)), "bytes/lead")
	})
	b.Run("binary-merged", func(b *testing.B) {
		// A lead that rows were merged into keeps each row's lead.
		m := typicalLead(123456)
		for i := range 3 {
			m.Merges = append(m.Merges, crm.MergeRecord{ID: fmt.Sprint("m", i), From: crm.ID(i + 1), Lead: typicalLead(i + 1)})
		}
		var buf []byte
		for b.Loop() {
			buf = appendLead(buf[:0], m)
		}
		b.ReportMetric(float64(len(buf)), "bytes/lead")
	})
	b.Run("json", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf, _ = json.Marshal(l)
		}
		b.ReportMetric(float64(len(buf)), "bytes/lead")
	})
}

func BenchmarkDecodeLead(b *testing.B) {
	l := typicalLead(123456)
	b.Run("binary", func(b *testing.B) {
		enc := appendLead(nil, l)
		for b.Loop() {
			if _, err := decodeLead(enc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		enc, _ := json.Marshal(l)
		for b.Loop() {
			var got crm.Lead
			if err := json.Unmarshal(enc, &got); err != nil {
				b.Fatal(err)
			}
		}
	})
}

const benchLeads = 100_000

// benchBatches returns n typical leads in batches of size, with one index
// entry per lead, as the pipeline commits them.
func benchBatches(n, size int) []*crm.Batch {
	var batches []*crm.Batch
	for start := 1; start <= n; start += size {
		b := &crm.Batch{Import: &crm.Import{ID: "20261123T101500Z-1a2b", StartedAt: t0}}
		for i := start; i < start+size && i <= n; i++ {
			b.Leads = append(b.Leads, typicalLead(i))
			b.Index = append(b.Index, crm.IndexEntry{ID: crm.ID(i), Keys: []uint64{rand.Uint64(), rand.Uint64(), rand.Uint64()}, RowSigs: []uint64{rand.Uint64()}})
		}
		b.Import.Counts.Rows = start + len(b.Leads) - 1
		batches = append(batches, b)
	}
	return batches
}

// BenchmarkApply writes 100k new leads with sequential ids into an empty
// store, fsync on, and reports rows/s and the resulting file size.
func BenchmarkApply(b *testing.B) {
	for _, size := range []int{1_000, 10_000} {
		b.Run("batch="+strconv.Itoa(size), func(b *testing.B) {
			batches := benchBatches(benchLeads, size)
			dir := b.TempDir()
			var fileSize int64
			for b.Loop() {
				b.StopTimer()
				path := filepath.Join(dir, "bench.db")
				os.Remove(path)
				db, err := Open(path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for _, batch := range batches {
					if err := db.Apply(batch); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				db.Close()
				fi, _ := os.Stat(path)
				fileSize = fi.Size()
				b.StartTimer()
			}
			b.ReportMetric(float64(benchLeads*b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(fileSize)/(1<<20), "MiB")
		})
	}
}

// benchStore returns a store holding 100k typical leads and their index.
func benchStore(b *testing.B) *DB {
	b.Helper()
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for _, batch := range benchBatches(benchLeads, 10_000) {
		if err := db.Apply(batch); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

func BenchmarkForEachLead(b *testing.B) {
	db := benchStore(b)
	for b.Loop() {
		n := 0
		if err := db.ForEachLead(func(*crm.Lead) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != benchLeads {
			b.Fatalf("%d leads", n)
		}
	}
	b.ReportMetric(float64(benchLeads*b.N)/b.Elapsed().Seconds(), "leads/s")
}

func BenchmarkForEachIndex(b *testing.B) {
	db := benchStore(b)
	for b.Loop() {
		n := 0
		if err := db.ForEachIndex(func(crm.IndexEntry) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != benchLeads {
			b.Fatalf("%d entries", n)
		}
	}
	b.ReportMetric(float64(benchLeads*b.N)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkLeadGet reads leads at random ids, one read transaction each.
func BenchmarkLeadGet(b *testing.B) {
	db := benchStore(b)
	r := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		if _, err := db.Lead(crm.ID(1 + r.IntN(benchLeads))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLeadWithIndexBetweenCommits reads merge targets as an import
// does: random leads with their index entries, 400 between two commits
// (about a 4,000-row batch's merges), each commit adding a lead.
func BenchmarkLeadWithIndexBetweenCommits(b *testing.B) {
	db := benchStore(b)
	db.bolt.NoSync = true
	r := rand.New(rand.NewPCG(1, 2))
	next := crm.ID(benchLeads + 1)
	i := 0
	for b.Loop() {
		if i%400 == 0 {
			b.StopTimer()
			if err := db.Apply(&crm.Batch{Leads: []*crm.Lead{typicalLead(int(next))}}); err != nil {
				b.Fatal(err)
			}
			next++
			b.StartTimer()
		}
		i++
		if _, _, err := db.LeadWithIndex(crm.ID(1 + r.IntN(benchLeads))); err != nil {
			b.Fatal(err)
		}
	}
}
