package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/parallax-news/parallax"
)

// httpError is an error that already knows its HTTP status; its message
// is safe to show.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(msg string) error { return &httpError{status: http.StatusBadRequest, msg: msg} }

// statusOf maps an error to its HTTP status: the one place where domain
// error codes meet HTTP.
func statusOf(err error) int {
	var he *httpError
	if errors.As(err, &he) {
		return he.status
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	if errors.Is(err, context.Canceled) {
		return 499 // client closed request, as nginx logs it
	}
	switch parallax.ErrorCode(err) {
	case parallax.EINVALID:
		return http.StatusBadRequest
	case parallax.ENOTFOUND:
		return http.StatusNotFound
	case parallax.ECONFLICT:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// errorCode names the status for API clients.
func errorCode(status int) string {
	switch status {
	case http.StatusBadRequest:
		return parallax.EINVALID
	case http.StatusNotFound:
		return parallax.ENOTFOUND
	case http.StatusConflict:
		return parallax.ECONFLICT
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	}
	return parallax.EINTERNAL
}

// publicMessage returns what the user may see: the message of a domain or
// HTTP error, never the internals of a failure.
func publicMessage(err error, status int) string {
	var he *httpError
	if errors.As(err, &he) {
		return he.msg
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return "request body too large: send fewer articles per request"
	}
	var pe *parallax.Error
	if status < 500 && errors.As(err, &pe) {
		return pe.Message
	}
	return http.StatusText(status)
}

// apiError is the JSON body of every API error.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, api bool, err error) {
	status := statusOf(err)
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", keyMethod, r.Method, keyPath, r.URL.Path, keyError, err)
	}
	msg := publicMessage(err, status)
	if api {
		var body apiError
		body.Error.Code = errorCode(status)
		body.Error.Message = msg
		s.writeJSONStatus(w, status, body)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = s.tmpl["error"].ExecuteTemplate(w, "layout", s.page(r, http.StatusText(status), errorView{Status: status, Message: msg}))
}

type errorView struct {
	Status  int
	Message string
}
