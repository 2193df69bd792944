package lifecycle

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// complete passes every default gate.
func complete(status crm.Status, stage crm.Stage) *crm.Lead {
	return &crm.Lead{ID: 1, LastName: "Müller", Company: "Müller GmbH", Email: "j@mueller.de",
		Budget: "50000", Country: "DE", CreatedAt: now.Add(-48 * time.Hour), Status: status, Stage: stage,
		Score: 20, Grade: crm.GradeCold}
}

// Every pair of statuses, against the table.
func TestTransitions(t *testing.T) {
	allowed := map[[2]crm.Status]bool{}
	for _, p := range [][2]crm.Status{
		{"New", "Working"}, {"New", "Nurturing"}, {"New", "Qualified"}, {"New", "Disqualified"},
		{"Working", "Nurturing"}, {"Working", "Qualified"}, {"Working", "Disqualified"},
		{"Nurturing", "Working"}, {"Nurturing", "Qualified"}, {"Nurturing", "Disqualified"},
		{"Qualified", "Working"}, {"Qualified", "Disqualified"},
		{"Disqualified", "Working"},
	} {
		allowed[p] = true
	}
	m := Default()
	for _, from := range crm.Statuses {
		for _, to := range crm.Statuses {
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				l := complete(from, crm.StageLead)
				if from == crm.StatusConverted {
					l.ConvertedAt = now
				}
				changed, err := m.SetStatus(l, to, "no budget this year", "status set", now, false)
				switch {
				case from == crm.StatusConverted:
					if !errors.Is(err, ErrConverted) || changed {
						t.Errorf("got %v, %v; want ErrConverted", changed, err)
					}
				case to == crm.StatusConverted:
					var te *TransitionError
					if !errors.As(err, &te) || te.Why == "" || changed {
						t.Errorf("got %v, %v; want a TransitionError", changed, err)
					}
				case from == to:
					if changed || err != nil {
						t.Errorf("same status: got %v, %v; want no change", changed, err)
					}
				case allowed[[2]crm.Status{from, to}]:
					if !changed || err != nil || l.Status != to {
						t.Errorf("got %v, %v, status %s; want the change", changed, err, l.Status)
					}
				default:
					var te *TransitionError
					if !errors.As(err, &te) || changed || l.Status != from || len(l.History) != 0 {
						t.Errorf("got %v, %v; want a TransitionError and no change", changed, err)
					}
				}
				if CanTransition(from, to) != allowed[[2]crm.Status{from, to}] {
					t.Errorf("CanTransition = %v", CanTransition(from, to))
				}
			})
		}
	}
}

func TestTransitionErrorMessages(t *testing.T) {
	m := Default()
	tests := []struct {
		from, to crm.Status
		want     string
	}{
		{crm.StatusDisqualified, crm.StatusQualified, "cannot change status from Disqualified to Qualified (allowed: Working)"},
		{crm.StatusQualified, crm.StatusNew, "cannot change status from Qualified to New (allowed: Working, Disqualified)"},
		{crm.StatusNew, crm.StatusConverted, "cannot change status from New to Converted: a lead becomes Converted only by converting it"},
		{"", crm.StatusConverted, "cannot change status from New to Converted: a lead becomes Converted only by converting it"},
	}
	for _, tt := range tests {
		_, err := m.SetStatus(complete(tt.from, crm.StageLead), tt.to, "r", "x", now, false)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s → %s: %v\nwant %s", tt.from, tt.to, err, tt.want)
		}
	}
	l := complete(crm.StatusWorking, crm.StageLead)
	l.ConvertedAt = now
	if _, err := m.SetStatus(l, crm.StatusQualified, "", "x", now, false); err == nil || err.Error() != "converted leads are read-only" {
		t.Errorf("converted: %v", err)
	}
	if _, err := m.SetStatus(complete(crm.StatusNew, crm.StageLead), "Won", "", "x", now, false); err == nil {
		t.Error("unknown status accepted")
	}
}

