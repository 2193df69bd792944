package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// canary is a value that must never appear in an error message.
const canary = "canary-7f3a@example.org"

var t0 = time.Date(2026, 11, 23, 10, 15, 0, 123456789, time.UTC)

// fullLead sets every field of a lead, with personal data in several
// scripts, custom fields, raw values and history.
func fullLead(id crm.ID) *crm.Lead {
	return &crm.Lead{
		ID:            id,
		Salutation:    "Frau",
		AcademicTitle: "Dr.",
		FirstName:     "Zofia",
		LastName:      "Łukasiewicz-Müller",
		Company:       "Straße & Söhne Sp. z o.o.",
		Title:         "Leiterin Einkauf",
		Email:         canary,
		Phone:         "+4930123456",
		Mobile:        "+48601234567",
		Street:        "Żółkiewskiego 12",
		PostalCode:    "00-950",
		City:          "Łódź",
		Country:       "PL",
		TaxID:         "PL5260250274",
		Source:        "Messe 2026 🎪",
		Budget:        "83500.00",
		CompanyKey:    "strasse sohne",
		LegalForm:     "Sp. z o.o.",
		EmailFreemail: true,
		EmailRole:     true,
		PhoneExt:      "204",
		Currency:      "EUR",
		EmailFields:   []string{"E-mail 2 Address"},
		CreatedAt:     t0,
		UpdatedAt:     t0.Add(36 * time.Hour),
		Status:        crm.StatusWorking,
		Stage:         crm.StageMQL,
		Custom:        map[string]string{"Interesse": "Bücher", "Größe": "XL", "": "empty header", "nul\x00byte": "bad \xff utf-8"},
		Raw:           crm.RawFromMap(map[string]string{crm.FieldEmail: " ZOFIA@Example.ORG ", crm.FieldPhone: "030 / 123 456-204", "Interesse": "Bücher"}),
		Imports:       []string{"20261123T101500Z-1a2b", "20261124T080000Z-ffff"},
		History: []crm.Change{
			{At: t0, ImportID: "20261124T080000Z-ffff", By: "import", Field: crm.FieldCity, Old: "Lodz", New: "Łódź", Reason: "newer value"},
			{At: t0.Add(time.Hour), By: "rule:hot", Field: crm.FieldStatus, Old: "New", New: "Working"},
		},
		Warnings:            []string{"phone: extension split off", "postal_code: looks German"},
		PossibleDuplicateOf: 7,
		Score:               -15,
		Grade:               crm.GradeCold,
		ScoreRules:          []crm.RuleHit{{Rule: "big budget", Points: 30}, {Rule: "freemail", Points: -45}},
		ConvertedAt:         t0.Add(48 * time.Hour),
		AccountID:           11,
		ContactID:           12,
		OpportunityID:       13,
		StatusBeforeConv:    crm.StatusQualified,
		MergedInto:          7,
		Merges: []crm.MergeRecord{
			{ID: "20261124T080000Z-ffff", At: t0, By: "import", File: "messe.csv", Row: 12, RowSig: 1<<63 + 5, Score: 23.5,
				Changes: []crm.Change{{At: t0, ImportID: "20261124T080000Z-ffff", By: "import", Field: crm.FieldPhone, Old: "", New: "+48426301234"}},
				Lead:    &crm.Lead{FirstName: "Zofia", Phone: "+48426301234", Custom: map[string]string{"Interesse": "Bücher"}}},
			{ID: "D20261125T000000Z", At: t0.Add(time.Hour), By: "dedupe", From: 99, Score: -1.25},
		},
	}
}

// TestFullLeadSetsEveryField keeps fullLead, and so the round-trip tests,
// in step with crm.Lead: a field added to the domain model but not to the
// codec fails here first.
func TestFullLeadSetsEveryField(t *testing.T) {
	v := reflect.ValueOf(fullLead(1)).Elem()
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Errorf("fullLead leaves crm.Lead.%s zero: set it so the codec round trip covers it", v.Type().Field(i).Name)
		}
	}
}

