package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/pipeline"
)

func (f *fixture) post(t *testing.T, path, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", f.ts.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// withAnalyzer makes the fixture's server queue posted articles and runs
// an analyzer on its store in the background, as parallax serve does.
func withAnalyzer(t *testing.T, mutate func(*Config)) (*fixture, *Metrics) {
	t.Helper()
	m := NewMetrics()
	var an *pipeline.Analyzer
	f := newFixture(t, func(c *Config) {
		var err error
		an, err = pipeline.NewAnalyzer(pipeline.AnalyzerConfig{Store: c.Store, Workers: 2,
			OnBatch: func(b pipeline.BatchStats) { m.AddAnalyzed(b.Articles, b.Elapsed) }})
		if err != nil {
			t.Fatal(err)
		}
		c.Queue, c.Metrics = an, m
		if mutate != nil {
			mutate(c)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- an.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("analyzer: %v", err)
		}
	})
	return f, m
}

func TestPostArticles(t *testing.T) {
	f, _ := withAnalyzer(t, func(c *Config) { c.MaxBodyBytes = 4096; c.MaxArticles = 3 })
	one := `{"id":"x1","url":"https://example.org/a","outlet":"Example News","title":"A title","text":"Sixteen people were killed on Friday, officials said. Rescue teams searched the rubble overnight.","published":"2024-02-03"}`
	tests := []struct {
		name, query, token, body string
		status                   int
		stored, dups             int
		ingest                   string // status in the answer
		wantErr                  string
	}{
		{"no token", "", "", one, 401, 0, 0, "", "unauthorized"},
		{"wrong token", "", "nope", one, 401, 0, 0, "", "unauthorized"},
		{"one object, waiting for its event", "?wait=true", testToken, one, 200, 1, 0, "analyzed", ""},
		{"same again is a duplicate", "", testToken, one, 202, 0, 1, "queued", ""},
		{"array", "", testToken, `[{"title":"Flood","text":"First report of the flood. Water rose two metres overnight and 300 people were evacuated, officials said."},{"title":"Flood","text":"Second report of the flood. Roads into the valley were closed on Monday and schools stayed shut, the mayor said.","outlet":{"name":"Wire"}}]`, 202, 2, 0, "queued", ""},
		{"json lines", "?wait=false", testToken, "{\"title\":\"Storm\",\"text\":\"Line one about the storm. It hit at dawn and cut power to 20,000 homes, the utility said.\"}\n{\"title\":\"Storm\",\"text\":\"Line two about the storm. Crews expect to restore power to most homes by Wednesday, the utility said.\"}\n", 202, 2, 0, "queued", ""},
		{"bad wait", "?wait=maybe", testToken, one, 400, 0, 0, "", "want true or false"},
		{"too many", "", testToken, `[{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"}]`, 400, 0, 0, "", "too many articles"},
		{"too large", "", testToken, `{"text":"` + strings.Repeat("x", 5000) + `"}`, 413, 0, 0, "", "too_large"},
		{"no text", "", testToken, `{"url":"https://example.org/x","published":"2024-02-03"}`, 400, 0, 0, "", `no \"text\", \"html\" or \"title\"`},
		{"bad url scheme", "", testToken, `{"url":"javascript:alert(1)","title":"T","text":"The storm cut power to 20,000 homes on Monday, the utility said. Crews expect to restore it by Wednesday."}`, 400, 0, 0, "", "not an http or https URL"},
		{"not json", "", testToken, `hello`, 400, 0, 0, "", "body must be a JSON object"},
		{"broken json", "", testToken, `[{"text":"a"},{"text":`, 400, 0, 0, "", "invalid JSON"},
		{"empty", "", testToken, ``, 400, 0, 0, "", "no articles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := f.post(t, "/api/articles"+tt.query, tt.token, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			if tt.wantErr != "" {
				if !strings.Contains(body, tt.wantErr) {
					t.Errorf("body %s lacks %q", body, tt.wantErr)
				}
				return
			}
			var r IngestResult
			if err := json.Unmarshal([]byte(body), &r); err != nil {
				t.Fatal(err)
			}
			if r.Stored != tt.stored || r.Duplicates != tt.dups || r.Status != tt.ingest {
				t.Errorf("stored %d dups %d status %q, want %d %d %q", r.Stored, r.Duplicates, r.Status, tt.stored, tt.dups, tt.ingest)
			}
			if (r.Status == "analyzed") != (len(r.Events) > 0) {
				t.Errorf("status %q with events %v", r.Status, r.Events)
			}
		})
	}
	t.Run("analyzed article is readable by external id", func(t *testing.T) {
		resp, body := f.get(t, "/api/articles/x1")
		if resp.StatusCode != 200 || !strings.Contains(body, `"Example News"`) || !strings.Contains(body, `"published":"2024-02-03T00:00:00Z"`) || !strings.Contains(body, `"event_id"`) {
			t.Errorf("status %d %s", resp.StatusCode, body)
		}
	})
	t.Run("queued articles are analyzed in the background", func(t *testing.T) {
		// Waiting on articles already queued returns their events.
		status, body := f.post(t, "/api/articles?wait=1", testToken, "{\"title\":\"Storm\",\"text\":\"Line one about the storm. It hit at dawn and cut power to 20,000 homes, the utility said.\"}")
		var r IngestResult
		json.Unmarshal([]byte(body), &r)
		if status != 200 || r.Duplicates != 1 || r.Status != "analyzed" || len(r.Events) != 1 {
			t.Fatalf("status %d: %s", status, body)
		}
	})
	t.Run("ingest counted", func(t *testing.T) {
		_, body := f.get(t, "/metrics")
		for _, want := range []string{"parallax_articles_ingested_total 5\n", "parallax_articles_duplicate_total 2\n",
			"parallax_articles_pending ", "parallax_articles_analyzed_total ", "parallax_analysis_seconds_total "} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %q:\n%s", want, body)
			}
		}
	})
}