// force allows any move outside the table but never skips a gate or
// reaches Converted.
func TestForce(t *testing.T) {
	m := Default()
	l := complete(crm.StatusDisqualified, crm.StageSQL)
	if changed, err := m.SetStatus(l, crm.StatusQualified, "", "x", now, true); !changed || err != nil {
		t.Errorf("forced Disqualified → Qualified: %v, %v", changed, err)
	}
	l = complete(crm.StatusQualified, crm.StageSQL)
	if changed, err := m.SetStatus(l, crm.StatusNew, "", "x", now, true); !changed || err != nil || l.Stage != crm.StageSQL {
		t.Errorf("forced Qualified → New: %v, %v, stage %s (must stay)", changed, err, l.Stage)
	}
	l = complete(crm.StatusDisqualified, crm.StageLead)
	l.Budget = ""
	var ge *GateError
	if _, err := m.SetStatus(l, crm.StatusQualified, "", "x", now, true); !errors.As(err, &ge) {
		t.Errorf("force skipped the gate: %v", err)
	}
	if _, err := m.SetStatus(complete(crm.StatusQualified, crm.StageLead), crm.StatusConverted, "", "x", now, true); err == nil {
		t.Error("force reached Converted")
	}
}

func TestGates(t *testing.T) {
	custom, errs := Compile(mustParse(t, `lifecycle:
  gates:
    Working:
      require: [phone|mobile|"Messe Stand"]
    Nurturing:
      when: score >= 10 && country in ["DE", "AT"]
    Qualified: {}
`))
	if errs != nil {
		t.Fatal(errs)
	}
	// custom("...") in a require list, as config check's hint for a
	// misspelt core name says, is the custom column of that name.
	customCols, errs := Compile(mustParse(t, `lifecycle:
  gates:
    Working:
      require: [custom("emial")|custom('Notiz'), "custom(\"Messe Stand\")"]
`))
	if errs != nil {
		t.Fatal(errs)
	}
	// custom("score") is a list's own "score" column, a custom field
	// beside the score leadpipe derives (importer: only leadpipe's own
	// export has its score column dropped).
	customScore, errs := Compile(mustParse(t, `lifecycle:
  gates:
    Working:
      require: [custom("score")]
`))
	if errs != nil {
		t.Fatal(errs)
	}
	tests := []struct {
		name    string
		m       *Machine
		edit    func(*crm.Lead)
		to      crm.Status
		reason  string
		missing []string
		cond    string
		msg     string
	}{
		{name: "Qualified passes", to: crm.StatusQualified},
		{name: "Qualified by phone", edit: func(l *crm.Lead) { l.Email, l.Phone = "", "+4930123" }, to: crm.StatusQualified},
		{name: "Qualified needs company", edit: func(l *crm.Lead) { l.Company = "" }, to: crm.StatusQualified,
			missing: []string{"company"}, msg: "cannot set status Qualified: missing: company"},
		{name: "Qualified needs email or phone", edit: func(l *crm.Lead) { l.Email = "" }, to: crm.StatusQualified,
			missing: []string{"email or phone"}},
		{name: "Qualified needs budget", edit: func(l *crm.Lead) { l.Budget = "" }, to: crm.StatusQualified,
			missing: []string{"budget"}},
		{name: "Qualified needs all three", edit: func(l *crm.Lead) { l.Company, l.Email, l.Budget = "", "", "" }, to: crm.StatusQualified,
			missing: []string{"company", "email or phone", "budget"}, msg: "cannot set status Qualified: missing: company, email or phone, budget"},
		{name: "blank counts as missing", edit: func(l *crm.Lead) { l.Company = "   " }, to: crm.StatusQualified, missing: []string{"company"}},
		{name: "Disqualified needs a reason", to: crm.StatusDisqualified,
			missing: []string{"reason"}, msg: "cannot set status Disqualified: missing: reason"},
		{name: "Disqualified blank reason", to: crm.StatusDisqualified, reason: "  ", missing: []string{"reason"}},
		{name: "Disqualified with reason", to: crm.StatusDisqualified, reason: "competitor"},
		{name: "Working has no default gate", edit: func(l *crm.Lead) { *l = crm.Lead{ID: 1, Status: crm.StatusNew} }, to: crm.StatusWorking},
		{name: "custom gate: alternatives with a custom column", m: custom, edit: func(l *crm.Lead) {
			l.Custom = map[string]string{"Messe Stand": "B7"}
		}, to: crm.StatusWorking},
		{name: "custom gate: none of the alternatives", m: custom, to: crm.StatusWorking,
			missing: []string{`phone or mobile or Messe Stand`}},
		{name: "custom gate: condition met", m: custom, to: crm.StatusNurturing},
		{name: "custom gate: condition not met", m: custom, edit: func(l *crm.Lead) { l.Country = "PL" }, to: crm.StatusNurturing,
			cond: `score >= 10 && country in ["DE", "AT"]`, msg: `cannot set status Nurturing: condition not met: score >= 10 && country in ["DE", "AT"]`},
		{name: "custom config removes the Qualified gate", m: custom, edit: func(l *crm.Lead) { l.Budget = "" }, to: crm.StatusQualified},
		{name: "custom config keeps the Disqualified gate", m: custom, to: crm.StatusDisqualified, missing: []string{"reason"}},
		{name: "custom() columns present", m: customCols, edit: func(l *crm.Lead) {
			l.Custom = map[string]string{"emial": "x", "Messe Stand": "B7"}
		}, to: crm.StatusWorking},
		{name: "custom() in single quotes", m: customCols, edit: func(l *crm.Lead) {
			l.Custom = map[string]string{"Notiz": "x", "Messe Stand": "B7"}
		}, to: crm.StatusWorking},
		{name: "custom() columns missing", m: customCols, to: crm.StatusWorking,
			missing: []string{"emial or Notiz", "Messe Stand"}, msg: "cannot set status Working: missing: emial or Notiz, Messe Stand"},
		{name: "custom() named like a derived field, missing", m: customScore, edit: func(l *crm.Lead) { l.Grade = "hot" }, to: crm.StatusWorking,
			missing: []string{`custom("score")`}},
		{name: "custom() named like a derived field, present", m: customScore, edit: func(l *crm.Lead) {
			l.Grade, l.Custom = "", map[string]string{"score": "A"}
		}, to: crm.StatusWorking},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m
			if m == nil {
				m = Default()
			}
			l := complete(crm.StatusNew, crm.StageLead)
			if tt.edit != nil {
				tt.edit(l)
			}
			before := fmt.Sprintf("%+v", l)
			changed, err := m.SetStatus(l, tt.to, tt.reason, "status set", now, false)
			if tt.missing == nil && tt.cond == "" {
				if err != nil || !changed {
					t.Fatalf("got %v, %v; want the change", changed, err)
				}
				return
			}
			var ge *GateError
			if !errors.As(err, &ge) {
				t.Fatalf("got %v, %v; want a GateError", changed, err)
			}
			if !slices.Equal(ge.Missing, tt.missing) || ge.Cond != tt.cond || ge.Status != tt.to {
				t.Errorf("GateError = %+v, want missing %q cond %q", ge, tt.missing, tt.cond)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("message %q, want %q", err, tt.msg)
			}
			if changed || fmt.Sprintf("%+v", l) != before {
				t.Error("a refused change touched the lead")
			}
			if strings.Contains(err.Error(), "Müller") {
				t.Error("the message shows a lead value")
			}
			if got := m.Check(l, tt.to, tt.reason, now); got == nil || got.Error() != err.Error() {
				t.Errorf("Check = %v, want %v", got, err)
			}
		})
	}
}

