//go:build linux

package store

import (
	"bytes"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

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

// releaseMappedAbove releases the mapped pages (releaseMapped) once the
// process's file-backed resident set is above limit bytes, and reports
// whether it did. When that cannot be read it releases them.
func (db *DB) releaseMappedAbove(limit int64) bool {
	if n, ok := fileResident(); ok && n <= limit {
		return false
	}
	db.releaseMapped()
	return true
}

// fileResident is the process's resident file-backed and shared memory
// (the third field of /proc/self/statm), in bytes: the store's mapped
// pages, and the binary's.
func fileResident() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
