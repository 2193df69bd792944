package dedupe

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// PlannedMerge is one merge of a store-wide dedupe run: Absorbed is merged
// into Survivor (the older lead), whose fields it changes.
type PlannedMerge struct {
	Survivor crm.ID       `json:"survivor"`
	Absorbed crm.ID       `json:"absorbed"`
	Score    float64      `json:"score"`
	Changed  []string     `json:"changed"`
	Explain  *Result      `json:"explain,omitempty"`
	Changes  []crm.Change `json:"-"`
	// ComparedWith names the survivor's earlier state the explained
	// score is for (StateName); empty for the survivor as it is.
	ComparedWith string `json:"compared_with,omitempty"`
}

// Flag is a lead newly marked as a possible duplicate of another.
type Flag struct {
	Lead    crm.ID  `json:"lead"`
	Of      crm.ID  `json:"of"`
	Score   float64 `json:"score"`
	Explain *Result `json:"explain,omitempty"`
	// ComparedWith names the earlier state of Of the explained score is
	// for (StateName); empty for the lead as it is.
	ComparedWith string `json:"compared_with,omitempty"`
}

// Plan is what a dedupe run over the store does: the merges, the flags,
// and the leads they change, ready to be written in one transaction.
type Plan struct {
	RunID   string         `json:"run_id"`
	Leads   int            `json:"leads"` // leads compared
	Merges  []PlannedMerge `json:"merges"`
	Flags   []Flag         `json:"flags"`
	Stats   Stats          `json:"stats"`
	Skipped int            `json:"skipped_converted"` // converted leads: read-only, left out
	changed map[crm.ID]*crm.Lead
}

// ChangedLeads returns the leads the plan changes, in id order.
func (p *Plan) ChangedLeads() []*crm.Lead {
	out := make([]*crm.Lead, 0, len(p.changed))
	for _, l := range p.changed {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *crm.Lead) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out
}

// StoreReader is what planning reads.
type StoreReader interface {
	crm.LeadReader
	ForEachLeadFields(fn func(*crm.Lead) error) error
	DistinctPairs() ([][2]crm.ID, error)
}

// PlanStore finds the duplicates among the leads of a store, in id order:
// every lead is compared with the earlier ones that share a blocking key,
// exactly as an import compares a row, and merged into the best at or
// above merge_at (the older lead survives, the newer one's non-empty
// values win), or flagged from review_at. Converted leads are read-only
// and left out; leads already merged away are skipped. With explain, each
// merge and flag carries its field-by-field comparison.
//
// The plan holds the resulting leads: Apply writes exactly them, so a dry
// run shows what the run will do.
//
// A merge changes the survivor, which was compared before it changed and
// may now match an earlier lead (the newer lead brought the address that
// lead has): the run then compares the leads again, as a second run would,
// until a pass merges nothing (at most maxPasses), so that a run leaves
// nothing for the next one to find. Leads and Stats count the first pass.
func PlanStore(st StoreReader, m *Matcher, runID string, now time.Time, explain bool) (*Plan, error) {
	p := &Plan{RunID: runID, changed: map[crm.ID]*crm.Lead{}, Merges: []PlannedMerge{}, Flags: []Flag{}}
	pairs, err := st.DistinctPairs()
	if err != nil {
		return nil, err
	}
	view := &planView{StoreReader: st, changed: p.changed}
	for pass := 0; pass < maxPasses; pass++ {
		merges := len(p.Merges)
		if err := p.pass(view, m, pairs, now, explain, pass == 0); err != nil {
			return nil, err
		}
		if len(p.Merges) == merges {
			break
		}
		// The pass's index is garbage now: collect it before the next
		// pass builds its own, so that the two are not in memory at
		// once (100,000 leads, two passes: 250-295 MB peak without,
		// 206-216 MB with).
		runtime.GC()
	}
	// A lead flagged in one pass and flagged anew in a later one keeps
	// its last flag.
	flags := p.Flags[:0]
	for i, f := range p.Flags {
		l := p.changed[f.Lead]
		later := slices.ContainsFunc(p.Flags[i+1:], func(g Flag) bool { return g.Lead == f.Lead })
		if !later && l != nil && l.MergedInto == 0 && l.PossibleDuplicateOf == f.Of {
			flags = append(flags, f)
		}
	}
	p.Flags = flags
	return p, nil
}

