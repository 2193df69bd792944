// Package storetest opens real stores for other packages' tests.
package storetest

import (
	"path/filepath"
	"testing"
	"time"

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
