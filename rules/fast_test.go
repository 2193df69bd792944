package rules

import (
	"reflect"
	"testing"
	"time"

	"github.com/expr-lang/expr/vm"
	"github.com/leadpipe/leadpipe/crm"
)

// fastLeads are leads that tell the compared forms apart: the sample,
// an empty lead, and edge values (no budget, a freemail role address,
// text that only differs in case).
func fastLeads() []*crm.Lead {
	a := sampleLead()
	b := sampleLead()
	b.Budget, b.Title, b.Email, b.Country, b.Score = "", "HEAD OF SALES", "info@gmail.com", "pl", 60
	b.CreatedAt = now.Add(-45 * 24 * time.Hour)
	b.Custom = nil
	c := sampleLead()
	c.Budget, b.Grade, c.Company, c.Phone, c.Source = "100000", crm.GradeHot, "", "", "Messe-2026"
	// Above 2^53 an int and its float64 differ: ints must compare as ints.
	d := sampleLead()
	d.Score = 1<<53 + 1
	return []*crm.Lead{a, b, c, d, {}}
}

// vmBool evaluates p on the VM alone.
func vmBool(t testing.TB, p *Program, env *Env) (bool, error) {
	t.Helper()
	var machine vm.VM
	machine.MemoryBudget = MemoryBudget
	out, err := machine.Run(p.prog, &env.v)
	if err != nil {
		return false, err
	}
	b, _ := out.(bool)
	return b, nil
}

// checkFast compares the fast path with the VM on every lead; it reports
// whether src had a fast path.
func checkFast(t testing.TB, src string, leads []*crm.Lead) bool {
	t.Helper()
	p, err := Compile(src, Bool, CustomFields("Branche"))
	if err != nil || p.fast == nil {
		return false
	}
	env := NewEnv()
	for i, l := range leads {
		env.Reset(l, now)
		want, err := vmBool(t, p, env)
		if err != nil {
			t.Fatalf("%q on lead %d: the VM failed (%v) where the fast path cannot", src, i, err)
		}
		if got := p.fast(&env.v); got != want {
			t.Fatalf("%q on lead %d: fast path %v, VM %v", src, i, got, want)
		}
	}
	return true
}

func TestFastMatchesVM(t *testing.T) {
	fast := []string{
		`budget >= 25000 && budget < 100000`, `budget > 0 and budget < 25000`, `budget == 83500`, `budget != 0`,
		`score >= 60`, `score == 55.0`, `score < 55.5`, `-1 < score`,
		`title matches "(?i)head of|director" && not (title matches "(?i)chief")`,
		`present("company")`, `empty("phone")`, `present("email") && !freemail && !role_address`,
		`role_address || email_role`, `freemail == email_freemail`, `freemail != true`,
		`country in ["DE", "AT", "CH", "PL"]`, `country in ["pl"]`, `source == "messe-2026"`, `source != "Messe-2026"`,
		`grade == "hot" or grade == "warm"`, `status < "P"`, `city >= "Berlin"`, `legal_form > ""`, `stage <= "Lead"`,
		`days_since_created <= 30`, `days_since_created > 30 && days_since_created <= 90`,
		`custom("Branche") == "Maschinenbau"`, `Branche == "Maschinenbau"`, `true`, `!false`,
		`email_domain in ["mueller-maschinenbau.de", "gmail.com"]`, `budget >= 1e5`,
		`score == 9007199254740992`, `score > 9007199254740992`, `score != 9007199254740992`,
		`score >= 9007199254740993`, `score < 9.007199254740993e15`, `score == score`,
	}
	slow := []string{
		`country_in("DE", "AT")`, `lower(city) == "berlin"`, `created_at < now()`, `title matches title`,
		`let b = budget; b > 1`, `is_freemail(email)`, `len(title) > 3`,
		`email_domain endsWith ".pl"`, `title contains "Geschäfts"`,
	}
	leads := fastLeads()
	for _, src := range fast {
		if !checkFast(t, src, leads) {
			t.Errorf("%q: no fast path, want one", src)
		}
	}
	for _, src := range slow {
		if checkFast(t, src, leads) {
			t.Errorf("%q: fast path, want the VM", src)
		}
	}
}

// TestFastVarsComplete: every variable of vars is in one of the fast
// path's tables, with the type of its field, except created_at.
func TestFastVarsComplete(t *testing.T) {
	typ := reflect.TypeOf(vars{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		name := f.Tag.Get("expr")
		if name == "" {
			continue
		}
		_, s := strVars[name]
		_, n := numVars[name]
		_, b := boolVars[name]
		var ok bool
		switch f.Type.Kind() {
		case reflect.String:
			ok = s && !n && !b
		case reflect.Float64, reflect.Int:
			ok = n && !s && !b
		case reflect.Bool:
			ok = b && !s && !n
		default:
			ok = name == "created_at" && !s && !n && !b
		}
		if !ok {
			t.Errorf("variable %s (%s): not in the fast path's table for its type", name, f.Type)
		}
	}
	if got, want := len(strVars)+len(numVars)+len(boolVars), typ.NumField()-4; got != want {
		t.Errorf("%d variables in the fast path's tables, vars has %d (besides created_at)", got, want)
	}
}

// FuzzFastMatchesVM: wherever a condition has a fast path, it gives what
// the VM gives, on every test lead.
func FuzzFastMatchesVM(f *testing.F) {
	for _, s := range benchRules {
		f.Add(s)
	}
	f.Add(`score >= 60 && (grade == "hot" || not present("tax_id"))`)
	f.Add(`budget != budget`)
	leads := fastLeads()
	f.Fuzz(func(t *testing.T, src string) {
		checkFast(t, src, leads)
	})
}
