package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
)

// SaveEvents upserts events and sets the memberships given, in one
// transaction. Each touched event's Articles, Outlets, First and Last are
// then recomputed from its memberships, so that processes saving the same
// event concurrently never lose each other's counts.
func (s *DB) SaveEvents(ctx context.Context, events []*parallax.Event, members []parallax.Membership) error {
	if err := s.writeTx(ctx, func(tx *sql.Tx) error {
		return saveEvents(ctx, tx, events, members)
	}); err != nil {
		return fmt.Errorf("save events: %w", err)
	}
	return nil
}

// ReplaceEvents deletes all events and memberships and stores these, in
// one transaction: readers see the old grouping or the new, never a mix.
func (s *DB) ReplaceEvents(ctx context.Context, events []*parallax.Event, members []parallax.Membership) error {
	if err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET event_id = NULL, copy_of = NULL, score = NULL, why = NULL
			WHERE event_id IS NOT NULL OR copy_of IS NOT NULL`); err != nil {
			return fmt.Errorf("clear memberships: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM events`); err != nil {
			return fmt.Errorf("delete events: %w", err)
		}
		return saveEvents(ctx, tx, events, members)
	}); err != nil {
		return fmt.Errorf("replace events: %w", err)
	}
	return nil
}

func saveEvents(ctx context.Context, tx *sql.Tx, events []*parallax.Event, members []parallax.Membership) error {
	touched := map[string]bool{}
	// The events articles were in before the call and are in after it,
	// for the events an article left.
	before := map[string]sql.NullString{}
	after := map[string]string{}
	if len(events) > 0 {
		up, err := tx.PrepareContext(ctx, `INSERT INTO events
			(id, title, first, last, updated, articles, outlets, closed, thin, conflicts, summary)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first, last = excluded.last,
				updated = excluded.updated, articles = excluded.articles, outlets = excluded.outlets,
				closed = excluded.closed, thin = excluded.thin, conflicts = excluded.conflicts, summary = excluded.summary`)
		if err != nil {
			return fmt.Errorf("prepare event upsert: %w", err)
		}
		defer up.Close()
		for i, e := range events {
			if e == nil || e.ID == "" {
				return parallax.Errorf(parallax.EINVALID, "event %d has no id", i)
			}
			summary, err := encodeSummary(e.Summary)
			if err != nil {
				return fmt.Errorf("encode event %s: %w", e.ID, err)
			}
			if _, err := up.ExecContext(ctx, e.ID, e.Title, micros(e.First), micros(e.Last), micros(e.Updated),
				e.Articles, e.Outlets, e.Closed, e.Thin, e.Conflicts, summary); err != nil {
				return fmt.Errorf("upsert event %s: %w", e.ID, err)
			}
			touched[e.ID] = true
		}
	}
	if len(members) > 0 {
		known := map[string]bool{}
		for id := range touched {
			known[id] = true
		}
		exists, err := tx.PrepareContext(ctx, `SELECT 1 FROM events WHERE id = ?`)
		if err != nil {
			return fmt.Errorf("prepare event lookup: %w", err)
		}
		defer exists.Close()
		old, err := tx.PrepareContext(ctx, `SELECT event_id FROM articles WHERE id = ?`)
		if err != nil {
			return fmt.Errorf("prepare membership lookup: %w", err)
		}
		defer old.Close()
		set, err := tx.PrepareContext(ctx, `UPDATE articles SET event_id = ?, copy_of = ?, score = ?, why = ? WHERE id = ?`)
		if err != nil {
			return fmt.Errorf("prepare membership update: %w", err)
		}
		defer set.Close()
		for _, m := range members {
			if m.EventID != "" && !known[m.EventID] {
				var one int
				if err := exists.QueryRowContext(ctx, m.EventID).Scan(&one); isNoRows(err) {
					return parallax.Errorf(parallax.EINVALID, "membership of article %s names unknown event %s", m.ArticleID, m.EventID)
				} else if err != nil {
					return fmt.Errorf("look up event %s: %w", m.EventID, err)
				}
				known[m.EventID] = true
			}
			var prev sql.NullString
			if err := old.QueryRowContext(ctx, m.ArticleID).Scan(&prev); isNoRows(err) {
				return parallax.Errorf(parallax.ENOTFOUND, "membership names unknown article %s", m.ArticleID)
			} else if err != nil {
				return fmt.Errorf("look up article %s: %w", m.ArticleID, err)
			}
			var why sql.NullString
			if len(m.Why) > 0 && !json.Valid(m.Why) {
				return parallax.Errorf(parallax.EINVALID, "membership of article %s: why is not JSON", m.ArticleID)
			}
			if len(m.Why) > 0 {
				why = sql.NullString{String: string(m.Why), Valid: true}
			}
			score := sql.NullFloat64{Float64: m.Score, Valid: m.EventID != ""}
			if _, err := set.ExecContext(ctx, nullString(m.EventID), nullString(m.CopyOf), score, why, m.ArticleID); err != nil {
				return fmt.Errorf("set membership of article %s: %w", m.ArticleID, err)
			}
			if prev.Valid {
				touched[prev.String] = true
			}
			if _, ok := before[m.ArticleID]; !ok {
				before[m.ArticleID] = prev
			}
			after[m.ArticleID] = m.EventID
			if m.EventID != "" {
				touched[m.EventID] = true
			}
		}
	}
	if len(touched) == 0 {
		return nil
	}
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	// Counts come from the memberships; First and Last too when members
	// have publication times, else the caller's values stand.
	re, err := tx.PrepareContext(ctx, `UPDATE events SET
		articles = (SELECT count(*) FROM articles WHERE event_id = events.id),
		outlets = (SELECT count(DISTINCT outlet) FROM articles WHERE event_id = events.id),
		first = coalesce((SELECT min(published) FROM articles WHERE event_id = events.id), first),
		last = coalesce((SELECT max(published) FROM articles WHERE event_id = events.id), last)
		WHERE id = ?`)
	if err != nil {
		return fmt.Errorf("prepare event recount: %w", err)
	}
	defer re.Close()
	for _, id := range ids {
		if _, err := re.ExecContext(ctx, id); err != nil {
			return fmt.Errorf("recount event %s: %w", id, err)
		}
	}
	// An event whose last article moved to another no longer exists.
	left := map[string]bool{}
	for a, prev := range before {
		if prev.Valid && prev.String != after[a] {
			left[prev.String] = true
		}
	}
	for _, id := range ids {
		if !left[id] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id = ? AND articles = 0`, id); err != nil {
			return fmt.Errorf("delete emptied event %s: %w", id, err)
		}
	}
	return nil
}

func encodeSummary(summary []string) (sql.NullString, error) {
	if len(summary) == 0 {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(summary)
	if err != nil {
		return sql.NullString{}, err
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

const eventColumns = `id, title, first, last, updated, articles, outlets, closed, thin, conflicts, summary`

func scanEvent(row scanner) (*parallax.Event, error) {
	var (
		e                    parallax.Event
		first, last, updated sql.NullInt64
		summary              sql.NullString
	)
	if err := row.Scan(&e.ID, &e.Title, &first, &last, &updated, &e.Articles, &e.Outlets, &e.Closed, &e.Thin, &e.Conflicts, &summary); err != nil {
		return nil, err
	}
	e.First, e.Last, e.Updated = fromMicros(first), fromMicros(last), fromMicros(updated)
	if summary.Valid {
		if err := json.Unmarshal([]byte(summary.String), &e.Summary); err != nil {
			return nil, fmt.Errorf("decode event %s summary: %w", e.ID, err)
		}
	}
	return &e, nil
}

// minPrefix is the shortest id prefix Event accepts, so that a stray
// short string does not pick an arbitrary event.
const minPrefix = 4

// Event returns the event with the given id or unique id prefix.
func (s *DB) Event(ctx context.Context, id string) (*parallax.Event, error) {
	e, err := scanEvent(s.db.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id))
	if err == nil {
		return e, nil
	}
	if !isNoRows(err) {
		return nil, fmt.Errorf("get event %s: %w", id, err)
	}
	if len(id) < minPrefix {
		return nil, notFound("event", id)
	}
	// Every id starting with the prefix sorts between it and the prefix
	// followed by the greatest code point.
	rows, err := s.db.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id >= ? AND id < ? ORDER BY id LIMIT 2`,
		id, id+"\U0010FFFF")
	if err != nil {
		return nil, fmt.Errorf("get event %s: %w", id, err)
	}
	defer rows.Close()
	var found []*parallax.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("get event %s: %w", id, err)
		}
		found = append(found, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("get event %s: %w", id, err)
	}
	switch len(found) {
	case 0:
		return nil, notFound("event", id)
	case 1:
		return found[0], nil
	}
	return nil, parallax.Errorf(parallax.EINVALID, "event id prefix %q is ambiguous (%s, %s, …): give more characters", id, found[0].ID, found[1].ID)
}

