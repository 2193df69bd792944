package convert

import (
	"errors"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

func TestLoad(t *testing.T) {
	defaults := Config{OpportunityName: DefaultOpportunityName, OpportunityStage: DefaultOpportunityStage, CloseDays: DefaultCloseDays}
	tests := []struct {
		name string
		yaml string
		want Config
	}{
		{"no file", "", defaults},
		{"no convert section", "scoring:\n  grades: {hot: 60, warm: 30}\n", defaults},
		{"empty section", "convert:\n", defaults},
		{"empty opportunity", "convert:\n  opportunity:\n", defaults},
		{
			name: "every key",
			yaml: `# leadpipe.yaml
lifecycle:
  gates: {}
convert:
  opportunity:
    name: "{first_name} {last_name} – {company} ({source}, {date})"
    stage: Proposal
    close_days: 30
`,
			want: Config{OpportunityName: "{first_name} {last_name} – {company} ({source}, {date})", OpportunityStage: "Proposal", CloseDays: 30},
		},
		{
			name: "some keys",
			yaml: "convert:\n  opportunity:\n    close_days: 1_000\n    stage: '  Discovery '\n",
			want: Config{OpportunityName: DefaultOpportunityName, OpportunityStage: "Discovery", CloseDays: 1000},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data []byte
			if tt.yaml != "" {
				data = []byte(tt.yaml)
			}
			got, err := Load(data, "leadpipe.yaml")
			if err != nil || got != tt.want {
				t.Errorf("Load = %+v, %v\nwant %+v", got, err, tt.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // the message of each problem, in file order
	}{
		{
			name: "unknown placeholder",
			yaml: "convert:\n  opportunity:\n    name: \"{firma} – {source}\"\n",
			want: []string{`leadpipe.yaml line 3 convert.opportunity.name: unknown placeholder in "{firma} – {source}" (known: {company} {first_name} {last_name} {source} {date})`},
		},
		{
			name: "placeholder in another case",
			yaml: "convert:\n  opportunity:\n    name: \"{Company}\"\n",
			want: []string{`leadpipe.yaml line 3 convert.opportunity.name: unknown placeholder in "{Company}" (known: {company} {first_name} {last_name} {source} {date})`},
		},
		{
			name: "empty name",
			yaml: "convert:\n  opportunity:\n    name: \"  \"\n",
			want: []string{"leadpipe.yaml line 3 convert.opportunity: name: must not be empty"},
		},
		{
			name: "empty stage",
			yaml: "convert:\n  opportunity:\n    stage: ''\n",
			want: []string{"leadpipe.yaml line 3 convert.opportunity: stage: must not be empty"},
		},
		{
			name: "section not a mapping",
			yaml: "convert: yes\n",
			want: []string{"leadpipe.yaml line 1 convert: want a mapping of keys and values, not a single value"},
		},
		{
			name: "negative close_days",
			yaml: "convert:\n  opportunity:\n    stage: Proposal\n    close_days: -1\n",
			want: []string{"leadpipe.yaml line 4 convert.opportunity.close_days: want 0 to 3650 days"},
		},
		{
			name: "close_days too far",
			yaml: "convert:\n  opportunity:\n    close_days: 3651\n",
			want: []string{"leadpipe.yaml line 3 convert.opportunity.close_days: want 0 to 3650 days"},
		},
		{
			name: "close_days not a number",
			yaml: "convert:\n  opportunity:\n    close_days: soon\n",
			want: []string{"leadpipe.yaml line 3 convert.opportunity: close_days: want a whole number"},
		},
		{
			name: "close_days a fraction",
			yaml: "convert:\n  opportunity:\n    close_days: 1.5\n",
			want: []string{"leadpipe.yaml line 3 convert.opportunity: close_days: want a whole number"},
		},
		{
			name: "unknown key in opportunity",
			yaml: "convert:\n  opportunity:\n    name: \"{company}\"\n    amount: 5000\n",
			want: []string{`leadpipe.yaml line 4 convert.opportunity: unknown key "amount" (known: name, stage, close_days)`},
		},
		{
			name: "unknown key in convert",
			yaml: "scoring: {}\nconvert:\n  opportunities:\n    name: x\n",
			want: []string{`leadpipe.yaml line 3 convert: unknown key "opportunities" (known: opportunity)`},
		},
		{
			name: "every problem, in file order",
			yaml: "convert:\n  opportunity:\n    close_days: 99999\n    name: \"{x}\"\n    owner: me\n",
			want: []string{
				"leadpipe.yaml line 3 convert.opportunity.close_days: want 0 to 3650 days",
				`leadpipe.yaml line 4 convert.opportunity.name: unknown placeholder in "{x}" (known: {company} {first_name} {last_name} {source} {date})`,
				`leadpipe.yaml line 5 convert.opportunity: unknown key "owner" (known: name, stage, close_days)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load([]byte(tt.yaml), "leadpipe.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("error:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
			var ce *ruleconf.Error
			if !errors.As(err, &ce) || ce.File != "leadpipe.yaml" || ce.Line == 0 {
				t.Errorf("errors.As(*ruleconf.Error) = %+v", ce)
			}
		})
	}
}

// Syntax errors name the line too.
func TestLoadSyntaxError(t *testing.T) {
	_, err := Load([]byte("convert:\n  opportunity:\n    name: [unclosed\n"), "leadpipe.yaml")
	var ce *ruleconf.Error
	if !errors.As(err, &ce) || ce.Line == 0 || !strings.HasPrefix(err.Error(), "leadpipe.yaml line ") {
		t.Fatalf("err %v", err)
	}
}

// close_days: 0 is accepted by Load (want 0 to 3650 days), so it should
// put the close date on the day of the conversion.
func TestCloseDaysZero(t *testing.T) {
	cfg, err := Load([]byte("convert:\n  opportunity:\n    close_days: 0\n"), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st := testStore(t, []*crm.Lead{testLead(crm.Lead{ID: 1, LastName: "Müller", Company: "Müller GmbH"})}, nil)
	p := mustPlan(t, st, Options{Opportunity: true, Config: cfg})
	if got := p.Leads[0].Opportunity.CloseDate; got != "2026-03-02" {
		t.Errorf("close_days: 0 gives close date %s, want 2026-03-02 (the conversion day)", got)
	}
}

// The section config default prints loads back as the defaults.
func TestDefaultYAMLLoads(t *testing.T) {
	cfg, err := Load([]byte(DefaultYAML), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg != (Config{}).withDefaults() {
		t.Errorf("DefaultYAML loads as %+v, want the defaults", cfg)
	}
}
