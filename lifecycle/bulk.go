package lifecycle

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadpipe/leadpipe/crm"
)

// Store is what BulkSetStatus needs of the store; crm.Store has it. Its
// ForEachLead must let fn call Apply for leads already given to fn, as
// store.DB's does (it reads in chunks, each in its own read transaction).
type Store interface {
	crm.LeadReader
	Apply(b *crm.Batch) error
}

// Selection picks the leads of a bulk change: the leads with the given
// ids, or every lead Where accepts, or the given ids that Where accepts.
// (*rules.Matcher).Match fits Where.
type Selection struct {
	IDs   []crm.ID
	Where func(*crm.Lead) (bool, error)
}

// BulkOptions configures BulkSetStatus.
type BulkOptions struct {
	Reason string    // the reason recorded with every change
	By     string    // recorded in history; empty means "status set"
	Now    time.Time // the run's clock
	DryRun bool      // report, write nothing
	Force  bool      // allow moves outside the status table (never skips gates)
	// BatchSize is the number of changed leads written per transaction;
	// 0 means 10,000.
	BatchSize int
	// Progress, when set, hears the leads read and written so far.
	Progress func(read, written int)
}

// BulkReport is the outcome of BulkSetStatus. Every selected lead is
// counted once: Changed + Unchanged + Converted + len(Refused) == Selected.
type BulkReport struct {
	To        crm.Status `json:"to"`
	DryRun    bool       `json:"dry_run"`
	Selected  int        `json:"selected"`
	Changed   int        `json:"changed"`   // set to To (written unless DryRun)
	Unchanged int        `json:"unchanged"` // had To already
	// Converted counts the converted leads a Where condition selected:
	// read-only, skipped as score skips them, not refused (a nightly
	// status set after a convert is not a failure).
	Converted int       `json:"converted"`
	Refused   []Refusal `json:"refused"` // left untouched, by id
	Written   int       `json:"written"`
	// Stages counts the stage moves the sync rules made.
	Stages []Move `json:"stages,omitempty"`
}

// Refusal is a selected lead that was left untouched, and why.
type Refusal struct {
	ID      crm.ID   `json:"id"`
	Missing []string `json:"missing,omitempty"` // what the gate lacked
	Reason  string   `json:"reason"`            // the error's message
	Err     error    `json:"-"`                 // *GateError, *TransitionError, ErrConverted, ...
}

// Move counts leads moved from one stage to another.
type Move struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Leads int    `json:"leads"`
}

// Balanced reports whether the counts add up to the leads selected.
func (r BulkReport) Balanced() bool {
	return r.Changed+r.Unchanged+r.Converted+len(r.Refused) == r.Selected
}

// BulkSetStatus sets the status of the selected leads with SetStatus:
// leads whose gate fails, converted leads, leads merged into another and
// moves the table forbids are refused and left untouched, with the
// reason. A Where condition never selects a merged-away lead, and the
// converted leads it selects are skipped and counted (Converted), not
// refused: only leads named by id are refused for being converted. The changed leads are
// written in batches (none in a dry run, none when nothing changed). A
// selection of ids that names no lead refuses that id with crm.ErrNotFound.
//
// Every lead is read once. Like scoring.Rescore, it writes each full batch
// from inside ForEachLead's callback, which the store must allow (store.DB
// does; see scoring.Store). On an error or a cancelled ctx it stops: the
// batches written stay written and the report counts them in Written.
func (m *Machine) BulkSetStatus(ctx context.Context, st Store, sel Selection, to crm.Status, opts BulkOptions) (BulkReport, error) {
	rep := BulkReport{To: to, DryRun: opts.DryRun, Refused: []Refusal{}}
	if _, known := transitions[to]; !known {
		return rep, fmt.Errorf("status set: unknown status %q", string(to))
	}
	if sel.IDs == nil && sel.Where == nil {
		return rep, errors.New("status set: no leads selected: give ids or a condition")
	}
	by := cmp.Or(opts.By, "status set")
	size := opts.BatchSize
	if size <= 0 {
		size = 10_000
	}
	stages := map[[2]string]int{}
	var batch []*crm.Lead
	read := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := st.Apply(&crm.Batch{Leads: batch}); err != nil {
			return fmt.Errorf("write %d leads: %w", len(batch), err)
		}
		rep.Written += len(batch)
		if opts.Progress != nil {
			opts.Progress(read, rep.Written)
		}
		clear(batch)
		batch = batch[:0]
		return nil
	}
	visit := func(l *crm.Lead) error {
		read++
		if read%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if opts.Progress != nil {
				opts.Progress(read, rep.Written)
			}
		}
		if l.MergedInto != 0 && sel.IDs == nil {
			// Merged-away leads are hidden, as in leads list: a
			// condition never selects them. Named by id, they are
			// refused (SetStatus) with the lead they went into.
			return nil
		}
		if sel.Where != nil {
			ok, err := sel.Where(l)
			if err != nil {
				rep.Selected++
				rep.Refused = append(rep.Refused, refusal(l.ID, err))
				return nil
			}
			if !ok {
				return nil
			}
		}
		rep.Selected++
		if sel.IDs == nil && IsConverted(l) {
			rep.Converted++
			return nil
		}
		stage := l.Stage
		ok, err := m.SetStatus(l, to, opts.Reason, by, opts.Now, opts.Force)
		switch {
		case err != nil:
			rep.Refused = append(rep.Refused, refusal(l.ID, err))
			return nil
		case !ok:
			rep.Unchanged++
			return nil
		}
		rep.Changed++
		if l.Stage != stage {
			stages[[2]string{string(stage), string(l.Stage)}]++
		}
		if opts.DryRun {
			return nil
		}
		batch = append(batch, l)
		if len(batch) == size {
			return flush()
		}
		return nil
	}
	var err error
	if sel.IDs != nil {
		err = forIDs(ctx, st, sel.IDs, visit, func(id crm.ID, err error) {
			rep.Selected++
			rep.Refused = append(rep.Refused, refusal(id, err))
		})
	} else {
		err = st.ForEachLead(visit)
	}
	if err == nil {
		err = flush()
	}
	slices.SortFunc(rep.Refused, func(a, b Refusal) int { return cmp.Compare(a.ID, b.ID) })
	rep.Stages = moves(stages)
	if err != nil {
		return rep, fmt.Errorf("status set: %w", err)
	}
	return rep, nil
}

