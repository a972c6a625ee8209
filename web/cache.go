package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// cacheMaxBytes bounds the memory the page cache holds, whatever the
// number of entries: an event page can weigh hundreds of kilobytes.
const cacheMaxBytes = 64 << 20

// pageCache keeps rendered pages under keys that change whenever their
// content would (the event row, plus a version of the dossier checked
// against the store). It is bounded in entries, bytes and age; when full
// it drops the least recently used entry, so that the pages readers keep
// asking for (today's news) stay while the long tail passes through.
type pageCache struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	ttl      time.Duration
	now      func() time.Time
	items    map[string]*list.Element // of *cacheEntry
	lru      *list.List               // most recently used first
}

type cacheEntry struct {
	key string
	it  cacheItem
}

type cacheItem struct {
	// body is the page; nil when only gz, its compressed form, is kept
	// (large pages: most clients take gzip, and the rest are served by
	// decompressing, see plain).
	body []byte
	etag string
	gz   []byte
	next string // a list's next-page link
	// row and version identify the data the body was rendered from (an
	// event page's event row and dossier version); checked is when they
	// were last compared with the store.
	row     string
	version string
	checked time.Time
	at      time.Time
}

// gzipMinBytes is the size from which a cached body is kept compressed
// only.
const gzipMinBytes = 1024

// newCacheItem makes the cached form of a rendered body: its ETag and,
// for bodies worth compressing, the gzip form alone.
func newCacheItem(body []byte) cacheItem {
	if len(body) < gzipMinBytes {
		return cacheItem{body: body, etag: etagOf(body)}
	}
	// The compressed form determines the body (and the compressor is
	// deterministic), so its hash, six times shorter to compute, is as
	// good a validator.
	gz := gzipBytes(body)
	return cacheItem{gz: gz, etag: etagOf(gz)}
}

// newCacheItemFrom is newCacheItem for a body in a buffer that the caller
// reuses: the item keeps no reference to it.
func newCacheItemFrom(body []byte) cacheItem {
	if len(body) < gzipMinBytes {
		body = bytes.Clone(body)
	}
	return newCacheItem(body)
}

// plain returns the uncompressed body.
func (it cacheItem) plain() ([]byte, error) {
	if it.body != nil || it.gz == nil {
		return it.body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(it.gz))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func (it cacheItem) size() int {
	return len(it.body) + len(it.gz) + len(it.etag) + len(it.next) + len(it.row) + len(it.version) + 128
}

// writeItem answers with a cached item, compressed when the client takes
// gzip.
func (s *Server) writeItem(w http.ResponseWriter, r *http.Request, contentType string, it cacheItem) error {
	body := it.body
	if body == nil && it.gz != nil && !acceptsGzip(r) && !etagMatches(r.Header.Get("If-None-Match"), it.etag) {
		var err error
		if body, err = it.plain(); err != nil {
			return err
		}
	}
	s.writeVariant(w, r, contentType, body, it.etag, it.gz)
	return nil
}

func newPageCache(max int, ttl time.Duration, now func() time.Time) *pageCache {
	return &pageCache{max: max, maxBytes: cacheMaxBytes, ttl: ttl, now: now,
		items: make(map[string]*list.Element, max), lru: list.New()}
}

func (c *pageCache) get(key string) (cacheItem, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return cacheItem{}, false
	}
	e := el.Value.(*cacheEntry)
	if c.now().Sub(e.it.at) > c.ttl {
		return cacheItem{}, false
	}
	c.lru.MoveToFront(el)
	return e.it, true
}

// revalidated records that an entry still matches the store.
func (c *pageCache) revalidated(key string, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		el.Value.(*cacheEntry).it.checked = at
	}
}

func (c *pageCache) put(key string, it cacheItem) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it.at = c.now()
	if el, ok := c.items[key]; ok {
		e := el.Value.(*cacheEntry)
		c.bytes += it.size() - e.it.size()
		e.it = it
		c.lru.MoveToFront(el)
	} else {
		c.items[key] = c.lru.PushFront(&cacheEntry{key: key, it: it})
		c.bytes += it.size() + len(key)
	}
	for (len(c.items) > c.max || c.bytes > c.maxBytes) && c.lru.Len() > 1 {
		el := c.lru.Back()
		e := el.Value.(*cacheEntry)
		c.lru.Remove(el)
		delete(c.items, e.key)
		c.bytes -= e.it.size() + len(e.key)
	}
}

// len returns the number of entries and the bytes they hold.
func (c *pageCache) len() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.bytes
}

// flightGroup lets one caller build a cache entry while others asking for
// the same key wait and share its result, so that an expired popular page
// is rebuilt once, not once per waiting reader.
type flightGroup struct {
	mu    sync.Mutex
	calls map[string]*flightCall
}

type flightCall struct {
	done chan struct{}
	it   cacheItem
	err  error
}

func (g *flightGroup) do(key string, fn func() (cacheItem, error)) (cacheItem, error) {
	g.mu.Lock()
	if g.calls == nil {
		g.calls = map[string]*flightCall{}
	}
	if c, ok := g.calls[key]; ok {
		g.mu.Unlock()
		<-c.done
		return c.it, c.err
	}
	// Waiters see this error if fn panics instead of returning.
	c := &flightCall{done: make(chan struct{}), err: errors.New("page build failed")}
	g.calls[key] = c
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		delete(g.calls, key)
		g.mu.Unlock()
		close(c.done)
	}()
	c.it, c.err = fn()
	return c.it, c.err
}
