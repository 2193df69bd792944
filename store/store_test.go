package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// openTest opens a new store in t.TempDir() and checks it on cleanup, like
// storetest.OpenTest (which this package's tests cannot import).
func openTest(t testing.TB) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "leadpipe.db")
	db, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
		mustCheck(t, path)
	})
	return db
}

func mustCheck(t testing.TB, path string) {
	t.Helper()
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Errorf("reopen for check: %v", err)
		return
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Errorf("check: %v", err)
	}
}

func mustApply(t testing.TB, db *DB, b *crm.Batch) {
	t.Helper()
	if err := db.Apply(b); err != nil {
		t.Fatalf("apply: %v", err)
	}
}

// batchOf builds a batch of leads with one index entry per lead.
func batchOf(imp *crm.Import, leads ...*crm.Lead) *crm.Batch {
	b := &crm.Batch{Leads: leads, Import: imp}
	for _, l := range leads {
		b.Index = append(b.Index, crm.IndexEntry{ID: l.ID, Keys: []uint64{uint64(l.ID) * 31}, RowSigs: []uint64{uint64(l.ID) * 17}})
	}
	return b
}

func allLeads(t testing.TB, db *DB) []*crm.Lead {
	t.Helper()
	var got []*crm.Lead
	if err := db.ForEachLead(func(l *crm.Lead) error { got = append(got, l); return nil }); err != nil {
		t.Fatal(err)
	}
	return got
}

func allIndex(t testing.TB, db *DB) []crm.IndexEntry {
	t.Helper()
	var got []crm.IndexEntry
	if err := db.ForEachIndex(func(e crm.IndexEntry) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return got
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	imp := &crm.Import{ID: "20261123T101500Z-1a2b", StartedAt: t0, Files: []crm.ImportFile{{Name: "a.csv", Size: 10, SHA256: "ab"}}, Counts: crm.Counts{Rows: 3, Created: 3}}
	want := []*crm.Lead{fullLead(1), typicalLead(2), {ID: 3, LastName: "Ünal"}}
	b := batchOf(imp, want...)
	mustApply(t, db, b)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, l := range want {
		got, err := db.Lead(l.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, l) {
			t.Errorf("Lead(%s):\n got %+v\nwant %+v", l.ID, got, l)
		}
	}
	if got := allLeads(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("ForEachLead differs")
	}
	if got := allIndex(t, db); !reflect.DeepEqual(got, b.Index) {
		t.Errorf("ForEachIndex: got %+v, want %+v", got, b.Index)
	}
	e, err := db.Index(2)
	if err != nil || !reflect.DeepEqual(e, b.Index[1]) {
		t.Errorf("Index(2) = %+v, %v; want %+v", e, err, b.Index[1])
	}
	if e, err := db.Index(99); err != nil || !reflect.DeepEqual(e, crm.IndexEntry{ID: 99}) {
		t.Errorf("Index(99) = %+v, %v; want an empty entry", e, err)
	}
	if last, err := db.LastID(); err != nil || last != 3 {
		t.Errorf("LastID = %v, %v; want 3", last, err)
	}
	imps, err := db.Imports()
	if err != nil {
		t.Fatal(err)
	}
	if len(imps) != 1 || !reflect.DeepEqual(imps[0], *imp) {
		t.Errorf("Imports = %+v, want %+v", imps, *imp)
	}
	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Leads != 3 || st.Imports != 1 || st.LastID != 3 || st.FileSize <= 0 {
		t.Errorf("Stats = %+v", st)
	}
}

func TestLeadNotFound(t *testing.T) {
	db := openTest(t)
	_, err := db.Lead(42)
	if !errors.Is(err, crm.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if got, want := err.Error(), "lead L0000042: not found"; got != want {
		t.Errorf("err = %q, want %q", got, want)
	}
}

func TestApplyReplaceAndCount(t *testing.T) {
	db := openTest(t)
	mustApply(t, db, batchOf(nil, typicalLead(1), typicalLead(2), typicalLead(5)))
	l := typicalLead(2)
	l.City = "Ulm"
	// A replacement, an older id never stored, and the same new id twice.
	mustApply(t, db, batchOf(nil, l, typicalLead(3), typicalLead(7), typicalLead(7)))
	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Leads != 5 || st.LastID != 7 {
		t.Errorf("Stats = %+v, want 5 leads, last id 7", st)
	}
	got, err := db.Lead(2)
	if err != nil || got.City != "Ulm" {
		t.Errorf("Lead(2) = %v, %v; want the replacement", got, err)
	}
	var ids []crm.ID
	for _, l := range allLeads(t, db) {
		ids = append(ids, l.ID)
	}
	if want := []crm.ID{1, 2, 3, 5, 7}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
}

func TestApplyIsAtomic(t *testing.T) {
	tests := []struct {
		name  string
		batch func() *crm.Batch
		want  string
	}{
		{"lead with id 0", func() *crm.Batch {
			b := batchOf(&crm.Import{ID: "imp-2"}, typicalLead(10), typicalLead(11))
			b.Leads = append(b.Leads, fullLead(0))
			return b
		}, "lead 3 of 3 has no id"},
		{"nil lead", func() *crm.Batch {
			return &crm.Batch{Leads: []*crm.Lead{typicalLead(10), nil}}
		}, "lead 2 of 2 is nil"},
		{"index entry with id 0", func() *crm.Batch {
			b := batchOf(nil, typicalLead(10))
			b.Index = append(b.Index, crm.IndexEntry{})
			return b
		}, "index entry 2 of 2 has no lead id"},
		{"import without id", func() *crm.Batch {
			return batchOf(&crm.Import{}, typicalLead(10))
		}, "import record has no id"},
		// Found inside the transaction, after the leads were written.
		{"index entry for a missing lead", func() *crm.Batch {
			b := batchOf(&crm.Import{ID: "imp-2"}, typicalLead(10), typicalLead(11))
			b.Index = append(b.Index, crm.IndexEntry{ID: 99})
			return b
		}, "index entry for lead L0000099, which does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			mustApply(t, db, batchOf(&crm.Import{ID: "imp-1"}, typicalLead(1)))
			before := readFile(t, db.Path())

			err := db.Apply(tt.batch())
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), db.Path()) {
				t.Errorf("err = %q, want it to name the store and say %q", err, tt.want)
			}
			if strings.Contains(err.Error(), canary) {
				t.Errorf("err = %q repeats a field value", err)
			}
			if last, _ := db.LastID(); last != 1 {
				t.Errorf("LastID = %v after a failed batch", last)
			}
			if _, err := db.Lead(10); !errors.Is(err, crm.ErrNotFound) {
				t.Errorf("lead of the failed batch is visible (err %v)", err)
			}
			if n := len(allIndex(t, db)); n != 1 {
				t.Errorf("%d index entries, want 1", n)
			}
			if imps, _ := db.Imports(); len(imps) != 1 {
				t.Errorf("%d imports, want 1", len(imps))
			}
			if !bytes.Equal(readFile(t, db.Path()), before) {
				t.Error("a failed batch changed the store file")
			}
		})
	}
}

