// Package config loads leadpipe's configuration file, leadpipe.yaml: the
// defaults that a team wants on every run (region, source, date order,
// mapping file, lock timeout), so that cron lines stay short. Flags given on
// the command line override what the file says.
//
// The file is strict: an unknown section or key is an error that names the
// file and line, so that a typo never silently does nothing.
//
//	import:
//	  region: DE          # default phone region, ISO 3166-1 alpha-2
//	  source: messe-2026  # value of the source field for imported leads
//	  date_order: dmy     # dmy or mdy, for ambiguous nn/nn/yyyy dates
//	  map: mapping.yaml   # mapping file, relative to this file
//	  batch_size: 4000    # rows per store transaction
//	  erased: reject      # or create: import rows of erased people again
//	  unreachable: reject # or keep: import rows with no way to reach the person
//	store:
//	  lock_timeout: 2s    # how long to wait for another run's lock
//	scoring: ...          # scoring rules and grades (package scoring)
//	lifecycle: ...        # status gates and stage sync (package lifecycle)
//	dedupe: ...           # duplicate matching rules (package dedupe)
//	convert: ...          # opportunity name, stage, close date (package convert)
//
// The scoring and lifecycle sections are kept as YAML nodes: their own
// packages read and check them from the raw file (Data), so that their
// problems name the rule as well as the line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// DefaultFile is read from the working directory when no file is named.
const DefaultFile = "leadpipe.yaml"

// maxSize bounds what Load reads: a configuration file is a few lines.
const maxSize = 1 << 20

// Config is the content of a configuration file. Each top-level key is a
// section with a struct of its own; a later feature adds its section by
// adding a field here (and a check to validate if its values need one).
// Unknown sections and keys are rejected, so an added section is also a
// documented one.
type Config struct {
	Import Import `yaml:"import"`
	Store  Store  `yaml:"store"`
	// Scoring and Lifecycle are read by scoring.Load and lifecycle.Load
	// from Data; here they are only accepted.
	Scoring   yaml.Node `yaml:"scoring"`
	Lifecycle yaml.Node `yaml:"lifecycle"`
	// Dedupe and Convert are read by dedupe.Load and convert.Load, the
	// same way.
	Dedupe  yaml.Node `yaml:"dedupe"`
	Convert yaml.Node `yaml:"convert"`

	// File is the path the configuration was read from; empty when none was.
	File string `yaml:"-"`
	// Data is the file's content, for the packages that read a section of
	// their own (scoring.Load, lifecycle.Load); nil when there is no file.
	Data []byte `yaml:"-"`
}

// Import holds the defaults of `leadpipe import`.
type Import struct {
	Region    string `yaml:"region"`     // ISO 3166-1 alpha-2, upper-cased
	Source    string `yaml:"source"`     // value of the lead's source field
	DateOrder string `yaml:"date_order"` // "dmy", "mdy" or empty
	// Map is the mapping file. Load makes a relative path relative to the
	// directory of the configuration file, so that a cron job run from
	// elsewhere finds it.
	Map       string `yaml:"map"`
	BatchSize int    `yaml:"batch_size"` // rows per transaction; 0 means the default
	// Erased says what import does with a row of an erased person:
	// "reject" (the default) or "create" (import it, with a warning).
	Erased string `yaml:"erased"`
	// Unreachable says what import does with a row that offers no way to
	// reach the person: "reject" (the default) or "keep" (import it with a
	// warning, as --keep-unreachable does).
	Unreachable string `yaml:"unreachable"`
}

// Store holds the settings of the store.
type Store struct {
	// LockTimeout is how long a run waits for another run's lock; zero
	// means the command's default.
	LockTimeout Duration `yaml:"lock_timeout"`
}

// Duration is a time.Duration written the Go way: "2s", "500ms", "1m30s".
type Duration struct{ time.Duration }

// UnmarshalYAML parses a duration string. A bare number is refused: it
// would be unclear whether it means seconds or nanoseconds.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: want a duration such as 2s or 500ms", n.Line)}}
	}
	d.Duration = v
	return nil
}

// Error is a problem at a position of a configuration file.
type Error struct {
	File string
	Line int // 0 when the problem has no line
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load reads and checks a configuration file. A file that does not exist
// gives an error satisfying errors.Is(err, fs.ErrNotExist); the caller
// decides whether that matters. A relative import.map is made relative to
// the file's directory.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read configuration %s: %w", path, err)
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	if c.Import.Map != "" && !filepath.IsAbs(c.Import.Map) {
		c.Import.Map = filepath.Join(filepath.Dir(path), c.Import.Map)
	}
	return c, nil
}

