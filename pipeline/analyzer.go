package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parallax-news/parallax"
)

// Log attribute keys of the analyzer.
const (
	logOwner    = "owner"
	logArticles = "articles"
	logStored   = "stored"
	logEvents   = "events"
	logTook     = "took"
	logErr      = "err"
	logRetryIn  = "retry_in"
	logArticle  = "article"
	logDocument = "document"
)

// AnalyzerConfig configures an Analyzer.
type AnalyzerConfig struct {
	Store parallax.Store
	// Workers run the extractors; default GOMAXPROCS.
	Workers int
	// BatchSize is how many pending articles are claimed and analyzed
	// together (default 256).
	BatchSize int
	// Lease is how long the analysis lease lasts without renewal (default
	// one minute): how long a crashed analyzer's queue waits for another.
	// A running analyzer renews it every third of that.
	Lease time.Duration
	// Idle is how often an analyzer with nothing to do looks again for
	// articles that other processes queued (default one second); articles
	// queued through Enqueue wake it at once.
	Idle time.Duration
	// SaveEvery bounds how long the clusterer's and the dossiers' term
	// statistics go unsaved while the analyzer is busy (default one
	// minute); they are also saved whenever the queue runs dry.
	SaveEvery time.Duration
	// Owner identifies this analyzer in the store's lease; default
	// host, process id and a random suffix.
	Owner string
	// Logger receives a line per batch and per error; nil discards.
	Logger *slog.Logger
	// OnBatch, when set, is called after each analyzed batch.
	OnBatch func(BatchStats)
}

// BatchStats describes one analyzed batch.
type BatchStats struct {
	// Articles is the number claimed; Stored those new to the store.
	Articles, Stored int
	// Events lists the events the batch touched.
	Events  []string
	Elapsed time.Duration
}

// Analyzer analyzes the articles queued with Store.PutPending (by the API)
// in the background: it claims them in arrival order, in batches, runs the
// pipeline's stages on them (extract, cluster, store, dossiers) and then
// removes them from the queue. A batch is removed only after its results
// are stored, so a crash in between analyzes it again, and analyzing again
// is idempotent: an article already stored is neither stored nor counted
// twice.
//
// Analyzers in several processes sharing a store take turns through the
// store's lease, so that one clusterer at a time sees the articles in one
// order. An analyzer builds its pipeline (restoring the clusterer from the
// store) each time it takes the lease, so that it starts from what the
// previous holder stored.
//
// Store errors leave the batch queued, to be retried. A panic (a bug met
// by a hostile article) makes the analyzer retry the batch one article at
// a time and set the one that panics aside, as an "unanalyzable" document
// holding the article and the panic, so that it cannot block the queue.
type Analyzer struct {
	cfg  AnalyzerConfig
	kick chan struct{}

	stepMu   sync.Mutex // one Step at a time
	p        *Pipeline  // nil while the lease is not held
	lastSave time.Time
	// isolate counts the claims still to be made one article at a time,
	// after a batch panicked, to find the article that did it.
	isolate int
	// leaseAt is when the lease was last taken or renewed (Unix
	// nanoseconds). Once a term has passed since, another analyzer may
	// have held the lease meanwhile, so the pipeline is rebuilt.
	leaseAt atomic.Int64

	doneMu sync.Mutex
	done   chan struct{} // closed after every batch, then replaced
}

