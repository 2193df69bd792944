package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// The lead codec. A stored lead is decoded once per lead on every import
// (dedupe) and every export, so it is a compact hand-written format rather
// than JSON; BenchmarkEncodeLead and BenchmarkDecodeLead show both.
//
//	version  byte (leadCodecV1)
//	id       uvarint
//	16 data fields, CompanyKey, LegalForm       string each
//	flags    byte: 1 EmailFreemail, 2 EmailRole, 4 EmailFields follow
//	PhoneExt, Currency                          string each
//	EmailFields                                 strings, with flag 4 only
//	CreatedAt, UpdatedAt                        time each
//	Status, Stage                               string each
//	Custom                                      map
//	Raw      map of the raw values that differ from the normalized ones,
//	         then uvarint bit mask: bit i set means Raw[crm.DataFields[i]]
//	         equals that field's normalized value (most raw values do:
//	         storing them once halves a typical lead); bit 16+j, the raw
//	         value of the j-th custom field by name (j < 48) equals its
//	         custom value (schema 4)
//	Imports                                     strings
//	History  uvarint n, then n × (At time; ImportID, By, Field, Old, New, Reason string)
//	Warnings                                    strings
//	PossibleDuplicateOf                         uvarint
//	Score varint, Grade string, ScoreRules uvarint n × (Rule string, Points varint)
//	ConvertedAt time, AccountID, ContactID, OpportunityID uvarint, StatusBeforeConv string
//	version 2 only, for leads with merges:
//	MergedInto uvarint
//	Merges   uvarint n, then n × (ID string, At time, By string, From uvarint,
//	         File string, Row uvarint, RowSig uvarint, Score float64 bits uvarint,
//	         Changes uvarint m × (Field, Old, New string), Lead string: the
//	         encoding of the row's lead, empty for none)
//
//	string   uvarint length, bytes
//	strings  uvarint n, n × string
//	map      uvarint n, n × (key string, value string), keys strictly ascending
//	time     byte 0: zero time
//	         byte 1: varint unix nanoseconds
//	         byte 2: varint unix seconds, uvarint nanoseconds (outside 1678–2262)
//
// The encoding is deterministic: equal leads give equal bytes, whatever the
// map iteration order or time zone. Decoded times are in UTC; empty maps and
// slices decode as nil. A new field means a new version byte; the decoder
// keeps reading the old versions.
const (
	leadCodecV1 = 1
	// leadCodecV2 adds the merge fields. A lead without them is written as
	// version 1, so that stores written before merges existed keep their
	// bytes when nothing changes.
	leadCodecV2 = 2
)

const (
	flagFreemail = 1 << iota
	flagRole
	// flagEmailFields: the lead names custom fields holding e-mail
	// addresses; leads without (all before them) keep their bytes.
	flagEmailFields
	flagsKnown = flagFreemail | flagRole | flagEmailFields
)

const (
	timeZero  = 0
	timeNanos = 1
	timeSecs  = 2
)

// Unix seconds whose time, with any nanosecond part, fits in int64 nanoseconds.
const (
	minNanoSec = -9223372036
	maxNanoSec = 9223372035
)

// errDamaged is the cause of every decode failure: the record is not a
// valid encoding. Messages carry byte offsets, never the bytes.
var errDamaged = errors.New("damaged record")

