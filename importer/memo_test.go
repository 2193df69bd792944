package importer

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// TestMemo: a remembered result is the function's, a long key is never
// kept, and the map never passes memoCap entries.
func TestMemo(t *testing.T) {
	var m memo[nameParts]
	calls := 0
	f := func(v string) nameParts { calls++; return splitName(v) }
	for _, v := range []string{"Dr. Hans", "herr MÜLLER", "Herr", "o'brien", "Dr. Hans"} {
		if got, want := m.get(v, f), splitName(v); got != want {
			t.Errorf("get(%q) = %+v, want %+v", v, got, want)
		}
	}
	if calls != 4 {
		t.Errorf("f ran %d times for 4 distinct cells", calls)
	}
	// A remembered cell and its parts must not point into the record's
	// line, or the memo would keep every such line alive.
	line := strings.Repeat("x", 64) + "Anna" + strings.Repeat("y", 64)
	cell := line[64:68]
	p := m.get(cell, splitName)
	start := uintptr(unsafe.Pointer(unsafe.StringData(line)))
	for k := range m {
		if a := uintptr(unsafe.Pointer(unsafe.StringData(k))); k == "Anna" && a >= start && a < start+uintptr(len(line)) {
			t.Error("the memo's key points into the line")
		}
	}
	if a := uintptr(unsafe.Pointer(unsafe.StringData(p.name))); p.name != "Anna" || a >= start && a < start+uintptr(len(line)) {
		t.Errorf("name %q points into the line", p.name)
	}
	long := string(make([]byte, memoMaxKey+1))
	m.get(long, f)
	if _, ok := m[long]; ok {
		t.Error("a cell longer than memoMaxKey was kept")
	}
	for i := range 3 * memoCap {
		m.get(fmt.Sprint("Name", i), f)
		if len(m) > memoCap {
			t.Fatalf("memo holds %d entries", len(m))
		}
	}
}

// TestBuildMemo: rows built with a warm memo are the rows built with a
// fresh one, cell for cell, for names with salutations and titles and for
// countries, known and unknown.
func TestBuildMemo(t *testing.T) {
	rows := [][]string{
		{"Dr. Anna", "MÜLLER", "anna@example.de", "Deutschland"},
		{"Herr", "Schmidt", "herr@example.de", "Atlantis"},
		{"Prof. Dr. Jan", "kowalski", "jan@example.pl", "Polska"},
		{"Dr. Anna", "MÜLLER", "anna2@example.de", "Deutschland"},
		{"Pani Ewa", "nowak-kowalska", "ewa@example.pl", "pl"},
		{"Herr", "Schmidt", "herr2@example.de", "Atlantis"},
	}
	const header = "Vorname;Nachname;E-Mail;Land"
	opts := BuildOptions{Region: "DE", Now: fixedNow}
	warm, _ := testBuilder(t, header, opts)
	for i, row := range rows {
		cold, _ := testBuilder(t, header, opts)
		a, errA := warm.Build(Record{Row: i + 2, Fields: row})
		b, errB := cold.Build(Record{Row: i + 2, Fields: row})
		if fmt.Sprint(errA) != fmt.Sprint(errB) || fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", b) {
			t.Errorf("row %d: warm memo %+v (%v), fresh %+v (%v)", i+2, a, errA, b, errB)
		}
	}
}
