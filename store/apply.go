package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
)

// Apply writes a batch in one transaction: every lead (replacing a stored
// lead with the same id), every index entry, and the import record under
// its id. It raises the store's last id to the highest lead id of the batch.
// Either all of the batch is stored or, on any error, nothing of it.
//
// A batch holding a nil lead or one with id 0, an index entry with id 0 or
// for a lead that is neither in the batch nor in the store, or an import
// record without an id fails, and nothing of it is written. An empty batch
// writes nothing (no transaction at all); a batch may carry only an import
// record.
//
// A Scattered batch writes the new versions of stored leads into the
// update area (see bucketLeadUpdates) while it has room; readers see no
// difference.
//
// Every Apply commits, and a commit rewrites bbolt's meta page even when all
// values are unchanged: skip Apply when there is nothing new.
func (db *DB) Apply(b *crm.Batch) error {
	write, err := db.PrepareApply(b)
	if err != nil {
		return err
	}
	return write()
}

// PrepareApply checks and encodes a batch now, and returns the function
// that writes it as Apply does. Encoding takes no lock, so a batch can be
// prepared while an earlier one is being committed: an import encodes its
// next batch on the goroutine that matches rows, and the goroutine that
// commits only runs transactions. Neither b nor its leads may change
// until the write has returned.
func (db *DB) PrepareApply(b *crm.Batch) (write func() error, err error) {
	if b == nil || (len(b.Leads) == 0 && len(b.Index) == 0 && b.Import == nil && len(b.Distinct) == 0 &&
		len(b.Accounts)+len(b.Contacts)+len(b.Opportunities)+len(b.DeleteLeads)+len(b.Imports)+
			len(b.DeleteContacts)+len(b.DeleteDistinct)+len(b.Tombstones)+len(b.Converted)+len(b.Reactivated) == 0 &&
		!b.EmailFieldsNamed) {
		return func() error { return nil }, nil
	}
	for i, l := range b.Leads {
		if l == nil {
			return nil, fmt.Errorf("apply batch to store %s: lead %d of %d is nil", db.path, i+1, len(b.Leads))
		}
		if l.ID == 0 {
			return nil, fmt.Errorf("apply batch to store %s: lead %d of %d has no id", db.path, i+1, len(b.Leads))
		}
	}
	for i := range b.Index {
		if b.Index[i].ID == 0 {
			return nil, fmt.Errorf("apply batch to store %s: index entry %d of %d has no lead id", db.path, i+1, len(b.Index))
		}
	}
	if leads, index := lastOfEach(b.Leads, func(l **crm.Lead) crm.ID { return (*l).ID }),
		lastOfEach(b.Index, func(e *crm.IndexEntry) crm.ID { return e.ID }); len(leads) != len(b.Leads) || len(index) != len(b.Index) {
		// A lead or index entry written twice: the last of each.
		nb := *b
		nb.Leads, nb.Index = leads, index
		b = &nb
	}
	var imp []byte
	if b.Import != nil {
		if b.Import.ID == "" {
			return nil, fmt.Errorf("apply batch to store %s: import record has no id", db.path)
		}
		var err error
		if imp, err = json.Marshal(b.Import); err != nil {
			return nil, fmt.Errorf("apply batch to store %s: import %s: %w", db.path, b.Import.ID, err)
		}
	}

	// Encode everything before the transaction, into a few large buffers:
	// keys and values must stay unchanged until the commit, and one
	// allocation is cheaper than one per lead. A buffer that fills up is
	// followed by a new one rather than grown: growing would copy it and
	// keep both copies alive (the values already point into the old one),
	// 150 MB extra for a conversion of 86,000 leads.
	chunk := min(800*len(b.Leads)+64*len(b.Index), 8<<20) // a typical lead is ~700 bytes
	var bufs [][]byte                                     // every buffer used, back to encodeBufs after the write
	newBuf := func(n int) []byte {
		b := encodeBuf(n)
		bufs = append(bufs, b)
		return b
	}
	buf := newBuf(chunk)
	room := func() {
		if cap(buf)-len(buf) < 16<<10 {
			buf = newBuf(max(chunk, 64<<10))
		}
	}
	leads := make([]kv, len(b.Leads))
	index := make([]kv, len(b.Index))
	for i, l := range b.Leads {
		room()
		at := len(buf)
		buf = binary.BigEndian.AppendUint64(buf, uint64(l.ID))
		if b.Scattered && i < len(b.Index) && b.Index[i].ID == l.ID {
			// The lead may go to the update area: its index entry
			// goes ahead of it, so that the area's indexed value
			// (areaIndexed) is these same bytes.
			e := &b.Index[i]
			buf = append(buf, areaIndexed)
			buf = binary.AppendUvarint(buf, uint64(indexSize(e)))
			ix := len(buf)
			buf = appendIndex(buf, e)
			lx := len(buf)
			buf = appendLead(buf, l)
			leads[i] = kv{k: buf[at : at+8 : at+8], v: buf[lx:len(buf):len(buf)], iv: buf[at+8 : len(buf) : len(buf)]}
			index[i] = kv{k: leads[i].k, v: buf[ix:lx:lx]}
			continue
		}
		buf = appendLead(buf, l)
		leads[i] = kv{k: buf[at : at+8 : at+8], v: buf[at+8 : len(buf) : len(buf)]}
	}
	for i := range b.Index {
		if index[i].k != nil {
			continue
		}
		room()
		at := len(buf)
		buf = binary.BigEndian.AppendUint64(buf, uint64(b.Index[i].ID))
		buf = appendIndex(buf, &b.Index[i])
		index[i] = kv{k: buf[at : at+8 : at+8], v: buf[at+8 : len(buf) : len(buf)]}
	}

	var objs *encodedObjects
	if len(b.Accounts)+len(b.Contacts)+len(b.Opportunities) > 0 {
		var err error
		if objs, err = encodeObjects(b); err != nil {
			return nil, fmt.Errorf("apply batch to store %s: %w", db.path, err)
		}
	}
	return func() error {
		err := db.write(b, leads, index, objs, imp, leadSchema(b.Leads))
		// The transaction is over: bbolt holds no reference to the
		// encoded keys and values any more.
		for _, b := range bufs {
			encodeBufs.Put(&b)
		}
		return err
	}, nil
}