func TestApplyIndexForStoredLead(t *testing.T) {
	db := openTest(t)
	mustApply(t, db, batchOf(nil, typicalLead(1)))
	e := crm.IndexEntry{ID: 1, Keys: []uint64{5}}
	mustApply(t, db, &crm.Batch{Index: []crm.IndexEntry{e}})
	if got := allIndex(t, db); !reflect.DeepEqual(got, []crm.IndexEntry{e}) {
		t.Errorf("index = %+v", got)
	}
}

func TestApplyOnlyImport(t *testing.T) {
	db := openTest(t)
	mustApply(t, db, &crm.Batch{})
	mustApply(t, db, nil)
	imp := crm.Import{ID: "20261123T101500Z-1a2b", StartedAt: t0}
	mustApply(t, db, &crm.Batch{Import: &imp})
	imp.Done, imp.FinishedAt = true, t0.Add(time.Minute)
	mustApply(t, db, &crm.Batch{Import: &imp})
	imps, err := db.Imports()
	if err != nil {
		t.Fatal(err)
	}
	if len(imps) != 1 || !imps[0].Done {
		t.Errorf("Imports = %+v, want the one import, done", imps)
	}
	if last, _ := db.LastID(); last != 0 {
		t.Errorf("LastID = %v", last)
	}
}

func TestImportsOldestFirst(t *testing.T) {
	db := openTest(t)
	// Ids out of time order, and two with the same start time.
	for _, imp := range []crm.Import{
		{ID: "b", StartedAt: t0.Add(time.Hour)},
		{ID: "z", StartedAt: t0},
		{ID: "a", StartedAt: t0.Add(time.Hour)},
		{ID: "20261123T101500Z-0000", StartedAt: t0.Add(-time.Hour)},
	} {
		mustApply(t, db, &crm.Batch{Import: &imp})
	}
	imps, err := db.Imports()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, imp := range imps {
		ids = append(ids, imp.ID)
	}
	if want := []string{"20261123T101500Z-0000", "z", "a", "b"}; !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
}

