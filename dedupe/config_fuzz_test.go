package dedupe

import (
	"errors"
	"math"
	"testing"

	"github.com/leadpipe/leadpipe/rules/ruleconf"
)

// FuzzLoadConfig feeds arbitrary documents to the dedupe section's parser:
// no panic; every problem is a positioned *ruleconf.Error; an accepted
// configuration keeps review_at ≤ merge_at and max_block ≥ 2, and the
// matcher built from it scores, explains and blocks a pair of leads with
// a finite score.
// Run: go test ./dedupe -run '^$' -fuzz FuzzLoadConfig -fuzztime 60s
func FuzzLoadConfig(f *testing.F) {
	f.Add(DefaultYAML())
	f.Add("")
	f.Add("dedupe:\n  mode: exact\n")
	f.Add("dedupe:\n  merge_at: 8\n  review_at: 9\n")
	f.Add("dedupe:\n  max_block: 1\n")
	f.Add("dedupe:\n  compare:\n    - name: email\n      agree: 20\n    - name: birth\n      field: birth_date\n      method: date\n      agree: 5\n      disagree: -5\n")
	f.Add("dedupe:\n  compare:\n    - {name: x, field: budget, method: number, threshold: 0.1, agree: 2}\n    - {name: y, field: industry, method: jaro_winkler, threshold: 0.9, agree: 1, close: 0.5}\n")
	f.Add("dedupe:\n  block:\n    - [last_name:phonetic, city]\n    - [company:prefix3]\n    - [x:bogus]\n    - [':initial']\n")
	f.Add("dedupe:\n  block:\n    - [company:word, city]\n    - [company:word, last_name:word]\n")
	f.Add("dedupe:\n  guards: {tax_id: false, personal_email: no}\n")
	f.Add("dedupe: &a\n  compare: *a\n")
	f.Add("dedupe: [1, 2]\n")
	f.Fuzz(func(t *testing.T, doc string) {
		cfg, err := Load([]byte(doc), "f.yaml")
		if err != nil {
			for _, e := range unwrapAll(err) {
				var ce *ruleconf.Error
				if !errors.As(e, &ce) {
					t.Fatalf("problem of type %T: %v", e, e)
				}
			}
			return
		}
		if cfg.ReviewAt > cfg.MergeAt || cfg.MaxBlock < 2 {
			t.Fatalf("accepted review_at %g merge_at %g max_block %d", cfg.ReviewAt, cfg.MergeAt, cfg.MaxBlock)
		}
		m := NewMatcher(cfg)
		a := m.Record(lead(1, "first_name", "Jürgen", "last_name", "Müller", "email", "j.mueller@example.de",
			"city", "Berlin", "budget", "1000", "birth_date", "1970-01-02", "industry", "Retail"))
		b := m.Record(lead(2, "first_name", "J.", "last_name", "Mueller", "company", "Müller GmbH",
			"city", "Berlin", "budget", "1100", "birth_date", "1970-02-01"))
		s, _ := m.Score(&a, &b)
		if math.IsNaN(s) || math.IsInf(s, 0) {
			t.Fatalf("Score = %g", s)
		}
		_ = m.Explain(&a, &b).String()
		_ = m.BlockKeys(&a)
		_ = m.BlockKeys(&b)
	})
}

// unwrapAll returns the errors joined in err (or err itself).
func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
