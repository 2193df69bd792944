package importer

import (
	"fmt"
	"testing"
	"time"
	"unicode/utf8"
)

func TestZZValid(t *testing.T) {
	data := genLeadCSV(20000, ',')
	std := func() {
		for i := 0; i+4096 <= len(data); i += 4096 {
			utf8.Valid(data[i : i+4096])
		}
	}
	ours := func() {
		for i := 0; i+4096 <= len(data); i += 4096 {
			validUTF8(data[i : i+4096])
		}
	}
	ms, mo := time.Hour, time.Hour
	for i := 0; i < 20; i++ {
		c := cpuNow()
		for k := 0; k < 10; k++ {
			std()
		}
		ms = min(ms, cpuNow()-c)
		c = cpuNow()
		for k := 0; k < 10; k++ {
			ours()
		}
		mo = min(mo, cpuNow()-c)
	}
	fmt.Printf("std %v ours %v (%d bytes x10)\n", ms, mo, len(data))
}
