package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/leadpipe/leadpipe/dedupe"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/scoring"
)

func newLeadsCommand(g *globalOptions, ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "leads <command>",
		Short: "List and show the leads in the store",
		Long: withExitStatus(`The leads commands read the store under a shared lock: they can run
beside each other, but wait for (and then give up on) a running import.`),
		Args: noSubcommand,
		RunE: showHelp,
	}
	cmd.AddCommand(newLeadsListCommand(g, ios, nil), newLeadsShowCommand(g, ios, nil), newLeadsUnmergeCommand(g, ios), newLeadsReactivateCommand(g, ios))
	return cmd
}

type leadsListOptions struct {
	Status string
	Stage  string
	Source string
	Where  string
	Limit  int
	// Now is the run's clock for --where (days_since_created); tests set it.
	Now time.Time

	status crm.Status
	stage  crm.Stage
}

func newLeadsListCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *leadsListOptions) error) *cobra.Command {
	opts := &leadsListOptions{}
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List leads, optionally filtered by status, stage, source or a condition",
		Long: withExitStatus(`List prints one line per lead, in id order: id, name, company, e-mail,
status, stage, score and grade. With --json it prints a JSON array of the
full lead objects.

--where keeps the leads for which a condition holds, written in the
language of the scoring rules, with the fields named as in the export
header: grade == "hot" && country == "DE", budget >= 50000,
title matches "(?i)prezes", present("phone"), days_since_created <= 30,
custom("Messestand") == "B12". The filters combine with AND. A condition
that does not compile is a usage error showing where it went wrong.`),
		Example: `  leadpipe leads list --status new --source messe-2026
  leadpipe leads list --where 'grade == "hot" && country == "DE"'
  leadpipe leads list --stage mql --limit 20 --json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := opts.complete(); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runLeadsList(g, ios, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Status, "status", "", "only leads with this status (New, Working, Nurturing, Qualified, Disqualified, Converted)")
	f.StringVar(&opts.Stage, "stage", "", "only leads in this stage (Lead, MQL, SQL, Opportunity, Customer)")
	f.StringVar(&opts.Source, "source", "", "only leads from this source")
	f.StringVar(&opts.Where, "where", "", "only leads for which `EXPR` holds, e.g. 'grade == \"hot\" && country == \"DE\"'")
	f.IntVar(&opts.Limit, "limit", 0, "print at most `N` leads (0: all)")
	return cmd
}

func (o *leadsListOptions) complete() error {
	var err error
	if o.Status != "" {
		if o.status, err = crm.ParseStatus(o.Status); err != nil {
			return &usageError{err: fmt.Errorf("--status: %w", err)}
		}
	}
	if o.Stage != "" {
		if o.stage, err = crm.ParseStage(o.Stage); err != nil {
			return &usageError{err: fmt.Errorf("--stage: %w", err)}
		}
	}
	if o.Limit < 0 {
		return usageErrorf("--limit must not be negative")
	}
	return nil
}

func (o *leadsListOptions) match(l *crm.Lead) bool {
	return (o.status == "" || l.Status == o.status) &&
		(o.stage == "" || l.Stage == o.stage) &&
		(o.Source == "" || strings.EqualFold(l.Source, o.Source))
}

// errEnough stops ForEachLead once --limit leads are found.
var errEnough = errors.New("enough leads")

func runLeadsList(g *globalOptions, ios *IOStreams, opts *leadsListOptions) error {
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
	leads := []*crm.Lead{}
	err = db.ForEachLead(func(l *crm.Lead) error {
		if l.MergedInto != 0 || !opts.match(l) {
			return nil // merged away: shown by leads show, listed nowhere
		}
		if where != nil && !where.keep(l) {
			return nil
		}
		leads = append(leads, l)
		if opts.Limit > 0 && len(leads) >= opts.Limit {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return err
	}
	if where != nil {
		where.warn(g, ios)
	}
	if len(leads) == 0 && !g.Quiet && !g.JSON {
		fmt.Fprintln(ios.ErrOut, "no leads match")
	}
	return leadsPresenterFor(g.JSON, ios.Out).list(leads)
}

type leadsShowOptions struct {
	ID crm.ID
	// Explain scores the lead afresh with the current rules and shows the
	// working.
	Explain bool
	// Now is the run's clock for --explain; tests set it.
	Now time.Time
}

func newLeadsShowCommand(g *globalOptions, ios *IOStreams, runF func(context.Context, *leadsShowOptions) error) *cobra.Command {
	opts := &leadsShowOptions{}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one lead with every field, raw value, custom field and its history",
		Long: withExitStatus(`Show prints one lead: every core field with the value as the source file
had it where that differs, derived facts, the stored score with its grade
and the rules that fired, custom fields, the imports that touched it,
warnings and the history: replaced values and every change of status,
stage, score and grade, with who made it and why. ID is written as in the
list (L0000042) or as a plain number.

--explain compares the lead, with the current match rules, with the lead
it may duplicate and with every lead and row merged into it, field by
field (values, comparator, similarity, weight). It also
scores the lead afresh with the current rules (leadpipe.yaml)
and shows the working: the rules that fired and did not, the thresholds,
and whether the stored score differs. It changes nothing.`),
		Example: `  leadpipe leads show L0000042
  leadpipe leads show L0000042 --explain
  leadpipe leads show 42 --json`,
		Args: exactArgs(1, "show needs exactly one lead ID"),
		RunE: func(c *cobra.Command, args []string) error {
			id, err := crm.ParseID(args[0])
			if err != nil {
				return &usageError{err: err}
			}
			opts.ID = id
			if opts.Explain && g.JSON {
				return usageErrorf("--explain prints text; --json does not apply (the JSON lead has score, grade and score_rules)")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runLeadsShow(g, ios, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "score the lead afresh with the current rules and show the working")
	return cmd
}

func runLeadsShow(g *globalOptions, ios *IOStreams, opts *leadsShowOptions) error {
	db, err := g.openStore(true)
	if err != nil {
		return err
	}
	defer db.Close()
	l, err := db.Lead(opts.ID)
	if errors.Is(err, crm.ErrNotFound) {
		return fmt.Errorf("lead %s not found in store %s", opts.ID, db.Path())
	}
	if err != nil {
		return err
	}
	if err := leadsPresenterFor(g.JSON, ios.Out).show(l); err != nil {
		return err
	}
	if opts.Explain {
		now := nowOr(opts.Now)
		_, err = io.WriteString(ios.Out, "\nwith the current rules:\n"+indent(g.Scoring.Explain(l, now)))
		if err == nil {
			err = explainMatches(ios.Out, db, dedupe.NewMatcher(g.Dedupe), l)
		}
	}
	return err
}

// explainMatches shows, with the current match rules, how the lead compares
// with the lead it may duplicate and with everything merged into it. A
// lead is compared as matching compares it: as it is now and as it was
// before its merges, the best state counting (dedupe.Matcher.ExplainLead).
func explainMatches(w io.Writer, db crm.LeadReader, m *dedupe.Matcher, l *crm.Lead) error {
	var b strings.Builder
	// merge is the index of the merge being explained in cand.Merges, or
	// -1 to compare with cand as it is.
	show := func(title string, probe *crm.Lead, cand *crm.Lead, merge int) {
		pr := m.Record(probe)
		res := m.ExplainLead(&pr, cand, merge)
		state := ""
		if name := dedupe.StateName(cand, res); name != "" && (merge < 0 || res.BeforeMerge != merge+1) {
			// A merge is explained with the lead as it was when the
			// merge was made; an older state that scored better is named.
			state = ", with " + name
		}
		fmt.Fprintf(&b, "\n%s (score %.2f, %s%s):\n%s", title, res.Score, decisionText(m, res), state, res)
	}
	if id := l.PossibleDuplicateOf; id != 0 {
		if other, err := db.Lead(id); err == nil {
			show(fmt.Sprintf("possible duplicate of %s", id), l, other, -1)
		}
	}
	if id := l.MergedInto; id != 0 {
		if other, err := db.Lead(id); err == nil {
			show(fmt.Sprintf("merged into %s, as it is now", id), l, other, -1)
		}
	}
	for i, mr := range l.Merges {
		switch {
		case mr.From != 0:
			if other, err := db.Lead(mr.From); err == nil {
				show(fmt.Sprintf("merged %s (%s %s)", mr.From, mr.By, mr.ID), other, l, i)
			}
		case mr.Lead != nil:
			show(fmt.Sprintf("merged %s row %d (import %s)", mr.File, mr.Row, mr.ID), mr.Lead, l, i)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func decisionText(m *dedupe.Matcher, r dedupe.Result) string {
	c := m.Config()
	switch m.Decide(r, true) {
	case dedupe.Merge:
		return fmt.Sprintf("merge at %g", c.MergeAt)
	case dedupe.Review:
		if r.Veto != "" {
			return fmt.Sprintf("kept apart: %s; review from %g", r.Veto, c.ReviewAt)
		}
		return fmt.Sprintf("review from %g", c.ReviewAt)
	}
	if r.Veto != "" {
		return "kept apart: " + r.Veto
	}
	return fmt.Sprintf("below review_at %g", c.ReviewAt)
}

// indent puts two spaces before every line of s.
func indent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" && l != "\n" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "")
}

// leadsPresenter shows leads as text or JSON, chosen once from --json.
type leadsPresenter interface {
	list([]*crm.Lead) error
	show(*crm.Lead) error
}

func leadsPresenterFor(asJSON bool, w io.Writer) leadsPresenter {
	if asJSON {
		return jsonLeadsPresenter{w}
	}
	return textLeadsPresenter{w}
}

type jsonLeadsPresenter struct{ w io.Writer }

func (p jsonLeadsPresenter) list(leads []*crm.Lead) error { return writeJSON(p.w, leads) }
func (p jsonLeadsPresenter) show(l *crm.Lead) error       { return writeJSON(p.w, l) }

type textLeadsPresenter struct{ w io.Writer }

func (p textLeadsPresenter) list(leads []*crm.Lead) error {
	if len(leads) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCOMPANY\tEMAIL\tSTATUS\tSTAGE\tSCORE\tGRADE")
	for _, l := range leads {
		name := strings.TrimSpace(l.FirstName + " " + l.LastName)
		score := "-"
		if l.Grade != "" {
			score = strconv.Itoa(l.Score)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.ID, cell(name), cell(l.Company), cell(l.Email), l.Status, l.Stage, score, cell(string(l.Grade)))
	}
	return tw.Flush()
}

// cell keeps a table readable: tabs and line breaks in a value would break
// the columns.
func cell(s string) string {
	if s == "" {
		return "-"
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func (p textLeadsPresenter) show(l *crm.Lead) error {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, name := range crm.CoreFields {
		v := l.Get(name)
		if raw, ok := l.Raw.Get(name); ok && raw != v {
			fmt.Fprintf(tw, "%s\t%s\t(from %q)\n", name, cell(v), raw)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t\n", name, cell(v))
	}
	fmt.Fprintf(tw, "updated_at\t%s\n", cell(formatTime(l.UpdatedAt)))
	for _, d := range []struct{ name, v string }{
		{"legal_form", l.LegalForm}, {"phone_ext", l.PhoneExt}, {"currency", l.Currency},
	} {
		if d.v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", d.name, d.v)
		}
	}
	if l.Email != "" {
		fmt.Fprintf(tw, "email_freemail\t%t\n", l.EmailFreemail)
		fmt.Fprintf(tw, "email_role\t%t\n", l.EmailRole)
	}
	if l.PossibleDuplicateOf != 0 {
		fmt.Fprintf(tw, "possible_duplicate_of\t%s\n", l.PossibleDuplicateOf)
	}
	if l.Status == crm.StatusConverted || l.AccountID != 0 {
		fmt.Fprintf(tw, "converted_at\t%s\t(read-only; leadpipe leads reactivate %s makes it editable)\n", cell(formatTime(l.ConvertedAt)), l.ID)
		fmt.Fprintf(tw, "status_before_conversion\t%s\n", cell(string(l.StatusBeforeConv)))
		fmt.Fprintf(tw, "account_id\t%s\n", l.AccountID)
		fmt.Fprintf(tw, "contact_id\t%s\n", l.ContactID)
		if l.OpportunityID != 0 {
			fmt.Fprintf(tw, "opportunity_id\t%s\n", l.OpportunityID)
		}
	}
	if l.MergedInto != 0 {
		fmt.Fprintf(tw, "merged_into\t%s\t(read-only; leadpipe leads unmerge %s takes it back)\n", l.MergedInto, l.ID)
	}
	for _, m := range l.Merges {
		what := m.From.String()
		if m.From == 0 {
			what = fmt.Sprintf("%s row %d", m.File, m.Row)
		}
		score := fmt.Sprintf("score %.1f", m.Score)
		switch {
		case m.By == "review" && m.Score == 0:
			// Reviews made before leadpipe kept the pair's score
			// recorded none: the reviewer's decision made the merge.
			score = "marked same by the reviewer"
		case m.Score == 0:
			// --match exact merges on a shared key, without a score
			// (the row report names the key).
			score = "exact key match"
		}
		fmt.Fprintf(tw, "merged\t%s by %s %s, %s, %d fields set\n", what, m.By, m.ID, score, len(m.Changes))
	}
	tw.Flush()
	if l.Grade != "" {
		b.WriteString("\n" + scoring.Explain(l))
		if !strings.HasSuffix(b.String(), "\n") {
			b.WriteString("\n")
		}
	}
	if names := l.CustomNames(); len(names) > 0 {
		b.WriteString("\ncustom fields:\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, name := range names {
			v := l.Custom[name]
			if raw, ok := l.Raw.Get(name); ok && raw != v {
				fmt.Fprintf(tw, "  %s\t%s\t(from %q)\n", name, cell(v), raw)
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s\t\n", name, cell(v))
		}
		tw.Flush()
	}
	if len(l.Imports) > 0 {
		fmt.Fprintf(&b, "\nimports:\n  %s\n", strings.Join(l.Imports, "\n  "))
	}
	if len(l.Warnings) > 0 {
		b.WriteString("\nwarnings:\n")
		for _, w := range l.Warnings {
			fmt.Fprintf(&b, "  %s\n", w)
		}
	}
	if len(l.History) > 0 {
		b.WriteString("\nhistory:\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, h := range l.History {
			by := h.By
			if h.ImportID != "" {
				by += " " + h.ImportID
			}
			if h.Reason != "" {
				by += ": " + h.Reason
			}
			fmt.Fprintf(tw, "  %s\t%s\t%q → %q\t(%s)\n", formatTime(h.At), h.Field, h.Old, h.New, by)
		}
		tw.Flush()
	}
	_, err := io.WriteString(p.w, trimLines(b.String()))
	return err
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
