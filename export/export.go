// Package export writes what a Parallax store holds — articles, events,
// mentions, figures and quotes — as JSON lines, CSV or Parquet, for
// analysis in other tools.
//
// One row type per kind serves all three formats, so the columns are the
// same whichever format is chosen. Rows are streamed page by page from the
// store, so an export of a million articles needs no more memory than one
// page (Parquet buffers one row group).
package export

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/parallax-news/parallax"
)

// Formats and kinds an export can have.
var (
	Formats = []string{"jsonl", "csv", "parquet"}
	Kinds   = []string{"articles", "events", "mentions", "figures", "quotes"}
)

// Options select what is exported and how.
type Options struct {
	// Format is jsonl, csv or parquet.
	Format string
	// What is articles, events, mentions, figures or quotes.
	What string
	// WithText includes article texts in the articles export (default
	// true through the command; the texts dominate its size).
	WithText bool
	// PageSize is the number of articles or events read per store query
	// (default 500).
	PageSize int
}

// Validate reports an unknown format or kind.
func (o *Options) Validate() error {
	if !contains(Formats, o.Format) {
		return parallax.Errorf(parallax.EINVALID, "unknown export format %q (formats: %s)", o.Format, strings.Join(Formats, ", "))
	}
	if !contains(Kinds, o.What) {
		return parallax.Errorf(parallax.EINVALID, "unknown export kind %q (kinds: %s)", o.What, strings.Join(Kinds, ", "))
	}
	if o.PageSize <= 0 {
		o.PageSize = 500
	}
	return nil
}

// Write exports from st to w and returns the number of rows written.
func Write(ctx context.Context, st parallax.Store, w io.Writer, opt Options) (int, error) {
	if err := opt.Validate(); err != nil {
		return 0, err
	}
	switch opt.What {
	case "articles":
		return run(ctx, w, opt, func(emit func(ArticleRow) error) error {
			return eachArticle(ctx, st, opt, !opt.WithText, func(a *parallax.Article) error { return emit(articleRow(a, opt.WithText)) })
		})
	case "events":
		return run(ctx, w, opt, func(emit func(EventRow) error) error {
			return eachEvent(ctx, st, opt, func(e *parallax.Event) error { return emit(eventRow(e)) })
		})
	case "mentions":
		return run(ctx, w, opt, func(emit func(MentionRow) error) error {
			return eachArticle(ctx, st, opt, false, func(a *parallax.Article) error {
				for _, r := range mentionRows(a) {
					if err := emit(r); err != nil {
						return err
					}
				}
				return nil
			})
		})
	case "figures":
		dossiers := newDossierCache(st)
		return run(ctx, w, opt, func(emit func(FigureRow) error) error {
			return eachArticle(ctx, st, opt, false, func(a *parallax.Article) error {
				rows, err := figureRows(ctx, a, dossiers)
				if err != nil {
					return err
				}
				for _, r := range rows {
					if err := emit(r); err != nil {
						return err
					}
				}
				return nil
			})
		})
	default: // quotes
		return run(ctx, w, opt, func(emit func(QuoteRow) error) error {
			return eachArticle(ctx, st, opt, false, func(a *parallax.Article) error {
				for _, r := range quoteRows(a) {
					if err := emit(r); err != nil {
						return err
					}
				}
				return nil
			})
		})
	}
}

// row is what every row type provides for CSV.
type row interface {
	header() []string
	record() []string
}

// run opens the format's writer for row type R, feeds it the rows the
// producer emits and closes it.
func run[R row](ctx context.Context, w io.Writer, opt Options, produce func(emit func(R) error) error) (int, error) {
	n := 0
	var emit func(R) error
	var finish func() error
	switch opt.Format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		emit = func(r R) error { return enc.Encode(r) }
		finish = func() error { return nil }
	case "csv":
		cw := csv.NewWriter(w)
		var zero R
		if err := cw.Write(zero.header()); err != nil {
			return 0, fmt.Errorf("write csv header: %w", err)
		}
		emit = func(r R) error { return cw.Write(r.record()) }
		finish = func() error { cw.Flush(); return cw.Error() }
	case "parquet":
		pw := parquet.NewGenericWriter[R](w, parquet.Compression(&parquet.Zstd))
		buf := make([]R, 0, 1024)
		flush := func() error {
			if len(buf) == 0 {
				return nil
			}
			_, err := pw.Write(buf)
			buf = buf[:0]
			return err
		}
		emit = func(r R) error {
			buf = append(buf, r)
			if len(buf) == cap(buf) {
				return flush()
			}
			return nil
		}
		finish = func() error {
			if err := flush(); err != nil {
				return err
			}
			return pw.Close()
		}
	}
	err := produce(func(r R) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		return emit(r)
	})
	if err != nil {
		return n, fmt.Errorf("export %s: %w", opt.What, err)
	}
	if err := finish(); err != nil {
		return n, fmt.Errorf("finish %s export: %w", opt.Format, err)
	}
	return n, nil
}

// eachArticle pages through the store's articles in input order.
func eachArticle(ctx context.Context, st parallax.Store, opt Options, withoutText bool, fn func(*parallax.Article) error) error {
	var after int64
	for {
		page, err := st.Articles(ctx, parallax.ArticleQuery{AfterSeq: after, Order: "seq", Limit: opt.PageSize, WithoutText: withoutText})
		if err != nil {
			return fmt.Errorf("read articles after %d: %w", after, err)
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
			after = max(after, a.Seq)
		}
		if len(page) < opt.PageSize {
			return nil
		}
	}
}

// eachEvent pages through the store's events, most recent first.
func eachEvent(ctx context.Context, st parallax.Store, opt Options, fn func(*parallax.Event) error) error {
	for off := 0; ; off += opt.PageSize {
		page, err := st.Events(ctx, parallax.EventQuery{Limit: opt.PageSize, Offset: off})
		if err != nil {
			return fmt.Errorf("read events at %d: %w", off, err)
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(page) < opt.PageSize {
			return nil
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
