// Package convert turns qualified leads into Account + Contact + optional
// Opportunity, the way Salesforce's lead conversion and Dynamics'
// qualification do, without ever creating a second account for a company
// that exists.
//
// Plan decides, for every selected lead, whether its account is new or an
// existing one (matched by tax id, by company name without legal form in
// the same postal code or city, or by company e-mail domain — never a
// freemail domain), whether its contact exists (same e-mail; same name and
// phone), and what opportunity it gets. Leads of one new company in the same
// run share one new account. A lead that matches an account fills the
// account's empty fields it knows (fillAccount), and the index learns the
// new keys, so that a later lead finds the account by the tax id another
// lead brought. Ambiguity is never guessed: two candidate
// accounts, or a tax id that disagrees with the account the name matches,
// hold the lead back with the reason. Apply writes exactly the plan, in one
// transaction.
//
// The package depends only on the domain model and the normalizers; the
// lifecycle (status Converted, the stage a conversion reaches) comes in
// through Options.Mark.
package convert

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// Reader is what planning reads.
type Reader interface {
	crm.LeadReader
	crm.ObjectReader
	ForEachLeadFields(fn func(*crm.Lead) error) error
}

// selectingReader is a Reader that can select leads by their values and
// give them in full in one pass (store.DB does).
type selectingReader interface {
	ForEachLeadSelected(keep func(*crm.Lead) bool, fn func(*crm.Lead) error) error
}

// Options control a conversion.
type Options struct {
	// IDs selects leads by id; Where (when set) selects by condition; with
	// neither, every lead with status Qualified is selected.
	IDs   []crm.ID
	Where func(*crm.Lead) (bool, error)
	// Opportunity creates an opportunity per lead, shaped by Config.
	Opportunity bool
	Config      Config
	Now         time.Time
	RunID       string
	// Mark records the conversion on the lead (status Converted, the old
	// status kept, the stage the lifecycle moves it to; customer says the
	// account is a customer's). An error holds the lead back with its
	// message (a gate, a status that may not convert).
	Mark func(l *crm.Lead, withOpportunity, customer bool, now time.Time) error
}

// AccountPlan says where a lead's company goes.
type AccountPlan struct {
	Action string        `json:"action"` // "new" or "matched"
	ID     crm.AccountID `json:"id"`
	Name   string        `json:"name"`
	// Key names how an existing account was matched: tax_id, name_place,
	// name (one of the two names no place),
	// domain; "batch" when an earlier lead of this run creates it.
	Key      string `json:"key,omitempty"`
	Customer bool   `json:"customer,omitempty"`
	Verified bool   `json:"verified"`
	// Filled lists the empty fields of a matched account that this lead
	// fills (tax id, domain, address, phone), in the order written. A
	// value the account has is never replaced.
	Filled []FieldFill `json:"filled,omitempty"`
}

// FieldFill is an empty account field that conversion fills from a lead.
type FieldFill struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

// ContactPlan says where a lead's person goes.
type ContactPlan struct {
	Action string        `json:"action"` // "new" or "matched"
	ID     crm.ContactID `json:"id"`
	Key    string        `json:"key,omitempty"` // email, name_phone
}

// OpportunityPlan is the opportunity a lead gets.
type OpportunityPlan struct {
	ID        crm.OpportunityID `json:"id"`
	Name      string            `json:"name"`
	Amount    string            `json:"amount,omitempty"`
	Currency  string            `json:"currency,omitempty"`
	Stage     string            `json:"stage"`
	CloseDate string            `json:"close_date"`
	// Pending is set while the account awaits verification.
	Pending bool `json:"pending_verification"`
}

// LeadPlan is what happens to one lead.
type LeadPlan struct {
	Lead        crm.ID           `json:"lead"`
	Name        string           `json:"name"`
	Company     string           `json:"company"`
	Account     AccountPlan      `json:"account"`
	Contact     ContactPlan      `json:"contact"`
	Opportunity *OpportunityPlan `json:"opportunity,omitempty"`
	// Stage is the lead's stage after conversion.
	Stage crm.Stage `json:"stage"`
}

// Held is a lead the plan does not convert, and why.
type Held struct {
	Lead    crm.ID `json:"lead"`
	Name    string `json:"name"`
	Company string `json:"company"`
	Reason  string `json:"reason"`
}

// AlreadyConverted is a selected lead that was converted before: a re-run
// leaves it alone, and it is no reason to hold anything back.
type AlreadyConverted struct {
	Lead    crm.ID        `json:"lead"`
	Name    string        `json:"name"`
	Company string        `json:"company"`
	Account crm.AccountID `json:"account"`
}

