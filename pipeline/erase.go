package pipeline

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/normalize"
)

// EraseTarget names the person to erase: by e-mail address, or by lead id.
type EraseTarget struct {
	Email string
	ID    crm.ID
}

// EraseReport says what an erase removed. It names ids and counts only,
// never the erased data.
type EraseReport struct {
	DryRun bool `json:"dry_run"`
	// Leads are removed: the person's leads, the leads merged into them.
	Leads []crm.ID `json:"leads"`
	// Contacts are removed; Opportunities lose their link to them.
	Contacts      []crm.ContactID     `json:"contacts"`
	Opportunities []crm.OpportunityID `json:"opportunities_unlinked"`
	// Scrubbed are other leads whose history or merge records held the
	// person's e-mail or phone; those entries are blanked.
	Scrubbed   []crm.ID `json:"scrubbed"`
	Tombstones int      `json:"tombstones"`
	// FreePages is the number of store pages overwritten with zeros.
	FreePages int  `json:"free_pages_zeroed"`
	Written   bool `json:"written"`
}

// ErrNobodyToErase: no lead or contact has the e-mail address or id.
var ErrNobodyToErase = errors.New("no lead or contact with it")

// erased replaces an erased value wherever it is kept as history.
const erased = crm.ErasedValue

// Erase removes a person's data from the store: their leads (and the leads
// merged into them, and the rows merged into those), their contacts, their
// e-mail addresses and phone numbers wherever the history or merge records
// of other leads kept them, links to them from opportunities, accounts and
// review lists. What stays is a tombstone per e-mail address and phone
// number (a keyed hash, see crm.TombstoneOf), by which a later import
// recognises the person. After the transaction the store file's free pages
// are overwritten, so the erased bytes are gone from the file.
func Erase(st crm.Store, t EraseTarget, opts UndoOptions) (*EraseReport, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC()
	}
	// A store an older leadpipe wrote keeps other e-mail columns as plain
	// custom fields, which the scrub below (it reads Lead.EmailFields)
	// would miss, and which the next import would name: their addresses
	// would become match keys again. Named first, they are scrubbed.
	st, _, err := NameEmailFields(st, opts.DryRun)
	if err != nil {
		return nil, fmt.Errorf("erase: %w", err)
	}
	rep := &EraseReport{DryRun: opts.DryRun, Leads: []crm.ID{}, Contacts: []crm.ContactID{},
		Opportunities: []crm.OpportunityID{}, Scrubbed: []crm.ID{}}
	email, box := "", ""
	if t.Email != "" {
		e, err := normalize.ParseEmail(t.Email)
		if err != nil {
			return nil, fmt.Errorf("erase: %w", err)
		}
		email = e.Address
		if m := dedupe.Mailbox(email); m != "" && !e.Role {
			box = m
		} else if !e.Role {
			box = email
		}
	}
	// ofBox reports whether a lead's address is the erased address's
	// mailbox written another way ("laura.engel@gmail.com" for
	// "lauraengel@gmail.com"), as import recognises it.
	ofBox := func(a string) bool {
		if box == "" || a == "" {
			return false
		}
		if m := dedupe.Mailbox(a); m != "" {
			return m == box
		}
		return a == box
	}
	// The person: their leads, and everything merged into them.
	gone := map[crm.ID]bool{}
	emails, phones := map[string]bool{}, map[string]bool{}
	if email != "" {
		emails[email] = true
	}
	// others are the person's other addresses ("E-mail 2 Address", a
	// second one in the e-mail cell): tombstoned and scrubbed as the
	// others, but no contact goes for them (an assistant's, a team's).
	others := map[string]bool{}
	take := func(l *crm.Lead) {
		gone[l.ID] = true
		for _, v := range []string{l.Email, l.Raw.Value(crm.FieldEmail)} {
			if e, err := normalize.ParseEmail(v); err == nil && v != "" {
				emails[e.Address] = true
			}
		}
		for _, o := range dedupe.OtherEmails(l) {
			others[o] = true
		}
		for _, p := range []string{l.Phone, l.Mobile} {
			if p != "" {
				phones[p] = true
			}
		}
		for _, m := range l.Merges {
			if r := m.Lead; r != nil {
				if r.Email != "" {
					emails[r.Email] = true
				}
				for _, o := range dedupe.OtherEmails(r) {
					others[o] = true
				}
				for _, p := range []string{r.Phone, r.Mobile} {
					if p != "" {
						phones[p] = true
					}
				}
			}
		}
	}
	err = st.ForEachLead(func(l *crm.Lead) error {
		if (t.ID != 0 && l.ID == t.ID) || (email != "" && (l.Email == email || !l.EmailRole && ofBox(l.Email))) {
			take(l)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Leads merged into the person's leads are the person too.
	err = st.ForEachLead(func(l *crm.Lead) error {
		if l.MergedInto != 0 && gone[l.MergedInto] && !gone[l.ID] {
			take(l)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	batch := &crm.Batch{}
	for id := range gone {
		rep.Leads = append(rep.Leads, id)
	}
	slices.Sort(rep.Leads)
	batch.DeleteLeads = rep.Leads

	// Contacts of the person, and the links to them.
	goneC := map[crm.ContactID]bool{}
	err = st.ForEachContact(func(c *crm.Contact) error {
		if emails[c.Email] || slices.ContainsFunc(c.Leads, func(id crm.ID) bool { return gone[id] }) {
			goneC[c.ID] = true
			rep.Contacts = append(rep.Contacts, c.ID)
			batch.DeleteContacts = append(batch.DeleteContacts, c.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// own are the addresses of the person's own: a lead that lists one of
	// them among its other addresses (an assistant's in her boss's
	// "E-mail 2 Address") loses it.
	own := maps.Clone(emails)
	holdsOwn := func(v string) bool {
		return strings.Contains(v, "@") && slices.ContainsFunc(normalize.EmailsIn(v), func(e normalize.Email) bool { return own[e.Address] })
	}
	for o := range others {
		emails[o] = true
	}
	// Everywhere else: blank the person's identifiers in history and
	// merge records, drop review flags and links to them.
	isPerson := func(v string) bool { return v != "" && (emails[v] || phones[v]) }
	var emailKeys []uint64 // the exact keys of the person's addresses
	for e := range emails {
		emailKeys = append(emailKeys, dedupe.Hashes(dedupe.ExactKeys(&crm.Lead{Email: e}))...)
	}
	err = st.ForEachLead(func(l *crm.Lead) error {
		if gone[l.ID] {
			return nil
		}
		changed := false
		var dropKeys, dropSigs []uint64 // index entries of the person's rows
		for _, name := range slices.Clone(l.EmailFields) {
			if holdsOwn(l.Custom[name]) {
				delete(l.Custom, name)
				l.Raw.Delete(name)
				l.EmailFields = slices.DeleteFunc(l.EmailFields, func(f string) bool { return f == name })
				changed = true
			}
		}
		if len(l.EmailFields) == 0 {
			l.EmailFields = nil
		}
		if raw := l.Raw.Value(crm.FieldEmail); raw != l.Email && holdsOwn(raw) {
			// A second address in its e-mail cell: the cell keeps the
			// lead's own.
			l.Raw.Set(crm.FieldEmail, l.Email)
			changed = true
		}
		// blank erases the person's identifiers from one change.
		blank := func(c *crm.Change) {
			if isPerson(c.Old) {
				c.Old, changed = erased, true
			}
			if isPerson(c.New) {
				c.New, changed = erased, true
			}
		}
		for i := range l.History {
			blank(&l.History[i])
		}
		for i := range l.Merges {
			m := &l.Merges[i]
			if r := m.Lead; r != nil && (isPerson(r.Email) || isPerson(r.Phone) || isPerson(r.Mobile) ||
				slices.ContainsFunc(dedupe.OtherEmails(r), func(o string) bool { return own[o] })) {
				// The row's e-mail and phone keys identify the person;
				// its name-and-company key may be the lead's own.
				for _, k := range dedupe.ExactKeys(r) {
					if k.Kind != dedupe.KeyNameCompany {
						dropKeys = append(dropKeys, k.Hash)
					}
				}
				if m.RowSig != 0 {
					dropSigs = append(dropSigs, m.RowSig)
				}
				m.Lead, m.RowSig, changed = nil, 0, true
			}
			if gone[m.From] {
				m.From, changed = 0, true
			}
			for j := range m.Changes {
				blank(&m.Changes[j])
			}
		}
		if gone[l.PossibleDuplicateOf] {
			l.PossibleDuplicateOf, changed = 0, true
		}
		// Another lead converted into the person's contact (contacts
		// match by name and phone) loses the link to it.
		if goneC[l.ContactID] {
			l.ContactID, changed = 0, true
		}
		if changed {
			rep.Scrubbed = append(rep.Scrubbed, l.ID)
			batch.Leads = append(batch.Leads, l)
			// The lead's exact-key index kept hashes of the person's
			// rows (an unkeyed hash of an e-mail address can be looked
			// up): they go too, unless the lead's own values or its
			// other rows give the same key.
			e, err := scrubIndex(st, l, append(dropKeys, emailKeys...), dropSigs)
			if err != nil {
				return err
			}
			if e != nil {
				batch.Index = append(batch.Index, *e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	pairs, err := st.DistinctPairs()
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		if gone[p[0]] || gone[p[1]] {
			batch.DeleteDistinct = append(batch.DeleteDistinct, p)
		}
	}
	err = st.ForEachOpportunity(func(o *crm.Opportunity) error {
		if goneC[o.ContactID] || gone[o.LeadID] {
			if goneC[o.ContactID] {
				o.ContactID = 0
			}
			if gone[o.LeadID] {
				o.LeadID = 0
			}
			rep.Opportunities = append(rep.Opportunities, o.ID)
			batch.Opportunities = append(batch.Opportunities, o)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = st.ForEachAccount(func(a *crm.Account) error {
		changed := false
		if slices.ContainsFunc(a.Leads, func(id crm.ID) bool { return gone[id] }) {
			a.Leads = slices.DeleteFunc(a.Leads, func(id crm.ID) bool { return gone[id] })
			changed = true
		}
		// An account made from the person's lead took its phone, which
		// may be their direct line.
		if isPerson(a.Phone) {
			a.Phone, changed = "", true
		}
		if changed {
			batch.Accounts = append(batch.Accounts, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// An address that no lead holds any more may still sit in other
	// leads' history and merge records: scrubbing it is an erase too.
	if len(rep.Leads) == 0 && len(rep.Contacts) == 0 && len(rep.Scrubbed) == 0 {
		return rep, ErrNobodyToErase
	}
	// An address's mailbox gets a tombstone of its own, so that the
	// person's address written another way ("laura.engel@gmail.com" for
	// "lauraengel@gmail.com") is known too.
	mailboxes := map[string]bool{}
	for e := range emails {
		if local, _, _ := strings.Cut(e, "@"); normalize.IsRoleLocalPart(local) {
			continue // "info+anna@": the firm's info@ is not the person's
		}
		if m := dedupe.Mailbox(e); m != "" && !emails[m] {
			mailboxes[m] = true
		}
	}
	rep.Tombstones = len(emails) + len(mailboxes) + len(phones)
	if opts.DryRun {
		return rep, nil
	}
	secret, err := st.TombstoneSecret()
	if err != nil {
		return nil, err
	}
	for e := range emails {
		batch.Tombstones = append(batch.Tombstones, crm.TombstoneOf(secret, "email", e))
	}
	for m := range mailboxes {
		batch.Tombstones = append(batch.Tombstones, crm.TombstoneOf(secret, "email", m))
	}
	for p := range phones {
		batch.Tombstones = append(batch.Tombstones, crm.TombstoneOf(secret, "phone", p))
	}
	if err := st.Apply(batch); err != nil {
		return nil, fmt.Errorf("erase: %w", err)
	}
	rep.Written = true
	if rep.FreePages, err = st.ScrubFree(); err != nil {
		return rep, fmt.Errorf("erase: the data is deleted, but overwriting the freed pages failed: %w", err)
	}
	return rep, nil
}

// scrubIndex returns the index entry of l without the erased person's
// keys (dropKeys) and the signatures of their rows (dropSigs); nil when
// nothing changes. A key that l's own values or its remaining rows also
// give stays.
func scrubIndex(st crm.Store, l *crm.Lead, dropKeys, dropSigs []uint64) (*crm.IndexEntry, error) {
	keep := map[uint64]bool{}
	for _, h := range dedupe.Hashes(dedupe.ExactKeys(l)) {
		keep[h] = true
	}
	for _, m := range l.Merges {
		if m.Lead != nil {
			for _, h := range dedupe.Hashes(dedupe.ExactKeys(m.Lead)) {
				keep[h] = true
			}
		}
	}
	ix, err := st.Index(l.ID)
	if err != nil {
		return nil, fmt.Errorf("index entry of lead %s: %w", l.ID, err)
	}
	n, s := len(ix.Keys), len(ix.RowSigs)
	ix.Keys = slices.DeleteFunc(ix.Keys, func(h uint64) bool { return !keep[h] && slices.Contains(dropKeys, h) })
	ix.RowSigs = slices.DeleteFunc(ix.RowSigs, func(h uint64) bool { return slices.Contains(dropSigs, h) })
	if len(ix.Keys) == n && len(ix.RowSigs) == s {
		return nil, nil
	}
	return &ix, nil
}
