package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/extract/entity"
	"github.com/parallax-news/parallax/extract/quantity"
	"github.com/parallax-news/parallax/extract/quote"
	"github.com/parallax-news/parallax/extract/timex"
	"github.com/parallax-news/parallax/ingest"
)

// extractRecord is one line of "parallax extract --json". Offsets are byte
// offsets into the article text (for JSONL input, the "text" field exactly
// as given).
type extractRecord struct {
	ID         string              `json:"id"`
	Published  string              `json:"published,omitempty"`
	Times      []parallax.Timex    `json:"times"`
	Quantities []parallax.Quantity `json:"quantities"`
	Entities   []parallax.Entity   `json:"entities"`
	Quotes     []parallax.Quote    `json:"quotes"`
}

// runExtract prints the times, quantities, entities and quotes of every input
// article, one JSON object per article per line in input order with
// --json, else as a readable list.
func runExtract(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "extract", "[--json] PATH...\n\nPATH is a file, a directory or - for standard input; JSONL text is used exactly as given so that offsets can be scored.")
	asJSON := fs.Bool("json", false, "print one JSON object per article per line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("name at least one file, directory or - for standard input")
	}
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	skipped := 0
	_, err := ingest.Walk(ctx, fs.Args(), ingest.Options{Raw: true}, func(it ingest.Item) error {
		if it.Err != nil {
			skipped++
			fmt.Fprintf(env.Stderr, "parallax extract: skipped %v\n", it.Err)
			return nil
		}
		rec := extractArticle(it.Article)
		if *asJSON {
			return enc.Encode(rec)
		}
		return writeExtractText(out, rec, it.Article.Text)
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if skipped > 0 {
		return errSkipped
	}
	return nil
}

// extractArticle runs the extractors on one article; the publication time
// anchors relative time expressions.
func extractArticle(a *parallax.Article) extractRecord {
	sents := a.Sentences
	if sents == nil {
		_, sents = extract.Segment(a.Text)
	}
	rec := extractRecord{
		ID:         a.ExternalID,
		Times:      timex.Extract(a.Text, a.Published),
		Quantities: quantity.Extract(a.Text, sents),
		Entities:   entity.Extract(a.Text, sents),
	}
	rec.Quotes = quote.Extract(a.Text, sents, rec.Entities, a.Posts)
	if rec.ID == "" {
		rec.ID = a.ID
	}
	if !a.Published.IsZero() {
		rec.Published = a.Published.Format(time.RFC3339)
	}
	if rec.Times == nil {
		rec.Times = []parallax.Timex{}
	}
	if rec.Quantities == nil {
		rec.Quantities = []parallax.Quantity{}
	}
	if rec.Entities == nil {
		rec.Entities = []parallax.Entity{}
	}
	if rec.Quotes == nil {
		rec.Quotes = []parallax.Quote{}
	}
	return rec
}

func writeExtractText(w io.Writer, rec extractRecord, text string) error {
	fmt.Fprintf(w, "%s", rec.ID)
	if rec.Published != "" {
		fmt.Fprintf(w, " (published %s)", rec.Published)
	}
	fmt.Fprintln(w)
	for _, t := range rec.Times {
		extra := ""
		if t.UTC != nil {
			extra = " = " + t.UTC.Format("2006-01-02T15:04Z")
		}
		if t.Mod != "" {
			extra += " mod " + t.Mod
		}
		fmt.Fprintf(w, "  time      %-9s %-22s %q%s\n", t.Type, t.Value, t.Text, extra)
	}
	for _, q := range rec.Quantities {
		var parts []string
		for _, kv := range [][2]string{{"unit", q.Unit}, {"role", q.Role}, {"scope", q.Scope}, {"source", q.Source}} {
			if kv[1] != "" {
				parts = append(parts, kv[0]+"="+kv[1])
			}
		}
		fmt.Fprintf(w, "  quantity  %-9s %-8s %-12g %q %s\n", q.Kind, q.Bound, q.Value, q.Text, strings.Join(parts, " "))
	}
	for _, e := range rec.Entities {
		extra := ""
		if e.Role != "" {
			extra += " role=" + strconv.Quote(e.Role)
		}
		if e.Affiliation != "" {
			extra += " affiliation=" + strconv.Quote(e.Affiliation)
		}
		if e.Metonym {
			extra += " metonym"
		}
		fmt.Fprintf(w, "  entity    %-9s %-30s %q%s\n", e.Type, e.ID, e.Text, extra)
	}
	for _, q := range rec.Quotes {
		kind := "reported"
		if q.Direct {
			kind = "direct"
		}
		medium := ""
		if q.Medium != "" {
			medium = " on " + q.Medium
		}
		fmt.Fprintf(w, "  quote     %-9s %s %s%s: %q\n", kind, q.Speaker.Text, q.Verb, medium, q.Text)
	}
	_, err := fmt.Fprintln(w)
	return err
}
