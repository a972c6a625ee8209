package web

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
)

// Queue stores posted articles for analysis in the background and tells
// when they are analyzed. pipeline.Analyzer implements it; cmd/parallax
// wires one in, so that this package stays an adapter over the Store.
type Queue interface {
	// Enqueue stores articles durably, before analysis, and returns their
	// ids in input order, how many were new and how many were already
	// stored or queued.
	Enqueue(ctx context.Context, articles []*parallax.Article) (ids []string, stored, duplicates int, err error)
	// Wait blocks until the articles with these ids are analyzed and
	// returns each one's event id, or returns ctx's error first.
	Wait(ctx context.Context, ids []string) (map[string]string, error)
}

// Ingest statuses of IngestResult.
const (
	statusQueued   = "queued"
	statusAnalyzed = "analyzed"
)

// keyIngestStatus is the log key of an ingest's status.
const keyIngestStatus = "ingest_status"

// handlePostArticles accepts one JSON object, a JSON array of objects or
// JSON lines and converts them to articles. With a Queue it stores them
// for analysis in the background in one transaction and answers 202
// Accepted at once: analyzing costs some forty times more than accepting
// (docs/benchmarks.md), and an acknowledged article is analyzed even if
// the server dies first.
// ?wait=true waits (up to MaxWait) for the analysis and answers 200 with
// the events. Without a Queue, Ingest analyzes inside the request.
//
// Once a request is accepted its ingest finishes even if the client goes
// away or the server shuts down, so that a batch is never half-stored.
func (s *Server) handlePostArticles(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Queue == nil && s.cfg.Ingest == nil {
		return &httpError{status: http.StatusServiceUnavailable, msg: "this server does not ingest"}
	}
	wait := false
	if v := r.URL.Query().Get("wait"); v != "" {
		var err error
		if wait, err = strconv.ParseBool(v); err != nil {
			return badRequest(fmt.Sprintf("wait=%q: want true or false", v))
		}
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	inputs, err := decodeArticles(body, s.cfg.MaxArticles)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return badRequest("no articles in the body: send a JSON object, an array of objects or JSON lines")
	}
	arts, err := s.toArticles(inputs)
	if err != nil {
		return err
	}
	var res IngestResult
	status := http.StatusOK
	if s.cfg.Queue != nil {
		if res, err = s.enqueue(r, arts, wait); err != nil {
			return err
		}
		if res.Status == statusQueued {
			status = http.StatusAccepted
		}
	} else {
		if res, err = s.cfg.Ingest(context.WithoutCancel(r.Context()), arts); err != nil {
			return fmt.Errorf("ingest %d posted articles: %w", len(arts), err)
		}
		res.Status = statusAnalyzed
	}
	res.Received = len(inputs)
	if res.IDs == nil {
		res.IDs = make([]string, len(arts))
		for i, a := range arts {
			res.IDs[i] = a.ID
		}
	}
	s.metrics.AddIngested(res.Stored, res.Duplicates)
	s.log.InfoContext(r.Context(), "articles posted", keyReceived, res.Received, keyStored, res.Stored, keyDuplicates, res.Duplicates, keyIngestStatus, res.Status)
	s.writeJSONStatus(w, status, res)
	return nil
}

// enqueue stores the articles in the queue and, when asked to, waits for
// their analysis. A wait that ends early (MaxWait, the client gone) still
// answers "queued": the articles are safe and will be analyzed.
func (s *Server) enqueue(r *http.Request, arts []*parallax.Article, wait bool) (IngestResult, error) {
	ids, stored, dups, err := s.cfg.Queue.Enqueue(context.WithoutCancel(r.Context()), arts)
	if err != nil {
		return IngestResult{}, fmt.Errorf("queue %d posted articles: %w", len(arts), err)
	}
	res := IngestResult{Stored: stored, Duplicates: dups, IDs: ids, Status: statusQueued}
	if !wait {
		return res, nil
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.MaxWait)
	defer cancel()
	go func() {
		select {
		case <-s.waits.done():
			cancel()
		case <-ctx.Done():
		}
	}()
	events, err := s.cfg.Queue.Wait(ctx, ids)
	if err != nil {
		if ctx.Err() == nil {
			s.log.WarnContext(r.Context(), "wait for analysis", keyError, err)
		}
		return res, nil
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if e := events[id]; e != "" && !seen[e] {
			seen[e] = true
			res.Events = append(res.Events, e)
		}
	}
	res.Status = statusAnalyzed
	return res, nil
}

