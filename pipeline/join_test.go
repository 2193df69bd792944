package pipeline

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// Rows of one person that only a later row ties together: the first is
// from the office (company, e-mail, postal code 61-001), the second from
// home (phone, street, 60-001); they share no blocking key, so the second
// is created on its own (compared, they would score 7: names, another
// postal code). The third has the e-mail and the home: it scores
// higher with the second (28: phone, household) than with the first (19)
// and merges into it, after which the second has the first one's e-mail
// address and joins it; the first, older, survives.
const (
	joinHead = "Vorname;Nachname;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Land\n"
	joinRow1 = "Anna;Nowak;Nowak Sp. z o.o.;anna@nowak.pl;;;61-001;Poznań;PL\n"
	joinRow2 = "Anna;Nowak;;;+48 601 234 567;ul. Długa 5;60-001;Poznań;PL\n"
	joinRow3 = "Anna;Nowak;;anna@nowak.pl;+48 601 234 567;ul. Długa 5;60-001;Poznań;PL\n"
)

func TestImportJoinsLeadsARowTies(t *testing.T) {
	st := storetest.OpenTest(t)
	sum, obs := runImport(t, st, ImportOptions{
		Files: []string{writeFile(t, "fair.csv", joinHead+joinRow1+joinRow2+joinRow3)},
		Match: dedupe.NewMatcher(dedupe.DefaultConfig()),
	})
	if sum.Created != 2 || sum.Merged != 1 || sum.Dedupe == nil || sum.Dedupe.Joined != 1 {
		t.Fatalf("summary %+v, dedupe %+v: want 2 created, 1 merged, 1 joined", sum.Counts, sum.Dedupe)
	}
	if j := sum.Dedupe.Joins; len(j) != 1 || j[0].Lead != 2 || j[0].Into != 1 || j[0].Row != 4 || j[0].Score != 24 || !strings.HasSuffix(j[0].File, "fair.csv") {
		t.Errorf("joins %+v: want L0000002 into L0000001 at score 24 by fair.csv row 4", j)
	}
	last := obs.rows[2].out
	if last.LeadID != 1 || !strings.Contains(last.Reason, "joined L0000002 (score 24.0) into L0000001") {
		t.Errorf("row 3: lead %s, reason %q; want lead L0000001 and the join named", last.LeadID, last.Reason)
	}
	surv, err := st.Lead(1)
	if err != nil {
		t.Fatal(err)
	}
	gone, err := st.Lead(2)
	if err != nil {
		t.Fatal(err)
	}
	// The older lead survives with the newer one's values.
	if gone.MergedInto != 1 || surv.MergedInto != 0 {
		t.Fatalf("merged_into: L1 %s, L2 %s; want L2 in L1", surv.MergedInto, gone.MergedInto)
	}
	if surv.Email != "anna@nowak.pl" || surv.Phone != "+48601234567" || surv.PostalCode != "60-001" {
		t.Errorf("survivor: email %q, phone %q, postal code %q; want the second lead's phone and postal code", surv.Email, surv.Phone, surv.PostalCode)
	}
	if n := len(surv.Merges); n == 0 || surv.Merges[n-1].From != 2 || surv.Merges[n-1].By != "import" {
		t.Errorf("survivor's merge records %+v: want the join (from L2, by import) last", surv.Merges)
	}
	// Taken back like any merge.
	un, err := dedupe.Unmerge(st, 2, time.Now().UTC(), "test", nil)
	if err != nil {
		t.Fatalf("unmerge: %v", err)
	}
	if un.Restored != 2 || !slices.Contains(un.Reverted, "phone") {
		t.Errorf("unmerge %+v: want L2 restored and the phone taken back", un)
	}
	if l, _ := st.Lead(2); l.MergedInto != 0 {
		t.Errorf("after unmerge L2 is merged into %s", l.MergedInto)
	}
	if l, _ := st.Lead(1); l.Phone != "" || l.PostalCode != "61-001" {
		t.Errorf("after unmerge L1: phone %q, postal code %q; want no phone, 61-001", l.Phone, l.PostalCode)
	}
}

