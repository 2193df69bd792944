package scoring

import (
	"errors"
	"testing"

	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

// FuzzParseConfig: any document gives a config or problems, never a panic;
// every problem is a positioned *ruleconf.Error; a document without
// problems compiles and scores a lead.
func FuzzParseConfig(f *testing.F) {
	f.Add(issueExample)
	f.Add(DefaultYAML)
	f.Add("")
	f.Add("scoring:\n  rules: []\n")
	f.Add("scoring:\n  rules:\n    - name: a\n      when: budget > 1\n      points: 1\n      decay: {half_life_days: 3}\n  grades: {hot: 2, warm: 1}\n")
	f.Add("scoring: &a\n  rules: *a\n")
	f.Add("scoring:\n  rules:\n    - &r {name: a, when: 'true', points: 1}\n    - *r\n")
	f.Add("scoring:\n  grades: {hot: 99999999999, warm: -1}\n")
	f.Add("- a\n- b\n")
	f.Add("scoring: [1, 2]\n")
	f.Add("scoring:\n  rules:\n    - name: x\n      when: |\n        emial\n      points: 1\n")
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
		eng, cerrs := Compile(cfg)
		if cerrs != nil {
			t.Fatalf("Check found nothing but Compile: %v", cerrs)
		}
		for _, l := range fairLeads() {
			eng.Apply(l, now, "score")
			_ = eng.Explain(l, now)
		}
	})
}
