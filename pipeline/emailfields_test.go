package pipeline

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/store"
)

// outlookMore brings Jürgen Müller's private address: a merge into lead 2
// whose merge record keeps the row.
const outlookMore = "First Name,Last Name,E-mail Address,E-mail 2 Address\n" +
	"Jürgen,Müller,j.mueller@mueller-maschinenbau.de,juergen.mueller@gmx.de\n"

// upgradeStore counts the scans and writes that go through it; its
// failAt-th Apply fails, as a full disk does, writing nothing.
type upgradeStore struct {
	crm.Store
	scans   int
	batches []*crm.Batch
	failAt  int
}

func (s *upgradeStore) ForEachLead(fn func(*crm.Lead) error) error {
	s.scans++
	return s.Store.ForEachLead(fn)
}

func (s *upgradeStore) ForEachLeadFields(fn func(*crm.Lead) error) error {
	s.scans++
	return s.Store.ForEachLeadFields(fn)
}

func (s *upgradeStore) Apply(b *crm.Batch) error {
	s.batches = append(s.batches, b)
	if len(s.batches) == s.failAt {
		return errors.New("no space left on device (injected)")
	}
	return s.Store.Apply(b)
}

// withNamedLead adds lead 4 to an old store as a newer leadpipe would
// have written it before NameEmailFields existed: it names one e-mail
// field and not another. NameEmailFields must leave it alone.
func withNamedLead(t *testing.T, s *fileStore) *crm.Lead {
	t.Helper()
	l := &crm.Lead{ID: 4, FirstName: "Anna", LastName: "Nowak", Email: "anna.nowak@transpol.pl", Country: "PL",
		Custom:      map[string]string{"E-mail 2 Address": "anka.nowak@wp.pl", "Secondary Email": "a.nowak@gmail.com"},
		EmailFields: []string{"Secondary Email"}, Status: crm.StatusNew, Stage: crm.StageLead}
	if err := s.db.Apply(&crm.Batch{Leads: []*crm.Lead{l}, Index: []crm.IndexEntry{{ID: 4, Keys: dedupe.Hashes(dedupe.ExactKeys(l))}}}); err != nil {
		t.Fatal(err)
	}
	return mustLead(t, s.db, 4)
}

