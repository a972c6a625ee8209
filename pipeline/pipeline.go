// Package pipeline wires Parallax's stages: it reads inputs (ingest), runs
// the extractors on each article, assigns articles to events (cluster),
// stores articles and events, and keeps each touched event's dossier up to
// date. The stages themselves are pure; this package adds concurrency,
// batching, progress reporting and logging.
//
// Articles are processed in batches. Within a batch, articles are extracted
// concurrently, then clustered one by one in arrival order (publication
// time, then input order; undated articles last so that they can join a
// dated event and take its date as a low-confidence estimate), then stored
// with their memberships. A crash loses at most the batch in flight: what
// Ingest reported stored is stored.
//
// Articles can also be analyzed in the background: Analyzer.Enqueue stores
// them as read in the store's queue (cheap, and durable at once), and an
// Analyzer's Run claims them in arrival order and analyzes them batch by
// batch, taking turns with analyzers of other processes through the
// store's lease. The API ingests this way.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
	"github.com/parallax-news/parallax/ingest"
)

// Config configures a Pipeline.
type Config struct {
	Store  parallax.Store
	Ingest ingest.Options
	// Workers run the extractors; default GOMAXPROCS.
	Workers int
	// BatchSize is the number of articles clustered and stored together.
	BatchSize int
	// Logger receives one record per skipped input; nil discards.
	Logger *slog.Logger
	// Progress, when set, is called after each batch.
	Progress func(Progress)
	// OnSkip, when set, is called for every skipped input or record.
	OnSkip func(*ingest.InputError)
	// Cluster configures the clusterer; nil means cluster.DefaultConfig.
	// A store should be built with one configuration throughout (recluster
	// applies a changed one to all of it).
	Cluster *cluster.Config
}

// Progress is reported after each batch.
type Progress struct {
	Read, Stored, Duplicates, Skipped int
}

// Summary says what an ingest did.
type Summary struct {
	Read   int `json:"read"`
	Stored int `json:"stored"`
	// Queued counts the articles stored in the analysis queue instead
	// (see Queue).
	Queued     int            `json:"queued,omitempty"`
	Duplicates int            `json:"duplicates"`
	Skipped    map[string]int `json:"skipped"` // by reason
	Ignored    map[string]int `json:"ignored,omitempty"`
	// Events lists the ids of the events that received articles, in the
	// order they were first touched.
	Events  []string      `json:"events"`
	Elapsed time.Duration `json:"elapsed_ns"`
}

// SkippedTotal returns the number of skipped inputs and records.
func (s Summary) SkippedTotal() int {
	n := 0
	for _, v := range s.Skipped {
		n += v
	}
	return n
}

// Pipeline ingests articles into a store. It is safe for concurrent use:
// batches are serialized so that clustering sees one arrival order.
type Pipeline struct {
	cfg      Config
	mu       sync.Mutex
	events   *eventer
	dossiers *dossiers
	// changed records that articles were analyzed since the statistics
	// were last saved.
	changed bool
}

