package scoring

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name.golden, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func day(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }

// Leads of the kinds a trade fair brings, for the default rules.
func ceoDE() *crm.Lead {
	return &crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller Maschinenbau GmbH",
		LegalForm: "GmbH", Title: "Geschäftsführer", Email: "j.mueller@mueller-maschinenbau.de",
		Phone: "+4930123456", Country: "DE", Budget: "120000.00", CreatedAt: day(3),
		Status: crm.StatusNew, Stage: crm.StageLead}
}

func prezesPL() *crm.Lead {
	return &crm.Lead{ID: 2, FirstName: "Anna", LastName: "Kowalska", Company: "Kowalski Sp. z o.o.",
		Title: "Prezes Zarządu", Email: "anna.kowalska@wp.pl", EmailFreemail: true, Mobile: "+48601234567",
		Country: "PL", Budget: "30000.00", CreatedAt: day(60), Status: crm.StatusNew, Stage: crm.StageLead}
}

func infoUS() *crm.Lead {
	return &crm.Lead{ID: 3, Company: "Acme Inc.", Email: "info@acme.com", EmailRole: true,
		Country: "US", CreatedAt: day(200), Status: crm.StatusNew, Stage: crm.StageLead}
}

func headOfAT() *crm.Lead {
	return &crm.Lead{ID: 4, FirstName: "Eva", LastName: "Gruber", Company: "Gruber AG", Title: "Head of Purchasing",
		Email: "eva.gruber@gruber.at", Country: "AT", Budget: "8000", CreatedAt: day(20),
		Status: crm.StatusWorking, Stage: crm.StageMQL}
}

func hitNames(hits []crm.RuleHit) string {
	var names []string
	for _, h := range hits {
		names = append(names, h.Rule+" "+signed(h.Points))
	}
	return strings.Join(names, ", ")
}

func TestDefaultRules(t *testing.T) {
	eng := Default()
	tests := []struct {
		name  string
		lead  *crm.Lead
		score int
		grade crm.Grade
		hits  string
	}{
		{"German managing director, big budget", ceoDE(), 100, crm.GradeHot,
			"budget 100k+ +30, decision maker +25, company given +10, business e-mail +10, phone given +5, DACH or PL +10, new this month +10"},
		{"Polish CEO, freemail, two months old", prezesPL(), 75, crm.GradeHot,
			"budget 25k+ +20, decision maker +25, company given +10, phone given +5, DACH or PL +10, new this quarter +5"},
		{"US role address, old", infoUS(), 0, crm.GradeCold, "company given +10, role address -10"},
		{"Austrian head of, small budget", headOfAT(), 55, crm.GradeWarm,
			"budget given +5, manager +10, company given +10, business e-mail +10, DACH or PL +10, new this month +10"},
		{"empty lead", &crm.Lead{ID: 5}, 0, crm.GradeCold, ""},
		{"managing director is no manager", &crm.Lead{ID: 6, Title: "Managing Director"}, 25, crm.GradeCold, "decision maker +25"},
		{"CTO by word, not director", &crm.Lead{ID: 7, Title: "Sales Director"}, 10, crm.GradeCold, "manager +10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, grade, hits := eng.Score(tt.lead, now)
			if score != tt.score || grade != tt.grade || hitNames(hits) != tt.hits {
				t.Errorf("Score = %d %s [%s]\nwant %d %s [%s]", score, grade, hitNames(hits), tt.score, tt.grade, tt.hits)
			}
		})
	}
}

func TestGrade(t *testing.T) {
	eng := MustCompile(Config{Rules: []Rule{}, Grades: Grades{Hot: 60, Warm: 30}})
	for score, want := range map[int]crm.Grade{-5: crm.GradeCold, 0: crm.GradeCold, 29: crm.GradeCold, 30: crm.GradeWarm, 59: crm.GradeWarm, 60: crm.GradeHot, 500: crm.GradeHot} {
		if got := eng.Grade(score); got != want {
			t.Errorf("Grade(%d) = %s, want %s", score, got, want)
		}
	}
}