func TestRawElidedWhenSameAsNormalized(t *testing.T) {
	l := typicalLead(3)
	l.Raw = crm.RawFromMap(map[string]string{crm.FieldCity: l.City, crm.FieldEmail: "  " + l.Email, "Notiz": "x"})
	got, err := decodeLead(appendLead(nil, l))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Raw, l.Raw) {
		t.Fatalf("raw after round trip = %q, want %q", got.Raw, l.Raw)
	}
	withSame := len(appendLead(nil, l))
	l.Raw.Set(crm.FieldCity, l.City+" ")
	if withDiff := len(appendLead(nil, l)); withDiff <= withSame {
		t.Fatalf("a raw value equal to the normalized one is not elided: %d bytes vs %d", withSame, withDiff)
	}
}

// typicalLead is what a real import produces: the 15-odd fields of a CRM
// export, their raw values, one import and no history.
func typicalLead(i int) *crm.Lead {
	l := &crm.Lead{
		ID:            crm.ID(i),
		Salutation:    "Herr",
		FirstName:     fmt.Sprintf("Jürgen%d", i),
		LastName:      "Schäfer",
		Company:       fmt.Sprintf("Schäfer Maschinenbau %d GmbH", i%5000),
		Title:         "Geschäftsführer",
		Email:         fmt.Sprintf("j.schaefer%d@schaefer-maschinenbau.de", i),
		Phone:         fmt.Sprintf("+49711%07d", i),
		Street:        "Hauptstraße 12",
		PostalCode:    "70173",
		City:          "Stuttgart",
		Country:       "DE",
		TaxID:         "DE811907980",
		Source:        "Messe Hannover",
		Budget:        "25000.00",
		CompanyKey:    fmt.Sprintf("schafer maschinenbau %d", i%5000),
		LegalForm:     "GmbH",
		Currency:      "EUR",
		CreatedAt:     t0,
		UpdatedAt:     t0,
		Status:        crm.StatusNew,
		Stage:         crm.StageLead,
		Custom:        map[string]string{"Branche": "Maschinenbau", "Mitarbeiter": "250"},
		Imports:       []string{"20261123T101500Z-1a2b"},
		Warnings:      nil,
		PhoneExt:      "",
		EmailRole:     false,
		AcademicTitle: "",
	}
	l.Raw = crm.RawFromMap(map[string]string{})
	for _, f := range crm.DataFields {
		if v := l.Get(f); v != "" {
			l.Raw.Set(f, v)
		}
	}
	l.Raw.Set("Branche", "Maschinenbau")
	l.Raw.Set("Mitarbeiter", "250")
	l.Raw = l.Raw.Sorted() // as a decoded lead's are
	return l
}

func mustDecode(t testing.TB, b []byte) *crm.Lead {
	t.Helper()
	l, err := decodeLead(b)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return l
}

func TestLeadCodecRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		lead *crm.Lead
	}{
		{"id only", &crm.Lead{ID: 1}},
		{"all fields", fullLead(42)},
		{"typical", typicalLead(1234567)},
		{"max id", &crm.Lead{ID: 1<<64 - 1, PossibleDuplicateOf: 1<<64 - 1}},
		{"times before 1678 and after 2262", &crm.Lead{
			ID:        3,
			CreatedAt: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
			UpdatedAt: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
			History:   []crm.Change{{At: time.Date(1500, 6, 1, 0, 0, 0, 0, time.UTC)}},
		}},
		{"time near the nanosecond limits", &crm.Lead{
			ID:        4,
			CreatedAt: time.Unix(0, -1<<63).UTC(),
			UpdatedAt: time.Unix(0, 1<<63-1).UTC(),
		}},
		{"unix epoch", &crm.Lead{ID: 5, CreatedAt: time.Unix(0, 0).UTC()}},
		{"empty strings in lists", &crm.Lead{ID: 6, Imports: []string{""}, Warnings: []string{"", ""}, History: []crm.Change{{}}}},
		{"long value", &crm.Lead{ID: 7, Street: strings.Repeat("ü", 70000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc := appendLead(nil, tt.lead)
			got := mustDecode(t, enc)
			if !reflect.DeepEqual(got, tt.lead) {
				t.Errorf("round trip differs:\n got %+v\nwant %+v", got, tt.lead)
			}
			if again := appendLead(nil, got); !bytes.Equal(again, enc) {
				t.Errorf("re-encoding differs")
			}
		})
	}
}

