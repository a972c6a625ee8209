package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/storetest"
)

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "parallax.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) parallax.Store { return openTemp(t) })
}

func TestMemoryStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) parallax.Store {
		db, err := Open(context.Background(), Memory)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

// TestMigrateIndexedStore opens a store written before articles waited
// for the full-text index (schema version 3, every article indexed as it
// was stored) and checks that it stays searchable and consistent.
func TestMigrateIndexedStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v3.db")
	old, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"0001_init.sql", "0002_fts_bulk.sql", "0003_fts_automerge.sql"} {
		body, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, q := range []string{
		`CREATE TABLE schema_version (version INTEGER NOT NULL)`,
		`INSERT INTO schema_version (version) VALUES (3)`,
		`INSERT INTO articles (id, title, text, stored, meta) VALUES
			('a1', 'Strikes in Iraq', 'US strikes hit Iraq.', 1, '{}'),
			('a2', 'Weather', 'Sunny weather.', 1, '{}')`,
		`INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles`,
	} {
		if _, err := old.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.SchemaVersion(ctx); err != nil || v < 6 {
		t.Fatalf("schema version %d, %v", v, err)
	}
	check := func(query string, want int) {
		t.Helper()
		hs, err := db.Search(ctx, parallax.SearchQuery{Text: query})
		if err != nil || len(hs) != want {
			t.Errorf("Search(%q) = %d hits, %v; want %d", query, len(hs), err, want)
		}
		if _, err := db.db.Exec(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Errorf("FTS integrity check: %v", err)
		}
	}
	check("strike", 1)
	if _, err := db.db.Exec(`DELETE FROM articles WHERE id = 'a1'`); err != nil {
		t.Fatal(err)
	}
	check("strike", 0)
	check("weather", 1)
	if _, err := db.PutArticles(ctx, []*parallax.Article{{ID: "a3", Title: "More strikes", Text: "Strikes again."}}); err != nil {
		t.Fatal(err)
	}
	check("strike", 1)
}

// TestIndexWaiting checks that articles waiting for the full-text index
// are found by a search, survive deletion and updates consistently, and
// are indexed when the store is closed and opened again.
func TestIndexWaiting(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var as []*parallax.Article
	for i := range 10 {
		as = append(as, &parallax.Article{ID: fmt.Sprintf("w%d", i), Title: fmt.Sprintf("Report %d", i), Text: "Strikes hit the port."})
	}
	if _, err := db.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	waiting := func() int {
		var n int
		if err := db.db.QueryRow(`SELECT count(*) FROM articles WHERE seq > (SELECT seq FROM fts_indexed)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := waiting(); n != len(as) {
		t.Fatalf("%d articles wait for the index, want %d (fewer than ftsChunk)", n, len(as))
	}
	// Changes to waiting articles must not touch the index.
	if _, err := db.db.Exec(`DELETE FROM articles WHERE id = 'w0'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec(`UPDATE articles SET title = 'Harbour report' WHERE id = 'w1'`); err != nil {
		t.Fatal(err)
	}
	hs, err := db.Search(ctx, parallax.SearchQuery{Text: "strike"})
	if err != nil || len(hs) != len(as)-1 {
		t.Fatalf("Search = %d hits, %v; want %d", len(hs), err, len(as)-1)
	}
	if hs, _ := db.Search(ctx, parallax.SearchQuery{Text: "harbour"}); len(hs) != 1 {
		t.Errorf("updated title: %d hits", len(hs))
	}
	if n := waiting(); n != 0 {
		t.Errorf("%d articles still wait after a search", n)
	}
	if _, err := db.PutArticles(ctx, []*parallax.Article{{ID: "late", Text: "Strikes later."}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := waiting(); n != 0 {
		t.Errorf("%d articles wait after Close", n)
	}
	if _, err := db.db.Exec(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("FTS integrity check: %v", err)
	}
}

func TestEncodeSpans(t *testing.T) {
	some := []parallax.Span{{Start: 0, End: 12}, {Start: 13, End: 4000}, {Start: -1, End: 0}}
	tests := []struct {
		name                  string
		paragraphs, sentences []parallax.Span
	}{
		{"both", some[:1], some},
		{"paragraphs only", some, nil},
		{"sentences only", nil, some[1:]},
		{"empty", []parallax.Span{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := json.Marshal(spans{tt.paragraphs, tt.sentences})
			if err != nil {
				t.Fatal(err)
			}
			if got := encodeSpans(tt.paragraphs, tt.sentences); got != string(want) {
				t.Errorf("encodeSpans = %s, want %s", got, want)
			}
		})
	}
}

// TestMigrationReapplied opens a store whose recorded version is older
// than the FTS migration although it has it (it was numbered 0004 for a
// while, below 0005), with articles waiting for the index: the migration
// applies again without harm.
func TestMigrationReapplied(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "again.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutArticles(ctx, []*parallax.Article{{ID: "r1", Text: "Strikes hit the port."}, {ID: "r2", Text: "Calm weather."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec(`UPDATE schema_version SET version = 5`); err != nil {
		t.Fatal(err)
	}
	db.db.Close() // as a crash would: the articles still wait
	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if hs, err := db.Search(ctx, parallax.SearchQuery{Text: "strike"}); err != nil || len(hs) != 1 {
		t.Errorf("Search = %d hits, %v; want 1", len(hs), err)
	}
	if _, err := db.db.Exec(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("FTS integrity check: %v", err)
	}
}
