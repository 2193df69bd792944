package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for another run to release the store
// when Options.Timeout is not set.
const DefaultTimeout = time.Second

// Options configures Open.
type Options struct {
	// Timeout is how long Open waits for the store's lock. Zero or negative
	// means DefaultTimeout: unlike bbolt, Open never waits forever.
	Timeout time.Duration
	// ReadOnly opens the store for reading only, under a shared lock: any
	// number of readers may share the store, but not with a writer. A
	// missing store is an error instead of being created.
	ReadOnly bool
	// Context, when set, ends the wait for the lock early: once it is done,
	// Open stops waiting and fails with an error wrapping its Err
	// (context.Canceled after SIGINT or SIGTERM). It is looked at only
	// while another run holds the lock.
	Context context.Context
	// MaxSize caps the store file in bytes; an Apply that would grow the
	// file beyond it fails and writes nothing. Zero or negative: no limit.
	MaxSize int64

	// openFile replaces os.OpenFile in tests.
	openFile func(string, int, os.FileMode) (*os.File, error)
}

// DB is an open store. It holds the store's lock until Close. Its methods are
// safe for concurrent use; bbolt runs one write transaction at a time.
type DB struct {
	bolt     *bolt.DB
	path     string
	maxSize  int64
	readOnly bool
	area     areaGuard
	pages    *pageReader // nil: look-ups go through bbolt's map
	// writeMu holds a batch's transaction and the area guard's record of
	// what it committed together: a concurrent write must not begin on
	// the committed state while the guard still describes the one before.
	writeMu sync.Mutex
}

var _ crm.Store = (*DB)(nil)

var (
	bucketLeads   = []byte("leads")
	bucketIndex   = []byte("index")
	bucketImports = []byte("imports")
	bucketMeta    = []byte("meta")
	// bucketDistinct holds pairs of leads reviewed as different people:
	// key lower id, higher id (8 bytes each, big-endian), empty value.
	bucketDistinct = []byte("distinct")

	// bucketLeadUpdates is the update area: newer versions of stored
	// leads, under the same keys and in the same codec as in bucketLeads,
	// whose values they replace for every reader. A conversion writes
	// its leads here, and so does an import its merges (Batch.Scattered):
	// 86,000 leads spread over a million would otherwise dirty 40% of the
	// lead bucket's pages. Any
	// other write of such a lead goes to bucketLeads and removes it from
	// here; a scattered write never fills the area beyond a quarter of
	// the leads (deletes of other leads may leave it a little fuller).
	bucketLeadUpdates = []byte("lead_updates")

	keySchema      = []byte("schema")
	keyLastID      = []byte("last_id")
	keyLeadCount   = []byte("lead_count")
	keyUpdateCount = []byte("update_count")
	// keyEmailFieldsNamed is present when every lead names its e-mail
	// fields (crm.Store.EmailFieldsNamed): in a store created at schema 6
	// or later, and in an older one once a batch named them
	// (crm.Batch.EmailFieldsNamed). Schema 6 alone does not tell: an
	// older store is raised to 6 by the first new lead with e-mail
	// fields, while the leads before it still have none.
	keyEmailFieldsNamed = []byte("email_fields_named")
)

// schemaVersion is the layout version kept under meta/schema: 2 since the
// update area (bucketLeadUpdates), 3 since its values may carry the lead's
// index entry (areaIndexed), 4 since a lead may leave out the raw values
// of custom fields that equal the field (the raw mask's bits above the
// data fields), 5 since a contact may carry a phone extension (objCodecV2),
// 6 since a lead may name the custom fields that hold e-mail addresses
// (flagEmailFields); new stores are created at 6. A store of an older
// version is read as it is; creating the area raises it to 2, the first
// indexed value to 3, the first lead with custom fields to 4, the first
// contact with an extension to 5, the first lead with e-mail fields to 6
// (raiseSchema). An older leadpipe, which would not see the area, its
// index entries, the left-out raw values, the extensions or the e-mail
// fields, refuses a store of a newer version.
const (
	schemaVersion     = 6
	schemaArea        = 2 // the update area, plain values only
	schemaIndexed     = 3 // area values with the lead's index entry
	schemaRawOmitted  = 4 // raw values of custom fields left out when equal
	schemaContactExt  = 5 // contacts in objCodecV2 (phone extension)
	schemaEmailFields = 6 // leads with flagEmailFields
	minSchemaVersion  = 1
)

