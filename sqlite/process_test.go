package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/storetest"
)

// The tests below run this test binary again as a helper process (a real
// second process on the same file) selected by these variables.
const (
	helperEnv  = "PARALLAX_SQLITE_HELPER"
	helperDB   = "PARALLAX_SQLITE_HELPER_DB"
	helperFrom = "PARALLAX_SQLITE_HELPER_FROM"
)

// TestHelperProcess is not a test: it is the helper process. It stores
// batches of articles and prints "stored N" after each committed batch.
func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) == "" {
		t.Skip("helper process only")
	}
	ctx := context.Background()
	db, err := Open(ctx, os.Getenv(helperDB))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	from, _ := strconv.Atoi(os.Getenv(helperFrom))
	total := 0
	for b := 0; b < 20; b++ {
		var as []*parallax.Article
		for i := 0; i < 50; i++ {
			n := from + b*50 + i
			as = append(as, &parallax.Article{ID: fmt.Sprintf("p%06d", n), Title: fmt.Sprintf("article %d", n),
				Text: strings.Repeat(fmt.Sprintf("word%d ", n%97), 100), Outlet: parallax.Outlet{Name: "O"}})
		}
		res, err := db.PutArticles(ctx, as)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		for _, r := range res {
			if r.Status == parallax.Stored {
				total++
			}
		}
		fmt.Println("stored", total)
	}
	db.Close()
	os.Exit(0)
}

func helper(t *testing.T, path string, from int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"=1", helperDB+"="+path, helperFrom+"="+strconv.Itoa(from))
	return cmd
}

// TestCrashLosesNothingReported kills a writer mid-run: every article it
// had reported stored must be there, and the file must open cleanly.
func TestCrashLosesNothingReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := helper(t, path, 0)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var n int
		if _, err := fmt.Sscanf(sc.Text(), "stored %d", &n); err != nil {
			t.Fatalf("helper said %q", sc.Text())
		}
		reported = n
		if reported >= 300 {
			cmd.Process.Kill()
			break
		}
	}
	cmd.Wait()
	if reported < 300 {
		t.Fatalf("helper reported only %d articles before ending", reported)
	}
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n < int64(reported) {
		t.Errorf("%d articles after the crash, %d were reported stored", n, reported)
	}
	// The index stayed in step with the table.
	if _, err := db.db.Exec(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("FTS integrity check: %v", err)
	}
}

// TestProcessesShareFile runs writers in separate processes on one file
// with overlapping articles: all are stored once, none is lost.
func TestProcessesShareFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	var wg sync.WaitGroup
	outs := make([]string, 3)
	for i := range outs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Writers overlap by half their articles.
			b, err := helper(t, path, i*500).CombinedOutput()
			outs[i] = string(b)
			if err != nil {
				t.Errorf("helper %d: %v\n%s", i, err, b)
			}
		}(i)
	}
	wg.Wait()
	total := 0
	for _, o := range outs {
		last := 0
		for _, line := range strings.Split(o, "\n") {
			if n, err := strconv.Atoi(strings.TrimPrefix(line, "stored ")); err == nil {
				last = n
			}
		}
		total += last
	}
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, _ := db.CountArticles(context.Background())
	const want = 2000 // ids 0…1999
	if n != want || total != want {
		t.Errorf("%d articles stored, %d reported stored by the processes; want %d", n, total, want)
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reopen.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutArticles(ctx, []*parallax.Article{{ID: "a1", Title: "kept", Text: "kept text"}}); err != nil {
		t.Fatal(err)
	}
	v1, _ := db.SchemaVersion(ctx)
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v2, _ := db.SchemaVersion(ctx)
	// The latest migration's number, which need not be the number of
	// files: numbers may be reserved for migrations still being written.
	names, _ := filepath.Glob("migrations/*.sql")
	latest, _ := migrationVersion(names[len(names)-1])
	if v1 != latest || v2 != v1 {
		t.Errorf("schema versions %d then %d, want %d", v1, v2, latest)
	}
	hits, err := db.Search(ctx, parallax.SearchQuery{Text: "kept"})
	if err != nil || len(hits) != 1 {
		t.Errorf("search after reopen: %v, %v", hits, err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "text.db")
	os.WriteFile(notDB, []byte(strings.Repeat("this is not a database\n", 200)), 0o644)
	for name, path := range map[string]string{
		"empty path":   "",
		"missing dir":  filepath.Join(dir, "no", "such", "dir", "x.db"),
		"not a sqlite": notDB,
		"directory":    dir,
	} {
		t.Run(name, func(t *testing.T) {
			db, err := Open(ctx, path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", path)
			}
		})
	}
}

// FuzzSearch checks that no user query makes Search fail or panic.
func FuzzSearch(f *testing.F) {
	for _, q := range storetest.SearchQueries {
		f.Add(q)
	}
	db, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	if _, err := db.PutArticles(context.Background(), []*parallax.Article{
		{ID: "a1", Title: "Russia calls UN meeting", Text: "Russia's envoy: \"We have just requested an urgent meeting\" after strikes on Iraq (16 killed)."},
		{ID: "a2", Title: "Weather", Text: "Sunny skies, 25°C — über-warm."},
	}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		hits, err := db.Search(ctx, parallax.SearchQuery{Text: q, Limit: 5})
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
