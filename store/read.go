package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
)

// Chunk sizes of ForEachLead and ForEachIndex: how many records are decoded
// in one read transaction before the callback sees them.
const (
	leadChunk  = 256
	indexChunk = 4096
)

// LastID returns the highest lead id ever stored (0 for an empty store).
func (db *DB) LastID() (crm.ID, error) {
	var last uint64
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		last, err = metaU64(tx.Bucket(bucketMeta), keyLastID)
		return err
	})
	return crm.ID(last), db.readError(err)
}

// EmailFieldsNamed reports whether every lead names its e-mail fields
// (keyEmailFieldsNamed). It reads one key. A store never initialised
// holds no lead, so it does.
func (db *DB) EmailFieldsNamed() (bool, error) {
	named := false
	err := db.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		named = meta == nil || meta.Get(keyEmailFieldsNamed) != nil
		return nil
	})
	return named, db.readError(err)
}

// Lead returns the lead with the given id, or an error wrapping
// crm.ErrNotFound ("lead L0000042: not found").
func (db *DB) Lead(id crm.ID) (*crm.Lead, error) {
	var l *crm.Lead
	err := db.view(func(tx *bolt.Tx) (err error) {
		l, _, err = db.readLead(tx, id, false)
		return err
	})
	if err != nil {
		return nil, db.readError(err)
	}
	return l, nil
}

// Index returns the index entry of one lead; a lead without one (or no lead
// at all) gets an empty entry carrying the id.
func (db *DB) Index(id crm.ID) (crm.IndexEntry, error) {
	var e crm.IndexEntry
	err := db.view(func(tx *bolt.Tx) (err error) {
		var has bool
		k := key(id)
		err = db.areaVersion(tx, id, k, func(idx []byte, hasIdx bool, _ []byte) (err error) {
			if has = hasIdx; has {
				e, err = decodeStoredIndex(id, idx)
			}
			return err
		})
		if err != nil || has {
			return err
		}
		e, err = db.readIndexBucket(tx, k, id)
		return err
	})
	if err != nil {
		return crm.IndexEntry{}, db.readError(err)
	}
	return e, nil
}

// LeadWithIndex returns a lead, as Lead does, and its index entry, as Index
// does, in one read transaction: a merge needs both, and a merged lead's
// entry lies beside it in the update area.
func (db *DB) LeadWithIndex(id crm.ID) (*crm.Lead, crm.IndexEntry, error) {
	var l *crm.Lead
	var e crm.IndexEntry
	err := db.view(func(tx *bolt.Tx) (err error) {
		l, e, err = db.readLead(tx, id, true)
		return err
	})
	if err != nil {
		return nil, crm.IndexEntry{}, db.readError(err)
	}
	return l, e, nil
}

// lookup calls fn with the value under k in the named bucket of tx (nil
// when there is none), read with pread (pageReader) where it can be, so
// that a look-up at a random place of the store leaves the resident set
// alone; the value is valid only during fn.
func (db *DB) lookup(tx *bolt.Tx, bucket, k []byte, fn func(v []byte) error) error {
	b := tx.Bucket(bucket)
	if b == nil {
		return fn(nil)
	}
	if ok, err := db.pages.get(b, k, fn); ok || err != nil {
		return err
	}
	return fn(b.Get(k))
}

// areaVersion calls fn with the version of lead id (key k) in the update
// area of tx, split into the index entry it carries (if any) and the
// lead, when the area may hold one (areaGuard) and does.
func (db *DB) areaVersion(tx *bolt.Tx, id crm.ID, k []byte, fn func(idx []byte, hasIdx bool, lead []byte) error) error {
	if !db.area.may(uint64(id)) {
		return nil
	}
	return db.lookup(tx, bucketLeadUpdates, k, func(v []byte) error {
		if v == nil {
			return nil
		}
		idx, has, lead, err := splitArea(v)
		if err != nil {
			return fmt.Errorf("lead %s: %w", id, err)
		}
		return fn(idx, has, lead)
	})
}

