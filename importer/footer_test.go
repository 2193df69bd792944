package importer

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIsFooter: report footers and total lines are no leads.
func TestIsFooter(t *testing.T) {
	for _, row := range [][]string{
		{"Grand Totals (2 records)", "", ""},
		{"Confidential Information - Do Not Distribute"},
		{"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."},
		{"Summe", "", "12.000,00 €", "3"},
		{"Ergebnis", "", "12000"},
		{"Razem:", "5 000 zł"},
		{"", "Total", "42"},
	} {
		if !IsFooter(row) {
			t.Errorf("%q: not a footer", row)
		}
	}
	for _, row := range [][]string{
		{"Summe GmbH", "anna@summe.de"},
		{"Total", "Anna", "Schmidt"},
		{"Ergebnis", "anna@example.de"},
		{"", "", ""},
		{"Anna", "Schmidt", "12"},
	} {
		if IsFooter(row) {
			t.Errorf("%q: a footer", row)
		}
	}
}

// TestOpenSkipsFooters: a Salesforce report's footer was three rejected
// rows and exit 3 on every nightly run.
func TestOpenSkipsFooters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.csv")
	body := "\"First Name\",\"Last Name\",\"Email\"\n\"Anna\",\"Alt\",\"anna@alt.de\"\n\"Bob\",\"Berg\",\"bob@berg.de\"\n\n\"Grand Totals (2 records)\"\n\n\"Confidential Information - Do Not Distribute\"\n\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n"
	must(t, os.WriteFile(path, []byte(body), 0o600))
	r, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d records, want 2", n)
	}
	if w := strings.Join(r.Detection().Warnings, "; "); !strings.HasPrefix(w, "3 footer or total lines skipped") {
		t.Errorf("warnings %q", w)
	}
}

func BenchmarkIsFooter(b *testing.B) {
	lead := []string{"Anna", "Schmidt", "Alpha GmbH", "anna@alpha.de", "+49 30 1234567", "Berlin"}
	single := []string{"Anna", "", "", "", "", ""}
	for b.Loop() {
		IsFooter(lead)
		IsFooter(single)
	}
}
