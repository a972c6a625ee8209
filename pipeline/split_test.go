package pipeline

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
	"github.com/parallax-news/parallax/dossier"
	"github.com/parallax-news/parallax/internal/fixture"
	"github.com/parallax-news/parallax/sqlite"
)

// TestSplitStored checks that when the clusterer splits an event, the
// store follows: every article's membership names its final event, the
// counts are recounted, and each event's dossier covers only its own
// articles — also for articles moved out of batches stored earlier.
//
// The threshold is lowered so that the second story's first reports join
// the first story's event whatever the extractors find in them (names
// apart, the two share the scandal's words): what is tested is how the
// store follows the split that separates them again.
func TestSplitStored(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ccfg := cluster.DefaultConfig()
	ccfg.Threshold, ccfg.ShortThreshold = 0.02, 0.02
	// Batches of 3: moved articles span batches.
	p, err := New(ctx, Config{Store: st, Workers: 2, BatchSize: 3, Cluster: &ccfg})
	if err != nil {
		t.Fatal(err)
	}
	arts := fixture.TwoObituaries(8, 1, false)
	if _, err := p.AddArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Articles(ctx, parallax.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	events := map[byte]map[string]bool{'a': {}, 'b': {}}
	for _, a := range stored {
		events[a.ID[0]][a.EventID] = true
	}
	if len(events['a']) != 1 || len(events['b']) != 1 {
		t.Fatalf("each story should be one event: %v", events)
	}
	var ea, eb string
	for e := range events['a'] {
		ea = e
	}
	for e := range events['b'] {
		eb = e
	}
	if ea == eb {
		t.Fatalf("both stories in event %s", ea)
	}
	split := false
	for _, id := range []string{ea, eb} {
		ms, err := st.Memberships(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if strings.Contains(string(m.Why), "split in two") {
				split = true
			}
		}
		e, err := st.Event(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Articles != 8 {
			t.Errorf("event %s counts %d articles, want 8", id, e.Articles)
		}
		b, err := st.Document(ctx, dossier.DossierKind, id)
		if err != nil {
			t.Fatalf("dossier of %s: %v", id, err)
		}
		var d parallax.Dossier
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		prefix := byte('a')
		if id == eb {
			prefix = 'b'
		}
		if len(d.Coverage.Articles) != 8 {
			t.Errorf("dossier of %s covers %d articles, want 8", id, len(d.Coverage.Articles))
		}
		for _, ca := range d.Coverage.Articles {
			if ca.ID == "" || ca.ID[0] != prefix {
				t.Errorf("dossier of %s covers %q, an article of the other story", id, ca.ID)
			}
		}
	}
	if !split {
		t.Fatal("no membership records a split: the stories were kept apart without one, so this test no longer tests splitting")
	}
	if n, _ := st.CountEvents(ctx); n != 2 {
		t.Errorf("%d events stored, want 2 (no empty events left behind)", n)
	}
}
