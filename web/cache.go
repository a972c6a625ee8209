package web

import (
	"errors"
	"sync"
	"time"
)

// pageCache keeps rendered pages under keys that change whenever their
// content would (a digest of the data they are rendered from). It is
// bounded in entries and age; eviction drops the oldest entry.
type pageCache struct {
	mu    sync.Mutex
	max   int
	ttl   time.Duration
	now   func() time.Time
	items map[string]cacheItem
	order []string // insertion order, for eviction
}

type cacheItem struct {
	body []byte
	etag string
	gz   []byte // body compressed with gzip
	next string // a list's next-page link
	// sum is the digest of the data the body was rendered from; checked
	// is when that was last compared with the store.
	sum     uint64
	checked time.Time
	at      time.Time
}

func newPageCache(max int, ttl time.Duration, now func() time.Time) *pageCache {
	return &pageCache{max: max, ttl: ttl, now: now, items: make(map[string]cacheItem, max)}
}

func (c *pageCache) get(key string) (cacheItem, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[key]
	if !ok || c.now().Sub(it.at) > c.ttl {
		return cacheItem{}, false
	}
	return it, true
}

// revalidated records that an entry still matches the store.
func (c *pageCache) revalidated(key string, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if it, ok := c.items[key]; ok {
		it.checked = at
		c.items[key] = it
	}
}

func (c *pageCache) put(key string, it cacheItem) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; !ok {
		c.order = append(c.order, key)
	}
	it.at = c.now()
	c.items[key] = it
	for len(c.items) > c.max && len(c.order) > 0 {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	// Keys re-put after eviction leave stale order entries behind; compact
	// now and then so that order stays bounded too.
	if len(c.order) > 4*c.max {
		live := c.order[:0]
		seen := make(map[string]bool, len(c.items))
		for _, k := range c.order {
			if _, ok := c.items[k]; ok && !seen[k] {
				seen[k] = true
				live = append(live, k)
			}
		}
		c.order = live
	}
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
