package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/leadpipe/leadpipe/crm"
)

// Exit codes. exitCode is the only place that chooses one, and main the only
// place that exits.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitRejected    = 3
	exitLocked      = 4
	exitInterrupted = 130
)

// exitStatuses is the exit-code table as users read it: in every command's
// --help (exitStatusHelp) and in the README (exitStatusMarkdown, checked by
// TestDocsUpToDate).
var exitStatuses = []struct {
	Code    int
	Meaning string
}{
	{exitOK, "success"},
	{exitFailure, "failure; nothing was written (if a file broke off midway, the batches before the break are committed and the message names the row)"},
	{exitUsage, "usage error: unknown flag, wrong arguments or a bad configuration file"},
	{exitRejected, "finished, but some rows were rejected (import) or some leads refused (status set) or held back (convert; a lead converted before is not held back); every other row or change was committed; or imports undo refused, as later changes depend on the import (nothing was written)"},
	{exitLocked, "the store is in use by another leadpipe run (see --lock-timeout)"},
	{exitInterrupted, "interrupted; the rows processed so far are committed"},
}

// exitStatusHelp is the "EXIT STATUS" block appended to every command's Long
// help, the way restic documents its codes.
func exitStatusHelp() string {
	var b strings.Builder
	b.WriteString("EXIT STATUS\n")
	for _, s := range exitStatuses {
		fmt.Fprintf(&b, "  %-4d %s\n", s.Code, s.Meaning)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// exitStatusMarkdown is the same table for the README, where it stands
// between <!-- exit-codes:begin --> and <!-- exit-codes:end -->.
func exitStatusMarkdown() string {
	var b strings.Builder
	b.WriteString("| code | meaning |\n")
	b.WriteString("|---|---|\n")
	for _, s := range exitStatuses {
		fmt.Fprintf(&b, "| %d | %s |\n", s.Code, s.Meaning)
	}
	return b.String()
}

// withExitStatus appends the EXIT STATUS block to a command's long help.
func withExitStatus(long string) string {
	return strings.TrimRight(long, "\n") + "\n\n" + exitStatusHelp()
}

// usageError is a mistake on the command line or in the configuration file:
// a bad flag, a wrong number of arguments, an unknown value.
type usageError struct {
	err    error
	config bool // the mistake is in the configuration file
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// errRowsRejected is returned by a run that completed and printed its
// summary, but rejected some rows. It maps to exit 3 and prints nothing more:
// the summary already said it.
var errRowsRejected = errors.New("some rows were rejected")

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, crm.ErrLocked):
		return exitLocked
	case errors.Is(err, errRowsRejected), errors.Is(err, errLeadsRefused):
		return exitRejected
	}
	return exitFailure
}

// printError reports a failed run on stderr: one "leadpipe: ..." line, or
// under --json one JSON object {"error": ..., "exit_code": ...}. usageHint
// names the command whose --help to read after a usage error.
func printError(w io.Writer, asJSON bool, err error, code int, usageHint string) {
	if err == nil || errors.Is(err, errRowsRejected) || errors.Is(err, errLeadsRefused) || errors.Is(err, errConfigProblems) {
		return
	}
	msg := err.Error()
	if code == exitInterrupted {
		msg = "interrupted"
	}
	if asJSON {
		_ = json.NewEncoder(w).Encode(struct {
			Error    string `json:"error"`
			ExitCode int    `json:"exit_code"`
		}{msg, code})
		return
	}
	fmt.Fprintf(w, "leadpipe: %s\n", msg)
	if code == exitUsage && usageHint != "" {
		fmt.Fprintf(w, "Run '%s --help' for usage.\n", usageHint)
	}
}
