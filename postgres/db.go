// Package postgres implements parallax.Store on PostgreSQL, the store for
// a team: several parallax processes (servers, feed workers) share one
// database.
//
// It behaves exactly as the sqlite store (the storetest suite checks
// both). Full-text search uses a generated tsvector column with a GIN
// index, websearch_to_tsquery for user input; snippets are cut in Go
// around the words that stem to the query's lexemes (see snippet).
// The schema is embedded and migrated on Open under an advisory lock, so
// that processes starting together migrate once. Writers that must be
// ordered (article inserts, event saves) take transaction-level advisory
// locks: article seqs then follow commit order, and concurrent event saves
// never lose each other's counts.
//
// Its tests need a real database named by PARALLAX_TEST_POSTGRES; they
// skip without one (and fail when CI=true). scripts/pgtest starts a
// throw-away server for them:
//
//	scripts/pgtest go test ./postgres
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/parallax-news/parallax"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Advisory lock keys, one per kind of serialized writer.
const (
	lockMigrate  int64 = 0x7061726d69677261 // "parmigra"
	lockArticles int64 = 0x7061726172746963 // "parartic"
	lockEvents   int64 = 0x7061726576656e74 // "parevent"
)

// DB is a parallax.Store backed by a PostgreSQL database. It is safe for
// concurrent use, and any number of processes may open the same database.
type DB struct {
	pool   *pgxpool.Pool
	now    func() time.Time
	blocks blockIndexes // see blocks.go
	// background is the context of the work a DB does on its own
	// (counting for search, block indexes); Close cancels it and waits.
	background context.Context
	stop       context.CancelFunc
	working    sync.WaitGroup
}

var _ parallax.Store = (*DB)(nil)

// Open connects to the database at url (a postgres:// URL or a key=value
// connection string) and migrates its schema to the current version.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, "postgres store: bad connection URL: %v", redact(err))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	s := &DB{pool: pool, now: time.Now}
	s.background, s.stop = context.WithCancel(context.Background())
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return s, nil
}

// redact keeps the parse error but drops the URL it may quote, which can
// hold a password.
func redact(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "postgres"); i >= 0 && strings.Contains(msg, "@") {
		return "cannot parse connection string"
	}
	return msg
}

// Close closes the connection pool.
func (s *DB) Close() error {
	s.stop()
	s.working.Wait()
	s.pool.Close()
	return nil
}

// migrate applies the embedded migrations newer than the recorded schema
// version in one transaction, under an advisory lock that makes processes
// opening the database together wait for the first one's migration.
func (s *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockMigrate); err != nil {
			return fmt.Errorf("lock for migration: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`); err != nil {
			return fmt.Errorf("create schema_version: %w", err)
		}
		var current int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		latest := current
		for _, name := range names {
			v, err := migrationVersion(name)
			if err != nil {
				return err
			}
			if v <= current {
				continue
			}
			body, err := migrations.ReadFile(name)
			if err != nil {
				return fmt.Errorf("read migration %s: %w", name, err)
			}
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return fmt.Errorf("apply migration %s: %w", path.Base(name), err)
			}
			latest = v
		}
		if latest > current {
			if _, err := tx.Exec(ctx, `DELETE FROM schema_version`); err != nil {
				return fmt.Errorf("record schema version: %w", err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, latest); err != nil {
				return fmt.Errorf("record schema version: %w", err)
			}
		}
		return nil
	})
}

// migrationVersion reads the number a migration file name starts with.
func migrationVersion(name string) (int, error) {
	base := path.Base(name)
	digits := base
	if i := strings.IndexFunc(base, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		digits = base[:i]
	}
	v, err := strconv.Atoi(digits)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("migration %s: name must start with a version number", base)
	}
	return v, nil
}

// SchemaVersion reports the schema version the database is at.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// writeTx runs fn in a transaction holding the advisory lock key, and
// retries it when PostgreSQL aborts it for a deadlock or serialization
// failure, which concurrent processes can cause.
func (s *DB) writeTx(ctx context.Context, key int64, fn func(tx pgx.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if key != 0 {
				if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, key); err != nil {
					return fmt.Errorf("lock: %w", err)
				}
			}
			return fn(tx)
		})
		var pe *pgconn.PgError
		if attempt < 5 && errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001") {
			time.Sleep(time.Duration(attempt+1) * 10 * time.Millisecond)
			continue
		}
		return err
	}
}

// ts converts a time to a timestamptz parameter, NULL when zero.
func ts(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC().Truncate(time.Microsecond)
	return &u
}

// fromTS is the inverse of ts.
func fromTS(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func notFound(what, id string) error {
	return parallax.Errorf(parallax.ENOTFOUND, "%s %q not found", what, id)
}

// pgText makes s storable in a text column, which takes neither NUL nor
// invalid UTF-8, without moving any byte: spans index into the text, so a
// NUL becomes a space and each invalid byte a '?'.
func pgText(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b[i] = '?'
		case r == 0:
			b[i] = ' '
		}
		i += n
	}
	return string(b)
}
