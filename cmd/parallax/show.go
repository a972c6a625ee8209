package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/parallax-news/parallax"
)

func runShow(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "show", "[--db FILE] [--json] [--format text|markdown] [--why ARTICLE] EVENT")
	db := fs.String("db", "", dbFlagHelp)
	asJSON := fs.Bool("json", false, "print the event, its articles and its dossier as JSON")
	format := fs.String("format", "text", "text or markdown")
	why := fs.String("why", "", "explain why this article (id or input id) belongs to the event")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError("name one event (see 'parallax events')")
	}
	if *format != "text" && *format != "markdown" {
		return usageError("--format must be text or markdown, not %q", *format)
	}
	st, err := openStore(ctx, resolveDB(env, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := loadReport(ctx, st, fs.Arg(0))
	if err != nil {
		if parallax.ErrorCode(err) == parallax.ENOTFOUND {
			return fmt.Errorf("no event %q in the store (see 'parallax events')", fs.Arg(0))
		}
		return err
	}
	if *why != "" {
		return explainMembership(ctx, env, st, r, *why, *asJSON)
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	writeReport(env.Stdout, 1, r, *format)
	return nil
}
