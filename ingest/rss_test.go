package ingest

import "syscall"

// maxRSS returns the process's peak resident memory in bytes (Linux).
func maxRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss << 10
}
