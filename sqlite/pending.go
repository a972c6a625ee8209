package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/parallax-news/parallax"
)

// analyzeLease names the lease analyzers take turns on.
const analyzeLease = "analyze"

// PutPending stores articles in the analysis queue in one transaction,
// skipping those already stored or pending.
func (s *DB) PutPending(ctx context.Context, articles []*parallax.Article) ([]parallax.PutResult, error) {
	if len(articles) == 0 {
		return nil, nil
	}
	bodies := make([][]byte, len(articles))
	for i, a := range articles {
		if a == nil {
			return nil, parallax.Errorf(parallax.EINVALID, "put pending: article %d is nil", i)
		}
		if a.ID == "" {
			a.ID = parallax.ArticleID(a.URL, a.Text)
		}
		b, err := parallax.MarshalQueued(a, parallax.KeepOffsets)
		if err != nil {
			return nil, err
		}
		bodies[i] = b
	}
	now := s.now().UTC().UnixMicro()
	results := make([]parallax.PutResult, len(articles))
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO pending (id, received, article)
			SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = ?1)
			ON CONFLICT (id) DO NOTHING RETURNING seq`)
		if err != nil {
			return fmt.Errorf("prepare pending insert: %w", err)
		}
		defer ins.Close()
		for i, a := range articles {
			var seq int64
			err := ins.QueryRowContext(ctx, a.ID, now, bodies[i]).Scan(&seq)
			switch {
			case isNoRows(err):
				results[i] = parallax.PutResult{ID: a.ID, Status: parallax.Duplicate}
			case err != nil:
				return fmt.Errorf("queue article %s: %w", a.ID, err)
			default:
				results[i] = parallax.PutResult{ID: a.ID, Status: parallax.Stored, Seq: seq}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("put pending: %w", err)
	}
	return results, nil
}

// ClaimPending takes or renews the analysis lease and returns the oldest
// pending articles.
func (s *DB) ClaimPending(ctx context.Context, c parallax.PendingClaim) ([]*parallax.Article, error) {
	if c.Owner == "" || c.TTL <= 0 {
		return nil, parallax.Errorf(parallax.EINVALID, "claim pending: a claim needs an owner and a positive TTL")
	}
	var out []*parallax.Article
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		out = nil
		now := s.now().UTC()
		if err := takeLease(ctx, tx, c.Owner, now, now.Add(c.TTL)); err != nil {
			return err
		}
		if c.Limit <= 0 {
			return nil
		}
		rows, err := tx.QueryContext(ctx, `SELECT article FROM pending ORDER BY seq LIMIT ?`, c.Limit)
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

// takeLease gives the analysis lease to owner until expires, unless
// another owner holds it beyond now.
func takeLease(ctx context.Context, tx *sql.Tx, owner string, now, expires time.Time) error {
	var got string
	err := tx.QueryRowContext(ctx, `INSERT INTO leases (name, owner, expires) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
			WHERE leases.owner = excluded.owner OR leases.expires <= ?
		RETURNING owner`, analyzeLease, owner, expires.UnixMicro(), now.UnixMicro()).Scan(&got)
	if isNoRows(err) {
		return parallax.Errorf(parallax.ECONFLICT, "another analyzer holds the lease")
	}
	if err != nil {
		return fmt.Errorf("take lease: %w", err)
	}
	return nil
}

// FinishPending removes analyzed articles from the queue if owner still
// holds the lease.
func (s *DB) FinishPending(ctx context.Context, owner string, ids []string) error {
	js, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("finish pending: %w", err)
	}
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		var holder string
		err := tx.QueryRowContext(ctx, `SELECT owner FROM leases WHERE name = ?`, analyzeLease).Scan(&holder)
		if err != nil && !isNoRows(err) {
			return fmt.Errorf("read lease: %w", err)
		}
		if holder != owner {
			return parallax.Errorf(parallax.ECONFLICT, "the analysis lease passed to another analyzer")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM pending WHERE id IN (SELECT value FROM json_each(?))`, string(js)); err != nil {
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
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND owner = ?`, analyzeLease, owner)
		return err
	})
	if err != nil {
		return fmt.Errorf("release lease: %w", err)
	}
	return nil
}

// PendingStats counts the pending articles; the oldest is the first in
// the queue, found by its index rather than by scanning received times.
func (s *DB) PendingStats(ctx context.Context) (parallax.PendingStats, error) {
	var st parallax.PendingStats
	var oldest sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), (SELECT received FROM pending ORDER BY seq LIMIT 1) FROM pending`).Scan(&st.Articles, &oldest); err != nil {
		return st, fmt.Errorf("pending stats: %w", err)
	}
	st.Oldest = fromMicros(oldest)
	return st, nil
}
