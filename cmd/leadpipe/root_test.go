package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// runWith runs a command line with one subcommand replaced by a version
// whose run function only captures the options, as cli/cli's TestNewCmd*
// tests do. It returns the exit code and stderr.
func runWith(t *testing.T, args []string, replace func(g *globalOptions, ios *IOStreams) *cobra.Command) (*globalOptions, int, string) {
	t.Helper()
	ios, _, _, stderr := Test()
	g := &globalOptions{}
	root := newRootCommand(g, ios)
	if replace != nil {
		sub := replace(g, ios)
		for _, c := range root.Commands() {
			if c.Name() == sub.Name() {
				root.RemoveCommand(c)
			}
		}
		root.AddCommand(sub)
	}
	root.SetArgs(args)
	root.SetContext(context.Background())
	cmd, err := root.ExecuteC()
	code := exitCode(err)
	printError(stderr, g.JSON, err, code, cmd.CommandPath())
	return g, code, stderr.String()
}

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "leadpipe.yaml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestNewImportCommand(t *testing.T) {
	cfg := writeConfig(t, "import:\n  region: pl\n  source: web\n  date_order: mdy\n  map: maps/m.yaml\n  batch_size: 500\n")
	cfgDir := filepath.Dir(cfg)
	tests := []struct {
		name     string
		args     []string
		want     importOptions
		wantCode int
		wantErr  string
	}{
		{
			name: "files and flags",
			args: []string{"import", "--source", "messe", "--dry-run", "--rejects", "r.csv", "--row-report", "rows.csv", "a.csv", "b.xlsx"},
			want: importOptions{Files: []string{"a.csv", "b.xlsx"}, Source: "messe", DryRun: true, Rejects: "r.csv", RowReport: "rows.csv"},
		},
		{
			name: "read options are normalized",
			args: []string{"import", "--region", "de", "--date-order", "DMY", "--delimiter", "tab", "--encoding", "windows-1252", "--sheet", "Leads", "a.csv"},
			want: importOptions{Files: []string{"a.csv"}, readOptions: readOptions{Region: "DE", DateOrder: "dmy", Delimiter: "\t", Encoding: "windows-1252", Sheet: "Leads"}},
		},
		{
			name: "config fills what flags leave",
			args: []string{"--config", cfg, "import", "a.csv"},
			want: importOptions{Files: []string{"a.csv"}, Source: "web", BatchSize: 500,
				readOptions: readOptions{Region: "PL", DateOrder: "mdy", MapFile: filepath.Join(cfgDir, "maps", "m.yaml")}},
		},
		{
			name: "flags win over config",
			args: []string{"--config", cfg, "import", "--source", "messe", "--region", "AT", "--date-order", "dmy", "--map", "x.yaml", "a.csv"},
			want: importOptions{Files: []string{"a.csv"}, Source: "messe", BatchSize: 500,
				readOptions: readOptions{Region: "AT", DateOrder: "dmy", MapFile: "x.yaml"}},
		},
		{name: "no files", args: []string{"import"}, wantCode: 2, wantErr: "import needs at least one FILE"},
		{name: "unknown flag", args: []string{"import", "--bogus", "a.csv"}, wantCode: 2, wantErr: "unknown flag: --bogus"},
		{name: "bad date order", args: []string{"import", "--date-order", "ymd", "a.csv"}, wantCode: 2, wantErr: "want dmy or mdy"},
		{name: "bad region", args: []string{"import", "--region", "Germany", "a.csv"}, wantCode: 2, wantErr: "alpha-2"},
		{name: "bad delimiter", args: []string{"import", "--delimiter", ":", "a.csv"}, wantCode: 2, wantErr: "want one of , ; tab |"},
		{name: "bad encoding", args: []string{"import", "--encoding", "klingon", "a.csv"}, wantCode: 2, wantErr: "unknown encoding"},
		{name: "missing explicit config", args: []string{"--config", filepath.Join(cfgDir, "nope.yaml"), "import", "a.csv"}, wantCode: 2, wantErr: "nope.yaml"},
		{name: "bad lock timeout", args: []string{"--lock-timeout", "0s", "import", "a.csv"}, wantCode: 2, wantErr: "--lock-timeout must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *importOptions
			_, code, stderr := runWith(t, tt.args, func(g *globalOptions, ios *IOStreams) *cobra.Command {
				return newImportCommand(g, ios, func(_ context.Context, o *importOptions) error {
					got = o
					return nil
				})
			})
			if code != tt.wantCode {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if tt.wantCode != 0 {
				if !strings.Contains(stderr, tt.wantErr) {
					t.Errorf("stderr %q does not contain %q", stderr, tt.wantErr)
				}
				if !strings.Contains(stderr, "--help' for usage") {
					t.Errorf("stderr %q does not point to --help", stderr)
				}
				return
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options:\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestGlobalOptions(t *testing.T) {
	cfg := writeConfig(t, "store:\n  lock_timeout: 9s\n")
	bad := writeConfig(t, "import:\n  regoin: DE\n")
	tests := []struct {
		name        string
		env         string
		args        []string
		wantStore   string
		wantTimeout time.Duration
		wantCode    int
		wantErr     string
	}{
		{name: "defaults", args: []string{"leads", "list"}, wantStore: "leadpipe.db", wantTimeout: 2 * time.Second},
		{name: "env names the store", env: "/data/crm.db", args: []string{"leads", "list"}, wantStore: "/data/crm.db", wantTimeout: 2 * time.Second},
		{name: "flag beats env", env: "/data/crm.db", args: []string{"--store", "x.db", "leads", "list"}, wantStore: "x.db", wantTimeout: 2 * time.Second},
		{name: "config lock timeout", args: []string{"--config", cfg, "leads", "list"}, wantStore: "leadpipe.db", wantTimeout: 9 * time.Second},
		{name: "flag beats config", args: []string{"--config", cfg, "--lock-timeout", "100ms", "leads", "list"}, wantStore: "leadpipe.db", wantTimeout: 100 * time.Millisecond},
		{name: "config error names file and line", args: []string{"--config", bad, "leads", "list"}, wantCode: 2, wantErr: bad + `:2: unknown key "regoin" in section import`},
		{name: "json errors", args: []string{"--json", "leads", "list", "extra"}, wantCode: 2, wantErr: `"exit_code":2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(envStore, tt.env)
			var ran bool
			g, code, stderr := runWith(t, tt.args, func(g *globalOptions, ios *IOStreams) *cobra.Command {
				leads := &cobra.Command{Use: "leads"}
				leads.AddCommand(newLeadsListCommand(g, ios, func(context.Context, *leadsListOptions) error {
					ran = true
					return nil
				}))
				return leads
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
			if !ran {
				t.Fatal("command did not run")
			}
			if g.StorePath != tt.wantStore || g.LockTimeout != tt.wantTimeout {
				t.Errorf("store %q timeout %v, want %q %v", g.StorePath, g.LockTimeout, tt.wantStore, tt.wantTimeout)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"unknown command", []string{"imprt"}, `unknown command "imprt" for "leadpipe"`},
		{"unknown leads command", []string{"leads", "lst"}, `unknown command "lst" for "leadpipe leads"`},
		{"list takes no args", []string{"leads", "list", "x"}, "takes no arguments"},
		{"bad status", []string{"leads", "list", "--status", "hot"}, `--status: unknown status "hot"`},
		{"bad stage", []string{"leads", "list", "--stage", "won"}, `--stage: unknown stage "won"`},
		{"negative limit", []string{"leads", "list", "--limit", "-1"}, "--limit must not be negative"},
		{"show without id", []string{"leads", "show"}, "exactly one lead ID"},
		{"show bad id", []string{"leads", "show", "X1"}, "invalid lead id"},
		{"export format", []string{"export", "--format", "pdf"}, `--format "pdf" is not supported (supported: csv, xlsx)`},
		{"export object", []string{"export", "--object", "deals"}, `--object "deals" is not supported (supported: leads, accounts, contacts, opportunities)`},
		{"export target", []string{"export", "--target", "pipedrive"}, `--target "pipedrive" is not supported (supported: salesforce, hubspot, dynamics)`},
		{"export xlsx to stdout", []string{"export", "--format", "xlsx"}, "--format xlsx needs --output FILE"},
		{"export json to stdout", []string{"--json", "export"}, "--json needs --output FILE"},
		{"inspect rows", []string{"inspect", "--rows", "-2", "a.csv"}, "--rows must not be negative"},
		{"inspect no files", []string{"inspect"}, "inspect needs at least one FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, stderr := Test()
			if code := run(tt.args, ios); code != exitUsage {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.wantErr)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout not empty: %q", stdout)
			}
		})
	}
}

func TestHelpWithoutCommand(t *testing.T) {
	for _, args := range [][]string{nil, {"leads"}} {
		ios, _, stdout, _ := Test()
		if code := run(args, ios); code != 0 {
			t.Errorf("%q: exit %d", args, code)
		}
		if !strings.Contains(stdout.String(), "Available Commands") {
			t.Errorf("%q: no help on stdout:\n%s", args, stdout)
		}
	}
}
