package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/store"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// TestDedupeOldStore: in a store an older leadpipe wrote, Sarah's Outlook
// contact keeps her private address as a plain "E-mail 2 Address", and
// the web-form lead from that address stands apart. leadpipe dedupe names
// the column first, once, and then finds the pair; its dry run says so
// and leaves the file alone.
func TestDedupeOldStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "leadpipe.db")
	outlook := filepath.Join(dir, "outlook.csv")
	if err := os.WriteFile(outlook, []byte("First Name,Last Name,Company,E-mail Address,E-mail 2 Address,Business City,Business Country/Region\n"+
		"Sarah,McDonald,Highland Trading Ltd.,sarah.mcdonald@highland-trading.co.uk,sarah.mcd@gmail.com,Edinburgh,GB\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	leadpipe := func(args ...string) string {
		t.Helper()
		ios, _, out, errOut := Test()
		if code := run(append([]string{"--store", path, "--no-progress"}, args...), ios); code != 0 {
			t.Fatalf("leadpipe %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
		}
		return out.String()
	}
	leadpipe("import", outlook)

	// What the older leadpipe left: no e-mail fields, no keys of the
	// other address, and the web-form lead of its own.
	db, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	l, e, err := db.LeadWithIndex(1)
	if err != nil {
		t.Fatal(err)
	}
	l.EmailFields = nil
	e.Keys = dedupe.Hashes(dedupe.ExactKeys(l))
	web := &crm.Lead{ID: 2, FirstName: "Sarah", LastName: "McDonald", Email: "sarah.mcd@gmail.com", EmailFreemail: true,
		City: "Glasgow", Country: "GB", Status: crm.StatusNew, Stage: crm.StageLead, CreatedAt: l.CreatedAt.Add(time.Hour)}
	if err := db.Apply(&crm.Batch{Leads: []*crm.Lead{l, web}, Index: []crm.IndexEntry{e, {ID: 2, Keys: dedupe.Hashes(dedupe.ExactKeys(web))}}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	storetest.BeforeEmailFields(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	note := "would name the other e-mail columns (E-mail 2, ...) of 1 lead stored by an older leadpipe"
	if out := leadpipe("dedupe", "--dry-run"); !strings.Contains(out, note) || !strings.Contains(out, "would merge 1,") {
		t.Errorf("dedupe --dry-run:\n%s\nwant %q and one merge", out, note)
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, before) {
		t.Errorf("dedupe --dry-run changed the store (%v)", err)
	}
	note = "named the other e-mail columns (E-mail 2, ...) of 1 lead stored by an older leadpipe"
	if out := leadpipe("dedupe"); !strings.Contains(out, note) || !strings.Contains(out, "merged 1,") {
		t.Errorf("dedupe:\n%s\nwant %q and one merge", out, note)
	}
	if out := leadpipe("dedupe"); strings.Contains(out, "older leadpipe") || !strings.Contains(out, "merged 0,") {
		t.Errorf("dedupe again:\n%s\nwant nothing named and nothing merged", out)
	}
	storetest.MustCheck(t, path)
}
