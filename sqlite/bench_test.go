package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// benchVocabulary is the word list of the seed articles, so that the FTS
// index sees news-like words, with numbers mixed in for variety.
func benchVocabulary(b testing.TB) []string {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*.txt"))
	seen := map[string]bool{}
	var words []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range strings.Fields(string(data)) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	if len(words) < 100 {
		b.Fatalf("only %d words in ../testdata/seeds", len(words))
	}
	return words
}

// benchArticles returns n articles of about size bytes of text, with an
// extraction of about one mention per 60 bytes when extract is set (the
// density the extractors find in news text).
func benchArticles(b testing.TB, n, size int, extract bool, seed uint64) []*parallax.Article {
	words := benchVocabulary(b)
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]*parallax.Article, n)
	for i := range out {
		var sb strings.Builder
		for sb.Len() < size {
			if r.IntN(12) == 0 {
				fmt.Fprintf(&sb, "%d ", r.IntN(1000))
			}
			sb.WriteString(words[r.IntN(len(words))])
			sb.WriteByte(' ')
		}
		text := sb.String()
		a := &parallax.Article{
			ID:        fmt.Sprintf("a%d-%08d", seed, i),
			Title:     strings.Join([]string{words[r.IntN(len(words))], words[r.IntN(len(words))], words[r.IntN(len(words))]}, " "),
			Outlet:    parallax.Outlet{Name: fmt.Sprintf("Outlet %d", r.IntN(50))},
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(1e6)) * time.Second),
			Text:      text,
			Format:    "text",
		}
		for off := 0; off < len(text); off += 200 {
			a.Sentences = append(a.Sentences, parallax.Span{Start: off, End: min(off+200, len(text))})
		}
		if extract {
			x := &parallax.Extraction{}
			for off := 0; off+10 < len(text); off += 60 {
				switch off / 60 % 4 {
				case 0:
					x.Entities = append(x.Entities, parallax.Entity{Start: off, End: off + 8, Text: text[off : off+8], Type: parallax.LOC, ID: "loc:x", Name: "X"})
				case 1:
					x.Quantities = append(x.Quantities, parallax.Quantity{Start: off, End: off + 2, Text: "16", Value: 16, Low: 16, High: 16, Bound: parallax.BoundExact, Role: "killed"})
				case 2:
					x.Times = append(x.Times, parallax.Timex{Start: off, End: off + 6, Text: "Friday", Type: "DATE", Value: "2024-02-02"})
				default:
					x.Entities = append(x.Entities, parallax.Entity{Start: off, End: off + 8, Text: text[off : off+8], Type: parallax.PER, ID: "per:y", Name: "Y"})
				}
			}
			a.Extraction = x
		}
		out[i] = a
	}
	return out
}

// BenchmarkPutArticles measures ingest into a file store in batches of
// 500 3 KB articles (the goal is at least 5,000 articles/s on one core).
func BenchmarkPutArticles(b *testing.B) {
	for _, bc := range []struct {
		name    string
		extract bool
	}{
		{"text", false},
		{"extracted", true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			const batch = 500
			db := openTemp(b)
			pool := benchArticles(b, 4*batch, 3000, bc.extract, 1)
			ctx := context.Background()
			b.SetBytes(int64(3000))
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i += batch {
				n := min(batch, b.N-i)
				as := make([]*parallax.Article, n)
				for j := range as {
					c := *pool[(i+j)%len(pool)]
					c.ID = fmt.Sprintf("b%09d", i+j)
					as[j] = &c
				}
				if _, err := db.PutArticles(ctx, as); err != nil {
					b.Fatal(err)
				}
			}
			// Storing includes indexing the articles still waiting.
			if err := db.indexPending(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
		})
	}
}

// BenchmarkSearch measures a two-word search over 20,000 articles.
func BenchmarkSearch(b *testing.B) {
	db := openTemp(b)
	ctx := context.Background()
	as := benchArticles(b, 20000, 3000, false, 2)
	for i := 0; i < len(as); i += 500 {
		if _, err := db.PutArticles(ctx, as[i:min(i+500, len(as))]); err != nil {
			b.Fatal(err)
		}
	}
	words := benchVocabulary(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := words[i%len(words)] + " " + words[(i*7+3)%len(words)]
		if _, err := db.Search(ctx, parallax.SearchQuery{Text: q, Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime returns the CPU time (user and system) the process has used, so
// that throughput per core can be measured on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
