package store

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
)

// Accounts, contacts and opportunities live in buckets of their own, keyed
// by their id (8 bytes, big-endian), in the object codec (objcodec.go;
// stores written before it hold JSON, which is still read). The buckets
// are created by the first conversion; a store without them has no
// objects.
var (
	bucketAccounts      = []byte("accounts")
	bucketContacts      = []byte("contacts")
	bucketOpportunities = []byte("opportunities")
)

// Meta keys of the last id of each kind.
var (
	keyLastAccount     = []byte("last_account")
	keyLastContact     = []byte("last_contact")
	keyLastOpportunity = []byte("last_opportunity")
)

// LastObjectIDs returns the highest account, contact and opportunity ids
// allocated so far.
func (db *DB) LastObjectIDs() (crm.AccountID, crm.ContactID, crm.OpportunityID, error) {
	var a, c, o uint64
	err := db.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var err error
		if a, err = metaU64(meta, keyLastAccount); err != nil {
			return err
		}
		if c, err = metaU64(meta, keyLastContact); err != nil {
			return err
		}
		o, err = metaU64(meta, keyLastOpportunity)
		return err
	})
	if err != nil {
		return 0, 0, 0, db.readError(err)
	}
	return crm.AccountID(a), crm.ContactID(c), crm.OpportunityID(o), nil
}

// Account returns one account, or an error wrapping crm.ErrNotFound.
func (db *DB) Account(id crm.AccountID) (*crm.Account, error) {
	a := &crm.Account{}
	if err := db.getObject(bucketAccounts, uint64(id), id.String(), a); err != nil {
		return nil, err
	}
	return a, nil
}

// Contact returns one contact, or an error wrapping crm.ErrNotFound.
func (db *DB) Contact(id crm.ContactID) (*crm.Contact, error) {
	c := &crm.Contact{}
	if err := db.getObject(bucketContacts, uint64(id), id.String(), c); err != nil {
		return nil, err
	}
	return c, nil
}

// Opportunity returns one opportunity, or an error wrapping crm.ErrNotFound.
func (db *DB) Opportunity(id crm.OpportunityID) (*crm.Opportunity, error) {
	o := &crm.Opportunity{}
	if err := db.getObject(bucketOpportunities, uint64(id), id.String(), o); err != nil {
		return nil, err
	}
	return o, nil
}

// ForEachAccount calls fn for every account in id order.
func (db *DB) ForEachAccount(fn func(*crm.Account) error) error {
	return forEachObject(db, bucketAccounts, fn)
}

// ForEachContact calls fn for every contact in id order.
func (db *DB) ForEachContact(fn func(*crm.Contact) error) error {
	return forEachObject(db, bucketContacts, fn)
}

// ForEachOpportunity calls fn for every opportunity in id order.
func (db *DB) ForEachOpportunity(fn func(*crm.Opportunity) error) error {
	return forEachObject(db, bucketOpportunities, fn)
}

func (db *DB) getObject(bucket []byte, id uint64, name string, v any) error {
	err := db.view(func(tx *bolt.Tx) error {
		var data []byte
		if b := tx.Bucket(bucket); b != nil {
			data = b.Get(u64(id))
		}
		if data == nil {
			return fmt.Errorf("%s: %w", name, crm.ErrNotFound)
		}
		if err := decodeObject(data, v); err != nil {
			return fmt.Errorf("%s: %w: %v", name, errDamaged, err)
		}
		return nil
	})
	if err != nil {
		return db.readError(err)
	}
	return nil
}

// forEachObject decodes a bucket of objects in chunks of read
// transactions, like forEach.
func forEachObject[T any](db *DB, bucket []byte, fn func(*T) error) error {
	return forEach(db, bucket, 1024, func(id crm.ID, v []byte) (*T, error) {
		o := new(T)
		if err := decodeObject(v, o); err != nil {
			return nil, fmt.Errorf("%s %d: %w: %v", bucket, id, errDamaged, err)
		}
		return o, nil
	}, fn)
}

