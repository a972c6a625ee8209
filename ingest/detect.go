package ingest

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Input formats, as recorded in Article.Format.
const (
	FormatText  = "text"
	FormatJSONL = "jsonl"
	FormatHTML  = "html"
	FormatFeed  = "feed"
	FormatWARC  = "warc"
	FormatGzip  = "gzip" // a compressed container; the content decides the rest
)

// sniffLen is how much of an input detection looks at.
const sniffLen = 8 << 10

// Detect returns the format of an input from its first bytes (up to a few
// kilobytes) and its name. Content decides when it is clear (gzip magic,
// a WARC header, feed or HTML markup, JSON objects); the extension decides
// between formats the content leaves open.
func Detect(head []byte, name string) string {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return FormatGzip
	}
	lname := strings.ToLower(name)
	ext := filepath.Ext(strings.TrimSuffix(lname, ".gz"))
	b := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(b, []byte("WARC/1.")) || bytes.HasPrefix(b, []byte("WARC/0.")) {
		return FormatWARC
	}
	if len(b) > 0 && b[0] == '<' {
		low := bytes.ToLower(b[:min(len(b), sniffLen)])
		// Look past the XML declaration, comments and doctype to the root.
		feedAt := firstIndex(low, "<rss", "<feed", "<rdf:rdf")
		htmlAt := firstIndex(low, "<html", "<!doctype html", "<head", "<body")
		switch {
		case feedAt >= 0 && (htmlAt < 0 || feedAt < htmlAt):
			return FormatFeed
		case htmlAt >= 0:
			return FormatHTML
		case ext == ".rss" || ext == ".atom" || ext == ".xml" && bytes.Contains(low, []byte("<item")):
			return FormatFeed
		}
		return FormatHTML // a fragment of markup
	}
	if len(b) > 0 && (b[0] == '{' || b[0] == '[' && jsonArrayOfObjects(b)) {
		return FormatJSONL
	}
	switch ext {
	case ".warc":
		return FormatWARC
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".rss", ".atom":
		return FormatFeed
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	}
	return FormatText
}

func jsonArrayOfObjects(b []byte) bool {
	b = bytes.TrimLeft(b[1:], " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}

func firstIndex(s []byte, subs ...string) int {
	best := -1
	for _, sub := range subs {
		if i := bytes.Index(s, []byte(sub)); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// isBinary reports whether a sample of an input is not text: it holds NUL
// bytes or other control characters, or too many bytes that are not
// UTF-8 (more than legacy single-byte encodings produce).
func isBinary(sample []byte) bool {
	if len(sample) == 0 {
		return false
	}
	if bytes.HasPrefix(sample, []byte{0xff, 0xfe}) || bytes.HasPrefix(sample, []byte{0xfe, 0xff}) {
		return false // UTF-16 with a byte-order mark; decoded by the readers
	}
	var ctrl, invalid int
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				return true
			}
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
				ctrl++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size == 1 {
			if i+utf8.UTFMax > len(sample) && !utf8.FullRune(sample[i:]) {
				break // a rune cut by the sample's end
			}
			invalid++
		}
		i += size
	}
	n := len(sample)
	return ctrl*100 > n || invalid*100 > n*30
}
