package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// errStop wraps an error that ends the walk (ctx done, fn failed), as
// opposed to an input error that skips one input.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }
func (e errStop) Unwrap() error { return e.err }

type walker struct {
	ctx   context.Context
	opt   Options
	fn    func(Item) error
	stats Stats
	br    *bufio.Reader // reused for each top-level input
}

func walk(ctx context.Context, paths []string, opt Options, fn func(Item) error) (Stats, error) {
	w := &walker{
		ctx:   ctx,
		opt:   opt.withDefaults(),
		fn:    fn,
		stats: Stats{Skipped: map[string]int{}, Ignored: map[string]int{}},
	}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			var stop errStop
			if errors.As(err, &stop) {
				return w.stats, stop.err
			}
			return w.stats, err
		}
	}
	return w.stats, nil
}

// emit passes an article to fn.
func (w *walker) emit(a *parallax.Article, rel string) error {
	if err := w.ctx.Err(); err != nil {
		return errStop{err}
	}
	w.stats.Articles++
	if err := w.fn(Item{Article: a, Rel: rel}); err != nil {
		return errStop{err}
	}
	return nil
}

// skip reports a skipped input or record to fn.
func (w *walker) skip(input, rel, reason string, err error) error {
	if cerr := w.ctx.Err(); cerr != nil {
		return errStop{cerr}
	}
	var ie *InputError
	if !errors.As(err, &ie) || ie.Input != input {
		ie = &InputError{Input: input, Reason: reason, Err: err}
	}
	w.stats.Skipped[ie.Reason]++
	if ferr := w.fn(Item{Err: ie, Rel: rel}); ferr != nil {
		return errStop{ferr}
	}
	return nil
}

// skipErr reports err, an *InputError or a plain error, as a skip.
func (w *walker) skipErr(input, rel string, err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		return w.skip(ie.Input, rel, ie.Reason, ie)
	}
	return w.skip(input, rel, ReasonInvalid, err)
}

func (w *walker) path(p string) error {
	if err := w.ctx.Err(); err != nil {
		return errStop{err}
	}
	if p == "-" {
		w.stats.Inputs++
		return w.stream("-", "-", w.opt.Stdin)
	}
	info, err := os.Stat(p)
	if err != nil {
		return w.skip(p, p, ReasonUnreadable, unwrapPathError(err))
	}
	if !info.IsDir() {
		return w.file(p, p)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if serr := w.skip(path, relTo(p, path), ReasonUnreadable, unwrapPathError(err)); serr != nil {
				return serr
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if notArticle(d.Name()) {
			w.stats.Ignored["not an article"]++
			return nil
		}
		return w.file(path, relTo(p, path))
	})
}

