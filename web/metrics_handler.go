package web

import "net/http"

// handleMetrics serves Prometheus metrics; store counts are read at scrape
// time so that they include what other processes sharing the store wrote.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) error {
	var g Gauges
	var err error
	if g.Articles, err = s.store.CountArticles(r.Context()); err != nil {
		return err
	}
	if g.Events, err = s.store.CountEvents(r.Context()); err != nil {
		return err
	}
	ps, err := s.store.PendingStats(r.Context())
	if err != nil {
		return err
	}
	g.Pending = ps.Articles
	if !ps.Oldest.IsZero() {
		g.PendingAge = max(s.cfg.Now().Sub(ps.Oldest), 0)
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return s.metrics.WriteText(w, g)
}
