package pipeline

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
)

const (
	eraseA = "Vorname;Nachname;Firma;E-Mail;Telefon;Land\n" +
		"Jürgen;Müller;Müller GmbH;canary.person@example.de;+49 30 7654321;DE\n" +
		"Anna;Nowak;Nowak Sp. z o.o.;anna@nowak.pl;;PL\n"
	// A second row of the person: merged, so their data also sits in a
	// merge record and in the history.
	eraseB = "Vorname;Nachname;Firma;E-Mail;Telefon;Position;Land\n" +
		"J.;Mueller;Müller GmbH;canary.person@example.de;+49 30 7654321;CEO;DE\n"
)

// storeBytes closes the store, reads the file and opens it again.
func (s *fileStore) bytes() []byte {
	s.t.Helper()
	if err := s.db.Close(); err != nil {
		s.t.Fatal(err)
	}
	s.db = nil
	data, err := os.ReadFile(s.path)
	if err != nil {
		s.t.Fatal(err)
	}
	s.open()
	return data
}

func TestEraseLeavesNoBytes(t *testing.T) {
	s := newFileStore(t)
	opts := func(name, content string, create bool) ImportOptions {
		return ImportOptions{Files: []string{writeFile(t, name, content)}, Match: dedupe.NewMatcher(dedupe.DefaultConfig()), CreateErased: create}
	}
	runImport(t, s.db, opts("a.csv", eraseA, false))
	runImport(t, s.db, opts("b.csv", eraseB, false))
	canaries := [][]byte{[]byte("canary.person"), []byte("7654321")}
	for _, c := range canaries {
		if !bytes.Contains(s.bytes(), c) {
			t.Fatalf("the store file should hold %q before the erase", c)
		}
	}
	rep, err := Erase(s.db, EraseTarget{Email: "Canary.Person@Example.DE"}, UndoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Leads) != 1 || rep.Leads[0] != 1 || rep.Tombstones != 2 || !rep.Written {
		t.Fatalf("erase %+v: want lead 1 gone, 2 tombstones", rep)
	}
	data := s.bytes()
	for _, c := range canaries {
		if i := bytes.Index(data, c); i >= 0 {
			t.Errorf("the store file still holds %q at byte %d after the erase", c, i)
		}
	}
	if _, err := s.db.Lead(1); !errors.Is(err, crm.ErrNotFound) {
		t.Errorf("lead 1 after erase: %v", err)
	}
	if _, err := s.db.Lead(2); err != nil {
		t.Errorf("the other lead went too: %v", err)
	}
	// A later import recognises the person by the tombstone: rejected,
	// or with import: erased: create, created with a warning.
	sum, obs := runImport(t, s.db, opts("a.csv", eraseA, false))
	if sum.Rejected != 1 {
		t.Fatalf("re-import after erase: %+v, want the person's row rejected", sum.Counts)
	}
	for _, ev := range obs.rows {
		if o := ev.out; o.Kind == crm.Rejected && !errors.Is(o.Err, crm.ErrErased) {
			t.Errorf("rejected for %v, want ErrErased", o.Err)
		}
	}
	sum, _ = runImport(t, s.db, opts("a2.csv", eraseA, true))
	if sum.Created != 1 || sum.Warnings == 0 {
		t.Errorf("re-import with erased: create: %+v, %d warnings; want the row created with a warning", sum.Counts, sum.Warnings)
	}
	if _, err := Erase(s.db, EraseTarget{Email: "nobody@example.de"}, UndoOptions{}); !errors.Is(err, ErrNobodyToErase) {
		t.Errorf("erasing nobody: %v", err)
	}
}