// raiseSchema raises the store's schema version to v, never lowering it.
// A batch that names the e-mail fields of an older store's leads
// (crm.Batch.EmailFieldsNamed) raises it to 6 too, even when no lead
// needed a name: an older leadpipe would store leads without them again.
func raiseSchema(meta *bolt.Bucket, v uint64) error {
	cur, err := metaU64(meta, keySchema)
	if err != nil || cur >= v {
		return err
	}
	return meta.Put(keySchema, u64(v))
}

// fillPercent for the buckets written in key order: new leads go to the
// right edge of the tree, so fuller pages mean a smaller file. Some room is
// left for merges that make a stored lead longer.
const fillPercent = 0.9

// initialMmapSize is the least address space mapped for the store at open.
const initialMmapSize = 1 << 30

// mmapSizeFor is the address space to map for the store at path: at least
// initialMmapSize, and twice the file's size, so that a write transaction
// that grows the file by less than its size never remaps. A remap in the
// middle of a write makes bbolt copy every key and value of every node the
// transaction has touched onto the heap: converting 86,000 leads in a
// store of a million cost 2.9 s of copying and most of the collector's
// work for it (BENCHMARKS.md, "Full pipeline"). Address space is not
// memory: pages become resident only when read.
func mmapSizeFor(path string) int {
	size := initialMmapSize
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && strconv.IntSize == 64 {
		size = max(size, int(min(2*fi.Size(), 1<<40)))
	}
	return size
}

// Open opens the store at path, creating it with mode 0600 unless
// opts.ReadOnly is set, and locks it until Close. When another run holds the
// store, Open waits up to opts.Timeout (or until opts.Context is done) and
// then fails with an error wrapping crm.ErrLocked (or the context's error). Keep the store on a local disk: flock, which guards it, is
// unreliable on network file systems.
func Open(path string, opts Options) (*DB, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	bopts := &bolt.Options{
		Timeout:  timeout,
		ReadOnly: opts.ReadOnly,
		OpenFile: opts.openFile,
		// A large initial mapping (address space only; pages are resident
		// only when touched) spares the import the remaps of a growing
		// file: each remap makes bbolt copy every node the write
		// transaction holds (measured: 17% of the allocations of a
		// 100k-row import).
		InitialMmapSize: mmapSizeFor(path),
		// The hash-map freelist allocates pages in O(1) instead of
		// scanning an array (bbolt's own recommendation for large stores).
		FreelistType: bolt.FreelistMapType,
	}
	if opts.MaxSize > 0 {
		bopts.MaxSize = int(opts.MaxSize)
		bopts.InitialMmapSize = min(bopts.InitialMmapSize, int(opts.MaxSize))
	}
	if opts.ReadOnly {
		// bbolt would try to initialise an empty file, and fail to write.
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			return nil, fmt.Errorf("store %s is empty: it was created but never written; a command that writes will initialise it", path)
		}
	}
	if err := checkFileLength(path); err != nil {
		return nil, err
	}
	bdb, err := openLocked(opts.Context, path, bopts, timeout)
	if errors.Is(err, errDamagedFile) {
		return nil, err
	}
	if ctxErr := contextErr(opts.Context); ctxErr != nil && errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("store %s: stopped waiting for another leadpipe run to release it: %w", path, ctxErr)
	}
	if err != nil {
		return nil, openError(path, timeout, opts.ReadOnly, err)
	}
	db := &DB{bolt: bdb, path: path, maxSize: opts.MaxSize, readOnly: opts.ReadOnly}
	if err := db.init(opts.ReadOnly); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	db.pages = newPageReader(path, bdb.Info().PageSize)
	db.area.floor = math.MaxUint64 // unknown: every lead may be in the area
	if last, err := db.LastID(); err == nil {
		// A damaged last id is Check's to report; the store still opens.
		db.area.floor = uint64(last)
	}
	return db, nil
}

