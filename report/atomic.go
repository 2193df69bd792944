package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// AtomicFile is a file that appears at its path only when Close succeeds.
// Until then the data goes to a temporary file beside it, in the same
// directory so that the final rename stays on one file system.
type AtomicFile struct {
	path string
	tmp  *os.File
	done bool
}

// CreateAtomic starts writing the file at path with the given mode. It
// fails at once when the directory is missing or not writable, before any
// work is done.
func CreateAtomic(path string, perm os.FileMode) (*AtomicFile, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, unwrapPath(err))
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("create %s: %w", path, unwrapPath(err))
	}
	return &AtomicFile{path: path, tmp: tmp}, nil
}

// Path is the final path of the file.
func (f *AtomicFile) Path() string { return f.path }

// Write writes to the temporary file.
func (f *AtomicFile) Write(p []byte) (int, error) {
	n, err := f.tmp.Write(p)
	if err != nil {
		return n, fmt.Errorf("write %s: %w", f.path, unwrapPath(err))
	}
	return n, nil
}

// Close syncs the temporary file and renames it to the path. After a
// failed Close nothing is left behind. Closing twice is harmless.
func (f *AtomicFile) Close() error {
	if f.done {
		return nil
	}
	f.done = true
	err := f.tmp.Sync()
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.tmp.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.tmp.Name())
		return fmt.Errorf("write %s: %w", f.path, unwrapPath(err))
	}
	return nil
}

// readBack returns a reader of what was written, from the start. Nothing
// may be written after it.
func (f *AtomicFile) readBack() (io.Reader, error) {
	if _, err := f.tmp.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read back %s: %w", f.path, unwrapPath(err))
	}
	return bufio.NewReader(f.tmp), nil
}

// Abort removes the temporary file; the path keeps whatever it held. It is
// harmless after Close, so `defer f.Abort()` cleans up on every error path.
func (f *AtomicFile) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// unwrapPath drops an *os.PathError or *os.LinkError around err: our message
// names the user's path, not the temporary one.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
