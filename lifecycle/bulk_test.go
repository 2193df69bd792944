package lifecycle

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules"
	"github.com/leadpipe/leadpipe/store"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// seed writes leads into a new real store.
func seed(t testing.TB, leads []*crm.Lead) *store.DB {
	t.Helper()
	db := storetest.OpenTest(t)
	if err := db.Apply(&crm.Batch{Leads: leads}); err != nil {
		t.Fatal(err)
	}
	return db
}

func fileBytes(t *testing.T, db *store.DB) []byte {
	t.Helper()
	b, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bulkLeads: 1–4 qualify, 5 lacks a budget, 6 lacks e-mail and phone,
// 7 is Qualified already, 8 is converted, 9 is Disqualified (the table
// allows only Working), 10 is in PL.
func bulkLeads() []*crm.Lead {
	var leads []*crm.Lead
	for i := 1; i <= 10; i++ {
		l := complete(crm.StatusWorking, crm.StageLead)
		l.ID = crm.ID(i)
		l.LastName = fmt.Sprintf("Lead%d", i)
		leads = append(leads, l)
	}
	leads[4].Budget = ""
	leads[5].Email = ""
	leads[6].Status, leads[6].Stage = crm.StatusQualified, crm.StageSQL
	leads[7].Status, leads[7].ConvertedAt = crm.StatusConverted, now
	leads[8].Status = crm.StatusDisqualified
	leads[9].Country = "PL"
	return leads
}

func TestBulkSetStatusWhere(t *testing.T) {
	db := seed(t, bulkLeads())
	m := Default()
	match, err := rules.NewMatcher(`country == "DE"`, now)
	if err != nil {
		t.Fatal(err)
	}
	opts := BulkOptions{Reason: "fair follow-up", Now: now, DryRun: true, BatchSize: 2}
	before := fileBytes(t, db)

	dry, err := m.BulkSetStatus(context.Background(), db, Selection{Where: match.Match}, crm.StatusQualified, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, fileBytes(t, db)) {
		t.Fatal("a dry run wrote")
	}
	// The converted lead 8 is skipped and counted, not refused: a
	// nightly status set after a convert is no failure (exit 3).
	if !dry.Balanced() || dry.Selected != 9 || dry.Changed != 4 || dry.Unchanged != 1 || dry.Converted != 1 || len(dry.Refused) != 3 {
		t.Fatalf("dry run: %+v", dry)
	}
	want := `dry run: nothing was written
9 leads selected: 4 set to Qualified, 1 unchanged, 3 refused, 1 converted (read-only, skipped)
stages:
  4 leads Lead → SQL
refused:
  1 lead: cannot change status from Disqualified to Qualified (allowed: Working)
  1 lead: cannot set status Qualified: missing: budget
  1 lead: cannot set status Qualified: missing: email or phone
  L0000005  cannot set status Qualified: missing: budget
  L0000006  cannot set status Qualified: missing: email or phone
  L0000009  cannot change status from Disqualified to Qualified (allowed: Working)
`
	if dry.String() != want {
		t.Errorf("report:\n%s\nwant\n%s", dry, want)
	}
	if r := dry.Refused[0]; r.ID != 5 || len(r.Missing) != 1 || r.Missing[0] != "budget" {
		t.Errorf("refusal = %+v", r)
	}

	opts.DryRun = false
	real, err := m.BulkSetStatus(context.Background(), db, Selection{Where: match.Match}, crm.StatusQualified, opts)
	if err != nil {
		t.Fatal(err)
	}
	if real.Written != 4 || real.Changed != 4 || real.Converted != 1 || len(real.Refused) != 3 {
		t.Fatalf("real run: %+v", real)
	}
	for id := crm.ID(1); id <= 10; id++ {
		l, err := db.Lead(id)
		if err != nil {
			t.Fatal(err)
		}
		wantChanged := id <= 4
		if got := l.Status == crm.StatusQualified && len(l.History) == 2; got != wantChanged {
			t.Errorf("lead %s: status %s, history %v", id, l.Status, l.History)
		}
		if wantChanged && (l.History[0].Reason != "fair follow-up" || l.History[0].By != "status set" || l.Stage != crm.StageSQL) {
			t.Errorf("lead %s history %+v stage %s", id, l.History, l.Stage)
		}
	}

	// Again: everything is done or refused; nothing is written.
	before = fileBytes(t, db)
	again, err := m.BulkSetStatus(context.Background(), db, Selection{Where: match.Match}, crm.StatusQualified, opts)
	if err != nil || again.Changed != 0 || again.Unchanged != 5 || again.Written != 0 {
		t.Fatalf("again: %+v, %v", again, err)
	}
	if !bytes.Equal(before, fileBytes(t, db)) {
		t.Error("a run without changes wrote")
	}
}

func TestBulkSetStatusIDs(t *testing.T) {
	db := seed(t, bulkLeads())
	m := Default()
	rep, err := m.BulkSetStatus(context.Background(), db, Selection{IDs: []crm.ID{3, 1, 3, 42, 9}}, crm.StatusDisqualified,
		BulkOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	// No reason given: the Disqualified gate refuses 1 and 3; 9 is
	// Disqualified already; 42 does not exist.
	if !rep.Balanced() || rep.Selected != 4 || rep.Changed != 0 || rep.Unchanged != 1 || len(rep.Refused) != 3 {
		t.Fatalf("%+v", rep)
	}
	if r := rep.Refused[2]; r.ID != 42 || r.Reason != "not found" || !errors.Is(r.Err, crm.ErrNotFound) {
		t.Errorf("missing id: %+v", r)
	}
	rep, err = m.BulkSetStatus(context.Background(), db, Selection{IDs: []crm.ID{1, 3}}, crm.StatusDisqualified,
		BulkOptions{Now: now, Reason: "no budget this year", By: "status set"})
	if err != nil || rep.Changed != 2 || rep.Written != 2 {
		t.Fatalf("%+v, %v", rep, err)
	}
	l, _ := db.Lead(3)
	if l.Status != crm.StatusDisqualified || l.History[0].Reason != "no budget this year" {
		t.Errorf("lead 3: %s %+v", l.Status, l.History)
	}
	// A converted lead named by id is refused, unlike one a condition
	// selects.
	rep, err = m.BulkSetStatus(context.Background(), db, Selection{IDs: []crm.ID{8}}, crm.StatusWorking, BulkOptions{Now: now})
	if err != nil || !rep.Balanced() || rep.Converted != 0 || len(rep.Refused) != 1 || !errors.Is(rep.Refused[0].Err, ErrConverted) {
		t.Fatalf("converted by id: %+v, %v", rep, err)
	}
}

func TestBulkSetStatusWhereError(t *testing.T) {
	db := seed(t, bulkLeads())
	match, err := rules.NewMatcher(`int(last_name) > 0`, now)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Default().BulkSetStatus(context.Background(), db, Selection{Where: match.Match}, crm.StatusNurturing, BulkOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Refused) != 10 || strings.Contains(rep.String(), "Lead1") {
		t.Errorf("%s", rep)
	}
}

func TestBulkSetStatusBadInput(t *testing.T) {
	db := seed(t, bulkLeads())
	m := Default()
	if _, err := m.BulkSetStatus(context.Background(), db, Selection{}, crm.StatusWorking, BulkOptions{Now: now}); err == nil {
		t.Error("an empty selection was accepted")
	}
	if _, err := m.BulkSetStatus(context.Background(), db, Selection{IDs: []crm.ID{1}}, "Won", BulkOptions{Now: now}); err == nil {
		t.Error("an unknown status was accepted")
	}
	rep, _ := m.BulkSetStatus(context.Background(), db, Selection{IDs: []crm.ID{1}}, crm.StatusConverted, BulkOptions{Now: now})
	if len(rep.Refused) != 1 {
		t.Errorf("Converted by status set: %+v", rep)
	}
}

func TestBulkReportLimit(t *testing.T) {
	rep := BulkReport{To: crm.StatusQualified, Selected: 3}
	for i := 1; i <= 3; i++ {
		rep.Refused = append(rep.Refused, Refusal{ID: crm.ID(i), Reason: "cannot set status Qualified: missing: budget"})
	}
	var b strings.Builder
	rep.WriteText(&b, 2)
	if !strings.HasSuffix(b.String(), "  L0000002  cannot set status Qualified: missing: budget\n  ... and 1 more\n") {
		t.Errorf("%s", b.String())
	}
}

// TestBulkSetStatusMergedAway: a lead merged into another is read-only and
// hidden. A condition never selects it; named by id, it is refused with
// the lead it went into, and left untouched.
func TestBulkSetStatusMergedAway(t *testing.T) {
	leads := bulkLeads()
	leads[1].MergedInto = 1 // L0000002 went into L0000001
	db := seed(t, leads)
	m := Default()
	match, err := rules.NewMatcher(`country == "DE"`, now)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := m.BulkSetStatus(context.Background(), db, Selection{Where: match.Match}, crm.StatusNurturing, BulkOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	// Nine leads in DE, one of them merged away: 8 selected; 7 and 9 (the
	// table has no move to Nurturing from Qualified or Disqualified)
	// refused, 8 (converted) skipped.
	if !rep.Balanced() || rep.Selected != 8 || rep.Changed != 5 || rep.Converted != 1 || len(rep.Refused) != 2 {
		t.Fatalf("--where: %+v", rep)
	}
	for _, r := range rep.Refused {
		if r.ID == 2 {
			t.Errorf("merged-away lead selected by a condition: %+v", r)
		}
	}

	rep, err = m.BulkSetStatus(context.Background(), db, Selection{IDs: []crm.ID{2}}, crm.StatusWorking, BulkOptions{Now: now, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Balanced() || rep.Selected != 1 || rep.Changed != 0 || len(rep.Refused) != 1 {
		t.Fatalf("--id: %+v", rep)
	}
	var me *MergedError
	if r := rep.Refused[0]; r.ID != 2 || !errors.As(r.Err, &me) || me.Into != 1 || !errors.Is(r.Err, ErrMergedAway) ||
		r.Reason != "merged into L0000001, read-only; change L0000001 instead" {
		t.Errorf("refusal: %+v", r)
	}
	l, err := db.Lead(2)
	if err != nil {
		t.Fatal(err)
	}
	if l.Status != crm.StatusWorking || len(l.History) != 0 {
		t.Errorf("merged-away lead changed: status %s, history %+v", l.Status, l.History)
	}
}
