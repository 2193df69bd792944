package convert

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

// FuzzLoad feeds arbitrary documents to the convert section's parser: no
// panic; every problem is a positioned *ruleconf.Error; an accepted
// configuration has a name without unknown placeholders, a non-empty
// stage and close_days within 0–3650, and builds an opportunity.
// Run: go test ./convert -run '^$' -fuzz FuzzLoad -fuzztime 60s
func FuzzLoad(f *testing.F) {
	f.Add(DefaultYAML)
	f.Add("")
	f.Add("convert:\n  opportunity:\n    name: '{company} {first_name} {last_name} {source} {date}'\n    stage: Prospecting\n    close_days: 0\n")
	f.Add("convert:\n  opportunity:\n    name: '{bogus}'\n")
	f.Add("convert:\n  opportunity:\n    close_days: 3651\n")
	f.Add("convert:\n  opportunity: [1]\n")
	f.Add("convert: &a\n  opportunity: *a\n")
	f.Fuzz(func(t *testing.T, doc string) {
		cfg, err := Load([]byte(doc), "f.yaml")
		if err != nil {
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range j.Unwrap() {
					var ce *ruleconf.Error
					if !errors.As(e, &ce) {
						t.Fatalf("problem of type %T: %v", e, e)
					}
				}
			}
			return
		}
		if cfg.OpportunityStage == "" || cfg.CloseDays < 0 || cfg.CloseDays > 3650 {
			t.Fatalf("accepted %+v", cfg)
		}
		rest := cfg.OpportunityName
		for _, p := range placeholders {
			rest = strings.ReplaceAll(rest, p, "")
		}
		if strings.Contains(rest, "{") {
			t.Fatalf("accepted name %q", cfg.OpportunityName)
		}
		l := &crm.Lead{ID: 1}
		l.FirstName, l.LastName = "Anna", "Nowak"
		o := cfg.opportunity(l, 1, &crm.Account{Name: "Nowak S.A."}, 1, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
		if o == nil || o.Stage != cfg.OpportunityStage {
			t.Fatalf("opportunity %+v from %+v", o, cfg)
		}
	})
}
