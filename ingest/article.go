package ingest

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/outlet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// DefaultMaxArticleBytes bounds one article's raw size when
// Options.MaxArticleBytes is zero.
const DefaultMaxArticleBytes = 8 << 20

// withDefaults fills the zero fields of opt.
func (opt Options) withDefaults() Options {
	if opt.Catalog == nil {
		opt.Catalog = outlet.Default()
	}
	if opt.MaxArticleBytes <= 0 {
		opt.MaxArticleBytes = DefaultMaxArticleBytes
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Stdin == nil {
		opt.Stdin = os.Stdin
	}
	return opt
}

// errNoText is returned by finish for an article without text.
var errNoText = errors.New("no text")

// minArticleRunes is the least text an article extracted from a page
// needs; less is a label, a caption or an empty page rather than a
// report. Records that are articles by construction (JSON lines, feed
// items, text files) need only some text: a headline is a report.
const minArticleRunes = 40

// finish completes an article whose Text holds the cleaned body: it computes paragraphs, sentences, language, id and
// agencies, and resolves the outlet from the URL.
func finish(a *parallax.Article, opt Options) error {
	// Readers pass text through textDoc.parse, which cleans it; raw JSONL
	// text stays as given but must at least be UTF-8.
	if !utf8.ValidString(a.Text) {
		a.Text = strings.ToValidUTF8(a.Text, "\uFFFD")
	}
	a.Title = oneLine(a.Title)
	a.Byline = oneLine(a.Byline)
	least := 1
	if a.Format == FormatHTML || a.Format == FormatWARC {
		least = minArticleRunes
	}
	if !hasRunes(strings.TrimSpace(a.Text), least) {
		if !opt.KeepEmpty || strings.TrimSpace(a.Text) != "" {
			return errNoText
		}
		a.Text = ""
		if a.ID == "" {
			a.ID = parallax.ArticleID("empty:"+a.Input, "")
		}
	}
	a.Paragraphs, a.Sentences = extract.Segment(a.Text)
	if a.Language == "" {
		a.Language = extract.Language(a.Text)
	}
	a.URL = cleanURL(a.URL)
	if !a.Outlet.Known() && a.URL != "" {
		if o, ok := opt.Catalog.ByHost(a.URL); ok {
			a.Outlet = o
		}
	}
	if a.Outlet.Host == "" && a.URL != "" {
		a.Outlet.Host = hostOf(a.URL)
	}
	a.Agencies = mergeAgencies(a.Agencies, opt.Catalog.Agencies(a.Text), a.Outlet.Name)
	if a.ID == "" {
		a.ID = articleID(a.URL, a.Text)
	}
	if a.Published.IsZero() {
		a.PublishedSource, a.PublishedConfidence = parallax.DateNone, 0
	}
	return nil
}

// hasRunes reports whether s has at least n runes, counting no further.
func hasRunes(s string, n int) bool {
	for range s {
		if n--; n <= 0 {
			return true
		}
	}
	return n <= 0
}

// mergeAgencies joins agency lists in order, each once, leaving out the
// article's own outlet (an agency report crediting itself).
func mergeAgencies(a, b []string, own string) []string {
	var out []string
	seen := map[string]bool{own: true, "": true}
	for _, s := range append(a, b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// trackingParams are query parameters that mark how a reader arrived,
// not which article they read.
var trackingParams = []string{"utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid", "ref_src"}

// cleanURL trims a URL and drops its fragment and tracking parameters, so
// that the same article shared through different channels gets one id.
func cleanURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Fragment = ""
	u.RawFragment = ""
	if u.RawQuery != "" {
		q := u.Query()
		removed := false
		for k := range q {
			lk := strings.ToLower(k)
			for _, p := range trackingParams {
				if strings.HasPrefix(lk, p) {
					q.Del(k)
					removed = true
					break
				}
			}
		}
		if removed {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(extract.Clean(s)), " ")
}

func hostOf(u string) string {
	s := u
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimPrefix(strings.ToLower(s), "www.")
}

func decodeUTF16(data []byte) (string, bool) {
	var e encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		return "", false
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	return string(out), true
}

func decodeWindows1252(data []byte) string {
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(out)
}
