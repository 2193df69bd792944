package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/importer"
	"github.com/leadpipe/leadpipe/lifecycle"
	"github.com/leadpipe/leadpipe/pipeline"
	"github.com/leadpipe/leadpipe/report"
	"github.com/leadpipe/leadpipe/scoring"
	"github.com/leadpipe/leadpipe/store"
)

// maxListedRejects caps the rejected rows listed on stderr when no rejects
// file was asked for.
const maxListedRejects = 20

type importOptions struct {
	readOptions
	Files     []string
	Source    string
	DryRun    bool
	Rejects   string
	RowReport string
	Match     string // --match: fuzzy or exact; empty: from the configuration
	// KeepUnreachable: --keep-unreachable, or import: unreachable: keep.
	KeepUnreachable bool
	BatchSize       int // from the configuration file only
}

func newImportCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *importOptions) error) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import [flags] FILE...",
		Short: "Import CSV and XLSX lead lists into the store",
		Long: withExitStatus(`Import reads each FILE (CSV or XLSX), detects its encoding, delimiter, sheet
and header row, maps the columns to lead fields, normalizes every value, and
matches each row against the rows before it and against the store. Every
data row gets exactly one outcome: created, merged, unchanged or rejected.
The counts add up to the rows read.

Matching is fuzzy by default: a row is compared with the leads that share
a blocking key with it, each comparison (e-mail, names with initials and
phonetic codes, company without legal form, phone, place, street, tax id)
adds a weight, and a row scoring merge_at (12) or more is merged into the
best candidate; from review_at (7) it is created and flagged as a possible
duplicate (see leadpipe review, and leads show --explain). When a merge
makes the lead match another lead, the two are joined as leadpipe dedupe
would join them (the older survives; leads unmerge takes it back;
dedupe.join: false switches joining off). The dedupe section of
leadpipe.yaml holds the rules; --match exact matches on exact keys only.

A row is rejected only when it offers no way to reach the person (no valid
e-mail, phone or postal address, and no name plus company), when it is
structurally broken, or when it is an erased person's (leadpipe erase).
--rejects writes such rows with their original columns plus leadpipe_row
and leadpipe_reason, so that the file can be corrected and imported again
as it is; inputs whose columns differ get a file each (rejects.csv gives
rejects-fair.csv, rejects-web.csv), and in a run of several inputs the
file at the path given names each row's input in a leadpipe_file column. A structurally
broken row imported again uncorrected is rejected again (empty its
leadpipe_reason when it is right as it stands). Without --rejects they are listed on
standard error. --row-report writes one line per input row:
file,row,outcome,lead_id,reason (a row's warnings, field and cause, end
its reason).

--keep-unreachable (import: unreachable: keep in leadpipe.yaml) imports the
rows with no way to reach the person that have a name or a company, as
leads with a warning, instead of rejecting them: for lists kept for
matching rather than for contact, such as a registry of people or firms.

A CSV row with a quote that opens a field and is not closed on its line is
rejected (malformed quoting), and the rows after it are read as rows. An
XLSX workbook is read from its first visible sheet whose header names lead
fields (--sheet picks another); import warns when another sheet has lead
columns too.

A file without a header row (its first row holds an e-mail address or a
phone number, and no known column titles) is refused until a mapping file
(--map) names its columns "Column 1", "Column 2", ...: leadpipe inspect
lists them.

Importing the same file again changes nothing: every row is unchanged and
the store is not written. A store an older leadpipe wrote is written once
more: the first import (or dedupe) names its leads' other e-mail columns,
such as E-mail 2, so that rows match on them.`),
		Example: `  leadpipe import --source messe-2026 --rejects rejects.csv fair.csv
  leadpipe import --dry-run --row-report rows.csv web-export.xlsx
  leadpipe import --json --no-progress nightly/*.csv`,
		Args: minArgs(1, "import needs at least one FILE"),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if err := opts.complete(c, g); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runImport(c.Context(), g, ios, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Source, "source", "", "source `S` for rows whose file has no source column or an empty one (e.g. messe-2026)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "do everything but write to the store")
	f.StringVar(&opts.Rejects, "rejects", "", "write rejected rows to `FILE`, ready to correct and import again")
	f.StringVar(&opts.RowReport, "row-report", "", "write the outcome of every row to `FILE` (CSV)")
	f.StringVar(&opts.Match, "match", "", "how rows find their lead: `fuzzy` (weighted comparisons, the default) or exact (same e-mail; same phone and last name; same name, company and place); default from the dedupe section of the configuration")
	f.BoolVar(&opts.KeepUnreachable, "keep-unreachable", false, "import rows that offer no way to reach the person but have a name or a company, with a warning, instead of rejecting them")
	opts.readOptions.bind(f)
	return cmd
}

