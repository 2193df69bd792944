package pipeline

import (
	"errors"
	"fmt"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/store/storetest"
)

func rowKinds(obs *recorder) string {
	s := ""
	for _, r := range obs.rows {
		s += fmt.Sprintf("%d:%s@%s ", r.rec.Row, r.out.Kind, r.out.LeadID)
	}
	return s
}

// A row that brings nothing new to L1 comes before the row whose merge
// joins L2 into L1: its signature waits in im.absorbed[L1] for L1 to
// change. The join changes L1, but the signature is never stored, so a
// re-import of the same file finds the row again, matches L1 (now with
// L2's postal code) and merges it: the re-import changes the lead.
func TestReviewReimportAfterJoinChangesNothing(t *testing.T) {
	st := storetest.OpenTest(t)
	undoImport(t, st, "imp-a", "a.csv", joinHead+joinRow1+joinRow2)
	// Row 2 of b: L1's values, the e-mail address in capitals (another
	// signature, nothing new).
	b := joinHead + "Anna;Nowak;Nowak Sp. z o.o.;ANNA@nowak.pl;;;61-001;Poznań;PL\n" + joinRow3
	sum := undoImport(t, st, "imp-b", "b.csv", b)
	if sum.Unchanged != 1 || sum.Merged != 1 || sum.Dedupe.Joined != 1 {
		t.Fatalf("import b: %+v, %+v; want 1 unchanged, 1 merged, 1 joined", sum.Counts, sum.Dedupe)
	}
	again, obs := runImport(t, st, ImportOptions{
		Files:       []string{writeFile(t, "b.csv", b)},
		NewImportID: func() string { return "imp-c" },
		Match:       dedupe.NewMatcher(dedupe.DefaultConfig()),
	})
	if again.Unchanged != 2 || again.Merged != 0 || again.Created != 0 {
		t.Errorf("re-import of b: %+v (%s); want every row unchanged", again.Counts, rowKinds(obs))
	}
}

// The import creates L2 (row 2) and merges row 3 into it, which joins
// L2 into the older L1. A later import merges a row into L1, which
// blocks L1. undo --partial keeps L1 (with the join) but deletes L2, the
// lead L1's merge record names: the join can no longer be taken back.
func TestReviewPartialUndoKeepsJoinedLead(t *testing.T) {
	st := storetest.OpenTest(t)
	undoImport(t, st, "imp-a", "a.csv", joinHead+joinRow1)
	sum := undoImport(t, st, "imp-b", "b.csv", joinHead+joinRow2+joinRow3)
	if sum.Created != 1 || sum.Merged != 1 || sum.Dedupe.Joined != 1 {
		t.Fatalf("import b: %+v, %+v; want 1 created, 1 merged, 1 joined", sum.Counts, sum.Dedupe)
	}
	if l, _ := st.Lead(2); l.MergedInto != 1 {
		t.Fatalf("L2 merged into %s, want L1", l.MergedInto)
	}
	c := undoImport(t, st, "imp-c", "c.csv", "Vorname;Nachname;E-Mail;Position;Land\nAnna;Nowak;anna@nowak.pl;Prezes;PL\n")
	if c.Merged != 1 {
		t.Fatalf("import c: %+v; want 1 merged", c.Counts)
	}
	rep, err := Undo(st, "imp-b", UndoOptions{Partial: true})
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
	t.Logf("partial undo: %+v", rep)
	surv, err := st.Lead(1)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range surv.Merges {
		if m.From == 0 {
			continue
		}
		if _, err := st.Lead(m.From); errors.Is(err, crm.ErrNotFound) {
			t.Errorf("L1 keeps the merge record of %s (import %s), which the undo deleted", m.From, m.ID)
		}
	}
	checkJoins(t, st)
}

// L2 was flagged as a possible duplicate of L1 before import b; the join
// clears the flag (MergeLeads), and the undo does not give it back: the
// pair leaves the review queue for good.
func TestReviewUndoOfJoinKeepsFlag(t *testing.T) {
	st := storetest.OpenTest(t)
	undoImport(t, st, "imp-a", "a.csv", joinHead+joinRow1+joinRow2)
	// As a row scoring review_at flags it (set here: the rows of
	// joinHead do not share a block).
	before, _ := st.Lead(2)
	before.PossibleDuplicateOf = 1
	if err := st.Apply(&crm.Batch{Leads: []*crm.Lead{before}}); err != nil {
		t.Fatal(err)
	}
	undoImport(t, st, "imp-b", "b.csv", joinHead+joinRow3)
	if _, err := Undo(st, "imp-b", UndoOptions{}); err != nil {
		t.Fatal(err)
	}
	if l, _ := st.Lead(2); l.PossibleDuplicateOf != before.PossibleDuplicateOf {
		t.Errorf("L2 after undo: possible_duplicate_of %s, before import b %s", l.PossibleDuplicateOf, before.PossibleDuplicateOf)
	}
}
