package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

// analyzeLease names the lease analyzers take turns on.
const analyzeLease = "analyze"

// PutPending stores articles in the analysis queue in one statement,
// skipping those already stored or pending. It takes no advisory lock:
// queue order only needs to be roughly the arrival order, and concurrent
// posts must not wait for each other.
func (s *DB) PutPending(ctx context.Context, articles []*parallax.Article) ([]parallax.PutResult, error) {
	if len(articles) == 0 {
		return nil, nil
	}
	ids := make([]string, len(articles))
	bodies := make([][]byte, len(articles))
	for i, a := range articles {
		if a == nil {
			return nil, parallax.Errorf(parallax.EINVALID, "put pending: article %d is nil", i)
		}
		if a.ID == "" {
			a.ID = parallax.ArticleID(a.URL, a.Text)
		}
		b, err := parallax.MarshalQueued(a, pgText)
		if err != nil {
			return nil, err
		}
		ids[i], bodies[i] = pgText(a.ID), b
	}
	now := s.now().UTC()
	rows, err := s.pool.Query(ctx, `INSERT INTO pending (id, received, article)
		SELECT t.id, $3, t.article
		FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t (id, article, ord)
		WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.id)
		ORDER BY t.ord
		ON CONFLICT (id) DO NOTHING
		RETURNING id, seq`, ids, bodies, now)
	if err != nil {
		return nil, fmt.Errorf("put pending: %w", err)
	}
	stored := map[string]int64{}
	for rows.Next() {
		var id string
		var seq int64
		if err := rows.Scan(&id, &seq); err != nil {
			return nil, fmt.Errorf("put pending: %w", err)
		}
		stored[id] = seq
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("put pending: %w", err)
	}
	results := make([]parallax.PutResult, len(articles))
	for i, id := range ids {
		if seq, ok := stored[id]; ok {
			results[i] = parallax.PutResult{ID: articles[i].ID, Status: parallax.Stored, Seq: seq}
			delete(stored, id) // a repeat later in the batch is a duplicate
			continue
		}
		results[i] = parallax.PutResult{ID: articles[i].ID, Status: parallax.Duplicate}
	}
	return results, nil
}

// ClaimPending takes or renews the analysis lease and returns the oldest
// pending articles. Expiry is judged by the server's clock.
func (s *DB) ClaimPending(ctx context.Context, c parallax.PendingClaim) ([]*parallax.Article, error) {
	if c.Owner == "" || c.TTL <= 0 {
		return nil, parallax.Errorf(parallax.EINVALID, "claim pending: a claim needs an owner and a positive TTL")
	}
	var out []*parallax.Article
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		out = nil
		// Two claimers race on the one row: the loser waits for the
		// winner's commit, then sees its unexpired lease and gets no row.
		var got string
		err := tx.QueryRow(ctx, `INSERT INTO leases (name, owner, expires)
			VALUES ($1, $2, clock_timestamp() + $3 * interval '1 microsecond')
			ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
				WHERE leases.owner = excluded.owner OR leases.expires <= clock_timestamp()
			RETURNING owner`, analyzeLease, c.Owner, c.TTL.Microseconds()).Scan(&got)
		if errors.Is(err, pgx.ErrNoRows) {
			return parallax.Errorf(parallax.ECONFLICT, "another analyzer holds the lease")
		}
		if err != nil {
			return fmt.Errorf("take lease: %w", err)
		}
		if c.Limit <= 0 {
			return nil
		}
		rows, err := tx.Query(ctx, `SELECT article FROM pending ORDER BY seq LIMIT $1`, c.Limit)
		if err != nil {
			return fmt.Errorf("read queue: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var body []byte
			if err := rows.Scan(&body); err != nil {
				return fmt.Errorf("read queue: %w", err)
			}
			a, err := parallax.UnmarshalQueued(body)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim pending: %w", err)
	}
	return out, nil
}

// FinishPending removes analyzed articles from the queue if owner still
// holds the lease. The lease row stays locked until the delete commits,
// so that no other analyzer takes over in between.
func (s *DB) FinishPending(ctx context.Context, owner string, ids []string) error {
	clean := make([]string, len(ids))
	for i, id := range ids {
		clean[i] = pgText(id)
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var holder string
		err := tx.QueryRow(ctx, `SELECT owner FROM leases WHERE name = $1 FOR UPDATE`, analyzeLease).Scan(&holder)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("read lease: %w", err)
		}
		if holder != owner {
			return parallax.Errorf(parallax.ECONFLICT, "the analysis lease passed to another analyzer")
		}
		if _, err := tx.Exec(ctx, `DELETE FROM pending WHERE id = ANY($1)`, clean); err != nil {
			return fmt.Errorf("delete analyzed: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("finish pending: %w", err)
	}
	return nil
}

// ReleasePending gives up owner's analysis lease.
func (s *DB) ReleasePending(ctx context.Context, owner string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE name = $1 AND owner = $2`, analyzeLease, owner); err != nil {
		return fmt.Errorf("release lease: %w", err)
	}
	return nil
}

// PendingStats counts the pending articles; the oldest is the first in
// the queue, found by its index rather than by scanning received times.
func (s *DB) PendingStats(ctx context.Context) (parallax.PendingStats, error) {
	var st parallax.PendingStats
	var oldest *time.Time
	if err := s.pool.QueryRow(ctx, `SELECT count(*), (SELECT received FROM pending ORDER BY seq LIMIT 1) FROM pending`).Scan(&st.Articles, &oldest); err != nil {
		return st, fmt.Errorf("pending stats: %w", err)
	}
	st.Oldest = fromTS(oldest)
	return st, nil
}
