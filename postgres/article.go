package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

// spans is the JSON form of an article's paragraphs and sentences.
type spans struct {
	Paragraphs []parallax.Span `json:"p,omitempty"`
	Sentences  []parallax.Span `json:"s,omitempty"`
}

// batch holds a batch of articles as column arrays, encoded before the
// write transaction starts so that encoding does not hold the lock.
type batch struct {
	ids, outlets, titles, texts, metas []string
	externals, spans, extractions      []*string
	published                          []*time.Time
	mentions                           [][]parallax.Mention
}

func encodeBatch(articles []*parallax.Article) (*batch, error) {
	n := len(articles)
	b := &batch{
		ids: make([]string, n), outlets: make([]string, n), titles: make([]string, n), texts: make([]string, n),
		metas: make([]string, n), externals: make([]*string, n), spans: make([]*string, n), extractions: make([]*string, n),
		published: make([]*time.Time, n), mentions: make([][]parallax.Mention, n),
	}
	for i, a := range articles {
		if a == nil {
			return nil, parallax.Errorf(parallax.EINVALID, "put articles: article %d is nil", i)
		}
		if a.ID == "" {
			a.ID = parallax.ArticleID(a.URL, a.Text)
		}
		m := *a
		m.Text, m.Paragraphs, m.Sentences, m.Extraction = "", nil, nil, nil
		m.Seq, m.EventID, m.CopyOf, m.Stored = 0, "", "", time.Time{}
		meta, err := json.Marshal(&m)
		if err != nil {
			return nil, fmt.Errorf("encode article %s: %w", a.ID, err)
		}
		b.ids[i], b.outlets[i], b.titles[i], b.texts[i] = pgText(a.ID), pgText(a.Outlet.Name), pgText(a.Title), pgText(a.Text)
		b.metas[i], b.externals[i], b.published[i] = string(meta), nullString(pgText(a.ExternalID)), ts(a.Published)
		if len(a.Paragraphs) > 0 || len(a.Sentences) > 0 {
			js, err := json.Marshal(spans{a.Paragraphs, a.Sentences})
			if err != nil {
				return nil, fmt.Errorf("encode article %s spans: %w", a.ID, err)
			}
			s := string(js)
			b.spans[i] = &s
		}
		if a.Extraction != nil {
			js, err := json.Marshal(a.Extraction)
			if err != nil {
				return nil, fmt.Errorf("encode article %s extraction: %w", a.ID, err)
			}
			s := string(js)
			b.extractions[i] = &s
			b.mentions[i] = a.Extraction.Mentions()
		}
	}
	return b, nil
}

