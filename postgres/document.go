package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/parallax-news/parallax"
)

// PutDocument stores doc under kind and key, replacing what was there.
func (s *DB) PutDocument(ctx context.Context, kind, key string, doc []byte) error {
	if kind == "" {
		return parallax.Errorf(parallax.EINVALID, "put document: empty kind")
	}
	if doc == nil {
		doc = []byte{}
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO documents (kind, key, doc, updated) VALUES ($1, $2, $3, $4)
		ON CONFLICT (kind, key) DO UPDATE SET doc = excluded.doc, updated = excluded.updated`,
		pgText(kind), pgText(key), doc, s.now().UTC()); err != nil {
		return fmt.Errorf("put document %s/%s: %w", kind, key, err)
	}
	return nil
}

// Document returns the document stored under kind and key, or an
// ENOTFOUND error.
func (s *DB) Document(ctx context.Context, kind, key string) ([]byte, error) {
	var doc []byte
	err := s.pool.QueryRow(ctx, `SELECT doc FROM documents WHERE kind = $1 AND key = $2`, pgText(kind), pgText(key)).Scan(&doc)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, parallax.Errorf(parallax.ENOTFOUND, "document %s/%s not found", kind, key)
	}
	if err != nil {
		return nil, fmt.Errorf("get document %s/%s: %w", kind, key, err)
	}
	if doc == nil {
		doc = []byte{}
	}
	return doc, nil
}

// DocumentVersion returns a token that changes whenever the document under
// kind and key is written again, or an ENOTFOUND error. Caches of what is
// rendered from a large document (the web server's event pages) compare it
// instead of reading and hashing the document itself. It is the row
// version's transaction id with the time of writing: every PutDocument
// writes a new row version, whose transaction id differs from its
// predecessor's.
func (s *DB) DocumentVersion(ctx context.Context, kind, key string) (string, error) {
	var v string
	err := s.pool.QueryRow(ctx, `SELECT `+documentVersionSQL+`
		FROM documents WHERE kind = $1 AND key = $2`, pgText(kind), pgText(key)).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", parallax.Errorf(parallax.ENOTFOUND, "document %s/%s not found", kind, key)
	}
	if err != nil {
		return "", fmt.Errorf("get document version %s/%s: %w", kind, key, err)
	}
	return v, nil
}

// documentVersionSQL is DocumentVersion's token.
const documentVersionSQL = `xmin::text || '/' || (extract(epoch FROM updated) * 1000000)::bigint::text`

// DocumentWithVersion returns the document stored under kind and key
// with its DocumentVersion, read in one query, or an ENOTFOUND error: a
// cache filling an entry needs both, and saves a round trip.
func (s *DB) DocumentWithVersion(ctx context.Context, kind, key string) ([]byte, string, error) {
	var doc []byte
	var v string
	err := s.pool.QueryRow(ctx, `SELECT doc, `+documentVersionSQL+`
		FROM documents WHERE kind = $1 AND key = $2`, pgText(kind), pgText(key)).Scan(&doc, &v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "", parallax.Errorf(parallax.ENOTFOUND, "document %s/%s not found", kind, key)
	}
	if err != nil {
		return nil, "", fmt.Errorf("get document %s/%s: %w", kind, key, err)
	}
	if doc == nil {
		doc = []byte{}
	}
	return doc, v, nil
}
