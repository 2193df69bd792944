package store

import (
	"fmt"
	"maps"
	"slices"

	"github.com/leadpipe/leadpipe/crm"
)

// CheckLinks verifies what conversion links: every contact's and
// opportunity's account exists, every opportunity's contact (when it has
// one) exists, and every converted lead's account, contact and
// opportunity exist. A conversion is one transaction, so a kill or a full
// disk in the middle of one must never leave a contact without its
// account or a lead half converted; `leadpipe store check` and the crash
// tests run this after Check. (Check itself stays with what every stored
// record must satisfy on its own: tests store leads with links to objects
// they never create.) It returns nil or the first broken link.
func (db *DB) CheckLinks() error {
	accounts, contacts, opps := map[crm.AccountID]bool{}, map[crm.ContactID]bool{}, map[crm.OpportunityID]bool{}
	listed := map[crm.AccountID][]crm.ID{} // the leads each account lists
	err := db.ForEachAccount(func(a *crm.Account) error {
		accounts[a.ID] = true
		if len(a.Leads) > 0 {
			listed[a.ID] = a.Leads
		}
		return nil
	})
	if err == nil {
		err = db.ForEachContact(func(c *crm.Contact) error {
			contacts[c.ID] = true
			if !accounts[c.AccountID] {
				return fmt.Errorf("contact %s belongs to account %s, which does not exist", c.ID, c.AccountID)
			}
			return nil
		})
	}
	if err == nil {
		err = db.ForEachOpportunity(func(o *crm.Opportunity) error {
			opps[o.ID] = true
			switch {
			case !accounts[o.AccountID]:
				return fmt.Errorf("opportunity %s belongs to account %s, which does not exist", o.ID, o.AccountID)
			case o.ContactID != 0 && !contacts[o.ContactID]:
				return fmt.Errorf("opportunity %s names contact %s, which does not exist", o.ID, o.ContactID)
			}
			return nil
		})
	}
	leads := map[crm.ID]bool{}
	if err == nil {
		err = db.ForEachLeadFields(func(l *crm.Lead) error {
			leads[l.ID] = true
			switch {
			case l.AccountID != 0 && !accounts[l.AccountID]:
				return fmt.Errorf("lead %s was converted into account %s, which does not exist", l.ID, l.AccountID)
			case l.ContactID != 0 && !contacts[l.ContactID]:
				return fmt.Errorf("lead %s was converted into contact %s, which does not exist", l.ID, l.ContactID)
			case l.OpportunityID != 0 && !opps[l.OpportunityID]:
				return fmt.Errorf("lead %s was converted into opportunity %s, which does not exist", l.ID, l.OpportunityID)
			}
			return nil
		})
	}
	if err == nil {
		// Accounts list the leads converted into them.
		err = func() error {
			for _, a := range slices.Sorted(maps.Keys(listed)) {
				for _, id := range listed[a] {
					if !leads[id] {
						return fmt.Errorf("account %s lists lead %s, which does not exist", a, id)
					}
				}
			}
			return nil
		}()
	}
	if err != nil {
		return fmt.Errorf("check links in store %s: %w", db.path, err)
	}
	return nil
}
