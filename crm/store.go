package crm

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"time"
)

// Store errors.
var (
	// ErrNotFound: no object with that id.
	ErrNotFound = errors.New("not found")
	// ErrLocked: another leadpipe run holds the store.
	ErrLocked = errors.New("store is in use by another leadpipe run")
)

// Import records one run of `leadpipe import`: what was read and what came of it.
type Import struct {
	ID         string       `json:"import_id"`
	StartedAt  time.Time    `json:"started_at"`
	FinishedAt time.Time    `json:"finished_at,omitzero"`
	Files      []ImportFile `json:"files"`
	Options    []string     `json:"options,omitempty"` // the options that shaped the result
	Counts     Counts       `json:"counts"`
	// Done is false while the import runs, and stays false if it was killed.
	Done bool `json:"done"`
	// UndoneAt is set when `leadpipe imports undo` took the import back;
	// Kept lists what an undo with --partial had to leave in place.
	UndoneAt time.Time `json:"undone_at,omitzero"`
	Kept     []string  `json:"kept,omitempty"`
	// NothingNew marks an import that changed nothing: it is recorded in
	// a journal beside the store, so that the store file stays as it was.
	NothingNew bool `json:"nothing_new,omitempty"`
}

// ImportFile describes one input file of an import.
type ImportFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Counts Counts `json:"counts"`
}

// IndexEntry is what the store keeps beside each lead so that the next
// import can find matches without decoding every lead: the hashed match keys
// of the lead and the signatures of the input rows it has absorbed.
type IndexEntry struct {
	ID      ID
	Keys    []uint64 // hashed exact match keys (e-mail; phone+last name; name+company)
	RowSigs []uint64 // signatures of raw input rows already applied to this lead
}

// Batch is one unit of work written in a single transaction: leads to create
// or replace, their index entries, and the import record as it stands after
// the batch, so that progress and data are never out of step.
type Batch struct {
	Leads  []*Lead
	Index  []IndexEntry
	Import *Import
	// Imports replaces further import records (an undo marks the import
	// it took back).
	Imports []Import
	// Distinct adds pairs of leads a review found to be different people.
	Distinct [][2]ID
	// DeleteLeads removes leads and their index entries (an undone
	// import takes back the leads it created; erase).
	DeleteLeads []ID
	// DeleteContacts removes contacts (erase).
	DeleteContacts []ContactID
	// DeleteDistinct removes reviewed pairs (erase).
	DeleteDistinct [][2]ID
	// Tombstones are added for erased people.
	Tombstones []Tombstone
	// Converted and Reactivated keep the store's list of read-only
	// (converted) leads, which import reads to say why a known row is
	// left alone.
	Converted   []ID
	Reactivated []ID
	// Accounts, Contacts and Opportunities are created or replaced.
	Accounts      []*Account
	Contacts      []*Contact
	Opportunities []*Opportunity
	// Scattered says the batch updates a few stored leads spread over the
	// whole store (a conversion, an import's merges): the store may keep
	// their new versions apart, instead of rewriting most of its pages for
	// them. Readers see no difference.
	Scattered bool
	// EmailFieldsNamed records that every stored lead now names its
	// e-mail fields (Lead.EmailFields), so that Store.EmailFieldsNamed
	// reports true from then on: the batch completes the naming in a
	// store written by a leadpipe before them.
	EmailFieldsNamed bool
}

// ObjectReader reads what leads were converted into.
type ObjectReader interface {
	// LastObjectIDs returns the highest ids allocated so far.
	LastObjectIDs() (AccountID, ContactID, OpportunityID, error)
	Account(id AccountID) (*Account, error)
	Contact(id ContactID) (*Contact, error)
	Opportunity(id OpportunityID) (*Opportunity, error)
	ForEachAccount(fn func(*Account) error) error
	ForEachContact(fn func(*Contact) error) error
	ForEachOpportunity(fn func(*Opportunity) error) error
}

// LeadReader reads leads.
type LeadReader interface {
	// Lead returns one lead, or an error wrapping ErrNotFound.
	Lead(id ID) (*Lead, error)
	// ForEachLead calls fn for every lead in id order until fn returns an error.
	ForEachLead(fn func(*Lead) error) error
	// ForEachLeadFields is ForEachLead for scans that read values only:
	// the leads come without Raw, Imports, History and Warnings, and their
	// merge records without the merged rows (MergeRecord.Lead is nil);
	// they must not be written back.
	ForEachLeadFields(fn func(*Lead) error) error
}

// Store is the persistent home of leads and their index. The bbolt
// implementation lives in package store; the store is held exclusively by
// one run for its whole life.
type Store interface {
	LeadReader
	ObjectReader
	// LastID returns the highest lead id allocated so far (0 when empty).
	LastID() (ID, error)
	// ForEachIndex calls fn for the index entry of every lead, in id order.
	ForEachIndex(fn func(IndexEntry) error) error
	// Index returns the index entry of one lead (an empty entry with the id
	// if none was stored).
	Index(id ID) (IndexEntry, error)
	// LeadWithIndex returns a lead and its index entry together, as Lead
	// and Index do, in one read.
	LeadWithIndex(id ID) (*Lead, IndexEntry, error)
	// Apply writes a batch in one transaction: all of it or nothing.
	Apply(b *Batch) error
	// PrepareApply does the part of Apply that takes no lock (checking
	// and encoding the batch) now, and returns the function that writes
	// it. Neither the batch nor its leads may change until that function
	// has returned.
	PrepareApply(b *Batch) (write func() error, err error)
	// Imports lists the recorded imports, oldest first, those that changed
	// nothing included.
	Imports() ([]Import, error)
	// RecordNothingNew records an import that changed nothing, without
	// writing the store file.
	RecordNothingNew(imp Import) error
	// DistinctPairs lists the pairs of leads reviewed as different people,
	// each with the lower id first.
	DistinctPairs() ([][2]ID, error)
	// Tombstones returns the store's tombstone secret and the tombstones
	// of erased people; the secret is nil while nobody was erased.
	Tombstones() (secret []byte, set map[Tombstone]bool, err error)
	// ConvertedLeads returns the ids of the converted (read-only) leads.
	ConvertedLeads() (map[ID]bool, error)
	// EmailFieldsNamed reports whether every stored lead names the custom
	// fields that hold its other e-mail addresses (Lead.EmailFields): true
	// for a store created since leads name them, and for one a batch
	// with Batch.EmailFieldsNamed brought up to date. A store written by
	// an older leadpipe may hold leads with such columns ("E-mail 2
	// Address") as plain custom fields.
	EmailFieldsNamed() (bool, error)
	// TombstoneSecret returns the secret, creating it on first use.
	TombstoneSecret() ([]byte, error)
	// ScrubFree overwrites the store file's free pages with zeros, so
	// that deleted data leaves no bytes behind; it returns their number.
	ScrubFree() (int, error)
	// Path names the store for messages.
	Path() string
	Close() error
}

// Tombstone is the non-reversible trace an erased person leaves: a keyed
// hash (HMAC-SHA-256 with a secret of the store) of a normalized e-mail
// address or phone number, so that a later import of the same person can
// be told apart without keeping anything that identifies them.
type Tombstone [32]byte

// TombstoneOf returns the tombstone of a value of a kind ("email",
// "phone") under the store's secret.
func TombstoneOf(secret []byte, kind, value string) Tombstone {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	var t Tombstone
	copy(t[:], m.Sum(nil))
	return t
}
