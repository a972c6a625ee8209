package web

import (
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/parallax-news/parallax"
)

// searchDoc is one page of search results.
type searchDoc struct {
	Query  string               `json:"query"`
	Hits   []parallax.SearchHit `json:"hits"`
	Limit  int                  `json:"limit"`
	Offset int                  `json:"offset"`
	Next   string               `json:"next,omitempty"`

	Outlet, Since, Until string          `json:"-"`
	Snippets             []template.HTML `json:"-"`
	Links                pageLinks       `json:"-"`
	// HitsHTML is the results list's items, written by writeSearchHit.
	HitsHTML template.HTML `json:"-"`
}

func (s *Server) runSearch(r *http.Request) (*searchDoc, error) {
	v := r.URL.Query()
	q, err := cleanParam(v, "q")
	if err != nil {
		return nil, err
	}
	d := &searchDoc{Query: q, Hits: []parallax.SearchHit{}}
	if d.Outlet, err = cleanParam(v, "outlet"); err != nil {
		return nil, err
	}
	d.Since, d.Until = v.Get("since"), v.Get("until")
	sq := parallax.SearchQuery{Text: q, Outlet: d.Outlet}
	if sq.Since, err = parseDate("since", d.Since, false); err != nil {
		return nil, err
	}
	if sq.Until, err = parseDate("until", d.Until, true); err != nil {
		return nil, err
	}
	if d.Limit, d.Offset, err = paging(v); err != nil {
		return nil, err
	}
	if q == "" {
		return d, nil
	}
	sq.Limit, sq.Offset = d.Limit+1, d.Offset
	hits, err := s.store.Search(r.Context(), sq)
	if err != nil {
		return nil, err
	}
	more := len(hits) > d.Limit
	if more {
		hits = hits[:d.Limit]
	}
	if hits != nil {
		d.Hits = hits
	}
	for _, h := range d.Hits {
		d.Snippets = append(d.Snippets, snippetHTML(h.Snippet))
	}
	d.Links = links(r, d.Offset, d.Limit, len(d.Hits), more)
	d.Next = d.Links.Next
	return d, nil
}

// handleSearchPage searches titles and texts and shows snippets with the
// matched terms marked. Like the events list it is micro-cached: readers
// ask for the same common words again and again, and a result may be
// CacheRevalidate (2 s) old.
func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) error {
	return s.microcached(w, r, "search-page", "text/html; charset=utf-8", func() ([]byte, string, error) {
		d, err := s.runSearch(r)
		if err != nil {
			return nil, "", err
		}
		title := "Search"
		if d.Query != "" {
			title = "Search: " + d.Query
		}
		var w htmlWriter
		for i := range d.Hits {
			writeSearchHit(&w, &d.Hits[i], d.Snippets[i])
		}
		d.HitsHTML = template.HTML(w.b)
		b, err := s.renderBytes(r, "search", title, d)
		return b, "", err
	})
}

// handleSearchAPI is the JSON form of search; snippets keep the store's
// HitStart/HitEnd markers so that clients choose their own highlighting.
func (s *Server) handleSearchAPI(w http.ResponseWriter, r *http.Request) error {
	return s.microcached(w, r, "search-api", "application/json", func() ([]byte, string, error) {
		d, err := s.runSearch(r)
		if err != nil {
			return nil, "", err
		}
		if d.Query == "" {
			return nil, "", badRequest("q is required: /api/search?q=words")
		}
		b, err := json.Marshal(d)
		return append(b, '\n'), "", err
	})
}

// writeSearchHit writes one item of the results list. Like the event
// page's repeated rows it is Go rather than template code: html/template's
// reflective calls were a sixth of a search's CPU in the server. Every
// piece of article text passes through htmlWriter.text; the snippet is
// already escaped HTML (snippetHTML).
func writeSearchHit(w *htmlWriter, h *parallax.SearchHit, snippet template.HTML) {
	w.raw("<li>\n    <h2>")
	w.articleLink(h.ArticleID, h.Title)
	w.raw("</h2>\n    <p class=\"meta\">")
	w.outletLink(h.Outlet)
	w.raw(` · `)
	w.timeTag(h.Published)
	if h.EventID != "" {
		w.raw(` · <a href="`)
		w.pathURL("/events/", h.EventID)
		w.raw(`">event</a>`)
	}
	w.raw("</p>\n    <p class=\"snippet\">")
	w.raw(string(snippet))
	w.raw("</p>\n  </li>")
}
