package sqlite

import (
	"context"
	"database/sql"
	"fmt"

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
	now := s.now().UTC().UnixMicro()
	if err := s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO documents (kind, key, doc, updated) VALUES (?, ?, ?, ?)
			ON CONFLICT (kind, key) DO UPDATE SET doc = excluded.doc, updated = excluded.updated`, kind, key, doc, now)
		return err
	}); err != nil {
		return fmt.Errorf("put document %s/%s: %w", kind, key, err)
	}
	return nil
}

// Document returns the document stored under kind and key, or an
// ENOTFOUND error.
func (s *DB) Document(ctx context.Context, kind, key string) ([]byte, error) {
	var doc []byte
	err := s.db.QueryRowContext(ctx, `SELECT doc FROM documents WHERE kind = ? AND key = ?`, kind, key).Scan(&doc)
	if isNoRows(err) {
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
