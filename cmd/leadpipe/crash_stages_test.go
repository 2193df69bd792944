package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/store"
)

// TestCrashKillStages is the crash test for the commands after import
// (issue 7: "every command that writes leaves the store consistent when
// killed at any moment"): on one imported store, score, dedupe, status set
// and convert each run once uninterrupted (the reference) and, on a copy,
// are killed with SIGKILL at random points (CRASH_STAGE_KILLS per command,
// default 3) and run again to their end. After each kill the store must
// open and pass Check and `leads list` must work; at the end the leads,
// accounts, contacts and opportunities exported from both stores must be
// the same apart from the times of the writes.
func TestCrashKillStages(t *testing.T) {
	rows := envInt(t, "CRASH_STAGE_ROWS", 5000)
	kills := envInt(t, "CRASH_STAGE_KILLS", 3)
	e, seed := newCrashEnv(t, rows)
	dir := e.dir
	ref, crash := filepath.Join(dir, "ref.db"), filepath.Join(dir, "crash.db")
	if _, stderr, code := e.run(ref, "import", e.data); code != 0 && code != 3 {
		t.Fatalf("import: exit %d: %s", code, firstLine(stderr))
	}
	copyStore(t, ref, crash)
	t.Logf("seed %d (CRASH_SEED=%d repeats the delays); %d rows, %d kills per command", seed, seed, rows, kills)

	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	stages := [][]string{
		{"score"},
		{"dedupe"},
		{"status", "set", "Qualified", "--where", `source == "webinar"`},
		{"convert", "--opportunity"},
	}
	for _, args := range stages {
		name := strings.Join(args[:min(2, len(args))], " ")
		t0 := time.Now()
		if _, stderr, code := e.run(ref, args...); code != 0 && code != 3 {
			t.Fatalf("%s (reference): exit %d: %s", name, code, firstLine(stderr))
		}
		wall := time.Since(t0)
		landed, finished := 0, 0
		for k := 0; k < kills; k++ {
			delay := time.Duration(rng.Int64N(int64(wall) + 1))
			if !e.killAfter(crash, delay, args...) {
				finished++
				continue
			}
			landed++
			if err := e.checkStore(crash); err != nil {
				t.Errorf("%s killed after %s: %v", name, delay.Round(time.Millisecond), err)
			}
		}
		if _, stderr, code := e.run(crash, args...); code != 0 && code != 3 {
			t.Fatalf("%s after the kills: exit %d: %s", name, code, firstLine(stderr))
		}
		t.Logf("%s: reference %s; %d kills landed, %d runs finished before their kill; store checked after each",
			name, wall.Round(time.Millisecond), landed, finished)
	}
	for _, object := range []string{"leads", "accounts", "contacts", "opportunities"} {
		a, b := filepath.Join(dir, "ref-"+object+".csv"), filepath.Join(dir, "crash-"+object+".csv")
		for path, out := range map[string]string{ref: a, crash: b} {
			if _, stderr, code := e.run(path, "export", "--object", object, "--format", "csv", "--output", out); code != 0 {
				t.Fatalf("export %s: exit %d: %s", object, code, firstLine(stderr))
			}
		}
		cmp, err := compareExports(a, b, "updated_at", "created_at", "score_updated_at", "converted_at")
		if err != nil {
			t.Fatalf("%s: %v", object, err)
		}
		if !cmp.same {
			t.Errorf("%s: the killed and re-run commands left other data than the uninterrupted ones: %s", object, cmp.describe())
		} else {
			t.Logf("%s: as the reference (%s)", object, cmp.describe())
		}
	}
}

// killAfter runs leadpipe with args on the store and kills it after delay;
// it reports whether the kill landed (false: the run finished first).
func (e *crashEnv) killAfter(path string, delay time.Duration, args ...string) bool {
	e.t.Helper()
	var errb bytes.Buffer
	cmd := e.command(path, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, &errb
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	time.Sleep(delay)
	_ = cmd.Process.Kill()
	err := cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		e.t.Fatalf("%s: %v", strings.Join(args, " "), err)
	}
	if code := cmd.ProcessState.ExitCode(); code != -1 {
		if code != 0 && code != 3 {
			e.t.Fatalf("%s exited with %d before its kill: %s", strings.Join(args, " "), code, firstLine(errb.Bytes()))
		}
		return false
	}
	return true
}

// checkStore: the store opens (the lock died with the process), passes
// Check, and leads list works.
func (e *crashEnv) checkStore(path string) error {
	db, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	err = db.Check()
	if err == nil {
		err = db.CheckLinks() // no contact without its account, no half-converted lead
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if _, stderr, code := e.run(path, "leads", "list", "--limit", "1"); code != 0 {
		return fmt.Errorf("leads list: exit %d: %s", code, firstLine(stderr))
	}
	return nil
}

func copyStore(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
