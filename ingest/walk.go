package ingest

import (
	"context"
	"errors"
)

func walk(ctx context.Context, paths []string, opt Options, fn func(Item) error) (Stats, error) {
	return Stats{}, errors.New("ingest: not implemented yet")
}
