package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/report"
)

// exportObjects and exportFormats list what export supports; the usage
// error for anything else names them.
var (
	exportObjects = []string{"leads"}
	exportFormats = []string{"csv"}
)

type exportOptions struct {
	Object string
	Format string
	Output string
}

func newExportCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *exportOptions) error) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Export every lead as CSV",
		Long: withExitStatus(`Export writes every lead, sorted by id, with stable columns: the core
fields (id, salutation, academic_title, first_name, last_name, company,
title, email, phone, mobile, street, postal_code, city, country, tax_id,
source, budget, created_at, status, stage), then score and grade (empty
for a lead never scored), then legal_form, phone_ext,
currency, email_freemail, email_role and updated_at, then every custom field
of any lead, sorted by name. Values are the normalized ones (E.164 phone
numbers, ISO country codes, plain decimal budgets).

The same store always exports the same bytes, so two exports can be
compared with cmp or diff. With --output the file appears only when it is
complete.`),
		Example: `  leadpipe export --object leads --format csv > leads.csv
  leadpipe export --output leads.csv`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := opts.complete(g); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runExport(g, ios, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Object, "object", "leads", "what to export: leads")
	f.StringVar(&opts.Format, "format", "csv", "output format: csv")
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

func (o *exportOptions) complete(g *globalOptions) error {
	if !slices.Contains(exportObjects, o.Object) {
		return usageErrorf("--object %q is not supported (supported: %s)", o.Object, strings.Join(exportObjects, ", "))
	}
	if !slices.Contains(exportFormats, o.Format) {
		return usageErrorf("--format %q is not supported (supported: %s)", o.Format, strings.Join(exportFormats, ", "))
	}
	if g.JSON {
		return usageErrorf("export writes --format %s; --json does not apply", o.Format)
	}
	return nil
}

func runExport(g *globalOptions, ios *IOStreams, opts *exportOptions) error {
	db, err := g.openStore(true)
	if err != nil {
		return err
	}
	defer db.Close()
	if opts.Output == "" || opts.Output == "-" {
		return report.WriteLeadsCSV(ios.Out, db)
	}
	f, err := report.CreateAtomic(opts.Output, 0o600)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := report.WriteLeadsCSV(f, db); err != nil {
		return fmt.Errorf("export to %s: %w", opts.Output, err)
	}
	return f.Close()
}
