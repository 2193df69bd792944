package report

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update and review git diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// dirNames lists a directory, to prove no temporary file was left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestEscapeCell(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "Müller GmbH", "Müller GmbH"},
		{"formula", "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\tx", "'\tx"},
		{"carriage return", "\rx", "'\rx"},
		{"plus formula", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"minus formula", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"e164 phone", "+4930123456", "+4930123456"},
		{"phone with spaces", "+49 30 1234567", "+49 30 1234567"},
		{"polish phone", "+48 (22) 123-45-67", "+48 (22) 123-45-67"},
		{"phone slash", "+49 030/1234567", "+49 030/1234567"},
		{"plus alone", "+", "'+"},
		{"plus letters", "+49 ext abc", "'+49 ext abc"},
		{"negative", "-300", "-300"},
		{"negative decimal", "-1.234,50", "-1.234,50"},
		{"dash alone", "-", "'-"},
		{"dash text", "-Vertrieb", "'-Vertrieb"},
		{"equals inside", "a=b", "a=b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeCell(tt.in); got != tt.want {
				t.Errorf("escapeCell(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

type rejectRow struct {
	row     int
	fields  []string
	reason  string
	shifted bool
}

type rejectInput struct {
	name   string
	header []string
	delim  string
	rows   []rejectRow
}

func TestRejectsWriter(t *testing.T) {
	fair := []string{"Vorname", "Nachname", "Firma", "E-Mail"}
	tests := []struct {
		name   string
		path   string // relative to the temp dir
		inputs []rejectInput
		want   []string // files written, relative; each compared to testdata/<case>_<file>.golden
	}{
		{
			name: "one file semicolon",
			path: "rejects.csv",
			inputs: []rejectInput{{name: "fair.csv", header: fair, delim: ";", rows: []rejectRow{
				{3, []string{"Jürgen", "", "", "kein@"}, "email: not a valid e-mail address", false},
				{7, []string{"Zofia", "Wójcik", "Kraków; Sp. z o.o.", ""}, "no way to reach the person", false},
			}}},
			want: []string{"rejects.csv"},
		},
		{
			name: "formula values escaped",
			path: "rejects.csv",
			inputs: []rejectInput{{name: "web.csv", header: []string{"name", "phone", "note"}, delim: ",", rows: []rejectRow{
				{2, []string{"=HYPERLINK(\"x\")", "+49 30 1234567", "-300"}, "phone: not a valid phone number", false},
				{4, []string{"@x", "+49 abc", "-Vertrieb"}, "phone: not a valid phone number", false},
			}}},
			want: []string{"rejects.csv"},
		},
		{
			name: "surplus and short rows",
			path: "rejects.csv",
			inputs: []rejectInput{{name: "fair.csv", header: fair, delim: ";", rows: []rejectRow{
				{5, []string{"Anna", "Schmidt", "Schmidt", "GmbH", "anna@example.de"}, "more fields than the header has columns", true},
				{6, []string{"Piotr"}, "no way to reach the person", false},
			}}},
			want: []string{"rejects.csv"},
		},
		{
			name: "cells right of the table",
			path: "rejects.csv",
			inputs: []rejectInput{{name: "fair.xlsx", header: fair, delim: "", rows: []rejectRow{
				{2, []string{"Anna", "Schmidt", "Alpha GmbH", "kein@"}, "email: not a valid e-mail address", false},
				{3, []string{"Bob", "Berg", "Beta AG", "b@", "Rückruf, Montag", "Stand B12"}, "email: not a valid e-mail address", false},
				{4, []string{"Carl", "Cox", "", "c@", "", "", "VIP"}, "email: not a valid e-mail address", false},
			}}},
			want: []string{"rejects.csv"},
		},
		{
			name: "same header shares one file",
			path: "rejects.csv",
			inputs: []rejectInput{
				{name: "a/fair.csv", header: fair, delim: ";", rows: []rejectRow{{2, []string{"A", "B", "", ""}, "r1", false}}},
				{name: "clean.csv", header: fair, delim: ";"},
				{name: "b/fair2.csv", header: fair, delim: ";", rows: []rejectRow{{9, []string{"C", "D", "", ""}, "r2", false}}},
			},
			want: []string{"rejects.csv"},
		},
		{
			// Rows of one of several inputs: the file is at the path as
			// given, which does not say which input they came from.
			name: "several inputs rows of one",
			path: "rejects.csv",
			inputs: []rejectInput{
				{name: "fair.csv", header: fair, delim: ";"},
				{name: "web.csv", header: []string{"First", "Last"}, delim: ";", rows: []rejectRow{{4, []string{"E", "F"}, "r2", false}}},
			},
			want: []string{"rejects.csv"},
		},
		{
			name: "different headers one file each",
			path: "out/rejects.csv",
			inputs: []rejectInput{
				{name: "fair.csv", header: fair, delim: ";", rows: []rejectRow{{2, []string{"A", "B", "", ""}, "r1", false}}},
				{name: "web.xlsx", header: []string{"First", "Last"}, delim: "", rows: []rejectRow{{4, []string{"E", "F"}, "r2", false}}},
				{name: "other/fair.csv", header: fair, delim: ",", rows: []rejectRow{{3, []string{"G", "H", "", ""}, "r3", false}}},
			},
			want: []string{"out/rejects-fair.csv", "out/rejects-web.csv", "out/rejects-fair-2.csv"},
		},
		{
			name: "annotations of a rejects file are replaced",
			path: "rejects2.csv",
			inputs: []rejectInput{{name: "rejects.csv", header: []string{"Vorname", "E-Mail", "leadpipe_row", "leadpipe_reason"}, delim: ";", rows: []rejectRow{
				{2, []string{"Jürgen", "kein@", "3", "email: not a valid e-mail address"}, "email: not a valid e-mail address", false},
			}}},
			want: []string{"rejects2.csv"},
		},
		{
			name: "annotations of a shared rejects file are replaced",
			path: "rejects3.csv",
			inputs: []rejectInput{{name: "rejects.csv", header: []string{"Vorname", "E-Mail", "leadpipe_file", "leadpipe_row", "leadpipe_reason"}, delim: ";", rows: []rejectRow{
				{2, []string{"Jürgen", "kein@", "fair.csv", "3", "email: not a valid e-mail address"}, "email: not a valid e-mail address", false},
			}}},
			want: []string{"rejects3.csv"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "out"), 0o755); err != nil {
				t.Fatal(err)
			}
			w, err := NewRejectsWriter(filepath.Join(dir, tt.path))
			if err != nil {
				t.Fatal(err)
			}
			rows := 0
			for _, in := range tt.inputs {
				w.StartFile(in.name, in.header, in.delim)
				for _, r := range in.rows {
					if err := w.Write(r.row, r.fields, r.reason, r.shifted); err != nil {
						t.Fatal(err)
					}
					rows++
				}
			}
			if w.Rows() != rows {
				t.Errorf("Rows() = %d, want %d", w.Rows(), rows)
			}
			paths, err := w.Close()
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != len(tt.want) {
				t.Fatalf("wrote %q, want %q", paths, tt.want)
			}
			for i, p := range paths {
				rel, _ := filepath.Rel(dir, p)
				if rel != tt.want[i] {
					t.Errorf("file %d = %s, want %s", i, rel, tt.want[i])
				}
				got, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(got, []byte(bom)) {
					t.Errorf("%s has no byte-order mark", rel)
				}
				if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
					t.Errorf("%s mode = %v, want 0600 (personal data)", rel, info.Mode().Perm())
				}
				name := strings.ReplaceAll(tt.name, " ", "_") + "_" + filepath.Base(p) + ".golden"
				golden(t, "rejects_"+name, got)
			}
			for _, d := range []string{dir, filepath.Join(dir, "out")} {
				for _, n := range dirNames(t, d) {
					if strings.HasPrefix(n, ".") {
						t.Errorf("temporary file %s left behind", n)
					}
				}
			}
		})
	}
}

