package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
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

func TestPostArticles(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.MaxBodyBytes = 4096; c.MaxArticles = 3 })
	one := `{"id":"x1","url":"https://example.org/a","outlet":"Example News","title":"A title","text":"Sixteen people were killed on Friday, officials said. Rescue teams searched the rubble overnight.","published":"2024-02-03"}`
	tests := []struct {
		name, token, body string
		status            int
		stored, dups      int
		wantErr           string
	}{
		{"no token", "", one, 401, 0, 0, "unauthorized"},
		{"wrong token", "nope", one, 401, 0, 0, "unauthorized"},
		{"one object", testToken, one, 200, 1, 0, ""},
		{"same again is a duplicate", testToken, one, 200, 0, 1, ""},
		{"array", testToken, `[{"title":"Flood","text":"First report of the flood. Water rose two metres overnight and 300 people were evacuated, officials said."},{"title":"Flood","text":"Second report of the flood. Roads into the valley were closed on Monday and schools stayed shut, the mayor said.","outlet":{"name":"Wire"}}]`, 200, 2, 0, ""},
		{"json lines", testToken, "{\"title\":\"Storm\",\"text\":\"Line one about the storm. It hit at dawn and cut power to 20,000 homes, the utility said.\"}\n{\"title\":\"Storm\",\"text\":\"Line two about the storm. Crews expect to restore power to most homes by Wednesday, the utility said.\"}\n", 200, 2, 0, ""},
		{"too many", testToken, `[{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"}]`, 400, 0, 0, "too many articles"},
		{"too large", testToken, `{"text":"` + strings.Repeat("x", 5000) + `"}`, 413, 0, 0, "too_large"},
		{"no text", testToken, `{"title":"only a title"}`, 400, 0, 0, `no \"text\" or \"html\"`},
		{"bad url scheme", testToken, `{"url":"javascript:alert(1)","title":"T","text":"The storm cut power to 20,000 homes on Monday, the utility said. Crews expect to restore it by Wednesday."}`, 400, 0, 0, "not an http or https URL"},
		{"not json", testToken, `hello`, 400, 0, 0, "body must be a JSON object"},
		{"broken json", testToken, `[{"text":"a"},{"text":`, 400, 0, 0, "invalid JSON"},
		{"empty", testToken, ``, 400, 0, 0, "no articles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := f.post(t, "/api/articles", tt.token, tt.body)
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
			if r.Stored != tt.stored || r.Duplicates != tt.dups {
				t.Errorf("stored %d dups %d, want %d %d", r.Stored, r.Duplicates, tt.stored, tt.dups)
			}
		})
	}
	t.Run("stored article is readable by external id", func(t *testing.T) {
		resp, body := f.get(t, "/api/articles/x1")
		if resp.StatusCode != 200 || !strings.Contains(body, `"Example News"`) || !strings.Contains(body, `"published":"2024-02-03T00:00:00Z"`) {
			t.Errorf("status %d %s", resp.StatusCode, body)
		}
	})
	t.Run("ingest counted", func(t *testing.T) {
		_, body := f.get(t, "/metrics")
		if !strings.Contains(body, "parallax_articles_ingested_total 5\n") || !strings.Contains(body, "parallax_articles_duplicate_total 1\n") {
			t.Errorf("metrics:\n%s", body)
		}
	})
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
