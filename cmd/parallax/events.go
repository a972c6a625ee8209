package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/parallax-news/parallax"
)

func runEvents(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "events", "[--db FILE] [--json] [--limit N] [--offset N] [--since DATE] [--until DATE] [--outlet NAME] [--entity NAME] [--place NAME] [--open]")
	db := fs.String("db", "", dbFlagHelp)
	asJSON := fs.Bool("json", false, "print events as JSON lines")
	limit := fs.Int("limit", 50, "at most this many events")
	offset := fs.Int("offset", 0, "skip this many events")
	since := fs.String("since", "", "events active on or after this date (YYYY-MM-DD)")
	until := fs.String("until", "", "events that began before this date (YYYY-MM-DD)")
	outletName := fs.String("outlet", "", "events with an article from this outlet")
	entityName := fs.String("entity", "", "events mentioning this entity")
	place := fs.String("place", "", "events mentioning this place")
	open := fs.Bool("open", false, "only events still open")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError("events takes no arguments")
	}
	q := parallax.EventQuery{Limit: *limit, Offset: *offset, Outlet: *outletName, Entity: *entityName, Place: *place, Open: *open}
	var err error
	if q.Since, err = parseDateFlag("since", *since); err != nil {
		return err
	}
	if q.Until, err = parseDateFlag("until", *until); err != nil {
		return err
	}
	st, err := openStore(ctx, resolveDB(env, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	evs, err := st.Events(ctx, q)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(env.Stdout)
	for _, e := range evs {
		if *asJSON {
			if err := enc.Encode(e); err != nil {
				return err
			}
			continue
		}
		flag := ""
		if e.Conflicts > 0 {
			flag = fmt.Sprintf("  ⚠ %d conflicting figures", e.Conflicts)
		}
		fmt.Fprintf(env.Stdout, "%s  %-23s %3d articles %3d outlets  %s%s\n", e.ID, dateSpan(e), e.Articles, e.Outlets, oneLine(e.Title), flag)
	}
	return nil
}

func parseDateFlag(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageError("--%s %q: want a date like 2024-02-03", name, v)
}
