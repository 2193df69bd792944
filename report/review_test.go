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
