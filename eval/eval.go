package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store"
)

// Pairs are the pairwise counts of a clustering against the truth: pairs of
// rows put into one lead (Predicted), pairs of rows of one true entity
// (True), and pairs that are both (Correct).
type Pairs struct {
	Predicted int64 `json:"predicted_pairs"`
	True      int64 `json:"true_pairs"`
	Correct   int64 `json:"correct_pairs"`
}

// Precision is Correct/Predicted: of the pairs merged, how many are one
// entity. It is 1 when nothing was merged (nothing was merged wrongly);
// Predicted says when that is the case.
func (p Pairs) Precision() float64 {
	if p.Predicted == 0 {
		return 1
	}
	return float64(p.Correct) / float64(p.Predicted)
}

// Recall is Correct/True: of the pairs that are one entity, how many were
// merged. It is 1 when the truth has no pairs.
func (p Pairs) Recall() float64 {
	if p.True == 0 {
		return 1
	}
	return float64(p.Correct) / float64(p.True)
}

// F1 is the harmonic mean of precision and recall.
func (p Pairs) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

// CountPairs counts pairs from the contingency table of two labelings of
// the same items, never enumerating pairs, so it is linear in the items: a
// cluster of n items holds n(n-1)/2 pairs, and the pairs both labelings
// agree on are those within each (pred, truth) cell. pred[i] and truth[i]
// label item i; a negative label puts the item in a cluster of its own (a
// rejected row belongs to no lead).
func CountPairs(pred, truth []int) Pairs {
	if len(pred) != len(truth) {
		panic(fmt.Sprintf("CountPairs: %d predicted labels for %d true ones", len(pred), len(truth)))
	}
	type cell struct{ p, t int }
	predN := map[int]int64{}
	trueN := map[int]int64{}
	cells := map[cell]int64{}
	for i, p := range pred {
		t := truth[i]
		if p >= 0 {
			predN[p]++
		}
		if t >= 0 {
			trueN[t]++
		}
		if p >= 0 && t >= 0 {
			cells[cell{p, t}]++
		}
	}
	var out Pairs
	for _, n := range predN {
		out.Predicted += pairsOf(n)
	}
	for _, n := range trueN {
		out.True += pairsOf(n)
	}
	for _, n := range cells {
		out.Correct += pairsOf(n)
	}
	return out
}

func pairsOf(n int64) int64 { return n * (n - 1) / 2 }

// Goal is what a run must reach; a zero bound is not checked.
type Goal struct {
	MinPrecision float64 `json:"min_precision,omitempty"`
	MinRecall    float64 `json:"min_recall,omitempty"`
	MinF1        float64 `json:"min_f1,omitempty"`
}

// The goals: exact leads from the generator are nearly never merged
// wrongly and nearly always found; the linkage sets are harder, and their
// own fields (configured) must help.
var (
	GoalGenerated  = Goal{MinPrecision: 0.999, MinRecall: 0.995}
	GoalDefault    = Goal{MinF1: 0.95}
	GoalConfigured = Goal{MinF1: 0.98}
)

// Missed lists the bounds p does not reach, e.g. "F1 0.512 < 0.95".
func (g Goal) Missed(p Pairs) []string {
	var out []string
	check := func(name string, v, min float64) {
		if min > 0 && v < min {
			out = append(out, fmt.Sprintf("%s %.4f < %g", name, v, min))
		}
	}
	check("precision", p.Precision(), g.MinPrecision)
	check("recall", p.Recall(), g.MinRecall)
	check("F1", p.F1(), g.MinF1)
	return out
}

func (g Goal) String() string {
	var parts []string
	if g.MinPrecision > 0 {
		parts = append(parts, fmt.Sprintf("P>=%g", g.MinPrecision))
	}
	if g.MinRecall > 0 {
		parts = append(parts, fmt.Sprintf("R>=%g", g.MinRecall))
	}
	if g.MinF1 > 0 {
		parts = append(parts, fmt.Sprintf("F1>=%g", g.MinF1))
	}
	return strings.Join(parts, " ")
}

// Variant says how leadpipe is run on a set.
type Variant string

