package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/store"
)

// maxMissPairs bounds the lead pairs Misses compares: PATSTAT's largest
// entity alone is spread over hundreds of leads.
const maxMissPairs = 20000

// missedPair is a pair of leads that hold records of one entity.
type missedPair struct {
	a, b crm.ID
	res  dedupe.Result
	// blocked: the two share no blocking key, so were never compared.
	blocked bool
}

// Misses writes what a run got wrong, for a person to read: the pairs of
// leads that hold records of one true entity (missed merges), best score
// first, each with its field-by-field comparison under the run's rules
// (cfg, "" for the built-in ones), and the leads that hold records of
// several entities (wrong merges). n bounds the pairs and leads shown; a
// histogram of the missed pairs' scores (rounded down) comes first. The
// comparison is of the leads as they ended, which may differ from what a
// row met when it came.
func Misses(w io.Writer, storePath, cfg string, t *Truth, rows []ReportRow, n int) error {
	var data []byte
	if cfg != "" {
		var err error
		if data, err = os.ReadFile(cfg); err != nil {
			return err
		}
	}
	conf, err := dedupe.Load(data, cfg)
	if err != nil {
		return err
	}
	m := dedupe.NewMatcher(conf)
	db, err := store.Open(storePath, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()

	byEntity := map[int32][]crm.ID{}
	byLead := map[crm.ID]map[int32]int{}
	for _, r := range rows {
		if r.LeadID == "" || r.Row >= len(t.entity) || t.entity[r.Row] < 0 {
			continue
		}
		id, err := crm.ParseID(r.LeadID)
		if err != nil {
			return fmt.Errorf("row report row %d: %w", r.Row, err)
		}
		e := t.entity[r.Row]
		if !slices.Contains(byEntity[e], id) {
			byEntity[e] = append(byEntity[e], id)
		}
		if byLead[id] == nil {
			byLead[id] = map[int32]int{}
		}
		byLead[id][e]++
	}
	recs := map[crm.ID]dedupe.Record{}
	record := func(id crm.ID) (dedupe.Record, error) {
		if r, ok := recs[id]; ok {
			return r, nil
		}
		l, err := db.Lead(id)
		if err != nil {
			return dedupe.Record{}, fmt.Errorf("lead %s: %w", id, err)
		}
		r := m.Record(l)
		recs[id] = r
		return r, nil
	}
	var missed []missedPair
	cut := false
	for _, e := range slices.Sorted(maps.Keys(byEntity)) {
		ids := byEntity[e]
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				if len(missed) == maxMissPairs {
					cut = true
					break
				}
				ra, err := record(ids[i])
				if err != nil {
					return err
				}
				rb, err := record(ids[j])
				if err != nil {
					return err
				}
				blocked := !dedupe.MayMeet(m.BlockKeys(&ra), m.BlockKeys(&rb))
				missed = append(missed, missedPair{a: ids[i], b: ids[j], res: m.Explain(&ra, &rb), blocked: blocked})
			}
		}
	}
	slices.SortStableFunc(missed, func(x, y missedPair) int { return cmp.Compare(y.res.Score, x.res.Score) })
	hist := map[int]int{}
	blocked := 0
	for _, p := range missed {
		hist[int(p.res.Score)]++
		if p.blocked {
			blocked++
		}
	}
	fmt.Fprintf(w, "%d pairs of leads hold records of one entity (merges missed)", len(missed))
	if cut {
		fmt.Fprintf(w, ", the first %d compared", maxMissPairs)
	}
	fmt.Fprintf(w, "; %d of them share no blocking key (marked \"not a candidate\"); by score:\n", blocked)
	for _, s := range slices.Sorted(maps.Keys(hist)) {
		fmt.Fprintf(w, "  %4d: %d\n", s, hist[s])
	}
	for i, p := range missed {
		if i == n {
			break
		}
		fmt.Fprintf(w, "%s %s %6.1f %s", p.a, p.b, p.res.Score, brief(p.res))
		if p.blocked {
			fmt.Fprint(w, " | not a candidate")
		}
		fmt.Fprintln(w)
	}
	var mixed []crm.ID
	for id, es := range byLead {
		if len(es) > 1 {
			mixed = append(mixed, id)
		}
	}
	slices.Sort(mixed)
	fmt.Fprintf(w, "%d leads hold records of more than one entity (wrong merges)\n", len(mixed))
	for i, id := range mixed {
		if i == n {
			break
		}
		var parts []string
		for _, e := range slices.Sorted(maps.Keys(byLead[id])) {
			parts = append(parts, fmt.Sprintf("entity %d: %d", e, byLead[id][e]))
		}
		fmt.Fprintf(w, "%s %s\n", id, strings.Join(parts, ", "))
	}
	return nil
}

// brief is a comparison on one line: each field that is not missing, its
// level and the two values; the veto last.
func brief(r dedupe.Result) string {
	var parts []string
	for _, f := range r.Fields {
		if f.Level == dedupe.Missing {
			continue
		}
		s := fmt.Sprintf("%s:%s %+g %q/%q", f.Name, f.Level, f.Weight, f.A, f.B)
		if f.Note != "" {
			s += " (" + f.Note + ")"
		}
		parts = append(parts, s)
	}
	if r.Veto != "" {
		parts = append(parts, "veto: "+r.Veto)
	}
	return strings.Join(parts, " | ")
}
