package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the whole run to the file named by
// LEADPIPE_CPUPROFILE, for the measurements in BENCHMARKS.md (`go tool
// pprof bin/leadpipe FILE`). It is a developer's switch, not a flag: the
// command line stays what users need. The returned function ends the
// profile; without the variable it does nothing. LEADPIPE_MEMPROFILE=FILE
// writes the allocations of the whole run at its end (`go tool pprof
// -sample_index=alloc_space`).
func startProfile(stderr *os.File) func() {
	stopMem := memProfile(stderr)
	path := os.Getenv("LEADPIPE_CPUPROFILE")
	if path == "" {
		return stopMem
	}
	f, err := os.Create(path)
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "leadpipe: LEADPIPE_CPUPROFILE: %v\n", err)
		return stopMem
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		stopMem()
	}
}

// memProfile samples every 64 KiB allocated when LEADPIPE_MEMPROFILE is
// set, and returns the function that writes the profile.
func memProfile(stderr *os.File) func() {
	path := os.Getenv("LEADPIPE_MEMPROFILE")
	if path == "" {
		return func() {}
	}
	runtime.MemProfileRate = 64 << 10
	return func() {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(f, 0)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "leadpipe: LEADPIPE_MEMPROFILE: %v\n", err)
		}
	}
}
