package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
)

// ArticleInput is one article as clients post it: the fields of a JSONL
// input line. Either Text or HTML is required.
type ArticleInput struct {
	ID        string      `json:"id"`
	URL       string      `json:"url"`
	Outlet    outletField `json:"outlet"`
	Title     string      `json:"title"`
	Byline    string      `json:"byline"`
	Text      string      `json:"text"`
	HTML      string      `json:"html"`
	Published string      `json:"published"`
	Language  string      `json:"language"`
}

// outletField accepts an outlet as a name or as an object with a name, so
// that articles read back from the API can be posted again.
type outletField parallax.Outlet

func (o *outletField) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var name string
		if err := json.Unmarshal(b, &name); err != nil {
			return err
		}
		*o = outletField{Name: strings.TrimSpace(name)}
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	var out parallax.Outlet
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	*o = outletField(out)
	return nil
}

// PageReader turns a fetched or posted HTML page into an article; cmd
// wires in the ingest package's HTML reader so that posted pages and feed
// pages are read exactly like pages on disk.
type PageReader func(page []byte, pageURL string, header http.Header) (*parallax.Article, error)

// handlePostArticles accepts one JSON object, a JSON array of objects or
// JSON lines, converts them to articles and hands them to the pipeline.
// Once a request is accepted its ingest finishes even if the client goes
// away or the server shuts down, so that a batch is never half-processed.
func (s *Server) handlePostArticles(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Ingest == nil {
		return &httpError{status: http.StatusServiceUnavailable, msg: "this server does not ingest"}
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	inputs, err := decodeArticles(body, s.cfg.MaxArticles)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return badRequest("no articles in the body: send a JSON object, an array of objects or JSON lines")
	}
	arts := make([]*parallax.Article, 0, len(inputs))
	for i, in := range inputs {
		a, err := s.toArticle(in)
		if err != nil {
			return badRequest(fmt.Sprintf("article %d: %v", i+1, err))
		}
		arts = append(arts, a)
	}
	res, err := s.cfg.Ingest(context.WithoutCancel(r.Context()), arts)
	if err != nil {
		return fmt.Errorf("ingest %d posted articles: %w", len(arts), err)
	}
	res.Received = len(inputs)
	if res.IDs == nil {
		res.IDs = make([]string, len(arts))
		for i, a := range arts {
			res.IDs[i] = a.ID
		}
	}
	s.metrics.AddIngested(res.Stored, res.Duplicates)
	s.log.InfoContext(r.Context(), "articles posted", "received", res.Received, "stored", res.Stored, "duplicates", res.Duplicates)
	s.writeJSONStatus(w, http.StatusOK, res)
	return nil
}

// decodeArticles reads a JSON object, an array or a stream of objects
// (JSON lines), refusing more than max articles.
func decodeArticles(r io.Reader, max int) ([]ArticleInput, error) {
	br := bufio.NewReader(r)
	first, err := firstNonSpace(br)
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(br)
	var out []ArticleInput
	tooMany := badRequest(fmt.Sprintf("too many articles in one request (at most %d): split the body", max))
	wrap := func(n int, err error) error {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest(fmt.Sprintf("article %d: invalid JSON: %v", n, err))
	}
	switch first {
	case '[':
		if _, err := dec.Token(); err != nil {
			return nil, wrap(1, err)
		}
		for dec.More() {
			if len(out) >= max {
				return nil, tooMany
			}
			var in ArticleInput
			if err := dec.Decode(&in); err != nil {
				return nil, wrap(len(out)+1, err)
			}
			out = append(out, in)
		}
		if _, err := dec.Token(); err != nil {
			return nil, wrap(len(out)+1, err)
		}
	case '{':
		for {
			var in ArticleInput
			err := dec.Decode(&in)
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, wrap(len(out)+1, err)
			}
			if len(out) >= max {
				return nil, tooMany
			}
			out = append(out, in)
		}
	default:
		return nil, badRequest("body must be a JSON object, an array of objects or JSON lines")
	}
	return out, nil
}

func firstNonSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		case 0xEF: // UTF-8 byte order mark
			br.ReadByte()
			br.ReadByte()
			continue
		}
		return b, br.UnreadByte()
	}
}

// toArticle validates one input and reads it the way the JSONL reader
// reads a line: cleaned text, segmented, with a stable id.
func (s *Server) toArticle(in ArticleInput) (*parallax.Article, error) {
	if len(in.Text) > s.cfg.MaxArticleBytes || len(in.HTML) > s.cfg.MaxArticleBytes {
		return nil, fmt.Errorf("too large (at most %d bytes of text or html)", s.cfg.MaxArticleBytes)
	}
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("url %q is not an http or https URL", in.URL)
		}
	}
	var a *parallax.Article
	switch {
	case strings.TrimSpace(in.Text) != "":
		text := extract.Clean(in.Text)
		a = &parallax.Article{Text: text, Format: "jsonl"}
		a.Paragraphs, a.Sentences = extract.Segment(text)
		a.Language = extract.Language(text)
	case strings.TrimSpace(in.HTML) != "":
		if s.cfg.ReadPage == nil {
			return nil, errors.New("html is not supported by this server: send text")
		}
		var err error
		if a, err = s.cfg.ReadPage([]byte(in.HTML), in.URL, nil); err != nil {
			return nil, fmt.Errorf("read html: %w", err)
		}
		if a == nil || strings.TrimSpace(a.Text) == "" {
			return nil, errors.New("no article text found in the html")
		}
	default:
		return nil, errors.New("text or html is required")
	}
	a.ExternalID = strings.TrimSpace(in.ID)
	a.Input = "api"
	if in.URL != "" {
		a.URL = in.URL
	}
	if in.Title != "" {
		a.Title = extract.Clean(in.Title)
	}
	if in.Byline != "" {
		a.Byline = in.Byline
	}
	if o := parallax.Outlet(in.Outlet); o.Name != "" {
		if o.Source == "" {
			o.Source = "metadata"
		}
		a.Outlet = o
	}
	if in.Language != "" {
		a.Language = strings.ToLower(strings.TrimSpace(in.Language))
	}
	if in.Published != "" {
		t, err := parsePublished(in.Published)
		if err != nil {
			return nil, err
		}
		a.Published, a.PublishedSource, a.PublishedConfidence = t, parallax.DateMetadata, 1
	}
	if a.ID == "" {
		a.ID = parallax.ArticleID(a.URL, a.Text)
	}
	return a, nil
}

// parsePublished accepts RFC 3339 and the common date forms of feeds.
func parsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("published %q is not a date (use RFC 3339 or YYYY-MM-DD)", s)
}
