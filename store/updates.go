package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
)

// maxUpdateShare: the update area holds at most 1/maxUpdateShare of the
// leads. Every scan merges it with the lead bucket, and every version in it
// leaves an older one behind in the lead bucket, so it must stay small; a
// scattered batch that would pass the share is written to the lead bucket
// as any other.
const maxUpdateShare = 4

// updates is the update area as one write transaction sees it (see
// bucketLeadUpdates).
type updates struct {
	guard     *areaGuard
	tx        *bolt.Tx
	b         *bolt.Bucket // nil: the store has no area (yet)
	n, n0     uint64       // entries now and at the start, as meta counts them
	empty     bool         // the area holds nothing (seen, not counted)
	scattered bool         // this batch writes its stored leads here
	indexed   bool         // the schema allows indexed values (areaIndexed)
}

// areaGuard knows leads that cannot have a version in the update area, so
// that reading or writing them skips the look-up there: a lead created
// after the store was opened reaches the area only through a write of this
// process (the store is locked for the whole run). An import's merges
// mostly hit leads it created itself, and each look-up in the area faulted
// its pages in again after every release of the mapped pages (releaseMapped).
//
// It also knows which leads above floor exist: only this process can have
// written or deleted them. A merge into a lead this run created needs no
// look-up in the lead bucket to learn that the lead is stored; at a
// million rows those look-ups were 3% of the import's CPU, most of it
// faulting random pages of the lead bucket in again.
type areaGuard struct {
	floor uint64 // the highest lead id when the store was opened
	mu    sync.Mutex
	ids   map[uint64]struct{} // leads above floor written to the area by this process
	// live has bit id-floor-1 set for each lead above floor that a
	// committed transaction of this process wrote and none deleted, for
	// ids up to floor+maxLive: a stray id far above the others must not
	// make it allocate gigabytes.
	live []uint64
}

// maxLive bounds the ids the guard knows to floor+maxLive (8 MB of bits).
const maxLive = 1 << 26

// bit is the index of id's bit in live, false for ids the guard does not
// know (at or below floor, or beyond floor+maxLive).
func (g *areaGuard) bit(id uint64) (uint64, bool) {
	if id <= g.floor || id-g.floor-1 >= maxLive {
		return 0, false
	}
	return id - g.floor - 1, true
}

// stored reports whether the lead with id is in the lead bucket as the
// last commit left it; known is false for leads at or below floor, and
// beyond floor+maxLive, which only a look-up can tell.
func (g *areaGuard) stored(id uint64) (stored, known bool) {
	n, ok := g.bit(id)
	if !ok {
		return false, false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if n/64 >= uint64(len(g.live)) {
		return false, true
	}
	return g.live[n/64]&(1<<(n%64)) != 0, true
}

// committed records the leads a transaction wrote and deleted, once it
// has committed (deletes come after the writes, as in the transaction).
func (g *areaGuard) committed(written []*crm.Lead, deleted []crm.ID) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, l := range written {
		n, ok := g.bit(uint64(l.ID))
		if !ok {
			continue // stored reports it unknown
		}
		for n/64 >= uint64(len(g.live)) {
			g.live = append(g.live, 0)
		}
		g.live[n/64] |= 1 << (n % 64)
	}
	for _, id := range deleted {
		if n, ok := g.bit(uint64(id)); ok && n/64 < uint64(len(g.live)) {
			g.live[n/64] &^= 1 << (n % 64)
		}
	}
}

// may reports whether the lead with id may have a version in the area.
func (g *areaGuard) may(id uint64) bool {
	if id <= g.floor {
		return true
	}
	g.mu.Lock()
	_, ok := g.ids[id]
	g.mu.Unlock()
	return ok
}

// mark records a lead written to the area, before its transaction
// commits: a transaction that fails leaves the mark, which only costs a
// look-up.
func (g *areaGuard) mark(id uint64) {
	if id <= g.floor {
		return
	}
	g.mu.Lock()
	if g.ids == nil {
		g.ids = map[uint64]struct{}{}
	}
	g.ids[id] = struct{}{}
	g.mu.Unlock()
}

