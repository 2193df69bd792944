package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store"
)

// TestCrashKill9 is the crash test (reliability tests A1 and C2): it imports
// a generated file, kills the import with SIGKILL (kill -9) at random
// points, runs it again, and checks after every kill that the store opens,
// passes store.Check, and that `leads list` and `imports list` work; and,
// whenever an import runs to its end, that the store holds what one
// uninterrupted import gives.
//
// A round starts from an empty store. Each attempt starts the import and
// kills it after a delay drawn uniformly from [0, W), W being the wall time
// of the uninterrupted reference import, so that kills land anywhere:
// before the store exists, while rows are matched, during a commit, after
// the last one. An attempt whose import finishes before its kill ends the
// round: the store is compared with the reference and removed, so that the
// next kills hit an import with work left rather than a re-import that
// writes nothing. After the last kill the round is finished by an import
// run to completion and compared the same way.
//
// Compared with the reference: the number of leads; the created and merged
// counts summed over the round's import records; the CSV export, which must
// be byte-identical once the updated_at column is removed (it holds the
// wall-clock time of the run that last changed the lead; created_at comes
// from the file); and every lead in full (fields, raw values, history,
// merges, scores), with the values that depend on the run blanked: times
// (at, updated_at), import ids (import_id, a merge's id) and the list of
// imports that touched the lead (a lead touched by two runs names both).
//
// The defaults are the CI size: 5,000 rows, 8 kills, 500 rows per commit.
// scripts/crashtest.sh (make crashtest) runs it at full size. Environment:
// CRASH_ROWS, CRASH_KILLS, CRASH_BATCH (rows per commit; 0 means leadpipe's
// default), CRASH_SEED (the delays; logged, so a run can be repeated),
// CRASH_BIN (a built leadpipe to test instead of building one). On failure
// the crash store is kept in t.ArtifactDir (go test -artifacts).
func TestCrashKill9(t *testing.T) {
	rows := envInt(t, "CRASH_ROWS", 5000)
	kills := envInt(t, "CRASH_KILLS", 8)
	batch := envInt(t, "CRASH_BATCH", 500)
	e, seed := newCrashEnv(t, rows)
	dir := e.dir
	if batch > 0 {
		e.config = filepath.Join(dir, "crash.yaml")
		conf := fmt.Sprintf("import:\n  batch_size: %d\n", batch)
		if err := os.WriteFile(e.config, []byte(conf), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	crash := filepath.Join(dir, "crash.db")
	t.Cleanup(func() {
		if t.Failed() {
			e.keep(crash)
		}
	})

	ref := e.reference(filepath.Join(dir, "ref.db"), rows)
	t.Logf("seed %d (CRASH_SEED=%d repeats the delays); %d rows, %d kills, batch %s; reference import: %s, %d leads (created %d, merged %d, unchanged %d, rejected %d)",
		seed, seed, rows, kills, batchName(batch), ref.wall.Round(time.Millisecond), ref.leads,
		ref.counts.Created, ref.counts.Merged, ref.counts.Unchanged, ref.counts.Rejected)

	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var (
		killed, survived, rounds, converged int
		landed                              = map[string]int{}
		checkTime                           time.Duration
		start                               = time.Now()
	)
	maxAttempts := 4*kills + 10
	for attempt := 1; killed < kills; attempt++ {
		if attempt > maxAttempts {
			t.Fatalf("only %d of %d kills landed in %d attempts: the import finishes too fast for the delays", killed, kills, maxAttempts)
		}
		before := e.importsOf(crash)
		delay := time.Duration(rng.Int64N(int64(ref.wall)))
		res := e.importKilledAfter(crash, delay)
		if !res.killed {
			if res.code != 0 && res.code != 3 {
				t.Fatalf("attempt %d: the import exited with %d before its kill (%s): %s", attempt, res.code, delay, firstLine(res.stderr))
			}
			rounds++
			t.Logf("attempt %d: the import finished (exit %d) before its kill at %s: round %d complete", attempt, res.code, delay.Round(time.Millisecond), rounds)
			if e.compare(crash, ref, fmt.Sprintf("round %d", rounds)) {
				converged++
			}
			if err := os.Remove(crash); err != nil {
				t.Fatal(err)
			}
			continue
		}
		killed++
		t0 := time.Now()
		where, err := e.checkAfterKill(crash, before)
		took := time.Since(t0)
		checkTime += took
		landed[where.kind]++
		status := "check ok"
		if err != nil {
			status = "CHECK FAILED: " + err.Error()
			t.Errorf("kill %d/%d after %s (%s): %v", killed, kills, delay, where.text, err)
		} else {
			survived++
		}
		if s := firstLine(res.stderr); s != "" {
			where.text += "; stderr: " + s
		}
		t.Logf("kill %d/%d: after %s: %s; landed %s; %s (%s)", killed, kills,
			delay.Round(time.Millisecond), res.status, where.text, status, took.Round(time.Millisecond))
	}

	// Finish the last round with an import that runs to its end.
	before := e.importsOf(crash)
	out, stderr, code := e.run(crash, "--json", "import", e.data)
	if code != 0 && code != 3 {
		t.Fatalf("final import: exit %d: %s", code, firstLine(stderr))
	}
	var last importCounts
	if err := json.Unmarshal(out, &last); err != nil {
		t.Fatalf("final import: %v", err)
	}
	if got := last.Created + last.Merged + last.Unchanged + last.Rejected; got != last.Rows || last.Rows != rows {
		t.Errorf("final import: created+merged+unchanged+rejected = %d, rows %d, file rows %d", got, last.Rows, rows)
	}
	t.Logf("final import (%d import records before it): rows %d: created %d, merged %d, unchanged %d (absorbed by the killed runs), rejected %d",
		len(before), last.Rows, last.Created, last.Merged, last.Unchanged, last.Rejected)
	rounds++
	if e.compare(crash, ref, fmt.Sprintf("round %d (final)", rounds)) {
		converged++
	}

	kinds := slices.Sorted(maps.Keys(landed))
	var spread []string
	for _, k := range kinds {
		spread = append(spread, fmt.Sprintf("%d %s", landed[k], k))
	}
	t.Logf("survived %d/%d kills (%s); %d rounds, %d converged to the reference; %s in all, %s in the checks after the kills",
		survived, kills, strings.Join(spread, ", "), rounds, converged,
		time.Since(start).Round(time.Millisecond), checkTime.Round(time.Millisecond))
}

// newCrashEnv sets up a crash test: it skips where the test cannot run
// (-short, Windows, no ../shared), builds leadpipe (or takes CRASH_BIN),
// generates rows leads into e.data and returns the environment and the
// seed of the delays (CRASH_SEED, else from the clock).
func newCrashEnv(t *testing.T, rows int) (*crashEnv, uint64) {
	t.Helper()
	if testing.Short() {
		t.Skip("crash test: skipped with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("crash test: kill -9 and flock semantics are Unix ones")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("CRASH_SEED: %v", err)
		}
	}
	root := moduleRoot(t)
	gen := filepath.Join(filepath.Dir(root), "shared", "bench", "gen_leads.go")
	if _, err := os.Stat(gen); err != nil {
		t.Skipf("crash test: %s not found (the shared folder must sit beside the repo)", gen)
	}
	dir := t.TempDir()
	e := &crashEnv{t: t, dir: dir, data: filepath.Join(dir, "leads.csv"), bin: os.Getenv("CRASH_BIN")}
	if e.bin == "" {
		e.bin = buildLeadpipe(t, root, dir)
	}
	goRun(t, root, "run", gen, "-n", strconv.Itoa(rows), "-csv", e.data)
	return e, seed
}

// crashEnv runs leadpipe for the crash test.
type crashEnv struct {
	t      *testing.T
	dir    string // working directory of every run
	bin    string
	data   string // the generated CSV
	config string // leadpipe.yaml with the batch size, or empty
}

// importCounts is the part of `import --json` the test reads.
type importCounts struct {
	Rows      int `json:"rows"`
	Created   int `json:"created"`
	Merged    int `json:"merged"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
}

// referenceStore is what one uninterrupted import gives.
type referenceStore struct {
	wall    time.Duration
	counts  importCounts
	leads   int
	export  string // CSV export of the leads
	digests map[crm.ID][sha256.Size]byte
}

func (e *crashEnv) command(storePath string, args ...string) *exec.Cmd {
	a := []string{"--store", storePath, "--no-progress"}
	if e.config != "" {
		a = append(a, "--config", e.config)
	}
	cmd := exec.Command(e.bin, append(a, args...)...)
	// No leadpipe.yaml from elsewhere applies: the directory has none
	// unless e.config names it.
	cmd.Dir = e.dir
	return cmd
}

// run runs leadpipe to its end and returns stdout, stderr and the exit code.
func (e *crashEnv) run(storePath string, args ...string) (stdout, stderr []byte, code int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	cmd := e.command(storePath, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		e.t.Fatalf("leadpipe %s: %v", strings.Join(args, " "), err)
	}
	return out.Bytes(), errb.Bytes(), cmd.ProcessState.ExitCode()
}

func (e *crashEnv) reference(path string, rows int) referenceStore {
	e.t.Helper()
	start := time.Now()
	out, stderr, code := e.run(path, "--json", "import", e.data)
	ref := referenceStore{wall: time.Since(start), export: filepath.Join(e.dir, "ref.csv")}
	if code != 0 && code != 3 {
		e.t.Fatalf("reference import: exit %d: %s", code, firstLine(stderr))
	}
	if err := json.Unmarshal(out, &ref.counts); err != nil {
		e.t.Fatalf("reference import: %v", err)
	}
	c := ref.counts
	if got := c.Created + c.Merged + c.Unchanged + c.Rejected; got != c.Rows || c.Rows != rows {
		e.t.Fatalf("reference import: created+merged+unchanged+rejected = %d, rows %d, file rows %d", got, c.Rows, rows)
	}
	e.exportLeads(path, ref.export)
	var err error
	if ref.digests, err = leadDigests(path); err != nil {
		e.t.Fatalf("reference store: %v", err)
	}
	ref.leads = len(ref.digests)
	if ref.leads != c.Created {
		e.t.Fatalf("reference store: %d leads, the import created %d", ref.leads, c.Created)
	}
	return ref
}

func (e *crashEnv) exportLeads(storePath, out string) {
	e.t.Helper()
	if _, stderr, code := e.run(storePath, "export", "--object", "leads", "--format", "csv", "--output", out); code != 0 {
		e.t.Fatalf("export %s: exit %d: %s", storePath, code, firstLine(stderr))
	}
}

// killResult is how an attempt ended.
type killResult struct {
	killed bool   // by the test's SIGKILL, not finished before it
	code   int    // exit code when not killed
	status string // as the process state tells it ("signal: killed")
	stderr []byte
}

// importKilledAfter starts the import and kills it after delay.
func (e *crashEnv) importKilledAfter(storePath string, delay time.Duration) killResult {
	e.t.Helper()
	return e.signalAfter(storePath, delay, os.Kill, "--json", "import", e.data)
}

// signalAfter runs leadpipe with args on the store and sends it sig after
// delay. A signal to a process that has exited but is not yet waited for
// is harmless: the exit status tells which came first.
func (e *crashEnv) signalAfter(storePath string, delay time.Duration, sig os.Signal, args ...string) killResult {
	e.t.Helper()
	var errb bytes.Buffer
	cmd := e.command(storePath, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, &errb
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	time.Sleep(delay)
	_ = cmd.Process.Signal(sig)
	err := cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		e.t.Fatalf("%s: %v", strings.Join(args, " "), err)
	}
	ps := cmd.ProcessState
	// ExitCode is -1 for a process ended by a signal.
	return killResult{killed: ps.ExitCode() == -1, code: ps.ExitCode(), status: ps.String(), stderr: errb.Bytes()}
}

// importsOf returns the import records of the store, none when it does not
// exist yet or cannot be opened (checkAfterKill reports that).
func (e *crashEnv) importsOf(path string) []crm.Import {
	db, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return nil
	}
	defer db.Close()
	imps, _ := db.Imports()
	return imps
}

// landing says where a kill landed: kind counts it, text describes it.
type landing struct{ kind, text string }

// checkAfterKill checks the store after a kill: it opens read-only (the
// lock died with the process), passes Check, its lead count equals the
// leads created by its import records (every batch carries its import
// record in the same transaction), and `leads list` and `imports list`
// work. A store the kill prevented from existing, or left as an empty
// file, must be reported as such by leads list.
func (e *crashEnv) checkAfterKill(path string, before []crm.Import) (landing, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return landing{"before the store existed", "before the store file was created"},
			e.expectListFails(path, "does not exist")
	case err != nil:
		return landing{"unknown", "unknown"}, err
	case fi.Size() == 0:
		return landing{"before the store existed", "after the store file was created, before it was initialised"},
			e.expectListFails(path, "is empty")
	}
	where := landing{"unknown", "unknown"}
	db, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return where, fmt.Errorf("open: %w", err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		return where, err
	}
	st, err := db.Stats()
	if err != nil {
		return where, err
	}
	imps, err := db.Imports()
	if err != nil {
		return where, err
	}
	created := 0
	for _, im := range imps {
		created += im.Counts.Created
	}
	where = killedAt(before, imps)
	where.text += fmt.Sprintf("; store: %d leads, %d import records", st.Leads, len(imps))
	if created != st.Leads {
		return where, fmt.Errorf("the store holds %d leads, its import records count %d created", st.Leads, created)
	}
	if err := db.Close(); err != nil {
		return where, err
	}
	if _, stderr, code := e.run(path, "leads", "list", "--limit", "1"); code != 0 {
		return where, fmt.Errorf("leads list: exit %d: %s", code, firstLine(stderr))
	}
	out, stderr, code := e.run(path, "--json", "imports", "list")
	if code != 0 {
		return where, fmt.Errorf("imports list: exit %d: %s", code, firstLine(stderr))
	}
	var listed []crm.Import
	if err := json.Unmarshal(out, &listed); err != nil {
		return where, fmt.Errorf("imports list --json: %w", err)
	}
	if len(listed) != len(imps) {
		return where, fmt.Errorf("imports list shows %d imports, the store holds %d", len(listed), len(imps))
	}
	return where, nil
}

// killedAt tells from the import records before and after a kill how far
// the killed import got.
func killedAt(before, after []crm.Import) landing {
	seen := map[string]bool{}
	for _, im := range before {
		seen[im.ID] = true
	}
	for _, im := range after {
		if seen[im.ID] {
			continue
		}
		if im.Done {
			return landing{"after the final commit", fmt.Sprintf("after the final commit of import %s (done, %d rows)", im.ID, im.Counts.Rows)}
		}
		return landing{"mid-import", fmt.Sprintf("mid-import: %d rows committed by import %s (interrupted)", im.Counts.Rows, im.ID)}
	}
	return landing{"before the first commit", "before this run's first commit"}
}

// expectListFails checks that leads list on a store the kill left missing or
// empty fails with exit 1 and says so (want).
func (e *crashEnv) expectListFails(path, want string) error {
	_, stderr, code := e.run(path, "leads", "list", "--limit", "1")
	if code != 1 || !bytes.Contains(stderr, []byte(want)) {
		return fmt.Errorf("leads list: exit %d (%s), want exit 1 saying the store %s", code, firstLine(stderr), want)
	}
	return nil
}

// compare checks a store whose import ran to its end against the
// reference; it reports each difference and returns whether there was none.
func (e *crashEnv) compare(path string, ref referenceStore, round string) bool {
	e.t.Helper()
	ok := true
	fail := func(format string, args ...any) {
		ok = false
		e.t.Errorf("%s: "+format, append([]any{round}, args...)...)
	}
	db, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		fail("open: %v", err)
		return false
	}
	if err := db.Check(); err != nil {
		fail("%v", err)
	}
	st, err := db.Stats()
	if err != nil {
		fail("%v", err)
	}
	imps, err := db.Imports()
	if err != nil {
		fail("%v", err)
	}
	db.Close()
	var sum crm.Counts
	for _, im := range imps {
		sum = sum.Plus(im.Counts)
	}
	if st.Leads != ref.leads {
		fail("%d leads, the reference has %d", st.Leads, ref.leads)
	}
	if sum.Created != ref.counts.Created || sum.Merged != ref.counts.Merged {
		fail("the %d import records count %d created and %d merged, the reference import %d and %d",
			len(imps), sum.Created, sum.Merged, ref.counts.Created, ref.counts.Merged)
	}

	export := filepath.Join(e.dir, "crash.csv")
	e.exportLeads(path, export)
	cmp, err := compareExports(ref.export, export, "updated_at")
	if err != nil {
		fail("export: %v", err)
	} else if !cmp.same {
		fail("export differs from the reference beyond updated_at: differing cells by column: %v", cmp.differing)
	}
	digests, err := leadDigests(path)
	if err != nil {
		fail("%v", err)
	}
	if n := e.compareLeads(path, ref, digests); n > 0 {
		fail("%d leads differ from the reference (times, import ids and import lists aside)", n)
	}
	if ok {
		e.t.Logf("%s: %d leads, created %d, merged %d over %d import records: as the reference; export byte-identical without updated_at (%s); every lead identical apart from times, import ids and import lists",
			round, st.Leads, sum.Created, sum.Merged, len(imps), cmp.describe())
	}
	return ok
}

// compareLeads counts the leads whose digest differs from the reference's,
// and logs the fields that differ for the first few.
func (e *crashEnv) compareLeads(path string, ref referenceStore, got map[crm.ID][sha256.Size]byte) int {
	var diff []crm.ID
	for id, d := range ref.digests {
		if g, ok := got[id]; !ok || g != d {
			diff = append(diff, id)
		}
	}
	for id := range got {
		if _, ok := ref.digests[id]; !ok {
			diff = append(diff, id)
		}
	}
	slices.Sort(diff)
	for _, id := range diff[:min(len(diff), 5)] {
		a, errA := leadFields(filepath.Join(e.dir, "ref.db"), id)
		b, errB := leadFields(path, id)
		if errA != nil || errB != nil {
			e.t.Logf("lead %s: reference: %v; crash store: %v", id, errA, errB)
			continue
		}
		var keys []string
		for _, k := range slices.Sorted(maps.Keys(a)) {
			if !jsonEqual(a[k], b[k]) {
				keys = append(keys, k)
			}
		}
		for k := range b {
			if _, ok := a[k]; !ok {
				keys = append(keys, k)
			}
		}
		e.t.Logf("lead %s differs in %v", id, keys)
	}
	return len(diff)
}

// exportComparison is the result of compareExports.
type exportComparison struct {
	same      bool           // byte-identical with the ignored columns removed
	rows      int            // data rows in each
	differing map[string]int // differing cells per column, ignored ones included
	fullSame  bool           // byte-identical as written
}

func (c exportComparison) describe() string {
	if c.fullSame {
		return fmt.Sprintf("%d rows; identical even with it", c.rows)
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(c.differing)) {
		parts = append(parts, fmt.Sprintf("%s differs in %d of %d rows", k, c.differing[k], c.rows))
	}
	return strings.Join(parts, ", ")
}

// compareExports compares two CSV exports column by column. Without the
// ignored columns, both are written again with encoding/csv and the bytes
// compared.
func compareExports(a, b string, ignore ...string) (exportComparison, error) {
	res := exportComparison{differing: map[string]int{}}
	ab, err := os.ReadFile(a)
	if err != nil {
		return res, err
	}
	bb, err := os.ReadFile(b)
	if err != nil {
		return res, err
	}
	res.fullSame = bytes.Equal(ab, bb)
	ra, rb := csv.NewReader(bytes.NewReader(ab)), csv.NewReader(bytes.NewReader(bb))
	ha, err := ra.Read()
	if err != nil {
		return res, fmt.Errorf("%s: %w", a, err)
	}
	hb, err := rb.Read()
	if err != nil {
		return res, fmt.Errorf("%s: %w", b, err)
	}
	if !slices.Equal(ha, hb) {
		return res, fmt.Errorf("headers differ: %q and %q", ha, hb)
	}
	keep := make([]int, 0, len(ha))
	for i, h := range ha {
		if !slices.Contains(ignore, h) {
			keep = append(keep, i)
		}
	}
	sa, sb := sha256.New(), sha256.New()
	wa, wb := csv.NewWriter(sa), csv.NewWriter(sb)
	project := func(rec []string) []string {
		out := make([]string, len(keep))
		for j, i := range keep {
			out[j] = rec[i]
		}
		return out
	}
	_ = wa.Write(project(ha))
	_ = wb.Write(project(hb))
	for {
		x, errA := ra.Read()
		y, errB := rb.Read()
		if errA == io.EOF || errB == io.EOF {
			if errA != errB {
				return res, fmt.Errorf("row counts differ: one export ends after %d rows", res.rows)
			}
			break
		}
		if errA != nil {
			return res, fmt.Errorf("%s: %w", a, errA)
		}
		if errB != nil {
			return res, fmt.Errorf("%s: %w", b, errB)
		}
		res.rows++
		for i := range x {
			if x[i] != y[i] {
				res.differing[ha[i]]++
			}
		}
		_ = wa.Write(project(x))
		_ = wb.Write(project(y))
	}
	wa.Flush()
	wb.Flush()
	res.same = bytes.Equal(sa.Sum(nil), sb.Sum(nil))
	return res, nil
}

// leadDigests returns a digest of every lead of the store as `leads list
// --json` shows it, with the values that depend on the run blanked (see
// blankRunValues).
func leadDigests(path string) (map[crm.ID][sha256.Size]byte, error) {
	db, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	out := map[crm.ID][sha256.Size]byte{}
	err = db.ForEachLead(func(l *crm.Lead) error {
		v, err := normalizedLead(l)
		if err != nil {
			return err
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out[l.ID] = sha256.Sum256(b)
		return nil
	})
	return out, err
}

// leadFields returns one lead of the store, normalized, by top-level field.
func leadFields(path string, id crm.ID) (map[string]any, error) {
	db, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	l, err := db.Lead(id)
	if err != nil {
		return nil, err
	}
	v, err := normalizedLead(l)
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	return m, nil
}

func normalizedLead(l *crm.Lead) (any, error) {
	b, err := json.Marshal(l)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	blankRunValues(v, "")
	return v, nil
}

// blankRunValues blanks what legitimately differs between one import and
// the same import killed and run again: times, import ids, and the list of
// imports that touched a lead. parent is the key v was found under.
func blankRunValues(v any, parent string) {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "imports")
		for k, x := range v {
			switch {
			case k == "at" || k == "updated_at" || k == "import_id":
				v[k] = "-"
			case k == "id" && parent == "merges":
				v[k] = "-"
			default:
				blankRunValues(x, k)
			}
		}
	case []any:
		for _, x := range v {
			blankRunValues(x, parent)
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// keep copies the crash store into the test's artifact directory.
func (e *crashEnv) keep(path string) {
	src, err := os.Open(path)
	if err != nil {
		return
	}
	defer src.Close()
	dst := filepath.Join(e.t.ArtifactDir(), filepath.Base(path))
	f, err := os.Create(dst)
	if err != nil {
		e.t.Logf("keep %s: %v", path, err)
		return
	}
	defer f.Close()
	if _, err := io.Copy(f, src); err != nil {
		e.t.Logf("keep %s: %v", path, err)
		return
	}
	e.t.Logf("crash store kept as %s", dst)
}

// moduleRoot returns the directory of the module's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Skipf("crash test: go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		t.Skip("crash test: not inside the module")
	}
	return filepath.Dir(mod)
}

// buildLeadpipe builds cmd/leadpipe into dir.
func buildLeadpipe(t *testing.T, root, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "leadpipe")
	goRun(t, root, "build", "-o", bin, "./cmd/leadpipe")
	return bin
}

func goRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a number of at least 0", name, s)
	}
	return n
}

func batchName(n int) string {
	if n == 0 {
		return "leadpipe's default"
	}
	return strconv.Itoa(n)
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}
