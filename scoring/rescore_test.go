package scoring

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// seed writes leads into a new real store and returns it. Tests that
// read scores back skip when the store does not keep them (see
// TestStoreKeepsScore, which fails instead).
func seed(t testing.TB, leads []*crm.Lead) *store.DB {
	t.Helper()
	db := storetest.OpenTest(t)
	if err := db.Apply(&crm.Batch{Leads: leads}); err != nil {
		t.Fatal(err)
	}
	return db
}

// keepsScore reports whether the store round-trips what scoring writes.
func keepsScore(t testing.TB) error {
	db := storetest.OpenTest(t)
	in := &crm.Lead{ID: 1, LastName: "X", Score: 42, Grade: crm.GradeWarm,
		ScoreRules: []crm.RuleHit{{Rule: "big budget", Points: 30}, {Rule: "role", Points: -5}}}
	if err := db.Apply(&crm.Batch{Leads: []*crm.Lead{in}}); err != nil {
		return err
	}
	out, err := db.Lead(1)
	if err != nil {
		return err
	}
	if out.Score != in.Score || out.Grade != in.Grade || fmt.Sprint(out.ScoreRules) != fmt.Sprint(in.ScoreRules) {
		return fmt.Errorf("the store does not keep Lead.Score, Grade and ScoreRules: stored %d %q %v, read back %d %q %v",
			in.Score, in.Grade, in.ScoreRules, out.Score, out.Grade, out.ScoreRules)
	}
	return nil
}

// TestStoreKeepsScore: scoring needs the store's lead codec to keep
// Score, Grade and ScoreRules; without them every rescore rescores every
// lead from scratch and nothing shows in `leads show`.
func TestStoreKeepsScore(t *testing.T) {
	if err := keepsScore(t); err != nil {
		t.Fatal(err)
	}
}

func requireKeepsScore(t *testing.T) {
	t.Helper()
	if err := keepsScore(t); err != nil {
		t.Skipf("skipped: %v (TestStoreKeepsScore fails for it)", err)
	}
}

// fairLeads are the leads of a small trade fair: varied enough that every
// default rule fires somewhere, one converted lead among them.
func fairLeads() []*crm.Lead {
	leads := []*crm.Lead{ceoDE(), prezesPL(), infoUS(), headOfAT()}
	leads[2].Custom = map[string]string{"Mitarbeiter": "about 200"}
	leads[3].Custom = map[string]string{"Mitarbeiter": "120"}
	titles := []string{"CEO", "Einkaufsleiter", "Assistant", "Owner", "Dyrektor Handlowy", "", "Head of IT", "Praktikant"}
	countries := []string{"DE", "PL", "CH", "FR", "AT", "DE", "NL", "PL"}
	budgets := []string{"150000", "40000", "", "9000", "26000", "", "100000", "500"}
	for i := range titles {
		l := &crm.Lead{
			ID: crm.ID(len(leads) + 1), LastName: fmt.Sprintf("Lead%d", i), Title: titles[i], Country: countries[i],
			Budget: budgets[i], CreatedAt: day(i * 15), Status: crm.StatusNew, Stage: crm.StageLead,
		}
		if i%2 == 0 {
			l.Company = fmt.Sprintf("Firma %d GmbH", i)
			l.Email = fmt.Sprintf("p%d@firma%d.de", i, i)
		} else {
			l.Email = fmt.Sprintf("p%d@gmail.com", i)
			l.EmailFreemail = true
		}
		if i%3 == 0 {
			l.Phone = "+49301234567"
		}
		leads = append(leads, l)
	}
	conv := leads[len(leads)-1]
	conv.Status, conv.ConvertedAt, conv.Score, conv.Grade = crm.StatusConverted, day(1), 12, crm.GradeCold
	return leads
}

