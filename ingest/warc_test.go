package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// warcRec is one record for buildWARC.
type warcRec struct {
	typ, uri string
	block    string // the HTTP message for responses
	// raw, when set, is written instead of a well-formed record.
	raw string
}

func httpResponse(status int, ctype, body string) string {
	return fmt.Sprintf("HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(body), body)
}

// writeWARCRecord writes one record as CC-NEWS does.
func writeWARCRecord(w io.Writer, n int, r warcRec) {
	if r.raw != "" {
		io.WriteString(w, r.raw)
		return
	}
	ct := "application/http; msgtype=response"
	switch r.typ {
	case "resource":
		ct = "text/html"
	case "warcinfo":
		ct = "application/warc-fields"
	case "request":
		ct = "application/http; msgtype=request"
	}
	fmt.Fprintf(w, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2024-02-04T06:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n", r.typ, n)
	if r.uri != "" {
		fmt.Fprintf(w, "WARC-Target-URI: %s\r\n", r.uri)
	}
	fmt.Fprintf(w, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", ct, len(r.block), r.block)
}

// buildWARC writes records to path, each as its own gzip member when gz.
func buildWARC(t testing.TB, path string, gz bool, recs []warcRec) {
	t.Helper()
	var buf bytes.Buffer
	for i, r := range recs {
		if gz {
			zw := gzip.NewWriter(&buf)
			writeWARCRecord(zw, i+1, r)
			zw.Close()
		} else {
			writeWARCRecord(&buf, i+1, r)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "ingest", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testRecords(t testing.TB) []warcRec {
	page := fixture(t, "page.html")
	return []warcRec{
		{typ: "warcinfo", block: "software: parallax-test\r\nformat: WARC File Format 1.0\r\n"},
		{typ: "request", uri: "https://www.aljazeera.com/news/x", block: "GET /news/x HTTP/1.1\r\nHost: www.aljazeera.com\r\n\r\n"},
		{typ: "response", uri: "https://www.aljazeera.com/news/x", block: httpResponse(200, "text/html; charset=utf-8", page)},
		{typ: "response", uri: "https://example.org/logo.png", block: httpResponse(200, "image/png", "\x89PNG...")},
		{typ: "response", uri: "https://example.org/gone", block: httpResponse(404, "text/html", "<html>gone</html>")},
		{typ: "metadata", uri: "https://www.aljazeera.com/news/x", block: "fetchTimeMs: 120\r\n"},
		{typ: "response", uri: "https://www.france24.com/fr/x", block: httpResponse(200, "text/html", fixture(t, "latin1.html"))},
		{typ: "resource", uri: "file:///archive/page.html", block: strings.Replace(page, "aljazeera.com/news/2024/2/3/russia-seeks", "aljazeera.com/news/2024/2/3/archived-russia-seeks", 1)},
	}
}

func TestWARC(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		file string
		gz   bool
	}{
		{"plain", "news.warc", false},
		{"gzip members", "news.warc.gz", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			buildWARC(t, path, tt.gz, testRecords(t))
			items, stats := collect(t, []string{path}, testOptions())
			// Both variants share one golden file: name them alike.
			for i := range items {
				items[i].Rel = strings.TrimSuffix(filepath.Base(items[i].Rel), ".gz")
				if a := items[i].Article; a != nil {
					a.Input = strings.Replace(strings.TrimPrefix(a.Input, dir+string(filepath.Separator)), ".warc.gz#", ".warc#", 1)
				}
			}
			checkGolden(t, "warc", struct {
				Items   []goldenItem
				Ignored map[string]int
			}{items, stats.Ignored})
		})
	}
}

func TestWARCCorruptRecord(t *testing.T) {
	page := httpResponse(200, "text/html", fixture(t, "page.html"))
	other := httpResponse(200, "text/html", fixture(t, "latin1.html"))
	tests := []struct {
		name    string
		corrupt string
	}{
		{"garbage between records", "this is not a WARC record\r\nat all\r\n\r\n"},
		{"bad content length", "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nbody\r\n\r\n"},
		{"content length too long", "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 5000\r\n\r\nshort\r\n\r\n"},
		{"content length too short", "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 3\r\n\r\nlonger than three\r\n\r\n"},
		{"header without colon", "WARC/1.0\r\nWARC-Type response\r\n\r\n"},
	}
	for _, tt := range tests {
		for _, gz := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s gz=%v", tt.name, gz), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "c.warc")
				buildWARC(t, path, gz, []warcRec{
					{typ: "response", uri: "https://www.aljazeera.com/a", block: page},
					{raw: tt.corrupt},
					{typ: "response", uri: "https://www.france24.com/b", block: other},
				})
				items, stats := collect(t, []string{path}, testOptions())
				var articles, corrupt int
				for _, it := range items {
					switch {
					case it.Article != nil:
						articles++
					case it.Reason == ReasonCorrupt && strings.Contains(it.Error, path+"#2"):
						corrupt++
					default:
						t.Errorf("unexpected item %+v", it)
					}
				}
				if articles != 2 || corrupt != 1 {
					t.Errorf("got %d articles and %d corrupt records, want 2 and 1 (stats %+v)", articles, corrupt, stats)
				}
			})
		}
	}
}

func TestWARCTruncatedGzip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cut.warc.gz")
	buildWARC(t, path, true, testRecords(t))
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(path, data[:len(data)-200], 0o644); err != nil {
		t.Fatal(err)
	}
	items, _ := collect(t, []string{path}, testOptions())
	// Every record but the last (cut) one is read, then the error.
	if len(items) != 3 {
		t.Fatalf("got %d items, want the two articles before the cut and the truncation error: %+v", len(items), items)
	}
	if items[0].Article == nil || items[1].Article == nil {
		t.Errorf("articles before the cut lost: %+v", items[:2])
	}
	if last := items[2]; last.Reason != ReasonCorrupt || !strings.Contains(last.Error, path+": corrupt: truncated") {
		t.Errorf("last item = %+v, want a truncation error naming %s", last, path)
	}
}