// appendLead appends the encoding of l to dst.
func appendLead(dst []byte, l *crm.Lead) []byte {
	v2 := l.MergedInto != 0 || len(l.Merges) > 0
	if v2 {
		dst = append(dst, leadCodecV2)
	} else {
		dst = append(dst, leadCodecV1)
	}
	dst = binary.AppendUvarint(dst, uint64(l.ID))
	for _, s := range [...]string{
		l.Salutation, l.AcademicTitle, l.FirstName, l.LastName,
		l.Company, l.Title, l.Email, l.Phone, l.Mobile,
		l.Street, l.PostalCode, l.City, l.Country, l.TaxID,
		l.Source, l.Budget, l.CompanyKey, l.LegalForm,
	} {
		dst = appendString(dst, s)
	}
	var flags byte
	if l.EmailFreemail {
		flags |= flagFreemail
	}
	if l.EmailRole {
		flags |= flagRole
	}
	if len(l.EmailFields) > 0 {
		flags |= flagEmailFields
	}
	dst = append(dst, flags)
	dst = appendString(dst, l.PhoneExt)
	dst = appendString(dst, l.Currency)
	if len(l.EmailFields) > 0 {
		dst = appendStrings(dst, l.EmailFields)
	}
	dst = appendTime(dst, l.CreatedAt)
	dst = appendTime(dst, l.UpdatedAt)
	dst = appendString(dst, string(l.Status))
	dst = appendString(dst, string(l.Stage))
	var stack [smallMap]crm.RawValue
	custom := mapPairs(stack[:0], l.Custom)
	dst = appendPairs(dst, custom) // sorts custom
	dst = appendRaw(dst, l, custom)
	dst = appendStrings(dst, l.Imports)
	dst = binary.AppendUvarint(dst, uint64(len(l.History)))
	for i := range l.History {
		c := &l.History[i]
		dst = appendTime(dst, c.At)
		dst = appendString(dst, c.ImportID)
		dst = appendString(dst, c.By)
		dst = appendString(dst, c.Field)
		dst = appendString(dst, c.Old)
		dst = appendString(dst, c.New)
		dst = appendString(dst, c.Reason)
	}
	dst = appendStrings(dst, l.Warnings)
	dst = binary.AppendUvarint(dst, uint64(l.PossibleDuplicateOf))
	dst = binary.AppendVarint(dst, int64(l.Score))
	dst = appendString(dst, string(l.Grade))
	dst = binary.AppendUvarint(dst, uint64(len(l.ScoreRules)))
	for _, h := range l.ScoreRules {
		dst = appendString(dst, h.Rule)
		dst = binary.AppendVarint(dst, int64(h.Points))
	}
	dst = appendTime(dst, l.ConvertedAt)
	dst = binary.AppendUvarint(dst, uint64(l.AccountID))
	dst = binary.AppendUvarint(dst, uint64(l.ContactID))
	dst = binary.AppendUvarint(dst, uint64(l.OpportunityID))
	dst = appendString(dst, string(l.StatusBeforeConv))
	if v2 {
		dst = binary.AppendUvarint(dst, uint64(l.MergedInto))
		dst = binary.AppendUvarint(dst, uint64(len(l.Merges)))
		for i := range l.Merges {
			m := &l.Merges[i]
			dst = appendString(dst, m.ID)
			dst = appendTime(dst, m.At)
			dst = appendString(dst, m.By)
			dst = binary.AppendUvarint(dst, uint64(m.From))
			dst = appendString(dst, m.File)
			dst = binary.AppendUvarint(dst, uint64(m.Row))
			dst = binary.AppendUvarint(dst, m.RowSig)
			dst = binary.AppendUvarint(dst, math.Float64bits(m.Score))
			dst = binary.AppendUvarint(dst, uint64(len(m.Changes)))
			for _, c := range m.Changes {
				dst = appendString(dst, c.Field)
				dst = appendString(dst, c.Old)
				dst = appendString(dst, c.New)
			}
			if m.Lead != nil {
				dst = appendPrefixed(dst, func(dst []byte) []byte { return appendLead(dst, m.Lead) })
			} else {
				dst = appendString(dst, "")
			}
		}
	}
	return dst
}

// appendRaw appends the raw values that differ from the lead's values, as
// a map (sorted by key), then the mask of the data fields (bit i for
// crm.DataFields[i]) whose raw value equals the value, in one pass over the
// values.
//
// Bit len(crm.DataFields)+j stands for the custom field custom[j] (the
// lead's custom fields sorted by name, j < maxCustomMask) whose raw value
// equals its value: an export's own columns are custom fields, and most
// of their cells need no cleaning, so each was stored twice (schema 4).
func appendRaw(dst []byte, l *crm.Lead, custom []crm.RawValue) []byte {
	var stack [smallMap]crm.RawValue
	keep := stack[:0]
	if len(l.Raw) > smallMap {
		keep = make([]crm.RawValue, 0, len(l.Raw))
	}
	var mask uint64
	for _, rv := range l.Raw {
		if i, p := l.DataField(rv.Field); p != nil {
			if rv.Value == *p {
				mask |= 1 << i
				continue
			}
		} else if j, found := slices.BinarySearchFunc(custom, rv.Field, func(p crm.RawValue, f string) int {
			return strings.Compare(p.Field, f)
		}); found && j < maxCustomMask && custom[j].Value == rv.Value {
			mask |= 1 << (len(crm.DataFields) + j)
			continue
		}
		keep = append(keep, rv)
	}
	dst = appendPairs(dst, keep)
	return binary.AppendUvarint(dst, mask)
}

