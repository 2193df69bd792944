package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/leadpipe/leadpipe/convert"
	"github.com/leadpipe/leadpipe/dedupe"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/leadpipe/leadpipe/config"
	"github.com/leadpipe/leadpipe/lifecycle"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
	"github.com/leadpipe/leadpipe/scoring"
)

// errConfigProblems is returned by config check when it found problems,
// after listing them: exit 2 (a bad configuration file), nothing more printed.
var errConfigProblems = &usageError{err: errors.New("the configuration file has problems"), config: true}

func newConfigCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config <command>",
		Short: "Check the configuration file, or print the default rules",
		Long: withExitStatus(`The config commands read leadpipe.yaml (or the file --config names)
themselves: they run even when the file has problems, which every other
command refuses.`),
		Args: noSubcommand,
		RunE: showHelp,
	}
	cmd.AddCommand(newConfigCheckCommand(g, ios, nil), newConfigDefaultCommand(g, ios))
	return cmd
}

type configCheckOptions struct {
	// Path is the file to check; Given says whether --config named it.
	Path  string
	Given bool
}

func newConfigCheckCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *configCheckOptions) error) *cobra.Command {
	opts := &configCheckOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the configuration file and name every problem",
		Long: withExitStatus(`Check reads the configuration file (leadpipe.yaml, or the file --config
names) and lists every problem, each with its line and, in the scoring and
lifecycle sections, the rule or gate: unknown keys, expressions that do not
compile, grade thresholds out of order, unknown statuses and stages. Every
other command but config default refuses to run on such a file, with the
same messages.

Without a file it says so: the defaults apply. It exits with 2 when there
are problems. With --json it prints {"file": ..., "problems": [...]}.`),
		Example: `  leadpipe config check
  leadpipe --config team.yaml config check --json`,
		Args:        noArgs,
		Annotations: map[string]string{annotChecksConfig: "true"},
		RunE: func(c *cobra.Command, _ []string) error {
			opts.Path, opts.Given = g.ConfigPath, c.Flags().Changed("config")
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runConfigCheck(g, ios, opts)
		},
	}
	return cmd
}

// configProblem is one problem of a configuration file.
type configProblem struct {
	Line    int    `json:"line,omitempty"`
	Where   string `json:"where,omitempty"` // the rule or gate, when there is one
	Message string `json:"message"`         // the whole message, as other commands print it
}

type configCheckResult struct {
	File string `json:"file"`
	// Found is false when there is no file: the defaults apply.
	Found    bool            `json:"found"`
	Problems []configProblem `json:"problems"`
}

func runConfigCheck(g *globalOptions, ios *IOStreams, opts *configCheckOptions) error {
	res := configCheckResult{File: opts.Path, Problems: []configProblem{}}
	data, err := os.ReadFile(opts.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !opts.Given:
		// No file: the defaults apply, and they are fine.
	case err != nil:
		return &usageError{err: fmt.Errorf("read configuration: %w", err)}
	default:
		res.Found = true
		res.Problems = checkConfig(opts.Path, data)
	}
	if g.Quiet && !g.JSON && len(res.Problems) == 0 {
		return nil // --quiet: a good file says nothing, the exit code says it
	}
	if err := presenterFor(g.JSON, ios.Out, writeConfigCheckText).present(res); err != nil {
		return err
	}
	if len(res.Problems) > 0 {
		return errConfigProblems
	}
	return nil
}

// checkConfig lists every problem of a configuration file: those of the
// sections the config package reads, then those of scoring and lifecycle,
// in file order.
func checkConfig(file string, data []byte) []configProblem {
	var errs []error
	if _, err := config.Parse(file, data); err != nil {
		errs = append(errs, unjoin(err)...)
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) == nil {
		// The rule sections can be read: a file that is not YAML at all
		// was reported once above.
		errs = append(errs, scoring.Check(data, file)...)
		errs = append(errs, lifecycle.Check(data, file)...)
		errs = append(errs, problemsOf(dedupeCheck(data, file))...)
		if _, err := convert.Load(data, file); err != nil {
			errs = append(errs, problemsOf(err)...)
		}
	}
	out := []configProblem{}
	for _, e := range sortProblems(errs) {
		p := configProblem{Message: e.Error()}
		var re *ruleconf.Error
		var ce *config.Error
		switch {
		case errors.As(e, &re):
			p.Line, p.Where = re.Line, re.Where
		case errors.As(e, &ce):
			p.Line = ce.Line
		}
		out = append(out, p)
	}
	return out
}

// sortProblems orders problems by line, keeping the order of those on the
// same line.
func sortProblems(errs []error) []error {
	line := func(e error) int {
		var re *ruleconf.Error
		var ce *config.Error
		switch {
		case errors.As(e, &re):
			return re.Line
		case errors.As(e, &ce):
			return ce.Line
		}
		return 0
	}
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		i := len(out)
		for i > 0 && line(out[i-1]) > line(e) {
			i--
		}
		out = append(out[:i], append([]error{e}, out[i:]...)...)
	}
	return out
}

// unjoin splits an errors.Join error into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// writeConfigCheckText prints one problem per line, in the words other commands use:
//
//	leadpipe.yaml line 4 rule "big budget": when: unknown name budgte (1:1); did you mean budget?
//	leadpipe.yaml: 1 problem
func writeConfigCheckText(w io.Writer, r configCheckResult) error {
	var b strings.Builder
	switch {
	case !r.Found:
		fmt.Fprintf(&b, "no configuration file %s found: the defaults apply (see leadpipe config default)\n", r.File)
	case len(r.Problems) == 0:
		fmt.Fprintf(&b, "%s: ok\n", r.File)
	default:
		for _, pr := range r.Problems {
			b.WriteString(pr.Message + "\n")
		}
		fmt.Fprintf(&b, "%s: %s\n", r.File, plural(len(r.Problems), "problem", "problems"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// configDefaultResult is what config default --json prints: the YAML
// text as one JSON string.
type configDefaultResult struct {
	YAML string `json:"yaml"`
}

func newConfigDefaultCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "default",
		Short: "Print the default scoring, lifecycle, dedupe and convert sections, to copy into leadpipe.yaml",
		Long: withExitStatus(`Default prints the scoring rules, the lifecycle (gates, sync rules), the
duplicate matching rules and the conversion settings that apply when
leadpipe.yaml has no such section, in the file's own format: copy them
into leadpipe.yaml and adjust. With --json it
prints {"yaml": "..."}, the same text as one JSON string.`),
		Example:     `  leadpipe config default >> leadpipe.yaml`,
		Args:        noArgs,
		Annotations: map[string]string{annotChecksConfig: "true"},
		RunE: func(*cobra.Command, []string) error {
			text := scoring.DefaultYAML + "\n" + lifecycle.DefaultYAML + "\n" + dedupe.DefaultYAML() + "\n" + convert.DefaultYAML
			return presenterFor(g.JSON, ios.Out, func(w io.Writer, r configDefaultResult) error {
				_, err := io.WriteString(w, r.YAML)
				return err
			}).present(configDefaultResult{YAML: text})
		},
	}
}

// dedupeCheck reads the dedupe section the way import does.
func dedupeCheck(data []byte, file string) error {
	_, err := dedupe.Load(data, file)
	return err
}