// leadSchema returns the schema version the encoding of leads needs: 0
// for any, schemaRawOmitted when a lead, or a row merged into one, has
// custom fields, whose raw values the encoding may leave out, and
// schemaEmailFields when one names e-mail fields.
func leadSchema(leads []*crm.Lead) uint64 {
	var v uint64
	need := func(l *crm.Lead) {
		switch {
		case len(l.EmailFields) > 0:
			v = schemaEmailFields
		case len(l.Custom) > 0:
			v = max(v, schemaRawOmitted)
		}
	}
	for _, l := range leads {
		need(l)
		for _, m := range l.Merges {
			if m.Lead != nil {
				need(m.Lead)
			}
		}
		if v == schemaEmailFields {
			break
		}
	}
	return v
}

// lastOfEach returns items, or, when one id comes twice, a copy that
// keeps only the last item of each id: what writing them in order leaves
// in the store. The write relies on one of each (an index entry
// that went into the update area with its lead must not be overwritten by
// an earlier one of the same batch). Batches in id order, the import's,
// are returned as they are without a look-up.
func lastOfEach[T any](items []T, id func(*T) crm.ID) []T {
	increasing := true
	for i := 1; i < len(items) && increasing; i++ {
		increasing = id(&items[i-1]) < id(&items[i])
	}
	if increasing {
		return items
	}
	last := make(map[crm.ID]int, len(items))
	for i := range items {
		last[id(&items[i])] = i
	}
	if len(last) == len(items) {
		return items
	}
	out := make([]T, 0, len(last))
	for i := range items {
		if last[id(&items[i])] == i {
			out = append(out, items[i])
		}
	}
	return out
}

// encodeBufs keeps the encoding buffers of written batches for the next
// ones: an import's batches are alike, and a new buffer of a few MB each
// time was zeroed and collected again (0.7 s of zeroing at 1M rows).
var encodeBufs sync.Pool // of *[]byte

// encodeBuf returns an empty buffer with room for n bytes.
func encodeBuf(n int) []byte {
	if p, ok := encodeBufs.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]byte, 0, n)
}

// kv is an encoded key and value. For a lead of a scattered batch that
// carries its index entry, iv is the value with the entry ahead of it, as
// the update area keeps it (areaIndexed).
type kv struct{ k, v, iv []byte }

