package main

import (
	"bytes"
	"regexp"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// TestLeadsShowMergeScore: a merge made by a review shows the pair's
// score it recorded; one recorded before reviews kept it (score 0) says
// the reviewer made it instead of showing "score 0.0".
func TestLeadsShowMergeScore(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	l := &crm.Lead{ID: 1, LastName: "Müller", Status: crm.StatusNew, Stage: crm.StageLead, CreatedAt: at,
		Merges: []crm.MergeRecord{
			{ID: "dedupe-1", At: at, By: "dedupe", From: 2, Score: 29},
			{ID: "review-1", At: at, By: "review", From: 3, Score: 0, Changes: []crm.Change{{Field: "title"}}},
			{ID: "review-2", At: at, By: "review", From: 4, Score: 31.25},
		}}
	var out bytes.Buffer
	if err := leadsPresenterFor(false, &out).show(l); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`(?m)^merged +L0000002 by dedupe dedupe-1, score 29\.0, 0 fields set$`,
		`(?m)^merged +L0000003 by review review-1, marked same by the reviewer, 1 fields set$`,
		`(?m)^merged +L0000004 by review review-2, score 31\.2, 0 fields set$`,
	} {
		if !regexp.MustCompile(want).Match(out.Bytes()) {
			t.Errorf("leads show lacks %s:\n%s", want, out.String())
		}
	}
}
