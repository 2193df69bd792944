package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
)

// preadStore writes a store whose lead bucket is several levels deep, with
// leads larger than a page (overflow pages), versions in the update area
// and index entries, and returns its path, closed.
func preadStore(t *testing.T) string {
	t.Helper()
	db, path := openFile(t)
	var leads []*crm.Lead
	for i := 1; i <= 3000; i++ {
		l := typicalLead(i)
		if i%97 == 0 {
			l.Custom = map[string]string{"notes": strings.Repeat("long note ", 900)} // ~9 KB
		}
		leads = append(leads, l)
	}
	mustApply(t, db, batchOf(nil, leads...))
	b := batchOf(nil, leads[100:400]...)
	b.Scattered = true
	mustApply(t, db, b)
	db.Close()
	return path
}

// TestPageReader: every key of every bucket, and keys that are absent,
// read with pread give bbolt's value, and the reader answers all of them
// itself (none is left to bbolt).
func TestPageReader(t *testing.T) {
	path := preadStore(t)
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	r := newPageReader(path, bdb.Info().PageSize)
	defer r.close()
	checked, overflow := 0, 0
	err = bdb.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketLeads, bucketIndex, bucketLeadUpdates, bucketMeta, bucketImports} {
			b := tx.Bucket(name)
			if b == nil {
				return fmt.Errorf("bucket %s missing", name)
			}
			var keys [][]byte
			if err := b.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil }); err != nil {
				return err
			}
			// Absent keys: before the first, after the last, between.
			keys = append(keys, []byte{}, []byte{0}, key(0), key(1<<40), []byte("zzzz"), append(key(5), 0))
			for _, k := range keys {
				want := b.Get(k)
				var got []byte
				called := false
				ok, err := r.get(b, k, func(v []byte) error { called, got = true, bytes.Clone(v); return nil })
				if err != nil {
					return err
				}
				if b.Root() == 0 {
					if ok {
						return fmt.Errorf("bucket %s is inline, the reader answered", name)
					}
					continue
				}
				if !ok || !called {
					return fmt.Errorf("bucket %s key %x: the reader left it to bbolt", name, k)
				}
				if !bytes.Equal(got, want) || (got == nil) != (want == nil) {
					return fmt.Errorf("bucket %s key %x: pread %d bytes, bbolt %d", name, k, len(got), len(want))
				}
				if len(want) > 4096 {
					overflow++
				}
				checked++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 6000 || overflow == 0 {
		t.Errorf("checked %d keys, %d on overflow pages: the store is too small for the test", checked, overflow)
	}
}

// TestPageReaderDamaged: pages with random bytes changed never make the
// reader panic or read outside its buffer; it answers or leaves the key to
// bbolt.
func TestPageReaderDamaged(t *testing.T) {
	path := preadStore(t)
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var root uint64
	pageSize := bdb.Info().PageSize
	if err := bdb.View(func(tx *bolt.Tx) error { root = uint64(tx.Bucket(bucketLeads).Root()); return nil }); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m0, _ := readMeta(data)
	m1, _ := readMeta(data[pageSize:])
	data = data[:int(max(m0.pgid, m1.pgid))*pageSize]
	pages := len(data) / pageSize
	rng := rand.New(rand.NewPCG(7, 7))
	damaged := filepath.Join(t.TempDir(), "d.db")
	answered, left := 0, 0
	for trial := range 300 {
		d := bytes.Clone(data)
		for range 1 + rng.IntN(3) {
			p := 2 + rng.IntN(pages-2)
			for range 1 + rng.IntN(24) {
				// Mostly the header and the element table, where the
				// offsets are.
				at := p*pageSize + rng.IntN(min(pageSize, 16+16*rng.IntN(64)+1))
				d[at] = byte(rng.Uint32())
			}
		}
		if rng.IntN(10) == 0 {
			d = d[:rng.IntN(len(d))]
		}
		if err := os.WriteFile(damaged, d, 0o600); err != nil {
			t.Fatal(err)
		}
		r := newPageReader(damaged, pageSize)
		for range 40 {
			k := key(crm.ID(rng.IntN(3200)))
			ok, err := r.getRoot(root, k, func(v []byte) error {
				if len(v) > len(d) {
					return fmt.Errorf("a value of %d bytes from a file of %d", len(v), len(d))
				}
				return nil
			})
			if err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
			if ok {
				answered++
			} else {
				left++
			}
		}
		r.close()
	}
	t.Logf("300 damaged files: %d look-ups answered, %d left to bbolt", answered, left)
	if left == 0 {
		t.Error("no damage was noticed: the test damages nothing")
	}
}

// TestPageReaderNestedBucket: a key that names a nested bucket reads as
// absent, as bbolt's Get has it.
func TestPageReaderNestedBucket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.db")
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("outer"))
		if err != nil {
			return err
		}
		for i := range 400 { // more than a page: the bucket is not inline
			if err := b.Put(key(crm.ID(i)), bytes.Repeat([]byte{byte(i)}, 40)); err != nil {
				return err
			}
		}
		nested := append(key(200), 'n')
		_, err = b.CreateBucket(nested)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r := newPageReader(path, bdb.Info().PageSize)
	defer r.close()
	err = bdb.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("outer"))
		for _, k := range [][]byte{append(key(200), 'n'), key(200), key(5)} {
			var got []byte
			ok, err := r.get(b, k, func(v []byte) error { got = bytes.Clone(v); return nil })
			if err != nil || !ok {
				return fmt.Errorf("key %x: ok %v, %v", k, ok, err)
			}
			if want := b.Get(k); !bytes.Equal(got, want) || (got == nil) != (want == nil) {
				return fmt.Errorf("key %x: pread %x, bbolt %x", k, got, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
