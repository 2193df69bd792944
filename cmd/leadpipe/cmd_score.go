package main

import (
	"context"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/scoring"
)

type scoreOptions struct {
	DryRun bool
	// Now is the run's clock; tests set it.
	Now time.Time
}

func newScoreCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *scoreOptions) error) *cobra.Command {
	opts := &scoreOptions{}
	cmd := &cobra.Command{
		Use:   "score [flags]",
		Short: "Rescore every lead with the current scoring rules",
		Long: withExitStatus(`Score rates every lead of the store again with the scoring rules of
leadpipe.yaml (the default rules when it has none; see leadpipe config
default), then applies the lifecycle's sync rules, which may move a lead's
stage forward (a hot grade reaches MQL). Run it after changing the rules.

It prints what moved: how many leads changed, how many scores rose or fell,
the grade moves (12 leads warm → hot) and the stage moves. Every change of
score, grade and stage is appended to the lead's history, by "score".
Converted leads are read-only and keep their score; leads merged into
another are read-only too, skipped and not counted.

Rescoring with unchanged rules on the same day changes and writes nothing;
rules on days_since_created or with a decay move leads as days pass.
--dry-run shows the same report and writes nothing.`),
		Example: `  leadpipe score --dry-run
  leadpipe score --json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runScore(c.Context(), g, ios, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "show what would move, write nothing")
	return cmd
}

func runScore(ctx context.Context, g *globalOptions, ios *IOStreams, opts *scoreOptions) error {
	db, err := g.openExistingStore(opts.DryRun)
	if err != nil {
		return err
	}
	defer db.Close()
	now := nowOr(opts.Now)
	bar := newLeadBar(ios.ErrOut, showProgress(g.Quiet, g.JSON, g.NoProgress, ios.IsStderrTTY()), leadCount(db), "scoring")
	defer bar.close()
	rep, err := scoring.Rescore(ctx, db, g.Scoring, scoring.RescoreOptions{
		Now:      now,
		DryRun:   opts.DryRun,
		Sync:     g.Lifecycle.Sync,
		Progress: bar.progress,
	})
	bar.close()
	if err != nil && rep.Written == 0 {
		return err
	}
	// What was written is reported, even when the run stopped early.
	if !g.Quiet || g.JSON {
		if perr := presenterFor(g.JSON, ios.Out, writeScoreText).present(rep); perr != nil && err == nil {
			err = perr
		}
	}
	return err
}

// writeScoreText prints a rescore report for people.
func writeScoreText(w io.Writer, r scoring.Report) error { return r.WriteText(w) }
