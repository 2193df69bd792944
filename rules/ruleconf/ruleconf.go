// Package ruleconf reads the rule sections of leadpipe.yaml (scoring,
// lifecycle) from YAML nodes, keeping the line of every value, so that each
// problem is reported as `leadpipe.yaml line 7 rule "big budget": ...`.
//
// A section reader is strict like the config package: unknown keys, wrong
// types and duplicate keys are errors. It collects every problem instead of
// stopping at the first, which is what `leadpipe config check` shows.
package ruleconf

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/leadpipe/leadpipe/rules"
	"go.yaml.in/yaml/v3"
)

// MaxSize bounds a configuration document, as the config package does.
const MaxSize = 1 << 20

// Error is a problem at a line of a configuration file. Where names what
// the problem is about (`rule "big budget"`, `gate Qualified`,
// `scoring.grades`); Err is the cause, which may be a *rules.Error with the
// position inside an expression. Messages never hold lead data, and hold
// configuration text only where it is a name or an expression.
type Error struct {
	File  string
	Line  int // 0 when the problem has no line
	Where string
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(" line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Where != "" {
		b.WriteString(" ")
		b.WriteString(e.Where)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Doc reads one configuration document and collects its problems.
type Doc struct {
	File string
	Errs []error
}

// Failf records a problem at node n (its line; none when n is nil).
func (d *Doc) Failf(n *yaml.Node, where, format string, args ...any) {
	d.Fail(n, where, fmt.Errorf(format, args...))
}

// Fail records err at node n.
func (d *Doc) Fail(n *yaml.Node, where string, err error) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.Errs = append(d.Errs, &Error{File: d.File, Line: line, Where: where, Err: err})
}

// Err returns every problem recorded, joined, or nil.
func (d *Doc) Err() error { return errors.Join(d.Errs...) }

var yamlLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Section parses data and returns the value of the top-level key, with the
// key's own node; both are nil when the document has no such key. Syntax
// errors are recorded and give nil.
func (d *Doc) Section(data []byte, key string) (value, keyNode *yaml.Node) {
	if len(data) > MaxSize {
		d.Failf(nil, "", "larger than %d bytes; is it the right file?", MaxSize)
		return nil, nil
	}
	var doc yaml.Node
	if err := unmarshal(data, &doc); err != nil {
		for _, msg := range yamlMessages(err) {
			line := 0
			if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
				line, _ = strconv.Atoi(m[1])
				msg = m[2]
			}
			d.Errs = append(d.Errs, &Error{File: d.File, Line: line, Err: errors.New(strings.TrimPrefix(msg, "yaml: "))})
		}
		return nil, nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, nil
		}
		root = root.Content[0]
	}
	root = deref(root)
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			return nil, nil // empty document
		}
		d.Failf(root, "", "want a mapping of sections at the top level")
		return nil, nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			value, keyNode = deref(root.Content[i+1]), root.Content[i]
		}
	}
	return value, keyNode
}

// unmarshal is yaml.Unmarshal that turns a panic of the parser into an
// error: a configuration file must never crash a run.
func unmarshal(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("cannot parse the file as YAML")
		}
	}()
	return yaml.NewDecoder(bytes.NewReader(data)).Decode(v)
}

func yamlMessages(err error) []string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return te.Errors
	}
	if err.Error() == "EOF" {
		return nil
	}
	return []string{err.Error()}
}

// deref follows aliases (*anchor) to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// IsNull reports whether n is missing or an explicit null (`key:` with
// nothing after it).
func IsNull(n *yaml.Node) bool {
	n = deref(n)
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// Field is one key and value of a mapping.
type Field struct {
	Key   string
	KeyNd *yaml.Node
	Value *yaml.Node
}

// Map returns the fields of mapping n in file order. It records a problem
// for a node that is no mapping, for a key not among known (when known is
// not empty) and for a key given twice, and leaves those fields out. A
// null n is an empty mapping.
func (d *Doc) Map(n *yaml.Node, where string, known ...string) []Field {
	n = deref(n)
	if IsNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.Failf(n, where, "want a mapping of keys and values, not %s", kindName(n))
		return nil
	}
	var out []Field
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			d.Failf(k, where, "a key must be a plain name")
			continue
		}
		switch {
		case k.Value == "<<":
			d.Failf(k, where, "merge keys (<<) are not supported")
			continue
		case len(known) > 0 && !slices.Contains(known, k.Value):
			d.Failf(k, where, "unknown key %s (known: %s)", strconv.Quote(k.Value), strings.Join(known, ", "))
			continue
		case seen[k.Value]:
			d.Failf(k, where, "key %s given twice", strconv.Quote(k.Value))
			continue
		}
		seen[k.Value] = true
		out = append(out, Field{Key: k.Value, KeyNd: k, Value: v})
	}
	return out
}

// Seq returns the items of sequence n; a null n is empty.
func (d *Doc) Seq(n *yaml.Node, where string) []*yaml.Node {
	n = deref(n)
	if IsNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.Failf(n, where, "want a list, not %s", kindName(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = deref(c)
	}
	return out
}

// Scalar returns the text of a scalar, recording a problem for anything
// else. key names the value in the message.
func (d *Doc) Scalar(n *yaml.Node, where, key string) (string, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		d.Failf(n, where, "%s: want a single value, not %s", key, kindName(n))
		return "", false
	}
	return n.Value, true
}

