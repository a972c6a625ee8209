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
	window  time.Duration
	outlets map[string]map[string]bool // event id → outlet names seen
	// restored marks the stored events already rebuilt in the clusterer
	// (and those it founded itself).
	restored map[string]bool
	// related collects, per batch, the similar events the clusterer kept
	// apart: an article of one scored nearest to the other without joining.
	related map[string]map[string]float64
	// relocated lists, per batch, the events a split or move touched (from,
	// to, …), whose dossiers must be rebuilt from the store.
	relocated []string
}

// relate records that events a and b are similar but different, in both
// directions, keeping the highest score seen.
func (ev *eventer) relate(a, b string, score float64) {
	if ev.related == nil {
		ev.related = map[string]map[string]float64{}
	}
	for _, p := range [][2]string{{a, b}, {b, a}} {
		m := ev.related[p[0]]
		if m == nil {
			m = map[string]float64{}
			ev.related[p[0]] = m
		}
		if s, ok := m[p[1]]; !ok || score > s {
			m[p[1]] = score
		}
	}
}

// takeRelated returns the relations collected since the last call.
func (ev *eventer) takeRelated() map[string]map[string]float64 {
	r := ev.related
	ev.related = nil
	return r
}

// statsKind and statsKey name the clusterer's persisted statistics.
const (
	docCluster = "cluster"
	keyStats   = "stats"
	docDossier = "dossier"
)

func newEventer(ctx context.Context, st parallax.Store, cfg cluster.Config) (*eventer, error) {
	c := cluster.New(cfg)
	if b, err := st.Document(ctx, docCluster, keyStats); err == nil {
		if err := c.LoadStats(b); err != nil {
			return nil, fmt.Errorf("load clustering statistics: %w", err)
		}
	} else if parallax.ErrorCode(err) != parallax.ENOTFOUND {
		return nil, err
	}
	return &eventer{store: st, c: c, window: cfg.Window, outlets: map[string]map[string]bool{}, restored: map[string]bool{}}, nil
}

// restoreAround rebuilds in the clusterer the stored events a batch could
// join: those active within the window around the batch's publication
// times (and the most recent ones, for undated articles). Each event is
// restored once per pipeline, so that memory follows the dates being
// ingested, not the size of the store.
func (ev *eventer) restoreAround(ctx context.Context, batch []*parallax.Article) error {
	var lo, hi time.Time
	undated := false
	for _, a := range batch {
		if a.Published.IsZero() {
			undated = true
			continue
		}
		if lo.IsZero() || a.Published.Before(lo) {
			lo = a.Published
		}
		if a.Published.After(hi) {
			hi = a.Published
		}
	}
	if undated {
		recent, err := ev.store.Events(ctx, parallax.EventQuery{Limit: 1})
		if err != nil {
			return err
		}
		if len(recent) > 0 && !recent[0].Last.IsZero() {
			if lo.IsZero() || recent[0].Last.Before(lo) {
				lo = recent[0].Last
			}
			if recent[0].Last.After(hi) {
				hi = recent[0].Last
			}
		}
	}
	if lo.IsZero() {
		return nil
	}
	q := parallax.EventQuery{Since: lo.Add(-ev.window), Until: hi.Add(ev.window), Limit: 500}
	for {
		evs, err := ev.store.Events(ctx, q)
		if err != nil {
			return err
		}
		for _, e := range evs {
			if ev.restored[e.ID] {
				continue
			}
			ev.restored[e.ID] = true
			arts, err := ev.store.Articles(ctx, parallax.ArticleQuery{EventID: e.ID, Order: "published"})
			if err != nil {
				return err
			}
			for _, a := range arts {
				ev.c.Restore(a, e.ID)
				ev.noteOutlet(e.ID, a)
			}
		}
		if len(evs) < q.Limit {
			return nil
		}
		q.Offset += q.Limit
	}
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
	at := map[string]int{} // index in members by article id
	ev.relocated = ev.relocated[:0]
	if err := ev.restoreAround(ctx, batch); err != nil {
		return nil, nil, fmt.Errorf("restore events: %w", err)
	}
	for _, a := range batch {
		d := ev.c.Add(a)
		ev.restored[d.EventID] = true
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
		at[a.ID] = len(members)
		members = append(members, d.Membership())
		if d.Why != nil && d.Why.Nearest != nil && d.Why.Nearest.EventID != d.EventID {
			ev.relate(d.EventID, d.Why.Nearest.EventID, d.Why.Nearest.Score)
		}
		if sp := d.Split; sp != nil {
			if err := ev.relocate(ctx, sp.From, sp.To, sp.Articles, batch, touched, &order, &members, at); err != nil {
				return nil, nil, fmt.Errorf("split event %s: %w", sp.From, err)
			}
		}
		if err := ev.moved(ctx, d.Moves, batch, touched, &order, &members, at); err != nil {
			return nil, nil, err
		}
	}
	events := make([]*parallax.Event, 0, len(order))
	for _, id := range order {
		events = append(events, touched[id])
	}
	return events, members, nil
}