// StopWaits makes every POST /api/articles?wait=true, current or future,
// answer at once with what it has (202 queued), so that a graceful
// shutdown does not wait for a backlog to be analyzed. Register it with
// http.Server.RegisterOnShutdown.
func (s *Server) StopWaits() { s.waits.stop() }

// waitStopper is a channel, made on first use and closed once; its zero
// value is ready to use.
type waitStopper struct {
	mu sync.Mutex
	ch chan struct{}
}

func (w *waitStopper) done() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ch == nil {
		w.ch = make(chan struct{})
	}
	return w.ch
}

func (w *waitStopper) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ch == nil {
		w.ch = make(chan struct{})
	}
	select {
	case <-w.ch:
	default:
		close(w.ch)
	}
}

// decodeArticles reads a JSON object, an array or a stream of objects
// (JSON lines), refusing more than max articles.
func decodeArticles(r io.Reader, max int) ([]json.RawMessage, error) {
	br := bufio.NewReader(r)
	first, err := firstNonSpace(br)
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(br)
	var out []json.RawMessage
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
			var in json.RawMessage
			if err := dec.Decode(&in); err != nil {
				return nil, wrap(len(out)+1, err)
			}
			if len(in) == 0 || in[0] != '{' {
				return nil, badRequest(fmt.Sprintf("article %d: not a JSON object", len(out)+1))
			}
			out = append(out, in)
		}
		if _, err := dec.Token(); err != nil {
			return nil, wrap(len(out)+1, err)
		}
	case '{':
		for {
			var in json.RawMessage
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
			if len(in) == 0 || in[0] != '{' {
				return nil, badRequest(fmt.Sprintf("article %d: not a JSON object", len(out)+1))
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

// toArticles reads the posted objects on all cores (reading includes
// cleaning, segmentation and language detection), keeping their order.
// The first invalid article, by position, fails the request.
func (s *Server) toArticles(inputs []json.RawMessage) ([]*parallax.Article, error) {
	arts := make([]*parallax.Article, len(inputs))
	errs := make([]error, len(inputs))
	workers := min(runtime.GOMAXPROCS(0), len(inputs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(inputs) {
					return
				}
				arts[i], errs[i] = s.toArticle(i+1, inputs[i])
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, badRequest(fmt.Sprintf("article %d: %v", i+1, err))
		}
	}
	return arts, nil
}

// toArticle reads one posted object exactly as the JSONL reader reads a
// line (same fields, cleaning, outlet recognition and ids), then applies
// the API's own limits.
func (s *Server) toArticle(n int, raw json.RawMessage) (*parallax.Article, error) {
	if len(raw) > 2*s.cfg.MaxArticleBytes {
		return nil, fmt.Errorf("too large (at most %d bytes of text or html)", s.cfg.MaxArticleBytes)
	}
	a, err := ingest.ReadJSON(fmt.Sprintf("api#%d", n), raw, ingest.Options{Catalog: s.cfg.Catalog, MaxArticleBytes: int64(s.cfg.MaxArticleBytes)})
	if err != nil {
		var ie *ingest.InputError
		if errors.As(err, &ie) {
			if ie.Err != nil {
				return nil, fmt.Errorf("%s: %v", ie.Reason, ie.Err)
			}
			return nil, errors.New(ie.Reason)
		}
		return nil, err
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, errors.New("no article text")
	}
	if a.URL != "" {
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("url %q is not an http or https URL", a.URL)
		}
	}
	return a, nil
}
