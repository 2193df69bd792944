package main

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the three streams a command talks through, with what is
// known about them. Every command writes through these writers and never to
// os.Stdout directly, so a test can swap them for buffers and set the TTY
// facts with a single setter.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer // data: summaries, tables, JSON, exports
	ErrOut io.Writer // status: progress, warnings, errors

	stdoutTTY bool
	stderrTTY bool
}

// System returns the process's streams. A stream is a terminal when its
// writer has a file descriptor that term says is one.
func System() *IOStreams {
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
	}
}

// Test returns streams backed by buffers; no stream is a terminal until a
// setter says so.
func Test() (ios *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = new(bytes.Buffer), new(bytes.Buffer), new(bytes.Buffer)
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// isTerminal asks the writer for a file descriptor: a bytes.Buffer has
// none, so it is never a terminal.
func isTerminal(w any) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// SetStdoutTTY overrides the detected fact, for tests.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetStderrTTY overrides the detected fact, for tests.
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// leadpipe prints no colour at all: its output is read by people at a
// terminal and by cron mail and log files alike, and plain text serves both.
// Should colour ever be added, it must be off unless the stream is a
// terminal, NO_COLOR is unset and TERM is not "dumb".