// maxCustomMask is the number of custom fields the raw mask has bits for,
// above the 16 data fields (TestRawMaskWidth).
const maxCustomMask = 64 - 16

// mapPairs appends the pairs of m to pairs, unsorted.
func mapPairs(pairs []crm.RawValue, m map[string]string) []crm.RawValue {
	for k, v := range m {
		pairs = append(pairs, crm.RawValue{Field: k, Value: v})
	}
	return pairs
}

// sortPairs sorts pairs by key: an insertion sort for the few a lead has,
// comparing the keys' first 8 bytes as one integer first (a third faster
// than slices.SortFunc on a lead's raw values).
func sortPairs(r []crm.RawValue) {
	if len(r) > smallMap {
		slices.SortFunc(r, func(a, b crm.RawValue) int { return strings.Compare(a.Field, b.Field) })
		return
	}
	var pre [smallMap]uint64
	for i := range r {
		pre[i] = prefix(r[i].Field)
	}
	for i := 1; i < len(r); i++ {
		for j := i; j > 0 && (pre[j] < pre[j-1] || pre[j] == pre[j-1] && r[j].Field < r[j-1].Field); j-- {
			r[j], r[j-1] = r[j-1], r[j]
			pre[j], pre[j-1] = pre[j-1], pre[j]
		}
	}
}

// appendPrefixed appends what enc appends, preceded by its length as a
// uvarint, as appendString writes a string: encoded in place and moved
// up by the length's width, where a buffer of its own cost an allocation
// per merge record.
func appendPrefixed(dst []byte, enc func([]byte) []byte) []byte {
	start := len(dst)
	dst = enc(dst)
	n := len(dst) - start
	var w [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(w[:], uint64(n))
	dst = append(dst, w[:k]...)
	copy(dst[start+k:], dst[start:start+n])
	copy(dst[start:], w[:k])
	return dst
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendStrings(dst []byte, ss []string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ss)))
	for _, s := range ss {
		dst = appendString(dst, s)
	}
	return dst
}

// appendPairs sorts pairs by key and appends their number and them: how
// a map (mapPairs) is written, so that the encoding does not depend on
// Go's random map order.
func appendPairs(dst []byte, pairs []crm.RawValue) []byte {
	if len(pairs) > 1 {
		sortPairs(pairs)
	}
	dst = binary.AppendUvarint(dst, uint64(len(pairs)))
	for _, p := range pairs {
		dst = appendString(dst, p.Field)
		dst = appendString(dst, p.Value)
	}
	return dst
}

// smallMap is the most pairs the encoder sorts on the stack.
const smallMap = 32

// prefix returns the first 8 bytes of s as a big-endian integer, zero-padded:
// prefix(a) < prefix(b) implies a < b, and equal prefixes need a full compare.
func prefix(s string) uint64 {
	if len(s) >= 8 {
		return binary.BigEndian.Uint64([]byte(s[:8]))
	}
	var b [8]byte
	copy(b[:], s)
	return binary.BigEndian.Uint64(b[:])
}

func appendTime(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(dst, timeZero)
	}
	sec := t.Unix()
	if sec >= minNanoSec && sec <= maxNanoSec {
		dst = append(dst, timeNanos)
		return binary.AppendVarint(dst, sec*1e9+int64(t.Nanosecond()))
	}
	dst = append(dst, timeSecs)
	dst = binary.AppendVarint(dst, sec)
	return binary.AppendUvarint(dst, uint64(t.Nanosecond()))
}

// decodeLead decodes one stored lead. It copies data once into a string and
// slices every text field out of it, so the result holds no reference to data
// (which bbolt only guarantees for the life of a transaction) and costs one
// allocation for all strings together.
func decodeLead(data []byte) (*crm.Lead, error) { return decodeLeadMode(data, false) }

// decodeLeadFields decodes what matching and scoring read: the fields,
// derived facts, status, custom fields, score and links, the merge
// records without their rows (matching rebuilds a lead's earlier states
// from their changes), and of Raw only an unreadable phone or mobile and
// a switchboard number (localPhones); not Imports, History or Warnings. It skips them without
// allocating, which halves the cost of a full scan.
func decodeLeadFields(data []byte) (*crm.Lead, error) { return decodeLeadMode(data, true) }

