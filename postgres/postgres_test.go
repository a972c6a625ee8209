package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/storetest"
)

// testEnv names the database the tests use; scripts/pgtest starts a
// throw-away one and sets it.
const testEnv = "PARALLAX_TEST_POSTGRES"

// freshSchema creates an empty schema for one test, dropped when the test
// ends, and returns the database URL with the schema as search path, so
// that tests share one database without seeing each other's rows.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := storetest.RequireDatabase(t, testEnv)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", testEnv, err)
	}
	defer admin.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", testEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), freshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) parallax.Store { return openTemp(t) })
}

// TestHostileText stores what a text column refuses (NUL, invalid UTF-8)
// without failing and without moving the bytes spans point at.
func TestHostileText(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	text := "before\x00after \xff\xfe end"
	a := &parallax.Article{ID: "a\x00nul", Title: "t\x00", Text: text, Sentences: []parallax.Span{{Start: 0, End: len(text)}},
		Extraction: &parallax.Extraction{Entities: []parallax.Entity{{Start: 0, End: 6, Text: "bef\x00re", Type: parallax.LOC, Name: "\xff"}}}}
	if _, err := s.PutArticles(ctx, []*parallax.Article{a}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, "a\x00nul")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Text) != len(text) || got.Text[:6] != "before" {
		t.Errorf("text = %q, want %d bytes starting %q", got.Text, len(text), "before")
	}
	if _, err := s.Search(ctx, parallax.SearchQuery{Text: "after\x00"}); err != nil {
		t.Errorf("search: %v", err)
	}
	// Past the indexed prefix, and more distinct words than a tsvector
	// could hold.
	var sb strings.Builder
	sb.WriteString(strings.Repeat("wordxxxxxxxxxx ", 20000))
	for i := 0; i < 200000; i++ {
		fmt.Fprintf(&sb, "unique%d ", i)
	}
	long := &parallax.Article{ID: "long", Text: sb.String()}
	if _, err := s.PutArticles(ctx, []*parallax.Article{long}); err != nil {
		t.Errorf("long text: %v", err)
	}
}

// FuzzSearch checks that no user query makes Search fail or panic.
func FuzzSearch(f *testing.F) {
	// Fuzzing runs outside scripts/pgtest too (make check runs
	// scripts/fuzz on its own), so a missing database skips even in CI;
	// TestStore is what must not skip there.
	if os.Getenv(testEnv) == "" {
		f.Skipf("%s is not set: skipping", testEnv)
	}
	for _, q := range storetest.SearchQueries {
		f.Add(q)
	}
	s := openTemp(f)
	if _, err := s.PutArticles(context.Background(), []*parallax.Article{
		{ID: "a1", Title: "Russia calls UN meeting", Text: "Russia's envoy: \"We have just requested an urgent meeting\" after strikes on Iraq (16 killed)."},
		{ID: "a2", Title: "Weather", Text: "Sunny skies, 25°C — über-warm."},
	}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		hits, err := s.Search(ctx, parallax.SearchQuery{Text: q, Limit: 5})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, h := range hits {
			if strings.Count(h.Snippet, parallax.HitStart) != strings.Count(h.Snippet, parallax.HitEnd) {
				t.Errorf("Search(%q): unbalanced snippet %q", q, h.Snippet)
			}
		}
	})
}
