package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/postgres"
	"github.com/parallax-news/parallax/sqlite"
	"github.com/parallax-news/parallax/synth"
)

// readSeeds returns the seed articles as read, before analysis.
func readSeeds(t *testing.T) []*parallax.Article {
	t.Helper()
	var arts []*parallax.Article
	_, err := ingest.Walk(context.Background(), []string{"../testdata/seeds"}, ingest.Options{}, func(it ingest.Item) error {
		if it.Err != nil {
			return it.Err
		}
		arts = append(arts, it.Article)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

func openSQLite(t *testing.T, path string) parallax.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newAnalyzer(t *testing.T, st parallax.Store, batch int) *Analyzer {
	t.Helper()
	a, err := NewAnalyzer(AnalyzerConfig{Store: st, Workers: 2, BatchSize: batch})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// drain steps the analyzer until the queue is empty.
func drain(t *testing.T, a *Analyzer) int {
	t.Helper()
	total := 0
	for range 1000 {
		n, err := a.Step(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return total
		}
		total += n
	}
	t.Fatal("queue never drained")
	return 0
}

// grouping returns the store's events as sorted lists of article ids, and
// fails when an article is in no event.
func grouping(t *testing.T, st parallax.Store) [][]string {
	t.Helper()
	ctx := context.Background()
	arts, err := st.Articles(ctx, parallax.ArticleQuery{WithoutText: true})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string][]string{}
	for _, a := range arts {
		if a.EventID == "" {
			t.Errorf("article %s has no event", a.ID)
		}
		by[a.EventID] = append(by[a.EventID], a.ID)
	}
	var out [][]string
	for id, g := range by {
		sort.Strings(g)
		out = append(out, g)
		e, err := st.Event(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Articles != len(g) {
			t.Errorf("event %s counts %d articles, has %d", id, e.Articles, len(g))
		}
		if _, err := st.Document(ctx, dossier.DossierKind, id); err != nil {
			t.Errorf("event %s has no dossier: %v", id, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// TestAnalyzeQueue checks that the queue, analyzed in the background,
// gives the seeds the events the inline pipeline gives them, and that
// Wait reports each article's event.
func TestAnalyzeQueue(t *testing.T) {
	ctx := context.Background()
	inline, inlineStore := newPipeline(t)
	if _, err := inline.AddArticles(ctx, readSeeds(t)); err != nil {
		t.Fatal(err)
	}
	want := grouping(t, inlineStore)

	st := openSQLite(t, filepath.Join(t.TempDir(), "q.db"))
	a := newAnalyzer(t, st, 3)
	seeds := readSeeds(t)
	ids, stored, dups, err := a.Enqueue(ctx, append(seeds, seeds[0]))
	if err != nil {
		t.Fatal(err)
	}
	if stored != 5 || dups != 1 || len(ids) != 6 {
		t.Fatalf("enqueued %d stored, %d duplicates, %d ids; want 5, 1, 6", stored, dups, len(ids))
	}
	if n, _ := st.CountArticles(ctx); n != 0 {
		t.Errorf("%d articles visible before analysis", n)
	}
	waited := make(chan map[string]string, 1)
	go func() {
		ev, err := a.Wait(ctx, ids)
		if err != nil {
			t.Error(err)
		}
		waited <- ev
	}()
	if n := drain(t, a); n != 5 {
		t.Errorf("analyzed %d, want 5", n)
	}
	got := grouping(t, st)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("events from the queue %v, inline %v", got, want)
	}
	ev := <-waited
	for _, id := range ids {
		x, err := st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if ev[id] == "" || ev[id] != x.EventID || x.Extraction == nil {
			t.Errorf("article %s: waited event %q, stored %q, extraction %v", id, ev[id], x.EventID, x.Extraction != nil)
		}
	}
	if ps, _ := st.PendingStats(ctx); ps.Articles != 0 {
		t.Errorf("%d articles left in the queue", ps.Articles)
	}
	if err := a.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Document(ctx, docCluster, keyStats); err != nil {
		t.Errorf("clustering statistics not saved: %v", err)
	}
}

// faultyStore fails chosen writes once, the way a crash or a lost
// connection interrupts an analysis between its transactions.
type faultyStore struct {
	parallax.Store
	mu   sync.Mutex
	fail map[string]bool
}

var errInjected = errors.New("injected failure")

func (f *faultyStore) trip(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail[op] {
		delete(f.fail, op)
		return errInjected
	}
	return nil
}

func (f *faultyStore) SaveEvents(ctx context.Context, e []*parallax.Event, m []parallax.Membership) error {
	if err := f.trip("SaveEvents"); err != nil {
		return err
	}
	return f.Store.SaveEvents(ctx, e, m)
}

func (f *faultyStore) PutDocument(ctx context.Context, kind, key string, doc []byte) error {
	if kind == dossier.DossierKind {
		if err := f.trip("PutDocument"); err != nil {
			return err
		}
	}
	return f.Store.PutDocument(ctx, kind, key, doc)
}

func (f *faultyStore) FinishPending(ctx context.Context, owner string, ids []string) error {
	if err := f.trip("FinishPending"); err != nil {
		return err
	}
	return f.Store.FinishPending(ctx, owner, ids)
}

// panickyStore panics when asked to store the article with id bad, the
// way a bug meeting a hostile article would.
type panickyStore struct {
	parallax.Store
	bad string
}

func (p *panickyStore) PutArticles(ctx context.Context, arts []*parallax.Article) ([]parallax.PutResult, error) {
	for _, a := range arts {
		if a.ID == p.bad {
			panic("cannot store " + a.ID)
		}
	}
	return p.Store.PutArticles(ctx, arts)
}

// TestAnalyzeSetsAsidePanics checks that an article whose analysis panics
// is found by analyzing its batch one by one, set aside with the panic,
// and does not hold up the articles queued behind it.
func TestAnalyzeSetsAsidePanics(t *testing.T) {
	ctx := context.Background()
	seeds := readSeeds(t)
	bad := seeds[2].ID
	st := &panickyStore{Store: openSQLite(t, filepath.Join(t.TempDir(), "q.db")), bad: bad}
	a := newAnalyzer(t, st, 10)
	if _, _, _, err := a.Enqueue(ctx, seeds); err != nil {
		t.Fatal(err)
	}
	var pe *PanicError
	if _, err := a.Step(ctx); !errors.As(err, &pe) {
		t.Fatalf("first step: %v, want a panic error", err)
	}
	for range 10 {
		if _, err := a.Step(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if ps, _ := st.PendingStats(ctx); ps.Articles != 0 {
		t.Errorf("%d articles still queued", ps.Articles)
	}
	if n, _ := st.CountArticles(ctx); n != 4 {
		t.Errorf("%d articles analyzed, want the 4 good ones", n)
	}
	doc, err := st.Document(ctx, unanalyzableKind, bad)
	if err != nil || !strings.Contains(string(doc), "cannot store") {
		t.Errorf("bad article not set aside with its panic: %.200s, %v", doc, err)
	}
}

// TestAnalyzeInterrupted interrupts an analysis at each point between its
// writes and checks that analyzing the batch again neither loses nor
// duplicates anything: the same events as an uninterrupted run, every
// article in one event, every event with its dossier.
func TestAnalyzeInterrupted(t *testing.T) {
	ctx := context.Background()
	clean := openSQLite(t, filepath.Join(t.TempDir(), "clean.db"))
	ca := newAnalyzer(t, clean, 10)
	if _, _, _, err := ca.Enqueue(ctx, readSeeds(t)); err != nil {
		t.Fatal(err)
	}
	drain(t, ca)
	want := grouping(t, clean)

	for _, op := range []string{"SaveEvents", "PutDocument", "FinishPending"} {
		t.Run(op, func(t *testing.T) {
			st := &faultyStore{Store: openSQLite(t, filepath.Join(t.TempDir(), "q.db")), fail: map[string]bool{op: true}}
			a := newAnalyzer(t, st, 10)
			if _, _, _, err := a.Enqueue(ctx, readSeeds(t)); err != nil {
				t.Fatal(err)
			}
			if _, err := a.Step(ctx); !errors.Is(err, errInjected) {
				t.Fatalf("step: %v, want the injected failure", err)
			}
			if ps, _ := st.PendingStats(ctx); ps.Articles != 5 {
				t.Errorf("%d articles queued after the failure, want all 5 still there", ps.Articles)
			}
			drain(t, a)
			if got := grouping(t, st); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("events after the retry %v, want %v", got, want)
			}
			if n, _ := st.CountArticles(ctx); n != 5 {
				t.Errorf("%d articles, want 5", n)
			}
		})
	}
}

// signalStore reports when the analysis of a batch has begun storing.
type signalStore struct {
	parallax.Store
	once    sync.Once
	storing chan struct{}
}

func (s *signalStore) PutArticles(ctx context.Context, arts []*parallax.Article) ([]parallax.PutResult, error) {
	s.once.Do(func() { close(s.storing) })
	return s.Store.PutArticles(ctx, arts)
}

// TestRunFinishesBatchOnStop stops Run while a batch is being stored and
// checks that the batch is finished (stored, grouped, out of the queue)
// and the lease handed back, rather than abandoned half-way.
func TestRunFinishesBatchOnStop(t *testing.T) {
	ctx := context.Background()
	st := &signalStore{Store: openSQLite(t, filepath.Join(t.TempDir(), "q.db")), storing: make(chan struct{})}
	a := newAnalyzer(t, st, 10)
	if _, _, _, err := a.Enqueue(ctx, readSeeds(t)); err != nil {
		t.Fatal(err)
	}
	rctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(rctx) }()
	<-st.storing
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if ps, _ := st.PendingStats(ctx); ps.Articles != 0 {
		t.Errorf("%d articles left queued; the batch in flight was not finished", ps.Articles)
	}
	grouping(t, st)
	if _, err := st.ClaimPending(ctx, parallax.PendingClaim{Owner: "next", TTL: time.Minute}); err != nil {
		t.Errorf("lease not released on stop: %v", err)
	}
}

// TestAcknowledgedSurvivesRestart queues articles, drops the store as a
// crash would, and analyzes them from a new process's view of the file.
func TestAcknowledgedSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "q.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := newAnalyzer(t, st, 2)
	if _, _, _, err := a.Enqueue(ctx, readSeeds(t)); err != nil {
		t.Fatal(err)
	}
	// The first analyzer dies holding the lease, so the next one must
	// wait for it to lapse.
	if _, err := st.ClaimPending(ctx, parallax.PendingClaim{Owner: a.Owner(), TTL: 50 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st2 := openSQLite(t, path)
	b := newAnalyzer(t, st2, 2)
	total := 0
	for deadline := time.Now().Add(10 * time.Second); total < 5 && time.Now().Before(deadline); {
		n, err := b.Step(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			time.Sleep(10 * time.Millisecond)
		}
		total += n
	}
	if total != 5 {
		t.Fatalf("analyzed %d after the restart, want 5", total)
	}
	grouping(t, st2)
}

// takeTurnsCorpus returns groups reports of distinct events, each event
// reported perGroup times in near-identical words, queued interleaved so
// that every event spans many batches. Events lie 30 days apart, beyond
// the clustering window, so that only a fork can split a group.
func takeTurnsCorpus(t *testing.T, groups, perGroup int) ([]*parallax.Article, map[string]int) {
	t.Helper()
	cfg := synth.DefaultConfig()
	cfg.MeanEventSize = 1
	s, err := synth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	base := make([]synth.Article, groups)
	for g := range base {
		base[g] = s.Next()
	}
	gold := map[string]int{}
	var out []*parallax.Article
	for k := range perGroup {
		for g, b := range base {
			pub := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 30*g).Add(time.Duration(k) * time.Minute)
			raw, _ := json.Marshal(map[string]string{
				"title": b.Title, "text": b.Text + fmt.Sprintf(" Update %d.", k),
				"outlet": fmt.Sprintf("Outlet %d", k%5), "published": pub.Format(time.RFC3339),
			})
			a, err := ingest.ReadJSON(fmt.Sprintf("g%dk%d", g, k), raw, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			gold[a.ID] = g
			out = append(out, a)
		}
	}
	return out, gold
}

// TestAnalyzersTakeTurns runs three analyzers, each with its own store
// handle as separate processes would have, over one queue. They hand the
// lease to each other every few batches. Every article must be analyzed
// once and every group must stay one event: an analyzer clustering with a
// stale view of the events would found a second one.
func TestAnalyzersTakeTurns(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "turns.db")
		takeTurns(t, func() parallax.Store { return openSQLite(t, path) })
	})
	t.Run("postgres", func(t *testing.T) {
		url := pgSchema(t)
		takeTurns(t, func() parallax.Store {
			st, err := postgres.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		})
	})
}

func takeTurns(t *testing.T, open func() parallax.Store) {
	ctx := context.Background()
	const groups, perGroup, workers = 8, 12, 3
	arts, gold := takeTurnsCorpus(t, groups, perGroup)
	first := open()
	if _, _, _, err := newAnalyzer(t, first, 1).Enqueue(ctx, arts); err != nil {
		t.Fatal(err)
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		analyzed int
	)
	for w := range workers {
		st := open()
		wg.Go(func() {
			_, err := analyzeTakingTurns(ctx, st, fmt.Sprintf("worker-%d", w), func(n int) int {
				mu.Lock()
				defer mu.Unlock()
				analyzed += n
				return len(arts) - analyzed
			})
			if err != nil {
				t.Errorf("worker %d: %v", w, err)
			}
		})
	}
	wg.Wait()
	if analyzed != len(arts) {
		t.Errorf("analyzers report %d articles analyzed, want %d (each once)", analyzed, len(arts))
	}
	checkGroups(t, first, gold, groups, perGroup)
}

// analyzeTakingTurns steps an analyzer over st, handing the lease on every
// third step, until add (told how many it analyzed each step) reports
// nothing left. It returns the number it analyzed.
func analyzeTakingTurns(ctx context.Context, st parallax.Store, owner string, add func(n int) (left int)) (int, error) {
	a, err := NewAnalyzer(AnalyzerConfig{Store: st, Workers: 1, BatchSize: 5, Owner: owner})
	if err != nil {
		return 0, err
	}
	mine := 0
	deadline := time.Now().Add(2 * time.Minute)
	for step := 0; ; step++ {
		if time.Now().After(deadline) {
			return mine, errors.New("queue not drained in time")
		}
		n, err := a.Step(ctx)
		if err != nil {
			return mine, err
		}
		mine += n
		if add(n) <= 0 {
			break
		}
		if n == 0 || step%3 == 2 {
			// Hand over: the next holder rebuilds its view.
			if err := a.Release(ctx); err != nil {
				return mine, err
			}
			time.Sleep(time.Millisecond)
		}
	}
	return mine, a.Release(ctx)
}

// The multi-process test runs this test binary again as analyzer
// processes (real processes with their own store handles).
const (
	helperEnv = "PARALLAX_ANALYZER_HELPER"
	helperDB  = "PARALLAX_ANALYZER_DB"
)

// TestAnalyzerHelperProcess is not a test: it is an analyzer process that
// analyzes until the queue is empty and prints how many it analyzed.
func TestAnalyzerHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) == "" {
		t.Skip("helper process only")
	}
	ctx := context.Background()
	var st parallax.Store
	var err error
	if db := os.Getenv(helperDB); strings.HasPrefix(db, "postgres") {
		st, err = postgres.Open(ctx, db)
	} else {
		st, err = sqlite.Open(ctx, db)
	}
	if err == nil {
		var n int
		n, err = analyzeTakingTurns(ctx, st, os.Getenv(helperEnv), func(int) int {
			ps, err := st.PendingStats(ctx)
			if err != nil {
				return 1
			}
			return int(ps.Articles)
		})
		fmt.Println("analyzed", n)
		st.Close()
	}
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// TestAnalyzerProcesses runs three analyzer processes over one queue, on
// a SQLite file and on PostgreSQL: every article analyzed once, no event
// founded twice.
func TestAnalyzerProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, store := range []string{"sqlite", "postgres"} {
		t.Run(store, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "procs.db")
			if store == "postgres" {
				db = pgSchema(t)
			}
			ctx := context.Background()
			var st parallax.Store
			var err error
			if store == "postgres" {
				st, err = postgres.Open(ctx, db)
			} else {
				st, err = sqlite.Open(ctx, db)
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			const groups, perGroup = 8, 12
			arts, gold := takeTurnsCorpus(t, groups, perGroup)
			if _, _, _, err := newAnalyzer(t, st, 1).Enqueue(ctx, arts); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			outs := make([]string, 3)
			for w := range outs {
				wg.Go(func() {
					cmd := exec.Command(os.Args[0], "-test.run=^TestAnalyzerHelperProcess$")
					cmd.Env = append(os.Environ(), helperEnv+"=process-"+strconv.Itoa(w), helperDB+"="+db)
					out, err := cmd.CombinedOutput()
					outs[w] = string(out)
					if err != nil {
						t.Errorf("process %d: %v\n%s", w, err, out)
					}
				})
			}
			wg.Wait()
			analyzed := 0
			var each []int
			for _, o := range outs {
				for _, line := range strings.Split(o, "\n") {
					if n, err := strconv.Atoi(strings.TrimPrefix(line, "analyzed ")); err == nil && strings.HasPrefix(line, "analyzed ") {
						analyzed += n
						each = append(each, n)
					}
				}
			}
			t.Logf("articles analyzed by each process: %v", each)
			if analyzed != len(arts) {
				t.Errorf("processes report %d analyzed, want %d (each article once): %q", analyzed, len(arts), outs)
			}
			checkGroups(t, st, gold, groups, perGroup)
		})
	}
}

// checkGroups checks that the store holds one event per group, each
// with all of the group's articles.
func checkGroups(t *testing.T, st parallax.Store, gold map[string]int, groups, perGroup int) {
	t.Helper()
	if n, _ := st.CountArticles(context.Background()); n != int64(groups*perGroup) {
		t.Errorf("%d articles stored, want %d", n, groups*perGroup)
	}
	got := grouping(t, st)
	if len(got) != groups {
		t.Errorf("%d events, want %d (one per group)", len(got), groups)
	}
	for _, g := range got {
		if len(g) != perGroup || gold[g[0]] != gold[g[len(g)-1]] {
			t.Errorf("event of %d articles from groups %d…%d, want %d of one group", len(g), gold[g[0]], gold[g[len(g)-1]], perGroup)
		}
	}
}

// pgSchema returns the URL of a fresh schema in the test database named by
// PARALLAX_TEST_POSTGRES (scripts/pgtest starts one), dropped after the
// test; it skips the test without one.
func pgSchema(t *testing.T) string {
	t.Helper()
	base := os.Getenv("PARALLAX_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PARALLAX_TEST_POSTGRES is not set but CI=true")
		}
		t.Skip("PARALLAX_TEST_POSTGRES is not set (scripts/pgtest starts a database)")
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	if _, err := c.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			c.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