// areaIndexed opens an area value that carries the lead's index entry
// ahead of the lead: this byte, the entry's length (uvarint), the entry,
// then the lead as in the lead bucket. A merge changes a stored lead and
// its index entry together; kept together in the area they cost one write
// there, where the entry alone cost another at a random place of the
// index bucket: a page rewritten per merge, 10-15% of a 1M-row import's
// CPU (BENCHMARKS.md). Such an entry replaces the one in the index bucket
// for every reader. Lead codec versions are small numbers, so a plain lead
// never starts with this byte; stores of schema 3 and later may hold such values.
const areaIndexed = 0xA1

// splitArea splits an area value into the index entry it carries, if any,
// and the encoded lead. A nil value is a plain empty one.
func splitArea(v []byte) (idx []byte, has bool, lead []byte, err error) {
	if len(v) == 0 || v[0] != areaIndexed {
		return nil, false, v, nil
	}
	n, w := binary.Uvarint(v[1:])
	if w <= 0 || n > uint64(len(v)-1-w) {
		return nil, false, nil, fmt.Errorf("%w: an indexed update cut short", errDamaged)
	}
	at := 1 + w
	return v[at : at+int(n)], true, v[at+int(n):], nil
}

// joinArea is the indexed area value of an index entry and a lead, in a
// new slice.
func joinArea(idx, lead []byte) []byte {
	v := make([]byte, 0, 1+binary.MaxVarintLen64+len(idx)+len(lead))
	v = append(v, areaIndexed)
	v = binary.AppendUvarint(v, uint64(len(idx)))
	v = append(append(v, idx...), lead...)
	return v
}

// openUpdates opens the update area for a write transaction; scattered
// asks to write the batch's stored leads into it, which it does while the
// area stays within its share.
func openUpdates(tx *bolt.Tx, guard *areaGuard, scattered bool) (*updates, error) {
	u := &updates{guard: guard, tx: tx, b: tx.Bucket(bucketLeadUpdates)}
	var err error
	if u.n, err = metaU64(tx.Bucket(bucketMeta), keyUpdateCount); err != nil {
		return nil, err
	}
	u.n0 = u.n
	schema, err := metaU64(tx.Bucket(bucketMeta), keySchema)
	if err != nil {
		return nil, err
	}
	u.indexed = schema >= schemaIndexed
	if scattered {
		count, err := metaU64(tx.Bucket(bucketMeta), keyLeadCount)
		if err != nil {
			return nil, err
		}
		u.scattered = u.n < count/maxUpdateShare
	}
	if u.scattered && u.b == nil {
		if u.b, err = tx.CreateBucketIfNotExists(bucketLeadUpdates); err != nil {
			return nil, err
		}
		// A leadpipe older than the area would not see it: it must
		// refuse the store from now on. (The first indexed value
		// raises the version again, in put.)
		if err := raiseSchema(tx.Bucket(bucketMeta), schemaArea); err != nil {
			return nil, err
		}
	}
	if u.b != nil {
		u.b.FillPercent = fillPercent
	}
	// Whether the area is empty is looked up, not taken from the count: a
	// wrong count must not let an old version hide a newer write.
	u.empty = u.b == nil
	if !u.empty {
		k, _ := u.b.Cursor().First()
		u.empty = k == nil
	}
	return u, nil
}

// put writes a lead: a stored one into the area when the batch is
// scattered and the area has room, anything else into the lead bucket lb,
// removing an older version from the area. e.v is the encoded lead; e.iv,
// when the batch carries the lead's index entry, is the same lead with the
// entry ahead of it (an indexed area value). count is the number of leads
// with this one. fresh says the lead's id is above every id the store had
// allocated: such a lead was never written, so the area cannot hold it
// (an import creates most of its leads so, and looking each of them up
// in the area cost 900,000 look-ups at a million rows).
//
// It reports whether the index entry went into the area with the lead;
// then the caller must not write it to the index bucket ib. A version that
// leaves the area for the lead bucket takes its index entry along into ib
// when the batch brings none.
func (u *updates) put(lb, ib *bolt.Bucket, e kv, stored, fresh bool, count uint64) (indexed bool, err error) {
	if u.scattered && stored {
		id := binary.BigEndian.Uint64(e.k)
		var old []byte
		if !u.empty && u.guard.may(id) {
			old = u.b.Get(e.k)
		}
		if old != nil || u.n < count/maxUpdateShare {
			u.guard.mark(id)
			v := e.iv
			if v == nil {
				// The batch has no index entry for the lead: keep
				// the newer one the version in the area carries (a
				// damaged version has none worth keeping: it is
				// replaced, as any version is).
				v = e.v
				if idx, has, _, err := splitArea(old); err == nil && has {
					v = joinArea(idx, e.v)
				}
			}
			if err := u.b.Put(e.k, v); err != nil {
				return false, err
			}
			if old == nil {
				u.n++
			}
			u.empty = false
			if e.iv != nil && !u.indexed {
				if err := raiseSchema(u.tx.Bucket(bucketMeta), schemaIndexed); err != nil {
					return false, err
				}
				u.indexed = true
			}
			return e.iv != nil, nil
		}
	}
	if err := lb.Put(e.k, e.v); err != nil {
		return false, err
	}
	if fresh {
		return false, nil
	}
	return false, u.move(ib, e.k, e.iv == nil)
}

