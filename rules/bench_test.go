package rules

import (
	"testing"
)

// benchRules are 20 conditions of the kind a scoring configuration has.
var benchRules = []string{
	`budget >= 100000`,
	`budget >= 25000 && budget < 100000`,
	`budget > 0 && budget < 25000`,
	`title matches "(?i)\\b(ceo|cfo|cto|coo)\\b|geschäftsführ|inhaber|owner|founder|prezes|właściciel|managing director"`,
	`title matches "(?i)head of|director|dyrektor|leiter|kierownik|manager"`,
	`present("company")`,
	`present("email") && !freemail && !role_address`,
	`role_address`,
	`freemail`,
	`present("phone") || present("mobile")`,
	`country in ["DE", "AT", "CH", "PL"]`,
	`country_in("DE", "AT", "CH")`,
	`days_since_created <= 30`,
	`days_since_created > 30 && days_since_created <= 90`,
	`legal_form in ["GmbH", "AG", "Sp. z o.o.", "S.A."]`,
	`source == "messe-2026"`,
	`custom("Branche") == "Maschinenbau"`,
	`is_freemail(email) || email_domain endsWith ".pl"`,
	`empty("tax_id")`,
	`lower(city) in ["berlin", "münchen", "hamburg", "warszawa"]`,
}

// BenchmarkEval resets the environment for a lead and evaluates 20 rules,
// as scoring does for every lead. ns/rule is the figure the goal
// (under 2 µs per lead per rule) is about.
func BenchmarkEval(b *testing.B) {
	progs := make([]*Program, len(benchRules))
	for i, src := range benchRules {
		progs[i] = MustCompile(src, Bool)
	}
	l := sampleLead()
	env := NewEnv()
	b.ReportAllocs()
	hits := 0
	for b.Loop() {
		env.Reset(l, now)
		for _, p := range progs {
			ok, err := p.Bool(env)
			if err != nil {
				b.Fatal(err)
			}
			if ok {
				hits++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(progs)), "ns/rule")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "leads/s")
}

// BenchmarkReset is the per-lead cost of the environment alone.
func BenchmarkReset(b *testing.B) {
	l := sampleLead()
	env := NewEnv()
	b.ReportAllocs()
	for b.Loop() {
		env.Reset(l, now)
	}
}

// BenchmarkCompile is the one-off cost of a rule.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MustCompile(benchRules[3], Bool)
	}
}
