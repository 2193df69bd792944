package rules

import (
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// FuzzCompileExpr: any text either compiles or gives an *Error, never a
// panic; what compiles evaluates without panicking on a real lead and on
// an empty one, in both kinds.
func FuzzCompileExpr(f *testing.F) {
	for _, s := range benchRules {
		f.Add(s)
	}
	for _, s := range []string{
		`emial == "x"`, `present("emial")`, `1..100000000`, `$env`, `let x = 1; x > 0`,
		`filter(1..10, # > 5) | len() > 2`, `Branche == "IT"`, `date("2026-01-01") < now()`,
		`days_since("x") > 1`, `num("1,5") > 1`, `((((((((((1))))))))))`, `title matches title`,
		`custom(custom(custom("a")))`, `present()`, `country_in()`, "\"\\u00", `now`,
	} {
		f.Add(s)
	}
	leads := []*crm.Lead{sampleLead(), {}}
	f.Fuzz(func(t *testing.T, src string) {
		for _, kind := range []Kind{Bool, Number} {
			p, err := Compile(src, kind, CustomFields("Branche"))
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("Compile(%q): error of type %T", src, err)
				}
				continue
			}
			env := NewEnv()
			for _, l := range leads {
				env.Reset(l, now)
				if kind == Bool {
					_, err = p.Bool(env)
				} else {
					_, err = p.Number(env)
				}
				if err != nil {
					if _, ok := err.(*EvalError); !ok {
						t.Fatalf("eval %q: error of type %T", src, err)
					}
				}
			}
		}
	})
}
