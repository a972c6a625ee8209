package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

//go:embed templates/*.html static/* openapi.json
var assets embed.FS

// pages are the templates under templates/, each executed through layout.
var pages = []string{"events", "event", "article", "outlet", "search", "error"}

// parseTemplates parses every page with the layout and the shared partials.
func parseTemplates() (map[string]*template.Template, error) {
	out := make(map[string]*template.Template, len(pages))
	for _, p := range pages {
		t, err := template.New(p).Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/partials.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", p, err)
		}
		out[p] = t
	}
	if _, err := fs.Stat(assets, "static/style.css"); err != nil {
		return nil, err
	}
	return out, nil
}

var funcs = template.FuncMap{
	"date":       fmtDate,
	"datetime":   fmtDateTime,
	"isodate":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"span":       fmtSpan,
	"join":       strings.Join,
	"path":       url.PathEscape,
	"evidence":   evidenceURL,
	"ev":         evidenceLink,
	"plural":     plural,
	"snippet":    snippetHTML,
	"outletURL":  func(name string) string { return "/outlets/" + url.PathEscape(name) },
	"articleURL": func(id string) string { return "/articles/" + url.PathEscape(id) },
	"eventURL":   func(id string) string { return "/events/" + url.PathEscape(id) },
	"figure":     fmtFigure,
	"conflicting": func(status string) bool {
		return status == parallax.FigureConflicting
	},
	"add": func(a, b int) int { return a + b },
	"pct": func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"zf":  func(f float64) string { return fmt.Sprintf("%.1f", f) },
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return "date unknown"
	}
	return t.UTC().Format("2 Jan 2006")
}

func fmtDateTime(t time.Time) string {
	if t.IsZero() {
		return "date unknown"
	}
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006 15:04 UTC")
}

// fmtSpan renders an event's time span compactly.
func fmtSpan(first, last time.Time) string {
	switch {
	case first.IsZero() && last.IsZero():
		return "dates unknown"
	case first.IsZero():
		return fmtDate(last)
	case last.IsZero():
		return fmtDate(first)
	}
	f, l := first.UTC(), last.UTC()
	if f.Format("2006-01-02") == l.Format("2006-01-02") {
		return fmtDate(f)
	}
	if f.Year() == l.Year() {
		if f.Month() == l.Month() {
			return fmt.Sprintf("%d–%s", f.Day(), l.Format("2 Jan 2006"))
		}
		return f.Format("2 Jan") + " – " + l.Format("2 Jan 2006")
	}
	return fmtDate(f) + " – " + fmtDate(l)
}

// evidenceURL links to the sentence a finding came from.
func evidenceURL(e parallax.Evidence) string {
	u := "/articles/" + url.PathEscape(e.ArticleID)
	if e.End > e.Start {
		u += fmt.Sprintf("?hl=%d-%d#evidence", e.Start, e.End)
	}
	return u
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// fmtFigure renders a figure as the article gives it, with its bound when
// the text does not say it.
func fmtFigure(f parallax.Figure) string {
	if f.Text != "" {
		return f.Text
	}
	return fmt.Sprintf("%g", f.Value)
}