// complete applies the configuration file to the flags not given.
func (o *importOptions) complete(c *cobra.Command, g *globalOptions) error {
	if err := o.readOptions.complete(c.Flags(), g.Config); err != nil {
		return err
	}
	if !c.Flags().Changed("source") {
		o.Source = g.Config.Import.Source
	}
	o.BatchSize = g.Config.Import.BatchSize
	if !c.Flags().Changed("keep-unreachable") {
		o.KeepUnreachable = g.Config.Import.Unreachable == "keep"
	}
	switch dedupe.Mode(o.Match) {
	case "", dedupe.ModeFuzzy, dedupe.ModeExact:
	default:
		return usageErrorf("--match must be fuzzy or exact, not %q", o.Match)
	}
	return nil
}

// importBuildOptions are the read options' build options plus the
// import's own.
func (o *importOptions) importBuildOptions() importer.BuildOptions {
	b := o.buildOptions(o.Source)
	b.KeepUnreachable = o.KeepUnreachable
	return b
}

// fuzzyMemoryLimit is the soft memory limit of a fuzzy import: the
// candidate index holds every stored lead and every new row (about 550
// bytes each with its blocking keys), and a limit below that live set
// would keep the collector running without pause. A million new rows get
// about 770 MiB; no limit is below 700 MiB (800 MiB before: the same
// speed, 50 MB more peak RSS at a million rows).
func fuzzyMemoryLimit(st crm.Store, files []string) int64 {
	leads := int64(0)
	if last, err := st.LastID(); err == nil {
		leads = int64(last)
	}
	for _, f := range files {
		leads += estimateRows(f)
	}
	return max(700<<20, 250<<20+550*leads)
}

// rowSample is how much of a CSV file estimateRows reads.
const rowSample = 1 << 20

// estimateRows judges the rows a file holds. A workbook, a pipe, or a
// file that cannot be read, counts 200 bytes a row. A CSV file counts by the record
// ends (line breaks outside quotes) in its first MiB: a CRM export with
// 5 KB of notes per row had been taken for 25 times its rows, which
// raised the limit past 1.7 GB and let the heap grow to it.
func estimateRows(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	size := fi.Size()
	if !fi.Mode().IsRegular() {
		// A pipe (leadpipe import /dev/stdin) is read once, by the import.
		return size / 200
	}
	f, err := os.Open(path)
	if err != nil {
		return size / 200
	}
	defer f.Close()
	buf := make([]byte, min(size, rowSample))
	n, _ := io.ReadFull(f, buf)
	buf = buf[:n]
	if n == 0 || bytes.HasPrefix(buf, []byte("PK\x03\x04")) {
		return size / 200
	}
	records, quoted := int64(0), false
	for _, c := range buf {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			records++
		}
	}
	if int64(n) == size {
		return records + 1
	}
	return size * max(records, 1) / int64(n)
}

// matcher returns the fuzzy matcher, or nil for exact keys.
func (o *importOptions) matcher(cfg dedupe.Config) *dedupe.Matcher {
	mode := cfg.Mode
	if o.Match != "" {
		mode = dedupe.Mode(o.Match)
	}
	if mode == dedupe.ModeExact {
		return nil
	}
	return dedupe.NewMatcher(cfg)
}

