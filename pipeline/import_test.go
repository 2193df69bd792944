package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/importer"
	"github.com/leadpipe/leadpipe/store"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// The clocks of the first and of a later import. Every test injects them
// (and the import ids), so that stored leads are comparable byte for byte.
var (
	t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	t1 = time.Date(2026, 3, 9, 14, 30, 0, 0, time.UTC)
)

// testOptions returns the options of a deterministic import of files.
func testOptions(importID string, at time.Time, files ...string) ImportOptions {
	return ImportOptions{
		Files:       files,
		Build:       importer.BuildOptions{Region: "DE", Now: func() time.Time { return at }},
		NewImportID: func() string { return importID },
	}
}

// rowEvent is one Observer.Row call: the outcome and the record, copied,
// and the index of the file it belongs to (by FileStarted calls).
type rowEvent struct {
	file   int
	out    crm.Outcome
	rec    importer.Record
	fields []string
}

// recorder is an Observer that keeps everything it is told.
type recorder struct {
	started []FileInfo
	rows    []rowEvent
	done    []FileSummary
	// onRow, when set, runs after each row with the number of rows so far.
	onRow func(n int)
}

func (r *recorder) FileStarted(f FileInfo) { r.started = append(r.started, f) }

func (r *recorder) Row(o *crm.Outcome, rec *importer.Record) {
	ev := rowEvent{file: len(r.started) - 1, out: *o, rec: *rec}
	ev.out.Changed = slices.Clone(o.Changed)
	ev.out.Warnings = slices.Clone(o.Warnings)
	ev.fields = slices.Clone(rec.Fields)
	ev.rec.Fields = ev.fields
	r.rows = append(r.rows, ev)
	if r.onRow != nil {
		r.onRow(len(r.rows))
	}
}

func (r *recorder) Progress(string, int64, int64) {}

func (r *recorder) FileDone(f FileSummary) { r.done = append(r.done, f) }

// outcomes returns the outcomes in input order, without their errors (see
// errTexts), so that two runs can be compared with reflect.DeepEqual.
func (r *recorder) outcomes() []crm.Outcome {
	out := make([]crm.Outcome, len(r.rows))
	for i, ev := range r.rows {
		out[i] = ev.out
		out[i].Err = nil
	}
	return out
}

func (r *recorder) kinds() []crm.OutcomeKind {
	k := make([]crm.OutcomeKind, len(r.rows))
	for i, ev := range r.rows {
		k[i] = ev.out.Kind
	}
	return k
}

// byRow returns the outcome of the given spreadsheet row of the first file.
func (r *recorder) byRow(t *testing.T, row int) crm.Outcome {
	t.Helper()
	for _, ev := range r.rows {
		if ev.file == 0 && ev.out.Row == row {
			return ev.out
		}
	}
	t.Fatalf("no outcome for row %d", row)
	return crm.Outcome{}
}

// checkCounts asserts the invariants every import must keep: in the
// summary and in every file, created+merged+unchanged+rejected == rows; the
// files add up to the totals; Observer.Row was called once per counted row,
// and its outcomes, tallied per file, give the same counts; every outcome
// is well-formed and row numbers increase within a file.
func checkCounts(t *testing.T, sum *Summary, obs *recorder) {
	t.Helper()
	if sum == nil {
		t.Fatal("Import returned no summary")
	}
	if !sum.Counts.Balanced() {
		t.Errorf("totals %+v: created+merged+unchanged+rejected != rows", sum.Counts)
	}
	var files crm.Counts
	warnings := 0
	for _, fs := range sum.Files {
		if !fs.Counts.Balanced() {
			t.Errorf("file %s: counts %+v: created+merged+unchanged+rejected != rows", fs.File, fs.Counts)
		}
		files = files.Plus(fs.Counts)
		warnings += fs.Warnings
	}
	if files != sum.Counts {
		t.Errorf("files add up to %+v, totals are %+v", files, sum.Counts)
	}
	if warnings != sum.Warnings {
		t.Errorf("files have %d warnings, totals %d", warnings, sum.Warnings)
	}
	if len(obs.rows) != sum.Rows {
		t.Errorf("Observer.Row called %d times, summary counts %d rows", len(obs.rows), sum.Rows)
	}
	if len(obs.started) != len(sum.Files) || len(obs.done) != len(sum.Files) {
		t.Errorf("Observer saw %d FileStarted and %d FileDone calls for %d files in the summary",
			len(obs.started), len(obs.done), len(sum.Files))
	}
	perFile := make([]crm.Counts, len(sum.Files))
	perWarn := make([]int, len(sum.Files))
	lastRow := make([]int, len(sum.Files))
	for _, ev := range obs.rows {
		o := ev.out
		if ev.file < 0 || ev.file >= len(perFile) {
			t.Errorf("row %d reported outside of FileStarted/FileDone (file index %d)", o.Row, ev.file)
			continue
		}
		perFile[ev.file].Add(o.Kind)
		perWarn[ev.file] += len(o.Warnings)
		if o.File != sum.Files[ev.file].File {
			t.Errorf("outcome of row %d names file %q, want %q", o.Row, o.File, sum.Files[ev.file].File)
		}
		if o.Row <= lastRow[ev.file] {
			t.Errorf("%s: row %d follows row %d", o.File, o.Row, lastRow[ev.file])
		}
		lastRow[ev.file] = o.Row
		switch o.Kind {
		case crm.Created, crm.Merged, crm.Unchanged:
			if o.LeadID == 0 || o.Err != nil {
				t.Errorf("%s row %d: %s outcome with lead %d and error %v", o.File, o.Row, o.Kind, o.LeadID, o.Err)
			}
			if o.Kind == crm.Merged && len(o.Changed) == 0 {
				t.Errorf("%s row %d: merged, but no field named as changed", o.File, o.Row)
			}
		case crm.Rejected:
			if o.Err == nil || o.Reason == "" || o.LeadID != 0 {
				t.Errorf("%s row %d: rejected with err %v, reason %q, lead %d", o.File, o.Row, o.Err, o.Reason, o.LeadID)
			}
		default:
			t.Errorf("%s row %d: unknown outcome %q", o.File, o.Row, o.Kind)
		}
	}
	for i, fs := range sum.Files {
		if perFile[i] != fs.Counts {
			t.Errorf("file %s: observer tallies %+v, summary %+v", fs.File, perFile[i], fs.Counts)
		}
		if perWarn[i] != fs.Warnings {
			t.Errorf("file %s: observer saw %d warnings, summary %d", fs.File, perWarn[i], fs.Warnings)
		}
		if i < len(obs.done) && obs.done[i].Counts != fs.Counts {
			t.Errorf("file %s: FileDone had %+v, summary %+v", fs.File, obs.done[i].Counts, fs.Counts)
		}
		if i < len(obs.started) && obs.started[i].Name != fs.File {
			t.Errorf("FileStarted %d named %q, summary %q", i, obs.started[i].Name, fs.File)
		}
	}
}

// runImport runs Import, asserts the invariants and returns the result.
func runImport(t *testing.T, st crm.Store, opts ImportOptions) (*Summary, *recorder) {
	t.Helper()
	obs := &recorder{}
	sum, err := Import(context.Background(), st, opts, obs)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	checkCounts(t, sum, obs)
	return sum, obs
}

// fileStore is a store opened with store.Open in t.TempDir(). Unlike
// storetest.OpenTest it can be closed and opened again, so that a test can
// compare the file's bytes; cleanup runs the same consistency check.
type fileStore struct {
	t    *testing.T
	path string
	db   *store.DB
}

func newFileStore(t *testing.T) *fileStore {
	t.Helper()
	s := &fileStore{t: t, path: filepath.Join(t.TempDir(), "leadpipe.db")}
	s.open()
	t.Cleanup(func() {
		if s.db != nil {
			if err := s.db.Close(); err != nil {
				t.Errorf("close store: %v", err)
			}
			s.db = nil
		}
		storetest.MustCheck(t, s.path)
	})
	return s
}

