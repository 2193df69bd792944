package lifecycle

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules"
	"github.com/leadpipe/leadpipe/store"
)

func benchSize(b *testing.B) int {
	if s := os.Getenv("LEADPIPE_BENCH_LEADS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("LEADPIPE_BENCH_LEADS=%q: want a positive number", s)
		}
		return n
	}
	return 100_000
}

// BenchmarkBulkSetStatus moves every lead of a store of
// LEADPIPE_BENCH_LEADS leads (100,000 by default) between Working and
// Nurturing with `status set --where 'country in [...]'`, the worst case:
// every lead changes and is written. Each iteration also times a plain
// read and rewrite of every lead in the same store, for the ratio
// (x-rewrite).
func BenchmarkBulkSetStatus(b *testing.B) {
	n := benchSize(b)
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	batch := make([]*crm.Lead, 0, 10_000)
	for i := range n {
		l := complete(crm.StatusWorking, crm.StageLead)
		l.ID, l.FirstName = crm.ID(i+1), fmt.Sprintf("Max%d", i)
		l.Email = fmt.Sprintf("max%d@firma%d.de", i, i/3)
		l.Custom = map[string]string{"Messe Stand": "A1"}
		l.Raw = crm.RawFromMap(map[string]string{"email": l.Email, "company": l.Company})
		batch = append(batch, l)
		if len(batch) == cap(batch) || i == n-1 {
			if err := db.Apply(&crm.Batch{Leads: batch}); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	rewrite := func() {
		var batch []*crm.Lead
		err := db.ForEachLead(func(l *crm.Lead) error {
			batch = append(batch, l)
			if len(batch) == 10_000 {
				err := db.Apply(&crm.Batch{Leads: batch})
				batch = batch[:0]
				return err
			}
			return nil
		})
		if err == nil {
			err = db.Apply(&crm.Batch{Leads: batch})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	m := Default()
	match, err := rules.NewMatcher(`country in ["DE", "AT", "CH"]`, now)
	if err != nil {
		b.Fatal(err)
	}
	targets := [2]crm.Status{crm.StatusNurturing, crm.StatusWorking}
	turn := 0
	b.Run("where", func(b *testing.B) {
		var tRewrite, tBulk time.Duration
		for b.Loop() {
			t0 := time.Now()
			rewrite()
			t1 := time.Now()
			rep, err := m.BulkSetStatus(context.Background(), db, Selection{Where: match.Match}, targets[turn%2], BulkOptions{Now: now, Reason: "bench"})
			if err != nil || rep.Changed != n {
				b.Fatalf("%v: %+v", err, rep)
			}
			tRewrite += t1.Sub(t0)
			tBulk += time.Since(t1)
			turn++
		}
		b.ReportMetric(float64(tRewrite.Nanoseconds())/float64(n*b.N), "rewrite-ns/lead")
		b.ReportMetric(float64(tBulk.Nanoseconds())/float64(n*b.N), "bulk-ns/lead")
		b.ReportMetric(float64(n*b.N)/tBulk.Seconds(), "bulk-leads/s")
		b.ReportMetric(float64(tBulk)/float64(tRewrite), "x-rewrite")
	})
}
