// Package demo bundles the sample that `parallax serve --demo` loads: the
// five seed articles (four reports of the February 2024 UN Security
// Council request after the US strikes in Iraq and Syria, and one report
// of a similar 2016 event) and a few ECB+ topics converted to JSON lines.
//
// `serve --demo` runs the sample through the pipeline into a temporary
// store at start-up (about a second), so the demo always shows what the
// current code makes of it.
//
// The ECB+ sample is CC BY 3.0 (Cybulska & Vossen, LREC 2014; NewsReader
// project); its license travels with it in ecbplus/. It was converted from
// the corpus' token XML by TestGenerateECBPlusSample (run it with -update
// and -ecbplus DIR to regenerate).
package demo

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/pipeline"
)

//go:embed seeds ecbplus
var files embed.FS

// FS returns the bundled sample.
func FS() fs.FS { return files }

// Extract writes the sample into dir and returns the paths to ingest, in
// order: the seeds directory, then the ECB+ JSON lines. The pipeline reads
// paths, and writing the few files takes milliseconds.
func Extract(dir string) ([]string, error) {
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return nil, fmt.Errorf("write demo sample: %w", err)
	}
	var paths []string
	seeds, err := fs.Glob(files, "seeds/*.txt")
	if err != nil {
		return nil, err
	}
	for _, s := range seeds {
		paths = append(paths, filepath.Join(dir, filepath.FromSlash(s)))
	}
	paths = append(paths, filepath.Join(dir, "ecbplus", "sample.jsonl"))
	return paths, nil
}

// Load runs the sample through a new pipeline into st.
func Load(ctx context.Context, st parallax.Store) (pipeline.Summary, error) {
	p, err := pipeline.New(ctx, pipeline.Config{Store: st})
	if err != nil {
		return pipeline.Summary{}, err
	}
	sum, err := Ingest(ctx, p)
	if cerr := p.Close(ctx); err == nil {
		err = cerr
	}
	return sum, err
}

// Ingest runs the sample through p, as `serve --demo` does at start-up.
func Ingest(ctx context.Context, p *pipeline.Pipeline) (pipeline.Summary, error) {
	dir, err := os.MkdirTemp("", "parallax-demo-sample-")
	if err != nil {
		return pipeline.Summary{}, fmt.Errorf("demo sample: %w", err)
	}
	defer os.RemoveAll(dir)
	paths, err := Extract(dir)
	if err != nil {
		return pipeline.Summary{}, fmt.Errorf("demo sample: %w", err)
	}
	sum, err := p.Ingest(ctx, paths)
	if err != nil {
		return sum, fmt.Errorf("load demo sample: %w", err)
	}
	return sum, nil
}
