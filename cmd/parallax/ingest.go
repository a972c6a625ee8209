package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/outlet"
	"github.com/parallax-news/parallax/pipeline"
)

func runIngest(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "ingest", "[--db FILE] [--outlets FILE] [--json] PATH...")
	db := fs.String("db", "", dbFlagHelp)
	outlets := fs.String("outlets", "", "JSON or YAML file extending the built-in outlet catalog")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("name at least one file, directory or - for standard input")
	}
	st, err := openStore(ctx, resolveDB(env, *db), false)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := ingestPaths(ctx, env, st, fs.Args(), *outlets)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		printSummary(env.Stdout, sum)
	}
	if sum.SkippedTotal() > 0 {
		return errSkipped
	}
	return nil
}

// ingestPaths runs the pipeline over paths into st, naming every skipped
// input on standard error and drawing a progress bar on a terminal for
// runs longer than two seconds.
func ingestPaths(ctx context.Context, env *Env, st parallax.Store, paths []string, outletsFile string) (pipeline.Summary, error) {
	cat := outlet.Default()
	if outletsFile != "" {
		var err error
		if cat, err = outlet.Load(outletsFile); err != nil {
			return pipeline.Summary{}, usageError("%v", err)
		}
	}
	cfg := pipeline.Config{
		Store:  st,
		Ingest: ingest.Options{Catalog: cat},
		OnSkip: func(e *ingest.InputError) {
			fmt.Fprintf(env.Stderr, "skipped %s\n", e.Error())
		},
	}
	if f, ok := env.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		start := time.Now()
		var bar *progressbar.ProgressBar
		cfg.Progress = func(p pipeline.Progress) {
			if bar == nil {
				if time.Since(start) < 2*time.Second {
					return
				}
				bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(env.Stderr),
					progressbar.OptionSetDescription("ingesting"), progressbar.OptionShowCount(),
					progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"),
					progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(p.Read)
		}
		defer func() {
			if bar != nil {
				_ = bar.Finish()
			}
		}()
	}
	// Clustering is serial: while another process analyzes this store (a
	// server or a worker holds the analysis lease), the articles go to its
	// queue instead of into a second clusterer.
	release, err := pipeline.HoldLease(ctx, st)
	if parallax.ErrorCode(err) == parallax.ECONFLICT {
		fmt.Fprintf(env.Stderr, "another process is analyzing this store (%v): the articles are queued for it\n", err)
		return pipeline.Queue(ctx, cfg, paths)
	}
	if err != nil {
		return pipeline.Summary{}, err
	}
	defer release()
	p, err := pipeline.New(ctx, cfg)
	if err != nil {
		return pipeline.Summary{}, err
	}
	sum, err := p.Ingest(ctx, paths)
	if cerr := p.Close(ctx); err == nil {
		err = cerr
	}
	return sum, err
}

func printSummary(w io.Writer, s pipeline.Summary) {
	if s.Queued > 0 {
		fmt.Fprintf(w, "read %d, queued for analysis %d, duplicates %d, skipped %d", s.Read, s.Queued, s.Duplicates, s.SkippedTotal())
	} else {
		fmt.Fprintf(w, "read %d, stored %d, duplicates %d, skipped %d", s.Read, s.Stored, s.Duplicates, s.SkippedTotal())
	}
	if n := s.SkippedTotal(); n > 0 {
		var parts []string
		for r, c := range s.Skipped {
			parts = append(parts, fmt.Sprintf("%s %d", r, c))
		}
		sort.Strings(parts)
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
	if len(s.Ignored) > 0 {
		var parts []string
		for r, c := range s.Ignored {
			parts = append(parts, fmt.Sprintf("%s %d", r, c))
		}
		sort.Strings(parts)
		fmt.Fprintf(w, "; ignored %s", strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "; %d events touched in %s\n", len(s.Events), s.Elapsed.Round(time.Millisecond))
}
