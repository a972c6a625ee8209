// Package ingest reads news from files, directories, standard input, feeds,
// web pages and WARC archives into Articles.
//
// Walk detects each input's format by content as well as by extension and
// hands it to the reader for that format (text.go, jsonl.go, html.go,
// feed.go, warc.go); the readers are exported too (ReadText, ReadJSON,
// ExtractHTML, ReadFeed) for callers that fetch pages and feeds themselves. Readers stream: a WARC archive of any size is read one
// record at a time. A bad input yields an *InputError naming the input and
// the reason, and the walk goes on with the rest.
package ingest

import (
	"context"
	"io"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/outlet"
)

// Options configure a Walk. The zero value is usable.
type Options struct {
	// Catalog recognizes outlets; nil means outlet.Default().
	Catalog *outlet.Catalog
	// Raw keeps JSONL "text" exactly as given (no cleaning that would
	// shift byte offsets), for scoring extractors against annotations.
	Raw bool
	// KeepEmpty keeps a record that parses but has no text (a JSONL line
	// whose "text" is empty) as an article without text, instead of
	// skipping it: for callers that answer for every input record
	// (parallax cluster gives it an event of its own). Its ID is made from
	// the record's name, so that two empty records are not one article.
	KeepEmpty bool
	// MaxArticleBytes bounds one article's raw size (default 8 MiB);
	// larger ones are skipped with reason "too large".
	MaxArticleBytes int64
	// Now is the clock (tests); nil means time.Now. It bounds the dates
	// found in pages (no publication in the future).
	Now func() time.Time
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
}

// Item is one article read, or one input (or record) that could not be.
type Item struct {
	Article *parallax.Article
	// Err is an *InputError when the input or record was skipped.
	Err error
	// Rel is the input's path relative to the directory argument it was
	// found under (the file path itself for file arguments).
	Rel string
}

// Reasons an input or record is skipped.
const (
	ReasonUnreadable = "unreadable"
	ReasonEmpty      = "empty"
	ReasonBinary     = "binary"
	ReasonTooLarge   = "too large"
	ReasonCorrupt    = "corrupt"
	ReasonNoArticle  = "no article"
	ReasonInvalid    = "invalid"
)

// InputError says which input (file, "file#record", URL) was skipped and why.
type InputError struct {
	Input  string
	Reason string
	Err    error
}

// Error names the input, then the reason, then the cause when known
// ("feed.xml#3: no article: no text").
func (e *InputError) Error() string {
	if e.Err != nil {
		return e.Input + ": " + e.Reason + ": " + e.Err.Error()
	}
	return e.Input + ": " + e.Reason
}

// Unwrap returns the cause, so that errors.Is sees through the input.
func (e *InputError) Unwrap() error { return e.Err }

// Stats counts what a Walk read.
type Stats struct {
	Inputs   int            // files and streams opened
	Articles int            // articles produced
	Skipped  map[string]int // by reason
	// Ignored counts records that are not articles by design (WARC
	// request/metadata records), by kind.
	Ignored map[string]int
}

// Walk reads every path — files, directories (recursively, in lexical
// order), "-" for standard input — and calls fn for each article or
// skipped input, in input order. It stops early only when ctx is done or
// fn returns an error.
func Walk(ctx context.Context, paths []string, opt Options, fn func(Item) error) (Stats, error) {
	return walk(ctx, paths, opt, fn)
}