func (s *fileStore) open() {
	s.t.Helper()
	db, err := store.Open(s.path, store.Options{Timeout: time.Second})
	if err != nil {
		s.t.Fatal(err)
	}
	s.db = db
}

// digest closes the store, hashes the file and opens the store again.
func (s *fileStore) digest() string {
	s.t.Helper()
	sum := sha256.Sum256(s.bytes())
	return hex.EncodeToString(sum[:])
}

// allLeads exports the leads of a store in id order.
func allLeads(t *testing.T, st crm.LeadReader) []*crm.Lead {
	t.Helper()
	var leads []*crm.Lead
	if err := st.ForEachLead(func(l *crm.Lead) error { leads = append(leads, l); return nil }); err != nil {
		t.Fatal(err)
	}
	return leads
}

func allIndex(t *testing.T, st crm.Store) []crm.IndexEntry {
	t.Helper()
	var idx []crm.IndexEntry
	if err := st.ForEachIndex(func(e crm.IndexEntry) error { idx = append(idx, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return idx
}

func mustLead(t *testing.T, st crm.LeadReader, id crm.ID) *crm.Lead {
	t.Helper()
	l, err := st.Lead(id)
	if err != nil {
		t.Fatalf("read lead %s: %v", id, err)
	}
	return l
}

// person is one row of the test files, in the columns of header.
type person struct {
	First, Last, Company, Email, Phone, Street, Postal, City, Country, Title, Booth string
}

var header = []string{"First Name", "Last Name", "Company", "Email", "Phone", "Street", "Postal Code", "City", "Country", "Job Title", "Booth"}

func (p person) cells() []string {
	return []string{p.First, p.Last, p.Company, p.Email, p.Phone, p.Street, p.Postal, p.City, p.Country, p.Title, p.Booth}
}

// writeCSV writes header and the people as a CSV file (RFC 4180 quoting).
func writeCSV(t *testing.T, name string, people ...person) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(header)
	for _, p := range people {
		_ = w.Write(p.cells())
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, name, b.String())
}

// writeXLSX writes rows into the first sheet of a new workbook, row i of
// rows into spreadsheet row i+1; a nil row stays empty.
func writeXLSX(t *testing.T, name string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// peopleRows turns header and people into rows for writeXLSX.
func peopleRows(people ...person) [][]any {
	rows := [][]any{toAny(header)}
	for _, p := range people {
		rows = append(rows, toAny(p.cells()))
	}
	return rows
}

func toAny(ss []string) []any {
	a := make([]any, len(ss))
	for i, s := range ss {
		a[i] = s
	}
	return a
}

const (
	created   = crm.Created
	merged    = crm.Merged
	unchanged = crm.Unchanged
	rejected  = crm.Rejected
)

// TestImportExactMatching covers the three exact keys of this issue: the
// same normalized e-mail; the same E.164 phone plus last name; the same
// first, last name and company key at the same place.
func TestImportExactMatching(t *testing.T) {
	tests := []struct {
		name    string
		rows    []person
		want    []crm.OutcomeKind
		leads   int
		reason  string   // substring of the merged row's reason
		changed []string // fields the last row's merge changed
	}{
		{
			name: "same e-mail, other case and spaces",
			rows: []person{
				{First: "Anna", Last: "Schmidt", Email: "anna.schmidt@example.de"},
				{First: "Anna", Last: "Schmidt", Email: "  Anna.Schmidt@EXAMPLE.DE ", Title: "Buyer"},
			},
			want: []crm.OutcomeKind{created, merged}, leads: 1,
			reason: "same e-mail", changed: []string{crm.FieldTitle},
		},
		{
			name: "same e-mail, other name",
			rows: []person{
				{First: "Anna", Last: "Schmidt", Email: "anna.schmidt@example.de"},
				{First: "Anne", Last: "Schmidt-Berg", Email: "ANNA.SCHMIDT@example.de"},
			},
			want: []crm.OutcomeKind{created, merged}, leads: 1,
			reason: "same e-mail", changed: []string{crm.FieldFirstName, crm.FieldLastName},
		},
		{
			name: "same phone in other formatting, same last name",
			rows: []person{
				{First: "Bob", Last: "Jones", Phone: "+49 30 1234567"},
				{First: "Bob", Last: "JONES", Phone: "030 / 123 45 67", Title: "Buyer"},
			},
			want: []crm.OutcomeKind{created, merged}, leads: 1,
			reason: "same phone and last name", changed: []string{crm.FieldTitle},
		},
		{
			name: "same phone, other last name",
			rows: []person{
				{First: "Bob", Last: "Jones", Phone: "+49 30 1234567"},
				{First: "Bob", Last: "Smith", Phone: "030 1234567"},
			},
			want: []crm.OutcomeKind{created, created}, leads: 2,
		},
		{
			name: "same name and company, legal form differs, same postal code",
			rows: []person{
				{First: "Jürgen", Last: "Müller", Company: "Müller GmbH", Postal: "10115", City: "Berlin"},
				{First: "Jürgen", Last: "MÜLLER", Company: "Müller AG", Postal: "10115", City: "Berlin", Title: "Buyer"},
			},
			want: []crm.OutcomeKind{created, merged}, leads: 1,
			reason: "same name and company", changed: []string{crm.FieldCompany, crm.FieldTitle},
		},
		{
			name: "same name and company, other postal code",
			rows: []person{
				{First: "Jürgen", Last: "Müller", Company: "Müller GmbH", Postal: "10115", City: "Berlin"},
				{First: "Jürgen", Last: "Müller", Company: "Müller GmbH", Postal: "80331", City: "München", Title: "Buyer"},
			},
			want: []crm.OutcomeKind{created, created}, leads: 2,
		},
		{
			name: "same name, other company",
			rows: []person{
				{First: "Jürgen", Last: "Müller", Company: "Müller GmbH", Postal: "10115"},
				{First: "Jürgen", Last: "Müller", Company: "Schulz GmbH", Postal: "10115"},
			},
			want: []crm.OutcomeKind{created, created}, leads: 2,
		},
		{
			name: "same row twice",
			rows: []person{
				{First: "Anna", Last: "Schmidt", Email: "anna.schmidt@example.de", Booth: "A3"},
				{First: "Anna", Last: "Schmidt", Email: "anna.schmidt@example.de", Booth: "A3"},
			},
			want: []crm.OutcomeKind{created, unchanged}, leads: 1,
		},
		{
			name: "no match key, same row twice",
			rows: []person{
				{Street: "Hauptstr. 1", Postal: "10115", City: "Berlin"},
				{Street: "Hauptstr. 1", Postal: "10115", City: "Berlin"},
			},
			want: []crm.OutcomeKind{created, unchanged}, leads: 1,
		},
		{
			name: "no match key, other rows",
			rows: []person{
				{Street: "Hauptstr. 1", Postal: "10115", City: "Berlin"},
				{Street: "Hauptstr. 2", Postal: "10115", City: "Berlin"},
			},
			want: []crm.OutcomeKind{created, created}, leads: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := storetest.OpenTest(t)
			path := writeCSV(t, "leads.csv", tt.rows...)
			sum, obs := runImport(t, st, testOptions("imp-1", t0, path))
			if got := obs.kinds(); !slices.Equal(got, tt.want) {
				t.Fatalf("outcomes %v, want %v", got, tt.want)
			}
			leads := allLeads(t, st)
			if len(leads) != tt.leads || sum.Created != tt.leads {
				t.Errorf("%d leads stored, %d created; want %d", len(leads), sum.Created, tt.leads)
			}
			first, last := obs.rows[0].out, obs.rows[len(obs.rows)-1].out
			switch last.Kind {
			case merged:
				if last.LeadID != first.LeadID {
					t.Errorf("merged into %s, want the lead of row 2, %s", last.LeadID, first.LeadID)
				}
				if !strings.Contains(last.Reason, tt.reason) {
					t.Errorf("reason %q, want it to name %q", last.Reason, tt.reason)
				}
				if !slices.Equal(last.Changed, tt.changed) {
					t.Errorf("changed %q, want %q", last.Changed, tt.changed)
				}
			case unchanged:
				if last.LeadID != first.LeadID {
					t.Errorf("unchanged row names lead %s, want %s", last.LeadID, first.LeadID)
				}
			}
		})
	}
}

// TestImportSurvivorship: a merge fills empty fields, the newer of two
// differing values wins and the replaced one goes into the history with
// the import id, and empty values never erase anything.
func TestImportSurvivorship(t *testing.T) {
	t.Run("across imports", func(t *testing.T) {
		st := storetest.OpenTest(t)
		first := writeCSV(t, "first.csv", person{
			First: "Anna", Last: "Schmidt", Company: "Schmidt GmbH", Email: "anna@schmidt-gmbh.de",
			Phone: "030 1234567", Street: "Hauptstr. 1", Postal: "10115", City: "Berlin", Country: "DE", Booth: "A3",
		})
		runImport(t, st, testOptions("imp-1", t0, first))
		second := writeCSV(t, "second.csv", person{
			First: "Anna", Last: "Schmidt", Company: "Schmidt Consulting GmbH", Email: "Anna@Schmidt-GmbH.de",
			Title: "Head of Purchasing", Booth: "B7",
		})
		sum, obs := runImport(t, st, testOptions("imp-2", t1, second))
		if sum.Merged != 1 {
			t.Fatalf("outcomes %v, want one merge", obs.kinds())
		}
		o := obs.rows[0].out
		if want := []string{crm.FieldCompany, crm.FieldTitle, "Booth"}; !slices.Equal(o.Changed, want) {
			t.Errorf("changed %q, want %q", o.Changed, want)
		}

		l := mustLead(t, st, o.LeadID)
		// Empty fields filled, differing values replaced by the newer.
		if l.Title != "Head of Purchasing" || l.Company != "Schmidt Consulting GmbH" || l.Custom["Booth"] != "B7" {
			t.Errorf("title %q, company %q, booth %q: want the second file's", l.Title, l.Company, l.Custom["Booth"])
		}
		// Empty values never erase.
		if l.Phone != "+49301234567" || l.Street != "Hauptstr. 1" || l.PostalCode != "10115" || l.City != "Berlin" || l.Country != "DE" {
			t.Errorf("an empty cell erased a value: phone %q street %q postal %q city %q country %q",
				l.Phone, l.Street, l.PostalCode, l.City, l.Country)
		}
		if l.Raw.Value("phone") != "030 1234567" || l.Raw.Value("company") != "Schmidt Consulting GmbH" {
			t.Errorf("raw phone %q, raw company %q", l.Raw.Value("phone"), l.Raw.Value("company"))
		}
		// The replaced values are in the history, with the import id.
		want := []crm.Change{
			{At: t1, ImportID: "imp-2", By: "import", Field: crm.FieldCompany, Old: "Schmidt GmbH", New: "Schmidt Consulting GmbH"},
			{At: t1, ImportID: "imp-2", By: "import", Field: "Booth", Old: "A3", New: "B7"},
		}
		if !historyEqual(l.History, want) {
			t.Errorf("history %+v\nwant    %+v", l.History, want)
		}
		if !slices.Equal(l.Imports, []string{"imp-1", "imp-2"}) {
			t.Errorf("imports %q", l.Imports)
		}
		if !l.CreatedAt.Equal(t0) || !l.UpdatedAt.Equal(t1) {
			t.Errorf("created %v, updated %v; want %v and %v", l.CreatedAt, l.UpdatedAt, t0, t1)
		}
		if l.Status != crm.StatusNew || l.Stage != crm.StageLead {
			t.Errorf("status %q stage %q, want New/Lead", l.Status, l.Stage)
		}

		// Nothing is lost: the new company is a match key now, and the old
		// e-mail still is.
		third := writeCSV(t, "third.csv", person{
			First: "Anna", Last: "Schmidt", Company: "Schmidt Consulting", Postal: "10115", Country: "DE", Title: "Director",
		})
		_, obs3 := runImport(t, st, testOptions("imp-3", t1.Add(time.Hour), third))
		if o3 := obs3.rows[0].out; o3.Kind != merged || o3.LeadID != o.LeadID {
			t.Errorf("row matching the new company: %s into %s, want merged into %s", o3.Kind, o3.LeadID, o.LeadID)
		}
	})

	t.Run("later row of the same file wins", func(t *testing.T) {
		st := storetest.OpenTest(t)
		path := writeCSV(t, "leads.csv",
			person{First: "Anna", Last: "Schmidt", Email: "anna@example.de", City: "Berlin", Street: "Hauptstr. 1", Postal: "10115"},
			person{First: "Anna", Last: "Schmidt", Email: "anna@example.de", City: "Hamburg"},
			person{Email: "anna@example.de", Title: "Buyer"},
		)
		_, obs := runImport(t, st, testOptions("imp-1", t0, path))
		if got, want := obs.kinds(), []crm.OutcomeKind{created, merged, merged}; !slices.Equal(got, want) {
			t.Fatalf("outcomes %v, want %v", got, want)
		}
		l := mustLead(t, st, obs.rows[0].out.LeadID)
		if l.City != "Hamburg" || l.Street != "Hauptstr. 1" || l.PostalCode != "10115" || l.FirstName != "Anna" || l.Title != "Buyer" {
			t.Errorf("lead %+v", l)
		}
		want := []crm.Change{{At: t0, ImportID: "imp-1", By: "import", Field: crm.FieldCity, Old: "Berlin", New: "Hamburg"}}
		if !historyEqual(l.History, want) {
			t.Errorf("history %+v\nwant    %+v", l.History, want)
		}
		if !slices.Equal(l.Imports, []string{"imp-1"}) {
			t.Errorf("imports %q, want the one import once", l.Imports)
		}
	})
}

func historyEqual(got, want []crm.Change) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		g, w := got[i], want[i]
		if !g.At.Equal(w.At) {
			return false
		}
		g.At, w.At = time.Time{}, time.Time{}
		if g != w {
			return false
		}
	}
	return true
}

