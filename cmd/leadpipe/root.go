package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/leadpipe/leadpipe/convert"
	"github.com/leadpipe/leadpipe/dedupe"
	"io/fs"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/config"
	"github.com/leadpipe/leadpipe/lifecycle"
	"github.com/leadpipe/leadpipe/rules/ruleconf"
	"github.com/leadpipe/leadpipe/scoring"
	"github.com/leadpipe/leadpipe/store"
)

const (
	// envStore names the store when --store is not given.
	envStore = "LEADPIPE_STORE"
	// defaultStore is the store in the working directory.
	defaultStore = "leadpipe.db"
	// defaultLockTimeout is how long a run waits for another run's lock.
	defaultLockTimeout = 2 * time.Second
)

// globalOptions are the flags every command has. One value is made per run
// and handed to every command's constructor.
type globalOptions struct {
	StorePath   string
	ConfigPath  string
	JSON        bool
	Quiet       bool
	NoProgress  bool
	LockTimeout time.Duration

	// Config is the configuration file's content, loaded before any command
	// runs; an empty Config when there is no file.
	Config *config.Config
	// Scoring and Lifecycle are compiled from the configuration's scoring
	// and lifecycle sections (the defaults without them) before any
	// command runs: no command runs on rules that do not compile.
	Scoring   *scoring.Engine
	Lifecycle *lifecycle.Machine
	// Dedupe holds the match rules of the dedupe section (the defaults
	// without one).
	Dedupe dedupe.Config
	// Convert holds the convert section (opportunity name, stage, close
	// date).
	Convert convert.Config

	// ctx is the run's context, which SIGINT and SIGTERM cancel; opening
	// the store stops waiting for another run's lock when it is done.
	// Kept here because every command opens the store through g.
	ctx context.Context
}

// annotChecksConfig marks a command that reads the configuration file
// itself (config check, config default): resolve neither loads nor
// checks it, so that a broken file can still be checked.
const annotChecksConfig = "leadpipe/checks-config"

// run executes one command line and returns the exit code. SIGINT and
// SIGTERM cancel the context; a second signal kills the process the usual
// way.
func run(args []string, ios *IOStreams) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()

	g := &globalOptions{ctx: ctx}
	root := newRootCommand(g, ios)
	if args == nil {
		args = []string{} // cobra reads os.Args for nil
	}
	root.SetArgs(args)
	root.SetContext(ctx)
	cmd, err := root.ExecuteC()
	code := exitCode(err)
	hint := ""
	var ue *usageError
	if cmd != nil && !(errors.As(err, &ue) && ue.config) {
		// A bad configuration file is no misuse of the command line:
		// its message says where to look instead.
		hint = cmd.CommandPath()
	}
	printError(ios.ErrOut, g.JSON, err, code, hint)
	return code
}

func newRootCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "leadpipe <command> [flags]",
		Short: "Import lead lists into a local store, and look at what it holds",
		Long: withExitStatus(`leadpipe reads CSV and XLSX lead lists (trade-fair scans, web-form exports,
Outlook and CRM exports), maps their columns, normalizes names, e-mail
addresses, phone numbers, companies and addresses, merges duplicates, and
keeps the leads in a local store file. Every input row ends in exactly one
outcome: created, merged, unchanged or rejected.

Data (summaries, tables, JSON, exports) goes to standard output, with the
warnings that are part of a summary (a mapping-file column the file lacks,
skipped footer lines); progress, other warnings and errors go to standard
error. With --json, standard output holds
exactly one JSON document, and a fatal error is printed to standard error as
{"error": "...", "exit_code": N}.

The store is ` + "`leadpipe.db`" + ` in the working directory unless --store or
$` + envStore + ` names another. Defaults for the flags can be kept in
leadpipe.yaml (see --config); flags given on the command line win. The same
file holds the scoring rules, the lifecycle (gates and stage sync rules), the
duplicate matching rules and the conversion settings;
leadpipe config check names any problem in it, and no other command but
config default runs while it has one.`),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          noSubcommand,
		RunE:          showHelp,
		PersistentPreRunE: func(c *cobra.Command, _ []string) error {
			return g.resolve(c)
		},
	}
	cmd.CompletionOptions.DisableDefaultCmd = true
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SetIn(ios.In)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err: err} })

	pf := cmd.PersistentFlags()
	pf.StringVar(&g.StorePath, "store", defaultStore, "store `PATH`; $"+envStore+" when not given")
	pf.StringVar(&g.ConfigPath, "config", config.DefaultFile, "configuration file `PATH` (the default is read only if it exists)")
	pf.BoolVar(&g.JSON, "json", false, "print exactly one JSON document on standard output")
	pf.BoolVarP(&g.Quiet, "quiet", "q", false, "print nothing but errors and what the command is run to show (a list, an export): no progress, no summary, no listing of rejected or refused rows (--json output stays)")
	pf.BoolVar(&g.NoProgress, "no-progress", false, "do not show a progress bar")
	pf.DurationVar(&g.LockTimeout, "lock-timeout", defaultLockTimeout, "how long to wait for another run's lock on the store (SIGINT or SIGTERM ends the wait)")

	cmd.AddCommand(
		newImportCommand(g, ios, nil),
		newInspectCommand(g, ios, nil),
		newLeadsCommand(g, ios),
		newScoreCommand(g, ios, nil),
		newStatusCommand(g, ios),
		newExportCommand(g, ios, nil),
		newDedupeCommand(g, ios),
		newConvertCommand(g, ios),
		newAccountsCommand(g, ios),
		newImportsCommand(g, ios),
		newEraseCommand(g, ios),
		newStoreCommand(g, ios),
		newReviewCommand(g, ios),
		newConfigCommand(g, ios),
	)
	return cmd
}