// New returns a pipeline writing to cfg.Store, with the clusterer's state
// restored from the store.
func New(ctx context.Context, cfg Config) (*Pipeline, error) {
	if cfg.Store == nil {
		return nil, errors.New("pipeline: no store")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 256
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	ccfg := cluster.DefaultConfig()
	if cfg.Cluster != nil {
		ccfg = *cfg.Cluster
		if err := ccfg.Validate(); err != nil {
			return nil, fmt.Errorf("pipeline: cluster configuration: %w", err)
		}
	}
	ev, err := newEventer(ctx, cfg.Store, ccfg)
	if err != nil {
		return nil, fmt.Errorf("restore events: %w", err)
	}
	ds, err := newDossiers(ctx, cfg.Store)
	if err != nil {
		return nil, err
	}
	return &Pipeline{cfg: cfg, events: ev, dossiers: ds}, nil
}

// Ingest reads paths and processes every article found.
func (p *Pipeline) Ingest(ctx context.Context, paths []string) (Summary, error) {
	sum, err := walkBatches(ctx, p.cfg, paths, func(batch []*parallax.Article, sum *Summary) error {
		return p.process(ctx, batch, sum)
	})
	if err == nil {
		err = p.settle(ctx)
	}
	if err == nil {
		err = p.flushDossiers(ctx)
	}
	return sum, err
}

// Queue reads paths like Ingest but, instead of analyzing the articles,
// stores them in cfg.Store's analysis queue (Store.PutPending) for the
// analyzer of another process: the one that holds the analysis lease.
// Summary.Queued counts those new to the queue and the store.
func Queue(ctx context.Context, cfg Config, paths []string) (Summary, error) {
	if cfg.Store == nil {
		return Summary{}, errors.New("pipeline: queue needs a store")
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 256
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return walkBatches(ctx, cfg, paths, func(batch []*parallax.Article, sum *Summary) error {
		res, err := cfg.Store.PutPending(ctx, batch)
		if err != nil {
			return err
		}
		for _, r := range res {
			if r.Status == parallax.Stored {
				sum.Queued++
			} else {
				sum.Duplicates++
			}
		}
		return nil
	})
}

// walkBatches reads paths and hands the articles found to handle in
// batches of cfg.BatchSize, counting what was read, skipped and repeated.
func walkBatches(ctx context.Context, cfg Config, paths []string, handle func([]*parallax.Article, *Summary) error) (Summary, error) {
	start := time.Now()
	sum := Summary{Skipped: map[string]int{}}
	var batch []*parallax.Article
	seen := map[string]bool{}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := handle(batch, &sum)
		batch = batch[:0]
		if cfg.Progress != nil {
			cfg.Progress(Progress{Read: sum.Read, Stored: sum.Stored + sum.Queued, Duplicates: sum.Duplicates, Skipped: sum.SkippedTotal()})
		}
		return err
	}
	st, err := ingest.Walk(ctx, paths, cfg.Ingest, func(it ingest.Item) error {
		if it.Err != nil {
			var ie *ingest.InputError
			if !errors.As(it.Err, &ie) {
				ie = &ingest.InputError{Input: it.Rel, Reason: ingest.ReasonInvalid, Err: it.Err}
			}
			sum.Skipped[ie.Reason]++
			cfg.Logger.Warn("skipped input", "input", ie.Input, "reason", ie.Reason, "err", ie.Err)
			if cfg.OnSkip != nil {
				cfg.OnSkip(ie)
			}
			return nil
		}
		sum.Read++
		if seen[it.Article.ID] {
			sum.Duplicates++
			return nil
		}
		seen[it.Article.ID] = true
		batch = append(batch, it.Article)
		if len(batch) >= cfg.BatchSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	sum.Ignored = st.Ignored
	sum.Elapsed = time.Since(start)
	return sum, err
}

// AddArticles processes articles already read (API posts, feed items).
func (p *Pipeline) AddArticles(ctx context.Context, arts []*parallax.Article) (Summary, error) {
	start := time.Now()
	sum := Summary{Skipped: map[string]int{}, Read: len(arts)}
	seen := map[string]bool{}
	var batch []*parallax.Article
	for _, a := range arts {
		if a.ID == "" {
			a.ID = parallax.ArticleID(a.URL, a.Text)
		}
		if seen[a.ID] {
			sum.Duplicates++
			continue
		}
		seen[a.ID] = true
		batch = append(batch, a)
	}
	for i := 0; i < len(batch); i += p.cfg.BatchSize {
		j := min(i+p.cfg.BatchSize, len(batch))
		if err := p.process(ctx, batch[i:j], &sum); err != nil {
			return sum, err
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, p.flushDossiers(ctx)
}

// process extracts, clusters and stores one batch.
func (p *Pipeline) process(ctx context.Context, batch []*parallax.Article, sum *Summary) error {
	// Drop articles the store already has before clustering them again.
	ids := make([]string, len(batch))
	for i, a := range batch {
		ids[i] = a.ID
	}
	existing, err := p.cfg.Store.Articles(ctx, parallax.ArticleQuery{IDs: ids, WithoutText: true})
	if err != nil {
		return fmt.Errorf("look up stored articles: %w", err)
	}
	if len(existing) > 0 {
		have := make(map[string]bool, len(existing))
		for _, a := range existing {
			have[a.ID] = true
		}
		kept := batch[:0:0]
		for _, a := range batch {
			if have[a.ID] {
				sum.Duplicates++
				continue
			}
			kept = append(kept, a)
		}
		batch = kept
	}
	return p.analyze(ctx, batch, nil, sum)
}

// analyze extracts (unless already extracted), clusters and stores one
// batch of articles new to the store, and updates the dossiers of the
// events they join and of the events named in refresh.
func (p *Pipeline) analyze(ctx context.Context, batch []*parallax.Article, refresh []string, sum *Summary) error {
	if len(batch) == 0 && len(refresh) == 0 {
		return nil
	}
	var todo []*parallax.Article
	for _, a := range batch {
		if a.Extraction == nil {
			todo = append(todo, a)
		}
	}
	if err := extractAll(ctx, todo, p.cfg.Workers); err != nil {
		return err
	}
	sortArrival(batch)

	p.mu.Lock()
	defer p.mu.Unlock()
	var events []*parallax.Event
	if len(batch) > 0 {
		p.changed = true
		var members []parallax.Membership
		var err error
		if events, members, err = p.events.assign(ctx, batch); err != nil {
			return err
		}
		res, err := p.cfg.Store.PutArticles(ctx, batch)
		if err != nil {
			return fmt.Errorf("store articles: %w", err)
		}
		for _, r := range res {
			if r.Status == parallax.Duplicate {
				sum.Duplicates++
			} else {
				sum.Stored++
			}
		}
		if err := p.cfg.Store.SaveEvents(ctx, events, members); err != nil {
			return fmt.Errorf("store events: %w", err)
		}
		if events, err = p.reloadMoved(ctx, events); err != nil {
			return err
		}
	}
	seenEv := map[string]bool{}
	for _, id := range sum.Events {
		seenEv[id] = true
	}
	for _, e := range events {
		if !seenEv[e.ID] {
			sum.Events = append(sum.Events, e.ID)
			seenEv[e.ID] = true
		}
	}
	// Events whose articles were stored by an earlier, interrupted
	// analysis may lack their dossier: rebuild it from the store.
	for _, id := range refresh {
		if seenEv[id] {
			continue
		}
		seenEv[id] = true
		e, err := p.cfg.Store.Event(ctx, id)
		if parallax.ErrorCode(err) == parallax.ENOTFOUND {
			continue
		}
		if err != nil {
			return fmt.Errorf("refresh dossier of %s: %w", id, err)
		}
		events = append(events, e)
	}
	if err := p.dossiers.relate(ctx, p.events.takeRelated()); err != nil {
		return err
	}
	p.dossiers.observe(batch)
	added := map[string][]*parallax.Article{}
	for _, a := range batch {
		added[a.EventID] = append(added[a.EventID], a)
	}
	return p.dossiers.refresh(ctx, events, added)
}

// reloadMoved replaces in events those a split or move changed by the
// store's recount, drops those it deleted, and forgets their dossiers so
// that they are rebuilt from the stored memberships.
func (p *Pipeline) reloadMoved(ctx context.Context, events []*parallax.Event) ([]*parallax.Event, error) {
	for _, id := range p.events.relocated {
		p.dossiers.forget(id)
		e, err := p.cfg.Store.Event(ctx, id)
		if parallax.ErrorCode(err) == parallax.ENOTFOUND {
			events = slices.DeleteFunc(events, func(e *parallax.Event) bool { return e.ID == id })
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reload event %s: %w", id, err)
		}
		for i := range events {
			if events[i].ID == id {
				events[i] = e
			}
		}
	}
	return events, nil
}

// settle has the clusterer review the articles it has not reviewed yet
// (see cluster.Clusterer.Settle), stores the moves and rebuilds the
// dossiers of the events they changed.
func (p *Pipeline) settle(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	events, members, err := p.events.settle(ctx)
	if err != nil || len(events) == 0 {
		return err
	}
	if err := p.cfg.Store.SaveEvents(ctx, events, members); err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	if events, err = p.reloadMoved(ctx, events); err != nil {
		return err
	}
	return p.dossiers.refresh(ctx, events, nil)
}

// flushDossiers assembles the dossiers of large events that waited for
// the end of the call.
func (p *Pipeline) flushDossiers(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.dossiers.flush(ctx)
}

// Close persists the clusterer's and the dossiers' term statistics. It
// does not close the store, and the pipeline stays usable: calling it
// again saves the statistics again.
func (p *Pipeline) Close(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.dossiers.flush(ctx); err != nil {
		return err
	}
	if err := p.events.saveStats(ctx); err != nil {
		return err
	}
	if err := p.dossiers.save(ctx); err != nil {
		return err
	}
	p.changed = false
	return nil
}

// dirty reports whether articles were analyzed since Close last saved the
// statistics.
func (p *Pipeline) dirty() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.changed
}

// sortArrival orders articles by publication time, then input order;
// undated articles come last.
func sortArrival(arts []*parallax.Article) {
	sort.SliceStable(arts, func(i, j int) bool {
		a, b := arts[i], arts[j]
		if a.Published.IsZero() != b.Published.IsZero() {
			return !a.Published.IsZero()
		}
		return a.Published.Before(b.Published)
	})
}