func TestLeadCodecDeterministic(t *testing.T) {
	l := fullLead(9)
	for i := range 50 {
		l.Custom[fmt.Sprintf("k%02d", i)] = "v"
	}
	want := appendLead(nil, l)
	for range 20 {
		// A map copy has a new random iteration order.
		c := l.Clone()
		if got := appendLead(nil, c); !bytes.Equal(got, want) {
			t.Fatal("same lead, different bytes")
		}
	}
	// The same instant in another zone, and with a monotonic reading.
	c := l.Clone()
	berlin := time.FixedZone("CET", 3600)
	c.CreatedAt = l.CreatedAt.In(berlin)
	c.UpdatedAt = time.Now()
	l.UpdatedAt = c.UpdatedAt.Round(0).UTC()
	if !bytes.Equal(appendLead(nil, c), appendLead(nil, l)) {
		t.Error("zone or monotonic clock changed the encoding")
	}
	// Nil and empty collections encode alike.
	e1 := &crm.Lead{ID: 1, Custom: map[string]string{}, Imports: []string{}}
	e2 := &crm.Lead{ID: 1}
	if !bytes.Equal(appendLead(nil, e1), appendLead(nil, e2)) {
		t.Error("empty and nil collections encode differently")
	}
}

func TestDecodeLeadDamaged(t *testing.T) {
	valid := appendLead(nil, fullLead(42))
	// Every truncation fails cleanly.
	for n := range len(valid) {
		if _, err := decodeLead(valid[:n]); err == nil {
			t.Fatalf("truncated to %d of %d bytes: no error", n, len(valid))
		}
	}
	unordered := appendLead(nil, &crm.Lead{ID: 1})
	unordered = unordered[:len(unordered)-1] // cut PossibleDuplicateOf
	unordered = append(unordered, 0)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"unknown version", append([]byte{9}, valid[1:]...), "version 9"},
		{"trailing byte", append(bytes.Clone(valid), 0), "trailing"},
		{"huge length", []byte{leadCodecV1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f}, "exceeds"},
		{"bad varint", []byte{leadCodecV1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, "varint"},
		{"unordered map", mapRecord([][2]string{{"b", canary}, {"a", canary}}), "out of order"},
		{"duplicate map key", mapRecord([][2]string{{"a", canary}, {"a", canary}}), "out of order"},
		{"unknown flags", flagRecord(0x80), "flags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeLead(tt.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, errDamaged) {
				t.Errorf("error %v does not wrap errDamaged", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if strings.Contains(err.Error(), canary) {
				t.Errorf("error %q repeats a field value", err)
			}
		})
	}
}

// mapRecord builds a record whose Custom map has the given pairs in the
// given order, bypassing appendPairs's sorting.
func mapRecord(pairs [][2]string) []byte {
	head := appendLead(nil, &crm.Lead{ID: 1})
	// Everything of an empty lead up to Custom: version, id, 18 strings,
	// flags, 2 strings, 2 times, 2 strings, all one byte each.
	n := 1 + 1 + 18 + 1 + 2 + 2 + 2
	b := append([]byte{}, head[:n]...)
	b = append(b, byte(len(pairs)))
	for _, p := range pairs {
		b = appendString(b, p[0])
		b = appendString(b, p[1])
	}
	return append(b, head[n+1:]...)
}

func flagRecord(flags byte) []byte {
	b := appendLead(nil, &crm.Lead{ID: 1})
	b[1+1+18] = flags
	return b
}

