package main

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/leadpipe/leadpipe/importer"
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

// TestReadmeSynopses checks README.md's command synopses (the indented
// lines that start with "leadpipe COMMAND") against the commands: every
// flag a synopsis shows exists on its command (or is global), and every
// flag of a command that has flags of its own appears in one of its
// synopses. A flag added to a command without a word in the README, or
// one the README still shows after it was renamed, fails here.
func TestReadmeSynopses(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no README.md yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := Test()
	root := newRootCommand(&globalOptions{}, ios)

	// shown collects, per command path, the flags its synopses show.
	shown := map[string]map[string]bool{}
	flagRe := regexp.MustCompile(`--[a-z][a-z0-9-]*`)
	lines := strings.Split(string(readme), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		rest, ok := strings.CutPrefix(line, "    leadpipe ")
		if !ok {
			continue
		}
		text := rest
		// Continuation lines are indented further than the command.
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "      ") && !strings.HasPrefix(strings.TrimSpace(lines[i+1]), "leadpipe ") {
			i++
			text += " " + strings.TrimSpace(lines[i])
		}
		if c, _, ok := strings.Cut(text, "  #"); ok {
			text = c // a comment after the synopsis
		}
		var words []string
		for _, w := range strings.Fields(text) {
			if strings.ContainsAny(w, "[(-'\"|.") || strings.ToUpper(w) == w {
				break // the first flag, placeholder or argument
			}
			words = append(words, w)
		}
		cmd, _, err := root.Find(words)
		if err != nil || cmd == root {
			t.Errorf("README line %d: %q names no leadpipe command", i+1, line)
			continue
		}
		path := cmd.CommandPath()
		if shown[path] == nil {
			shown[path] = map[string]bool{}
		}
		for _, f := range flagRe.FindAllString(text, -1) {
			name := strings.TrimPrefix(f, "--")
			shown[path][name] = true
			if cmd.Flags().Lookup(name) == nil && cmd.InheritedFlags().Lookup(name) == nil {
				t.Errorf("README line %d shows %s for %s, which has no such flag", i+1, f, path)
			}
		}
	}

	// Every global flag has a row in the README's table of them.
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && !strings.Contains(string(readme), "| `--"+f.Name+" ") && !strings.Contains(string(readme), "| `--"+f.Name+"`") {
			t.Errorf("README.md's Global flags table has no row for --%s (%s)", f.Name, f.Usage)
		}
	})

	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		// The usage line of --help names real flags too.
		for _, f := range flagRe.FindAllString(c.Use, -1) {
			if name := strings.TrimPrefix(f, "--"); c.Flags().Lookup(name) == nil && c.InheritedFlags().Lookup(name) == nil {
				t.Errorf("%s: usage line %q shows %s, which is no flag of it", c.CommandPath(), c.Use, f)
			}
		}
		if c != root && c.HasAvailableLocalFlags() {
			path := c.CommandPath()
			if shown[path] == nil {
				t.Errorf("README.md has no synopsis line \"    %s ...\" for a command with flags", path)
			} else {
				c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
					if !f.Hidden && f.Name != "help" && !shown[path][f.Name] {
						t.Errorf("README.md's synopsis of %s lacks --%s (%s)", path, f.Name, f.Usage)
					}
				})
			}
		}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub)
			}
		}
	}
	walk(root)
}

// TestReadmeYAML checks every ```yaml block of README.md: a mapping file
// (one with a columns: key) must parse as one, and every other block must
// pass config check as a leadpipe.yaml of its own, so that a snippet a
// user copies works as shown.
func TestReadmeYAML(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no README.md yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?ms)^```yaml\n(.*?)^```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no yaml blocks")
	}
	for i, b := range blocks {
		data := []byte(b[1])
		if regexp.MustCompile(`(?m)^columns:`).Match(data) {
			if _, err := importer.ParseMapFile("map.yaml", data); err != nil {
				t.Errorf("README yaml block %d is no mapping file: %v\n%s", i+1, err, data)
			}
			continue
		}
		for _, p := range checkConfig("leadpipe.yaml", data) {
			t.Errorf("README yaml block %d: %s\n%s", i+1, p.Message, data)
		}
	}
}