// maxPasses bounds the passes of one dedupe run over the store.
const maxPasses = 8

// planView is the store as the plan has changed it so far: the leads the
// plan changed (merged, merged away, flagged) in place of the stored ones.
type planView struct {
	StoreReader
	changed map[crm.ID]*crm.Lead
}

func (v *planView) Lead(id crm.ID) (*crm.Lead, error) {
	if l, ok := v.changed[id]; ok {
		return l, nil
	}
	return v.StoreReader.Lead(id)
}

func (v *planView) ForEachLeadFields(fn func(*crm.Lead) error) error {
	return v.StoreReader.ForEachLeadFields(func(l *crm.Lead) error {
		if c, ok := v.changed[l.ID]; ok {
			l = c
		}
		return fn(l)
	})
}

// pass compares every lead of st with the earlier ones, in id order, and
// adds its merges and flags to the plan; first counts the leads and the
// blocking statistics.
func (p *Plan) pass(st *planView, m *Matcher, pairs [][2]crm.ID, now time.Time, explain, first bool) error {
	runID := p.RunID
	x := NewIndex(m, 0)
	for _, pr := range pairs {
		x.SetDistinct(pr[0], pr[1])
	}
	// The scan reads values only; a lead that is merged or flagged is
	// read in full before it is changed.
	err := st.ForEachLeadFields(func(l *crm.Lead) error {
		if l.MergedInto != 0 {
			return nil
		}
		if l.Status == crm.StatusConverted {
			if first {
				p.Skipped++
			}
			return nil
		}
		if first {
			p.Leads++
		}
		r := m.Record(l)
		keys := m.BlockKeys(&r)
		best, ok := x.Best(&r, keys)
		switch m.Decide(best, ok) {
		case Merge:
			surv, err := p.working(st, best.ID)
			if err != nil {
				return err
			}
			pm := PlannedMerge{Survivor: surv.ID, Absorbed: l.ID, Score: best.Score}
			if explain {
				e := m.ExplainLead(&r, surv, -1)
				pm.Explain, pm.ComparedWith = &e, StateName(surv, e)
			}
			gone, err := st.Lead(l.ID)
			if err != nil {
				return fmt.Errorf("read lead %s: %w", l.ID, err)
			}
			in := gone
			if sr := m.Record(surv); m.Swapped(&r, &sr) {
				in = SwapNames(gone)
			}
			pm.Changes = MergeLeads(surv, gone, in, runID, "dedupe", fmt.Sprintf("match score %.1f", best.Score), best.Score, now)
			for _, c := range pm.Changes {
				pm.Changed = append(pm.Changed, c.Field)
			}
			p.changed[gone.ID] = gone
			sr := m.Record(surv)
			x.Put(sr, m.BlockKeys(&sr))
			p.Merges = append(p.Merges, pm)
		case Review:
			if l.PossibleDuplicateOf != best.ID {
				f := Flag{Lead: l.ID, Of: best.ID, Score: best.Score}
				if explain {
					of, err := p.current(st, best.ID)
					if err != nil {
						return err
					}
					e := m.ExplainLead(&r, of, -1)
					f.Explain, f.ComparedWith = &e, StateName(of, e)
				}
				flagged, err := p.working(st, l.ID)
				if err != nil {
					return err
				}
				flagged.PossibleDuplicateOf = best.ID
				p.changed[l.ID] = flagged
				p.Flags = append(p.Flags, f)
				r = m.Record(flagged)
			}
			putLead(x, l, r, keys)
		default:
			putLead(x, l, r, keys)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if first {
		p.Stats = x.Stats()
	}
	return nil
}

// putLead indexes a lead that stays (not merged away): its earlier states
// (Matcher.Earlier), oldest first, then r, its record as it is now. A lead
// the plan merges away is never indexed, earlier states included, so that
// no later lead is merged into it.
func putLead(x *Index, l *crm.Lead, r Record, keys []uint64) {
	if len(l.Merges) == 0 {
		x.Put(r, keys)
		return
	}
	x.PutLead(l)
}

// FieldPossibleDuplicateOf names, in a lead's history, the flag a merge
// cleared (Old: the lead it named).
const FieldPossibleDuplicateOf = "possible_duplicate_of"

// MergeLeads merges lead gone into surv by the survivorship rules (its
// non-empty values win, replaced ones go to history), records the merge
// on surv so it can be taken back (Unmerge), and marks gone as merged
// away. in is gone as it is merged: with first and last name swapped when
// they were. by names who merged ("dedupe", "review", "import"); it
// returns the fields of surv that changed.
func MergeLeads(surv, gone, in *crm.Lead, runID, by, reason string, score float64, now time.Time) []crm.Change {
	changes := surv.MergeChanges(in, runID, by, now)
	surv.Merges = append(surv.Merges, crm.MergeRecord{ID: runID, At: now, By: by, From: gone.ID, Score: score, Changes: changes})
	surv.History = append(surv.History, crm.Change{At: now, By: by, Field: "merged_from", New: gone.ID.String(), Reason: reason})
	surv.UpdatedAt = now
	// The flags the merge settles are kept in the history, so that an
	// undo of the merge can raise them again.
	if surv.PossibleDuplicateOf == gone.ID {
		surv.History = append(surv.History, crm.Change{At: now, By: by, Field: FieldPossibleDuplicateOf, Old: gone.ID.String(), Reason: reason})
		surv.PossibleDuplicateOf = 0
	}
	gone.MergedInto = surv.ID
	if gone.PossibleDuplicateOf != 0 {
		gone.History = append(gone.History, crm.Change{At: now, By: by, Field: FieldPossibleDuplicateOf, Old: gone.PossibleDuplicateOf.String(), Reason: reason})
		gone.PossibleDuplicateOf = 0
	}
	gone.UpdatedAt = now
	gone.History = append(gone.History, crm.Change{At: now, By: by, Field: "merged_into", New: surv.ID.String(), Reason: reason})
	return changes
}

// working returns the lead the plan is changing, reading it from the store
// the first time.
func (p *Plan) working(st crm.LeadReader, id crm.ID) (*crm.Lead, error) {
	l, err := p.current(st, id)
	if err != nil {
		return nil, err
	}
	p.changed[id] = l
	return l, nil
}

// current returns a lead as the plan has it so far, without making it a
// lead the plan changes.
func (p *Plan) current(st crm.LeadReader, id crm.ID) (*crm.Lead, error) {
	if l, ok := p.changed[id]; ok {
		return l, nil
	}
	l, err := st.Lead(id)
	if err != nil {
		return nil, fmt.Errorf("read lead %s: %w", id, err)
	}
	return l, nil
}

// Apply writes the plan in one transaction: all of it or nothing.
func (p *Plan) Apply(st crm.Store) error {
	if len(p.changed) == 0 {
		return nil
	}
	return st.Apply(&crm.Batch{Leads: p.ChangedLeads()})
}

// ErrNoMerge: the lead has no merge to take back.
var ErrNoMerge = errors.New("has no merge to take back")

// Unmerged reports what Unmerge did.
type Unmerged struct {
	Survivor crm.ID `json:"survivor"`
	// Restored is the lead split off again: the merged-away lead brought
	// back, or a new lead made from the row an import merged in.
	Restored crm.ID `json:"restored"`
	New      bool   `json:"new"` // Restored was created from an import row
	// Reverted lists the survivor's fields set back to their value before
	// the merge; Kept those a later change has touched since, which keep
	// their current value.
	Reverted []string `json:"reverted"`
	Kept     []string `json:"kept"`
}

// Unmerge takes back the latest merge into lead id, or, when id names a
// lead merged away by dedupe or a review, the merge that took it. The
// survivor's fields the merge set go back to their earlier values unless a
// later change touched them (those are listed as kept); the merged-away
// lead becomes a lead of its own again, or, for an import merge, the row
// becomes a new lead with its values and its signature, so a re-import
// finds it. Both leads get a history entry. One transaction; a converted
// survivor is refused.
func Unmerge(st crm.Store, id crm.ID, now time.Time, by string, touch func(*crm.Lead, time.Time)) (*Unmerged, error) {
	l, err := st.Lead(id)
	if err != nil {
		return nil, err
	}
	surv, from := l, crm.ID(0)
	if l.MergedInto != 0 {
		if surv, err = st.Lead(l.MergedInto); err != nil {
			return nil, fmt.Errorf("lead %s was merged into %s: %w", id, l.MergedInto, err)
		}
		from = id
	}
	if surv.Status == crm.StatusConverted {
		return nil, convertedError{surv.ID}
	}
	at := -1
	for i := len(surv.Merges) - 1; i >= 0; i-- {
		if from == 0 || surv.Merges[i].From == from {
			at = i
			break
		}
	}
	if at < 0 {
		return nil, fmt.Errorf("lead %s %w", id, ErrNoMerge)
	}
	mr := surv.Merges[at]
	res := &Unmerged{Survivor: surv.ID, Reverted: []string{}, Kept: []string{}}
	later := surv.Merges[at+1:]
	srcs := sources(st, later)
	for i := len(mr.Changes) - 1; i >= 0; i-- {
		c := mr.Changes[i]
		if c.Old == c.New {
			continue // nothing to take back (an earlier unmerge made it so)
		}
		if surv.Get(c.Field) != c.New || broughtLater(later, srcs, c.Field, c.New) {
			// Changed since, or brought again by a later row or lead:
			// the later value stays.
			res.Kept = append(res.Kept, c.Field)
			continue
		}
		RevertChange(surv, c, by, "unmerge", now)
		res.Reverted = append(res.Reverted, c.Field)
	}
	slices.Reverse(res.Reverted)
	slices.Reverse(res.Kept)
	surv.Merges = slices.Delete(slices.Clone(surv.Merges), at, at+1)
	forgetValues(surv.Merges[at:], mr.Changes)
	surv.UpdatedAt = now
	batch := &crm.Batch{}
	switch {
	case mr.From != 0:
		back, err := st.Lead(mr.From)
		if err != nil {
			return nil, fmt.Errorf("lead %s merged into %s: %w", mr.From, surv.ID, err)
		}
		back.MergedInto = 0
		back.UpdatedAt = now
		back.History = append(back.History, crm.Change{At: now, By: by, Field: "merged_into", Old: surv.ID.String(), Reason: "unmerge"})
		surv.History = append(surv.History, crm.Change{At: now, By: by, Field: "merged_from", Old: back.ID.String(), Reason: "unmerge"})
		res.Restored = back.ID
		batch.Leads = []*crm.Lead{surv, back}
		// A merge taken back was wrong: never propose it again.
		batch.Distinct = [][2]crm.ID{{surv.ID, back.ID}}
	case mr.Lead != nil:
		last, err := st.LastID()
		if err != nil {
			return nil, err
		}
		nl := mr.Lead.Clone()
		nl.ID = last + 1
		nl.Status, nl.Stage = crm.StatusNew, crm.StageLead
		if nl.CreatedAt.IsZero() {
			nl.CreatedAt = now
		}
		nl.UpdatedAt = now
		nl.Imports = []string{mr.ID}
		nl.History = []crm.Change{{At: now, By: by, Field: "merged_into", Old: surv.ID.String(), Reason: fmt.Sprintf("unmerge: %s row %d", mr.File, mr.Row)}}
		surv.History = append(surv.History, crm.Change{At: now, By: by, Field: "merged_row", Old: fmt.Sprintf("%s row %d", mr.File, mr.Row), New: nl.ID.String(), Reason: "unmerge"})
		res.Restored, res.New = nl.ID, true
		batch.Leads = []*crm.Lead{surv, nl}
		batch.Distinct = [][2]crm.ID{{surv.ID, nl.ID}}
		// The row's signature moves to its own lead: a re-import of
		// the file reports it there, unchanged.
		se, err := st.Index(surv.ID)
		if err != nil {
			return nil, err
		}
		se.ID = surv.ID
		se.RowSigs = slices.DeleteFunc(slices.Clone(se.RowSigs), func(s uint64) bool { return s == mr.RowSig })
		batch.Index = []crm.IndexEntry{se, {ID: nl.ID, Keys: Hashes(ExactKeys(nl)), RowSigs: []uint64{mr.RowSig}}}
	default:
		return nil, fmt.Errorf("lead %s: the merge record of %s keeps nothing to restore", surv.ID, mr.ID)
	}
	if touch != nil {
		for _, l := range batch.Leads {
			touch(l, now)
		}
	}
	if err := st.Apply(batch); err != nil {
		return nil, err
	}
	return res, nil
}

// sources returns what each merge brought in: the row, or the lead
// merged in (read once here; nil when it cannot be read, which brought
// nothing known).
func sources(st crm.LeadReader, merges []crm.MergeRecord) []*crm.Lead {
	out := make([]*crm.Lead, len(merges))
	for i, mr := range merges {
		out[i] = mr.Lead
		if out[i] == nil && mr.From != 0 {
			out[i], _ = st.Lead(mr.From)
		}
	}
	return out
}

// broughtLater reports whether one of the later merges changed field, or
// merged in a source (sources) that had value in it (which records no
// change when the field held that value already): either way the value is
// the later one's too, and unmerging the earlier merge must keep it.
func broughtLater(later []crm.MergeRecord, srcs []*crm.Lead, field, value string) bool {
	for i, mr := range later {
		for _, d := range mr.Changes {
			if d.Field == field {
				return true
			}
		}
		if srcs[i] != nil && srcs[i].Get(field) == value {
			return true
		}
	}
	return false
}

// forgetValues rewrites the later merge records of a lead when the merge
// whose changes are gone is taken back: the first later change of each of
// its fields replaced the value the taken-back merge had brought, and now
// replaces the value from before it, as if the merge had never been.
// Later changes of the field replaced later values and stay as they are.
// Matching rebuilds a lead's earlier states from these records
// (Matcher.Earlier), and must not rebuild the unmerged lead's values
// under the survivor's id.
func forgetValues(later []crm.MergeRecord, gone []crm.Change) {
	pending := map[string]crm.Change{}
	for _, c := range gone {
		pending[c.Field] = c
	}
	for i := range later {
		var changes []crm.Change
		for j, d := range later[i].Changes {
			c, ok := pending[d.Field]
			if !ok {
				continue
			}
			delete(pending, d.Field)
			if d.Old == c.New {
				if changes == nil {
					changes = slices.Clone(later[i].Changes)
				}
				changes[j].Old = c.Old
			}
		}
		if changes != nil {
			later[i].Changes = changes
		}
	}
}

// RevertChange takes one change of a merge back: the field gets its old
// value, with what derives from it (company key and legal form, e-mail
// flags; an emptied custom field is removed), and the history says so.
// The raw value the merge brought goes too; the one before it was not
// kept, so the field shows its normalized value as raw. Unmerge and undo
// share it.
func RevertChange(l *crm.Lead, c crm.Change, by, reason string, now time.Time) {
	setField(l, c.Field, c.Old)
	if c.Old == "" {
		l.Raw.Delete(c.Field)
		if slices.Contains(l.EmailFields, c.Field) {
			// The merge brought the e-mail column; it goes with it.
			l.EmailFields = slices.DeleteFunc(slices.Clone(l.EmailFields), func(f string) bool { return f == c.Field })
			if len(l.EmailFields) == 0 {
				l.EmailFields = nil
			}
		}
	} else if _, ok := l.Raw.Get(c.Field); ok {
		l.Raw.Set(c.Field, c.Old)
	}
	l.History = append(l.History, crm.Change{At: now, By: by, Field: c.Field, Old: c.New, New: c.Old, Reason: reason})
}

// setField sets a field back and re-derives what follows from it.
func setField(l *crm.Lead, field, v string) {
	l.Set(field, v)
	switch field {
	case crm.FieldCompany:
		c := normalize.ParseCompany(v)
		l.CompanyKey, l.LegalForm = c.Key, c.LegalForm
		if v == "" {
			l.CompanyKey, l.LegalForm = "", ""
		}
	case crm.FieldEmail:
		l.EmailFreemail, l.EmailRole = false, false
		if e, err := normalize.ParseEmail(v); err == nil {
			l.EmailFreemail, l.EmailRole = e.Freemail, e.Role
		}
	}
	if field != "" && !crm.IsLeadField(field) && v == "" {
		delete(l.Custom, field)
	}
}

// convertedError refuses an unmerge on a converted lead, which is
// read-only until it is reactivated. It is crm.ErrConverted.
type convertedError struct{ id crm.ID }

func (e convertedError) Error() string {
	return fmt.Sprintf("lead %s is converted, which is read-only: reactivate it first (leadpipe leads reactivate %s)", e.id, e.id)
}

func (e convertedError) Is(target error) bool { return target == crm.ErrConverted }