// TestImportNothingLost: columns no dictionary knows become custom fields,
// and the raw text of every cell stays on the lead, also read back from the
// store.
func TestImportNothingLost(t *testing.T) {
	st := storetest.OpenTest(t)
	path := writeFile(t, "messe.csv", "Vorname;Nachname;E-Mail;Telefon;Messestand;Interesse;Notiz\n"+
		"Jürgen;MÜLLER;J.Mueller@Example.DE;0221 / 12 34 56;B12;Fräsen;  ruft   zurück \n"+
		"Anna;Schmidt;not-an-address;030 1234567;;Drehen;\n")
	_, obs := runImport(t, st, testOptions("imp-1", t0, path))
	if got, want := obs.kinds(), []crm.OutcomeKind{created, created}; !slices.Equal(got, want) {
		t.Fatalf("outcomes %v, want %v", got, want)
	}

	l := mustLead(t, st, obs.rows[0].out.LeadID)
	wantCustom := map[string]string{"Messestand": "B12", "Interesse": "Fräsen", "Notiz": "ruft zurück"}
	if !reflect.DeepEqual(l.Custom, wantCustom) {
		t.Errorf("custom %q, want %q", l.Custom, wantCustom)
	}
	if l.Email != "j.mueller@example.de" || l.Phone != "+49221123456" || l.LastName != "Müller" {
		t.Errorf("email %q phone %q last name %q", l.Email, l.Phone, l.LastName)
	}
	wantRaw := map[string]string{
		"first_name": "Jürgen", "last_name": "MÜLLER", "email": "J.Mueller@Example.DE", "phone": "0221 / 12 34 56",
		"Messestand": "B12", "Interesse": "Fräsen", "Notiz": "  ruft   zurück ",
	}
	for k, v := range wantRaw {
		if l.Raw.Value(k) != v {
			t.Errorf("raw %q = %q, want %q", k, l.Raw.Value(k), v)
		}
	}
	checkInRaw(t, obs.rows[0], l)

	// An invalid value is not kept as a field, but its text is.
	l2 := mustLead(t, st, obs.rows[1].out.LeadID)
	if l2.Email != "" || l2.Raw.Value("email") != "not-an-address" {
		t.Errorf("invalid e-mail: field %q, raw %q", l2.Email, l2.Raw.Value("email"))
	}
	checkInRaw(t, obs.rows[1], l2)
}