// encodedObjects are a batch's accounts, contacts and opportunities,
// encoded before the write transaction.
type encodedObjects struct {
	accounts, contacts, opportunities []objectValue
}

type objectValue struct {
	id   uint64
	data []byte
}

// encodeObjects encodes the objects of a batch, on every core for a large
// one: the write transaction runs on one core.
func encodeObjects(b *crm.Batch) (*encodedObjects, error) {
	e := &encodedObjects{
		accounts:      make([]objectValue, len(b.Accounts)),
		contacts:      make([]objectValue, len(b.Contacts)),
		opportunities: make([]objectValue, len(b.Opportunities)),
	}
	type job struct {
		out  []objectValue
		n    int
		kind string
		item func(i int) (uint64, []byte)
	}
	jobs := []job{
		{e.accounts, len(b.Accounts), "account", func(i int) (uint64, []byte) {
			if a := b.Accounts[i]; a != nil {
				return uint64(a.ID), appendAccount(make([]byte, 0, 256), a)
			}
			return 0, nil
		}},
		{e.contacts, len(b.Contacts), "contact", func(i int) (uint64, []byte) {
			if c := b.Contacts[i]; c != nil {
				return uint64(c.ID), appendContact(make([]byte, 0, 192), c)
			}
			return 0, nil
		}},
		{e.opportunities, len(b.Opportunities), "opportunity", func(i int) (uint64, []byte) {
			if o := b.Opportunities[i]; o != nil {
				return uint64(o.ID), appendOpportunity(make([]byte, 0, 128), o)
			}
			return 0, nil
		}},
	}
	total := len(b.Accounts) + len(b.Contacts) + len(b.Opportunities)
	workers := 1
	if total >= 4096 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Worker w takes every workers-th object of each kind.
			for _, j := range jobs {
				for i := w; i < j.n; i += workers {
					id, data := j.item(i)
					if id == 0 {
						errs[w] = fmt.Errorf("%s without id", j.kind)
						return
					}
					j.out[i] = objectValue{id, data}
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return e, nil
}

// putObjects writes the encoded objects of a batch; called inside
// Apply's transaction. It raises the last ids.
func putObjects(tx *bolt.Tx, e *encodedObjects) error {
	if e == nil {
		return nil
	}
	meta := tx.Bucket(bucketMeta)
	for _, c := range e.contacts {
		if len(c.data) > 0 && c.data[0] == objCodecV2 {
			// An older leadpipe would take the contact for damage.
			if err := raiseSchema(meta, schemaContactExt); err != nil {
				return err
			}
			break
		}
	}
	for _, kind := range []struct {
		bucket, lastKey []byte
		values          []objectValue
		kind            string
	}{
		{bucketAccounts, keyLastAccount, e.accounts, "account"},
		{bucketContacts, keyLastContact, e.contacts, "contact"},
		{bucketOpportunities, keyLastOpportunity, e.opportunities, "opportunity"},
	} {
		if len(kind.values) == 0 {
			continue
		}
		bk, err := tx.CreateBucketIfNotExists(kind.bucket)
		if err != nil {
			return err
		}
		// New objects get ids above the last one, so they are appended
		// at the right edge: full pages make a smaller file and fewer
		// pages to write (bbolt's default of half-full pages doubled
		// the object buckets).
		bk.FillPercent = fillPercent
		last, err := metaU64(meta, kind.lastKey)
		if err != nil {
			return err
		}
		last0 := last
		for _, v := range kind.values {
			if err := bk.Put(u64(v.id), v.data); err != nil {
				return fmt.Errorf("%s: %w", objectName(kind.kind, v.id), err)
			}
			last = max(last, v.id)
		}
		if last != last0 {
			if err := meta.Put(kind.lastKey, u64(last)); err != nil {
				return err
			}
		}
	}
	return nil
}

// objectName is an object as people read it: "account A0000005".
func objectName(kind string, id uint64) string {
	switch kind {
	case "account":
		return kind + " " + crm.AccountID(id).String()
	case "contact":
		return kind + " " + crm.ContactID(id).String()
	}
	return kind + " " + crm.OpportunityID(id).String()
}
