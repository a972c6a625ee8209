package synth

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/cluster"
)

// BenchCluster clusters a synthetic stream of n articles with the default
// configuration and writes, at 10k, 100k, 1M and n articles, the
// clustering rate over the last stretch (generation excluded), the open
// events and the heap in use, then the BCubed scores against the
// generator's events. It is "parallax bench cluster".
func BenchCluster(ctx context.Context, w io.Writer, n int) error {
	if n <= 0 {
		return fmt.Errorf("bench cluster: want a positive number of articles, got %d", n)
	}
	s, err := New(DefaultConfig())
	if err != nil {
		return err
	}
	c := cluster.New(cluster.DefaultConfig())
	pred := make([]string, n)
	gold := make([]string, n)
	fmt.Fprintf(w, "synthetic stream: %d articles/day, %d words, events of ~%.0f articles; window %v\n",
		s.cfg.PerDay, s.cfg.Words, s.cfg.MeanEventSize, c.Config().Window)
	fmt.Fprintf(w, "%10s %16s %14s %14s %12s %13s\n", "articles", "articles/CPU-s", "CPU µs/art", "wall art/s", "open events", "live heap MB")
	var cpu, wall time.Duration
	lastN, lastCPU, lastWall := 0, time.Duration(0), time.Duration(0)
	report := func(i int) {
		// Live heap after a collection, outside the measured stretch.
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		k := float64(i - lastN)
		dc, dw := cpu-lastCPU, wall-lastWall
		fmt.Fprintf(w, "%10d %16.0f %14.1f %14.0f %12d %13.0f\n", i, k/dc.Seconds(), float64(dc.Microseconds())/k,
			k/dw.Seconds(), c.OpenEvents(), float64(ms.HeapAlloc)/(1<<20))
		lastN, lastCPU, lastWall = i, cpu, wall
	}
	// Articles are generated in batches outside the measured stretch, so
	// that process CPU time measures clustering (and its garbage
	// collection) alone, however busy the machine is.
	move := func(id, to string) {
		if x, ok := streamIndex(id); ok && x < len(pred) {
			pred[x] = to
		}
	}
	const batch = 10_000
	buf := make([]Article, 0, batch)
	for i := 0; i < n; {
		if err := ctx.Err(); err != nil {
			return err
		}
		buf = buf[:0]
		for len(buf) < batch && i+len(buf) < n {
			buf = append(buf, s.Next())
		}
		c0, w0 := cpuTime(), time.Now()
		for k, a := range buf {
			d := c.Add(a.Article)
			pred[i+k], gold[i+k] = d.EventID, a.Event
			if d.Split != nil {
				// As cluster.ApplySplits: the moved articles' earlier
				// decisions now name the new event.
				for _, id := range d.Split.Articles {
					move(id, d.Split.To)
				}
			}
			for _, mv := range d.Moves {
				move(mv.Article, mv.To)
				for _, id := range mv.Copies {
					move(id, mv.To)
				}
			}
		}
		if i+len(buf) == n {
			// The end of the stream: review what was not reviewed yet.
			for _, mv := range c.Settle() {
				move(mv.Article, mv.To)
				for _, id := range mv.Copies {
					move(id, mv.To)
				}
			}
		}
		cpu += cpuTime() - c0
		wall += time.Since(w0)
		for range buf {
			i++
			switch i {
			case 10_000, 100_000, 1_000_000:
				if i != n {
					report(i)
				}
			}
		}
	}
	report(n)
	fmt.Fprintf(w, "overall %.0f articles per CPU-second (%.0f per wall-second)\n", float64(n)/cpu.Seconds(), float64(n)/wall.Seconds())
	p, r, f1 := cluster.BCubed(pred, gold)
	fmt.Fprintf(w, "BCubed P %.3f R %.3f F1 %.3f against %d generated events\n", p, r, f1, s.events)
	return nil
}

// streamIndex returns the position in the stream of the generated article
// id ("s1" is the first).
func streamIndex(id string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "s"))
	if err != nil || n < 1 {
		return 0, false
	}
	return n - 1, true
}
