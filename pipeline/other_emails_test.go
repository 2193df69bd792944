package pipeline

import (
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
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

// TestOldStoreOtherColumns: a lead stored before leadpipe named the
// e-mail columns among its custom fields (crm.Lead.EmailFields) keeps
// its "E-mail 2 Address" as a plain custom field, and a re-import of its
// file is "unchanged" by the row's signature: its other address never
// becomes a match key, while the same file imported into a new store
// matches on it.
func TestOldStoreOtherColumns(t *testing.T) {
	t.Skip("BUG: leads written before schema 6 never match on their other e-mail columns, not even after importing their file again (rows known by signature are not rebuilt); the store cannot tell which custom fields were e-mail columns")
	s := newFileStore(t)
	old := &crm.Lead{ID: 1, FirstName: "Sarah", LastName: "McDonald", Company: "Highland Trading Ltd.", CompanyKey: "highland trading",
		Email: "sarah.mcdonald@highland-trading.co.uk", City: "Edinburgh", Country: "GB",
		Custom: map[string]string{"E-mail 2 Address": "sarah.mcd@gmail.com"}, Status: crm.StatusNew, Stage: crm.StageLead}
	if err := s.db.Apply(&crm.Batch{Leads: []*crm.Lead{old}, Index: []crm.IndexEntry{{ID: 1, Keys: dedupe.Hashes(dedupe.ExactKeys(old))}}}); err != nil {
		t.Fatal(err)
	}
	sum, _ := runImport(t, s.db, ImportOptions{Files: []string{writeFile(t, "web.csv", "first_name,last_name,email,city,country\nSarah,McDonald,sarah.mcd@gmail.com,Glasgow,GB\n")},
		Match: dedupe.NewMatcher(dedupe.DefaultConfig())})
	if sum.Merged != 1 {
		t.Errorf("a row from the old lead's E-mail 2 address: %+v, want it merged into lead 1", sum.Counts)
	}
}
