//go:build linux

package store

import "golang.org/x/sys/unix"

// releaseMapped tells the kernel that the process no longer needs the pages
// of the store file it has read through bbolt's memory map. bbolt maps the
// file shared and read-only, so the pages stay in the page cache and are
// mapped in again on the next access; what goes is their place in the
// process's resident set. Without it a long import keeps every page it ever
// read resident (576 MB of a 1M-row import's 960 MB peak RSS were such
// pages): the merges read leads at random across the whole file.
//
// It is safe while read transactions run: bbolt never rewrites a page that
// an open transaction can see, so a page faulted in again has the same
// bytes.
func (db *DB) releaseMapped() {
	info := db.bolt.Info()
	if info == nil || info.Data == 0 {
		return
	}
	n := db.mappedBytes()
	if n < releaseMinBytes {
		return
	}
	// Errors are ignored: this only trims the resident set.
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, info.Data, uintptr(n), unix.MADV_DONTNEED)
}