// lockRetry is how long openLocked sleeps between two tries of the lock,
// as bbolt's own wait does (flockRetryTimeout).
const lockRetry = 50 * time.Millisecond

// openLocked opens the store with openBolt, waiting up to timeout for the
// lock. bbolt's own wait (Options.Timeout) cannot be interrupted, so bbolt
// tries the lock once per call and the waiting between tries happens
// here, where a done ctx ends it at once. Giving up, for either reason,
// returns bbolt's ErrTimeout; Open tells the two apart.
func openLocked(ctx context.Context, path string, bopts *bolt.Options, timeout time.Duration) (*bolt.DB, error) {
	deadline := time.Now().Add(timeout)
	o := *bopts
	o.Timeout = time.Nanosecond // not zero (wait forever): one try
	var done <-chan struct{}
	if ctx != nil {
		done = ctx.Done()
	}
	for {
		bdb, err := openBolt(path, &o)
		if !errors.Is(err, berrors.ErrTimeout) {
			return bdb, err
		}
		wait := time.Until(deadline)
		if wait <= 0 {
			return nil, err
		}
		t := time.NewTimer(min(wait, lockRetry))
		select {
		case <-done:
			t.Stop()
			return nil, err
		case <-t.C:
		}
	}
}

// contextErr is ctx.Err(), nil for a nil ctx.
func contextErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}

// openBolt is bolt.Open with a panic on a damaged page turned into an
// error (see recoverDamage).
func openBolt(path string, bopts *bolt.Options) (bdb *bolt.DB, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(path, &err)
	return bolt.Open(path, 0o600, bopts)
}

// storeError is an error with a message written for people and the causes
// callers test with errors.Is (crm.ErrLocked, bbolt's and the OS's errors).
type storeError struct {
	msg    string
	causes []error
}

func (e *storeError) Error() string   { return e.msg }
func (e *storeError) Unwrap() []error { return e.causes }

// openError turns bbolt's and the OS's errors into messages that name the
// store and say what to do.
func openError(path string, timeout time.Duration, readOnly bool, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return &storeError{
			msg:    fmt.Sprintf("store %s is in use by another leadpipe run (gave up after %s)", path, timeout),
			causes: []error{crm.ErrLocked, err},
		}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch),
		strings.HasPrefix(err.Error(), "file size too small"): // bbolt has no sentinel for this one
		return fmt.Errorf("store %s is not a leadpipe store: not a bbolt database, or its header pages are damaged: %w", path, err)
	case errors.Is(err, berrors.ErrMaxSizeReached):
		return fmt.Errorf("store %s is larger than its size limit: %w", path, err)
	}
	// The path is in our message already; keep only the OS's reason.
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && readOnly:
		return fmt.Errorf("store %s does not exist: %w", path, err)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("store %s cannot be created: its directory does not exist: %w", path, err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("store %s: permission denied: check the permissions of the file and its directory: %w", path, err)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("store %s is on a read-only file system: move it to a writable disk: %w", path, err)
	case errors.Is(err, syscall.EISDIR):
		return fmt.Errorf("store %s is a directory, not a store file: %w", path, err)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("store %s cannot be created: no space left on device: %w", path, err)
	}
	return fmt.Errorf("open store %s: %w", path, err)
}

