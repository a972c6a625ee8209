package web

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

func TestPageCache(t *testing.T) {
	now := time.Unix(0, 0)
	c := newPageCache(2, time.Minute, func() time.Time { return now })
	c.put("a", cacheItem{body: []byte("A")})
	c.put("b", cacheItem{body: []byte("B")})
	if it, ok := c.get("a"); !ok || string(it.body) != "A" {
		t.Fatal("a missing")
	}
	c.put("c", cacheItem{body: []byte("C")})
	if _, ok := c.get("b"); ok {
		t.Error("least recently used entry not evicted")
	}
	if _, ok := c.get("a"); !ok {
		t.Error("recently used entry evicted")
	}
	if _, ok := c.get("c"); !ok {
		t.Error("newest entry missing")
	}
	now = now.Add(2 * time.Minute)
	if _, ok := c.get("c"); ok {
		t.Error("expired entry served")
	}
	for i := range 100 {
		c.put(string(rune('d'+i%3)), cacheItem{})
	}
	if n, _ := c.len(); n > 2 || c.lru.Len() != n {
		t.Errorf("cache grew: %d items, %d in the LRU list", n, c.lru.Len())
	}
	// Bytes bound the cache too.
	c = newPageCache(100, time.Minute, func() time.Time { return now })
	c.maxBytes = 10 << 10
	for i := range 50 {
		c.put(string(rune('a'+i)), cacheItem{gz: make([]byte, 1000)})
	}
	if n, size := c.len(); n >= 50 || size > c.maxBytes {
		t.Errorf("%d entries of %d bytes, want at most %d bytes", n, size, c.maxBytes)
	}
}

// TestCacheItemPlain checks that a page kept compressed only is served
// whole to clients that do not take gzip.
func TestCacheItemPlain(t *testing.T) {
	for _, n := range []int{0, 10, 5000} {
		body := []byte(strings.Repeat("<p>x</p>", n))
		got, err := newCacheItem(body).plain()
		if err != nil || string(got) != string(body) {
			t.Errorf("%d bytes: got %d bytes, %v", len(body), len(got), err)
		}
	}
}

// TestEventPageFollowsDossier checks that a cached event page is replaced
// as soon as its dossier changes.
func TestEventPageFollowsDossier(t *testing.T) {
	now := time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC)
	f := newFixture(t, func(c *Config) { c.Now = func() time.Time { return now } })
	path := "/events/" + f.eventID
	_, before := f.get(t, path)
	_, apiBefore := f.get(t, "/api"+path)
	b, err := f.store.Document(context.Background(), "dossier", f.eventID)
	if err != nil {
		t.Fatal(err)
	}
	var d parallax.Dossier
	json.Unmarshal(b, &d)
	d.Claims = append(d.Claims, parallax.Claim{Text: "A brand new claim arrived.", Status: parallax.ClaimOnly, Outlets: []string{"Wire"}})
	b, _ = json.Marshal(d)
	if err := f.store.PutDocument(context.Background(), "dossier", f.eventID, b); err != nil {
		t.Fatal(err)
	}
	// Within the revalidation interval the cached page may be served;
	// after it, the new dossier must show.
	now = now.Add(3 * time.Second)
	_, after := f.get(t, path)
	_, apiAfter := f.get(t, "/api"+path)
	if strings.Contains(before, "brand new claim") || !strings.Contains(after, "brand new claim") {
		t.Error("event page did not follow the new dossier")
	}
	if apiBefore == apiAfter || !strings.Contains(apiAfter, "brand new claim") {
		t.Error("event API did not follow the new dossier")
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"deflate, gzip;q=0.8, br", true},
		{"GZIP", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0", false},
		{"identity", false},
		{"br, *", false},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			r, _ := http.NewRequest("GET", "/", nil)
			r.Header.Set("Accept-Encoding", tt.header)
			if got := acceptsGzip(r); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
}

// TestEventPageGzip checks both representations of a cached event page.
func TestEventPageGzip(t *testing.T) {
	f := newFixture(t, nil)
	for _, enc := range []string{"gzip", "identity"} {
		t.Run(enc, func(t *testing.T) {
			req, _ := http.NewRequest("GET", f.ts.URL+"/events/"+f.eventID, nil)
			req.Header.Set("Accept-Encoding", enc)
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body io.Reader = resp.Body
			if enc == "gzip" {
				if resp.Header.Get("Content-Encoding") != "gzip" {
					t.Fatalf("not compressed: %v", resp.Header)
				}
				zr, err := gzip.NewReader(resp.Body)
				if err != nil {
					t.Fatal(err)
				}
				body = zr
			} else if resp.Header.Get("Content-Encoding") != "" {
				t.Fatalf("compressed for identity: %v", resp.Header)
			}
			b, _ := io.ReadAll(body)
			if !strings.Contains(string(b), "conflict-value") || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("page %d bytes, vary %q", len(b), resp.Header.Get("Vary"))
			}
		})
	}
}

func TestFlightGroup(t *testing.T) {
	var g flightGroup
	var calls atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	results := make([]string, 10)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			it, err := g.do("k", func() (cacheItem, error) {
				calls.Add(1)
				<-release
				return cacheItem{body: []byte("page")}, nil
			})
			if err == nil {
				results[i] = string(it.body)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := calls.Load(); n < 1 || n > 2 {
		// A goroutine scheduled after the first call finished may start a
		// second one; never one per caller.
		t.Errorf("%d builds for 10 concurrent callers", n)
	}
	for i, r := range results {
		if r != "page" {
			t.Errorf("caller %d got %q", i, r)
		}
	}
}