// TestNameEmailFieldsOnce: the upgrade reads the leads once and writes
// the leads it names with their index entries, and the store's record
// with the last of them (here all in one batch); run again, on the same
// store or after reopening it, it reads one key and writes nothing.
func TestNameEmailFieldsOnce(t *testing.T) {
	s := oldStore(t, writeFile(t, "outlook.csv", outlookOld), writeFile(t, "more.csv", outlookMore))
	named := withNamedLead(t, s)
	old := map[crm.ID]crm.IndexEntry{}
	for _, e := range allIndex(t, s.db) {
		old[e.ID] = e
	}
	st := &upgradeStore{Store: s.db}
	got, up, err := NameEmailFields(st, false)
	if err != nil {
		t.Fatal(err)
	}
	if got != crm.Store(st) || up != (EmailFieldsUpgrade{Leads: 2, Written: true}) {
		t.Errorf("NameEmailFields = %T, %+v; want the store itself, 2 leads named, written", got, up)
	}
	if st.scans != 1 || len(st.batches) != 1 {
		t.Fatalf("%d scans, %d batches; want one of each", st.scans, len(st.batches))
	}
	// The leads, their entries and the record together.
	b := st.batches[0]
	var ids []crm.ID
	for _, l := range b.Leads {
		ids = append(ids, l.ID)
	}
	if !b.EmailFieldsNamed || !slices.Equal(ids, []crm.ID{1, 2}) || len(b.Index) != 2 || b.Index[0].ID != 1 || b.Index[1].ID != 2 {
		t.Errorf("batch: named %v, leads %v, %d index entries; want the record with leads 1 and 2 and their entries", b.EmailFieldsNamed, ids, len(b.Index))
	}
	for _, id := range []crm.ID{1, 2} {
		l, e, err := s.db.LeadWithIndex(id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(l.EmailFields, []string{"E-mail 2 Address"}) {
			t.Errorf("lead %s names %q, want its E-mail 2 Address", id, l.EmailFields)
		}
		// The keys it had, and those of its other address.
		want := slices.Clone(old[id].Keys)
		for _, h := range dedupe.Hashes(dedupe.ExactKeys(l)) {
			if !slices.Contains(want, h) {
				want = append(want, h)
			}
		}
		if len(want) == len(old[id].Keys) || !slices.Equal(e.Keys, want) || !slices.Equal(e.RowSigs, old[id].RowSigs) {
			t.Errorf("lead %s: index entry %+v, was %+v; want the keys of its other address added", id, e, old[id])
		}
	}
	if l := mustLead(t, s.db, 2); len(l.Merges) != 1 || !slices.Equal(l.Merges[0].Lead.EmailFields, []string{"E-mail 2 Address"}) {
		t.Errorf("lead 2's merge record: the row names no e-mail field")
	}
	if l := mustLead(t, s.db, 4); !slices.Equal(l.EmailFields, named.EmailFields) {
		t.Errorf("lead 4, which named its e-mail fields, now names %q", l.EmailFields)
	}
	if l := mustLead(t, s.db, 3); len(l.EmailFields) != 0 {
		t.Errorf("lead 3 names %q, but has no e-mail column", l.EmailFields)
	}

	// Again: nothing to read, nothing to write.
	if _, up, err := NameEmailFields(st, false); err != nil || up != (EmailFieldsUpgrade{}) || st.scans != 1 || len(st.batches) != 1 {
		t.Errorf("second run: %+v, %v, %d scans, %d batches; want nothing done", up, err, st.scans, len(st.batches))
	}
	before := s.digest()
	st = &upgradeStore{Store: s.db}
	if _, up, err := NameEmailFields(st, false); err != nil || up != (EmailFieldsUpgrade{}) || st.scans != 0 || len(st.batches) != 0 {
		t.Errorf("after reopening: %+v, %v, %d scans, %d batches; want nothing done", up, err, st.scans, len(st.batches))
	}
	if s.digest() != before {
		t.Error("the store file changed on the second run")
	}

	// The row a merge record keeps comes back with its e-mail field.
	res, err := dedupe.Unmerge(s.db, 2, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	if l := mustLead(t, s.db, res.Restored); !slices.Equal(l.EmailFields, []string{"E-mail 2 Address"}) {
		t.Errorf("the unmerged row names %q, want its E-mail 2 Address", l.EmailFields)
	}
}

// TestNameEmailFieldsFailure: a write that fails leaves the leads of its
// batch as they were and the store without its record; the leads of the
// batches before it are named with their keys, and the next run names the
// rest.
func TestNameEmailFieldsFailure(t *testing.T) {
	defer func(n int) { nameBatchSize = n }(nameBatchSize)
	nameBatchSize = 1
	s := oldStore(t, writeFile(t, "outlook.csv", outlookOld), writeFile(t, "more.csv", outlookMore))
	st := &upgradeStore{Store: s.db, failAt: 2}
	if _, _, err := NameEmailFields(st, false); err == nil || !strings.Contains(err.Error(), "injected") {
		t.Fatalf("NameEmailFields with a failing second write: %v", err)
	}
	if named, err := s.db.EmailFieldsNamed(); err != nil || named {
		t.Errorf("after the failed write: EmailFieldsNamed = %v, %v", named, err)
	}
	if l := mustLead(t, s.db, 1); len(l.EmailFields) != 1 {
		t.Errorf("lead 1, of the batch before the failure, names %q", l.EmailFields)
	}
	if l := mustLead(t, s.db, 2); len(l.EmailFields) != 0 {
		t.Errorf("lead 2, of the failed batch, names %q", l.EmailFields)
	}
	st = &upgradeStore{Store: s.db}
	if _, up, err := NameEmailFields(st, false); err != nil || up.Leads != 1 || !up.Written {
		t.Errorf("next run: %+v, %v; want lead 2 named", up, err)
	}
	if len(st.batches) != 2 || st.batches[0].Leads[0].ID != 2 || !st.batches[1].EmailFieldsNamed || len(st.batches[1].Leads) != 0 {
		t.Errorf("next run: %d batches; want lead 2, then the record", len(st.batches))
	}
	if named, err := s.db.EmailFieldsNamed(); err != nil || !named {
		t.Errorf("after the next run: EmailFieldsNamed = %v, %v", named, err)
	}
}

// TestNameEmailFieldsDryRun: a dry run on an old store opened read-only
// matches as the real run will, and leaves the file as it was.
func TestNameEmailFieldsDryRun(t *testing.T) {
	s := oldStore(t, writeFile(t, "outlook.csv", outlookOld))
	web := writeFile(t, "web.csv", "first_name,last_name,email,city,country\nSarah,McDonald,sarah.mcd@gmail.com,Glasgow,GB\n")
	before := s.digest()
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := store.Open(s.path, store.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, match := range []*dedupe.Matcher{dedupe.NewMatcher(dedupe.DefaultConfig()), nil} {
		sum, _ := runImport(t, ro, ImportOptions{Files: []string{web}, Match: match, DryRun: true})
		if sum.Merged != 1 || sum.EmailFieldsNamed != 1 || sum.Written {
			t.Errorf("dry run (fuzzy %v): %+v, named %d, written %v; want merged, 1 lead to name, nothing written", match != nil, sum.Counts, sum.EmailFieldsNamed, sum.Written)
		}
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	s.open()
	if s.digest() != before {
		t.Error("the dry run changed the store file")
	}
	if named, err := s.db.EmailFieldsNamed(); err != nil || named {
		t.Errorf("after the dry run: EmailFieldsNamed = %v, %v", named, err)
	}
}

// TestNameEmailFieldsBatches: on the store itself, which reads the leads
// in one pass and takes the batches' writes between its reads, every
// lead to name is named however small the batches.
func TestNameEmailFieldsBatches(t *testing.T) {
	defer func(n int) { nameBatchSize = n }(nameBatchSize)
	nameBatchSize = 1
	s := oldStore(t, writeFile(t, "outlook.csv", outlookOld), writeFile(t, "more.csv", outlookMore))
	if _, up, err := NameEmailFields(s.db, false); err != nil || up != (EmailFieldsUpgrade{Leads: 2, Written: true}) {
		t.Fatalf("NameEmailFields = %+v, %v; want 2 leads named", up, err)
	}
	for _, id := range []crm.ID{1, 2} {
		if l := mustLead(t, s.db, id); !slices.Equal(l.EmailFields, []string{"E-mail 2 Address"}) {
			t.Errorf("lead %s names %q, want its E-mail 2 Address", id, l.EmailFields)
		}
	}
	if err := s.db.Check(); err != nil {
		t.Error(err)
	}
}
