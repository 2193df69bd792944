package pipeline

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/leadpipe/leadpipe/store"
)

// benchFile returns a generated lead list: $LEADPIPE_BENCH_CSV if set,
// otherwise rows made by ../shared/bench/gen_leads.go in a temp dir (the
// benchmark is skipped when the generator is absent).
func benchFile(b *testing.B, rows string) string {
	if f := os.Getenv("LEADPIPE_BENCH_CSV"); f != "" {
		return f
	}
	gen, _ := filepath.Abs("../../shared/bench/gen_leads.go")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("../shared/bench/gen_leads.go not found; set LEADPIPE_BENCH_CSV")
	}
	out := filepath.Join(b.TempDir(), "leads.csv")
	cmd := exec.Command("go", "run", gen, "-n", rows, "-csv", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("gen_leads: %v\n%s", err, msg)
	}
	return out
}

// BenchmarkImport imports a generated list into an empty store, end to end.
func BenchmarkImport(b *testing.B) {
	file := benchFile(b, "50000")
	var rows int
	for b.Loop() {
		b.StopTimer()
		db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Import(context.Background(), db, ImportOptions{Files: []string{file}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		rows = sum.Rows
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
