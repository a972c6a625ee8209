package web

import "net/http"

// handleOpenAPI serves the API's OpenAPI 3 document. It is written by
// hand next to the handlers; TestOpenAPIMatchesRoutes keeps the two in
// agreement.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		return err
	}
	s.writeCached(w, r, "application/json", b)
	return nil
}