// Totals count a plan. Selected is Converted + Held + AlreadyConverted.
type Totals struct {
	Selected         int `json:"selected"`
	Converted        int `json:"converted"`
	Held             int `json:"held"`
	AlreadyConverted int `json:"already_converted"`
	NewAccounts      int `json:"new_accounts"`
	MatchedAccounts  int `json:"matched_accounts"`
	NewContacts      int `json:"new_contacts"`
	MatchedContacts  int `json:"matched_contacts"`
	Opportunities    int `json:"opportunities"`
}

// Plan is a conversion decided but not written.
type Plan struct {
	RunID string     `json:"run_id"`
	Leads []LeadPlan `json:"leads"`
	Held  []Held     `json:"held"`
	// Already lists the selected leads converted before (a second
	// convert --id or --where selects them again); they are not held.
	Already []AlreadyConverted `json:"already_converted"`
	Totals  Totals             `json:"totals"`

	batch crm.Batch
}

// ErrNothingSelected: the selection names no lead.
var ErrNothingSelected = errors.New("no lead selected")

// PlanConversion decides the conversion of the selected leads. It writes nothing.
func PlanConversion(st Reader, opts Options) (*Plan, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC()
	}
	cfg := opts.Config
	if cfg == (Config{}) {
		cfg = cfg.withDefaults() // no configuration given; Load fills in its own
	}
	// An empty name or stage is never meant; a close_days of 0 is (same day).
	if cfg.OpportunityName == "" {
		cfg.OpportunityName = DefaultOpportunityName
	}
	if cfg.OpportunityStage == "" {
		cfg.OpportunityStage = DefaultOpportunityStage
	}
	// The converted leads are a few spread over the whole store: the store
	// keeps their new versions apart (crm.Batch.Scattered).
	p := &Plan{RunID: opts.RunID, Leads: []LeadPlan{}, Held: []Held{}, Already: []AlreadyConverted{}, batch: crm.Batch{Scattered: true}}
	idx, err := loadIndex(st)
	if err != nil {
		return nil, err
	}
	leads, err := selectLeads(st, opts)
	if err != nil {
		return nil, err
	}
	p.Totals.Selected = len(leads)
	lastA, lastC, lastO, err := st.LastObjectIDs()
	if err != nil {
		return nil, err
	}
	newAccounts := map[crm.AccountID]*crm.Account{}
	touched := map[crm.AccountID]*crm.Account{}
	newContacts := map[crm.ContactID]*crm.Contact{}
	touchedC := map[crm.ContactID]*crm.Contact{}
	for _, l := range leads {
		hold := func(reason string) {
			p.Held = append(p.Held, Held{Lead: l.ID, Name: personName(l), Company: l.Company, Reason: reason})
		}
		switch {
		case l.MergedInto != 0:
			hold(fmt.Sprintf("merged into %s; convert that lead", l.MergedInto))
			continue
		case l.Status == crm.StatusConverted:
			p.Already = append(p.Already, AlreadyConverted{Lead: l.ID, Name: personName(l), Company: l.Company, Account: l.AccountID})
			continue
		case l.LastName == "" && l.FirstName == "":
			hold("no name: a contact needs at least a last name")
			continue
		case l.Company == "":
			hold("no company: an account needs a name")
			continue
		}
		ap, acct, reason := idx.matchAccount(l, newAccounts)
		if reason != "" {
			hold(reason)
			continue
		}
		// The lead was read for this plan alone, so it is marked in
		// place: a gate that refuses leaves it held, and a held lead is
		// never written. (A copy per lead was a fifth of the plan's
		// memory at a million leads.) Mark changes status, stage,
		// history and conversion times only; the name, company, address,
		// e-mail, budget and source read below stay as stored.
		conv := l
		customer := acct != nil && (acct.Customer || idx.won[acct.ID])
		if opts.Mark != nil {
			if err := opts.Mark(conv, opts.Opportunity, customer, opts.Now); err != nil {
				hold(err.Error())
				continue
			}
		}
		if acct == nil {
			lastA++
			acct = newAccount(l, lastA, opts.Now)
			newAccounts[acct.ID] = acct
			idx.addAccount(acct)
			ap = AccountPlan{Action: "new", ID: acct.ID, Name: acct.Name}
			p.Totals.NewAccounts++
		} else {
			if _, isNew := newAccounts[acct.ID]; !isNew {
				if _, ok := touched[acct.ID]; !ok {
					c := *acct
					c.Leads = slices.Clone(acct.Leads)
					c.History = slices.Clone(acct.History)
					acct = &c
					touched[acct.ID] = acct
					idx.accounts[acct.ID] = acct // later leads match what this run writes
				} else {
					acct = touched[acct.ID]
				}
				p.Totals.MatchedAccounts++
			}
			how := ap.Key
			if _, isNew := newAccounts[acct.ID]; isNew {
				acct = newAccounts[acct.ID]
				ap.Key = "batch"
				p.Totals.MatchedAccounts++
			}
			// What the lead knows and the account lacks goes to the
			// account, and into the index, so that a later lead (of this
			// run or a later one) finds it by that key too.
			if ap.Filled = fillAccount(acct, l, how); len(ap.Filled) > 0 {
				idx.addAccount(acct)
				if _, isNew := newAccounts[acct.ID]; !isNew {
					for _, f := range ap.Filled {
						acct.History = append(acct.History, crm.Change{At: opts.Now, By: "convert", Field: f.Field, New: f.Value,
							Reason: strings.TrimSpace(opts.RunID + " " + l.ID.String())})
					}
				}
			}
		}
		ap.Customer, ap.Verified = customer, acct.Verified
		if !slices.Contains(acct.Leads, l.ID) { // converted before, reactivated, converted again
			acct.Leads = append(acct.Leads, l.ID)
		}
		acct.UpdatedAt = opts.Now

		cp := ContactPlan{Action: "new"}
		contact, key := idx.matchContact(l, acct.ID)
		if contact != nil {
			cp = ContactPlan{Action: "matched", ID: contact.ID, Key: key}
			if c, ok := newContacts[contact.ID]; ok {
				contact = c
			} else if c, ok := touchedC[contact.ID]; ok {
				contact = c
			} else {
				c := *contact
				c.Leads = slices.Clone(contact.Leads)
				contact = &c
				touchedC[c.ID] = contact
			}
			p.Totals.MatchedContacts++
		} else {
			lastC++
			contact = newContact(l, lastC, acct.ID, opts.Now)
			newContacts[contact.ID] = contact
			idx.addContact(contact)
			cp.ID = contact.ID
			p.Totals.NewContacts++
		}
		if !slices.Contains(contact.Leads, l.ID) {
			contact.Leads = append(contact.Leads, l.ID)
		}

		lp := LeadPlan{Lead: l.ID, Name: personName(l), Company: l.Company, Account: ap, Contact: cp}
		conv.AccountID, conv.ContactID = acct.ID, contact.ID
		if opts.Opportunity {
			lastO++
			o := cfg.opportunity(l, lastO, acct, contact.ID, opts.Now)
			p.batch.Opportunities = append(p.batch.Opportunities, o)
			conv.OpportunityID = o.ID
			lp.Opportunity = &OpportunityPlan{ID: o.ID, Name: o.Name, Amount: o.Amount, Currency: o.Currency, Stage: o.Stage, CloseDate: o.CloseDate, Pending: o.PendingVerification}
			p.Totals.Opportunities++
		}
		conv.History = append(conv.History, crm.Change{At: opts.Now, By: "convert", Field: "converted_to",
			New: strings.TrimSpace(fmt.Sprintf("%s %s %s", acct.ID, contact.ID, optID(conv.OpportunityID))), Reason: opts.RunID})
		lp.Stage = conv.Stage
		p.batch.Leads = append(p.batch.Leads, conv)
		p.batch.Converted = append(p.batch.Converted, conv.ID)
		p.Leads = append(p.Leads, lp)
		p.Totals.Converted++
	}
	p.Totals.Held = len(p.Held)
	p.Totals.AlreadyConverted = len(p.Already)
	for _, a := range sortedValues(newAccounts) {
		p.batch.Accounts = append(p.batch.Accounts, a)
	}
	for _, a := range sortedValues(touched) {
		p.batch.Accounts = append(p.batch.Accounts, a)
	}
	for _, c := range sortedValues(newContacts) {
		p.batch.Contacts = append(p.batch.Contacts, c)
	}
	for _, c := range sortedValues(touchedC) {
		p.batch.Contacts = append(p.batch.Contacts, c)
	}
	return p, nil
}