// init checks the layout and creates the buckets of a new store. It writes
// only when the store is new, so opening an existing store never changes it.
// A read-only store that was never initialised reads as empty.
func (db *DB) init(readOnly bool) error {
	fresh := false
	err := db.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			if k, _ := tx.Cursor().First(); k != nil {
				return fmt.Errorf("store %s is a bbolt database, but not a leadpipe store", db.path)
			}
			fresh = true
			return nil
		}
		v := meta.Get(keySchema)
		if len(v) != 8 {
			return fmt.Errorf("store %s is damaged: no schema version", db.path)
		}
		if n := binary.BigEndian.Uint64(v); n < minSchemaVersion || n > schemaVersion {
			return fmt.Errorf("store %s has schema version %d; this leadpipe reads versions %d to %d", db.path, n, minSchemaVersion, schemaVersion)
		}
		for _, name := range [][]byte{bucketLeads, bucketIndex, bucketImports} {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("store %s is damaged: bucket %s is missing", db.path, name)
			}
		}
		return nil
	})
	if err != nil {
		return err // names the store already
	}
	if !fresh || readOnly {
		return nil
	}
	err = db.update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketLeads, bucketIndex, bucketImports, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keySchema, u64(schemaVersion)); err != nil {
			return err
		}
		// No lead yet, so none without its e-mail fields.
		return meta.Put(keyEmailFieldsNamed, u64(1))
	})
	if err != nil {
		return db.writeError("initialise", err)
	}
	return nil
}

// readError names the store in an error of a read. A missing lead keeps
// its plain "lead L0000042: not found".
func (db *DB) readError(err error) error {
	if err == nil || errors.Is(err, crm.ErrNotFound) {
		return err
	}
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return fmt.Errorf("store %s is closed: %w", db.path, err)
	}
	return fmt.Errorf("store %s: %w", db.path, err)
}

// writeError explains why a write transaction failed. bbolt rolled it back,
// so nothing of it is in the store.
func (db *DB) writeError(op string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrMaxSizeReached):
		return &storeError{
			msg:    fmt.Sprintf("%s: store %s reached its size limit of %d bytes; nothing of this write was stored", op, db.path, db.maxSize),
			causes: []error{err},
		}
	case isErrno(err, syscall.ENOSPC):
		return &storeError{
			msg:    fmt.Sprintf("%s: store %s: no space left on device; nothing of this write was stored", op, db.path),
			causes: []error{err},
		}
	case isErrno(err, syscall.EFBIG):
		return &storeError{
			msg:    fmt.Sprintf("%s: store %s: file size limit of this process reached (ulimit -f); nothing of this write was stored", op, db.path),
			causes: []error{err},
		}
	case isErrno(err, syscall.EDQUOT):
		return &storeError{
			msg:    fmt.Sprintf("%s: store %s: disk quota exceeded; nothing of this write was stored", op, db.path),
			causes: []error{err},
		}
	case isErrno(err, syscall.EROFS):
		return &storeError{
			msg:    fmt.Sprintf("%s: store %s is on a file system that became read-only; nothing of this write was stored", op, db.path),
			causes: []error{err},
		}
	case errors.Is(err, berrors.ErrDatabaseReadOnly):
		return fmt.Errorf("%s: store %s was opened read-only: %w", op, db.path, err)
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return fmt.Errorf("%s: store %s is closed: %w", op, db.path, err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: store %s: %s: %w", op, db.path, pe.Op, pe.Err)
	}
	return fmt.Errorf("%s: store %s: %w", op, db.path, err)
}

// isErrno reports whether err is, or tells of, the system error e. bbolt
// formats some errors with %s ("file resize error: truncate …: file too
// large"), which drops the error chain but keeps the text.
func isErrno(err error, e syscall.Errno) bool {
	return errors.Is(err, e) || strings.Contains(err.Error(), e.Error())
}

// Path returns the store's file name as it was given to Open.
func (db *DB) Path() string { return db.path }

// Close releases the store's lock. Closing twice is harmless.
func (db *DB) Close() error {
	db.pages.close()
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", db.path, err)
	}
	return nil
}

// key returns the bucket key of a lead id: 8 bytes, big-endian, so that key
// order is id order.
func key(id crm.ID) []byte { return u64(uint64(id)) }

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(make([]byte, 0, 8), v) }

// metaU64 reads a counter from the meta bucket; missing means 0.
func metaU64(meta *bolt.Bucket, k []byte) (uint64, error) {
	if meta == nil {
		return 0, nil
	}
	v := meta.Get(k)
	if v == nil {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("meta %s: %w: %d bytes, want 8", k, errDamaged, len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}
