package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
	"github.com/parallax-news/parallax/dossier"
)

// backgroundKey is the document key of the store-wide term statistics.
const backgroundKey = "default"

// maxBuilders bounds the incremental dossier builders kept in memory; an
// event whose builder was evicted is rebuilt from the store when it next
// receives an article.
const maxBuilders = 64

// dossiers keeps each recently touched event's dossier builder, so that a
// new article updates its event's dossier incrementally.
type dossiers struct {
	store    parallax.Store
	bg       *dossier.Background
	builders map[string]*dossier.Builder
	order    []string // least recently used first
}

func newDossiers(ctx context.Context, st parallax.Store) (*dossiers, error) {
	d := &dossiers{store: st, builders: map[string]*dossier.Builder{}}
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

// refresh updates the dossier of every touched event with its new articles
// (added, by event id), stores it, and records its conflict count and key
// figures on the event.
func (d *dossiers) refresh(ctx context.Context, events []*parallax.Event, added map[string][]*parallax.Article) error {
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
		d.touch(e.ID, b)
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
	// Store the conflict counts and key figures on the events.
	return d.store.SaveEvents(ctx, events, nil)
}

func (d *dossiers) touch(id string, b *dossier.Builder) {
	if i := slices.Index(d.order, id); i >= 0 {
		d.order = slices.Delete(d.order, i, i+1)
	}
	d.order = append(d.order, id)
	d.builders[id] = b
	for len(d.order) > maxBuilders {
		delete(d.builders, d.order[0])
		d.order = d.order[1:]
	}
}

// options gathers what a dossier needs from outside the event: the term
// statistics and the nearest events its members did not join.
func (d *dossiers) options(ctx context.Context, e *parallax.Event) (dossier.Options, error) {
	opts := dossier.Options{Background: d.bg}
	ms, err := d.store.Memberships(ctx, e.ID)
	if err != nil {
		return opts, err
	}
	best := map[string]float64{}
	for _, m := range ms {
		if len(m.Why) == 0 {
			continue
		}
		var why cluster.Explanation
		if json.Unmarshal(m.Why, &why) != nil || why.Nearest == nil || why.Nearest.EventID == e.ID {
			continue
		}
		if s, ok := best[why.Nearest.EventID]; !ok || why.Nearest.Score > s {
			best[why.Nearest.EventID] = why.Nearest.Score
		}
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