const (
	// Default runs leadpipe without a configuration: the built-in rules.
	Default Variant = "default"
	// Configured runs it with the set's match.yaml (--config), which adds
	// comparisons and blocking keys on the set's own columns.
	Configured Variant = "configured"
)

// Result is the outcome of one run of leadpipe on one data set.
type Result struct {
	Set      string  `json:"set"`
	Variant  Variant `json:"variant"`
	Rows     int     `json:"rows"`
	Rejected int     `json:"rejected"`
	Pairs
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// RecallCeiling is the recall a perfect matcher would reach on the
	// rows leadpipe accepted: what the rejected rows alone cost.
	RecallCeiling float64 `json:"recall_ceiling"`
	Seconds       float64 `json:"seconds"` // the import alone
	// Accepted are the pair counts over the rows leadpipe accepted only:
	// the quality of matching itself, without the rows the import
	// rejected. Goals are checked on all rows; the table shows both.
	Accepted   Pairs   `json:"accepted"`
	AcceptedF1 float64 `json:"accepted_f1"`
	// Outcomes counts the rows by outcome (created, merged, unchanged,
	// rejected); RejectReasons counts the rejected rows by reason. Reasons
	// name fields, never values.
	Outcomes      map[string]int `json:"outcomes,omitempty"`
	RejectReasons map[string]int `json:"reject_reasons,omitempty"`
	Goal          Goal           `json:"goal"`
	Missed        []string       `json:"missed,omitempty"` // goal bounds not reached
	// Err is why the run has no figures (leadpipe failed, the row report
	// does not fit the file); empty when it has them.
	Err string `json:"error,omitempty"`
}

// OK reports whether the run has figures and reaches its goal.
func (r Result) OK() bool { return r.Err == "" && len(r.Missed) == 0 }

// Set is a linkage data set of the corpus: a file, its mapping and match
// rules (eval/testdata/<Testdata>/map.yaml, match.yaml) and a way to read
// the true entity of each record.
type Set struct {
	Name     string // as in -sets and the table
	File     string // relative to the corpus folder
	Testdata string // folder under eval/testdata
	// Region is the country the data is from, passed as --region: the sets
	// have no country column, and phone numbers need one.
	Region string
	// Truth reads the true entity of every record of the file.
	Truth func(corpus string) (*Truth, error)
}

// febrlID is a FEBRL record id: rec-<N>-org or rec-<N>-dup-<k>; N is the
// entity.
var febrlID = regexp.MustCompile(`^rec-(\d+)-(?:org|dup-\d+)$`)

// LinkageSets are the record-linkage sets of the corpus's linkage/ folder
// (see its README). None needs its file rewritten: leadpipe's CSV reader
// trims the spaces after FEBRL's ", " separators (inspect shows the
// trimmed values), and the house_number target joins FEBRL's
// street_number to the street, so every set is imported as it is.
func LinkageSets() []Set {
	febrl := func(name, file string) Set {
		return Set{
			Name: name, File: file, Testdata: "febrl", Region: "AU",
			Truth: func(corpus string) (*Truth, error) {
				return ReadTruth(filepath.Join(corpus, file), "rec_id", func(id string) (string, error) {
					m := febrlID.FindStringSubmatch(id)
					if m == nil {
						return "", fmt.Errorf("rec_id %q is not rec-N-org or rec-N-dup-k", id)
					}
					return m[1], nil
				})
			},
		}
	}
	column := func(file, col string) func(string) (*Truth, error) {
		return func(corpus string) (*Truth, error) {
			return ReadTruth(filepath.Join(corpus, file), col, nil)
		}
	}
	const (
		fake    = "linkage/splink-fake_1000/fake_1000.csv"
		chicago = "linkage/dedupe-csv_example/csv_example_input_with_true_ids.csv"
		patstat = "linkage/dedupe-patstat/patstat_input.csv"
		patref  = "linkage/dedupe-patstat/patstat_reference.csv"
	)
	return []Set{
		febrl("febrl1", "linkage/febrl/dataset1.csv"),
		febrl("febrl2", "linkage/febrl/dataset2.csv"),
		{Name: "fake1000", File: fake, Testdata: "fake1000", Region: "GB", Truth: column(fake, "cluster")},
		{Name: "chicago", File: chicago, Testdata: "chicago", Region: "US", Truth: column(chicago, "True Id")},
		{
			Name: "patstat", File: patstat, Testdata: "patstat", Region: "NL",
			Truth: func(corpus string) (*Truth, error) {
				leuven, err := readLookup(filepath.Join(corpus, patref), "person_id", "leuven_id")
				if err != nil {
					return nil, err
				}
				return ReadTruth(filepath.Join(corpus, patstat), "person_id", lookup(leuven, "person_id"))
			},
		},
	}
}