// reindex writes a newer index entry of a lead whose version in the area
// carries one into that version, and reports whether it did; otherwise
// the entry belongs in the index bucket.
func (u *updates) reindex(k, idx []byte) (bool, error) {
	if u.empty || !u.guard.may(binary.BigEndian.Uint64(k)) {
		return false, nil
	}
	old := u.b.Get(k)
	if old == nil {
		return false, nil
	}
	_, has, lead, err := splitArea(old)
	if err != nil || !has {
		// No entry in the area's version (or a damaged version, which
		// readers report): the entry goes to the index bucket.
		return false, nil
	}
	return true, u.b.Put(k, joinArea(idx, lead))
}

// move takes a lead's newer version out of the area, if it has one; with
// keepIndex, an index entry that version carries goes into ib.
func (u *updates) move(ib *bolt.Bucket, k []byte, keepIndex bool) error {
	if u.empty || !u.guard.may(binary.BigEndian.Uint64(k)) {
		return nil
	}
	old := u.b.Get(k)
	if old == nil {
		return nil
	}
	if keepIndex {
		// A damaged version carries nothing worth keeping: it goes.
		if idx, has, _, err := splitArea(old); err == nil && has {
			if err := ib.Put(k, bytes.Clone(idx)); err != nil {
				return err
			}
		}
	}
	if err := u.b.Delete(k); err != nil {
		return err
	}
	if u.n > 0 {
		u.n--
	}
	return nil
}

// remove takes a lead's newer version, with any index entry it carries,
// out of the area: the lead is deleted.
func (u *updates) remove(k []byte) error { return u.move(nil, k, false) }

// close records the number of entries in meta.
func (u *updates) close() error {
	if u.n == u.n0 {
		return nil
	}
	return u.tx.Bucket(bucketMeta).Put(keyUpdateCount, u64(u.n))
}

// areaLead is the lead of an area value, for forEachNewest.
func areaLead(v []byte) ([]byte, error) {
	_, _, lead, err := splitArea(v)
	return lead, err
}

// areaIndex is the index entry an area value carries, or nil.
func areaIndex(v []byte) ([]byte, error) {
	idx, has, _, err := splitArea(v)
	if !has || err != nil {
		return nil, err
	}
	if idx == nil {
		idx = []byte{}
	}
	return idx, nil
}

// checkUpdates verifies the area: every entry belongs to a stored lead and
// decodes as that lead, and meta counts them.
func checkUpdates(tx *bolt.Tx, leads *bolt.Bucket) error {
	want, err := metaU64(tx.Bucket(bucketMeta), keyUpdateCount)
	if err != nil {
		return err
	}
	var n uint64
	if b := tx.Bucket(bucketLeadUpdates); b != nil {
		err = b.ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("lead updates: %w: bad key of %d bytes", errDamaged, len(k))
			}
			id := idOf(k)
			if leads.Get(k) == nil {
				return fmt.Errorf("lead updates: a newer version of lead %s, which does not exist", id)
			}
			idx, has, lead, err := splitArea(v)
			if err != nil {
				return fmt.Errorf("lead updates: lead %s: %w", id, err)
			}
			if _, err := decodeStoredLead(id, lead); err != nil {
				return fmt.Errorf("lead updates: %w", err)
			}
			if has {
				if _, err := decodeStoredIndex(id, idx); err != nil {
					return fmt.Errorf("lead updates: %w", err)
				}
			}
			n++
			return nil
		})
		if err != nil {
			return err
		}
	}
	if n != want {
		return fmt.Errorf("meta counts %d lead updates, the update area holds %d", want, n)
	}
	return nil
}

func idOf(k []byte) crm.ID { return crm.ID(binary.BigEndian.Uint64(k)) }
