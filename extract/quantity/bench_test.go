package quantity

import (
	"os"
	"testing"

	"github.com/parallax-news/parallax/extract"
)

// BenchmarkExtract measures extraction on a news article of about 3 KB
// (seed 001), with its sentences segmented beforehand as the pipeline does.
func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile("../../testdata/seeds/001_5ba88c071d4413cc.txt")
	if err != nil {
		b.Skip("seed missing:", err)
	}
	text := string(data)
	_, sents := extract.Segment(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text, sents)
	}
}
