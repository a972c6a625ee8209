package timex

import (
	"os"
	"testing"
	"time"
)

// BenchmarkExtract measures extraction on a news article of about 3 KB
// (seed 001).
func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile("../../testdata/seeds/001_5ba88c071d4413cc.txt")
	if err != nil {
		b.Skip("seed missing:", err)
	}
	text := string(data)
	anchor := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text, anchor)
	}
}
