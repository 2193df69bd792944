package scoring

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/rules"
)

// Store is what Rescore needs of the store; crm.Store has it.
//
// Rescore calls Apply while ForEachLead runs, from another goroutine, for
// leads ForEachLead has already given out: the store must allow that, as
// store.DB does (its methods are safe for concurrent use, and ForEachLead
// reads in chunks, each in its own short read transaction). Every lead is
// so read once; reading the changed leads again after the scan costs a
// point read per lead and makes a full rescore about twice as slow.
type Store interface {
	crm.LeadReader
	Apply(b *crm.Batch) error
}

// DefaultBatchSize is how many changed leads Rescore writes per
// transaction.
const DefaultBatchSize = 10_000

// RescoreOptions configures Rescore.
type RescoreOptions struct {
	// Now is the run's clock: days_since_created and decay count to it.
	Now time.Time
	// By is recorded in history entries; empty means "score".
	By string
	// DryRun computes the report and writes nothing.
	DryRun bool
	// BatchSize is the number of changed leads written per transaction;
	// 0 means DefaultBatchSize.
	BatchSize int
	// Sync, when set, runs after a lead is scored and may move its stage
	// (lifecycle's (*Machine).Sync fits); it reports whether it changed
	// the lead. Stage moves are counted in the report.
	Sync func(l *crm.Lead, by string, now time.Time) bool
	// Progress, when set, hears the number of leads read and written so
	// far, every few thousand leads and after every write.
	Progress func(read, written int)
}

// Rescore scores every lead of the store with eng and writes the leads
// whose score, grade, fired rules or (with Sync) stage changed, in batches
// of opts.BatchSize per transaction. Converted leads are read-only and
// skipped; leads merged into another are read-only and hidden, skipped and
// not counted. With unchanged rules on the same day nothing changes and
// nothing is written; with opts.DryRun nothing is ever written. The report
// counts what moved.
//
// Two goroutines share the work, as a benchmark asked for:
//
//	scan:  st.ForEachLead → eval rules ──chunks of 256──▶ apply: set score, Sync,
//	                                                       batch, st.Apply
//
// Memory holds at most one batch plus a few chunks. On an error or a
// cancelled ctx Rescore stops: the batches written stay written (each is
// one transaction) and the report counts them in Written.
func Rescore(ctx context.Context, st Store, eng *Engine, opts RescoreOptions) (Report, error) {
	by := opts.By
	if by == "" {
		by = "score"
	}
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The scan: read, skip converted leads, evaluate the rules.
	type scored struct {
		l     *crm.Lead
		score int
		hits  []crm.RuleHit
	}
	const chunkSize = 256
	chunks := make(chan []scored, 4)
	scanTally := newTally()
	var read, converted, mergedAway int
	scanErr := make(chan error, 1)
	go func() {
		defer close(chunks)
		env := rules.NewEnv()
		var buf []crm.RuleHit
		chunk := make([]scored, 0, chunkSize)
		send := func() error {
			select {
			case chunks <- chunk:
				chunk = make([]scored, 0, chunkSize)
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := st.ForEachLead(func(l *crm.Lead) error {
			read++
			if read%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if l.MergedInto != 0 {
				// Merged away: read-only and hidden, as in leads
				// list; not counted among the leads.
				mergedAway++
				return nil
			}
			if IsConverted(l) {
				converted++
				return nil
			}
			var score int
			score, buf = eng.eval(env, l, opts.Now, buf[:0], func(i int, err error) {
				scanTally.ruleError(eng.rules[i].name, l.ID, err)
			})
			chunk = append(chunk, scored{l, score, slices.Clone(buf)})
			if len(chunk) == chunkSize {
				return send()
			}
			return nil
		})
		if err == nil && len(chunk) > 0 {
			err = send()
		}
		scanErr <- err
	}()

	// The writes: store the scores, sync, write batches.
	rep := Report{DryRun: opts.DryRun}
	tally := newTally()
	var batch []*crm.Lead
	var applyErr error
	done := 0 // leads handled here
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := st.Apply(&crm.Batch{Leads: batch}); err != nil {
			return fmt.Errorf("write %d leads: %w", len(batch), err)
		}
		rep.Written += len(batch)
		if opts.Progress != nil {
			opts.Progress(done, rep.Written)
		}
		clear(batch)
		batch = batch[:0]
		return nil
	}
	for chunk := range chunks {
		if applyErr != nil {
			continue // drain, so that the scan can end
		}
		for _, s := range chunk {
			l := s.l
			done++
			oldScore, oldGrade, oldStage := l.Score, l.Grade, l.Stage
			grade := eng.Grade(s.score)
			// The lead was decoded for this run alone: change it in place.
			moved := eng.setOwned(l, s.score, grade, s.hits, by, opts.Now)
			if opts.Sync != nil && opts.Sync(l, by, opts.Now) {
				moved = true
			}
			if !moved {
				rep.Unchanged++
				continue
			}
			rep.Changed++
			tally.move(oldScore, oldGrade, s.score, grade, oldStage, l.Stage)
			if opts.DryRun {
				continue
			}
			batch = append(batch, l)
			if len(batch) == size {
				if applyErr = flush(); applyErr != nil {
					cancel()
					break
				}
			}
		}
		if applyErr == nil && opts.Progress != nil && done%4096 < chunkSize {
			opts.Progress(done, rep.Written)
		}
	}
	err := <-scanErr
	if applyErr == nil && err == nil {
		applyErr = flush()
	}
	rep.Leads, rep.Converted = read-mergedAway, converted
	tally.errs = scanTally.errs
	tally.fill(&rep)
	if applyErr != nil {
		err = applyErr
	}
	if err != nil {
		return rep, fmt.Errorf("rescore: %w", err)
	}
	if opts.Progress != nil {
		opts.Progress(read, rep.Written)
	}
	return rep, nil
}
