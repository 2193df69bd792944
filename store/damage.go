package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// A damaged store file must end in an error, never in a crash. bbolt
// trusts its file: it panics on a page that is not what its parent says,
// and a file cut short makes it read past the end of its mapping, which
// kills the process (SIGBUS) before any recover can run. So Open first
// reads the meta pages itself and refuses a file shorter than they say,
// and every transaction turns a panic of bbolt's into an error
// (TestCorruptStoreTrials damages a store 200 times).

// errDamagedFile marks a store file whose pages are not what bbolt expects.
var errDamagedFile = errors.New("the store file is damaged")

// bbolt's meta page (go.etcd.io/bbolt/internal/common/meta.go), after the
// 16-byte page header: magic, version, page size, flags, root bucket (root
// page id, sequence), freelist page id, high-water page id, txid,
// checksum (FNV-1a 64 of the bytes before it).
const (
	pageHeaderSize = 16
	metaMagic      = 0xED0CDAED
	metaVersion    = 2
	metaSize       = 64
	noFreelist     = 0xffffffffffffffff
)

type metaPage struct {
	pageSize                   uint32
	root, freelist, pgid, txid uint64
}

// readMeta decodes a meta page; ok is false when it is not a valid one.
func readMeta(b []byte) (m metaPage, ok bool) {
	if len(b) < pageHeaderSize+metaSize {
		return m, false
	}
	b = b[pageHeaderSize : pageHeaderSize+metaSize]
	le := binary.LittleEndian
	if le.Uint32(b[0:]) != metaMagic || le.Uint32(b[4:]) != metaVersion {
		return m, false
	}
	h := fnv.New64a()
	h.Write(b[:56])
	if h.Sum64() != le.Uint64(b[56:]) {
		return m, false
	}
	return metaPage{pageSize: le.Uint32(b[8:]), root: le.Uint64(b[16:]), freelist: le.Uint64(b[32:]),
		pgid: le.Uint64(b[40:]), txid: le.Uint64(b[48:])}, true
}

// checkFileLength reads the meta pages of the store file at path, as bbolt
// will choose them (the valid one with the higher transaction id), and
// fails when the file is shorter than the pages they name. A file that
// does not exist, is empty or has no valid meta page is left to bbolt,
// which reports those cases itself.
func checkFileLength(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil
	}
	head := make([]byte, pageHeaderSize+metaSize)
	if _, err := f.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil
	}
	m0, ok0 := readMeta(head)
	size := int64(os.Getpagesize())
	if ok0 {
		size = int64(m0.pageSize)
	}
	var m1 metaPage
	ok1 := false
	if size > 0 && size <= 1<<16 {
		if _, err := f.ReadAt(head, size); err == nil {
			m1, ok1 = readMeta(head)
		}
	}
	m, ok := m0, ok0
	if ok1 && (!ok0 || m1.txid > m0.txid) {
		m, ok = m1, true
	}
	if !ok || m.pageSize == 0 {
		return nil
	}
	need := int64(m.pgid) * int64(m.pageSize)
	if m.pgid > 1<<40 || need > fi.Size() || m.root >= m.pgid || (m.freelist != noFreelist && m.freelist >= m.pgid) {
		return &storeError{
			msg: fmt.Sprintf("store %s is damaged: its header names %d pages of %d bytes (%d bytes), the file has %d bytes (cut short?); restore it from a backup",
				path, m.pgid, m.pageSize, need, fi.Size()),
			causes: []error{errDamagedFile},
		}
	}
	return nil
}

// recoverDamage turns a panic of bbolt's, which it raises on a damaged
// page, or a memory fault reading the mapped file (a page pointer past its
// end; made a panic by debug.SetPanicOnFault), into an error naming the
// store. Any other panic is a bug of ours and goes on as it is. Deferred
// by view, update and Open.
func recoverDamage(path string, err *error) {
	r := recover()
	if r == nil {
		return
	}
	if !fromBolt() && !isFault(r) {
		panic(r)
	}
	*err = &storeError{
		msg:    fmt.Sprintf("store %s is damaged (%v); run leadpipe store check, and restore it from a backup", path, r),
		causes: []error{errDamagedFile},
	}
}

// fromBolt reports whether the panic being recovered was raised in bbolt:
// the first frame below runtime.gopanic that is not the runtime's.
func fromBolt() bool {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			return strings.HasPrefix(f.Function, "go.etcd.io/bbolt")
		}
		if !more {
			return false
		}
	}
}

// isFault reports whether r is a memory fault made a panic by
// debug.SetPanicOnFault.
func isFault(r any) bool {
	re, ok := r.(runtime.Error)
	return ok && strings.Contains(re.Error(), "fault")
}

// view runs a read transaction (see recoverDamage).
func (db *DB) view(fn func(*bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(db.path, &err)
	return db.bolt.View(fn)
}

// update runs a write transaction (see recoverDamage). bbolt rolls the
// transaction back before the panic reaches here.
func (db *DB) update(fn func(*bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(db.path, &err)
	return db.bolt.Update(fn)
}
