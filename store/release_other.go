//go:build !linux

package store

// releaseMapped is a no-op where madvise is not used.
func (db *DB) releaseMapped() {}

// releaseMappedAbove is a no-op where madvise is not used.
func (db *DB) releaseMappedAbove(int64) bool { return false }
