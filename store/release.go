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