// checkInRaw asserts that every non-empty cell of the row is a raw value
// of the lead.
func checkInRaw(t *testing.T, ev rowEvent, l *crm.Lead) {
	t.Helper()
	for c, v := range ev.fields {
		if strings.TrimSpace(v) == "" {
			continue
		}
		found := false
		for _, r := range l.Raw {
			if r.Value == v {
				found = true
			}
		}
		if !found {
			t.Errorf("row %d column %d: cell is not among the raw values %q", ev.out.Row, c+1, l.Raw)
		}
	}
}

// mergeHeavy holds duplicates inside one file: rows that merge, rows that
// bring nothing new, and values that change back and forth.
var mergeHeavy = []person{
	{First: "Anna", Last: "Schmidt", Email: "anna@example.de", City: "Berlin"},                                   // created
	{First: "Anna", Last: "Schmidt", Email: " ANNA@example.de", City: "Berlin"},                                  // nothing new
	{First: "Anna", Last: "Schmidt", Email: "anna@example.de", City: "Hamburg"},                                  // merged: city
	{First: "Anna", Last: "Schmidt", Email: "anna@example.de", City: "Hamburg"},                                  // same row again
	{First: "Bob", Last: "Jones", Phone: "+49 30 1234567"},                                                       // created
	{First: "Robert", Last: "Jones", Phone: "030 1234567", Title: "Buyer"},                                       // merged: first name, title
	{First: "Bob", Last: "Jones", Phone: "030/1234567"},                                                          // merged: first name back
	{First: "Jürgen", Last: "Müller", Company: "Müller GmbH", Postal: "10115", City: "Berlin"},                   // created
	{First: "Jürgen", Last: "Müller", Company: "Müller AG", Postal: "10115", City: "Berlin", Booth: "C1"},        // merged
	{First: "Jürgen", Last: "Müller", Company: "Müller GmbH", Postal: "10115", City: "Berlin", Email: "jm@x.de"}, // merged
}

// TestImportReimportUnchanged: importing the same file again gives every
// row the outcome unchanged and leaves the store file as it was, byte for
// byte, and without an import record.
func TestImportReimportUnchanged(t *testing.T) {
	tests := []struct {
		name string
		file func(t *testing.T) string
	}{
		{"csv", func(t *testing.T) string {
			return writeCSV(t, "plain.csv",
				person{First: "Anna", Last: "Schmidt", Company: "Schmidt GmbH", Email: "anna@schmidt.de", Booth: "A3"},
				person{First: "Bob", Last: "Jones", Phone: "030 1234567", Street: "Hauptstr. 1", Postal: "10115", City: "Berlin"},
				person{Street: "Hauptstr. 2", Postal: "10115", City: "Berlin"},
			)
		}},
		{"xlsx", func(t *testing.T) string {
			return writeXLSX(t, "plain.xlsx", peopleRows(
				person{First: "Anna", Last: "Schmidt", Company: "Schmidt GmbH", Email: "anna@schmidt.de", Booth: "A3"},
				person{First: "Bob", Last: "Jones", Phone: "030 1234567", Street: "Hauptstr. 1", Postal: "10115", City: "Berlin"},
			))
		}},
		{"merge-heavy csv", func(t *testing.T) string { return writeCSV(t, "dups.csv", mergeHeavy...) }},
		{"merge-heavy csv, small batches", func(t *testing.T) string { return writeCSV(t, "dups.csv", mergeHeavy...) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newFileStore(t)
			path := tt.file(t)
			opts := testOptions("imp-1", t0, path)
			if strings.HasSuffix(tt.name, "small batches") {
				opts.BatchSize = 1 // a commit after every row
			}
			first, _ := runImport(t, s.db, opts)
			if !first.Written || first.Created == 0 {
				t.Fatalf("first import: %+v", first)
			}
			before := s.digest()
			leadsBefore := allLeads(t, s.db)

			opts2 := testOptions("imp-2", t1, path)
			opts2.BatchSize = opts.BatchSize
			sum, obs := runImport(t, s.db, opts2)
			if sum.Unchanged != sum.Rows || sum.Rows != first.Rows {
				for _, ev := range obs.rows {
					if ev.out.Kind != unchanged {
						t.Errorf("re-import row %d: %s %s (changed %q, reason %q)", ev.out.Row, ev.out.Kind, ev.out.LeadID, ev.out.Changed, ev.out.Reason)
					}
				}
				t.Errorf("re-import counts %+v, want all %d rows unchanged", sum.Counts, first.Rows)
			}
			if sum.Written {
				t.Errorf("re-import: Summary.Written is true")
			}
			if after := s.digest(); after != before {
				t.Errorf("re-import changed the store file: sha256 %s, was %s", after, before)
			}
			if leadsAfter := allLeads(t, s.db); !reflect.DeepEqual(leadsAfter, leadsBefore) {
				t.Errorf("re-import changed the exported leads")
			}
			imps, err := s.db.Imports()
			if err != nil {
				t.Fatal(err)
			}
			// The re-import is recorded all the same, in the journal beside
			// the store, as having brought nothing new.
			if len(imps) != 2 || imps[0].ID != "imp-1" || imps[0].NothingNew || !imps[1].NothingNew || imps[1].Counts.Unchanged != sum.Rows {
				t.Errorf("imports recorded: %+v, want imp-1 and the re-import marked nothing new", imps)
			}
		})
	}
}