func fileBytes(t *testing.T, db *store.DB) []byte {
	t.Helper()
	b, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// syncHot is a stand-in for lifecycle's Sync: hot leads reach MQL.
func syncHot(l *crm.Lead, by string, now time.Time) bool {
	if l.Grade == crm.GradeHot && l.Stage.Rank() < crm.StageMQL.Rank() {
		l.History = append(l.History, crm.Change{At: now, By: by, Field: "stage", Old: string(l.Stage), New: string(crm.StageMQL)})
		l.Stage = crm.StageMQL
		return true
	}
	return false
}

func TestRescore(t *testing.T) {
	requireKeepsScore(t)
	db := seed(t, fairLeads())
	ctx := context.Background()
	eng := Default()

	// First run: every lead but the converted one is scored.
	rep, err := Rescore(ctx, db, eng, RescoreOptions{Now: now, BatchSize: 3, Sync: syncHot})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Balanced() || rep.Leads != 12 || rep.Converted != 1 || rep.Changed != 11 || rep.Written != 11 || rep.FirstTime != 11 {
		t.Fatalf("first run: %+v", rep)
	}
	l, err := db.Lead(1)
	if err != nil {
		t.Fatal(err)
	}
	if l.Score != 100 || l.Grade != crm.GradeHot || l.Stage != crm.StageMQL || len(l.ScoreRules) != 7 {
		t.Errorf("lead 1 after scoring: %d %s %s %v", l.Score, l.Grade, l.Stage, l.ScoreRules)
	}
	conv, _ := db.Lead(12)
	if conv.Score != 12 || conv.Grade != crm.GradeCold || len(conv.History) != 0 {
		t.Errorf("converted lead was changed: %+v", conv)
	}

	// Same rules, same day: nothing changes and the file is not written.
	before := fileBytes(t, db)
	rep, err = Rescore(ctx, db, eng, RescoreOptions{Now: now, Sync: syncHot})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed != 0 || rep.Written != 0 || rep.Unchanged != 11 || !rep.Balanced() {
		t.Errorf("second run: %+v", rep)
	}
	if !bytes.Equal(before, fileBytes(t, db)) {
		t.Error("an unchanged rescore wrote to the store")
	}

	// New rules in a dry run: the report, and still no write.
	cfg := DefaultConfig()
	cfg.Grades = Grades{Hot: 50, Warm: 20}
	cfg.Rules[3].Points = 10  // decision maker
	cfg.Rules[7].Points = -30 // role address
	cfg.Rules = append(cfg.Rules, Rule{Name: "employees", When: `present("Mitarbeiter") && int(custom("Mitarbeiter")) > 50`, Points: 5})
	eng2 := MustCompile(cfg)
	dry, err := Rescore(ctx, db, eng2, RescoreOptions{Now: now, DryRun: true, Sync: syncHot})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, fileBytes(t, db)) {
		t.Error("a dry run wrote to the store")
	}
	golden(t, "rescore_dry_run", dry.String())

	// The real run does what the dry run said.
	real, err := Rescore(ctx, db, eng2, RescoreOptions{Now: now, BatchSize: 4, Sync: syncHot})
	if err != nil {
		t.Fatal(err)
	}
	dry.DryRun, dry.Written = false, real.Written
	if fmt.Sprint(dry) != fmt.Sprint(real) || real.Written != real.Changed {
		t.Errorf("real run differs from the dry run:\n%s\nvs\n%s", real, dry)
	}
	l, _ = db.Lead(2)
	var fields []string
	for _, c := range l.History {
		fields = append(fields, c.Field+":"+c.Old+"→"+c.New+" by "+c.By)
	}
	if got := strings.Join(fields, ", "); got != "stage:Lead→MQL by score, score:75→60 by score" {
		t.Errorf("history of lead 2: %s", got)
	}
}

func TestRescoreEmptyStore(t *testing.T) {
	db := storetest.OpenTest(t)
	rep, err := Rescore(context.Background(), db, Default(), RescoreOptions{Now: now})
	if err != nil || rep.Leads != 0 || rep.String() != "0 leads: 0 changed, 0 unchanged, 0 converted (read-only, skipped)\n" {
		t.Errorf("empty store: %q, %v", rep.String(), err)
	}
}

func TestRescoreCancelled(t *testing.T) {
	leads := make([]*crm.Lead, 5000)
	for i := range leads {
		leads[i] = &crm.Lead{ID: crm.ID(i + 1), LastName: "X", CreatedAt: day(1)}
	}
	db := seed(t, leads)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Rescore(ctx, db, Default(), RescoreOptions{Now: now})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	l, _ := db.Lead(1)
	if l.Grade != "" {
		t.Error("a cancelled scan wrote")
	}
}

func TestRescoreRuleErrorsReported(t *testing.T) {
	db := seed(t, fairLeads())
	eng := MustCompile(Config{Rules: []Rule{{Name: "employees", When: `int(last_name) > 5`, Points: 1}}, Grades: Grades{Hot: 2, Warm: 1}})
	rep, err := Rescore(context.Background(), db, eng, RescoreOptions{Now: now, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Leads != 11 || rep.Errors[0].First != 1 {
		t.Fatalf("errors = %+v", rep.Errors)
	}
	for _, v := range []string{"Müller", "Lead"} {
		if strings.Contains(rep.String(), v) {
			t.Errorf("report shows lead value %q:\n%s", v, rep)
		}
	}
}

// TestRescoreSkipsMergedAway: a lead merged into another is read-only and
// hidden; rescoring neither changes nor counts it.
func TestRescoreSkipsMergedAway(t *testing.T) {
	requireKeepsScore(t)
	leads := fairLeads()
	gone := leads[1] // would be scored and moved to MQL
	gone.MergedInto = leads[0].ID
	db := seed(t, leads)
	rep, err := Rescore(context.Background(), db, Default(), RescoreOptions{Now: now, Sync: syncHot})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Balanced() || rep.Leads != 11 || rep.Converted != 1 || rep.Changed != 10 || rep.Written != 10 {
		t.Fatalf("rescore: %+v, want 11 leads (the merged-away one not counted), 10 changed", rep)
	}
	l, err := db.Lead(gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	if l.Score != 0 || l.Grade != "" || l.Stage != crm.StageLead || len(l.History) != 0 {
		t.Errorf("merged-away lead was changed: score %d grade %q stage %s history %v", l.Score, l.Grade, l.Stage, l.History)
	}
}
