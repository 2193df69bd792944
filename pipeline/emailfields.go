package pipeline

import (
	"fmt"
	"slices"
	"sync"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/importer"
)

// EmailFieldsUpgrade tells what NameEmailFields did.
type EmailFieldsUpgrade struct {
	// Leads counts the leads whose e-mail columns were named (or, in a
	// dry run, would be).
	Leads int
	// Written is set when the store was written: once per store.
	Written bool
}

// nameBatchSize is the number of leads NameEmailFields writes per
// transaction. One transaction for all of them held every lead of the
// store in memory and doubled the file (bbolt cannot reuse the pages a
// transaction frees within it): 670 MB of RSS and 82 → 161 MB of file for
// 100,000 leads (BENCHMARKS.md). Tests lower it.
var nameBatchSize = 4000

// NameEmailFields brings a store written by a leadpipe before e-mail
// fields (crm.Lead.EmailFields, store schema 6) up to date, once. Such a
// store keeps a lead's "E-mail 2 Address", "E-mail 2 - Value" or
// "Secondary Email" as a plain custom field, so dedupe never matched on it,
// and importing the lead's file again does not help: its rows are known by
// their signature and left alone. Every lead that names no e-mail field
// gets the custom fields importer.EmailColumn takes for e-mail columns
// named, and so do the rows kept in its merge records (an unmerge restores
// them); its index entry gains the exact keys of those addresses. A lead
// that names e-mail fields already is left as it is.
//
// A lead and its index entry are written in one transaction, nameBatchSize
// leads at a time, and the store's record that every lead names its
// e-mail fields (crm.Store.EmailFieldsNamed) with the last of them. A
// crash leaves each lead either as it was or named with its keys, never
// half, and no record: the next run names the rest. A store with the
// record costs one read of a key; one without it a read of every lead's
// values, once.
//
// In a dry run nothing is written: the returned store is a view of st in
// which the leads read as the upgrade would leave them, for matching and
// planning only. Otherwise it is st.
func NameEmailFields(st crm.Store, dryRun bool) (crm.Store, EmailFieldsUpgrade, error) {
	var up EmailFieldsUpgrade
	named, err := st.EmailFieldsNamed()
	if err != nil {
		return nil, up, fmt.Errorf("read store %s: %w", st.Path(), err)
	}
	if named {
		return st, up, nil
	}
	n := &namer{columns: map[string]bool{}}
	var view *namedView
	if dryRun {
		view = &namedView{Store: st, n: n, index: map[crm.ID]crm.IndexEntry{}}
	}
	newBatch := func() *crm.Batch {
		return &crm.Batch{Leads: make([]*crm.Lead, 0, nameBatchSize), Index: make([]crm.IndexEntry, 0, nameBatchSize)}
	}
	b := newBatch()
	write := func(last bool) error {
		b.EmailFieldsNamed = last
		if err := st.Apply(b); err != nil {
			return err
		}
		up.Written = true
		b = newBatch()
		return nil
	}
	err = forEachToName(st, n, func(l *crm.Lead) error {
		n.name(l)
		e, err := st.Index(l.ID)
		if err != nil {
			return err
		}
		e.ID = l.ID
		for _, h := range dedupe.Hashes(dedupe.ExactKeys(l)) {
			if !slices.Contains(e.Keys, h) {
				e.Keys = append(e.Keys, h)
			}
		}
		up.Leads++
		if dryRun {
			view.index[l.ID] = e
			return nil
		}
		b.Leads, b.Index = append(b.Leads, l), append(b.Index, e)
		if len(b.Leads) < nameBatchSize {
			return nil
		}
		return write(false)
	})
	if err == nil && !dryRun {
		err = write(true)
	}
	if err != nil {
		return nil, up, fmt.Errorf("name the e-mail fields of the leads in store %s: %w", st.Path(), err)
	}
	if dryRun {
		return view, up, nil
	}
	return st, up, nil
}

// selectingReader selects leads by their values and gives them in full in
// one pass (store.DB does).
type selectingReader interface {
	ForEachLeadSelected(keep func(*crm.Lead) bool, fn func(*crm.Lead) error) error
}

