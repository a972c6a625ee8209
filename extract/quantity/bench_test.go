package quantity

import (
	"os"
	"testing"
	"time"

	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/extract/timex"
)

func benchText(b *testing.B) string {
	data, err := os.ReadFile("../../testdata/seeds/001_5ba88c071d4413cc.txt")
	if err != nil {
		b.Skip("seed missing:", err)
	}
	return string(data)
}

// BenchmarkExtract measures extraction on a news article of about 3 KB
// (seed 001), with its sentences segmented beforehand as the pipeline does.
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	_, sents := extract.Segment(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		Extract(text, sents)
	}
	reportCPU(b, start)
}

// BenchmarkBoth measures the time and quantity extractors together on the
// same article, the figure the speed goal (2,000 articles/s per core) is
// about. On a shared machine wall time per op overstates the cost; the
// cpu-articles/s metric divides by the process's CPU time instead.
func BenchmarkBoth(b *testing.B) {
	text := benchText(b)
	_, sents := extract.Segment(text)
	anchor := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		timex.Extract(text, anchor)
		Extract(text, sents)
	}
	reportCPU(b, start)
}

func reportCPU(b *testing.B, start time.Duration) {
	if start < 0 {
		return
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "cpu-articles/s")
	}
}