func TestDecay(t *testing.T) {
	tests := []struct {
		name     string
		points   int
		halfLife float64
		age      int // days; -1: no created_at
		want     int
	}{
		{"no decay", 30, 0, 400, 30},
		{"first day", 30, 90, 0, 30},
		{"half-life", 30, 90, 90, 15},
		{"half of half-life", 30, 90, 45, 21},
		{"two half-lives round half up", 30, 90, 180, 8},
		{"faded away", 30, 90, 900, 0},
		{"negative points fade to 0", -10, 90, 90, -5},
		{"unknown age keeps the points", 30, 90, -1, 30},
		{"future created_at keeps the points", 30, 90, -30, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{Rules: []Rule{{Name: "r", When: "true", Points: tt.points}}, Grades: Grades{Hot: 2, Warm: 1}}
			if tt.halfLife > 0 {
				cfg.Rules[0].Decay = &Decay{HalfLifeDays: tt.halfLife}
			}
			eng := MustCompile(cfg)
			l := &crm.Lead{ID: 1}
			if tt.age != -1 {
				l.CreatedAt = day(tt.age)
			}
			if got, _, _ := eng.Score(l, now); got != tt.want {
				t.Errorf("score = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestApply(t *testing.T) {
	eng := MustCompile(mustParse(t, issueExample))
	l := &crm.Lead{ID: 9, Title: "CEO", Budget: "60000", CreatedAt: day(1), Status: crm.StatusNew}

	// The first scoring sets the values without history.
	changed, err := eng.Apply(l, now, "import")
	if !changed || err != nil {
		t.Fatalf("first Apply = %v, %v", changed, err)
	}
	if l.Score != 50 || l.Grade != crm.GradeWarm || len(l.ScoreRules) != 2 || len(l.History) != 0 || !l.UpdatedAt.Equal(now) {
		t.Fatalf("after first Apply: %d %s %v history=%v", l.Score, l.Grade, l.ScoreRules, l.History)
	}

	// Unchanged rules, unchanged lead: nothing changes.
	before := l.Clone()
	if changed, _ := eng.Apply(l, now.Add(240*time.Hour), "score"); changed {
		t.Fatal("rescore with unchanged rules changed the lead")
	}
	if l.UpdatedAt != before.UpdatedAt || len(l.History) != 0 {
		t.Fatal("unchanged rescore touched the lead")
	}

	// Other rules: the moves are history, By the command, with the reason.
	cfg := mustParse(t, strings.Replace(issueExample, "points: 20", "points: 40", 1))
	eng2 := MustCompile(cfg)
	if changed, _ := eng2.Apply(l, now, "score"); !changed {
		t.Fatal("new rules changed nothing")
	}
	want := []crm.Change{
		{At: now, By: "score", Field: "score", Old: "50", New: "70", Reason: "big budget +30, decision maker +40"},
		{At: now, By: "score", Field: "grade", Old: "warm", New: "hot", Reason: "score 70 (hot from 60, warm from 30)"},
	}
	if !slices.Equal(l.History, want) {
		t.Errorf("history = %+v\nwant %+v", l.History, want)
	}

	// A change of fired rules alone is stored, without a history entry.
	cfg.Rules[1].Name = "boss"
	if changed, _ := MustCompile(cfg).Apply(l, now, "score"); !changed || len(l.History) != 2 || l.ScoreRules[1].Rule != "boss" {
		t.Errorf("renamed rule: changed=%v history=%d rules=%v", changed, len(l.History), l.ScoreRules)
	}

	// Converted leads are read-only.
	c := &crm.Lead{ID: 10, Budget: "90000", Status: crm.StatusConverted, Score: 5, Grade: crm.GradeCold}
	if changed, _ := eng.Apply(c, now, "score"); changed || c.Score != 5 {
		t.Error("Apply changed a converted lead")
	}
	c = &crm.Lead{ID: 11, Budget: "90000", Status: crm.StatusQualified, ConvertedAt: now}
	if changed, _ := eng.Apply(c, now, "score"); changed {
		t.Error("Apply changed a lead with a conversion time")
	}
}

// Decay makes the score depend on the day: a later run moves the lead.
func TestApplyDecayMovesWithTheClock(t *testing.T) {
	cfg := Config{Rules: []Rule{{Name: "webinar", When: "true", Points: 40, Decay: &Decay{HalfLifeDays: 30}}}, Grades: Grades{Hot: 30, Warm: 10}}
	eng := MustCompile(cfg)
	l := &crm.Lead{ID: 1, CreatedAt: now}
	eng.Apply(l, now, "import")
	if l.Score != 40 || l.Grade != crm.GradeHot {
		t.Fatalf("day 0: %d %s", l.Score, l.Grade)
	}
	if changed, _ := eng.Apply(l, now, "score"); changed {
		t.Fatal("same day moved the lead")
	}
	later := now.Add(30 * 24 * time.Hour)
	if changed, _ := eng.Apply(l, later, "score"); !changed || l.Score != 20 || l.Grade != crm.GradeWarm {
		t.Fatalf("day 30: changed=%v %d %s", changed, l.Score, l.Grade)
	}
	if len(l.History) != 2 || l.History[0].Reason != "webinar +20" {
		t.Errorf("history = %+v", l.History)
	}
}

// A rule that cannot be evaluated counts as not fired, and says so
// without the lead's values.
func TestApplyRuleError(t *testing.T) {
	eng := MustCompile(Config{Rules: []Rule{
		{Name: "employees", When: `int(custom("Mitarbeiter")) > 100`, Points: 10},
		{Name: "budget", When: `budget > 0`, Points: 5},
	}, Grades: Grades{Hot: 10, Warm: 5}})
	l := &crm.Lead{ID: 1, Budget: "1", Custom: map[string]string{"Mitarbeiter": "viele-4711"}}
	changed, err := eng.Apply(l, now, "score")
	if !changed || l.Score != 5 {
		t.Errorf("changed=%v score=%d", changed, l.Score)
	}
	if err == nil || !strings.Contains(err.Error(), `rule "employees": cannot evaluate`) || strings.Contains(err.Error(), "4711") {
		t.Errorf("err = %v", err)
	}
}

func TestHitsReasonIsBounded(t *testing.T) {
	var hits []crm.RuleHit
	for i := range 60 {
		hits = append(hits, crm.RuleHit{Rule: "rule number " + strings.Repeat("x", i%5), Points: i})
	}
	r := hitsReason(hits)
	if len(r) > maxReason+20 || !strings.HasSuffix(r, "more") {
		t.Errorf("reason of %d bytes: %s", len(r), r)
	}
}

func TestExplainGolden(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Rules = append(cfg.Rules,
		Rule{Name: "webinar", When: `source == "webinar"`, Points: 20, Decay: &Decay{HalfLifeDays: 60}},
		Rule{Name: "employees", When: `present("Mitarbeiter") && int(custom("Mitarbeiter")) >= 50`, Points: 5})
	eng := MustCompile(cfg)

	var b strings.Builder
	for _, l := range []*crm.Lead{ceoDE(), prezesPL(), infoUS(), headOfAT()} {
		if l.ID == 2 {
			l.Source = "webinar"
			l.Custom = map[string]string{"Mitarbeiter": "about 40"}
		}
		if l.ID == 4 {
			l.Score, l.Grade = 10, crm.GradeCold // stored score out of date
		}
		b.WriteString("== " + l.ID.String() + " (fresh)\n")
		b.WriteString(eng.Explain(l, now))
		eng.Apply(l, now, "score")
		b.WriteString("== " + l.ID.String() + " (stored)\n")
		b.WriteString(Explain(l))
	}
	b.WriteString("== unscored\n" + Explain(&crm.Lead{ID: 9}))
	conv := ceoDE()
	eng.Apply(conv, now, "import")
	conv.Status = crm.StatusConverted
	b.WriteString("== converted\n" + Explain(conv) + eng.Explain(conv, now))
	golden(t, "explain", b.String())
}

func mustParse(t *testing.T, y string) Config {
	t.Helper()
	cfg, err := ParseConfig([]byte(y), "leadpipe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// An Engine is safe for concurrent use (run with -race).
func TestEngineConcurrent(t *testing.T) {
	eng := Default()
	leads := fairLeads()
	want := make([]int, len(leads))
	for i, l := range leads {
		want[i], _, _ = eng.Score(l, now)
	}
	done := make(chan error)
	for range 4 {
		go func() {
			var err error
			for range 50 {
				for i, l := range leads {
					if got, _, _ := eng.Score(l, now); got != want[i] {
						err = fmt.Errorf("lead %s: %d, want %d", l.ID, got, want[i])
					}
				}
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// DefaultYAML is what a team copies: it must check clean and give the
// default engine's scores.
func TestDefaultYAMLCopied(t *testing.T) {
	if errs := Check([]byte(DefaultYAML), "leadpipe.yaml"); errs != nil {
		t.Fatal(errs)
	}
	copied := MustCompile(mustParse(t, DefaultYAML))
	for _, l := range fairLeads() {
		a, _, _ := copied.Score(l, now)
		b, _, _ := Default().Score(l, now)
		if a != b {
			t.Errorf("lead %s: copied %d, default %d", l.ID, a, b)
		}
	}
	if !Default().IsDefault() || copied.IsDefault() {
		t.Error("IsDefault")
	}
}
