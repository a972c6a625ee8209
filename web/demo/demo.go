// Package demo bundles the sample that `parallax serve --demo` loads: the
// five seed articles (four reports of the February 2024 UN Security
// Council request after the US strikes in Iraq and Syria, and one report
// of a similar 2016 event) and a few ECB+ topics converted to JSON lines.
//
// Ingesting the sample through the pipeline takes several seconds of
// extraction, so the package also carries a snapshot of the SQLite store
// the pipeline builds from it (store.sqlite.gz, regenerated with
// TestGenerateSnapshot -update): `serve --demo` copies it into a temporary
// file and is ready at once. Opening the snapshot applies any newer
// migrations, and `serve --demo --demo-live` ingests the sample instead.
//
// The ECB+ sample is CC BY 3.0 (Cybulska & Vossen, LREC 2014; NewsReader
// project); its license travels with it in ecbplus/. It was converted from
// the corpus' token XML by TestGenerateECBPlusSample (run it with -update
// and -ecbplus DIR to regenerate).
package demo

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed seeds ecbplus
var files embed.FS

//go:embed store.sqlite.gz
var snapshot []byte

// WriteStore writes the snapshot of the demo store, a SQLite database, to
// path.
func WriteStore(path string) error {
	zr, err := gzip.NewReader(bytes.NewReader(snapshot))
	if err != nil {
		return fmt.Errorf("demo store snapshot: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("demo store: %w", err)
	}
	if _, err := io.Copy(f, zr); err != nil {
		f.Close()
		return fmt.Errorf("demo store: %w", err)
	}
	return f.Close()
}

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