// Truth is the true entity of every data record of a file, by the
// spreadsheet row the record starts on.
type Truth struct {
	entity  []int32 // by row; -1: no record starts on the row
	Records int
}

// ReadTruth reads the true entity of each record of a CSV file from its
// column col, mapped through key when key is not nil. The first record is
// the header, on row 1; a record's row is the one a spreadsheet shows: the
// line it starts on, less the line breaks inside the quoted fields of the
// records before it. That is how leadpipe numbers rows, and Score checks
// that the row report covers exactly these rows.
func ReadTruth(path, col string, key func(string) (string, error)) (*Truth, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true // FEBRL's ", " separator
	r.ReuseRecord = true
	t := &Truth{}
	ids := map[string]int32{}
	c, extra := -1, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		start, _ := r.FieldPos(0)
		last, _ := r.FieldPos(len(rec) - 1)
		end := last + strings.Count(rec[len(rec)-1], "\n")
		row := start - extra
		extra += end - start
		if c < 0 {
			if row != 1 {
				return nil, fmt.Errorf("%s: the header is on row %d, not row 1", path, row)
			}
			c = indexOf(rec, col)
			if c < 0 {
				return nil, fmt.Errorf("%s: no column %q", path, col)
			}
			continue
		}
		if c >= len(rec) {
			return nil, fmt.Errorf("%s row %d: no %s field", path, row, col)
		}
		v := strings.TrimSpace(rec[c])
		if key != nil {
			if v, err = key(v); err != nil {
				return nil, fmt.Errorf("%s row %d: %w", path, row, err)
			}
		}
		id, ok := ids[v]
		if !ok {
			id = int32(len(ids))
			ids[v] = id
		}
		for len(t.entity) <= row {
			t.entity = append(t.entity, -1)
		}
		t.entity[row] = id
		t.Records++
	}
	return t, nil
}

// indexOf finds a column by its header, spaces around it ignored.
func indexOf(header []string, name string) int {
	return slices.IndexFunc(header, func(h string) bool { return strings.TrimSpace(h) == name })
}

// readLookup reads two columns of a CSV file as a map.
func readLookup(path, from, to string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	fi := indexOf(header, from)
	ti := indexOf(header, to)
	if fi < 0 || ti < 0 {
		return nil, fmt.Errorf("%s: needs the columns %s and %s", path, from, to)
	}
	m := map[string]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if fi < len(rec) && ti < len(rec) {
			m[strings.TrimSpace(rec[fi])] = strings.TrimSpace(rec[ti])
		}
	}
}

func lookup(m map[string]string, what string) func(string) (string, error) {
	return func(k string) (string, error) {
		v, ok := m[k]
		if !ok {
			return "", fmt.Errorf("%s %q is not in the truth file", what, k)
		}
		return v, nil
	}
}

// ReportRow is one line of leadpipe's row report.
type ReportRow struct {
	Row     int
	Outcome string
	LeadID  string // empty for a rejected row
	Reason  string
}

// ReadRowReport reads a row report (file,row,outcome,lead_id,reason).
func ReadRowReport(path string) ([]ReportRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("row report %s: header: %w", path, err)
	}
	if strings.Join(header, ",") != "file,row,outcome,lead_id,reason" {
		return nil, fmt.Errorf("row report %s: header is %q, want file,row,outcome,lead_id,reason", path, strings.Join(header, ","))
	}
	var rows []ReportRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("row report %s: %w", path, err)
		}
		n, err := strconv.Atoi(rec[1])
		if err != nil {
			return nil, fmt.Errorf("row report %s: row %q is not a number", path, rec[1])
		}
		rows = append(rows, ReportRow{Row: n, Outcome: rec[2], LeadID: rec[3], Reason: rec[4]})
	}
}

