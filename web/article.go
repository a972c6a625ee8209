package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
)

// articleView is an article page: the text with its mentions highlighted
// and, when linked from a dossier item, the evidence sentence marked.
type articleView struct {
	Article *parallax.Article
	Event   *parallax.Event
	Text    template.HTML
	// Evidence is set when the page was opened on a span (?hl=START-END).
	Evidence bool
	Counts   map[string]int
	// Names lists the people, organizations and places mentioned, once
	// each, linking to the events that mention them too.
	Names []nameLink
}

// nameLink is an entity with the events-list filter that finds it.
type nameLink struct {
	Name, Type, Filter string
	URL                string
}

func (s *Server) loadArticle(r *http.Request) (*parallax.Article, error) {
	id := r.PathValue("id")
	if id == "" || len(id) > 512 {
		return nil, parallax.Errorf(parallax.ENOTFOUND, "no article %q", id)
	}
	return s.store.Article(r.Context(), id)
}

// handleArticlePage shows one article with its mentions highlighted.
func (s *Server) handleArticlePage(w http.ResponseWriter, r *http.Request) error {
	a, err := s.loadArticle(r)
	if err != nil {
		return err
	}
	v := &articleView{Article: a, Counts: map[string]int{}}
	if a.EventID != "" {
		if ev, err := s.store.Event(r.Context(), a.EventID); err == nil {
			v.Event = ev
		} else if parallax.ErrorCode(err) != parallax.ENOTFOUND {
			return err
		}
	}
	marks := articleMarks(a)
	if hl := r.URL.Query().Get("hl"); hl != "" {
		if m, ok := parseSpanParam(hl); ok {
			m.class, m.title, m.id = "m-evidence", "evidence", "evidence"
			marks = append(marks, m)
			v.Evidence = true
		}
	}
	if x := a.Extraction; x != nil {
		seen := map[string]bool{}
		for _, e := range x.Entities {
			key := firstNonEmpty(e.ID, e.Name, e.Text)
			if key == "" || seen[key] || len(v.Names) >= 40 {
				continue
			}
			seen[key] = true
			param := "entity"
			if e.Type == parallax.LOC {
				param = "place"
			}
			v.Names = append(v.Names, nameLink{Name: firstNonEmpty(e.Name, e.Text), Type: e.Type, Filter: param,
				URL: "/?" + url.Values{param: {key}}.Encode()})
		}
		v.Counts["entities"], v.Counts["times"] = len(x.Entities), len(x.Times)
		v.Counts["figures"], v.Counts["quotes"] = len(x.Quantities), len(x.Quotes)
	}
	v.Text = highlight(a.Text, marks)
	return s.renderPage(w, r, "article", firstNonEmpty(a.Title, "Article "+a.ID), v)
}

// parseSpanParam reads "START-END" byte offsets.
func parseSpanParam(s string) (mark, bool) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return mark{}, false
	}
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil {
		return mark{}, false
	}
	return mark{start: start, end: end}, true
}

// handleArticleAPI returns the stored article with its extraction.
func (s *Server) handleArticleAPI(w http.ResponseWriter, r *http.Request) error {
	a, err := s.loadArticle(r)
	if err != nil {
		return err
	}
	return s.writeJSON(w, r, a)
}