func runImport(ctx context.Context, g *globalOptions, ios *IOStreams, opts *importOptions) (err error) {
	// Check the inputs before touching the store, so that a typo in a file
	// name creates nothing.
	for _, f := range opts.Files {
		if info, err := os.Stat(f); err != nil {
			return fmt.Errorf("import %s: %w", f, errors.Unwrap(err))
		} else if info.IsDir() {
			return fmt.Errorf("import %s: is a directory", f)
		} else if opts.DryRun && opts.Rejects != "" {
			// A dry run imports nothing: its rejects file must not
			// replace the corrected rows of the file it read.
			if r, err := os.Stat(opts.Rejects); err == nil && os.SameFile(info, r) {
				return usageErrorf("--rejects %s is an input of this run: a dry run would replace it with the rows it rejects, and import the others nowhere; name another file", opts.Rejects)
			}
		}
	}
	mf, err := opts.loadMap()
	if err != nil {
		return err
	}

	obs := &importObserver{listRejects: opts.Rejects == "" && (!g.Quiet || g.JSON)}
	if opts.RowReport != "" {
		if obs.rows, err = report.NewRowReportWriter(opts.RowReport); err != nil {
			return err
		}
		defer obs.rows.Abort()
	}
	if opts.Rejects != "" {
		if obs.rejects, err = report.NewRejectsWriter(opts.Rejects); err != nil {
			return err
		}
		defer obs.rejects.Abort()
	}

	st, closeStore, err := openImportStore(g, opts.DryRun)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeStore(); err == nil {
			err = cerr
		}
	}()

	match := opts.matcher(g.Dedupe)
	if match != nil {
		setMemoryLimit(fuzzyMemoryLimit(st, opts.Files))
	}

	observer := pipeline.Observer(obs)
	if showProgress(g.Quiet, g.JSON, g.NoProgress, ios.IsStderrTTY()) {
		bar := newProgressObserver(ios.ErrOut)
		defer bar.close()
		observer = multiObserver{bar, obs}
	}

	sc := g.scorer("import")
	sum, err := pipeline.Import(ctx, st, pipeline.ImportOptions{
		Files:        opts.Files,
		Reader:       opts.readerOptions(),
		Build:        opts.importBuildOptions(),
		MapFile:      mf,
		DryRun:       opts.DryRun,
		BatchSize:    opts.BatchSize,
		Score:        sc.score,
		Match:        match,
		Guards:       &g.Dedupe.Guards,
		CreateErased: g.Config.Import.Erased == "create",
	}, observer)
	defer sc.warn(ios.ErrOut, g.Quiet)
	if err != nil && (sum == nil || !(sum.Written || errors.Is(err, context.Canceled))) {
		// Nothing was committed: leave no reports behind either.
		return err
	}
	// Whatever was committed is reported, even when the run stopped early.
	res := &importResult{Summary: sum, RejectsGiven: opts.Rejects != ""}
	if rerr := obs.finish(res); rerr != nil {
		return errors.Join(err, rerr)
	}
	if g.JSON {
		// One JSON document on stdout: the rows go in it, not on stderr.
		res.RejectedRows, res.RejectedRowsMore = obs.rejectedRows, obs.unlisted
	} else {
		obs.printListed(ios.ErrOut)
	}
	if !g.Quiet || g.JSON {
		if perr := presenterFor(g.JSON, ios.Out, writeImportText).present(res); perr != nil {
			return errors.Join(err, perr)
		}
	}
	if err != nil {
		return err
	}
	if sum.Rejected > 0 {
		return errRowsRejected
	}
	return nil
}

// scorer returns the scorer of a command that creates or changes leads.
func (g *globalOptions) scorer(by string) *importScorer {
	return &importScorer{eng: g.Scoring, m: g.Lifecycle, by: by}
}

// importScorer scores the leads an import creates or changes, then lets
// the sync rules move their stage (a hot grade reaches MQL).
type importScorer struct {
	eng *scoring.Engine
	m   *lifecycle.Machine
	// by names the command in the history entries ("import", "dedupe", ...).
	by string
	// failed counts the leads a rule could not be evaluated for; first is
	// the first such error (positions and rule names, no lead data).
	failed int
	first  error
}

