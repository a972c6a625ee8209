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
	// Article returns the article with the given id or external id, else
	// the article of that id waiting for analysis, marked Pending; an
	// *Error with code ENOTFOUND when there is neither.
	Article(ctx context.Context, id string) (*Article, error)
	Articles(ctx context.Context, q ArticleQuery) ([]*Article, error)
	CountArticles(ctx context.Context) (int64, error)

	// SaveEvents upserts events and sets the memberships given. Each
	// touched event is recounted from its memberships, and an event that
	// an article left and that has none left is deleted.
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

	// PutPending stores articles as read, before any analysis, in one
	// transaction, for an analyzer to claim later (see PendingClaim). It
	// is the cheap half of an ingest: no extraction, no search index, no
	// event. An article whose id is already stored or pending is reported
	// Duplicate with Seq 0; the others are reported Stored with their
	// place in the queue as Seq.
	PutPending(ctx context.Context, articles []*Article) ([]PutResult, error)
	// ClaimPending takes or renews the analysis lease for c.Owner and
	// returns up to c.Limit of the oldest pending articles, in arrival
	// order, without removing them. While another owner holds an
	// unexpired lease it returns an *Error with code ECONFLICT.
	ClaimPending(ctx context.Context, c PendingClaim) ([]*Article, error)
	// FinishPending removes analyzed articles from the queue. It fails
	// with ECONFLICT, removing nothing, when owner no longer holds the
	// lease: the next holder then analyzes them again.
	FinishPending(ctx context.Context, owner string, ids []string) error
	// ReleasePending gives up owner's analysis lease, so that another
	// analyzer may take over at once rather than when it expires.
	ReleasePending(ctx context.Context, owner string) error
	// PendingStats reports the backlog.
	PendingStats(ctx context.Context) (PendingStats, error)

	Close() error
}

// PendingClaim asks for the analysis lease and a batch of pending articles.
//
// One lease per store makes analyzers take turns: clustering is serial
// (an article's event depends on every article before it), so two
// processes clustering at once would found the same event twice. The
// lease expires TTL after it was last taken or renewed, so that a crashed
// analyzer's work passes to another.
type PendingClaim struct {
	// Owner identifies the analyzer (process and instance).
	Owner string
	// TTL is how long the lease lasts from now.
	TTL time.Duration
	// Limit bounds the articles returned; 0 only takes or renews the lease.
	Limit int
}

// PendingStats describes the articles waiting for analysis.
type PendingStats struct {
	Articles int64
	// Oldest is when the oldest pending article was received; zero when
	// none is pending.
	Oldest time.Time
}

// EventID returns the deterministic id of an event founded by the article
// with id founder, so that independent processes agree on it.
func EventID(founder string) string {
	h := sha256.Sum256([]byte("event\x00" + founder))
	return "e" + hex.EncodeToString(h[:])[:11]
}