func optID(id crm.OpportunityID) string {
	if id == 0 {
		return ""
	}
	return id.String()
}

// Apply writes the plan in one transaction: every converted lead, account,
// contact and opportunity, or nothing.
func (p *Plan) Apply(st crm.Store) error {
	if len(p.batch.Leads) == 0 {
		return nil
	}
	return st.Apply(&p.batch)
}

func sortedValues[K ~uint64, V any](m map[K]V) []V {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]V, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func personName(l *crm.Lead) string { return strings.TrimSpace(l.FirstName + " " + l.LastName) }

// selectLeads reads the leads the options select, in id order. A
// selection by condition or status decodes the values only and decodes a
// lead in full only when it is selected: at a million leads the scan is
// most of the work, and a full decode of every lead would double it. A
// store that cannot do both in one pass (selectingReader) is scanned,
// then asked for each selected lead.
func selectLeads(st Reader, opts Options) ([]*crm.Lead, error) {
	var out []*crm.Lead
	if len(opts.IDs) > 0 {
		ids := slices.Clone(opts.IDs)
		slices.Sort(ids)
		ids = slices.Compact(ids)
		for _, id := range ids {
			l, err := st.Lead(id)
			if err != nil {
				return nil, err // names the lead
			}
			if opts.Where != nil {
				ok, err := opts.Where(l)
				if err != nil || !ok {
					continue
				}
			}
			out = append(out, l)
		}
		return out, nil
	}
	keep := func(l *crm.Lead) bool {
		if l.MergedInto != 0 {
			return false
		}
		if opts.Where != nil {
			ok, err := opts.Where(l)
			return err == nil && ok
		}
		return l.Status == crm.StatusQualified
	}
	if sr, ok := st.(selectingReader); ok {
		err := sr.ForEachLeadSelected(keep, func(l *crm.Lead) error { out = append(out, l); return nil })
		return out, err
	}
	var ids []crm.ID
	err := st.ForEachLeadFields(func(l *crm.Lead) error {
		if keep(l) {
			ids = append(ids, l.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out = make([]*crm.Lead, 0, len(ids))
	for _, id := range ids {
		l, err := st.Lead(id)
		if err != nil {
			return nil, err // names the lead
		}
		out = append(out, l)
	}
	return out, nil
}

func newAccount(l *crm.Lead, id crm.AccountID, now time.Time) *crm.Account {
	a := &crm.Account{
		ID: id, Name: l.Company, NameKey: l.CompanyKey, LegalForm: l.LegalForm, TaxID: l.TaxID,
		Street: l.Street, PostalCode: l.PostalCode, City: l.City, Country: l.Country, Phone: l.Phone,
		CreatedAt: now, UpdatedAt: now,
	}
	if a.NameKey == "" {
		a.NameKey = normalize.ParseCompany(l.Company).Key
	}
	if d := companyDomain(l); d != "" {
		a.Domain = d
	}
	return a
}

// fillAccount fills the empty identity keys of a matched account from the
// lead: its tax id and company e-mail domain, so that a later lead with
// another name or place but the same tax id or domain finds the account;
// and, on a match by name and place, its country. A match by name where
// one of the two names no place (how "name") fills only an account
// without a place: the lead's postal code, city and country.
// Only a match that names the company backs them up: by name and place,
// or by tax id (how). A match by e-mail domain alone fills nothing: one
// domain may serve a group of firms, and their tax ids differ. Nothing
// else is filled: an address from another lead may be another site, and a
// phone number may be the person's. A value the account has
// is never replaced; a tax id that differs never gets here (matchAccount
// holds such a lead back). It returns what it filled.
func fillAccount(a *crm.Account, l *crm.Lead, how string) []FieldFill {
	var filled []FieldFill
	fill := func(field string, p *string, v string) {
		if *p == "" && v != "" {
			*p = v
			filled = append(filled, FieldFill{Field: field, Value: v})
		}
	}
	if how == "name" {
		// Matched by name where one of the two names no place. An
		// account without one takes the lead's, so that it is not
		// found by the firm's name in every town from now on.
		if a.PostalCode == "" && a.City == "" {
			fill("postal_code", &a.PostalCode, l.PostalCode)
			fill("city", &a.City, l.City)
			fill("country", &a.Country, l.Country)
		}
		return filled
	}
	if how != "name_place" && how != "tax_id" {
		return nil
	}
	fill("tax_id", &a.TaxID, l.TaxID)
	fill("domain", &a.Domain, companyDomain(l))
	if how == "name_place" {
		// The place is the lead's (same postal code or city): its country
		// is the account's too. Without it, one account without a country
		// took a Graz lead and a Zürich lead of the same name and postal
		// code. The account stays listed under no country as well, so a
		// lead that names none still finds it.
		fill("country", &a.Country, l.Country)
	}
	return filled
}

func newContact(l *crm.Lead, id crm.ContactID, account crm.AccountID, now time.Time) *crm.Contact {
	return &crm.Contact{
		ID: id, AccountID: account, Salutation: l.Salutation, AcademicTitle: l.AcademicTitle,
		FirstName: l.FirstName, LastName: l.LastName, Title: l.Title, Email: l.Email, Phone: l.Phone, PhoneExt: l.PhoneExt, Mobile: l.Mobile,
		Street: l.Street, PostalCode: l.PostalCode, City: l.City, Country: l.Country, Source: l.Source, CreatedAt: now,
	}
}

// companyDomain is the domain of a lead's e-mail when it can name a
// company: not a freemail or role-less personal provider.
func companyDomain(l *crm.Lead) string {
	if l.Email == "" || l.EmailFreemail {
		return ""
	}
	_, d, ok := strings.Cut(l.Email, "@")
	if !ok || normalize.IsFreemail(d) {
		return ""
	}
	return d
}
