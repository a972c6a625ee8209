package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
)

// eventer keeps the clusterer and the records of the events it touches.
type eventer struct {
	store   parallax.Store
	c       *cluster.Clusterer
	outlets map[string]map[string]bool // event id → outlet names seen
}

// statsKind and statsKey name the clusterer's persisted statistics.
const (
	docCluster = "cluster"
	keyStats   = "stats"
	docDossier = "dossier"
)

func newEventer(ctx context.Context, st parallax.Store) (*eventer, error) {
	cfg := cluster.DefaultConfig()
	c := cluster.New(cfg)
	if b, err := st.Document(ctx, docCluster, keyStats); err == nil {
		if err := c.LoadStats(b); err != nil {
			return nil, fmt.Errorf("load clustering statistics: %w", err)
		}
	} else if parallax.ErrorCode(err) != parallax.ENOTFOUND {
		return nil, err
	}
	ev := &eventer{store: st, c: c, outlets: map[string]map[string]bool{}}
	// Restore the events still open: those with an article within the
	// active window before the newest stored event activity.
	recent, err := st.Events(ctx, parallax.EventQuery{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(recent) == 0 {
		return ev, nil
	}
	since := recent[0].Last.Add(-cfg.Window)
	for off := 0; ; off += 500 {
		evs, err := st.Events(ctx, parallax.EventQuery{Since: since, Limit: 500, Offset: off})
		if err != nil {
			return nil, err
		}
		for _, e := range evs {
			arts, err := st.Articles(ctx, parallax.ArticleQuery{EventID: e.ID, Order: "published"})
			if err != nil {
				return nil, err
			}
			for _, a := range arts {
				c.Restore(a, e.ID)
				ev.noteOutlet(e.ID, a)
			}
		}
		if len(evs) < 500 {
			break
		}
	}
	return ev, nil
}

func (ev *eventer) noteOutlet(eventID string, a *parallax.Article) {
	m := ev.outlets[eventID]
	if m == nil {
		m = map[string]bool{}
		ev.outlets[eventID] = m
	}
	m[a.OutletName()] = true
}

// assign clusters batch (in arrival order) and returns the touched events,
// updated, and the new memberships. Undated articles that join a dated
// event take the event's first date as a low-confidence estimate, and
// their time expressions are re-anchored on it.
func (ev *eventer) assign(ctx context.Context, batch []*parallax.Article) ([]*parallax.Event, []parallax.Membership, error) {
	touched := map[string]*parallax.Event{}
	var order []string
	var members []parallax.Membership
	for _, a := range batch {
		d := ev.c.Add(a)
		e := touched[d.EventID]
		if e == nil {
			var err error
			e, err = ev.store.Event(ctx, d.EventID)
			switch {
			case err == nil:
			case parallax.ErrorCode(err) == parallax.ENOTFOUND:
				e = &parallax.Event{ID: d.EventID, Title: a.Title, Thin: d.Thin}
			default:
				return nil, nil, err
			}
			touched[d.EventID] = e
			order = append(order, d.EventID)
		}
		if a.Published.IsZero() && !e.First.IsZero() {
			a.Published = e.First
			a.PublishedSource = parallax.DateEvent
			a.PublishedConfidence = 0.3
			reanchorTimes(a)
		}
		a.EventID = d.EventID
		a.CopyOf = d.CopyOf
		if e.Title == "" {
			e.Title = a.Title
		}
		if !a.Published.IsZero() {
			if e.First.IsZero() || a.Published.Before(e.First) {
				e.First = a.Published
			}
			if a.Published.After(e.Last) {
				e.Last = a.Published
			}
		}
		e.Articles++
		ev.noteOutlet(e.ID, a)
		e.Outlets = len(ev.outlets[e.ID])
		e.Updated = time.Now().UTC()
		members = append(members, d.Membership())
	}
	events := make([]*parallax.Event, 0, len(order))
	for _, id := range order {
		events = append(events, touched[id])
	}
	return events, members, nil
}

// saveStats persists the clusterer's document frequencies.
func (ev *eventer) saveStats(ctx context.Context) error {
	b, err := ev.c.MarshalStats()
	if err != nil {
		return fmt.Errorf("save clustering statistics: %w", err)
	}
	return ev.store.PutDocument(ctx, docCluster, keyStats, b)
}
