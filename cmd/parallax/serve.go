package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/feeds"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/outlet"
	"github.com/parallax-news/parallax/pipeline"
	"github.com/parallax-news/parallax/web"
	"github.com/parallax-news/parallax/web/demo"
)

// Log attribute keys of serve, constant so that log queries stay stable.
const (
	logAddr     = "addr"
	logStore    = "store"
	logWrites   = "writes"
	logPrivate  = "private"
	logFeeds    = "feeds"
	logReadyIn  = "ready_in"
	logErr      = "err"
	logArticles = "articles"
	logEvents   = "events"
	logSkipped  = "skipped"
	logTook     = "took"
)

// serveConfig is serve's configuration, from flags and environment.
type serveConfig struct {
	DB       string
	Addr     string
	Feeds    string
	Demo     bool
	Token    string
	Private  bool
	Outlets  string
	Interval time.Duration
	LogJSON  bool
	// Analyze runs the analyzer of queued articles in this process; off,
	// a `parallax worker` sharing the store analyzes them.
	Analyze bool
	// ShutdownTimeout bounds how long in-flight requests and ingests may
	// take to finish after a stop signal.
	ShutdownTimeout time.Duration
}

// Validate reports contradictory settings.
func (c *serveConfig) Validate() error {
	if c.Demo && c.DB != "" {
		return usageError("--demo uses a temporary store; leave out --db")
	}
	if c.Private && c.Token == "" {
		return usageError("--private needs a token: --token or PARALLAX_TOKEN")
	}
	if c.Interval < 10*time.Second {
		return usageError("--interval must be at least 10s")
	}
	return nil
}

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "serve", "[--db FILE|postgres://…] [--addr :8080] [--feeds FILE] [--demo] [--token T] [--private] [--analyze=false]")
	var c serveConfig
	fs.StringVar(&c.DB, "db", "", dbFlagHelp)
	fs.StringVar(&c.Addr, "addr", ":8080", "address to listen on (port 0 picks a free port)")
	fs.StringVar(&c.Feeds, "feeds", "", "file of feed URLs to poll: one URL a line, or OPML")
	fs.BoolVar(&c.Demo, "demo", false, "serve the bundled sample (the seeds and an ECB+ sample) from a temporary store")
	fs.StringVar(&c.Token, "token", "", "bearer token for writes (default $PARALLAX_TOKEN); without one, writes are disabled")
	fs.BoolVar(&c.Private, "private", false, "require the token for reads too")
	fs.StringVar(&c.Outlets, "outlets", "", "JSON or YAML file extending the built-in outlet catalog")
	fs.DurationVar(&c.Interval, "interval", 10*time.Minute, "how often each feed is polled")
	fs.BoolVar(&c.LogJSON, "log-json", false, "write logs as JSON lines")
	fs.BoolVar(&c.Analyze, "analyze", true, "analyze posted and polled articles in this process (false: leave them to 'parallax worker')")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 30*time.Second, "how long to let requests and ingests finish on stop")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("serve takes no arguments (got %q)", fs.Args())
	}
	if c.Token == "" {
		c.Token = env.Getenv("PARALLAX_TOKEN")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return serve(ctx, env, c)
}

