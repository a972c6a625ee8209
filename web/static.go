package web

import (
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// handleStatic serves the embedded style sheet and other static files.
// They change only with the binary, so an ETag per file suffices.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	name := path.Clean(r.PathValue("path"))
	if name == "." || strings.HasPrefix(name, "..") || strings.HasPrefix(name, "/") {
		return parallax404(name)
	}
	b, err := fs.ReadFile(s.static, name)
	if err != nil {
		return parallax404(name)
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	s.writeCached(w, r, ct, b)
	return nil
}

func parallax404(name string) error {
	return &httpError{status: http.StatusNotFound, msg: "no such file: " + name}
}
