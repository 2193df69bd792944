package store

import (
	"encoding/binary"
	"fmt"

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
	tx        *bolt.Tx
	b         *bolt.Bucket // nil: the store has no area (yet)
	n, n0     uint64       // entries now and at the start, as meta counts them
	empty     bool         // the area holds nothing (seen, not counted)
	scattered bool         // this batch writes its stored leads here
}

// openUpdates opens the update area for a write transaction; scattered
// asks to write the batch's stored leads into it, which it does while the
// area stays within its share.
func openUpdates(tx *bolt.Tx, scattered bool) (*updates, error) {
	u := &updates{tx: tx, b: tx.Bucket(bucketLeadUpdates)}
	var err error
	if u.n, err = metaU64(tx.Bucket(bucketMeta), keyUpdateCount); err != nil {
		return nil, err
	}
	u.n0 = u.n
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
		// An older leadpipe would not see the area: it must refuse
		// the store from now on.
		if err := tx.Bucket(bucketMeta).Put(keySchema, u64(schemaVersion)); err != nil {
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
// removing an older version from the area. count is the number of leads
// with this one. fresh says the lead's id is above every id the store had
// allocated: such a lead was never written, so the area cannot hold it
// (an import creates most of its leads so, and looking each of them up
// in the area cost 900,000 look-ups at a million rows).
func (u *updates) put(lb *bolt.Bucket, k, v []byte, stored, fresh bool, count uint64) error {
	if u.scattered && stored {
		had := u.b.Get(k) != nil
		if had || u.n < count/maxUpdateShare {
			if err := u.b.Put(k, v); err != nil {
				return err
			}
			if !had {
				u.n++
			}
			u.empty = false
			return nil
		}
	}
	if err := lb.Put(k, v); err != nil {
		return err
	}
	if fresh {
		return nil
	}
	return u.remove(k)
}

// remove takes a lead's newer version out of the area, if it has one.
func (u *updates) remove(k []byte) error {
	if u.empty || u.b.Get(k) == nil {
		return nil
	}
	if err := u.b.Delete(k); err != nil {
		return err
	}
	if u.n > 0 {
		u.n--
	}
	return nil
}

// close records the number of entries in meta.
func (u *updates) close() error {
	if u.n == u.n0 {
		return nil
	}
	return u.tx.Bucket(bucketMeta).Put(keyUpdateCount, u64(u.n))
}

// updatedLead returns the newer version of a lead from the area of a read
// transaction, or nil.
func updatedLead(tx *bolt.Tx, k []byte) []byte {
	if b := tx.Bucket(bucketLeadUpdates); b != nil {
		return b.Get(k)
	}
	return nil
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
			if _, err := decodeStoredLead(id, v); err != nil {
				return fmt.Errorf("lead updates: %w", err)
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