// TestImportRejected: a row is rejected only when nobody can be reached
// through it, or when it is broken; the reason names no value.
func TestImportRejected(t *testing.T) {
	st := storetest.OpenTest(t)
	path := writeFile(t, "rows.csv", strings.Join(header, ",")+"\n"+
		"Anna,Schmidt,,anna@example.de,,,,,,,\n"+ // row 2
		"Zofia,Wójcik,,,,,,,,,\n"+ // row 3
		"Zofia,Wójcik,,zofia-wojcik-at-example,,,,,,,\n"+ // row 4
		"Piotr,Nowak,,piotr@example.pl,,,,,,,,extra,columns\n"+ // row 5
		"Bob,Jones,,bob-jones-example.com,030 1234567,,,,,,\n"+ // row 6
		"Carl,Meyer,Meyer KG,,,,,,,,\n") // row 7
	sum, obs := runImport(t, st, testOptions("imp-1", t0, path))
	if sum.Rows != 6 || sum.Created != 3 || sum.Rejected != 3 {
		t.Errorf("counts %+v, want 6 rows: 3 created, 3 rejected", sum.Counts)
	}

	secret := []string{"Zofia", "Wójcik", "zofia-wojcik", "Piotr", "Nowak", "piotr@", "extra", "bob-jones"}
	tests := []struct {
		name     string
		row      int
		kind     crm.OutcomeKind
		err      error  // errors.Is target of Outcome.Err
		field    string // RowError.Field
		warnings string // substring of the warnings
	}{
		{name: "valid e-mail", row: 2, kind: created},
		{name: "name only", row: 3, kind: rejected, err: crm.ErrUnreachable},
		{name: "invalid e-mail only", row: 4, kind: rejected, err: crm.ErrUnreachable, field: crm.FieldEmail},
		{name: "more fields than the header", row: 5, kind: rejected, err: crm.ErrFieldCount},
		{name: "invalid e-mail beside a valid phone", row: 6, kind: created, warnings: "email"},
		{name: "name and company", row: 7, kind: created},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := obs.byRow(t, tt.row)
			if o.Kind != tt.kind {
				t.Fatalf("row %d: %s (%s), want %s", tt.row, o.Kind, o.Reason, tt.kind)
			}
			for _, s := range secret {
				if strings.Contains(o.Reason, s) || o.Err != nil && strings.Contains(o.Err.Error(), s) || strings.Contains(strings.Join(o.Warnings, "; "), s) {
					t.Errorf("reason %q / error %v / warnings %q repeat the value %q", o.Reason, o.Err, o.Warnings, s)
				}
			}
			if tt.err != nil {
				if !errors.Is(o.Err, tt.err) {
					t.Errorf("Outcome.Err = %v, want errors.Is %v", o.Err, tt.err)
				}
				var re *crm.RowError
				if !errors.As(o.Err, &re) {
					t.Fatalf("Outcome.Err = %T, want a *crm.RowError", o.Err)
				}
				if re.File != path || re.Row != tt.row || re.Field != tt.field {
					t.Errorf("RowError at %s row %d field %q, want %s row %d field %q", re.File, re.Row, re.Field, path, tt.row, tt.field)
				}
				if tt.field != "" && !strings.HasPrefix(o.Reason, tt.field) {
					t.Errorf("reason %q does not name the field %s", o.Reason, tt.field)
				}
			}
			if tt.warnings != "" {
				if !strings.Contains(strings.Join(o.Warnings, "; "), tt.warnings) {
					t.Errorf("warnings %q, want one about %s", o.Warnings, tt.warnings)
				}
				l := mustLead(t, st, o.LeadID)
				if l.Email != "" || l.Phone != "+49301234567" || l.Raw.Value("email") != "bob-jones-example.com" {
					t.Errorf("lead email %q phone %q raw email %q", l.Email, l.Phone, l.Raw.Value("email"))
				}
				if !slices.Equal(l.Warnings, o.Warnings) {
					t.Errorf("stored warnings %q, outcome's %q", l.Warnings, o.Warnings)
				}
			} else if len(o.Warnings) > 0 {
				t.Errorf("unexpected warnings %q", o.Warnings)
			}
		})
	}
	if sum.Warnings != 1 {
		t.Errorf("%d warnings, want 1", sum.Warnings)
	}
}

// TestImportDryRun: a dry run decides every row as a real run would, and
// writes nothing.
func TestImportDryRun(t *testing.T) {
	base := writeCSV(t, "base.csv",
		person{First: "Anna", Last: "Schmidt", Email: "anna@example.de", City: "Berlin"},
		person{First: "Bob", Last: "Jones", Phone: "030 1234567"},
	)
	next := writeCSV(t, "next.csv",
		person{First: "Anna", Last: "Schmidt", Email: "ANNA@example.de", City: "Hamburg"}, // merged with the store
		person{First: "Carl", Last: "Meyer", Email: "carl@example.de"},                    // created
		person{First: "Carl", Last: "Meyer", Email: "carl@example.de", Title: "Buyer"},    // merged with the row before
		person{First: "Bob", Last: "Jones", Phone: "+49 30 1234567"},                      // unchanged
		person{First: "Zofia", Last: "Wójcik"},                                            // rejected
		person{First: "Carl", Last: "Meyer", Email: "carl@example.de", Booth: "A1"},       // merged, after a batch
	)

	t.Run("empty store", func(t *testing.T) {
		s := newFileStore(t)
		before := s.digest()
		opts := testOptions("imp-dry", t0, next)
		opts.DryRun = true
		sum, dry := runImport(t, s.db, opts)
		if !sum.DryRun || sum.Written {
			t.Errorf("DryRun %v, Written %v", sum.DryRun, sum.Written)
		}
		if got, want := dry.kinds(), []crm.OutcomeKind{created, created, merged, created, rejected, merged}; !slices.Equal(got, want) {
			t.Errorf("outcomes %v, want %v", got, want)
		}
		if after := s.digest(); after != before {
			t.Errorf("dry run changed the store file")
		}
		if id, err := s.db.LastID(); err != nil || id != 0 {
			t.Errorf("LastID = %d, %v; want 0", id, err)
		}
		if n := len(allLeads(t, s.db)); n != 0 {
			t.Errorf("%d leads after a dry run", n)
		}
		if imps, err := s.db.Imports(); err != nil || len(imps) != 0 {
			t.Errorf("imports %v, %v; want none", imps, err)
		}
	})

	t.Run("same outcomes as a real run", func(t *testing.T) {
		dryStore, realStore := newFileStore(t), newFileStore(t)
		runImport(t, dryStore.db, testOptions("imp-1", t0, base))
		runImport(t, realStore.db, testOptions("imp-1", t0, base))
		before := dryStore.digest()

		opts := testOptions("imp-2", t1, next)
		opts.DryRun, opts.BatchSize = true, 4
		dsum, dry := runImport(t, dryStore.db, opts)
		opts.DryRun = false
		rsum, real := runImport(t, realStore.db, opts)

		if !reflect.DeepEqual(dry.outcomes(), real.outcomes()) {
			t.Errorf("dry run outcomes\n%+v\nreal run\n%+v", dry.outcomes(), real.outcomes())
		}
		if dsum.Counts != rsum.Counts || dsum.Warnings != rsum.Warnings {
			t.Errorf("dry run %+v, real run %+v", dsum.Counts, rsum.Counts)
		}
		if got, want := real.kinds(), []crm.OutcomeKind{merged, created, merged, unchanged, rejected, merged}; !slices.Equal(got, want) {
			t.Errorf("outcomes %v, want %v", got, want)
		}
		if after := dryStore.digest(); after != before {
			t.Errorf("dry run changed the store file")
		}
		if id, _ := dryStore.db.LastID(); id != 2 {
			t.Errorf("dry run: LastID %d, want 2", id)
		}
		if id, _ := realStore.db.LastID(); id != 3 {
			t.Errorf("real run: LastID %d, want 3", id)
		}
	})
}

// TestImportSeveralFiles: counts per file and in total; later files match
// the leads of earlier ones.
func TestImportSeveralFiles(t *testing.T) {
	st := storetest.OpenTest(t)
	a := writeCSV(t, "a.csv",
		person{First: "Anna", Last: "Schmidt", Email: "anna@example.de"},
		person{First: "Bob", Last: "Jones", Phone: "030 1234567"},
		person{First: "Carl", Last: "Meyer", Company: "Meyer KG", Postal: "50667"},
	)
	b := writeXLSX(t, "b.xlsx", peopleRows(
		person{First: "Anna", Last: "Schmidt", Email: "anna@example.de", Title: "Buyer"}, // merged
		person{First: "Bob", Last: "Jones", Phone: "+49 30 1234567"},                     // unchanged
		person{First: "Dora", Last: "Klein", Email: "dora@example.de"},                   // created
		person{First: "Zofia", Last: "Wójcik"},                                           // rejected
	))
	sum, obs := runImport(t, st, testOptions("imp-1", t0, a, b))
	want := []crm.Counts{
		{Rows: 3, Created: 3},
		{Rows: 4, Created: 1, Merged: 1, Unchanged: 1, Rejected: 1},
	}
	if len(sum.Files) != 2 {
		t.Fatalf("%d file summaries, want 2", len(sum.Files))
	}
	for i, w := range want {
		if sum.Files[i].Counts != w {
			t.Errorf("file %d: %+v, want %+v", i+1, sum.Files[i].Counts, w)
		}
	}
	if total := want[0].Plus(want[1]); sum.Counts != total {
		t.Errorf("totals %+v, want %+v", sum.Counts, total)
	}
	if sum.Files[0].File != a || sum.Files[1].File != b {
		t.Errorf("files %q, %q", sum.Files[0].File, sum.Files[1].File)
	}
	if sum.Files[0].Detection.Format != "csv" || sum.Files[1].Detection.Format != "xlsx" {
		t.Errorf("formats %q, %q", sum.Files[0].Detection.Format, sum.Files[1].Detection.Format)
	}
	if o := obs.rows[3].out; o.LeadID != obs.rows[0].out.LeadID {
		t.Errorf("row 2 of b.xlsx merged into %s, want %s", o.LeadID, obs.rows[0].out.LeadID)
	}

	imps, err := st.Imports()
	if err != nil {
		t.Fatal(err)
	}
	if len(imps) != 1 {
		t.Fatalf("%d import records, want 1", len(imps))
	}
	imp := imps[0]
	if imp.ID != "imp-1" || !imp.Done || imp.Counts != sum.Counts || !imp.StartedAt.Equal(t0) || !imp.FinishedAt.Equal(t0) {
		t.Errorf("import record %+v", imp)
	}
	if !slices.Contains(imp.Options, "region=DE") {
		t.Errorf("import options %q, want region=DE", imp.Options)
	}
	for i, path := range []string{a, b} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(data)
		f := imp.Files[i]
		if f.Name != path || f.Size != int64(len(data)) || f.SHA256 != hex.EncodeToString(h[:]) || f.Counts != want[i] {
			t.Errorf("import file %d: %+v", i+1, f)
		}
	}
}

