package main

import (
	"os"
	"runtime/debug"
)

// A build's live heap peaks, while rendering, at about 2.3 times the
// size of its Markdown (10,000 articles × 5 languages: 371 MB of Markdown,
// 840 MB live), and with the GC's default pacing the heap may grow to twice
// what is live: 1.8 GB of resident memory. A soft memory limit at 3.75
// times the Markdown trims that headroom at the peak only (1.38 GiB there,
// for 1.47 GB resident) and, since it stays well above what is live on any
// site, never makes the GC run back to back. The trade is measured: at
// 10,000 × 5, a limit of 3.5 × cost 3 s of a 27 s build, 3.8 × under 1 s. Small sites keep the default pacing: the floor is
// far above what they use. GOMEMLIMIT, when set, wins.

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