func decodeLeadMode(data []byte, lite bool) (*crm.Lead, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty", errDamaged)
	}
	if data[0] != leadCodecV1 && data[0] != leadCodecV2 {
		return nil, fmt.Errorf("%w: unknown encoding version %d", errDamaged, data[0])
	}
	d := decoder{b: data, s: string(data), off: 1}
	l := &crm.Lead{}
	l.ID = crm.ID(d.uvarint())
	for _, p := range [...]*string{
		&l.Salutation, &l.AcademicTitle, &l.FirstName, &l.LastName,
		&l.Company, &l.Title, &l.Email, &l.Phone, &l.Mobile,
		&l.Street, &l.PostalCode, &l.City, &l.Country, &l.TaxID,
		&l.Source, &l.Budget, &l.CompanyKey, &l.LegalForm,
	} {
		*p = d.str()
	}
	flags := d.u8()
	if flags&^flagsKnown != 0 {
		d.fail("unknown flags %#x", flags)
	}
	l.EmailFreemail = flags&flagFreemail != 0
	l.EmailRole = flags&flagRole != 0
	l.PhoneExt = d.str()
	l.Currency = d.str()
	if flags&flagEmailFields != 0 {
		if l.EmailFields = d.strs(); len(l.EmailFields) == 0 {
			d.fail("e-mail fields flagged but none")
		}
	}
	l.CreatedAt = d.time()
	l.UpdatedAt = d.time()
	l.Status = crm.Status(d.str())
	l.Stage = crm.Stage(d.str())
	l.Custom = d.strMap()
	if lite {
		d.localPhones(l)                  // Raw: the phones matching reads
		d.uvarint()                       // its mask
		d.skipStrs()                      // Imports
		for n := d.count(7); n > 0; n-- { // History
			d.time()
			for range 6 {
				d.skip()
			}
		}
		d.skipStrs() // Warnings
	} else {
		l.Raw = d.rawValues()
		d.rawMask(l)
		l.Imports = d.strs()
		d.history(l)
		l.Warnings = d.strs()
	}
	l.PossibleDuplicateOf = crm.ID(d.uvarint())
	l.Score = int(d.varint())
	l.Grade = crm.Grade(d.str())
	if n := d.count(2); n > 0 {
		l.ScoreRules = make([]crm.RuleHit, n)
		for i := range l.ScoreRules {
			l.ScoreRules[i].Rule = d.str()
			l.ScoreRules[i].Points = int(d.varint())
		}
	}
	l.ConvertedAt = d.time()
	l.AccountID = crm.AccountID(d.uvarint())
	l.ContactID = crm.ContactID(d.uvarint())
	l.OpportunityID = crm.OpportunityID(d.uvarint())
	l.StatusBeforeConv = crm.Status(d.str())
	if data[0] == leadCodecV2 {
		d.merges(l, lite)
	}
	if d.err == nil && d.off != len(data) {
		d.fail("%d trailing bytes", len(data)-d.off)
	}
	if d.err != nil {
		return nil, d.err
	}
	return l, nil
}

// rawMask reads the bit mask of raw values equal to their field, data
// fields and custom fields (see appendRaw).
func (d *decoder) rawMask(l *crm.Lead) {
	mask := d.uvarint()
	if mask == 0 {
		return
	}
	var keys []string // the custom fields, sorted, when the mask names some
	if high := mask >> len(crm.DataFields); high != 0 {
		keys = slices.Sorted(maps.Keys(l.Custom))
		if n := min(len(keys), maxCustomMask); high>>n != 0 {
			d.fail("unknown raw mask bits %#x", mask)
			return
		}
	}
	if l.Raw == nil {
		l.Raw = make(crm.RawValues, 0, bits.OnesCount64(mask))
	}
	add := func(f, v string) {
		if _, dup := l.Raw.Get(f); dup {
			d.fail("raw value of %s stored twice", f)
		}
		l.Raw = append(l.Raw, crm.RawValue{Field: f, Value: v})
	}
	for i, f := range crm.DataFields {
		if mask&(1<<i) != 0 {
			add(f, l.Get(f))
		}
	}
	for j, f := range keys {
		if j < maxCustomMask && mask&(1<<(len(crm.DataFields)+j)) != 0 {
			add(f, l.Custom[f])
		}
	}
	sortPairs(l.Raw) // a decoded lead's raw values are sorted by field
}

