package main

import (
	"context"
	"fmt"
	"net/url"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/postgres"
)

// openPostgres opens a shared PostgreSQL store; the URL's password never
// appears in error messages.
func openPostgres(ctx context.Context, dsn string) (parallax.Store, error) {
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", redactURL(dsn), err)
	}
	return st, nil
}

func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}
