package web

import (
	"context"
	"net/http"
	"time"
)

// handleHealth answers 200 when the store answers, so that a load
// balancer stops sending traffic to a server whose database is gone.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.store.CountEvents(ctx); err != nil {
		s.log.WarnContext(r.Context(), "health check failed", keyError, err)
		s.writeJSONStatus(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return nil
	}
	s.writeJSONStatus(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}
