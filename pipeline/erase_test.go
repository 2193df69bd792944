package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
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

// TestEraseScrubsIndex: the person's row, merged into another person's
// lead, left its keys (an unkeyed hash of the e-mail address) and its row
// signature in that lead's index entry: erase removes them, keeps the
// lead's own keys, and a re-import of the row is then refused as erased
// rather than taken for a known row.
func TestEraseScrubsIndex(t *testing.T) {
	s := newFileStore(t)
	imp := func(name, content string) Summary {
		sum, _ := runImport(t, s.db, ImportOptions{Files: []string{writeFile(t, name, content)}, Match: dedupe.NewMatcher(dedupe.DefaultConfig())})
		return *sum
	}
	const head = "Vorname;Nachname;Firma;E-Mail;Telefon;Position;Land\n"
	imp("1.csv", head+"Jan;Nowak;Nowak S.A.;jan@nowak.pl;+48 22 1234567;;PL\n")
	private := head + "Jan;Nowak;Nowak S.A.;jan.prywatny@example.pl;+48 22 1234567;;PL\n"
	if sum := imp("2.csv", private); sum.Merged != 1 {
		t.Fatalf("the private row: %+v, want it merged into lead 1", sum.Counts)
	}
	if sum := imp("3.csv", head+"Jan;Nowak;Nowak S.A.;jan@nowak.pl;+48 22 1234567;CEO;PL\n"); sum.Merged != 1 {
		t.Fatalf("the third row: %+v, want it merged", sum.Counts)
	}
	emailKey := func(e string) uint64 { return dedupe.Hashes(dedupe.ExactKeys(&crm.Lead{Email: e}))[0] }
	before, err := s.db.Index(1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(before.Keys, emailKey("jan.prywatny@example.pl")) || len(before.RowSigs) != 3 {
		t.Fatalf("index entry before the erase: %+v; want the private address's key and 3 row signatures", before)
	}
	rep, err := Erase(s.db, EraseTarget{Email: "jan.prywatny@example.pl"}, UndoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Leads) != 0 || !slices.Equal(rep.Scrubbed, []crm.ID{1}) {
		t.Fatalf("erase %+v: want lead 1 scrubbed, not removed", rep)
	}
	after, err := s.db.Index(1)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(after.Keys, emailKey("jan.prywatny@example.pl")) {
		t.Errorf("the private address's key is still in lead 1's index entry")
	}
	if !slices.Contains(after.Keys, emailKey("jan@nowak.pl")) || len(after.RowSigs) != 2 {
		t.Errorf("index entry after the erase: %+v; want the lead's own key and 2 row signatures", after)
	}
	if sum := imp("2.csv", private); sum.Rejected != 1 {
		t.Errorf("re-import of the erased row: %+v, want it refused as erased", sum.Counts)
	}
}

// TestEraseSharedContact: two leads converted into one contact (contacts
// match by name and phone); erasing the person by one lead's e-mail
// removes the contact and unlinks the other lead from it, so every link
// the store keeps still holds.
func TestEraseSharedContact(t *testing.T) {
	s := newFileStore(t)
	a := &crm.Lead{ID: 1, FirstName: "Jan", LastName: "Nowak", Company: "Nowak S.A.", Email: "jan@nowak.pl", Phone: "+48221234567",
		Status: crm.StatusConverted, AccountID: 1, ContactID: 1}
	b := &crm.Lead{ID: 2, FirstName: "Jan", LastName: "Nowak", Company: "Nowak S.A.", Email: "biuro@nowak.pl", Phone: "+48221234567",
		Status: crm.StatusConverted, AccountID: 1, ContactID: 1}
	err := s.db.Apply(&crm.Batch{
		Leads:    []*crm.Lead{a, b},
		Index:    []crm.IndexEntry{{ID: 1}, {ID: 2}},
		Accounts: []*crm.Account{{ID: 1, Name: "Nowak S.A.", Leads: []crm.ID{1, 2}}},
		Contacts: []*crm.Contact{{ID: 1, AccountID: 1, FirstName: "Jan", LastName: "Nowak", Email: "jan@nowak.pl", Leads: []crm.ID{1, 2}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Erase(s.db, EraseTarget{Email: "jan@nowak.pl"}, UndoOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.CheckLinks(); err != nil {
		t.Errorf("after the erase: %v", err)
	}
	if l, err := s.db.Lead(2); err != nil || l.ContactID != 0 {
		t.Errorf("lead 2 after the erase: %+v, %v; want it unlinked from the erased contact", l, err)
	}
}

// TestEraseOtherAddressOfAnotherLead: the erased person's address sits in
// other leads' "E-mail 2 Address" (an assistant's, which her bosses'
// contacts list): erase takes it out of them, their merged rows and their
// index entries, so that its bytes are gone from the file and no lead
// matches on it; the bosses' leads stay.
func TestEraseOtherAddressOfAnotherLead(t *testing.T) {
	s := newFileStore(t)
	const bosses = "First Name,Last Name,Company,E-mail Address,E-mail 2 Address,Business Postal Code,Business Country/Region\n" +
		"Thomas,Schmidt,Schmidt Bau GmbH,thomas@schmidt-bau.de,canary.assistant@buero-hofmann.de,50667,Germany\n"
	// A second export of Thomas Weber merges into his lead: the address
	// also sits in a merge record's row.
	const weber1 = "First Name,Last Name,Company,E-mail Address,Business Postal Code,Business Country/Region\n" +
		"Thomas,Weber,Weber Logistik AG,t.weber@weber-logistik.de,53111,Germany\n"
	const weber2 = "First Name,Last Name,Company,E-mail Address,E-mail 2 Address,Business Postal Code,Business Country/Region\n" +
		"Thomas,Weber,Weber Logistik AG,t.weber@weber-logistik.de,canary.assistant@buero-hofmann.de,53111,Germany\n"
	const own = "Vorname,Nachname,E-Mail,PLZ,Land\nSabine,Hofmann,canary.assistant@buero-hofmann.de,50667,DE\n"
	for i, content := range []string{bosses, weber1, weber2, own} {
		runImport(t, s.db, ImportOptions{Files: []string{writeFile(t, fmt.Sprintf("%d.csv", i), content)}, Match: dedupe.NewMatcher(dedupe.DefaultConfig())})
	}
	canary := []byte("canary.assistant")
	if !bytes.Contains(s.bytes(), canary) {
		t.Fatal("the store file should hold the address before the erase")
	}
	rep, err := Erase(s.db, EraseTarget{Email: "canary.assistant@buero-hofmann.de"}, UndoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Leads, []crm.ID{3}) || !slices.Equal(rep.Scrubbed, []crm.ID{1, 2}) {
		t.Fatalf("erase %+v: want lead 3 gone, leads 1 and 2 scrubbed", rep)
	}
	if i := bytes.Index(s.bytes(), canary); i >= 0 {
		t.Errorf("the store file still holds the address at byte %d after the erase", i)
	}
	key := dedupe.Hashes(dedupe.ExactKeys(&crm.Lead{Email: "canary.assistant@buero-hofmann.de"}))[0]
	for _, id := range []crm.ID{1, 2} {
		l, err := s.db.Lead(id)
		if err != nil {
			t.Fatal(err)
		}
		if o := dedupe.OtherEmails(l); len(o) != 0 || len(l.EmailFields) != 0 {
			t.Errorf("lead %s still has the other addresses %q in %q", id, o, l.EmailFields)
		}
		if e, err := s.db.Index(id); err != nil || slices.Contains(e.Keys, key) {
			t.Errorf("lead %s's index entry still holds the address's key (%v)", id, err)
		}
	}
}

// TestEraseOtherAddressInOldStore: in a store an older leadpipe wrote, a
// boss's "E-mail 2 Address" holding his assistant's address is a plain
// custom field; erasing her takes it out all the same, and a later
// import (which names the older store's e-mail columns) finds no key of
// it.
func TestEraseOtherAddressInOldStore(t *testing.T) {
	const boss = "First Name,Last Name,Company,E-mail Address,E-mail 2 Address,Business Postal Code,Business Country/Region\n" +
		"Thomas,Schmidt,Schmidt Bau GmbH,thomas@schmidt-bau.de,canary.assistant@buero-hofmann.de,50667,Germany\n"
	const own = "Vorname,Nachname,E-Mail,PLZ,Land\nSabine,Hofmann,canary.assistant@buero-hofmann.de,50667,DE\n"
	s := oldStore(t, writeFile(t, "boss.csv", boss), writeFile(t, "own.csv", own))
	if _, err := Erase(s.db, EraseTarget{Email: "canary.assistant@buero-hofmann.de"}, UndoOptions{}); err != nil {
		t.Fatal(err)
	}
	if i := bytes.Index(s.bytes(), []byte("canary.assistant")); i >= 0 {
		t.Errorf("the store file still holds the address at byte %d after the erase", i)
	}
	if _, _, err := NameEmailFields(s.db, false); err != nil {
		t.Fatal(err)
	}
	key := dedupe.Hashes(dedupe.ExactKeys(&crm.Lead{Email: "canary.assistant@buero-hofmann.de"}))[0]
	if e, err := s.db.Index(1); err != nil || slices.Contains(e.Keys, key) {
		t.Errorf("the boss's index entry holds the erased address's key (%v)", err)
	}
}
