package store

import (
	"os"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// TestJournalTornLine: a torn last line (a run killed mid-write, a full
// disk) is skipped, and the next record still starts on a line of its own.
func TestJournalTornLine(t *testing.T) {
	db, _ := openFile(t)
	at := time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)
	if err := db.RecordNothingNew(crm.Import{ID: "a", StartedAt: at}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(db.journalPath(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"id":"torn","started_at":"2026-`); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := db.RecordNothingNew(crm.Import{ID: "b", StartedAt: at.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	imps, err := db.Imports()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, im := range imps {
		ids = append(ids, im.ID)
	}
	if len(ids) != 2 || ids[0] != "a" || ids[1] != "b" {
		t.Errorf("imports = %v, want [a b] (the torn line skipped, b kept)", ids)
	}
}
