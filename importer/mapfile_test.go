package importer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseMapFile(t *testing.T) {
	mf, err := ParseMapFile("map.yaml", []byte(`# leadpipe mapping file
columns:
  "Kundennr.": custom
  Mail privat: Email
  "Ansprechpartner": full_name
date_order: DMY
`))
	if err != nil {
		t.Fatal(err)
	}
	want := &MapFile{
		Path: "map.yaml",
		Columns: []MapColumn{
			{Header: "Kundennr.", Field: "custom", Line: 3},
			{Header: "Mail privat", Field: "email", Line: 4},
			{Header: "Ansprechpartner", Field: "full_name", Line: 5},
		},
		DateOrder: "dmy",
	}
	if !reflect.DeepEqual(mf, want) {
		t.Errorf("got %+v\nwant %+v", mf, want)
	}
}

func TestParseMapFileEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n", "columns:\n", "columns: {}\n", "date_order: \"\"\n"} {
		mf, err := ParseMapFile("map.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if len(mf.Columns) != 0 || mf.DateOrder != "" {
			t.Errorf("%q: got %+v", src, mf)
		}
	}
}

func TestParseMapFileErrors(t *testing.T) {
	known := "(known: " + strings.Join(Targets(), ", ") + ")"
	tests := []struct {
		name, src, want string
	}{
		{"unknown field", "columns:\n  \"Kundennr.\": custom\n  \"Mail privat\": email\n  \"E-Mail\": emial\n",
			`map.yaml line 4: unknown field "emial" ` + known},
		{"unknown key", "columns:\n  a: email\ncolumn:\n  b: phone\n",
			`map.yaml line 3: unknown key "column" (known: columns, date_order)`},
		{"syntax", "columns:\n  a: email\n  b phone\n  c: city\n",
			"map.yaml line 3: could not find expected ':'"},
		{"bad date order", "date_order: ymd\n",
			`map.yaml line 1: date_order "ymd" is neither dmy nor mdy`},
		{"duplicate column", "columns:\n  E-Mail: email\n  e_mail: custom\n",
			`map.yaml line 3: column "e_mail" is already mapped on line 2`},
		{"duplicate key", "columns:\n  a: email\ncolumns:\n  b: email\n",
			`map.yaml line 3: mapping key "columns" already defined at line 1`},
		{"list instead of map", "columns:\n  - email\n",
			"map.yaml line 2: columns must map header texts to fields"},
		{"value is a list", "columns:\n  a: [email, phone]\n",
			`map.yaml line 2: column "a" must map to one field name`},
		{"top level list", "- a\n- b\n",
			"map.yaml line 1: the file must be a mapping with the keys columns and date_order"},
		{"empty header", "columns:\n  \"\": email\n",
			"map.yaml line 2: empty column header"},
		{"two documents", "columns:\n  a: email\n---\ncolumns:\n  b: phone\n",
			"map.yaml line 3: more than one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMapFile("map.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n  %q\nwant prefix\n  %q", err, tt.want)
			}
		})
	}
}

func TestLoadMapFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.yaml")
	if err := os.WriteFile(path, []byte("columns:\n  Mail privat: email\n  X: bogus\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadMapFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+" line 3: unknown field \"bogus\"") {
		t.Errorf("LoadMapFile: %v", err)
	}
	if _, err := LoadMapFile(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("LoadMapFile(missing): %v", err)
	}
}

// FuzzLoadMapFile: any bytes parse or fail with an error naming the file;
// a parsed file has only known fields and usable line numbers.
func FuzzLoadMapFile(f *testing.F) {
	f.Add([]byte("columns:\n  \"Kundennr.\": custom\n  Mail privat: email\ndate_order: dmy\n"))
	f.Add([]byte("columns:\n  a: emial\n"))
	f.Add([]byte("columns: [a, b]\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("columns:\n  ? [a]\n  : email\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		mf, err := ParseMapFile("map.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "map.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, c := range mf.Columns {
			if _, ok := targetByName(c.Field); !ok || c.Line < 1 || c.Header == "" {
				t.Fatalf("bad entry %+v", c)
			}
		}
		if mf.DateOrder != "" && mf.DateOrder != "dmy" && mf.DateOrder != "mdy" {
			t.Fatalf("date order %q", mf.DateOrder)
		}
		if _, err := NewMapping([]string{"a", "b"}, mf); err != nil {
			t.Fatalf("NewMapping with a parsed file: %v", err)
		}
	})
}
