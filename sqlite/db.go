// Package sqlite implements parallax.Store on an embedded SQLite file, the
// default store: nothing to install or run, one file to copy.
//
// It uses modernc.org/sqlite (pure Go, so the binary stays static) in WAL
// mode, so that readers (the web UI) never wait for the ingesting writer and
// a crash loses no committed batch. Titles and texts are indexed by an FTS5
// table, a few thousand new articles at a time (searches index any still
// waiting first), and kept in sync on update and delete by triggers. The
// schema is embedded and migrated on Open.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax"
	msqlite "modernc.org/sqlite" // also registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a parallax.Store backed by one SQLite file. It is safe for
// concurrent use; several processes may open the same file (writes then
// wait for each other up to the busy timeout).
type DB struct {
	db *sql.DB
	// wmu serializes this process's writers so that they queue in Go
	// rather than spin on SQLite's busy handler.
	wmu sync.Mutex
	now func() time.Time
	// closeOnce guards the indexing Close does, so that closing twice
	// stays harmless.
	closeOnce sync.Once
}

var _ parallax.Store = (*DB)(nil)

// busyTimeout is how long a writer waits for another process's write
// transaction before giving up.
const busyTimeout = 30 * time.Second

// Memory is the path of a store that lives in memory only, gone on Close
// (for tests and throw-away analyses). It serves one query at a time.
const Memory = ":memory:"

// Open opens (creating if needed) the SQLite store at path and migrates
// its schema to the current version.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, parallax.Errorf(parallax.EINVALID, "sqlite store: empty path")
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// A handful of connections lets readers run beside the writer in WAL
	// mode; more only adds memory. An in-memory database exists once per
	// connection, so it gets exactly one, kept open.
	conns := 8
	if path == Memory {
		conns = 1
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	s := &DB{db: db, now: time.Now}
	if err := retryBusy(ctx, func() error { return s.migrate(ctx) }); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// Articles a crashed writer left waiting for the full-text index.
	if err := s.indexPending(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return s, nil
}

// dsn builds the driver's connection string. Every connection gets the
// pragmas, because SQLite applies most of them per connection. The page
// cache is SQLite's default 2 MB per connection: 32 MB made ingest no
// faster (7,200–7,500 articles per CPU-second either way) and, over eight
// connections, cost a running parallax up to 45 MB of resident memory.
// synchronous=FULL makes a committed batch survive a power cut, not just a
// process crash; with one commit per batch its cost is small.
func dsn(p string) string {
	q := url.Values{}
	for _, pr := range []string{
		"busy_timeout(" + strconv.Itoa(int(busyTimeout/time.Millisecond)) + ")",
		"journal_mode(WAL)",
		"synchronous(FULL)",
		"foreign_keys(ON)",
		"temp_store(MEMORY)",
		"cache_size(-2000)",
	} {
		q.Add("_pragma", pr)
	}
	// Write transactions take the write lock at BEGIN, so two writers never
	// deadlock upgrading read locks.
	q.Set("_txlock", "immediate")
	return "file:" + escapePath(p) + "?" + q.Encode()
}

// escapePath keeps characters that would end the file part of a URI.
func escapePath(p string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(p)
}

// Close closes the database.
func (s *DB) Close() error {
	// The file is left fully indexed, so that other programs reading it
	// find every article with a full-text search.
	var ierr error
	s.closeOnce.Do(func() { ierr = s.indexPending(context.Background()) })
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close sqlite: %w", err)
	}
	if ierr != nil {
		return fmt.Errorf("close sqlite: %w", ierr)
	}
	return nil
}

// migrate applies the embedded migrations newer than the recorded schema
// version, all in one write transaction so that concurrent openers of a new
// file wait for each other and a failed migration leaves nothing behind.
func (s *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_version: %w", err)
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
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
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("apply migration %s: %w", path.Base(name), err)
		}
		latest = v
	}
	if latest > current {
		if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
			return fmt.Errorf("record schema version: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, latest); err != nil {
			return fmt.Errorf("record schema version: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migration: %w", err)
	}
	return nil
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

// SchemaVersion reports the schema version the file is at.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// retryBusy runs fn again while it fails with SQLITE_BUSY, for up to
// busyTimeout. The busy timeout makes SQLite wait for most locks, but not
// all: processes opening a new file together can see SQLITE_BUSY at once
// while one of them switches it to WAL mode.
func retryBusy(ctx context.Context, fn func() error) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := fn()
		if !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

func isBusy(err error) bool {
	var e *msqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == 5 // SQLITE_BUSY and its extended codes
}

// writeTx runs fn in one write transaction and commits it, or rolls it
// back when fn fails. A transaction refused with SQLITE_BUSY is retried.
func (s *DB) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return retryBusy(ctx, func() error { return s.writeTxOnce(ctx, fn) })
}

func (s *DB) writeTxOnce(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// micros converts a time to the stored form: Unix microseconds (the
// precision PostgreSQL keeps too, and a range no parsed date overflows),
// NULL when zero.
func micros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

// fromMicros is the inverse of micros.
func fromMicros(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMicro(n.Int64).UTC()
}

func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

func notFound(what, id string) error {
	return parallax.Errorf(parallax.ENOTFOUND, "%s %q not found", what, id)
}

var errNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
