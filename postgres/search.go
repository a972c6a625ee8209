package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
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
// articles match, the newest of them are ranked (see candidates).
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
	// A fixed window keeps pages consistent: page 2 continues page 1.
	cands, err := s.candidates(ctx, strings.Join(where, ` AND `), args, searchWindow)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].Rank != cands[j].Rank {
			return cands[i].Rank > cands[j].Rank
		}
		return cands[i].Seq < cands[j].Seq
	})
	from := min(max(q.Offset, 0), len(cands))
	to := len(cands)
	if q.Limit > 0 {
		to = min(from+q.Limit, to)
	}
	page := cands[from:to]
	if len(page) == 0 {
		return nil, nil
	}
	seqs := make([]int64, len(page))
	rank := map[int64]float64{}
	for i, c := range page {
		seqs[i] = c.Seq
		rank[c.Seq] = float64(c.Rank)
	}
	// Headlines re-parse the text, so they are made for the page only.
	rows, err := s.pool.Query(ctx, `SELECT a.seq, a.id, coalesce(m.event_id, ''), a.title, a.outlet, a.meta::text,
			ts_headline('english', left(a.text, 300000), websearch_to_tsquery('english', $1), $2)
		FROM articles a LEFT JOIN memberships m ON m.article_id = a.id
		WHERE a.seq = ANY($3)`, text, headlineOptions, seqs)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	defer rows.Close()
	bySeq := map[int64]parallax.SearchHit{}
	for rows.Next() {
		var (
			h    parallax.SearchHit
			seq  int64
			meta string
		)
		if err := rows.Scan(&seq, &h.ArticleID, &h.EventID, &h.Title, &h.Outlet, &meta, &h.Snippet); err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		h.Rank = rank[seq]
		h.Published = publishedFromMeta(meta)
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

// candidate is an article matching a search, with its rank.
type candidate struct {
	Seq  int64
	Rank float32
}

// probeRows is how many of the newest articles candidates scans in seq
// order before it estimates how common the query is.
const probeRows = 4 * searchWindow

// candidates returns the seqs of the newest articles (at most window)
// matching where (in which args are numbered).
//
// No single plan finds them fast for every query: for a word in most
// articles, walking seqs backwards finds window matches at once; for a
// word in a few percent, that walk checks thousands of tsvectors per
// match, and a bitmap of the GIN index ANDed with a seq range is far
// cheaper; a rare word wants the GIN index alone. So it first walks the
// newest probeRows, then, if that found too few, estimates the word's
// frequency from it and asks the bitmap plans for a seq range expected to
// hold the window, widening it until it does or covers everything.
func (s *DB) candidates(ctx context.Context, where string, args params, window int) ([]candidate, error) {
	var maxSeq int64
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM articles`).Scan(&maxSeq); err != nil {
		return nil, err
	}
	// The rank is computed on the rows the scan reads anyway ($1 is the
	// query text).
	scan := func(tx pgx.Tx, lo int64) ([]candidate, error) {
		a := append(params{}, args...)
		rows, err := tx.Query(ctx, `SELECT seq, ts_rank_cd(tsv, websearch_to_tsquery('english', $1), 1)
			FROM articles WHERE `+where+` AND seq > `+a.add(lo)+`
			ORDER BY seq DESC LIMIT `+strconv.Itoa(window), a...)
		if err != nil {
			return nil, err
		}
		return pgx.CollectRows(rows, pgx.RowToStructByPos[candidate])
	}
	var cands []candidate
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		lo := max(maxSeq-probeRows, 0)
		var err error
		if cands, err = scan(tx, lo); err != nil {
			return err
		}
		if len(cands) >= window || lo == 0 {
			return nil
		}
		// The planner prices a tsvector check far below what it costs and
		// would walk the seq index again; bitmap plans only from here.
		if _, err := tx.Exec(ctx, `SET LOCAL enable_indexscan = off`); err != nil {
			return err
		}
		span := int64(0) // everything
		if len(cands) > 0 {
			span = int64(float64(probeRows) / float64(len(cands)) * float64(window) * 1.5)
		}
		for {
			lo = 0
			if span > 0 && span < maxSeq {
				lo = maxSeq - span
			}
			if cands, err = scan(tx, lo); err != nil {
				return err
			}
			if len(cands) >= window || lo == 0 {
				return nil
			}
			span *= 4
		}
	})
	return cands, err
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
