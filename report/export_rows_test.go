package report

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/store/storetest"
)

// TestExportRows: the count is of records written, the header and the
// merged-away leads not counted, in every format, and the bytes are those
// of Export.
func TestExportRows(t *testing.T) {
	db := storetest.OpenTest(t)
	at := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	leads := []*crm.Lead{
		{ID: 1, LastName: "Müller", Company: "Müller GmbH", CreatedAt: at, Status: crm.StatusNew, Stage: crm.StageLead},
		{ID: 2, LastName: "Nowak", Company: "Biuro", CreatedAt: at, Status: crm.StatusNew, Stage: crm.StageLead},
		{ID: 3, LastName: "Müller", Company: "Müller GmbH", CreatedAt: at, Status: crm.StatusNew, Stage: crm.StageLead, MergedInto: 1},
	}
	b := &crm.Batch{Leads: leads}
	for _, l := range leads {
		b.Index = append(b.Index, crm.IndexEntry{ID: l.ID})
	}
	if err := db.Apply(b); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []ExportOptions{
		{Object: "leads", Format: "csv"},
		{Object: "leads", Format: "xlsx"},
		{Object: "leads", Format: "csv", Target: "salesforce"},
		{Object: "accounts", Format: "csv"},
	} {
		var got, want bytes.Buffer
		n, err := ExportRows(&got, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		if wantN := map[string]int{"leads": 2, "accounts": 0}[opts.Object]; n != wantN {
			t.Errorf("%+v: %d rows, want %d", opts, n, wantN)
		}
		if err := Export(&want, db, opts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%+v: ExportRows wrote other bytes than Export", opts)
		}
	}
	if _, err := ExportRows(io.Discard, db, ExportOptions{Object: "leads", Format: "pdf"}); err == nil {
		t.Error("an unknown format was accepted")
	}
}
