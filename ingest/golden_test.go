package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ingest/golden")

// testNow is the clock of every test, so that page dates never depend on
// the day the tests run.
func testNow() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }

func testOptions() Options { return Options{Now: testNow} }

// goldenItem is what a golden file records for one Item.
type goldenItem struct {
	Rel       string            `json:"rel"`
	Error     string            `json:"error,omitempty"`
	Reason    string            `json:"reason,omitempty"`
	Article   *parallax.Article `json:"article,omitempty"`
	Sentences []string          `json:"sentence_texts,omitempty"`
}

func collect(t *testing.T, paths []string, opt Options) ([]goldenItem, Stats) {
	t.Helper()
	var items []goldenItem
	stats, err := Walk(context.Background(), paths, opt, func(it Item) error {
		g := goldenItem{Rel: it.Rel}
		if it.Err != nil {
			var ie *InputError
			if !errors.As(it.Err, &ie) {
				t.Errorf("error %v is not an *InputError", it.Err)
			} else {
				g.Reason = ie.Reason
			}
			g.Error = it.Err.Error()
		} else {
			a := it.Article
			for i := range a.Sentences {
				g.Sentences = append(g.Sentences, a.SentenceText(i))
			}
			g.Article = a
		}
		items = append(items, g)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return items, stats
}

// checkGolden compares got, marshalled as indented JSON, with the golden
// file name, rewriting it under -update.
func checkGolden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("..", "testdata", "ingest", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ingest -update to create it)", err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("%s differs from the golden file %s (run with -update after checking the change):\n%s", name, path, firstDiff(string(want), string(b)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + w + "\n  got  " + g
		}
	}
	return ""
}

func TestGolden(t *testing.T) {
	dir := filepath.Join("..", "testdata", "ingest")
	tests := []struct {
		name  string
		paths []string
		opt   Options
	}{
		{"seeds", []string{filepath.Join("..", "testdata", "seeds")}, testOptions()},
		{"text", []string{filepath.Join(dir, "wire.txt"), filepath.Join(dir, "latin1.txt")}, testOptions()},
		{"jsonl", []string{filepath.Join(dir, "articles.jsonl")}, testOptions()},
		{"jsonl_raw", []string{filepath.Join(dir, "articles.jsonl")}, Options{Now: testNow, Raw: true}},
		{"html", []string{filepath.Join(dir, "page.html"), filepath.Join(dir, "latin1.html"), filepath.Join(dir, "noarticle.html")}, testOptions()},
		{"feeds", []string{filepath.Join(dir, "rss2.xml"), filepath.Join(dir, "atom.xml"), filepath.Join(dir, "rss1.rdf"), filepath.Join(dir, "broken.xml")}, testOptions()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, _ := collect(t, tt.paths, tt.opt)
			checkGolden(t, tt.name, items)
		})
	}
}
