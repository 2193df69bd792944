// Package storetest opens real stores for other packages' tests.
package storetest

import (
	"encoding/binary"
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/leadpipe/leadpipe/store"
)

// OpenTest opens a new, empty store in t.TempDir(). On cleanup it closes the
// store (if the test has not), opens the file again read-only and runs
// Check on it, failing the test if the store is corrupt or breaks one of
// leadpipe's invariants.
func OpenTest(t testing.TB) *store.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "leadpipe.db")
	db, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("storetest: %v", err)
		}
		MustCheck(t, path)
	})
	return db
}

// MustCheck opens the store at path read-only, runs Check and fails the test
// on any problem.
func MustCheck(t testing.TB, path string) {
	t.Helper()
	db, err := store.Open(path, store.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Errorf("storetest: %v", err)
		return
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Errorf("storetest: %v", err)
	}
}

// BeforeEmailFields turns the store at path, which no one may hold open,
// into one that a leadpipe before e-mail fields (crm.Lead.EmailFields,
// store schema 6) left behind: schema version 5, and no record that every
// lead names its e-mail fields (crm.Store.EmailFieldsNamed reports false).
// The leads stay as they were written; write the ones such a leadpipe
// would have stored (custom fields, no EmailFields) before calling it.
// It writes the meta bucket directly, as laid out in package store's doc.
func BeforeEmailFields(t testing.TB, path string) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		if meta == nil {
			return errors.New("no meta bucket: not a leadpipe store")
		}
		if err := meta.Delete([]byte("email_fields_named")); err != nil {
			return err
		}
		return meta.Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, 5))
	})
	if err != nil {
		t.Fatalf("storetest: %s: %v", path, err)
	}
}
