package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/pipeline"
	"github.com/parallax-news/parallax/postgres"
	"github.com/parallax-news/parallax/sqlite"
	"github.com/parallax-news/parallax/synth"
	"github.com/parallax-news/parallax/web"
)

var (
	ingestBatch   = flag.Int("ingest-batch", 500, "articles per POST in the API ingest benchmark")
	ingestClients = flag.Int("ingest-clients", 8, "concurrent posting clients in the API ingest benchmark")
	ingestBytes   = flag.Int("ingest-bytes", 3000, "bytes of text per synthetic article")
)

// BenchmarkAPIIngest measures POST /api/articles through the real HTTP
// server (httptest, loopback) on SQLite, or on PostgreSQL when
// PARALLAX_TEST_POSTGRES is set (scripts/pgtest):
//
//   - accept: clients post JSON-lines batches concurrently and the server
//     stores them in the analysis queue (no analyzer running). Each
//     iteration is one batch per client.
//   - drain: the analyzer analyzes queued articles (extract, cluster,
//     store, dossiers). Each iteration is one batch of 256.
//   - mixed: clients post while the analyzer runs in the same process, as
//     in parallax serve; the backlog grows when posts outrun analysis.
//
// Rates are reported per wall-clock second and per CPU-second of this
// process (user + system, clients included); with PostgreSQL the database
// server's CPU is reported apart (db-CPU-s/op) because it is another
// process.
//
// With PARALLAX_LOAD_POSTGRES (the load test's database, a million
// synthetic articles), accept posts into that database itself rather than
// a fresh schema, and deletes what it queued when done; drain and mixed,
// which would add to its articles, are skipped.
func BenchmarkAPIIngest(b *testing.B) {
	b.Run("accept", func(b *testing.B) {
		env := newIngestEnv(b, pipeline.AnalyzerConfig{})
		b.ResetTimer()
		var sent int
		var cpu cpuMeter
		for b.Loop() {
			b.StopTimer()
			bodies := env.bodies(*ingestClients, *ingestBatch)
			cpu.start(env)
			b.StartTimer()
			sent += env.post(b, bodies)
			b.StopTimer()
			cpu.stop(env)
			b.StartTimer()
		}
		cpu.report(b, sent, "accepted")
	})
	b.Run("drain", func(b *testing.B) {
		skipOnLoadDB(b)
		const batch = 256
		env := newIngestEnv(b, pipeline.AnalyzerConfig{BatchSize: batch})
		a := env.analyzer
		defer a.Release(context.Background())
		b.ResetTimer()
		var analyzed int
		var cpu cpuMeter
		for b.Loop() {
			b.StopTimer()
			if ps, _ := env.st.PendingStats(context.Background()); ps.Articles < batch {
				env.post(b, env.bodies(*ingestClients, *ingestBatch))
			}
			cpu.start(env)
			b.StartTimer()
			n, err := a.Step(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			analyzed += n
			b.StopTimer()
			cpu.stop(env)
			b.StartTimer()
		}
		cpu.report(b, analyzed, "analyzed")
	})
	b.Run("mixed", func(b *testing.B) {
		skipOnLoadDB(b)
		env := newIngestEnv(b, pipeline.AnalyzerConfig{})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- env.analyzer.Run(ctx) }()
		defer func() {
			cancel()
			<-done
		}()
		b.ResetTimer()
		var sent int
		var cpu cpuMeter
		cpu.start(env)
		start := time.Now()
		for b.Loop() {
			b.StopTimer()
			bodies := env.bodies(*ingestClients, *ingestBatch)
			b.StartTimer()
			sent += env.post(b, bodies)
		}
		wall := time.Since(start)
		cpu.stop(env)
		cpu.report(b, sent, "accepted")
		// Analyzed articles are those in the store; a batch in flight
		// is not counted.
		if n, err := env.st.CountArticles(context.Background()); err == nil {
			b.ReportMetric(float64(n)/wall.Seconds(), "analyzed/s")
		}
		if ps, err := env.st.PendingStats(context.Background()); err == nil {
			b.ReportMetric(float64(ps.Articles), "backlog")
		}
	})
}

