package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/importer"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// TestImportFileBreaksOffMidway: a file that cannot be read past some row
// (here an unterminated quote running over the reader's record limit) ends
// the import with an error that names the last row handled; the rows
// before the break all have their outcome, are committed, and the counts
// add up. The records read in the same unit of work as the break must not
// be lost or crash the run (they did: the job carrying the error skipped
// normalization).
func TestImportFileBreaksOffMidway(t *testing.T) {
	var b strings.Builder
	b.WriteString("first_name,last_name,email\n")
	// More rows than the builder primes itself with (1,000), and a break
	// inside the next unit of work (512 rows), so that records are pending
	// when the reader fails.
	const good = 1500
	for i := range good {
		fmt.Fprintf(&b, "Anna,Nowak,anna.nowak%d@nowak.pl\n", i)
	}
	b.WriteString("Piotr,\"Kowal") // the quote never closes
	b.WriteString(strings.Repeat("x", 17<<20))
	path := filepath.Join(t.TempDir(), "broken.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	st := storetest.OpenTest(t)
	obs := &recorder{}
	sum, err := Import(context.Background(), st, testOptions("imp-broken", t0, path), obs)
	if err == nil {
		t.Fatal("import of a file that breaks off succeeded")
	}
	if !errors.Is(err, importer.ErrLimit) || !strings.Contains(err.Error(), fmt.Sprintf("after row %d", good+1)) || strings.Contains(err.Error(), "Kowal") {
		t.Errorf("error = %v; want ErrLimit naming row %d and no value", err, good+1)
	}
	if sum == nil {
		t.Fatal("no summary for the rows before the break")
	}
	checkCounts(t, sum, obs)
	if sum.Created != good {
		t.Errorf("created = %d, want the %d rows before the break", sum.Created, good)
	}
	if n := len(allLeads(t, st)); n != good {
		t.Errorf("store holds %d leads, want %d committed", n, good)
	}
}
