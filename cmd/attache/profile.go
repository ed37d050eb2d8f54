package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// startProfile writes CPU and heap profiles into the folder named by
// ATTACHE_PROFILE (or --profile), for users whose site builds slowly: send
// the files, or read them with `go tool pprof`. It returns the function
// that finishes the profiles.
func startProfile(dir string, stderr io.Writer) func() {
	if dir == "" {
		dir = os.Getenv("ATTACHE_PROFILE")
	}
	if dir == "" {
		return func() {}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "attache: profile: %v\n", err)
		return func() {}
	}
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		fmt.Fprintf(stderr, "attache: profile: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		fmt.Fprintf(stderr, "attache: profile: %v\n", err)
		cpu.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		cpu.Close()
		runtime.GC()
		heap, err := os.Create(filepath.Join(dir, "heap.pprof"))
		if err == nil {
			pprof.Lookup("allocs").WriteTo(heap, 0)
			heap.Close()
		}
		fmt.Fprintf(stderr, "attache: profiles written to %s (go tool pprof %s)\n", dir, filepath.Join(dir, "cpu.pprof"))
	}
}