// ingestEnv is a store, a server over it and a stream of fresh articles.
type ingestEnv struct {
	st       parallax.Store
	analyzer *pipeline.Analyzer // the server's queue; runs only when a benchmark runs it
	ts       *httptest.Server
	stream   *newsStream
	postgres *postgresCPU
}

func newIngestEnv(b *testing.B, acfg pipeline.AnalyzerConfig) *ingestEnv {
	b.Helper()
	ctx := context.Background()
	env := &ingestEnv{}
	var err error
	if u := os.Getenv("PARALLAX_LOAD_POSTGRES"); u != "" {
		if env.st, err = postgres.Open(ctx, u); err != nil {
			b.Fatal(err)
		}
		env.postgres = newPostgresCPU(b, u)
		since := time.Now()
		b.Cleanup(func() {
			conn, err := pgx.Connect(ctx, u)
			if err != nil {
				b.Error(err)
				return
			}
			defer conn.Close(ctx)
			if _, err := conn.Exec(ctx, `DELETE FROM pending WHERE received >= $1`, since); err != nil {
				b.Error(err)
			}
		})
	} else if base := os.Getenv("PARALLAX_TEST_POSTGRES"); base != "" {
		u := freshPGSchema(b, base)
		if env.st, err = postgres.Open(ctx, u); err != nil {
			b.Fatal(err)
		}
		env.postgres = newPostgresCPU(b, u)
	} else if env.st, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "ingest.db")); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { env.st.Close() })
	acfg.Store = env.st
	if env.analyzer, err = pipeline.NewAnalyzer(acfg); err != nil {
		b.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: env.st, Token: "t", Queue: env.analyzer, MaxBodyBytes: 64 << 20})
	if err != nil {
		b.Fatal(err)
	}
	env.ts = httptest.NewServer(srv)
	b.Cleanup(env.ts.Close)
	env.stream = newNewsStream(*ingestBytes)
	return env
}

// skipOnLoadDB skips benchmarks that would analyze into the load test's
// database.
func skipOnLoadDB(b *testing.B) {
	if os.Getenv("PARALLAX_LOAD_POSTGRES") != "" {
		b.Skip("analysis would add to PARALLAX_LOAD_POSTGRES's articles")
	}
}

// bodies returns n JSON-lines bodies of size articles each.
func (e *ingestEnv) bodies(n, size int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		var body bytes.Buffer
		enc := json.NewEncoder(&body)
		for range size {
			enc.Encode(e.stream.next())
		}
		out[i] = body.Bytes()
	}
	return out
}

// post sends the bodies concurrently and returns the articles stored.
func (e *ingestEnv) post(b *testing.B, bodies [][]byte) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := 0
	for _, body := range bodies {
		wg.Go(func() {
			req, _ := http.NewRequest("POST", e.ts.URL+"/api/articles", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer t")
			req.Header.Set("Content-Type", "application/x-ndjson")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			defer resp.Body.Close()
			var res web.IngestResult
			if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusAccepted {
				b.Errorf("status %d: %v", resp.StatusCode, err)
				return
			}
			mu.Lock()
			stored += res.Stored
			mu.Unlock()
		})
	}
	wg.Wait()
	return stored
}

// cpuMeter accumulates wall time and CPU time over measured intervals.
type cpuMeter struct {
	wall, cpu, db time.Duration
	t0            time.Time
	cpu0, db0     time.Duration
}

func (m *cpuMeter) start(e *ingestEnv) {
	m.t0, m.cpu0 = time.Now(), ingestProcessCPU()
	if e.postgres != nil {
		m.db0 = e.postgres.cpu()
	}
}

func (m *cpuMeter) stop(e *ingestEnv) {
	m.wall += time.Since(m.t0)
	m.cpu += ingestProcessCPU() - m.cpu0
	if e.postgres != nil {
		m.db += e.postgres.cpu() - m.db0
	}
}