// readLead reads a lead in tx, the version in the update area first, and
// with withIndex also its index entry.
func (db *DB) readLead(tx *bolt.Tx, id crm.ID, withIndex bool) (*crm.Lead, crm.IndexEntry, error) {
	k := key(id)
	var l *crm.Lead
	var e crm.IndexEntry
	found, hasIdx := false, false
	decode := func(v []byte) error {
		if v == nil {
			return nil
		}
		found = true
		var err error
		l, err = decodeStoredLead(id, v)
		return err
	}
	err := db.areaVersion(tx, id, k, func(idx []byte, has bool, lead []byte) error {
		if err := decode(lead); err != nil || !withIndex || !has {
			return err
		}
		hasIdx = true
		var err error
		e, err = decodeStoredIndex(id, idx)
		return err
	})
	if err != nil {
		return nil, crm.IndexEntry{}, err
	}
	if !found {
		if err := db.lookup(tx, bucketLeads, k, decode); err != nil {
			return nil, crm.IndexEntry{}, err
		}
	}
	if !found {
		return nil, crm.IndexEntry{}, fmt.Errorf("lead %s: %w", id, crm.ErrNotFound)
	}
	if !withIndex || hasIdx {
		return l, e, nil
	}
	e, err = db.readIndexBucket(tx, k, id)
	return l, e, err
}

// readIndexBucket reads the index entry of a lead from the index bucket;
// an empty entry with the id if none.
func (db *DB) readIndexBucket(tx *bolt.Tx, k []byte, id crm.ID) (crm.IndexEntry, error) {
	e := crm.IndexEntry{ID: id}
	err := db.lookup(tx, bucketIndex, k, func(v []byte) error {
		if v == nil {
			return nil
		}
		var err error
		e, err = decodeStoredIndex(id, v)
		return err
	})
	return e, err
}

// decodeStoredLead decodes the value under the key of id and checks that
// the lead carries that id.
func decodeStoredLead(id crm.ID, v []byte) (*crm.Lead, error) {
	return checkStoredLead(id, decodeLead, v)
}

// checkStoredLead decodes a stored lead and checks that it is the lead its
// key names.
func checkStoredLead(id crm.ID, decode func([]byte) (*crm.Lead, error), v []byte) (*crm.Lead, error) {
	l, err := decode(v)
	if err != nil {
		return nil, fmt.Errorf("lead %s: %w", id, err)
	}
	if l.ID != id {
		return nil, fmt.Errorf("lead %s: %w: the record holds id %s", id, errDamaged, l.ID)
	}
	return l, nil
}

// ForEachLead calls fn for every lead in id order. It stops at the first
// error of fn and returns it unchanged.
//
// Leads are decoded in chunks, each in its own read transaction, and fn runs
// between transactions: fn may take its time and may call Apply. A lead that
// fn (or another goroutine) writes ahead of the iteration is seen in its new
// state.
//
// A full scan (fuzzy matching builds its index from every lead; dedupe,
// rescoring and export read them all) would keep every page of the file in
// the resident set: they are released every releaseEvery chunks.
func (db *DB) ForEachLead(fn func(*crm.Lead) error) error {
	return db.scanLeads(decodeStoredLead, fn)
}

// scanLeads walks the leads bucket, releasing the mapped pages as it goes.
func (db *DB) scanLeads(decode func(crm.ID, []byte) (*crm.Lead, error), fn func(*crm.Lead) error) error {
	n := 0
	err := forEachNewest(db, bucketLeads, bucketLeadUpdates, areaLead, false, leadChunk, decode, func(l *crm.Lead) error {
		if n++; n%(releaseEvery*leadChunk) == 0 {
			db.releaseMapped()
		}
		return fn(l)
	})
	if n >= releaseEvery*leadChunk {
		db.releaseMapped()
	}
	return err
}

// ForEachLeadFields is ForEachLead for scans that read values only
// (building the fuzzy index, planning dedupe): the leads come without Raw,
// Imports, History and Warnings, and their merge records without the
// merged rows, which are skipped without being decoded. Such a lead must
// not be written back.
func (db *DB) ForEachLeadFields(fn func(*crm.Lead) error) error {
	return db.scanLeads(decodeStoredLeadFields, fn)
}