// NewAnalyzer returns an analyzer over cfg.Store; Run or Step make it work.
func NewAnalyzer(cfg AnalyzerConfig) (*Analyzer, error) {
	if cfg.Store == nil {
		return nil, errors.New("analyzer: no store")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 256
	}
	if cfg.Lease <= 0 {
		cfg.Lease = time.Minute
	}
	if cfg.Idle <= 0 {
		cfg.Idle = time.Second
	}
	if cfg.SaveEvery <= 0 {
		cfg.SaveEvery = time.Minute
	}
	if cfg.Owner == "" {
		cfg.Owner = defaultOwner()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Analyzer{cfg: cfg, kick: make(chan struct{}, 1), done: make(chan struct{})}, nil
}

// defaultOwner names this process uniquely among those sharing a store.
func defaultOwner() string {
	host, _ := os.Hostname()
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// holdLease is how long the lease HoldLease takes lasts without renewal;
// it is renewed every third of that.
const holdLease = time.Minute

// HoldLease takes the store's analysis lease for work that clusters
// outside an Analyzer (an ingest, a recluster) and renews it until
// release is called, which gives it up. The error has code ECONFLICT when
// another process holds the lease: its analyzer is the one to give
// articles to.
func HoldLease(ctx context.Context, st parallax.Store) (release func(), err error) {
	claim := parallax.PendingClaim{Owner: defaultOwner(), TTL: holdLease}
	if _, err := st.ClaimPending(ctx, claim); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(holdLease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_, _ = st.ClaimPending(ctx, claim)
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		_ = st.ReleasePending(context.WithoutCancel(ctx), claim.Owner)
	}, nil
}

// Owner returns the name under which the analyzer takes the lease.
func (a *Analyzer) Owner() string { return a.cfg.Owner }

// Enqueue stores articles durably for analysis and wakes the analyzer.
// It returns each article's id (in input order) and how many were new
// and how many were already stored or queued. Articles are given their
// ids here, as PutArticles would.
func (a *Analyzer) Enqueue(ctx context.Context, arts []*parallax.Article) (ids []string, stored, duplicates int, err error) {
	res, err := a.cfg.Store.PutPending(ctx, arts)
	if err != nil {
		return nil, 0, 0, err
	}
	ids = make([]string, len(res))
	for i, r := range res {
		ids[i] = r.ID
		if r.Status == parallax.Stored {
			stored++
		} else {
			duplicates++
		}
	}
	if stored > 0 {
		a.Kick()
	}
	return ids, stored, duplicates, nil
}

// Kick wakes an idle Run to look for pending articles at once.
func (a *Analyzer) Kick() {
	select {
	case a.kick <- struct{}{}:
	default:
	}
}

// Run analyzes pending articles until ctx is cancelled, then finishes the
// batch in flight, saves the term statistics and releases the lease.
// Errors are logged and retried with growing pauses: the queue keeps the
// articles meanwhile.
func (a *Analyzer) Run(ctx context.Context) error {
	log := a.cfg.Logger
	work := context.WithoutCancel(ctx) // a batch, once claimed, is finished
	backoff := time.Duration(0)
	idle := false
	for ctx.Err() == nil {
		// An idle analyzer looks for work with a read and writes only to
		// renew its lease, every third of a term; it keeps the lease so
		// that a trickle of articles does not rebuild the pipeline.
		if idle && time.Since(time.Unix(0, a.leaseAt.Load())) < a.cfg.Lease/3 {
			if ps, err := a.cfg.Store.PendingStats(work); err == nil && ps.Articles == 0 {
				a.pause(ctx, a.cfg.Idle)
				continue
			}
		}
		n, err := a.Step(work)
		wait := time.Duration(0)
		idle = false
		switch {
		case err != nil:
			backoff = min(max(2*backoff, time.Second), time.Minute)
			wait = backoff
			log.Error("analysis failed; the batch stays queued", logOwner, a.cfg.Owner, logErr, err, logRetryIn, wait)
		case n == 0:
			backoff = 0
			wait = a.cfg.Idle
			idle = true
		default:
			backoff = 0
		}
		if wait > 0 {
			a.pause(ctx, wait)
		}
	}
	return a.Release(work)
}

// pause waits for d, a kick or the end of ctx.
func (a *Analyzer) pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	case <-a.kick:
	}
}

