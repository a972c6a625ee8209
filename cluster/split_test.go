package cluster

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/internal/fixture"
)

func TestSplitDue(t *testing.T) {
	var due []int
	for n := 1; n <= 70; n++ {
		if splitDue(n) {
			due = append(due, n)
		}
	}
	want := []int{6, 8, 10, 13, 17, 22, 29, 38, 50, 66}
	if !slices.Equal(due, want) {
		t.Errorf("checks at %v, want %v", due, want)
	}
}

func TestApplySplits(t *testing.T) {
	decs := []Decision{
		{ArticleID: "a", EventID: "e1"},
		{ArticleID: "b", EventID: "e1"},
		{ArticleID: "c", EventID: "e1"},
		{ArticleID: "d", EventID: "e1", Split: &Split{From: "e1", To: "e2", Articles: []string{"b", "d"}}},
		{ArticleID: "b", EventID: "e2", Repeat: true},
		{ArticleID: "e", EventID: "e2"},
	}
	ApplySplits(decs)
	var got []string
	for _, d := range decs {
		got = append(got, d.ArticleID+"="+d.EventID)
	}
	want := []string{"a=e1", "b=e2", "c=e1", "d=e2", "b=e2", "e=e2"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSplitSeparatesMergedHappenings(t *testing.T) {
	cfg := DefaultConfig()
	// Join everything, so that only the split can keep the two apart.
	cfg.Threshold, cfg.ShortThreshold = 0.01, 0.01
	c := New(cfg)
	arts := fixture.TwoObituaries(8, 1, false)
	var decs []Decision
	splits := 0
	for _, a := range arts {
		d := c.Add(a)
		if d.Split != nil {
			splits++
			if d.Split.Ratio >= cfg.SplitRatio+cfg.SplitDated {
				t.Errorf("split at ratio %.2f, above what the config allows", d.Split.Ratio)
			}
		}
		decs = append(decs, d)
	}
	if splits == 0 {
		t.Fatal("no split: the two obituaries stayed one event")
	}
	ApplySplits(decs)
	event := map[byte]map[string]bool{'a': {}, 'b': {}}
	for _, d := range decs {
		event[d.ArticleID[0]][d.EventID] = true
	}
	if len(event['a']) != 1 || len(event['b']) != 1 {
		t.Fatalf("each story should end in one event: %v", event)
	}
	for e := range event['a'] {
		if event['b'][e] {
			t.Fatalf("both stories end in event %s", e)
		}
	}
	// The moved articles' explanations say why they moved.
	moved := 0
	for _, a := range arts {
		why, ok := c.Explain(a.ID)
		if !ok {
			t.Fatalf("no explanation for %s", a.ID)
		}
		for _, n := range why.Notes {
			if strings.Contains(n, "split in two") {
				moved++
				if why.EventID == decs[0].EventID {
					t.Errorf("%s: note says moved but the event is the founder's", a.ID)
				}
			}
		}
	}
	if moved == 0 {
		t.Error("no explanation mentions the split")
	}
}

func TestSplitKeepsOneHappening(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Threshold, cfg.ShortThreshold = 0.01, 0.01
	c := New(cfg)
	for _, a := range fixture.TwoObituaries(30, 2, false) {
		if a.ID[0] != 'a' {
			continue
		}
		if d := c.Add(a); d.Split != nil {
			t.Fatalf("reports of one happening split at %s: ratio %.2f", a.ID, d.Split.Ratio)
		}
	}
	if n := c.OpenEvents(); n != 1 {
		t.Errorf("%d open events, want 1", n)
	}
}

func TestSplitDisabled(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Threshold, cfg.ShortThreshold = 0.01, 0.01
	cfg.SplitRatio = 0
	c := New(cfg)
	for _, a := range fixture.TwoObituaries(8, 1, false) {
		if d := c.Add(a); d.Split != nil {
			t.Fatal("split with SplitRatio 0")
		}
	}
}

// checkMoves fails on a move that goes nowhere.
func checkMoves(t *testing.T, moves []Move) {
	t.Helper()
	for _, mv := range moves {
		if mv.Article == "" || mv.From == mv.To || mv.To == "" {
			t.Fatalf("empty or circular move: %+v", mv)
		}
	}
}

// FuzzSplit streams enough articles from two fuzzed texts into one event
// (a threshold that joins everything) for the event to be checked for a
// split several times, with reviews two articles after each arrival and
// at the end, and checks that every article ends in exactly one event
// that the clusterer agrees with.
func FuzzSplit(f *testing.F) {
	a := fixture.TwoObituaries(1, 1, false)
	f.Add(a[0].Text, a[1].Text, int64(0))
	f.Add("Quake hits Qeshm island, 5 hurt", "Ten dead as quake hits Qeshm island 2005-11-27", int64(1132963200))
	f.Add("", "x", int64(1))
	f.Fuzz(func(t *testing.T, x, y string, pub int64) {
		cfg := DefaultConfig()
		cfg.Threshold, cfg.ShortThreshold, cfg.MinTerms = 0.01, 0.01, 1
		cfg.MoveAge = 2
		c := New(cfg)
		var decs []Decision
		for i := range 24 {
			text := x
			if i%2 == 1 {
				text = y
			}
			art := &parallax.Article{ID: fmt.Sprintf("%02d", i), Text: fmt.Sprintf("%s %d", text, i%5)}
			if pub != 0 && i%3 == 0 {
				art.Published = time.Unix(pub%(1<<34), 0)
			}
			d := c.Add(art)
			if d.Split != nil && (len(d.Split.Articles) == 0 || d.Split.From == d.Split.To) {
				t.Fatalf("empty or circular split: %+v", d.Split)
			}
			checkMoves(t, d.Moves)
			decs = append(decs, d)
		}
		ApplySplits(decs)
		final := c.Settle()
		checkMoves(t, final)
		ApplyMoves(decs, final)
		for _, d := range decs {
			now, ok := c.Decided(d.ArticleID)
			if !ok {
				continue
			}
			if now.EventID != d.EventID {
				t.Fatalf("%s: decisions say %s, the clusterer %s", d.ArticleID, d.EventID, now.EventID)
			}
		}
	})
}
