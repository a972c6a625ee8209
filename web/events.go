package web

import (
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
func (s *Server) handleEventsPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.loadEvents(r)
	if err != nil {
		return err
	}
	return s.renderPage(w, r, "events", "Events", list)
}

// handleEventsAPI is the JSON form of the events list.
func (s *Server) handleEventsAPI(w http.ResponseWriter, r *http.Request) error {
	list, err := s.loadEvents(r)
	if err != nil {
		return err
	}
	if list.Next != "" {
		w.Header().Add("Link", "<"+list.Next+`>; rel="next"`)
	}
	return s.writeJSON(w, r, list)
}