func TestForEachStopsAtError(t *testing.T) {
	db := openTest(t)
	var leads []*crm.Lead
	for i := 1; i <= 2*leadChunk+10; i++ {
		leads = append(leads, &crm.Lead{ID: crm.ID(i)})
	}
	mustApply(t, db, batchOf(nil, leads...))
	stop := errors.New("stop")
	n := 0
	err := db.ForEachLead(func(l *crm.Lead) error {
		n++
		if l.ID == leadChunk+3 {
			return stop
		}
		return nil
	})
	if err != stop || n != leadChunk+3 {
		t.Errorf("ForEachLead: err %v after %d leads, want %v after %d", err, n, stop, leadChunk+3)
	}
	n = 0
	err = db.ForEachIndex(func(e crm.IndexEntry) error {
		n++
		if e.ID == 5 {
			return stop
		}
		return nil
	})
	if err != stop || n != 5 {
		t.Errorf("ForEachIndex: err %v after %d entries", err, n)
	}
}

// ForEachLead runs fn outside its read transactions, so fn may write.
func TestForEachLeadWithApplyInside(t *testing.T) {
	db := openTest(t)
	const n = 3*leadChunk + 1
	var leads []*crm.Lead
	for i := 1; i <= n; i++ {
		leads = append(leads, typicalLead(i))
	}
	mustApply(t, db, batchOf(nil, leads...))
	var ids []crm.ID
	done := make(chan error, 1)
	go func() {
		done <- db.ForEachLead(func(l *crm.Lead) error {
			ids = append(ids, l.ID)
			l.Status = crm.StatusWorking
			l.History = append(l.History, crm.Change{At: t0, By: "rule:test", Field: "status", Old: "New", New: "Working"})
			return db.Apply(&crm.Batch{Leads: []*crm.Lead{l}})
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("ForEachLead with Apply inside is stuck")
	}
	if len(ids) != n || !slices.IsSorted(ids) {
		t.Errorf("visited %d leads (sorted: %v), want %d in id order", len(ids), slices.IsSorted(ids), n)
	}
	for _, l := range allLeads(t, db) {
		if l.Status != crm.StatusWorking {
			t.Fatalf("lead %s not updated", l.ID)
		}
	}
}

func TestEmptyStore(t *testing.T) {
	db := openTest(t)
	if got := allLeads(t, db); len(got) != 0 {
		t.Errorf("leads: %v", got)
	}
	if got := allIndex(t, db); len(got) != 0 {
		t.Errorf("index: %v", got)
	}
	if imps, err := db.Imports(); err != nil || len(imps) != 0 {
		t.Errorf("Imports = %v, %v", imps, err)
	}
	if st, err := db.Stats(); err != nil || st.Leads != 0 || st.LastID != 0 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
}

// Opening and reading must not write: the file stays byte-identical, so a
// read-only command never disturbs a store.
func TestReadingDoesNotChangeFile(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	mustApply(t, db, batchOf(&crm.Import{ID: "imp"}, fullLead(1), typicalLead(2)))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, path)
	for _, ro := range []bool{false, true} {
		db, err := Open(path, Options{ReadOnly: ro})
		if err != nil {
			t.Fatal(err)
		}
		allLeads(t, db)
		allIndex(t, db)
		if _, err := db.Lead(1); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Imports(); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Stats(); err != nil {
			t.Fatal(err)
		}
		if err := db.Check(); err != nil {
			t.Fatal(err)
		}
		mustApply(t, db, &crm.Batch{}) // empty: no transaction
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(readFile(t, path), before) {
			t.Errorf("ReadOnly=%v: reading changed the store file", ro)
		}
	}
}

// Two stores built by the same batches hold the same bytes under the same
// keys: the codec is deterministic. (The files differ: bbolt spills buckets
// in map order, so pages land in different places.)
func TestSameBatchesSameContent(t *testing.T) {
	build := func() []byte {
		path := filepath.Join(t.TempDir(), "s.db")
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for b := range 3 {
			var leads []*crm.Lead
			for i := 1; i <= 500; i++ {
				leads = append(leads, typicalLead(b*500+i))
			}
			mustApply(t, db, batchOf(&crm.Import{ID: "imp", StartedAt: t0}, leads...))
		}
		mustApply(t, db, batchOf(nil, fullLead(7))) // a replacement that grows a lead
		return dump(t, db)
	}
	if !bytes.Equal(build(), build()) {
		t.Error("same batches gave different content")
	}
}

// dump lists every bucket's keys and values in order.
func dump(t testing.TB, db *DB) []byte {
	t.Helper()
	var out []byte
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			out = appendString(out, string(name))
			return b.ForEach(func(k, v []byte) error {
				out = appendString(out, string(k))
				out = appendString(out, string(v))
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFileMode(t *testing.T) {
	db := openTest(t)
	fi, err := os.Stat(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Errorf("mode %v, want 0600", m)
	}
}

func TestApplyReadOnly(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	db.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	err = ro.Apply(batchOf(nil, typicalLead(1)))
	if !errors.Is(err, berrors.ErrDatabaseReadOnly) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want read-only naming the store", err)
	}
}

func TestClosed(t *testing.T) {
	db := openTest(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := db.LastID(); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("LastID after Close: %v", err)
	}
	if err := db.Apply(batchOf(nil, typicalLead(1))); err == nil || !strings.Contains(err.Error(), db.Path()) {
		t.Errorf("Apply after Close: %v", err)
	}
}

// A5: a store that reaches Options.MaxSize refuses the batch, keeps every
// earlier batch, and stays consistent.
func TestMaxSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadpipe.db")
	const limit = 1 << 20
	db, err := Open(path, Options{MaxSize: limit})
	if err != nil {
		t.Fatal(err)
	}
	var applyErr error
	next, committed := 1, 0
	for range 100 {
		var leads []*crm.Lead
		for range 200 {
			leads = append(leads, typicalLead(next))
			next++
		}
		if applyErr = db.Apply(batchOf(&crm.Import{ID: "imp", Counts: crm.Counts{Rows: next - 1}}, leads...)); applyErr != nil {
			break
		}
		committed = next - 1
	}
	if applyErr == nil {
		t.Fatal("a 1 MiB store took 20 000 leads")
	}
	if !errors.Is(applyErr, berrors.ErrMaxSizeReached) || !strings.Contains(applyErr.Error(), path) || !strings.Contains(applyErr.Error(), "size limit") {
		t.Errorf("err = %v", applyErr)
	}
	t.Logf("committed %d leads before the limit: %v", committed, applyErr)
	if last, _ := db.LastID(); int(last) != committed {
		t.Errorf("LastID = %v, want %d", last, committed)
	}
	if imps, _ := db.Imports(); len(imps) != 1 || imps[0].Counts.Rows != committed {
		t.Errorf("import record = %+v, want the state after %d rows", imps, committed)
	}
	if err := db.Check(); err != nil {
		t.Error(err)
	}
	// A smaller batch still fits, and the store reopens without the limit.
	mustApply(t, db, batchOf(nil, typicalLead(committed+1)))
	db.Close()
	if fi, _ := os.Stat(path); fi.Size() > limit {
		t.Errorf("file is %d bytes, limit %d", fi.Size(), limit)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if st, _ := db.Stats(); st.Leads != committed+1 {
		t.Errorf("Stats = %+v, want %d leads", st, committed+1)
	}
	if err := db.Check(); err != nil {
		t.Error(err)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		want   string
	}{
		{"undecodable lead", func(tx *bolt.Tx) error {
			v := appendLead(nil, fullLead(2))
			return tx.Bucket(bucketLeads).Put(key(2), v[:len(v)-3])
		}, "lead L0000002: damaged record"},
		{"lead under another id", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketLeads).Put(key(2), appendLead(nil, fullLead(3)))
		}, "lead L0000002: damaged record: the record holds id L0000003"},
		{"count off", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keyLeadCount, u64(7))
		}, "meta counts 7 leads, the leads bucket holds 2"},
		{"last id too low", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keyLastID, u64(1))
		}, "last id L0000001 is below the highest lead id L0000002"},
		{"orphan index entry", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketIndex).Put(key(9), appendIndex(nil, &crm.IndexEntry{ID: 9}))
		}, "index entry for lead L0000009, which does not exist"},
		{"bad import", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketImports).Put([]byte("imp-x"), []byte("{"))
		}, "import imp-x: damaged record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "leadpipe.db")
			db, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			mustApply(t, db, batchOf(nil, fullLead(1), fullLead(2)))
			if err := db.Check(); err != nil {
				t.Fatalf("before damage: %v", err)
			}
			if err := db.bolt.Update(tt.damage); err != nil {
				t.Fatal(err)
			}
			err = db.Check()
			if err == nil {
				t.Fatal("Check found nothing")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Check = %q, want it to name the store and say %q", err, tt.want)
			}
			if strings.Contains(err.Error(), canary) {
				t.Errorf("Check = %q repeats a field value", err)
			}
		})
	}
}

