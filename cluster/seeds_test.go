package cluster

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

var seedDate = regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2})\s+`)

// seedArticles reads the five seed articles the way ingest reads them:
// the publication dates 2024-02-03 for 000–002 (a date line), none for
// 003, and 2024-09-21 for 004 (its dateline).
func seedArticles(t testing.TB) []*parallax.Article {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "00*.txt"))
	if err != nil || len(paths) != 5 {
		t.Fatalf("seeds: %v, %d files", err, len(paths))
	}
	var out []*parallax.Article
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		a := &parallax.Article{ID: strings.TrimSuffix(filepath.Base(p), ".txt"), Input: p}
		if m := seedDate.FindStringSubmatch(text); m != nil {
			a.Published, _ = time.Parse("2006-01-02", m[1])
			text = text[len(m[0]):]
		}
		if strings.HasPrefix(a.ID, "004") {
			a.Published = time.Date(2024, 9, 21, 0, 0, 0, 0, time.UTC)
		}
		a.Text = text
		out = append(out, a)
	}
	return out
}

func TestSeeds(t *testing.T) {
	arts := seedArticles(t)
	SortArrival(arts)
	cfg := DefaultConfig()
	c := New(cfg)
	events := map[string]string{}
	for _, a := range arts {
		d := c.Add(a)
		events[a.ID[:3]] = d.EventID
		var b strings.Builder
		d.Why.WriteText(&b)
		t.Logf("%s", b.String())
		if a.ID[:3] != "000" && a.ID[:3] != "004" {
			if d.New || d.Score < cfg.Threshold+0.1 {
				t.Errorf("%s: score %.3f against the February 2024 event, want at least %.3f (threshold + 0.1)", a.ID, d.Score, cfg.Threshold+0.1)
			}
		}
	}
	for _, id := range []string{"001", "002", "003"} {
		if events[id] != events["000"] {
			t.Errorf("seed %s in event %s, seed 000 in %s: want one event", id, events[id], events["000"])
		}
	}
	if events["004"] == events["000"] {
		t.Errorf("seed 004 joined the February 2024 event")
	}

	// Without the window's help (an event kept open for years), 004 must
	// still score well under the threshold against the 2024 event.
	long := cfg
	long.Window = 20 * 365 * 24 * time.Hour
	c = New(long)
	var d Decision
	for _, a := range arts {
		d = c.Add(a)
	}
	if !d.New {
		t.Fatalf("004 joined %s with score %.3f", d.EventID, d.Score)
	}
	n := d.Why.Nearest
	if n == nil || n.EventID != events["000"] {
		t.Fatalf("004's nearest event is %+v, want the 2024 event %s", n, events["000"])
	}
	if n.Score > long.Threshold-0.1 {
		t.Errorf("004 scores %.3f against the 2024 event, want at most %.3f (threshold - 0.1)", n.Score, long.Threshold-0.1)
	}
	var b strings.Builder
	d.Why.WriteText(&b)
	t.Logf("004 with a long window:\n%s", b.String())
}