// resolve completes the global options once the flags are parsed: the
// store from the environment, the configuration file, and config values
// for the flags that were not given.
func (g *globalOptions) resolve(cmd *cobra.Command) error {
	flags := cmd.Flags()
	if !flags.Changed("store") {
		if v := os.Getenv(envStore); v != "" {
			g.StorePath = v
		}
	}
	if g.StorePath == "" {
		return usageErrorf("--store must name a file")
	}

	g.Config = &config.Config{}
	if cmd.Annotations[annotChecksConfig] != "" {
		return nil
	}
	c, err := config.Load(g.ConfigPath)
	switch {
	case err == nil:
		g.Config = c
	case errors.Is(err, fs.ErrNotExist) && !flags.Changed("config"):
		// No leadpipe.yaml here: run with the built-in defaults.
	default:
		return &usageError{err: err, config: true}
	}

	if !flags.Changed("lock-timeout") && g.Config.Store.LockTimeout.Duration > 0 {
		g.LockTimeout = g.Config.Store.LockTimeout.Duration
	}
	if g.LockTimeout <= 0 {
		return usageErrorf("--lock-timeout must be positive, such as 2s or 500ms")
	}
	g.Scoring, g.Lifecycle, g.Dedupe, g.Convert, err = loadRules(g.Config)
	return err
}

// loadRules compiles the scoring and lifecycle sections of a loaded
// configuration (the defaults when there is no file). The error is a usage
// error listing every problem in the words of `leadpipe config check`.
func loadRules(c *config.Config) (*scoring.Engine, *lifecycle.Machine, dedupe.Config, convert.Config, error) {
	data, file := c.Data, c.File
	if file == "" {
		data, file = nil, config.DefaultFile
	}
	eng, serr := scoring.Load(data, file)
	m, lerr := lifecycle.Load(data, file)
	dc, derr := dedupe.Load(data, file)
	cc, cerr := convert.Load(data, file)
	problems := slices.Concat(problemsOf(serr), problemsOf(lerr), problemsOf(derr), problemsOf(cerr))
	if len(problems) == 0 {
		return eng, m, dc, cc, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "bad configuration file %s: %s (see leadpipe config check)", file, plural(len(problems), "problem", "problems"))
	for _, p := range ruleconf.Sort(problems) {
		b.WriteString("\n  " + p.Error())
	}
	return nil, nil, dc, cc, &usageError{err: errors.New(b.String()), config: true}
}

// problemsOf splits an error of scoring.Load or lifecycle.Load into its
// problems.
func problemsOf(err error) []error {
	if err == nil {
		return nil
	}
	var es *ruleconf.Errors
	if errors.As(err, &es) {
		return es.Errs
	}
	return []error{err}
}

// openStore opens the store for this run. A read-only open takes a shared
// lock and never creates the file. A signal while it waits for another
// run's lock ends the wait: exit 130, not 4.
func (g *globalOptions) openStore(readOnly bool) (*store.DB, error) {
	db, err := store.Open(g.StorePath, store.Options{Timeout: g.LockTimeout, ReadOnly: readOnly, Context: g.ctx})
	if err != nil && readOnly && errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w; import a file first, or name the store with --store or $%s", err, envStore)
	}
	return db, err
}

// showHelp is the action of a command that only groups others.
func showHelp(cmd *cobra.Command, _ []string) error {
	return cmd.Help()
}

// noSubcommand rejects an argument that names no subcommand.
func noSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return usageErrorf("unknown command %q for %q (commands: %s)", args[0], cmd.CommandPath(), strings.Join(names, ", "))
}

// minArgs and exactArgs turn a wrong argument count into a usage error.
func minArgs(n int, msg string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("%s", msg)
		}
		return nil
	}
}

func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s", msg)
		}
		return nil
	}
}

// noArgs rejects any positional argument.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// openExistingStore opens the store for a command that changes leads but
// never creates a store: without one there is nothing to change. A
// read-only open (a dry run) takes a shared lock.
func (g *globalOptions) openExistingStore(readOnly bool) (*store.DB, error) {
	if _, err := os.Stat(g.StorePath); errors.Is(err, fs.ErrNotExist) {
		return g.openStore(true) // the read-only open explains what to do
	}
	return g.openStore(readOnly)
}

// leadCount is the number of leads in the store, for a progress bar; 0 when
// it cannot be told.
func leadCount(db *store.DB) int {
	st, err := db.Stats()
	if err != nil {
		return 0
	}
	return st.Leads
}