func (s *importScorer) score(l *crm.Lead, now time.Time) {
	if s.eng != nil {
		if _, err := s.eng.Apply(l, now, s.by); err != nil {
			if s.failed++; s.first == nil {
				s.first = err
			}
		}
	}
	if s.m != nil {
		s.m.Sync(l, s.by, now)
	}
}

// warn says on stderr that some rules could not be evaluated: those leads
// were scored without them.
func (s *importScorer) warn(w io.Writer, quiet bool) {
	if s.failed == 0 || quiet {
		return
	}
	fmt.Fprintf(w, "warning: %s scored without a rule that could not be evaluated, e.g. %v\n", plural(s.failed, "lead", "leads"), s.first)
}

// openImportStore opens the store for writing. A dry run reads an
// existing store under a shared lock and never creates one: without a store
// it matches against an empty one in a temporary directory.
func openImportStore(g *globalOptions, dryRun bool) (crm.Store, func() error, error) {
	if !dryRun {
		db, err := g.openStore(false)
		if err != nil {
			return nil, nil, err
		}
		return db, db.Close, nil
	}
	if _, err := os.Stat(g.StorePath); err == nil {
		db, err := g.openStore(true)
		if err != nil {
			return nil, nil, err
		}
		return db, db.Close, nil
	}
	dir, err := os.MkdirTemp("", "leadpipe-dry-run-")
	if err != nil {
		return nil, nil, fmt.Errorf("dry run: %w", err)
	}
	db, err := store.Open(filepath.Join(dir, "empty.db"), store.Options{Timeout: g.LockTimeout})
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return db, func() error {
		err := db.Close()
		os.RemoveAll(dir)
		return err
	}, nil
}

// importObserver writes the rejects file and the row report as the rows
// come, and collects the rejected rows to list on stderr.
type importObserver struct {
	rejects      *report.RejectsWriter
	rows         *report.RowReportWriter
	listRejects  bool
	listed       []string
	rejectedRows []rejectedRow
	unlisted     int
	// err is the first failure to write a report. The import goes on (its
	// rows are committed either way) and the run fails at the end.
	err error
}

func (o *importObserver) keep(err error) {
	if err != nil && o.err == nil {
		o.err = err
	}
}

func (o *importObserver) FileStarted(f pipeline.FileInfo) {
	if o.rejects != nil {
		o.rejects.StartFile(f.Name, f.Header, f.Detection.Delimiter)
	}
}

func (o *importObserver) Row(out *crm.Outcome, rec *importer.Record) {
	if o.rows != nil {
		o.keep(o.rows.Write(out))
	}
	if out.Kind != crm.Rejected {
		return
	}
	switch {
	case o.rejects != nil:
		var fields []string
		shifted := false
		if rec != nil {
			fields = rec.Fields
			shifted = errors.Is(rec.Err, crm.ErrFieldCount)
		}
		o.keep(o.rejects.Write(out.Row, fields, out.Reason, shifted))
	case o.listRejects && len(o.listed) < maxListedRejects:
		// File, row, field and cause: never the value.
		o.listed = append(o.listed, fmt.Sprintf("%s row %d: %s", out.File, out.Row, out.Reason))
		o.rejectedRows = append(o.rejectedRows, rejectedRow{File: out.File, Row: out.Row, Reason: out.Reason})
	case o.listRejects:
		o.unlisted++
	}
}

func (o *importObserver) Progress(string, int64, int64) {}
func (o *importObserver) FileDone(pipeline.FileSummary) {}

// finish completes the report files and records their names in res.
func (o *importObserver) finish(res *importResult) error {
	if o.err != nil {
		return o.err
	}
	if o.rows != nil {
		// Rows reported under a lead a later row joined into another
		// name the lead they ended in.
		var moved map[crm.ID]report.Moved
		if res.Summary != nil && res.Summary.Dedupe != nil && len(res.Summary.Dedupe.JoinedInto) > 0 {
			moved = make(map[crm.ID]report.Moved, len(res.Summary.Dedupe.JoinedInto))
			for id, j := range res.Summary.Dedupe.JoinedInto {
				moved[id] = report.Moved{Into: j.Into, Note: fmt.Sprintf("lead %s joined into %s by %s row %d", id, j.Into, j.File, j.Row)}
			}
		}
		if err := o.rows.CloseFollowing(moved); err != nil {
			return err
		}
		res.RowReport = o.rows.Path()
	}
	if o.rejects != nil {
		paths, err := o.rejects.Close()
		if err != nil {
			return err
		}
		res.RejectsFiles = paths
	}
	return nil
}

