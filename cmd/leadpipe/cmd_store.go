package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// storeCheckResult is what store check reports.
type storeCheckResult struct {
	Store      string `json:"store"`
	Consistent bool   `json:"consistent"`
	Leads      int    `json:"leads"`
	Imports    int    `json:"imports"`
	Bytes      int64  `json:"bytes"`
}

func newStoreCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "store",
		Short: "Check the store file",
		Long:  withExitStatus(`Store works on the store file itself.`),
		Args:  noSubcommand,
		RunE:  showHelp,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check",
		Short: "Check that the store file is consistent",
		Long: withExitStatus(`Check reads the whole store read-only: bbolt's page check, then every
lead, index entry, import record, account, contact and opportunity must
decode, the counters must match what is stored, and what conversion
links must exist (each contact's and opportunity's account, each
converted lead's account, contact and opportunity). Run it after a crash
or a full disk, or from cron after the nightly import. Exit 0 when the
store is consistent, 1 with the first problem otherwise (messages name
positions and sizes, never the data).`),
		Example: `  leadpipe store check
  leadpipe store check --json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			db, err := g.openExistingStore(true)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.Check(); err != nil {
				return err
			}
			if err := db.CheckLinks(); err != nil {
				return err
			}
			st, err := db.Stats()
			if err != nil {
				return err
			}
			res := storeCheckResult{db.Path(), true, st.Leads, st.Imports, st.FileSize}
			if !g.Quiet || g.JSON {
				return presenterFor(g.JSON, ios.Out, func(w io.Writer, r storeCheckResult) error {
					_, err := fmt.Fprintf(w, "store %s is consistent: %s, %s, %s bytes\n", r.Store,
						plural(r.Leads, "lead", "leads"), plural(r.Imports, "import", "imports"), group(int(r.Bytes)))
					return err
				}).present(res)
			}
			return nil
		},
	})
	return cmd
}