func TestRejectsWriterNothingRejected(t *testing.T) {
	dir := t.TempDir()
	w, err := NewRejectsWriter(filepath.Join(dir, "rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	w.StartFile("fair.csv", []string{"a"}, ";")
	paths, err := w.Close()
	if err != nil || paths != nil {
		t.Fatalf("Close = %q, %v; want nothing", paths, err)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("files written: %q", names)
	}
}

// TestRejectsWriterRemovesStale: a run without rejected rows used to leave
// the rejects file of an earlier run in place, which a nightly job then
// took for tonight's. Files at the names the run could have written are
// removed when they are rejects files; other files are not touched.
func TestRejectsWriterRemovesStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rejects.csv")
	stale := bom + "a;leadpipe_row;leadpipe_reason\r\nx;2;email: invalid\r\n"
	for _, name := range []string{"rejects.csv", "rejects-fair.csv", "rejects-web.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(stale), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, "rejects-other.csv") // no input of this run
	mine := filepath.Join(dir, "rejects-notes.csv")  // an input's name, but not a rejects file
	os.WriteFile(other, []byte(stale), 0o600)
	os.WriteFile(mine, []byte("a;b\n1;2\n"), 0o600)

	// Two inputs with different headers, one row rejected in web.csv only.
	w, err := NewRejectsWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	w.StartFile("fair.csv", []string{"a"}, ";")
	w.StartFile("notes.csv", []string{"b"}, ";")
	w.StartFile("in/web.csv", []string{"c", "d"}, ";")
	if err := w.Write(3, []string{"1", "2"}, "email: invalid", false); err != nil {
		t.Fatal(err)
	}
	paths, err := w.Close()
	if err != nil || len(paths) != 1 || paths[0] != path {
		// One part with rows: it goes to the path as given.
		t.Fatalf("Close = %q, %v", paths, err)
	}
	got := dirNames(t, dir)
	want := []string{"rejects-notes.csv", "rejects-other.csv", "rejects.csv"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("files: %q, want %q", got, want)
	}

	// Nothing rejected: the file of the run before goes too.
	w, _ = NewRejectsWriter(path)
	w.StartFile("in/web.csv", []string{"c", "d"}, ";")
	if paths, err := w.Close(); err != nil || paths != nil {
		t.Fatalf("Close = %q, %v", paths, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("stale %s kept: %v", path, err)
	}
}

func TestRejectsWriterErrorNamesPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "rejects.csv")
	_, err := NewRejectsWriter(path)
	if err == nil {
		t.Fatal("NewRejectsWriter in a missing directory succeeded")
	}
	if !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "jan.kowalski") {
		t.Errorf("error %q should name %s and no value", err, path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v does not wrap fs.ErrNotExist", err)
	}
}

func TestRowReportWriter(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	if err := os.WriteFile(path, []byte("old report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := NewRowReportWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	outcomes := []crm.Outcome{
		{File: "fair.csv", Row: 2, Kind: crm.Created, LeadID: 1},
		{File: "fair.csv", Row: 3, Kind: crm.Merged, LeadID: 1, Reason: "same e-mail", Changed: []string{"phone", "city"}},
		{File: "fair.csv", Row: 4, Kind: crm.Unchanged, LeadID: 1, Reason: "same row as an earlier one"},
		{File: "fair.csv", Row: 5, Kind: crm.Rejected, Reason: "email: not a valid e-mail address"},
		{File: "dir/web list.csv", Row: 2, Kind: crm.Merged, LeadID: 42, Changed: []string{"Messe-Stand"}},
	}
	for i := range outcomes {
		if err := w.Write(&outcomes[i]); err != nil {
			t.Fatal(err)
		}
	}
	// Until Close the old report stays in place.
	if got, _ := os.ReadFile(path); string(got) != "old report\n" {
		t.Errorf("report replaced before Close: %q", got)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, []byte("file,row,outcome,lead_id,reason\n")) {
		t.Errorf("header is not exactly file,row,outcome,lead_id,reason: %q", got)
	}
	golden(t, "rowreport.golden", got)
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("files in dir: %q, want only rows.csv", names)
	}
}

// TestRowReportFollowsMoves: rows reported under a lead that moved (an
// import joined it into another) name the lead it ended in, following
// moves onward, with the notes at the end of their reason; escaped cells
// stay as written, and no temporary file is left.
func TestRowReportFollowsMoves(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	w, err := NewRowReportWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	outcomes := []crm.Outcome{
		{File: "=fair.csv", Row: 2, Kind: crm.Created, LeadID: 3},
		{File: "calls.csv", Row: 2, Kind: crm.Created, LeadID: 2, Reason: "possible duplicate of L0000009 (score 8.0)"},
		{File: "calls.csv", Row: 3, Kind: crm.Rejected, Reason: "email: not a valid e-mail address"},
		{File: "card.csv", Row: 2, Kind: crm.Merged, LeadID: 1, Reason: "match score 20.0; joined L0000002 (score 14.0) into L0000001"},
		{File: "card.csv", Row: 3, Kind: crm.Created, LeadID: 4},
	}
	for i := range outcomes {
		if err := w.Write(&outcomes[i]); err != nil {
			t.Fatal(err)
		}
	}
	moved := map[crm.ID]Moved{
		3: {Into: 2, Note: "lead L0000003 joined into L0000002 by card.csv row 9"},
		2: {Into: 1, Note: "lead L0000002 joined into L0000001 by card.csv row 2"},
	}
	if err := w.CloseFollowing(moved); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `file,row,outcome,lead_id,reason
'=fair.csv,2,created,L0000001,lead L0000003 joined into L0000002 by card.csv row 9; lead L0000002 joined into L0000001 by card.csv row 2
calls.csv,2,created,L0000001,possible duplicate of L0000009 (score 8.0); lead L0000002 joined into L0000001 by card.csv row 2
calls.csv,3,rejected,,email: not a valid e-mail address
card.csv,2,merged,L0000001,match score 20.0; joined L0000002 (score 14.0) into L0000001
card.csv,3,created,L0000004,
`
	if string(got) != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("files in dir: %q, want only rows.csv", names)
	}
	// A cycle (never made by an import) ends, it does not loop.
	w, err = NewRowReportWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(&crm.Outcome{File: "a.csv", Row: 2, Kind: crm.Created, LeadID: 1}); err != nil {
		t.Fatal(err)
	}
	if err := w.CloseFollowing(map[crm.ID]Moved{1: {Into: 2}, 2: {Into: 1}}); err != nil {
		t.Fatal(err)
	}
}

func TestRowReportAbortKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := NewRowReportWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	_ = w.Write(&crm.Outcome{File: "f.csv", Row: 2, Kind: crm.Created, LeadID: 1})
	w.Abort()
	if got, _ := os.ReadFile(path); string(got) != "old\n" {
		t.Errorf("after Abort the file holds %q", got)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("files in dir: %q", names)
	}
}

func TestCreateAtomicMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "rows.csv")
	_, err := NewRowReportWriter(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want an error naming %s", err, path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want fs.ErrNotExist", err)
	}
}

func TestWriteLeadsCSV(t *testing.T) {
	db := storetest.OpenTest(t)
	at := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	leads := []*crm.Lead{
		{ID: 1, Salutation: "Herr", AcademicTitle: "Dr.", FirstName: "Jürgen", LastName: "Müller",
			Company: "Müller GmbH & Co. KG", LegalForm: "GmbH & Co. KG", CompanyKey: "muller",
			Email: "j.mueller@mueller-kg.de", Phone: "+493012345678", PhoneExt: "12",
			PostalCode: "10115", City: "Berlin", Country: "DE", TaxID: "DE136695976",
			Source: "messe", Budget: "83500.00", Currency: "EUR",
			CreatedAt: at, UpdatedAt: at, Status: crm.StatusNew, Stage: crm.StageLead,
			Custom: map[string]string{"Messe-Stand": "B12", "status": "VIP"}},
		{ID: 2, FirstName: "Zofia", LastName: "Wójcik", Company: "Kraków, \"Sp. z o.o.\"", Email: "zofia@wp.pl", EmailFreemail: true,
			Country: "PL", PostalCode: "30-001", CreatedAt: at, UpdatedAt: at.Add(time.Hour),
			Status: crm.StatusWorking, Stage: crm.StageMQL, Score: 65, Grade: crm.GradeHot, Custom: map[string]string{"Branża": "IT"}},
		{ID: 3, LastName: "Nowak", Company: "Biuro", Email: "biuro@nowak.pl", EmailRole: true,
			CreatedAt: at, Status: crm.StatusNew, Stage: crm.StageLead},
	}
	b := &crm.Batch{Leads: leads}
	for _, l := range leads {
		b.Index = append(b.Index, crm.IndexEntry{ID: l.ID})
	}
	if err := db.Apply(b); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteLeadsCSV(&buf, db); err != nil {
		t.Fatal(err)
	}
	golden(t, "export_leads.golden", buf.Bytes())

	var again bytes.Buffer
	if err := WriteLeadsCSV(&again, db); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two exports of the same store differ")
	}
}

