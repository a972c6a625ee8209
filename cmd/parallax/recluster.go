package main

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
	"github.com/parallax-news/parallax/pipeline"
)

// reclusterPage is how many articles recluster reads per store query.
const reclusterPage = 1000

// runRecluster re-clusters a whole store in batch with the clusterer's
// similarity (after a back-fill or with a changed threshold), replaces the
// events and reports how many articles moved.
func runRecluster(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "recluster", "[--db FILE] [--threshold X] [--window DURATION] [--dry-run]")
	db := fs.String("db", "", dbFlagHelp)
	threshold := fs.Float64("threshold", 0, "score needed to join an event (default: the tuned threshold)")
	window := fs.Duration("window", 0, "how long an event stays open without new articles (default 168h)")
	dryRun := fs.Bool("dry-run", false, "report what would move without changing the store")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError("recluster takes no arguments")
	}
	cfg, err := clusterFlags(threshold, window)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, resolveDB(env, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	// Re-clustering beside a running analyzer would race its events.
	release, err := pipeline.HoldLease(ctx, st)
	if parallax.ErrorCode(err) == parallax.ECONFLICT {
		return fmt.Errorf("recluster: another process is analyzing this store (%v); stop it, or run the server with --analyze=false, first", err)
	}
	if err != nil {
		return err
	}
	defer release()

	var arts []*parallax.Article
	for off := 0; ; off += reclusterPage {
		// Input order, not publication order: SortArrival places each
		// undated article with the dated one before it in the input, which
		// a store's publication order (undated first or last) would lose.
		page, err := st.Articles(ctx, parallax.ArticleQuery{Order: "seq", Limit: reclusterPage, Offset: off})
		if err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		arts = append(arts, page...)
		if len(page) < reclusterPage {
			break
		}
	}
	if len(arts) == 0 {
		fmt.Fprintln(env.Stdout, "no articles in the store")
		return nil
	}
	decs := cluster.Batch(arts, cfg)
	events, members := cluster.Events(arts, decs, cfg)

	moved := 0
	for i, a := range arts {
		if a.EventID != decs[i].EventID {
			moved++
		}
	}
	if !*dryRun {
		if err := st.ReplaceEvents(ctx, events, members); err != nil {
			return fmt.Errorf("replace events: %w", err)
		}
		c := cluster.New(cfg)
		for _, a := range arts {
			c.Count(a)
		}
		stats, err := c.MarshalStats()
		if err != nil {
			return err
		}
		if err := st.PutDocument(ctx, cluster.StatsKind, cluster.StatsKey, stats); err != nil {
			return fmt.Errorf("save cluster stats: %w", err)
		}
	}
	verb := "moved"
	if *dryRun {
		verb = "would move"
	}
	fmt.Fprintf(env.Stdout, "%d articles, %d events; %d articles %s to another event\n", len(arts), len(events), moved, verb)
	return nil
}
