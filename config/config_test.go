package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Config
	}{
		{name: "empty", in: "", want: Config{}},
		{name: "comment only", in: "# nothing yet\n", want: Config{}},
		{
			name: "all keys",
			in: "import:\n  region: de\n  source: Messe 2026\n  date_order: MDY\n  map: m.yaml\n  batch_size: 500\n  erased: Create\n  unreachable: KEEP\n" +
				"store:\n  lock_timeout: 1m30s\n",
			want: Config{
				Import: Import{Region: "DE", Source: "Messe 2026", DateOrder: "mdy", Map: "m.yaml", BatchSize: 500, Erased: "create", Unreachable: "keep"},
				Store:  Store{LockTimeout: Duration{90 * time.Second}},
			},
		},
		{name: "empty sections", in: "import:\nstore:\n", want: Config{}},
		{name: "document marker", in: "---\nimport: {region: PL}\n", want: Config{Import: Import{Region: "PL"}}},
		{
			// The rule sections are accepted here and checked by their
			// own packages from Data.
			name: "scoring and lifecycle sections",
			in: "import: {region: PL}\nscoring:\n  rules:\n    - name: big budget\n      when: budget >= 50000\n      points: 30\n" +
				"  grades: {hot: 60, warm: 30}\nlifecycle:\n  gates:\n    Qualified: {require: [company]}\n",
			want: Config{Import: Import{Region: "PL"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("leadpipe.yaml", []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			tt.want.File = "leadpipe.yaml"
			if got.Import != tt.want.Import || got.Store != tt.want.Store || got.File != tt.want.File {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
			if string(got.Data) != tt.in {
				t.Errorf("Data = %q, want the file's content %q", got.Data, tt.in)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the whole message: file, line and what is wrong
	}{
		{name: "unknown section", in: "import:\n  region: DE\nscoring2:\n  x: 1\n",
			want: `leadpipe.yaml:3: unknown section "scoring2" (known: import, store, scoring, lifecycle, dedupe, convert)`},
		{name: "unknown key", in: "import:\n  region: DE\n  regoin: PL\n",
			want: `leadpipe.yaml:3: unknown key "regoin" in section import`},
		{name: "unknown store key", in: "store:\n  timeout: 2s\n",
			want: `leadpipe.yaml:2: unknown key "timeout" in section store`},
		{name: "bad duration", in: "store:\n  lock_timeout: 2\n",
			want: `leadpipe.yaml:2: want a duration such as 2s or 500ms`},
		{name: "negative duration", in: "store:\n  lock_timeout: -1s\n",
			want: `leadpipe.yaml:2: store.lock_timeout: must not be negative`},
		{name: "bad date order", in: "import:\n  source: x\n  date_order: ymd\n",
			want: `leadpipe.yaml:3: import.date_order: want dmy or mdy`},
		{name: "bad region", in: "import:\n  region: Germany\n",
			want: `leadpipe.yaml:2: import.region: want an ISO 3166-1 alpha-2 country code such as DE or PL`},
		{name: "bad unreachable", in: "import:\n  unreachable: drop\n",
			want: `leadpipe.yaml:2: import.unreachable: want reject or keep`},
		{name: "negative batch", in: "import:\n  batch_size: -5\n",
			want: `leadpipe.yaml:2: import.batch_size: must not be negative`},
		{name: "batch not a number", in: "import:\n  batch_size: lots\n",
			want: "leadpipe.yaml:2: cannot unmarshal !!str `lots` into int"},
		{name: "syntax", in: "import:\n  region: DE\n bad\n",
			want: `leadpipe.yaml:2: did not find expected key`},
		{name: "section not a mapping", in: "import: DE\n",
			want: "leadpipe.yaml:1: cannot unmarshal !!str `DE` into config.Import"},
		{name: "two documents", in: "import: {}\n---\nstore: {}\n",
			want: `leadpipe.yaml:2: a second YAML document; the file must hold one`},
		{name: "two errors", in: "import:\n  region: Germany\n  date_order: x\n",
			want: "leadpipe.yaml:2: import.region: want an ISO 3166-1 alpha-2 country code such as DE or PL\n" +
				"leadpipe.yaml:3: import.date_order: want dmy or mdy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("leadpipe.yaml", []byte(tt.in))
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error %T is not a *config.Error", err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "leadpipe.yaml")
	if err := os.WriteFile(path, []byte("import:\n  map: maps/fair.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "maps", "fair.yaml"); c.Import.Map != want {
		t.Errorf("Map = %q, want %q (relative to the config file)", c.Import.Map, want)
	}
	if c.File != path {
		t.Errorf("File = %q, want %q", c.File, path)
	}

	abs := filepath.Join(dir, "abs.yaml")
	if err := os.WriteFile(abs, []byte("import:\n  map: /etc/leadpipe/map.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := Load(abs); err != nil || c.Import.Map != "/etc/leadpipe/map.yaml" {
		t.Errorf("absolute map: got %v, %v", c, err)
	}

	_, err = Load(filepath.Join(dir, "missing.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want fs.ErrNotExist", err)
	}
	if err != nil && !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: error %q does not name the file", err)
	}

	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, maxSize+10), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "big.yaml") {
		t.Errorf("big file: err = %v, want a size error naming the file", err)
	}
}
