package main

import (
	"os"
	"runtime/debug"
)

// A soft memory limit guards big builds against the GC's default pacing,
// which lets the heap grow to twice what is live. It is set at 3.75 times
// the size of the site's Markdown (1.34 GiB for the 367 MiB of 10,000
// articles × 5 languages), far above what such a build keeps live, so it
// never makes the GC run back to back. It was measured binding there when
// documents kept their HTML uncompressed (1.47 GB resident with it, 1.86 GB
// and 10 % faster without); since documents are kept compact
// (markdown.Options.Compact) that build peaks at about 1.2 GB with or
// without it, and the limit is a safety net for sites whose pages hold
// more than their Markdown. Small sites keep the default pacing: the floor
// is far above what they use. GOMEMLIMIT, when set, wins.

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