// TestImportMissingFile: a file that cannot be opened fails the import
// before anything is written, wherever it stands in the list.
func TestImportMissingFile(t *testing.T) {
	s := newFileStore(t)
	good := writeCSV(t, "good.csv", person{First: "Anna", Last: "Schmidt", Email: "anna@example.de"})
	runImport(t, s.db, testOptions("imp-1", t0, good))
	before := s.digest()

	other := writeCSV(t, "other.csv", person{First: "Bob", Last: "Jones", Email: "bob@example.de"})
	missing := filepath.Join(t.TempDir(), "missing.csv")
	obs := &recorder{}
	sum, err := Import(context.Background(), s.db, testOptions("imp-2", t1, other, missing), obs)
	if err == nil {
		t.Fatalf("Import of a missing file succeeded: %+v", sum)
	}
	if !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("error %q does not name the missing file", err)
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v does not wrap os.ErrNotExist", err)
	}
	if sum != nil && sum.Rows != 0 {
		t.Errorf("summary %+v, want no rows", sum)
	}
	if len(obs.started)+len(obs.rows)+len(obs.done) != 0 {
		t.Errorf("observer saw %d files and %d rows", len(obs.started), len(obs.rows))
	}
	if after := s.digest(); after != before {
		t.Errorf("failed import changed the store file")
	}
	if id, _ := s.db.LastID(); id != 1 {
		t.Errorf("LastID %d, want 1", id)
	}
}

// TestImportConvertedLead: a converted lead is read-only; a row matching it
// is unchanged and says why.
func TestImportConvertedLead(t *testing.T) {
	st := storetest.OpenTest(t)
	conv := &crm.Lead{
		ID: 1, FirstName: "Anna", LastName: "Schmidt", Company: "Schmidt GmbH", CompanyKey: "schmidt", LegalForm: "GmbH",
		Email: "anna@schmidt.de", Phone: "+49301234567",
		CreatedAt: t0.Add(-48 * time.Hour), UpdatedAt: t0.Add(-24 * time.Hour),
		Status: crm.StatusConverted, Stage: crm.StageCustomer, StatusBeforeConv: crm.StatusQualified,
		ConvertedAt: t0.Add(-24 * time.Hour), AccountID: 1, ContactID: 1, OpportunityID: 1,
		Imports: []string{"imp-0"},
	}
	err := st.Apply(&crm.Batch{
		Leads: []*crm.Lead{conv},
		Index: []crm.IndexEntry{{ID: 1, Keys: dedupe.Hashes(dedupe.ExactKeys(conv))}},
	})
	if err != nil {
		t.Fatal(err)
	}
	before := mustLead(t, st, 1)

	path := writeCSV(t, "again.csv",
		person{First: "Anna", Last: "Schmidt", Email: "Anna@Schmidt.de", Title: "CEO", City: "Berlin"},
		person{First: "Anna", Last: "Schmidt", Email: "a.schmidt@other.de", Phone: "030 1234567", Booth: "A3"},
	)
	sum, obs := runImport(t, st, testOptions("imp-1", t1, path))
	for _, ev := range obs.rows {
		o := ev.out
		if o.Kind != unchanged || o.LeadID != 1 {
			t.Errorf("row %d: %s %s, want unchanged L0000001", o.Row, o.Kind, o.LeadID)
		}
		if !strings.Contains(o.Reason, "read-only") || !strings.Contains(o.Reason, "converted") {
			t.Errorf("row %d: reason %q, want it to say the converted lead is read-only", o.Row, o.Reason)
		}
	}
	if after := mustLead(t, st, 1); !reflect.DeepEqual(after, before) {
		t.Errorf("converted lead changed:\n%+v\nwas\n%+v", after, before)
	}
	if sum.Written {
		t.Errorf("Summary.Written is true, but nothing changed")
	}
	if id, _ := st.LastID(); id != 1 {
		t.Errorf("LastID %d, want 1: no lead may be created beside a converted one", id)
	}
}

// TestImportBatching: the batch size changes when commits happen, never
// what ends up in the store.
func TestImportBatching(t *testing.T) {
	path := writeCSV(t, "ten.csv",
		person{First: "Anna", Last: "Schmidt", Email: "anna@example.de", City: "Berlin"},   // created 1
		person{First: "Bob", Last: "Jones", Email: "bob@example.de"},                       // created 2
		person{First: "Carl", Last: "Meyer", Email: "carl@example.de"},                     // created 3
		person{First: "Anna", Last: "Schmidt", Email: "anna@example.de", City: "Hamburg"},  // merged 1 (in the commit before)
		person{First: "Bob", Last: "Jones", Email: "bob@example.de", Phone: "030 1234567"}, // merged 2
		person{First: "Dora", Last: "Klein", Email: "dora@example.de"},                     // created 4
		person{First: "Anna", Last: "Schmidt", Email: "anna@example.de", Title: "Buyer"},   // merged 1 again
		person{First: "Emil", Last: "Wolf", Email: "emil@example.de"},                      // created 5
		person{First: "Robert", Last: "Jones", Phone: "+49 30 1234567", Booth: "B2"},       // merged 2 by phone
		person{First: "Carl", Last: "Meyer", Email: "carl@example.de"},                     // unchanged 3
	)
	type result struct {
		outcomes []crm.Outcome
		leads    []*crm.Lead
		index    []crm.IndexEntry
		imports  []crm.Import
	}
	run := func(t *testing.T, batch, workers int) result {
		st := storetest.OpenTest(t)
		opts := testOptions("imp-1", t0, path)
		opts.BatchSize, opts.Workers = batch, workers
		_, obs := runImport(t, st, opts)
		imps, err := st.Imports()
		if err != nil {
			t.Fatal(err)
		}
		return result{obs.outcomes(), allLeads(t, st), allIndex(t, st), imps}
	}
	want := run(t, 10000, 1)
	if got, w := kindsOf(want.outcomes), []crm.OutcomeKind{created, created, created, merged, merged, created, merged, created, merged, unchanged}; !slices.Equal(got, w) {
		t.Fatalf("outcomes %v, want %v", got, w)
	}
	for _, tt := range []struct {
		name           string
		batch, workers int
	}{
		{"batch 3", 3, 1},
		{"batch 3, 4 workers", 3, 4},
		{"batch 1", 1, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.batch, tt.workers)
			if !reflect.DeepEqual(got.outcomes, want.outcomes) {
				t.Errorf("outcomes\n%+v\nwant\n%+v", got.outcomes, want.outcomes)
			}
			if !reflect.DeepEqual(got.leads, want.leads) {
				for i := range max(len(got.leads), len(want.leads)) {
					if i >= len(got.leads) || i >= len(want.leads) || !reflect.DeepEqual(got.leads[i], want.leads[i]) {
						t.Errorf("lead %d differs", i+1)
					}
				}
			}
			if !reflect.DeepEqual(got.index, want.index) {
				t.Errorf("index\n%+v\nwant\n%+v", got.index, want.index)
			}
			if !reflect.DeepEqual(got.imports, want.imports) {
				t.Errorf("import records\n%+v\nwant\n%+v", got.imports, want.imports)
			}
		})
	}
}

