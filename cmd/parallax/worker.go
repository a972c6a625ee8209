package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/pipeline"
)

// runWorker analyzes the articles queued in a store (by `parallax serve`'s
// API and feeds), so that analysis can run on another machine than the
// servers, or in more processes for availability: analyzers sharing a
// store take turns through its lease, one at a time.
func runWorker(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "worker", "[--db FILE|postgres://…] [--drain] [--batch N] [--lease DURATION]")
	db := fs.String("db", "", dbFlagHelp)
	drainOnly := fs.Bool("drain", false, "stop once the queue is empty instead of waiting for more")
	batch := fs.Int("batch", 256, "articles claimed and analyzed together")
	lease := fs.Duration("lease", time.Minute, "how long another worker waits to take over if this one dies")
	logJSON := fs.Bool("log-json", false, "write logs as JSON lines")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError("worker takes no arguments (got %q)", fs.Args())
	}
	if *batch < 1 || *lease < time.Second {
		return usageError("--batch must be at least 1 and --lease at least 1s")
	}
	var h slog.Handler = slog.NewTextHandler(env.Stderr, nil)
	if *logJSON {
		h = slog.NewJSONHandler(env.Stderr, nil)
	}
	log := slog.New(h)
	st, err := openStore(ctx, resolveDB(env, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	total := 0
	a, err := pipeline.NewAnalyzer(pipeline.AnalyzerConfig{Store: st, BatchSize: *batch, Lease: *lease, Logger: log,
		OnBatch: func(b pipeline.BatchStats) { total += b.Articles }})
	if err != nil {
		return err
	}
	log.Info("worker started", logStore, storeLabel(resolveDB(env, *db), false))
	if *drainOnly {
		err = drainQueue(ctx, st, a)
	} else {
		err = a.Run(ctx)
	}
	fmt.Fprintf(env.Stderr, "parallax worker: analyzed %d queued articles\n", total)
	return err
}

// drainQueue analyzes until the queue is empty (waiting while another
// analyzer holds the lease), then saves and releases.
func drainQueue(ctx context.Context, st parallax.Store, a *pipeline.Analyzer) error {
	work := context.WithoutCancel(ctx)
	for ctx.Err() == nil {
		n, err := a.Step(work)
		if err != nil {
			a.Release(work)
			return err
		}
		if n > 0 {
			continue
		}
		ps, err := st.PendingStats(work)
		if err != nil || ps.Articles == 0 {
			return errors.Join(err, a.Release(work))
		}
		select {
		case <-ctx.Done():
		case <-time.After(200 * time.Millisecond):
		}
	}
	return a.Release(work)
}
