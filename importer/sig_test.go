package importer

import (
	"testing"
)

func sigBuilder(t testing.TB, header string, opts BuildOptions) (*Builder, []string) {
	t.Helper()
	return testBuilder(t, header, opts)
}

// TestSignatureStable pins the signature of a fixed row: it is stored in the
// index, so an accidental change would make every re-import normalize all
// rows again. Change sigVersion (and this value) on purpose only.
func TestSignatureStable(t *testing.T) {
	b, h := sigBuilder(t, hdrBench, BuildOptions{Region: "DE", Source: "import"})
	rows := benchRows(t, h, 3)
	b.Prime(rows)
	got := b.Signature(rows[0])
	const want = 0xeddb5ba5873495ca
	if got != want {
		t.Errorf("Signature = %#x, want %#x", got, uint64(want))
	}
	if again := b.Signature(rows[0]); again != got {
		t.Errorf("Signature not deterministic: %#x then %#x", got, again)
	}
	// Surrounding white space does not count.
	r := rows[0]
	r.Fields = append([]string(nil), r.Fields...)
	r.Fields[1] = "  " + r.Fields[1] + "\t"
	r.Row, r.File = 99, "other.csv"
	if s := b.Signature(r); s != got {
		t.Errorf("trimmed value, other row/file: signature %#x, want %#x", s, got)
	}
}

func TestSignatureDiffers(t *testing.T) {
	base, h := sigBuilder(t, hdrBench, BuildOptions{Region: "DE"})
	rows := benchRows(t, h, 3)
	base.Prime(rows)
	ref := base.Signature(rows[0])

	seen := map[uint64]string{ref: "reference"}
	check := func(name string, s uint64) {
		t.Helper()
		if prev, dup := seen[s]; dup {
			t.Errorf("%s: signature %#x equals that of %s", name, s, prev)
		}
		seen[s] = name
	}
	for c := range rows[0].Fields {
		r := rows[0]
		r.Fields = append([]string(nil), r.Fields...)
		r.Fields[c] += "x"
		check("changed column "+h[c], base.Signature(r))
	}
	// Moving a value to the next empty cell changes the signature.
	a := Record{Fields: make([]string, len(h))}
	bb := Record{Fields: make([]string, len(h))}
	a.Fields[13], bb.Fields[14] = "a", "a"
	check("value in column 14", base.Signature(a))
	check("value in column 15", base.Signature(bb))

	for name, opts := range map[string]BuildOptions{
		"region":     {Region: "PL"},
		"source":     {Region: "DE", Source: "Messe"},
		"date order": {Region: "DE", DateOrder: "dmy"}, // the rows say mdy
	} {
		b, _ := sigBuilder(t, hdrBench, opts)
		b.Prime(rows)
		check("option "+name, b.Signature(rows[0]))
	}
	// A different mapping of the same cells: notes mapped by a mapping file.
	mf, err := ParseMapFile("map.yaml", []byte("columns:\n  notes: source\n"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMapping(h, mf)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(m, BuildOptions{Region: "DE"})
	b.Prime(rows)
	check("mapping", b.Signature(rows[0]))
}

func BenchmarkSignature(b *testing.B) {
	bl, h := sigBuilder(b, hdrBench, BuildOptions{Region: "DE"})
	rows := benchRows(b, h, 600)
	bl.Prime(rows)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = bl.Signature(rows[i%len(rows)])
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "rows/s")
}

// TestSignatureRejectsFile: a corrected rejects file (the input's columns
// plus leadpipe_row and leadpipe_reason) signs its rows like the input file.
func TestSignatureRejectsFile(t *testing.T) {
	in, h := sigBuilder(t, "Vorname;Nachname;E-Mail", BuildOptions{Region: "DE"})
	rj, hr := sigBuilder(t, "Vorname;Nachname;E-Mail;leadpipe_row;leadpipe_reason", BuildOptions{Region: "DE"})
	a := rec(t, h, "Zofia;Wójcik;zofia@wojcik.pl")
	b := rec(t, hr, "Zofia;Wójcik;zofia@wojcik.pl;3;no way to reach the person")
	if sa, sb := in.Signature(a), rj.Signature(b); sa != sb {
		t.Errorf("input row %#x, rejects-file row %#x: want equal", sa, sb)
	}
}
