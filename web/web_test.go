package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/sqlite"
)

// hostile is article text written to break out of escaping.
const hostile = `<script>window.__pwned=1</script> Officials said 16 people were killed. <img src=x onerror="window.__pwned=2"> "Nothing happened," said <b onmouseover=alert(1)>Kirby</b>.`

const testToken = "s3cret-token"

// fixture is a store holding one event of two articles with a dossier,
// as the pipeline would have written it.
type fixture struct {
	store   parallax.Store
	srv     *Server
	ts      *httptest.Server
	eventID string
	a1, a2  *parallax.Article
}

func newFixture(t *testing.T, mutate func(*Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir()+"/test.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	pub := time.Date(2024, 2, 3, 10, 0, 0, 0, time.UTC)
	text1 := "The strikes killed 16 people and injured 25 others in Iraq on Friday, officials said."
	a1 := &parallax.Article{Text: text1, Title: "Strikes kill 16 in Iraq", Outlet: parallax.Outlet{Name: "Al Mayadeen English", Country: "LB"},
		Published: pub, Language: "en", Format: "text", Input: "one.txt"}
	a1.ID = parallax.ArticleID("", a1.Text)
	a1.Paragraphs = []parallax.Span{{Start: 0, End: len(text1)}}
	a1.Sentences = a1.Paragraphs
	i25 := strings.Index(text1, "25 others")
	a1.Extraction = &parallax.Extraction{
		Quantities: []parallax.Quantity{
			{Start: 19, End: 28, Text: "16 people", Value: 16, Role: "killed", Scope: "Iraq", Unit: "people"},
			{Start: i25, End: i25 + 9, Text: "25 others", Value: 25, Role: "injured", Scope: "Iraq"},
		},
		Entities: []parallax.Entity{{Start: strings.Index(text1, "Iraq"), End: strings.Index(text1, "Iraq") + 4, Text: "Iraq", Type: parallax.LOC, ID: "loc:iraq", Name: "Iraq"}},
		Times:    []parallax.Timex{{Start: strings.Index(text1, "Friday"), End: strings.Index(text1, "Friday") + 6, Text: "Friday", Type: "DATE", Value: "2024-02-02"}},
	}
	a2 := &parallax.Article{Text: hostile, Title: `<script>alert("title")</script>Iraq toll`, Outlet: parallax.Outlet{Name: "Shafaq <News>"},
		Published: pub.Add(5 * time.Hour), Language: "en", Format: "text", Input: "two.txt"}
	a2.ID = parallax.ArticleID("", a2.Text)
	i16 := strings.Index(hostile, "16 people")
	a2.Extraction = &parallax.Extraction{
		Quantities: []parallax.Quantity{{Start: i16, End: i16 + 9, Text: "16 people", Value: 16, Role: "killed", Scope: "Iraq"}},
		// Offsets that lie outside the text or split the markup must be dropped, not trusted.
		Entities: []parallax.Entity{{Start: 3, End: 9999, Text: "bad", Type: parallax.PER}, {Start: -1, End: 4, Type: parallax.ORG}},
	}
	if _, err := st.PutArticles(ctx, []*parallax.Article{a1, a2}); err != nil {
		t.Fatal(err)
	}
	evID := parallax.EventID(a1.ID)
	ev := &parallax.Event{ID: evID, Title: "Strikes kill 16 in Iraq", First: pub, Last: a2.Published, Updated: a2.Published,
		Articles: 2, Outlets: 2, Conflicts: 1, Summary: []string{"16 killed (Iraq)"}}
	if err := st.SaveEvents(ctx, []*parallax.Event{ev}, []parallax.Membership{{ArticleID: a1.ID, EventID: evID, Score: 1}, {ArticleID: a2.ID, EventID: evID, Score: 0.8}}); err != nil {
		t.Fatal(err)
	}
	ev1 := parallax.Evidence{ArticleID: a1.ID, Outlet: a1.Outlet.Name, Start: 0, End: len(text1), Sentence: text1}
	ev2 := parallax.Evidence{ArticleID: a2.ID, Outlet: a2.Outlet.Name, Start: 0, End: len(hostile), Sentence: hostile}
	d := parallax.Dossier{EventID: evID, Title: ev.Title,
		Coverage: parallax.Coverage{Independent: 2, First: pub, Last: a2.Published,
			Outlets: []parallax.OutletCoverage{{Name: a1.Outlet.Name, Articles: 1}, {Name: a2.Outlet.Name, Articles: 1}}},
		Claims: []parallax.Claim{{Text: hostile, Status: parallax.ClaimOnly, Outlets: []string{a2.Outlet.Name}, Evidence: []parallax.Evidence{ev2}}},
		Figures: []parallax.FigureComparison{{Role: "injured", Status: parallax.FigureConflicting,
			Scopes: []parallax.FigureScope{{Scope: "Iraq", Status: parallax.FigureConflicting, Figures: []parallax.Figure{
				{Text: "25 others", Value: 25, Evidence: ev1}, {Text: "36 <b>others</b>", Value: 36, Evidence: ev2}}}},
			Conflicts: []parallax.FigureConflict{{A: parallax.Figure{Text: "25", Value: 25, Evidence: ev1}, B: parallax.Figure{Text: "36", Value: 36, Evidence: ev2}, Reason: "different exact counts"}}}},
		Speakers: []parallax.SpeakerQuotes{{Speaker: "Kirby", Statements: []parallax.Statement{{Text: "Nothing happened", Quotes: []parallax.QuoteItem{
			{Text: `<script>window.__pwned=3</script>Nothing happened`, Direct: true, Evidence: ev2}}}}}},
		Timeline: []parallax.Happening{{Value: "2024-02-02", Summary: "strikes in Iraq <i>and</i> Syria", Outlets: []string{a1.Outlet.Name}, Evidence: []parallax.Evidence{ev1}}},
		Framing:  parallax.Framing{Outlets: []parallax.OutletFraming{{Outlet: a2.Outlet.Name, Markers: []parallax.Term{{Term: "<u>aggression</u>", Count: 1, Evidence: &ev2}}}}},
	}
	b, _ := json.Marshal(d)
	if err := st.PutDocument(ctx, "dossier", evID, b); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Store: st, Token: testToken, Ingest: storeIngest(st)}
	if mutate != nil {
		mutate(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{store: st, srv: srv, ts: ts, eventID: evID, a1: a1, a2: a2}
}

// storeIngest stores posted articles directly, standing in for the
// pipeline (which the command wires in) so that these tests exercise the
// HTTP side against a real store.
func storeIngest(st parallax.Store) IngestFunc {
	return func(ctx context.Context, arts []*parallax.Article) (IngestResult, error) {
		res, err := st.PutArticles(ctx, arts)
		if err != nil {
			return IngestResult{}, err
		}
		var r IngestResult
		for _, p := range res {
			r.IDs = append(r.IDs, p.ID)
			if p.Status == parallax.Stored {
				r.Stored++
			} else {
				r.Duplicates++
			}
		}
		return r, nil
	}
}

func (f *fixture) get(t *testing.T, path string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", f.ts.URL+path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestPages(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		name, path string
		status     int
		want       []string
		dontWant   []string
	}{
		{"events list", "/", 200, []string{"Strikes kill 16 in Iraq", "2 outlets", "1 conflicting figure", "16 killed (Iraq)"}, nil},
		{"events filtered by outlet", "/?outlet=Al+Mayadeen+English", 200, []string{"Strikes kill 16 in Iraq"}, nil},
		{"events filtered to nothing", "/?since=2030-01-01", 200, []string{"No events match"}, []string{"Strikes kill"}},
		{"events bad date", "/?since=yesterday", 400, []string{"since must be a date"}, nil},
		{"event page", "/events/" + f.eventID, 200, []string{`class="figure conflicting"`, `<mark class="conflict-value">25</mark>`, `<mark class="conflict-value">36</mark>`, "<svg", "timeline-chart", "strikes in Iraq &lt;i&gt;and&lt;/i&gt; Syria", "&lt;u&gt;aggression&lt;/u&gt;"},
			[]string{"<script>window", "<b>others", "<u>aggression"}},
		{"event by prefix", "/events/" + f.eventID[:6], 200, []string{"Strikes kill 16 in Iraq"}, nil},
		{"unknown event", "/events/nope", 404, []string{"404"}, nil},
		{"article page", "/articles/" + f.a1.ID, 200, []string{`<mark class="m-qty" title="killed · people · Iraq">16 people</mark>`, `class="m-ent m-loc"`, `class="m-time"`}, nil},
		{"hostile article page", "/articles/" + f.a2.ID, 200, []string{"&lt;script&gt;window.__pwned=1&lt;/script&gt;", "&lt;img src=x onerror="}, []string{"<script>window", "<img src=x", "<b onmouseover"}},
		{"article names link to events", "/articles/" + f.a1.ID, 200, []string{`href="/?place=loc%3Airaq"`}, nil},
		{"events by place", "/?place=loc:iraq", 200, []string{"Strikes kill 16 in Iraq"}, nil},
		{"events by unknown place", "/?place=loc:nowhere", 200, []string{"No events match"}, nil},
		{"article evidence", "/articles/" + f.a1.ID + "?hl=0-10", 200, []string{`<mark class="m-evidence" id="evidence"`}, nil},
		{"outlet page", "/outlets/Al%20Mayadeen%20English", 200, []string{"Strikes kill 16 in Iraq"}, nil},
		{"hostile outlet name", "/outlets/Shafaq%20%3CNews%3E", 200, []string{"Shafaq &lt;News&gt;"}, []string{"<News>"}},
		{"search", "/search?q=injured", 200, []string{"<mark>injured</mark>"}, nil},
		{"search hostile", "/search?q=pwned", 200, []string{"Iraq toll"}, []string{"<script>"}},
		{"search empty", "/search", 200, []string{`id="s-q"`}, nil},
		{"static css", "/static/style.css", 200, []string{".figure.conflicting"}, nil},
		{"static traversal", "/static/../web.go", 404, nil, nil},
		{"health", "/healthz", 200, []string{`"ok"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s: status %d, want %d\n%s", tt.path, resp.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", tt.path, w)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(body, w) {
					t.Errorf("GET %s: body contains %q", tt.path, w)
				}
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("GET %s: CSP %q", tt.path, csp)
			}
		})
	}
}

func TestAPI(t *testing.T) {
	f := newFixture(t, nil)
	t.Run("events", func(t *testing.T) {
		resp, body := f.get(t, "/api/events")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("status %d type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		var l struct {
			Events []parallax.Event
			Next   string
		}
		if err := json.Unmarshal([]byte(body), &l); err != nil {
			t.Fatal(err)
		}
		if len(l.Events) != 1 || l.Events[0].ID != f.eventID || l.Next != "" {
			t.Errorf("got %+v", l)
		}
	})
	t.Run("event with dossier", func(t *testing.T) {
		_, body := f.get(t, "/api/events/"+f.eventID)
		var d struct {
			Event    parallax.Event
			Dossier  *parallax.Dossier
			Articles []parallax.Article
		}
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			t.Fatal(err)
		}
		if d.Dossier == nil || len(d.Dossier.Figures) != 1 || len(d.Articles) != 2 {
			t.Errorf("got %s", body)
		}
	})
	t.Run("article", func(t *testing.T) {
		_, body := f.get(t, "/api/articles/"+f.a2.ID)
		var a parallax.Article
		if err := json.Unmarshal([]byte(body), &a); err != nil || a.Text != hostile {
			t.Errorf("article text not returned verbatim: %v %q", err, a.Text)
		}
	})
	t.Run("search keeps markers", func(t *testing.T) {
		_, body := f.get(t, "/api/search?q=injured")
		var r struct{ Hits []parallax.SearchHit }
		if err := json.Unmarshal([]byte(body), &r); err != nil || len(r.Hits) != 1 || !strings.Contains(r.Hits[0].Snippet, parallax.HitStart+"injured"+parallax.HitEnd) {
			t.Errorf("got %v %s", err, body)
		}
	})
	t.Run("search needs q", func(t *testing.T) {
		resp, body := f.get(t, "/api/search")
		if resp.StatusCode != 400 || !strings.Contains(body, `"invalid"`) {
			t.Errorf("status %d %s", resp.StatusCode, body)
		}
	})
	t.Run("not found is JSON", func(t *testing.T) {
		resp, body := f.get(t, "/api/articles/nope")
		if resp.StatusCode != 404 || !strings.Contains(body, `"not_found"`) {
			t.Errorf("status %d %s", resp.StatusCode, body)
		}
	})
	t.Run("pagination", func(t *testing.T) {
		resp, body := f.get(t, "/api/outlets/Al%20Mayadeen%20English?limit=1")
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		var d struct {
			Articles []parallax.Article
			Next     string
		}
		json.Unmarshal([]byte(body), &d)
		if len(d.Articles) != 1 || d.Next != "" {
			t.Errorf("got %s", body)
		}
		resp, _ = f.get(t, "/api/events?limit=0")
		if resp.StatusCode != 400 {
			t.Errorf("limit=0: status %d", resp.StatusCode)
		}
	})
	t.Run("etag", func(t *testing.T) {
		for _, p := range []string{"/api/events", "/api/events/" + f.eventID, "/events/" + f.eventID, "/"} {
			resp, _ := f.get(t, p)
			tag := resp.Header.Get("ETag")
			if tag == "" {
				t.Fatalf("%s: no ETag", p)
			}
			resp, body := f.get(t, p, "If-None-Match", tag)
			if resp.StatusCode != http.StatusNotModified || body != "" {
				t.Errorf("%s: If-None-Match: status %d, body %d bytes", p, resp.StatusCode, len(body))
			}
			resp, _ = f.get(t, p, "If-None-Match", `"other"`)
			if resp.StatusCode != 200 {
				t.Errorf("%s: stale tag: status %d", p, resp.StatusCode)
			}
		}
	})
}

func TestMetrics(t *testing.T) {
	f := newFixture(t, nil)
	f.get(t, "/")
	f.get(t, "/events/"+f.eventID)
	_, body := f.get(t, "/metrics")
	for _, want := range []string{
		"# TYPE parallax_articles_ingested_total counter",
		"parallax_articles 2\n", "parallax_events 1\n", "parallax_feed_errors_total 0\n",
		`parallax_http_request_duration_seconds_bucket{route="GET /events/{id}",le="+Inf"} 1`,
		`parallax_http_requests_total{route="GET /{$}",code="200"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
}
