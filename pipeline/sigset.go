package pipeline

import (
	"slices"

	"github.com/leadpipe/leadpipe/crm"
)

// sigSetMin is the length from which a lead's list of row signatures is
// looked up in a set rather than scanned.
const sigSetMin = 64

// sigSets adds row signatures to the lists of leads, each signature once.
// A short list is scanned; a long one is mirrored by a set, so that a
// file in which one person comes 100,000 times (a web form's test
// entry, a cluster in a CRM migration) takes linear time, not quadratic:
// scanning the list for every row had cost 2.9 s of 8.5 s at 100,000
// rows and would cost minutes at a million.
//
// The set is tied to the list it mirrors by the list's first element and
// length; when the list was replaced (a copy of the entry, an undo) the
// set is built again from it.
type sigSets map[crm.ID]*sigSet

type sigSet struct {
	first *uint64
	n     int
	has   map[uint64]struct{}
}

// add appends sig to *list unless it holds it already; id names the lead
// the list belongs to.
func (s sigSets) add(id crm.ID, list *[]uint64, sig uint64) {
	l := *list
	if len(l) < sigSetMin {
		if !slices.Contains(l, sig) {
			*list = append(l, sig)
		}
		return
	}
	x := s[id]
	if x == nil || x.n != len(l) || x.first != &l[0] {
		x = &sigSet{has: make(map[uint64]struct{}, 2*len(l))}
		for _, v := range l {
			x.has[v] = struct{}{}
		}
		s[id] = x
	}
	if _, ok := x.has[sig]; ok {
		return
	}
	l = append(l, sig)
	x.has[sig] = struct{}{}
	x.first, x.n = &l[0], len(l)
	*list = l
}