// Step claims one batch and analyzes it, taking the lease if it is free.
// It returns the number of articles analyzed: 0 when the queue is empty or
// another analyzer holds the lease.
func (a *Analyzer) Step(ctx context.Context) (int, error) {
	a.stepMu.Lock()
	defer a.stepMu.Unlock()
	limit := a.cfg.BatchSize
	if a.isolate > 0 {
		limit = 1
	}
	if a.p != nil && time.Since(time.Unix(0, a.leaseAt.Load())) >= a.cfg.Lease {
		a.p = nil // the lease may have lapsed and passed through other hands
	}
	claimAt := time.Now() // the lease runs from no later than this
	claimed, err := a.cfg.Store.ClaimPending(ctx, parallax.PendingClaim{Owner: a.cfg.Owner, TTL: a.cfg.Lease, Limit: limit})
	if err == nil {
		a.leaseAt.Store(claimAt.UnixNano())
	}
	if parallax.ErrorCode(err) == parallax.ECONFLICT {
		// Another analyzer holds the lease; whatever this one knew may be
		// stale by the time it gets the lease back.
		a.p = nil
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if len(claimed) == 0 {
		return 0, a.save(ctx, true)
	}
	if a.p == nil {
		p, err := New(ctx, Config{Store: a.cfg.Store, Workers: a.cfg.Workers, BatchSize: a.cfg.BatchSize, Logger: a.cfg.Logger})
		if err != nil {
			return 0, fmt.Errorf("start analysis: %w", err)
		}
		a.p, a.lastSave = p, time.Now()
	}

	// Renew the lease while the batch runs; if it is lost, stop the
	// batch: the new holder analyzes it again.
	bctx, cancel := context.WithCancelCause(ctx)
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		a.renew(bctx, cancel)
	}()
	sum, err := a.p.safeAnalyzeClaimed(bctx, claimed)
	cancel(nil)
	<-renewed
	if a.isolate > 0 {
		a.isolate--
	}
	var pe *PanicError
	if errors.As(err, &pe) {
		a.p = nil
		if len(claimed) > 1 {
			a.isolate = len(claimed)
			return 0, fmt.Errorf("analyze %d queued articles (analyzing them one by one next): %w", len(claimed), err)
		}
		return a.setAside(ctx, claimed[0], pe)
	}
	if err == nil {
		ids := make([]string, len(claimed))
		for i, c := range claimed {
			ids[i] = c.ID
		}
		err = a.cfg.Store.FinishPending(ctx, a.cfg.Owner, ids)
	}
	if err != nil {
		// The clusterer may hold articles the store does not: start again
		// from the store.
		a.p = nil
		if c := context.Cause(bctx); c != nil && !errors.Is(c, context.Canceled) {
			err = c
		}
		return 0, fmt.Errorf("analyze %d queued articles: %w", len(claimed), err)
	}
	a.cfg.Logger.Info("analyzed queued articles", logArticles, len(claimed), logStored, sum.Stored, logEvents, len(sum.Events), logTook, sum.Elapsed.Round(time.Millisecond))
	if a.cfg.OnBatch != nil {
		a.cfg.OnBatch(BatchStats{Articles: len(claimed), Stored: sum.Stored, Events: sum.Events, Elapsed: sum.Elapsed})
	}
	a.broadcast()
	return len(claimed), a.save(ctx, false)
}

// unanalyzableKind is the document kind under which an article whose
// analysis panicked is kept, with the panic, for a developer to look at.
const unanalyzableKind = "unanalyzable"

// setAside removes an article whose analysis panicked from the queue and
// keeps it as an unanalyzable document, so that it stops blocking the
// articles behind it.
func (a *Analyzer) setAside(ctx context.Context, art *parallax.Article, pe *PanicError) (int, error) {
	doc, err := json.Marshal(map[string]any{"article": art, "error": fmt.Sprint(pe.Value), "stack": string(pe.Stack)})
	if err != nil {
		return 0, fmt.Errorf("set aside article %s: %w", art.ID, err)
	}
	if err := a.cfg.Store.PutDocument(ctx, unanalyzableKind, art.ID, doc); err != nil {
		return 0, fmt.Errorf("set aside article %s: %w", art.ID, err)
	}
	if err := a.cfg.Store.FinishPending(ctx, a.cfg.Owner, []string{art.ID}); err != nil {
		return 0, fmt.Errorf("set aside article %s: %w", art.ID, err)
	}
	a.cfg.Logger.Error("article set aside: its analysis panicked", logArticle, art.ID, logErr, pe.Value,
		logDocument, unanalyzableKind+"/"+art.ID)
	a.broadcast()
	return 1, nil
}

// renew renews the lease every third of its term until ctx ends, and
// cancels the batch with the reason if the lease is lost.
func (a *Analyzer) renew(ctx context.Context, cancel context.CancelCauseFunc) {
	t := time.NewTicker(a.cfg.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		renewedAt := time.Now()
		_, err := a.cfg.Store.ClaimPending(ctx, parallax.PendingClaim{Owner: a.cfg.Owner, TTL: a.cfg.Lease})
		if err == nil {
			a.leaseAt.Store(renewedAt.UnixNano())
		}
		if parallax.ErrorCode(err) == parallax.ECONFLICT {
			cancel(fmt.Errorf("lost the analysis lease: %w", err))
			return
		}
		if err != nil && ctx.Err() == nil {
			a.cfg.Logger.Warn("renew analysis lease", logOwner, a.cfg.Owner, logErr, err)
		}
	}
}

// save persists the term statistics when the queue has run dry (idle) or
// SaveEvery has passed, so that a crash loses little and the next lease
// holder starts from recent statistics.
func (a *Analyzer) save(ctx context.Context, idle bool) error {
	if a.p == nil || (!idle && time.Since(a.lastSave) < a.cfg.SaveEvery) {
		return nil
	}
	if idle && !a.p.dirty() {
		return nil
	}
	a.lastSave = time.Now()
	if err := a.p.Close(ctx); err != nil {
		return fmt.Errorf("save analysis statistics: %w", err)
	}
	return nil
}

