package pipeline

import (
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/importer"
)

// ImportOptions controls an import.
type ImportOptions struct {
	Files   []string
	Reader  importer.Options
	Build   importer.BuildOptions
	MapFile *importer.MapFile
	// DryRun runs everything but writes nothing to the store.
	DryRun bool
	// BatchSize is the number of rows per transaction (default 4000).
	BatchSize int
	// BatchBytes ends a transaction's batch early when its rows' cells
	// reach this many bytes (default 16 MiB), so that rows with long
	// notes do not hold thousands of them in memory at once.
	BatchBytes int
	// Workers is the number of goroutines that normalize rows (default GOMAXPROCS).
	Workers int
	// NewImportID makes the import id; tests inject a fixed one.
	NewImportID func() string
	// Score, when set, rates a lead this import created or changed, at the
	// import's clock: it may set the lead's score, grade and stage and
	// append to its history (the entries it adds get the import's id).
	// It is not called for unchanged rows, so a re-import still changes
	// nothing. The command fills it with scoring and lifecycle sync; the
	// pipeline knows neither.
	Score func(l *crm.Lead, now time.Time)
	// Match, when set, matches rows with the fuzzy rules of package dedupe
	// (blocking, weighted comparisons, thresholds, guards); nil matches on
	// the exact keys only.
	// Pairs of leads reviewed as different people (Store.DistinctPairs)
	// are never merged or flagged again.
	Match *dedupe.Matcher
	// Guards are the guards of exact matching (Match nil), as the dedupe
	// section of leadpipe.yaml sets them; nil switches all of them on
	// (dedupe.DefaultConfig).
	Guards *dedupe.Guards
	// CreateErased imports rows of erased people (with a warning) instead
	// of rejecting them.
	CreateErased bool
}

// Observer receives what happens during an import. Calls come from one
// goroutine, in input order.
type Observer interface {
	// FileStarted is called when a file has been opened and its header mapped.
	FileStarted(f FileInfo)
	// Row is called once for every data row with its outcome.
	Row(o *crm.Outcome, rec *importer.Record)
	// Progress reports bytes read of the current file.
	Progress(file string, done, total int64)
	// FileDone is called after the last row of a file.
	FileDone(f FileSummary)
}

// FileInfo describes an input file once it is open.
type FileInfo struct {
	Name      string
	Detection importer.Detection
	Header    []string
	Mapping   *importer.Mapping
}

// FileSummary holds the counts of one file.
type FileSummary struct {
	File string `json:"file"`
	crm.Counts
	Warnings int `json:"warnings"`
	// PhonesWithoutCountry counts the national phone numbers left unread
	// because their row had no country and no region was given (a hint
	// to give --region); they are among the warnings.
	PhonesWithoutCountry int `json:"phones_without_country,omitempty"`
	// regionVotes counts, per hintRegions, the numbers among
	// PhonesWithoutCountry that are valid in that region.
	regionVotes [len(hintRegions)]int
	// AddressesWithoutCountry counts the leads whose postal code and city
	// stayed in one cell ("80331 München", "Hauptstr. 1, 80331 München")
	// because their row had no country and no region was given (a hint to
	// give --region); they are among the warnings.
	AddressesWithoutCountry int `json:"addresses_without_country,omitempty"`
	// KeptUnreachable counts the rows kept although they offer no way to
	// reach the person (importer.BuildOptions.KeepUnreachable); they are
	// among the rows not rejected, and their warnings among the warnings.
	KeptUnreachable int `json:"kept_unreachable,omitempty"`
	// Detection tells how the file was read.
	Detection importer.Detection `json:"detected"`
	// MappingWarnings are the findings of the file's column mapping: a
	// mapping-file column the header lacks, no column mapped at all.
	MappingWarnings []string `json:"mapping_warnings,omitempty"`
}

// Summary is the result of an import: the totals at the top level, and the
// same counts per file.
type Summary struct {
	ImportID string `json:"import_id"`
	DryRun   bool   `json:"dry_run"`
	crm.Counts
	Warnings int `json:"warnings"`
	// PhonesWithoutCountry is the files' PhonesWithoutCountry added up.
	PhonesWithoutCountry int `json:"phones_without_country,omitempty"`
	// RegionHint is the region that reads most of those numbers (of DE,
	// AT, CH, PL), the one to suggest for --region; "" when none does.
	RegionHint string `json:"region_hint,omitempty"`
	// RegionHintReads is how many of those numbers RegionHint reads.
	RegionHintReads int `json:"region_hint_reads,omitempty"`
	// AddressesWithoutCountry is the files' AddressesWithoutCountry added up.
	AddressesWithoutCountry int `json:"addresses_without_country,omitempty"`
	// KeptUnreachable is the files' KeptUnreachable added up.
	KeptUnreachable int `json:"kept_unreachable,omitempty"`
	// Written is false when nothing changed and the store was not touched.
	Written bool `json:"written"`
	// EmailFieldsNamed counts the leads of a store written by an older
	// leadpipe whose other e-mail columns this run named for matching,
	// once for the store (NameEmailFields); in a dry run, those it would.
	EmailFieldsNamed int `json:"email_fields_named,omitempty"`
	// Dedupe tells how fuzzy matching went; nil with exact keys.
	Dedupe *DedupeSummary `json:"dedupe,omitempty"`
	Files  []FileSummary  `json:"files"`
}

// NopObserver ignores everything.
type NopObserver struct{}

func (NopObserver) FileStarted(FileInfo)               {}
func (NopObserver) Row(*crm.Outcome, *importer.Record) {}
func (NopObserver) Progress(string, int64, int64)      {}
func (NopObserver) FileDone(FileSummary)               {}

// DedupeSummary reports the work and findings of fuzzy matching.
type DedupeSummary struct {
	dedupe.Stats
	PairsPerRow float64 `json:"candidate_pairs_per_row"`
	// PossibleDuplicates counts created leads flagged for review.
	PossibleDuplicates int `json:"possible_duplicates"`
	// Joined counts leads merged into another because a row merged into
	// one of them made the two match (a store-wide dedupe run's merge,
	// done as the rows come).
	Joined int `json:"joined_leads"`
	// MatchedApart counts rows that scored merge_at with two leads which,
	// after the row's merge, did not match each other: both were kept.
	MatchedApart int `json:"matched_two_kept_apart"`
	// JoinOff says that joining was switched off (dedupe.join: false):
	// AlsoMatched then counts pairs leadpipe dedupe may join.
	JoinOff bool `json:"join_off,omitempty"`
	// Joins lists the joins (the first MaxListedJoins), in the order
	// they were made: a system that keeps lead ids (a CRM the leads were
	// exported to) follows Lead to Into, and on through later entries.
	Joins []Join `json:"joins,omitempty"`
	// JoinedInto maps every lead joined into another (all of them, not
	// only the listed ones) to the lead it was joined into, for the row
	// report to follow.
	JoinedInto map[crm.ID]JoinedInto `json:"-"`
}

// JoinedInto is where a joined lead went: the lead, and the row whose
// merge joined it.
type JoinedInto struct {
	Into crm.ID
	File string
	Row  int
}

// MaxListedJoins bounds DedupeSummary.Joins; Joined counts them all.
const MaxListedJoins = 1000

// Join is one lead an import merged into another (see DedupeSummary).
type Join struct {
	Lead  crm.ID  `json:"lead"`
	Into  crm.ID  `json:"into"`
	Score float64 `json:"score"`
	// File and Row name the row whose merge made the two match.
	File string `json:"file"`
	Row  int    `json:"row"`
}