func serve(ctx context.Context, env *Env, c serveConfig) error {
	start := time.Now()
	var h slog.Handler = slog.NewTextHandler(env.Stderr, nil)
	if c.LogJSON {
		h = slog.NewJSONHandler(env.Stderr, nil)
	}
	log := slog.New(h)

	cat := outlet.Default()
	if c.Outlets != "" {
		var err error
		if cat, err = outlet.Load(c.Outlets); err != nil {
			return usageError("%v", err)
		}
	}
	loc := resolveDB(env, c.DB)
	if c.Demo {
		dir, err := os.MkdirTemp("", "parallax-demo-")
		if err != nil {
			return fmt.Errorf("demo store: %w", err)
		}
		defer os.RemoveAll(dir)
		loc = dir + string(os.PathSeparator) + "demo.db"
	}
	st, err := openStore(ctx, loc, false)
	if err != nil {
		return err
	}
	defer st.Close()

	if c.Demo {
		if err := loadDemo(ctx, st, cat, log); err != nil {
			return err
		}
	}
	metrics := web.NewMetrics()
	// Posted and polled articles are stored at once and analyzed in the
	// background (in this process unless --analyze=false), so that an
	// ingest costs the client a write, not an analysis.
	analyzer, err := pipeline.NewAnalyzer(pipeline.AnalyzerConfig{Store: st, Logger: log,
		OnBatch: func(b pipeline.BatchStats) { metrics.AddAnalyzed(b.Articles, b.Elapsed) }})
	if err != nil {
		return err
	}
	srv, err := web.New(web.Config{
		Store: st, Queue: analyzer, Catalog: cat, Token: c.Token, Private: c.Private,
		Logger: log, Metrics: metrics,
	})
	if err != nil {
		return err
	}

	var poller *feeds.Poller
	if c.Feeds != "" {
		urls, err := feeds.LoadList(c.Feeds)
		if err != nil {
			return usageError("%v", err)
		}
		poller, err = feeds.New(feeds.Config{
			URLs: urls, Interval: c.Interval, Catalog: cat, Logger: log,
			Ingest: func(ctx context.Context, arts []*parallax.Article) (int, int, error) {
				_, stored, dups, err := analyzer.Enqueue(ctx, arts)
				metrics.AddIngested(stored, dups)
				return stored, dups, err
			},
			Known: func(ctx context.Context, id string) bool {
				_, err := st.Article(ctx, id)
				return err == nil
			},
			OnPoll:      func(err error) { metrics.AddFeedPoll(err != nil) },
			OnPageError: func(error) { metrics.AddFeedError() },
		})
		if err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		// Requests must not be cancelled by the stop signal: Shutdown lets
		// them (and the ingests they started) finish.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
		ErrorLog:    slog.NewLogLogger(h, slog.LevelWarn),
	}
	// Requests waiting for their analysis answer "queued" once shutdown
	// starts: their articles are safe, and the backlog may be long.
	hs.RegisterOnShutdown(srv.StopWaits)
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	// Feeds are polled on a context that the stop signal cancels; the
	// poller finishes the ingest it is in before returning.
	var wg sync.WaitGroup
	// The analyzer stops only after the HTTP server, so that requests
	// waiting for their analysis (?wait=true) get it; it then finishes
	// its batch in flight and hands the lease on.
	actx, stopAnalyzer := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAnalyzer()
	analyzed := make(chan error, 1)
	if c.Analyze {
		go func() { analyzed <- analyzer.Run(actx) }()
	} else {
		analyzed <- nil
	}
	if poller != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			poller.Run(ctx)
		}()
	}
	addr := ln.Addr().String()
	log.Info("serving", logAddr, addr, logStore, storeLabel(loc, c.Demo), logWrites, c.Token != "", logPrivate, c.Private,
		logFeeds, len(pollerURLs(poller)), logReadyIn, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(env.Stderr, "parallax serve: listening on http://%s\n", displayAddr(addr))
	if env.Ready != nil {
		env.Ready(addr)
	}

	select {
	case err := <-serveErr:
		wg.Wait()
		stopAnalyzer()
		<-analyzed
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests and ingests in flight")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.ShutdownTimeout)
	defer cancel()
	shutErr := hs.Shutdown(sctx)
	wg.Wait()
	stopAnalyzer()
	if err := <-analyzed; err != nil {
		log.Warn("stop analyzer", logErr, err)
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if shutErr != nil {
		return fmt.Errorf("shutdown: %w", shutErr)
	}
	log.Info("stopped")
	return nil
}

// loadDemo ingests the bundled sample inline, before the analyzer
// starts, so that the demo is complete when the server is ready.
func loadDemo(ctx context.Context, st parallax.Store, cat *outlet.Catalog, log *slog.Logger) error {
	p, err := pipeline.New(ctx, pipeline.Config{Store: st, Ingest: ingest.Options{Catalog: cat}, Logger: log})
	if err != nil {
		return err
	}
	sum, err := demo.Ingest(ctx, p)
	if err != nil {
		return err
	}
	if err := p.Close(ctx); err != nil {
		return err
	}
	log.Info("demo sample loaded", logArticles, sum.Stored, logEvents, len(sum.Events), logSkipped, sum.SkippedTotal(), logTook, sum.Elapsed.Round(time.Millisecond))
	return nil
}

func storeLabel(loc string, demo bool) string {
	if demo {
		return "temporary demo store"
	}
	if isPostgresURL(loc) {
		return "postgres"
	}
	return loc
}

func pollerURLs(p *feeds.Poller) []string {
	if p == nil {
		return nil
	}
	return p.URLs()
}

// displayAddr turns ":8080" or "[::]:8080" into a clickable localhost URL.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