// TestPostArticlesWaitLimit checks that a wait cut short by MaxWait still
// answers 202: the articles are safe in the queue.
func TestPostArticlesWaitLimit(t *testing.T) {
	f := newFixture(t, func(c *Config) {
		an, err := pipeline.NewAnalyzer(pipeline.AnalyzerConfig{Store: c.Store}) // never run
		if err != nil {
			t.Fatal(err)
		}
		c.Queue, c.MaxWait = an, 50*time.Millisecond
	})
	status, body := f.post(t, "/api/articles?wait=true", testToken, `{"title":"Quake","text":"A strong earthquake struck the coast on Monday, killing at least 12 people, officials said."}`)
	var r IngestResult
	json.Unmarshal([]byte(body), &r)
	if status != 202 || r.Status != "queued" || r.Stored != 1 {
		t.Errorf("status %d: %s", status, body)
	}
	if ps, err := f.store.PendingStats(context.Background()); err != nil || ps.Articles != 1 {
		t.Errorf("queue %+v, %v; want the article waiting", ps, err)
	}
	// A queued article can be read at once, marked as waiting.
	if len(r.IDs) != 1 {
		t.Fatalf("ids %v", r.IDs)
	}
	resp, body := f.get(t, "/api/articles/"+r.IDs[0])
	if resp.StatusCode != 200 || !strings.Contains(body, `"pending":true`) || strings.Contains(body, `"event_id"`) {
		t.Errorf("queued article: status %d: %s", resp.StatusCode, body)
	}
	resp, body = f.get(t, "/articles/"+r.IDs[0])
	if resp.StatusCode != 200 || !strings.Contains(body, "waiting for analysis") || !strings.Contains(body, "earthquake struck the coast") {
		t.Errorf("queued article page: status %d: %s", resp.StatusCode, body)
	}
}

// TestPostArticlesWaitStopped checks that shutting down ends a wait: the
// answer is 202, the articles stay queued.
func TestPostArticlesWaitStopped(t *testing.T) {
	f := newFixture(t, func(c *Config) {
		an, err := pipeline.NewAnalyzer(pipeline.AnalyzerConfig{Store: c.Store}) // never run
		if err != nil {
			t.Fatal(err)
		}
		c.Queue, c.MaxWait = an, time.Hour
	})
	type answer struct {
		status int
		body   string
	}
	got := make(chan answer, 1)
	go func() {
		status, body := f.post(t, "/api/articles?wait=true", testToken, `{"title":"Quake","text":"A strong earthquake struck the coast on Monday, killing at least 12 people, officials said."}`)
		got <- answer{status, body}
	}()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if ps, _ := f.store.PendingStats(context.Background()); ps.Articles == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the post never reached the queue")
		}
	}
	f.srv.StopWaits()
	select {
	case a := <-got:
		if a.status != 202 || !strings.Contains(a.body, `"status":"queued"`) {
			t.Errorf("status %d: %s", a.status, a.body)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the wait did not end at shutdown")
	}
	// Later waits end at once too.
	status, _ := f.post(t, "/api/articles?wait=true", testToken, `{"title":"Flood","text":"Floodwater rose two metres overnight and 300 people were evacuated, officials said."}`)
	if status != 202 {
		t.Errorf("wait after shutdown began: status %d, want 202", status)
	}
}

