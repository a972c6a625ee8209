package cluster

import (
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// Events builds the events and memberships that decisions describe, for
// a store: articles[i] was decided by decisions[i]. An event's title is
// its founder's; it is closed when its last article is older than the
// window before the latest article.
func Events(articles []*parallax.Article, decisions []Decision, cfg Config) ([]*parallax.Event, []parallax.Membership) {
	var latest time.Time
	for _, a := range articles {
		if a != nil && a.Published.After(latest) {
			latest = a.Published
		}
	}
	byID := make(map[string]*parallax.Event)
	outlets := make(map[string]map[string]bool)
	var events []*parallax.Event
	var members []parallax.Membership
	seen := make(map[string]bool, len(articles))
	for i, a := range articles {
		if a == nil || i >= len(decisions) {
			continue
		}
		d := decisions[i]
		if d.EventID == "" || seen[d.ArticleID] {
			continue
		}
		seen[d.ArticleID] = true
		ev, ok := byID[d.EventID]
		if !ok {
			ev = &parallax.Event{ID: d.EventID, Title: titleOf(a), Thin: d.Thin}
			byID[d.EventID] = ev
			outlets[d.EventID] = map[string]bool{}
			events = append(events, ev)
		}
		ev.Articles++
		if !d.Thin {
			ev.Thin = false
		}
		if n := a.Outlet.Name; n != "" && !outlets[d.EventID][n] {
			outlets[d.EventID][n] = true
			ev.Outlets++
		}
		if t := a.Published; !t.IsZero() {
			if ev.First.IsZero() || t.Before(ev.First) {
				ev.First = t
			}
			if t.After(ev.Last) {
				ev.Last = t
			}
		}
		members = append(members, d.Membership())
	}
	for _, ev := range events {
		ev.Closed = !latest.IsZero() && !ev.Last.IsZero() && latest.Sub(ev.Last) > cfg.Window
	}
	slices.SortStableFunc(events, func(a, b *parallax.Event) int { return strings.Compare(a.ID, b.ID) })
	return events, members
}

// titleOf returns an article's title, else its first line.
func titleOf(a *parallax.Article) string {
	if t := strings.TrimSpace(a.Title); t != "" {
		return t
	}
	line, _, _ := strings.Cut(strings.TrimSpace(a.Text), "\n")
	if r := []rune(line); len(r) > 120 {
		line = string(r[:120]) + "…"
	}
	return line
}

// Count adds an article to the document frequencies without clustering
// it, to rebuild statistics (MarshalStats) from a store.
func (c *Clusterer) Count(a *parallax.Article) {
	if a == nil {
		return
	}
	an := c.analyze(a)
	if an.terms < c.cfg.MinTerms {
		return
	}
	c.docs++
	for _, f := range an.feats {
		c.df[f.id]++
	}
}
