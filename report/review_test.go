package report

import (
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/dedupe"
)

func TestReadReviewFile(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []dedupe.ReviewDecision
		wantErr string // substring of the error; empty for none
	}{
		{
			name: "comma",
			in:   "decision,lead_a,lead_b\nsame,L0000002,L0000001\n,L0000004,L0000003\n",
			want: []dedupe.ReviewDecision{
				{File: "r.csv", Row: 2, A: 2, B: 1, Verdict: dedupe.Same},
				{File: "r.csv", Row: 3, A: 4, B: 3, Verdict: dedupe.Undecided},
			},
		},
		{
			// Excel writes a row whose cells were cleared as ";;;;"; the
			// rows after it keep their spreadsheet row numbers.
			name: "rows cleared in a spreadsheet are skipped",
			in:   "decision;score;lead_a;lead_b\r\nsame;31.00;L0000002;L0000001\r\n;;;\r\n  ; ;;\r\nnein;10.50;L0000006;L0000005\r\n",
			want: []dedupe.ReviewDecision{
				{File: "r.csv", Row: 2, A: 2, B: 1, Verdict: dedupe.Same},
				{File: "r.csv", Row: 5, A: 6, B: 5, Verdict: dedupe.Different},
			},
		},
		{
			// Excel's "Text (Tab delimited)" saves the file with tabs.
			name: "tab separated",
			in:   "decision\tscore\tlead_a\tlead_b\r\nsame\t31,00\tL0000002\tL0000001\r\n",
			want: []dedupe.ReviewDecision{
				{File: "r.csv", Row: 2, A: 2, B: 1, Verdict: dedupe.Same},
			},
		},
		{
			name:    "an empty file says so",
			in:      "",
			wantErr: "review file r.csv is empty",
		},
		{
			name:    "a decision without a lead id is an error",
			in:      "decision;lead_a;lead_b\n;;\nsame;;L0000001\n",
			wantErr: "review file r.csv row 3 lead_a: invalid lead id",
		},
		{
			name:    "a bad lead_b is an error",
			in:      "decision,lead_a,lead_b\ndifferent,L0000002,x\n",
			wantErr: "review file r.csv row 2 lead_b: invalid lead id",
		},
		{
			// Every bad row is named, so that one edit mends them all.
			name:    "every bad row is listed",
			in:      "decision,lead_a,lead_b\nmaybe,L0000002,L0000001\nsame,L0000004,L0000003\nsame,L0000006,y\n",
			wantErr: "review file r.csv row 2 decision: unknown value \"maybe\" (write same or different, or leave it empty)\nreview file r.csv row 4 lead_b: invalid lead id",
		},
		{
			name:    "an unknown decision is an error",
			in:      "decision,lead_a,lead_b\nmaybe,L0000002,L0000001\n",
			wantErr: "review file r.csv row 2 decision: unknown value",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadReviewFile(strings.NewReader(tt.in), "r.csv")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d decisions %+v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("decision %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestReadReviewFileManyErrors: a file whose every row is bad lists the
// first maxReviewErrors of them and says that there are more.
func TestReadReviewFileManyErrors(t *testing.T) {
	in := "decision,lead_a,lead_b\n" + strings.Repeat("maybe,L0000002,L0000001\n", maxReviewErrors+5)
	_, err := ReadReviewFile(strings.NewReader(in), "r.csv")
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxReviewErrors+1 || !strings.Contains(lines[0], "row 2 decision") ||
		lines[len(lines)-1] != "review file r.csv: more rows with errors not listed" {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}