// TestPostArticlesInline checks the server without a queue, which
// analyzes inside the request.
func TestPostArticlesInline(t *testing.T) {
	f := newFixture(t, nil)
	status, body := f.post(t, "/api/articles", testToken, `{"title":"Quake","text":"A strong earthquake struck the coast on Monday, killing at least 12 people, officials said."}`)
	var r IngestResult
	json.Unmarshal([]byte(body), &r)
	if status != 200 || r.Status != "analyzed" || r.Stored != 1 {
		t.Errorf("status %d: %s", status, body)
	}
}

// TestOpenAPIPostArticles checks the ingest endpoint's part of the OpenAPI
// document against the code: the wait parameter, the statuses it answers
// and the fields of IngestResult.
func TestOpenAPIPostArticles(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct{ Name, In string }
			Responses  map[string]json.RawMessage
		}
		Components struct {
			Schemas map[string]struct {
				Properties map[string]json.RawMessage
			}
		}
	}
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	op := doc.Paths["/api/articles"]["post"]
	if len(op.Parameters) != 1 || op.Parameters[0].Name != "wait" || op.Parameters[0].In != "query" {
		t.Errorf("parameters %+v, want the wait query parameter", op.Parameters)
	}
	for _, code := range []string{"200", "202", "400", "401", "403", "413"} {
		if _, ok := op.Responses[code]; !ok {
			t.Errorf("response %s not documented", code)
		}
	}
	var fields []string
	rt := reflect.TypeFor[IngestResult]()
	for i := range rt.NumField() {
		fields = append(fields, strings.Split(rt.Field(i).Tag.Get("json"), ",")[0])
	}
	var documented []string
	for k := range doc.Components.Schemas["IngestResult"].Properties {
		documented = append(documented, k)
	}
	sort.Strings(fields)
	sort.Strings(documented)
	if strings.Join(fields, " ") != strings.Join(documented, " ") {
		t.Errorf("IngestResult fields %v in code, %v in openapi.json", fields, documented)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		name, method, path string
		status             int
		allow              string
	}{
		{"post to a read route", "POST", "/api/events", 405, "GET"},
		{"get the write route", "GET", "/api/articles", 405, "POST"},
		{"delete an article", "DELETE", "/api/articles/x", 405, "GET"},
		{"unknown path", "GET", "/nope", 404, ""},
		{"unknown api path", "GET", "/api/nope", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, f.ts.URL+tt.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || resp.Header.Get("Allow") != tt.allow {
				t.Errorf("status %d allow %q: %s", resp.StatusCode, resp.Header.Get("Allow"), b)
			}
			if strings.HasPrefix(tt.path, "/api/") && !strings.Contains(string(b), `"error"`) {
				t.Errorf("API error not JSON: %s", b)
			}
		})
	}
}

func TestWritesDisabledWithoutToken(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Token = "" })
	status, body := f.post(t, "/api/articles", "anything", `{"text":"x"}`)
	if status != http.StatusForbidden || !strings.Contains(body, "--token") {
		t.Errorf("status %d %s", status, body)
	}
}

func TestPrivate(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Private = true })
	tests := []struct {
		name, path string
		hdr        []string
		status     int
	}{
		{"page needs token", "/", nil, 401},
		{"api needs token", "/api/events", nil, 401},
		{"bearer works", "/api/events", []string{"Authorization", "Bearer " + testToken}, 200},
		{"basic auth works for browsers", "/", []string{"Authorization", "Basic " + basic("reader", testToken)}, 200},
		{"wrong basic", "/", []string{"Authorization", "Basic " + basic("reader", "no")}, 401},
		{"health stays open", "/healthz", nil, 200},
		{"static stays open", "/static/style.css", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := f.get(t, tt.path, tt.hdr...)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("no WWW-Authenticate")
			}
		})
	}
	if _, err := New(Config{Store: f.store, Private: true}); err == nil {
		t.Error("private without a token accepted")
	}
}

func basic(user, pw string) string {
	var b bytes.Buffer
	enc := base64Encoder(&b)
	enc.Write([]byte(user + ":" + pw))
	enc.Close()
	return b.String()
}

func FuzzDecodeArticles(f *testing.F) {
	f.Add([]byte(`{"text":"a"}`))
	f.Add([]byte(`[{"text":"a"},{"html":"<p>b</p>"}]`))
	f.Add([]byte("{\"text\":\"a\"}\n{\"outlet\":{\"name\":\"x\"}}"))
	f.Add([]byte(`[`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := decodeArticles(bytes.NewReader(b), 100)
		if err == nil && len(in) > 100 {
			t.Fatalf("%d articles over the limit", len(in))
		}
	})
}