func TestWriteLeadsCSVEmpty(t *testing.T) {
	db := storetest.OpenTest(t)
	var buf bytes.Buffer
	if err := WriteLeadsCSV(&buf, db); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(crm.CoreFields, ",") + ",score,grade,legal_form,phone_ext,currency,email_freemail,email_role,updated_at\n"
	if buf.String() != want {
		t.Errorf("empty export = %q, want %q", buf.String(), want)
	}
}

// A file exported and imported again has custom fields that are named
// like the prefixed ones ("custom.score" beside "score"): every header
// stays unique.
func TestUniqueCustomHeaders(t *testing.T) {
	fixed := []string{"id", "status", "score"}
	tests := []struct {
		custom, want []string
	}{
		{[]string{"Messe-Stand", "status"}, []string{"Messe-Stand", "custom.status"}},
		{[]string{"custom.score", "score"}, []string{"custom.score", "custom.score (2)"}},
		{[]string{"custom.score", "custom.score (2)", "score"}, []string{"custom.score", "custom.score (2)", "custom.score (3)"}},
		{[]string{"custom.id", "custom.status", "id", "id (2)", "status"},
			[]string{"custom.id", "custom.status", "custom.id (2)", "id (2)", "custom.status (2)"}},
	}
	for _, tt := range tests {
		got := uniqueCustomHeaders(fixed, tt.custom)
		if !slices.Equal(got, tt.want) {
			t.Errorf("uniqueCustomHeaders(%q) = %q, want %q", tt.custom, got, tt.want)
		}
	}
}

