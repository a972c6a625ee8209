package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/pipeline"
	"github.com/parallax-news/parallax/postgres"
	"github.com/parallax-news/parallax/sqlite"
	"github.com/parallax-news/parallax/synth"
	"github.com/parallax-news/parallax/web"
	"github.com/parallax-news/parallax/web/demo"
)

var (
	loadArticles = flag.Int("load-articles", 20000, "synthetic articles in the load benchmark's store")
	loadClients  = flag.Int("load-clients", 50, "concurrent clients in the load benchmark")
	loadHot      = flag.Float64("load-hot", 0.7, "share of event page requests for today's news (the newest -load-today events, the newest most often); the rest are drawn uniformly from all events")
	loadToday    = flag.Int("load-today", 1000, "how many of the newest events count as today's news (the synthetic stream founds about 1,000 a day)")
)

// loadEnv names an already loaded PostgreSQL database for BenchServeLoad
// (the postgres package's scale test bulk-loads one): with it the
// benchmark reads the store as it is instead of filling one first.
const loadEnv = "PARALLAX_LOAD_POSTGRES"

// loadStore fills a store with synthetic articles grouped into their gold
// events, each event carrying the seeds' real dossier (a heavy page), so
// that the benchmark measures reads at a realistic size. The store is
// PostgreSQL when PARALLAX_TEST_POSTGRES is set, else a SQLite file.
func loadStore(b *testing.B, n int) (parallax.Store, []string) {
	b.Helper()
	ctx := context.Background()
	var st parallax.Store
	var err error
	if url := os.Getenv(loadEnv); url != "" {
		if st, err = postgres.Open(ctx, url); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		watchLoadPostgres(b, url)
		return st, eventsByRecency(b, st)
	}
	if url := os.Getenv("PARALLAX_TEST_POSTGRES"); url != "" {
		st, err = postgres.Open(ctx, url)
	} else {
		st, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "load.db"))
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	have, err := st.CountArticles(ctx)
	if err != nil {
		b.Fatal(err)
	}
	dossierJSON := seedDossier(b)
	cfg := synth.DefaultConfig()
	s, err := synth.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var eventIDs []string
	events := map[string]*parallax.Event{}
	for done := 0; done < n; {
		batch := min(1000, n-done)
		arts := make([]*parallax.Article, 0, batch)
		var members []parallax.Membership
		touched := map[string]bool{}
		for range batch {
			a := s.Next()
			if int64(done) >= have {
				arts = append(arts, a.Article)
			}
			done++
			id := parallax.EventID(a.Event)
			ev := events[id]
			if ev == nil {
				ev = &parallax.Event{ID: id, Title: a.Title, First: a.Published}
				events[id] = ev
				eventIDs = append(eventIDs, id)
			}
			ev.Last, ev.Updated = a.Published, a.Published
			ev.Articles++
			ev.Outlets = min(ev.Articles, 4)
			ev.Conflicts = 1
			ev.Summary = []string{"injured: 25 others (Iraq) — disputed"}
			members = append(members, parallax.Membership{ArticleID: a.ID, EventID: id, Score: 1})
			touched[id] = true
		}
		if len(arts) == 0 {
			continue
		}
		if _, err := st.PutArticles(ctx, arts); err != nil {
			b.Fatal(err)
		}
		var evs []*parallax.Event
		for id := range touched {
			evs = append(evs, events[id])
		}
		if err := st.SaveEvents(ctx, evs, members); err != nil {
			b.Fatal(err)
		}
		for id := range touched {
			if err := st.PutDocument(ctx, "dossier", id, dossierJSON); err != nil {
				b.Fatal(err)
			}
		}
	}
	if have < int64(n) {
		b.Logf("stored %d synthetic articles in %d events in %v", n-int(have), len(events), time.Since(start).Round(time.Millisecond))
	}
	return st, eventIDs
}

// eventsByRecency lists a store's event ids, oldest activity first.
func eventsByRecency(b *testing.B, st parallax.Store) []string {
	evs, err := st.Events(context.Background(), parallax.EventQuery{})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[len(evs)-1-i] = e.ID
	}
	return ids
}

// eventPicker draws event ids as news readers ask for them: a share hot
// of today's news (the newest today events, by a Zipf law over recency, so
// the newest most often) and the rest uniformly from all events, the long
// tail that a page cache cannot hold. ids are oldest first.
func eventPicker(ids []string, hot float64, today int) func(r *rand.Rand) string {
	today = max(min(today, len(ids)), 1)
	zipf := func(r *rand.Rand) int { return int(math.Floor(math.Pow(float64(today+1), r.Float64()))) - 1 } // P(k) ∝ 1/(k+1)
	return func(r *rand.Rand) string {
		if r.Float64() < hot {
			return ids[len(ids)-1-min(zipf(r), today-1)]
		}
		return ids[r.IntN(len(ids))]
	}
}

