package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leadpipe/leadpipe/pipeline"
)

func TestShowProgress(t *testing.T) {
	tests := []struct {
		name                         string
		quiet, json, noProgress, tty bool
		want                         bool
	}{
		{name: "terminal", tty: true, want: true},
		{name: "cron: no terminal", tty: false, want: false},
		{name: "quiet", quiet: true, tty: true, want: false},
		{name: "json", json: true, tty: true, want: false},
		{name: "no-progress", noProgress: true, tty: true, want: false},
		{name: "json without terminal", json: true, want: false},
		{name: "everything off", quiet: true, json: true, noProgress: true, tty: true, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := showProgress(tt.quiet, tt.json, tt.noProgress, tt.tty); got != tt.want {
				t.Errorf("showProgress(quiet=%v, json=%v, noProgress=%v, tty=%v) = %v, want %v",
					tt.quiet, tt.json, tt.noProgress, tt.tty, got, tt.want)
			}
		})
	}
}

func TestProgressObserverDrawsOnItsWriter(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressObserver(&buf)
	p.FileStarted(pipeline.FileInfo{Name: "fair.csv"})
	p.Progress("fair.csv", 512, 2048)
	p.Progress("fair.csv", 2048, 2048)
	p.FileDone(pipeline.FileSummary{File: "fair.csv"})
	p.close()
	if !strings.Contains(buf.String(), "fair.csv") {
		t.Errorf("bar output %q does not name the file", buf.String())
	}
	if p.bar != nil {
		t.Error("bar still open after FileDone")
	}
}
