package pipeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// joinFile is rows of n people in the three shapes of joinRow1..3, shuffled.
func joinFile(n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 1))
	firsts := []string{"Anna", "Jan", "Piotr", "Ewa", "Marek", "Zofia", "Adam", "Maria"}
	lasts := []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak"}
	var rows []string
	for i := range n {
		f, l := firsts[i%len(firsts)], lasts[(i/len(firsts))%len(lasts)]
		mail := fmt.Sprintf("%s.%s%d@firma%d.pl", strings.ToLower(f[:1]), strings.ToLower(l[:3]), i, i)
		ph := fmt.Sprintf("+48 601 %03d %03d", i, i)
		st := fmt.Sprintf("ul. Długa %d", i+1)
		rows = append(rows,
			fmt.Sprintf("%s;%s;%s Sp. z o.o.;%s;;;61-%03d;Poznań;PL\n", f, l, l, mail, i),
			fmt.Sprintf("%s;%s;;;%s;%s;60-%03d;Poznań;PL\n", f, l, ph, st, i),
			fmt.Sprintf("%s;%s;;%s;%s;%s;60-%03d;Poznań;PL\n", f, l, mail, ph, st, i))
	}
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	return joinHead + strings.Join(rows, "")
}

// checkJoins: every merged-away lead's survivor exists, is not merged
// away, and keeps a merge record from it; every merge record from a lead
// names a lead merged into this one.
func checkJoins(t *testing.T, st crm.Store) {
	t.Helper()
	err := st.ForEachLead(func(l *crm.Lead) error {
		if l.MergedInto != 0 {
			s, err := st.Lead(l.MergedInto)
			if err != nil {
				t.Errorf("%s merged into %s: %v", l.ID, l.MergedInto, err)
				return nil
			}
			if s.MergedInto != 0 || !slices.ContainsFunc(s.Merges, func(m crm.MergeRecord) bool { return m.From == l.ID }) {
				t.Errorf("%s merged into %s, which is merged into %s or has no merge record from it", l.ID, s.ID, s.MergedInto)
			}
		}
		for _, m := range l.Merges {
			if m.From == 0 {
				continue
			}
			g, err := st.Lead(m.From)
			if err != nil || g.MergedInto != l.ID {
				t.Errorf("%s has a merge record from %s (%s), which is not merged into it (%v)", l.ID, m.From, m.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func leadStates(t *testing.T, st crm.Store) map[crm.ID]string {
	out := map[crm.ID]string{}
	for id, v := range snapshot(t, st) {
		l, _ := st.Lead(id)
		out[id] = fmt.Sprintf("%q into=%s dup=%s merges=%d", v, l.MergedInto, l.PossibleDuplicateOf, len(l.Merges))
	}
	return out
}

// One file imported with batches of one row (joins of leads in the
// commit in flight), in a dry run and in batches of 4000: the same
// outcomes, the same leads; re-imported: all unchanged; undone: empty.
func TestReviewJoinBatchesDryRunReimport(t *testing.T) {
	for seed := range uint64(5) {
		file := joinFile(30, seed)
		var sums []*Summary
		var states []map[crm.ID]string
		var outs []string
		for _, opts := range []ImportOptions{{BatchSize: 4000}, {BatchSize: 1}, {BatchSize: 3, DryRun: true}, {BatchSize: 7}} {
			st := storetest.OpenTest(t)
			opts.Files = []string{writeFile(t, "f.csv", file)}
			opts.Match = dedupe.NewMatcher(dedupe.DefaultConfig())
			opts.NewImportID = func() string { return "imp-1" }
			sum, obs := runImport(t, st, opts)
			sums = append(sums, sum)
			var o []string
			for _, r := range obs.rows {
				o = append(o, fmt.Sprintf("%d %s %s %s", r.rec.Row, r.out.Kind, r.out.LeadID, r.out.Reason))
			}
			outs = append(outs, strings.Join(o, "\n"))
			if opts.DryRun {
				states = append(states, nil)
				continue
			}
			states = append(states, leadStates(t, st))
			checkJoins(t, st)
			opts.NewImportID = func() string { return "imp-2" }
			opts.Files = []string{writeFile(t, "f.csv", file)}
			again, aobs := runImport(t, st, opts)
			if again.Unchanged != again.Rows || again.Dedupe.Joined != 0 {
				t.Errorf("seed %d batch %d: re-import %+v %+v; want all unchanged (%s)", seed, opts.BatchSize, again.Counts, again.Dedupe, rowKinds(aobs))
			}
			if _, err := Undo(st, "imp-1", UndoOptions{}); err != nil {
				t.Errorf("seed %d: undo: %v", seed, err)
			} else if n := len(snapshot(t, st)); n != 0 {
				t.Errorf("seed %d batch %d: %d leads after undo of the only import", seed, opts.BatchSize, n)
			}
		}
		if sums[0].Dedupe.Joined == 0 {
			t.Errorf("seed %d: no join", seed)
		}
		for i := 1; i < len(sums); i++ {
			if sums[i].Counts != sums[0].Counts || sums[i].Dedupe.Joined != sums[0].Dedupe.Joined || sums[i].Dedupe.MatchedApart != sums[0].Dedupe.MatchedApart || sums[i].Dedupe.PairsPerRow != sums[0].Dedupe.PairsPerRow {
				t.Errorf("seed %d: run %d %+v %+v, run 0 %+v %+v", seed, i, sums[i].Counts, sums[i].Dedupe, sums[0].Counts, sums[0].Dedupe)
			}
			if outs[i] != outs[0] {
				t.Errorf("seed %d: run %d outcomes differ", seed, i)
			}
			if states[i] != nil && fmt.Sprint(states[i]) != fmt.Sprint(states[0]) {
				t.Errorf("seed %d: run %d leads differ", seed, i)
			}
		}
	}
}

func TestReviewJoinTwoImportsUndo(t *testing.T) {
	for seed := range uint64(8) {
		lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(joinFile(25, seed), joinHead), "\n"), "\n")
		r := rand.New(rand.NewPCG(seed, 2))
		var a, b []string
		for _, l := range lines {
			if r.IntN(2) == 0 {
				a = append(a, l+"\n")
			} else {
				b = append(b, l+"\n")
			}
		}
		fa, fb := joinHead+strings.Join(a, ""), joinHead+strings.Join(b, "")
		// Both files in one run, then each file again.
		st0 := storetest.OpenTest(t)
		sum0, _ := runImport(t, st0, ImportOptions{Files: []string{writeFile(t, "a.csv", fa), writeFile(t, "b.csv", fb)}, Match: dedupe.NewMatcher(dedupe.DefaultConfig()), BatchSize: 5})
		checkJoins(t, st0)
		again0, obs0 := runImport(t, st0, ImportOptions{Files: []string{writeFile(t, "a.csv", fa), writeFile(t, "b.csv", fb)}, Match: dedupe.NewMatcher(dedupe.DefaultConfig())})
		if again0.Unchanged != again0.Rows {
			t.Errorf("seed %d: re-import of both files %+v (joined %d in the first run); want all unchanged: %s", seed, again0.Counts, sum0.Dedupe.Joined, rowKinds(obs0))
		}

		st := storetest.OpenTest(t)
		undoImport(t, st, "imp-a", "a.csv", fa)
		before := leadStates(t, st)
		sb := undoImport(t, st, "imp-b", "b.csv", fb)
		checkJoins(t, st)
		dry, err := Undo(st, "imp-b", UndoOptions{DryRun: true})
		if err != nil {
			t.Fatalf("seed %d: dry undo: %v", seed, err)
		}
		rep, err := Undo(st, "imp-b", UndoOptions{})
		if err != nil {
			t.Fatalf("seed %d: undo: %v", seed, err)
		}
		if fmt.Sprint(dry.Deleted, dry.Reverted) != fmt.Sprint(rep.Deleted, rep.Reverted) {
			t.Errorf("seed %d: dry run %+v, undo %+v", seed, dry, rep)
		}
		checkJoins(t, st)
		after := leadStates(t, st)
		for id, v := range before {
			if after[id] != v {
				t.Errorf("seed %d (b joined %d): lead %s after undo\n %s\nbefore\n %s", seed, sb.Dedupe.Joined, id, after[id], v)
			}
		}
		if len(after) != len(before) {
			t.Errorf("seed %d: %d leads after undo, %d before", seed, len(after), len(before))
		}
		sc := undoImport(t, st, "imp-c", "b.csv", fb)
		if sc.Counts != sb.Counts || sc.Dedupe.Joined != sb.Dedupe.Joined {
			t.Errorf("seed %d: import after undo %+v %+v, first %+v %+v", seed, sc.Counts, sc.Dedupe, sb.Counts, sb.Dedupe)
		}
		checkJoins(t, st)
	}
}
