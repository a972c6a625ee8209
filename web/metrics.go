package web

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// latencyBuckets are the upper bounds (seconds) of the request latency
// histogram, chosen around the page goals (100 ms, 200 ms).
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5}

// Metrics counts what Prometheus scrapes from /metrics. The text format
// is written by hand: it is a few lines and not worth a dependency.
// Metrics is safe for concurrent use.
type Metrics struct {
	ingested   atomic.Int64
	duplicates atomic.Int64
	feedPolls  atomic.Int64
	feedErrors atomic.Int64
	// analyzed, batches and analysisNanos describe the background
	// analysis of queued articles: rate(analyzed) over
	// rate(analysis seconds) is its throughput while busy.
	analyzed      atomic.Int64
	batches       atomic.Int64
	analysisNanos atomic.Int64

	mu     sync.Mutex
	routes map[string]*histogram
	codes  map[routeCode]int64
}

type routeCode struct {
	route string
	code  int
}

type histogram struct {
	counts []int64 // per bucket, not cumulative
	sum    float64
	n      int64
}

// NewMetrics returns zeroed metrics.
func NewMetrics() *Metrics {
	return &Metrics{routes: map[string]*histogram{}, codes: map[routeCode]int64{}}
}

// AddIngested counts articles stored and duplicates skipped by any writer
// (the API or the feed poller).
func (m *Metrics) AddIngested(stored, duplicates int) {
	m.ingested.Add(int64(stored))
	m.duplicates.Add(int64(duplicates))
}

// AddAnalyzed counts a batch of queued articles analyzed in d.
func (m *Metrics) AddAnalyzed(articles int, d time.Duration) {
	m.analyzed.Add(int64(articles))
	m.batches.Add(1)
	m.analysisNanos.Add(int64(d))
}

// AddFeedPoll counts one poll of a feed, failed or not.
func (m *Metrics) AddFeedPoll(failed bool) {
	m.feedPolls.Add(1)
	if failed {
		m.feedErrors.Add(1)
	}
}

// AddFeedError counts a linked page that could not be fetched.
func (m *Metrics) AddFeedError() { m.feedErrors.Add(1) }

// ObserveRequest records one request's latency and status under its route
// pattern (never the raw path, which would make labels unbounded).
func (m *Metrics) ObserveRequest(route string, d time.Duration, status int) {
	secs := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	h := m.routes[route]
	if h == nil {
		h = &histogram{counts: make([]int64, len(latencyBuckets)+1)}
		m.routes[route] = h
	}
	i := sort.SearchFloat64s(latencyBuckets, secs)
	h.counts[i]++
	h.sum += secs
	h.n++
	m.codes[routeCode{route, status}]++
}

// Gauges are values read from the store at scrape time.
type Gauges struct {
	Articles int64
	Events   int64
	// Pending is the backlog of articles waiting for analysis, and
	// PendingAge how long the oldest of them has waited.
	Pending    int64
	PendingAge time.Duration
}

// WriteText writes the metrics in the Prometheus text exposition format.
func (m *Metrics) WriteText(w io.Writer, g Gauges) error {
	var b strings.Builder
	counter := func(name, help string, v int64) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
	}
	gauge := func(name, help string, v int64) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n%s %d\n", name, help, name, name, v)
	}
	seconds := func(kind, name, help string, d time.Duration) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n%s %g\n", name, help, name, kind, name, d.Seconds())
	}
	counter("parallax_articles_ingested_total", "Articles accepted by this process (API and feeds), queued for analysis or stored.", m.ingested.Load())
	counter("parallax_articles_duplicate_total", "Articles received that were already stored.", m.duplicates.Load())
	counter("parallax_feed_polls_total", "Feed polls attempted.", m.feedPolls.Load())
	counter("parallax_feed_errors_total", "Feed polls and page fetches that failed.", m.feedErrors.Load())
	gauge("parallax_articles", "Articles in the store.", g.Articles)
	gauge("parallax_events", "Events in the store.", g.Events)
	counter("parallax_articles_analyzed_total", "Queued articles this process analyzed.", m.analyzed.Load())
	counter("parallax_analysis_batches_total", "Batches of queued articles this process analyzed.", m.batches.Load())
	seconds("counter", "parallax_analysis_seconds_total", "Time this process spent analyzing queued articles.", time.Duration(m.analysisNanos.Load()))
	gauge("parallax_articles_pending", "Articles in the store waiting for analysis (all processes).", g.Pending)
	seconds("gauge", "parallax_articles_pending_age_seconds", "How long the oldest article waiting for analysis has waited.", g.PendingAge)

	m.mu.Lock()
	routes := make([]string, 0, len(m.routes))
	for r := range m.routes {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	const hname = "parallax_http_request_duration_seconds"
	fmt.Fprintf(&b, "# HELP %s Latency of HTTP requests by route.\n# TYPE %s histogram\n", hname, hname)
	for _, r := range routes {
		h := m.routes[r]
		lbl := escapeLabel(r)
		var cum int64
		for i, ub := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "%s_bucket{route=\"%s\",le=\"%g\"} %d\n", hname, lbl, ub, cum)
		}
		cum += h.counts[len(latencyBuckets)]
		fmt.Fprintf(&b, "%s_bucket{route=\"%s\",le=\"+Inf\"} %d\n", hname, lbl, cum)
		fmt.Fprintf(&b, "%s_sum{route=\"%s\"} %g\n", hname, lbl, h.sum)
		fmt.Fprintf(&b, "%s_count{route=\"%s\"} %d\n", hname, lbl, h.n)
	}
	codes := make([]routeCode, 0, len(m.codes))
	for k := range m.codes {
		codes = append(codes, k)
	}
	sort.Slice(codes, func(i, j int) bool {
		if codes[i].route != codes[j].route {
			return codes[i].route < codes[j].route
		}
		return codes[i].code < codes[j].code
	})
	const cname = "parallax_http_requests_total"
	fmt.Fprintf(&b, "# HELP %s HTTP requests by route and status.\n# TYPE %s counter\n", cname, cname)
	for _, k := range codes {
		fmt.Fprintf(&b, "%s{route=\"%s\",code=\"%d\"} %d\n", cname, escapeLabel(k.route), k.code, m.codes[k])
	}
	m.mu.Unlock()
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeLabel escapes a label value as the exposition format requires.
func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe logs every request and records its latency under the route
// pattern the mux matched.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		setSecurityHeaders(w)
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		d := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		s.metrics.ObserveRequest(route, d, rec.status)
		s.log.LogAttrs(r.Context(), levelFor(rec.status), "request",
			slog.String(keyMethod, r.Method), slog.String(keyPath, r.URL.Path), slog.String(keyRoute, route),
			slog.Int(keyStatus, rec.status), slog.Int(keyBytes, rec.bytes), slog.Duration(keyDuration, d))
	})
}

// levelFor logs server errors louder than the rest.
func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelInfo
}
