package dedupe

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// TestOtherEmailsOfMailingList: an e-mail column holding a distribution
// list pasted in (thousands of addresses) gives the lead its first
// maxOther other addresses, and matching parses no more of the cell than
// it takes to find them: otherEmails runs for every record made of the
// lead, and parsing the whole list each time made such rows cost
// milliseconds each.
func TestOtherEmailsOfMailingList(t *testing.T) {
	mk := func(n int) *crm.Lead {
		var s strings.Builder
		for i := range n {
			fmt.Fprintf(&s, "p%d@x%d.de; ", i, i%50)
		}
		l := lead(1, "email", "anna@firma.de", "E-mail 2 Address", s.String())
		l.EmailFields = []string{"E-mail 2 Address"}
		return l
	}
	short, long := mk(8), mk(5000)
	want := []string{"p0@x0.de", "p1@x1.de", "p2@x2.de", "p3@x3.de"}
	for _, l := range []*crm.Lead{short, long} {
		if got := otherEmails(l); !slices.Equal(got, want) {
			t.Errorf("otherEmails = %q, want %q", got, want)
		}
	}
	as := testing.AllocsPerRun(20, func() { otherEmails(short) })
	al := testing.AllocsPerRun(20, func() { otherEmails(long) })
	if al > as+4 {
		t.Errorf("otherEmails allocates %.0f times for a cell of 5,000 addresses, %.0f for one of 8: it parses the whole list", al, as)
	}
}
