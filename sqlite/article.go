package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// spans is the JSON form of an article's paragraphs and sentences.
type spans struct {
	Paragraphs []parallax.Span `json:"p,omitempty"`
	Sentences  []parallax.Span `json:"s,omitempty"`
}

// encodedArticle is an article turned into column values before the write
// transaction starts, so that JSON encoding does not hold the write lock.
type encodedArticle struct {
	a          *parallax.Article
	meta       string
	spans      sql.NullString
	extraction sql.NullString
	mentions   []parallax.Mention
}

func encodeArticle(a *parallax.Article) (encodedArticle, error) {
	m := *a
	m.Text, m.Paragraphs, m.Sentences, m.Extraction = "", nil, nil, nil
	m.Seq, m.EventID, m.CopyOf, m.Stored = 0, "", "", time.Time{}
	meta, err := json.Marshal(&m)
	if err != nil {
		return encodedArticle{}, fmt.Errorf("encode article %s: %w", a.ID, err)
	}
	e := encodedArticle{a: a, meta: string(meta)}
	if len(a.Paragraphs) > 0 || len(a.Sentences) > 0 {
		e.spans = sql.NullString{String: encodeSpans(a.Paragraphs, a.Sentences), Valid: true}
	}
	if a.Extraction != nil {
		b, err := json.Marshal(a.Extraction)
		if err != nil {
			return encodedArticle{}, fmt.Errorf("encode article %s extraction: %w", a.ID, err)
		}
		e.extraction = sql.NullString{String: string(b), Valid: true}
		e.mentions = a.Extraction.Mentions()
	}
	return e, nil
}

// encodeSpans returns what json.Marshal(spans{paragraphs, sentences})
// does, written directly: an article has dozens of spans, and encoding
// them by reflection cost more than encoding the rest of the article.
func encodeSpans(paragraphs, sentences []parallax.Span) string {
	b := make([]byte, 0, 16+24*(len(paragraphs)+len(sentences)))
	b = append(b, '{')
	if len(paragraphs) > 0 {
		b = appendSpans(append(b, `"p":`...), paragraphs)
	}
	if len(sentences) > 0 {
		if len(paragraphs) > 0 {
			b = append(b, ',')
		}
		b = appendSpans(append(b, `"s":`...), sentences)
	}
	return string(append(b, '}'))
}

func appendSpans(b []byte, ss []parallax.Span) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(append(b, `{"start":`...), int64(s.Start), 10)
		b = strconv.AppendInt(append(b, `,"end":`...), int64(s.End), 10)
		b = append(b, '}')
	}
	return append(b, ']')
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
	enc := make([]encodedArticle, len(articles))
	for i, a := range articles {
		if a == nil {
			return nil, parallax.Errorf(parallax.EINVALID, "put articles: article %d is nil", i)
		}
		if a.ID == "" {
			a.ID = parallax.ArticleID(a.URL, a.Text)
		}
		e, err := encodeArticle(a)
		if err != nil {
			return nil, err
		}
		enc[i] = e
	}
	results := make([]parallax.PutResult, len(articles))
	// Stored keeps the precision both stores keep, so that a caller's copy
	// equals what a later read returns.
	now := s.now().UTC().Truncate(time.Microsecond)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		seqs, err := insertArticles(ctx, tx, enc, now)
		if err != nil {
			return err
		}
		stored := false
		var lookup *sql.Stmt
		defer func() {
			if lookup != nil {
				lookup.Close()
			}
		}()
		var mrows [][10]any
		for i, e := range enc {
			a := e.a
			seq, ok := seqs[a.ID]
			if !ok {
				// Stored before, or earlier in this batch.
				if lookup == nil {
					if lookup, err = tx.PrepareContext(ctx, `SELECT seq FROM articles WHERE id = ?`); err != nil {
						return fmt.Errorf("prepare article lookup: %w", err)
					}
				}
				if err := lookup.QueryRowContext(ctx, a.ID).Scan(&seq); err != nil {
					return fmt.Errorf("look up duplicate article %s: %w", a.ID, err)
				}
				results[i] = parallax.PutResult{ID: a.ID, Status: parallax.Duplicate, Seq: seq}
				continue
			}
			delete(seqs, a.ID) // a later copy in the batch is a duplicate
			results[i] = parallax.PutResult{ID: a.ID, Status: parallax.Stored, Seq: seq}
			stored = true
			for _, m := range e.mentions {
				mrows = append(mrows, [10]any{a.ID, m.Kind, m.Start, m.End, m.Text, m.Type, m.Value, m.EntityID, m.Name, m.Role})
			}
		}
		if !stored {
			return nil
		}
		if err := insertMentions(ctx, tx, mrows); err != nil {
			return err
		}
		return indexArticles(ctx, tx, ftsChunk)
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

