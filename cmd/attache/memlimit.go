package main

import (
	"os"
	"runtime/debug"
)

// A build's live heap peaks, while rendering, at about 2.2 times the
// size of its Markdown (10,000 articles × 5 languages: 367 MiB of Markdown,
// 800–840 MB live), and with the GC's default pacing the heap may grow to
// twice what is live: 1.86 GB of resident memory. A soft memory limit at
// 3.75 times the Markdown (1.34 GiB there) trims that headroom at the peak
// only, for 1.47 GB resident, and since it stays well above what is live
// it never makes the GC run back to back. The trade, measured at 10,000 ×
// 5: 30.3 s (median of 5) against 27.0 s without a limit. Small sites keep
// the default pacing: the floor is far above what they use. GOMEMLIMIT,
// when set, wins.

const (
	memLimitPerContentByte = 15 // quarters: 3.75 × the Markdown's size
	memLimitFloor          = 768 << 20
)

// memoryLimitFor is the soft limit for a build of contentBytes of Markdown.
func memoryLimitFor(contentBytes int64) int64 {
	return max(memLimitFloor, contentBytes*memLimitPerContentByte/4)
}

// limitMemory is build.Options.Parsed for the command: it sets the limit
// unless the user chose one.
func limitMemory(contentBytes int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimitFor(contentBytes))
}
