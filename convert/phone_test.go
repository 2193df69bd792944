package convert

import (
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// A new contact keeps the extension of the lead's phone, in the plan and
// in the store (it was dropped: only the number was copied).
func TestPlanContactKeepsPhoneExt(t *testing.T) {
	leads := []*crm.Lead{
		testLead(crm.Lead{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Müller GmbH", Phone: "+49301234567", PhoneExt: "12",
			Mobile: "+4915112345678", PostalCode: "10115", City: "Berlin", Country: "DE"}),
	}
	st := testStore(t, leads, nil)
	p := mustPlan(t, st, Options{})
	if err := p.Apply(st); err != nil {
		t.Fatal(err)
	}
	c, err := st.Contact(1)
	if err != nil {
		t.Fatal(err)
	}
	if c.Phone != "+49301234567" || c.PhoneExt != "12" || c.Mobile != "+4915112345678" {
		t.Errorf("contact phone %q ext %q mobile %q, want +49301234567, 12, +4915112345678", c.Phone, c.PhoneExt, c.Mobile)
	}
	// The account's main phone is the number without the person's
	// extension.
	a, err := st.Account(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Phone != "+49301234567" {
		t.Errorf("account phone %q", a.Phone)
	}
}
