package web

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// searchHitTemplate is the results item search.html held before
// writeSearchHit replaced it; the Go code must write exactly what it did.
const searchHitTemplate = `{{range $i, $h := .Hits}}<li>
    <h2><a href="{{articleURL $h.ArticleID}}">{{or $h.Title "(untitled)"}}</a></h2>
    <p class="meta">{{if $h.Outlet}}<a href="{{outletURL $h.Outlet}}">{{$h.Outlet}}</a>{{else}}unknown outlet{{end}} · <time datetime="{{isodate $h.Published}}">{{datetime $h.Published}}</time>{{if $h.EventID}} · <a href="{{eventURL $h.EventID}}">event</a>{{end}}</p>
    <p class="snippet">{{index $.Snippets $i}}</p>
  </li>{{end}}`

func TestSearchHitMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("hits").Funcs(funcs).Parse(searchHitTemplate))
	d := &searchDoc{Hits: []parallax.SearchHit{
		{ArticleID: "a/1&b +x", EventID: `e"1'`, Title: `<script>alert("x'+")</script>`, Outlet: `Shafaq <News> & "co"`,
			Published: time.Date(2024, 2, 3, 10, 4, 0, 0, time.FixedZone("x", 3600)),
			Snippet:   "before " + parallax.HitStart + "<img src=x onerror=alert(1)>" + parallax.HitEnd + " after & \x00"},
		{ArticleID: "a2", Published: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)},
		{ArticleID: "a3", Title: "Plain", Snippet: "no match"},
	}}
	for _, h := range d.Hits {
		d.Snippets = append(d.Snippets, snippetHTML(h.Snippet))
	}
	var want strings.Builder
	if err := tmpl.Execute(&want, d); err != nil {
		t.Fatal(err)
	}
	var w htmlWriter
	for i := range d.Hits {
		writeSearchHit(&w, &d.Hits[i], d.Snippets[i])
	}
	if got := string(w.b); got != want.String() {
		t.Errorf("search hits:\n got %s\nwant %s", got, want.String())
	}
	if strings.Contains(string(w.b), "<script>") || strings.Contains(string(w.b), "<img") {
		t.Errorf("hostile text reached the page unescaped: %s", w.b)
	}
}
