package main

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
)

func TestNewStatusSetCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantTo   crm.Status
		wantIDs  []crm.ID
		want     statusSetOptions // the flag fields only
		wantCode int
		wantErr  string
	}{
		{
			name:    "ids repeated and comma separated",
			args:    []string{"status", "set", "qualified", "--id", "L0000001,2", "--id", "L0000042", "--reason", "called"},
			wantTo:  crm.StatusQualified,
			wantIDs: []crm.ID{1, 2, 42},
			want:    statusSetOptions{Status: "qualified", IDs: []string{"L0000001", "2", "L0000042"}, Reason: "called"},
		},
		{
			name:   "where, dry run and force",
			args:   []string{"status", "set", "Working", "--where", `grade == "hot"`, "--dry-run", "--force"},
			wantTo: crm.StatusWorking,
			want:   statusSetOptions{Status: "Working", Where: `grade == "hot"`, DryRun: true, Force: true},
		},
		{name: "no status", args: []string{"status", "set", "--id", "1"}, wantCode: 2, wantErr: "exactly one STATUS"},
		{name: "unknown status", args: []string{"status", "set", "Hot", "--id", "1"}, wantCode: 2, wantErr: "status set: "},
		{name: "no selection", args: []string{"status", "set", "Working"}, wantCode: 2, wantErr: "--id ID... or --where EXPR"},
		{name: "both selections", args: []string{"status", "set", "Working", "--id", "1", "--where", "true"}, wantCode: 2, wantErr: "not both"},
		{name: "empty where", args: []string{"status", "set", "Working", "--where", " "}, wantCode: 2, wantErr: "--where needs a condition"},
		{name: "bad id", args: []string{"status", "set", "Working", "--id", "nope"}, wantCode: 2, wantErr: "--id: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *statusSetOptions
			_, code, stderr := runWith(t, tt.args, func(g *globalOptions, ios *IOStreams) *cobra.Command {
				cmd := &cobra.Command{Use: "status"}
				cmd.AddCommand(newStatusSetCommand(g, ios, func(_ context.Context, o *statusSetOptions) error {
					got = o
					return nil
				}))
				return cmd
			})
			if code != tt.wantCode {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if tt.wantCode != 0 {
				if !strings.Contains(stderr, tt.wantErr) {
					t.Errorf("stderr %q does not contain %q", stderr, tt.wantErr)
				}
				return
			}
			if got.to != tt.wantTo || !reflect.DeepEqual(got.ids, tt.wantIDs) {
				t.Errorf("to %q ids %v, want %q %v", got.to, got.ids, tt.wantTo, tt.wantIDs)
			}
			flags := statusSetOptions{Status: got.Status, IDs: got.IDs, Where: got.Where, Reason: got.Reason, DryRun: got.DryRun, Force: got.Force}
			if !reflect.DeepEqual(flags, tt.want) {
				t.Errorf("options:\n got %+v\nwant %+v", flags, tt.want)
			}
		})
	}
}

func TestLeadsListWhere(t *testing.T) {
	var got *leadsListOptions
	_, code, stderr := runWith(t, []string{"leads", "list", "--where", `grade == "hot"`, "--status", "new"}, func(g *globalOptions, ios *IOStreams) *cobra.Command {
		cmd := &cobra.Command{Use: "leads"}
		cmd.AddCommand(newLeadsListCommand(g, ios, func(_ context.Context, o *leadsListOptions) error {
			got = o
			return nil
		}))
		return cmd
	})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got.Where != `grade == "hot"` || got.status != crm.StatusNew {
		t.Errorf("options %+v", got)
	}
}

// TestRulesLoaded checks that every command gets compiled rules before it
// runs, and that a bad rule section stops it with the config check message.
func TestRulesLoaded(t *testing.T) {
	capture := func(ran *bool) func(g *globalOptions, ios *IOStreams) *cobra.Command {
		return func(g *globalOptions, ios *IOStreams) *cobra.Command {
			return newScoreCommand(g, ios, func(context.Context, *scoreOptions) error {
				*ran = true
				return nil
			})
		}
	}
	var ran bool
	g, code, stderr := runWith(t, []string{"score"}, capture(&ran))
	if code != 0 || !ran || g.Scoring == nil || g.Lifecycle == nil || !g.Scoring.IsDefault() {
		t.Fatalf("without a config: exit %d, ran %t, scoring %v; %s", code, ran, g.Scoring, stderr)
	}

	bad := writeConfig(t, "scoring:\n  rules:\n    - name: big budget\n      when: budgte >= 1\n      points: 3\n")
	ran = false
	_, code, stderr = runWith(t, []string{"--config", bad, "score"}, capture(&ran))
	if code != 2 || ran {
		t.Fatalf("bad config: exit %d, ran %t", code, ran)
	}
	want := `line 4 rule "big budget": when: unknown name budgte (1:1); did you mean budget?`
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}

	// config check reads the file itself and reports the same problem.
	ios, _, out, _ := Test()
	if code := run([]string{"--config", bad, "config", "check"}, ios); code != 2 {
		t.Errorf("config check exit %d, want 2", code)
	}
	if !strings.Contains(out.String(), want) {
		t.Errorf("config check output %q lacks %q", out, want)
	}
}
