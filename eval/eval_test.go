package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// shortfalls are the runs that do not reach their goal yet, with the
// floor they must not fall below: the F1 over all rows measured when the
// matcher last changed, less 0.01 for noise. A run not listed must reach
// its goal. Lower a floor only with a reason in the commit; remove the
// entry when the goal is reached. The goals themselves stay as the issue
// states them (Goal*).
var shortfalls = map[string]float64{
	"febrl1/default":      0.84, // names and address only: 0.8506
	"febrl2/default":      0.80, // 0.8164
	"fake1000/default":    0.64, // names, city, some e-mails: 0.6527
	"fake1000/configured": 0.92, // 0.9302
	"chicago/default":     0.92, // 0.9344, precision 0.989: site names vary, addresses are retyped
	"chicago/configured":  0.95, // 0.9663: the truth is the house number and ZIP as written (a ZIP missing or mistyped is another id)
	"patstat/default":     0,    // 0: company names only, in many spellings
	"patstat/configured":  0.82, // 0.8349: names holding each other's words merge; "Philips" and "Gloeilampenfabrieken" do not
}

func TestCountPairs(t *testing.T) {
	tests := []struct {
		name        string
		pred, truth []int
		want        Pairs
	}{
		{name: "empty", want: Pairs{}},
		{name: "singletons", pred: []int{0, 1, 2}, truth: []int{0, 1, 2}, want: Pairs{}},
		{name: "nothing merged", pred: []int{0, 1, 2}, truth: []int{0, 0, 1}, want: Pairs{True: 1}},
		{name: "perfect", pred: []int{5, 5, 7}, truth: []int{0, 0, 1}, want: Pairs{Predicted: 1, True: 1, Correct: 1}},
		// 4 rows in one lead: 6 pairs, 2 of them true.
		{name: "over-merged", pred: []int{1, 1, 1, 1}, truth: []int{0, 0, 1, 1}, want: Pairs{Predicted: 6, True: 2, Correct: 2}},
		// One entity of 4 split into two leads of 2.
		{name: "split", pred: []int{1, 1, 2, 2}, truth: []int{0, 0, 0, 0}, want: Pairs{Predicted: 2, True: 6, Correct: 2}},
		// Rejected rows (-1) are singletons, never one cluster.
		{name: "rejected", pred: []int{-1, -1, -1}, truth: []int{0, 0, 0}, want: Pairs{True: 3}},
		// Leads {0,1,2} {3,4} and a rejected 5; entities {0,1} {2,3,4,5}.
		// Predicted 3+1, true 1+6, correct: cell (1,0) 2 rows, (2,1) 2 rows.
		{name: "mixed", pred: []int{1, 1, 1, 2, 2, -1}, truth: []int{0, 0, 1, 1, 1, 1}, want: Pairs{Predicted: 4, True: 7, Correct: 2}},
		{name: "labels need not be dense", pred: []int{900, 3, 900}, truth: []int{42, 7, 42}, want: Pairs{Predicted: 1, True: 1, Correct: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CountPairs(tt.pred, tt.truth); got != tt.want {
				t.Errorf("CountPairs(%v, %v) = %+v, want %+v", tt.pred, tt.truth, got, tt.want)
			}
		})
	}
}

func TestPairsRates(t *testing.T) {
	tests := []struct {
		name       string
		p          Pairs
		prec, rec  float64
		f1         float64
		missedGoal Goal
		missed     int
	}{
		{name: "mixed", p: Pairs{Predicted: 4, True: 7, Correct: 2}, prec: 0.5, rec: 2.0 / 7, f1: 2 * 0.5 * (2.0 / 7) / (0.5 + 2.0/7), missedGoal: GoalGenerated, missed: 2},
		{name: "nothing merged", p: Pairs{True: 10}, prec: 1, rec: 0, f1: 0, missedGoal: GoalDefault, missed: 1},
		{name: "no true pairs", p: Pairs{}, prec: 1, rec: 1, f1: 1, missedGoal: GoalConfigured},
		{name: "perfect", p: Pairs{Predicted: 3, True: 3, Correct: 3}, prec: 1, rec: 1, f1: 1, missedGoal: GoalGenerated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
			if got := tt.p.Precision(); !near(got, tt.prec) {
				t.Errorf("Precision = %v, want %v", got, tt.prec)
			}
			if got := tt.p.Recall(); !near(got, tt.rec) {
				t.Errorf("Recall = %v, want %v", got, tt.rec)
			}
			if got := tt.p.F1(); !near(got, tt.f1) {
				t.Errorf("F1 = %v, want %v", got, tt.f1)
			}
			if got := tt.missedGoal.Missed(tt.p); len(got) != tt.missed {
				t.Errorf("%v.Missed = %q, want %d bounds", tt.missedGoal, got, tt.missed)
			}
		})
	}
}