// ForEachLeadSelected calls fn, in id order, with every lead that keep
// selects from its values alone (as ForEachLeadFields gives them), read in
// full from the same bytes: one pass instead of a values-only scan and a
// look-up per selected lead (a conversion selects 100,000 of a million).
func (db *DB) ForEachLeadSelected(keep func(*crm.Lead) bool, fn func(*crm.Lead) error) error {
	return db.scanLeads(func(id crm.ID, v []byte) (*crm.Lead, error) {
		l, err := decodeStoredLeadFields(id, v)
		if err != nil || !keep(l) {
			return nil, err
		}
		return decodeStoredLead(id, v)
	}, func(l *crm.Lead) error {
		if l == nil {
			return nil
		}
		return fn(l)
	})
}

func decodeStoredLeadFields(id crm.ID, v []byte) (*crm.Lead, error) {
	return checkStoredLead(id, decodeLeadFields, v)
}

// releaseEvery is how many chunks of leads a scan reads between releases
// of the mapped pages: 64 × 256 leads, about 16 MB of a typical store.
const releaseEvery = 64

// ForEachIndex calls fn for the index entry of every lead in id order, in
// the same chunked way as ForEachLead.
// A full scan touches every page of the index, and the kernel maps the
// pages around each one as well (the lead pages written in the same
// transactions): they are released from the resident set every
// releaseIndexEvery entries and at the end (see releaseMapped). Released
// only at the end, they made 330 MB of a 1M-lead re-import's 498 MB.
func (db *DB) ForEachIndex(fn func(crm.IndexEntry) error) error {
	n := 0
	// The entries the update area carries replace those of the index
	// bucket; the area may hold one for a lead the bucket has none for.
	err := forEachNewest(db, bucketIndex, bucketLeadUpdates, areaIndex, true, indexChunk, decodeStoredIndex, func(e crm.IndexEntry) error {
		if n++; n%releaseIndexEvery == 0 {
			db.releaseMapped()
		}
		return fn(e)
	})
	db.releaseMapped()
	return err
}

// releaseIndexEvery is how many index entries ForEachIndex reads between
// releases of the mapped pages.
const releaseIndexEvery = 1 << 16

func decodeStoredIndex(id crm.ID, v []byte) (crm.IndexEntry, error) {
	e, err := decodeIndex(id, v)
	if err != nil {
		return e, fmt.Errorf("index entry for lead %s: %w", id, err)
	}
	return e, nil
}

// forEach walks a bucket keyed by lead id: it decodes up to chunk records in
// a read transaction, closes it, hands them to fn, and resumes after the last
// key. No byte of bbolt's memory outlives its transaction.
func forEach[T any](db *DB, bucket []byte, chunk int, decode func(crm.ID, []byte) (T, error), fn func(T) error) error {
	return forEachNewest(db, bucket, nil, nil, false, chunk, decode, fn)
}

// forEachNewest is forEach over a bucket whose values another bucket,
// newer, may replace under the same keys (the leads and their update area;
// newer nil: none). Keys only in newer are not visited.
func forEachNewest[T any](db *DB, bucket, newer []byte, over func([]byte) ([]byte, error), union bool, chunk int, decode func(crm.ID, []byte) (T, error), fn func(T) error) error {
	items := make([]T, 0, chunk)
	from := make([]byte, 8) // key to resume at
	for {
		items = items[:0]
		done := true
		err := db.view(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucket)
			if b == nil {
				return nil
			}
			// The newer versions, walked alongside: nk is the first key
			// of newer not below the current key.
			var nc *bolt.Cursor
			var nk, nv []byte
			if newer != nil {
				if nb := tx.Bucket(newer); nb != nil {
					nc = nb.Cursor()
					nk, nv = nc.Seek(from)
				}
			}
			c := b.Cursor()
			k, v := c.Seek(from)
			for {
				if !union {
					for nk != nil && k != nil && bytes.Compare(nk, k) < 0 {
						nk, nv = nc.Next()
					}
				}
				// The next key of the walk, and its value in each
				// bucket.
				var cur, bv, xv []byte
				var inBase, inNewer bool
				switch {
				case k == nil && (nk == nil || !union):
					return nil
				case k != nil && nk != nil && bytes.Equal(k, nk):
					cur, bv, xv, inBase, inNewer = k, v, nv, true, true
				case k != nil && (nk == nil || !union || bytes.Compare(k, nk) < 0):
					cur, bv, inBase = k, v, true
				default: // a key only the newer bucket has
					cur, xv, inNewer = nk, nv, true
				}
				if len(cur) != 8 {
					return fmt.Errorf("bucket %s: %w: key of %d bytes", bucket, errDamaged, len(cur))
				}
				if len(items) == chunk {
					copy(from, cur)
					done = false
					return nil
				}
				id := binary.BigEndian.Uint64(cur)
				if inBase {
					k, v = c.Next()
				}
				if inNewer {
					nk, nv = nc.Next()
				}
				val := bv
				if inNewer {
					nv, err := over(xv)
					if err != nil {
						return fmt.Errorf("lead %s: %w", crm.ID(id), err)
					}
					if nv != nil {
						val = nv
					}
				}
				if !inBase && val == nil {
					continue // a newer version that replaces nothing here
				}
				item, err := decode(crm.ID(id), val)
				if err != nil {
					return err
				}
				items = append(items, item)
			}
		})
		if err != nil {
			return db.readError(err)
		}
		for _, item := range items {
			if err := fn(item); err != nil {
				return err
			}
		}
		if done {
			return nil
		}
	}
}

