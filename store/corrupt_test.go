package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
)

// TestCorruptStoreTrials is the torn-store test of the reliability
// anchors (A8): a valid store is damaged 200 times, each time in a fresh
// copy: a random 4 KiB page zeroed, a meta page zeroed, or the file cut at
// a random page boundary. Each damaged store is opened, checked, read in
// full and written to. Every step must end in a result or an error, never
// a panic; a store that opens and passes Check must read back every lead
// (every trial either opens at a consistent transaction or reports the
// damage). CORRUPT_DEBUG=1 logs each trial's error.
func TestCorruptStoreTrials(t *testing.T) {
	if testing.Short() {
		t.Skip("200 damaged stores: skipped with -short")
	}
	dir := t.TempDir()
	valid := filepath.Join(dir, "valid.db")
	db, err := Open(valid, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var leads []*crm.Lead
	for i := 1; i <= 1500; i++ {
		leads = append(leads, typicalLead(i))
	}
	mustApply(t, db, batchOf(&crm.Import{ID: "imp"}, leads...))
	mustApply(t, db, &crm.Batch{Scattered: true, Leads: leads[10:150]})
	db.Close()
	data, err := os.ReadFile(valid)
	if err != nil {
		t.Fatal(err)
	}
	// bbolt grows its file in steps of 16 MB: copy only the pages in use.
	m0, ok0 := readMeta(data)
	m1, ok1 := readMeta(data[int(m0.pageSize):])
	if !ok0 || !ok1 {
		t.Fatal("the valid store has no valid meta pages")
	}
	data = data[:int(max(m0.pgid, m1.pgid))*int(m0.pageSize)]
	const page = 4096
	pages := len(data) / page
	rng := rand.New(rand.NewPCG(42, 42))
	var panics, opened, consistent, refused, recovered int
	kinds := map[string]int{}
	for trial := range 200 {
		d := append([]byte(nil), data...)
		var kind string
		switch r := rng.IntN(10); {
		case r < 6:
			p := rng.IntN(pages)
			clear(d[p*page : (p+1)*page])
			kind = "zeroed page"
		case r < 8:
			p := rng.IntN(2)
			clear(d[p*page : (p+1)*page])
			kind = "zeroed meta page"
		default:
			d = d[:rng.IntN(pages)*page]
			kind = "truncated"
		}
		kinds[kind]++
		path := filepath.Join(dir, fmt.Sprintf("t%d.db", trial))
		if err := os.WriteFile(path, d, 0o600); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					panics++
					t.Errorf("trial %d (%s): panic: %v", trial, kind, r)
				}
			}()
			db, err := Open(path, Options{Timeout: time.Second})
			if err != nil {
				refused++
				return
			}
			defer db.Close()
			opened++
			if err := db.Check(); err != nil {
				if os.Getenv("CORRUPT_DEBUG") != "" {
					t.Logf("trial %d (%s): %v", trial, kind, err)
				}
				// A store that fails Check is still read and written as a
				// user would: errors, never a crash.
				err := db.ForEachLead(func(*crm.Lead) error { return nil })
				if errors.Is(err, errDamagedFile) {
					recovered++
				}
				_, _ = db.Lead(1)
				_ = db.Apply(batchOf(nil, typicalLead(5000)))
				return
			}
			consistent++
			n := 0
			if err := db.ForEachLead(func(*crm.Lead) error { n++; return nil }); err != nil || n != len(leads) {
				t.Errorf("trial %d (%s): Check passed, but reading gave %d of %d leads: %v", trial, kind, n, len(leads), err)
			}
			_ = db.Apply(batchOf(nil, typicalLead(5000)))
		}()
	}
	t.Logf("200 damaged stores (%v): %d refused at open, %d opened, %d passed Check, %d panics; of the others, %d scans ended in a bbolt panic turned into an error", kinds, refused, opened, consistent, panics, recovered)
}

// TestPanicOfOursIsNotDamage: a panic raised by our own code inside a
// transaction is a bug, not a damaged file: it goes on as it is.
func TestPanicOfOursIsNotDamage(t *testing.T) {
	db, _ := openFile(t)
	defer func() {
		if r := recover(); r != "ours" {
			t.Errorf("recovered %v, want the panic to go on", r)
		}
	}()
	_ = db.update(func(*bolt.Tx) error { panic("ours") })
	t.Error("update returned")
}