func kindsOf(outs []crm.Outcome) []crm.OutcomeKind {
	k := make([]crm.OutcomeKind, len(outs))
	for i, o := range outs {
		k[i] = o.Kind
	}
	return k
}

// TestImportCancel: when the context is cancelled mid-file, Import returns
// its error, the rows counted so far are committed, and the counts still
// add up.
func TestImportCancel(t *testing.T) {
	const rows = 3000
	var b strings.Builder
	b.WriteString("First Name,Last Name,Email\n")
	for i := range rows {
		fmt.Fprintf(&b, "First%d,Last%d,user%d@example.com\n", i, i, i)
	}
	path := writeFile(t, "many.csv", b.String())

	st := storetest.OpenTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	obs := &recorder{onRow: func(n int) {
		if n == 700 {
			cancel()
		}
	}}
	opts := testOptions("imp-1", t0, path)
	opts.BatchSize = 250
	sum, err := Import(ctx, st, opts, obs)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	checkCounts(t, sum, obs)
	if sum.Rows < 700 || sum.Rows >= rows {
		t.Errorf("%d rows counted, want at least the 700 before the cancel and fewer than all %d", sum.Rows, rows)
	}
	if sum.Created != sum.Rows {
		t.Errorf("counts %+v, want every counted row created", sum.Counts)
	}
	if !sum.Written {
		t.Errorf("Summary.Written is false after committing rows")
	}
	leads := allLeads(t, st)
	if len(leads) != sum.Created {
		t.Errorf("store holds %d leads, %d were counted as created", len(leads), sum.Created)
	}
	if id, _ := st.LastID(); int(id) != sum.Created {
		t.Errorf("LastID %d, want %d", id, sum.Created)
	}
	for _, ev := range obs.rows {
		if _, err := st.Lead(ev.out.LeadID); err != nil {
			t.Errorf("row %d: lead %s counted as created is not in the store: %v", ev.out.Row, ev.out.LeadID, err)
			break
		}
	}
	imps, err := st.Imports()
	if err != nil || len(imps) != 1 {
		t.Fatalf("imports %v, %v", imps, err)
	}
	if imps[0].Done || imps[0].Counts != sum.Counts {
		t.Errorf("import record: done %v, counts %+v; want not done, %+v", imps[0].Done, imps[0].Counts, sum.Counts)
	}

	// The rest of the file can be imported afterwards; the committed rows
	// are unchanged.
	sum2, _ := runImport(t, st, testOptions("imp-2", t1, path))
	if sum2.Unchanged != sum.Rows || sum2.Created != rows-sum.Rows {
		t.Errorf("second import %+v, want %d unchanged and %d created", sum2.Counts, sum.Rows, rows-sum.Rows)
	}
}

// TestImportRowNumbers: outcomes carry the row numbers a spreadsheet
// program shows, below title rows and across quoted line breaks.
func TestImportRowNumbers(t *testing.T) {
	tests := []struct {
		name string
		file func(t *testing.T) string
		rows []int
	}{
		{"csv with title row and multi-line field", func(t *testing.T) string {
			return writeFile(t, "fair.csv", ""+
				"Leads Messe 2026\n"+ // ¶1 title
				"First Name,Last Name,Email,Street,City\n"+ // ¶2 header
				"Anna,Schmidt,anna@example.de,Hauptstr. 1,Berlin\n"+ // ¶3
				"Bob,Jones,bob@example.de,\"Hauptstr. 2\nHinterhaus\",Berlin\n"+ // ¶4, two lines
				"\n"+ // ¶5 empty
				"Carl,Meyer,carl@example.de,\"Hauptstr. 3\r\n\r\n3. OG\",Berlin\n"+ // ¶6, three lines
				"Dora,Klein,dora@example.de,Hauptstr. 4,Berlin\n") // ¶7
		}, []int{3, 4, 6, 7}},
		{"csv with CRLF", func(t *testing.T) string {
			return writeFile(t, "crlf.csv", "First Name;Last Name;Email\r\n"+
				"Anna;Schmidt;anna@example.de\r\n"+
				"Bob;Jones;\"bob@example.de\r\n\"\r\n"+
				"Carl;Meyer;carl@example.de\r\n")
		}, []int{2, 3, 4}},
		{"xlsx with title rows and an empty row", func(t *testing.T) string {
			return writeXLSX(t, "fair.xlsx", [][]any{
				{"Leads Messe 2026"}, // ¶1
				nil,                  // ¶2
				{"First Name", "Last Name", "Email", "City"},     // ¶3 header
				{"Anna", "Schmidt", "anna@example.de", "Berlin"}, // ¶4
				{"Bob", "Jones", "bob@example.de", "Berlin"},     // ¶5
				nil, // ¶6
				{"Carl", "Meyer", "carl@example.de", "Berlin"}, // ¶7
			})
		}, []int{4, 5, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := storetest.OpenTest(t)
			sum, obs := runImport(t, st, testOptions("imp-1", t0, tt.file(t)))
			var got []int
			for _, ev := range obs.rows {
				got = append(got, ev.out.Row)
				if ev.rec.Row != ev.out.Row {
					t.Errorf("record row %d, outcome row %d", ev.rec.Row, ev.out.Row)
				}
			}
			if !slices.Equal(got, tt.rows) {
				t.Errorf("rows %v, want %v", got, tt.rows)
			}
			if sum.Created != len(tt.rows) {
				t.Errorf("counts %+v, want %d created", sum.Counts, len(tt.rows))
			}
		})
	}
}

