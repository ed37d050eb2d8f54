//go:build unix

package search

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system) the process has used so
// far: benchmarks report it per operation because on a shared machine wall
// time measures the neighbours as much as the code.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