func relTo(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// notArticle reports whether a file found in a directory is documentation
// or code kept next to articles (README, LICENSE, …) rather than news.
// Files named explicitly are always read.
func notArticle(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch base {
	case "README", "LICENSE", "LICENCE", "COPYING", "ATTRIBUTION", "NOTICE", "CHANGELOG", "AUTHORS", "CONTRIBUTING":
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".go", ".py", ".js", ".css", ".sh", ".mod", ".sum", ".toml", ".yaml", ".yml", ".lock", ".golden", ".orig", ".swp":
		return true
	}
	return false
}

func (w *walker) file(path, rel string) error {
	f, err := os.Open(path)
	if err != nil {
		return w.skip(path, rel, ReasonUnreadable, unwrapPathError(err))
	}
	defer f.Close()
	w.stats.Inputs++
	return w.stream(path, rel, f)
}

// readBufSize is the buffer of each input stream; detection peeks into it.
const readBufSize = 64 << 10

// stream detects the format of one input and reads it.
func (w *walker) stream(input, rel string, r io.Reader) error {
	return w.streamAs(input, rel, input, r, 0)
}

func (w *walker) streamAs(input, rel, name string, r io.Reader, depth int) error {
	var br *bufio.Reader
	if depth == 0 && w.br != nil {
		// One buffer serves every top-level input in turn: a directory of
		// small files would otherwise allocate 64 KiB per file.
		br = w.br
		br.Reset(r)
	} else {
		br = bufio.NewReaderSize(r, readBufSize)
		if depth == 0 {
			w.br = br
		}
	}
	head, err := br.Peek(sniffLen)
	// whole is set when detection read the input to its end: most
	// articles are shorter than sniffLen, and reading them again would
	// only find the end again.
	whole := errors.Is(err, io.EOF)
	// A stream that fails after some bytes (a truncated gzip) is still
	// read up to the failure, where the reader reports it.
	if len(head) == 0 && err != nil && !errors.Is(err, io.EOF) {
		if depth > 0 {
			return w.skip(input, rel, ReasonCorrupt, gzipErr(err))
		}
		return w.skip(input, rel, ReasonUnreadable, err)
	}
	if len(bytes.TrimSpace(head)) == 0 && len(head) < sniffLen {
		return w.skip(input, rel, ReasonEmpty, nil)
	}
	if depth < 2 && (bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff})) {
		// UTF-16 text (Windows exports): decode it, then detect again.
		dec := unicode.BOMOverride(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
		return w.streamAs(input, rel, name, transform.NewReader(br, dec), 2)
	}
	format := Detect(head, name)
	switch format {
	case FormatGzip:
		if depth > 0 { // a bomb or a mistake, not news
			return w.skip(input, rel, ReasonBinary, errors.New("gzip inside gzip"))
		}
		gz, err := gzip.NewReader(br)
		if err != nil {
			return w.skip(input, rel, ReasonCorrupt, gzipErr(err))
		}
		defer gz.Close()
		return w.streamAs(input, rel, strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ"), gz, depth+1)
	case FormatWARC:
		return w.readWARC(input, rel, br)
	}
	if isBinary(head) {
		return w.skip(input, rel, ReasonBinary, nil)
	}
	switch format {
	case FormatJSONL:
		return w.readJSONL(input, rel, br)
	case FormatFeed:
		data, err := readBounded(br, feedLimit(w.opt))
		if err != nil {
			return w.skipRead(input, rel, err)
		}
		return w.readFeed(input, rel, data)
	}
	var data []byte
	if whole && int64(len(head)) <= w.opt.MaxArticleBytes {
		data = append(make([]byte, 0, len(head)), head...)
	} else if data, err = readBounded(br, w.opt.MaxArticleBytes); err != nil {
		return w.skipRead(input, rel, err)
	}
	var a *parallax.Article
	if format == FormatHTML {
		a, err = ExtractHTML(data, "", nil, w.opt)
		if a != nil {
			a.Input = input
		}
	} else {
		a, err = ReadText(input, data, w.opt)
	}
	if err != nil {
		return w.skipErr(input, rel, withInput(err, input))
	}
	return w.emit(a, rel)
}

// withInput names input in an *InputError that a page extractor made
// without knowing where the page came from.
func withInput(err error, input string) error {
	var ie *InputError
	if errors.As(err, &ie) && ie.Input == "" {
		ie.Input = input
	}
	return err
}

// feedLimit bounds a feed file: it holds many articles.
func feedLimit(opt Options) int64 { return 8 * opt.MaxArticleBytes }

var errTooLarge = errors.New("too large")

// readBounded reads r whole, failing with errTooLarge beyond limit bytes.
func readBounded(r io.Reader, limit int64) ([]byte, error) {
	if br, ok := r.(*bufio.Reader); ok {
		// An input the buffer holds whole (most articles) is copied out at
		// its size rather than read into a growing slice.
		if b, err := br.Peek(br.Size()); errors.Is(err, io.EOF) && int64(len(b)) <= limit {
			data := append(make([]byte, 0, len(b)), b...)
			br.Discard(len(b))
			return data, nil
		}
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return data, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", errTooLarge, limit)
	}
	return data, nil
}

func (w *walker) skipRead(input, rel string, err error) error {
	switch {
	case errors.Is(err, errTooLarge):
		return w.skip(input, rel, ReasonTooLarge, err)
	case isGzipErr(err):
		return w.skip(input, rel, ReasonCorrupt, gzipErr(err))
	}
	return w.skip(input, rel, ReasonUnreadable, err)
}

func isGzipErr(err error) bool {
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)
}

// gzipErr explains a decompression error.
func gzipErr(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("truncated gzip: %w", err)
	}
	return fmt.Errorf("gzip: %w", err)
}
