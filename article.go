package parallax

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into an article's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Of returns the text the span covers, or "" when it lies outside text.
func (s Span) Of(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// DateSource says where an article's publication time came from.
type DateSource string

// Where a publication time can come from, from most to least reliable.
const (
	DateMetadata DateSource = "metadata"  // a field of the input (JSONL published, feed item date, WARC/HTTP header)
	DatePage     DateSource = "page"      // the page's own markup (meta tags, time elements)
	DateLine     DateSource = "dateline"  // a display-date line or dateline in the text ("Saturday, September 21, 2024")
	DateFileName DateSource = "file name" // a date in the input's name
	DateEvent    DateSource = "event"     // estimated from the event an undated article joined
	DateNone     DateSource = ""          // unknown
)

// EmbeddedPost is a social-media post quoted inside an article (a tweet
// embedded by the page). It is kept apart from the article's own prose.
type EmbeddedPost struct {
	Text     string    `json:"text"`
	Author   string    `json:"author,omitempty"`
	Handle   string    `json:"handle,omitempty"`
	Platform string    `json:"platform,omitempty"` // "X", "Telegram", …
	Date     time.Time `json:"date,omitzero"`
	URL      string    `json:"url,omitempty"`
}

// Article is one news report as Parallax reads it.
type Article struct {
	// ID is stable: derived from the canonical URL when there is one,
	// else from the normalized text (see ArticleID).
	ID string `json:"id"`
	// ExternalID is the input's own id (a JSONL "id", a WARC record id).
	ExternalID string `json:"external_id,omitempty"`
	// Input names where the article was read from: a file path, with
	// "#N" for the Nth record of a multi-article input, or a URL.
	Input  string `json:"input,omitempty"`
	Format string `json:"format,omitempty"` // text, jsonl, html, feed, warc

	URL    string `json:"url,omitempty"`
	Outlet Outlet `json:"outlet"`
	Title  string `json:"title,omitempty"`
	Byline string `json:"byline,omitempty"`
	// Dateline is the place a report says it was filed from ("Baghdad"
	// in "( Baghdad – …"), taken out of the text.
	Dateline string `json:"dateline,omitempty"`

	Published           time.Time  `json:"published,omitzero"`
	PublishedSource     DateSource `json:"published_source,omitempty"`
	PublishedConfidence float64    `json:"published_confidence,omitempty"` // 0..1

	// Text is the cleaned article body. All spans index into it.
	Text       string `json:"text"`
	Paragraphs []Span `json:"paragraphs,omitempty"`
	Sentences  []Span `json:"sentences,omitempty"`
	Language   string `json:"language,omitempty"` // ISO 639-1, "" when unknown

	// Agencies are the wire agencies the text credits (Reuters, AFP, …),
	// recorded apart from the outlet.
	Agencies []string       `json:"agencies,omitempty"`
	Posts    []EmbeddedPost `json:"posts,omitempty"`

	// Extraction holds what the extractors found; nil before extraction.
	Extraction *Extraction `json:"extraction,omitempty"`

	// Seq is the store's insertion sequence number (input order); 0 until stored.
	Seq int64 `json:"seq,omitempty"`
	// EventID is the event the article belongs to; "" until clustered.
	EventID string `json:"event_id,omitempty"`
	// CopyOf is the id of the earlier article this one nearly duplicates.
	CopyOf string    `json:"copy_of,omitempty"`
	Stored time.Time `json:"stored,omitzero"`
	// Pending marks an article received and waiting for analysis (see
	// Store.PutPending): it is as read, without extraction, seq or event.
	Pending bool `json:"pending,omitempty"`
}

// ArticleID returns the stable id of an article: a hash of its canonical URL
// when it has one, else of its normalized text (case, punctuation and
// whitespace folded), so that the same report read twice gets the same id.
func ArticleID(canonicalURL, text string) string {
	h := sha256.New()
	if u := strings.TrimSpace(canonicalURL); u != "" {
		h.Write([]byte("url\x00"))
		h.Write([]byte(u))
	} else {
		h.Write([]byte("text\x00"))
		h.Write([]byte(NormalizeForID(text)))
	}
	return "a" + hex.EncodeToString(h.Sum(nil))[:15]
}

// NormalizeForID folds text to lower-case letters and digits separated by
// single spaces.
func NormalizeForID(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII, the common case, byte by byte.
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}

// SentenceText returns the text of sentence i.
func (a *Article) SentenceText(i int) string { return a.Sentences[i].Of(a.Text) }

// SentenceAt returns the index of the sentence containing byte offset off,
// or -1.
func (a *Article) SentenceAt(off int) int {
	lo, hi := 0, len(a.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch s := a.Sentences[m]; {
		case off < s.Start:
			hi = m
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// OutletName returns the outlet's display name, or "unknown".
func (a *Article) OutletName() string {
	if a.Outlet.Name == "" {
		return "unknown"
	}
	return a.Outlet.Name
}
