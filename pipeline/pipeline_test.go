package pipeline

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
	"github.com/parallax-news/parallax/sqlite"
)

func newPipeline(t *testing.T) (*Pipeline, parallax.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := New(ctx, Config{Store: st, Workers: 2, BatchSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	return p, st
}

// TestIngestSeeds runs the whole pipeline over the seeds in small batches
// and checks what it stores: two events, the undated Shafaq News report
// dated from its event with its times re-anchored, and a dossier per event.
func TestIngestSeeds(t *testing.T) {
	ctx := context.Background()
	p, st := newPipeline(t)
	sum, err := p.Ingest(ctx, []string{"../testdata/seeds"})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 5 || sum.SkippedTotal() != 0 {
		t.Fatalf("stored %d, skipped %v", sum.Stored, sum.Skipped)
	}
	if n, _ := st.CountEvents(ctx); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
	arts, err := st.Articles(ctx, parallax.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var shafaq *parallax.Article
	for _, a := range arts {
		if a.Outlet.Name == "Shafaq News" {
			shafaq = a
		}
		if a.EventID == "" {
			t.Errorf("%s has no event", a.Input)
		}
		if a.Extraction == nil {
			t.Errorf("%s stored without extraction", a.Input)
		}
	}
	if shafaq == nil {
		t.Fatal("no Shafaq News article")
	}
	if shafaq.PublishedSource != parallax.DateEvent || shafaq.Published.Format("2006-01-02") != "2024-02-03" {
		t.Errorf("Shafaq News published %v from %q, want 2024-02-03 from its event", shafaq.Published, shafaq.PublishedSource)
	}
	anchored := false
	for _, tx := range shafaq.Extraction.Times {
		if tx.Value == "2024-02-07" {
			anchored = true
		}
	}
	if !anchored {
		t.Errorf("Shafaq News times not re-anchored on the event's date: %+v", shafaq.Extraction.Times)
	}
	for _, id := range sum.Events {
		b, err := st.Document(ctx, dossier.DossierKind, id)
		if err != nil {
			t.Fatalf("no dossier for %s: %v", id, err)
		}
		var d parallax.Dossier
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("dossier of %s: %v", id, err)
		}
		e, err := st.Event(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Coverage.Articles) != e.Articles {
			t.Errorf("dossier of %s covers %d articles, event has %d", id, len(d.Coverage.Articles), e.Articles)
		}
		// The two seed events are similar but different: each dossier
		// names the other as related.
		related := false
		for _, r := range d.Related {
			if r.EventID != id && slices.Contains(sum.Events, r.EventID) {
				related = true
			}
		}
		if !related {
			t.Errorf("dossier of %s does not name the other seed event as related: %+v", id, d.Related)
		}
	}
}

// TestIngestIdempotent checks that the same input twice, in one run or
// two, stores nothing new and touches no event.
func TestIngestIdempotent(t *testing.T) {
	ctx := context.Background()
	p, st := newPipeline(t)
	first, err := p.Ingest(ctx, []string{"../testdata/seeds", "../testdata/seeds"})
	if err != nil {
		t.Fatal(err)
	}
	if first.Stored != 5 || first.Duplicates != 5 {
		t.Errorf("first run stored %d, duplicates %d; want 5 and 5", first.Stored, first.Duplicates)
	}
	second, err := p.Ingest(ctx, []string{"../testdata/seeds"})
	if err != nil {
		t.Fatal(err)
	}
	if second.Stored != 0 || second.Duplicates != 5 || len(second.Events) != 0 {
		t.Errorf("second run stored %d, duplicates %d, events %v", second.Stored, second.Duplicates, second.Events)
	}
	if n, _ := st.CountArticles(ctx); n != 5 {
		t.Errorf("%d articles stored, want 5", n)
	}
}

// TestRestart checks that a new pipeline over the same store restores the
// open events: a later report of the same event joins it.
func TestRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(ctx, Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Ingest(ctx, []string{"../testdata/seeds/000_9b6100ba78ef2e93.txt", "../testdata/seeds/004_8075e53d60d045c7.txt"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err = New(ctx, Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := p.Ingest(ctx, []string{"../testdata/seeds/002_a0a419f9659ef6ff.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := st.CountEvents(ctx); n != 2 || len(sum.Events) != 1 {
		t.Fatalf("after restart: %d events, touched %v; want 2 events, one touched", n, sum.Events)
	}
	e, err := st.Event(ctx, sum.Events[0])
	if err != nil {
		t.Fatal(err)
	}
	if e.Articles != 2 {
		t.Errorf("Palestine Chronicle's report founded or joined an event of %d articles, want it to join Al Mayadeen's", e.Articles)
	}
}

// TestAddArticles checks the path used by API posts and feeds.
func TestAddArticles(t *testing.T) {
	ctx := context.Background()
	p, st := newPipeline(t)
	a := &parallax.Article{Title: "Quake", Text: "A strong earthquake struck the coast of Chile on Monday, killing at least 12 people, officials said."}
	sum, err := p.AddArticles(ctx, []*parallax.Article{a, a})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 1 || sum.Duplicates != 1 {
		t.Errorf("stored %d, duplicates %d; want 1 and 1", sum.Stored, sum.Duplicates)
	}
	got, err := st.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.EventID == "" || got.Extraction == nil || len(got.Extraction.Quantities) == 0 {
		t.Errorf("stored article lacks event or extraction: %+v", got)
	}
}