func TestIndexCodec(t *testing.T) {
	tests := []crm.IndexEntry{
		{ID: 1},
		{ID: 2, Keys: []uint64{0, 1<<64 - 1, 42}},
		{ID: 3, RowSigs: []uint64{7}},
		{ID: 4, Keys: []uint64{1, 2}, RowSigs: []uint64{3, 4, 5}},
	}
	for _, e := range tests {
		enc := appendIndex(nil, &e)
		got, err := decodeIndex(e.ID, enc)
		if err != nil {
			t.Fatalf("entry %v: %v", e.ID, err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("round trip: got %+v, want %+v", got, e)
		}
		for n := range len(enc) {
			if _, err := decodeIndex(e.ID, enc[:n]); err == nil {
				t.Errorf("entry %v truncated to %d bytes: no error", e.ID, n)
			}
		}
		if _, err := decodeIndex(e.ID, append(enc, 0)); err == nil {
			t.Errorf("entry %v with a trailing byte: no error", e.ID)
		}
	}
}

// The JSON codec is only here for comparison in the benchmarks; check that
// it round-trips too, so the comparison is fair.
func TestJSONCodecRoundTrip(t *testing.T) {
	l := typicalLead(3)
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var got crm.Lead
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&got, l) {
		t.Errorf("json round trip differs")
	}
}

// The decoder rejects keys out of order, so a round trip proves that
// appendPairs sorted them; keys share long prefixes, hold NUL and 0xff bytes,
// and the maps are on both sides of the on-stack limit.
func TestAppendMapOrder(t *testing.T) {
	parts := []string{"", "\x00", "a", "first_na", "me", "\xff", "Ü", "12345678"}
	r := uint64(1)
	next := func(n int) int { r = r*6364136223846793005 + 1442695040888963407; return int(r>>33) % n }
	for size := range 2 * smallMap {
		m := map[string]string{}
		for len(m) < size {
			var k string
			for range 1 + next(4) {
				k += parts[next(len(parts))]
			}
			m[k] = k
		}
		l := &crm.Lead{ID: 1, Raw: crm.RawFromMap(m)}
		if size == 0 {
			l.Raw = nil
		}
		got := mustDecode(t, appendLead(nil, l))
		if !reflect.DeepEqual(got, l) {
			t.Fatalf("size %d: round trip differs", size)
		}
	}
}

// localRaw is the raw values as the values-only decoding gives them: the
// raw phone and mobile of a lead without a normalized one, when not empty,
// and a raw phone written as a switchboard number.
func localRaw(l *crm.Lead) crm.RawValues {
	var out crm.RawValues
	for _, r := range l.Raw {
		if r.Value != "" && (r.Field == crm.FieldPhone && (l.Phone == "" || crm.SwitchboardNumber(r.Value)) || r.Field == crm.FieldMobile && l.Mobile == "" ||
			r.Field == crm.FieldEmail && strings.Count(r.Value, "@") > 1) {
			out = append(out, r)
		}
	}
	return out
}

// withoutRows is the merge records as the values-only decoding gives
// them: without the merged rows.
func withoutRows(ms []crm.MergeRecord) []crm.MergeRecord {
	if len(ms) == 0 {
		return nil
	}
	out := slices.Clone(ms)
	for i := range out {
		out[i].Lead = nil
	}
	return out
}

