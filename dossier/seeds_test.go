package dossier_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract/entity"
	"github.com/parallax-news/parallax/extract/quantity"
	"github.com/parallax-news/parallax/extract/quote"
	"github.com/parallax-news/parallax/extract/timex"
	"github.com/parallax-news/parallax/ingest"
)

// readSeed reads a seed file as the pipeline does: ingest's plain-text
// reader (title, date header, byline, outlet, embedded posts), then every
// extractor.
func readSeed(t testing.TB, path string) *parallax.Article {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ingest.ReadText(filepath.Base(path), data, ingest.Options{})
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if a.ID == "" {
		a.ID = parallax.ArticleID(a.URL, a.Text)
	}
	runExtractors(a)
	return a
}

// runExtractors runs the extractors on an article as pipeline.Extract
// does: times anchored on the publication time, quantities, entities, and
// quotes attributed with the entities and embedded posts.
func runExtractors(a *parallax.Article) {
	x := &parallax.Extraction{}
	x.Times = timex.Extract(a.Text, a.Published)
	x.Quantities = quantity.Extract(a.Text, a.Sentences)
	x.Entities = entity.Extract(a.Text, a.Sentences)
	x.Quotes = quote.Extract(a.Text, a.Sentences, x.Entities, a.Posts)
	a.Extraction = x
}

// seedFiles returns the seed files: the four reports of the February 2024
// event, then the 2016 story republished in 2024.
func seedFiles(t testing.TB) (event []string, other string) {
	t.Helper()
	files, err := filepath.Glob("../testdata/seeds/00*_*.txt")
	if err != nil || len(files) != 5 {
		t.Fatalf("seeds: %v (%d files)", err, len(files))
	}
	return files[:4], files[4]
}

func seedEvent(t testing.TB) []*parallax.Article {
	files, _ := seedFiles(t)
	var arts []*parallax.Article
	for _, f := range files {
		arts = append(arts, readSeed(t, f))
	}
	return arts
}
