package importer

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZDump(t *testing.T) {
	pat := os.Getenv("DUMP")
	if pat == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(pat)
	for _, p := range files {
		r, err := Open(p, Options{Sheet: os.Getenv("SHEET")})
		if err != nil {
			fmt.Printf("== %s: ERROR %v\n", p, err)
			continue
		}
		d := r.Detection()
		fmt.Printf("== %s: %s enc=%s delim=%q sheet=%q 1904=%v hdr=%d\n   notes=%q\n   header=%q\n", p, d.Format, d.Encoding, d.Delimiter, d.Sheet, d.Date1904, d.HeaderRow, d.Notes, r.Header())
		n, bad := 0, 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				fmt.Printf("   FILE ERROR after %d: %v\n", n, err)
				break
			}
			n++
			if rec.Err != nil {
				bad++
			}
			if n <= 5 || (rec.Err != nil && bad <= 5) {
				s := fmt.Sprintf("%q", rec.Fields)
				if len(s) > 300 {
					s = s[:300]
				}
				fmt.Printf("   %d: %s err=%v\n", rec.Row, s, rec.Err)
			}
		}
		done, tot := r.Progress()
		fmt.Printf("   records=%d rejected=%d progress=%d/%d enc=%s\n", n, bad, done, tot, r.Detection().Encoding)
		_ = strings.TrimSpace
		r.Close()
	}
}
