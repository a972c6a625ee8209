package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
	"github.com/parallax-news/parallax/eval"
)

// goldDoc is one document with its gold event; topic is the ECB+ topic,
// 0 for JSONL.
type goldDoc struct {
	a     *parallax.Article
	label string
	topic int
}

// evalCluster scores the clusterer on ECB+ directories and JSONL files
// with a gold "label". ECB+ has no order, so besides file order it runs
// seeded shuffles and reports the spread.
func evalCluster(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval cluster", "[--shuffles N] [--seed N] [--topics 26-35] [--threshold X] [--batch] PATH...")
	shuffles := fs.Int("shuffles", 3, "also cluster this many seeded shuffles of the input order")
	seed := fs.Uint64("seed", 1, "seed of the first shuffle")
	topics := fs.String("topics", "", "score only ECB+ topics in these ranges, e.g. 26-35 or 1-25,30 (everything is clustered)")
	threshold := fs.Float64("threshold", 0, "score needed to join an event (default: the tuned threshold)")
	window := fs.Duration("window", 0, "how long an event stays open without new articles (default 168h)")
	batch := fs.Bool("batch", false, "cluster with cluster.Batch (document frequencies of the whole input first) instead of as a stream")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError("name ECB+ directories or JSONL files with a gold \"label\"")
	}
	if *shuffles < 0 {
		return usageError("--shuffles must not be negative")
	}
	keep, err := parseTopics(*topics)
	if err != nil {
		return usageError("--topics: %v", err)
	}
	cfg, err := clusterFlags(threshold, window)
	if err != nil {
		return err
	}
	var docs []goldDoc
	for _, p := range fs.Args() {
		got, err := readGold(p)
		if err != nil {
			return err
		}
		docs = append(docs, got...)
	}
	if len(docs) == 0 {
		return fmt.Errorf("no documents found in %s", strings.Join(fs.Args(), ", "))
	}
	scored := 0
	for _, d := range docs {
		if keep(d.topic) {
			scored++
		}
	}
	fmt.Fprintf(env.Stdout, "%d documents clustered, %d scored; threshold %.3f, window %v, %s\n",
		len(docs), scored, cfg.Threshold, cfg.Window, map[bool]string{false: "stream", true: "batch"}[*batch])
	fmt.Fprintf(env.Stdout, "%-12s %7s %7s %7s %7s %8s %12s\n", "order", "P", "R", "F1", "ARI", "events", "articles/s")

	var f1s []float64
	for run := 0; run <= *shuffles; run++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		order := make([]int, len(docs))
		for i := range order {
			order[i] = i
		}
		name := "file order"
		if run > 0 {
			r := rand.New(rand.NewPCG(*seed, uint64(run)))
			r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			name = fmt.Sprintf("shuffle %d", run)
		}
		arts := make([]*parallax.Article, len(order))
		for i, k := range order {
			arts[i] = docs[k].a
		}
		start := time.Now()
		var decs []cluster.Decision
		if *batch {
			decs = cluster.Batch(arts, cfg)
		} else {
			// Inputs without any publication time (ECB+) are clustered
			// in the order given, which is what the shuffles vary;
			// SortArrival would re-order them by the dates their texts
			// name.
			if anyPublished(arts) {
				cluster.SortArrival(arts)
			}
			decs = cluster.New(cfg).AddAll(arts)
		}
		elapsed := time.Since(start)
		event := make(map[*parallax.Article]string, len(arts))
		for i, a := range arts {
			event[a] = decs[i].EventID
		}
		var pred, gold []string
		for _, d := range docs {
			if keep(d.topic) {
				pred = append(pred, event[d.a])
				gold = append(gold, d.label)
			}
		}
		p, r, f1 := cluster.BCubed(pred, gold)
		ari := cluster.ARI(pred, gold)
		f1s = append(f1s, f1)
		fmt.Fprintf(env.Stdout, "%-12s %7.3f %7.3f %7.3f %7.3f %4d/%-3d %12.0f\n", name, p, r, f1, ari,
			cluster.Distinct(pred), cluster.Distinct(gold), float64(len(arts))/elapsed.Seconds())
	}
	if len(f1s) > 1 {
		lo, hi, sum := f1s[0], f1s[0], 0.0
		for _, f := range f1s {
			lo, hi, sum = min(lo, f), max(hi, f), sum+f
		}
		fmt.Fprintf(env.Stdout, "BCubed F1 over %d orders: mean %.3f, min %.3f, max %.3f\n", len(f1s), sum/float64(len(f1s)), lo, hi)
	}
	return nil
}

func anyPublished(arts []*parallax.Article) bool {
	for _, a := range arts {
		if !a.Published.IsZero() {
			return true
		}
	}
	return false
}

// readGold reads an ECB+ directory or a JSONL file with gold labels.
func readGold(path string) ([]goldDoc, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read gold %s: %w", path, err)
	}
	var out []goldDoc
	if st.IsDir() {
		docs, err := eval.ReadECBPlusDir(path)
		if err != nil {
			return nil, err
		}
		if len(docs) == 0 {
			return nil, fmt.Errorf("read gold %s: no ECB+ documents (TOPIC_Necb.xml, TOPIC_Necbplus.xml)", path)
		}
		for _, d := range docs {
			out = append(out, goldDoc{a: d.Article, label: d.Label(), topic: d.Topic})
		}
		return out, nil
	}
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".jsonl" && ext != ".ndjson" {
		return nil, fmt.Errorf("read gold %s: want an ECB+ directory or a .jsonl file with a \"label\" field", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read gold %s: %w", path, err)
	}
	defer f.Close()
	docs, err := eval.ReadLabeledJSONL(f, path)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		out = append(out, goldDoc{a: d.Article, label: d.Label})
	}
	return out, nil
}

// parseTopics turns "26-35" or "1-25,30" into a predicate; "" keeps
// everything. Documents without a topic (JSONL) are kept only then.
func parseTopics(s string) (func(int) bool, error) {
	if strings.TrimSpace(s) == "" {
		return func(int) bool { return true }, nil
	}
	type span struct{ lo, hi int }
	var spans []span
	for _, part := range strings.Split(s, ",") {
		lo, hi, found := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return nil, fmt.Errorf("%q is not a topic number or range", part)
		}
		b := a
		if found {
			if b, err = strconv.Atoi(hi); err != nil || b < a {
				return nil, fmt.Errorf("%q is not a topic range", part)
			}
		}
		spans = append(spans, span{a, b})
	}
	return func(t int) bool {
		for _, sp := range spans {
			if t >= sp.lo && t <= sp.hi {
				return true
			}
		}
		return false
	}, nil
}
