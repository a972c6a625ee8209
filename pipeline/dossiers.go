package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

// backgroundKey is the document key of the store-wide term statistics.
const backgroundKey = "default"

// maxBuilders bounds the incremental dossier builders kept in memory; an
// event whose builder was evicted is rebuilt from the store when it next
// receives an article. Builders hold their articles' texts and
// extractions: 64 of them were a third of the live heap over ECB+ and
// pushed a run past 300 MB resident; 16 keep it near 280 MB at no
// measurable CPU cost (a live stream with thousands of open events
// rebuilds from the store either way).
const maxBuilders = 16

// assembleEvery is the event size above which a dossier is assembled once
// per Ingest or AddArticles call rather than after every batch:
// assembling costs time in proportion to the event, so a bulk ingest into
// a large event would otherwise spend most of its time re-assembling.
const assembleEvery = 50

// dossiers keeps each recently touched event's dossier builder, so that a
// new article updates its event's dossier incrementally.
type dossiers struct {
	store    parallax.Store
	bg       *dossier.Background
	builders map[string]*dossier.Builder
	order    []string // least recently used first
	// pending are events whose dossier waits for flush.
	pending map[string]*parallax.Event
}

func newDossiers(ctx context.Context, st parallax.Store) (*dossiers, error) {
	d := &dossiers{store: st, builders: map[string]*dossier.Builder{}, pending: map[string]*parallax.Event{}}
	b, err := st.Document(ctx, dossier.BackgroundKind, backgroundKey)
	switch {
	case err == nil:
		if d.bg, err = dossier.UnmarshalBackground(b); err != nil {
			return nil, fmt.Errorf("load term statistics: %w", err)
		}
	case parallax.ErrorCode(err) == parallax.ENOTFOUND:
		d.bg = dossier.NewBackground()
	default:
		return nil, err
	}
	return d, nil
}

// observe counts new articles in the store-wide term statistics.
func (d *dossiers) observe(arts []*parallax.Article) {
	for _, a := range arts {
		d.bg.Add(a)
	}
}

// save persists the term statistics.
func (d *dossiers) save(ctx context.Context) error {
	b, err := d.bg.Marshal()
	if err != nil {
		return err
	}
	return d.store.PutDocument(ctx, dossier.BackgroundKind, backgroundKey, b)
}

// refresh adds each touched event's new articles (added, by event id) to
// its dossier builder, and assembles and stores the dossiers of small
// events at once; larger ones wait for flush.
func (d *dossiers) refresh(ctx context.Context, events []*parallax.Event, added map[string][]*parallax.Article) error {
	var now []*parallax.Event
	for _, e := range events {
		b := d.builders[e.ID]
		if b == nil {
			// An event founded in this batch has all its articles at hand.
			arts := added[e.ID]
			if e.Articles != len(arts) {
				var err error
				if arts, err = d.store.Articles(ctx, parallax.ArticleQuery{EventID: e.ID, Order: "published"}); err != nil {
					return err
				}
			}
			opts, err := d.options(ctx, e)
			if err != nil {
				return err
			}
			b = dossier.NewBuilder(e, opts)
			for _, a := range arts {
				b.Add(a)
			}
		} else {
			for _, a := range added[e.ID] {
				b.Add(a)
			}
		}
		if err := d.touch(ctx, e, b); err != nil {
			return err
		}
		if e.Articles <= assembleEvery {
			now = append(now, e)
		} else {
			d.pending[e.ID] = e
		}
	}
	return d.assemble(ctx, now)
}

// forget drops an event's builder, so that its dossier is rebuilt from
// the store when next refreshed (after a split moved its articles).
func (d *dossiers) forget(id string) {
	delete(d.builders, id)
	delete(d.pending, id)
	if i := slices.Index(d.order, id); i >= 0 {
		d.order = slices.Delete(d.order, i, i+1)
	}
}

// flush assembles and stores the dossiers left pending.
func (d *dossiers) flush(ctx context.Context) error {
	if len(d.pending) == 0 {
		return nil
	}
	evs := make([]*parallax.Event, 0, len(d.pending))
	for _, e := range d.pending {
		evs = append(evs, e)
	}
	slices.SortFunc(evs, func(a, b *parallax.Event) int { return compareStrings(a.ID, b.ID) })
	return d.assemble(ctx, evs)
}