func (o *importObserver) printListed(w io.Writer) {
	if len(o.listed) == 0 {
		return
	}
	fmt.Fprintln(w, "rejected rows:")
	for _, l := range o.listed {
		fmt.Fprintf(w, "  %s\n", l)
	}
	if o.unlisted > 0 {
		fmt.Fprintf(w, "  and %s more (use --rejects FILE)\n", group(o.unlisted))
	}
}

// rejectedRow is one rejected row in --json output: file, row and reason
// (field and cause, never the value).
type rejectedRow struct {
	File   string `json:"file"`
	Row    int    `json:"row"`
	Reason string `json:"reason"`
}

// importResult is what the import command shows: the pipeline's summary and
// where the report files went.
type importResult struct {
	*pipeline.Summary
	RejectsFiles []string `json:"rejects_files,omitempty"`
	RowReport    string   `json:"row_report,omitempty"`
	// Without --rejects, --json lists the first rejected rows here (on
	// stderr without --json), and how many more there were.
	RejectedRows     []rejectedRow `json:"rejected_rows,omitempty"`
	RejectedRowsMore int           `json:"rejected_rows_more,omitempty"`

	RejectsGiven bool `json:"-"`
}

// writeImportText prints the human summary of an import:
//
//	import 20261123T101500Z-3f2a: 3 files, 1,204 rows
//	  created    1,100
//	  merged        80
//	  unchanged     20
//	  rejected       4  (see rejects.csv)
//	fair.csv (windows-1252, ';'): 400 rows: 380 created, 15 merged, 3 unchanged, 2 rejected
func writeImportText(w io.Writer, r *importResult) error {
	s := r.Summary
	var b strings.Builder
	fmt.Fprintf(&b, "import %s: %s, %s\n", s.ImportID, plural(len(s.Files), "file", "files"), plural(s.Rows, "row", "rows"))
	width := len(group(s.Rows))
	line := func(name string, n int, note string) {
		fmt.Fprintf(&b, "  %-9s %*s%s\n", name, width, group(n), note)
	}
	line("created", s.Created, "")
	line("merged", s.Merged, "")
	line("unchanged", s.Unchanged, "")
	line("rejected", s.Rejected, rejectsNote(r))
	for _, f := range s.Files {
		fmt.Fprintf(&b, "%s (%s): %s: %s created, %s merged, %s unchanged, %s rejected\n",
			f.File, describeDetection(f.Detection), plural(f.Rows, "row", "rows"),
			group(f.Created), group(f.Merged), group(f.Unchanged), group(f.Rejected))
		for _, warn := range slices.Concat(f.Detection.Warnings, f.MappingWarnings) {
			fmt.Fprintf(&b, "  warning: %s\n", warn)
		}
	}
	if s.Warnings > 0 {
		fmt.Fprintf(&b, "%s kept on the leads (see leadpipe leads show ID)\n", plural(s.Warnings, "warning", "warnings"))
	}
	if d := s.Dedupe; d != nil {
		if n := d.PossibleDuplicates; n > 0 {
			fmt.Fprintf(&b, "%s flagged as possible duplicates: leadpipe review export FILE lists them side by side\n", plural(n, "created lead", "created leads"))
		}
		if n := d.Oversized; n > 0 {
			fmt.Fprintf(&b, "blocks larger than max_block met %s and skipped: their leads were not compared (see dedupe.max_block)\n", plural(int(n), "time", "times"))
		}
		if n := d.Joined; n > 0 {
			fmt.Fprintf(&b, "%s joined into another: a row merged into one made the two match (leadpipe leads unmerge ID takes a join back)\n", plural(n, "lead", "leads"))
		}
		if n := d.MatchedApart; n > 0 {
			fmt.Fprintf(&b, "hint: %s matched two leads at once that do not match each other, so both were kept: leadpipe leads show ID --explain shows each row's match\n", plural(n, "row", "rows"))
		}
		if n := d.AlsoMatched; n > 0 && d.JoinOff {
			fmt.Fprintf(&b, "hint: %s matched two leads at once, which may be one person (dedupe.join is off): leadpipe dedupe --dry-run shows whether it would join them\n", plural(int(n), "row", "rows"))
		}
	}
	if n := s.PhonesWithoutCountry; n > 0 {
		advice := "--region (for example --region DE) reads them"
		switch r := s.RegionHintReads; {
		case r == n:
			advice = "--region " + s.RegionHint + " reads them"
		case r > 0:
			advice = fmt.Sprintf("--region %s reads %d of them", s.RegionHint, r)
		}
		fmt.Fprintf(&b, "hint: %s without a country code, in rows without a country, kept unread as raw values: %s\n",
			plural(n, "phone number", "phone numbers"), advice)
	}
	if n := s.AddressesWithoutCountry; n > 0 {
		example := "(for example --region DE)"
		if s.RegionHint != "" {
			example = s.RegionHint // the region that reads the file's phone numbers
		}
		fmt.Fprintf(&b, "hint: %s with the postal code and city in one cell, in rows without a country, not split into postal code and city: "+
			"--region %s splits them\n", plural(n, "address", "addresses"), example)
	}
	if n := s.KeptUnreachable; n > 0 {
		fmt.Fprintf(&b, "%s without a way to reach the person kept as asked (--keep-unreachable)\n", plural(n, "row", "rows"))
	}
	if n := s.EmailFieldsNamed; n > 0 {
		b.WriteString(emailFieldsNote(n, s.DryRun))
	}
	if r.RowReport != "" {
		fmt.Fprintf(&b, "row report: %s\n", r.RowReport)
	}
	switch {
	case s.DryRun:
		b.WriteString("dry run: nothing written to the store\n")
	case !s.Written:
		b.WriteString("nothing new: the store was not changed\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// emailFieldsNote says that the leads an older leadpipe stored had their
// other e-mail columns named (pipeline.NameEmailFields), or would have.
func emailFieldsNote(n int, dryRun bool) string {
	if dryRun {
		return fmt.Sprintf("would name the other e-mail columns (E-mail 2, ...) of %s stored by an older leadpipe, for matching; the first run that writes does it, once\n", plural(n, "lead", "leads"))
	}
	return fmt.Sprintf("named the other e-mail columns (E-mail 2, ...) of %s stored by an older leadpipe, for matching (once)\n", plural(n, "lead", "leads"))
}

func rejectsNote(r *importResult) string {
	switch {
	case r.Rejected == 0:
		return ""
	case len(r.RejectsFiles) == 1:
		return "  (see " + r.RejectsFiles[0] + ")"
	case len(r.RejectsFiles) > 1:
		return "  (see " + strings.Join(r.RejectsFiles, ", ") + ": one file per input, as their columns differ)"
	}
	return "  (listed on standard error)"
}

// describeDetection says briefly how a file was read: "windows-1252, ';'"
// or "xlsx, sheet Leads".
func describeDetection(d importer.Detection) string {
	if d.Format == "xlsx" {
		if d.Sheet != "" {
			return "xlsx, sheet " + d.Sheet
		}
		return "xlsx"
	}
	parts := []string{}
	if d.Encoding != "" {
		parts = append(parts, d.Encoding)
	}
	if d.Delimiter != "" {
		parts = append(parts, quoteDelimiter(d.Delimiter))
	}
	if len(parts) == 0 {
		return d.Format
	}
	return strings.Join(parts, ", ")
}

func quoteDelimiter(d string) string {
	if d == "\t" {
		return "tab"
	}
	return "'" + d + "'"
}

// group writes n with thousands separators: 1,204.
func group(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return group(n) + " " + many
}

// writeJSON writes v as the one JSON document of the run.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Conditions such as budget >= 50000 stay readable: the output is not
	// embedded in HTML.
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
