package importer

import (
	"bytes"
	"encoding/csv"
	"io"
	"testing"
)

func BenchmarkZZCSV(b *testing.B) {
	data := genLeadCSV(100000, ',')
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r, err := OpenCSV("bench.csv", bytes.NewReader(data), int64(len(data)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
		}
	}
}

func BenchmarkZZBase(b *testing.B) {
	data := genLeadCSV(100000, ',')
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		r.ReuseRecord = true
		r.FieldsPerRecord = -1
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			_ = append([]string(nil), rec...)
		}
	}
}
