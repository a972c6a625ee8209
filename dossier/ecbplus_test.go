package dossier_test

import (
	"encoding/xml"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
)

// readECB reads an ECB+ token-XML fixture into an article: sentence 0 is
// the source URL (its host names the outlet), sentence 1 the headline,
// the rest the body, one sentence per line. Tokens are joined back into
// text the way a page would show them ("5 . 9" → "5.9", "200 , 000" →
// "200,000", "36 - year - old" → "36-year-old"), so that the extractors
// see news text rather than tokenizer output. published comes from the
// document's own date line (the test tables note which).
func readECB(t testing.TB, path string, published time.Time) *parallax.Article {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var sents [][]string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "token" {
			continue
		}
		var tk struct {
			Sentence int    `xml:"sentence,attr"`
			Text     string `xml:",chardata"`
		}
		if err := dec.DecodeElement(&tk, &se); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for len(sents) <= tk.Sentence {
			sents = append(sents, nil)
		}
		sents[tk.Sentence] = append(sents[tk.Sentence], tk.Text)
	}
	a := &parallax.Article{Input: path, Language: "en", Published: published}
	name := path[strings.LastIndexByte(path, '/')+1:]
	a.ID = strings.TrimSuffix(name, ".xml")
	var lines []string
	for i, s := range sents {
		if len(s) == 0 {
			continue
		}
		if i == 0 {
			a.URL = strings.Join(s, "")
			if u, err := url.Parse(a.URL); err == nil {
				a.Outlet.Name = strings.TrimPrefix(u.Hostname(), "www.")
			}
			continue
		}
		line := joinTokens(s)
		if a.Title == "" {
			a.Title = line
			continue
		}
		lines = append(lines, line)
	}
	a.Text = strings.Join(lines, "\n")
	a.Paragraphs, a.Sentences = extract.Segment(a.Text)
	return a
}

var (
	decimalGap  = regexp.MustCompile(`(\d) ?\. (\d)`)
	thousandGap = regexp.MustCompile(`(\d) ?, (\d{3})\b`)
	timeGap     = regexp.MustCompile(`(\d) ?: (\d\d)`)
	hyphenGap   = regexp.MustCompile(`([\p{L}\d]) - ([\p{L}\d])`)
	initialGap  = regexp.MustCompile(`\b([A-Z])\. ([A-Z])\.`)
	slashGap    = regexp.MustCompile(`(\S) / (\S)`)
)

func joinTokens(tokens []string) string {
	var b strings.Builder
	noSpace := true
	for _, t := range tokens {
		switch t {
		case "``", "''":
			t = `"`
		case "&amp;":
			t = "&"
		}
		attach := noSpace
		switch t {
		case ",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "’s", "n't", "’":
			attach = true
		}
		if !attach {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		noSpace = t == "(" || t == "[" || t == "$"
	}
	s := b.String()
	for _, re := range []*regexp.Regexp{decimalGap, thousandGap, timeGap, hyphenGap, initialGap, slashGap} {
		repl := "$1.$2"
		switch re {
		case thousandGap:
			repl = "$1,$2"
		case timeGap:
			repl = "$1:$2"
		case hyphenGap:
			repl = "$1-$2"
		case initialGap:
			repl = "$1.$2."
		case slashGap:
			repl = "$1/$2"
		}
		for {
			n := re.ReplaceAllString(s, repl)
			if n == s {
				break
			}
			s = n
		}
	}
	return s
}
