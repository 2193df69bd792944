package main

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/importer"
	"github.com/leadpipe/leadpipe/pipeline"
)

// showProgress decides whether a progress bar is drawn: only for a person
// watching a terminal, never under --json, --quiet or --no-progress, and
// never into a pipe, a file or cron's mail (progressbar does no TTY detection
// of its own).
func showProgress(quiet, json, noProgress, stderrTTY bool) bool {
	return stderrTTY && !quiet && !json && !noProgress
}

// progressObserver draws one byte-based bar per input file on stderr. The
// pipeline only reports numbers through the Observer; all drawing is here.
type progressObserver struct {
	pipeline.NopObserver
	w   io.Writer
	bar *progressbar.ProgressBar
	// name of the file the bar is for
	name string
}

func newProgressObserver(w io.Writer) *progressObserver {
	return &progressObserver{w: w}
}

func (p *progressObserver) FileStarted(f pipeline.FileInfo) {
	p.close()
	p.name = f.Name
}

func (p *progressObserver) Progress(file string, done, total int64) {
	if p.bar == nil {
		max := total
		if max <= 0 {
			max = -1 // unknown size: a spinner with a byte count
		}
		p.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionThrottle(65*time.Millisecond),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription(p.name),
			progressbar.OptionClearOnFinish(),
		)
	} else if total > 0 && total != p.bar.GetMax64() {
		p.bar.ChangeMax64(total)
	}
	_ = p.bar.Set64(done)
}

func (p *progressObserver) FileDone(pipeline.FileSummary) {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
	p.close()
}

// close stops the current bar; it is safe to call at any time, and the
// import command defers it so that an error never leaves a bar half drawn.
func (p *progressObserver) close() {
	if p.bar != nil {
		_ = p.bar.Exit()
		p.bar = nil
	}
}

// multiObserver hands every event to each of its observers in turn.
type multiObserver []pipeline.Observer

func (m multiObserver) FileStarted(f pipeline.FileInfo) {
	for _, o := range m {
		o.FileStarted(f)
	}
}

func (m multiObserver) Row(out *crm.Outcome, rec *importer.Record) {
	for _, o := range m {
		o.Row(out, rec)
	}
}

func (m multiObserver) Progress(file string, done, total int64) {
	for _, o := range m {
		o.Progress(file, done, total)
	}
}

func (m multiObserver) FileDone(f pipeline.FileSummary) {
	for _, o := range m {
		o.FileDone(f)
	}
}

// leadBar draws a bar of leads read on stderr for the commands that go
// through the whole store (score, status set). Its progress method fits
// the Progress callbacks of scoring.Rescore and lifecycle.BulkSetStatus.
type leadBar struct {
	bar *progressbar.ProgressBar
}

// newLeadBar returns a bar over total leads, or a bar that draws nothing
// when show is false.
func newLeadBar(w io.Writer, show bool, total int, desc string) *leadBar {
	if !show {
		return &leadBar{}
	}
	max := int64(total)
	if max <= 0 {
		max = -1
	}
	return &leadBar{bar: progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(w),
		progressbar.OptionThrottle(65*time.Millisecond),
		progressbar.OptionShowCount(),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *leadBar) progress(read, _ int) {
	if p.bar != nil {
		_ = p.bar.Set64(int64(read))
	}
}

// close stops the bar; safe to call at any time, and more than once.
func (p *leadBar) close() {
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Exit()
		p.bar = nil
	}
}
