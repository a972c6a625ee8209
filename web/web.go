// Package web serves Parallax over HTTP: a server-rendered HTML UI for
// reading events, dossiers, articles, outlets and search results, and a
// JSON API mirroring it, both over any parallax.Store.
//
// Pages are rendered with html/template from embedded templates parsed once
// at start-up, so a broken template fails New instead of a request. Article
// text is hostile input: it only ever reaches a page through the template
// engine's escaping or through the span highlighter, which escapes every
// byte of text it copies.
//
// Each handler lives in its own file; routes.go is the single table of
// routes, from which the mux is built and against which the OpenAPI
// document is tested.
package web

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/outlet"
)

// IngestResult says what an ingest of posted articles did.
type IngestResult struct {
	Received   int      `json:"received"`
	Stored     int      `json:"stored"`
	Duplicates int      `json:"duplicates"`
	IDs        []string `json:"ids"`
	// Status is "queued" when the articles are stored for analysis in the
	// background, "analyzed" when their events are known.
	Status string `json:"status"`
	// Events lists the events the articles belong to, in the order of
	// IDs, once analyzed.
	Events []string `json:"events,omitempty"`
}

// IngestFunc runs already-read articles through extraction and clustering
// and stores them. The server does not know the pipeline: cmd/parallax
// wires one in, so that this package stays an adapter over the Store.
type IngestFunc func(ctx context.Context, articles []*parallax.Article) (IngestResult, error)

// Config configures a Server. Store is required; the rest has defaults.
type Config struct {
	Store parallax.Store
	// Ingest handles POST /api/articles; nil disables writes.
	Ingest IngestFunc
	// Queue, when set, handles POST /api/articles instead of Ingest: the
	// articles are stored for analysis in the background and the answer
	// is 202 Accepted (see post_articles.go).
	Queue Queue
	// MaxWait bounds how long POST /api/articles?wait=true waits for the
	// analysis (default one minute); then it answers 202 as without wait.
	MaxWait time.Duration
	// Catalog recognizes the outlets of posted articles; nil means the
	// built-in catalog.
	Catalog *outlet.Catalog
	// Token is the bearer token writes need. Empty disables writes, so a
	// server started without one can never be written to by strangers.
	Token string
	// Private makes reads need the token too (bearer, or HTTP basic auth
	// with the token as password so that browsers can prompt for it).
	Private bool
	// Logger receives one line per request; nil discards.
	Logger *slog.Logger
	// Metrics collects counters; nil creates one.
	Metrics *Metrics
	// MaxBodyBytes bounds a request body (default 32 MiB).
	MaxBodyBytes int64
	// MaxArticles bounds the articles in one POST (default 5000).
	MaxArticles int
	// MaxArticleBytes bounds one posted article's text or HTML (default 2 MiB).
	MaxArticleBytes int
	// CacheEntries bounds the rendered pages kept in memory (default 4096;
	// they are kept compressed, and never more than 64 MiB); CacheTTL bounds how long one is reused (default one minute),
	// which also bounds staleness after a recluster; CacheRevalidate is
	// how long a cached page is served before its event row and dossier
	// are compared with the store again (default 2 seconds; negative always
	// compares).
	CacheEntries    int
	CacheTTL        time.Duration
	CacheRevalidate time.Duration
	// Title names the instance in page headers (default "Parallax").
	Title string
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// Validate fills defaults and reports what is missing.
func (c *Config) Validate() error {
	if c.Store == nil {
		return errors.New("web config: no store")
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Metrics == nil {
		c.Metrics = NewMetrics()
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 32 << 20
	}
	if c.MaxArticles <= 0 {
		c.MaxArticles = 5000
	}
	if c.MaxArticleBytes <= 0 {
		c.MaxArticleBytes = 2 << 20
	}
	if c.CacheEntries <= 0 {
		c.CacheEntries = 4096
	}
	if c.CacheTTL <= 0 {
		c.CacheTTL = time.Minute
	}
	if c.CacheRevalidate == 0 {
		c.CacheRevalidate = 2 * time.Second
	}
	if c.Title == "" {
		c.Title = "Parallax"
	}
	if c.MaxWait <= 0 {
		c.MaxWait = time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Private && c.Token == "" {
		return errors.New("web config: private mode needs a token")
	}
	return nil
}

// Server is the HTTP handler for the UI and API.
type Server struct {
	cfg     Config
	store   parallax.Store
	log     *slog.Logger
	metrics *Metrics
	tmpl    map[string]*template.Template
	static  fs.FS
	mux     *http.ServeMux
	handler http.Handler
	cache   *pageCache
	flight  flightGroup
	seed    maphash.Seed
	waits   waitStopper // ends ?wait=true requests at shutdown
}

// New parses the templates and builds the routes; it fails fast on a
// broken template rather than on the first request that uses it.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Logger, metrics: cfg.Metrics,
		cache: newPageCache(cfg.CacheEntries, cfg.CacheTTL, cfg.Now), seed: maphash.MakeSeed()}
	var err error
	if s.tmpl, err = parseTemplates(); err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	if s.static, err = fs.Sub(assets, "static"); err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	s.mux = http.NewServeMux()
	for _, rt := range s.routes() {
		pattern := rt.Pattern
		if rt.Method != "" {
			pattern = rt.Method + " " + pattern
		}
		s.mux.Handle(pattern, s.wrap(rt))
	}
	s.handler = s.observe(s.mux)
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Metrics returns the server's metrics, shared with the feed poller.
func (s *Server) Metrics() *Metrics { return s.metrics }
