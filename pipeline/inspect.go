package pipeline

import (
	"fmt"
	"io"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/importer"
)

// defaultSampleRows is how many rows Inspect normalizes when not told.
const defaultSampleRows = 3

// InspectOptions control Inspect. Reader, Build and MapFile mean what they
// mean for an import, so that inspect shows exactly what import would do.
type InspectOptions struct {
	Reader  importer.Options
	Build   importer.BuildOptions
	MapFile *importer.MapFile
	// Rows is the number of sample rows to normalize: 0 means
	// defaultSampleRows, negative means none.
	Rows int
}

// Inspection is what Inspect found out about one file. It holds sample
// values of the file, for the user's own terminal; it is never logged.
type Inspection struct {
	File      string             `json:"file"`
	Detection importer.Detection `json:"detected"`
	Header    []string           `json:"header"`
	// Mapping says, per column, which field it feeds and where that
	// decision came from (dictionary, mapping file, custom field).
	Mapping []string `json:"mapping"`
	// MappingWarnings are the mapping's findings: a mapping-file column
	// the header lacks, no column mapped at all.
	MappingWarnings []string `json:"mapping_warnings,omitempty"`
	Samples         []Sample `json:"samples"`
}

// Sample is one data row as an import would normalize it.
type Sample struct {
	Row int `json:"row"`
	// Fields are the core fields with a value, in crm.DataFields order.
	Fields []FieldValue `json:"fields,omitempty"`
	// Custom are the columns kept as custom fields, in sorted order.
	Custom   []FieldValue `json:"custom,omitempty"`
	Warnings []string     `json:"warnings,omitempty"`
	// Rejected is why an import would reject the row; empty when it would not.
	Rejected string `json:"rejected,omitempty"`
}

// FieldValue is a normalized value with the text the file had, when that
// differs.
type FieldValue struct {
	Field string `json:"field"`
	Value string `json:"value"`
	Raw   string `json:"raw,omitempty"`
}

// Inspect opens one input file, reports how it is read and mapped, and
// normalizes its first rows, without touching any store. The builder sees
// the same leading rows as in an import before it decides per-column
// formats (such as the date order), so the samples match what an import
// of the file would store.
func Inspect(path string, opts InspectOptions) (*Inspection, error) {
	n := opts.Rows
	if n == 0 {
		n = defaultSampleRows
	}
	ro := opts.Reader
	ro.Map = opts.MapFile // a sheet the mapping file names is a lead sheet
	r, err := importer.Open(path, ro)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	m, err := importer.NewMapping(r.Header(), opts.MapFile)
	if err != nil {
		return nil, fmt.Errorf("inspect %s: %w", path, err)
	}
	in := &Inspection{
		File:      path,
		Detection: r.Detection(),
		Header:    r.Header(),
		Mapping:   m.Describe(),
		Samples:   []Sample{},
	}
	in.MappingWarnings = m.Warnings
	if n < 0 {
		return in, nil
	}

	var head []importer.Record
	for len(head) < primeRows {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(head) == 0 {
				return nil, fmt.Errorf("inspect %s: %w", path, err)
			}
			break // show what could be read
		}
		head = append(head, rec)
	}
	b := importer.NewBuilder(m, opts.Build)
	b.Prime(head)
	for _, rec := range head[:min(n, len(head))] {
		in.Samples = append(in.Samples, sample(b, rec))
	}
	return in, nil
}

func sample(b *importer.Builder, rec importer.Record) Sample {
	s := Sample{Row: rec.Row}
	if rec.Err != nil {
		s.Rejected = reason(rec.Err)
		return s
	}
	l, err := b.Build(rec)
	if err != nil {
		s.Rejected = reason(err)
		return s
	}
	if l == nil {
		s.Rejected = "no lead built"
		return s
	}
	for _, name := range crm.DataFields {
		if v := l.Get(name); v != "" {
			s.Fields = append(s.Fields, fieldValue(l, name, v))
		}
		// The phone's extension and the budget's currency are stored
		// with their field, so they are shown beside it.
		var with string
		switch name {
		case crm.FieldPhone:
			with = crm.FieldPhoneExt
		case crm.FieldBudget:
			with = crm.FieldCurrency
		}
		if v := l.Get(with); with != "" && v != "" {
			s.Fields = append(s.Fields, fieldValue(l, with, v))
		}
	}
	if !l.CreatedAt.IsZero() {
		// Taken from the file (the builder leaves it zero otherwise).
		s.Fields = append(s.Fields, fieldValue(l, crm.FieldCreatedAt, l.Get(crm.FieldCreatedAt)))
	}
	for _, name := range l.CustomNames() {
		s.Custom = append(s.Custom, fieldValue(l, name, l.Custom[name]))
	}
	s.Warnings = l.Warnings
	return s
}

func fieldValue(l *crm.Lead, name, v string) FieldValue {
	fv := FieldValue{Field: name, Value: v}
	if raw, ok := l.Raw.Get(name); ok && raw != v {
		fv.Raw = raw
	}
	return fv
}
