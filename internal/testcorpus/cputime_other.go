//go:build !unix

package testcorpus

import "time"

// cpuTime is not measured here (see cputime_unix.go).
func cpuTime() (time.Duration, bool) { return 0, false }
