package main

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

var fixDocs = flag.Bool("fixdocs", false, "rewrite the exit-code table in README.md from the code")

const (
	readmePath   = "../../README.md"
	exitCodesBeg = "<!-- exit-codes:begin -->\n"
	exitCodesEnd = "<!-- exit-codes:end -->"
)

// TestDocsUpToDate checks that every command's --help carries the exit-code
// table, and that README.md shows the same table between its exit-codes
// markers (when there is a README). Like cmd/go's help test, it fails when
// docs and code disagree; -fixdocs rewrites the README's table.
func TestDocsUpToDate(t *testing.T) {
	ios, _, _, _ := Test()
	root := newRootCommand(&globalOptions{}, ios)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !strings.Contains(c.Long, exitStatusHelp()) {
			t.Errorf("%s: --help lacks the EXIT STATUS block", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub)
			}
		}
	}
	walk(root)

	ios, _, out, _ := Test()
	if code := run([]string{"import", "--help"}, ios); code != 0 {
		t.Fatalf("import --help exited %d", code)
	}
	if !strings.Contains(out.String(), exitStatusHelp()) {
		t.Errorf("import --help output lacks the EXIT STATUS block:\n%s", out)
	}

	readme, err := os.ReadFile(readmePath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no README.md yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	beg := strings.Index(text, exitCodesBeg)
	end := strings.Index(text, exitCodesEnd)
	if beg < 0 || end < beg {
		t.Fatalf("README.md has no %q ... %q block for the exit codes", strings.TrimSpace(exitCodesBeg), exitCodesEnd)
	}
	got := text[beg+len(exitCodesBeg) : end]
	want := exitStatusMarkdown()
	if got == want {
		return
	}
	if *fixDocs {
		fixed := text[:beg+len(exitCodesBeg)] + want + text[end:]
		if err := os.WriteFile(readmePath, []byte(fixed), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote the exit-code table in %s", readmePath)
		return
	}
	t.Errorf("README.md's exit-code table differs from --help (go test -run TestDocsUpToDate -fixdocs rewrites it):\n--- README\n%s--- want\n%s", got, want)
}
