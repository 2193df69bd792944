package pipeline

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/importer"
	"github.com/leadpipe/leadpipe/normalize"
)

const (
	// defaultBatchSize rows per transaction: measured on 1M rows, 4,000
	// beat 10,000 in time (18.9-20.5 s vs 21.1 s for CSV, 31 s vs 51-63 s
	// for XLSX) and in peak RSS (422 vs 466 MB; 433 vs 488-501 MB): two
	// batches of leads live at a time, and the smaller ones keep the heap
	// away from the soft memory limit.
	defaultBatchSize = 4000
	// defaultBatchBytes bounds a batch by the bytes of its rows as well:
	// a CRM export with 5 KB of notes per row made a batch of 4,000 rows
	// 20 MB of cells, held three times over (cells, normalized lead,
	// encoded value) with the batch in flight beside it, and 50 KB cells
	// took 3.5 GB of heap for a 1 GB file. Rows of the usual 100-300
	// bytes never reach it.
	defaultBatchBytes = 16 << 20
	jobSize           = 512     // records per unit of parallel work
	jobBytes          = 2 << 20 // at most this many bytes of cells per unit of work (jobs queue up)
	primeRows         = 1000    // records the builder sees before deciding per-column formats
)

// NewImportID returns a sortable, unique import id such as
// "20261123T101500Z-3f2a9c".
func NewImportID(now time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

// Import reads every file, gives every data row exactly one outcome, and
// commits the created and merged leads in batches of opts.BatchSize rows,
// each batch in one transaction together with the import record. An import
// that changes nothing writes nothing: not even its record. (The first
// import into a store an older leadpipe wrote names its leads' e-mail
// fields first, in transactions of their own: NameEmailFields.)
//
// A failure to open any file is reported before anything is written. When
// ctx is cancelled, the rows processed so far are committed and ctx's error
// is returned.
func Import(ctx context.Context, st crm.Store, opts ImportOptions, obs Observer) (*Summary, error) {
	if obs == nil {
		obs = NopObserver{}
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = defaultBatchSize
	}
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = defaultBatchBytes
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	now := time.Now
	if opts.Build.Now != nil {
		now = opts.Build.Now
	} else {
		opts.Build.Now = now
	}
	started := now()
	importID := ""
	if opts.NewImportID != nil {
		importID = opts.NewImportID()
	} else {
		importID = NewImportID(started)
	}

	// Open every file first: a missing or unreadable file fails the run
	// before anything is written.
	files := make([]*inputFile, 0, len(opts.Files))
	defer func() {
		for _, f := range files {
			f.close()
		}
	}()
	for _, path := range opts.Files {
		f, err := openInput(path, opts)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}

	// A store an older leadpipe wrote: its leads' other e-mail columns
	// become match keys before the first row is matched.
	st, upgrade, err := NameEmailFields(st, opts.DryRun)
	if err != nil {
		return nil, err
	}
	im, err := newRun(st, importID, started, opts)
	if err != nil {
		return nil, err
	}
	im.now = now
	for _, f := range files {
		im.record.Files = append(im.record.Files, crm.ImportFile{Name: f.name})
	}

	sum := &Summary{ImportID: importID, DryRun: opts.DryRun, EmailFieldsNamed: upgrade.Leads}
	var votes [len(hintRegions)]int
	defer func() { sum.RegionHint, sum.RegionHintReads = regionHint(votes) }()
	for i, f := range files {
		fs, err := im.importFile(ctx, i, f, obs)
		sum.Files = append(sum.Files, fs)
		sum.Counts = sum.Counts.Plus(fs.Counts)
		sum.Warnings += fs.Warnings
		sum.PhonesWithoutCountry += fs.PhonesWithoutCountry
		for k, n := range fs.regionVotes {
			votes[k] += n
		}
		sum.AddressesWithoutCountry += fs.AddressesWithoutCountry
		sum.KeptUnreachable += fs.KeptUnreachable
		if err != nil {
			// Commit what was done, so every counted row is accounted for.
			ferr := im.flush(false)
			if werr := im.wait(); ferr == nil {
				ferr = werr
			}
			if ferr != nil {
				if ferr.Error() == err.Error() {
					return sum, err // the same failure again (the disk is still full): say it once
				}
				return sum, errors.Join(err, ferr)
			}
			sum.Written = im.wrote || upgrade.Written
			sum.Dedupe = im.dedupeSummary()
			return sum, err
		}
	}
	if err := im.flush(true); err != nil {
		return sum, err
	}
	if !im.wrote && !opts.DryRun {
		// Nothing changed, so the store file stays as it was; the run is
		// still recorded, in the journal beside it.
		rec := im.record
		rec.Counts = sum.Counts
		rec.Done, rec.FinishedAt = true, im.now().UTC()
		if err := st.RecordNothingNew(rec); err != nil {
			return sum, err
		}
	}
	sum.Written = im.wrote || upgrade.Written
	sum.Dedupe = im.dedupeSummary()
	return sum, nil
}

// inputFile is an opened input with its mapping and builder.
type inputFile struct {
	name    string
	reader  importer.Reader
	mapping *importer.Mapping
	builder *importer.Builder
	// digest is computed concurrently with the import.
	digest chan fileDigest
}

type fileDigest struct {
	size int64
	sum  string
	err  error
}

func openInput(path string, opts ImportOptions) (*inputFile, error) {
	ro := opts.Reader
	ro.Map = opts.MapFile // a sheet the mapping file names is a lead sheet
	r, err := importer.Open(path, ro)
	if err != nil {
		return nil, err
	}
	m, err := importer.NewMapping(r.Header(), opts.MapFile)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if err := importer.CheckHeaderless(r.Detection(), m); err != nil {
		r.Close()
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	bo := opts.Build
	bo.Delimiter = r.Detection().Delimiter
	f := &inputFile{name: path, reader: r, mapping: m, builder: importer.NewBuilder(m, bo), digest: make(chan fileDigest, 1)}
	go func() { f.digest <- digestFile(path) }()
	return f, nil
}

func (f *inputFile) close() {
	if f.reader != nil {
		f.reader.Close()
		f.reader = nil
	}
}

func digestFile(path string) fileDigest {
	fh, err := os.Open(path)
	if err != nil {
		return fileDigest{err: err}
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	return fileDigest{size: n, sum: hex.EncodeToString(h.Sum(nil)), err: err}
}

// importRun holds the state of one run: the in-memory match index, the
// leads changed since the last commit, and the import record.
type importRun struct {
	st     crm.Store
	opts   ImportOptions
	now    func() time.Time
	record crm.Import

	// Index loaded from the store at the start; read-only during the run,
	// so that workers may consult storeSigs without locking.
	storeKeys map[uint64]crm.ID
	storeSigs map[uint64]crm.ID
	// Keys added by this run; consulted first. Signatures of rows seen in
	// this run are kept only for leads without keys: the others are found
	// again by their keys.
	runKeys map[uint64]crm.ID
	runSigs map[uint64]crm.ID
	// absorbed holds the signatures of rows that brought nothing new to
	// a lead this run has not changed (yet). Should a later row change
	// the lead, they are stored with it: a re-import must skip them, or
	// it would turn the lead back to what they say.
	absorbed map[crm.ID][]uint64
	// rowSigSets and absorbedSets look up long lists of signatures of
	// the index entries and of absorbed.
	rowSigSets, absorbedSets sigSets

	lastID crm.ID
	// tombSecret and tombs are the tombstones of erased people; nil
	// secret when nobody was erased.
	tombSecret []byte
	tombs      map[crm.Tombstone]bool
	// converted are the read-only leads, to say so when a known row
	// belongs to one.
	converted map[crm.ID]bool
	// fx is the fuzzy candidate index, built from the store when the
	// first row needs it (a re-import whose rows are all known never
	// does); fuzzyHint is the expected number of new leads.
	fx        *dedupe.Index
	fuzzyHint int
	flagged   int
	joined    int    // leads joined into another (join)
	joins     []Join // the first MaxListedJoins of them
	// joinedInto: every joined lead, to the lead it went into.
	joinedInto map[crm.ID]JoinedInto
	apart      int // rows that matched two leads which were not joined
	// inflight is the commit running in the background, if any.
	inflight *commit
	// Leads created or changed since the last commit, and their index entries.
	dirty   map[crm.ID]*crm.Lead
	entries map[crm.ID]*crm.IndexEntry
	// In a dry run nothing is committed, so changed leads stay here.
	rowsSinceFlush int
	// bytesSinceFlush is the size of the cells of those rows (recordBytes).
	bytesSinceFlush int
	wrote           bool
	// failed is the error of a commit that failed: nothing is committed
	// after it, so that the store holds the batches before it and no
	// later one.
	failed error
}

func newRun(st crm.Store, importID string, started time.Time, opts ImportOptions) (*importRun, error) {
	im := &importRun{
		st:           st,
		opts:         opts,
		record:       crm.Import{ID: importID, StartedAt: started.UTC(), Options: describeOptions(opts)},
		storeKeys:    map[uint64]crm.ID{},
		storeSigs:    map[uint64]crm.ID{},
		runKeys:      map[uint64]crm.ID{},
		runSigs:      map[uint64]crm.ID{},
		absorbed:     map[crm.ID][]uint64{},
		rowSigSets:   sigSets{},
		absorbedSets: sigSets{},
		dirty:        map[crm.ID]*crm.Lead{},
		entries:      map[crm.ID]*crm.IndexEntry{},
	}
	var err error
	if im.lastID, err = st.LastID(); err != nil {
		return nil, fmt.Errorf("read store %s: %w", st.Path(), err)
	}
	// Sized up front (a lead has about three keys and one signature): a
	// map that grows by doubling leaves its old tables behind as garbage.
	if im.tombSecret, im.tombs, err = st.Tombstones(); err != nil {
		return nil, fmt.Errorf("read store %s: %w", st.Path(), err)
	}
	if im.converted, err = st.ConvertedLeads(); err != nil {
		return nil, fmt.Errorf("read store %s: %w", st.Path(), err)
	}
	n := int(min(im.lastID, 50_000_000))
	fuzzy := opts.Match != nil
	if !fuzzy {
		im.storeKeys = make(map[uint64]crm.ID, 3*n)
	}
	im.storeSigs = make(map[uint64]crm.ID, n+n/4)
	err = st.ForEachIndex(func(e crm.IndexEntry) error {
		if !fuzzy {
			for _, k := range e.Keys {
				im.storeKeys[k] = e.ID
			}
		}
		for _, s := range e.RowSigs {
			im.storeSigs[s] = e.ID
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read store index %s: %w", st.Path(), err)
	}
	return im, nil
}

func describeOptions(o ImportOptions) []string {
	var d []string
	add := func(k, v string) {
		if v != "" {
			d = append(d, k+"="+v)
		}
	}
	add("source", o.Build.Source)
	add("region", o.Build.Region)
	add("date_order", o.Build.DateOrder)
	add("encoding", o.Reader.Encoding)
	add("delimiter", o.Reader.Delimiter)
	add("sheet", o.Reader.Sheet)
	if o.MapFile != nil {
		d = append(d, "map")
	}
	// The options that change what becomes of a row are listed too, so
	// that imports list tells why two runs of one file ended apart.
	if o.Match == nil {
		d = append(d, "match=exact")
	}
	if o.Build.KeepUnreachable {
		d = append(d, "keep_unreachable")
	}
	if o.CreateErased {
		d = append(d, "erased=create")
	}
	if o.DryRun {
		d = append(d, "dry_run")
	}
	return d
}

// job is a slice of records normalized by a worker.
type job struct {
	recs     []importer.Record
	sigs     []uint64
	leads    []*crm.Lead     // nil where known or rejected
	keys     [][]dedupe.Key  // exact match keys of leads[i], computed by the worker
	frecs    []dedupe.Record // fuzzy mode: the matching view of leads[i]
	bkeys    [][]uint64      // fuzzy mode: its blocking keys
	errs     []error         // rejection causes
	known    []crm.ID        // lead that already absorbed the row (store signature)
	progress int64
	total    int64
	err      error // the file cannot be read further
	done     chan struct{}
}

func (im *importRun) importFile(ctx context.Context, idx int, f *inputFile, obs Observer) (FileSummary, error) {
	fs := FileSummary{File: f.name, Detection: f.reader.Detection(), MappingWarnings: f.mapping.Warnings}
	obs.FileStarted(FileInfo{Name: f.name, Detection: fs.Detection, Header: f.reader.Header(), Mapping: f.mapping})

	// Prime the builder with the first records (per-column date order).
	var head []importer.Record
	var headErr error
	for len(head) < primeRows {
		rec, err := f.reader.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			headErr = err
			break
		}
		head = append(head, rec)
	}
	f.builder.Prime(head)
	im.presize(head, f)

	work := make(chan *job)
	order := make(chan *job, 2*im.opts.Workers+2)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range im.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				im.normalize(f.builder, j)
				close(j.done)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(work)
		send := func(j *job) bool {
			select {
			case order <- j:
			case <-stop:
				return false
			}
			if len(j.recs) == 0 {
				// Nothing to normalize: a job that only carries the end of
				// the file or its error.
				close(j.done)
				return true
			}
			select {
			case work <- j:
				return true
			case <-stop:
				close(j.done)
				return false
			}
		}
		newJob := func() *job { return &job{recs: make([]importer.Record, 0, jobSize), done: make(chan struct{})} }
		j := newJob()
		size := 0 // bytes of cells in j
		full := func(rec *importer.Record) bool {
			size += recordBytes(rec)
			if len(j.recs) < jobSize && size < jobBytes {
				return false
			}
			size = 0
			return true
		}
		for _, rec := range head {
			j.recs = append(j.recs, rec)
			if full(&rec) {
				j.progress, j.total = f.reader.Progress()
				if !send(j) {
					return
				}
				j = newJob()
			}
		}
		if headErr != nil {
			j.err = headErr
			send(j)
			return
		}
		if len(head) < primeRows {
			j.progress, j.total = f.reader.Progress()
			send(j)
			return
		}
		for {
			if ctx.Err() != nil {
				j.progress, j.total = f.reader.Progress()
				send(j)
				return
			}
			rec, err := f.reader.Next()
			if err == io.EOF {
				j.progress, j.total = f.reader.Progress()
				send(j)
				return
			}
			if err != nil {
				j.err = err
				send(j)
				return
			}
			j.recs = append(j.recs, rec)
			if full(&rec) {
				j.progress, j.total = f.reader.Progress()
				if !send(j) {
					return
				}
				j = newJob()
			}
		}
	}()
	defer func() {
		close(stop)
		for range order {
		}
		wg.Wait()
	}()

	var fatal error
	lastRow := 0 // spreadsheet row of the last record handled
	for j := range order {
		<-j.done
		if im.opts.Match != nil && im.fx == nil && slices.ContainsFunc(j.leads, func(l *crm.Lead) bool { return l != nil }) {
			if err := im.fuzzyIndex(); err != nil {
				return fs, err
			}
		}
		for i := range j.recs {
			lastRow = j.recs[i].Row
			o := im.sequence(j, i)
			fs.Counts.Add(o.Kind)
			fs.Warnings += len(o.Warnings)
			for _, w := range o.Warnings {
				switch {
				case strings.HasSuffix(w, noCountry):
					fs.PhonesWithoutCountry++
					if l := j.leads[i]; l != nil {
						field, _, _ := strings.Cut(w, ":")
						voteRegion(&fs.regionVotes, l.Raw.Value(field))
					}
				case strings.HasSuffix(w, ": "+importer.WarnAddressNoCountry):
					fs.AddressesWithoutCountry++
				case w == importer.WarnUnreachable:
					fs.KeptUnreachable++
				}
			}
			obs.Row(o, &j.recs[i])
			im.rowsSinceFlush++
			im.bytesSinceFlush += recordBytes(&j.recs[i])
			if im.rowsSinceFlush >= im.opts.BatchSize || im.bytesSinceFlush >= im.opts.BatchBytes {
				im.record.Files[idx].Counts = fs.Counts
				if err := im.flush(false); err != nil {
					return fs, err
				}
			}
		}
		if j.total > 0 || j.progress > 0 {
			obs.Progress(f.name, j.progress, j.total)
		}
		if j.err != nil {
			fatal = j.err
			break
		}
		if err := ctx.Err(); err != nil {
			fatal = err
			break
		}
	}
	im.record.Files[idx].Counts = fs.Counts
	fs.Detection = f.reader.Detection() // what reading the whole file found (skipped footers, ...)
	d := <-f.digest
	if d.err == nil {
		im.record.Files[idx].Size = d.size
		im.record.Files[idx].SHA256 = d.sum
	}
	obs.FileDone(fs)
	if fatal != nil {
		if errors.Is(fatal, context.Canceled) || errors.Is(fatal, context.DeadlineExceeded) {
			return fs, fatal
		}
		return fs, fmt.Errorf("import %s after row %d: %w", f.name, lastRow, fatal)
	}
	return fs, nil
}

// noCountry ends the warning of a phone number that needed a country.
var noCountry = ": " + normalize.ErrPhoneNoCountry.Error()

// hintRegions are the regions the --region hint may suggest, by
// preference where as many numbers are valid in two: a Polish number
// ("601 234 567") is valid in Germany too, read as one that lost its
// trunk 0, while a German one ("030 1234567") is no Polish number.
var hintRegions = [...]string{"PL", "DE", "AT", "CH"}

// voteRegion counts the regions of hintRegions in which the phone cell v,
// left unread for want of a country, is a valid number.
func voteRegion(votes *[len(hintRegions)]int, v string) {
	for k, cc := range hintRegions {
		if _, err := normalize.ParsePhone(v, cc); err == nil {
			votes[k]++
		}
	}
}

// regionHint is the region with the most votes, the first of hintRegions
// on a tie, and its votes; "" when no number was valid in any.
func regionHint(votes [len(hintRegions)]int) (string, int) {
	best := -1
	for k, n := range votes {
		if n > 0 && (best < 0 || n > votes[best]) {
			best = k
		}
	}
	if best < 0 {
		return "", 0
	}
	return hintRegions[best], votes[best]
}

// presize grows the map of this run's keys once, to what the file will
// need: the rows the file holds, judged by the bytes its first rows took,
// times the share of those rows the store has not seen (a re-import adds
// no keys).
func (im *importRun) presize(head []importer.Record, f *inputFile) {
	done, total := f.reader.Progress()
	if len(head) == 0 || done <= 0 || total <= done {
		return
	}
	unseen := 0
	for i := range head {
		if head[i].Err != nil {
			continue
		}
		if _, ok := im.storeSigs[f.builder.Signature(head[i])]; !ok {
			unseen++
		}
	}
	rows := min(int64(len(head))*total/done, 50_000_000)
	if im.opts.Match != nil {
		im.fuzzyHint = int(rows * int64(unseen) / int64(len(head)))
		return // no exact-key maps to grow: the fuzzy index is used
	}
	want := int(3 * rows * int64(unseen) / int64(len(head)))
	if want <= 2*len(im.runKeys)+jobSize {
		return
	}
	m := make(map[uint64]crm.ID, want+len(im.runKeys))
	for k, v := range im.runKeys {
		m[k] = v
	}
	im.runKeys = m
}

// normalize runs on a worker: signatures for every record, and a built
// lead for every record the store has not absorbed already.
func (im *importRun) normalize(b *importer.Builder, j *job) {
	n := len(j.recs)
	j.sigs = make([]uint64, n)
	j.leads = make([]*crm.Lead, n)
	j.errs = make([]error, n)
	j.known = make([]crm.ID, n)
	j.keys = make([][]dedupe.Key, n)
	m := im.opts.Match
	if m != nil {
		j.frecs = make([]dedupe.Record, n)
		j.bkeys = make([][]uint64, n)
	}
	for i := range j.recs {
		rec := &j.recs[i]
		if rec.Err == nil {
			j.sigs[i] = b.Signature(*rec)
			if id, ok := im.storeSigs[j.sigs[i]]; ok {
				j.known[i] = id
				continue
			}
		}
		j.leads[i], j.errs[i] = b.Build(*rec)
		if j.errs[i] == nil && j.leads[i] == nil {
			j.errs[i] = &crm.RowError{File: rec.File, Row: rec.Row, Err: errors.New("no lead built")}
		}
		if j.errs[i] == nil && im.tombSecret != nil {
			if field := im.erased(j.leads[i]); field != "" {
				if !im.opts.CreateErased {
					j.errs[i] = &crm.RowError{File: rec.File, Row: rec.Row, Field: field, Err: crm.ErrErased}
					j.leads[i] = nil
				} else {
					j.leads[i].Warnings = append(j.leads[i].Warnings, field+": this person was erased before; imported again as import: erased: create says")
				}
			}
		}
		if j.errs[i] == nil {
			// Keys depend on the built lead alone: compute them here,
			// off the sequencer.
			j.keys[i] = dedupe.ExactKeys(j.leads[i])
			if m != nil {
				j.frecs[i] = m.Record(j.leads[i])
				j.bkeys[i] = m.BlockKeys(&j.frecs[i])
			}
		}
	}
}

// sequence decides the outcome of record i of job j. It runs on one
// goroutine, in input order, and is the only place that changes the index.
func (im *importRun) sequence(j *job, i int) *crm.Outcome {
	rec := &j.recs[i]
	o := &crm.Outcome{File: rec.File, Row: rec.Row}
	if id := j.known[i]; id != 0 {
		o.Kind, o.LeadID, o.Reason = crm.Unchanged, id, "row already imported"
		if im.converted[id] {
			o.Reason = fmt.Sprintf("row already imported; lead %s is converted, which is read-only", id)
		}
		return o
	}
	if err := j.errs[i]; err != nil {
		o.Kind, o.Err, o.Reason = crm.Rejected, err, reason(err)
		return o
	}
	sig := j.sigs[i]
	nl := j.leads[i]
	o.Warnings = nl.Warnings
	keys := j.keys[i]
	if len(keys) == 0 {
		// Without match keys only the row itself can tell a repeat.
		if id, ok := im.runSigs[sig]; ok {
			o.Kind, o.LeadID, o.Reason = crm.Unchanged, id, "same row as an earlier one"
			return o
		}
	}
	var target crm.ID
	var via string
	var score float64
	alsoMatched := false // a second lead scored merge_at too
	if im.opts.Match != nil {
		also := im.fx.Stats().AlsoMatched
		best, ok := im.fx.Best(&j.frecs[i], j.bkeys[i])
		alsoMatched = im.fx.Stats().AlsoMatched > also
		switch im.opts.Match.Decide(best, ok) {
		case dedupe.Merge:
			target, via, score = best.ID, fmt.Sprintf("match score %.1f", best.Score), best.Score
		case dedupe.Review:
			nl.PossibleDuplicateOf = best.ID
			o.Reason = fmt.Sprintf("possible duplicate of %s, score %.1f", best.ID, best.Score)
			if best.Veto != "" {
				o.Reason += "; kept apart: " + best.Veto
			}
			im.flagged++
		}
	} else {
		var kind dedupe.KeyKind
		var veto string
		if target, kind, veto = im.match(keys, nl); target != 0 {
			via = kind.String()
		} else if veto != "" {
			o.Reason = "kept apart: " + veto
		}
	}
	if target == 0 {
		im.create(nl, keys, sig, j.frecs, j.bkeys, i)
		o.Kind, o.LeadID = crm.Created, nl.ID
		return o
	}
	lead, entry, err := im.load(target)
	// An exact key may name a lead that dedupe merged into another one:
	// the row belongs to the survivor.
	for hops := 0; err == nil && lead.MergedInto != 0 && hops < 8; hops++ {
		target = lead.MergedInto
		lead, entry, err = im.load(target)
	}
	if err != nil {
		// The index names a lead the store cannot give back: treat the
		// row as new rather than lose it, and say so.
		im.create(nl, keys, sig, j.frecs, j.bkeys, i)
		o.Kind, o.LeadID = crm.Created, nl.ID
		o.Warnings = append(slices.Clone(o.Warnings), fmt.Sprintf("matched lead %s could not be read (%v); created a new lead", target, err))
		return o
	}
	o.LeadID = target
	if lead.Status == crm.StatusConverted {
		o.Kind, o.Reason = crm.Unchanged, fmt.Sprintf("%s matches converted lead %s, which is read-only", via, target)
		return o
	}
	at := im.now().UTC()
	if m := im.opts.Match; m != nil {
		// "Müller, Jürgen" in the first-name column: merge the names
		// the way round they match.
		if lr := m.Record(lead); m.Swapped(&j.frecs[i], &lr) {
			nl = dedupe.SwapNames(nl)
		}
	}
	changes := lead.MergeChanges(nl, im.record.ID, "import", at)
	if changes == nil {
		o.Kind, o.Reason = crm.Unchanged, via+": nothing new"
		if _, ok := im.dirty[target]; ok {
			im.addSig(entry, sig)
		} else {
			a := im.absorbed[target]
			im.absorbedSets.add(target, &a, sig)
			im.absorbed[target] = a
		}
		return o
	}
	// Keep what the merge did and what the row said, so that it can be
	// taken back (leads unmerge).
	lead.Merges = append(lead.Merges, crm.MergeRecord{ID: im.record.ID, At: at, By: "import",
		File: rec.File, Row: rec.Row, RowSig: sig, Lead: rowLead(nl), Score: score, Changes: changes})
	changed := make([]string, len(changes))
	for i, c := range changes {
		changed[i] = c.Field
	}
	o.Kind, o.Changed, o.Reason = crm.Merged, changed, via
	im.score(lead)
	im.dirty[target] = lead
	if m := im.opts.Match; m != nil {
		r := m.Record(lead)
		bk := m.BlockKeys(&r)
		im.fx.Put(r, bk)
		var surv crm.ID
		var joined []string
		if m.Config().Join {
			surv, joined = im.join(lead, r, bk, rec.File, rec.Row)
		}
		if alsoMatched && len(joined) == 0 && m.Config().Join {
			im.apart++
		}
		if len(joined) > 0 {
			// The row's reason says where it ended up.
			o.LeadID = surv
			o.Reason += fmt.Sprintf("; joined %s into %s", strings.Join(joined, ", "), surv)
		}
	}
	// The row's keys, and the merged lead's own: a merge can give the
	// lead a key no single row had (a new company at its stored postal
	// code), and later rows must find the lead by it.
	for _, k := range slices.Concat(keys, dedupe.ExactKeys(lead)) {
		if !slices.Contains(entry.Keys, k.Hash) {
			entry.Keys = append(entry.Keys, k.Hash)
		}
		if im.fx == nil {
			im.runKeys[k.Hash] = target
		}
	}
	for _, s := range im.absorbed[target] {
		im.addSig(entry, s)
	}
	im.dropAbsorbed(target)
	im.addSig(entry, sig)
	return o
}

// maxJoins bounds the leads one row's merge joins.
const maxJoins = 3

// maxJoinConflicts is the most fields two leads may disagree in (with a
// negative weight) and still be joined. No row asked for a join: where two
// leads contradict each other in company, phone and address, they are
// more likely two people whom a mistyped value made alike. On the
// generated leads (eval) every join with three conflicts or more joined
// two people whose e-mail addresses a typo had made equal; on the linkage
// sets 3 of 201 joins, all right, had three.
const maxJoinConflicts = 2

// conflicts counts the fields of a comparison that disagree with a
// negative weight.
func conflicts(res dedupe.Result) int {
	n := 0
	for _, f := range res.Fields {
		if f.Level == dedupe.Disagree && f.Weight < 0 {
			n++
		}
	}
	return n
}

// join merges into lead the leads its merge made it match, as a
// store-wide dedupe run would: rows 1 and 3 of one person were created
// apart (one gave the e-mail address, the other the birth date), and row
// 2, merged into the first, brought what the other has. The merged lead
// (r, with blocking keys keys) is compared with its candidates; one at
// merge_at or above that no guard or review keeps apart, and that is not
// converted, is joined with it, the older lead surviving (its id is the
// one people know) and the newer one's non-empty values winning. The join
// is a merge record on the survivor (leads unmerge, import undo take it
// back). It returns the lead the row's lead now lives in and the leads
// merged away, with their scores, as the row's reason names them.
func (im *importRun) join(lead *crm.Lead, r dedupe.Record, keys []uint64, file string, row int) (crm.ID, []string) {
	var joined []string
	m := im.opts.Match
	for range maxJoins {
		best, ok := im.fx.Rescore(&r, keys)
		if m.Decide(best, ok) != dedupe.Merge {
			break
		}
		other, _, err := im.load(best.ID)
		if err != nil || other.MergedInto != 0 || other.Status == crm.StatusConverted {
			break
		}
		if or := m.Record(other); conflicts(m.Explain(&r, &or)) > maxJoinConflicts {
			break
		}
		surv, gone := lead, other
		if other.ID < lead.ID {
			surv, gone = other, lead
		}
		in := gone
		if sr, gr := m.Record(surv), m.Record(gone); m.Swapped(&gr, &sr) {
			in = dedupe.SwapNames(gone)
		}
		at := im.now().UTC()
		hs, hg := len(surv.History), len(gone.History)
		dedupe.MergeLeads(surv, gone, in, im.record.ID, "import", fmt.Sprintf("match score %.1f (joined by an imported row)", best.Score), best.Score, at)
		for _, h := range [][]crm.Change{surv.History[hs:], gone.History[hg:]} {
			for i := range h {
				h[i].ImportID = im.record.ID
			}
		}
		im.score(surv)
		im.dirty[surv.ID], im.dirty[gone.ID] = surv, gone
		// Both leads are written now: the rows that brought them
		// nothing new go with them (see absorbed), or a re-import
		// would merge them again into the joined lead.
		for _, l := range []*crm.Lead{surv, gone} {
			for _, s := range im.absorbed[l.ID] {
				im.addSig(im.entries[l.ID], s)
			}
			im.dropAbsorbed(l.ID)
		}
		im.fx.Remove(gone.ID)
		r = m.Record(surv)
		keys = m.BlockKeys(&r)
		im.fx.Put(r, keys)
		im.joined++
		if im.joinedInto == nil {
			im.joinedInto = map[crm.ID]JoinedInto{}
		}
		im.joinedInto[gone.ID] = JoinedInto{Into: surv.ID, File: file, Row: row}
		if len(im.joins) < MaxListedJoins {
			im.joins = append(im.joins, Join{Lead: gone.ID, Into: surv.ID, Score: best.Score, File: file, Row: row})
		}
		joined = append(joined, fmt.Sprintf("%s (score %.1f)", gone.ID, best.Score))
		lead = surv
	}
	return lead.ID, joined
}

func (im *importRun) dedupeSummary() *DedupeSummary {
	if im.opts.Match == nil {
		return nil
	}
	d := &DedupeSummary{PossibleDuplicates: im.flagged, Joined: im.joined, MatchedApart: im.apart, Joins: im.joins, JoinedInto: im.joinedInto,
		JoinOff: !im.opts.Match.Config().Join}
	if im.fx != nil {
		d.Stats = im.fx.Stats()
		d.PairsPerRow = math.Round(d.Stats.PairsPerRow()*1000) / 1000
	}
	return d
}

// erased names the field by which a lead is a person erased before (their
// e-mail, one of their other addresses, phone or mobile has a tombstone),
// or "".
func (im *importRun) erased(l *crm.Lead) string {
	for _, f := range []struct{ field, kind, v string }{
		{crm.FieldEmail, "email", l.Email}, {crm.FieldPhone, "phone", l.Phone}, {crm.FieldMobile, "phone", l.Mobile},
	} {
		if f.v != "" && im.tombs[crm.TombstoneOf(im.tombSecret, f.kind, f.v)] {
			return f.field
		}
	}
	// The other addresses, and the mailbox of each address where it is
	// written another way than the erased one.
	tomb := func(a string) bool { return a != "" && im.tombs[crm.TombstoneOf(im.tombSecret, "email", a)] }
	if tomb(dedupe.Mailbox(l.Email)) {
		return crm.FieldEmail
	}
	for _, o := range dedupe.OtherEmails(l) {
		if tomb(o) || tomb(dedupe.Mailbox(o)) {
			return crm.FieldEmail
		}
	}
	return ""
}

// fuzzyIndex builds the fuzzy candidate index from every lead of the
// store. It is built when the first row needs matching, before this run
// has changed anything, so the store's leads are all there is.
func (im *importRun) fuzzyIndex() error {
	m := im.opts.Match
	x := dedupe.NewIndex(m, int(im.lastID)+im.fuzzyHint)
	// Decoding the leads and indexing them run side by side: each takes
	// about half of the build (3.7 s each for 900k leads).
	chunks := make(chan []*crm.Lead, 4)
	built := make(chan struct{})
	go func() {
		defer close(built)
		for ls := range chunks {
			for _, l := range ls {
				x.PutLead(l)
			}
		}
	}()
	chunk := make([]*crm.Lead, 0, 1024)
	err := im.st.ForEachLeadFields(func(l *crm.Lead) error {
		if l.MergedInto != 0 {
			return nil // lives on in the lead it was merged into
		}
		if chunk = append(chunk, l); len(chunk) == cap(chunk) {
			chunks <- chunk
			chunk = make([]*crm.Lead, 0, 1024)
		}
		return nil
	})
	chunks <- chunk
	close(chunks)
	<-built
	if err != nil {
		return fmt.Errorf("read store %s for matching: %w", im.st.Path(), err)
	}
	pairs, err := im.st.DistinctPairs()
	if err != nil {
		return fmt.Errorf("read store %s for matching: %w", im.st.Path(), err)
	}
	for _, p := range pairs {
		x.SetDistinct(p[0], p[1])
	}
	im.fx = x
	return nil
}

// recordBytes is the size of a record's cells, which its lead holds
// again normalized and the store's encoding a third time.
func recordBytes(r *importer.Record) int {
	n := 0
	for _, f := range r.Fields {
		n += len(f)
	}
	return n
}

// addSig records that the lead of e has absorbed the row with signature sig.
func (im *importRun) addSig(e *crm.IndexEntry, sig uint64) {
	im.rowSigSets.add(e.ID, &e.RowSigs, sig)
}

// dropAbsorbed forgets the absorbed rows of lead id, which its index
// entry holds now.
func (im *importRun) dropAbsorbed(id crm.ID) {
	delete(im.absorbed, id)
	delete(im.absorbedSets, id)
}

func reason(err error) string {
	var re *crm.RowError
	if errors.As(err, &re) {
		if re.Field != "" {
			return re.Field + ": " + re.Err.Error()
		}
		return re.Err.Error()
	}
	return err.Error()
}

func (im *importRun) match(keys []dedupe.Key, nl *crm.Lead) (crm.ID, dedupe.KeyKind, string) {
	veto := ""
	for _, k := range keys {
		id, ok := im.runKeys[k.Hash]
		if !ok {
			id, ok = im.storeKeys[k.Hash]
		}
		if !ok {
			continue
		}
		// The guards of fuzzy matching hold for exact keys too: a
		// shared key is no reason to merge Werner into Sabine.
		if v := im.exactVeto(id, nl, k); v != "" {
			veto = v
			continue
		}
		return id, k.Kind, ""
	}
	return 0, 0, veto
}

// exactVeto returns the guard (dedupe.ExactVeto) that keeps the row nl
// from the lead id (or the lead it was merged into), or the reason the
// shared key k is no key of one person (dedupe.OtherAddressVeto); "" if
// none or if the lead cannot be read (the caller reports that).
func (im *importRun) exactVeto(id crm.ID, nl *crm.Lead, k dedupe.Key) string {
	lead, _, err := im.load(id)
	for hops := 0; err == nil && lead.MergedInto != 0 && hops < 8; hops++ {
		lead, _, err = im.load(lead.MergedInto)
	}
	if err != nil {
		return ""
	}
	g := dedupe.DefaultConfig().Guards
	if im.opts.Guards != nil {
		g = *im.opts.Guards
	}
	// The key first: one that is no key of one person is the reason,
	// before what else a guard would find.
	if v := dedupe.OtherAddressVeto(nl, lead, k); v != "" {
		return v
	}
	return dedupe.ExactVeto(nl, lead, g)
}

// rowLead is the row's lead as a merge record keeps it: its values, without
// what only a stored lead has.
func rowLead(nl *crm.Lead) *crm.Lead {
	r := *nl
	r.ID, r.Imports, r.History, r.Warnings, r.ScoreRules, r.Merges = 0, nil, nil, nil, nil, nil
	r.Score, r.Grade = 0, ""
	return &r
}

// load returns the current state of a lead and its index entry: from the
// leads changed in this batch, or from the store.
func (im *importRun) load(id crm.ID) (*crm.Lead, *crm.IndexEntry, error) {
	if l, ok := im.dirty[id]; ok {
		return l, im.entries[id], nil
	}
	if c := im.inflight; c != nil {
		if l, ok := c.leads[id]; ok {
			// Being written right now (encoded already; PrepareApply
			// wants the batch's leads left alone until the write has
			// returned): the merge goes into a copy, which the next
			// batch writes.
			// Waiting for the commit instead stalled the matching for
			// half of the import's time (BENCHMARKS.md).
			e := *c.entries[id]
			e.Keys, e.RowSigs = slices.Clone(e.Keys), slices.Clone(e.RowSigs)
			im.entries[id] = &e
			return l.Clone(), &e, nil
		}
	}
	l, e, err := im.st.LeadWithIndex(id)
	if err != nil {
		return nil, nil, err
	}
	e.ID = id
	// Not dirty yet: the caller marks it when the merge changes something.
	im.entries[id] = &e
	return l, &e, nil
}

func (im *importRun) create(l *crm.Lead, keys []dedupe.Key, sig uint64, frecs []dedupe.Record, bkeys [][]uint64, i int) {
	im.lastID++
	now := im.now().UTC()
	l.ID = im.lastID
	l.Status, l.Stage = crm.StatusNew, crm.StageLead
	if l.CreatedAt.IsZero() {
		l.CreatedAt = now
	}
	l.UpdatedAt = now
	l.Imports = []string{im.record.ID}
	im.score(l)
	im.dirty[l.ID] = l
	e := &crm.IndexEntry{ID: l.ID, Keys: dedupe.Hashes(keys), RowSigs: []uint64{sig}}
	im.entries[l.ID] = e
	if im.fx != nil {
		frecs[i].ID = l.ID
		im.fx.Put(frecs[i], bkeys[i])
	} else {
		for _, k := range keys {
			im.runKeys[k.Hash] = l.ID
		}
	}
	if len(keys) == 0 {
		im.runSigs[sig] = l.ID
	}
}

// score runs the Score hook on a created or changed lead and marks the
// history entries it adds with the import's id.
func (im *importRun) score(l *crm.Lead) {
	if im.opts.Score == nil {
		return
	}
	n := len(l.History)
	im.opts.Score(l, im.now().UTC())
	for i := n; i < len(l.History); i++ {
		l.History[i].ImportID = im.record.ID
	}
}

// flush hands the changed leads, with the import record, to a commit that
// runs while the next rows are being matched: reading and normalizing go on
// during the fsync. It encodes the batch (Store.PrepareApply) while the
// previous commit is still running, then waits for that commit and starts
// its own: only one commit is in flight. When final it also waits for its
// own. After a failed commit it writes nothing more and returns that
// failure. In a dry run it only resets the row counter: the changed leads
// stay in memory so that later rows see them.
func (im *importRun) flush(final bool) error {
	im.rowsSinceFlush, im.bytesSinceFlush = 0, 0
	if im.opts.DryRun {
		return nil
	}
	if im.failed != nil {
		return im.failed
	}
	if len(im.dirty) == 0 && !(final && im.wrote) {
		// Nothing changed: leave the store untouched.
		im.entries = map[crm.ID]*crm.IndexEntry{}
		return im.wait()
	}
	// Merges change stored leads spread over the whole store: Scattered
	// keeps their new versions apart instead of rewriting a page of the
	// lead bucket for each of them (BENCHMARKS.md).
	b := &crm.Batch{Leads: make([]*crm.Lead, 0, len(im.dirty)), Index: make([]crm.IndexEntry, 0, len(im.dirty)), Scattered: true}
	for _, l := range im.dirty {
		b.Leads = append(b.Leads, l)
	}
	// The index entries follow the sorted leads: sorting the entries
	// themselves moved 56 bytes per swap (1% of a 1M-row import's CPU).
	slices.SortFunc(b.Leads, func(a, b *crm.Lead) int { return cmpID(a.ID, b.ID) })
	for _, l := range b.Leads {
		b.Index = append(b.Index, *im.entries[l.ID])
	}
	rec := im.record
	rec.Counts = crm.Counts{}
	for _, f := range rec.Files {
		rec.Counts = rec.Counts.Plus(f.Counts)
	}
	if final {
		rec.Done = true
		rec.FinishedAt = im.now().UTC()
	}
	rec.Files = slices.Clone(rec.Files)
	b.Import = &rec
	// Encoded here, while the commit before runs, so that the goroutine
	// that commits only runs transactions (it had become the import's
	// critical path; BENCHMARKS.md).
	write, err := im.st.PrepareApply(b)
	if err != nil {
		perr := fmt.Errorf("commit to store %s: %w (the batches committed before it are kept, nothing after it; the same import run again completes it)", im.st.Path(), err)
		werr := im.wait() // the commit before fails first, if it does
		if im.failed == nil {
			im.failed = perr
		}
		return errors.Join(werr, perr)
	}
	if err := im.wait(); err != nil {
		return err
	}
	c := &commit{leads: im.dirty, entries: im.entries, done: make(chan error, 1)}
	go func() { c.done <- write() }()
	im.inflight = c
	im.wrote = true
	// Sized as the batch before: grown from empty, the two maps were
	// rehashed a dozen times per batch.
	im.dirty = make(map[crm.ID]*crm.Lead, len(c.leads))
	im.entries = make(map[crm.ID]*crm.IndexEntry, len(c.entries))
	if final {
		return im.wait()
	}
	return nil
}

// commit is a batch being written, by the function Store.PrepareApply
// returned, on its own goroutine. Its leads must not be touched until done
// delivers.
type commit struct {
	leads   map[crm.ID]*crm.Lead
	entries map[crm.ID]*crm.IndexEntry // the index entries of leads
	done    chan error
}

// wait waits for the commit in flight, if any.
func (im *importRun) wait() error {
	c := im.inflight
	if c == nil {
		return nil
	}
	im.inflight = nil
	if err := <-c.done; err != nil {
		im.failed = fmt.Errorf("commit to store %s: %w (the batches committed before it are kept, nothing after it; the same import run again completes it)", im.st.Path(), err)
		return im.failed
	}
	return nil
}

func cmpID(a, b crm.ID) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