// forIDs visits the leads with the given ids once each, in id order.
func forIDs(ctx context.Context, st Store, ids []crm.ID, visit func(*crm.Lead) error, missing func(crm.ID, error)) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for i, id := range ids {
		if i%4096 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		l, err := st.Lead(id)
		if errors.Is(err, crm.ErrNotFound) {
			missing(id, err)
			continue
		}
		if err != nil {
			return err
		}
		if err := visit(l); err != nil {
			return err
		}
	}
	return nil
}

func refusal(id crm.ID, err error) Refusal {
	r := Refusal{ID: id, Reason: err.Error(), Err: err}
	var ge *GateError
	if errors.As(err, &ge) {
		r.Missing = ge.Missing
	}
	if errors.Is(err, crm.ErrNotFound) {
		r.Reason = "not found"
	}
	return r
}

func moves(m map[[2]string]int) []Move {
	var out []Move
	for k, n := range m {
		out = append(out, Move{From: k[0], To: k[1], Leads: n})
	}
	slices.SortFunc(out, func(a, b Move) int {
		return cmp.Or(cmp.Compare(crm.Stage(a.From).Rank(), crm.Stage(b.From).Rank()),
			cmp.Compare(crm.Stage(a.To).Rank(), crm.Stage(b.To).Rank()))
	})
	return out
}

// String renders the report with every refusal.
func (r BulkReport) String() string {
	var b strings.Builder
	_ = r.WriteText(&b, 0)
	return b.String()
}

// WriteText writes the report for people: the counts, the refusals grouped
// by reason, and up to maxListed refused leads (0: all).
//
//	3 leads set to Qualified, 1 unchanged, 2 refused
//	refused:
//	  2 leads: cannot set status Qualified: missing: budget
//	  L0000004  missing: email or phone, budget
func (r BulkReport) WriteText(w io.Writer, maxListed int) error {
	var b strings.Builder
	if r.DryRun {
		b.WriteString("dry run: nothing was written\n")
	}
	fmt.Fprintf(&b, "%s selected: %d set to %s, %d unchanged, %d refused", plural(r.Selected, "lead"), r.Changed, r.To, r.Unchanged, len(r.Refused))
	if r.Converted > 0 {
		fmt.Fprintf(&b, ", %d converted (read-only, skipped)", r.Converted)
	}
	b.WriteString("\n")
	if !r.DryRun && r.Changed > 0 {
		fmt.Fprintf(&b, "written: %s\n", plural(r.Written, "lead"))
	}
	if len(r.Stages) > 0 {
		b.WriteString("stages:\n")
		for _, m := range r.Stages {
			fmt.Fprintf(&b, "  %s %s → %s\n", plural(m.Leads, "lead"), cmp.Or(m.From, "(none)"), m.To)
		}
	}
	if len(r.Refused) > 0 {
		counts := map[string]int{}
		for _, f := range r.Refused {
			counts[f.Reason]++
		}
		reasons := make([]string, 0, len(counts))
		for k := range counts {
			reasons = append(reasons, k)
		}
		slices.SortFunc(reasons, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b)) })
		b.WriteString("refused:\n")
		for _, reason := range reasons {
			fmt.Fprintf(&b, "  %s: %s\n", plural(counts[reason], "lead"), reason)
		}
		for i, f := range r.Refused {
			if maxListed > 0 && i == maxListed {
				fmt.Fprintf(&b, "  ... and %d more\n", len(r.Refused)-maxListed)
				break
			}
			fmt.Fprintf(&b, "  %s  %s\n", f.ID, f.Reason)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
