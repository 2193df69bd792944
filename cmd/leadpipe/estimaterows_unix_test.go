//go:build unix

package main

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestEstimateRowsPipe: a pipe (leadpipe import /dev/stdin) is left for
// the import to read; judging its rows consumes none of it.
func TestEstimateRowsPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan int64, 1)
	go func() { done <- estimateRows(fifo) }()
	select {
	case n := <-done:
		if n != 0 {
			t.Errorf("pipe: %d rows, want 0 (its size)", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("estimateRows opened the pipe and waits for a writer")
	}
}