// TestRowReasonWarnings: a row imported with an unreadable value said
// nothing in the row report; the user had to look at every lead to find
// the row. Its warnings follow the reason; a rejected row's reason names
// its cause already.
func TestRowReasonWarnings(t *testing.T) {
	for _, tc := range []struct {
		o    crm.Outcome
		want string
	}{
		{crm.Outcome{Kind: crm.Created, Warnings: []string{"phone: not a valid phone number"}}, "warning: phone: not a valid phone number"},
		{crm.Outcome{Kind: crm.Created, Reason: "possible duplicate of L0000001, score 9.0", Warnings: []string{"phone: not a valid phone number", "postal_code: not a valid postal code for the country"}},
			"possible duplicate of L0000001, score 9.0; warning: phone: not a valid phone number; warning: postal_code: not a valid postal code for the country"},
		{crm.Outcome{Kind: crm.Merged, Reason: "same e-mail", Changed: []string{"city"}, Warnings: []string{"email: not a valid e-mail address"}},
			"same e-mail; changed city; warning: email: not a valid e-mail address"},
		{crm.Outcome{Kind: crm.Merged, Changed: []string{"city"}}, "changed city"},
		{crm.Outcome{Kind: crm.Rejected, Reason: "no way to reach the person (phone: not a valid phone number)", Warnings: []string{"phone: not a valid phone number"}},
			"no way to reach the person (phone: not a valid phone number)"},
		{crm.Outcome{Kind: crm.Created}, ""},
	} {
		if got := RowReason(&tc.o); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.o, got, tc.want)
		}
	}
}

// TestRejectsWriterKeepsInput: a corrected rejects file imported again
// with --rejects naming that same file rejects nothing, and the file was
// removed as a stale rejects file: the user's corrected file, which in a
// dry run was imported nowhere. A file the run read is never removed.
func TestRejectsWriterKeepsInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rejects.csv")
	corrected := bom + "a;leadpipe_row;leadpipe_reason\r\nx@example.com;2;email: invalid\r\n"
	if err := os.WriteFile(path, []byte(corrected), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := NewRejectsWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	w.StartFile(path, []string{"a", "leadpipe_row", "leadpipe_reason"}, ";")
	if paths, err := w.Close(); err != nil || paths != nil {
		t.Fatalf("Close = %q, %v", paths, err)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != corrected {
		t.Errorf("the input %s: %q, %v; want it kept as it was", path, got, err)
	}
}
