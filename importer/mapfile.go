package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MapFile is a user's mapping file: columns the dictionaries do not know,
// or know differently, and the date order of the file. Example:
//
//	columns:
//	  "Kundennr.": custom
//	  "Mail privat": email
//	  "Ansprechpartner": full_name
//	date_order: dmy   # or mdy; default: detect per column
type MapFile struct {
	Path      string      // as given, for messages
	Columns   []MapColumn // in file order
	DateOrder string      // "", "dmy" or "mdy"
}

// MapColumn is one "header: field" entry of a mapping file.
type MapColumn struct {
	Header string
	Field  string // one of Targets()
	Line   int
}

// mapFileDoc is the YAML document; KnownFields(true) rejects other keys.
type mapFileDoc struct {
	Columns   yaml.Node `yaml:"columns"`
	DateOrder yaml.Node `yaml:"date_order"`
}

// LoadMapFile reads and checks a mapping file. Errors name the file and the
// line: `map.yaml line 4: unknown field "emial" (known: salutation, ...)`.
func LoadMapFile(path string) (*MapFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mapping file: %w", err)
	}
	return ParseMapFile(path, data)
}

// maxMapFileSize bounds what ParseMapFile accepts; real mapping files are a
// few hundred bytes.
const maxMapFileSize = 1 << 20

// ParseMapFile is LoadMapFile for data already read; name is used in
// messages.
func ParseMapFile(name string, data []byte) (*MapFile, error) {
	if len(data) > maxMapFileSize {
		return nil, fmt.Errorf("%s: mapping file is larger than %d bytes", name, maxMapFileSize)
	}
	mf := &MapFile{Path: name}
	var doc mapFileDoc
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := decodeYAML(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return mf, nil // empty file: nothing to override
		}
		return nil, mapFileYAMLError(name, err)
	}
	var extra yaml.Node
	if err := decodeYAML(dec, &extra); err == nil {
		return nil, fmt.Errorf("%s line %d: more than one YAML document", name, extra.Line)
	}

	if n := &doc.DateOrder; n.Kind != 0 {
		if n.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s line %d: date_order must be dmy or mdy", name, n.Line)
		}
		switch v := strings.ToLower(strings.TrimSpace(n.Value)); v {
		case "", "dmy", "mdy":
			mf.DateOrder = v
		default:
			return nil, fmt.Errorf("%s line %d: date_order %q is neither dmy nor mdy", name, n.Line, n.Value)
		}
	}

	n := &doc.Columns
	switch {
	case n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null"):
		return mf, nil
	case n.Kind != yaml.MappingNode:
		return nil, fmt.Errorf("%s line %d: columns must map header texts to fields, e.g. \"Mail privat\": email", name, n.Line)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s line %d: a column must be a header text", name, k.Line)
		}
		header := strings.TrimSpace(k.Value)
		if header == "" {
			return nil, fmt.Errorf("%s line %d: empty column header", name, k.Line)
		}
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s line %d: column %q must map to one field name", name, v.Line, header)
		}
		field := strings.ToLower(strings.TrimSpace(v.Value))
		if t, ok := targetByName(field); !ok || t == tIgnore {
			return nil, fmt.Errorf("%s line %d: unknown field %q (known: %s)", name, v.Line, v.Value, strings.Join(Targets(), ", "))
		}
		key := headerKey(header)
		if key == "" {
			key = header
		}
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s line %d: column %q is already mapped on line %d", name, k.Line, header, prev)
		}
		seen[key] = k.Line
		mf.Columns = append(mf.Columns, MapColumn{Header: header, Field: field, Line: k.Line})
	}
	return mf, nil
}

// decodeYAML runs dec.Decode and turns a panic inside the YAML library into
// an error: a mapping file is user input and must never crash leadpipe.
func decodeYAML(dec *yaml.Decoder, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: cannot parse: %v", r)
		}
	}()
	return dec.Decode(v)
}

var (
	mapFileLineRE    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	mapFileUnknownRE = regexp.MustCompile(`^field (.*) not found in type .*$`)
	mapFileTypeRE    = regexp.MustCompile(`^cannot unmarshal (\S+) .*into importer\.mapFileDoc$`)
)

// mapFileYAMLError rewrites the YAML library's messages ("yaml: line 3: ...",
// "yaml: unmarshal errors:\n  line 2: field x not found in type ...") as
// "name line 3: ..." lines.
func mapFileYAMLError(name string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	out := make([]string, 0, len(msgs))
	for _, msg := range msgs {
		msg = strings.TrimPrefix(msg, "yaml: ")
		if m := mapFileLineRE.FindStringSubmatch(msg); m != nil {
			detail := m[2]
			if u := mapFileUnknownRE.FindStringSubmatch(detail); u != nil {
				detail = fmt.Sprintf("unknown key %q (known: columns, date_order)", u[1])
			} else if mapFileTypeRE.MatchString(detail) {
				detail = "the file must be a mapping with the keys columns and date_order"
			}
			out = append(out, fmt.Sprintf("%s line %s: %s", name, m[1], detail))
			continue
		}
		out = append(out, name+": "+msg)
	}
	return errors.New(strings.Join(out, "\n"))
}
