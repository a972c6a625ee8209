package demo_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/outlet"
	"github.com/parallax-news/parallax/pipeline"
	"github.com/parallax-news/parallax/sqlite"
	"github.com/parallax-news/parallax/web/demo"
)

var updateSnapshot = flag.Bool("update-snapshot", false, "rebuild store.sqlite.gz by running the pipeline over the sample")

// TestGenerateSnapshot rebuilds the demo store with the real pipeline.
// Run it whenever extraction, clustering or the dossier change:
//
//	go test ./web/demo -run TestGenerateSnapshot -update-snapshot
func TestGenerateSnapshot(t *testing.T) {
	if !*updateSnapshot {
		t.Skip("run with -update-snapshot to rebuild store.sqlite.gz")
	}
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "demo.db")
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(ctx, pipeline.Config{Store: st, Ingest: ingest.Options{Catalog: outlet.Default()}})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := demo.Extract(filepath.Join(dir, "sample"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := p.Ingest(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("stored %d articles in %d events in %v", sum.Stored, len(sum.Events), sum.Elapsed)
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		if fi, _ := os.Stat(dbPath + "-wal"); fi.Size() > 0 {
			t.Fatalf("write-ahead log not checkpointed on close (%d bytes)", fi.Size())
		}
	}
	raw, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	if err := os.WriteFile("store.sqlite.gz", buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSnapshotOpens checks that the bundled snapshot opens with the
// current schema and holds the seeds' 2024 event with its dossier.
func TestSnapshotOpens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.WriteStore(path); err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountArticles(ctx)
	if err != nil || n < 29 {
		t.Fatalf("%d articles, %v", n, err)
	}
	hits, err := st.Search(ctx, parallax.SearchQuery{Text: "Polyanskiy", Limit: 10})
	if err != nil || len(hits) == 0 {
		t.Fatalf("search Polyanskiy: %d hits, %v", len(hits), err)
	}
	if hits[0].EventID == "" {
		t.Fatal("seed article has no event")
	}
	if _, err := st.Document(ctx, "dossier", hits[0].EventID); err != nil {
		t.Errorf("no dossier for the seeds' event: %v (regenerate the snapshot)", err)
	}
	if err := demo.WriteStore(path); err == nil {
		t.Error("WriteStore overwrote an existing file")
	}
}
