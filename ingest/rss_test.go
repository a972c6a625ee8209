package ingest

import (
	"syscall"
	"testing"
	"time"
)

// maxRSS returns the process's peak resident memory in bytes (Linux).
func maxRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss << 10
}

// cpuTime returns the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter reports throughput per CPU-second, which unlike per
// wall-second does not depend on what else the machine runs; "per core"
// goals are checked against it.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
}

func startCPU(b *testing.B) *cpuMeter {
	b.Helper()
	return &cpuMeter{b: b, start: cpuTime()}
}

// report records items processed per CPU-second under unit.
func (m *cpuMeter) report(items int, unit string) {
	if d := cpuTime() - m.start; d > 0 {
		m.b.ReportMetric(float64(items)/d.Seconds(), unit+"/cpu-s")
	}
}
