// Package store keeps leads, their match index and the import journal in an
// embedded bbolt database: the crm.Store that every leadpipe command uses.
//
// # Locking
//
// Open takes bbolt's flock on the data file and holds it until Close: an
// exclusive lock for a writable store, a shared one for Options.ReadOnly.
// A second run that cannot get the lock within Options.Timeout fails with an
// error wrapping crm.ErrLocked that names the store file. The kernel drops
// the lock when a process dies, so a killed run never leaves a stale lock.
//
// Keep the store on a local disk. flock is unreliable on NFS and other
// network file systems, and two runs that both believe they hold the lock
// will corrupt the file.
//
// # Layout
//
// The file holds four buckets:
//
//	leads    8-byte big-endian lead id → lead in the binary codec (codec.go)
//	index    8-byte big-endian lead id → IndexEntry: match keys and row signatures
//	imports  import id → crm.Import as JSON
//	meta     "schema" → format version; "last_id", "lead_count" → 8-byte big-endian;
//	         "email_fields_named" present once every lead names its e-mail fields
//
// Lead ids are allocated in increasing order, so new leads are appended at
// the right edge of the B+tree and the append-mostly buckets are filled to
// 90% of a page. Import ids sort by start time ("20261123T101500Z-1a2b").
//
// # Determinism
//
// The lead codec is deterministic (maps are written in key order), so the
// same lead always has the same bytes. bbolt, however, writes a new meta page
// with a new transaction id on every commit, even when no value changed: a
// caller that wants a re-run over unchanged data to leave the file
// byte-identical must not call Apply for it. Reading never changes the file.
// Two stores written by the same batches hold the same keys and values, but
// not necessarily the same file: bbolt places buckets on pages in Go map
// order. Compare stores by their content, never by their file bytes.
//
// # Caveats
//
// Deleted or replaced values keep their old bytes in freed pages until bbolt
// reuses them, so erasing personal data needs a compaction into a new file.
// Error messages of this package name ids and paths, never field values.
package store