// String returns a scalar that must not be empty.
func (d *Doc) String(n *yaml.Node, where, key string) (string, bool) {
	s, ok := d.Scalar(n, where, key)
	if ok && (IsNull(n) || strings.TrimSpace(s) == "") {
		d.Failf(n, where, "%s: must not be empty", key)
		return "", false
	}
	return s, ok
}

// Int returns a whole number.
func (d *Doc) Int(n *yaml.Node, where, key string) (int, bool) {
	s, ok := d.Scalar(n, where, key)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), 10, 32)
	if err != nil || n.Tag != "!!int" && n.Tag != "!!str" {
		d.Failf(n, where, "%s: want a whole number", key)
		return 0, false
	}
	return int(v), true
}

// Float returns a number.
func (d *Doc) Float(n *yaml.Node, where, key string) (float64, bool) {
	s, ok := d.Scalar(n, where, key)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || n.Tag != "!!int" && n.Tag != "!!float" || v != v {
		d.Failf(n, where, "%s: want a number", key)
		return 0, false
	}
	return v, true
}

// Bool returns true or false.
func (d *Doc) Bool(n *yaml.Node, where, key string) (bool, bool) {
	s, ok := d.Scalar(n, where, key)
	if !ok {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	d.Failf(n, where, "%s: want true or false", key)
	return false, false
}

// Strings returns a list of scalars; a single scalar is a list of one.
func (d *Doc) Strings(n *yaml.Node, where, key string) ([]string, bool) {
	n = deref(n)
	if n != nil && n.Kind == yaml.ScalarNode && !IsNull(n) {
		return []string{n.Value}, true
	}
	if n == nil || n.Kind != yaml.SequenceNode {
		if IsNull(n) {
			return nil, true
		}
		d.Failf(n, where, "%s: want a list, not %s", key, kindName(n))
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	ok := true
	for _, c := range n.Content {
		s, good := d.Scalar(c, where, key)
		ok = ok && good
		out = append(out, s)
	}
	return out, ok
}

// Expr is an expression found in a configuration file: its text and where
// it is, for mapping a position inside it to a line of the file.
type Expr struct {
	Src  string
	Node *yaml.Node // nil for an expression not read from a file
	// At is the line of the entry that holds the expression: where a
	// problem is placed when Node cannot tell.
	At int
}

// Line returns the file line of line n (1-based) of the expression. A
// folded block (>) is one line of expression text, so its problems are
// placed on the block's first line.
func (x Expr) Line(n int) int {
	if x.Node == nil {
		return 0
	}
	if n < 1 {
		n = 1
	}
	switch x.Node.Style {
	case yaml.LiteralStyle:
		return x.Node.Line + n // the text starts below the |
	case yaml.FoldedStyle:
		return x.Node.Line + 1
	}
	return x.Node.Line + n - 1
}

// Compile compiles the expression; a problem is returned as an *Error at
// the file line of the problem, its message prefixed with key ("when: ").
func Compile(file, where, key string, x Expr, kind rules.Kind, opts ...rules.Option) (*rules.Program, error) {
	p, err := rules.Compile(x.Src, kind, opts...)
	if err == nil {
		return p, nil
	}
	e := &Error{File: file, Where: where, Err: prefixed{key, err}}
	var re *rules.Error
	if errors.As(err, &re) {
		e.Line = x.Line(re.Line)
	}
	if e.Line == 0 && x.Node != nil {
		e.Line = x.Node.Line
	}
	if e.Line == 0 {
		e.Line = x.At
	}
	return nil, e
}

// prefixed is an error with a key in front of its message, keeping the
// cause for errors.As.
type prefixed struct {
	key string
	err error
}

func (p prefixed) Error() string { return p.key + ": " + p.err.Error() }
func (p prefixed) Unwrap() error { return p.err }

func kindName(n *yaml.Node) string {
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case IsNull(n):
		return "nothing"
	case n.Kind == yaml.ScalarNode:
		return "a single value"
	}
	return "this"
}

// Errors is every problem of a configuration section, in file order. Its
// message has one problem per line; errors.As finds each *Error.
type Errors struct{ Errs []error }

func (e *Errors) Error() string {
	var b strings.Builder
	for i, err := range e.Errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

func (e *Errors) Unwrap() []error { return e.Errs }

// Join returns the problems as an *Errors in file order, or nil.
func Join(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return &Errors{Errs: Sort(errs)}
}

// Sort returns the problems ordered by line (problems without a line
// first), keeping the order of problems on the same line; nil if none.
func Sort(errs []error) []error {
	if len(errs) == 0 {
		return nil
	}
	line := func(err error) int {
		var e *Error
		if errors.As(err, &e) {
			return e.Line
		}
		return 0
	}
	sorted := slices.Clone(errs)
	slices.SortStableFunc(sorted, func(a, b error) int { return line(a) - line(b) })
	return sorted
}
