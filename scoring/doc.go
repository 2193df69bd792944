// Package scoring rates leads with configurable rules: each rule is a
// condition over the lead's fields (package rules) worth some points, and
// the sum gives a grade, hot, warm or cold, that tells sales whom to call
// first.
//
// # Use
//
//	eng, err := scoring.Load(data, "leadpipe.yaml")   // the scoring section; err lists every problem
//	changed, err := eng.Apply(lead, now, "import")    // one lead: Score, Grade, ScoreRules, history
//	rep, err := scoring.Rescore(ctx, st, eng, scoring.RescoreOptions{Now: now, DryRun: true})
//	fmt.Print(rep)                                    // "12 leads warm → hot", ...
//	fmt.Print(scoring.Explain(lead))                  // the stored score, for leads show
//
// ParseConfig and Compile are the two halves of Load; Check lists the
// problems for `leadpipe config check`.
//
// Without a scoring section the default rules apply (DefaultYAML, written
// in the configuration's format so that teams can copy it).
//
// # Determinism
//
// A score depends on the lead, the rules and the run's clock (through
// days_since_created and decay), nothing else: rescoring with unchanged
// rules on the same day changes and writes nothing. Converted leads are
// read-only and keep their score.
//
// # History
//
// Every change of score or grade is appended to the lead's history, By the
// command or "import", with the fired rules as the reason. The first
// scoring of a lead sets the values without history entries.
package scoring
