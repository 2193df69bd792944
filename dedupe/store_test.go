package dedupe

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// t0 is the creation time of the first stored lead; later ids are created
// a day apart, so id order is age order as in a real store.
var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// stored makes a lead as an import leaves it: built by lead, status New,
// stage Lead, created id-1 days after t0.
func stored(id crm.ID, kv ...string) *crm.Lead {
	l := lead(id, kv...)
	l.Status, l.Stage = crm.StatusNew, crm.StageLead
	l.CreatedAt = t0.AddDate(0, 0, int(id)-1)
	l.UpdatedAt = l.CreatedAt
	return l
}

// put writes leads with their exact-key index entries in one batch, plus
// the distinct pairs.
func put(t *testing.T, st crm.Store, distinct [][2]crm.ID, leads ...*crm.Lead) {
	t.Helper()
	b := &crm.Batch{Leads: leads, Distinct: distinct}
	for _, l := range leads {
		b.Index = append(b.Index, crm.IndexEntry{ID: l.ID, Keys: Hashes(ExactKeys(l))})
	}
	if err := st.Apply(b); err != nil {
		t.Fatal(err)
	}
}

func mustLead(t *testing.T, st crm.LeadReader, id crm.ID) *crm.Lead {
	t.Helper()
	l, err := st.Lead(id)
	if err != nil {
		t.Fatalf("read lead %s: %v", id, err)
	}
	return l
}

// Leads of the dedupe store tests. jurgen (1) and jmueller (2) are one
// person: the web-form lead has the initial, the transliterated name, the
// same e-mail and a newer source and a title. namesake (3) shares name and
// postal code but works elsewhere: a near neighbour. converted (4) is
// another copy of jurgen, but read-only. anna (5) and anna2 (6) are a
// clear pair that a review found to be two people.
func dedupeLeads() []*crm.Lead {
	jurgen := stored(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"email", "juergen.mueller@mueller-gmbh.de", "phone", "+49301234567",
		"postal_code", "10115", "city", "Berlin", "country", "DE", "source", "fair")
	jmueller := stored(2, "first_name", "J.", "last_name", "Mueller", "company", "Müller GmbH",
		"email", "juergen.mueller@mueller-gmbh.de", "postal_code", "10115", "country", "DE",
		"title", "Geschäftsführer", "source", "webform")
	namesake := stored(3, "first_name", "Jürgen", "last_name", "Müller", "company", "Bäckerei Schulz",
		"postal_code", "10115", "city", "Berlin", "country", "DE")
	converted := stored(4, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"email", "juergen.mueller@mueller-gmbh.de", "postal_code", "10115", "country", "DE")
	converted.Status = crm.StatusConverted
	anna := stored(5, "first_name", "Anna", "last_name", "Nowak", "company", "Nowak S.A.",
		"email", "anna.nowak@nowak.pl", "postal_code", "00-001", "city", "Warszawa", "country", "PL")
	anna2 := stored(6, "first_name", "Anna", "last_name", "Nowak", "company", "NOWAK SPÓŁKA AKCYJNA",
		"email", "anna.nowak@nowak.pl", "postal_code", "00-001", "country", "PL")
	return []*crm.Lead{jurgen, jmueller, namesake, converted, anna, anna2}
}

// mergeSummary is what must agree between a dry run and the real run.
func mergeSummary(p *Plan) []string {
	var out []string
	for _, pm := range p.Merges {
		out = append(out, pm.Absorbed.String()+">"+pm.Survivor.String()+" "+strings.Join(pm.Changed, ","))
	}
	for _, f := range p.Flags {
		out = append(out, f.Lead.String()+"?"+f.Of.String())
	}
	return out
}