// Survivors replaces, in rows, each lead that was merged into another
// (an import joins two leads when a row merged into one makes them match;
// the row report names the lead as it was then) by the lead it lives on
// in, read from the store at path.
func Survivors(path string, rows []ReportRow) error {
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	final := map[string]string{}
	for i, r := range rows {
		if r.LeadID == "" {
			continue
		}
		if f, ok := final[r.LeadID]; ok {
			rows[i].LeadID = f
			continue
		}
		id, err := crm.ParseID(r.LeadID)
		if err != nil {
			return fmt.Errorf("row report: row %d: %w", r.Row, err)
		}
		for hops := 0; ; hops++ {
			l, err := db.Lead(id)
			if err != nil {
				return fmt.Errorf("row report: row %d: lead %s: %w", r.Row, id, err)
			}
			if l.MergedInto == 0 {
				break
			}
			if hops == 64 {
				return fmt.Errorf("row report: row %d: lead %s: merged_into goes round in circles", r.Row, r.LeadID)
			}
			id = l.MergedInto
		}
		final[r.LeadID] = id.String()
		rows[i].LeadID = id.String()
	}
	return nil
}

// Score compares the leads the rows ended in with the truth. Every
// record of the file must have exactly one line in the report, on the row
// the record starts on; otherwise the row numbers do not mean what the
// harness takes them to mean, and Score fails rather than guess.
func Score(t *Truth, report []ReportRow) (Result, error) {
	res := Result{Outcomes: map[string]int{}}
	seen := make([]bool, len(t.entity))
	leads := map[string]int{}
	pred := make([]int, 0, len(report))
	truth := make([]int, 0, len(report))
	perfect := make([]int, 0, len(report)) // the truth, rejected rows alone
	var predA, truthA []int

	for _, r := range report {
		if r.Row < 0 || r.Row >= len(t.entity) || t.entity[r.Row] < 0 {
			return res, fmt.Errorf("row report names row %d, where no record of the file starts", r.Row)
		}
		if seen[r.Row] {
			return res, fmt.Errorf("row report names row %d twice", r.Row)
		}
		seen[r.Row] = true
		res.Rows++
		res.Outcomes[r.Outcome]++
		label := -1
		if r.LeadID != "" {
			id, ok := leads[r.LeadID]
			if !ok {
				id = len(leads)
				leads[r.LeadID] = id
			}
			label = id
		}
		if r.Outcome == "rejected" {
			res.Rejected++
			if res.RejectReasons == nil {
				res.RejectReasons = map[string]int{}
			}
			res.RejectReasons[r.Reason]++
		}
		e := int(t.entity[r.Row])
		pred = append(pred, label)
		truth = append(truth, e)
		if r.Outcome == "rejected" {
			e = -1
		}
		perfect = append(perfect, e)
		if r.Outcome != "rejected" {
			predA = append(predA, label)
			truthA = append(truthA, int(t.entity[r.Row]))
		}
	}
	if res.Rows != t.Records {
		return res, fmt.Errorf("row report has %d rows, the file %d records", res.Rows, t.Records)
	}
	res.Pairs = CountPairs(pred, truth)
	res.Precision, res.Recall, res.F1 = res.Pairs.Precision(), res.Pairs.Recall(), res.Pairs.F1()
	res.RecallCeiling = CountPairs(perfect, truth).Recall()
	res.Accepted = CountPairs(predA, truthA)
	res.AcceptedF1 = res.Accepted.F1()
	return res, nil
}

// Runner runs leadpipe imports into fresh stores under Work.
type Runner struct {
	Bin      string // the leadpipe binary
	Root     string // module root
	Corpus   string // the shared corpus folder
	Testdata string // eval/testdata
	Work     string // scratch folder for stores and reports
	// Misses, when positive, has each run write what it got wrong to
	// MissOut (see Misses), showing that many pairs and leads.
	Misses  int
	MissOut io.Writer
	// StoreWide, when set, imports with --match exact and then finds the
	// duplicates with a store-wide `leadpipe dedupe`, as after an import
	// with fuzzy matching switched off, instead of matching in the import.
	StoreWide bool
}

