package dossier_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

// benchEvent returns n articles for the speed goal (a 200-article event in
// under a second): the real fixture reports (seeds and ECB+), extracted
// once, then repeated under distinct outlets and ids with their sentences
// rotated, so that later ones are neither copies nor new vocabulary — the
// shape of a big story covered by many outlets.
func benchEvent(b *testing.B, n int) []*parallax.Article {
	b.Helper()
	var base []*parallax.Article
	seeds, _ := filepath.Glob("../testdata/seeds/00[0-3]_*.txt")
	for _, f := range seeds {
		base = append(base, readSeed(b, f))
	}
	files, _ := filepath.Glob("../testdata/dossier/ecbplus/*.xml")
	for _, f := range files {
		a := readECB(b, f, time.Date(2010, 5, 5, 12, 0, 0, 0, time.UTC))
		runExtractors(a)
		base = append(base, a)
	}
	out := make([]*parallax.Article, n)
	for i := range out {
		src := base[i%len(base)]
		a := *src
		a.ID = fmt.Sprintf("bench-%03d", i)
		a.Outlet = parallax.Outlet{Name: fmt.Sprintf("Outlet %d", i)}
		a.Published = src.Published.Add(time.Duration(i) * time.Minute)
		a.Seq = int64(i + 1)
		if rot := (i / len(base)) % max(1, len(src.Sentences)); rot > 0 {
			a.Sentences = append(append([]parallax.Span{}, src.Sentences[rot:]...), src.Sentences[:rot]...)
		}
		out[i] = &a
	}
	return out
}

// BenchmarkBuild200 builds the dossier of a 200-article event from scratch.
func BenchmarkBuild200(b *testing.B) {
	arts := benchEvent(b, 200)
	bg := dossier.BackgroundOf(arts)
	ev := &parallax.Event{ID: "bench"}
	b.ResetTimer()
	for b.Loop() {
		dossier.Build(ev, arts, dossier.Options{Background: bg})
	}
}

// BenchmarkAddOne adds the 200th article to a Builder holding 199 and
// assembles the dossier again: the incremental path as articles arrive.
func BenchmarkAddOne(b *testing.B) {
	arts := benchEvent(b, 200)
	bg := dossier.BackgroundOf(arts)
	ev := &parallax.Event{ID: "bench"}
	for b.Loop() {
		b.StopTimer()
		bl := dossier.NewBuilder(ev, dossier.Options{Background: bg})
		for _, a := range arts[:199] {
			bl.Add(a)
		}
		b.StartTimer()
		bl.Add(arts[199])
		bl.Dossier()
	}
}

// BenchmarkBackground counts the terms of 200 articles.
func BenchmarkBackground(b *testing.B) {
	arts := benchEvent(b, 200)
	for b.Loop() {
		dossier.BackgroundOf(arts)
	}
}
