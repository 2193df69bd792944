package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/pipeline"
)

func newImportsCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "imports",
		Short: "Look at the recorded imports",
		Long:  withExitStatus(`Imports lists the imports recorded in the store.`),
		Args:  noSubcommand,
		RunE:  showHelp,
	}
	cmd.AddCommand(newImportsUndoCommand(g, ios))
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List every recorded import, oldest first",
		Long: withExitStatus(`List shows every import that wrote to the store, oldest first: its id,
when it started and finished, whether it finished (an import killed midway
keeps the batches it committed and shows as not done; running it again
completes it), its files with size and SHA-256, the options that shaped it,
and the row counts. An import that changed nothing is listed too ("nothing
new"): its record is kept in a journal beside the store
(<store>.imports.jsonl), so that a re-import leaves the store file byte for
byte as it was.`),
		Example: `  leadpipe imports list
  leadpipe imports list --json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			db, err := g.openExistingStore(true)
			if err != nil {
				return err
			}
			defer db.Close()
			imps, err := db.Imports()
			if err != nil {
				return err
			}
			if imps == nil {
				imps = []crm.Import{}
			}
			return presenterFor(g.JSON, ios.Out, writeImportsText).present(imps)
		},
	})
	return cmd
}

func writeImportsText(w io.Writer, imps []crm.Import) error {
	if len(imps) == 0 {
		_, err := fmt.Fprintln(w, "no imports recorded")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "IMPORT\tSTARTED\tDONE\tROWS\tCREATED\tMERGED\tUNCHANGED\tREJECTED\tFILES\tOPTIONS")
	for _, im := range imps {
		done := "yes"
		switch {
		case !im.UndoneAt.IsZero():
			done = "undone " + im.UndoneAt.UTC().Format(time.RFC3339)
			if len(im.Kept) > 0 {
				done += fmt.Sprintf(" (%d kept)", len(im.Kept))
			}
		case !im.Done:
			done = "no (interrupted)"
		case im.NothingNew:
			done = "yes, nothing new"
		}
		files := make([]string, len(im.Files))
		for i, f := range im.Files {
			sum := f.SHA256
			if len(sum) > 12 {
				sum = sum[:12]
			}
			if sum == "" {
				// Size and checksum are taken when the file has been read to
				// its end; a killed import never got there.
				files[i] = f.Name + " (not read to the end)"
				continue
			}
			files[i] = fmt.Sprintf("%s (%s bytes, sha256 %s)", f.Name, group(int(f.Size)), sum)
		}
		c := im.Counts
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", im.ID, im.StartedAt.UTC().Format(time.RFC3339), done,
			group(c.Rows), group(c.Created), group(c.Merged), group(c.Unchanged), group(c.Rejected),
			cell(strings.Join(files, ", ")), cell(strings.Join(im.Options, " ")))
	}
	return tw.Flush()
}

type undoOptions struct {
	DryRun  bool
	Partial bool
	Now     time.Time // tests set it
}

func newImportsUndoCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	opts := &undoOptions{}
	cmd := &cobra.Command{
		Use:   "undo IMPORT_ID [--dry-run] [--partial]",
		Short: "Take an import back",
		Long: withExitStatus(`Undo takes an import back (its id is in the import summary and in
leadpipe imports list): the leads it created are removed, and the fields
its merges set go back to their values before it, from the merge records
every merge keeps. Leads the import joined into another (a row's merge
made them match) become leads of their own again, with their flags.
Importing the file again brings the rows back.

When later changes depend on what the import did — another import
touched the lead, it was converted, dedupe or a review merged into it, its
status changed — undo refuses and lists them (exit 3), and writes
nothing. --partial undoes everything else and lists what stayed. --dry-run
shows what would be done. The import record is kept, marked undone; the
leads whose fields go back are scored again.`),
		Example: `  leadpipe imports undo 20261123T101500Z-1a2b3c --dry-run
  leadpipe imports undo 20261123T101500Z-1a2b3c --partial`,
		Args: exactArgs(1, "imports undo needs the IMPORT_ID (see leadpipe imports list)"),
		RunE: func(c *cobra.Command, args []string) error {
			db, err := g.openExistingStore(opts.DryRun)
			if err != nil {
				return err
			}
			defer db.Close()
			now := nowOr(opts.Now)
			sc := g.scorer("undo")
			defer sc.warn(ios.ErrOut, g.Quiet)
			rep, err := pipeline.Undo(db, args[0], pipeline.UndoOptions{DryRun: opts.DryRun, Partial: opts.Partial, Now: now, Touch: sc.score})
			switch {
			case errors.Is(err, crm.ErrNotFound):
				return fmt.Errorf("no import %s in store %s (see leadpipe imports list)", args[0], db.Path())
			case err != nil && !errors.Is(err, pipeline.ErrUndoBlocked):
				return err
			}
			if !g.Quiet || g.JSON {
				if perr := presenterFor(g.JSON, ios.Out, writeUndoText).present(rep); perr != nil {
					return perr
				}
			}
			if len(rep.Blocked) > 0 {
				return errLeadsRefused // exit 3: the report lists them
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "show what would be undone, write nothing")
	cmd.Flags().BoolVar(&opts.Partial, "partial", false, "undo what is safe, keep what later changes depend on")
	return cmd
}

func writeUndoText(w io.Writer, r *pipeline.UndoReport) error {
	verb := "undid"
	switch {
	case r.DryRun:
		verb = "would undo"
	case !r.Written:
		fmt.Fprintf(w, "refused to undo import %s: later changes depend on it; nothing was written\n", r.ImportID)
	}
	if r.Written || r.DryRun {
		fmt.Fprintf(w, "%s import %s: %s removed, %s set back\n", verb, r.ImportID,
			plural(len(r.Deleted), "lead", "leads"), plural(len(r.Reverted), "lead", "leads"))
	}
	for _, rl := range r.Reverted {
		fmt.Fprintf(w, "  %s: %s\n", rl.Lead, strings.Join(rl.Fields, ", "))
	}
	if len(r.Blocked) > 0 {
		what := "blocked by later changes (undo nothing; --partial undoes the rest)"
		if r.Partial {
			what = "kept, later changes depend on them"
		}
		fmt.Fprintf(w, "%s:\n", what)
		for _, b := range r.Blocked {
			fmt.Fprintf(w, "  %s: %s\n", b.Lead, b.Reason)
		}
	}
	return nil
}
