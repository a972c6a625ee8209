package parallax

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// PutStatus says what PutArticles did with one article.
type PutStatus string

// Outcomes of storing one article.
const (
	Stored    PutStatus = "stored"
	Duplicate PutStatus = "duplicate" // an article with the same id was already stored
)

// PutResult is the outcome of storing one article.
type PutResult struct {
	ID     string
	Status PutStatus
	Seq    int64
}

// ArticleQuery selects articles. Zero fields do not filter.
type ArticleQuery struct {
	IDs      []string
	EventID  string
	Outlet   string
	Since    time.Time // published at or after
	Until    time.Time // published before
	AfterSeq int64     // Seq greater than
	// Unclustered selects articles with no event yet.
	Unclustered bool
	// WithoutText leaves Text, Sentences and Extraction empty (for lists).
	WithoutText bool
	Limit       int
	Offset      int
	// Order is "seq" (default, input order) or "published" (publication
	// time, then seq) or "-published".
	Order string
}

// EventQuery selects events, most recent activity first. Zero fields do
// not filter.
type EventQuery struct {
	Since  time.Time // last article at or after
	Until  time.Time // first article before
	Outlet string    // has an article from this outlet
	Entity string    // has a mention of this canonical entity id or name
	Place  string    // has a mention of this place (LOC entity id or name)
	Limit  int
	Offset int
	// Open selects events with Closed false.
	Open bool
}

// SearchQuery is a full-text query over titles and texts.
type SearchQuery struct {
	Text   string
	Outlet string
	Since  time.Time
	Until  time.Time
	Limit  int
	Offset int
}

// SearchHit is one article matching a search, with a snippet in which
// matched terms are marked by the store-independent markers HitStart and
// HitEnd (never HTML: callers escape the snippet, then replace markers).
type SearchHit struct {
	ArticleID string    `json:"article_id"`
	EventID   string    `json:"event_id,omitempty"`
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet"`
	Published time.Time `json:"published,omitzero"`
	Snippet   string    `json:"snippet"`
	Rank      float64   `json:"rank"`
}

// Markers delimiting matched terms in SearchHit.Snippet.
const (
	HitStart = "\x02"
	HitEnd   = "\x03"
)

// Store persists articles, events and derived documents. Implementations
// (sqlite, postgres) behave identically; storetest checks that.
//
// Every write is atomic: an article is stored with its extraction and
// mentions or not at all; SaveEvents stores all events and memberships
// given or none. Storing an article whose id is already stored changes
// nothing and reports Duplicate.
type Store interface {
	PutArticles(ctx context.Context, articles []*Article) ([]PutResult, error)
	// Article returns the article with the given id or external id; an
	// *Error with code ENOTFOUND when there is none.
	Article(ctx context.Context, id string) (*Article, error)
	Articles(ctx context.Context, q ArticleQuery) ([]*Article, error)
	CountArticles(ctx context.Context) (int64, error)

	// SaveEvents upserts events and sets the memberships given.
	SaveEvents(ctx context.Context, events []*Event, members []Membership) error
	// ReplaceEvents deletes all events and memberships and stores these
	// (used by recluster).
	ReplaceEvents(ctx context.Context, events []*Event, members []Membership) error
	// Event returns the event with id, or ENOTFOUND. A unique id prefix of
	// at least 4 characters also matches.
	Event(ctx context.Context, id string) (*Event, error)
	Events(ctx context.Context, q EventQuery) ([]*Event, error)
	CountEvents(ctx context.Context) (int64, error)
	// Memberships returns an event's memberships in article input order.
	Memberships(ctx context.Context, eventID string) ([]Membership, error)

	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	// PutDocument and Document keep derived documents (an event's dossier,
	// the clusterer's statistics) under a kind and key.
	PutDocument(ctx context.Context, kind, key string, doc []byte) error
	Document(ctx context.Context, kind, key string) ([]byte, error)

	Close() error
}

// EventID returns the deterministic id of an event founded by the article
// with id founder, so that independent processes agree on it.
func EventID(founder string) string {
	h := sha256.Sum256([]byte("event\x00" + founder))
	return "e" + hex.EncodeToString(h[:])[:11]
}