// TestReadTruthRows checks the row numbers a spreadsheet shows: a quoted
// line break does not start a row, a blank line is a row, and spaces after
// the separator (FEBRL's ", ") are not part of the value.
func TestReadTruthRows(t *testing.T) {
	const data = "id, entity\r\n" +
		"1, \"multi\r\nline\"\r\n" + // row 2, two lines
		"2, a\r\n" + // row 3
		"\r\n" + // row 4, blank
		"3, \"b\"\r\n" + // row 5
		"4, \"multi\n\nline\"\n" + // row 6, three lines
		"5, a\n" // row 7
	path := filepath.Join(t.TempDir(), "t.csv")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	tr, err := ReadTruth(path, "entity", nil)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Records != 5 {
		t.Errorf("Records = %d, want 5", tr.Records)
	}
	want := []int32{-1, -1, 0, 1, -1, 2, 3, 1}
	if fmt.Sprint(tr.entity) != fmt.Sprint(want) {
		t.Errorf("entity by row = %v, want %v", tr.entity, want)
	}
}

func TestScore(t *testing.T) {
	tr := &Truth{entity: []int32{-1, -1, 0, 0, 1, 1}, Records: 4}
	row := func(n int, outcome, lead string) ReportRow {
		return ReportRow{Row: n, Outcome: outcome, LeadID: lead}
	}
	tests := []struct {
		name     string
		report   []ReportRow
		want     Pairs
		rejected int
		ceiling  float64
		err      string
	}{
		{
			name:   "merged and rejected",
			report: []ReportRow{row(2, "created", "L1"), row(3, "merged", "L1"), row(4, "created", "L2"), {Row: 5, Outcome: "rejected", Reason: "no way"}},
			want:   Pairs{Predicted: 1, True: 2, Correct: 1}, rejected: 1, ceiling: 0.5,
		},
		{name: "row without record", report: []ReportRow{row(2, "created", "L1"), row(3, "created", "L2"), row(4, "created", "L3"), row(6, "created", "L4")}, err: "row 6"},
		{name: "row twice", report: []ReportRow{row(2, "created", "L1"), row(2, "created", "L1")}, err: "twice"},
		{name: "rows missing", report: []ReportRow{row(2, "created", "L1")}, err: "1 rows, the file 4 records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Score(tr, tt.report)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Score error = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Pairs != tt.want || res.Rejected != tt.rejected || res.RecallCeiling != tt.ceiling {
				t.Errorf("Score = %+v, rejected %d, recall ceiling %v; want %+v, %d, %v",
					res.Pairs, res.Rejected, res.RecallCeiling, tt.want, tt.rejected, tt.ceiling)
			}
		})
	}
}

// TestLinkageGoals imports every linkage set of the shared corpus with the
// built-in rules and with the set's match.yaml, and checks the F1 goals.
func TestLinkageGoals(t *testing.T) {
	r := testRunner(t)
	if _, err := os.Stat(filepath.Join(r.Corpus, "linkage")); err != nil {
		t.Skipf("shared corpus not found at %s (it sits beside the repository): %v", r.Corpus, err)
	}
	checkLinkageSets(t, r)
}

// checkLinkageSets runs every linkage set with the built-in rules and
// with the set's match.yaml, each in a subtest, and checks its goal.
func checkLinkageSets(t *testing.T, r *Runner) {
	for _, s := range LinkageSets() {
		for _, v := range []Variant{Default, Configured} {
			t.Run(s.Name+"/"+string(v), func(t *testing.T) {
				if !exists(filepath.Join(r.Corpus, s.File)) {
					t.Skipf("%s not found", s.File)
				}
				r := *r
				r.Work = t.TempDir()
				checkResult(t, r.Linkage(context.Background(), s, v))
			})
		}
	}
}

// TestStoreWideGoals: the same goals hold when the sets and 20,000
// generated leads are imported with --match exact and deduplicated by a
// store-wide `leadpipe dedupe` (issue 4: after importing with dedupe
// switched off), each known shortfall above its floor.
func TestStoreWideGoals(t *testing.T) {
	r := testRunner(t)
	r.StoreWide = true
	gen := filepath.Join(r.Root, "..", "shared", "bench", "gen_leads.go")
	if !exists(gen) || !exists(filepath.Join(r.Corpus, "linkage")) {
		t.Skipf("shared corpus or lead generator not found beside the repository (%s)", r.Corpus)
	}
	checkLinkageSets(t, r)
	t.Run("generated", func(t *testing.T) {
		r := *r
		r.Work = t.TempDir()
		checkResult(t, r.Generated(context.Background(), GenOptions{Script: gen, N: 20000}))
	})
}