// searchVocabulary reads words the way they occur in the synthetic corpus
// (its first 20,000 articles: the generator's vocabulary does not change
// over the stream): every token, so that common words recur as often as
// in the texts, and the distinct words, the long tail.
type searchVocabulary struct {
	docs     [][]string // each article's title and text words
	distinct []string
}

func newSearchVocabulary(b *testing.B) *searchVocabulary {
	s, err := synth.New(synth.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	v := &searchVocabulary{}
	seen := map[string]bool{}
	for range 20000 {
		a := s.Next()
		ws := strings.FieldsFunc(a.Title+" "+a.Text, func(r rune) bool { return !unicode.IsLetter(r) })
		v.docs = append(v.docs, ws)
		for _, w := range ws {
			if w = strings.ToLower(w); !seen[w] {
				seen[w] = true
				v.distinct = append(v.distinct, w)
			}
		}
	}
	sort.Strings(v.distinct)
	return v
}

// query draws a search: half the time a word drawn by its frequency in the
// corpus (common words dominate: many matches to rank), else a word drawn
// uniformly from the distinct vocabulary (mostly rare: few matches); two
// words two times in five, the second from an article holding the first
// or any article, so that both matching and empty results occur.
func (v *searchVocabulary) query(r *rand.Rand) string {
	doc := v.docs[r.IntN(len(v.docs))]
	var q string
	if r.IntN(2) == 0 {
		q = doc[r.IntN(len(doc))]
	} else {
		q = v.distinct[r.IntN(len(v.distinct))]
	}
	if r.IntN(5) < 2 {
		q += " " + doc[r.IntN(len(doc))]
	}
	return strings.ToLower(q)
}

// seedDossier returns the dossier of the seeds' 2024 event from the demo
// store, rewritten for any event id.
func seedDossier(b *testing.B) []byte {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "demo.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Load(ctx, st); err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	hits, err := st.Search(ctx, parallax.SearchQuery{Text: "Polyanskiy", Limit: 1})
	if err != nil || len(hits) == 0 {
		b.Fatal("demo store without the seeds")
	}
	d, err := st.Document(ctx, "dossier", hits[0].EventID)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// hammer sends requests from clients goroutines until b.N are done and
// reports latency percentiles and throughput.
func hammer(b *testing.B, clients int, next func(r *rand.Rand) string) {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	lat := make([]time.Duration, b.N)
	var idx atomic.Int64
	var failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start, cpu0, busy0, pg0 := time.Now(), processCPU(), machineBusy(), loadPGCPU()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 1))
			for {
				i := int(idx.Add(1)) - 1
				if i >= b.N {
					return
				}
				// Ask for gzip explicitly, as browsers do, so that the
				// transport leaves the body compressed: decompressing is the
				// client machine's work, not the server's, and here both
				// share two cores.
				req, _ := http.NewRequest("GET", next(r), nil)
				req.Header.Set("Accept-Encoding", "gzip")
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					failed.Add(1)
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed, cpu, busy, pg := time.Since(start), processCPU()-cpu0, machineBusy()-busy0, loadPGCPU()-pg0
	b.StopTimer()
	if f := failed.Load(); f > 0 {
		b.Fatalf("%d of %d requests failed", f, b.N)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	// CPU per request: this process's (server and load generator) and the
	// whole machine's (adds PostgreSQL, and whatever else runs).
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "proc-cpu-ms/req")
	if pg > 0 {
		b.ReportMetric(float64(pg.Microseconds())/1000/float64(b.N), "pg-cpu-ms/req")
	}
	if busy > 0 {
		b.ReportMetric(float64(busy.Microseconds())/1000/float64(b.N), "machine-cpu-ms/req")
	}
	if l, err := os.ReadFile("/proc/loadavg"); err == nil {
		b.Logf("%d requests from %d clients in %v; load average %s", b.N, clients, elapsed.Round(time.Millisecond), strings.Join(strings.Fields(string(l))[:3], " "))
	}
}

// loadPostmaster is the PostgreSQL server's process id when the benchmark
// runs against a server on this machine (see watchLoadPostgres), else 0.
var loadPostmaster int

// watchLoadPostgres finds the process of the PostgreSQL server at url, so that
// loadPGCPU can count the CPU time it spends serving the benchmark.
func watchLoadPostgres(b *testing.B, url string) {
	ctx := context.Background()
	// The URL may carry the pool's settings (pool_max_conns), which a
	// single connection refuses: parse it as the store does.
	pc, err := pgxpool.ParseConfig(url)
	if err != nil {
		b.Fatal(err)
	}
	c, err := pgx.ConnectConfig(ctx, pc.ConnConfig)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	var dir string
	if err := c.QueryRow(ctx, `SELECT setting FROM pg_settings WHERE name = 'data_directory'`).Scan(&dir); err != nil {
		b.Logf("PostgreSQL CPU not measured: %v", err)
		return
	}
	pid, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		b.Logf("PostgreSQL CPU not measured: %v", err)
		return
	}
	line, _, _ := strings.Cut(string(pid), "\n")
	loadPostmaster, _ = strconv.Atoi(strings.TrimSpace(line))
}

