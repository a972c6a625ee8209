package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// headlineOptions makes ts_headline mark matched terms with the
// store-independent markers and keep snippets about as long as SQLite's.
var headlineOptions = fmt.Sprintf(`StartSel="%s", StopSel="%s", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`,
	parallax.HitStart, parallax.HitEnd)

// searchWindow is how many of the newest matches Search ranks. Ranking
// reads every candidate's tsvector, so ranking all of a common word's
// matches in a million articles would take seconds; among news, the best
// of the newest few thousand is what a reader wants.
const searchWindow = 1000

// Search returns the articles matching q.Text, best first, each with a
// snippet of its text in which matched terms are marked by
// parallax.HitStart and parallax.HitEnd.
//
// q.Text is read by websearch_to_tsquery, made for raw user input: words
// must all occur, "quoted words" as a phrase, OR between alternatives,
// -word excludes; nothing in it is an error. When more than searchWindow
// articles match, the newest of them are ranked.
func (s *DB) Search(ctx context.Context, q parallax.SearchQuery) ([]parallax.SearchHit, error) {
	text := strings.TrimSpace(pgText(q.Text))
	if text == "" {
		return nil, nil
	}
	var args params
	query := args.add(text)
	// A query of exclusions only ("-word") would match nearly everything
	// and no index can serve it; querytree reduces it to T. The sqlite
	// store matches nothing for it, and so does this one.
	where := []string{`tsv @@ websearch_to_tsquery('english', ` + query + `)`,
		`querytree(websearch_to_tsquery('english', ` + query + `)) <> 'T'`}
	if q.Outlet != "" {
		where = append(where, `outlet = `+args.add(pgText(q.Outlet)))
	}
	if !q.Since.IsZero() {
		where = append(where, `published >= `+args.add(q.Since.UTC()))
	}
	if !q.Until.IsZero() {
		where = append(where, `published < `+args.add(q.Until.UTC()))
	}
	opts := args.add(headlineOptions)
	window := max(searchWindow, q.Offset+q.Limit)
	// Take the newest matches (an index can deliver them without reading
	// the rest), rank and page those, then build headlines (which re-parse
	// the text) only for the page.
	sql := `SELECT a.id, coalesce(m.event_id, ''), a.title, a.outlet, a.meta::text,
			ts_headline('english', left(a.text, 300000), websearch_to_tsquery('english', ` + query + `), ` + opts + `), top.rank
		FROM (SELECT c.seq, ts_rank_cd(c.tsv, websearch_to_tsquery('english', ` + query + `), 1) AS rank
			FROM (SELECT seq, tsv FROM articles WHERE ` + strings.Join(where, ` AND `) + `
				ORDER BY seq DESC LIMIT ` + strconv.Itoa(window) + `) c
			ORDER BY rank DESC, c.seq` + limitOffset(q.Limit, q.Offset) + `) top
		JOIN articles a ON a.seq = top.seq LEFT JOIN memberships m ON m.article_id = a.id
		ORDER BY top.rank DESC, top.seq`
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	defer rows.Close()
	var hits []parallax.SearchHit
	for rows.Next() {
		var (
			h    parallax.SearchHit
			meta string
			rank float32
		)
		if err := rows.Scan(&h.ArticleID, &h.EventID, &h.Title, &h.Outlet, &meta, &h.Snippet, &rank); err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		h.Rank = float64(rank)
		h.Published = publishedFromMeta(meta)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return hits, nil
}

// publishedFromMeta reads Published from an article's meta JSON, where it
// keeps its zone.
func publishedFromMeta(meta string) time.Time {
	var v struct {
		Published time.Time `json:"published"`
	}
	if json.Unmarshal([]byte(meta), &v) != nil {
		return time.Time{}
	}
	return v.Published
}
