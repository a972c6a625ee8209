// Package feeds keeps a Parallax store fed from RSS and Atom feeds: it
// polls each feed on an interval with conditional GETs (ETag,
// Last-Modified), fetches the page each new item links to, reads it with
// the ingest package's HTML reader and hands the articles to the pipeline.
//
// The poller is a polite client: requests to one host are spaced, a
// failing feed backs off exponentially, every fetch has a timeout and a
// size limit, only http and https URLs are fetched (redirects included),
// and redirects and canonical URLs are followed so that one story read
// through several links is stored once. Everything is idempotent: polling
// the same feed twice stores nothing new.
package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/outlet"
)

// Log attribute keys, constant so that log queries stay stable.
const (
	keyFeed       = "feed"
	keyURL        = "url"
	keyFailures   = "failures"
	keyRetryAt    = "retry_at"
	keyItems      = "items"
	keyStored     = "stored"
	keyDuplicates = "duplicates"
	keyError      = "err"
)

// IngestFunc stores articles (through the pipeline) and reports how many
// were new and how many were already stored.
type IngestFunc func(ctx context.Context, articles []*parallax.Article) (stored, duplicates int, err error)

// Config configures a Poller. URLs and Ingest are required.
type Config struct {
	URLs   []string
	Ingest IngestFunc
	// Interval between polls of one feed (default 10 minutes).
	Interval time.Duration
	// MaxBackoff caps the wait after repeated failures (default 6 hours).
	MaxBackoff time.Duration
	// HostDelay is the least time between two requests to one host
	// (default 2 seconds).
	HostDelay time.Duration
	// Timeout bounds each fetch, headers and body (default 30 seconds).
	Timeout time.Duration
	// MaxFeedBytes and MaxPageBytes bound what one fetch reads (defaults
	// 16 MiB and 8 MiB); larger responses are refused.
	MaxFeedBytes, MaxPageBytes int64
	// MaxItems bounds the items taken from one poll (default 200).
	MaxItems int
	// SkipPages uses each item's own content instead of fetching the page
	// it links to (for feeds that carry full text).
	SkipPages bool
	// Client makes the requests; nil builds one that refuses non-HTTP
	// redirects and stops after five.
	Client *http.Client
	// Known, when set, reports whether an article id is already stored;
	// links whose URL gives a stored id are not fetched again, so that a
	// restarted server does not refetch every page its feeds list.
	Known func(ctx context.Context, id string) bool
	// Catalog recognizes outlets; nil means the built-in catalog.
	Catalog *outlet.Catalog
	// OnPoll is called after each feed poll with its error (nil on
	// success), and OnPageError for each linked page that could not be
	// fetched; both for metrics.
	OnPoll      func(err error)
	OnPageError func(err error)
	// UserAgent identifies the poller to publishers.
	UserAgent string
	Logger    *slog.Logger
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// feed is one feed's polling state.
type feed struct {
	url          string
	etag         string
	lastModified string
	failures     int
	next         time.Time
	lastErr      error
}

// Poller polls feeds. Run drives it; PollDue polls what is due once.
type Poller struct {
	cfg   Config
	feeds []*feed

	mu    sync.Mutex
	hosts map[string]time.Time // last request per host
	seen  map[string]bool      // item and page URLs already ingested
}

// maxSeen bounds the memory of ingested URLs; past it the set is reset
// and the store's own duplicate detection keeps ingests idempotent.
const maxSeen = 200000

// New validates the configuration and returns a poller with every feed due.
func New(cfg Config) (*Poller, error) {
	if cfg.Ingest == nil {
		return nil, errors.New("feeds: no ingest function")
	}
	if len(cfg.URLs) == 0 {
		return nil, errors.New("feeds: no feed URLs")
	}
	for _, u := range cfg.URLs {
		if err := checkURL(u); err != nil {
			return nil, fmt.Errorf("feeds: %w", err)
		}
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 10 * time.Minute
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 6 * time.Hour
	}
	if cfg.HostDelay < 0 {
		cfg.HostDelay = 0
	} else if cfg.HostDelay == 0 {
		cfg.HostDelay = 2 * time.Second
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MaxFeedBytes <= 0 {
		cfg.MaxFeedBytes = 16 << 20
	}
	if cfg.MaxPageBytes <= 0 {
		cfg.MaxPageBytes = 8 << 20
	}
	if cfg.MaxItems <= 0 {
		cfg.MaxItems = 200
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "Parallax/1 (news comparison; feed poller)"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Catalog == nil {
		cfg.Catalog = outlet.Default()
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{CheckRedirect: checkRedirect}
	}
	p := &Poller{cfg: cfg, hosts: map[string]time.Time{}, seen: map[string]bool{}}
	for _, u := range cfg.URLs {
		p.feeds = append(p.feeds, &feed{url: u})
	}
	return p, nil
}

// checkRedirect follows at most five redirects, and only to http or https.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("more than 5 redirects")
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s refused: only http and https are fetched", req.URL.Scheme)
	}
	return nil
}

// URLs returns the feeds polled.
func (p *Poller) URLs() []string {
	out := make([]string, len(p.feeds))
	for i, f := range p.feeds {
		out[i] = f.url
	}
	return out
}

// Run polls due feeds until ctx is done. An ingest in progress when ctx
// ends is finished (its context is detached) so that no batch is left half
// stored; Run then returns.
func (p *Poller) Run(ctx context.Context) {
	for {
		p.PollDue(ctx)
		wait := time.Until(p.nextDue())
		if wait < time.Second {
			wait = time.Second
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

func (p *Poller) nextDue() time.Time {
	var next time.Time
	for _, f := range p.feeds {
		if next.IsZero() || f.next.Before(next) {
			next = f.next
		}
	}
	return next
}

// PollDue polls every feed whose time has come, one after another, and
// returns the number of articles stored.
func (p *Poller) PollDue(ctx context.Context) int {
	stored := 0
	for _, f := range p.feeds {
		if ctx.Err() != nil {
			break
		}
		now := p.cfg.Now()
		if now.Before(f.next) {
			continue
		}
		n, err := p.poll(ctx, f)
		stored += n
		if p.cfg.OnPoll != nil {
			p.cfg.OnPoll(err)
		}
		now = p.cfg.Now()
		if err != nil {
			f.failures++
			f.lastErr = err
			f.next = now.Add(p.backoff(f.failures))
			p.cfg.Logger.Warn("feed poll failed", keyFeed, f.url, keyFailures, f.failures, keyRetryAt, f.next.Format(time.RFC3339), keyError, err)
			continue
		}
		f.failures, f.lastErr = 0, nil
		f.next = now.Add(p.cfg.Interval)
	}
	return stored
}

// backoff doubles the interval with each consecutive failure, up to
// MaxBackoff.
func (p *Poller) backoff(failures int) time.Duration {
	d := p.cfg.Interval
	for i := 0; i < failures && d < p.cfg.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.cfg.MaxBackoff)
}

// poll fetches one feed and ingests its new items.
func (p *Poller) poll(ctx context.Context, f *feed) (int, error) {
	hdr := http.Header{}
	if f.etag != "" {
		hdr.Set("If-None-Match", f.etag)
	}
	if f.lastModified != "" {
		hdr.Set("If-Modified-Since", f.lastModified)
	}
	hdr.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1")
	res, err := p.fetch(ctx, f.url, hdr, p.cfg.MaxFeedBytes)
	if err != nil {
		return 0, err
	}
	if res.status == http.StatusNotModified {
		return 0, nil
	}
	items, err := ingest.ReadFeed(f.url, res.body, ingest.Options{Catalog: p.cfg.Catalog, MaxArticleBytes: p.cfg.MaxPageBytes})
	if err != nil {
		return 0, fmt.Errorf("read feed %s: %w", f.url, err)
	}
	if len(items) > p.cfg.MaxItems {
		items = items[:p.cfg.MaxItems]
	}
	links := itemLinks(f.url, res.body, len(items))
	var arts []*parallax.Article
	var pending []string // URLs to remember once stored
	for i, it := range items {
		if ctx.Err() != nil {
			break
		}
		link := links[i]
		if link == "" && it.Article != nil {
			link = it.Article.URL
		}
		if link != "" && p.wasSeen(link) {
			continue
		}
		if link != "" && p.cfg.Known != nil && p.cfg.Known(ctx, parallax.ArticleID(link, "")) {
			pending = append(pending, link)
			continue
		}
		a, urls := p.article(ctx, it, link)
		if a == nil {
			continue
		}
		if p.wasSeen(a.URL) {
			pending = append(pending, urls...)
			continue
		}
		arts = append(arts, a)
		pending = append(pending, urls...)
	}
	// Validators are kept only once the items are stored, so that a failed
	// ingest is retried in full on the next poll.
	stored := 0
	if len(arts) > 0 {
		var dups int
		stored, dups, err = p.cfg.Ingest(context.WithoutCancel(ctx), arts)
		if err != nil {
			return stored, fmt.Errorf("ingest %d articles from %s: %w", len(arts), f.url, err)
		}
		p.cfg.Logger.Info("feed polled", keyFeed, f.url, keyItems, len(items), keyStored, stored, keyDuplicates, dups)
	}
	p.remember(pending)
	f.etag, f.lastModified = res.header.Get("ETag"), res.header.Get("Last-Modified")
	return stored, nil
}

// itemLinks returns the link of each of the first n feed items, resolved
// against the feed's URL. The ingest reader drops items without text, but
// their linked pages usually hold the story, so links are read from the
// feed itself; ingest.ReadFeed keeps one Item per feed item, in order.
func itemLinks(feedURL string, body []byte, n int) []string {
	links := make([]string, n)
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return links
	}
	base, _ := url.Parse(feedURL)
	for i := 0; i < n && i < len(parsed.Items); i++ {
		l := strings.TrimSpace(parsed.Items[i].Link)
		if l == "" {
			continue
		}
		if u, err := url.Parse(l); err == nil && base != nil {
			l = base.ResolveReference(u).String()
		}
		links[i] = l
	}
	return links
}

// article turns one feed item into an article: the linked page read by the
// HTML reader when it yields an article, else the item's own content. It
// returns the URLs under which the story was reached (link, final URL
// after redirects, canonical URL), to be remembered.
func (p *Poller) article(ctx context.Context, it ingest.Item, link string) (*parallax.Article, []string) {
	item := it.Article
	var urls []string
	if link != "" {
		urls = append(urls, link)
	}
	if link == "" || p.cfg.SkipPages || checkURL(link) != nil {
		return item, urls
	}
	res, err := p.fetch(ctx, link, http.Header{"Accept": {"text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}}, p.cfg.MaxPageBytes)
	if err != nil || res.status != http.StatusOK {
		if p.cfg.OnPageError != nil && err != nil {
			p.cfg.OnPageError(err)
		}
		p.cfg.Logger.Warn("fetch linked page", keyURL, link, keyError, err)
		return item, urls
	}
	final := res.url
	page, err := ingest.ExtractHTML(res.body, final, res.header, ingest.Options{Catalog: p.cfg.Catalog, MaxArticleBytes: p.cfg.MaxPageBytes})
	if err != nil || page == nil {
		p.cfg.Logger.Info("linked page has no article; using the feed item", keyURL, final, keyError, err)
		return item, urls
	}
	if final != link {
		urls = append(urls, final)
	}
	if page.URL != "" && page.URL != final {
		urls = append(urls, page.URL)
	}
	mergeItem(page, item)
	return page, urls
}

// mergeItem fills what the page lacks from the feed item, whose metadata
// (date, title) publishers usually set with care.
func mergeItem(page, item *parallax.Article) {
	if item == nil {
		return
	}
	if page.Title == "" {
		page.Title = item.Title
	}
	if page.Published.IsZero() || (page.PublishedSource != parallax.DateMetadata && !item.Published.IsZero()) {
		if !item.Published.IsZero() {
			page.Published, page.PublishedSource, page.PublishedConfidence = item.Published, item.PublishedSource, item.PublishedConfidence
		}
	}
	if !page.Outlet.Known() && item.Outlet.Known() {
		page.Outlet = item.Outlet
	}
	if page.ExternalID == "" {
		page.ExternalID = item.ExternalID
	}
	if page.Byline == "" {
		page.Byline = item.Byline
	}
}

func (p *Poller) wasSeen(u string) bool {
	if u == "" {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.seen[u]
}

func (p *Poller) remember(urls []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.seen)+len(urls) > maxSeen {
		p.seen = map[string]bool{}
	}
	for _, u := range urls {
		if u != "" {
			p.seen[u] = true
		}
	}
}

// fetched is one HTTP response, read in full within its size limit.
type fetched struct {
	status int
	header http.Header
	body   []byte
	url    string // after redirects
}

// fetch GETs rawURL politely: it waits for the host's turn, bounds the
// time and the bytes read, and refuses non-HTTP URLs.
func (p *Poller) fetch(ctx context.Context, rawURL string, hdr http.Header, limit int64) (*fetched, error) {
	if err := checkURL(rawURL); err != nil {
		return nil, err
	}
	u, _ := url.Parse(rawURL)
	if err := p.waitHost(ctx, u.Host); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", p.cfg.UserAgent)
	resp, err := p.cfg.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	out := &fetched{status: resp.StatusCode, header: resp.Header, url: resp.Request.URL.String()}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return out, nil
	case resp.StatusCode != http.StatusOK:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, fmt.Errorf("fetch %s: %s", rawURL, resp.Status)
	case resp.ContentLength > limit:
		return nil, fmt.Errorf("fetch %s: %d bytes, over the %d byte limit", rawURL, resp.ContentLength, limit)
	}
	out.body, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if int64(len(out.body)) > limit {
		return nil, fmt.Errorf("fetch %s: over the %d byte limit", rawURL, limit)
	}
	return out, nil
}

// waitHost reserves the host's next slot and sleeps until it comes, so
// that no host sees two requests closer than HostDelay.
func (p *Poller) waitHost(ctx context.Context, host string) error {
	host = strings.ToLower(host)
	p.mu.Lock()
	now := time.Now()
	slot := p.hosts[host].Add(p.cfg.HostDelay)
	if slot.Before(now) {
		slot = now
	}
	p.hosts[host] = slot
	p.mu.Unlock()
	if d := time.Until(slot); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// Status describes one feed's polling state, for logs and tests.
type Status struct {
	URL      string
	Failures int
	Next     time.Time
	Err      error
}

// Status returns the state of every feed.
func (p *Poller) Status() []Status {
	out := make([]Status, len(p.feeds))
	for i, f := range p.feeds {
		out[i] = Status{URL: f.url, Failures: f.failures, Next: f.next, Err: f.lastErr}
	}
	return out
}
