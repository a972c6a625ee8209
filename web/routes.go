package web

import (
	"net/http"
	"strings"
)

// Access says who may call a route.
type Access int

// Access levels of routes.
const (
	// Read routes are public unless the server is private.
	Read Access = iota
	// Write routes always need the bearer token.
	Write
	// Open routes are always public (health checks, static files).
	Open
)

// Route is one entry of the routing table. The table is the single
// source of truth for the mux, the access checks and the OpenAPI test.
type Route struct {
	Method  string
	Pattern string
	// API routes answer errors in JSON, pages in HTML.
	API    bool
	Access Access
	handle func(w http.ResponseWriter, r *http.Request) error
}

// Routes returns the server's routing table, for documentation and tests.
func (s *Server) Routes() []Route { return s.routes() }

func (s *Server) routes() []Route {
	return []Route{
		// Pages.
		{Method: "GET", Pattern: "/{$}", handle: s.handleEventsPage},
		{Method: "GET", Pattern: "/events/{id}", handle: s.handleEventPage},
		{Method: "GET", Pattern: "/articles/{id}", handle: s.handleArticlePage},
		{Method: "GET", Pattern: "/outlets/{name}", handle: s.handleOutletPage},
		{Method: "GET", Pattern: "/search", handle: s.handleSearchPage},
		{Method: "GET", Pattern: "/static/{path...}", Access: Open, handle: s.handleStatic},

		// JSON API.
		{Method: "GET", Pattern: "/api/events", API: true, handle: s.handleEventsAPI},
		{Method: "GET", Pattern: "/api/events/{id}", API: true, handle: s.handleEventAPI},
		{Method: "GET", Pattern: "/api/articles/{id}", API: true, handle: s.handleArticleAPI},
		{Method: "POST", Pattern: "/api/articles", API: true, Access: Write, handle: s.handlePostArticles},
		{Method: "GET", Pattern: "/api/outlets/{name}", API: true, handle: s.handleOutletAPI},
		{Method: "GET", Pattern: "/api/search", API: true, handle: s.handleSearchAPI},
		{Method: "GET", Pattern: "/api/openapi.json", API: true, Access: Open, handle: s.handleOpenAPI},

		// Operations.
		{Method: "GET", Pattern: "/healthz", API: true, Access: Open, handle: s.handleHealth},
		{Method: "GET", Pattern: "/metrics", API: true, handle: s.handleMetrics},

		// Everything else: a 404 page in the site's style.
		{Pattern: "/", Access: Open, handle: s.handleNotFound},
	}
}

// wrap applies the route's access rule and turns a returned error into a
// response in the route's format.
func (s *Server) wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.authorized(rt, r) {
			s.unauthorized(w, r, rt)
			return
		}
		if err := rt.handle(w, r); err != nil {
			s.fail(w, r, rt.API, err)
		}
	})
}

// handleNotFound answers paths no route matches, in JSON under /api/:
// 405 with Allow when the path exists for other methods, else 404.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) error {
	api := strings.HasPrefix(r.URL.Path, "/api/")
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.fail(w, r, api, &httpError{status: http.StatusMethodNotAllowed, msg: r.Method + " is not allowed here (use " + strings.Join(allow, " or ") + ")"})
		return nil
	}
	s.fail(w, r, api, &httpError{status: http.StatusNotFound, msg: "nothing here: " + r.URL.Path})
	return nil
}

// setSecurityHeaders forbids inline scripts and framing, so that even a
// hypothetical escaping bug could not run article-supplied code.
func setSecurityHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}
