package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// FuzzDecodeLead feeds arbitrary bytes to the decoder: it must not panic,
// and it either fails with errDamaged or returns a lead that survives
// another round trip unchanged.
func FuzzDecodeLead(f *testing.F) {
	f.Add(appendLead(nil, fullLead(42)))
	f.Add(appendLead(nil, typicalLead(7)))
	f.Add(appendLead(nil, &crm.Lead{ID: 1}))
	f.Add(appendLead(nil, &crm.Lead{ID: 2, CreatedAt: time.Date(1, 2, 3, 4, 5, 6, 7, time.UTC)}))
	f.Add(mapRecord([][2]string{{"b", "1"}, {"a", "2"}}))
	f.Add([]byte{})
	f.Add([]byte{leadCodecV1})
	f.Add([]byte{leadCodecV2})
	f.Fuzz(func(t *testing.T, data []byte) {
		// The values-only decoder never panics either, and agrees with
		// the full one on every record the full one accepts.
		lite, liteErr := decodeLeadFields(data)
		l, err := decodeLead(data)
		if err != nil {
			if l != nil || !errors.Is(err, errDamaged) {
				t.Fatalf("decode error %v with lead %v", err, l)
			}
			return
		}
		if liteErr != nil {
			t.Fatalf("full decode accepts what the values-only decode refuses: %v", liteErr)
		}
		want := l.Clone()
		want.Raw, want.Imports, want.History, want.Warnings = localRaw(want), nil, nil, nil
		want.Merges = withoutRows(want.Merges)
		if !reflect.DeepEqual(lite, want) {
			t.Fatalf("values-only decode differs:\n%+v\n%+v", lite, want)
		}
		enc := appendLead(nil, l)
		l2, err := decodeLead(enc)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if !reflect.DeepEqual(l, l2) {
			t.Fatalf("round trip differs:\n%+v\n%+v", l, l2)
		}
		if !bytes.Equal(appendLead(nil, l2), enc) {
			t.Fatal("encoding is not stable")
		}
	})
}

// FuzzLeadRoundTrip builds leads from fuzzed values: decode(encode(l)) must
// equal l, and encoding it again must give the same bytes. The raw value of
// the custom field ck+"x" is by: left out when by equals cv.
func FuzzLeadRoundTrip(f *testing.F) {
	f.Add(uint64(42), "Zofia", "Łukasiewicz", canary, "Größe", "XL", "email", int64(1795000000), int64(123), byte(3), "rule:x")
	f.Add(uint64(7), "Jan", "Nowak", "jan@example.pl", "Branża", "IT", "Spalte", int64(1795000000), int64(0), byte(0), "IT")
	f.Add(uint64(1), "", "", "", "", "", "", int64(0), int64(0), byte(0), "")
	f.Add(uint64(1<<64-1), "\xff", "\x00", "a\nb", "", "\xff", "\x00", int64(-62135596800), int64(999999999), byte(1), "ü")
	f.Fuzz(func(t *testing.T, id uint64, first, last, email, ck, cv, rk string, sec, nsec int64, flags byte, by string) {
		at := time.Unix(sec%(1<<40), nsec%1e9).UTC() // years ±35 000: beyond any real date
		l := &crm.Lead{
			ID: crm.ID(id), FirstName: first, LastName: last, Email: email,
			EmailFreemail: flags&1 != 0, EmailRole: flags&2 != 0,
			CreatedAt: at, UpdatedAt: at.Add(time.Duration(nsec)),
			Status: crm.Status(by), Stage: crm.Stage(first),
			Custom:              map[string]string{ck: cv, ck + "x": cv},
			Raw:                 crm.RawFromMap(map[string]string{rk: email, crm.FieldFirstName: first, ck + "x": by}),
			Imports:             []string{by, last},
			History:             []crm.Change{{At: at, ImportID: by, By: by, Field: ck, Old: cv, New: first, Reason: last}},
			Warnings:            []string{rk},
			PossibleDuplicateOf: crm.ID(id / 3),
		}
		enc := appendLead(nil, l)
		got, err := decodeLead(enc)
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		if !reflect.DeepEqual(got, l) {
			t.Fatalf("round trip differs:\n got %+v\nwant %+v", got, l)
		}
		if !bytes.Equal(appendLead(nil, got), enc) {
			t.Fatal("re-encoding differs")
		}
	})
}

// FuzzSplitArea feeds arbitrary bytes to the reader of update-area values:
// it must not panic; a damaged value is errDamaged; what it splits joins
// back to the same bytes.
func FuzzSplitArea(f *testing.F) {
	idx := appendIndex(nil, &crm.IndexEntry{ID: 7, Keys: []uint64{1, 2}, RowSigs: []uint64{3}})
	f.Add(appendLead(nil, typicalLead(7)))
	f.Add(joinArea(idx, appendLead(nil, typicalLead(7))))
	f.Add([]byte{areaIndexed})
	f.Add([]byte{areaIndexed, 0x80})
	f.Add([]byte{areaIndexed, 5, 1})
	f.Fuzz(func(t *testing.T, v []byte) {
		idx, has, lead, err := splitArea(v)
		if err != nil {
			if !errors.Is(err, errDamaged) {
				t.Fatalf("splitArea: %v, not errDamaged", err)
			}
			return
		}
		if !has {
			if !bytes.Equal(lead, v) {
				t.Fatalf("a plain value split into a lead of %d bytes", len(lead))
			}
			return
		}
		if len(idx) != indexSizeOf(v) {
			t.Fatalf("entry of %d bytes, the header says %d", len(idx), indexSizeOf(v))
		}
		// A non-minimal length varint splits fine but joins shorter.
		if j := joinArea(idx, lead); len(j) > len(v) || !bytes.Equal(j[len(j)-len(lead):], lead) {
			t.Fatalf("join of the split is %x, value %x", j, v)
		}
		if e, err := decodeIndex(7, idx); err == nil {
			if got := appendIndex(nil, &e); len(got) != indexSize(&e) {
				t.Fatalf("indexSize %d, encoding %d bytes", indexSize(&e), len(got))
			}
		}
	})
}

// indexSizeOf reads the entry length of an indexed area value.
func indexSizeOf(v []byte) int {
	n, _ := binary.Uvarint(v[1:])
	return int(n)
}
