package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/sqlite"
)

// defaultDB is the store used when neither --db nor PARALLAX_DB is given.
const defaultDB = "parallax.db"

// dbFlagHelp documents --db for every command that has it.
const dbFlagHelp = "store: a SQLite file, or a postgres:// URL (default $PARALLAX_DB or " + defaultDB + ")"

// resolveDB returns the store location from the flag, the environment or
// the default.
func resolveDB(env *Env, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := env.Getenv("PARALLAX_DB"); v != "" {
		return v
	}
	return defaultDB
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// openStore opens a SQLite file or a PostgreSQL database. With mustExist,
// a missing SQLite file is an error rather than a new empty store.
func openStore(ctx context.Context, loc string, mustExist bool) (parallax.Store, error) {
	if isPostgresURL(loc) {
		return openPostgres(ctx, loc)
	}
	if mustExist {
		if _, err := os.Stat(loc); err != nil {
			return nil, fmt.Errorf("open store %s: %w (create one with 'parallax ingest --db %s PATH')", loc, err, loc)
		}
	}
	if dir := filepath.Dir(loc); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open store %s: %w", loc, err)
		}
	}
	st, err := sqlite.Open(ctx, loc)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", loc, err)
	}
	return st, nil
}
