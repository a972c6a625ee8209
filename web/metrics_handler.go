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
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return s.metrics.WriteText(w, g)
}
