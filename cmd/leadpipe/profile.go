package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the whole run to the file named by
// LEADPIPE_CPUPROFILE, for the measurements in BENCHMARKS.md (`go tool
// pprof bin/leadpipe FILE`). It is a developer's switch, not a flag: the
// command line stays what users need. The returned function ends the
// profile; without the variable it does nothing.
func startProfile(stderr *os.File) func() {
	path := os.Getenv("LEADPIPE_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "leadpipe: LEADPIPE_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
