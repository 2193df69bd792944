package store

import "os"

// releaseMinBytes is the store size below which releaseMapped does
// nothing: a small store's pages cost little and are read again soon.
const releaseMinBytes = 64 << 20

// mappedBytes is how much of the store file is mapped: its size, rounded
// down to whole pages (bbolt maps at least the whole file).
func (db *DB) mappedBytes() int64 {
	fi, err := os.Stat(db.path)
	if err != nil {
		return 0
	}
	page := int64(os.Getpagesize())
	return fi.Size() / page * page
}

// releaseAfterCommitBytes is the file-backed resident set above which a
// commit releases the store's mapped pages. Released after every commit,
// the merges of a 1M-row import faulted the same pages in again and
// again (516,000 minor faults, 1 s of madvise); above 120 MB, the peak RSS
// stayed the same (468 MB) with 6% fewer faults and 1 s less wall time;
// above 160 MB it rose to 520 MB. Since merges keep their index entries in
// the update area, fewer pages are faulted and released, and 120 MB gave
// 480-502 MB: 100 MB gives 448-453 MB (BENCHMARKS.md).
const releaseAfterCommitBytes = 100 << 20
