package dedupe

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/leadpipe/leadpipe/crm"
)

// Blocking key kinds; like the exact keys they are part of the hash.
const (
	blockEmail        KeyKind = 'E' // the e-mail address
	blockPhone        KeyKind = 'P' // a phone or mobile number
	blockNamePlace    KeyKind = 'L' // phonetic last (or first) name + place
	blockCompanyPlace KeyKind = 'C' // company key + place
	blockLocal        KeyKind = 'O' // e-mail local part + place (another domain)
	blockStreet       KeyKind = 'S' // house number + first street word + place
	blockCompanyWord  KeyKind = 'W' // first word of the company + place
	blockConfigured   KeyKind = 'X' // a configured key; the index of the key follows
	blockPrivateName  KeyKind = 'N' // private person: both names, phonetic, + region
	blockHousehold    KeyKind = 'H' // private person: house number + street word + phonetic name + region
	blockSite         KeyKind = 'A' // organisation without a person: house number + street word + region
	blockTaxID        KeyKind = 'T' // the tax id
	blockCompanyTown  KeyKind = 'B' // company key + phonetic last name + town: oneSidedKey
	blockCompanyName  KeyKind = 'K' // company key + phonetic last name + first initial: oneSidedKey
)

// BlockKeys returns the blocking keys of r: two records become candidates
// when they share one. Every key is narrow enough that a block stays
// small on real data, and together they cover the ways one person's
// records differ (another e-mail, a new phone, a typo in the name, names
// swapped, the company written differently).
func (m *Matcher) BlockKeys(r *Record) []uint64 {
	keys := make([]uint64, 0, 8)
	// What several keys are made of, worked out once.
	place, region := placeKey(r), regionKey(r)
	no, house, word := digitsOf(r.Street), houseNumber(r.Street), streetWord(r.Street)
	var last, first string // phonetic codes
	if r.Last != "" {
		last = phoneticKey(r.Last)
	}
	if len(r.First) > 1 {
		first = phoneticKey(r.First)
	}
	org := r.Company != "" && r.First == "" && r.Last == ""
	var lastKeys []uint64 // one-sided keys (oneSidedKey), added after the others lose the bits
	if r.Email != "" {
		keys = append(keys, hash(blockEmail, r.Email))
		if m := mailbox(r.Email); m != "" {
			// Its mailbox, which another way of writing it shares.
			keys = append(keys, hash(blockEmail, m))
		}
		if local, _, _ := strings.Cut(r.Email, "@"); len(local) >= 6 && !r.Role {
			if place != "" {
				keys = append(keys, hash(blockLocal, local, place))
			}
			// Anywhere, for a record without a place (a web form's
			// name and address, the domain mistyped or another
			// provider's): a one-sided key (oneSidedKey).
			lastKeys = oneSidedKey(lastKeys, hash(blockLocal, local), place != "")
		}
	}
	if r.TaxID != "" {
		keys = append(keys, hash(blockTaxID, r.TaxID))
	}
	for o := range strings.FieldsSeq(r.Other) {
		keys = append(keys, hash(blockEmail, o))
	}
	if r.Phone != "" {
		keys = append(keys, hash(blockPhone, r.Phone))
	}
	if r.Mobile != "" {
		keys = append(keys, hash(blockPhone, r.Mobile))
	}
	if place != "" {
		// Phonetic last name and first initial, and the other way
		// round, so that swapped names meet.
		// With the house number when there is one: a postal code holds a
		// bounded number of people, so a key of name and postal code
		// alone would grow with the store.
		// A record without a house number has the key without it, which
		// a private person's record with one shares (below).
		if last != "" {
			keys = append(keys, namePlaceKey(last, initial(r.First), place, no))
		}
		if first != "" {
			keys = append(keys, namePlaceKey(first, initial(r.Last), place, no))
		}
		if no != "" && r.Company == "" {
			// A private person has no company keys: the name in the
			// postal code must do, house number or not.
			if last != "" {
				keys = append(keys, hash(blockNamePlace, last, initial(r.First), place))
			}
			if first != "" {
				keys = append(keys, hash(blockNamePlace, first, initial(r.Last), place))
			}
		}
		if r.Company != "" {
			keys = append(keys, hash(blockCompanyPlace, r.Company, place))

			// Organisations without a person: their names vary more
			// ("Abraham Lincoln Centre" and "Abraham Lincoln Centre
			// Abraham Lincoln"), so the first word also blocks.
			if w := firstWord(r.Company); org && len(w) >= 3 && w != r.Company {
				keys = append(keys, hash(blockCompanyWord, w, place))
			}
		}
		if no != "" && word != "" {
			keys = append(keys, hash(blockStreet, no, word, place))
		}
	} else if r.Company != "" {
		// No place: all the company's records without one.
		keys = append(keys, hash(blockCompanyPlace, r.Company, ""))
	}
	if org && house != "" {
		// An organisation without a person meets its records that lack
		// the place (a site list without postal codes) at the same house
		// number: the name alone without a place would put a chain's
		// sites all over the country in one block.
		keys = append(keys, hash(blockCompanyPlace, r.Company, "", house))
		if word != "" {
			// Its site's records share the house whatever the name,
			// postal code or town say; without the region too, which a
			// record without a postal code or town lacks: a house number
			// with its street word is rare enough among organisations'
			// records.
			keys = append(keys, hash(blockSite, house, word, region), hash(blockSite, house, word, "*"))
		}
	}
	if r.Company == "" {
		// A private person's records differ in the place as often as in
		// the name (a moved household, a postal code or town mistyped),
		// and the keys above all need it. Both names together, or the
		// last or first name at a house number and street, find them
		// anywhere in the region (regionKey). Business records never get
		// these keys: a company's staff shares its address, and its names
		// would make blocks grow with the store.
		if len(r.First) > 1 && len(r.Last) > 1 {
			f, l := first, last
			if f > l {
				f, l = l, f // swapped names meet
			}
			keys = append(keys, hash(blockPrivateName, f, l, region))
			if r.Postal != "" && r.City != "" {
				// The town's region too, which a record without the
				// postal code has.
				_, n := utf8.DecodeRuneInString(r.City)
				keys = append(keys, hash(blockPrivateName, f, l, r.City[:n]))
			}
			if r.Postal == "" && r.City != "" {
				// A town's region is its initial, which a typo may
				// hit ("ftelford", "dlondon"): its last letter too,
				// which the same typo leaves.
				_, n := utf8.DecodeLastRuneInString(r.City)
				keys = append(keys, hash(blockPrivateName, f, l, "$"+r.City[len(r.City)-n:]))
			}
		}
		if r.Email != "" && !r.Freemail && !r.Role {
			// The e-mail's domain is the person's own (no company
			// given, no mail provider): a name there meets the records
			// that lack the place or have it mistyped, and the
			// domain's first or last four letters, one of which a
			// single typo leaves alone, meet a mistyped domain.
			_, d, _ := strings.Cut(r.Email, "@")
			if i := strings.LastIndexByte(d, '.'); i > 0 {
				d = d[:i]
			}
			if len(d) >= 4 {
				for _, name := range [...]string{last, first} {
					if name != "" {
						keys = append(keys, hash(blockPrivateName, name, "@"+d[:4]), hash(blockPrivateName, name, "@$"+d[len(d)-4:]))
					}
				}
			}
		}
		if word != "" {
			// Without the region too: a postal code with its digits
			// swapped ("2800", "8200") moves the record to another
			// region, and a house number, the street's first letters and
			// a name together are rare enough country-wide. The first
			// five letters, since a typo or a type glued on
			// ("shackletoncircuit", "harrisovj") is mostly further on; a
			// street without a number keys on its letters alone.
			w5 := word[:min(len(word), 5)]
			for _, name := range []string{last, first} {
				if name == "" {
					continue
				}
				if no != "" {
					keys = append(keys, hash(blockHousehold, no, word, name, region))
				}
				keys = append(keys, hash(blockHousehold, no, w5, name, "*"))
			}
		}
	}
	for i, bk := range m.cfg.Block {
		parts := make([]string, 0, len(bk)+1)
		parts = append(parts, string(rune('0'+i%64)))
		ok, words := true, -1
		for j, part := range bk {
			if part.Transform == "word" {
				words = j + 1 // filled in below, once per word
				parts = append(parts, "")
				continue
			}
			v := transform(r, part)
			if v == "" {
				ok = false
				break
			}
			parts = append(parts, v)
		}
		switch {
		case !ok:
		case words < 0:
			keys = append(keys, hash(blockConfigured, parts...))
		default:
			// One key per word of the field (config allows one such
			// part per key): token blocking, for names whose words
			// come in any order or with others around them.
			for w := range strings.FieldsSeq(transform(r, BlockPart{Field: bk[words-1].Field, extra: bk[words-1].extra})) {
				if utf8.RuneCountInString(w) >= minBlockWord {
					parts[words] = w
					keys = append(keys, hash(blockConfigured, parts...))
				}
			}
		}
	}
	for i := range keys {
		keys[i] &^= putOnly | lookupOnly
	}
	keys = append(keys, lastKeys...)
	if r.Company != "" && !org && last != "" {
		// A person at a company: a badge scan has the firm and the
		// town, or the firm alone, its CRM contact the postal code, and
		// the keys above, which take the postal code for the place
		// where there is one, never meet them. These keys pair a
		// record without a postal code (without a place) with those of
		// the town (of the company) that have one, not those with one
		// among themselves (Best): their postal codes key them
		// already, and a firm's namesakes at its sites would make the
		// blocks grow with the store.
		if r.City != "" {
			keys = oneSidedKey(keys, hash(blockCompanyTown, r.Company, last, townOf(r.City)), r.Postal != "")
		}
		keys = oneSidedKey(keys, hash(blockCompanyName, r.Company, last, initial(r.First)), place != "")
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// Marks of the keys of a one-sided key (oneSidedKey): Index.Put links a
// record under its keys without lookupOnly, Index.Best looks a record up
// under its keys without putOnly, each with the mark cleared. No other
// key has these bits.
const (
	putOnly    = 1 << 63
	lookupOnly = 1 << 62
)

// oneSidedKey appends the keys of a one-sided blocking key h, one that
// pairs the records that lack something (a postal code, a place) with
// every record of the key, but the records that have it not among
// themselves: they are keyed by it already, and their blocks would grow
// with the store. has tells whether r has it. The key has two blocks,
// of the records that have it and of those that lack it: r is linked in
// its own and looked up in the one of those lacking it, and, lacking
// it, in the other one too. So a record that has it never walks the
// block of those that have it, which holds nearly every record of the
// key: a common local part's ("thomas.mueller") at many firms.
func oneSidedKey(keys []uint64, h uint64, has bool) []uint64 {
	lacking := hashMore(h, "\x00-") &^ (putOnly | lookupOnly)
	having := hashMore(h, "\x00+") &^ (putOnly | lookupOnly)
	if has {
		return append(keys, having|putOnly, lacking|lookupOnly)
	}
	return append(keys, lacking, having|lookupOnly)
}

// lookupKeys and putKeys give the keys of a record (BlockKeys) that Best
// looks it up under and that Put links it under, marks cleared, sorted.
func lookupKeys(keys []uint64) []uint64 { return keysWithout(keys, putOnly) }
func putKeys(keys []uint64) []uint64    { return keysWithout(keys, lookupOnly) }

func keysWithout(keys []uint64, mark uint64) []uint64 {
	out := make([]uint64, 0, len(keys))
	for _, k := range keys {
		if k&mark == 0 {
			out = append(out, k&^(putOnly|lookupOnly))
		}
	}
	slices.Sort(out)
	return out
}

// MayMeet reports whether Index.Best would compare two records, given by
// their keys (BlockKeys): whether one is looked up under a key the other
// is linked under. It does not depend on the order: a one-sided key
// (oneSidedKey) pairs its records both ways or not at all.
func MayMeet(ka, kb []uint64) bool {
	return sharesKey(lookupKeys(ka), putKeys(kb)) || sharesKey(lookupKeys(kb), putKeys(ka))
}

// sharesKey reports whether two sorted key lists have a key in common.
func sharesKey(a, b []uint64) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// minBlockWord is the shortest word a "word" blocking part keys on: shorter
// ones ("de", "nl", "ag") are in too many names.
const minBlockWord = 4

// namePlaceKey is the key of a phonetic name, the other name's initial and
// the place, with the house number when there is one.
func namePlaceKey(name, init, place, no string) uint64 {
	if no == "" {
		return hash(blockNamePlace, name, init, place)
	}
	return hash(blockNamePlace, name, init, place, no)
}

func initial(s string) string {
	if s == "" {
		return ""
	}
	return s[:1]
}

// streetWord is the word that names a street: the first word that is not
// the house number, another number, a one-letter direction or a street
// type ("3858 s cottage grove" -> "cottage", "520 e 79th st" -> "79th",
// "hauptstr 5" -> "hauptstr").
func streetWord(s string) string {
	house := true // the first word with a digit is the house number
	for _, w := range strings.Fields(s) {
		if house && strings.ContainsAny(w, "0123456789") {
			house = false
			continue
		}
		if len(w) <= 1 || digitsOf(w) == w {
			continue // a direction ("w"), a flat or floor number
		}
		if _, isType := streetWords[w]; isType {
			continue
		}
		return w
	}
	return ""
}

// regionKey is a coarse place for the keys that do without the exact
// place (private people, organisations' sites): the first digit of the
// postal code, else the first letter of the town, else
// nothing. It splits a large store of private people into a dozen
// regions, so that a common name's block stays bounded, and it survives
// the typos of a postal code's later digits and of a town's later letters.
func regionKey(r *Record) string {
	if r.Postal != "" {
		// Without the country, which one list may lack (a file without
		// a country column): the comparison tells countries apart.
		_, code, _ := strings.Cut(r.Postal, " ")
		return "/" + code[:min(1, len(code))]
	}
	if r.City != "" {
		_, n := utf8.DecodeRuneInString(r.City)
		return r.City[:n]
	}
	return ""
}

// placeKey is the place of a record for blocking: the postal code, else
// the folded city. A postal code keeps blocks small however
// many leads the store holds (so the candidate pairs per row stay flat),
// where a postal prefix would let them grow with the store.
func placeKey(r *Record) string {
	if r.Postal != "" {
		// The code without the country, which one list may lack, and
		// as a list without a country writes it ("1012AB", "1012 AB").
		_, code, _ := strings.Cut(r.Postal, " ")
		return "#" + plainCode(code)
	}
	return r.City
}

// phoneticKey is the Kölner Phonetik code of a name, or the name itself
// when it has no code (no letters the code knows).
func phoneticKey(s string) string {
	if c := Cologne(s); c != "" {
		return c
	}
	return s
}

// field returns the value of a core or configured field of r for a
// blocking key.
func transform(r *Record, p BlockPart) string {
	var v string
	switch p.Field {
	case crm.FieldFirstName:
		v = r.First
	case crm.FieldLastName:
		v = r.Last
	case crm.FieldCompany:
		v = r.Company
	case crm.FieldEmail:
		v = r.Email
	case crm.FieldPhone:
		v = r.Phone
	case crm.FieldMobile:
		v = r.Mobile
	case crm.FieldPostalCode:
		v = r.Postal
	case crm.FieldCity:
		v = r.City
	case crm.FieldStreet:
		v = r.Street
	case crm.FieldTaxID:
		v = r.TaxID
	default:
		v = r.extraAt(p.extra)
	}
	if v == "" {
		return ""
	}
	switch p.Transform {
	case "initial":
		return v[:1]
	case "phonetic":
		return phoneticKey(v)
	case "prefix3":
		return v[:min(3, len(v))]
	case "year":
		d := digitsOf(v)
		if len(d) < 4 {
			return ""
		}
		if len(d) == 8 && d[:2] != "19" && d[:2] != "20" {
			return d[4:] // ddmmyyyy
		}
		return d[:4]
	}
	return v
}

// Index finds candidate records by their blocking keys. It holds the
// matching view of every lead of the store and of the rows created during
// the run. Blocks are chains through one slice, so that a million records
// with several keys each cost a few tens of bytes per key.
type Index struct {
	m       *Matcher
	records []packed // by lead id; zero where there is no lead
	heads   map[uint64]blockHead
	links   []link
	// Distinct pairs were reviewed as different people: never candidates.
	distinct map[[2]crm.ID]bool
	// earlier holds the earlier states of the leads that were replaced
	// (merged), oldest first, at most maxEarlier each.
	earlier map[crm.ID][]packed
	stats   Stats
}

type blockHead struct {
	first int32 // index into links of the newest entry, -1 for none
	n     int32
}

type link struct {
	id   uint32 // lead id
	next int32
}

// Stats counts the work of an index.
type Stats struct {
	// Lookups is the number of records looked up; Pairs the candidate
	// pairs scored for them.
	Lookups int64 `json:"lookups"`
	Pairs   int64 `json:"candidate_pairs"`
	// Oversized counts lookups that met a block larger than max_block;
	// such a block is skipped, so its members are not compared.
	Oversized int64 `json:"oversized_blocks"`
	// Vetoed counts candidates that scored above merge_at but were kept
	// apart by a guard.
	Vetoed int64 `json:"vetoed"`
	// AlsoMatched counts lookups where a second lead scored at or above
	// merge_at beside the best one, and no review found the two to be
	// different people: they may be one person, which a store-wide dedupe
	// run would join if they match each other.
	AlsoMatched int64 `json:"also_matched"`
}

// PairsPerRow is the mean number of candidate pairs scored per lookup.
func (s Stats) PairsPerRow() float64 {
	if s.Lookups == 0 {
		return 0
	}
	return float64(s.Pairs) / float64(s.Lookups)
}

// NewIndex makes an empty index; sizeHint is the expected number of leads.
func NewIndex(m *Matcher, sizeHint int) *Index {
	return &Index{
		m:        m,
		records:  make([]packed, 0, sizeHint+1),
		heads:    make(map[uint64]blockHead, 7*sizeHint),
		links:    make([]link, 0, 7*sizeHint),
		distinct: map[[2]crm.ID]bool{},
	}
}

// Stats returns the counters so far.
func (x *Index) Stats() Stats { return x.stats }

// SetDistinct records that a and b are different people.
func (x *Index) SetDistinct(a, b crm.ID) { x.distinct[pairKey(a, b)] = true }

func pairKey(a, b crm.ID) [2]crm.ID {
	if a > b {
		a, b = b, a
	}
	return [2]crm.ID{a, b}
}

// Record returns the stored view of a lead; ok is false when the index
// has none.
func (x *Index) Record(id crm.ID) (r Record, ok bool) {
	if id != 0 && int(id) < len(x.records) && x.records[id].flags&pkPresent != 0 {
		return x.records[id].unpack(len(x.m.extra)), true
	}
	return Record{}, false
}

// Put adds or replaces the record of a lead. keys are its blocking keys
// (BlockKeys). A replaced record stays as an earlier state of the lead
// (up to maxEarlier of them), with its keys, so that rows like the old
// values still find the lead and compare with them.
func (x *Index) Put(r Record, keys []uint64) {
	if prev, ok := x.Record(r.ID); ok {
		x.put(r, keys, x.m.BlockKeys(&prev))
		return
	}
	x.put(r, keys, nil)
}

// PutLead indexes a lead read from the store: its earlier states
// (Matcher.Earlier), oldest first, then the lead as it is, exactly as Put
// one after the other would, but computing each state's record and keys
// once. A store with 100,000 merged leads among a million builds its index
// this way at every open.
func (x *Index) PutLead(l *crm.Lead) {
	_, recs, _, _ := x.m.walk(l, len(l.Merges))
	var prev []uint64
	if old, ok := x.Record(l.ID); ok {
		prev = x.m.BlockKeys(&old)
	}
	for i := range recs {
		keys := x.m.BlockKeys(&recs[i])
		x.put(recs[i], keys, prev)
		prev = keys
	}
	r := x.m.Record(l)
	x.put(r, x.m.BlockKeys(&r), prev)
}

// Remove takes a lead out of the index, its earlier states with it: a lead
// merged away is no candidate any more. Its block entries stay and are
// skipped.
func (x *Index) Remove(id crm.ID) {
	if id != 0 && int(id) < len(x.records) {
		x.records[id] = packed{}
		delete(x.earlier, id)
	}
}

// put is Put with the keys of the lead's present record (old; nil when
// it has none), which already link to it.
func (x *Index) put(r Record, keys, old []uint64) {
	id := r.ID
	if id == 0 || id > 1<<32-1 {
		return // ids beyond 32 bits are not indexed (4 billion leads)
	}
	for int(id) >= len(x.records) {
		x.records = append(x.records, packed{})
	}
	p := pack(&r)
	replaced := x.records[id].flags&pkPresent != 0
	if replaced {
		if x.records[id] == p {
			return
		}
		if x.earlier == nil {
			x.earlier = map[crm.ID][]packed{}
		}
		if e := x.earlier[id]; len(e) < maxEarlier {
			x.earlier[id] = append(e, x.records[id])
		}
	}
	x.records[id] = p
	for _, k := range keys {
		if slices.Contains(old, k) || k&lookupOnly != 0 {
			continue
		}
		k &^= putOnly // oneSidedKey
		h, ok := x.heads[k]
		if !ok {
			h.first = -1
		} else if replaced && x.inBlock(h, id) {
			// A key of an earlier state that the lead has again
			// (values that alternate from row to row, such as a
			// person's office and home address): it is linked
			// already, and a second link would count the lead twice
			// towards max_block.
			continue
		}
		x.links = append(x.links, link{id: uint32(id), next: h.first})
		h.first = int32(len(x.links) - 1)
		h.n++
		x.heads[k] = h
	}
}

// inBlock reports whether the block h links lead id. A block over
// max_block, which lookups skip, is not searched.
func (x *Index) inBlock(h blockHead, id crm.ID) bool {
	if int(h.n) > x.m.cfg.MaxBlock {
		return false
	}
	for i := h.first; i >= 0; i = x.links[i].next {
		if crm.ID(x.links[i].id) == id {
			return true
		}
	}
	return false
}

// Best returns the best-scoring candidate for r among the records that
// share a blocking key with it (r's own id excluded), with its score; ok
// is false when there is no candidate. A candidate no guard vetoes comes
// first; the best vetoed one (with Veto set) is returned instead when
// Decide flags it (it reaches merge_at, or review_at with a veto that
// flags from there: reviewVeto) and no other reaches review_at, so that
// it is flagged for review with the guard as its reason.
func (x *Index) Best(r *Record, keys []uint64) (best Result, ok bool) {
	x.stats.Lookups++
	var seen [16]crm.ID
	cands := seen[:0]
	for _, k := range keys {
		if k&putOnly != 0 {
			continue // oneSidedKey
		}
		h, found := x.heads[k&^lookupOnly]
		if !found {
			continue
		}
		if int(h.n) > x.m.cfg.MaxBlock {
			x.stats.Oversized++
			continue
		}
		for i := h.first; i >= 0; i = x.links[i].next {
			id := crm.ID(x.links[i].id)
			if id != r.ID && x.records[id].flags&pkPresent != 0 && !slices.Contains(cands, id) {
				cands = append(cands, id)
			}
		}
	}
	var strong [4]crm.ID // candidates at or above merge_at, not vetoed
	var bestV Result     // the best vetoed candidate: one Decide flags first
	okV, flagV := false, false
	nStrong := 0
	for _, id := range cands {
		if len(x.distinct) > 0 && x.distinct[pairKey(r.ID, id)] {
			continue
		}
		c := x.records[id].unpack(len(x.m.extra))
		x.stats.Pairs++
		s, veto := x.m.Score(r, &c)
		state := 0
		if earlierCounts(veto) {
			// The lead as it was before its merges: the best state
			// counts.
			for k := range x.earlier[id] {
				ec := x.earlier[id][k].unpack(len(x.m.extra))
				if es, ev := x.m.Score(r, &ec); ev == "" && x.m.earlierWins(s, veto, es) {
					s, veto, state = es, "", k+1
				}
			}
		}
		if s >= x.m.cfg.MergeAt {
			if veto != "" {
				x.stats.Vetoed++
			} else if nStrong < len(strong) {
				strong[nStrong] = id
				nStrong++
			}
		}
		if veto != "" {
			// A guard that flags from review_at on (reviewVeto) may
			// flag a pair scoring below another vetoed one that is not
			// flagged.
			vr := Result{ID: id, Score: s, Veto: veto, Earlier: state}
			flag := x.m.Decide(vr, true) == Review
			if !okV || flag && !flagV || flag == flagV && (s > bestV.Score || s == bestV.Score && id < bestV.ID) {
				bestV, okV, flagV = vr, true, flag
			}
			continue
		}
		if !ok || s > best.Score || s == best.Score && id < best.ID {
			best, ok = Result{ID: id, Score: s, Earlier: state}, true
		}
	}
	if x.linked(strong[:nStrong]) {
		x.stats.AlsoMatched++
	}
	if okV && (!ok || best.Score < x.m.cfg.ReviewAt && flagV) {
		return bestV, true
	}
	return best, ok
}

// Rescore is Best for a lead the run has looked up already (a lead that
// changed in a merge, compared again with its candidates): it is not
// counted in Stats, which count the rows looked up.
func (x *Index) Rescore(r *Record, keys []uint64) (Result, bool) {
	st := x.stats
	best, ok := x.Best(r, keys)
	x.stats = st
	return best, ok
}

// earlierCounts reports whether a lead's earlier states are compared
// after the comparison with the lead as it is gave veto. A guard's veto on
// the lead as it is stands (another tax id, another personal address at
// its domain), except the first_name guard's and those that flag
// (reviewVeto): they only say that nothing personal agrees with the lead
// as it is, and an earlier state may still hold the e-mail address, the
// company or the last name the row shares.
func earlierCounts(veto string) bool { return veto == "" || veto == VetoFirstName || reviewVeto(veto) }

// earlierWins reports whether an earlier state that no guard vetoes,
// scoring es, counts instead of the comparison so far (score s, veto): it
// scores higher, or, against a veto, Decide makes at least as much of it.
// A state the row matches worse does not take back the flag of a vetoed
// pair (a lead first stored without the company and mobile that a merge
// brought, against a row with that mobile at another company).
func (m *Matcher) earlierWins(s float64, veto string, es float64) bool {
	if veto == "" {
		return es > s
	}
	return m.Decide(Result{Score: es}, true) >= m.Decide(Result{Score: s, Veto: veto}, true)
}

// linked reports whether two of ids (the strong candidates of one row)
// may be one person: no review has found them to be two.
func (x *Index) linked(ids []crm.ID) bool {
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			if !x.distinct[pairKey(ids[i], ids[j])] {
				return true
			}
		}
	}
	return false
}

