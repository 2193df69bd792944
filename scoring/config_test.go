package scoring

import (
	"errors"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/rules"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

// The issue's example must work exactly as written.
const issueExample = `scoring:
  rules:
    - name: big budget
      when: budget >= 50000
      points: 30
    - name: decision maker
      when: title matches "(?i)(ceo|geschäftsführer|prezes|owner|head of)"
      points: 20
  grades: {hot: 60, warm: 30}
`

func TestParseIssueExample(t *testing.T) {
	cfg, err := ParseConfig([]byte("import:\n  region: DE\n"+issueExample+"store:\n  lock_timeout: 2s\n"), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Default || len(cfg.Rules) != 2 || cfg.Grades.Hot != 60 || cfg.Grades.Warm != 30 {
		t.Fatalf("config = %+v", cfg)
	}
	r := cfg.Rules[1]
	if r.Name != "decision maker" || r.Points != 20 || r.Line != 8 || !strings.Contains(r.When, "geschäftsführer") {
		t.Errorf("rule 2 = %+v", r)
	}
	if _, errs := Compile(cfg); errs != nil {
		t.Fatal(errs)
	}
}

func TestParseDefaults(t *testing.T) {
	tests := []struct {
		name        string
		yaml        string
		wantDefault bool
		wantRules   int
		hot, warm   int
	}{
		{name: "no file content", yaml: "", wantDefault: true, wantRules: len(DefaultConfig().Rules), hot: 60, warm: 30},
		{name: "no scoring section", yaml: "import:\n  region: DE\n", wantDefault: true, wantRules: len(DefaultConfig().Rules), hot: 60, warm: 30},
		{name: "grades only", yaml: "scoring:\n  grades: {hot: 80}\n", wantDefault: true, wantRules: len(DefaultConfig().Rules), hot: 80, warm: 30},
		{name: "empty section", yaml: "scoring:\n", wantDefault: true, wantRules: len(DefaultConfig().Rules), hot: 60, warm: 30},
		{name: "rules off", yaml: "scoring:\n  rules: []\n", wantRules: 0, hot: 60, warm: 30},
		{name: "own rules", yaml: issueExample, wantRules: 2, hot: 60, warm: 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig([]byte(tt.yaml), "leadpipe.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Default != tt.wantDefault || len(cfg.Rules) != tt.wantRules || cfg.Grades.Hot != tt.hot || cfg.Grades.Warm != tt.warm {
				t.Errorf("got default=%v rules=%d grades=%d/%d", cfg.Default, len(cfg.Rules), cfg.Grades.Hot, cfg.Grades.Warm)
			}
			if errs := Check([]byte(tt.yaml), "leadpipe.yaml"); errs != nil {
				t.Errorf("Check: %v", errs)
			}
		})
	}
}

// Every kind of problem names the file, the line and the rule.
func TestConfigErrors(t *testing.T) {
	rule := func(body string) string {
		return "scoring:\n  rules:\n    - name: big budget\n" + body + "  grades: {hot: 60, warm: 30}\n"
	}
	tests := []struct {
		name string
		yaml string
		want []string // every problem Check reports, in order
	}{
		{name: "unknown key in rule",
			yaml: rule("      when: budget >= 50000\n      pionts: 30\n"),
			want: []string{`leadpipe.yaml line 5 rule "big budget": unknown key "pionts" (known: name, when, points, decay)`}},
		{name: "unknown field in expression",
			yaml: rule("      when: budgte >= 50000\n      points: 30\n"),
			want: []string{`leadpipe.yaml line 4 rule "big budget": when: unknown name budgte (1:1); did you mean budget?`}},
		{name: "unknown field later in block expression",
			yaml: rule("      when: |\n        country == \"DE\" &&\n        emial != \"\"\n      points: 30\n"),
			want: []string{`leadpipe.yaml line 6 rule "big budget": when: unknown name emial (2:1); did you mean email?`}},
		{name: "syntax error",
			yaml: rule("      when: budget >=\n      points: 30\n"),
			want: []string{`leadpipe.yaml line 4 rule "big budget": when: unexpected token EOF (1:9)`}},
		{name: "not a condition",
			yaml: rule("      when: budget * 2\n      points: 30\n"),
			want: []string{`leadpipe.yaml line 4 rule "big budget": when: not a condition: the expression gives a number, want true or false (1:1)`}},
		{name: "rule reads the score",
			yaml: rule("      when: score > 10\n      points: 30\n"),
			want: []string{`leadpipe.yaml line 4 rule "big budget": when: score is not available here (1:1); a scoring rule cannot read the score or grade it computes`}},
		{name: "missing when",
			yaml: rule("      points: 30\n"),
			want: []string{`leadpipe.yaml line 3 rule "big budget": when: missing; write the condition, e.g. when: budget >= 50000`}},
		{name: "empty when",
			yaml: rule("      when:\n      points: 30\n"),
			want: []string{`leadpipe.yaml line 3 rule "big budget": when: missing; write the condition, e.g. when: budget >= 50000`}},
		{name: "points not a number",
			yaml: rule("      when: budget > 0\n      points: ten\n"),
			want: []string{`leadpipe.yaml line 5 rule "big budget": points: want a whole number`}},
		{name: "points a fraction",
			yaml: rule("      when: budget > 0\n      points: 2.5\n"),
			want: []string{`leadpipe.yaml line 5 rule "big budget": points: want a whole number`}},
		{name: "when not a scalar",
			yaml: rule("      when: [budget > 0]\n      points: 30\n"),
			want: []string{`leadpipe.yaml line 4 rule "big budget": when: want a single value, not a list`}},
		{name: "name not a scalar",
			yaml: "scoring:\n  rules:\n    - name: {x: 1}\n      when: budget > 0\n      points: 1\n",
			want: []string{`leadpipe.yaml line 3 rule 1: name: want a single value, not a mapping`}},
		{name: "missing name",
			yaml: "scoring:\n  rules:\n    - when: budget > 0\n      points: 1\n",
			want: []string{`leadpipe.yaml line 3 rule 1: name: missing; every rule needs a name`}},
		{name: "duplicate name",
			yaml: "scoring:\n  rules:\n    - name: budget\n      when: budget > 0\n      points: 1\n    - name: Budget\n      when: budget > 10\n      points: 2\n",
			want: []string{`leadpipe.yaml line 6 rule "Budget": name: given twice (first on line 3); rule names must be unique`}},
		{name: "thresholds out of order",
			yaml: "scoring:\n  grades: {hot: 30, warm: 40}\n",
			want: []string{`leadpipe.yaml line 2 scoring.grades: hot (30) must be above warm (40)`}},
		{name: "thresholds equal",
			yaml: "scoring:\n  grades:\n    hot: 30\n    warm: 30\n",
			want: []string{`leadpipe.yaml line 2 scoring.grades: hot (30) must be above warm (30)`}},
		{name: "threshold not a number",
			yaml: "scoring:\n  grades: {hot: viel, warm: 30}\n",
			want: []string{`leadpipe.yaml line 2 scoring.grades: hot: want a whole number`}},
		{name: "unknown grade",
			yaml: "scoring:\n  grades: {hot: 60, lukewarm: 40}\n",
			want: []string{`leadpipe.yaml line 2 scoring.grades: unknown key "lukewarm" (known: hot, warm)`}},
		{name: "unknown key in section",
			yaml: "scoring:\n  rule: []\n",
			want: []string{`leadpipe.yaml line 2 scoring: unknown key "rule" (known: rules, grades)`}},
		{name: "rules not a list",
			yaml: "scoring:\n  rules: {name: x}\n",
			want: []string{`leadpipe.yaml line 2 scoring.rules: want a list, not a mapping`}},
		{name: "linear decay",
			yaml: rule("      when: budget > 0\n      points: 30\n      decay: {after_days: 30, per_day: 1, min: 0}\n"),
			want: []string{
				`leadpipe.yaml line 6 rule "big budget": decay.after_days: leadpipe's decay is a half-life; write decay: {half_life_days: N}`,
				`leadpipe.yaml line 6 rule "big budget": decay.per_day: leadpipe's decay is a half-life; write decay: {half_life_days: N}`,
				`leadpipe.yaml line 6 rule "big budget": decay.min: leadpipe's decay is a half-life; write decay: {half_life_days: N}`,
			}},
		{name: "decay zero",
			yaml: rule("      when: budget > 0\n      points: 30\n      decay: {half_life_days: 0}\n"),
			want: []string{`leadpipe.yaml line 6 rule "big budget": decay.half_life_days: must be above 0`}},
		{name: "yaml syntax",
			yaml: "scoring:\n  rules:\n    - name: x\n     when: y\n",
			want: []string{`leadpipe.yaml line 2: did not find expected '-' indicator`}},
		{name: "several problems, in line order",
			yaml: "scoring:\n  rules:\n    - name: a\n      when: emial != \"\"\n      points: 1\n    - name: b\n      when: true\n      points: x\n  grades: {hot: 1, warm: 2}\n",
			want: []string{
				`leadpipe.yaml line 4 rule "a": when: unknown name emial (1:1); did you mean email?`,
				`leadpipe.yaml line 8 rule "b": points: want a whole number`,
				`leadpipe.yaml line 9 scoring.grades: hot (1) must be above warm (2)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Check([]byte(tt.yaml), "leadpipe.yaml")
			var got []string
			for _, err := range errs {
				got = append(got, err.Error())
				var ce *ruleconf.Error
				if !errors.As(err, &ce) {
					t.Errorf("%v: type %T, want *ruleconf.Error", err, err)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Check:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
		})
	}
}

// An expression error keeps its cause for errors.As.
func TestConfigErrorCause(t *testing.T) {
	errs := Check([]byte("scoring:\n  rules:\n    - name: a\n      when: emial != \"\"\n      points: 1\n"), "f.yaml")
	if len(errs) != 1 {
		t.Fatalf("errs = %v", errs)
	}
	var re *rules.Error
	if !errors.As(errs[0], &re) || re.Line != 1 || re.Column != 1 {
		t.Errorf("cause = %#v", re)
	}
}

// ParseConfig reports structure problems; Compile reports the rest.
func TestParseConfigError(t *testing.T) {
	_, err := ParseConfig([]byte("scoring:\n  rules: []\n  grades: {hot: x, warm: y}\n"), "f.yaml")
	var es *ruleconf.Errors
	if !errors.As(err, &es) || len(es.Errs) != 2 {
		t.Fatalf("err = %v", err)
	}
	want := "f.yaml line 3 scoring.grades: hot: want a whole number\nf.yaml line 3 scoring.grades: warm: want a whole number"
	if err.Error() != want {
		t.Errorf("err =\n%s\nwant\n%s", err, want)
	}
}

// A Config built in Go (no file lines) is checked all the same.
func TestCompileGoConfig(t *testing.T) {
	_, errs := Compile(Config{Rules: []Rule{{Name: "a", When: "budget >"}, {When: "true"}}, Grades: Grades{Hot: 1, Warm: 1}})
	want := []string{
		`configuration scoring.grades: hot (1) must be above warm (1)`,
		`configuration rule "a": when: unexpected token EOF (1:8)`,
		`configuration rule 2: name: missing; every rule needs a name`,
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoad(t *testing.T) {
	eng, err := Load(nil, "leadpipe.yaml")
	if err != nil || !eng.IsDefault() {
		t.Fatalf("Load(nil) = %v, %v", eng, err)
	}
	doc := []byte("scoring:\n  rules:\n    - name: a\n      when: emial != \"\"\n      points: x\n")
	_, err = Load(doc, "leadpipe.yaml")
	var es *ruleconf.Errors
	if !errors.As(err, &es) || len(es.Errs) != 2 {
		t.Fatalf("Load = %v", err)
	}
	var want []string
	for _, e := range Check(doc, "leadpipe.yaml") {
		want = append(want, e.Error())
	}
	if err.Error() != strings.Join(want, "\n") {
		t.Errorf("Load and Check differ:\n%s\n%s", err, strings.Join(want, "\n"))
	}
}
