package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
)

// WARC reading follows ISO 28500 (WARC/1.0 and 1.1) as Common Crawl's
// CC-NEWS writes it: records of a version line, "Name: value" headers, a
// blank line, Content-Length bytes of block and "\r\n\r\n". A .warc.gz is
// a series of gzip members, usually one per record, which gzip.Reader
// reads as one stream. Only the current record is ever held in memory.

// warcRecord is one WARC record with its block when it fits the bound.
type warcRecord struct {
	n        int               // 1-based position in the file
	header   map[string]string // lower-case names
	block    []byte
	tooLarge bool
}

// errWARCCorrupt reports a record whose framing is broken; the reader has
// already moved on to the next "WARC/1." line.
type errWARCCorrupt struct {
	n   int
	err error
}

func (e *errWARCCorrupt) Error() string { return fmt.Sprintf("record %d: %v", e.n, e.err) }

// maxWARCHeaderLines bounds a record's header so that garbage cannot make
// the reader collect lines forever.
const maxWARCHeaderLines = 256

type warcReader struct {
	br  *bufio.Reader
	n   int
	max int64
	buf []byte
}

func newWARCReader(r io.Reader, maxBlock int64) *warcReader {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < readBufSize {
		br = bufio.NewReaderSize(r, readBufSize)
	}
	return &warcReader{br: br, max: maxBlock}
}

// line reads one line without its line ending. A line longer than the
// buffer is an error, never an allocation.
func (r *warcReader) line() ([]byte, error) {
	l, err := r.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil, errors.New("header line too long")
	}
	if err != nil && !(errors.Is(err, io.EOF) && len(l) > 0) {
		return nil, err
	}
	return bytes.TrimRight(l, "\r\n"), nil
}

// next returns the next record, io.EOF at the end, an *errWARCCorrupt for
// a broken record (reading may go on) or another error when the stream
// itself fails (truncated gzip).
func (r *warcReader) next() (*warcRecord, error) {
	var version []byte
	for {
		l, err := r.line()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			if err.Error() == "header line too long" {
				r.n++
				return nil, r.corrupt(err)
			}
			return nil, err
		}
		if len(bytes.TrimSpace(l)) > 0 {
			version = l
			break
		}
	}
	r.n++
	if !bytes.HasPrefix(version, []byte("WARC/")) {
		return nil, r.corrupt(fmt.Errorf("expected a WARC version line, found %q", clip(version, 40)))
	}
	rec := &warcRecord{n: r.n, header: make(map[string]string, 12)}
	var last string
	for i := 0; ; i++ {
		if i == maxWARCHeaderLines {
			return nil, r.corrupt(errors.New("too many header lines"))
		}
		l, err := r.line()
		if err != nil {
			if isStreamErr(err) {
				return nil, err
			}
			return nil, r.corrupt(fmt.Errorf("header: %w", err))
		}
		if len(l) == 0 {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && last != "" {
			rec.header[last] += " " + string(bytes.TrimSpace(l))
			continue
		}
		name, value, ok := bytes.Cut(l, []byte(":"))
		if !ok {
			return nil, r.corrupt(fmt.Errorf("bad header line %q", clip(l, 40)))
		}
		last = strings.ToLower(string(bytes.TrimSpace(name)))
		rec.header[last] = string(bytes.TrimSpace(value))
	}
	length, err := strconv.ParseInt(rec.header["content-length"], 10, 64)
	if err != nil || length < 0 {
		return nil, r.corrupt(fmt.Errorf("bad Content-Length %q", rec.header["content-length"]))
	}
	if length > r.max {
		rec.tooLarge = true
		if _, err := io.CopyN(io.Discard, r.br, length); err != nil {
			return nil, streamErr(err)
		}
	} else {
		if int64(cap(r.buf)) < length {
			r.buf = make([]byte, length)
		}
		rec.block = r.buf[:length]
		if n, err := io.ReadFull(r.br, rec.block); err != nil {
			// A Content-Length running past the end may have swallowed
			// the records after it: give them back.
			if i := bytes.Index(rec.block[:n], []byte("\nWARC/1.")); i >= 0 {
				r.pushBack(rec.block[i+1 : n])
				return nil, &errWARCCorrupt{n: rec.n, err: errors.New("Content-Length overruns the record")}
			}
			return nil, streamErr(err)
		}
	}
	// The block ends with two line breaks; anything else means the
	// Content-Length was wrong and the block swallowed or lost bytes.
	trailer, err := r.br.Peek(4)
	switch {
	case bytes.Equal(trailer, []byte("\r\n\r\n")):
		r.br.Discard(4)
	case bytes.HasPrefix(trailer, []byte("\n\n")):
		r.br.Discard(2)
	case len(trailer) == 0 && errors.Is(err, io.EOF):
	case isStreamErr(err):
		return nil, err
	default:
		if i := bytes.Index(rec.block, []byte("\nWARC/1.")); i >= 0 && !rec.tooLarge {
			r.pushBack(rec.block[i+1:])
			return nil, &errWARCCorrupt{n: rec.n, err: errors.New("Content-Length overruns the record")}
		}
		return nil, r.corrupt(errors.New("record does not end where Content-Length says"))
	}
	return rec, nil
}

