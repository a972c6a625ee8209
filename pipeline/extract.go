package pipeline

import (
	"context"
	"sync"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract/entity"
	"github.com/parallax-news/parallax/extract/quantity"
	"github.com/parallax-news/parallax/extract/quote"
	"github.com/parallax-news/parallax/extract/timex"
)

// Extract runs every extractor on a and sets a.Extraction. Times are
// anchored on the publication time.
func Extract(a *parallax.Article) {
	x := &parallax.Extraction{}
	x.Times = timex.Extract(a.Text, a.Published)
	x.Quantities = quantity.Extract(a.Text, a.Sentences)
	x.Entities = entity.Extract(a.Text, a.Sentences)
	x.Quotes = quote.Extract(a.Text, a.Sentences, x.Entities, a.Posts)
	a.Extraction = x
}

// reanchorTimes recomputes a's time expressions after its publication time
// changed.
func reanchorTimes(a *parallax.Article) {
	if a.Extraction == nil {
		Extract(a)
		return
	}
	a.Extraction.Times = timex.Extract(a.Text, a.Published)
}

// extractAll runs Extract on every article with workers goroutines.
func extractAll(ctx context.Context, arts []*parallax.Article, workers int) error {
	if workers <= 1 || len(arts) < 4 {
		for _, a := range arts {
			if err := ctx.Err(); err != nil {
				return err
			}
			Extract(a)
		}
		return nil
	}
	var wg sync.WaitGroup
	next := make(chan *parallax.Article)
	for range min(workers, len(arts)) {
		wg.Go(func() {
			for a := range next {
				Extract(a)
			}
		})
	}
	var err error
	for _, a := range arts {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- a
	}
	close(next)
	wg.Wait()
	return err
}