// Imports returns the recorded imports, oldest first: by start time, then
// by id.
func (db *DB) Imports() ([]crm.Import, error) {
	var imps []crm.Import
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketImports)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var imp crm.Import
			if err := json.Unmarshal(v, &imp); err != nil {
				return fmt.Errorf("import %s: %w: %v", k, errDamaged, err)
			}
			imps = append(imps, imp)
			return nil
		})
	})
	if err != nil {
		return nil, db.readError(err)
	}
	journal, err := db.journalImports()
	if err != nil {
		return nil, err
	}
	imps = append(imps, journal...)
	slices.SortFunc(imps, func(a, b crm.Import) int {
		return cmp.Or(a.StartedAt.Compare(b.StartedAt), cmp.Compare(a.ID, b.ID))
	})
	return imps, nil
}

// DistinctPairs lists the pairs of leads reviewed as different people.
func (db *DB) DistinctPairs() ([][2]crm.ID, error) {
	var out [][2]crm.ID
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDistinct)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			if len(k) != 16 {
				return fmt.Errorf("distinct pair: %w: key of %d bytes", errDamaged, len(k))
			}
			out = append(out, [2]crm.ID{crm.ID(binary.BigEndian.Uint64(k)), crm.ID(binary.BigEndian.Uint64(k[8:]))})
			return nil
		})
	})
	if err != nil {
		return nil, db.readError(err)
	}
	return out, nil
}

// distinctKey orders a pair, lower id first.
func distinctKey(p [2]crm.ID) []byte {
	a, b := p[0], p[1]
	if a > b {
		a, b = b, a
	}
	k := binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(a))
	return binary.BigEndian.AppendUint64(k, uint64(b))
}

// Stats describes a store.
type Stats struct {
	Leads    int    // leads stored
	Imports  int    // import records
	LastID   crm.ID // highest lead id allocated
	FileSize int64  // size of the store file in bytes
	// Updated is the number of leads whose newest version is kept in the
	// update area (merges and conversions; see bucketLeadUpdates).
	Updated int
}

// Stats returns the store's counts. It reads counters, not the leads, so it
// is cheap on any size of store.
func (db *DB) Stats() (Stats, error) {
	var st Stats
	err := db.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		last, err := metaU64(meta, keyLastID)
		if err != nil {
			return err
		}
		count, err := metaU64(meta, keyLeadCount)
		if err != nil {
			return err
		}
		st.LastID, st.Leads = crm.ID(last), int(count)
		updated, err := metaU64(meta, keyUpdateCount)
		if err != nil {
			return err
		}
		st.Updated = int(updated)
		if b := tx.Bucket(bucketImports); b != nil {
			st.Imports = b.Stats().KeyN
		}
		return nil
	})
	if err != nil {
		return Stats{}, db.readError(err)
	}
	fi, err := os.Stat(db.bolt.Path())
	if err != nil {
		return Stats{}, db.readError(err)
	}
	st.FileSize = fi.Size()
	return st, nil
}