func TestImportJoinSkipsConvertedAndReviewed(t *testing.T) {
	for _, tc := range []string{"converted", "distinct"} {
		t.Run(tc, func(t *testing.T) {
			st := storetest.OpenTest(t)
			m := dedupe.NewMatcher(dedupe.DefaultConfig())
			runImport(t, st, ImportOptions{Files: []string{writeFile(t, "a.csv", joinHead+joinRow1+joinRow2)}, Match: m})
			b := &crm.Batch{}
			switch tc {
			case "converted":
				l, _ := st.Lead(1)
				l.Status = crm.StatusConverted
				b.Leads = []*crm.Lead{l}
			case "distinct":
				b.Distinct = [][2]crm.ID{{1, 2}}
			}
			if err := st.Apply(b); err != nil {
				t.Fatal(err)
			}
			sum, _ := runImport(t, st, ImportOptions{Files: []string{writeFile(t, "b.csv", joinHead+joinRow3)}, Match: m})
			if sum.Dedupe.Joined != 0 {
				t.Errorf("%d leads joined; a %s pair is never joined", sum.Dedupe.Joined, tc)
			}
			for _, id := range []crm.ID{1, 2} {
				if l, _ := st.Lead(id); l.MergedInto != 0 {
					t.Errorf("L%d merged into %s", id, l.MergedInto)
				}
			}
		})
	}
}

// Two people of one name whom a row's mistyped e-mail address makes alike:
// the row merges into the second (company, street, postal code agree), and
// the merged lead then matches the first on the e-mail address alone,
// disagreeing in company, phone, postal code and street. No join.
func TestImportJoinNeedsFewConflicts(t *testing.T) {
	st := storetest.OpenTest(t)
	sum, obs := runImport(t, st, ImportOptions{
		Files: []string{writeFile(t, "at.csv", "Vorname;Nachname;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Land\n"+
			"Florian;Leitner;Pichler & Bauer KG;fleitner@gmail.com;0732 111111;Kärntner Ring 71;4020;Linz;AT\n"+
			"Florian;Leitner;Logistik Futura AG;fleitner4@gmail.com;0732 222222;Ringstraße 21;4600;Wels;AT\n"+
			"Florian;Leitner;Logistik Futura AG;fleitner@gmail.com;0732 333333;Ringstraße 21;4600;Wels;AT\n")},
		Match: dedupe.NewMatcher(dedupe.DefaultConfig()),
	})
	if sum.Created != 2 || sum.Merged != 1 {
		t.Fatalf("summary %+v: want 2 created, 1 merged", sum.Counts)
	}
	if sum.Dedupe.Joined != 0 || sum.Dedupe.MatchedApart != 1 {
		t.Errorf("dedupe %+v: want no join, 1 row that matched two leads kept apart", sum.Dedupe)
	}
	if o := obs.rows[2].out; o.LeadID != 2 || strings.Contains(o.Reason, "joined") {
		t.Errorf("row 3: lead %s, reason %q; want merged into L0000002, no join", o.LeadID, o.Reason)
	}
}

func TestUndoTakesJoinBack(t *testing.T) {
	st := storetest.OpenTest(t)
	undoImport(t, st, "imp-a", "a.csv", joinHead+joinRow1+joinRow2)
	before := snapshot(t, st)
	sum := undoImport(t, st, "imp-b", "b.csv", joinHead+joinRow3)
	if sum.Merged != 1 || sum.Dedupe.Joined != 1 {
		t.Fatalf("import b: %+v, %+v; want 1 merged, 1 joined", sum.Counts, sum.Dedupe)
	}
	rep, err := Undo(st, "imp-b", UndoOptions{})
	if err != nil {
		t.Fatalf("undo: %v (%+v)", err, rep)
	}
	after := snapshot(t, st)
	for id, v := range before {
		if !slices.Equal(after[id], v) {
			t.Errorf("lead %s after undo:\n %q\nbefore import b:\n %q", id, after[id], v)
		}
	}
	for _, id := range []crm.ID{1, 2} {
		l, err := st.Lead(id)
		if err != nil || l.MergedInto != 0 || slices.ContainsFunc(l.Merges, func(m crm.MergeRecord) bool { return m.ID == "imp-b" }) {
			t.Errorf("L%d after undo: merged into %s, merges %+v, %v", id, l.MergedInto, l.Merges, err)
		}
	}
	// The row comes back on a new import, and joins the two again.
	again := undoImport(t, st, "imp-c", "b.csv", joinHead+joinRow3)
	if again.Merged != 1 || again.Dedupe.Joined != 1 {
		t.Errorf("re-import after undo: %+v, %+v; want 1 merged, 1 joined", again.Counts, again.Dedupe)
	}
}
