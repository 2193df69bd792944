package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/pipeline"
)

type eraseOptions struct {
	Email  string
	ID     string
	DryRun bool
}

func newEraseCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	opts := &eraseOptions{}
	cmd := &cobra.Command{
		Use:   "erase (--email ADDRESS | --id ID) [--dry-run]",
		Short: "Erase a person's data (right to erasure)",
		Long: withExitStatus(`Erase removes a person's data from the store, as the right to erasure
(GDPR art. 17) requires: the leads with that e-mail address (or the lead
ID) and every lead and row merged into them, their contacts, their e-mail
addresses and phone numbers wherever other leads' history or merge records
kept them (also an address no lead holds any more), the match keys their
rows left in other leads' index entries, and the links to them from
opportunities, contacts' other leads, accounts and review lists. Afterwards the store file's freed pages are overwritten with zeros,
so the erased bytes are gone from the file, and export and leads show have
nothing of the person.

What stays is a tombstone per e-mail address and phone number: a keyed
hash (HMAC-SHA-256 with a secret kept in the store) that cannot be turned
back into the address. A later import rejects a row of the same person with
the reason "this person was erased"; with import: erased: create in
leadpipe.yaml it imports the row with a warning instead. Reports the
store's ids and counts only, never the erased data. Files written earlier
(exports, rejects files, row reports) are outside the store: delete them
yourself.`),
		Example: `  leadpipe erase --email j.mueller@example.de --dry-run
  leadpipe erase --id L0000042`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			t := pipeline.EraseTarget{Email: strings.TrimSpace(opts.Email)}
			switch {
			case opts.Email != "" && opts.ID != "":
				return usageErrorf("give --email or --id, not both")
			case opts.Email == "" && opts.ID == "":
				return usageErrorf("erase needs --email ADDRESS or --id ID")
			case opts.ID != "":
				id, err := crm.ParseID(opts.ID)
				if err != nil {
					return usageErrorf("--id: %v", err)
				}
				t.ID = id
			}
			db, err := g.openExistingStore(opts.DryRun)
			if err != nil {
				return err
			}
			defer db.Close()
			rep, err := pipeline.Erase(db, t, pipeline.UndoOptions{DryRun: opts.DryRun, Now: time.Now().UTC()})
			if errors.Is(err, pipeline.ErrNobodyToErase) {
				return fmt.Errorf("erase: %w in store %s", err, db.Path())
			}
			if err != nil {
				return err
			}
			if !g.Quiet || g.JSON {
				return presenterFor(g.JSON, ios.Out, writeEraseText).present(rep)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Email, "email", "", "erase the person with e-mail `ADDRESS`")
	cmd.Flags().StringVar(&opts.ID, "id", "", "erase the person of lead `ID`")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "show what would be erased, write nothing")
	return cmd
}

func writeEraseText(w io.Writer, r *pipeline.EraseReport) error {
	verb := "erased"
	if r.DryRun {
		verb = "would erase"
	}
	ids := make([]string, len(r.Leads))
	for i, id := range r.Leads {
		ids[i] = id.String()
	}
	fmt.Fprintf(w, "%s %s (%s), %s; %s unlinked; %s scrubbed of the person's e-mail and phone; %s kept\n",
		verb, plural(len(r.Leads), "lead", "leads"), strings.Join(ids, " "), plural(len(r.Contacts), "contact", "contacts"),
		plural(len(r.Opportunities), "opportunity", "opportunities"), plural(len(r.Scrubbed), "other lead", "other leads"),
		plural(r.Tombstones, "tombstone", "tombstones"))
	if r.Written {
		fmt.Fprintf(w, "%s of the store file overwritten with zeros\n", plural(r.FreePages, "free page", "free pages"))
	}
	return nil
}
