package pipeline

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
)

// UndoOptions control Undo.
type UndoOptions struct {
	// DryRun reports what would be done and writes nothing.
	DryRun bool
	// Partial undoes what is safe even when something blocks the rest.
	Partial bool
	Now     time.Time
	// Touch, when set, runs on every lead whose fields go back, before it
	// is written (the command rescores them).
	Touch func(*crm.Lead, time.Time)
}

// UndoReport says what an undo did, or would do.
type UndoReport struct {
	ImportID string `json:"import_id"`
	DryRun   bool   `json:"dry_run"`
	Partial  bool   `json:"partial"`
	// Deleted are the leads the import created, removed again.
	Deleted []crm.ID `json:"deleted"`
	// Reverted are the leads whose merged fields went back.
	Reverted []RevertedLead `json:"reverted"`
	// Blocked lists what later changes depend on, and why; without
	// --partial any of it refuses the whole undo.
	Blocked []Blocked `json:"blocked"`
	Written bool      `json:"written"`
}

// RevertedLead is a lead an undone merge is taken out of.
type RevertedLead struct {
	Lead   crm.ID   `json:"lead"`
	Fields []string `json:"fields"`
}

// Blocked is a lead the undo cannot take back, and why.
type Blocked struct {
	Lead   crm.ID `json:"lead"`
	Reason string `json:"reason"`
}

// ErrUndoBlocked: later changes depend on what the import did; nothing
// was written (see the report's Blocked).
var ErrUndoBlocked = errors.New("later changes depend on this import")

// Undo takes an import back: the leads it created are removed, and the
// fields its merges set go back to their earlier values (from the merge
// records every merge keeps), with the rows' signatures, so that importing
// the file again brings the rows back. A lead that later changes depend
// on — another import touched it, it was converted, merged by dedupe or a
// review, or its status changed — blocks: the whole undo is refused with
// the list (ErrUndoBlocked), or with Partial everything else is undone and
// the rest listed. One transaction; the import record is kept, marked
// undone.
func Undo(st crm.Store, importID string, opts UndoOptions) (*UndoReport, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC()
	}
	imps, err := st.Imports()
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(imps, func(im crm.Import) bool { return im.ID == importID })
	if i < 0 {
		return nil, fmt.Errorf("import %s: %w", importID, crm.ErrNotFound)
	}
	rec := imps[i]
	if rec.NothingNew {
		return nil, fmt.Errorf("import %s changed nothing: there is nothing to undo", importID)
	}
	if !rec.UndoneAt.IsZero() {
		return nil, fmt.Errorf("import %s was undone already, at %s", importID, rec.UndoneAt.Format(time.RFC3339))
	}
	rep := &UndoReport{ImportID: importID, DryRun: opts.DryRun, Partial: opts.Partial,
		Deleted: []crm.ID{}, Reverted: []RevertedLead{}, Blocked: []Blocked{}}
	batch := &crm.Batch{}
	// restore holds the leads the import joined into another (merged
	// away, a merge record with From on the survivor) whose join is taken
	// back: they become leads of their own again. The survivor is the
	// older lead, so it comes first in id order.
	restore := map[crm.ID]bool{}
	restored := func(l *crm.Lead) {
		delete(restore, l.ID)
		raiseFlags(l, importID)
		l.History = append(l.History, crm.Change{At: opts.Now, By: "undo", Field: "merged_into", Old: l.MergedInto.String(), Reason: "import " + importID + " undone"})
		l.MergedInto = 0
	}
	// kept holds the leads the import joined into a lead that is kept
	// (blocked): the join stays, and so do they, or the survivor's merge
	// record would name a lead the undo deleted or changed.
	kept := map[crm.ID]crm.ID{}
	err = st.ForEachLead(func(l *crm.Lead) error {
		if !slices.Contains(l.Imports, importID) && !slices.ContainsFunc(l.Merges, func(m crm.MergeRecord) bool { return m.ID == importID }) {
			if restore[l.ID] {
				// Joined by the import, not otherwise touched by it.
				restored(l)
				l.UpdatedAt = opts.Now
				if opts.Touch != nil && !opts.DryRun {
					opts.Touch(l, opts.Now)
				}
				rep.Reverted = append(rep.Reverted, RevertedLead{Lead: l.ID, Fields: []string{"merged_into"}})
				batch.Leads = append(batch.Leads, l)
			}
			return nil
		}
		block := func(why string) { rep.Blocked = append(rep.Blocked, Blocked{Lead: l.ID, Reason: why}) }
		if s, ok := kept[l.ID]; ok {
			block(fmt.Sprintf("joined into %s, which is kept", s))
			return nil
		}
		if why := laterChange(l, importID); why != "" {
			block(why)
			for _, m := range l.Merges {
				if m.ID == importID && m.From != 0 {
					kept[m.From] = l.ID
				}
			}
			return nil
		}
		if restore[l.ID] {
			restored(l)
		}
		if len(l.Imports) > 0 && l.Imports[0] == importID {
			// Created by the import, and nothing else has touched it.
			rep.Deleted = append(rep.Deleted, l.ID)
			batch.DeleteLeads = append(batch.DeleteLeads, l.ID)
			return nil
		}
		// Merged by the import: take its merges back, newest first.
		entry, err := st.Index(l.ID)
		if err != nil {
			return err
		}
		entry.ID = l.ID
		var fields []string
		for k := len(l.Merges) - 1; k >= 0; k-- {
			m := l.Merges[k]
			if m.ID != importID {
				continue
			}
			for c := len(m.Changes) - 1; c >= 0; c-- {
				ch := m.Changes[c]
				dedupe.RevertChange(l, ch, "undo", "import "+importID+" undone", opts.Now)
				if !slices.Contains(fields, ch.Field) {
					fields = append(fields, ch.Field)
				}
			}
			if m.From != 0 {
				restore[m.From] = true
				raiseFlags(l, importID)
				l.History = append(l.History, crm.Change{At: opts.Now, By: "undo", Field: "merged_from", Old: m.From.String(), Reason: "import " + importID + " undone"})
			}
			entry.RowSigs = slices.DeleteFunc(slices.Clone(entry.RowSigs), func(s uint64) bool { return s == m.RowSig })
			l.Merges = slices.Delete(slices.Clone(l.Merges), k, k+1)
		}
		l.Imports = slices.DeleteFunc(slices.Clone(l.Imports), func(s string) bool { return s == importID })
		l.UpdatedAt = opts.Now
		if opts.Touch != nil && !opts.DryRun {
			opts.Touch(l, opts.Now)
		}
		slices.Sort(fields)
		rep.Reverted = append(rep.Reverted, RevertedLead{Lead: l.ID, Fields: fields})
		batch.Leads = append(batch.Leads, l)
		batch.Index = append(batch.Index, entry)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("undo import %s: %w", importID, err)
	}
	if len(rep.Blocked) > 0 && !opts.Partial {
		return rep, ErrUndoBlocked
	}
	if opts.DryRun {
		return rep, nil
	}
	rec.UndoneAt = opts.Now
	for _, b := range rep.Blocked {
		rec.Kept = append(rec.Kept, fmt.Sprintf("%s: %s", b.Lead, b.Reason))
	}
	batch.Imports = []crm.Import{rec}
	if err := st.Apply(batch); err != nil {
		return nil, fmt.Errorf("undo import %s: %w", importID, err)
	}
	rep.Written = true
	return rep, nil
}