// history reads the history entries.
func (d *decoder) history(l *crm.Lead) {
	n := d.count(7) // a change is at least 7 bytes: a time and six strings
	if n == 0 {
		return
	}
	l.History = make([]crm.Change, n)
	for i := range l.History {
		c := &l.History[i]
		c.At = d.time()
		c.ImportID = d.str()
		c.By = d.str()
		c.Field = d.str()
		c.Old = d.str()
		c.New = d.str()
		c.Reason = d.str()
	}
}

// skip passes over a string.
func (d *decoder) skip() {
	n := d.uvarint()
	if d.err != nil {
		return
	}
	if n > uint64(len(d.b)-d.off) {
		d.fail("string of %d bytes exceeds the record", n)
		return
	}
	d.off += int(n)
}

// skipStrs passes over a list of strings.
func (d *decoder) skipStrs() {
	for n := d.count(1); n > 0; n-- {
		d.skip()
	}
}

// skipMap passes over a map.
// localPhones reads the raw values of a values-only decoding: of them it
// keeps only the raw phone and mobile of a lead whose normalized one is
// empty, a raw phone written as a firm's switchboard number
// (crm.SwitchboardNumber), and an e-mail cell holding more than one
// address. Matching compares such a number (seven or eight digits
// without an area code) by its digits, gives a switchboard number less
// weight, and takes the cell's further addresses as the person's other
// ones; it must do so after a store is reopened as it did in the run that
// stored it.
func (d *decoder) localPhones(l *crm.Lead) {
	for n := d.count(2); n > 0; n-- {
		k, v := d.str(), d.str()
		if v != "" && (k == crm.FieldPhone && (l.Phone == "" || crm.SwitchboardNumber(v)) || k == crm.FieldMobile && l.Mobile == "" ||
			k == crm.FieldEmail && strings.Count(v, "@") > 1) {
			l.Raw = append(l.Raw, crm.RawValue{Field: k, Value: v})
		}
	}
}

// merges reads the version 2 tail.
//
// lite reads the records without the merged rows' leads (Lead is nil),
// which matching does not need: it rebuilds a lead's earlier states from
// the changes alone.
func (d *decoder) merges(l *crm.Lead, lite bool) {
	l.MergedInto = crm.ID(d.uvarint())
	n := d.count(8)
	if n == 0 {
		return
	}
	l.Merges = make([]crm.MergeRecord, n)
	for i := range l.Merges {
		m := &l.Merges[i]
		m.ID = d.str()
		m.At = d.time()
		m.By = d.str()
		m.From = crm.ID(d.uvarint())
		m.File = d.str()
		m.Row = int(d.uvarint())
		m.RowSig = d.uvarint()
		m.Score = math.Float64frombits(d.uvarint())
		if math.IsNaN(m.Score) || math.IsInf(m.Score, 0) {
			// A match score is always a finite sum of weights (found by
			// FuzzDecodeLead: a NaN could be stored back as read but
			// never compared equal).
			d.fail("merge score %v", m.Score)
		}
		if k := d.count(3); k > 0 {
			m.Changes = make([]crm.Change, k)
			for j := range m.Changes {
				c := &m.Changes[j]
				c.Field, c.Old, c.New = d.str(), d.str(), d.str()
				c.At, c.ImportID, c.By = m.At, m.ID, m.By
			}
		}
		if lite {
			d.skip()
			continue
		}
		if enc := d.str(); enc != "" && d.err == nil {
			// The row's lead never has merges of its own (version 1), so
			// a record cannot nest records without end.
			if enc[0] != leadCodecV1 {
				d.fail("merge %d: the merged row is encoded as version %d", i, enc[0])
				return
			}
			row, err := decodeLead([]byte(enc))
			if err != nil {
				d.fail("merge %d: %v", i, err)
				return
			}
			m.Lead = row
		}
	}
}

// decoder reads the binary codec. b and s hold the same bytes: varints are
// read from b, strings are sliced from s. The first error sticks and every
// later read returns a zero value.
type decoder struct {
	b   []byte
	s   string
	off int
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w at byte %d: %s", errDamaged, d.off, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) u8() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.b) {
		d.fail("truncated")
		return 0
	}
	c := d.b[d.off]
	d.off++
	return c
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.off += n
	return v
}