// TestDecodeLeadFields: the values-only decoding gives the same lead as
// the full one, less what it leaves out, for both codec versions.
func TestDecodeLeadFields(t *testing.T) {
	v2 := fullLead(42)
	v1 := fullLead(42)
	v1.MergedInto, v1.Merges = 0, nil
	// An unreadable local number: its raw value is what matching reads.
	local := fullLead(42)
	local.Phone = ""
	local.Raw.Set(crm.FieldPhone, "386-5286")
	// A switchboard number: matching reads how it was written.
	switchboard := fullLead(42)
	switchboard.Phone = "+49231556670"
	switchboard.Raw.Set(crm.FieldPhone, "+49 231 55667-0")
	// Two addresses in the e-mail cell: matching reads the second.
	cell := fullLead(42)
	cell.Raw.Set(crm.FieldEmail, cell.Email+" ::: privat@gmx.de")
	for _, l := range []*crm.Lead{v1, v2, local, switchboard, cell} {
		got, err := decodeLeadFields(appendLead(nil, l))
		if err != nil {
			t.Fatal(err)
		}
		want := l.Clone()
		want.Raw, want.Imports, want.History, want.Warnings = localRaw(want), nil, nil, nil
		want.Merges = withoutRows(want.Merges)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("decodeLeadFields:\n got %+v\nwant %+v", got, want)
		}
	}
	// Damage is still found in what it reads.
	b := appendLead(nil, v1)
	if _, err := decodeLeadFields(b[:len(b)/2]); err == nil {
		t.Error("a truncated record decoded")
	}
}

// TestAppendRawMatchesReference: the one-pass encoding of the raw values
// writes the bytes of a plain reference (the values that differ from the
// lead's, sorted by key, then the mask of the data fields that equal it),
// for raw maps of every size, with values equal to the lead's or not.
func TestAppendRawMatchesReference(t *testing.T) {
	reference := func(l *crm.Lead) []byte {
		var mask uint64
		var keys []string
		custom := slices.Sorted(maps.Keys(l.Custom))
		for _, rv := range l.Raw {
			if i := slices.Index(crm.DataFields, rv.Field); i >= 0 && rv.Value == l.Get(rv.Field) {
				mask |= 1 << i
			} else if j := slices.Index(custom, rv.Field); j >= 0 && j < maxCustomMask && rv.Value == l.Custom[rv.Field] {
				mask |= 1 << (len(crm.DataFields) + j)
			} else {
				keys = append(keys, rv.Field)
			}
		}
		slices.Sort(keys)
		dst := binary.AppendUvarint(nil, uint64(len(keys)))
		for _, k := range keys {
			dst = appendString(dst, k)
			dst = appendString(dst, l.Raw.Value(k))
		}
		return binary.AppendUvarint(dst, mask)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 1000 {
		l := &crm.Lead{FirstName: "Jürgen", LastName: "Müller", Email: "j@m.de", Phone: "+4930123", Country: "DE", Budget: "100"}
		l.Raw = crm.RawFromMap(map[string]string{})
		ncustom := 60 // more custom fields than the mask has bits for
		if n%2 == 0 {
			ncustom = 6
		}
		for range rng.IntN(2 * smallMap) {
			switch rng.IntN(4) {
			case 0:
				f := crm.DataFields[rng.IntN(len(crm.DataFields))]
				l.Raw.Set(f, l.Get(f))
			case 1:
				l.Raw.Set(crm.DataFields[rng.IntN(len(crm.DataFields))], fmt.Sprint("raw ", rng.IntN(10)))
			case 2:
				// A custom field: its raw value the same as the value, or not.
				f, v := fmt.Sprintf("Spalte %02d", rng.IntN(ncustom)), fmt.Sprint(rng.IntN(10))
				l.Set(f, v)
				if rng.IntN(3) == 0 {
					v = " " + v + " "
				}
				l.Raw.Set(f, v)
			default:
				l.Raw.Set(fmt.Sprint("Unbekannt ", rng.IntN(40)), fmt.Sprint(rng.IntN(10)))
			}
		}
		var stack [smallMap]crm.RawValue
		custom := mapPairs(stack[:0], l.Custom)
		sortPairs(custom)
		if got, want := appendRaw(nil, l, custom), reference(l); !bytes.Equal(got, want) {
			t.Fatalf("lead %d, raw %v:\n got %x\nwant %x", n, l.Raw, got, want)
		}
		// And back: the lead decodes to itself.
		l.ID = crm.ID(n + 1)
		got, err := decodeLead(appendLead(nil, l))
		if err != nil {
			t.Fatalf("lead %d: %v", n, err)
		}
		if !reflect.DeepEqual(got.Raw, l.Raw.Sorted()) || !maps.Equal(got.Custom, l.Custom) {
			t.Fatalf("lead %d: raw %v custom %v, decoded raw %v custom %v", n, l.Raw.Sorted(), l.Custom, got.Raw, got.Custom)
		}
	}
}

// TestRawMaskUnknownCustomBit: a mask bit for a custom field the lead does
// not have is damage, not a value made up.
func TestRawMaskUnknownCustomBit(t *testing.T) {
	l := &crm.Lead{ID: 1, FirstName: "Anna", Custom: map[string]string{"Branche": "Bau"}}
	l.Raw = crm.RawValues{{Field: "Branche", Value: "Bau"}}
	enc := appendLead(nil, l)
	if got, err := decodeLead(enc); err != nil || got.Raw.Value("Branche") != "Bau" {
		t.Fatalf("decode: %+v, %v", got, err)
	}
	// The mask is the byte before Imports (an empty list: 0): bit 16 is
	// the first custom field's; make it bit 17, a second that is not there.
	l2 := *l
	l2.Raw = nil
	plain := appendLead(nil, &l2)
	if len(enc) != len(plain)+2 {
		t.Fatalf("encodings of %d and %d bytes: the mask should be 3 bytes instead of 1", len(enc), len(plain))
	}
	var i int
	for i = range plain {
		if enc[i] != plain[i] {
			break
		}
	}
	mask, w := binary.Uvarint(enc[i:])
	if mask != 1<<len(crm.DataFields) {
		t.Fatalf("mask %#x at byte %d", mask, i)
	}
	bad := slices.Concat(enc[:i], binary.AppendUvarint(nil, mask<<1), enc[i+w:])
	if _, err := decodeLead(bad); !errors.Is(err, errDamaged) {
		t.Fatalf("a mask bit for a missing custom field: %v", err)
	}
}

// TestAppendPrefixed: in-place encoding with the length moved in front
// writes what appendString writes, at every varint width.
func TestAppendPrefixed(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 300, 16383, 16384, 70000} {
		s := strings.Repeat("ab", n/2+1)[:n]
		for _, head := range []string{"", "x", strings.Repeat("h", 200)} {
			got := appendPrefixed([]byte(head), func(dst []byte) []byte { return append(dst, s...) })
			if want := appendString([]byte(head), s); !bytes.Equal(got, want) {
				t.Fatalf("n=%d head=%d: got %d bytes, want %d", n, len(head), len(got), len(want))
			}
		}
	}
}

