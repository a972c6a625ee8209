package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/parallax-news/parallax"
)

// searchWindow is how many of the newest matches Search ranks: ranking
// every match of a common word in a large store takes too long, and among
// news the best of the newest thousand is what a reader wants. (The
// postgres store uses the same window.)
const searchWindow = 1000

// Search returns the articles matching q.Text, best first, each with a
// snippet of its text in which matched terms are marked by
// parallax.HitStart and parallax.HitEnd.
//
// q.Text is read the way web search engines (and PostgreSQL's
// websearch_to_tsquery) read it: words must all occur, "quoted words" as a
// phrase, OR between alternatives, -word excludes. Anything else in it is
// treated as text, never as FTS5 syntax, so no user input is an error.
// When more than searchWindow articles match, the newest of them are
// ranked.
func (s *DB) Search(ctx context.Context, q parallax.SearchQuery) ([]parallax.SearchHit, error) {
	match := ftsQuery(q.Text)
	if match == "" {
		return nil, nil
	}
	if err := s.indexPending(ctx); err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	where := []string{`articles_fts MATCH ?`}
	args := []any{match}
	if q.Outlet != "" {
		where = append(where, `a.outlet = ?`)
		args = append(args, q.Outlet)
	}
	if !q.Since.IsZero() {
		where = append(where, `a.published >= ?`)
		args = append(args, q.Since.UnixMicro())
	}
	if !q.Until.IsZero() {
		where = append(where, `a.published < ?`)
		args = append(args, q.Until.UnixMicro())
	}
	// A fixed window keeps pages consistent: page 2 continues page 1.
	window := searchWindow
	// FTS5 hands out matches newest first and stops after the window, so
	// a common word does not make every match ranked. Titles weigh more
	// than texts: a word in the headline says more about the article.
	page := `SELECT seq, rank FROM (
			SELECT articles_fts.rowid AS seq, -bm25(articles_fts, 4.0, 1.0) AS rank
			FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
			WHERE ` + strings.Join(where, ` AND `) + `
			ORDER BY articles_fts.rowid DESC LIMIT ` + strconv.Itoa(window) + `)
		ORDER BY rank DESC, seq` + limitOffset(q.Limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, page, args...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	var (
		seqs  []int64
		ranks = map[int64]float64{}
	)
	for rows.Next() {
		var seq int64
		var rank float64
		if err := rows.Scan(&seq, &rank); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		seqs = append(seqs, seq)
		ranks[seq] = rank
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	if len(seqs) == 0 {
		return nil, nil
	}
	// Snippets re-tokenize the text, so they are made for the page only.
	list, err := json.Marshal(seqs)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT a.seq, a.id, a.event_id, a.title, a.outlet, a.meta,
			snippet(articles_fts, 1, ?, ?, '…', 24)
		FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
		WHERE articles_fts MATCH ? AND articles_fts.rowid IN (SELECT value FROM json_each(?))`,
		parallax.HitStart, parallax.HitEnd, match, string(list))
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	defer rows.Close()
	bySeq := map[int64]parallax.SearchHit{}
	for rows.Next() {
		var (
			h       parallax.SearchHit
			seq     int64
			eventID sql.NullString
			meta    string
		)
		if err := rows.Scan(&seq, &h.ArticleID, &eventID, &h.Title, &h.Outlet, &meta, &h.Snippet); err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		h.EventID = eventID.String
		h.Published = publishedFromMeta(meta)
		h.Rank = ranks[seq]
		bySeq[seq] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	hits := make([]parallax.SearchHit, 0, len(seqs))
	for _, seq := range seqs {
		if h, ok := bySeq[seq]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// ftsQuery translates a web-search style query into an FTS5 expression in
// which every term is a quoted string. It returns "" when nothing
// searchable is left (an empty query, only punctuation, only exclusions).
func ftsQuery(text string) string {
	// NUL ends a string inside FTS5's parser; invalid UTF-8 matches nothing.
	text = strings.ReplaceAll(strings.ToValidUTF8(text, " "), "\x00", " ")
	type term struct {
		s   string
		neg bool
	}
	var (
		groups [][]term
		cur    []term
		neg    bool
	)
	flush := func() {
		if len(cur) > 0 {
			groups = append(groups, cur)
		}
		cur = nil
	}
	add := func(s string, quoted bool) {
		if !searchable(s) {
			neg = false
			return
		}
		if !quoted && strings.EqualFold(s, "or") && len(cur) > 0 {
			flush()
			neg = false
			return
		}
		cur = append(cur, term{s, neg})
		neg = false
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '"':
			j := strings.IndexByte(text[i+1:], '"')
			var phrase string
			if j < 0 {
				phrase, i = text[i+1:], len(text)
			} else {
				phrase, i = text[i+1:i+1+j], i+2+j
			}
			add(phrase, true)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			neg = false
			i++
		case c == '-' && (i+1 < len(text) && text[i+1] != ' '):
			neg = true
			i++
		default:
			j := i
			for j < len(text) && !strings.ContainsRune(" \t\n\r\f\v\"", rune(text[j])) {
				j++
			}
			add(text[i:j], false)
			i = j
		}
	}
	flush()
	var alts []string
	for _, g := range groups {
		var pos, negs []string
		for _, t := range g {
			q := `"` + strings.ReplaceAll(t.s, `"`, `""`) + `"`
			if t.neg {
				negs = append(negs, q)
			} else {
				pos = append(pos, q)
			}
		}
		if len(pos) == 0 {
			// FTS5 cannot express "documents without X"; a group of
			// exclusions alone matches nothing.
			continue
		}
		expr := strings.Join(pos, " AND ")
		for _, n := range negs {
			expr += " NOT " + n
		}
		alts = append(alts, "("+expr+")")
	}
	return strings.Join(alts, " OR ")
}

// searchable reports whether s holds a letter or digit, the only things
// the tokenizer indexes; a term without any would be an empty phrase.
func searchable(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
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