// Parse decodes and checks the content of a configuration file; name is
// used in errors. Empty content is an empty configuration.
func Parse(name string, data []byte) (*Config, error) {
	if len(data) > maxSize {
		return nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d bytes; is it the right file?", maxSize)}
	}
	c := &Config{File: name, Data: data}
	if c.Data == nil {
		c.Data = []byte{}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && err != io.EOF {
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		if err != nil {
			return nil, yamlError(name, err)
		}
		return nil, &Error{File: name, Line: extra.Line, Msg: "a second YAML document; the file must hold one"}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(name, err)
	}
	if err := c.validate(func(path ...string) int { return lineOf(&root, path...) }); err != nil {
		return nil, err
	}
	return c, nil
}

// validate checks values and puts them into canonical form. line gives the
// line of a key path, for the error.
func (c *Config) validate(line func(path ...string) int) error {
	var errs []error
	bad := func(msg string, path ...string) {
		errs = append(errs, &Error{File: c.File, Line: line(path...), Msg: strings.Join(path, ".") + ": " + msg})
	}
	im := &c.Import
	im.Region = strings.ToUpper(strings.TrimSpace(im.Region))
	if im.Region != "" && !isAlpha2(im.Region) {
		bad("want an ISO 3166-1 alpha-2 country code such as DE or PL", "import", "region")
	}
	im.DateOrder = strings.ToLower(strings.TrimSpace(im.DateOrder))
	if im.DateOrder != "" && im.DateOrder != "dmy" && im.DateOrder != "mdy" {
		bad("want dmy or mdy", "import", "date_order")
	}
	if im.BatchSize < 0 {
		bad("must not be negative", "import", "batch_size")
	}
	im.Erased = strings.ToLower(strings.TrimSpace(im.Erased))
	if im.Erased != "" && im.Erased != "reject" && im.Erased != "create" {
		bad("want reject or create", "import", "erased")
	}
	im.Unreachable = strings.ToLower(strings.TrimSpace(im.Unreachable))
	if im.Unreachable != "" && im.Unreachable != "reject" && im.Unreachable != "keep" {
		bad("want reject or keep", "import", "unreachable")
	}
	if c.Store.LockTimeout.Duration < 0 {
		bad("must not be negative", "store", "lock_timeout")
	}
	return errors.Join(errs...)
}

func isAlpha2(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// lineOf finds the line of the key at path in a parsed document, or 0.
func lineOf(doc *yaml.Node, path ...string) int {
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, key := range path {
		if n.Kind != yaml.MappingNode {
			return line
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				line, next = n.Content[i].Line, n.Content[i+1]
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

var (
	lineRe    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownRe = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
)

// yamlError turns a yaml error into errors naming the file and line, and
// says "unknown key" in our words instead of the Go type names.
func yamlError(name string, err error) error {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var errs []error
	for _, m := range msgs {
		e := &Error{File: name, Msg: strings.TrimPrefix(m, "yaml: ")}
		if sub := lineRe.FindStringSubmatch(m); sub != nil {
			e.Line, _ = strconv.Atoi(sub[1])
			e.Msg = sub[2]
		}
		if sub := unknownRe.FindStringSubmatch(e.Msg); sub != nil {
			if section, ok := sectionOf[sub[2]]; ok {
				e.Msg = fmt.Sprintf("unknown key %q in section %s", sub[1], section)
			} else {
				e.Msg = fmt.Sprintf("unknown section %q (known: %s)", sub[1], strings.Join(sectionNames(), ", "))
			}
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// sectionOf maps the Go type name of each section struct, as yaml reports
// it, to the section's key.
var sectionOf = func() map[string]string {
	m := map[string]string{}
	t := reflect.TypeFor[Config]()
	for f := range t.Fields() {
		if tag := yamlName(f); tag != "" && f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[yaml.Node]() {
			m[f.Type.String()] = tag
		}
	}
	return m
}()

func sectionNames() []string {
	var names []string
	for f := range reflect.TypeFor[Config]().Fields() {
		if tag := yamlName(f); tag != "" {
			names = append(names, tag)
		}
	}
	return names
}

func yamlName(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if tag == "-" {
		return ""
	}
	return tag
}
