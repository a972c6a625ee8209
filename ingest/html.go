package ingest

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"github.com/parallax-news/parallax"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ExtractHTML extracts the article from one web page: main text, title,
// byline and site name (go-trafilatura), publication date and time
// (go-htmldate), the canonical URL (<link rel=canonical>, og:url) and the
// outlet. The page is decoded from the charset its headers or meta tags
// declare. pageURL and header may be empty; the WARC reader and feed
// poller pass what the fetch returned. A page without an article yields an
// *InputError with reason "no article" (its Input is pageURL).
func ExtractHTML(page []byte, pageURL string, header http.Header, opt Options) (*parallax.Article, error) {
	opt = opt.withDefaults()
	fail := func(reason string, err error) error {
		return &InputError{Input: pageURL, Reason: reason, Err: err}
	}
	if int64(len(page)) > opt.MaxArticleBytes {
		return nil, fail(ReasonTooLarge, nil)
	}
	page = decodeHTML(page, header.Get("Content-Type"))
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fail(ReasonInvalid, err)
	}
	prune(doc)
	canonical := canonicalURL(doc, pageURL)
	articleURL := canonical
	if articleURL == "" {
		articleURL = pageURL
	}
	var orig *url.URL
	if u, err := url.Parse(articleURL); err == nil && u.Host != "" {
		orig = u
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     orig,
		ExcludeComments: true,
		Focus:           trafilatura.Balanced,
		HtmlDateMode:    trafilatura.Disabled,
		HtmlDateOptions: &htmldate.Options{
			ExtractTime:         true,
			UseOriginalDate:     true,
			SkipExtensiveSearch: true,
			// Meta tags carry the time; a date in the URL has none.
			DeferUrlExtractor: true,
			URL:               articleURL,
			MaxDate:           opt.Now(),
		},
	})
	if err != nil {
		return nil, fail(ReasonNoArticle, err)
	}
	md := res.Metadata
	a := &parallax.Article{
		Input:  pageURL,
		Format: FormatHTML,
		URL:    articleURL,
		Title:  md.Title,
		Byline: md.Author,
	}
	if !md.Date.IsZero() {
		a.Published, a.PublishedSource, a.PublishedConfidence = md.Date, parallax.DatePage, 0.8
	}
	pageLang := strings.ToLower(md.Language)
	if i := strings.IndexAny(pageLang, "-_"); i > 0 {
		pageLang = pageLang[:i]
	}
	if a.URL != "" {
		if o, ok := opt.Catalog.ByHost(a.URL); ok {
			a.Outlet = o
		}
	}
	if !a.Outlet.Known() && md.Sitename != "" {
		if o, ok := opt.Catalog.ByName(md.Sitename); ok {
			a.Outlet = o
			a.Outlet.Source = "page"
		} else {
			a.Outlet = parallax.Outlet{Name: oneLine(md.Sitename), Source: "page", Reason: "the page's site name; not in the outlet catalog"}
		}
	}
	b := &textDoc{cat: opt.Catalog}
	b.parse(a, nodeText(res.ContentNode), false)
	if !hasProse(a.Text) {
		// Index and gallery pages leave link lists and captions, never a
		// paragraph of running text.
		return nil, fail(ReasonNoArticle, errors.New("no paragraph of running text"))
	}
	if err := finish(a, opt); err != nil {
		return nil, fail(ReasonNoArticle, err)
	}
	// The page's lang attribute is often a site-wide default, so the text
	// decides and the attribute only fills in.
	if a.Language == "" && len(pageLang) == 2 {
		a.Language = pageLang
	}
	return a, nil
}

func hasProse(text string) bool {
	for l := range strings.Lines(text) {
		if isProse(strings.TrimSpace(l)) {
			return true
		}
	}
	return false
}

// prune removes what never holds article text or metadata (scripts other
// than JSON-LD, styles, frames, SVG, comments, navigation, and asides and
// footers outside the article) before extraction, which copies and walks
// the tree several times.
func prune(n *html.Node) { pruneIn(n, false) }