// ModuleRoot returns the leadpipe module's root folder, found with `go env
// GOMOD` from the working directory: `go run ./eval` runs from the root
// and `go test` from eval/.
func ModuleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside the leadpipe module: run from the repository")
	}
	return filepath.Dir(mod), nil
}

// BuildBinary builds cmd/leadpipe of the module at root into dir.
func BuildBinary(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "leadpipe")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/leadpipe")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/leadpipe: %w\n%s", err, out)
	}
	return bin, nil
}

// Linkage imports a linkage set into a fresh store and scores it.
func (r *Runner) Linkage(ctx context.Context, s Set, v Variant) Result {
	res := Result{Set: s.Name, Variant: v, Goal: GoalDefault}
	if v == Configured {
		res.Goal = GoalConfigured
	}
	t, err := s.Truth(r.Corpus)
	if err != nil {
		res.Err = "truth: " + err.Error()
		return res
	}
	// The sets are registries of people and firms kept for matching, not
	// contact lists: most of their rows offer no way to reach anyone, which
	// the import would reject. Kept, every row takes part in the measure.
	args := []string{"--map", filepath.Join(r.Testdata, s.Testdata, "map.yaml"), "--keep-unreachable"}
	if s.Region != "" {
		args = append(args, "--region", s.Region)
	}
	cfg := ""
	if v == Configured {
		cfg = filepath.Join(r.Testdata, s.Testdata, "match.yaml")
	}
	return r.run(ctx, res, t, filepath.Join(r.Corpus, s.File), cfg, args)
}

// GenOptions say where generated leads come from.
type GenOptions struct {
	Script string // gen_leads.go
	N      int    // rows
	// Dir keeps the generated files (leads_N.csv, truth_N.csv) and reuses
	// them when they are there; empty: generate into the scratch folder.
	Dir string
}

// Generated imports N generated leads into a fresh store and scores them
// against the generator's truth file. The leads file is imported as it is,
// with leadpipe's header dictionaries (no mapping file): lead_id becomes a
// custom field and plays no part in matching.
func (r *Runner) Generated(ctx context.Context, g GenOptions) Result {
	res := Result{Set: fmt.Sprintf("generated-%d", g.N), Variant: Default, Goal: GoalGenerated}
	dir := g.Dir
	if dir == "" {
		dir = r.Work
	}
	leads := filepath.Join(dir, fmt.Sprintf("leads_%d.csv", g.N))
	truthFile := filepath.Join(dir, fmt.Sprintf("truth_%d.csv", g.N))
	if !exists(leads) || !exists(truthFile) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			res.Err = err.Error()
			return res
		}
		cmd := exec.CommandContext(ctx, "go", "run", g.Script, "-n", strconv.Itoa(g.N), "-csv", leads, "-truth", truthFile)
		cmd.Dir = r.Root
		if out, err := cmd.CombinedOutput(); err != nil {
			res.Err = fmt.Sprintf("go run %s: %v: %s", filepath.Base(g.Script), err, bytes.TrimSpace(out))
			return res
		}
	}
	entity, err := readLookup(truthFile, "lead_id", "entity_id")
	if err != nil {
		res.Err = "truth: " + err.Error()
		return res
	}
	t, err := ReadTruth(leads, "lead_id", lookup(entity, "lead_id"))
	if err != nil {
		res.Err = "truth: " + err.Error()
		return res
	}
	return r.run(ctx, res, t, leads, "", nil)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// importSummary is the part of `leadpipe --json import` output the
// harness checks.
type importSummary struct {
	Rows     int `json:"rows"`
	Rejected int `json:"rejected"`
	Files    []struct {
		Detected struct {
			HeaderRow  int    `json:"header_row"`
			Headerless string `json:"headerless"`
		} `json:"detected"`
	} `json:"files"`
}

