package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
	"github.com/parallax-news/parallax/ingest"
)

// clusterFlags adds the flags that override the clusterer's defaults and
// returns a function that applies them.
func clusterFlags(fsThreshold *float64, fsWindow *time.Duration) (cluster.Config, error) {
	cfg := cluster.DefaultConfig()
	if *fsThreshold != 0 {
		cfg.Threshold = *fsThreshold
	}
	if *fsWindow != 0 {
		cfg.Window = *fsWindow
	}
	if err := cfg.Validate(); err != nil {
		return cfg, usageError("%v", err)
	}
	return cfg, nil
}

// runCluster clusters its inputs without a store and prints each input
// article's event: the interface for scoring the clusterer against gold
// labels from outside.
func runCluster(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "cluster", "[--tsv | --json] [--threshold X] [--window DURATION] PATH...")
	tsv := fs.Bool("tsv", false, "print ID<TAB>EVENT per input article, in input order (the default)")
	asJSON := fs.Bool("json", false, "print each article's decision with its explanation as JSON lines, in input order")
	threshold := fs.Float64("threshold", 0, "score needed to join an event (default: the tuned threshold)")
	window := fs.Duration("window", 0, "how long an event stays open without new articles (default 168h)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError("name at least one file or directory (or - for standard input)")
	}
	if *tsv && *asJSON {
		return usageError("choose --tsv or --json, not both")
	}
	cfg, err := clusterFlags(threshold, window)
	if err != nil {
		return err
	}

	type input struct {
		id string
		a  *parallax.Article
	}
	var inputs []input
	skipped := 0
	// Raw keeps a JSONL "text" as given: a single headline must stay the
	// article's text rather than be taken for a title over an empty body.
	// KeepEmpty: a record without text still gets a line (an event of its
	// own, too little text to cluster), so that every id is answered for.
	_, err = ingest.Walk(ctx, fs.Args(), ingest.Options{Raw: true, KeepEmpty: true}, func(it ingest.Item) error {
		if it.Err != nil {
			skipped++
			fmt.Fprintf(env.Stderr, "parallax cluster: skipped %v\n", it.Err)
			return nil
		}
		inputs = append(inputs, input{outputID(it), it.Article})
		return nil
	})
	if err != nil {
		return err
	}

	order := make([]*parallax.Article, len(inputs))
	for i, in := range inputs {
		order[i] = in.a
	}
	cluster.SortArrival(order)
	if err := ctx.Err(); err != nil {
		return err
	}
	// Later splits and moves change earlier articles' events: print where
	// each ended up, with the explanation as it now reads.
	decs := cluster.New(cfg).AddAll(order)
	decisions := make(map[*parallax.Article]cluster.Decision, len(order))
	for i, a := range order {
		decisions[a] = decs[i]
	}

	w := bufio.NewWriter(env.Stdout)
	enc := json.NewEncoder(w)
	for _, in := range inputs {
		d := decisions[in.a]
		if *asJSON {
			if err := enc.Encode(struct {
				ID string `json:"id"`
				cluster.Decision
			}{in.id, d}); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(w, "%s\t%s\n", in.id, d.EventID)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if skipped > 0 {
		return errSkipped
	}
	return nil
}

// outputID names an input article for the TSV: the JSONL id when there is
// one, else the path relative to the directory given, with "#N" for the
// Nth record of a multi-article input.
func outputID(it ingest.Item) string {
	a := it.Article
	if a.Format == "jsonl" && a.ExternalID != "" {
		return a.ExternalID
	}
	id := it.Rel
	if id == "" {
		id = a.Input
	}
	if i := strings.LastIndexByte(a.Input, '#'); i >= 0 && !strings.Contains(id, "#") {
		id += a.Input[i:]
	}
	return id
}
