package convert_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/convert"
	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store"
)

// The conversion benchmarks run on a store of LEADPIPE_BENCH_LEADS leads
// (20000 unless set; the real measurement uses 1000000), of which every
// tenth is Qualified, and as many accounts as a tenth of the leads. The
// qualified leads come two per company; a quarter of the companies have an
// account that matches by name and postal code, another quarter one that
// matches by e-mail domain, and the others are new. The goals:
//
//	BenchmarkPlan  (dry run)       < 2 × BenchmarkScan (a plain scan of the qualified leads)
//	BenchmarkApply (plan + write)  < 1.5 × BenchmarkPlan
//
// ns/lead is per qualified lead. Run:
//
//	LEADPIPE_BENCH_LEADS=1000000 go test -run '^$' -bench . -benchtime 1x ./convert
func benchLeads(b *testing.B) int {
	n := 20000
	if s := os.Getenv("LEADPIPE_BENCH_LEADS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 10 {
			b.Fatalf("LEADPIPE_BENCH_LEADS=%q: want a whole number of at least 10", s)
		}
		n = v
	}
	return n
}

const benchBatch = 4000

var benchNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

var (
	benchFirst = []string{"Jürgen", "Anna", "Piotr", "Zofia", "Katarzyna", "Thomas", "Łukasz", "Sabine", "Michał", "Claudia"}
	benchLast  = []string{"Müller", "Schmidt", "Nowak", "Wójcik", "Kowalski", "Schneider", "Dąbrowski", "Fischer", "Lewandowski", "Weber"}
	benchCity  = []string{"Berlin", "München", "Hamburg", "Köln", "Warszawa", "Kraków", "Wrocław", "Frankfurt am Main"}
)

// benchLead is the i-th lead of the benchmark store: the 10th, 20th, ...
// are Qualified, and the qualified ones come two per company.
func benchLead(i int) *crm.Lead {
	first, last := benchFirst[i%len(benchFirst)], benchLast[(i/7)%len(benchLast)]
	l := crm.Lead{
		ID: crm.ID(i), Salutation: "Herr", FirstName: first, LastName: last, Title: "Geschäftsführer",
		Phone: fmt.Sprintf("+4930%07d", i), Street: fmt.Sprintf("Hauptstraße %d", i%200+1),
		City: benchCity[i%len(benchCity)], Country: "DE", Source: "messe-2026", Budget: fmt.Sprintf("%d.00", 10000+i%90*1000), Currency: "EUR",
		Status: crm.StatusNew, Stage: crm.StageLead, Score: i % 100, Grade: crm.GradeWarm,
		Imports: []string{"20260201T080000Z-0a1b2c3d"},
	}
	if i%10 == 0 {
		company := i / 20 // two qualified leads per company
		l.Status, l.Stage, l.Grade = crm.StatusQualified, crm.StageSQL, crm.GradeHot
		l.Company = fmt.Sprintf("Firma %d GmbH", company)
		l.PostalCode = fmt.Sprintf("%05d", 10000+company%89999)
		l.Email = fmt.Sprintf("%s.%d@firma%d.de", "kontakt", i, company)
		l.History = []crm.Change{{At: benchNow.AddDate(0, 0, -3), By: "status set", Field: "status", Old: "New", New: "Qualified", Reason: "Termin vereinbart"}}
	} else {
		l.Company = fmt.Sprintf("Betrieb %d AG", i)
		l.PostalCode = fmt.Sprintf("%05d", 10000+i%89999)
		l.Email = fmt.Sprintf("lead%d@betrieb%d.de", i, i)
		if i%3 == 0 {
			l.Status = crm.StatusWorking
		}
	}
	l.CompanyKey, l.LegalForm = companyKeyOf(l.Company), legalFormOf(l.Company)
	l.CreatedAt, l.UpdatedAt = benchNow.AddDate(0, -1, 0), benchNow.AddDate(0, 0, -3)
	l.Raw = crm.RawFromMap(map[string]string{
		crm.FieldFirstName: l.FirstName, crm.FieldLastName: l.LastName, crm.FieldCompany: l.Company,
		crm.FieldEmail: l.Email, crm.FieldPhone: fmt.Sprintf("030 %07d", i), crm.FieldCity: l.City,
		crm.FieldPostalCode: l.PostalCode, crm.FieldBudget: l.Budget + " €",
	})
	return &l
}

// companyKeyOf and legalFormOf split the generated names without the
// normalizer, whose cost is the importer's and not measured here.
func companyKeyOf(name string) string {
	var n int
	if _, err := fmt.Sscanf(name, "Firma %d GmbH", &n); err == nil {
		return fmt.Sprintf("firma %d", n)
	}
	fmt.Sscanf(name, "Betrieb %d AG", &n)
	return fmt.Sprintf("betrieb %d", n)
}

func legalFormOf(name string) string {
	if name[len(name)-2:] == "AG" {
		return "AG"
	}
	return "GmbH"
}

