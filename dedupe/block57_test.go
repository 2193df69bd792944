package dedupe

import (
	"testing"

	"github.com/leadpipe/leadpipe/crm"
)

// TestIndexAlternatingValuesLinkOnce: a lead whose rows alternate between
// two sets of values (the fair's scan with the company e-mail, the call
// note with the private one) takes each back at every merge. Each key
// links the lead once: linked again at every return, the company
// address's block counted the one lead towards max_block a thousand
// times after 2,000 rows, and was skipped as oversized, so that a row
// with nothing but that address no longer met the lead and was created
// as a new one.
func TestIndexAlternatingValuesLinkOnce(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxBlock = 10
	m := NewMatcher(cfg)
	x := NewIndex(m, 1)
	office := lead(1, "first_name", "Jürgen", "last_name", "Hoffmann", "company", "Bauer AG", "email", "j.hoffmann@bauer-ag.de",
		"street", "Lindenstraße 5", "postal_code", "80333", "city", "München", "country", "DE")
	home := lead(1, "first_name", "Jürgen", "last_name", "Hoffmann", "company", "Bauer AG", "email", "juergen.hoffmann@gmail.com",
		"street", "Lindenstraße 5", "postal_code", "80333", "city", "München", "country", "DE")
	for i := range 3 * cfg.MaxBlock {
		l := office
		if i%2 == 1 {
			l = home
		}
		r := m.Record(l)
		x.Put(r, m.BlockKeys(&r))
	}
	links := len(x.links)
	for range 4 * cfg.MaxBlock {
		for _, l := range []*crm.Lead{office, home} {
			r := m.Record(l)
			x.Put(r, m.BlockKeys(&r))
		}
	}
	if len(x.links) != links {
		t.Errorf("%d links after the values came back %d times, %d before: keys linked again", len(x.links), 4*cfg.MaxBlock, links)
	}
	row := lead(2, "email", "j.hoffmann@bauer-ag.de", "notes", "last")
	r := m.Record(row)
	best, ok := x.Best(&r, m.BlockKeys(&r))
	if st := x.Stats(); st.Oversized > 0 {
		t.Errorf("the lookup met %d blocks over max_block %d, with one lead in the index", st.Oversized, cfg.MaxBlock)
	}
	if !ok || best.ID != 1 {
		t.Errorf("best %+v, %v; want lead 1 by its company address", best, ok)
	}
}
