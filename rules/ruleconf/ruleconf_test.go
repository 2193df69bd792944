package ruleconf

import (
	"errors"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/rules"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{File: "leadpipe.yaml", Line: 7, Where: `rule "big budget"`, Err: errors.New("when: x")}, `leadpipe.yaml line 7 rule "big budget": when: x`},
		{Error{File: "leadpipe.yaml", Line: 3, Err: errors.New("bad")}, `leadpipe.yaml line 3: bad`},
		{Error{File: "leadpipe.yaml", Where: "scoring.rules", Err: errors.New("too many")}, `leadpipe.yaml scoring.rules: too many`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}

func TestSection(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		found   bool
		problem string
	}{
		{name: "empty", doc: ""},
		{name: "comment only", doc: "# nothing\n"},
		{name: "absent", doc: "import:\n  region: DE\n"},
		{name: "present", doc: "import: {}\nscoring:\n  rules: []\n", found: true},
		{name: "null section", doc: "scoring:\n", found: true},
		{name: "alias", doc: "base: &b\n  rules: []\nscoring: *b\n", found: true},
		{name: "list at the top", doc: "- a\n", problem: "f.yaml line 1: want a mapping of sections at the top level"},
		{name: "syntax", doc: "scoring: [\n", problem: "f.yaml line 1: did not find expected node content"},
		{name: "tab indentation", doc: "scoring:\n\trules: []\n", problem: "f.yaml line 2: found character that cannot start any token"},
		{name: "too big", doc: strings.Repeat("#", MaxSize+1), problem: "f.yaml: larger than 1048576 bytes; is it the right file?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{File: "f.yaml"}
			v, k := d.Section([]byte(tt.doc), "scoring")
			if (k != nil) != tt.found {
				t.Errorf("found = %v, want %v", k != nil, tt.found)
			}
			if tt.found && v == nil {
				t.Error("key without value")
			}
			got := ""
			if err := d.Err(); err != nil {
				got = err.Error()
			}
			if got != tt.problem {
				t.Errorf("problems %q, want %q", got, tt.problem)
			}
		})
	}
}

func TestMap(t *testing.T) {
	d := &Doc{File: "f.yaml"}
	v, _ := d.Section([]byte("s:\n  a: 1\n  b: 2\n  a: 3\n  <<: {c: 1}\n  z: 4\n"), "s")
	fields := d.Map(v, "s", "a", "b", "c")
	var keys []string
	for _, f := range fields {
		keys = append(keys, f.Key)
	}
	if strings.Join(keys, ",") != "a,b" {
		t.Errorf("keys %v", keys)
	}
	want := `f.yaml line 4 s: key "a" given twice
f.yaml line 5 s: merge keys (<<) are not supported
f.yaml line 6 s: unknown key "z" (known: a, b, c)`
	if got := Join(d.Errs).Error(); got != want {
		t.Errorf("problems:\n%s\nwant\n%s", got, want)
	}
}

func TestScalars(t *testing.T) {
	d := &Doc{File: "f.yaml"}
	v, _ := d.Section([]byte("s:\n  i: 12\n  q: '7'\n  f: 2.5\n  bad: x\n  b: yes\n  t: true\n  l: [a, 'b|c']\n  one: a\n"), "s")
	m := map[string]Field{}
	for _, f := range d.Map(v, "s") {
		m[f.Key] = f
	}
	if n, ok := d.Int(m["i"].Value, "s", "i"); !ok || n != 12 {
		t.Error("Int i")
	}
	if n, ok := d.Int(m["q"].Value, "s", "q"); !ok || n != 7 {
		t.Error("Int of a quoted number")
	}
	if _, ok := d.Int(m["f"].Value, "s", "f"); ok {
		t.Error("Int of 2.5")
	}
	if f, ok := d.Float(m["f"].Value, "s", "f"); !ok || f != 2.5 {
		t.Error("Float")
	}
	if _, ok := d.Float(m["bad"].Value, "s", "bad"); ok {
		t.Error("Float of x")
	}
	if _, ok := d.Bool(m["b"].Value, "s", "b"); ok {
		t.Error("Bool of yes: YAML 1.2 has no yes")
	}
	if b, ok := d.Bool(m["t"].Value, "s", "t"); !ok || !b {
		t.Error("Bool true")
	}
	if l, ok := d.Strings(m["l"].Value, "s", "l"); !ok || strings.Join(l, ";") != "a;b|c" {
		t.Errorf("Strings %v", l)
	}
	if l, ok := d.Strings(m["one"].Value, "s", "one"); !ok || len(l) != 1 {
		t.Errorf("Strings of one %v", l)
	}
	if len(d.Errs) != 3 {
		t.Errorf("%d problems: %v", len(d.Errs), d.Err())
	}
}

func TestCompileLines(t *testing.T) {
	doc := "s:\n  plain: emial != \"\"\n  quoted: \"country == 'DE' && emial != ''\"\n  block: |\n    country == \"DE\" &&\n      emial != \"\"\n  folded: >\n    country == \"DE\" &&\n    emial != \"\"\n"
	d := &Doc{File: "f.yaml"}
	v, _ := d.Section([]byte(doc), "s")
	want := map[string]int{"plain": 2, "quoted": 3, "block": 6, "folded": 8}
	for _, f := range d.Map(v, "s") {
		_, err := Compile("f.yaml", "rule x", "when", Expr{Src: f.Value.Value, Node: f.Value}, rules.Bool)
		var e *Error
		if !errors.As(err, &e) || e.Line != want[f.Key] {
			t.Errorf("%s: %v, want line %d", f.Key, err, want[f.Key])
		}
		var re *rules.Error
		if !errors.As(err, &re) {
			t.Errorf("%s: the cause is not a *rules.Error", f.Key)
		}
	}
}
