package store

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// updatesModel applies 300 random batches (plain and scattered; leads with
// index entries beside them, apart from them or without; index-only and
// delete-only batches; ids below the last id that are not stored; with
// dups, a lead or entry twice in one batch; the store reopened now and
// then) and compares every read path with a model after each, then runs
// Check. Written in review of the indexed update area.
func updatesModel(t *testing.T, seed uint64, dups bool) {
	rng := rand.New(rand.NewPCG(seed, 99))
	db, path := openFile(t)
	m := newLeadModel(rng)
	model, index, write, existing := m.cities, m.index, m.write, m.existing
	next := 1
	var deleted []int
	for step := range 300 {
		if rng.IntN(25) == 0 {
			db = reopen(t, db, path)
		}
		b := &crm.Batch{Scattered: rng.IntN(3) > 0}
		seen := map[int]bool{}
		nl := rng.IntN(12)
		if rng.IntN(6) == 0 {
			nl = 0 // index-only / delete-only batch
		}
		for range nl {
			id := existing()
			if id == 0 || rng.IntN(5) == 0 {
				id = next
				next++
			}
			if rng.IntN(10) == 0 && len(deleted) > 0 {
				id = deleted[rng.IntN(len(deleted))] // an id below last_id that is not stored
			}
			if seen[id] && !dups {
				continue
			}
			seen[id] = true
			b.Leads = append(b.Leads, write(id, fmt.Sprint(step)))
		}
		m.indexEntries(b, seen)
		if rng.IntN(3) == 0 {
			if id := existing(); id != 0 {
				b.DeleteLeads = append(b.DeleteLeads, crm.ID(id))
				delete(model, crm.ID(id))
				delete(index, crm.ID(id))
				deleted = append(deleted, id)
			}
		}
		if err := db.Apply(b); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		got := map[crm.ID]string{}
		for _, l := range allLeads(t, db) {
			got[l.ID] = l.City
		}
		if !maps.Equal(got, model) {
			t.Fatalf("step %d: leads differ: got %v want %v", step, got, model)
		}
		scanned := map[crm.ID]uint64{}
		if err := db.ForEachIndex(func(e crm.IndexEntry) error {
			if _, dup := scanned[e.ID]; dup {
				return fmt.Errorf("dup %s", e.ID)
			}
			if len(e.RowSigs) == 1 {
				scanned[e.ID] = e.RowSigs[0]
			}
			return nil
		}); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if !maps.Equal(scanned, index) {
			for id, s := range index {
				if scanned[id] != s {
					t.Logf("lead %d: scanned %x want %x", id, scanned[id], s)
				}
			}
			for id := range scanned {
				if _, ok := index[id]; !ok {
					t.Logf("lead %d: scanned but not in model", id)
				}
			}
			t.Fatalf("step %d (batch %+v): index differs", step, summarize(b))
		}
		for id := 1; id < next; id++ {
			l, e, err := db.LeadWithIndex(crm.ID(id))
			city, ok := model[crm.ID(id)]
			if ok != (err == nil) || ok && l.City != city {
				t.Fatalf("step %d: LeadWithIndex(%d) = %v, %v", step, id, l, err)
			}
			one, err := db.Index(crm.ID(id))
			if err != nil {
				t.Fatal(err)
			}
			sig, has := index[crm.ID(id)]
			if ok && (has != (len(e.RowSigs) == 1) || has && e.RowSigs[0] != sig) {
				t.Fatalf("step %d: LeadWithIndex(%d) entry %+v want %x %v", step, id, e, sig, has)
			}
			if has != (len(one.RowSigs) == 1) || has && one.RowSigs[0] != sig {
				t.Fatalf("step %d: Index(%d) = %+v want %x %v", step, id, one, sig, has)
			}
		}
		if err := db.Check(); err != nil {
			t.Fatalf("step %d: check: %v", step, err)
		}
	}
}

// leadModel is what a random test wrote: each lead's city and the
// RowSigs[0] of its index entry.
type leadModel struct {
	rng    *rand.Rand
	cities map[crm.ID]string
	index  map[crm.ID]uint64
}

func newLeadModel(rng *rand.Rand) *leadModel {
	return &leadModel{rng: rng, cities: map[crm.ID]string{}, index: map[crm.ID]uint64{}}
}

// write makes lead id with a random city tagged tag, and records it.
func (m *leadModel) write(id int, tag string) *crm.Lead {
	l := typicalLead(id)
	l.City = fmt.Sprintf("%s %d", tag, m.rng.IntN(1000))
	m.cities[crm.ID(id)] = l.City
	return l
}

// entry makes an index entry for lead id with a random row signature, and
// records it.
func (m *leadModel) entry(id crm.ID) crm.IndexEntry {
	sig := m.rng.Uint64()
	m.index[id] = sig
	return crm.IndexEntry{ID: id, Keys: []uint64{uint64(id)}, RowSigs: []uint64{sig}}
}

// existing is a random written lead's id, or 0.
func (m *leadModel) existing() int {
	if len(m.cities) == 0 {
		return 0
	}
	ids := slices.Sorted(maps.Keys(m.cities))
	return int(ids[m.rng.IntN(len(ids))])
}

// indexEntries adds index entries to b: for all its leads beside them (as
// an import writes them), for some in another order, or none; then for up
// to two stored leads the batch does not write (seen: ids the batch has).
func (m *leadModel) indexEntries(b *crm.Batch, seen map[int]bool) {
	switch m.rng.IntN(4) {
	case 0, 1:
		for _, l := range b.Leads {
			b.Index = append(b.Index, m.entry(l.ID))
		}
	case 2:
		for _, i := range m.rng.Perm(len(b.Leads)) {
			if m.rng.IntN(2) == 0 {
				b.Index = append(b.Index, m.entry(b.Leads[i].ID))
			}
		}
	}
	for range m.rng.IntN(3) {
		if id := m.existing(); id != 0 && !seen[id] {
			seen[id] = true
			b.Index = append(b.Index, m.entry(crm.ID(id)))
		}
	}
}

// reopen closes db and opens the store at path again: what was written
// before is then below the area guard's floor.
func reopen(t *testing.T, db *DB, path string) *DB {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// summarize names the ids of a batch for a failure message.
func summarize(b *crm.Batch) string {
	var ls, is []crm.ID
	for _, l := range b.Leads {
		ls = append(ls, l.ID)
	}
	for _, e := range b.Index {
		is = append(is, e.ID)
	}
	return fmt.Sprintf("scattered=%v leads=%v index=%v delete=%v", b.Scattered, ls, is, b.DeleteLeads)
}

func TestUpdatesModel(t *testing.T) {
	for seed := uint64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { updatesModel(t, seed, false) })
	}
}

// TestUpdatesModelDups: a batch that writes a lead or an index entry twice
// leaves the last of each, as writing them in order would.
func TestUpdatesModelDups(t *testing.T) {
	for seed := uint64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { updatesModel(t, seed, true) })
	}
}