func TestSync(t *testing.T) {
	m := Default()
	tests := []struct {
		name      string
		status    crm.Status
		stage     crm.Stage
		grade     crm.Grade
		converted bool
		want      crm.Stage
		reason    string
	}{
		{name: "hot reaches MQL", status: crm.StatusNew, stage: crm.StageLead, grade: crm.GradeHot, want: crm.StageMQL, reason: `sync: grade == "hot"`},
		{name: "warm stays", status: crm.StatusNew, stage: crm.StageLead, grade: crm.GradeWarm, want: crm.StageLead},
		{name: "Qualified reaches SQL", status: crm.StatusQualified, stage: crm.StageLead, grade: crm.GradeCold, want: crm.StageSQL, reason: `sync: status == "Qualified"`},
		{name: "hot and Qualified: the higher stage", status: crm.StatusQualified, stage: crm.StageLead, grade: crm.GradeHot, want: crm.StageSQL},
		{name: "hot never moves back from SQL", status: crm.StatusWorking, stage: crm.StageSQL, grade: crm.GradeHot, want: crm.StageSQL},
		{name: "Qualified never moves back from Opportunity", status: crm.StatusQualified, stage: crm.StageOpportunity, want: crm.StageOpportunity},
		{name: "no stage yet", status: crm.StatusNew, stage: "", grade: crm.GradeHot, want: crm.StageMQL},
		{name: "converted leads stay", status: crm.StatusConverted, stage: crm.StageLead, grade: crm.GradeHot, converted: true, want: crm.StageLead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := complete(tt.status, tt.stage)
			l.Grade = tt.grade
			if tt.converted {
				l.ConvertedAt = now
			}
			moved := m.Sync(l, "score", now)
			if l.Stage != tt.want || moved != (tt.want != tt.stage) {
				t.Fatalf("stage %s (moved %v), want %s", l.Stage, moved, tt.want)
			}
			if moved {
				h := l.History[len(l.History)-1]
				if h.Field != "stage" || h.Old != string(tt.stage) || h.New != string(tt.want) || h.By != "score" || !h.At.Equal(now) {
					t.Errorf("history %+v", h)
				}
				if tt.reason != "" && h.Reason != tt.reason {
					t.Errorf("reason %q, want %q", h.Reason, tt.reason)
				}
			}
			if m.Sync(l, "score", now) {
				t.Error("a second Sync moved again")
			}
		})
	}
}