// laterChange names what, after the import, changed a lead it touched in
// a way the undo would destroy; empty when nothing did. Scores are
// derived and recomputed, so rescoring does not count.
func laterChange(l *crm.Lead, importID string) string {
	switch {
	case l.Status == crm.StatusConverted:
		return "converted since (read-only)"
	case l.MergedInto != 0 && !joinedBy(l, importID):
		return fmt.Sprintf("merged into %s since", l.MergedInto)
	}
	if i := slices.Index(l.Imports, importID); i >= 0 && i < len(l.Imports)-1 {
		return fmt.Sprintf("changed since by import %s", l.Imports[len(l.Imports)-1])
	}
	// A lead the import created has no "before"; for one it merged into,
	// what happened before that merge does not depend on it.
	created := len(l.Imports) > 0 && l.Imports[0] == importID
	var at time.Time
	for _, m := range l.Merges {
		if m.ID == importID {
			at = m.At
		}
	}
	after := func(t time.Time) bool { return created || t.After(at) }
	for _, m := range l.Merges {
		if m.ID != importID && (m.By != "import" || m.From != 0) && after(m.At) {
			return fmt.Sprintf("%s merged %s into it since", m.By, m.From)
		}
	}
	for _, h := range l.History {
		switch {
		case h.ImportID == importID, h.By == "score", h.By == "import", h.By == "undo", !after(h.At):
			continue
		}
		return fmt.Sprintf("%s changed %s since", h.By, h.Field)
	}
	return ""
}

// joinedBy reports whether the import merged l into the lead it is merged
// into now (a join, pipeline import): its last merged_into entry is the
// import's.
func joinedBy(l *crm.Lead, importID string) bool {
	for i := len(l.History) - 1; i >= 0; i-- {
		if h := l.History[i]; h.Field == "merged_into" {
			return h.ImportID == importID && h.New == l.MergedInto.String()
		}
	}
	return false
}

// raiseFlags sets the possible_duplicate_of flag of l back to what a join
// of the import cleared (dedupe.MergeLeads keeps it in the history), unless
// l has another flag now.
func raiseFlags(l *crm.Lead, importID string) {
	for i := len(l.History) - 1; i >= 0; i-- {
		h := l.History[i]
		if h.ImportID != importID || h.Field != dedupe.FieldPossibleDuplicateOf || l.PossibleDuplicateOf != 0 {
			continue
		}
		if id, err := crm.ParseID(h.Old); err == nil {
			l.PossibleDuplicateOf = id
		}
	}
}
