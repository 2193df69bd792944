package lifecycle

import (
	"errors"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

// FuzzParseConfig: any document gives a config or problems, never a panic;
// every problem is a positioned *ruleconf.Error; a document without
// problems compiles and runs every status change on a lead.
func FuzzParseConfig(f *testing.F) {
	f.Add(DefaultYAML)
	f.Add("")
	f.Add("lifecycle:\n  gates: {Qualified: {require: [company, email|phone, budget]}, Disqualified: {require_reason: true}}\n")
	f.Add("lifecycle:\n  gates:\n    Working: {when: score > 3}\n  sync:\n    - {when: 'true', stage: Customer}\n")
	f.Add("lifecycle:\n  sync: [{when: grade == \"hot\", stage: mql}]\n  on_convert: {with_opportunity: sql}\n")
	f.Add("lifecycle: &x\n  gates: *x\n")
	f.Add("lifecycle:\n  gates:\n    qualified: {require: '|'}\n")
	f.Fuzz(func(t *testing.T, doc string) {
		cfg, err := ParseConfig([]byte(doc), "f.yaml")
		errs := Check([]byte(doc), "f.yaml")
		for _, e := range errs {
			var ce *ruleconf.Error
			if !errors.As(e, &ce) {
				t.Fatalf("problem of type %T: %v", e, e)
			}
		}
		if err != nil && len(errs) == 0 {
			t.Fatalf("ParseConfig failed (%v) but Check found nothing", err)
		}
		if len(errs) > 0 {
			return
		}
		m, cerrs := Compile(cfg)
		if cerrs != nil {
			t.Fatalf("Check found nothing but Compile: %v", cerrs)
		}
		for _, to := range crm.Statuses {
			l := complete(crm.StatusNew, crm.StageLead)
			m.SetStatus(l, to, "r", "x", now, true)
			m.Sync(l, "x", now)
		}
	})
}