// forEachToName calls fn, in id order, with every lead read in full that
// names no e-mail field but has a custom field that is an e-mail column.
// fn may write the store.
func forEachToName(st crm.Store, n *namer, fn func(*crm.Lead) error) error {
	if sr, ok := st.(selectingReader); ok {
		return sr.ForEachLeadSelected(n.needs, fn)
	}
	var ids []crm.ID
	err := st.ForEachLeadFields(func(l *crm.Lead) error {
		if n.needs(l) {
			ids = append(ids, l.ID)
		}
		return nil
	})
	for _, id := range ids {
		if err != nil {
			break
		}
		var l *crm.Lead
		if l, err = st.Lead(id); err == nil {
			err = fn(l)
		}
	}
	return err
}

// namer names the e-mail fields of leads. It remembers importer.EmailColumn's
// answer per name: a store holds few distinct custom-field names, and each
// answer maps a header. It is safe for concurrent use.
type namer struct {
	mu      sync.Mutex
	columns map[string]bool
}

// fields returns the names of l's non-empty custom fields that are e-mail
// columns, sorted (the file's column order is not kept).
func (n *namer) fields(l *crm.Lead) []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	var names []string
	for name, v := range l.Custom {
		if v == "" {
			continue
		}
		is, ok := n.columns[name]
		if !ok {
			is = importer.EmailColumn(name)
			n.columns[name] = is
		}
		if is {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// needs reports whether l names no e-mail field but has one.
func (n *namer) needs(l *crm.Lead) bool {
	return len(l.EmailFields) == 0 && len(n.fields(l)) > 0
}

// name names the e-mail fields of l and of the rows its merge records
// keep, where they name none.
func (n *namer) name(l *crm.Lead) {
	if len(l.EmailFields) == 0 {
		l.EmailFields = n.fields(l)
	}
	for i := range l.Merges {
		if m := l.Merges[i].Lead; m != nil && len(m.EmailFields) == 0 {
			if f := n.fields(m); len(f) > 0 {
				r := *m
				r.EmailFields = f
				l.Merges[i].Lead = &r
			}
		}
	}
}

// namedView is a store as NameEmailFields would leave it, for a dry run:
// the leads it would name read named, and their index entries with the
// new keys. Writing through it is not meant: a dry run writes nothing.
type namedView struct {
	crm.Store
	n     *namer
	index map[crm.ID]crm.IndexEntry // of the leads to name
}

func (v *namedView) EmailFieldsNamed() (bool, error) { return true, nil }

// lead names l if the upgrade would (the stored leads come fresh from
// every read, so naming them in place is safe).
func (v *namedView) lead(l *crm.Lead) *crm.Lead {
	if _, ok := v.index[l.ID]; ok {
		l.Merges = slices.Clone(l.Merges)
		v.n.name(l)
	}
	return l
}

// entry returns a copy: an import changes the entries it loads.
func (v *namedView) entry(e crm.IndexEntry) crm.IndexEntry {
	if n, ok := v.index[e.ID]; ok {
		n.Keys, n.RowSigs = slices.Clone(n.Keys), slices.Clone(n.RowSigs)
		return n
	}
	return e
}

func (v *namedView) Lead(id crm.ID) (*crm.Lead, error) {
	l, err := v.Store.Lead(id)
	if err != nil {
		return l, err
	}
	return v.lead(l), nil
}

func (v *namedView) Index(id crm.ID) (crm.IndexEntry, error) {
	e, err := v.Store.Index(id)
	if err != nil {
		return e, err
	}
	e.ID = id
	return v.entry(e), nil
}

func (v *namedView) LeadWithIndex(id crm.ID) (*crm.Lead, crm.IndexEntry, error) {
	l, e, err := v.Store.LeadWithIndex(id)
	if err != nil {
		return l, e, err
	}
	e.ID = id
	return v.lead(l), v.entry(e), nil
}

func (v *namedView) ForEachLead(fn func(*crm.Lead) error) error {
	return v.Store.ForEachLead(func(l *crm.Lead) error { return fn(v.lead(l)) })
}

func (v *namedView) ForEachLeadFields(fn func(*crm.Lead) error) error {
	return v.Store.ForEachLeadFields(func(l *crm.Lead) error { return fn(v.lead(l)) })
}

func (v *namedView) ForEachIndex(fn func(crm.IndexEntry) error) error {
	return v.Store.ForEachIndex(func(e crm.IndexEntry) error { return fn(v.entry(e)) })
}