// write runs the transaction of a prepared batch.
func (db *DB) write(b *crm.Batch, leads, index []kv, objs *encodedObjects, imp []byte, schema uint64) error {
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	err := db.update(func(tx *bolt.Tx) error {
		lb, ib, meta := tx.Bucket(bucketLeads), tx.Bucket(bucketIndex), tx.Bucket(bucketMeta)
		lb.FillPercent, ib.FillPercent = fillPercent, fillPercent
		last, err := metaU64(meta, keyLastID)
		if err != nil {
			return err
		}
		count, err := metaU64(meta, keyLeadCount)
		if err != nil {
			return err
		}
		last0, count0 := last, count
		if schema > 0 {
			// Raw values left out (appendRaw), e-mail fields named: a
			// leadpipe that does not know it must refuse the store
			// from now on.
			if err := raiseSchema(meta, schema); err != nil {
				return err
			}
		}
		if b.EmailFieldsNamed {
			// Every lead names its e-mail fields from this commit on;
			// schema 6 keeps a leadpipe that does not know them out.
			if err := raiseSchema(meta, schemaEmailFields); err != nil {
				return err
			}
			if err := meta.Put(keyEmailFieldsNamed, u64(1)); err != nil {
				return err
			}
		}
		up, err := openUpdates(tx, &db.area, b.Scattered && len(leads) > 0)
		if err != nil {
			return err
		}
		var inArea []bool // index entries written into the area with their lead
		for i, e := range leads {
			// Ids above the last one are new without a lookup.
			stored := false
			id := uint64(b.Leads[i].ID)
			if id > last {
				last = id
				count++
			} else if live, known := db.area.stored(id); known {
				stored = live
				if !live {
					count++
				}
			} else if lb.Get(e.k) == nil {
				count++
			} else {
				stored = true
			}
			indexed, err := up.put(lb, ib, e, stored, id > last0, count)
			if err != nil {
				return fmt.Errorf("lead %s: %w", b.Leads[i].ID, err)
			}
			if indexed {
				if inArea == nil {
					inArea = make([]bool, len(index))
				}
				inArea[i] = true // e.iv pairs lead i with index entry i
			}
		}
		for i, e := range index {
			if inArea != nil && inArea[i] {
				continue
			}
			// The usual batch pairs lead i with index entry i; anything
			// else must name a lead of the batch or of the store.
			if !(i < len(leads) && bytes.Equal(leads[i].k, e.k)) && lb.Get(e.k) == nil {
				return fmt.Errorf("index entry for lead %s, which does not exist", b.Index[i].ID)
			}
			if binary.BigEndian.Uint64(e.k) <= last0 {
				// A stored lead whose version in the area carries an
				// index entry: the new entry replaces that one.
				done, err := up.reindex(e.k, e.v)
				if err != nil {
					return fmt.Errorf("index entry for lead %s: %w", b.Index[i].ID, err)
				}
				if done {
					continue
				}
			}
			if err := ib.Put(e.k, e.v); err != nil {
				return fmt.Errorf("index entry for lead %s: %w", b.Index[i].ID, err)
			}
		}
		if err := putObjects(tx, objs); err != nil {
			return err
		}
		if err := putErase(tx, b); err != nil {
			return err
		}
		for _, id := range b.DeleteLeads {
			k := key(id)
			if lb.Get(k) != nil {
				count--
			}
			if err := lb.Delete(k); err != nil {
				return fmt.Errorf("delete lead %s: %w", id, err)
			}
			if err := up.remove(k); err != nil {
				return fmt.Errorf("delete lead %s: %w", id, err)
			}
			if err := ib.Delete(k); err != nil {
				return fmt.Errorf("delete index entry of lead %s: %w", id, err)
			}
		}
		for i := range b.Imports {
			data, err := json.Marshal(&b.Imports[i])
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketImports).Put([]byte(b.Imports[i].ID), data); err != nil {
				return fmt.Errorf("import %s: %w", b.Imports[i].ID, err)
			}
		}
		if len(b.Distinct) > 0 {
			// Created with the first review decision: older stores have
			// no such bucket, and need none until then.
			dist, err := tx.CreateBucketIfNotExists(bucketDistinct)
			if err != nil {
				return err
			}
			for _, p := range b.Distinct {
				if err := dist.Put(distinctKey(p), nil); err != nil {
					return fmt.Errorf("distinct pair %s %s: %w", p[0], p[1], err)
				}
			}
		}
		if imp != nil {
			if err := tx.Bucket(bucketImports).Put([]byte(b.Import.ID), imp); err != nil {
				return fmt.Errorf("import %s: %w", b.Import.ID, err)
			}
		}
		if last != last0 {
			if err := meta.Put(keyLastID, u64(last)); err != nil {
				return err
			}
		}
		if count != count0 {
			if err := meta.Put(keyLeadCount, u64(count)); err != nil {
				return err
			}
		}
		return up.close()
	})
	if err != nil {
		return db.writeError("apply batch", err)
	}
	db.area.committed(b.Leads, b.DeleteLeads)
	db.releaseMappedAbove(releaseAfterCommitBytes)
	return nil
}