func (m *cpuMeter) report(b *testing.B, articles int, what string) {
	if m.wall <= 0 || articles == 0 {
		return
	}
	b.ReportMetric(float64(articles)/m.wall.Seconds(), what+"/s")
	if m.cpu > 0 {
		b.ReportMetric(float64(articles)/m.cpu.Seconds(), what+"/CPU-s")
	}
	if m.db > 0 {
		b.ReportMetric(float64(articles)/(m.cpu+m.db).Seconds(), what+"/CPU-s-with-db")
		b.ReportMetric(m.db.Seconds()/float64(b.N), "db-CPU-s/op")
	}
}

// ingestProcessCPU returns the CPU time this process has used, user and system.
func ingestProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// postgresCPU sums the CPU time of the PostgreSQL server the benchmark
// talks to: its postmaster and all its children (backends, WAL writer,
// checkpointer), read from /proc.
type postgresCPU struct{ postmaster int }

func newPostgresCPU(b *testing.B, u string) *postgresCPU {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, u)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	var backend int
	if err := c.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		b.Fatal(err)
	}
	ppid, _, ok := procStat(backend)
	if !ok {
		return nil // not on this machine, or no /proc
	}
	return &postgresCPU{postmaster: ppid}
}

func (p *postgresCPU) cpu() time.Duration {
	_, total, _ := procStat(p.postmaster)
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if ppid, t, ok := procStat(pid); ok && ppid == p.postmaster {
			total += t
		}
	}
	return total
}

// procStat reads a process's parent and its user + system CPU time.
func procStat(pid int) (ppid int, cpu time.Duration, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, false
	}
	// The command name is parenthesized and may hold spaces.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, 0, false
	}
	ppid, _ = strconv.Atoi(f[1])
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return ppid, time.Duration(utime+stime) * time.Second / ticks, true
}

// freshPGSchema creates an empty schema for one benchmark, dropped after
// it, and returns the URL with it as search path.
func freshPGSchema(b *testing.B, base string) string {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	var r [6]byte
	rand.Read(r[:])
	schema := "bench_" + hex.EncodeToString(r[:])
	if _, err := c.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if c, err := pgx.Connect(context.Background(), base); err == nil {
			c.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// newsStream turns the synthetic stream (the synth package: events of
// about five reports, each event with its own rare words, names and
// figures) into English-looking reports of about size bytes: an English
// function word follows each synthetic word, so that language detection
// takes its fast path as it does on real English news (made-up words
// alone would send every article to the slow statistical detector).
type newsStream struct {
	run    int64 // distinguishes runs, so that every article is new
	size   int
	stream *synth.Stream
}

func newNewsStream(size int) *newsStream {
	cfg := synth.DefaultConfig()
	cfg.Seed = uint64(time.Now().UnixNano())
	cfg.Words = max(size/12, 10) // a synthetic word, a function word and spaces
	s, err := synth.New(cfg)
	if err != nil {
		panic(err) // the default configuration is valid
	}
	return &newsStream{run: int64(cfg.Seed), size: size, stream: s}
}

var functionWords = strings.Fields("the of and to in a that on for was with said by at from as is were after which have")

// next returns the next report as a posted JSON object.
func (s *newsStream) next() map[string]string {
	a := s.stream.Next()
	var b strings.Builder
	b.Grow(s.size + 64)
	for i, w := range strings.Fields(a.Text) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		// The dateline ("Place, January 2, 2006:") stays as it is.
		if i > 4 && !strings.HasSuffix(w, ".") && !strings.HasSuffix(w, ",") {
			b.WriteByte(' ')
			b.WriteString(functionWords[(i*7+len(w))%len(functionWords)])
		}
	}
	return map[string]string{
		"id":        fmt.Sprintf("%d-%s", s.run, a.ID),
		"url":       fmt.Sprintf("https://news.example.org/%d/%s", s.run, a.ID),
		"title":     a.Title,
		"text":      b.String(),
		"outlet":    fmt.Sprintf("Wire %d", len(a.ID)%7),
		"published": a.Published.Format(time.RFC3339),
	}
}