// benchAccount is the j-th account (1-based): the first ones belong to the
// companies of the qualified leads (every fourth matches by name and
// postal code, the next by domain), the rest to companies no lead names.
func benchAccount(j, companies int) *crm.Account {
	a := &crm.Account{ID: crm.AccountID(j), Country: "DE", City: benchCity[j%len(benchCity)], Verified: j%3 == 0,
		CreatedAt: benchNow.AddDate(-1, 0, 0), UpdatedAt: benchNow.AddDate(-1, 0, 0)}
	c := (j - 1) * 2 // companies 0, 2, 4, ...
	switch {
	case c < companies && c%4 == 0:
		a.Name, a.NameKey, a.LegalForm = fmt.Sprintf("Firma %d GmbH", c), fmt.Sprintf("firma %d", c), "GmbH"
		a.PostalCode = fmt.Sprintf("%05d", 10000+c%89999)
	case c < companies:
		a.Name, a.NameKey, a.LegalForm = fmt.Sprintf("Firma %d Holding AG", c), fmt.Sprintf("firma %d holding", c), "AG"
		a.PostalCode, a.Domain = "99999", fmt.Sprintf("firma%d.de", c)
	default:
		a.Name, a.NameKey, a.LegalForm = fmt.Sprintf("Altkunde %d KG", j), fmt.Sprintf("altkunde %d", j), "KG"
		a.PostalCode, a.Domain = fmt.Sprintf("%05d", 10000+j%89999), fmt.Sprintf("altkunde%d.de", j)
	}
	return a
}

// buildBenchStore writes the benchmark store to a file of its own and
// returns its path and the number of qualified leads.
func buildBenchStore(b *testing.B) (path string, qualified int) {
	b.Helper()
	n := benchLeads(b)
	path = filepath.Join(b.TempDir(), "bench.db")
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	batch := &crm.Batch{}
	flush := func() {
		if err := st.Apply(batch); err != nil {
			b.Fatal(err)
		}
		batch = &crm.Batch{}
	}
	for i := 1; i <= n; i++ {
		batch.Leads = append(batch.Leads, benchLead(i))
		if i%10 == 0 {
			qualified++
		}
		if len(batch.Leads) == benchBatch {
			flush()
		}
	}
	flush()
	companies := n/20 + 1
	for j := 1; j <= n/10; j++ {
		batch.Accounts = append(batch.Accounts, benchAccount(j, companies))
		if len(batch.Accounts) == benchBatch {
			flush()
		}
	}
	flush()
	return path, qualified
}

func openBench(b *testing.B, path string) *store.DB {
	b.Helper()
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	return st
}

func benchOptions() convert.Options {
	return convert.Options{Opportunity: true, Now: benchNow, RunID: "convert-bench", Mark: markConverted}
}

func reportPerLead(b *testing.B, leads int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*leads), "ns/lead")
}

// BenchmarkScan is the yardstick: one pass over the store that keeps the
// qualified leads, fully decoded.
func BenchmarkScan(b *testing.B) {
	path, qualified := buildBenchStore(b)
	st := openBench(b, path)
	defer st.Close()
	for b.Loop() {
		var kept []*crm.Lead
		err := st.ForEachLead(func(l *crm.Lead) error {
			if l.Status == crm.StatusQualified {
				kept = append(kept, l)
			}
			return nil
		})
		if err != nil || len(kept) != qualified {
			b.Fatalf("scan kept %d of %d qualified leads: %v", len(kept), qualified, err)
		}
	}
	reportPerLead(b, qualified)
}

// BenchmarkPlan is the dry run: selection, the account and contact index,
// and the plan of every qualified lead with an opportunity.
func BenchmarkPlan(b *testing.B) {
	path, qualified := buildBenchStore(b)
	st := openBench(b, path)
	defer st.Close()
	for b.Loop() {
		p, err := convert.PlanConversion(st, benchOptions())
		if err != nil {
			b.Fatal(err)
		}
		checkBenchPlan(b, p, qualified)
	}
	reportPerLead(b, qualified)
}

// BenchmarkApply is a real run: the plan and its one write transaction.
// Every iteration starts from a fresh copy of the store (not timed).
func BenchmarkApply(b *testing.B) {
	path, qualified := buildBenchStore(b)
	run := filepath.Join(filepath.Dir(path), "run.db")
	for b.Loop() {
		b.StopTimer()
		copyFile(b, path, run)
		st := openBench(b, run)
		b.StartTimer()
		p, err := convert.PlanConversion(st, benchOptions())
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Apply(st); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		checkBenchPlan(b, p, qualified)
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	reportPerLead(b, qualified)
}

// checkBenchPlan proves the benchmark measures what it says: every
// qualified lead converts, a quarter of the companies by name, a quarter
// by domain.
func checkBenchPlan(b *testing.B, p *convert.Plan, qualified int) {
	b.Helper()
	t := p.Totals
	if t.Selected != qualified || t.Converted != qualified || t.Held != 0 || t.Opportunities != qualified {
		b.Fatalf("totals %+v for %d qualified leads", t, qualified)
	}
	byKey := map[string]int{}
	for _, l := range p.Leads {
		byKey[l.Account.Key]++
	}
	if qualified >= 40 && (byKey["name_place"] == 0 || byKey["domain"] == 0 || byKey["batch"] == 0 || t.NewAccounts == 0) {
		b.Fatalf("account keys %v, %d new: the store does not exercise matching", byKey, t.NewAccounts)
	}
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	src, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		b.Fatal(err)
	}
}
