package postgres

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/synth"
)

// BenchmarkPutArticles measures storing synthetic articles in batches of
// 500, and BenchmarkSaveEvents filing them under their events.
func BenchmarkPutArticles(b *testing.B) {
	s := openTemp(b)
	if q := os.Getenv("EXPSQL"); q != "" {
		if _, err := s.pool.Exec(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
	st, err := synth.New(synth.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i += 500 {
		var as []*parallax.Article
		for j := i; j < min(i+500, b.N); j++ {
			a := st.Next()
			a.Outlet.Name = fmt.Sprintf("Outlet %d", j%200)
			as = append(as, a.Article)
		}
		if _, err := s.PutArticles(ctx, as); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkSaveEvents(b *testing.B) {
	s := openTemp(b)
	st, err := synth.New(synth.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	type batch struct {
		events  []*parallax.Event
		members []parallax.Membership
	}
	var batches []batch
	founders := map[string]string{}
	for i := 0; i < b.N; i += 500 {
		var as []*parallax.Article
		var bt batch
		seen := map[string]bool{}
		for j := i; j < min(i+500, b.N); j++ {
			a := st.Next()
			as = append(as, a.Article)
			ev, ok := founders[a.Event]
			if !ok {
				ev = parallax.EventID(a.ID)
				founders[a.Event] = ev
			}
			if !seen[ev] {
				seen[ev] = true
				bt.events = append(bt.events, &parallax.Event{ID: ev, Title: a.Title})
			}
			bt.members = append(bt.members, parallax.Membership{ArticleID: a.ID, EventID: ev, Score: 1})
		}
		if _, err := s.PutArticles(ctx, as); err != nil {
			b.Fatal(err)
		}
		batches = append(batches, bt)
	}
	b.ResetTimer()
	for _, bt := range batches {
		if err := s.SaveEvents(ctx, bt.events, bt.members); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "memberships/s")
}