// TestMisses lists what a run on FEBRL 1 got wrong: its missed pairs
// with their comparison, and no wrong merge.
func TestMisses(t *testing.T) {
	r := testRunner(t)
	sets := LinkageSets()
	i := slices.IndexFunc(sets, func(s Set) bool { return s.Name == "febrl1" })
	if !exists(filepath.Join(r.Corpus, sets[i].File)) {
		t.Skipf("%s not found (the shared corpus sits beside the repository)", sets[i].File)
	}
	var out strings.Builder
	r.Work, r.Misses, r.MissOut = t.TempDir(), 3, &out
	res := r.Linkage(context.Background(), sets[i], Default)
	if res.Err != "" {
		t.Fatal(res.Err)
	}
	missed := res.True - res.Correct
	got := out.String()
	for _, want := range []string{"== febrl1 default\n", " pairs of leads hold records of one entity", "0 leads hold records of more than one entity"} {
		if !strings.Contains(got, want) {
			t.Errorf("misses lack %q:\n%s", want, got)
		}
	}
	// Three pairs shown, each with the comparison of its two leads.
	if n := regexp.MustCompile(`(?m)^L\d+ L\d+ +-?\d+\.\d .*street:`).FindAllStringIndex(got, -1); len(n) != 3 || missed == 0 {
		t.Errorf("%d pairs with their comparison shown (want 3 of %d missed):\n%s", len(n), missed, got)
	}
}

// TestGeneratedGoals imports generated leads (20,000 unless
// LEADPIPE_EVAL_N says otherwise) and checks precision and recall.
func TestGeneratedGoals(t *testing.T) {
	r := testRunner(t)
	gen := filepath.Join(r.Root, "..", "shared", "bench", "gen_leads.go")
	if !exists(gen) {
		t.Skipf("lead generator not found at %s (it sits beside the repository)", gen)
	}
	n := 20000
	if s := os.Getenv("LEADPIPE_EVAL_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n <= 0 {
			t.Fatalf("LEADPIPE_EVAL_N=%q is not a positive number", s)
		}
	}
	checkResult(t, r.Generated(context.Background(), GenOptions{Script: gen, N: n}))
}

// checkResult fails the test when the run has no figures, checks the
// invariants of the figures, and checks the goal (or, for a known
// shortfall, its floor).
func checkResult(t *testing.T, res Result) {
	t.Helper()
	if res.Err != "" {
		t.Fatalf("%s/%s: %s", res.Set, res.Variant, res.Err)
	}
	t.Logf("%s/%s: rows %d, rejected %d, pairs predicted %d, true %d, correct %d: precision %.4f, recall %.4f (at most %.4f with these rejects), F1 %.4f (%.2fs)",
		res.Set, res.Variant, res.Rows, res.Rejected, res.Predicted, res.True, res.Correct, res.Precision, res.Recall, res.RecallCeiling, res.F1, res.Seconds)
	sum := 0
	for _, n := range res.Outcomes {
		sum += n
	}
	if sum != res.Rows || res.Outcomes["rejected"] != res.Rejected {
		t.Errorf("outcomes %v do not add up to %d rows, %d rejected", res.Outcomes, res.Rows, res.Rejected)
	}
	if res.Correct > min(res.Predicted, res.True) {
		t.Errorf("%d correct pairs of %d predicted and %d true", res.Correct, res.Predicted, res.True)
	}
	if len(res.Missed) == 0 {
		return
	}
	msg := fmt.Sprintf("%s/%s: goal %s missed: %s", res.Set, res.Variant, res.Goal, strings.Join(res.Missed, ", "))
	floor, known := shortfalls[res.Set+"/"+string(res.Variant)]
	if !known {
		t.Error(msg)
		return
	}
	f1 := res.F1
	if f1 < floor {
		t.Errorf("%s; F1 %.4f fell below its floor %.2f", msg, f1, floor)
		return
	}
	t.Logf("%s (known shortfall; floor %.2f)", msg, floor)
}

// The leadpipe binary is built once per test run, into scratch, unless
// LEADPIPE_EVAL_BIN names one.
var (
	scratch   string
	buildOnce sync.Once
	built     Runner
	buildErr  error
)

func TestMain(m *testing.M) {
	var err error
	scratch, err = os.MkdirTemp("", "leadpipe-eval-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(scratch)
	os.Exit(code)
}

// testRunner returns a Runner with the binary built and a scratch folder
// of the test's own. It skips in -short mode.
func testRunner(t *testing.T) *Runner {
	t.Helper()
	if testing.Short() {
		t.Skip("builds leadpipe and imports data sets; skipped with -short")
	}
	buildOnce.Do(func() {
		ctx := context.Background()
		root, err := ModuleRoot(ctx)
		if err != nil {
			buildErr = err
			return
		}
		bin := os.Getenv("LEADPIPE_EVAL_BIN")
		if bin == "" {
			bin, err = BuildBinary(ctx, root, scratch)
		} else {
			bin, err = filepath.Abs(bin)
		}
		built = Runner{
			Bin: bin, Root: root,
			Corpus:   filepath.Join(root, "..", "shared", "corpus"),
			Testdata: filepath.Join(root, "eval", "testdata"),
		}
		buildErr = err
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	r := built
	r.Work = t.TempDir()
	return &r
}
