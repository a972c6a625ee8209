//go:build !unix

package quantity

import "time"

// cpuTime is unknown here: benchmarks report wall time only.
func cpuTime() time.Duration { return -1 }
