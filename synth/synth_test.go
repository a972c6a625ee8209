package synth

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/cluster"
)

func TestStreamDeterministic(t *testing.T) {
	a, _ := New(DefaultConfig())
	b, _ := New(DefaultConfig())
	for i := 0; i < 200; i++ {
		x, y := a.Next(), b.Next()
		if x.Text != y.Text || x.Event != y.Event || !x.Published.Equal(y.Published) {
			t.Fatalf("article %d differs between two streams of the same seed", i)
		}
	}
}

func TestBenchCluster(t *testing.T) {
	var b bytes.Buffer
	if err := BenchCluster(context.Background(), &b, 3000); err != nil {
		t.Fatal(err)
	}
	t.Log(b.String())
	if !strings.Contains(b.String(), "BCubed") {
		t.Errorf("no scores in output:\n%s", b.String())
	}
}

// benchmarkAdd measures Add with stored articles already clustered.
func benchmarkAdd(b *testing.B, stored int) {
	s, _ := New(DefaultConfig())
	c := cluster.New(cluster.DefaultConfig())
	for i := 0; i < stored; i++ {
		c.Add(s.Next().Article)
	}
	arts := make([]Article, b.N)
	for i := range arts {
		arts[i] = s.Next()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Add(arts[i].Article)
	}
}

func BenchmarkAdd10k(b *testing.B)  { benchmarkAdd(b, 10_000) }
func BenchmarkAdd100k(b *testing.B) { benchmarkAdd(b, 100_000) }

// TestStreamIndex checks that the benchmark reads a generated id back to
// its position, which it needs to apply splits to earlier decisions.
func TestStreamIndex(t *testing.T) {
	s, _ := New(DefaultConfig())
	for i := range 5 {
		if x, ok := streamIndex(s.Next().ID); !ok || x != i {
			t.Fatalf("article %d: streamIndex = %d, %v", i, x, ok)
		}
	}
	if _, ok := streamIndex("x7"); ok {
		t.Error("streamIndex accepted an id the generator does not make")
	}
}