// TestRawMaskWidth: the raw mask has a bit per data field below the custom
// fields' bits (maxCustomMask assumes 16); a new data field must move the
// custom bits with a new schema, never silently.
func TestRawMaskWidth(t *testing.T) {
	if len(crm.DataFields)+maxCustomMask != 64 {
		t.Fatalf("%d data fields and %d custom bits do not fill the 64-bit raw mask", len(crm.DataFields), maxCustomMask)
	}
}

// TestCustomFieldNamedLikeDataField: a custom field under a data field's
// name (which the importer never makes, but the codec must carry) round
// trips with its raw value, equal to the custom value or to the field.
func TestCustomFieldNamedLikeDataField(t *testing.T) {
	for _, raw := range []string{"x@example.com", "custom", "other"} {
		l := &crm.Lead{ID: 1, Email: "x@example.com", Custom: map[string]string{"email": "custom", "Branche": "Bau"}}
		l.Raw = crm.RawValues{{Field: "Branche", Value: "Bau"}, {Field: "email", Value: raw}}
		enc := appendLead(nil, l)
		got, err := decodeLead(enc)
		if err != nil || !reflect.DeepEqual(got, l) {
			t.Fatalf("raw %q: decoded %+v, %v; want %+v", raw, got, err, l)
		}
		if !bytes.Equal(appendLead(nil, got), enc) {
			t.Fatalf("raw %q: re-encoding differs", raw)
		}
	}
}
