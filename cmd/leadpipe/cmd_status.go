package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/lifecycle"
	"github.com/leadpipe/leadpipe/rules"
)

// maxListedRefusals caps the refused leads the text summary lists; --json
// lists them all.
const maxListedRefusals = 50

// errLeadsRefused is returned by a bulk change that completed and printed
// its summary, but refused some leads. Like errRowsRejected it maps to
// exit 3 and prints nothing more.
var errLeadsRefused = errors.New("some leads were refused")

func newStatusCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "status <command>",
		Short: "Change the status of leads",
		Long: withExitStatus(`The status commands change a lead's status (New, Working, Nurturing,
Qualified, Disqualified; Converted only by conversion) through the
lifecycle of leadpipe.yaml: its status table, its gates and its sync rules.`),
		Args: noSubcommand,
		RunE: showHelp,
	}
	cmd.AddCommand(newStatusSetCommand(g, ios, nil))
	return cmd
}

type statusSetOptions struct {
	Status string
	IDs    []string
	Where  string
	Reason string
	DryRun bool
	Force  bool
	// Now is the run's clock; tests set it.
	Now time.Time

	to  crm.Status
	ids []crm.ID
}

func newStatusSetCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *statusSetOptions) error) *cobra.Command {
	opts := &statusSetOptions{}
	cmd := &cobra.Command{
		Use:   "set STATUS (--id ID... | --where EXPR) [flags]",
		Short: "Set the status of many leads at once, through the lifecycle's gates",
		Long: withExitStatus(`Set changes the status of the selected leads to STATUS: the leads named
by --id (repeat it, or separate ids by commas), or every lead for which the
condition of --where holds (the language of leads list --where). Give one
of the two.

A change must be allowed by the status table:

  New          → Working, Nurturing, Qualified, Disqualified
  Working      → Nurturing, Qualified, Disqualified
  Nurturing    → Working, Qualified, Disqualified
  Qualified    → Working, Disqualified
  Disqualified → Working (reopen)
  Converted    → nothing: converted leads are read-only

and the lead must pass the gate of STATUS (by default Qualified needs a
company, an e-mail or phone, and a budget; Disqualified needs --reason).
--force allows a move outside the table; it never skips a gate. Converted
is reached only by conversion. A converted lead is read-only: --where
skips it and counts it as converted (no refusal, so a nightly run after
convert exits 0), and --id refuses it. A lead merged into another is
read-only: --where never selects it, and --id refuses it, naming the lead
it went into.

Leads that are refused are left untouched and listed with the reason and
the missing fields; the others are changed. Every change is appended to
the lead's history with --reason, and the sync rules may move the stage
forward (Qualified reaches SQL). The summary, and --json, count changed,
unchanged, refused and skipped converted leads. --dry-run shows it all
and writes nothing.

When some leads were refused, set still commits the other changes and
exits with 3.`),
		Example: `  leadpipe status set Qualified --id L0000042 --reason "called, budget confirmed"
  leadpipe status set Working --where 'grade == "hot" && status == "New"'
  leadpipe status set Disqualified --where 'country == "US"' --reason "no US sales" --dry-run`,
		Args: exactArgs(1, "status set needs exactly one STATUS (New, Working, Nurturing, Qualified, Disqualified)"),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Status = args[0]
			if err := opts.complete(c); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runStatusSet(c.Context(), g, ios, opts)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.IDs, "id", nil, "change the lead `ID` (repeat, or separate by commas)")
	f.StringVar(&opts.Where, "where", "", "change every lead for which `EXPR` holds")
	f.StringVar(&opts.Reason, "reason", "", "the reason recorded in each lead's history (`TEXT`)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "show what would change, write nothing")
	f.BoolVar(&opts.Force, "force", false, "allow a move the status table does not (gates still apply)")
	return cmd
}

// complete checks the arguments: a known status and exactly one of --id
// and --where.
func (o *statusSetOptions) complete(c *cobra.Command) error {
	var err error
	if o.to, err = crm.ParseStatus(o.Status); err != nil {
		return &usageError{err: fmt.Errorf("status set: %w", err)}
	}
	hasIDs, hasWhere := c.Flags().Changed("id"), c.Flags().Changed("where")
	if !hasIDs && !hasWhere {
		return usageErrorf("status set needs the leads to change: --id ID... or --where EXPR")
	}
	if o.ids, err = leadSelection(c, o.IDs, o.Where); err != nil {
		return err
	}
	if hasIDs && len(o.ids) == 0 {
		return usageErrorf("--id needs at least one lead ID")
	}
	return nil
}

// leadSelection checks the --id and --where flags of a command that works
// on chosen leads (status set, convert): not both, a non-empty condition,
// and ids as users write them (L0000042 or 42).
func leadSelection(c *cobra.Command, idArgs []string, where string) ([]crm.ID, error) {
	if c.Flags().Changed("id") && c.Flags().Changed("where") {
		return nil, usageErrorf("give --id or --where, not both")
	}
	if c.Flags().Changed("where") && strings.TrimSpace(where) == "" {
		return nil, usageErrorf("--where needs a condition")
	}
	var ids []crm.ID
	for _, s := range idArgs {
		id, err := crm.ParseID(strings.TrimSpace(s))
		if err != nil {
			return nil, &usageError{err: fmt.Errorf("--id: %w", err)}
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func runStatusSet(ctx context.Context, g *globalOptions, ios *IOStreams, opts *statusSetOptions) error {
	now := nowOr(opts.Now)
	sel := lifecycle.Selection{IDs: opts.ids}
	if opts.Where != "" {
		m, err := compileWhere(opts.Where, now)
		if err != nil {
			return err
		}
		sel.Where = m.Match
	}
	db, err := g.openExistingStore(opts.DryRun)
	if err != nil {
		return err
	}
	defer db.Close()
	bar := newLeadBar(ios.ErrOut, showProgress(g.Quiet, g.JSON, g.NoProgress, ios.IsStderrTTY()), leadCount(db), "status set")
	defer bar.close()
	rep, err := g.Lifecycle.BulkSetStatus(ctx, db, sel, opts.to, lifecycle.BulkOptions{
		Reason:   opts.Reason,
		Now:      now,
		DryRun:   opts.DryRun,
		Force:    opts.Force,
		Progress: bar.progress,
	})
	bar.close()
	if err != nil && rep.Written == 0 {
		return err
	}
	// What was written is reported, even when the run stopped early.
	if !g.Quiet || g.JSON {
		if perr := presenterFor(g.JSON, ios.Out, writeStatusText).present(rep); perr != nil && err == nil {
			err = perr
		}
	}
	if err != nil {
		return err
	}
	if len(rep.Refused) > 0 {
		return errLeadsRefused
	}
	return nil
}

// compileWhere compiles a --where condition; a mistake is a usage error
// showing where in the expression it is.
func compileWhere(src string, now time.Time) (*rules.Matcher, error) {
	m, err := rules.NewMatcher(src, now)
	if err == nil {
		return m, nil
	}
	var re *rules.Error
	if errors.As(err, &re) && re.Snippet != "" {
		return nil, usageErrorf("--where: %v\n%s", err, strings.TrimRight(re.Snippet, "\n"))
	}
	return nil, usageErrorf("--where: %v", err)
}

// whereFilter applies a --where condition to the leads a command reads. A
// lead the condition cannot be evaluated for is left out and counted once
// (an export in leadpipe's own layout reads the leads twice); warn names
// how many and the first cause (a position, never a value).
type whereFilter struct {
	m         *rules.Matcher
	failed    map[crm.ID]bool
	firstFail error
}

func newWhereFilter(m *rules.Matcher) *whereFilter {
	return &whereFilter{m: m, failed: map[crm.ID]bool{}}
}

// keep reports whether the condition holds for l.
func (w *whereFilter) keep(l *crm.Lead) bool {
	ok, err := w.m.Match(l)
	if err != nil {
		if len(w.failed) == 0 {
			w.firstFail = err
		}
		w.failed[l.ID] = true
		return false
	}
	return ok
}

// warn tells about the leads the condition could not be evaluated for.
func (w *whereFilter) warn(g *globalOptions, ios *IOStreams) {
	if len(w.failed) > 0 && !g.Quiet {
		fmt.Fprintf(ios.ErrOut, "warning: --where could not be evaluated for %s (left out): %v\n", plural(len(w.failed), "lead", "leads"), w.firstFail)
	}
}

// writeStatusText prints a bulk status report for people.
func writeStatusText(w io.Writer, r lifecycle.BulkReport) error {
	return r.WriteText(w, maxListedRefusals)
}
