package lifecycle

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

// The shape the issue gives must work as written, over the defaults.
func TestParseIssueShape(t *testing.T) {
	cfg := mustParse(t, "import:\n  region: DE\nlifecycle:\n  gates: {Qualified: {require: [company, email|phone, budget]}, Disqualified: {require_reason: true}}\n")
	q := cfg.Gates[crm.StatusQualified]
	if !slices.EqualFunc(q.Require, [][]string{{"company"}, {"email", "phone"}, {"budget"}}, slices.Equal) || q.Line != 4 {
		t.Errorf("Qualified gate = %+v", q)
	}
	if !cfg.Gates[crm.StatusDisqualified].RequireReason {
		t.Error("Disqualified gate lost require_reason")
	}
	if len(cfg.Sync) != 2 || cfg.OnConvert.WithOpportunity != crm.StageOpportunity {
		t.Errorf("defaults not kept: %+v", cfg)
	}
	if _, errs := Compile(cfg); errs != nil {
		t.Fatal(errs)
	}
}

func TestParseMerge(t *testing.T) {
	tests := []struct {
		name      string
		yaml      string
		gates     []crm.Status
		sync      int
		onConvert crm.Stage
	}{
		{name: "no section", yaml: "scoring:\n  rules: []\n", gates: []crm.Status{"Qualified", "Disqualified"}, sync: 2, onConvert: "Opportunity"},
		{name: "empty section", yaml: "lifecycle:\n", gates: []crm.Status{"Qualified", "Disqualified"}, sync: 2, onConvert: "Opportunity"},
		{name: "a gate replaced, another added", yaml: "lifecycle:\n  gates:\n    qualified: {require: [tax_id]}\n    Working: {when: present(\"phone\")}\n",
			gates: []crm.Status{"Working", "Qualified", "Disqualified"}, sync: 2, onConvert: "Opportunity"},
		{name: "a gate removed", yaml: "lifecycle:\n  gates:\n    Qualified: {}\n", gates: []crm.Status{"Disqualified"}, sync: 2, onConvert: "Opportunity"},
		{name: "sync off", yaml: "lifecycle:\n  sync: []\n", gates: []crm.Status{"Qualified", "Disqualified"}, sync: 0, onConvert: "Opportunity"},
		{name: "own sync", yaml: "lifecycle:\n  sync:\n    - {when: score >= 80, stage: sql}\n", gates: []crm.Status{"Qualified", "Disqualified"}, sync: 1, onConvert: "Opportunity"},
		{name: "convert without stage", yaml: "lifecycle:\n  on_convert: {with_opportunity: }\n", gates: []crm.Status{"Qualified", "Disqualified"}, sync: 2, onConvert: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustParse(t, tt.yaml)
			m, errs := Compile(cfg)
			if errs != nil {
				t.Fatal(errs)
			}
			var gates []crm.Status
			for _, st := range crm.Statuses {
				if m.gates[st] != nil {
					gates = append(gates, st)
				}
			}
			if !slices.Equal(gates, tt.gates) || len(m.sync) != tt.sync || m.ConvertStage() != tt.onConvert {
				t.Errorf("gates %v sync %d convert %q", gates, len(m.sync), m.ConvertStage())
			}
		})
	}
	// Parsing never changes the defaults.
	mustParse(t, "lifecycle:\n  gates:\n    Qualified: {require: [tax_id]}\n")
	if got := DefaultConfig().Gates[crm.StatusQualified].Require; len(got) != 3 {
		t.Errorf("defaults changed: %v", got)
	}
}

