package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
)

func newImportsCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "imports",
		Short: "Look at the recorded imports",
		Long:  withExitStatus(`Imports lists the imports recorded in the store.`),
		Args:  noSubcommand,
		RunE:  showHelp,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List every recorded import, oldest first",
		Long: withExitStatus(`List shows every import that wrote to the store, oldest first: its id,
when it started and finished, whether it finished (an import killed midway
keeps the batches it committed and shows as not done; running it again
completes it), its files with size and SHA-256, the options that shaped it,
and the row counts. An import that changed nothing wrote nothing, not even
its record, so that a re-import leaves the store file as it was.`),
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
		if !im.Done {
			done = "no (interrupted)"
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
