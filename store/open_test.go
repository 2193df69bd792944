package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leadpipe/leadpipe/crm"
	berrors "go.etcd.io/bbolt/errors"
)

// holdEnv makes the test binary a helper process that opens the store it
// names, prints "locked", and holds the lock until its stdin closes.
const holdEnv = "LEADPIPE_STORE_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		os.Exit(holdLock(path))
	}
	os.Exit(m.Run())
}

func holdLock(path string) int {
	db, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("locked")
	_, _ = io.Copy(io.Discard, os.Stdin)
	if err := db.Close(); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	return 0
}

// startHolder runs a helper process holding the store at path. Closing the
// returned writer lets it close the store and exit.
func startHolder(t *testing.T, path string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "locked\n" {
		t.Fatalf("helper process said %q (%v)", line, err)
	}
	return cmd, stdin
}

// checkLocked opens path with a 200 ms timeout and checks that it fails the
// way a second run must: ErrLocked, naming the store, after the timeout.
func checkLocked(t *testing.T, path string, ro bool) {
	t.Helper()
	start := time.Now()
	db, err := Open(path, Options{Timeout: 200 * time.Millisecond, ReadOnly: ro})
	waited := time.Since(start)
	if err == nil {
		db.Close()
		t.Fatal("second Open got the lock")
	}
	if !errors.Is(err, crm.ErrLocked) || !errors.Is(err, berrors.ErrTimeout) {
		t.Errorf("err = %v, want one wrapping crm.ErrLocked", err)
	}
	if want := "store " + path + " is in use by another leadpipe run"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %q, want it to start %q", err, want)
	}
	// bbolt gives up one 50 ms retry early.
	if waited < 140*time.Millisecond || waited > 2*time.Second {
		t.Errorf("gave up after %v, want about 200ms", waited)
	}
	t.Logf("locked out after %v: %v", waited.Round(time.Millisecond), err)
}

func TestLockedInSameProcess(t *testing.T) {
	db := openTest(t)
	before := readFile(t, db.Path())
	checkLocked(t, db.Path(), false)
	checkLocked(t, db.Path(), true)
	if !bytes.Equal(readFile(t, db.Path()), before) {
		t.Error("the locked-out Open changed the store")
	}
	// The holder is unaffected.
	mustApply(t, db, batchOf(nil, typicalLead(1)))
}

func TestLockedByOtherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadpipe.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, db, batchOf(nil, typicalLead(1)))
	db.Close()
	before := readFile(t, path)

	cmd, release := startHolder(t, path)
	checkLocked(t, path, false)
	checkLocked(t, path, true)
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("the locked-out Open changed the store")
	}

	release.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	db, err = Open(path, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("after the holder closed: %v", err)
	}
	db.Close()
	mustCheck(t, path)
}

// A7: the kernel drops a killed holder's lock; nobody has to clean up.
func TestLockFreedWhenHolderKilled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadpipe.db")
	cmd, _ := startHolder(t, path)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	start := time.Now()
	db, err := Open(path, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	t.Logf("lock acquired %v after the holder died", time.Since(start).Round(time.Microsecond))
	db.Close()
	mustCheck(t, path)
}

