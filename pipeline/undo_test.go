package pipeline

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// undoImport imports one CSV with a fixed import id and fuzzy matching.
func undoImport(t *testing.T, st crm.Store, id, name, content string) *Summary {
	t.Helper()
	sum, _ := runImport(t, st, ImportOptions{
		Files:       []string{writeFile(t, name, content)},
		NewImportID: func() string { return id },
		Match:       dedupe.NewMatcher(dedupe.DefaultConfig()),
	})
	return sum
}

const (
	undoA = "Vorname;Nachname;Firma;E-Mail;Position;Land\n" +
		"Jürgen;Müller;Müller GmbH;j.mueller@mueller.de;;DE\n" +
		"Anna;Nowak;Nowak Sp. z o.o.;anna@nowak.pl;Prezes;PL\n"
	undoB = "Vorname;Nachname;Firma;E-Mail;Position;Land\n" +
		"Jürgen;Müller;Müller GmbH;j.mueller@mueller.de;Einkaufsleiter;DE\n" +
		"Anna;Nowak;Nowak Consulting S.A.;anna@nowak.pl;Dyrektor;PL\n" +
		"Piotr;Kowalski;Kowalski Bud;piotr@kowalski.pl;;PL\n"
)

// snapshot is what a user sees of the leads: every data field by id.
func snapshot(t *testing.T, st crm.LeadReader) map[crm.ID][]string {
	t.Helper()
	out := map[crm.ID][]string{}
	err := st.ForEachLead(func(l *crm.Lead) error {
		var v []string
		for _, f := range crm.DataFields {
			v = append(v, l.Get(f))
		}
		for _, n := range l.CustomNames() {
			v = append(v, n+"="+l.Custom[n])
		}
		out[l.ID] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestUndoTakesImportBack(t *testing.T) {
	st := storetest.OpenTest(t)
	undoImport(t, st, "imp-a", "a.csv", undoA)
	before := snapshot(t, st)
	sum := undoImport(t, st, "imp-b", "b.csv", undoB)
	if sum.Created != 1 || sum.Merged != 2 {
		t.Fatalf("import b: %+v, want 1 created, 2 merged", sum.Counts)
	}
	dry, err := Undo(st, "imp-b", UndoOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(dry.Deleted) != 1 || len(dry.Reverted) != 2 || dry.Written {
		t.Fatalf("dry run %+v", dry)
	}
	rep, err := Undo(st, "imp-b", UndoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Deleted, dry.Deleted) || len(rep.Reverted) != len(dry.Reverted) || !rep.Written {
		t.Fatalf("undo %+v differs from its dry run %+v", rep, dry)
	}
	if l, err := st.Lead(2); err != nil || l.LegalForm != "Sp. z o.o." || l.CompanyKey != "nowak" {
		t.Errorf("undone company change: legal form %q, key %q, %v; want the derived facts back too", l.LegalForm, l.CompanyKey, err)
	}
	after := snapshot(t, st)
	if len(after) != len(before) {
		t.Fatalf("%d leads after undo, %d before import b", len(after), len(before))
	}
	for id, v := range before {
		if !slices.Equal(after[id], v) {
			t.Errorf("lead %s after undo:\n %q\nbefore import b:\n %q", id, after[id], v)
		}
	}
	imps, _ := st.Imports()
	if i := slices.IndexFunc(imps, func(im crm.Import) bool { return im.ID == "imp-b" }); i < 0 || imps[i].UndoneAt.IsZero() {
		t.Errorf("import record not marked undone: %+v", imps)
	}
	if _, err := Undo(st, "imp-b", UndoOptions{}); err == nil {
		t.Error("a second undo of the same import succeeded")
	}
	// The rows' signatures went with the undo: importing the file again
	// brings them back instead of calling them already imported.
	again := undoImport(t, st, "imp-c", "b.csv", undoB)
	if again.Created != 1 || again.Merged != 2 {
		t.Errorf("re-import after undo: %+v, want 1 created, 2 merged", again.Counts)
	}
}

func TestUndoBlockedByLaterChanges(t *testing.T) {
	st := storetest.OpenTest(t)
	undoImport(t, st, "imp-a", "a.csv", undoA)
	undoImport(t, st, "imp-b", "b.csv", undoB) // merges into both leads of a
	before := snapshot(t, st)
	rep, err := Undo(st, "imp-a", UndoOptions{})
	if !errors.Is(err, ErrUndoBlocked) || len(rep.Blocked) != 2 || rep.Written {
		t.Fatalf("undo of an import later ones depend on: %+v, %v; want both leads blocked", rep, err)
	}
	if after := snapshot(t, st); len(after) != len(before) {
		t.Fatal("a refused undo wrote")
	}
	// A status change after the import blocks too; --partial undoes the
	// rest and keeps what is blocked.
	st2 := storetest.OpenTest(t)
	undoImport(t, st2, "imp-a", "a.csv", undoA)
	l, _ := st2.Lead(1)
	l.Status = crm.StatusWorking
	l.History = append(l.History, crm.Change{At: time.Now().Add(time.Hour), By: "status set", Field: "status", Old: "New", New: "Working"})
	if err := st2.Apply(&crm.Batch{Leads: []*crm.Lead{l}}); err != nil {
		t.Fatal(err)
	}
	rep, err = Undo(st2, "imp-a", UndoOptions{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Blocked) != 1 || rep.Blocked[0].Lead != 1 || !slices.Equal(rep.Deleted, []crm.ID{2}) {
		t.Fatalf("partial undo %+v: want L1 kept (status changed), L2 removed", rep)
	}
	if _, err := st2.Lead(2); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("lead 2 still there: %v", err)
	}
	imps, _ := st2.Imports()
	if len(imps) != 1 || len(imps[0].Kept) != 1 {
		t.Errorf("import record %+v: want what stayed listed", imps)
	}
}
