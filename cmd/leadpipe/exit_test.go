package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, 0},
		{"failure", errors.New("read fair.csv: permission denied"), 1},
		{"usage", usageErrorf("import needs at least one FILE"), 2},
		{"wrapped usage", fmt.Errorf("flags: %w", &usageError{err: errors.New("bad")}), 2},
		{"rows rejected", errRowsRejected, 3},
		{"leads refused", errLeadsRefused, 3},
		{"locked", fmt.Errorf("store x.db: %w", crm.ErrLocked), 4},
		{"locked among others", errors.Join(errors.New("a"), crm.ErrLocked), 4},
		{"interrupted", fmt.Errorf("import: %w", context.Canceled), 130},
		{"interrupted beats rejects", errors.Join(context.Canceled, errRowsRejected), 130},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestPrintError(t *testing.T) {
	tests := []struct {
		name string
		json bool
		err  error
		hint string
		want string
	}{
		{"nil", false, nil, "", ""},
		{"rejected rows are silent", false, errRowsRejected, "", ""},
		{"rejected rows are silent in json", true, errRowsRejected, "", ""},
		{"refused leads are silent", false, errLeadsRefused, "", ""},
		{"text", false, errors.New("import fair.csv: no such file or directory"), "leadpipe import",
			"leadpipe: import fair.csv: no such file or directory\n"},
		{"usage names the help", false, usageErrorf("import needs at least one FILE"), "leadpipe import",
			"leadpipe: import needs at least one FILE\nRun 'leadpipe import --help' for usage.\n"},
		{"interrupt", false, context.Canceled, "leadpipe import", "leadpipe: interrupted\n"},
		{"json", true, fmt.Errorf("store x.db is in use: %w", crm.ErrLocked), "leadpipe import",
			`{"error":"store x.db is in use: store is in use by another leadpipe run","exit_code":4}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			printError(&buf, tt.json, tt.err, exitCode(tt.err), tt.hint)
			if buf.String() != tt.want {
				t.Errorf("got %q, want %q", buf.String(), tt.want)
			}
			if tt.json && buf.Len() > 0 && !json.Valid(buf.Bytes()) {
				t.Errorf("not JSON: %q", buf.String())
			}
		})
	}
}

func TestGroup(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1204: "1,204", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := group(n); got != want {
			t.Errorf("group(%d) = %q, want %q", n, got, want)
		}
	}
}
