package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// TestSigSets: each signature is added once, whether the list is short
// (scanned) or long (looked up in its set), and a list replaced behind the
// set's back (a copy, an undo's deletion) is read again, not trusted to
// the stale set.
func TestSigSets(t *testing.T) {
	s := sigSets{}
	var list []uint64
	for i := range 3 * sigSetMin {
		s.add(1, &list, uint64(i%(2*sigSetMin))) // the second half repeats the first
	}
	if want := 2 * sigSetMin; len(list) != want {
		t.Fatalf("%d signatures, want %d", len(list), want)
	}
	for i, v := range list {
		if v != uint64(i) {
			t.Fatalf("list[%d] = %d, want the order they came in", i, v)
		}
	}
	// A copy without the last signature: the set must not say it is there.
	cp := slices.Clone(list[:len(list)-1])
	s.add(1, &cp, list[len(list)-1])
	if len(cp) != len(list) || cp[len(cp)-1] != list[len(list)-1] {
		t.Errorf("copy: the dropped signature was not added back (%d of %d)", len(cp), len(list))
	}
	// Another lead's list is another set.
	other := slices.Clone(list)
	s.add(2, &other, 1<<40)
	s.add(2, &other, 0)
	if len(other) != len(list)+1 {
		t.Errorf("lead 2: %d signatures, want %d", len(other), len(list)+1)
	}
}

// TestImportOnePersonManyRows: a file in which one person comes in many
// different rows merges them all into one lead whose index entry holds
// each row's signature once, and importing it again changes nothing.
func TestImportOnePersonManyRows(t *testing.T) {
	const rows = 3 * sigSetMin
	var b strings.Builder
	b.WriteString("first_name,last_name,email,title,notes\n")
	for i := range rows {
		fmt.Fprintf(&b, "Jürgen,Müller,j.mueller@mueller.de,Einkauf %d,Messe %d\n", i%5, i)
	}
	b.WriteString("Jürgen,Müller,j.mueller@mueller.de,Einkauf 0,Messe 0\n") // a repeat
	file := writeFile(t, "one.csv", b.String())
	st := storetest.OpenTest(t)
	opts := testOptions("imp-1", t0, file)
	opts.BatchSize = sigSetMin / 2 // the entry is written and read back in between
	sum, _ := runImport(t, st, opts)
	if sum.Created != 1 || sum.Merged+sum.Unchanged != rows {
		t.Fatalf("%+v, want one lead created, every other row merged or unchanged", sum.Counts)
	}
	e, err := st.Index(crm.ID(1))
	if err != nil {
		t.Fatal(err)
	}
	sigs := slices.Clone(e.RowSigs)
	slices.Sort(sigs)
	if len(slices.Compact(sigs)) != len(e.RowSigs) || len(e.RowSigs) != rows {
		t.Errorf("index entry holds %d signatures (%d distinct), want each of the %d rows once", len(e.RowSigs), len(slices.Compact(sigs)), rows)
	}
	again, _ := runImport(t, st, testOptions("imp-2", t0, file))
	if again.Unchanged != rows+1 {
		t.Errorf("re-import: %+v, want all %d rows unchanged", again.Counts, rows+1)
	}
}

// BenchmarkSigSetsOneLead adds the signatures of 100,000 rows of one
// person to its list: linear since the list is mirrored by a set (it was
// quadratic: 2.9 s for the 100,000 merges of one lead).
func BenchmarkSigSetsOneLead(b *testing.B) {
	for b.Loop() {
		s := sigSets{}
		var list []uint64
		for i := range 100_000 {
			s.add(1, &list, uint64(i)*0x9e3779b97f4a7c15)
		}
	}
}
