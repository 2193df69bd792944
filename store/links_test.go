package store

import (
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// TestCheckLinks: a consistent conversion passes; each kind of broken
// link is named.
func TestCheckLinks(t *testing.T) {
	ok := func() *crm.Batch {
		l := typicalLead(1)
		l.AccountID, l.ContactID, l.OpportunityID = 1, 1, 1
		return &crm.Batch{
			Leads:         []*crm.Lead{l},
			Accounts:      []*crm.Account{{ID: 1, Name: "Müller GmbH", Leads: []crm.ID{1}}},
			Contacts:      []*crm.Contact{{ID: 1, AccountID: 1, LastName: "Müller", Leads: []crm.ID{1}}},
			Opportunities: []*crm.Opportunity{{ID: 1, AccountID: 1, ContactID: 1, LeadID: 1, Name: "x"}},
		}
	}
	for _, tc := range []struct {
		name, want string
		breakIt    func(b *crm.Batch)
	}{
		{"consistent", "", func(*crm.Batch) {}},
		{"contact without account", "contact C0000001 belongs to account A0000002", func(b *crm.Batch) { b.Contacts[0].AccountID = 2 }},
		{"opportunity without account", "opportunity O0000001 belongs to account A0000003", func(b *crm.Batch) { b.Opportunities[0].AccountID = 3 }},
		{"opportunity without contact", "names contact C0000004", func(b *crm.Batch) { b.Opportunities[0].ContactID = 4 }},
		{"lead half converted", "lead L0000001 was converted into opportunity O0000005", func(b *crm.Batch) { b.Leads[0].OpportunityID = 5 }},
		{"account lists a missing lead", "account A0000001 lists lead L0000009", func(b *crm.Batch) { b.Accounts[0].Leads = append(b.Accounts[0].Leads, 9) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openFile(t)
			b := ok()
			tc.breakIt(b)
			mustApply(t, db, b)
			err := db.CheckLinks()
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("CheckLinks = %v, want %q", err, tc.want)
			}
		})
	}
}