// corrupt skips to the next line that starts a record and returns the
// error for the current one.
func (r *warcReader) corrupt(err error) error {
	atLineStart := true
	for {
		if atLineStart {
			peek, perr := r.br.Peek(7)
			if bytes.Equal(peek, []byte("WARC/1.")) || bytes.Equal(peek, []byte("WARC/0.")) {
				break
			}
			if perr != nil && len(peek) < 7 {
				if isStreamErr(perr) {
					return perr
				}
				break // end of input
			}
		}
		l, lerr := r.br.ReadSlice('\n')
		atLineStart = lerr == nil
		if lerr != nil && !errors.Is(lerr, bufio.ErrBufferFull) {
			if isStreamErr(lerr) {
				return lerr
			}
			break
		}
		_ = l
	}
	return &errWARCCorrupt{n: r.n, err: err}
}

// pushBack puts bytes read too far back in front of the stream.
func (r *warcReader) pushBack(b []byte) {
	cp := append([]byte(nil), b...)
	r.br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(cp), r.br), readBufSize)
}

// isStreamErr reports whether err is a failure of the underlying stream
// (truncated or corrupt compression) rather than of one record.
func isStreamErr(err error) bool {
	return err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull)
}

func streamErr(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

func clip(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}

func (w *walker) readWARC(input, rel string, r io.Reader) error {
	wr := newWARCReader(r, w.opt.MaxArticleBytes)
	for {
		rec, err := wr.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var ce *errWARCCorrupt
		if errors.As(err, &ce) {
			if serr := w.skip(fmt.Sprintf("%s#%d", input, ce.n), rel, ReasonCorrupt, ce.err); serr != nil {
				return serr
			}
			continue
		}
		if err != nil {
			// The stream itself broke: a truncated or damaged gzip member.
			// What was read before stays read.
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return w.skip(input, rel, ReasonCorrupt, fmt.Errorf("truncated after record %d: %w", wr.n, err))
			}
			return w.skip(input, rel, ReasonCorrupt, fmt.Errorf("after record %d: %w", wr.n, err))
		}
		if err := w.warcRecord(input, rel, rec); err != nil {
			return err
		}
	}
}

