package main

import (
	"context"
	"errors"

	"github.com/parallax-news/parallax"
)

func openPostgres(ctx context.Context, url string) (parallax.Store, error) {
	return nil, errors.New("postgres store not available yet")
}
