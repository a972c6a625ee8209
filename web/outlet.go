package web

import (
	"net/http"

	"github.com/parallax-news/parallax"
)

// outletDoc is an outlet page: what is known about the outlet, its recent
// articles and the events it covered.
type outletDoc struct {
	Outlet   parallax.Outlet     `json:"outlet"`
	Articles []*parallax.Article `json:"articles"`
	Events   []*parallax.Event   `json:"events"`
	Limit    int                 `json:"limit"`
	Offset   int                 `json:"offset"`
	Next     string              `json:"next,omitempty"`
	Links    pageLinks           `json:"-"`
}

func (s *Server) loadOutlet(r *http.Request) (*outletDoc, error) {
	name := r.PathValue("name")
	if name == "" || len(name) > maxQueryLen {
		return nil, parallax.Errorf(parallax.ENOTFOUND, "no outlet %q", name)
	}
	limit, offset, err := paging(r.URL.Query())
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	arts, err := s.store.Articles(ctx, parallax.ArticleQuery{Outlet: name, WithoutText: true, Order: "-published", Limit: limit + 1, Offset: offset})
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 && offset == 0 {
		return nil, parallax.Errorf(parallax.ENOTFOUND, "no articles from outlet %q", name)
	}
	more := len(arts) > limit
	if more {
		arts = arts[:limit]
	}
	d := &outletDoc{Outlet: parallax.Outlet{Name: name}, Articles: arts, Limit: limit, Offset: offset}
	if len(arts) > 0 {
		d.Outlet = arts[0].Outlet
	}
	if d.Articles == nil {
		d.Articles = []*parallax.Article{}
	}
	if d.Events, err = s.store.Events(ctx, parallax.EventQuery{Outlet: name, Limit: 50}); err != nil {
		return nil, err
	}
	if d.Events == nil {
		d.Events = []*parallax.Event{}
	}
	d.Links = links(r, offset, limit, len(arts), more)
	d.Next = d.Links.Next
	return d, nil
}

// handleOutletPage shows one outlet's articles and events.
func (s *Server) handleOutletPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadOutlet(r)
	if err != nil {
		return err
	}
	return s.renderPage(w, r, "outlet", d.Outlet.Name, d)
}

// handleOutletAPI is the JSON form of the outlet page.
func (s *Server) handleOutletAPI(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadOutlet(r)
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, d)
}
