//go:build linux

package store

import (
	"path/filepath"
	"testing"
)

// TestReleaseMappedAbove: the file-backed resident set can be read, and
// the pages are released only above the limit.
func TestReleaseMappedAbove(t *testing.T) {
	n, ok := fileResident()
	if !ok || n <= 0 {
		t.Fatalf("fileResident = %d, %t; want the binary's pages at least", n, ok)
	}
	db, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.releaseMappedAbove(1 << 50) {
		t.Error("released below the limit")
	}
	if !db.releaseMappedAbove(0) {
		t.Error("not released above the limit")
	}
}
