package importer

import (
	"bytes"
	"io"
	"testing"
)

func TestZZProf(t *testing.T) {
	data := genLeadCSV(100000, ',')
	for i := 0; i < 40; i++ {
		r, _ := OpenCSV("bench.csv", bytes.NewReader(data), int64(len(data)), Options{})
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
		}
	}
}