// PutArticles stores a batch of articles in one transaction, each with its
// extraction and mentions. An article whose id is already stored (or
// appears earlier in the batch) is left as it is and reported Duplicate
// with the stored Seq. Stored articles get their Seq and Stored time set.
// An article without an id gets parallax.ArticleID of its URL and text.
func (s *DB) PutArticles(ctx context.Context, articles []*parallax.Article) ([]parallax.PutResult, error) {
	if len(articles) == 0 {
		return nil, nil
	}
	b, err := encodeBatch(articles)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	results := make([]parallax.PutResult, len(articles))
	err = s.writeTx(ctx, lockArticles, func(tx pgx.Tx) error {
		// The ORDER BY hands out seqs in input order; ON CONFLICT skips ids
		// stored before and repeats within the batch.
		rows, err := tx.Query(ctx, `INSERT INTO articles
				(id, external_id, outlet, title, published, stored, text, meta, spans, extraction)
			SELECT id, ext, outlet, title, pub, $7, text, meta::json, spans::json, extraction::json
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $8::text[], $9::text[], $10::text[])
				WITH ORDINALITY AS t (id, ext, outlet, title, pub, text, meta, spans, extraction, ord)
			ORDER BY ord
			ON CONFLICT (id) DO NOTHING
			RETURNING id, seq`,
			b.ids, b.externals, b.outlets, b.titles, b.published, b.texts, now, b.metas, b.spans, b.extractions)
		if err != nil {
			return fmt.Errorf("insert articles: %w", err)
		}
		stored := map[string]int64{}
		for rows.Next() {
			var id string
			var seq int64
			if err := rows.Scan(&id, &seq); err != nil {
				return fmt.Errorf("insert articles: %w", err)
			}
			stored[id] = seq
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("insert articles: %w", err)
		}
		var dups []string
		var mrows [][]any
		for i, id := range b.ids {
			if seq, ok := stored[id]; ok {
				results[i] = parallax.PutResult{ID: articles[i].ID, Status: parallax.Stored, Seq: seq}
				delete(stored, id)
				for _, m := range b.mentions[i] {
					mrows = append(mrows, []any{id, m.Kind, int32(m.Start), int32(m.End), pgText(m.Text), pgText(m.Type),
						pgText(m.Value), pgText(m.EntityID), pgText(m.Name), pgText(m.Role)})
				}
				continue
			}
			results[i] = parallax.PutResult{ID: articles[i].ID, Status: parallax.Duplicate}
			dups = append(dups, id)
		}
		if len(dups) > 0 {
			seqs := map[string]int64{}
			rows, err := tx.Query(ctx, `SELECT id, seq FROM articles WHERE id = ANY($1)`, dups)
			if err != nil {
				return fmt.Errorf("look up duplicates: %w", err)
			}
			for rows.Next() {
				var id string
				var seq int64
				if err := rows.Scan(&id, &seq); err != nil {
					return fmt.Errorf("look up duplicates: %w", err)
				}
				seqs[id] = seq
			}
			if err := rows.Err(); err != nil {
				return fmt.Errorf("look up duplicates: %w", err)
			}
			for i := range results {
				if results[i].Status == parallax.Duplicate {
					results[i].Seq = seqs[b.ids[i]]
				}
			}
		}
		if len(mrows) > 0 {
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"mentions"},
				[]string{"article_id", "kind", "start", "end", "text", "type", "value", "entity_id", "name", "role"},
				pgx.CopyFromRows(mrows)); err != nil {
				return fmt.Errorf("insert mentions: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("put articles: %w", err)
	}
	for i, r := range results {
		if r.Status == parallax.Stored {
			articles[i].Seq = r.Seq
			articles[i].Stored = now
		}
	}
	return results, nil
}

// articleColumns lists what scanArticle reads; the text columns are
// replaced by empty values when a query asks for articles without text.
func articleColumns(withText bool) string {
	if withText {
		return `a.seq, a.id, a.outlet, a.title, a.stored, a.text, a.meta::text, a.spans::text, a.extraction::text, m.event_id, m.copy_of`
	}
	return `a.seq, a.id, a.outlet, a.title, a.stored, '', a.meta::text, NULL::text, NULL::text, m.event_id, m.copy_of`
}

// articleFrom joins each article with its membership.
const articleFrom = ` FROM articles a LEFT JOIN memberships m ON m.article_id = a.id`

func scanArticle(row pgx.Row) (*parallax.Article, error) {
	var (
		seq                        int64
		id, outlet, title, text    string
		meta                       string
		stored                     *time.Time
		sp, extraction, ev, copyOf *string
	)
	if err := row.Scan(&seq, &id, &outlet, &title, &stored, &text, &meta, &sp, &extraction, &ev, &copyOf); err != nil {
		return nil, err
	}
	a := new(parallax.Article)
	if err := json.Unmarshal([]byte(meta), a); err != nil {
		return nil, fmt.Errorf("decode article %s: %w", id, err)
	}
	// The meta JSON keeps Published with its zone and full precision; the
	// column only serves ordering and filters.
	a.Seq, a.ID, a.Title, a.Text = seq, id, title, text
	a.Outlet.Name = outlet
	a.Stored = fromTS(stored)
	if ev != nil {
		a.EventID = *ev
	}
	if copyOf != nil {
		a.CopyOf = *copyOf
	}
	if sp != nil {
		var v spans
		if err := json.Unmarshal([]byte(*sp), &v); err != nil {
			return nil, fmt.Errorf("decode article %s spans: %w", id, err)
		}
		a.Paragraphs, a.Sentences = v.Paragraphs, v.Sentences
	}
	if extraction != nil {
		a.Extraction = new(parallax.Extraction)
		if err := json.Unmarshal([]byte(*extraction), a.Extraction); err != nil {
			return nil, fmt.Errorf("decode article %s extraction: %w", id, err)
		}
	}
	return a, nil
}

// Article returns the article with the given id, or else the first stored
// article with that external id.
func (s *DB) Article(ctx context.Context, id string) (*parallax.Article, error) {
	cols := articleColumns(true)
	id = pgText(id)
	a, err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+cols+articleFrom+` WHERE a.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		a, err = scanArticle(s.pool.QueryRow(ctx, `SELECT `+cols+articleFrom+` WHERE a.external_id = $1 ORDER BY a.seq LIMIT 1`, id))
	}
	if errors.Is(err, pgx.ErrNoRows) {
		var body []byte
		switch err := s.pool.QueryRow(ctx, `SELECT article FROM pending WHERE id = $1`, id).Scan(&body); {
		case errors.Is(err, pgx.ErrNoRows):
			return nil, notFound("article", id)
		case err != nil:
			return nil, fmt.Errorf("get article %s: %w", id, err)
		}
		return parallax.PendingArticle(id, body)
	}
	if err != nil {
		return nil, fmt.Errorf("get article %s: %w", id, err)
	}
	return a, nil
}

// params collects query arguments and names their placeholders.
type params []any

func (p *params) add(v any) string {
	*p = append(*p, v)
	return "$" + strconv.Itoa(len(*p))
}

// Articles returns the articles q selects.
func (s *DB) Articles(ctx context.Context, q parallax.ArticleQuery) ([]*parallax.Article, error) {
	var (
		where []string
		args  params
	)
	if len(q.IDs) > 0 {
		ids := make([]string, len(q.IDs))
		for i, id := range q.IDs {
			ids[i] = pgText(id)
		}
		where = append(where, `a.id = ANY(`+args.add(ids)+`)`)
	}
	if q.EventID != "" {
		where = append(where, `m.event_id = `+args.add(pgText(q.EventID)))
	}
	if q.Outlet != "" {
		where = append(where, `a.outlet = `+args.add(pgText(q.Outlet)))
	}
	if !q.Since.IsZero() {
		where = append(where, `a.published >= `+args.add(q.Since.UTC()))
	}
	if !q.Until.IsZero() {
		where = append(where, `a.published < `+args.add(q.Until.UTC()))
	}
	if q.AfterSeq > 0 {
		where = append(where, `a.seq > `+args.add(q.AfterSeq))
	}
	if q.Unclustered {
		where = append(where, `m.article_id IS NULL`)
	}
	var order string
	switch q.Order {
	case "", "seq":
		order = `a.seq`
	case "published":
		order = `a.published ASC NULLS LAST, a.seq`
	case "-published":
		order = `a.published DESC NULLS LAST, a.seq DESC`
	default:
		return nil, parallax.Errorf(parallax.EINVALID, "list articles: unknown order %q (want seq, published or -published)", q.Order)
	}
	query := `SELECT ` + articleColumns(!q.WithoutText) + articleFrom
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY ` + order + limitOffset(q.Limit, q.Offset)
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []*parallax.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// limitOffset renders LIMIT and OFFSET; a limit of zero or less means no
// limit.
func limitOffset(limit, offset int) string {
	var s string
	if limit > 0 {
		s += fmt.Sprintf(` LIMIT %d`, limit)
	}
	if offset > 0 {
		s += fmt.Sprintf(` OFFSET %d`, offset)
	}
	return s
}

// CountArticles returns the number of stored articles.
func (s *DB) CountArticles(ctx context.Context) (int64, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}