func TestReadersShare(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	mustApply(t, db, batchOf(nil, typicalLead(1)))
	db.Close()

	r1, err := Open(path, Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(path, Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	defer r2.Close()
	if _, err := r2.Lead(1); err != nil {
		t.Error(err)
	}
	checkLocked(t, path, false) // no writer while readers read
}

// Zero Options must not mean bbolt's "wait forever".
func TestZeroTimeoutIsBounded(t *testing.T) {
	db := openTest(t)
	start := time.Now()
	_, err := Open(db.Path(), Options{})
	if !errors.Is(err, crm.ErrLocked) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > DefaultTimeout+time.Second {
		t.Errorf("waited %v", d)
	}
	if !strings.Contains(err.Error(), "gave up after 1s") {
		t.Errorf("err = %q", err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "leads.csv")
	if err := os.WriteFile(text, []byte("first_name;last_name\nJan;Kowalski\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, bytes.Repeat([]byte("Kowalski;"), 2000), 0o600); err != nil {
		t.Fatal(err)
	}
	zeros := filepath.Join(dir, "zeros.db")
	if err := os.WriteFile(zeros, make([]byte, 5000), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	fail := func(errno syscall.Errno) func(string, int, os.FileMode) (*os.File, error) {
		return func(name string, _ int, _ os.FileMode) (*os.File, error) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: errno}
		}
	}
	tests := []struct {
		name string
		path string
		opts Options
		want string
		is   error
	}{
		{"text file", text, Options{}, "store " + text + " is not a leadpipe store: not a bbolt database", berrors.ErrInvalid},
		{"text file read-only", text, Options{ReadOnly: true}, "store " + text + " is not a leadpipe store", berrors.ErrInvalid},
		{"garbage over a page", garbage, Options{}, "store " + garbage + " is not a leadpipe store", berrors.ErrInvalid},
		{"zeros", zeros, Options{}, "store " + zeros + " is not a leadpipe store", nil},
		{"empty read-only", empty, Options{ReadOnly: true}, "store " + empty + " is empty", nil},
		{"missing read-only", filepath.Join(dir, "none.db"), Options{ReadOnly: true}, "store " + filepath.Join(dir, "none.db") + " does not exist", fs.ErrNotExist},
		{"missing directory", filepath.Join(dir, "no", "s.db"), Options{}, "its directory does not exist", fs.ErrNotExist},
		{"directory", dir, Options{}, "store " + dir + " is a directory", syscall.EISDIR},
		{"permission denied", filepath.Join(dir, "p.db"), Options{openFile: fail(syscall.EACCES)}, "store " + filepath.Join(dir, "p.db") + ": permission denied", fs.ErrPermission},
		{"read-only file system", filepath.Join(dir, "r.db"), Options{openFile: fail(syscall.EROFS)}, "store " + filepath.Join(dir, "r.db") + " is on a read-only file system", syscall.EROFS},
		{"disk full", filepath.Join(dir, "f.db"), Options{openFile: fail(syscall.ENOSPC)}, "no space left on device", syscall.ENOSPC},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			db, err := Open(tt.path, tt.opts)
			if err == nil {
				db.Close()
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("err = %q, want it to say %q and wrap %v", err, tt.want, tt.is)
			}
			if strings.Count(err.Error(), tt.path) != 1 {
				t.Errorf("err = %q names the path more than once", err)
			}
			if strings.Contains(err.Error(), "Kowalski") {
				t.Errorf("err = %q repeats file content", err)
			}
			after, _ := os.ReadFile(tt.path)
			if !bytes.Equal(before, after) {
				t.Error("the failed Open changed the file")
			}
		})
	}
}

// The real thing, where the OS enforces permissions (root ignores them).
func TestOpenPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions; TestOpenErrors covers the message")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	_, err := Open(filepath.Join(dir, "s.db"), Options{})
	if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("err = %v", err)
	}
}

// TestLockWaitCancelled: a cancelled context (SIGINT or SIGTERM in the
// command) ends the wait for another run's lock at once, with an error
// wrapping context.Canceled instead of crm.ErrLocked; the store is left as
// it was.
func TestLockWaitCancelled(t *testing.T) {
	for _, ro := range []bool{false, true} {
		t.Run(fmt.Sprintf("readonly=%v", ro), func(t *testing.T) {
			db := openTest(t)
			before := readFile(t, db.Path())
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(150*time.Millisecond, cancel)
			start := time.Now()
			got, err := Open(db.Path(), Options{Timeout: 10 * time.Second, ReadOnly: ro, Context: ctx})
			waited := time.Since(start)
			if err == nil {
				got.Close()
				t.Fatal("Open got the lock held by another DB")
			}
			if !errors.Is(err, context.Canceled) || errors.Is(err, crm.ErrLocked) {
				t.Errorf("err = %v, want one wrapping context.Canceled, not ErrLocked", err)
			}
			if !strings.Contains(err.Error(), db.Path()) {
				t.Errorf("err = %q does not name the store", err)
			}
			if waited < 100*time.Millisecond || waited > time.Second {
				t.Errorf("gave up after %v, want soon after the cancel at 150ms", waited)
			}
			if !bytes.Equal(readFile(t, db.Path()), before) {
				t.Error("the cancelled Open changed the store")
			}
		})
	}
}

// TestLockWaitGetsReleasedLock: waiting in slices still takes the lock as
// soon as the other run lets it go, and a context is looked at only while
// waiting: a done one does not stop an Open whose lock is free.
func TestLockWaitGetsReleasedLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadpipe.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(200*time.Millisecond, func() { db.Close() })
	start := time.Now()
	second, err := Open(path, Options{Timeout: 10 * time.Second, Context: context.Background()})
	if err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 150*time.Millisecond || waited > 2*time.Second {
		t.Errorf("got the lock after %v, want soon after the release at 200ms", waited)
	}
	second.Close()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	third, err := Open(path, Options{Context: ctx})
	if err != nil {
		t.Fatalf("a free store with a done context: %v", err)
	}
	third.Close()
}