// ftsChunk is how many stored articles wait before PutArticles adds them
// to the full-text index, all in one statement. FTS5 writes an index
// segment per transaction and merges the segments as they pile up; with a
// segment per ingest batch of 256, flushing and merging cost an eighth of
// the time to store an article. Open, Search and Close index the articles
// still waiting (see pendingIndex), so that searches see them all.
const ftsChunk = 2048

// indexArticles adds the articles stored after the last one in the
// full-text index to it, when at least least of them wait. It runs in a
// write transaction, so no other writer adds or indexes articles meanwhile.
func indexArticles(ctx context.Context, tx *sql.Tx, least int64) error {
	var indexed, last int64
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT seq FROM fts_indexed), coalesce((SELECT max(seq) FROM articles), 0)`).Scan(&indexed, &last); err != nil {
		return fmt.Errorf("index articles: %w", err)
	}
	if last-indexed < max(least, 1) {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, text)
		SELECT seq, title, text FROM articles WHERE seq > ?`, indexed); err != nil {
		return fmt.Errorf("index articles: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE fts_indexed SET seq = ?`, last); err != nil {
		return fmt.Errorf("index articles: %w", err)
	}
	return nil
}

// indexPending adds every article still waiting to the full-text index.
// A read tells first whether any waits, so that a search of an indexed
// store never takes the write lock.
func (s *DB) indexPending(ctx context.Context) error {
	var waiting bool
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT seq FROM fts_indexed) < coalesce((SELECT max(seq) FROM articles), 0)`).Scan(&waiting); err != nil {
		return fmt.Errorf("index articles: %w", err)
	}
	if !waiting {
		return nil
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error { return indexArticles(ctx, tx, 1) })
}

// articleChunk is how many articles one INSERT statement carries.
const articleChunk = 32

// insertArticles inserts the articles whose ids are not stored yet with
// multi-row INSERT statements and returns the seq of each by id. An id
// that occurs twice in enc is inserted once. One statement per article
// cost more than its row: SQLite journals the pages every statement
// touches, in case a foreign-key check makes it roll back.
func insertArticles(ctx context.Context, tx *sql.Tx, enc []encodedArticle, now time.Time) (map[string]int64, error) {
	const insert = `INSERT INTO articles (id, external_id, outlet, title, published, stored, text, meta, spans, extraction) VALUES `
	const tuple = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlFor := func(n int) string {
		return insert + strings.Repeat(tuple+", ", n-1) + tuple + ` ON CONFLICT (id) DO NOTHING RETURNING id, seq`
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	seqs := make(map[string]int64, len(enc))
	args := make([]any, 0, 10*articleChunk)
	for len(enc) > 0 {
		n := min(len(enc), articleChunk)
		args = args[:0]
		for _, e := range enc[:n] {
			a := e.a
			args = append(args, a.ID, nullString(a.ExternalID), a.Outlet.Name, a.Title,
				micros(a.Published), now.UnixMicro(), a.Text, e.meta, e.spans, e.extraction)
		}
		var rows *sql.Rows
		var err error
		if n == articleChunk {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, sqlFor(n)); err != nil {
					return nil, fmt.Errorf("prepare article insert: %w", err)
				}
			}
			rows, err = full.QueryContext(ctx, args...)
		} else {
			rows, err = tx.QueryContext(ctx, sqlFor(n), args...)
		}
		if err != nil {
			return nil, fmt.Errorf("insert articles: %w", err)
		}
		for rows.Next() {
			var id string
			var seq int64
			if err := rows.Scan(&id, &seq); err != nil {
				rows.Close()
				return nil, fmt.Errorf("insert articles: %w", err)
			}
			seqs[id] = seq
		}
		err = rows.Err()
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("insert articles: %w", err)
		}
		enc = enc[n:]
	}
	return seqs, nil
}

// mentionChunk is how many mentions one INSERT statement carries.
const mentionChunk = 100

// insertMentions inserts rows with multi-row INSERT statements: a
// statement per mention cost more than all the rest of the batch.
func insertMentions(ctx context.Context, tx *sql.Tx, rows [][10]any) error {
	const insert = `INSERT INTO mentions (article_id, kind, start, "end", text, type, value, entity_id, name, role) VALUES `
	const tuple = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlFor := func(n int) string {
		return insert + strings.Repeat(tuple+", ", n-1) + tuple
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, 10*mentionChunk)
	for len(rows) > 0 {
		n := min(len(rows), mentionChunk)
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r[:]...)
		}
		var err error
		if n == mentionChunk {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, sqlFor(n)); err != nil {
					return fmt.Errorf("prepare mention insert: %w", err)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, sqlFor(n), args...)
		}
		if err != nil {
			return fmt.Errorf("insert mentions: %w", err)
		}
		rows = rows[n:]
	}
	return nil
}

// articleColumns lists what scanArticle reads; the text columns are
// replaced by empty values when a query asks for articles without text.
func articleColumns(withText bool) string {
	if withText {
		return `seq, id, outlet, title, published, stored, text, meta, spans, extraction, event_id, copy_of`
	}
	return `seq, id, outlet, title, published, stored, '', meta, NULL, NULL, event_id, copy_of`
}

type scanner interface{ Scan(dest ...any) error }

func scanArticle(row scanner) (*parallax.Article, error) {
	var (
		seq               int64
		id, outlet, title string
		published, stored sql.NullInt64
		text, meta        string
		sp, extraction    sql.NullString
		eventID, copyOf   sql.NullString
	)
	if err := row.Scan(&seq, &id, &outlet, &title, &published, &stored, &text, &meta, &sp, &extraction, &eventID, &copyOf); err != nil {
		return nil, err
	}
	a := new(parallax.Article)
	if err := json.Unmarshal([]byte(meta), a); err != nil {
		return nil, fmt.Errorf("decode article %s: %w", id, err)
	}
	a.Seq, a.ID, a.Title, a.Text = seq, id, title, text
	a.Outlet.Name = outlet
	// The meta JSON keeps Published with its zone and full precision; the
	// column only serves ordering and filters.
	a.Stored = fromMicros(stored)
	a.EventID, a.CopyOf = eventID.String, copyOf.String
	if sp.Valid {
		var v spans
		if err := json.Unmarshal([]byte(sp.String), &v); err != nil {
			return nil, fmt.Errorf("decode article %s spans: %w", id, err)
		}
		a.Paragraphs, a.Sentences = v.Paragraphs, v.Sentences
	}
	if extraction.Valid {
		a.Extraction = new(parallax.Extraction)
		if err := json.Unmarshal([]byte(extraction.String), a.Extraction); err != nil {
			return nil, fmt.Errorf("decode article %s extraction: %w", id, err)
		}
	}
	return a, nil
}

// Article returns the article with the given id, or else the first stored
// article with that external id.
func (s *DB) Article(ctx context.Context, id string) (*parallax.Article, error) {
	cols := articleColumns(true)
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM articles WHERE id = ?`, id))
	if isNoRows(err) {
		a, err = scanArticle(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM articles WHERE external_id = ? ORDER BY seq LIMIT 1`, id))
	}
	if isNoRows(err) {
		var body []byte
		switch err := s.db.QueryRowContext(ctx, `SELECT article FROM pending WHERE id = ?`, id).Scan(&body); {
		case isNoRows(err):
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

// Articles returns the articles q selects.
func (s *DB) Articles(ctx context.Context, q parallax.ArticleQuery) ([]*parallax.Article, error) {
	var (
		where []string
		args  []any
	)
	if len(q.IDs) > 0 {
		ids, err := json.Marshal(q.IDs)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		where = append(where, `id IN (SELECT value FROM json_each(?))`)
		args = append(args, string(ids))
	}
	if q.EventID != "" {
		where = append(where, `event_id = ?`)
		args = append(args, q.EventID)
	}
	if q.Outlet != "" {
		where = append(where, `outlet = ?`)
		args = append(args, q.Outlet)
	}
	if !q.Since.IsZero() {
		where = append(where, `published >= ?`)
		args = append(args, q.Since.UnixMicro())
	}
	if !q.Until.IsZero() {
		where = append(where, `published < ?`)
		args = append(args, q.Until.UnixMicro())
	}
	if q.AfterSeq > 0 {
		where = append(where, `seq > ?`)
		args = append(args, q.AfterSeq)
	}
	if q.Unclustered {
		where = append(where, `event_id IS NULL`)
	}
	var order string
	switch q.Order {
	case "", "seq":
		order = `seq`
	case "published":
		order = `published IS NULL, published, seq`
	case "-published":
		order = `published IS NULL, published DESC, seq DESC`
	default:
		return nil, parallax.Errorf(parallax.EINVALID, "list articles: unknown order %q (want seq, published or -published)", q.Order)
	}
	query := `SELECT ` + articleColumns(!q.WithoutText) + ` FROM articles`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY ` + order + limitOffset(q.Limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, query, args...)
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
	if offset < 0 {
		offset = 0
	}
	switch {
	case limit > 0 && offset > 0:
		return fmt.Sprintf(` LIMIT %d OFFSET %d`, limit, offset)
	case limit > 0:
		return fmt.Sprintf(` LIMIT %d`, limit)
	case offset > 0:
		return fmt.Sprintf(` LIMIT -1 OFFSET %d`, offset)
	}
	return ""
}

// CountArticles returns the number of stored articles.
func (s *DB) CountArticles(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}