// Check verifies the store: bbolt's own page-level check (tx.Check), then
// leadpipe's invariants: every lead decodes and carries the id of its key,
// the lead count and last id in meta match the leads, every index entry
// decodes and belongs to a stored lead, every entry of the update area
// belongs to a stored lead and decodes as it (and meta counts them), every
// import record and object parses. It
// returns nil or the first problem found (with the number of problems
// bbolt reported). It reads every lead, so it takes about as long as an
// export.
func (db *DB) Check() error {
	err := db.view(func(tx *bolt.Tx) error {
		// Drain the channel: the checker goroutine uses tx until it closes it.
		var first error
		n := 0
		for err := range tx.Check(bolt.WithKVStringer(redacted{})) {
			if first == nil {
				first = err
			}
			n++
		}
		if n == 1 {
			return fmt.Errorf("corrupt: %w", first)
		}
		if n > 1 {
			return fmt.Errorf("corrupt (%d problems, the first): %w", n, first)
		}
		return checkInvariants(tx)
	})
	if err != nil {
		return fmt.Errorf("check store %s: %w", db.path, err)
	}
	return nil
}

func checkInvariants(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		if k, _ := tx.Cursor().First(); k != nil {
			return fmt.Errorf("meta bucket missing")
		}
		return nil // never initialised: empty
	}
	leads, index, imports := tx.Bucket(bucketLeads), tx.Bucket(bucketIndex), tx.Bucket(bucketImports)
	if leads == nil || index == nil || imports == nil {
		return fmt.Errorf("a bucket is missing")
	}
	var count, maxID uint64
	err := leads.ForEach(func(k, v []byte) error {
		if len(k) != 8 || binary.BigEndian.Uint64(k) == 0 {
			return fmt.Errorf("leads: %w: bad key of %d bytes", errDamaged, len(k))
		}
		id := binary.BigEndian.Uint64(k)
		if _, err := decodeStoredLead(crm.ID(id), v); err != nil {
			return err
		}
		count++
		maxID = max(maxID, id)
		return nil
	})
	if err != nil {
		return err
	}
	wantCount, err := metaU64(meta, keyLeadCount)
	if err != nil {
		return err
	}
	last, err := metaU64(meta, keyLastID)
	if err != nil {
		return err
	}
	if wantCount != count {
		return fmt.Errorf("meta counts %d leads, the leads bucket holds %d", wantCount, count)
	}
	if last < maxID {
		return fmt.Errorf("meta last id %s is below the highest lead id %s", crm.ID(last), crm.ID(maxID))
	}
	if err := checkUpdates(tx, leads); err != nil {
		return err
	}
	err = index.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("index: %w: bad key of %d bytes", errDamaged, len(k))
		}
		id := crm.ID(binary.BigEndian.Uint64(k))
		if _, err := decodeStoredIndex(id, v); err != nil {
			return err
		}
		if leads.Get(k) == nil {
			return fmt.Errorf("index entry for lead %s, which does not exist", id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = imports.ForEach(func(k, v []byte) error {
		var imp crm.Import
		if err := json.Unmarshal(v, &imp); err != nil {
			return fmt.Errorf("import %s: %w: %v", k, errDamaged, err)
		}
		if imp.ID != string(k) {
			return fmt.Errorf("import %s: %w: the record holds another id", k, errDamaged)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The objects conversion wrote: each must decode, or every later
	// conversion and export would fail on it.
	for _, b := range []struct {
		name []byte
		v    func() any
	}{
		{bucketAccounts, func() any { return &crm.Account{} }},
		{bucketContacts, func() any { return &crm.Contact{} }},
		{bucketOpportunities, func() any { return &crm.Opportunity{} }},
	} {
		bk := tx.Bucket(b.name)
		if bk == nil {
			continue
		}
		err := bk.ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("%s: %w: bad key of %d bytes", b.name, errDamaged, len(k))
			}
			if err := decodeObject(v, b.v()); err != nil {
				return fmt.Errorf("%s %d: %w: %v", b.name, binary.BigEndian.Uint64(k), errDamaged, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// redacted prints keys and values in bbolt's check messages by size only: a
// damaged page may hold personal data where a key should be.
type redacted struct{}

func (redacted) KeyToString(k []byte) string   { return fmt.Sprintf("<%d-byte key>", len(k)) }
func (redacted) ValueToString(v []byte) string { return fmt.Sprintf("<%d-byte value>", len(v)) }
