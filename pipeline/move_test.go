package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
	"github.com/parallax-news/parallax/dossier"
	"github.com/parallax-news/parallax/internal/fixture"
	"github.com/parallax-news/parallax/sqlite"
)

// TestMoveStored checks that when the clusterer moves an article to
// another event on review (cluster.Clusterer.Settle), the store follows:
// every article's membership names its final event, the event it left is
// deleted rather than kept empty, the counts are recounted and each
// dossier covers exactly its event's articles. The fixture's second
// report founds an event of its own and the later reports link it to the
// first: it moves with its copy either during the stream (reviews one
// article after arrival, batches of 3, so that it moves out of a batch
// stored earlier) or at the end of an ingest (the default reviews).
func TestMoveStored(t *testing.T) {
	for _, tc := range []struct {
		name    string
		moveAge int
		ingest  bool
	}{
		{"during the stream", 1, false},
		{"at the end of an ingest", cluster.DefaultConfig().MoveAge, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			st, err := sqlite.Open(ctx, filepath.Join(dir, "p.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			ccfg := cluster.DefaultConfig()
			ccfg.MoveAge = tc.moveAge
			p, err := New(ctx, Config{Store: st, Workers: 2, BatchSize: 3, Cluster: &ccfg})
			if err != nil {
				t.Fatal(err)
			}
			arts := fixture.LateLink()
			if tc.ingest {
				in := filepath.Join(dir, "in")
				if err := os.Mkdir(in, 0o755); err != nil {
					t.Fatal(err)
				}
				for i, a := range arts {
					// Names sort in the fixture's order.
					name := filepath.Join(in, string(rune('a'+i))+"-"+a.Input)
					if err := os.WriteFile(name, []byte(a.Text), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				_, err = p.Ingest(ctx, []string{in})
			} else {
				_, err = p.AddArticles(ctx, arts)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Close(ctx); err != nil {
				t.Fatal(err)
			}
			checkMoved(t, st)
		})
	}
}

func checkMoved(t *testing.T, st parallax.Store) {
	ctx := context.Background()
	stored, err := st.Articles(ctx, parallax.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 8 {
		t.Fatalf("%d articles stored, want 8", len(stored))
	}
	// The story is the first letter of the fixture id, which names the
	// input.
	story := func(a *parallax.Article) string {
		name := filepath.Base(a.Input)
		if len(name) > 2 && name[1] == '-' {
			name = name[2:] // the ingest's ordering prefix
		}
		return name[:1]
	}
	byEvent := map[string][]*parallax.Article{}
	for _, a := range stored {
		byEvent[a.EventID] = append(byEvent[a.EventID], a)
	}
	if n, _ := st.CountEvents(ctx); n != 2 || len(byEvent) != 2 {
		t.Errorf("%d events stored, %d with articles; want 2 and 2", n, len(byEvent))
	}
	moved := false
	for id, arts := range byEvent {
		e, err := st.Event(ctx, id)
		if err != nil {
			t.Fatalf("event %s: %v", id, err)
		}
		if e.Articles != len(arts) {
			t.Errorf("event %s counts %d articles, has %d", id, e.Articles, len(arts))
		}
		for _, a := range arts {
			if story(a) != story(arts[0]) {
				t.Errorf("event %s mixes the two deaths (%s, %s)", id, a.Input, arts[0].Input)
			}
		}
		ms, err := st.Memberships(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if strings.Contains(string(m.Why), "when the stream settled") {
				moved = true
			}
		}
		b, err := st.Document(ctx, dossier.DossierKind, id)
		if err != nil {
			t.Fatalf("dossier of %s: %v", id, err)
		}
		var d parallax.Dossier
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Coverage.Articles) != len(arts) {
			t.Errorf("dossier of %s covers %d articles, want %d", id, len(d.Coverage.Articles), len(arts))
		}
	}
	if !moved {
		t.Error("no membership explains a move: the fixture no longer needs one, so this test no longer tests moves")
	}
}
