package web

import (
	"encoding/json"
	"net/http"

	"github.com/parallax-news/parallax"
)

// eventsList is one page of events.
type eventsList struct {
	Events []*parallax.Event `json:"events"`
	Limit  int               `json:"limit"`
	Offset int               `json:"offset"`
	Next   string            `json:"next,omitempty"`
	Prev   string            `json:"prev,omitempty"`

	Filter eventFilter `json:"-"`
	Links  pageLinks   `json:"-"`
}

// loadEvents reads one page, asking for one event more than shown to learn
// whether there is a next page without counting.
func (s *Server) loadEvents(r *http.Request) (*eventsList, error) {
	q, f, err := parseEventQuery(r)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	q.Limit++
	evs, err := s.store.Events(r.Context(), q)
	if err != nil {
		return nil, err
	}
	more := len(evs) > limit
	if more {
		evs = evs[:limit]
	}
	if evs == nil {
		evs = []*parallax.Event{}
	}
	l := links(r, q.Offset, limit, len(evs), more)
	return &eventsList{Events: evs, Limit: limit, Offset: q.Offset, Next: l.Next, Prev: l.Prev, Filter: f, Links: l}, nil
}

// handleEventsPage lists events, most recent activity first, with filters.
// The list is the most requested page and changes with every ingest, so
// it is micro-cached: one rendering serves everyone for CacheRevalidate
// (2 s by default), which bounds both the load and the staleness.
func (s *Server) handleEventsPage(w http.ResponseWriter, r *http.Request) error {
	return s.microcached(w, r, "list-page", "text/html; charset=utf-8", func() ([]byte, string, error) {
		list, err := s.loadEvents(r)
		if err != nil {
			return nil, "", err
		}
		b, err := s.renderBytes(r, "events", "Events", list)
		return b, "", err
	})
}

// handleEventsAPI is the JSON form of the events list.
func (s *Server) handleEventsAPI(w http.ResponseWriter, r *http.Request) error {
	return s.microcached(w, r, "list-api", "application/json", func() ([]byte, string, error) {
		list, err := s.loadEvents(r)
		if err != nil {
			return nil, "", err
		}
		b, err := json.Marshal(list)
		return append(b, '\n'), list.Next, err
	})
}

// microcached serves a body built by build, reusing it for requests with
// the same query within CacheRevalidate; concurrent requests for a body
// being built wait for it. build also returns the next-page link for the
// Link header.
func (s *Server) microcached(w http.ResponseWriter, r *http.Request, kind, contentType string, build func() ([]byte, string, error)) error {
	key := kind + "\x00" + r.URL.RawQuery
	now := s.cfg.Now()
	it, ok := s.cache.get(key)
	if !ok || now.Sub(it.checked) >= s.cfg.CacheRevalidate {
		var err error
		it, err = s.flight.do(key, func() (cacheItem, error) {
			if it, ok := s.cache.get(key); ok && now.Sub(it.checked) < s.cfg.CacheRevalidate {
				return it, nil // built while this request waited
			}
			body, next, err := build()
			if err != nil {
				return cacheItem{}, err
			}
			it := newCacheItem(body)
			it.next, it.checked = next, now
			s.cache.put(key, it)
			return it, nil
		})
		if err != nil {
			return err
		}
	}
	if it.next != "" {
		w.Header().Add("Link", "<"+it.next+`>; rel="next"`)
	}
	return s.writeItem(w, r, contentType, it)
}
