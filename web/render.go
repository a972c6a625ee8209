package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/parallax-news/parallax"
)

// Log attribute keys, kept constant so log queries stay stable.
const (
	keyMethod   = "method"
	keyPath     = "path"
	keyRoute    = "route"
	keyStatus   = "status"
	keyDuration = "duration"
	keyError    = "err"
	keyBytes    = "bytes"

	keyReceived   = "received"
	keyStored     = "stored"
	keyDuplicates = "duplicates"
)

// pageData is what every page template receives.
type pageData struct {
	Site  string
	Title string
	Path  string
	Query string // the search box's current text
	Body  any
}

func (s *Server) page(r *http.Request, title string, body any) pageData {
	q := ""
	if r != nil && r.URL.Path == "/search" {
		q = r.URL.Query().Get("q")
	}
	p := pageData{Site: s.cfg.Title, Title: title, Body: body, Query: q}
	if r != nil {
		p.Path = r.URL.Path
	}
	return p
}

// renderPage executes a page template into a buffer first, so that a
// template error becomes a clean 500 instead of half a page, and so that
// the body can carry an ETag.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, name, title string, body any) error {
	b, err := s.renderBytes(r, name, title, body)
	if err != nil {
		return err
	}
	s.writeCached(w, r, "text/html; charset=utf-8", b)
	return nil
}

// renderBytes executes a page template into a byte slice.
func (s *Server) renderBytes(r *http.Request, name, title string, body any) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	if err := s.renderTo(&buf, r, name, title, body); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderTo executes a page template into buf.
func (s *Server) renderTo(buf *bytes.Buffer, r *http.Request, name, title string, body any) error {
	t, ok := s.tmpl[name]
	if !ok {
		return &httpError{status: 500, msg: "no template " + name}
	}
	return t.ExecuteTemplate(buf, "layout", s.page(r, title, body))
}

// pageBuffers are reused for pages rendered only to be compressed into
// the page cache (event pages: about 100 KB each, which would otherwise be
// allocated, grown twice and collected for every uncached page).
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeJSON answers v as JSON with an ETag.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	s.writeCached(w, r, "application/json", b)
	return nil
}

// writeJSONStatus answers v as JSON with a status and no caching (errors,
// write results).
func (s *Server) writeJSONStatus(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":{"code":"internal","message":"Internal Server Error"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// writeCached writes a 200 with a strong ETag derived from the body, or a
// 304 when the client already has it. Hashing the rendered body keeps the
// ETag right whatever changed underneath (a new article, a new dossier).
func (s *Server) writeCached(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	s.writeTagged(w, r, contentType, body, etagOf(body))
}

// etagOf derives a strong validator from a body.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// writeTagged is writeCached with the ETag already computed (cached pages).
func (s *Server) writeTagged(w http.ResponseWriter, r *http.Request, contentType string, body []byte, etag string) {
	s.writeVariant(w, r, contentType, body, etag, nil)
}

// writeVariant writes body, or its gzip form gz when there is one and the
// client accepts it. The compressed form is a separate representation, so
// it gets its own strong ETag.
func (s *Server) writeVariant(w http.ResponseWriter, r *http.Request, contentType string, body []byte, etag string, gz []byte) {
	h := w.Header()
	vary := "Authorization"
	if gz != nil {
		vary += ", Accept-Encoding"
		if acceptsGzip(r) {
			body = gz
			etag = strings.TrimSuffix(etag, `"`) + `-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	if s.cfg.Private {
		h.Set("Cache-Control", "private, no-cache")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("Vary", vary)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (listed, and not with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		fields := strings.Split(part, ";")
		if !strings.EqualFold(strings.TrimSpace(fields[0]), "gzip") {
			continue
		}
		for _, p := range fields[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				return err == nil && q > 0
			}
		}
		return true
	}
	return false
}

// gzipWriters reuses compressors: making one allocates and clears about a
// megabyte of tables, which cost as much as compressing a whole page. The
// compressor is klauspost/compress's, whose fastest level took half the
// CPU of the standard library's on an event page, for a smaller output.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

// gzipBytes compresses a body once for the page cache.
func gzipBytes(b []byte) []byte {
	buf := bytes.NewBuffer(make([]byte, 0, len(b)/4+64))
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(buf)
	zw.Write(b)
	zw.Close()
	zw.Reset(io.Discard)
	gzipWriters.Put(zw)
	return buf.Bytes()
}

// etagMatches implements If-None-Match's weak comparison.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// evidenceLink renders the link to the sentence a finding came from, the
// most repeated element of an event page (once per figure, claim source,
// quote and objection). It is built here rather than by a template
// because the template engine's reflection and contextual escaping made it
// a fifth of an uncached page's cost; every piece of text still passes
// through html.EscapeString, which is safe in element content and quoted
// attribute values alike.
func evidenceLink(e parallax.Evidence) template.HTML {
	u := evidenceURL(e)
	var b strings.Builder
	b.Grow(40 + len(u) + len(e.Sentence) + len(e.Outlet))
	b.WriteString(`<a class="ev" href="`)
	b.WriteString(html.EscapeString(u))
	b.WriteString(`" title="`)
	b.WriteString(html.EscapeString(e.Sentence))
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(e.Outlet))
	b.WriteString(`</a>`)
	return template.HTML(b.String())
}