func pruneIn(n *html.Node, inArticle bool) {
	if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main) {
		inArticle = true
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		drop := false
		switch c.Type {
		case html.CommentNode:
			drop = true
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Style, atom.Noscript, atom.Iframe, atom.Svg, atom.Template, atom.Object, atom.Embed, atom.Canvas:
				drop = true
			case atom.Script:
				drop = !strings.Contains(strings.ToLower(attr(c, "type")), "ld+json")
			case atom.Link:
				drop = !hasToken(attr(c, "rel"), "canonical") && !hasToken(attr(c, "rel"), "author")
			case atom.Nav:
				drop = true
			case atom.Aside, atom.Footer:
				drop = !inArticle
			}
		}
		if drop {
			n.RemoveChild(c)
		} else {
			pruneIn(c, inArticle)
		}
		c = next
	}
}

// decodeHTML converts a page to UTF-8 using the charset of the
// Content-Type header, a BOM or a meta tag, else a guess.
func decodeHTML(page []byte, contentType string) []byte {
	enc, name, _ := charset.DetermineEncoding(page, contentType)
	if name == "utf-8" || enc == nil {
		return bytes.TrimPrefix(page, []byte("\xef\xbb\xbf"))
	}
	out, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return page
	}
	return out
}

// canonicalURL returns the page's canonical URL (<link rel=canonical>,
// else og:url), resolved against base.
func canonicalURL(doc *html.Node, base string) string {
	var canon, og string
	var visit func(n *html.Node) bool
	visit = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && canon == "" {
					canon = attr(n, "href")
				}
			case atom.Meta:
				if p := attr(n, "property"); (p == "og:url" || attr(n, "name") == "og:url") && og == "" {
					og = attr(n, "content")
				}
			case atom.Body:
				return true // canonical links live in the head
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if visit(c) {
				return true
			}
		}
		return false
	}
	visit(doc)
	for _, c := range []string{canon, og} {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		u, err := url.Parse(c)
		if err != nil {
			continue
		}
		if b, err := url.Parse(base); err == nil && base != "" {
			u = b.ResolveReference(u)
		}
		if u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") {
			u.Fragment = ""
			return u.String()
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// inline elements flow within a paragraph; every other element breaks it.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Span: true, atom.Em: true, atom.Strong: true, atom.B: true, atom.I: true,
	atom.U: true, atom.Sub: true, atom.Sup: true, atom.Small: true, atom.Abbr: true, atom.Code: true,
	atom.Q: true, atom.Time: true, atom.Mark: true, atom.Cite: true, atom.Font: true, atom.S: true,
	atom.Del: true, atom.Ins: true, atom.Bdi: true, atom.Bdo: true, atom.Dfn: true, atom.Kbd: true,
	atom.Var: true, atom.Samp: true, atom.Label: true, atom.Data: true, atom.Wbr: true, atom.Img: true,
}

// skipped elements never hold article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Template: true,
	atom.Svg: true, atom.Head: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
}

// nodeText renders an extracted content tree as text with one paragraph
// per block element (trafilatura's own ContentText runs paragraphs
// together).
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				b.WriteString("\n")
				return
			}
		}
		block := n.Type == html.ElementNode && !inline[n.DataAtom]
		if block {
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	visit(n)
	return b.String()
}

// htmlToText renders an HTML fragment (a feed item's content) as text,
// one paragraph per block element, without scripts and styles.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Template, atom.Svg:
				if tt == html.StartTagToken {
					skip++
				}
			case atom.Br, atom.P, atom.Div, atom.Li, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4,
				atom.H5, atom.H6, atom.Tr, atom.Section, atom.Article, atom.Figure, atom.Figcaption, atom.Ul, atom.Ol, atom.Table, atom.Hr:
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Template, atom.Svg:
				if skip > 0 {
					skip--
				}
			case atom.P, atom.Div, atom.Li, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Tr, atom.Figcaption:
				b.WriteString("\n\n")
			}
		}
	}
}
