// Package lifecycle is the state machine of a lead's status (sales' view:
// New, Working, Nurturing, Qualified, Disqualified, Converted) and stage
// (the buyer's journey: Lead, MQL, SQL, Opportunity, Customer).
//
// # Status
//
// A status change follows a fixed table (Allowed), passes the gate of the
// target status (required fields, a reason, a condition; configurable in
// leadpipe.yaml) and is appended to the lead's history:
//
//	New          → Working, Nurturing, Qualified, Disqualified
//	Working      → Nurturing, Qualified, Disqualified
//	Nurturing    → Working, Qualified, Disqualified
//	Qualified    → Working, Disqualified
//	Disqualified → Working (reopen)
//	Converted    → nothing: converted leads are read-only
//
// Converted is reached only by conversion (MarkConverted). Force allows a
// move outside the table, never past a gate.
//
// # Stage
//
// The stage follows sync rules (a hot grade reaches MQL, Qualified reaches
// SQL, a conversion with an opportunity reaches Opportunity). Sync only
// moves the stage forward; SetStage moves it back only with force.
//
// # Use
//
//	m, errs := lifecycle.Compile(cfg)  // cfg from ParseConfig(data, "leadpipe.yaml")
//	changed, err := m.SetStatus(l, crm.StatusQualified, reason, "status set", now, false)
//	var ge *lifecycle.GateError        // errors.As: ge.Missing is ["email or phone", "budget"]
//	rep, err := m.BulkSetStatus(ctx, st, lifecycle.Selection{Where: matcher.Match}, crm.StatusQualified, opts)
package lifecycle