// count reads an element count and checks it against the bytes left, each
// element taking at least min bytes, so a damaged count cannot make the
// decoder allocate more than the record's size.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if d.err != nil {
		return 0
	}
	if n > uint64((len(d.b)-d.off)/min) {
		d.fail("count %d exceeds the record", n)
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)-d.off) {
		d.fail("length %d exceeds the record", n)
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) strMap() map[string]string {
	n := d.count(2)
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n)
	if !d.sortedPairs(n, func(k, v string) { m[k] = v }) {
		return nil
	}
	return m
}

// rawValues reads a map of raw values (sorted by key) into RawValues,
// with room for the values the mask adds.
func (d *decoder) rawValues() crm.RawValues {
	n := d.count(2)
	if n == 0 {
		return nil
	}
	r := make(crm.RawValues, 0, n+len(crm.DataFields)/2)
	if !d.sortedPairs(n, func(k, v string) { r = append(r, crm.RawValue{Field: k, Value: v}) }) {
		return nil
	}
	return r
}

// sortedPairs reads n key/value pairs whose keys must rise strictly, as
// appendPairs writes them, and hands each to add; false when they are
// damaged (d.err says how).
func (d *decoder) sortedPairs(n int, add func(k, v string)) bool {
	var prev string
	for i := range n {
		k := d.str()
		v := d.str()
		if d.err != nil {
			return false
		}
		if i > 0 && k <= prev {
			d.fail("map keys out of order")
			return false
		}
		add(k, v)
		prev = k
	}
	return true
}

func (d *decoder) time() time.Time {
	switch tag := d.u8(); tag {
	case timeZero:
		return time.Time{}
	case timeNanos:
		return time.Unix(0, d.varint()).UTC()
	case timeSecs:
		sec := d.varint()
		nsec := d.uvarint()
		if nsec >= 1e9 {
			d.fail("bad nanoseconds")
			return time.Time{}
		}
		return time.Unix(sec, int64(nsec)).UTC()
	default:
		d.fail("unknown time tag %d", tag)
		return time.Time{}
	}
}

// The index codec: version byte, then the match keys and the row signatures,
// each as uvarint n followed by n fixed 8-byte big-endian values (they are
// hashes, so varints would only make them longer). The lead id is the key.
const indexCodecV1 = 1

func appendIndex(dst []byte, e *crm.IndexEntry) []byte {
	dst = append(dst, indexCodecV1)
	dst = binary.AppendUvarint(dst, uint64(len(e.Keys)))
	for _, k := range e.Keys {
		dst = binary.BigEndian.AppendUint64(dst, k)
	}
	dst = binary.AppendUvarint(dst, uint64(len(e.RowSigs)))
	for _, s := range e.RowSigs {
		dst = binary.BigEndian.AppendUint64(dst, s)
	}
	return dst
}

// indexSize is the length of appendIndex's encoding of e.
func indexSize(e *crm.IndexEntry) int {
	return 1 + uvarintLen(uint64(len(e.Keys))) + 8*len(e.Keys) + uvarintLen(uint64(len(e.RowSigs))) + 8*len(e.RowSigs)
}

func uvarintLen(x uint64) int { return (bits.Len64(x|1) + 6) / 7 }

// decodeIndex decodes an index entry; both lists share one allocation.
func decodeIndex(id crm.ID, data []byte) (crm.IndexEntry, error) {
	e := crm.IndexEntry{ID: id}
	if len(data) == 0 || data[0] != indexCodecV1 {
		return e, fmt.Errorf("%w: unknown index encoding", errDamaged)
	}
	d := decoder{b: data, off: 1}
	nk := d.count(8)
	kb := d.off
	d.off += nk * 8
	ns := d.count(8)
	sb := d.off
	d.off += ns * 8
	if d.err == nil && d.off != len(data) {
		d.fail("%d trailing bytes", len(data)-d.off)
	}
	if d.err != nil {
		return e, d.err
	}
	if nk+ns == 0 {
		return e, nil
	}
	all := make([]uint64, nk+ns)
	for i := range nk {
		all[i] = binary.BigEndian.Uint64(data[kb+8*i:])
	}
	for i := range ns {
		all[nk+i] = binary.BigEndian.Uint64(data[sb+8*i:])
	}
	if nk > 0 {
		e.Keys = all[:nk:nk]
	}
	if ns > 0 {
		e.RowSigs = all[nk:]
	}
	return e, nil
}
