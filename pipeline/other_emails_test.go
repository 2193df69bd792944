package pipeline

import (
	"slices"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// TestMergeKeepsCellAddresses: a second address in a lead's e-mail cell
// (Google's "a@firma.pl ::: b@wp.pl") is one of the person's addresses.
// A later row with another e-mail address merges and brings its own raw
// cell, and an undo or unmerge sets the raw value to the normalized old
// address: the second address must stay (the importer keeps it in a
// custom field of its own, "E-mail 1 - Value (more)"), and a row from it
// must still find the person.
func TestMergeKeepsCellAddresses(t *testing.T) {
	s := newFileStore(t)
	imp := func(name, content string) *Summary {
		sum, _ := runImport(t, s.db, ImportOptions{Files: []string{writeFile(t, name, content)}, Match: dedupe.NewMatcher(dedupe.DefaultConfig())})
		return sum
	}
	imp("google.csv", "Name,Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value\n"+
		"Anna Nowak,Anna,Nowak,anna.nowak@transpol.pl ::: anka.nowak@wp.pl,+48 601 234 567\n")
	if sum := imp("job.csv", "Vorname,Nachname,E-Mail,Mobil,Land\nAnna,Nowak,a.nowak@transpol-logistics.pl,+48 601 234 567,PL\n"); sum.Merged != 1 {
		t.Fatalf("the new job's row: %+v, want it merged", sum.Counts)
	}
	l, err := s.db.Lead(1)
	if err != nil {
		t.Fatal(err)
	}
	if o := dedupe.OtherEmails(l); len(o) != 1 || o[0] != "anka.nowak@wp.pl" && o[0] != "anna.nowak@transpol.pl" {
		t.Errorf("other addresses after the merge: %q, want the cell's private one kept", o)
	}
	if sum := imp("web.csv", "first_name,last_name,email,city,country\nAnna,Nowak,anka.nowak@wp.pl,Poznań,PL\n"); sum.Merged != 1 {
		t.Errorf("a row from the cell's second address after the merge: %+v, want it merged into lead 1", sum.Counts)
	}
	if _, err := dedupe.Unmerge(s.db, 1, l.UpdatedAt, "test", nil); err != nil {
		t.Fatal(err)
	}
	if l, err = s.db.Lead(1); err != nil {
		t.Fatal(err)
	}
	if o := dedupe.OtherEmails(l); len(o) == 0 {
		t.Errorf("lead 1 after the unmerge has no other address; its e-mail cell is %q", l.Raw.Value(crm.FieldEmail))
	}
}

// outlookOld is an Outlook export whose contacts an older leadpipe stored
// with their "E-mail 2 Address" as a plain custom field; leads 2 and 3
// have none.
const outlookOld = "First Name,Last Name,Company,E-mail Address,E-mail 2 Address,Business City,Business Country/Region\n" +
	"Sarah,McDonald,Highland Trading Ltd.,sarah.mcdonald@highland-trading.co.uk,sarah.mcd@gmail.com,Edinburgh,GB\n" +
	"Jürgen,Müller,Müller Maschinenbau GmbH,j.mueller@mueller-maschinenbau.de,,Stuttgart,DE\n" +
	"Piotr,Zieliński,Transpol Sp. z o.o.,p.zielinski@transpol.pl,,Kraków,PL\n"

// oldStore returns a store as a leadpipe before e-mail fields (schema 5)
// left it after importing files one by one: its leads (and the rows their
// merge records keep) name no e-mail fields, and
// their index entries hold no keys of their other addresses. It imports
// the files with this leadpipe and takes both away, so the row signatures
// are those a re-import computes.
func oldStore(t *testing.T, files ...string) *fileStore {
	t.Helper()
	s := newFileStore(t)
	for _, f := range files {
		runImport(t, s.db, ImportOptions{Files: []string{f}, Match: dedupe.NewMatcher(dedupe.DefaultConfig())})
	}
	b := &crm.Batch{}
	for _, l := range allLeads(t, s.db) {
		e, err := s.db.Index(l.ID)
		if err != nil {
			t.Fatal(err)
		}
		l.EmailFields = nil
		for _, m := range l.Merges {
			if m.Lead != nil {
				m.Lead.EmailFields = nil
			}
		}
		e.Keys = dedupe.Hashes(dedupe.ExactKeys(l))
		b.Leads, b.Index = append(b.Leads, l), append(b.Index, e)
	}
	if err := s.db.Apply(b); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
	storetest.BeforeEmailFields(t, s.path)
	s.open()
	if named, err := s.db.EmailFieldsNamed(); err != nil || named {
		t.Fatalf("old store: EmailFieldsNamed = %v, %v", named, err)
	}
	return s
}

// TestOldStoreOtherColumns: a lead stored before leadpipe named the
// e-mail columns among its custom fields (crm.Lead.EmailFields) kept its
// "E-mail 2 Address" as a plain custom field, and a re-import of its file
// is "unchanged" by the row's signature. The first import into the old
// store names the column (NameEmailFields), so a row from the other
// address finds the lead, fuzzy and by exact keys alike.
func TestOldStoreOtherColumns(t *testing.T) {
	web := "first_name,last_name,email,city,country\nSarah,McDonald,sarah.mcd@gmail.com,Glasgow,GB\n"
	for _, tt := range []struct {
		name  string
		match *dedupe.Matcher
	}{
		{"fuzzy", dedupe.NewMatcher(dedupe.DefaultConfig())},
		{"exact", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := oldStore(t, writeFile(t, "outlook.csv", outlookOld))
			again, _ := runImport(t, s.db, ImportOptions{Files: []string{writeFile(t, "outlook.csv", outlookOld)}, Match: tt.match})
			if again.Unchanged != 3 || again.EmailFieldsNamed != 1 || !again.Written {
				t.Errorf("re-import of the file: %+v, named %d, written %v; want 3 unchanged, 1 lead named, the store written", again.Counts, again.EmailFieldsNamed, again.Written)
			}
			if l := mustLead(t, s.db, 1); !slices.Equal(l.EmailFields, []string{"E-mail 2 Address"}) {
				t.Errorf("lead 1 names %q, want its E-mail 2 Address", l.EmailFields)
			}
			sum, _ := runImport(t, s.db, ImportOptions{Files: []string{writeFile(t, "web.csv", web)}, Match: tt.match})
			if sum.Merged != 1 || sum.EmailFieldsNamed != 0 {
				t.Errorf("a row from the old lead's E-mail 2 address: %+v, named %d; want it merged into lead 1, nothing named again", sum.Counts, sum.EmailFieldsNamed)
			}
		})
	}
}
