package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
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

// PanicError is a panic of an analysis stage, turned into an error so that
// one hostile article cannot take the process down: the analyzer sets the
// article aside and goes on with the others.
type PanicError struct {
	// ArticleID is the article being extracted, when known.
	ArticleID string
	Value     any
	Stack     []byte
}

func (e *PanicError) Error() string {
	if e.ArticleID != "" {
		return fmt.Sprintf("panic analyzing article %s: %v", e.ArticleID, e.Value)
	}
	return fmt.Sprintf("panic in analysis: %v", e.Value)
}

// safeExtract runs Extract on a, returning a panic as a *PanicError.
func safeExtract(a *parallax.Article) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{ArticleID: a.ID, Value: v, Stack: debug.Stack()}
		}
	}()
	Extract(a)
	return nil
}

// extractAll runs Extract on every article with workers goroutines. It
// returns the first panic (as a *PanicError) after the others finish.
func extractAll(ctx context.Context, arts []*parallax.Article, workers int) error {
	if workers <= 1 || len(arts) < 4 {
		for _, a := range arts {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := safeExtract(a); err != nil {
				return err
			}
		}
		return nil
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked error
	)
	next := make(chan *parallax.Article)
	for range min(workers, len(arts)) {
		wg.Go(func() {
			for a := range next {
				if err := safeExtract(a); err != nil {
					mu.Lock()
					if panicked == nil {
						panicked = err
					}
					mu.Unlock()
				}
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
	if panicked != nil {
		return panicked
	}
	return err
}
