package storetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store"
)

func TestOpenTest(t *testing.T) {
	db := OpenTest(t)
	lead := &crm.Lead{ID: 1, LastName: "Nowak"}
	if err := db.Apply(&crm.Batch{Leads: []*crm.Lead{lead}, Index: []crm.IndexEntry{{ID: 1}}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Lead(1)
	if err != nil || got.LastName != "Nowak" {
		t.Fatalf("Lead(1) = %v, %v", got, err)
	}
}

// recorder is a testing.TB that keeps failures and cleanups to itself.
type recorder struct {
	testing.TB
	failures []string
	cleanups []func()
}

func (r *recorder) Helper()          {}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Errorf(format string, a ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatalf(format string, a ...any) {
	r.Errorf(format, a...)
	r.TB.FailNow()
}

func (r *recorder) runCleanups() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

func TestCleanupCatchesCorruption(t *testing.T) {
	r := &recorder{TB: t}
	db := OpenTest(r)
	if err := db.Apply(&crm.Batch{Leads: []*crm.Lead{{ID: 1}}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Overwrite both meta pages.
	f, err := os.OpenFile(db.Path(), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, 8192), 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r.runCleanups()
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "is not a leadpipe store") {
		t.Errorf("failures = %q, want one reporting the damaged store", r.failures)
	}
}

// TestBeforeEmailFields: the store BeforeEmailFields leaves opens, keeps
// its leads, says its leads may lack their e-mail fields, and is
// consistent.
func TestBeforeEmailFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	old := &crm.Lead{ID: 1, LastName: "McDonald", Custom: map[string]string{"E-mail 2 Address": "sarah.mcd@gmail.com"}}
	if err := db.Apply(&crm.Batch{Leads: []*crm.Lead{old}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	BeforeEmailFields(t, path)
	if db, err = store.Open(path, store.Options{Timeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if named, err := db.EmailFieldsNamed(); err != nil || named {
		t.Errorf("EmailFieldsNamed = %v, %v; want false", named, err)
	}
	if l, err := db.Lead(1); err != nil || l.Custom["E-mail 2 Address"] != "sarah.mcd@gmail.com" {
		t.Errorf("Lead(1) = %v, %v", l, err)
	}
	if err := db.Check(); err != nil {
		t.Error(err)
	}
}