// run imports file into a fresh store in its own folder (so that no
// leadpipe.yaml of the working directory is read), with the configuration
// cfg if not empty, and scores the row report against t.
func (r *Runner) run(ctx context.Context, res Result, t *Truth, file, cfg string, importArgs []string) Result {
	dir := filepath.Join(r.Work, res.Set+"-"+string(res.Variant))
	if err := os.RemoveAll(dir); err != nil {
		res.Err = err.Error()
		return res
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		res.Err = err.Error()
		return res
	}
	report := filepath.Join(dir, "rows.csv")
	args := []string{"--store", filepath.Join(dir, "leads.db"), "--no-progress", "--json"}
	if cfg != "" {
		args = append(args, "--config", cfg)
	}
	global := args
	args = append(slices.Clip(args), "import", "--row-report", report)
	if r.StoreWide {
		args = append(args, "--match", "exact")
	}
	args = append(args, importArgs...)
	args = append(args, file)
	cmd := exec.CommandContext(ctx, r.Bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	// Exit 3: finished, some rows rejected; they are in the report.
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && ee.ExitCode() == 3 {
		err = nil
	}
	if err != nil {
		res.Seconds = time.Since(start).Seconds()
		res.Err = "leadpipe import: " + exitMessage(err, stderr.Bytes())
		return res
	}
	if r.StoreWide {
		// The merges of a store-wide dedupe are followed below, as an
		// import's joins are (Survivors).
		dd := exec.CommandContext(ctx, r.Bin, append(slices.Clip(global), "dedupe")...)
		dd.Dir = dir
		var ddErr bytes.Buffer
		dd.Stderr = &ddErr
		if err := dd.Run(); err != nil {
			res.Seconds = time.Since(start).Seconds()
			res.Err = "leadpipe dedupe: " + exitMessage(err, ddErr.Bytes())
			return res
		}
	}
	res.Seconds = time.Since(start).Seconds()
	var sum importSummary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		res.Err = "leadpipe import: --json output: " + err.Error()
		return res
	}
	if len(sum.Files) == 1 && sum.Files[0].Detected.HeaderRow != 1 {
		res.Err = fmt.Sprintf("leadpipe took row %d as the header, the truth row 1", sum.Files[0].Detected.HeaderRow)
		if why := sum.Files[0].Detected.Headerless; why != "" {
			res.Err = "leadpipe read the file as one without a header row (" + why + "); it has one in row 1"
		}
		return res
	}
	rows, err := ReadRowReport(report)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	// A lead the import joined into another later in the run lives on
	// in that one: the rows of both are one lead.
	if err := Survivors(filepath.Join(dir, "leads.db"), rows); err != nil {
		res.Err = err.Error()
		return res
	}
	scored, err := Score(t, rows)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	if scored.Rows != sum.Rows || scored.Rejected != sum.Rejected {
		res.Err = fmt.Sprintf("row report (%d rows, %d rejected) and summary (%d, %d) disagree", scored.Rows, scored.Rejected, sum.Rows, sum.Rejected)
		return res
	}
	scored.Set, scored.Variant, scored.Goal, scored.Seconds = res.Set, res.Variant, res.Goal, res.Seconds
	scored.Missed = scored.Goal.Missed(scored.Pairs)
	if r.Misses > 0 && r.MissOut != nil {
		fmt.Fprintf(r.MissOut, "== %s %s\n", res.Set, res.Variant)
		if err := Misses(r.MissOut, filepath.Join(dir, "leads.db"), cfg, t, rows, r.Misses); err != nil {
			scored.Err = "misses: " + err.Error()
		}
	}
	return scored
}

// exitMessage makes one line of a failed leadpipe run: the exit code and
// the error leadpipe printed (as JSON under --json).
func exitMessage(err error, stderr []byte) string {
	var je struct {
		Error string `json:"error"`
	}
	msg := strings.TrimSpace(string(stderr))
	if json.Unmarshal(stderr, &je) == nil && je.Error != "" {
		msg = je.Error
	}
	code := err.Error()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = "exit " + strconv.Itoa(ee.ExitCode())
	}
	if msg == "" {
		return code
	}
	return code + ": " + msg
}

// SortedReasons returns reject reasons, most frequent first.
func SortedReasons(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys
}
