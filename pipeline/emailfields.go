package pipeline

import (
	"fmt"
	"slices"

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
// The named leads, their index entries and the store's record that its
// leads name their e-mail fields (crm.Store.EmailFieldsNamed) are written
// in one transaction: a crash leaves the store as it was, and the next run
// does it all again. A store that has the record costs one read of a key;
// one without it a read of every lead's values, once.
//
// In a dry run nothing is written: the returned store is st as the
// upgrade would leave it, for matching and planning only. Otherwise it is
// st.
func NameEmailFields(st crm.Store, dryRun bool) (crm.Store, EmailFieldsUpgrade, error) {
	var up EmailFieldsUpgrade
	named, err := st.EmailFieldsNamed()
	if err != nil {
		return nil, up, fmt.Errorf("read store %s: %w", st.Path(), err)
	}
	if named {
		return st, up, nil
	}
	leads, err := leadsToName(st)
	if err != nil {
		return nil, up, fmt.Errorf("name the e-mail fields of the leads in store %s: %w", st.Path(), err)
	}
	b := &crm.Batch{Leads: leads, Index: make([]crm.IndexEntry, len(leads)), EmailFieldsNamed: true}
	for i, l := range leads {
		e, err := st.Index(l.ID)
		if err != nil {
			return nil, up, fmt.Errorf("name the e-mail fields of the leads in store %s: %w", st.Path(), err)
		}
		e.ID = l.ID
		for _, h := range dedupe.Hashes(dedupe.ExactKeys(l)) {
			if !slices.Contains(e.Keys, h) {
				e.Keys = append(e.Keys, h)
			}
		}
		b.Index[i] = e
	}
	up.Leads = len(leads)
	if dryRun {
		return newNamedView(st, b), up, nil
	}
	if err := st.Apply(b); err != nil {
		return nil, up, fmt.Errorf("name the e-mail fields of %d leads in store %s: %w", len(leads), st.Path(), err)
	}
	up.Written = true
	return st, up, nil
}

// selectingReader selects leads by their values and gives them in full in
// one pass (store.DB does).
type selectingReader interface {
	ForEachLeadSelected(keep func(*crm.Lead) bool, fn func(*crm.Lead) error) error
}

// leadsToName reads, in full and in id order, the leads that name no
// e-mail field but have a custom field that is an e-mail column, with the
// names set.
func leadsToName(st crm.Store) ([]*crm.Lead, error) {
	columns := emailColumns{}
	keep := func(l *crm.Lead) bool {
		return len(l.EmailFields) == 0 && len(columns.of(l)) > 0
	}
	var leads []*crm.Lead
	add := func(l *crm.Lead) error {
		l.EmailFields = columns.of(l)
		for i := range l.Merges {
			if m := l.Merges[i].Lead; m != nil && len(m.EmailFields) == 0 {
				m.EmailFields = columns.of(m)
			}
		}
		leads = append(leads, l)
		return nil
	}
	if sr, ok := st.(selectingReader); ok {
		return leads, sr.ForEachLeadSelected(keep, add)
	}
	var ids []crm.ID
	err := st.ForEachLeadFields(func(l *crm.Lead) error {
		if keep(l) {
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
			err = add(l)
		}
	}
	return leads, err
}

// emailColumns remembers importer.EmailColumn's answer per name: a store
// holds few distinct custom-field names, and each answer maps a header.
type emailColumns map[string]bool

// of returns the names of l's non-empty custom fields that are e-mail
// columns, sorted (the file's column order is not kept).
func (c emailColumns) of(l *crm.Lead) []string {
	var names []string
	for name, v := range l.Custom {
		if v == "" {
			continue
		}
		is, ok := c[name]
		if !ok {
			is = importer.EmailColumn(name)
			c[name] = is
		}
		if is {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// namedView is a store as NameEmailFields would leave it, for a dry run:
// the leads it would name, and their index entries, stand in for the
// stored ones for every reader. Writing through it is not meant: a dry
// run writes nothing.
type namedView struct {
	crm.Store
	leads map[crm.ID]*crm.Lead
	index map[crm.ID]crm.IndexEntry
}

func newNamedView(st crm.Store, b *crm.Batch) *namedView {
	v := &namedView{Store: st, leads: make(map[crm.ID]*crm.Lead, len(b.Leads)), index: make(map[crm.ID]crm.IndexEntry, len(b.Index))}
	for _, l := range b.Leads {
		v.leads[l.ID] = l
	}
	for _, e := range b.Index {
		v.index[e.ID] = e
	}
	return v
}

// The readers get copies: an import changes the leads it loads.

func (v *namedView) EmailFieldsNamed() (bool, error) { return true, nil }

func (v *namedView) lead(l *crm.Lead) *crm.Lead {
	if n, ok := v.leads[l.ID]; ok {
		return n.Clone()
	}
	return l
}

func (v *namedView) entry(e crm.IndexEntry) crm.IndexEntry {
	if n, ok := v.index[e.ID]; ok {
		n.Keys, n.RowSigs = slices.Clone(n.Keys), slices.Clone(n.RowSigs)
		return n
	}
	return e
}

func (v *namedView) Lead(id crm.ID) (*crm.Lead, error) {
	if n, ok := v.leads[id]; ok {
		return n.Clone(), nil
	}
	return v.Store.Lead(id)
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
