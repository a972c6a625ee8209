package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/export"
)

func runExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "export", "[--db FILE] --format jsonl|csv|parquet --what articles|events|mentions|figures|quotes [--out FILE]")
	db := fs.String("db", "", dbFlagHelp)
	format := fs.String("format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	what := fs.String("what", "", "what to export: "+strings.Join(export.Kinds, ", "))
	out := fs.String("out", "", "write to this file instead of standard output (replaced only when the export succeeds)")
	noText := fs.Bool("no-text", false, "leave article texts out of an articles export")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("export takes no arguments (got %q)", fs.Args())
	}
	if *what == "" {
		fs.Usage()
		return usageError("say what to export with --what (%s)", strings.Join(export.Kinds, ", "))
	}
	opt := export.Options{Format: *format, What: *what, WithText: !*noText}
	if err := opt.Validate(); err != nil {
		return usageError("%v", err)
	}
	if *format == "parquet" && *out == "" {
		if f, ok := env.Stdout.(*os.File); ok && isTerminal(f) {
			return usageError("parquet is binary: write it to a file with --out FILE")
		}
	}
	st, err := openStore(ctx, resolveDB(env, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "" {
		bw := bufio.NewWriterSize(env.Stdout, 1<<16)
		n, err := export.Write(ctx, st, bw, opt)
		if err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("write export: %w", err)
		}
		fmt.Fprintf(env.Stderr, "exported %d %s\n", n, rowsName(*what, n))
		return nil
	}
	n, err := exportToFile(ctx, st, *out, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "exported %d %s to %s\n", n, rowsName(*what, n), *out)
	return nil
}

// exportToFile writes to a temporary file next to path and renames it, so
// that a failed export never leaves a truncated file behind.
func exportToFile(ctx context.Context, st parallax.Store, path string, opt export.Options) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<16)
	n, err := export.Write(ctx, st, bw, opt)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return n, fmt.Errorf("write %s: %w", path, err)
	}
	return n, nil
}

func rowsName(what string, n int) string {
	if n == 1 {
		return strings.TrimSuffix(what, "s")
	}
	return what
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
