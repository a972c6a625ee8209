package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
	loadHot      = flag.Float64("load-hot", 0.8, "share of event page requests for the 25 most recent events (the front page); the rest are spread over all events")
)

// loadStore fills a store with synthetic articles grouped into their gold
// events, each event carrying the seeds' real dossier (a heavy page), so
// that the benchmark measures reads at a realistic size. The store is
// PostgreSQL when PARALLAX_TEST_POSTGRES is set, else a SQLite file.
func loadStore(b *testing.B, n int) (parallax.Store, []string, []string) {
	b.Helper()
	ctx := context.Background()
	var st parallax.Store
	var err error
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
	var words []string
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
			if len(words) < 200 {
				words = append(words, strings.Fields(a.Title)[0])
			}
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
	return st, eventIDs, words
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
func hammer(b *testing.B, clients int, next func(i int) string) {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	lat := make([]time.Duration, b.N)
	var idx atomic.Int64
	var failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(idx.Add(1)) - 1
				if i >= b.N {
					return
				}
				// Ask for gzip explicitly, as browsers do, so that the
				// transport leaves the body compressed: decompressing is the
				// client machine's work, not the server's, and here both
				// share two cores.
				req, _ := http.NewRequest("GET", next(i), nil)
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
	elapsed := time.Since(start)
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
}

// BenchmarkServeLoad measures the event page, search and the events list
// under concurrent clients (-load-clients, default 50) over a store of
// -load-articles synthetic articles (PostgreSQL with PARALLAX_TEST_POSTGRES):
//
//	go test ./web -run XXX -bench ServeLoad -load-articles 100000
func BenchmarkServeLoad(b *testing.B) {
	st, events, words := loadStore(b, *loadArticles)
	srv, err := web.New(web.Config{Store: st})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	// Readers mostly open what the front page lists; the rest is the long
	// tail, which always misses the page cache.
	pick := func(i int) string {
		if float64((i*7919)%1000)/1000 < *loadHot {
			return events[len(events)-1-(i*31)%min(25, len(events))]
		}
		return events[(i*7919)%len(events)]
	}
	b.Run("event_page", func(b *testing.B) {
		hammer(b, *loadClients, func(i int) string { return ts.URL + "/events/" + pick(i) })
	})
	b.Run("event_api", func(b *testing.B) {
		hammer(b, *loadClients, func(i int) string { return ts.URL + "/api/events/" + pick(i) })
	})
	b.Run("search", func(b *testing.B) {
		hammer(b, *loadClients, func(i int) string {
			return ts.URL + "/search?q=" + words[i%len(words)] + "+" + words[(i*31+7)%len(words)]
		})
	})
	b.Run("events_list", func(b *testing.B) {
		hammer(b, *loadClients, func(i int) string { return fmt.Sprintf("%s/?offset=%d", ts.URL, (i%20)*25) })
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
