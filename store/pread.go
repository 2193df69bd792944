package store

import (
	"bytes"
	"encoding/binary"
	"os"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// pageReader looks keys up in bbolt's B+tree by reading its pages with
// pread instead of through bbolt's memory map. A merge reads a lead at a
// random place of the store; through the map, each such read faulted
// pages in, and the kernel maps 64 KB around every fault, so that the
// resident set passed its budget after about one commit and every page had
// to be released and faulted in again (1.5 s of a 1M-row import's CPU, and
// most of the madvise calls). pread copies the few pages a look-up needs
// and leaves the resident set alone.
//
// It reads bbolt's page layout (bbolt v1: a 16-byte page header of id,
// flags, count and overflow; 16-byte branch and leaf elements whose
// positions are relative to the element; native byte order), only inside
// a read transaction, whose pages bbolt neither frees nor rewrites while
// it is open. Whatever it cannot read as expected (an inline bucket, a
// page whose header disagrees, a short read) it leaves to bbolt: get then
// reports ok false.
type pageReader struct {
	f        *os.File
	pageSize int
	bufs     sync.Pool // *[]byte
}

// bbolt's page layout (the page header's size, pageHeaderSize, is in
// damage.go).
const (
	elementSize     = 16
	branchPageFlag  = 0x01
	leafPageFlag    = 0x02
	bucketLeafFlag  = 0x01
	maxLookupDepth  = 64        // deeper than any B+tree bbolt builds
	maxOverflowRead = 256 << 20 // bbolt's largest value is below this
)

func newPageReader(path string, pageSize int) *pageReader {
	if pageSize < pageHeaderSize+elementSize {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil // reads go through bbolt
	}
	return &pageReader{f: f, pageSize: pageSize}
}

func (r *pageReader) close() {
	if r != nil {
		r.f.Close()
	}
}

// get calls fn with the value under key in bucket b of the open read
// transaction b belongs to, or with nil when the key is absent (or names a
// nested bucket), and returns ok true. The value is valid only during fn.
// ok false means that the reader could not tell: the caller asks bbolt.
func (r *pageReader) get(b *bolt.Bucket, key []byte, fn func(v []byte) error) (ok bool, err error) {
	if r == nil || b == nil {
		return false, nil
	}
	// An inline bucket (root 0) lies in its parent's value: bbolt reads it.
	return r.getRoot(uint64(b.Root()), key, fn)
}

// getRoot is get in the tree whose root page is pgid.
func (r *pageReader) getRoot(pgid uint64, key []byte, fn func(v []byte) error) (ok bool, err error) {
	if pgid == 0 {
		return false, nil
	}
	bp, _ := r.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer r.bufs.Put(bp)
	for range maxLookupDepth {
		p, ok := r.page(bp, pgid)
		if !ok {
			return false, nil
		}
		flags := binary.NativeEndian.Uint16(p[8:])
		count := int(binary.NativeEndian.Uint16(p[10:]))
		if pageHeaderSize+count*elementSize > len(p) {
			return false, nil
		}
		switch flags {
		case branchPageFlag:
			// The last element whose key is not above key (the first
			// when all are): bbolt's Cursor.searchPage.
			i, exact, ok := search(p, count, key)
			if !ok {
				return false, nil
			}
			if !exact && i > 0 {
				i--
			}
			if i >= count {
				return false, nil
			}
			at := pageHeaderSize + i*elementSize
			pgid = binary.NativeEndian.Uint64(p[at+8:])
		case leafPageFlag:
			i, exact, ok := search(p, count, key)
			if !ok {
				return false, nil
			}
			if !exact {
				return true, fn(nil)
			}
			at := pageHeaderSize + i*elementSize
			if binary.NativeEndian.Uint32(p[at:])&bucketLeafFlag != 0 {
				return true, fn(nil)
			}
			pos := at + int(binary.NativeEndian.Uint32(p[at+4:]))
			ksize := int(binary.NativeEndian.Uint32(p[at+8:]))
			vsize := int(binary.NativeEndian.Uint32(p[at+12:]))
			if pos+ksize+vsize > len(p) || pos+ksize < pos {
				return false, nil
			}
			return true, fn(p[pos+ksize : pos+ksize+vsize])
		default:
			return false, nil
		}
	}
	return false, nil
}

// search finds the first element of page p (count elements) whose key is
// not below key, and whether its key is key; ok false on an element that
// points outside the page.
func search(p []byte, count int, key []byte) (i int, exact, ok bool) {
	lo, hi := 0, count
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		k, ok := elementKey(p, m)
		if !ok {
			return 0, false, false
		}
		if bytes.Compare(k, key) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == count {
		return lo, false, true
	}
	k, ok := elementKey(p, lo)
	return lo, ok && bytes.Equal(k, key), ok
}

// elementKey is the key of element i of page p (branch or leaf).
func elementKey(p []byte, i int) ([]byte, bool) {
	at := pageHeaderSize + i*elementSize
	var pos, ksize int
	if binary.NativeEndian.Uint16(p[8:]) == branchPageFlag {
		pos = at + int(binary.NativeEndian.Uint32(p[at:]))
		ksize = int(binary.NativeEndian.Uint32(p[at+4:]))
	} else {
		pos = at + int(binary.NativeEndian.Uint32(p[at+4:]))
		ksize = int(binary.NativeEndian.Uint32(p[at+8:]))
	}
	if pos < at || pos+ksize > len(p) || pos+ksize < pos {
		return nil, false
	}
	return p[pos : pos+ksize], true
}

// page reads page pgid, with its overflow pages, into *bp, and checks that
// its header names it.
func (r *pageReader) page(bp *[]byte, pgid uint64) ([]byte, bool) {
	if cap(*bp) < r.pageSize {
		*bp = make([]byte, r.pageSize)
	}
	p := (*bp)[:r.pageSize]
	off := int64(pgid) * int64(r.pageSize)
	if off < 0 || pgid > 1<<40 {
		return nil, false
	}
	if n, _ := r.f.ReadAt(p, off); n != len(p) {
		return nil, false
	}
	if binary.NativeEndian.Uint64(p) != pgid {
		return nil, false
	}
	if over := int(binary.NativeEndian.Uint32(p[12:])); over > 0 {
		size := (over + 1) * r.pageSize
		if size > maxOverflowRead || size < 0 {
			return nil, false
		}
		// A damaged header must not make it allocate beyond the file.
		if fi, err := r.f.Stat(); err != nil || off+int64(size) > fi.Size() {
			return nil, false
		}
		if cap(*bp) < size {
			nb := make([]byte, size)
			copy(nb, p)
			*bp = nb
		}
		p = (*bp)[:size]
		if n, _ := r.f.ReadAt(p[r.pageSize:], off+int64(r.pageSize)); n != size-r.pageSize {
			return nil, false
		}
	}
	return p, true
}
