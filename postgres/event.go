package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

// SaveEvents upserts events and sets the memberships given, in one
// transaction. Each touched event's Articles, Outlets, First and Last are
// then recomputed from its memberships. Event saves from all processes are
// serialized by an advisory lock, so none loses another's counts.
func (s *DB) SaveEvents(ctx context.Context, events []*parallax.Event, members []parallax.Membership) error {
	if err := s.writeTx(ctx, lockEvents, func(tx pgx.Tx) error {
		return saveEvents(ctx, tx, events, members)
	}); err != nil {
		return fmt.Errorf("save events: %w", err)
	}
	return nil
}

// ReplaceEvents deletes all events and memberships and stores these, in
// one transaction: readers see the old grouping or the new, never a mix.
func (s *DB) ReplaceEvents(ctx context.Context, events []*parallax.Event, members []parallax.Membership) error {
	if err := s.writeTx(ctx, lockEvents, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM memberships`); err != nil {
			return fmt.Errorf("clear memberships: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM events`); err != nil {
			return fmt.Errorf("delete events: %w", err)
		}
		return saveEvents(ctx, tx, events, members)
	}); err != nil {
		return fmt.Errorf("replace events: %w", err)
	}
	return nil
}

func saveEvents(ctx context.Context, tx pgx.Tx, events []*parallax.Event, members []parallax.Membership) error {
	touched := map[string]bool{}
	var left []string // events an article left
	if len(events) > 0 {
		// A later copy of an event in the list wins, as it would row by row.
		byID := map[string]int{}
		var order []string
		for i, e := range events {
			if e == nil || e.ID == "" {
				return parallax.Errorf(parallax.EINVALID, "event %d has no id", i)
			}
			id := pgText(e.ID)
			if _, ok := byID[id]; !ok {
				order = append(order, id)
			}
			byID[id] = i
		}
		n := len(order)
		var (
			ids, titles              []string
			firsts, lasts, updateds  []*time.Time
			articles, outlets, confs []int32
			closed, thin             []bool
			summaries                []*string
		)
		ids, titles = make([]string, 0, n), make([]string, 0, n)
		for _, id := range order {
			e := events[byID[id]]
			summary, err := encodeSummary(e.Summary)
			if err != nil {
				return fmt.Errorf("encode event %s: %w", e.ID, err)
			}
			ids, titles = append(ids, id), append(titles, pgText(e.Title))
			firsts, lasts, updateds = append(firsts, ts(e.First)), append(lasts, ts(e.Last)), append(updateds, ts(e.Updated))
			articles, outlets, confs = append(articles, int32(e.Articles)), append(outlets, int32(e.Outlets)), append(confs, int32(e.Conflicts))
			closed, thin, summaries = append(closed, e.Closed), append(thin, e.Thin), append(summaries, summary)
			touched[id] = true
		}
		if _, err := tx.Exec(ctx, `INSERT INTO events
				(id, title, first, last, updated, articles, outlets, closed, thin, conflicts, summary)
			SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[],
				$6::integer[], $7::integer[], $8::boolean[], $9::boolean[], $10::integer[], $11::jsonb[])
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first, last = excluded.last,
				updated = excluded.updated, articles = excluded.articles, outlets = excluded.outlets,
				closed = excluded.closed, thin = excluded.thin, conflicts = excluded.conflicts, summary = excluded.summary`,
			ids, titles, firsts, lasts, updateds, articles, outlets, closed, thin, confs, summaries); err != nil {
			return fmt.Errorf("upsert events: %w", err)
		}
	}
	if len(members) > 0 {
		// The last membership given for an article wins, as it would row by
		// row.
		last := map[string]int{}
		var order []string
		evSet := map[string]bool{}
		for i, m := range members {
			id := pgText(m.ArticleID)
			if _, ok := last[id]; !ok {
				order = append(order, id)
			}
			last[id] = i
			if len(m.Why) > 0 && !json.Valid(m.Why) {
				return parallax.Errorf(parallax.EINVALID, "membership of article %s: why is not JSON", m.ArticleID)
			}
			if m.EventID != "" {
				evSet[pgText(m.EventID)] = true
			}
		}
		if err := checkEvents(ctx, tx, evSet, members); err != nil {
			return err
		}
		// The events lock is held: memberships cannot change under us.
		prev := map[string]*string{}
		rows, err := tx.Query(ctx, `SELECT a.id, m.event_id FROM articles a LEFT JOIN memberships m ON m.article_id = a.id
			WHERE a.id = ANY($1)`, order)
		if err != nil {
			return fmt.Errorf("look up articles: %w", err)
		}
		for rows.Next() {
			var id string
			var ev *string
			if err := rows.Scan(&id, &ev); err != nil {
				return fmt.Errorf("look up articles: %w", err)
			}
			prev[id] = ev
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("look up articles: %w", err)
		}
		var (
			aids, evs, removed []string
			copies, whys       []*string
			scores             []float64
		)
		for _, id := range order {
			old, ok := prev[id]
			if !ok {
				return parallax.Errorf(parallax.ENOTFOUND, "membership names unknown article %s", id)
			}
			m := members[last[id]]
			if old != nil {
				touched[*old] = true
				if *old != pgText(m.EventID) {
					left = append(left, *old)
				}
			}
			if m.EventID == "" {
				removed = append(removed, id)
				continue
			}
			touched[pgText(m.EventID)] = true
			var why *string
			if len(m.Why) > 0 {
				w := string(m.Why)
				why = &w
			}
			aids, evs = append(aids, id), append(evs, pgText(m.EventID))
			copies, scores, whys = append(copies, nullString(pgText(m.CopyOf))), append(scores, m.Score), append(whys, why)
		}
		if len(removed) > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM memberships WHERE article_id = ANY($1)`, removed); err != nil {
				return fmt.Errorf("remove memberships: %w", err)
			}
		}
		if len(aids) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO memberships (article_id, event_id, seq, outlet, published, copy_of, score, why)
				SELECT t.id, t.ev, a.seq, a.outlet, a.published, t.copy, t.score, t.why::json
				FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[]) AS t (id, ev, copy, score, why)
				JOIN articles a ON a.id = t.id
				ON CONFLICT (article_id) DO UPDATE SET event_id = excluded.event_id, copy_of = excluded.copy_of,
					score = excluded.score, why = excluded.why`, aids, evs, copies, scores, whys); err != nil {
				return fmt.Errorf("set memberships: %w", err)
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
	if _, err := tx.Exec(ctx, `UPDATE events e SET articles = c.n, outlets = c.o,
			first = coalesce(c.f, e.first), last = coalesce(c.l, e.last)
		FROM (SELECT t.id, count(m.article_id) AS n, count(DISTINCT m.outlet) AS o, min(m.published) AS f, max(m.published) AS l
			FROM unnest($1::text[]) AS t (id) LEFT JOIN memberships m ON m.event_id = t.id
			GROUP BY t.id) c
		WHERE e.id = c.id`, ids); err != nil {
		return fmt.Errorf("recount events: %w", err)
	}
	// An event whose last article moved to another no longer exists.
	if len(left) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM events WHERE id = ANY($1) AND articles = 0`, left); err != nil {
			return fmt.Errorf("delete emptied events: %w", err)
		}
	}
	return nil
}

// checkEvents fails when a membership names an event that does not exist.
func checkEvents(ctx context.Context, tx pgx.Tx, set map[string]bool, members []parallax.Membership) error {
	if len(set) == 0 {
		return nil
	}
	want := make([]string, 0, len(set))
	for id := range set {
		want = append(want, id)
	}
	rows, err := tx.Query(ctx, `SELECT id FROM events WHERE id = ANY($1)`, want)
	if err != nil {
		return fmt.Errorf("look up events: %w", err)
	}
	found := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("look up events: %w", err)
		}
		found[id] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("look up events: %w", err)
	}
	for _, m := range members {
		if m.EventID != "" && !found[pgText(m.EventID)] {
			return parallax.Errorf(parallax.EINVALID, "membership of article %s names unknown event %s", m.ArticleID, m.EventID)
		}
	}
	return nil
}

func encodeSummary(summary []string) (*string, error) {
	if len(summary) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(summary)
	if err != nil {
		return nil, err
	}
	s := string(b)
	return &s, nil
}

const eventColumns = `id, title, first, last, updated, articles, outlets, closed, thin, conflicts, summary::text`

func scanEvent(row pgx.Row) (*parallax.Event, error) {
	var (
		e                    parallax.Event
		first, last, updated *time.Time
		summary              *string
	)
	if err := row.Scan(&e.ID, &e.Title, &first, &last, &updated, &e.Articles, &e.Outlets, &e.Closed, &e.Thin, &e.Conflicts, &summary); err != nil {
		return nil, err
	}
	e.First, e.Last, e.Updated = fromTS(first), fromTS(last), fromTS(updated)
	if summary != nil {
		if err := json.Unmarshal([]byte(*summary), &e.Summary); err != nil {
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
	id = pgText(id)
	e, err := scanEvent(s.pool.QueryRow(ctx, `SELECT `+eventColumns+` FROM events WHERE id = $1`, id))
	if err == nil {
		return e, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("get event %s: %w", id, err)
	}
	if len(id) < minPrefix {
		return nil, notFound("event", id)
	}
	// Every id starting with the prefix sorts, bytewise, between it and
	// the prefix followed by the greatest code point.
	rows, err := s.pool.Query(ctx, `SELECT `+eventColumns+` FROM events
		WHERE id >= $1 COLLATE "C" AND id < $2 COLLATE "C" ORDER BY id LIMIT 2`, id, id+"\U0010FFFF")
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
		args  params
	)
	if !q.Since.IsZero() {
		where = append(where, `last >= `+args.add(q.Since.UTC()))
	}
	if !q.Until.IsZero() {
		where = append(where, `first < `+args.add(q.Until.UTC()))
	}
	if q.Outlet != "" {
		where = append(where, `id IN (SELECT event_id FROM memberships WHERE outlet = `+args.add(pgText(q.Outlet))+`)`)
	}
	if q.Entity != "" {
		p := args.add(pgText(q.Entity))
		where = append(where, `id IN (SELECT ms.event_id FROM mentions m JOIN memberships ms ON ms.article_id = m.article_id
			WHERE m.kind = 'entity' AND (m.entity_id = `+p+` OR lower(m.name) = lower(`+p+`)))`)
	}
	if q.Place != "" {
		p := args.add(pgText(q.Place))
		where = append(where, `id IN (SELECT ms.event_id FROM mentions m JOIN memberships ms ON ms.article_id = m.article_id
			WHERE m.kind = 'entity' AND m.type = 'LOC' AND (m.entity_id = `+p+` OR lower(m.name) = lower(`+p+`)))`)
	}
	if q.Open {
		where = append(where, `NOT closed`)
	}
	query := `SELECT ` + eventColumns + ` FROM events`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY last DESC NULLS LAST, id` + limitOffset(q.Limit, q.Offset)
	rows, err := s.pool.Query(ctx, query, args...)
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
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

// Memberships returns an event's memberships in article input order.
func (s *DB) Memberships(ctx context.Context, eventID string) ([]parallax.Membership, error) {
	rows, err := s.pool.Query(ctx, `SELECT article_id, event_id, score, copy_of, why::text FROM memberships WHERE event_id = $1 ORDER BY seq`, pgText(eventID))
	if err != nil {
		return nil, fmt.Errorf("list memberships of %s: %w", eventID, err)
	}
	defer rows.Close()
	var out []parallax.Membership
	for rows.Next() {
		var (
			m           parallax.Membership
			score       *float64
			copyOf, why *string
		)
		if err := rows.Scan(&m.ArticleID, &m.EventID, &score, &copyOf, &why); err != nil {
			return nil, fmt.Errorf("list memberships of %s: %w", eventID, err)
		}
		if score != nil {
			m.Score = *score
		}
		if copyOf != nil {
			m.CopyOf = *copyOf
		}
		if why != nil {
			m.Why = []byte(*why)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list memberships of %s: %w", eventID, err)
	}
	return out, nil
}