// Events returns the events q selects, most recent activity first.
func (s *DB) Events(ctx context.Context, q parallax.EventQuery) ([]*parallax.Event, error) {
	var (
		where []string
		args  []any
	)
	if !q.Since.IsZero() {
		where = append(where, `last >= ?`)
		args = append(args, q.Since.UnixMicro())
	}
	if !q.Until.IsZero() {
		where = append(where, `first < ?`)
		args = append(args, q.Until.UnixMicro())
	}
	if q.Outlet != "" {
		where = append(where, `id IN (SELECT event_id FROM articles WHERE outlet = ? AND event_id IS NOT NULL)`)
		args = append(args, q.Outlet)
	}
	if q.Entity != "" {
		where = append(where, `id IN (SELECT a.event_id FROM mentions m JOIN articles a ON a.id = m.article_id
			WHERE m.kind = 'entity' AND (m.entity_id = ? OR lower(m.name) = lower(?)) AND a.event_id IS NOT NULL)`)
		args = append(args, q.Entity, q.Entity)
	}
	if q.Place != "" {
		where = append(where, `id IN (SELECT a.event_id FROM mentions m JOIN articles a ON a.id = m.article_id
			WHERE m.kind = 'entity' AND m.type = 'LOC' AND (m.entity_id = ? OR lower(m.name) = lower(?)) AND a.event_id IS NOT NULL)`)
		args = append(args, q.Place, q.Place)
	}
	if q.Open {
		where = append(where, `closed = 0`)
	}
	query := `SELECT ` + eventColumns + ` FROM events`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY last IS NULL, last DESC, id` + limitOffset(q.Limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	var out []*parallax.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("list events: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return out, nil
}

// CountEvents returns the number of events.
func (s *DB) CountEvents(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

// Memberships returns an event's memberships in article input order.
func (s *DB) Memberships(ctx context.Context, eventID string) ([]parallax.Membership, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, event_id, score, copy_of, why FROM articles WHERE event_id = ? ORDER BY seq`, eventID)
	if err != nil {
		return nil, fmt.Errorf("list memberships of %s: %w", eventID, err)
	}
	defer rows.Close()
	var out []parallax.Membership
	for rows.Next() {
		var (
			m           parallax.Membership
			score       sql.NullFloat64
			copyOf, why sql.NullString
		)
		if err := rows.Scan(&m.ArticleID, &m.EventID, &score, &copyOf, &why); err != nil {
			return nil, fmt.Errorf("list memberships of %s: %w", eventID, err)
		}
		m.Score, m.CopyOf = score.Float64, copyOf.String
		if why.Valid {
			m.Why = []byte(why.String)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list memberships of %s: %w", eventID, err)
	}
	return out, nil
}
