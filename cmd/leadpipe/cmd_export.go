package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/report"
)

type exportOptions struct {
	Object string
	Format string
	Target string
	Output string
	Where  string
	// Now is the run's clock for --where (days_since_created); tests set it.
	Now time.Time
}

func newExportCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *exportOptions) error) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Export leads, accounts, contacts or opportunities as CSV or XLSX",
		Long: withExitStatus(`Export writes every record of one object, sorted by id, as CSV or XLSX.

--object leads (the default) writes leadpipe's own, stable columns: the
core fields (id, salutation, academic_title, first_name, last_name, company,
title, email, phone, mobile, street, postal_code, city, country, tax_id,
source, budget, created_at, status, stage), then score and grade (empty for
a lead never scored), then legal_form, phone_ext, currency, email_freemail,
email_role and updated_at, then every custom field of any lead, sorted by
name. Leads merged into another lead are left out. --object accounts,
contacts or opportunities write every field of the object, named in
snake case (name_key, account_id, pending_verification): links as ids (A0000001, C0000001, L0000001), booleans true/false,
times RFC 3339 in UTC. Values are the normalized ones (E.164 phone numbers,
ISO country codes, plain decimal amounts).

--where (leads only) keeps the leads for which a condition holds, in the
language of leads list --where. For a CRM with separate leads and
contacts (Salesforce, Dynamics), --where 'status != "Converted"' leaves
out the converted leads, whose people the contacts file brings already.

--target salesforce, hubspot or dynamics writes instead what that CRM's
import tool maps by itself: its column names (Salesforce API names,
HubSpot internal property names, the display names of the Dynamics 365
import templates), its date format (yyyy-MM-dd), its picklist values for
status, stage, rating and lead source, and country names instead of codes.
Salesforce and HubSpot files carry the leadpipe id in a custom field
(LeadpipeId__c, leadpipe_id) that has to exist in the CRM; the README lists
every column and mapping.

--format csv writes UTF-8 without a BOM, comma separated; it never starts
with "ID" (which Excel would take for SYLK). --format xlsx writes one sheet
named after the object and needs --output: a workbook is binary and is not
written to standard output. In both formats a value that starts with
= + - @, a tab or a carriage return gets a leading ' so that a spreadsheet
shows it instead of running it as a formula; phone numbers such as
+493012345678 and negative numbers such as -1200.50 are left as they are.
XLSX cells are never formulas; amounts are number cells.

The same store always exports the same bytes, so two exports can be
compared with cmp or diff. With --output the file appears only when it is
complete, readable by its owner only, and --json then prints {"file": ...,
"object": ..., "format": ..., "target": ..., "rows": N} (target "" for
leadpipe's own columns; N records, the header not counted); without --output, --json is refused: the export takes standard
output.`),
		Example: `  leadpipe export > leads.csv
  leadpipe export --object accounts --format xlsx --output accounts.xlsx
  leadpipe export --object leads --target salesforce --output Lead.csv
  leadpipe export --object opportunities --target hubspot --format xlsx -o deals.xlsx`,
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
	f.StringVar(&opts.Object, "object", "leads", "what to export: "+strings.Join(report.ExportObjects, ", "))
	f.StringVar(&opts.Format, "format", "csv", "output format: "+strings.Join(report.ExportFormats, ", "))
	f.StringVar(&opts.Target, "target", "", "write the import layout of a CRM: "+strings.Join(report.ExportTargets, ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output (required for xlsx)")
	f.StringVar(&opts.Where, "where", "", "only leads for which `EXPR` holds, e.g. 'status != \"Converted\"'")
	_ = cmd.RegisterFlagCompletionFunc("object", cobra.FixedCompletions(report.ExportObjects, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(report.ExportFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("target", cobra.FixedCompletions(report.ExportTargets, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (o *exportOptions) complete(g *globalOptions) error {
	if !slices.Contains(report.ExportObjects, o.Object) {
		return usageErrorf("--object %q is not supported (supported: %s)", o.Object, strings.Join(report.ExportObjects, ", "))
	}
	if !slices.Contains(report.ExportFormats, o.Format) {
		return usageErrorf("--format %q is not supported (supported: %s)", o.Format, strings.Join(report.ExportFormats, ", "))
	}
	if o.Target != "" && !slices.Contains(report.ExportTargets, o.Target) {
		return usageErrorf("--target %q is not supported (supported: %s)", o.Target, strings.Join(report.ExportTargets, ", "))
	}
	if o.Where != "" && o.Object != "leads" {
		return usageErrorf("--where selects leads: it needs --object leads, not %s", o.Object)
	}
	if g.JSON && (o.Output == "" || o.Output == "-") {
		return usageErrorf("--json needs --output FILE: without it the export itself takes standard output")
	}
	if o.Format == "xlsx" && (o.Output == "" || o.Output == "-") {
		return usageErrorf("--format xlsx needs --output FILE: a workbook is not written to standard output")
	}
	return nil
}

func runExport(g *globalOptions, ios *IOStreams, opts *exportOptions) error {
	var where *whereFilter
	if opts.Where != "" {
		m, err := compileWhere(opts.Where, nowOr(opts.Now))
		if err != nil {
			return err
		}
		where = newWhereFilter(m)
	}
	db, err := g.openStore(true)
	if err != nil {
		return err
	}
	defer db.Close()
	var src report.ExportSource = db
	if where != nil {
		defer where.warn(g, ios)
		src = &whereSource{ExportSource: db, where: where}
	}
	eo := report.ExportOptions{Object: opts.Object, Format: opts.Format, Target: opts.Target}
	if opts.Output == "" || opts.Output == "-" {
		return report.Export(ios.Out, src, eo)
	}
	f, err := report.CreateAtomic(opts.Output, 0o600)
	if err != nil {
		return err
	}
	defer f.Abort()
	rows, err := report.ExportRows(f, src, eo)
	if err != nil {
		if strings.Contains(err.Error(), opts.Output) {
			return err // a write error, which names the file already
		}
		return fmt.Errorf("export to %s: %w", opts.Output, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	if g.JSON {
		// The file holds the export; standard output the one document.
		return writeJSON(ios.Out, exportResult{File: opts.Output, Object: opts.Object, Format: opts.Format, Target: opts.Target, Rows: rows})
	}
	return nil
}

// exportResult is what export --json --output reports.
type exportResult struct {
	File   string `json:"file"`
	Object string `json:"object"`
	Format string `json:"format"`
	Target string `json:"target"` // "" for leadpipe's own columns
	Rows   int    `json:"rows"`   // records written, the header not counted
}

// whereSource is the store with only the leads --where selects.
type whereSource struct {
	report.ExportSource
	where *whereFilter
}

func (s *whereSource) ForEachLead(fn func(*crm.Lead) error) error {
	return s.ExportSource.ForEachLead(func(l *crm.Lead) error {
		if !s.where.keep(l) {
			return nil
		}
		return fn(l)
	})
}
