package main

import (
	"os"
	"runtime/debug"
)

// A build's live heap peaks, while rendering, at about 2.3 times the
// size of its Markdown (10,000 articles × 5 languages: 371 MB of Markdown,
// 840 MB live), and with the GC's default pacing the heap may grow to twice
// what is live: 1.9 GB of resident memory. A soft memory limit at 3.5 times
// the Markdown trims that headroom at the peak only (about 1.3 GB there)
// and, since it stays well above what is live on any site, never makes the
// GC run back to back. Small sites keep the default pacing: the floor is
// far above what they use. GOMEMLIMIT, when set, wins.

const (
	memLimitPerContentByte = 7 // halves: 3.5 × the Markdown's size
	memLimitFloor          = 768 << 20
)

// memoryLimitFor is the soft limit for a build of contentBytes of Markdown.
func memoryLimitFor(contentBytes int64) int64 {
	return max(memLimitFloor, contentBytes*memLimitPerContentByte/2)
}

// limitMemory is build.Options.Parsed for the command: it sets the limit
// unless the user chose one.
func limitMemory(contentBytes int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimitFor(contentBytes))
}
