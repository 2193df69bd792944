// Command leadpipe imports CSV and XLSX lead lists into an embedded store,
// and lists, shows and exports what it holds. Run `leadpipe --help`.
package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

func main() {
	tuneGC()
	stop := startProfile(os.Stderr)
	code := run(os.Args[1:], System())
	stop()
	os.Exit(code)
}

// tuneGC trades memory for speed unless the user set GOGC or GOMEMLIMIT:
// an import allocates a short-lived lead per row, and collecting every
// time the heap doubles cost ~15% of a 1M-row import's CPU (see
// BENCHMARKS.md). The soft limit (300 MB) keeps the process under the
// 500 MB budget of a 1M-row import: the live set stays near 200 MB.
func tuneGC() {
	setMemoryLimit(300 << 20)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
}

// setMemoryLimit sets the soft memory limit unless the user set
// GOMEMLIMIT. Fuzzy matching keeps an index of every lead in memory (about
// 400 MB at a million leads), so import raises the limit for it: a limit
// below the live set would make the collector run without pause.
func setMemoryLimit(limit int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}

// liveHeap is the heap the last garbage collection found in use, in bytes.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// nowOr is the time a command runs at: t when a test set it, else the
// clock, in UTC.
func nowOr(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now().UTC()
	}
	return t
}
