package cluster

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/parallax-news/parallax"
)

// StatsKind and StatsKey name the document under which a store keeps the
// clusterer's statistics (Store.PutDocument).
const (
	StatsKind = "cluster"
	StatsKey  = "stats"
)

// stats is the persisted form of the document frequencies.
type stats struct {
	Docs int64            `json:"docs"`
	DF   map[string]int32 `json:"df"`
}

// MarshalStats returns the document frequencies as JSON. Features seen in
// one document only are left out: they carry no evidence until seen again,
// and they are most of the vocabulary.
func (c *Clusterer) MarshalStats() ([]byte, error) {
	s := stats{Docs: c.docs, DF: make(map[string]int32)}
	for id, n := range c.df {
		if n >= 2 {
			s.DF[c.keys[id]] = n
		}
	}
	b, err := json.Marshal(s) // map keys are sorted: the output is deterministic
	if err != nil {
		return nil, fmt.Errorf("marshal cluster stats: %w", err)
	}
	return b, nil
}

// LoadStats replaces the document frequencies with those of b (from
// MarshalStats). Articles restored afterwards are not counted again.
func (c *Clusterer) LoadStats(b []byte) error {
	var s stats
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("load cluster stats: %w", err)
	}
	if s.Docs < 0 {
		return fmt.Errorf("load cluster stats: negative document count %d", s.Docs)
	}
	clear(c.df)
	keys := make([]string, 0, len(s.DF))
	for k := range s.DF {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		n := s.DF[k]
		if n < 0 || k == "" {
			continue
		}
		c.df[c.intern(k)] = min(n, int32(min(s.Docs, 1<<30)))
	}
	c.docs = s.Docs
	c.statsLoaded = true
	return nil
}

// Batch clusters articles at once with the same similarity as Add:
// document frequencies are first counted over all articles, then the
// articles are added in arrival order. It returns one decision per
// article, in the order given. It is what recluster runs.
func Batch(articles []*parallax.Article, cfg Config) []Decision {
	c := New(cfg)
	for _, a := range articles {
		c.Count(a)
	}
	c.frozen = true
	order := make([]*parallax.Article, len(articles))
	copy(order, articles)
	SortArrival(order)
	var added []*parallax.Article
	seen := make(map[*parallax.Article]bool, len(articles))
	for _, a := range order {
		if seen[a] && a != nil {
			continue
		}
		seen[a] = true
		added = append(added, a)
	}
	decs := c.AddAll(added)
	byArticle := make(map[*parallax.Article]Decision, len(articles))
	for i, a := range added {
		byArticle[a] = decs[i]
	}
	out := make([]Decision, len(articles))
	for i, a := range articles {
		out[i] = byArticle[a]
	}
	return out
}