func FuzzWARC(f *testing.F) {
	var buf bytes.Buffer
	for i, r := range []warcRec{
		{typ: "warcinfo", block: "software: x\r\n"},
		{typ: "response", uri: "https://example.org/a", block: httpResponse(200, "text/html", "<html><body><p>Some text of a page that is long enough to be an article for the reader.</p></body></html>")},
	} {
		writeWARCRecord(&buf, i+1, r)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w := &walker{ctx: context.Background(), opt: Options{MaxArticleBytes: 1 << 16}.withDefaults(), fn: func(Item) error { return nil },
			stats: Stats{Skipped: map[string]int{}, Ignored: map[string]int{}}}
		_ = w.readWARC("fuzz", "fuzz", bytes.NewReader(data))
	})
}

// TestWARCFile streams the WARC archive named by $PARALLAX_WARC (for
// example a 1 GB synthetic or CC-NEWS file) and reports what it read and
// the process's peak memory; run it under /usr/bin/time -v to check the
// 300 MB bound. It is skipped without the variable.
//
// With $PARALLAX_WARC_SYNTHETIC_MB instead, it first writes a synthetic
// WARC.gz of that many megabytes (HTML pages, request records,
// incompressible image responses, and records over the size bound) into a
// temporary directory.
func TestWARCFile(t *testing.T) {
	path := os.Getenv("PARALLAX_WARC")
	if mb := os.Getenv("PARALLAX_WARC_SYNTHETIC_MB"); path == "" && mb != "" {
		size, err := strconv.ParseInt(mb, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(t.TempDir(), "synthetic.warc.gz")
		writeSyntheticWARC(t, path, size<<20)
	}
	if path == "" {
		t.Skip("set PARALLAX_WARC to a WARC or WARC.gz file, or PARALLAX_WARC_SYNTHETIC_MB to a size, to stream one")
	}
	stats, err := Walk(context.Background(), []string{path}, Options{}, func(it Item) error {
		if it.Err != nil && !strings.Contains(it.Err.Error(), ReasonTooLarge) {
			t.Log(it.Err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d articles, skipped %v, ignored %v, max RSS %d MiB", path, stats.Articles, stats.Skipped, stats.Ignored, maxRSS()>>20)
}

func TestResponseBody(t *testing.T) {
	page := "<html><body><p>Hello</p></body></html>"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	chunked := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(page), page)
	tests := []struct {
		name, block string
	}{
		{"plain", httpResponse(200, "text/html", page)},
		{"wrong content length", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n" + page},
		{"chunked", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked},
		{"chunked header, decoded payload", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + page},
		{"gzip", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gz.String()},
		{"gzip header, decoded payload", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + page},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			block := []byte(tt.block)
			resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := responseBody(block, resp)
			if err != nil || string(got) != page {
				t.Errorf("body = %q, %v; want the page", got, err)
			}
		})
	}
}

// writeSyntheticWARC writes a WARC.gz of about size bytes, one gzip member
// per record, streaming so that the writer's memory stays small.
func writeSyntheticWARC(t testing.TB, path string, size int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cw := &countingWriter{w: bufio.NewWriterSize(f, 1<<20)}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 0
	record := func(typ, uri, ct string, block []byte) {
		n++
		zw, _ := gzip.NewWriterLevel(cw, gzip.BestSpeed)
		fmt.Fprintf(zw, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2024-02-04T06:00:00Z\r\nWARC-Record-ID: <urn:uuid:%08d>\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", typ, n, uri, ct, len(block))
		zw.Write(block)
		zw.Write([]byte("\r\n\r\n"))
		zw.Close()
	}
	page := fixture(t, "page.html")
	record("warcinfo", "", "application/warc-fields", []byte("software: parallax test\r\n"))
	for i := 0; cw.n < size; i++ {
		uri := fmt.Sprintf("https://www.aljazeera.com/news/%d", i)
		record("request", uri, "application/http; msgtype=request", []byte("GET /news/"+strconv.Itoa(i)+" HTTP/1.1\r\n\r\n"))
		var body []byte
		ctype := "text/html; charset=utf-8"
		switch {
		case i%1000 == 999:
			body = make([]byte, 12<<20) // over the default 8 MiB bound
			fillRandom(rng, body)
			ctype = "application/octet-stream"
		case i%2 == 1:
			body = make([]byte, 150<<10+rng.IntN(100<<10))
			fillRandom(rng, body)
			ctype = "image/jpeg"
		default:
			body = []byte(strings.Replace(page, "Moscow has asked", fmt.Sprintf("Moscow (%d) has asked", i), 1))
		}
		resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", ctype, len(body))
		record("response", uri, "application/http; msgtype=response", append([]byte(resp), body...))
	}
	if err := cw.w.(*bufio.Writer).Flush(); err != nil {
		t.Fatal(err)
	}
}

func fillRandom(rng *rand.Rand, b []byte) {
	for i := 0; i+8 <= len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], rng.Uint64())
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
