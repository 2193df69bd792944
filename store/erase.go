package store

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"os"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
)

var (
	// bucketConverted lists the converted (read-only) leads: keys only.
	bucketConverted = []byte("converted")
	// bucketTombstones holds the tombstones of erased people (keys only).
	bucketTombstones = []byte("tombstones")
	// keyTombstoneSecret is the HMAC key of the tombstones, made at the
	// first erase.
	keyTombstoneSecret = []byte("tombstone_secret")
)

// Tombstones returns the tombstone secret (nil while nobody was erased)
// and every tombstone.
func (db *DB) Tombstones() ([]byte, map[crm.Tombstone]bool, error) {
	var secret []byte
	set := map[crm.Tombstone]bool{}
	err := db.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyTombstoneSecret); v != nil {
			secret = append([]byte(nil), v...)
		}
		b := tx.Bucket(bucketTombstones)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			if len(k) != len(crm.Tombstone{}) {
				return fmt.Errorf("tombstone: %w: key of %d bytes", errDamaged, len(k))
			}
			var t crm.Tombstone
			copy(t[:], k)
			set[t] = true
			return nil
		})
	})
	if err != nil {
		return nil, nil, db.readError(err)
	}
	return secret, set, nil
}

// TombstoneSecret returns the secret of the tombstones, making it (32
// random bytes) on first use.
func (db *DB) TombstoneSecret() ([]byte, error) {
	var secret []byte
	err := db.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keyTombstoneSecret); v != nil {
			secret = append([]byte(nil), v...)
			return nil
		}
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return err
		}
		return meta.Put(keyTombstoneSecret, secret)
	})
	if err != nil {
		return nil, db.writeError("make the tombstone secret", err)
	}
	return secret, nil
}

// ScrubFree overwrites every free page of the store file with zeros and
// syncs the file. bbolt copies a page on write and frees the old copy but
// leaves its bytes in the file; after an erase they would still hold the
// erased data. It runs inside a write transaction, so nothing else writes
// meanwhile, and bbolt reads a free page only to reuse it.
func (db *DB) ScrubFree() (int, error) {
	f, err := os.OpenFile(db.path, os.O_WRONLY, 0)
	if err != nil {
		return 0, fmt.Errorf("scrub store %s: %w", db.path, err)
	}
	defer f.Close()
	n := 0
	err = db.update(func(tx *bolt.Tx) error {
		size := tx.DB().Info().PageSize
		zero := make([]byte, size)
		for id := 2; ; id++ {
			p, err := tx.Page(id)
			if err != nil {
				return err
			}
			if p == nil {
				return nil
			}
			if p.Type != "free" {
				continue
			}
			if _, err := f.WriteAt(zero, int64(id)*int64(size)); err != nil {
				return err
			}
			n++
		}
	})
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		return 0, db.writeError("scrub free pages", err)
	}
	return n, nil
}

// putErase applies the erase parts of a batch; called inside Apply's
// transaction.
func putErase(tx *bolt.Tx, b *crm.Batch) error {
	if len(b.DeleteContacts) > 0 {
		if cb := tx.Bucket(bucketContacts); cb != nil {
			for _, id := range b.DeleteContacts {
				if err := cb.Delete(u64(uint64(id))); err != nil {
					return fmt.Errorf("delete contact %s: %w", id, err)
				}
			}
		}
	}
	if len(b.DeleteDistinct) > 0 {
		if db := tx.Bucket(bucketDistinct); db != nil {
			for _, p := range b.DeleteDistinct {
				if err := db.Delete(distinctKey(p)); err != nil {
					return err
				}
			}
		}
	}
	if len(b.Converted) > 0 {
		cb, err := tx.CreateBucketIfNotExists(bucketConverted)
		if err != nil {
			return err
		}
		for _, id := range b.Converted {
			if err := cb.Put(key(id), nil); err != nil {
				return err
			}
		}
	}
	if cb := tx.Bucket(bucketConverted); cb != nil {
		for _, id := range b.Reactivated {
			if err := cb.Delete(key(id)); err != nil {
				return err
			}
		}
	}
	if len(b.Tombstones) > 0 {
		tb, err := tx.CreateBucketIfNotExists(bucketTombstones)
		if err != nil {
			return err
		}
		for _, t := range b.Tombstones {
			if err := tb.Put(t[:], nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// ConvertedLeads returns the ids of the converted leads.
func (db *DB) ConvertedLeads() (map[crm.ID]bool, error) {
	out := map[crm.ID]bool{}
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketConverted)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("converted: %w: key of %d bytes", errDamaged, len(k))
			}
			out[crm.ID(binary.BigEndian.Uint64(k))] = true
			return nil
		})
	})
	if err != nil {
		return nil, db.readError(err)
	}
	return out, nil
}