// SetStatus runs the sync rules: Qualified reaches SQL in the same step.
func TestSetStatusSyncsAndRecords(t *testing.T) {
	m := Default()
	l := complete(crm.StatusWorking, crm.StageMQL)
	changed, err := m.SetStatus(l, crm.StatusQualified, "call on 20.11.", "status set", now, false)
	if !changed || err != nil {
		t.Fatal(changed, err)
	}
	want := []crm.Change{
		{At: now, By: "status set", Field: "status", Old: "Working", New: "Qualified", Reason: "call on 20.11."},
		{At: now, By: "status set", Field: "stage", Old: "MQL", New: "SQL", Reason: `sync: status == "Qualified"`},
	}
	if !slices.Equal(l.History, want) || !l.UpdatedAt.Equal(now) {
		t.Errorf("history %+v", l.History)
	}
}

func TestSetStage(t *testing.T) {
	m := Default()
	tests := []struct {
		name     string
		from, to crm.Stage
		force    bool
		changed  bool
		err      string
	}{
		{name: "forward", from: crm.StageLead, to: crm.StageSQL, changed: true},
		{name: "same", from: crm.StageSQL, to: crm.StageSQL},
		{name: "back refused", from: crm.StageSQL, to: crm.StageMQL, err: "cannot change stage from SQL to MQL: the stage does not move backwards without force"},
		{name: "back with force", from: crm.StageSQL, to: crm.StageLead, force: true, changed: true},
		{name: "unknown", from: crm.StageLead, to: "Won", err: `unknown stage "Won"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := complete(crm.StatusWorking, tt.from)
			changed, err := m.SetStage(l, tt.to, "", "stage set", now, tt.force)
			if changed != tt.changed || (err == nil) != (tt.err == "") || err != nil && err.Error() != tt.err {
				t.Fatalf("got %v, %v; want %v, %q", changed, err, tt.changed, tt.err)
			}
			if changed && (l.Stage != tt.to || len(l.History) != 1) {
				t.Errorf("stage %s, history %v", l.Stage, l.History)
			}
		})
	}
	l := complete(crm.StatusConverted, crm.StageOpportunity)
	if _, err := m.SetStage(l, crm.StageCustomer, "", "x", now, true); !errors.Is(err, ErrConverted) {
		t.Errorf("converted: %v", err)
	}
}

func TestMarkConverted(t *testing.T) {
	m := Default()
	l := complete(crm.StatusQualified, crm.StageSQL)
	if err := m.MarkConverted(l, true, "", "convert", now, false); err != nil {
		t.Fatal(err)
	}
	if l.Status != crm.StatusConverted || l.StatusBeforeConv != crm.StatusQualified || !l.ConvertedAt.Equal(now) || l.Stage != crm.StageOpportunity || len(l.History) != 2 {
		t.Errorf("after conversion: %s %s %s %v", l.Status, l.StatusBeforeConv, l.Stage, l.History)
	}
	if err := m.MarkConverted(l, true, "", "convert", now, false); !errors.Is(err, ErrConverted) {
		t.Errorf("second conversion: %v", err)
	}
	l = complete(crm.StatusQualified, crm.StageSQL)
	if err := m.MarkConverted(l, false, "", "convert", now, false); err != nil || l.Stage != crm.StageSQL {
		t.Errorf("without opportunity: %v, stage %s", err, l.Stage)
	}
	l = complete(crm.StatusWorking, crm.StageSQL)
	if err := m.MarkConverted(l, true, "", "convert", now, false); err == nil {
		t.Error("converted a Working lead")
	}
	gated, errs := Compile(mustParse(t, "lifecycle:\n  gates:\n    Converted: {require: [tax_id]}\n"))
	if errs != nil {
		t.Fatal(errs)
	}
	var ge *GateError
	if err := gated.MarkConverted(complete(crm.StatusQualified, crm.StageSQL), true, "", "convert", now, false); !errors.As(err, &ge) || ge.Missing[0] != "tax_id" {
		t.Errorf("Converted gate: %v", err)
	}
}

func mustParse(t *testing.T, y string) Config {
	t.Helper()
	cfg, err := ParseConfig([]byte(y), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
