package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/convert"
	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/pipeline"
	"github.com/leadpipe/leadpipe/report"
)

type convertOptions struct {
	IDs         []string
	Where       string
	Opportunity bool
	DryRun      bool
	Report      string
	Now         time.Time // tests set it
	ids         []crm.ID
}

func newConvertCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	opts := &convertOptions{}
	cmd := &cobra.Command{
		Use:   "convert [--id ID... | --where EXPR] [--opportunity] [--dry-run] [--report FILE.csv]",
		Short: "Convert qualified leads into accounts, contacts and opportunities",
		Long: withExitStatus(`Convert turns leads into an Account (the company), a Contact (the person)
and, with --opportunity, an Opportunity (the sale). It converts every lead
with status Qualified, or the leads named by --id, or those for which the
condition of --where holds (the language of leads list --where); only
Qualified leads convert, and the lifecycle's Converted gate applies.

It never creates a second account for a company that exists: an account
matches by tax id, else by company name (without legal form) in the same
postal code or city, else by company e-mail domain (never a freemail
domain); a lead without postal code and city matches the account of its
company name anywhere, and a lead with one an account of its name
without one (which then takes the lead's place). Leads of one new
company share one new account. A lead that
matches an account by name and place or by tax id fills the account's
empty tax id and company domain (and, matched by name and place, its
country), never replacing a value; the plan shows them ("fills tax_id")
and later leads match by them. A contact matches by e-mail, else by name and phone, within
the account. When the evidence
disagrees (two candidate accounts; a tax id that differs from that of the
account the name matches) the lead is held back and the reason shown:
nothing is guessed. A selected lead that is converted already (a second
convert --id or --where selects it again) is left as it is and counted as
already converted, not held back (--json and --report list them); they do
not make the exit status 3.

Opportunities take their name, stage and close date from the convert
section of leadpipe.yaml (default name "{company} – {source}", stage
Qualification, close date in 90 days) and their amount and currency from
the budget. New accounts start unverified (leadpipe accounts verify), and
their opportunities are pending verification until then. A lead whose account
is a customer's (marked customer, or with a won opportunity) moves to
stage Customer.

--dry-run writes nothing and prints the plan: per lead the account (new
or matched, and by which key), the contact, the opportunity, and the leads
held back with the reason, then the totals; --json prints it as JSON and
--report writes it as CSV. Without --dry-run exactly that plan is written,
in one transaction. A converted lead is read-only (import and status set
leave it alone and say why) until leadpipe leads reactivate.`),
		Example: `  leadpipe convert --dry-run
  leadpipe convert --opportunity --report plan.csv
  leadpipe convert --id L0000042 --id L0000043
  leadpipe convert --where 'grade == "hot"' --dry-run --json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := opts.complete(c); err != nil {
				return err
			}
			return runConvert(g, ios, opts)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.IDs, "id", nil, "convert the lead `ID` (repeatable, or comma-separated)")
	f.StringVar(&opts.Where, "where", "", "convert every lead for which `EXPR` holds")
	f.BoolVar(&opts.Opportunity, "opportunity", false, "create an opportunity for every converted lead")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the plan, write nothing")
	f.StringVar(&opts.Report, "report", "", "write the plan as CSV to `FILE`")
	return cmd
}

func (o *convertOptions) complete(c *cobra.Command) error {
	var err error
	o.ids, err = leadSelection(c, o.IDs, o.Where)
	return err
}

// convertResult is what convert reports.
type convertResult struct {
	*convert.Plan
	DryRun  bool   `json:"dry_run"`
	Written bool   `json:"written"`
	Report  string `json:"report,omitempty"`
}

func runConvert(g *globalOptions, ios *IOStreams, opts *convertOptions) error {
	now := nowOr(opts.Now)
	copts := convert.Options{
		IDs: opts.ids, Opportunity: opts.Opportunity, Config: g.Convert, Now: now,
		RunID: "convert-" + pipeline.NewImportID(now),
		Mark: func(l *crm.Lead, withOpp, customer bool, now time.Time) error {
			if customer {
				if _, err := g.Lifecycle.SetStage(l, crm.StageCustomer, "the account is a customer's", "convert", now, true); err != nil {
					return err
				}
			}
			return g.Lifecycle.MarkConverted(l, withOpp, "converted", "convert", now, false)
		},
	}
	if opts.Where != "" {
		m, err := compileWhere(opts.Where, now)
		if err != nil {
			return err
		}
		copts.Where = m.Match
	}
	db, err := g.openExistingStore(opts.DryRun)
	if err != nil {
		return err
	}
	defer db.Close()
	// The plan holds every selected lead, and the write encodes them all
	// in one transaction: at a million leads the live set passes the
	// default soft limit of 300 MB, and the collector would run without
	// pause (24 s instead of 11 s measured).
	limit := max(800<<20, int64(leadCount(db))*1500)
	setMemoryLimit(limit)
	plan, err := convert.PlanConversion(db, copts)
	if errors.Is(err, crm.ErrNotFound) {
		return fmt.Errorf("convert: %w in store %s", err, db.Path())
	}
	if err != nil {
		return fmt.Errorf("convert, store %s: %w", db.Path(), err)
	}
	res := convertResult{Plan: plan, DryRun: opts.DryRun, Report: opts.Report}
	if opts.Report != "" {
		if err := report.WriteConvertPlanFile(opts.Report, plan); err != nil {
			return err
		}
	}
	if !opts.DryRun {
		// The write needs about as much memory again as the plan (the
		// encoded leads and objects, and bbolt's copies of the pages it
		// writes), and the runtime counts freed but unreturned memory
		// against the limit too: under a limit near twice the plan the
		// collector ran back to back for half of the write at a million
		// leads; four times the plan's live heap leaves it room.
		setMemoryLimit(max(limit, 4*liveHeap()))
		if err := plan.Apply(db); err != nil {
			return fmt.Errorf("convert, store %s: %w", db.Path(), err)
		}
		res.Written = plan.Totals.Converted > 0
	}
	if !g.Quiet || g.JSON {
		if err := presenterFor(g.JSON, ios.Out, writeConvertText).present(res); err != nil {
			return err
		}
	}
	if plan.Totals.Held > 0 {
		return errLeadsRefused // exit 3: the others are converted (or planned)
	}
	return nil
}

func writeConvertText(w io.Writer, r convertResult) error {
	if len(r.Leads) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "LEAD\tNAME\tCOMPANY\tACCOUNT\tCONTACT\tOPPORTUNITY\tSTAGE")
		for _, l := range r.Leads {
			acct := fmt.Sprintf("%s %s", l.Account.ID, l.Account.Action)
			if l.Account.Key != "" {
				acct += " by " + l.Account.Key
			}
			if l.Account.Customer {
				acct += " (customer)"
			}
			if len(l.Account.Filled) > 0 {
				names := make([]string, len(l.Account.Filled))
				for i, f := range l.Account.Filled {
					names[i] = f.Field
				}
				acct += ", fills " + strings.Join(names, " ")
			}
			contact := fmt.Sprintf("%s %s", l.Contact.ID, l.Contact.Action)
			if l.Contact.Key != "" {
				contact += " by " + l.Contact.Key
			}
			opp := "-"
			if o := l.Opportunity; o != nil {
				opp = fmt.Sprintf("%s %s", o.ID, cell(o.Name))
				if o.Amount != "" {
					opp = strings.TrimSpace(opp + " " + o.Amount + " " + o.Currency)
				}
				if o.Pending {
					opp += " (pending verification)"
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Lead, cell(l.Name), cell(l.Company), acct, contact, strings.TrimSpace(opp), l.Stage)
		}
		tw.Flush()
	}
	if len(r.Held) > 0 {
		fmt.Fprintln(w, "\nheld back:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, h := range r.Held {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", h.Lead, cell(h.Name), cell(h.Company), h.Reason)
		}
		tw.Flush()
	}
	t := r.Totals
	verb := "converted"
	if r.DryRun {
		verb = "would convert"
	}
	// Leads converted before are only counted: a nightly --where selects
	// them again every night (--json and --report list them).
	already := ""
	if t.AlreadyConverted > 0 {
		already = fmt.Sprintf(", %d already converted", t.AlreadyConverted)
	}
	fmt.Fprintf(w, "\n%s %d of %d selected leads (%d held back%s): accounts %d new, %d matched; contacts %d new, %d matched; %d opportunities\n",
		verb, t.Converted, t.Selected, t.Held, already, t.NewAccounts, t.MatchedAccounts, t.NewContacts, t.MatchedContacts, t.Opportunities)
	if r.Report != "" {
		fmt.Fprintf(w, "plan written to %s\n", r.Report)
	}
	return nil
}

func newAccountsCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "accounts",
		Short: "Work with the accounts that conversion created",
		Long:  withExitStatus(`Accounts created by conversion start unverified; verify marks them checked.`),
		Args:  noSubcommand,
		RunE:  showHelp,
	}
	var now time.Time
	verify := &cobra.Command{
		Use:   "verify ID...",
		Short: "Mark accounts as checked by the account team",
		Long: withExitStatus(`Verify marks accounts as checked by the team that owns account data:
their opportunities are no longer pending verification, and exports carry
the flag. IDs are written A0000042 or 42.`),
		Example: `  leadpipe accounts verify A0000001 A0000002`,
		Args:    minArgs(1, "accounts verify needs at least one account ID"),
		RunE: func(c *cobra.Command, args []string) error {
			var ids []crm.AccountID
			for _, a := range args {
				id, err := crm.ParseAccountID(a)
				if err != nil {
					return usageErrorf("%v", err)
				}
				ids = append(ids, id)
			}
			db, err := g.openExistingStore(false)
			if err != nil {
				return err
			}
			defer db.Close()
			t := now
			if t.IsZero() {
				t = time.Now().UTC()
			}
			verified, already, err := convert.Verify(db, ids, "accounts verify", t)
			if errors.Is(err, crm.ErrNotFound) {
				return fmt.Errorf("%w in store %s", err, db.Path())
			}
			if err != nil {
				return err
			}
			res := verifyResult{append([]crm.AccountID{}, verified...), append([]crm.AccountID{}, already...)}
			if !g.Quiet || g.JSON {
				return presenterFor(g.JSON, ios.Out, func(w io.Writer, r verifyResult) error {
					fmt.Fprintf(w, "verified %s", plural(len(r.Verified), "account", "accounts"))
					if len(r.Already) > 0 {
						fmt.Fprintf(w, "; %d already verified", len(r.Already))
					}
					_, err := fmt.Fprintln(w)
					return err
				}).present(res)
			}
			return nil
		},
	}
	cmd.AddCommand(verify)
	return cmd
}

// verifyResult is what accounts verify reports.
type verifyResult struct {
	Verified []crm.AccountID `json:"verified"`
	Already  []crm.AccountID `json:"already_verified"`
}

func newLeadsReactivateCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "reactivate ID",
		Short: "Make a converted lead editable again",
		Long: withExitStatus(`Reactivate makes a converted lead editable again: its status goes back to
what it was before the conversion, and its links to the account, contact
and opportunity move into its history. The account, contact and
opportunity stay.`),
		Example: `  leadpipe leads reactivate L0000042`,
		Args:    exactArgs(1, "reactivate needs exactly one lead ID"),
		RunE: func(c *cobra.Command, args []string) error {
			id, err := crm.ParseID(args[0])
			if err != nil {
				return usageErrorf("%v", err)
			}
			db, err := g.openExistingStore(false)
			if err != nil {
				return err
			}
			defer db.Close()
			l, err := convert.Reactivate(db, id, "reactivate", time.Now().UTC())
			switch {
			case errors.Is(err, crm.ErrNotFound):
				return fmt.Errorf("lead %s not found in store %s", id, db.Path())
			case err != nil:
				return err
			}
			if !g.Quiet || g.JSON {
				return presenterFor(g.JSON, ios.Out, func(w io.Writer, l *crm.Lead) error {
					_, err := fmt.Fprintf(w, "%s reactivated: status %s\n", l.ID, l.Status)
					return err
				}).present(l)
			}
			return nil
		},
	}
}