// assemble stores the dossiers of events from their builders and records
// each one's conflict count and key figures on the event.
func (d *dossiers) assemble(ctx context.Context, events []*parallax.Event) error {
	if len(events) == 0 {
		return nil
	}
	for _, e := range events {
		delete(d.pending, e.ID)
		b := d.builders[e.ID]
		if b == nil {
			continue
		}
		doc := b.Dossier()
		summarize(e, doc)
		js, err := json.Marshal(doc)
		if err != nil {
			return fmt.Errorf("encode dossier of %s: %w", e.ID, err)
		}
		if err := d.store.PutDocument(ctx, dossier.DossierKind, e.ID, js); err != nil {
			return err
		}
	}
	return d.store.SaveEvents(ctx, events, nil)
}

// touch marks b as the most recently used builder, evicting the least
// recently used beyond maxBuilders (after assembling it if pending).
func (d *dossiers) touch(ctx context.Context, e *parallax.Event, b *dossier.Builder) error {
	if i := slices.Index(d.order, e.ID); i >= 0 {
		d.order = slices.Delete(d.order, i, i+1)
	}
	d.order = append(d.order, e.ID)
	d.builders[e.ID] = b
	for len(d.order) > maxBuilders {
		old := d.order[0]
		if pe, ok := d.pending[old]; ok {
			if err := d.assemble(ctx, []*parallax.Event{pe}); err != nil {
				return err
			}
		}
		delete(d.builders, old)
		d.order = d.order[1:]
	}
	return nil
}

// docRelated is the document kind holding, per event, the similar events
// the clusterer kept apart, with their scores.
const docRelated = "related"

// relate merges new relations into the events' related documents and
// drops the builders of the events concerned, so that their dossiers are
// rebuilt with the new related events.
func (d *dossiers) relate(ctx context.Context, rel map[string]map[string]float64) error {
	ids := make([]string, 0, len(rel))
	for id := range rel {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		have, err := d.related(ctx, id)
		if err != nil {
			return err
		}
		changed := false
		for other, score := range rel[id] {
			if s, ok := have[other]; !ok || score > s {
				have[other] = score
				changed = true
			}
		}
		if !changed {
			continue
		}
		b, err := json.Marshal(have)
		if err != nil {
			return err
		}
		if err := d.store.PutDocument(ctx, docRelated, id, b); err != nil {
			return err
		}
		if _, ok := d.builders[id]; ok {
			if pe, ok := d.pending[id]; ok {
				if err := d.assemble(ctx, []*parallax.Event{pe}); err != nil {
					return err
				}
			}
			delete(d.builders, id)
			if i := slices.Index(d.order, id); i >= 0 {
				d.order = slices.Delete(d.order, i, i+1)
			}
		}
	}
	return nil
}

// related returns the similar events recorded for an event.
func (d *dossiers) related(ctx context.Context, id string) (map[string]float64, error) {
	m := map[string]float64{}
	b, err := d.store.Document(ctx, docRelated, id)
	switch {
	case parallax.ErrorCode(err) == parallax.ENOTFOUND:
		return m, nil
	case err != nil:
		return nil, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("related events of %s: %w", id, err)
	}
	return m, nil
}

// options gathers what a dossier needs from outside the event: the term
// statistics and the similar events the clusterer kept apart.
func (d *dossiers) options(ctx context.Context, e *parallax.Event) (dossier.Options, error) {
	opts := dossier.Options{Background: d.bg}
	best, err := d.related(ctx, e.ID)
	if err != nil {
		return opts, err
	}
	ids := make([]string, 0, len(best))
	for id := range best {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if best[a] != best[b] {
			if best[a] > best[b] {
				return -1
			}
			return 1
		}
		return compareStrings(a, b)
	})
	if len(ids) > 5 {
		ids = ids[:5]
	}
	for _, id := range ids {
		ev, err := d.store.Event(ctx, id)
		if parallax.ErrorCode(err) == parallax.ENOTFOUND {
			continue
		}
		if err != nil {
			return opts, err
		}
		arts, err := d.store.Articles(ctx, parallax.ArticleQuery{EventID: id, Order: "published", Limit: 20})
		if err != nil {
			return opts, err
		}
		opts.Related = append(opts.Related, dossier.Candidate{Event: ev, Score: best[id], Articles: arts})
	}
	return opts, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// summarize copies the dossier's conflict count and key figures onto the
// event, for event lists.
func summarize(e *parallax.Event, d *parallax.Dossier) {
	e.Conflicts = 0
	e.Summary = nil
	for _, f := range d.Figures {
		e.Conflicts += len(f.Conflicts)
		if len(e.Summary) >= 4 {
			continue
		}
		for _, s := range f.Scopes {
			if len(s.Figures) == 0 {
				continue
			}
			label := s.Figures[0].Text
			if s.Scope != "" {
				label += " (" + s.Scope + ")"
			}
			if f.Status == parallax.FigureConflicting {
				label += " — disputed"
			}
			e.Summary = append(e.Summary, f.Role+": "+label)
			break
		}
	}
}
