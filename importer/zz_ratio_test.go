package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"syscall"
	"testing"
	"time"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZRatio(t *testing.T) {
	data := genLeadCSV(100000, ',')
	ours := func() {
		r, err := OpenCSV("bench.csv", bytes.NewReader(data), int64(len(data)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
		}
	}
	base := func() {
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
	mo, mb := time.Hour, time.Hour
	for i := 0; i < 7; i++ {
		c := cpuNow()
		ours()
		mo = min(mo, cpuNow()-c)
		c = cpuNow()
		base()
		mb = min(mb, cpuNow()-c)
	}
	fmt.Println("ours", mo, "base", mb, "ratio", float64(mo)/float64(mb))
}
