package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/eval"
	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/extract/entity"
	"github.com/parallax-news/parallax/extract/quote"
)

// evalQuotes scores the quote extractor on brat standoff annotations:
// quote span overlap P/R/F1 and speaker accuracy. Each PATH is a .ann or
// .txt file of a brat pair, or a directory searched for .ann files.
func evalQuotes(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval quotes", "[flags] PATH...\n\nScores quotes and speakers against brat standoff files (.txt + .ann; see eval.BratQuotes for the\nannotation conventions accepted).")
	verbose := fs.Bool("v", false, "list missed and extra quotes and wrong speakers")
	noEntities := fs.Bool("no-entities", false, "attribute without the entity extractor (the quote extractor's own name rules only)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("name at least one brat file or directory")
	}
	files, err := bratFiles(fs.Args())
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError("no .ann files found in %s", strings.Join(fs.Args(), " "))
	}
	score := &eval.QuoteScore{Verbose: *verbose}
	skipped := 0
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := eval.ReadBratFile(f)
		if err != nil {
			fmt.Fprintf(env.Stderr, "parallax eval quotes: skipping %s: %v\n", f, err)
			skipped++
			continue
		}
		// The annotations index the text as written, so it is segmented
		// but not cleaned.
		_, sents := extract.Segment(d.Text)
		var ents []parallax.Entity
		if !*noEntities {
			ents = entity.Extract(d.Text, sents)
		}
		got := quote.Extract(d.Text, sents, ents, nil)
		score.Add(filepath.Base(d.Name), d.Text, eval.BratQuotes(d), got)
	}
	score.Write(env.Stdout)
	if skipped > 0 {
		return errSkipped
	}
	return nil
}

// bratFiles expands paths into .ann files, sorted.
func bratFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usageError("%v", err)
		}
		if !st.IsDir() {
			out = append(out, strings.TrimSuffix(p, ".txt"))
			continue
		}
		err = filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && strings.HasSuffix(path, ".ann") {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
	}
	sort.Strings(out)
	return out, nil
}