// TestMergesKeptInUpdateArea: an import's merges into stored leads go to
// the store's update area (they are scattered over the lead bucket), and
// every reader, a re-import and an undo see the leads as if they had been
// rewritten in place.
func TestMergesKeptInUpdateArea(t *testing.T) {
	st := storetest.OpenTest(t)
	var a, b strings.Builder
	a.WriteString("first_name,last_name,company,email,title\n")
	b.WriteString("first_name,last_name,company,email,title\n")
	for i := range 40 {
		fmt.Fprintf(&a, "Anna%d,Nowak,Firma %d,anna%d@firma%d.pl,\n", i, i, i, i)
		if i%8 == 3 {
			fmt.Fprintf(&b, "Anna%d,Nowak,Firma %d,anna%d@firma%d.pl,Prezes\n", i, i, i, i)
		}
	}
	b.WriteString("Jan,Kowalski,Kowalski Bud,jan@kowalski.pl,\n")
	fa, fb := writeFile(t, "a.csv", a.String()), writeFile(t, "b.csv", b.String())
	runImport(t, st, ImportOptions{Files: []string{fa}, NewImportID: func() string { return "imp-a" }})
	before := snapshot(t, st)
	sum, _ := runImport(t, st, ImportOptions{Files: []string{fb}, NewImportID: func() string { return "imp-b" }})
	if sum.Merged != 5 || sum.Created != 1 {
		t.Fatalf("import b: %+v, want 5 merged, 1 created", sum.Counts)
	}
	stats, err := st.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if stats.Updated != 5 || stats.Leads != 41 {
		t.Errorf("stats %+v: want the 5 merged leads in the update area of 41 leads", stats)
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, st)
	if len(after) != 41 {
		t.Fatalf("%d leads read, want 41 (each once)", len(after))
	}
	for i := 3; i < 40; i += 8 {
		l, err := st.Lead(crm.ID(i + 1))
		if err != nil || l.Title != "Prezes" || len(l.Merges) != 1 {
			t.Errorf("lead %d: title %q, %d merges, %v; want the merge", i+1, l.Title, len(l.Merges), err)
		}
		if got := after[crm.ID(i+1)]; !slices.Contains(got, "Prezes") {
			t.Errorf("scan of lead %d: %q, want the merged title", i+1, got)
		}
	}
	again, _ := runImport(t, st, ImportOptions{Files: []string{fb}, NewImportID: func() string { return "imp-c" }})
	if again.Unchanged != 6 {
		t.Errorf("re-import: %+v, want all 6 rows unchanged", again.Counts)
	}
	if _, err := Undo(st, "imp-b", UndoOptions{}); err != nil {
		t.Fatal(err)
	}
	undone := snapshot(t, st)
	for id, v := range before {
		if !slices.Equal(undone[id], v) {
			t.Errorf("lead %s after undo: %q, before import b: %q", id, undone[id], v)
		}
	}
	if len(undone) != len(before) {
		t.Errorf("%d leads after undo, want %d", len(undone), len(before))
	}
	if stats, _ := st.Stats(); stats.Updated != 0 {
		t.Errorf("update area holds %d leads after the undo rewrote them, want 0", stats.Updated)
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestMergeIntoLeadBeingWritten: with a commit after every row, a row
// that merges into the lead of the row before finds it in the commit in
// flight; the merge goes into a copy that the next commit writes, and the
// result is the same as with one commit at the end.
func TestMergeIntoLeadBeingWritten(t *testing.T) {
	var b strings.Builder
	b.WriteString("first_name,last_name,company,email,title,city\n")
	for i := range 30 {
		fmt.Fprintf(&b, "Anna,Nowak%d,Firma %d,anna%d@firma%d.pl,,\n", i, i, i, i)
		fmt.Fprintf(&b, "Anna,Nowak%d,Firma %d,anna%d@firma%d.pl,Prezes,\n", i, i, i, i)
		fmt.Fprintf(&b, "Anna,Nowak%d,Firma %d,anna%d@firma%d.pl,Prezes,Kraków\n", i, i, i, i)
	}
	file := writeFile(t, "a.csv", b.String())
	run := func(batch int) map[crm.ID][]string {
		st := storetest.OpenTest(t)
		opts := ImportOptions{Files: []string{file}, BatchSize: batch, NewImportID: func() string { return "imp" }}
		opts.Build.Now = func() time.Time { return time.Unix(1700000000, 0) }
		sum, _ := runImport(t, st, opts)
		if sum.Created != 30 || sum.Merged != 60 {
			t.Fatalf("batch size %d: %+v, want 30 created, 60 merged", batch, sum.Counts)
		}
		for id := crm.ID(1); id <= 30; id++ {
			l, err := st.Lead(id)
			if err != nil || len(l.Merges) != 2 || l.City != "Kraków" || l.Title != "Prezes" {
				t.Fatalf("batch size %d: lead %s has %d merges, city %q, title %q (%v); want both merges", batch, id, len(l.Merges), l.City, l.Title, err)
			}
			e, err := st.Index(id)
			if err != nil || len(e.RowSigs) != 3 {
				t.Fatalf("batch size %d: lead %s index entry %+v (%v), want the signatures of its 3 rows", batch, id, e, err)
			}
		}
		if err := st.Check(); err != nil {
			t.Fatal(err)
		}
		again, _ := runImport(t, st, ImportOptions{Files: []string{file}, BatchSize: batch})
		if again.Unchanged != 90 {
			t.Errorf("batch size %d: re-import %+v, want all 90 rows unchanged", batch, again.Counts)
		}
		return snapshot(t, st)
	}
	one := run(1)
	all := run(1000)
	if !reflect.DeepEqual(one, all) {
		t.Errorf("a commit per row gave other leads than one commit:\n%v\n%v", one, all)
	}
}

// failingStore is a real store whose n-th prepared batch fails to write,
// as a commit does when the disk fills up.
type failingStore struct {
	*store.DB
	batches, failAt int
}

func (s *failingStore) PrepareApply(b *crm.Batch) (func() error, error) {
	write, err := s.DB.PrepareApply(b)
	if s.batches++; s.batches == s.failAt && err == nil {
		return func() error { return errors.New("no space left on device (injected)") }, nil
	}
	return write, err
}

// TestCommitFailureStopsWriting: after a failed commit the import writes
// no later batch (the store would otherwise hold rows after a gap), says
// so once, and running it again completes it.
func TestCommitFailureStopsWriting(t *testing.T) {
	var b strings.Builder
	b.WriteString("first_name,last_name,company,email\n")
	for i := range 10 {
		fmt.Fprintf(&b, "Anna%d,Nowak,Firma %d,anna%d@firma%d.pl\n", i, i, i, i)
	}
	file := writeFile(t, "a.csv", b.String())
	st := &failingStore{DB: storetest.OpenTest(t), failAt: 2}
	_, err := Import(context.Background(), st, ImportOptions{Files: []string{file}, BatchSize: 2}, &recorder{})
	if err == nil || !strings.Contains(err.Error(), "injected") || strings.Count(err.Error(), "injected") != 1 {
		t.Fatalf("import: %v; want the commit's failure, once", err)
	}
	if got := len(snapshot(t, st.DB)); got != 2 {
		t.Errorf("%d leads stored after the second batch failed, want the first batch's 2 and nothing after it", got)
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	st.failAt = 0
	again, _ := runImport(t, st, ImportOptions{Files: []string{file}})
	if again.Created != 8 || again.Unchanged != 2 {
		t.Errorf("re-run: %+v, want the 8 rows not committed created and 2 unchanged", again.Counts)
	}
}

// countingStore is a real store that records the leads of each prepared
// batch.
type countingStore struct {
	*store.DB
	batches []int
}

func (s *countingStore) PrepareApply(b *crm.Batch) (func() error, error) {
	s.batches = append(s.batches, len(b.Leads))
	return s.DB.PrepareApply(b)
}

// TestImportBatchBytes: rows with long notes end a batch before it has
// BatchSize rows, once their cells reach BatchBytes, so that a CRM export
// with kilobytes of text per row does not hold thousands of such rows in
// memory at once; what ends up in the store is the same.
func TestImportBatchBytes(t *testing.T) {
	note := strings.Repeat("Rückruf vereinbart, \"dringend\".\n", 64) // 2 KB
	var b strings.Builder
	b.WriteString("first_name,last_name,email,notes\n")
	for i := range 100 {
		fmt.Fprintf(&b, "Anna%d,Nowak,anna%d@firma.pl,%q\n", i, i, note)
	}
	file := writeFile(t, "notes.csv", b.String())
	run := func(batchBytes int) (*countingStore, map[crm.ID][]string) {
		st := &countingStore{DB: storetest.OpenTest(t)}
		opts := testOptions("imp-1", t0, file)
		opts.BatchBytes = batchBytes
		sum, _ := runImport(t, st, opts)
		if sum.Created != 100 {
			t.Fatalf("batch bytes %d: %+v, want 100 created", batchBytes, sum.Counts)
		}
		return st, snapshot(t, st.DB)
	}
	whole, want := run(0)
	if !slices.Equal(whole.batches, []int{100}) {
		t.Errorf("default batch bytes: batches of %v leads, want one of 100", whole.batches)
	}
	st, got := run(20 << 10) // about ten rows of 2 KB
	if len(st.batches) < 10 || slices.Max(st.batches) > 10 {
		t.Errorf("20 KiB batches: batches of %v leads, want 10 or more of at most 10", st.batches)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("small batches stored other leads than one batch")
	}
}