// A damaged lead surfaces in reads with its id, not its content.
func TestReadDamagedLead(t *testing.T) {
	db := openTest(t)
	mustApply(t, db, batchOf(nil, fullLead(1), fullLead(2)))
	v := appendLead(nil, fullLead(2))
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLeads).Put(key(2), v[:len(v)-1])
	}); err != nil {
		t.Fatal(err)
	}
	_, err := db.Lead(2)
	checkDamaged := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, errDamaged) || !strings.Contains(err.Error(), "lead L0000002") || strings.Contains(err.Error(), canary) {
			t.Errorf("%s: err = %v", what, err)
		}
	}
	checkDamaged("Lead", err)
	checkDamaged("ForEachLead", db.ForEachLead(func(*crm.Lead) error { return nil }))
	// Repair it so that the cleanup check passes.
	mustApply(t, db, batchOf(nil, fullLead(2)))
}

func TestOpenExistingForeignBolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("something"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	before := readFile(t, path)
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		if err == nil || !strings.Contains(err.Error(), "store "+path+" is a bbolt database, but not a leadpipe store") {
			t.Errorf("ReadOnly=%v: err = %v", ro, err)
		}
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("opening a foreign database changed it")
	}
}

func TestNewerSchema(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, u64(schemaVersion+1))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := Open(path, Options{})
	if want := fmt.Sprintf("store %s has schema version %d; this leadpipe reads versions 1 to %d", path, schemaVersion+1, schemaVersion); err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	// Put it back for the cleanup check.
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, u64(schemaVersion))
	}); err != nil {
		t.Fatal(err)
	}
}