// relocate records articles the clusterer moved from one event to
// another (a split into a new event, a move into an open one): their new
// memberships (replacing those of this batch) and both events' ids, for
// the dossiers to rebuild once the memberships are stored. Counts,
// outlets and dates are recounted by the store, which deletes an event
// left without articles.
func (ev *eventer) relocate(ctx context.Context, from, toID string, ids []string, batch []*parallax.Article, touched map[string]*parallax.Event, order *[]string, members *[]parallax.Membership, at map[string]int) error {
	inBatch := make(map[string]*parallax.Article, len(batch))
	for _, a := range batch {
		inBatch[a.ID] = a
	}
	to := touched[toID]
	if to == nil {
		var err error
		to, err = ev.store.Event(ctx, toID)
		switch {
		case err == nil:
		case parallax.ErrorCode(err) == parallax.ENOTFOUND:
			to = &parallax.Event{ID: toID, Updated: time.Now().UTC()}
		default:
			return fmt.Errorf("event %s: %w", toID, err)
		}
		touched[toID] = to
		*order = append(*order, toID)
	}
	if touched[from] == nil {
		e, err := ev.store.Event(ctx, from)
		if err != nil {
			return fmt.Errorf("event %s: %w", from, err)
		}
		touched[from] = e
		*order = append(*order, from)
	}
	for _, id := range ids {
		d, ok := ev.c.Decided(id)
		if !ok {
			continue
		}
		m := d.Membership()
		if k, ok := at[id]; ok {
			(*members)[k] = m
		} else {
			at[id] = len(*members)
			*members = append(*members, m)
		}
		if a := inBatch[id]; a != nil {
			a.EventID = toID
			if to.Title == "" {
				to.Title = a.Title
			}
		}
	}
	if to.Title == "" && len(ids) > 0 {
		if a, err := ev.store.Article(ctx, ids[0]); err == nil {
			to.Title = a.Title
		}
	}
	ev.restored[toID] = true
	delete(ev.outlets, from)
	delete(ev.outlets, toID)
	ev.relocated = append(ev.relocated, from, toID)
	return nil
}

// moved relocates the articles of the clusterer's moves.
func (ev *eventer) moved(ctx context.Context, moves []cluster.Move, batch []*parallax.Article, touched map[string]*parallax.Event, order *[]string, members *[]parallax.Membership, at map[string]int) error {
	for _, mv := range moves {
		ids := append([]string{mv.Article}, mv.Copies...)
		if err := ev.relocate(ctx, mv.From, mv.To, ids, batch, touched, order, members, at); err != nil {
			return fmt.Errorf("move article %s: %w", mv.Article, err)
		}
	}
	return nil
}

// settle has the clusterer review the articles it has not reviewed yet
// and returns the events the moves touched and the moved articles' new
// memberships, for the store.
func (ev *eventer) settle(ctx context.Context) ([]*parallax.Event, []parallax.Membership, error) {
	ev.relocated = ev.relocated[:0]
	moves := ev.c.Settle()
	if len(moves) == 0 {
		return nil, nil, nil
	}
	touched := map[string]*parallax.Event{}
	var order []string
	var members []parallax.Membership
	if err := ev.moved(ctx, moves, nil, touched, &order, &members, map[string]int{}); err != nil {
		return nil, nil, err
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
