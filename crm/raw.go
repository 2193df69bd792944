package crm

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// RawValue is the source value of one field, as it was read.
type RawValue struct {
	Field string // a field name or a custom header
	Value string
}

// RawValues holds the source values of a lead's fields, at most one per
// field, in no particular order. A lead has a few dozen at most, so a
// slice searched from the front costs less than a map to build, to walk
// and to collect: the import makes one per row (BENCHMARKS.md).
type RawValues []RawValue

// Get returns the raw value of field and whether there is one.
func (r RawValues) Get(field string) (string, bool) {
	for i := range r {
		if r[i].Field == field {
			return r[i].Value, true
		}
	}
	return "", false
}

// Value returns the raw value of field, or "".
func (r RawValues) Value(field string) string {
	v, _ := r.Get(field)
	return v
}

// Set sets the raw value of field, replacing the one there was.
func (r *RawValues) Set(field, value string) {
	for i := range *r {
		if (*r)[i].Field == field {
			(*r)[i].Value = value
			return
		}
	}
	*r = append(*r, RawValue{field, value})
}

// Delete removes the raw value of field, if there is one.
func (r *RawValues) Delete(field string) {
	*r = slices.DeleteFunc(*r, func(v RawValue) bool { return v.Field == field })
	if len(*r) == 0 {
		*r = nil
	}
}

// Clone returns a copy that shares nothing with r.
func (r RawValues) Clone() RawValues { return slices.Clip(slices.Clone(r)) }

// Sorted returns a copy sorted by field.
func (r RawValues) Sorted() RawValues {
	c := r.Clone()
	sortByField(c)
	return c
}

func sortByField(r RawValues) {
	slices.SortFunc(r, func(a, b RawValue) int { return strings.Compare(a.Field, b.Field) })
}

// Map returns the values as a map, nil when there are none.
func (r RawValues) Map() map[string]string {
	if len(r) == 0 {
		return nil
	}
	m := make(map[string]string, len(r))
	for _, v := range r {
		m[v.Field] = v.Value
	}
	return m
}

// RawFromMap makes RawValues from a map, sorted by field.
func RawFromMap(m map[string]string) RawValues {
	if len(m) == 0 {
		return nil
	}
	r := make(RawValues, 0, len(m))
	for k, v := range m {
		r = append(r, RawValue{k, v})
	}
	sortByField(r)
	return r
}

// MarshalJSON writes the values as one JSON object with sorted keys, as a
// map[string]string would be written.
func (r RawValues) MarshalJSON() ([]byte, error) {
	if r == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, v := range r.Sorted() {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(v.Field)
		if err != nil {
			return nil, err
		}
		val, err := json.Marshal(v.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads a JSON object of strings.
func (r *RawValues) UnmarshalJSON(data []byte) error {
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*r = RawFromMap(m)
	return nil
}
