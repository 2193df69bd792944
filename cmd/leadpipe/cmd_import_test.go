package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/importer"
	"github.com/leadpipe/leadpipe/pipeline"
)

func testSummary() *pipeline.Summary {
	files := []pipeline.FileSummary{
		{File: "fair.csv", Counts: crm.Counts{Rows: 400, Created: 380, Merged: 15, Unchanged: 3, Rejected: 2},
			Detection: importer.Detection{Format: "csv", Encoding: "windows-1252", Delimiter: ";", HeaderRow: 1}},
		{File: "web.xlsx", Counts: crm.Counts{Rows: 800, Created: 718, Merged: 65, Unchanged: 15, Rejected: 2}, Warnings: 7,
			Detection: importer.Detection{Format: "xlsx", Sheet: "Leads", HeaderRow: 3}},
		{File: "outlook.txt", Counts: crm.Counts{Rows: 4, Created: 2, Merged: 0, Unchanged: 2, Rejected: 0},
			Detection: importer.Detection{Format: "csv", Encoding: "UTF-16LE", Delimiter: "\t", HeaderRow: 1}},
	}
	s := &pipeline.Summary{ImportID: "20261123T101500Z-3f2a9c", Written: true, Files: files, Warnings: 7}
	for _, f := range files {
		s.Counts = s.Counts.Plus(f.Counts)
	}
	return s
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestImportSummaryText(t *testing.T) {
	tests := []struct {
		name   string
		result func() *importResult
	}{
		{"import_summary.golden", func() *importResult {
			return &importResult{Summary: testSummary(), RejectsFiles: []string{"rejects.csv"}, RowReport: "rows.csv"}
		}},
		{"import_summary_per_file_rejects.golden", func() *importResult {
			return &importResult{Summary: testSummary(), RejectsFiles: []string{"rejects-fair.csv", "rejects-web.csv"}}
		}},
		{"import_summary_dry_run.golden", func() *importResult {
			s := testSummary()
			s.DryRun, s.Written = true, false
			return &importResult{Summary: s}
		}},
		{"import_summary_unchanged.golden", func() *importResult {
			s := &pipeline.Summary{ImportID: "20261123T101500Z-3f2a9c", Counts: crm.Counts{Rows: 2, Unchanged: 2},
				Files: []pipeline.FileSummary{{File: "fair.csv", Counts: crm.Counts{Rows: 2, Unchanged: 2},
					Detection: importer.Detection{Format: "csv", Encoding: "UTF-8", Delimiter: ","}}}}
			return &importResult{Summary: s}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.result()
			if !r.Counts.Balanced() {
				t.Fatal("test summary does not add up")
			}
			var buf bytes.Buffer
			if err := presenterFor(false, &buf, writeImportText).present(r); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.name, buf.Bytes())
		})
	}
}

func TestImportSummaryJSON(t *testing.T) {
	var buf bytes.Buffer
	r := &importResult{Summary: testSummary(), RejectsFiles: []string{"rejects.csv"}}
	if err := presenterFor(true, &buf, writeImportText).present(r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ImportID     string   `json:"import_id"`
		RejectsFiles []string `json:"rejects_files"`
		crm.Counts
		Files []struct {
			File string `json:"file"`
			crm.Counts
		} `json:"files"`
	}
	var raw map[string]any
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatalf("not one JSON document: %v", err)
	}
	for _, k := range []string{"import_id", "rows", "created", "merged", "unchanged", "rejected", "files", "dry_run", "written"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("top level lacks %q", k)
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.ImportID != "20261123T101500Z-3f2a9c" || got.Rows != 1204 || got.Created != 1100 || got.Rejected != 4 || len(got.Files) != 3 {
		t.Errorf("totals: %+v", got)
	}
	sum := crm.Counts{}
	for _, f := range got.Files {
		if !f.Counts.Balanced() {
			t.Errorf("%s: counts do not add up: %+v", f.File, f.Counts)
		}
		sum = sum.Plus(f.Counts)
	}
	if sum != got.Counts {
		t.Errorf("files add up to %+v, totals say %+v", sum, got.Counts)
	}
	if len(got.RejectsFiles) != 1 {
		t.Errorf("rejects_files = %q", got.RejectsFiles)
	}
}

// TestImportProgress covers the terminal path that testscript cannot: a
// bar is drawn on stderr only for a terminal, and never under --json,
// --quiet or --no-progress; stdout never gets it.
func TestImportProgress(t *testing.T) {
	tests := []struct {
		name    string
		tty     bool
		flags   []string
		wantBar bool
	}{
		{"terminal", true, nil, true},
		{"no terminal", false, nil, false},
		{"json", true, []string{"--json"}, false},
		{"quiet", true, []string{"--quiet"}, false},
		{"no-progress", true, []string{"--no-progress"}, false},
	}
	// Big enough for several progress reports: a bar that jumps from
	// nothing to done in one step is cleared before it is ever drawn.
	var csv strings.Builder
	csv.WriteString("Vorname;Nachname;E-Mail\n")
	for i := range 5000 {
		fmt.Fprintf(&csv, "Jan;Nowak;jan.nowak%d@example.pl\n", i)
	}
	input := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(input, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, stderr := Test()
			ios.SetStderrTTY(tt.tty)
			args := append([]string{"--store", filepath.Join(t.TempDir(), "leadpipe.db")}, tt.flags...)
			args = append(args, "import", input)
			code := run(args, ios)
			if code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, stderr)
			}
			bar := strings.Contains(stderr.String(), "\r")
			if bar != tt.wantBar {
				t.Errorf("progress bar drawn = %v, want %v; stderr:\n%q", bar, tt.wantBar, stderr)
			}
			if strings.ContainsAny(stdout.String(), "\r\x1b") {
				t.Errorf("stdout has control characters: %q", stdout)
			}
		})
	}
}

// TestEstimateRows: the rows of a CSV file are judged by its record
// ends, quoted line breaks aside, so that a file with long notes does not
// count as many times its rows (which raised the memory limit with it).
func TestEstimateRows(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	note := strings.Repeat("Rückruf am Montag,\n\"dringend\" sagt der Einkauf.\n", 80) // 4 KB with line breaks
	var long strings.Builder
	long.WriteString("First Name,Last Name,Notes\n")
	for i := range 2000 { // 8 MB: more than the sample
		fmt.Fprintf(&long, "Anna,Nowak%d,%q\n", i, note)
	}
	var short strings.Builder
	short.WriteString("First Name,Last Name\n")
	for i := range 10 {
		fmt.Fprintf(&short, "Anna,Nowak%d\n", i)
	}
	for _, tt := range []struct {
		name     string
		path     string
		min, max int64
	}{
		{"long notes", write("notes.csv", long.String()), 1800, 2200},
		{"small file, read whole", write("small.csv", short.String()), 11, 12},
		{"workbook", write("book.xlsx", "PK\x03\x04"+strings.Repeat("x", 1996)), 10, 10},
		{"missing", filepath.Join(dir, "none.csv"), 0, 0},
	} {
		if got := estimateRows(tt.path); got < tt.min || got > tt.max {
			t.Errorf("%s: %d rows, want %d to %d", tt.name, got, tt.min, tt.max)
		}
	}
}
