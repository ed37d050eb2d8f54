package testcorpus

import (
	"testing"
	"time"
)

// ReportCPU makes b report the process's CPU time (user and system, the
// workers' and the garbage collector's included) per operation, as
// cpu-ms/op: on a shared machine wall time measures the neighbours as
// much as the code. Call it before the timed loop. Where the system does
// not tell (cpuTime's ok is false), nothing is reported.
func ReportCPU(b *testing.B) {
	start, ok := cpuTime()
	if !ok {
		return
	}
	b.Cleanup(func() {
		if end, _ := cpuTime(); b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	})
}