// Every kind of problem names the file, the line and the gate or rule.
func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{name: "unknown status",
			yaml: "lifecycle:\n  gates:\n    Qualifed: {require: [company]}\n",
			want: []string{`leadpipe.yaml line 3 lifecycle.gates: unknown status "Qualifed" (want one of New, Working, Nurturing, Qualified, Disqualified, Converted)`}},
		{name: "unknown key in gate",
			yaml: "lifecycle:\n  gates:\n    Qualified:\n      requires: [company]\n",
			want: []string{`leadpipe.yaml line 4 gate Qualified: unknown key "requires" (known: require, require_reason, when)`}},
		{name: "misspelt required field",
			yaml: "lifecycle:\n  gates:\n    Qualified:\n      require: [company, emial|phone]\n",
			want: []string{`leadpipe.yaml line 4 gate Qualified: require: unknown field "emial"; did you mean email? (for a custom column of that name use custom("emial"))`}},
		{name: "reason as a field",
			yaml: "lifecycle:\n  gates:\n    Disqualified: {require: [reason]}\n",
			want: []string{`leadpipe.yaml line 3 gate Disqualified: require: reason is not a field; write require_reason: true`}},
		{name: "empty alternative",
			yaml: "lifecycle:\n  gates:\n    Qualified: {require: [email|]}\n",
			want: []string{`leadpipe.yaml line 3 gate Qualified: require: an empty field name (in "email|")`}},
		// custom( written wrong was taken as a custom column of that
		// name, which no lead has: the gate refused every lead.
		{name: "custom( without its bracket",
			yaml: "lifecycle:\n  gates:\n    Qualified:\n      require: ['custom(\"Notiz\"']\n",
			want: []string{`leadpipe.yaml line 4 gate Qualified: require: "custom(\"Notiz\"" is not written as in a rule: custom("Column")`}},
		{name: "custom( with an open quote",
			yaml: "lifecycle:\n  gates:\n    Qualified:\n      require: ['custom(\"Notiz)']\n",
			want: []string{`leadpipe.yaml line 4 gate Qualified: require: "custom(\"Notiz)" is not written as in a rule: custom("Column")`}},
		{name: "require_reason not a bool",
			yaml: "lifecycle:\n  gates:\n    Disqualified: {require_reason: ja}\n",
			want: []string{`leadpipe.yaml line 3 gate Disqualified: require_reason: want true or false`}},
		{name: "gate condition does not compile",
			yaml: "lifecycle:\n  gates:\n    Qualified:\n      when: budgte > 0\n",
			want: []string{`leadpipe.yaml line 4 gate Qualified: when: unknown name budgte (1:1); did you mean budget?`}},
		{name: "gate condition not a condition",
			yaml: "lifecycle:\n  gates:\n    Qualified:\n      when: budget\n",
			want: []string{`leadpipe.yaml line 4 gate Qualified: when: not a condition: the expression gives a number, want true or false (1:1)`}},
		{name: "sync unknown stage",
			yaml: "lifecycle:\n  sync:\n    - when: grade == \"hot\"\n      stage: Marketing\n",
			want: []string{`leadpipe.yaml line 4 sync rule 1: stage: unknown stage "Marketing" (want one of Lead, MQL, SQL, Opportunity, Customer)`}},
		{name: "sync missing stage",
			yaml: "lifecycle:\n  sync:\n    - when: grade == \"hot\"\n",
			want: []string{`leadpipe.yaml line 3 sync rule 1: stage: missing; want one of Lead, MQL, SQL, Opportunity, Customer`}},
		{name: "sync when not a scalar",
			yaml: "lifecycle:\n  sync:\n    - {when: [a], stage: MQL}\n",
			want: []string{`leadpipe.yaml line 3 sync rule 1: when: want a single value, not a list`}},
		{name: "sync missing when",
			yaml: "lifecycle:\n  sync:\n    - stage: MQL\n",
			want: []string{`leadpipe.yaml line 3 sync rule 1: when: missing; write the condition, e.g. when: grade == "hot"`}},
		{name: "sync condition on line 2 of a literal block",
			yaml: "lifecycle:\n  sync:\n    - stage: SQL\n      when: |\n        status == \"Qualified\" ||\n        grde == \"hot\"\n",
			want: []string{`leadpipe.yaml line 6 sync rule 1: when: unknown name grde (2:1); did you mean grade?`}},
		{name: "a folded block is one line: its first",
			yaml: "lifecycle:\n  sync:\n    - stage: SQL\n      when: >\n        status == \"Qualified\" ||\n        grde == \"hot\"\n",
			want: []string{`leadpipe.yaml line 5 sync rule 1: when: unknown name grde (1:26); did you mean grade?`}},
		{name: "on_convert unknown stage",
			yaml: "lifecycle:\n  on_convert: {with_opportunity: Deal}\n",
			want: []string{`leadpipe.yaml line 2 lifecycle.on_convert: with_opportunity: unknown stage "Deal" (want one of Lead, MQL, SQL, Opportunity, Customer)`}},
		{name: "unknown key in section",
			yaml: "lifecycle:\n  gate: {}\n",
			want: []string{`leadpipe.yaml line 2 lifecycle: unknown key "gate" (known: gates, sync, on_convert)`}},
		{name: "gates not a mapping",
			yaml: "lifecycle:\n  gates: [Qualified]\n",
			want: []string{`leadpipe.yaml line 2 lifecycle.gates: want a mapping of keys and values, not a list`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, err := range Check([]byte(tt.yaml), "leadpipe.yaml") {
				got = append(got, err.Error())
				var ce *ruleconf.Error
				if !errors.As(err, &ce) {
					t.Errorf("%v: type %T", err, err)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Check:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
		})
	}
}

func TestDefaultYAMLIsTheDefault(t *testing.T) {
	if errs := Check([]byte(DefaultYAML), "leadpipe.yaml"); errs != nil {
		t.Fatal(errs)
	}
	a, b := mustParse(t, DefaultYAML), DefaultConfig()
	a.File, b.File = "", ""
	if len(a.Gates) != len(b.Gates) || len(a.Sync) != len(b.Sync) {
		t.Error("DefaultYAML parsed over the defaults differs from the defaults")
	}
}

func TestLoad(t *testing.T) {
	m, err := Load(nil, "leadpipe.yaml")
	if err != nil || m.gates[crm.StatusQualified] == nil {
		t.Fatalf("Load(nil) = %v", err)
	}
	doc := []byte("lifecycle:\n  gates:\n    Qualifed: {}\n    Qualified: {require: [emial]}\n")
	_, err = Load(doc, "leadpipe.yaml")
	var want []string
	for _, e := range Check(doc, "leadpipe.yaml") {
		want = append(want, e.Error())
	}
	if err == nil || len(want) != 2 || err.Error() != strings.Join(want, "\n") {
		t.Errorf("Load and Check differ:\n%v\n%s", err, strings.Join(want, "\n"))
	}
}
