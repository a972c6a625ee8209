package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/parallax-news/parallax"
)

func runSearch(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "search", "[--db FILE] [--json] [--limit N] [--outlet NAME] [--since DATE] [--until DATE] QUERY...")
	db := fs.String("db", "", dbFlagHelp)
	asJSON := fs.Bool("json", false, "print hits as JSON lines")
	limit := fs.Int("limit", 20, "at most this many hits")
	offset := fs.Int("offset", 0, "skip this many hits")
	outletName := fs.String("outlet", "", "only articles from this outlet")
	since := fs.String("since", "", "published on or after this date")
	until := fs.String("until", "", "published before this date")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	q := parallax.SearchQuery{Text: strings.Join(fs.Args(), " "), Limit: *limit, Offset: *offset, Outlet: *outletName}
	if strings.TrimSpace(q.Text) == "" {
		fs.Usage()
		return usageError("give a query")
	}
	var err error
	if q.Since, err = parseDateFlag("since", *since); err != nil {
		return err
	}
	if q.Until, err = parseDateFlag("until", *until); err != nil {
		return err
	}
	st, err := openStore(ctx, resolveDB(env, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	hits, err := st.Search(ctx, q)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(env.Stdout)
	hl := strings.NewReplacer(parallax.HitStart, "[", parallax.HitEnd, "]")
	plain := strings.NewReplacer(parallax.HitStart, "", parallax.HitEnd, "")
	for _, h := range hits {
		if *asJSON {
			h.Snippet = plain.Replace(h.Snippet)
			if err := enc.Encode(h); err != nil {
				return err
			}
			continue
		}
		date := ""
		if !h.Published.IsZero() {
			date = h.Published.Format("2006-01-02")
		}
		fmt.Fprintf(env.Stdout, "%s  %-10s %-24s %s\n    %s\n", h.ArticleID, date, oneLine(h.Outlet), oneLine(h.Title), oneLine(hl.Replace(h.Snippet)))
	}
	if len(hits) == 0 && !*asJSON {
		fmt.Fprintln(env.Stderr, "no matches")
	}
	return nil
}
