package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/importer"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestInspect(t *testing.T) {
	path := writeFile(t, "fair.csv", "Vorname;Nachname;Firma;E-Mail;Messestand\n"+
		"Jürgen;Müller;Müller GmbH;J.Mueller@Example.DE;B12\n"+
		"Zofia;Wójcik;;;\n"+
		"Anna;Schmidt;Schmidt AG;anna@schmidt-ag.de;A3\n"+
		"Piotr;Nowak;Nowak Sp. z o.o.;piotr@nowak.pl;C7\n")
	tests := []struct {
		name        string
		rows        int
		wantSamples int
	}{
		{"default", 0, 3},
		{"more than the file has", 10, 4},
		{"none", -1, 0},
		{"one", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := Inspect(path, InspectOptions{Rows: tt.rows, Build: importer.BuildOptions{Region: "DE"}})
			if err != nil {
				t.Fatal(err)
			}
			if in.Detection.Format != "csv" || in.Detection.Delimiter != ";" || in.Detection.HeaderRow != 1 {
				t.Errorf("detection = %+v", in.Detection)
			}
			if len(in.Header) != 5 || len(in.Mapping) == 0 {
				t.Errorf("header %q, mapping %q", in.Header, in.Mapping)
			}
			if len(in.Samples) != tt.wantSamples {
				t.Fatalf("%d samples, want %d", len(in.Samples), tt.wantSamples)
			}
			for i, s := range in.Samples {
				if s.Row != i+2 {
					t.Errorf("sample %d has row %d, want %d", i, s.Row, i+2)
				}
			}
			if _, err := json.Marshal(in); err != nil {
				t.Errorf("not JSON-serializable: %v", err)
			}
		})
	}

	in, err := Inspect(path, InspectOptions{Rows: 2, Build: importer.BuildOptions{Region: "DE"}})
	if err != nil {
		t.Fatal(err)
	}
	first := in.Samples[0]
	if first.Rejected != "" {
		t.Fatalf("row 2 rejected: %s", first.Rejected)
	}
	var email *FieldValue
	for i := range first.Fields {
		if first.Fields[i].Field == "email" {
			email = &first.Fields[i]
		}
	}
	if email == nil || email.Value != "J.Mueller@example.de" && email.Value != "j.mueller@example.de" {
		t.Errorf("email field = %+v", email)
	} else if email.Raw != "J.Mueller@Example.DE" {
		t.Errorf("email raw = %q, want the file's text", email.Raw)
	}
	if len(first.Custom) != 1 || first.Custom[0].Field != "Messestand" || first.Custom[0].Value != "B12" {
		t.Errorf("custom = %+v", first.Custom)
	}
	if in.Samples[1].Rejected == "" {
		t.Errorf("row 3 (name only) should be rejected: %+v", in.Samples[1])
	} else if strings.Contains(in.Samples[1].Rejected, "Wójcik") {
		t.Errorf("rejection reason repeats a value: %q", in.Samples[1].Rejected)
	}
}

func TestInspectMissingFile(t *testing.T) {
	_, err := Inspect(filepath.Join(t.TempDir(), "nope.csv"), InspectOptions{})
	if err == nil || !strings.Contains(err.Error(), "nope.csv") {
		t.Errorf("err = %v, want an error naming the file", err)
	}
}

// TestInspectExtensionCurrency: the sample rows show what an import stores
// beside the phone and the budget: the extension and the currency (here
// from the header "Budget (EUR)").
func TestInspectExtensionCurrency(t *testing.T) {
	path := writeFile(t, "web.csv", "Vorname;Nachname;Firma;Telefon;Budget (EUR)\n"+
		"Jürgen;Müller;Müller GmbH;+49 30 1234567 ext. 12;5000\n")
	in, err := Inspect(path, InspectOptions{Rows: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range in.Samples[0].Fields {
		got[f.Field] = f.Value
	}
	if got["phone_ext"] != "12" || got["currency"] != "EUR" {
		t.Errorf("sample fields %v, want phone_ext 12 and currency EUR", got)
	}
}