func (w *walker) warcRecord(input, rel string, rec *warcRecord) error {
	id := fmt.Sprintf("%s#%d", input, rec.n)
	typ := strings.ToLower(rec.header["warc-type"])
	if typ == "resource" && strings.Contains(strings.ToLower(rec.header["content-type"]), "html") {
		// Tools that archive files rather than HTTP exchanges (wget's
		// --warc-file for local pages, warcit) store pages as resources.
		if rec.tooLarge {
			return w.skip(id, rel, ReasonTooLarge, fmt.Errorf("record over %d bytes", w.opt.MaxArticleBytes))
		}
		header := http.Header{"Content-Type": {rec.header["content-type"]}}
		return w.warcPage(id, rel, rec, strings.Trim(rec.header["warc-target-uri"], "<>"), rec.block, header)
	}
	if typ != "response" {
		if typ == "" {
			typ = "untyped"
		}
		w.stats.Ignored["warc "+typ]++
		return nil
	}
	if ct := strings.ToLower(rec.header["content-type"]); ct != "" && !strings.HasPrefix(ct, "application/http") {
		w.stats.Ignored["warc non-http response"]++
		return nil
	}
	if rec.tooLarge {
		return w.skip(id, rel, ReasonTooLarge, fmt.Errorf("record over %d bytes", w.opt.MaxArticleBytes))
	}
	target := strings.Trim(rec.header["warc-target-uri"], "<>")
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(rec.block)), nil)
	if err != nil {
		return w.skip(id, rel, ReasonCorrupt, fmt.Errorf("http response: %w", err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		w.stats.Ignored["http status "+strconv.Itoa(resp.StatusCode/100)+"xx"]++
		return nil
	}
	ctype := strings.ToLower(resp.Header.Get("Content-Type"))
	if ctype != "" && !strings.Contains(ctype, "html") {
		w.stats.Ignored["non-html response"]++
		return nil
	}
	body, err := responseBody(rec.block, resp)
	if err != nil {
		return w.skip(id, rel, ReasonCorrupt, fmt.Errorf("http body: %w", err))
	}
	return w.warcPage(id, rel, rec, target, body, resp.Header)
}

// warcPage extracts the article of one archived page.
func (w *walker) warcPage(id, rel string, rec *warcRecord, target string, body []byte, header http.Header) error {
	a, err := ExtractHTML(body, target, header, w.opt)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			ie.Input = id
			return w.skip(id, rel, ie.Reason, ie.Err)
		}
		return w.skip(id, rel, ReasonNoArticle, err)
	}
	a.Input = id
	a.Format = FormatWARC
	a.ExternalID = strings.Trim(rec.header["warc-record-id"], "<>")
	if a.Published.IsZero() {
		// The crawl time bounds the publication; news is crawled soon
		// after it appears, so it is a weak estimate.
		if t, ok := ParseTime(rec.header["warc-date"]); ok {
			a.Published, a.PublishedSource, a.PublishedConfidence = t, parallax.DateMetadata, 0.3
		}
	}
	return w.emit(a, rel)
}

// responseBody returns the payload of the HTTP response in block without
// transfer and content coding. Crawlers such as Common Crawl store the
// payload already decoded and keep (or rename) the original headers, so the
// headers are believed only when the bytes agree: a chunked body must look
// chunked and a gzip body must start with the gzip magic. The payload runs
// to the end of the block whatever Content-Length says.
func responseBody(block []byte, resp *http.Response) ([]byte, error) {
	var payload []byte
	if i := bytes.Index(block, []byte("\r\n\r\n")); i >= 0 {
		payload = block[i+4:]
	} else if i := bytes.Index(block, []byte("\n\n")); i >= 0 {
		payload = block[i+2:]
	}
	var r io.Reader = bytes.NewReader(payload)
	if len(resp.TransferEncoding) > 0 && resp.TransferEncoding[0] == "chunked" && looksChunked(payload) {
		r = resp.Body // net/http decodes the chunks
	}
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		br := bufio.NewReader(r)
		if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
			gz, err := gzip.NewReader(br)
			if err != nil {
				return nil, err
			}
			r = gz
		} else {
			r = br
		}
	case "deflate":
		br := bufio.NewReader(r)
		if magic, _ := br.Peek(1); len(magic) == 1 && magic[0] == 0x78 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, err
			}
			r = zr
		} else if len(magic) == 1 && magic[0] != '<' && magic[0] != ' ' && magic[0] != '\n' {
			r = flate.NewReader(br)
		} else {
			r = br
		}
	}
	return io.ReadAll(io.LimitReader(r, DefaultMaxArticleBytes*4))
}

// looksChunked reports whether b starts like a chunked body: hex digits,
// optional extensions, CRLF.
func looksChunked(b []byte) bool {
	i := 0
	for i < len(b) && i < 16 && (b[i] >= '0' && b[i] <= '9' || b[i] >= 'a' && b[i] <= 'f' || b[i] >= 'A' && b[i] <= 'F') {
		i++
	}
	return i > 0 && i < len(b) && (b[i] == '\r' || b[i] == ';' || b[i] == '\n')
}
