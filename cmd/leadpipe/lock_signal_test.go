package main

import (
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/store"
)

// TestSignalWhileWaitingForLock: SIGTERM or SIGINT while a command waits
// for another run's lock ends the wait at once with exit 130, instead of
// waiting out --lock-timeout and exiting 4. run's signal.NotifyContext
// takes the signal; the test's own Notify keeps a signal that arrives
// outside it from ending the test binary.
func TestSignalWhileWaitingForLock(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			guard := make(chan os.Signal, 4)
			signal.Notify(guard, sig)
			defer signal.Stop(guard)

			dir := t.TempDir()
			path := filepath.Join(dir, "leadpipe.db")
			holder, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer holder.Close()
			csv := filepath.Join(dir, "leads.csv")
			if err := os.WriteFile(csv, []byte("Vorname;Nachname;Firma;E-Mail\nJürgen;Müller;Müller GmbH;j.mueller@example.de\n"), 0o600); err != nil {
				t.Fatal(err)
			}

			time.AfterFunc(300*time.Millisecond, func() { _ = syscall.Kill(os.Getpid(), sig) })
			ios, _, stdout, stderr := Test()
			start := time.Now()
			code := run([]string{"--store", path, "--lock-timeout", "10s", "import", csv}, ios)
			waited := time.Since(start)
			if code != exitInterrupted {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitInterrupted, stderr)
			}
			if waited > 3*time.Second {
				t.Errorf("stopped after %v, want soon after the signal at 300ms", waited)
			}
			if got := strings.TrimSpace(stderr.String()); got != "leadpipe: interrupted" {
				t.Errorf("stderr %q, want leadpipe: interrupted", got)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q, want nothing", stdout)
			}
		})
	}
}
