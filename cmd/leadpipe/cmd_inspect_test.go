package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestInspectGolden runs `leadpipe inspect` on a Windows-1252 trade-fair
// list and compares the text output with testdata/inspect_fair.golden
// (go test -update rewrites it; review the diff).
func TestInspectGolden(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "leadpipe.db")
	ios, _, stdout, stderr := Test()
	code := run([]string{"--store", storePath, "inspect", "--region", "DE", "--rows", "4", "testdata/inspect_fair.csv"}, ios)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	golden := filepath.Join("testdata", "inspect_fair.golden")
	if *update {
		if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("inspect output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", golden, stdout, want)
	}
	if _, err := os.Stat(storePath); !os.IsNotExist(err) {
		t.Errorf("inspect touched the store: %v", err)
	}
}

func TestInspectJSON(t *testing.T) {
	ios, _, stdout, stderr := Test()
	code := run([]string{"--json", "inspect", "--region", "DE", "testdata/inspect_fair.csv"}, ios)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var got []struct {
		File     string `json:"file"`
		Detected struct {
			Format    string `json:"format"`
			Delimiter string `json:"delimiter"`
		} `json:"detected"`
		Header  []string `json:"header"`
		Samples []struct {
			Row int `json:"row"`
		} `json:"samples"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("stdout is not one JSON array: %v\n%s", err, stdout)
	}
	if len(got) != 1 || got[0].Detected.Format != "csv" || got[0].Detected.Delimiter != ";" || len(got[0].Samples) != 3 || got[0].Samples[0].Row != 2 {
		t.Errorf("unexpected inspection: %+v", got)
	}
}
