package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/dedupe"
	"github.com/leadpipe/leadpipe/pipeline"
	"github.com/leadpipe/leadpipe/report"
)

type dedupeOptions struct {
	DryRun  bool
	Explain bool
	Now     time.Time // tests set it
}

func newDedupeCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	opts := &dedupeOptions{}
	cmd := &cobra.Command{
		Use:   "dedupe [flags]",
		Short: "Find and merge duplicate leads across the whole store",
		Long: withExitStatus(`Dedupe compares every lead of the store with the earlier leads that share
a blocking key, with the match rules of the dedupe section of leadpipe.yaml
(the built-in rules without one; see leadpipe config default), exactly as
an import compares a row. Run it after changing the rules, or after
importing with --match exact.

A lead scoring merge_at or more against an earlier lead is merged into it:
the older lead survives, the newer lead's non-empty values win, replaced
values go into the history. The merged-away lead is kept, read-only and
out of lists and exports; leadpipe leads unmerge takes a merge back. A
lead scoring from review_at is flagged as a possible duplicate (see
leadpipe review export). A merge can make the surviving lead match
another: a run that merges anything compares the store again, until a
pass merges nothing, so a second run finds nothing new. Converted leads
are read-only and left out; pairs reviewed as different are never
proposed again. In a store an older
leadpipe wrote, the leads' other e-mail columns (E-mail 2 and the like)
are named for matching first, once.

--dry-run lists the proposed merges and flags and writes nothing; without
it the same plan is written in one transaction. --explain adds, for every
merge and flag, the field-by-field comparison: values, comparator,
similarity and the weight it added.`),
		Example: `  leadpipe dedupe --dry-run --explain
  leadpipe dedupe --json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runDedupe(c.Context(), g, ios, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "list the proposed merges and flags, write nothing")
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "show the field-by-field comparison of every merge and flag")
	return cmd
}

// dedupeResult is what dedupe reports.
type dedupeResult struct {
	*dedupe.Plan
	DryRun  bool `json:"dry_run"`
	Written bool `json:"written"`
	// EmailFieldsNamed counts the leads of an older store whose other
	// e-mail columns were named first (pipeline.NameEmailFields).
	EmailFieldsNamed int `json:"email_fields_named,omitempty"`
}

func runDedupe(_ context.Context, g *globalOptions, ios *IOStreams, opts *dedupeOptions) error {
	db, err := g.openExistingStore(opts.DryRun)
	if err != nil {
		return err
	}
	defer db.Close()
	now := nowOr(opts.Now)
	runID := "dedupe-" + pipeline.NewImportID(now)
	m := dedupe.NewMatcher(g.Dedupe)
	setMemoryLimit(800 << 20)
	// A store an older leadpipe wrote: its leads' other e-mail columns
	// become match keys first (a dry run plans on a view of that).
	st, upgrade, err := pipeline.NameEmailFields(db, opts.DryRun)
	if err != nil {
		return err // names the store
	}
	plan, err := dedupe.PlanStore(st, m, runID, now, opts.Explain)
	if err != nil {
		return fmt.Errorf("dedupe store %s: %w", db.Path(), err)
	}
	res := dedupeResult{Plan: plan, DryRun: opts.DryRun, Written: upgrade.Written, EmailFieldsNamed: upgrade.Leads}
	if !opts.DryRun && (len(plan.Merges) > 0 || len(plan.Flags) > 0) {
		// A merge changes the data the score rests on: rescore the
		// survivors, as an import does.
		sc := g.scorer("dedupe")
		defer sc.warn(ios.ErrOut, g.Quiet)
		for _, l := range plan.ChangedLeads() {
			if l.MergedInto == 0 {
				sc.score(l, now)
			}
		}
		if err := plan.Apply(db); err != nil {
			return fmt.Errorf("dedupe store %s: %w", db.Path(), err)
		}
		res.Written = true
	}
	if !g.Quiet || g.JSON {
		return presenterFor(g.JSON, ios.Out, writeDedupeText).present(res)
	}
	return nil
}

func writeDedupeText(w io.Writer, r dedupeResult) error {
	verb, flagged := "merged", "flagged"
	if r.DryRun {
		verb, flagged = "would merge", "would flag"
	}
	if r.EmailFieldsNamed > 0 {
		fmt.Fprint(w, emailFieldsNote(r.EmailFieldsNamed, r.DryRun))
	}
	fmt.Fprintf(w, "compared %d leads (%d candidate pairs, %.3f per lead", r.Leads, r.Stats.Pairs, r.Stats.PairsPerRow())
	if r.Stats.Oversized > 0 {
		fmt.Fprintf(w, "; %d lookups met a block larger than max_block, skipped", r.Stats.Oversized)
	}
	fmt.Fprintln(w, ")")
	if r.Skipped > 0 {
		fmt.Fprintf(w, "left out %d converted leads (read-only)\n", r.Skipped)
	}
	fmt.Fprintf(w, "%s %d, %s %d as possible duplicates\n", verb, len(r.Merges), flagged, len(r.Flags))
	if len(r.Merges) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "MERGE\tINTO\tSCORE\tCHANGES")
		for _, pm := range r.Merges {
			fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\n", pm.Absorbed, pm.Survivor, pm.Score, cell(strings.Join(pm.Changed, ", ")))
		}
		tw.Flush()
		for _, pm := range r.Merges {
			if pm.Explain != nil {
				fmt.Fprintf(w, "\n%s into %s%s:\n%s", pm.Absorbed, pm.Survivor, comparedWith(pm.ComparedWith), pm.Explain)
			}
		}
	}
	if len(r.Flags) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "LEAD\tPOSSIBLE DUPLICATE OF\tSCORE")
		for _, f := range r.Flags {
			fmt.Fprintf(tw, "%s\t%s\t%.1f\n", f.Lead, f.Of, f.Score)
		}
		tw.Flush()
		for _, f := range r.Flags {
			if f.Explain != nil {
				fmt.Fprintf(w, "\n%s vs %s%s:\n%s", f.Lead, f.Of, comparedWith(f.ComparedWith), f.Explain)
			}
		}
	}
	return nil
}

// comparedWith says which earlier state of a lead an explanation is for.
func comparedWith(state string) string {
	if state == "" {
		return ""
	}
	return " (with " + state + ")"
}

func newReviewCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Review possible duplicates in a spreadsheet: export, decide, apply",
		Long: withExitStatus(`Review hands the pairs flagged as possible duplicates (by import or
dedupe) to a person. review export writes them side by side into a CSV
file with the match score and an empty decision column; fill in "same" or
"different" (or yes/no, ja/nein, tak/nie) and run review apply on the file.`),
		Args: noSubcommand,
		RunE: showHelp,
	}
	cmd.AddCommand(newReviewExportCommand(g, ios), newReviewApplyCommand(g, ios))
	return cmd
}

func newReviewExportCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "export FILE.csv",
		Short: "Write every flagged pair side by side, with an empty decision column",
		Long: withExitStatus(`Export writes every lead flagged as a possible duplicate next to the lead
it may duplicate: the decision column (empty), the match score, what keeps
them apart if a guard does, both lead ids, then each field of both leads
side by side (a_first_name, b_first_name, ...). Values a spreadsheet would
run as a formula are written with a leading apostrophe. Pairs reviewed as
different before are not exported again.`),
		Example: `  leadpipe review export review.csv`,
		Args:    exactArgs(1, "review export needs the FILE.csv to write"),
		RunE: func(c *cobra.Command, args []string) error {
			db, err := g.openExistingStore(true)
			if err != nil {
				return err
			}
			defer db.Close()
			pairs, err := dedupe.ReviewPairs(db, dedupe.NewMatcher(g.Dedupe))
			if err != nil {
				return fmt.Errorf("review export from store %s: %w", db.Path(), err)
			}
			rows := make([]report.ReviewRow, len(pairs))
			for i, p := range pairs {
				rows[i] = report.ReviewRow{A: p.A, B: p.B, Score: p.Result.Score, Veto: p.Result.Veto, ComparedWith: dedupe.StateName(p.B, p.Result)}
			}
			if err := report.WriteReviewFile(args[0], rows); err != nil {
				return err
			}
			res := reviewExportResult{File: args[0], Pairs: len(rows)}
			if !g.Quiet || g.JSON {
				return presenterFor(g.JSON, ios.Out, func(w io.Writer, r reviewExportResult) error {
					_, err := fmt.Fprintf(w, "wrote %s to %s: fill in the decision column (same or different), then run leadpipe review apply %s\n", plural(r.Pairs, "pair", "pairs"), r.File, r.File)
					return err
				}).present(res)
			}
			return nil
		},
	}
}

// reviewExportResult is what review export reports.
type reviewExportResult struct {
	File  string `json:"file"`
	Pairs int    `json:"pairs"`
}

type reviewApplyOptions struct {
	Now time.Time // tests set it
}

func newReviewApplyCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	opts := &reviewApplyOptions{}
	return &cobra.Command{
		Use:   "apply FILE.csv",
		Short: "Merge the pairs marked same, remember the pairs marked different",
		Long: withExitStatus(`Apply reads a file written by review export (its rows may be sorted,
filtered or deleted; only decision, lead_a and lead_b are read). Pairs
marked same are merged, the older lead surviving as in leadpipe dedupe;
pairs marked different are remembered, so that neither import nor dedupe
proposes them again, and lose their flag. Rows without a decision are
left for later. Everything is written in one transaction. A decision that
cannot be carried out (a lead gone, converted, already merged) is listed
with its row and skipped. An unknown decision or a malformed lead id (every
such row is named, up to 20), or two rows deciding one pair both ways
(same and different), fails the run before anything is written, naming
the rows.`),
		Example: `  leadpipe review apply review.csv`,
		Args:    exactArgs(1, "review apply needs the edited FILE.csv"),
		RunE: func(c *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("review apply: %w", err)
			}
			decisions, err := report.ReadReviewFile(f, args[0])
			f.Close()
			if err != nil {
				return err
			}
			db, err := g.openExistingStore(false)
			if err != nil {
				return err
			}
			defer db.Close()
			now := nowOr(opts.Now)
			sc := g.scorer("review")
			defer sc.warn(ios.ErrOut, g.Quiet)
			res, err := dedupe.ApplyReview(db, dedupe.NewMatcher(g.Dedupe), decisions, "review-"+pipeline.NewImportID(now), now, sc.score)
			if err != nil {
				return fmt.Errorf("review apply to store %s: %w", db.Path(), err)
			}
			if !g.Quiet || g.JSON {
				return presenterFor(g.JSON, ios.Out, writeReviewApplyText).present(res)
			}
			return nil
		},
	}
}

func writeReviewApplyText(w io.Writer, r *dedupe.ReviewResult) error {
	fmt.Fprintf(w, "merged %s, remembered %d as different, %d undecided\n", plural(r.Merged, "pair", "pairs"), r.Different, r.Undecided)
	for _, m := range r.Merges {
		fmt.Fprintf(w, "  %s into %s: %s\n", m.Absorbed, m.Survivor, cell(strings.Join(m.Changed, ", ")))
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "  row %d skipped: %s\n", s.Row, s.Reason)
	}
	return nil
}

type unmergeOptions struct {
	ID  crm.ID
	Now time.Time
}

func newLeadsUnmergeCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	opts := &unmergeOptions{}
	return &cobra.Command{
		Use:   "unmerge ID",
		Short: "Take back a merge that was wrong, restoring both leads",
		Long: withExitStatus(`Unmerge takes back the latest merge into lead ID or, when ID is a lead
that dedupe, a review or an import's join merged away, the merge that
took it. The surviving lead's fields go back to their values before the
merge, except fields changed again since (they keep their value and are
listed); the merged-away lead becomes a lead of its own again, or, when
an import merged a row, the row becomes a new lead with its values, and a
re-import of that file reports the row there, unchanged. Both leads get a
history entry. Converted leads are read-only: reactivate first.`),
		Example: `  leadpipe leads unmerge L0000042`,
		Args:    exactArgs(1, "unmerge needs exactly one lead ID"),
		RunE: func(c *cobra.Command, args []string) error {
			id, err := crm.ParseID(args[0])
			if err != nil {
				return usageErrorf("%v", err)
			}
			opts.ID = id
			db, err := g.openExistingStore(false)
			if err != nil {
				return err
			}
			defer db.Close()
			now := nowOr(opts.Now)
			sc := g.scorer("unmerge")
			defer sc.warn(ios.ErrOut, g.Quiet)
			res, err := dedupe.Unmerge(db, id, now, "unmerge", sc.score)
			switch {
			case errors.Is(err, crm.ErrNotFound):
				return fmt.Errorf("lead %s not found in store %s", id, db.Path())
			case err != nil:
				return fmt.Errorf("unmerge %s: %w", id, err)
			}
			if !g.Quiet || g.JSON {
				return presenterFor(g.JSON, ios.Out, writeUnmergeText).present(res)
			}
			return nil
		},
	}
}

func writeUnmergeText(w io.Writer, r *dedupe.Unmerged) error {
	what := "restored"
	if r.New {
		what = "created from the merged row"
	}
	fmt.Fprintf(w, "%s %s; %s: set back %s", what, r.Restored, r.Survivor, cell(strings.Join(r.Reverted, ", ")))
	if len(r.Kept) > 0 {
		fmt.Fprintf(w, "; kept (changed since): %s", strings.Join(r.Kept, ", "))
	}
	_, err := fmt.Fprintln(w)
	return err
}