// TestEmailFieldsNamed: a new store's leads name their e-mail fields; an
// older store's may not, until a batch records that they do, which also
// raises the store to schema 6 (an older leadpipe would write leads
// without them again) and stays recorded.
func TestEmailFieldsNamed(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	named := func(db *DB) bool {
		t.Helper()
		ok, err := db.EmailFieldsNamed()
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	schema := func(db *DB) uint64 {
		t.Helper()
		var v uint64
		if err := db.bolt.View(func(tx *bolt.Tx) (err error) { v, err = metaU64(tx.Bucket(bucketMeta), keySchema); return }); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if !named(db) {
		t.Error("a new store: e-mail fields not named")
	}
	// What a leadpipe before e-mail fields left: schema 5, no record.
	mustApply(t, db, batchOf(nil, typicalLead(1)))
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if err := meta.Delete(keyEmailFieldsNamed); err != nil {
			return err
		}
		return meta.Put(keySchema, u64(schemaContactExt))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := Open(path, Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if named(ro) {
		t.Error("an older store read-only: e-mail fields named")
	}
	ro.Close()
	if db, err = Open(path, Options{Timeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	if named(db) {
		t.Error("an older store: e-mail fields named")
	}
	// A lead with e-mail fields raises the schema, but the leads before
	// it may still lack theirs.
	withOther := typicalLead(2)
	withOther.Custom["E-mail 2 Address"] = "jm@gmx.de"
	withOther.EmailFields = []string{"E-mail 2 Address"}
	mustApply(t, db, batchOf(nil, withOther))
	if v := schema(db); v != schemaEmailFields || named(db) {
		t.Errorf("after a lead with e-mail fields: schema %d, named %v; want %d, false", v, named(db), schemaEmailFields)
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, u64(schemaContactExt)) }); err != nil {
		t.Fatal(err)
	}
	// The record alone is a batch, and raises the schema.
	mustApply(t, db, &crm.Batch{EmailFieldsNamed: true})
	if v := schema(db); v != schemaEmailFields || !named(db) {
		t.Errorf("after the record: schema %d, named %v; want %d, true", v, named(db), schemaEmailFields)
	}
	db.Close()
	if db, err = Open(path, Options{Timeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !named(db) {
		t.Error("the record is gone after reopening")
	}
	if err := db.Check(); err != nil {
		t.Error(err)
	}
}

// TestConvertedLeads: the list of read-only leads follows conversions and
// reactivations.
func TestConvertedLeads(t *testing.T) {
	db := openTest(t)
	if got, err := db.ConvertedLeads(); err != nil || len(got) != 0 {
		t.Fatalf("new store: %v, %v", got, err)
	}
	l1, l2 := &crm.Lead{ID: 1, LastName: "A"}, &crm.Lead{ID: 2, LastName: "B"}
	if err := db.Apply(&crm.Batch{Leads: []*crm.Lead{l1, l2}, Converted: []crm.ID{1, 2}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Apply(&crm.Batch{Reactivated: []crm.ID{2}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.ConvertedLeads()
	if err != nil || len(got) != 1 || !got[1] {
		t.Errorf("converted leads %v, %v; want only L0000001", got, err)
	}
}