// loadPGCPU returns the CPU time the PostgreSQL server's processes (the
// postmaster, its live children, and the children it has reaped) have
// used (Linux; zero elsewhere).
func loadPGCPU() time.Duration {
	if loadPostmaster == 0 {
		return 0
	}
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	var ticks int64
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// Fields after the command, which is in parentheses and may hold
		// spaces: state ppid … utime(14) stime(15) cutime(16) cstime(17).
		i := strings.LastIndexByte(string(b), ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 15 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		if pid != loadPostmaster && ppid != loadPostmaster {
			continue
		}
		for _, x := range f[11:15] {
			n, _ := strconv.ParseInt(x, 10, 64)
			ticks += n
		}
	}
	return time.Duration(ticks) * 10 * time.Millisecond
}

// processCPU returns the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// machineBusy returns the CPU time all cores have spent busy since boot
// (Linux; zero elsewhere).
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 8 || f[0] != "cpu" {
		return 0
	}
	var ticks int64
	for i, x := range f[1:8] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		n, _ := strconv.ParseInt(x, 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

// BenchmarkServeLoad measures the event page, search and the events list
// under concurrent clients (-load-clients, default 50) over a store of
// -load-articles synthetic articles (PostgreSQL with PARALLAX_TEST_POSTGRES):
//
//	go test ./web -run XXX -bench ServeLoad -load-articles 100000
//
// With PARALLAX_LOAD_POSTGRES naming a loaded database (a million articles
// bulk-loaded by the postgres package's TestScale, say) it reads that one
// as it is:
//
//	PARALLAX_LOAD_POSTGRES=postgres://… go test ./web -run XXX -bench ServeLoad -benchtime 5000x
//
// Event ids and search words are drawn as eventPicker and
// searchVocabulary.query describe.
func BenchmarkServeLoad(b *testing.B) {
	st, events := loadStore(b, *loadArticles)
	words := newSearchVocabulary(b)
	srv, err := web.New(web.Config{Store: st})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	pick := eventPicker(events, *loadHot, *loadToday)
	b.Run("event_page", func(b *testing.B) {
		hammer(b, *loadClients, func(r *rand.Rand) string { return ts.URL + "/events/" + pick(r) })
	})
	b.Run("event_api", func(b *testing.B) {
		hammer(b, *loadClients, func(r *rand.Rand) string { return ts.URL + "/api/events/" + pick(r) })
	})
	b.Run("search", func(b *testing.B) {
		hammer(b, *loadClients, func(r *rand.Rand) string {
			return ts.URL + "/search?q=" + url.QueryEscape(words.query(r))
		})
	})
	b.Run("events_list", func(b *testing.B) {
		hammer(b, *loadClients, func(r *rand.Rand) string { return fmt.Sprintf("%s/?offset=%d", ts.URL, r.IntN(20)*25) })
	})
}

// BenchmarkPostArticles measures ingest through the API: JSON-lines
// batches posted to a server whose pipeline extracts, clusters and stores
// them in SQLite (PostgreSQL with PARALLAX_TEST_POSTGRES).
func BenchmarkPostArticles(b *testing.B) {
	ctx := context.Background()
	var st parallax.Store
	var err error
	if url := os.Getenv("PARALLAX_TEST_POSTGRES"); url != "" {
		st, err = postgres.Open(ctx, url)
	} else {
		st, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "post.db"))
	}
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	p, err := pipeline.New(ctx, pipeline.Config{Store: st, Ingest: ingest.Options{}})
	if err != nil {
		b.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: st, Token: "t", Ingest: func(ctx context.Context, arts []*parallax.Article) (web.IngestResult, error) {
		sum, err := p.AddArticles(ctx, arts)
		return web.IngestResult{Stored: sum.Stored, Duplicates: sum.Duplicates}, err
	}})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	cfg := synth.DefaultConfig()
	cfg.Seed = uint64(time.Now().UnixNano()) // fresh articles on every run
	s, _ := synth.New(cfg)
	const batch = 500
	b.ResetTimer()
	stored := 0
	for b.Loop() {
		b.StopTimer()
		var body bytes.Buffer
		enc := json.NewEncoder(&body)
		for range batch {
			a := s.Next()
			enc.Encode(map[string]string{"id": a.ID, "title": a.Title, "text": a.Text, "published": a.Published.Format(time.RFC3339), "outlet": "Synthetic Wire"})
		}
		b.StartTimer()
		req, _ := http.NewRequest("POST", ts.URL+"/api/articles", &body)
		req.Header.Set("Authorization", "Bearer t")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var res web.IngestResult
		json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
		stored += res.Stored
	}
	b.ReportMetric(float64(stored)/b.Elapsed().Seconds(), "articles/s")
}