// planBoth plans a store-wide dedupe run without and with explanations
// (a dry run explains), checks that both plan the same, and returns both.
func planBoth(t *testing.T, st StoreReader, m *Matcher, now time.Time) (plan, dry *Plan) {
	t.Helper()
	dry, err := PlanStore(st, m, "dedupe-1", now, true)
	if err != nil {
		t.Fatal(err)
	}
	plan, err = PlanStore(st, m, "dedupe-1", now, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := mergeSummary(plan), mergeSummary(dry); !slices.Equal(got, want) {
		t.Errorf("real plan %q, dry run %q", got, want)
	}
	return plan, dry
}

func TestPlanStore(t *testing.T) {
	st := storetest.OpenTest(t)
	leads := dedupeLeads()
	put(t, st, [][2]crm.ID{{6, 5}}, leads...)
	m := NewMatcher(DefaultConfig())

	// The distinct pair would merge but for the review.
	a, b := m.Record(leads[4]), m.Record(leads[5])
	if s, veto := m.Score(&b, &a); s < DefaultMergeAt || veto != "" {
		t.Fatalf("anna pair scores %g (veto %q): the test needs a clear duplicate", s, veto)
	}

	now := t0.AddDate(0, 1, 0)
	plan, dry := planBoth(t, st, m, now)

	if len(plan.Merges) != 1 {
		t.Fatalf("merges %+v, want one (L0000002 into L0000001)", plan.Merges)
	}
	if pm := plan.Merges[0]; pm.Survivor != 1 || pm.Absorbed != 2 || pm.Score < DefaultMergeAt {
		t.Errorf("merge %+v, want L0000002 into L0000001 scoring at least %d", pm, DefaultMergeAt)
	}
	if pm := dry.Merges[0]; pm.Explain == nil || pm.Explain.Score != round(plan.Merges[0].Score) {
		t.Errorf("dry run with explain: merge explanation %+v, want the score %g", pm.Explain, plan.Merges[0].Score)
	}
	if len(plan.Flags) != 1 || plan.Flags[0].Lead != 3 || plan.Flags[0].Of != 1 {
		t.Errorf("flags %+v, want L0000003 as a possible duplicate of L0000001", plan.Flags)
	} else if s := plan.Flags[0].Score; s < DefaultReviewAt || s >= DefaultMergeAt {
		t.Errorf("flag score %g, want review range [%d, %d)", s, DefaultReviewAt, DefaultMergeAt)
	}
	if plan.Skipped != 1 {
		t.Errorf("skipped %d converted leads, want 1", plan.Skipped)
	}
	if plan.Leads != 5 {
		t.Errorf("compared %d leads, want 5 (all but the converted one)", plan.Leads)
	}
	var ids []crm.ID
	for _, l := range plan.ChangedLeads() {
		ids = append(ids, l.ID)
	}
	if want := []crm.ID{1, 2, 3}; !slices.Equal(ids, want) {
		t.Errorf("changed leads %v, want %v", ids, want)
	}

	// A dry run writes nothing.
	if l := mustLead(t, st, 2); l.MergedInto != 0 {
		t.Fatalf("planning wrote the store: L0000002 merged into %s", l.MergedInto)
	}

	if err := plan.Apply(st); err != nil {
		t.Fatal(err)
	}
	surv, gone := mustLead(t, st, 1), mustLead(t, st, 2)
	// Newer non-empty values win; a value that only drops the umlaut or
	// shortens a name to its initial brings nothing new.
	for _, f := range []struct{ field, want string }{
		{crm.FieldFirstName, "Jürgen"},
		{crm.FieldLastName, "Müller"},
		{crm.FieldTitle, "Geschäftsführer"},
		{crm.FieldSource, "webform"},
		{crm.FieldPhone, "+49301234567"},
		{crm.FieldCity, "Berlin"},
	} {
		if got := surv.Get(f.field); got != f.want {
			t.Errorf("survivor %s = %q, want %q", f.field, got, f.want)
		}
	}
	if len(surv.Merges) != 1 || surv.Merges[0].From != 2 || surv.Merges[0].By != "dedupe" || surv.Merges[0].ID != "dedupe-1" {
		t.Errorf("survivor merges %+v, want one dedupe merge from L0000002", surv.Merges)
	}
	if !slices.ContainsFunc(surv.History, func(c crm.Change) bool {
		return c.Field == crm.FieldSource && c.Old == "fair" && c.New == "webform"
	}) {
		t.Errorf("survivor history lacks the replaced source: %+v", surv.History)
	}
	if gone.MergedInto != 1 {
		t.Errorf("absorbed lead merged into %s, want L0000001", gone.MergedInto)
	}
	if l := mustLead(t, st, 3); l.PossibleDuplicateOf != 1 {
		t.Errorf("L0000003 possible duplicate of %s, want L0000001", l.PossibleDuplicateOf)
	}
	if l := mustLead(t, st, 4); l.MergedInto != 0 || l.PossibleDuplicateOf != 0 || len(l.Merges) != 0 {
		t.Errorf("converted lead changed: %+v", l)
	}
	for _, id := range []crm.ID{5, 6} {
		if l := mustLead(t, st, id); l.MergedInto != 0 || len(l.Merges) != 0 || l.PossibleDuplicateOf != 0 {
			t.Errorf("distinct pair: lead %s changed: merged into %s, %d merges, possible duplicate of %s",
				id, l.MergedInto, len(l.Merges), l.PossibleDuplicateOf)
		}
	}

	// Idempotent: nothing left to do.
	again, err := PlanStore(st, m, "dedupe-2", now.Add(time.Hour), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Merges) != 0 || len(again.Flags) != 0 || len(again.ChangedLeads()) != 0 {
		t.Errorf("second run plans %q, want nothing", mergeSummary(again))
	}
	if again.Leads != 4 || again.Skipped != 1 {
		t.Errorf("second run compared %d leads, skipped %d; want 4 (the merged-away one left out) and 1", again.Leads, again.Skipped)
	}
}

func TestUnmergeDedupe(t *testing.T) {
	st := storetest.OpenTest(t)
	leads := dedupeLeads()[:2]
	put(t, st, nil, leads...)
	before := mustLead(t, st, 1)
	m := NewMatcher(DefaultConfig())
	plan, err := PlanStore(st, m, "dedupe-1", t0.AddDate(0, 1, 0), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Merges) != 1 {
		t.Fatalf("merges %+v, want one", plan.Merges)
	}
	if err := plan.Apply(st); err != nil {
		t.Fatal(err)
	}

	// A later edit of a field the merge set: unmerge must keep it.
	surv := mustLead(t, st, 1)
	if surv.Title != "Geschäftsführer" {
		t.Fatalf("merge did not fill the title: %q", surv.Title)
	}
	surv.Title = "CEO"
	if err := st.Apply(&crm.Batch{Leads: []*crm.Lead{surv}}); err != nil {
		t.Fatal(err)
	}

	res, err := Unmerge(st, 2, t0.AddDate(0, 2, 0), "unmerge", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Survivor != 1 || res.Restored != 2 || res.New {
		t.Errorf("unmerge %+v, want L0000002 restored from L0000001", res)
	}
	if want := []string{crm.FieldTitle}; !slices.Equal(res.Kept, want) {
		t.Errorf("kept %q, want %q", res.Kept, want)
	}
	if want := []string{crm.FieldSource}; !slices.Equal(res.Reverted, want) {
		t.Errorf("reverted %q, want %q", res.Reverted, want)
	}

	surv, back := mustLead(t, st, 1), mustLead(t, st, 2)
	for _, f := range crm.DataFields {
		want := before.Get(f)
		if f == crm.FieldTitle {
			want = "CEO"
		}
		if got := surv.Get(f); got != want {
			t.Errorf("survivor %s = %q after unmerge, want %q", f, got, want)
		}
	}
	if len(surv.Merges) != 0 {
		t.Errorf("survivor still records merges: %+v", surv.Merges)
	}
	if back.MergedInto != 0 {
		t.Errorf("restored lead still merged into %s", back.MergedInto)
	}
	if back.FirstName != "J." || back.Source != "webform" {
		t.Errorf("restored lead lost its values: %q %q", back.FirstName, back.Source)
	}

	// Nothing more to take back.
	// A merge taken back was wrong: the pair is never proposed again.
	if pairs, err := st.DistinctPairs(); err != nil || len(pairs) != 1 || pairs[0] != [2]crm.ID{1, 2} {
		t.Errorf("distinct pairs after unmerge: %v, %v; want [[1 2]]", pairs, err)
	}
	if _, err := Unmerge(st, 2, t0.AddDate(0, 2, 0), "unmerge", nil); !errors.Is(err, ErrNoMerge) {
		t.Errorf("second unmerge: %v, want ErrNoMerge", err)
	}
}

func TestUnmergeImport(t *testing.T) {
	st := storetest.OpenTest(t)
	at := t0.AddDate(0, 0, 10)
	row := stored(0, "first_name", "Jürgen", "last_name", "Mueller", "company", "Müller GmbH",
		"email", "juergen.mueller@mueller-gmbh.de", "title", "CEO", "city", "Potsdam", "country", "DE")
	row.Status, row.Stage = "", ""
	row.CreatedAt, row.UpdatedAt = time.Time{}, time.Time{}
	surv := stored(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"email", "juergen.mueller@mueller-gmbh.de", "title", "CEO", "city", "Potsdam", "country", "DE")
	surv.Raw = crm.RawFromMap(map[string]string{crm.FieldCity: "Potsdam", crm.FieldTitle: "CEO"})
	const oldSig, rowSig = 0x1111, 0xabcdef
	surv.Merges = []crm.MergeRecord{{
		ID: "20250311T090000Z-1", At: at, By: "import", File: "update.csv", Row: 3, RowSig: rowSig,
		Lead: row, Score: 24.5,
		Changes: []crm.Change{
			{Field: crm.FieldTitle, Old: "", New: "CEO"},
			{Field: crm.FieldCity, Old: "Berlin", New: "Potsdam"},
		},
	}}
	other := stored(2, "first_name", "Zofia", "last_name", "Wójcik", "email", "zofia@wojcik.pl")
	if err := st.Apply(&crm.Batch{
		Leads: []*crm.Lead{surv, other},
		Index: []crm.IndexEntry{
			{ID: 1, Keys: Hashes(ExactKeys(surv)), RowSigs: []uint64{oldSig, rowSig}},
			{ID: 2, Keys: Hashes(ExactKeys(other)), RowSigs: []uint64{0x2222}},
		},
	}); err != nil {
		t.Fatal(err)
	}

	now := t0.AddDate(0, 1, 0)
	res, err := Unmerge(st, 1, now, "unmerge", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Survivor != 1 || res.Restored != 3 || !res.New {
		t.Errorf("unmerge %+v, want a new lead L0000003 split off L0000001", res)
	}
	if want := []string{crm.FieldTitle, crm.FieldCity}; !slices.Equal(res.Reverted, want) || len(res.Kept) != 0 {
		t.Errorf("reverted %q kept %q, want %q and none", res.Reverted, res.Kept, want)
	}
	if last, err := st.LastID(); err != nil || last != 3 {
		t.Errorf("last id %s (%v), want L0000003", last, err)
	}

	s := mustLead(t, st, 1)
	if s.Title != "" || s.City != "Berlin" || len(s.Merges) != 0 {
		t.Errorf("survivor after unmerge: title %q city %q merges %d, want \"\", Berlin, 0", s.Title, s.City, len(s.Merges))
	}
	if _, ok := s.Raw.Get(crm.FieldTitle); ok || s.Raw.Value(crm.FieldCity) != "Berlin" {
		t.Errorf("survivor raw values %q, want no title and city Berlin", s.Raw)
	}
	nl := mustLead(t, st, 3)
	if nl.FirstName != "Jürgen" || nl.LastName != "Mueller" || nl.Title != "CEO" || nl.City != "Potsdam" ||
		nl.Email != "juergen.mueller@mueller-gmbh.de" {
		t.Errorf("new lead %+v, want the row's values", nl)
	}
	if nl.Status != crm.StatusNew || nl.Stage != crm.StageLead || nl.MergedInto != 0 {
		t.Errorf("new lead status %q stage %q merged into %s, want New, Lead, none", nl.Status, nl.Stage, nl.MergedInto)
	}
	if !slices.Equal(nl.Imports, []string{"20250311T090000Z-1"}) || !nl.CreatedAt.Equal(now) {
		t.Errorf("new lead imports %q created %v, want the merge's import and %v", nl.Imports, nl.CreatedAt, now)
	}

	se, err := st.Index(1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(se.RowSigs, []uint64{oldSig}) {
		t.Errorf("survivor's row signatures %x, want only %x", se.RowSigs, oldSig)
	}
	ne, err := st.Index(3)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ne.RowSigs, []uint64{rowSig}) {
		t.Errorf("new lead's row signatures %x, want %x", ne.RowSigs, rowSig)
	}
	if want := Hashes(ExactKeys(nl)); !slices.Equal(ne.Keys, want) {
		t.Errorf("new lead's keys %x, want its exact keys %x", ne.Keys, want)
	}
	if oe, err := st.Index(2); err != nil || !slices.Equal(oe.RowSigs, []uint64{0x2222}) {
		t.Errorf("unrelated index entry changed: %+v, %v", oe, err)
	}
}

// countingStore counts the transactions written through it.
type countingStore struct {
	crm.Store
	applies int
}

func (s *countingStore) Apply(b *crm.Batch) error {
	s.applies++
	return s.Store.Apply(b)
}

func TestApplyReview(t *testing.T) {
	db := storetest.OpenTest(t)
	st := &countingStore{Store: db}
	l1 := stored(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"postal_code", "10115", "country", "DE")
	l2 := stored(2, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"postal_code", "20095", "city", "Hamburg", "country", "DE", "title", "Einkauf")
	l2.PossibleDuplicateOf = 1
	l3 := stored(3, "first_name", "Jan", "last_name", "Kowalski", "company", "Kowalski Sp. z o.o.",
		"postal_code", "00-001", "country", "PL")
	l4 := stored(4, "first_name", "Jan", "last_name", "Kowalski", "company", "Kowalski Sp. z o.o.",
		"postal_code", "30-001", "country", "PL")
	l4.PossibleDuplicateOf = 3
	l5 := stored(5, "first_name", "Anna", "last_name", "Schmidt", "company", "Schmidt AG")
	l6 := stored(6, "first_name", "Anna", "last_name", "Schmidt", "company", "Schmidt AG", "city", "Köln")
	l6.PossibleDuplicateOf = 5
	put(t, db, nil, l1, l2, l3, l4, l5, l6)

	decisions := []ReviewDecision{
		{File: "r.csv", Row: 2, A: 2, B: 1, Verdict: Same},
		{File: "r.csv", Row: 3, A: 4, B: 3, Verdict: Different},
		{File: "r.csv", Row: 4, A: 6, B: 5, Verdict: Undecided},
		{File: "r.csv", Row: 5, A: 99, B: 1, Verdict: Same},
	}
	now := t0.AddDate(0, 1, 0)
	m := NewMatcher(DefaultConfig())
	r2 := m.Record(l2)
	want := m.ExplainLead(&r2, l1, -1).Score
	res, err := ApplyReview(st, m, decisions, "review-1", now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.applies != 1 {
		t.Errorf("%d transactions, want 1", st.applies)
	}
	if res.Merged != 1 || res.Different != 1 || res.Undecided != 1 {
		t.Errorf("result %+v, want 1 merged, 1 different, 1 undecided", res)
	}
	if len(res.Merges) != 1 || res.Merges[0].Survivor != 1 || res.Merges[0].Absorbed != 2 || res.Merges[0].Score != want {
		t.Errorf("merges %+v, want L0000002 into L0000001 (the older survives)", res.Merges)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Row != 5 || !strings.Contains(res.Skipped[0].Reason, "L0000099") ||
		!strings.Contains(res.Skipped[0].Reason, "not found") {
		t.Errorf("skipped %+v, want row 5 naming the missing L0000099", res.Skipped)
	} else if got := res.Skipped[0].Reason; strings.Count(got, "L0000099") != 1 {
		t.Errorf("skip reason %q names L0000099 more than once", got)
	}

	surv, gone := mustLead(t, db, 1), mustLead(t, db, 2)
	if surv.City != "Hamburg" || surv.Title != "Einkauf" || surv.PostalCode != "20095" {
		t.Errorf("survivor %q %q %q, want the newer lead's values", surv.City, surv.Title, surv.PostalCode)
	}
	if len(surv.Merges) != 1 || surv.Merges[0].By != "review" || surv.Merges[0].From != 2 {
		t.Errorf("survivor merges %+v, want one review merge from L0000002", surv.Merges)
	} else if got := surv.Merges[0].Score; got != want || want == 0 {
		t.Errorf("review merge recorded score %.2f, want the pair's score %.2f", got, want)
	}
	if gone.MergedInto != 1 || gone.PossibleDuplicateOf != 0 {
		t.Errorf("absorbed lead: merged into %s, possible duplicate of %s; want L0000001 and none", gone.MergedInto, gone.PossibleDuplicateOf)
	}

	pairs, err := db.DistinctPairs()
	if err != nil {
		t.Fatal(err)
	}
	if want := [][2]crm.ID{{3, 4}}; !slices.Equal(pairs, want) {
		t.Errorf("distinct pairs %v, want %v", pairs, want)
	}
	if l := mustLead(t, db, 4); l.PossibleDuplicateOf != 0 {
		t.Errorf("L0000004 still flagged as a possible duplicate of %s", l.PossibleDuplicateOf)
	}
	if l := mustLead(t, db, 6); l.PossibleDuplicateOf != 5 {
		t.Errorf("undecided L0000006: possible duplicate of %s, want L0000005 still", l.PossibleDuplicateOf)
	}

	// What is left for review: the undecided pair only.
	rp, err := ReviewPairs(db, NewMatcher(DefaultConfig()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rp) != 1 || rp[0].A.ID != 6 || rp[0].B.ID != 5 {
		t.Errorf("review pairs left: %d, want L0000006 vs L0000005 only", len(rp))
	}

	// Decided pairs are not decided twice: the merged pair is one lead now,
	// and the different pair stays remembered.
	res, err = ApplyReview(st, nil, decisions[:2], "review-2", now.Add(time.Hour), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Merged != 0 || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "already one lead") {
		t.Errorf("second review %+v, want the merged pair skipped as already one lead", res)
	}
}

// TestPlanStoreNoMergeIntoAbsorbed: a lead the plan merges away is not a
// candidate for later leads, its earlier states included. L2 was Anna
// Nowak until an import merged a Jürgen Müller row into it (by her
// e-mail), so it now looks like Jürgen and merges into L1; L3, a copy of
// Anna, must not go into L2's old Anna state, which would hide her in a
// lead that is itself merged away.
func TestPlanStoreNoMergeIntoAbsorbed(t *testing.T) {
	st := storetest.OpenTest(t)
	jurgen := stored(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"email", "juergen.mueller@mueller-gmbh.de", "phone", "+49301234567",
		"postal_code", "10115", "city", "Berlin", "country", "DE")
	anna := func(id crm.ID) *crm.Lead {
		return stored(id, "first_name", "Anna", "last_name", "Nowak", "company", "Nowak S.A.",
			"email", "anna.nowak@nowak.pl", "phone", "+48221234567",
			"postal_code", "00-001", "city", "Warszawa", "country", "PL")
	}
	was := anna(2)
	mergeInto(was, lead(0, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH",
		"email", "juergen.mueller@mueller-gmbh.de", "phone", "+49301234567",
		"postal_code", "10115", "city", "Berlin", "country", "DE"), 1)
	put(t, st, nil, jurgen, was, anna(3))
	m := NewMatcher(DefaultConfig())
	if len(m.Earlier(was)) != 1 {
		t.Fatalf("test data: L2 has %d earlier states, want its Anna state", len(m.Earlier(was)))
	}
	plan, err := PlanStore(st, m, "dedupe-1", t0.AddDate(0, 1, 0), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, pm := range plan.Merges {
		for _, other := range plan.Merges {
			if pm.Survivor == other.Absorbed {
				t.Errorf("%s merged into %s, which the plan merges into %s", pm.Absorbed, pm.Survivor, other.Survivor)
			}
		}
	}
	if got := mergeSummary(plan); len(got) == 0 || !strings.HasPrefix(got[0], "L0000002>L0000001") {
		t.Errorf("plan %q, want L0000002 merged into L0000001", got)
	}
}

// TestUnmergeForgetsValues: after a merge is taken back, the lead's
// earlier states (rebuilt from its merge records) no longer hold the
// unmerged lead's values, though a later merge replaced them: a new row of
// that other person must not go back into the survivor.
func TestUnmergeForgetsValues(t *testing.T) {
	st := storetest.OpenTest(t)
	jurgen := func(id crm.ID, company, phone string) *crm.Lead {
		return stored(id, "first_name", "Jürgen", "last_name", "Müller", "company", company,
			"phone", phone, "postal_code", "10115", "city", "Berlin", "country", "DE")
	}
	surv, other := jurgen(1, "Müller GmbH", "+49301111111"), jurgen(2, "Bäckerei Schulz", "+49302222222")
	at := t0.AddDate(0, 1, 0)
	surv.Merges = append(surv.Merges, crm.MergeRecord{ID: "dedupe-1", At: at, By: "dedupe", From: 2,
		Changes: surv.MergeChanges(other, "", "dedupe", at)})
	other.MergedInto = 1
	// The survivor's own row comes back with a new number: company and
	// phone change again, away from the values the dedupe merge brought.
	mergeInto(surv, jurgen(0, "Müller GmbH", "+49303333333"), 2)
	put(t, st, nil, surv, other)

	m := NewMatcher(DefaultConfig())
	bakery := func(l *crm.Lead) bool {
		for _, e := range m.Earlier(l) {
			if e.Company == "Bäckerei Schulz" || e.Phone == "+49302222222" {
				return true
			}
		}
		return false
	}
	if !bakery(mustLead(t, st, 1)) {
		t.Fatal("test data: the survivor has no earlier state with the merged lead's values")
	}
	res, err := Unmerge(st, 2, at.AddDate(0, 0, 1), "unmerge", nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{crm.FieldCompany, crm.FieldPhone}; !slices.Equal(res.Kept, want) {
		t.Errorf("kept %q, want %q (changed since)", res.Kept, want)
	}
	l := mustLead(t, st, 1)
	if bakery(l) {
		t.Errorf("after the unmerge an earlier state of L0000001 still holds L0000002's values: %+v", m.Earlier(l))
	}
	if e := m.Earlier(l); len(e) != 1 || e[0].Company != "Müller GmbH" || e[0].Phone != "+49301111111" {
		t.Errorf("earlier states %+v, want the lead as first stored", e)
	}
}

// TestForgetValues: only the first later change of a field replaced the
// value a taken-back merge brought; a later merge that brings the same
// value again keeps its record as it is.
func TestForgetValues(t *testing.T) {
	ch := func(field, old, new string) crm.Change { return crm.Change{Field: field, Old: old, New: new} }
	later := []crm.MergeRecord{
		{Changes: []crm.Change{ch("phone", "B", "C"), ch("city", "Köln", "Bonn")}},
		{Changes: []crm.Change{ch("phone", "C", "B")}},
		{Changes: []crm.Change{ch("phone", "B", "E")}},
	}
	orig := later[0].Changes
	forgetValues(later, []crm.Change{ch("phone", "A", "B"), ch("city", "Berlin", "Köln")})
	got := []string{later[0].Changes[0].Old, later[0].Changes[1].Old, later[1].Changes[0].Old, later[2].Changes[0].Old}
	if want := []string{"A", "Berlin", "C", "B"}; !slices.Equal(got, want) {
		t.Errorf("old values %q, want %q", got, want)
	}
	if orig[0].Old != "B" {
		t.Error("forgetValues changed the caller's change slice in place")
	}
}

// TestUnmergeKeepsLaterValue: L2's dedupe merge brought its phone into
// L1; later rows brought that same number again (the shared office
// number). Unmerging L2 keeps the number, whether the later row changed
// the phone back to it or held it while the lead did (recording no change
// for it); an unmerge reports no change it has nothing to take back.
func TestUnmergeKeepsLaterValue(t *testing.T) {
	for name, rows := range map[string][]*crm.Lead{
		"changed back": {lead(0, "phone", "+49303333333"), lead(0, "phone", "+49302222222")},
		"held it too":  {lead(0, "phone", "+49302222222", "city", "Potsdam")}, // records only the city
	} {
		t.Run(name, func(t *testing.T) {
			st := storetest.OpenTest(t)
			surv := stored(1, "first_name", "Jürgen", "last_name", "Müller", "phone", "+49301111111", "postal_code", "10115", "country", "DE")
			other := stored(2, "first_name", "Jürgen", "last_name", "Müller", "phone", "+49302222222", "postal_code", "10115", "country", "DE")
			at := t0.AddDate(0, 1, 0)
			surv.Merges = append(surv.Merges, crm.MergeRecord{ID: "dedupe-1", At: at, By: "dedupe", From: 2,
				Changes: surv.MergeChanges(other, "", "dedupe", at)})
			other.MergedInto = 1
			for i, row := range rows {
				mergeInto(surv, row, i+2)
			}
			put(t, st, nil, surv, other)
			res, err := Unmerge(st, 2, at.AddDate(0, 0, 1), "unmerge", nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Kept, []string{crm.FieldPhone}) || len(res.Reverted) != 0 {
				t.Errorf("kept %q, reverted %q; want the phone kept", res.Kept, res.Reverted)
			}
			if l := mustLead(t, st, 1); l.Phone != "+49302222222" {
				t.Errorf("phone %q, want the number the later row brought", l.Phone)
			}
		})
	}
}

// TestApplyReviewConflicting: two rows that decide one pair both ways,
// directly or through the review's own merges, fail the review naming both
// rows, and nothing is written.
func TestApplyReviewConflicting(t *testing.T) {
	tests := []struct {
		name      string
		decisions []ReviewDecision
		rows      string
	}{
		{
			name: "different then same",
			decisions: []ReviewDecision{
				{File: "r.csv", Row: 2, A: 3, B: 1, Verdict: Different},
				{File: "r.csv", Row: 3, A: 2, B: 1, Verdict: Undecided},
				{File: "r.csv", Row: 5, A: 1, B: 3, Verdict: Same},
			},
			rows: "review file r.csv rows 2 and 5: contradictory decisions for L0000003 and L0000001 (different in row 2, same in row 5)",
		},
		{
			name: "same then different",
			decisions: []ReviewDecision{
				{File: "r.csv", Row: 2, A: 3, B: 1, Verdict: Same},
				{File: "r.csv", Row: 4, A: 3, B: 1, Verdict: Different},
			},
			rows: "rows 2 and 4: contradictory decisions",
		},
		{
			name: "different, joined by two merges",
			decisions: []ReviewDecision{
				{File: "r.csv", Row: 2, A: 2, B: 1, Verdict: Different},
				{File: "r.csv", Row: 3, A: 3, B: 1, Verdict: Same},
				{File: "r.csv", Row: 4, A: 3, B: 2, Verdict: Same},
			},
			rows: "rows 2 and 4: contradictory decisions for L0000002 and L0000001 (different in row 2, made one lead by row 4, same for L0000003 and L0000002)",
		},
		{
			name: "different on a pair a merge of this review joined",
			decisions: []ReviewDecision{
				{File: "r.csv", Row: 2, A: 2, B: 1, Verdict: Same},
				{File: "r.csv", Row: 3, A: 3, B: 2, Verdict: Same},
				{File: "r.csv", Row: 4, A: 3, B: 1, Verdict: Different},
			},
			rows: "rows 3 and 4: contradictory decisions for L0000003 and L0000001 (different in row 4, made one lead by row 3, same for L0000003 and L0000002)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := storetest.OpenTest(t)
			st := &countingStore{Store: db}
			l1 := stored(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH", "postal_code", "10115")
			l2 := stored(2, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH", "postal_code", "20095")
			l3 := stored(3, "first_name", "J.", "last_name", "Müller", "company", "Müller GmbH", "postal_code", "10115")
			l2.PossibleDuplicateOf, l3.PossibleDuplicateOf = 1, 1
			put(t, db, nil, l1, l2, l3)

			res, err := ApplyReview(st, nil, tt.decisions, "review-1", t0.AddDate(0, 1, 0), nil)
			if !errors.Is(err, ErrConflictingDecisions) || !strings.Contains(err.Error(), tt.rows) {
				t.Fatalf("ApplyReview = %+v, %v; want ErrConflictingDecisions naming %q", res, err, tt.rows)
			}
			if st.applies != 0 {
				t.Errorf("%d transactions written, want none", st.applies)
			}
			for _, id := range []crm.ID{1, 2, 3} {
				if l := mustLead(t, db, id); l.MergedInto != 0 || len(l.Merges) != 0 {
					t.Errorf("L%07d changed: merged into %s, %d merges", id, l.MergedInto, len(l.Merges))
				}
			}
			if pairs, err := db.DistinctPairs(); err != nil || len(pairs) != 0 {
				t.Errorf("distinct pairs %v, %v; want none", pairs, err)
			}
		})
	}
}

// TestApplyReviewJoinedBefore: a pair marked different that an earlier run
// already made one lead is skipped, whichever order the file's rows come
// in; it used to be refused as a contradiction when a merge of this review
// came first, blaming that merge.
func TestApplyReviewJoinedBefore(t *testing.T) {
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		db := storetest.OpenTest(t)
		l1 := stored(1, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH", "postal_code", "10115")
		l2 := stored(2, "first_name", "Jürgen", "last_name", "Müller", "company", "Müller GmbH", "postal_code", "20095")
		l3 := stored(3, "first_name", "J.", "last_name", "Müller", "company", "Müller GmbH", "postal_code", "20095")
		l3.MergedInto = 2
		put(t, db, nil, l1, l2, l3)
		rows := []ReviewDecision{
			{File: "r.csv", A: 3, B: 2, Verdict: Different},
			{File: "r.csv", A: 1, B: 2, Verdict: Same},
		}
		var decisions []ReviewDecision
		for i, k := range order {
			d := rows[k]
			d.Row = i + 2
			decisions = append(decisions, d)
		}
		res, err := ApplyReview(db, nil, decisions, "review-1", t0.AddDate(0, 1, 0), nil)
		if err != nil || res.Merged != 1 || len(res.Skipped) != 1 {
			t.Errorf("order %v: %+v, %v; want one merge and the pair skipped", order, res, err)
		}
	}
}

// A merge that makes the survivor match an earlier lead is followed in
// the same run: Anna Schmidt's web-form lead (2) gave only a private
// address and her mobile and stays apart from her fair scan (1); her CRM
// record (3) merges into the scan by its e-mail address and brings the
// mobile, and the scan now matches the web-form lead. One run merges
// both, and a second run finds nothing more.
func TestPlanStoreFollowsMerges(t *testing.T) {
	st := storetest.OpenTest(t)
	scan := stored(1, "first_name", "Anna", "last_name", "Schmidt", "company", "Schmidt AG",
		"email", "anna.schmidt@schmidt-ag.de", "postal_code", "80331", "city", "München", "country", "DE")
	web := stored(2, "first_name", "Anna", "last_name", "Schmidt",
		"email", "anna.s@gmail.com", "mobile", "+4917011111111")
	crmRec := stored(3, "first_name", "Anna", "last_name", "Schmidt", "company", "Schmidt AG",
		"email", "anna.schmidt@schmidt-ag.de", "mobile", "+4917011111111",
		"postal_code", "80331", "country", "DE")
	put(t, st, nil, scan, web, crmRec)
	m := NewMatcher(DefaultConfig())
	// The test needs the web-form lead below merge_at against the scan
	// as it was.
	a, b := m.Record(scan), m.Record(web)
	if s, veto := m.Score(&b, &a); s >= DefaultMergeAt && veto == "" {
		t.Fatalf("the web-form lead scores %g against the scan as it is: the test needs it apart", s)
	}

	now := t0.AddDate(0, 1, 0)
	plan, _ := planBoth(t, st, m, now)
	var got []string
	for _, pm := range plan.Merges {
		got = append(got, pm.Absorbed.String()+">"+pm.Survivor.String())
	}
	if want := []string{"L0000003>L0000001", "L0000002>L0000001"}; !slices.Equal(got, want) {
		t.Fatalf("merges %q, want %q", got, want)
	}
	if len(plan.Flags) != 0 {
		t.Errorf("flags %+v, want none (the flagged lead was merged)", plan.Flags)
	}
	if plan.Leads != 3 {
		t.Errorf("compared %d leads, want 3", plan.Leads)
	}
	if err := plan.Apply(st); err != nil {
		t.Fatal(err)
	}
	again, err := PlanStore(st, m, "dedupe-2", now, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Merges) != 0 || len(again.Flags) != 0 {
		t.Errorf("a second run merges %+v and flags %+v, want nothing", again.Merges, again.Flags)
	}
}
