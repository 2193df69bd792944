package convert

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// Verify marks accounts as verified by the team that owns account data,
// and releases their opportunities from pending verification. Accounts
// verified already are reported and left as they are. One transaction.
func Verify(st crm.Store, ids []crm.AccountID, by string, now time.Time) (verified, already []crm.AccountID, err error) {
	batch := &crm.Batch{}
	set := map[crm.AccountID]bool{}
	for _, id := range ids {
		if set[id] {
			continue
		}
		set[id] = true
		a, err := st.Account(id)
		if err != nil {
			return nil, nil, err
		}
		if a.Verified {
			already = append(already, id)
			continue
		}
		a.Verified = true
		a.UpdatedAt = now
		a.History = append(a.History, crm.Change{At: now, By: by, Field: "verified", Old: "false", New: "true"})
		batch.Accounts = append(batch.Accounts, a)
		verified = append(verified, id)
	}
	if len(verified) == 0 {
		return verified, already, nil
	}
	err = st.ForEachOpportunity(func(o *crm.Opportunity) error {
		if slices.Contains(verified, o.AccountID) && o.PendingVerification {
			o.PendingVerification = false
			batch.Opportunities = append(batch.Opportunities, o)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return verified, already, st.Apply(batch)
}

// ErrNotConverted: the lead is not converted, so there is nothing to
// reactivate.
var ErrNotConverted = errors.New("is not converted")

// Reactivate makes a converted lead editable again: its status goes back
// to what it was before the conversion, and its links to the account,
// contact and opportunity move into its history (which keeps them). The
// account, contact and opportunity stay as they are.
func Reactivate(st crm.Store, id crm.ID, by string, now time.Time) (*crm.Lead, error) {
	l, err := st.Lead(id)
	if err != nil {
		return nil, err
	}
	if l.Status != crm.StatusConverted {
		return nil, fmt.Errorf("lead %s %w (status %s)", id, ErrNotConverted, l.Status)
	}
	back := l.StatusBeforeConv
	if back == "" {
		back = crm.StatusQualified
	}
	links := fmt.Sprintf("%s %s", l.AccountID, l.ContactID)
	if l.OpportunityID != 0 {
		links += " " + l.OpportunityID.String()
	}
	l.History = append(l.History,
		crm.Change{At: now, By: by, Field: "status", Old: string(crm.StatusConverted), New: string(back), Reason: "reactivated"},
		crm.Change{At: now, By: by, Field: "converted_to", Old: links, Reason: "reactivated; the objects stay"},
	)
	l.Status, l.StatusBeforeConv = back, ""
	l.ConvertedAt = time.Time{}
	l.AccountID, l.ContactID, l.OpportunityID = 0, 0, 0
	l.UpdatedAt = now
	if err := st.Apply(&crm.Batch{Leads: []*crm.Lead{l}, Reactivated: []crm.ID{l.ID}}); err != nil {
		return nil, err
	}
	return l, nil
}
