package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/parallax-news/parallax/export"
	"github.com/parallax-news/parallax/sqlite"
)

// lockedBuffer is an io.Writer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `parallax serve ARGS` in-process on port 0 and returns
// its base URL, a stop function that returns the exit status, and its logs.
func startServe(t *testing.T, env map[string]string, args ...string) (string, func() int, *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	logs := &lockedBuffer{}
	e := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: logs,
		Getenv: func(k string) string { return env[k] },
		Ready:  func(addr string) { ready <- addr }}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), e) }()
	select {
	case addr := <-ready:
		stopped := false
		var code int
		stop := func() int {
			if !stopped {
				cancel()
				code = <-done
				stopped = true
			}
			return code
		}
		t.Cleanup(func() { stop() })
		return "http://" + addr, stop, logs
	case code := <-done:
		cancel()
		t.Fatalf("serve exited with %d before it was ready:\n%s", code, logs.String())
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("serve not ready after 60s:\n%s", logs.String())
	}
	return "", nil, nil
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeDemo(t *testing.T) {
	start := time.Now()
	base, stop, logs := startServe(t, nil, "--demo")
	t.Logf("serve --demo ready in %v", time.Since(start))
	tests := []struct {
		path   string
		status int
		want   string
	}{
		{"/healthz", 200, `"ok"`},
		{"/", 200, "Russia Calls for UNSC Meeting"},
		{"/api/events?limit=2", 200, `"next":"/api/events?limit=2\u0026offset=2"`},
		{"/search?q=Polyanskiy", 200, "<mark>Polyanskiy</mark>"},
		{"/metrics", 200, "parallax_articles 29"},
		{"/api/openapi.json", 200, `"openapi"`},
	}
	for _, tt := range tests {
		status, body := httpGet(t, base+tt.path)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s: %d, want %d with %q:\n%.400s", tt.path, status, tt.status, tt.want, body)
		}
	}
	resp, err := http.Post(base+"/api/articles", "application/json", strings.NewReader(`{"text":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST without a configured token: %d, want 403", resp.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d:\n%s", code, logs.String())
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("no clean stop in the logs:\n%s", logs.String())
	}
}

// TestServeFinishesIngestOnShutdown posts a batch, stops the server while
// it is being stored and analyzed, and checks that the post is still
// acknowledged and every article is kept: analyzed, or queued for the
// next analyzer.
func TestServeFinishesIngestOnShutdown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	base, stop, logs := startServe(t, map[string]string{"PARALLAX_TOKEN": "tok"}, "--db", db)
	var body bytes.Buffer
	const n = 40
	for i := range n {
		fmt.Fprintf(&body, `{"id":"post-%d","title":"Storm report %d","outlet":"Wire","published":"2024-03-0%dT10:00:00Z","text":"The storm cut power to %d homes in the north on Monday, the utility said. Crews from three regions worked through the night and expect to restore most lines by Wednesday, officials said. Schools in %d districts stayed closed."}`+"\n", i, i, 1+i%5, 1000+i, 2+i%7)
	}
	type result struct {
		status int
		body   string
		err    error
	}
	res := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest("POST", base+"/api/articles?wait=true", &body)
		req.Header.Set("Authorization", "Bearer tok")
		req.Header.Set("Content-Type", "application/x-ndjson")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		res <- result{status: resp.StatusCode, body: string(b)}
	}()
	time.Sleep(150 * time.Millisecond) // the request is in the server by now
	if code := stop(); code != 0 {
		t.Errorf("exit %d:\n%s", code, logs.String())
	}
	r := <-res
	if r.err != nil || (r.status != 200 && r.status != 202) {
		t.Fatalf("post during shutdown: %v %d %s", r.err, r.status, r.body)
	}
	var ir struct{ Stored, Duplicates int }
	json.Unmarshal([]byte(r.body), &ir)
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	count, err := st.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.PendingStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if count+ps.Articles != int64(ir.Stored) || ir.Stored+ir.Duplicates != n {
		t.Errorf("%d analyzed and %d queued in the store, response %+v, want %d articles", count, ps.Articles, ir, n)
	}
}

func TestServeFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"demo with db", []string{"serve", "--demo", "--db", "x.db"}, "--demo uses a temporary store"},
		{"private without token", []string{"serve", "--private"}, "--private needs a token"},
		{"bad feeds file", []string{"serve", "--demo", "--feeds", "/nonexistent/feeds.txt", "--addr", "127.0.0.1:0"}, "read feed list"},
		{"short interval", []string{"serve", "--demo", "--interval", "1s"}, "--interval must be at least 10s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, "", tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestExportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, seeds); code != 0 {
		t.Fatalf("ingest seeds: exit %d: %s", code, stderr)
	}
	for _, what := range export.Kinds {
		t.Run(what+"/jsonl", func(t *testing.T) {
			code, out, stderr := run(t, "", "export", "--db", db, "--what", what)
			if code != 0 || !strings.Contains(stderr, "exported") {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if what != "events" && len(strings.Split(strings.TrimSpace(out), "\n")) < 5 {
				t.Errorf("few %s: %s", what, out)
			}
		})
	}
	out := filepath.Join(t.TempDir(), "figures.parquet")
	if code, _, stderr := run(t, "", "export", "--db", db, "--what", "figures", "--format", "parquet", "--out", out); code != 0 {
		t.Fatalf("parquet export: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.Read[export.FigureRow](bytes.NewReader(b), int64(len(b)))
	if err != nil || len(rows) == 0 {
		t.Fatalf("read parquet: %d rows, %v", len(rows), err)
	}
	code, _, stderr := run(t, "", "export", "--db", db, "--what", "people")
	if code != exitUsage || !strings.Contains(stderr, "unknown export kind") {
		t.Errorf("bad kind: exit %d %s", code, stderr)
	}
	code, _, stderr = run(t, "", "export", "--db", filepath.Join(t.TempDir(), "missing.db"), "--what", "events")
	if code == 0 || !strings.Contains(stderr, "missing.db") {
		t.Errorf("missing store: exit %d %s", code, stderr)
	}
}

// TestServeFeeds polls a local feed from serve and finds its stories
// stored, grouped and counted in the metrics.
func TestServeFeeds(t *testing.T) {
	mux := http.NewServeMux()
	var site string
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title><link>%[1]s/</link>
<item><title>Flood closes valley roads</title><link>%[1]s/flood</link><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate></item>
</channel></rss>`, site)
	})
	mux.HandleFunc("/flood", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><head><title>Flood closes valley roads</title><link rel="canonical" href="%s/flood"></head><body><article><h1>Flood closes valley roads</h1>
<p>Floodwater rose two metres overnight in the river valley and 300 people were evacuated from their homes, the regional government said on Monday.</p>
<p>Roads into the valley were closed and schools stayed shut, the mayor said, adding that rescue teams from three districts were working through the night.</p>
<p>Forecasters expect more rain on Tuesday, and the river is not expected to fall before Thursday, officials said.</p></article></body></html>`, site)
	})
	ts := httptestServer(t, mux)
	site = ts
	dir := t.TempDir()
	list := filepath.Join(dir, "feeds.txt")
	os.WriteFile(list, []byte("# test feed\n"+site+"/rss\n"), 0o644)
	base, stop, logs := startServe(t, nil, "--db", filepath.Join(dir, "f.db"), "--feeds", list)
	deadline := time.Now().Add(90 * time.Second)
	var body string
	for time.Now().Before(deadline) {
		_, body = httpGet(t, base+"/api/events")
		if strings.Contains(body, "Flood closes valley roads") {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !strings.Contains(body, "Flood closes valley roads") {
		t.Fatalf("feed story not served: %s\n%s", body, logs.String())
	}
	// The story can be served before the poll that brought it is counted.
	var metrics string
	counted := func() bool {
		_, metrics = httpGet(t, base+"/metrics")
		return strings.Contains(metrics, "parallax_feed_polls_total 1") && strings.Contains(metrics, "parallax_articles_ingested_total 1")
	}
	for !counted() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if !counted() {
		t.Errorf("metrics:\n%s", metrics)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d", code)
	}
}

func httptestServer(t *testing.T, h http.Handler) string {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts.URL
}

// TestServePostgres runs serve over PostgreSQL (PARALLAX_TEST_POSTGRES, as
// scripts/pgtest sets it): posts articles through the API and reads them
// back through the pages and search.
func TestServePostgres(t *testing.T) {
	url := os.Getenv("PARALLAX_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PARALLAX_TEST_POSTGRES is required on CI (run under scripts/pgtest)")
		}
		t.Skip("PARALLAX_TEST_POSTGRES not set; run under scripts/pgtest to test serve over PostgreSQL")
	}
	base, stop, logs := startServe(t, map[string]string{"PARALLAX_TOKEN": "pg-token"}, "--db", url)
	tag := fmt.Sprintf("zq%d", time.Now().UnixNano()%1e9)
	body := fmt.Sprintf(`[{"id":"%[1]s-1","title":"Quarry blast in %[1]s valley","outlet":"Wire","published":"2024-05-02","text":"A blast at a quarry in the %[1]s valley killed four workers on Thursday, the regional governor said. Rescue teams searched the site through the night and two people were missing."},
{"id":"%[1]s-2","title":"Four dead in %[1]s quarry blast","outlet":"Daily","published":"2024-05-02","text":"Four workers died when explosives went off at a quarry in the %[1]s valley on Thursday, officials said. Two others were missing and rescuers searched the site overnight."}]`, tag)
	req, _ := http.NewRequest("POST", base+"/api/articles?wait=true", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer pg-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"stored":2`) {
		t.Fatalf("post: %d %s\n%s", resp.StatusCode, b, logs.String())
	}
	status, page := httpGet(t, base+"/search?q="+tag)
	if status != 200 || !strings.Contains(page, "<mark>"+tag+"</mark>") {
		t.Errorf("search: %d %.500s", status, page)
	}
	status, events := httpGet(t, base+"/api/events?limit=200")
	if status != 200 || !strings.Contains(events, "quarry") && !strings.Contains(events, "Quarry") {
		t.Errorf("events: %d %.500s", status, events)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d:\n%s", code, logs.String())
	}
}