// Release saves the term statistics and gives up the lease, so that
// another process's analyzer can take over at once.
func (a *Analyzer) Release(ctx context.Context) error {
	a.stepMu.Lock()
	defer a.stepMu.Unlock()
	var err error
	if a.p != nil {
		err = a.p.Close(ctx)
		a.p = nil
	}
	return errors.Join(err, a.cfg.Store.ReleasePending(ctx, a.cfg.Owner))
}

// broadcast wakes every Wait.
func (a *Analyzer) broadcast() {
	a.doneMu.Lock()
	close(a.done)
	a.done = make(chan struct{})
	a.doneMu.Unlock()
}

func (a *Analyzer) batchDone() <-chan struct{} {
	a.doneMu.Lock()
	defer a.doneMu.Unlock()
	return a.done
}

// Wait blocks until every article in ids is analyzed, by this analyzer or
// another process's, and returns each one's event id. It returns ctx's
// error if that comes first.
func (a *Analyzer) Wait(ctx context.Context, ids []string) (map[string]string, error) {
	poll := time.NewTicker(min(a.cfg.Idle, 250*time.Millisecond))
	defer poll.Stop()
	events := make(map[string]string, len(ids))
	left := append([]string(nil), ids...)
	for {
		done := a.batchDone()
		arts, err := a.cfg.Store.Articles(ctx, parallax.ArticleQuery{IDs: left, WithoutText: true})
		if err != nil {
			return events, err
		}
		for _, x := range arts {
			if x.EventID != "" {
				events[x.ID] = x.EventID
			}
		}
		left = left[:0]
		for _, id := range ids {
			if _, ok := events[id]; !ok {
				left = append(left, id)
			}
		}
		if len(left) == 0 {
			return events, nil
		}
		select {
		case <-ctx.Done():
			return events, ctx.Err()
		case <-done:
		case <-poll.C:
		}
	}
}

// safeAnalyzeClaimed is analyzeClaimed with a panic turned into a
// *PanicError.
func (p *Pipeline) safeAnalyzeClaimed(ctx context.Context, claimed []*parallax.Article) (sum Summary, err error) {
	defer func() {
		if v := recover(); v != nil {
			pe := &PanicError{Value: v, Stack: debug.Stack()}
			if len(claimed) == 1 {
				pe.ArticleID = claimed[0].ID
			}
			err = pe
		}
	}()
	return p.analyzeClaimed(ctx, claimed)
}

// analyzeClaimed analyzes a batch claimed from the queue and assembles
// its events' dossiers. A batch claimed again after an interrupted
// analysis may hold articles already stored: those without an event are
// clustered again from their stored form, and those with one only get
// their event's dossier rebuilt.
func (p *Pipeline) analyzeClaimed(ctx context.Context, claimed []*parallax.Article) (Summary, error) {
	start := time.Now()
	sum := Summary{Skipped: map[string]int{}, Read: len(claimed)}
	seen := map[string]bool{}
	var batch []*parallax.Article
	var ids []string
	for _, a := range claimed {
		if seen[a.ID] {
			sum.Duplicates++
			continue
		}
		seen[a.ID] = true
		batch = append(batch, a)
		ids = append(ids, a.ID)
	}
	existing, err := p.cfg.Store.Articles(ctx, parallax.ArticleQuery{IDs: ids, WithoutText: true})
	if err != nil {
		return sum, fmt.Errorf("look up stored articles: %w", err)
	}
	var refresh, again []string
	if len(existing) > 0 {
		stored := map[string]bool{}
		for _, x := range existing {
			stored[x.ID] = true
			if x.EventID != "" {
				refresh = append(refresh, x.EventID)
			} else {
				again = append(again, x.ID)
			}
		}
		kept := batch[:0:0]
		for _, a := range batch {
			if !stored[a.ID] {
				kept = append(kept, a)
			}
		}
		batch = kept
		if len(again) > 0 {
			arts, err := p.cfg.Store.Articles(ctx, parallax.ArticleQuery{IDs: again})
			if err != nil {
				return sum, fmt.Errorf("read stored articles without an event: %w", err)
			}
			batch = append(batch, arts...)
		}
	}
	if err := p.analyze(ctx, batch, refresh, &sum); err != nil {
		return sum, err
	}
	err = p.flushDossiers(ctx)
	sum.Elapsed = time.Since(start)
	return sum, err
}
