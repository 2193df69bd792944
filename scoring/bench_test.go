package scoring

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store"
)

// benchSize is the number of leads of the store benchmarks:
// LEADPIPE_BENCH_LEADS, or 100,000.
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

// benchLead is a realistic imported lead: all core fields, raw values,
// two custom columns, an import id and a history entry.
func benchLead(i int) *crm.Lead {
	titles := []string{"Geschäftsführer", "Einkaufsleiter", "Head of IT", "Prezes Zarządu", "Assistant", "", "CEO", "Dyrektor"}
	countries := []string{"DE", "AT", "CH", "PL", "FR", "NL", "DE", "PL"}
	budgets := []string{"120000.00", "30000.00", "", "9000.00", "55000.00", "", "250000.00", "1500.00"}
	k := i % len(titles)
	l := &crm.Lead{
		ID: crm.ID(i + 1), Salutation: "Herr", FirstName: "Max" + strconv.Itoa(i), LastName: "Mustermann",
		Company: fmt.Sprintf("Firma %d GmbH", i/3), LegalForm: "GmbH", CompanyKey: fmt.Sprintf("firma %d", i/3),
		Title: titles[k], Email: fmt.Sprintf("max%d@firma%d.de", i, i/3), Phone: "+49301234" + strconv.Itoa(i%1000),
		Street: "Hauptstraße 1", PostalCode: "10115", City: "Berlin", Country: countries[k], Budget: budgets[k],
		Source: "messe-2026", CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		Status: crm.StatusNew, Stage: crm.StageLead,
		Custom:  map[string]string{"Messe Stand": "A" + strconv.Itoa(i%50), "Branche": "Maschinenbau"},
		Imports: []string{"20261123T101500Z-1a2b"},
		History: []crm.Change{{At: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), ImportID: "20261123T101500Z-1a2b", By: "import", Field: "phone", Old: "+4930999", New: "+49301234"}},
	}
	l.Raw = crm.RawFromMap(map[string]string{"email": l.Email, "phone": "030 1234", "company": l.Company, "first_name": l.FirstName, "last_name": l.LastName})
	if k%3 == 1 {
		l.Email, l.EmailFreemail = fmt.Sprintf("max%d@gmail.com", i), true
	}
	return l
}

// benchStore opens a store in a temp dir holding n benchLeads.
func benchStore(b *testing.B, n int) *store.DB {
	b.Helper()
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	batch := make([]*crm.Lead, 0, 10_000)
	for i := range n {
		batch = append(batch, benchLead(i))
		if len(batch) == cap(batch) || i == n-1 {
			if err := db.Apply(&crm.Batch{Leads: batch}); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return db
}

// BenchmarkRescore rescores a store of LEADPIPE_BENCH_LEADS leads
// (100,000 by default) with 20 rules (the 13 default ones and 7 more).
// Every iteration first rewrites every lead of the same store (ForEachLead
// plus Apply, 10,000 per transaction), the yardstick, then
// rescores; both are timed, so that the ratio is measured under the same
// conditions (disk cache, machine load) and reported as x-rewrite:
//
//	all-changed  two rule sets take turns, so every lead's score changes
//	             and every lead is written: the worst case
//	unchanged    the rules of the last run: every lead is read, none written
func BenchmarkRescore(b *testing.B) {
	n := benchSize(b)
	db := benchStore(b, n)
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	engines := [2]*Engine{MustCompile(benchConfig(0)), MustCompile(benchConfig(1))}
	// Score once, so that the leads carry scores as they do in use.
	const last0 = 1
	if _, err := Rescore(ctx, db, engines[last0], RescoreOptions{Now: now}); err != nil {
		b.Fatal(err)
	}
	rewrite := func() {
		batch := make([]*crm.Lead, 0, DefaultBatchSize)
		err := db.ForEachLead(func(l *crm.Lead) error {
			batch = append(batch, l)
			if len(batch) == DefaultBatchSize {
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
	last := last0 // the engine of the last rescore
	paired := func(b *testing.B, eng func() *Engine, wantWritten int) {
		var tRewrite, tRescore time.Duration
		for b.Loop() {
			t0 := time.Now()
			rewrite()
			t1 := time.Now()
			rep, err := Rescore(ctx, db, eng(), RescoreOptions{Now: now})
			if err != nil {
				b.Fatal(err)
			}
			if rep.Written != wantWritten {
				b.Fatalf("written %d, want %d", rep.Written, wantWritten)
			}
			tRewrite += t1.Sub(t0)
			tRescore += time.Since(t1)
		}
		b.ReportMetric(float64(tRewrite.Nanoseconds())/float64(n*b.N), "rewrite-ns/lead")
		b.ReportMetric(float64(tRescore.Nanoseconds())/float64(n*b.N), "rescore-ns/lead")
		b.ReportMetric(float64(n*b.N)/tRescore.Seconds(), "rescore-leads/s")
		b.ReportMetric(float64(tRescore)/float64(tRewrite), "x-rewrite")
	}
	b.Run("all-changed", func(b *testing.B) {
		paired(b, func() *Engine { last = 1 - last; return engines[last] }, n)
	})
	b.Run("unchanged", func(b *testing.B) {
		if _, err := Rescore(ctx, db, engines[last], RescoreOptions{Now: now}); err != nil {
			b.Fatal(err)
		}
		paired(b, func() *Engine { return engines[last] }, 0)
	})
}

// benchConfig is the default rule set plus seven more rules, 20 in all;
// variant 1 gives every lead one point more than variant 0.
func benchConfig(variant int) Config {
	cfg := DefaultConfig()
	cfg.Rules = append(cfg.Rules,
		Rule{Name: "fair", When: `source == "messe-2026"`, Points: 5},
		Rule{Name: "stand A", When: `custom("Messe Stand") startsWith "A1"`, Points: 2},
		Rule{Name: "industry", When: `custom("Branche") in ["Maschinenbau", "Automotive"]`, Points: 5},
		Rule{Name: "legal form", When: `legal_form in ["GmbH", "AG", "Sp. z o.o."]`, Points: 3},
		Rule{Name: "tax id", When: `present("tax_id")`, Points: 3},
		Rule{Name: "big city", When: `lower(city) in ["berlin", "münchen", "warszawa"]`, Points: 2},
		Rule{Name: "variant", When: `true`, Points: variant},
	)
	return cfg
}

// BenchmarkApplyFresh scores leads as an import scores the ones it
// creates: the default rules, a first scoring each time.
func BenchmarkApplyFresh(b *testing.B) {
	cfg, err := ParseConfig(nil, "")
	if err != nil {
		b.Fatal(err)
	}
	e, errs := Compile(cfg)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	leads := make([]*crm.Lead, 1000)
	for i := range leads {
		leads[i] = benchLead(i)
	}
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	i := 0
	for b.Loop() {
		l := leads[i%len(leads)]
		l.Score, l.Grade, l.ScoreRules = 0, "", nil
		if _, err := e.Apply(l, now, "import"); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
