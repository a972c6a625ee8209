package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// authorized applies the route's access rule to the request.
func (s *Server) authorized(rt Route, r *http.Request) bool {
	switch rt.Access {
	case Open:
		return true
	case Write:
		return s.cfg.Token != "" && s.tokenMatches(r)
	default:
		return !s.cfg.Private || s.tokenMatches(r)
	}
}

// tokenMatches accepts "Authorization: Bearer TOKEN" for programs and
// HTTP basic auth with the token as password, so that a browser can prompt
// for it on a private server. Digests are compared in constant time.
func (s *Server) tokenMatches(r *http.Request) bool {
	var given string
	h := r.Header.Get("Authorization")
	if scheme, rest, ok := strings.Cut(h, " "); ok && strings.EqualFold(scheme, "bearer") {
		given = strings.TrimSpace(rest)
	} else if _, pw, ok := r.BasicAuth(); ok {
		given = pw
	}
	if given == "" || s.cfg.Token == "" {
		return false
	}
	a := sha256.Sum256([]byte(given))
	b := sha256.Sum256([]byte(s.cfg.Token))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request, rt Route) {
	if rt.Access == Write && s.cfg.Token == "" {
		s.fail(w, r, rt.API, &httpError{status: http.StatusForbidden,
			msg: "writes are disabled on this server: start it with --token or the PARALLAX_TOKEN environment variable"})
		return
	}
	if rt.API {
		w.Header().Set("WWW-Authenticate", `Bearer realm="parallax"`)
	} else {
		w.Header().Set("WWW-Authenticate", `Basic realm="parallax"`)
	}
	s.fail(w, r, rt.API, &httpError{status: http.StatusUnauthorized,
		msg: "this needs the server's token: send Authorization: Bearer TOKEN"})
}
