package feeds

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// site is a local news site: a feed and the pages it links to, with
// counters of what the poller asked for.
type site struct {
	ts       *httptest.Server
	mu       sync.Mutex
	requests []string
	feedHits atomic.Int32
	notMod   atomic.Int32
	fail     atomic.Bool
	items    []string // page paths listed in the feed
	bare     bool     // items without descriptions
}

const pageTmpl = `<!doctype html><html lang="en"><head><title>%[1]s</title>
<link rel="canonical" href="%[2]s">
<meta property="og:site_name" content="Local Herald">
<meta property="article:published_time" content="2024-02-03T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>%[1]s</h1>
<p>The strikes hit 85 targets in Iraq and Syria overnight, the military said on Saturday, in response to an attack on a base in Jordan last week.</p>
<p>Officials in Baghdad said 16 people were killed and 25 others injured in the strikes near the border town of Al-Qaim, and that the government had not been told in advance.</p>
<p>Russia called for an urgent meeting of the UN Security Council to discuss the strikes, its deputy envoy said on social media. %[3]s</p>
</article><footer>Copyright Local Herald</footer></body></html>`

func newSite(t *testing.T) *site {
	s := &site{}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.feedHits.Add(1)
		if s.fail.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		const etag = `"v1"`
		if r.Header.Get("If-None-Match") == etag {
			s.notMod.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Sat, 03 Feb 2024 12:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		var items strings.Builder
		for i, p := range s.items {
			if s.bare {
				fmt.Fprintf(&items, `<item><title>Story %d</title><link>%s</link></item>`, i, p) // relative link
				continue
			}
			fmt.Fprintf(&items, `<item><title>Story %d</title><link>%s%s</link><guid>story-%d</guid><pubDate>Sat, 03 Feb 2024 10:00:00 GMT</pubDate><description>Short summary of story %d about the strikes in Iraq and Syria and the reactions they drew.</description></item>`, i, s.ts.URL, p, i, i)
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Local Herald</title><link>%s/</link>%s</channel></rss>`, s.ts.URL, items.String())
	})
	mux.HandleFunc("/story/{n}", func(w http.ResponseWriter, r *http.Request) {
		n := r.PathValue("n")
		fmt.Fprintf(w, pageTmpl, "Story "+n, s.ts.URL+"/story/"+n, "Story number "+n+" ends here.")
	})
	// An old link that redirects to the story's current address.
	mux.HandleFunc("/old/{n}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/story/"+r.PathValue("n"), http.StatusMovedPermanently)
	})
	// A tracking link whose page declares the story's canonical URL.
	mux.HandleFunc("/amp/{n}", func(w http.ResponseWriter, r *http.Request) {
		n := r.PathValue("n")
		fmt.Fprintf(w, pageTmpl, "Story "+n, s.ts.URL+"/story/"+n, "Story number "+n+" ends here.")
	})
	mux.HandleFunc("/evil", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("<p>big</p>", 1<<20)))
	})
	s.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.URL.Path)
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.ts.Close)
	return s
}

// memIngest collects articles by id, as a store would: a second article
// with a known id is a duplicate.
type memIngest struct {
	mu   sync.Mutex
	arts map[string]*parallax.Article
	err  error
}

func (m *memIngest) ingest(ctx context.Context, arts []*parallax.Article) (int, int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return 0, 0, m.err
	}
	if m.arts == nil {
		m.arts = map[string]*parallax.Article{}
	}
	stored, dups := 0, 0
	for _, a := range arts {
		if _, ok := m.arts[a.ID]; ok {
			dups++
			continue
		}
		m.arts[a.ID] = a
		stored++
	}
	return stored, dups, nil
}

func newPoller(t *testing.T, s *site, m *memIngest, now *time.Time) *Poller {
	t.Helper()
	p, err := New(Config{
		URLs: []string{s.ts.URL + "/feed.xml"}, Ingest: m.ingest, Interval: time.Minute,
		HostDelay: -1, Timeout: 5 * time.Second, MaxPageBytes: 1 << 20,
		Now: func() time.Time { return *now },
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPollIngestsLinkedPagesOnce(t *testing.T) {
	s := newSite(t)
	s.items = []string{"/story/1", "/old/2", "/amp/1", "/evil", "/huge"}
	m := &memIngest{}
	now := time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC)
	p := newPoller(t, s, m, &now)

	// Story 1 (also reached through /amp/1, whose canonical URL is story
	// 1's), story 2 through a redirect, and the feed's own summaries for
	// the item whose redirect leaves HTTP and the item whose page is too
	// large.
	if n := p.PollDue(context.Background()); n != 4 {
		t.Errorf("first poll stored %d, want 4", n)
	}
	byURL := map[string]*parallax.Article{}
	for _, a := range m.arts {
		byURL[a.URL] = a
	}
	for _, n := range []string{"1", "2"} {
		a := byURL[s.ts.URL+"/story/"+n]
		if a == nil {
			t.Fatalf("story %s not ingested under its canonical URL; got %v", n, keys(byURL))
		}
		if !strings.Contains(a.Text, "85 targets") || strings.Contains(a.Text, "Copyright") {
			t.Errorf("story %s: page text not extracted: %q", n, a.Text)
		}
		if a.Published.IsZero() {
			t.Errorf("story %s has no date", n)
		}
	}
	if a := byURL[s.ts.URL+"/evil"]; a == nil || !strings.Contains(a.Text, "Short summary") {
		t.Errorf("item with a refused redirect not read from the feed: %+v", a)
	}
	if st := p.Status()[0]; st.Failures != 0 || !st.Next.Equal(now.Add(time.Minute)) {
		t.Errorf("status %+v", st)
	}

	// Due again: a conditional GET answered 304 stores nothing.
	now = now.Add(2 * time.Minute)
	if n := p.PollDue(context.Background()); n != 0 {
		t.Errorf("second poll stored %d", n)
	}
	if s.notMod.Load() != 1 {
		t.Errorf("conditional GET not sent: %d 304s", s.notMod.Load())
	}
	for _, r := range s.requests {
		if strings.HasPrefix(r, "/etc") {
			t.Errorf("followed a redirect to a file URL: %s", r)
		}
	}
}

// TestItemsWithoutText fetches the pages of items that carry only a link
// and a title, which the feed reader alone cannot turn into articles.
func TestItemsWithoutText(t *testing.T) {
	s := newSite(t)
	s.bare = true
	s.items = []string{"/story/1", "/story/2", "/evil"}
	m := &memIngest{}
	now := time.Now()
	p := newPoller(t, s, m, &now)
	if n := p.PollDue(context.Background()); n != 2 {
		t.Errorf("stored %d, want the two stories whose pages could be read", n)
	}
	if st := p.Status()[0]; st.Failures != 0 {
		t.Errorf("status %+v", st)
	}
}

func TestPollIsIdempotentAcrossPollers(t *testing.T) {
	s := newSite(t)
	s.items = []string{"/story/1", "/story/2"}
	m := &memIngest{}
	now := time.Now()
	for i := range 2 {
		// A restarted server has forgotten ETags and seen URLs; the
		// article ids (from canonical URLs) keep it from storing twice.
		p := newPoller(t, s, m, &now)
		n := p.PollDue(context.Background())
		if want := []int{2, 0}[i]; n != want {
			t.Errorf("poller %d stored %d, want %d", i+1, n, want)
		}
	}
	if len(m.arts) != 2 {
		t.Errorf("%d articles stored, want 2", len(m.arts))
	}
}

// TestKnownLinksNotRefetched checks that a restarted poller asks the store
// before fetching a page again.
func TestKnownLinksNotRefetched(t *testing.T) {
	s := newSite(t)
	s.items = []string{"/story/1", "/story/2"}
	m := &memIngest{}
	now := time.Now()
	newPoller(t, s, m, &now).PollDue(context.Background())
	p := newPoller(t, s, m, &now)
	p.cfg.Known = func(ctx context.Context, id string) bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		_, ok := m.arts[id]
		return ok
	}
	s.mu.Lock()
	s.requests = nil
	s.mu.Unlock()
	if n := p.PollDue(context.Background()); n != 0 {
		t.Errorf("stored %d", n)
	}
	for _, r := range s.requests {
		if strings.HasPrefix(r, "/story/") {
			t.Errorf("refetched %s", r)
		}
	}
}

func TestBackoff(t *testing.T) {
	s := newSite(t)
	s.items = []string{"/story/1"}
	s.fail.Store(true)
	m := &memIngest{}
	now := time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC)
	p := newPoller(t, s, m, &now)
	var errs int
	p.cfg.OnPoll = func(err error) {
		if err != nil {
			errs++
		}
	}
	tests := []struct {
		name     string
		advance  time.Duration
		polled   bool
		failures int
		wait     time.Duration
	}{
		{"first failure doubles the interval", 0, true, 1, 2 * time.Minute},
		{"not due before the back-off ends", 90 * time.Second, false, 1, 30 * time.Second},
		{"second failure doubles again", 30 * time.Second, true, 2, 4 * time.Minute},
		{"third", 4 * time.Minute, true, 3, 8 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now = now.Add(tt.advance)
			before := s.feedHits.Load()
			p.PollDue(context.Background())
			if polled := s.feedHits.Load() > before; polled != tt.polled {
				t.Errorf("polled %v, want %v", polled, tt.polled)
			}
			st := p.Status()[0]
			if st.Failures != tt.failures || st.Next.Sub(now) != tt.wait {
				t.Errorf("failures %d, next in %v; want %d, %v", st.Failures, st.Next.Sub(now), tt.failures, tt.wait)
			}
		})
	}
	if errs != 3 {
		t.Errorf("%d failed polls reported, want 3", errs)
	}
	// Recovery resets the back-off.
	s.fail.Store(false)
	now = now.Add(8 * time.Minute)
	if n := p.PollDue(context.Background()); n != 1 {
		t.Errorf("recovered poll stored %d", n)
	}
	if st := p.Status()[0]; st.Failures != 0 || st.Next.Sub(now) != time.Minute {
		t.Errorf("after recovery: %+v", st)
	}
	if got := p.backoff(30); got != p.cfg.MaxBackoff {
		t.Errorf("backoff capped at %v, want %v", got, p.cfg.MaxBackoff)
	}
}

func TestFailedIngestIsRetried(t *testing.T) {
	s := newSite(t)
	s.items = []string{"/story/1"}
	m := &memIngest{err: fmt.Errorf("database is locked")}
	now := time.Now()
	p := newPoller(t, s, m, &now)
	p.PollDue(context.Background())
	if st := p.Status()[0]; st.Failures != 1 {
		t.Fatalf("failed ingest not counted: %+v", st)
	}
	m.err = nil
	now = now.Add(time.Hour)
	if n := p.PollDue(context.Background()); n != 1 {
		t.Errorf("retry stored %d, want 1 (the ETag must not be kept after a failed ingest)", n)
	}
}

func TestPoliteness(t *testing.T) {
	s := newSite(t)
	s.items = []string{"/story/1", "/story/2", "/story/3"}
	m := &memIngest{}
	p, err := New(Config{URLs: []string{s.ts.URL + "/feed.xml"}, Ingest: m.ingest, HostDelay: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p.PollDue(context.Background())
	// Four requests to one host need at least three delays between them.
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("four requests to one host took %v, want ≥ 150ms", d)
	}
}

func TestNew(t *testing.T) {
	ing := (&memIngest{}).ingest
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"ok", Config{URLs: []string{"https://example.org/feed"}, Ingest: ing}, true},
		{"no urls", Config{Ingest: ing}, false},
		{"no ingest", Config{URLs: []string{"https://example.org/feed"}}, false},
		{"file url", Config{URLs: []string{"file:///etc/passwd"}, Ingest: ing}, false},
		{"gopher", Config{URLs: []string{"gopher://example.org/"}, Ingest: ing}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if (err == nil) != tt.ok {
				t.Errorf("err %v", err)
			}
		})
	}
}

func TestParseList(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
		ok   bool
	}{
		{"lines", "# my feeds\nhttps://a.example/rss\n\n  http://b.example/atom.xml  \nhttps://a.example/rss\n", []string{"https://a.example/rss", "http://b.example/atom.xml"}, true},
		{"opml", `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
			<outline text="News"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/><outline text="B" xmlUrl="https://b.example/feed"/></outline>
			</body></opml>`, []string{"https://a.example/rss", "https://b.example/feed"}, true},
		{"non-http line", "https://a.example/rss\nftp://b.example/x\n", nil, false},
		{"non-http in opml", `<opml><body><outline xmlUrl="file:///etc/passwd"/></body></opml>`, nil, false},
		{"empty", "\n# nothing\n", nil, false},
		{"broken opml", `<opml><body><outline`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseList([]byte(tt.in))
			if (err == nil) != tt.ok {
				t.Fatalf("err %v", err)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func FuzzParseList(f *testing.F) {
	f.Add([]byte("https://a.example/rss\n"))
	f.Add([]byte(`<opml><body><outline xmlUrl="https://a"/></body></opml>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		urls, err := ParseList(b)
		if err != nil {
			return
		}
		for _, u := range urls {
			if checkURL(u) != nil {
				t.Fatalf("accepted %q", u)
			}
		}
	})
}

func keys(m map[string]*parallax.Article) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