// Decision is what the rules make of a best candidate.
type Decision int

// The decisions.
const (
	New    Decision = iota // no candidate reaches review_at
	Review                 // created, flagged as a possible duplicate (also when a guard vetoes the merge)
	Merge                  // merged into the candidate
)

// reviewVeto reports whether a veto flags its pair from review_at on (not
// only from merge_at): it stands for a doubt a person should look at,
// not for two people.
func reviewVeto(v string) bool {
	return v == VetoLastName || v == VetoGenerationOneSide || v == VetoOtherEmployer || v == VetoOtherLines || v == VetoKinNames ||
		v == VetoMirroredAddresses || v == VetoInitialAtFirm
}

// Decide applies the thresholds and guards to a best candidate.
func (m *Matcher) Decide(best Result, ok bool) Decision {
	switch {
	case !ok || best.Score < m.cfg.ReviewAt:
		return New
	case best.Veto != "":
		// A guard says these are two people. Had it not, they would
		// have merged: flagged, with the guard as the reason (review
		// export's kept_apart_by), never merged. Below merge_at they
		// are a family or a firm's colleagues, who share a last name,
		// an address, a phone or a company: flagging each of those
		// would flood the review.
		if best.Score >= m.cfg.MergeAt || reviewVeto(best.Veto) {
			// Two last names with a first name and more in common, or
			// a generation suffix on one side, are flagged from
			// review_at on, as they were before these guards: a
			// married name as often as two colleagues, the son as
			// often as the father.
			return Review
		}
		return New
	case best.Score >= m.cfg.MergeAt:
		return Merge
	}
	return Review
}
