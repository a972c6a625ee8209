package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/parallax-news/parallax"
)

// ReadFeed reads an RSS 1.0, RSS 2.0 or Atom document into one article
// per item: link, title, date, and the content or summary with its HTML
// stripped. The outlet comes from the item's host, else the feed's link or
// title. Items without text come back as Items holding an *InputError
// ("feed.xml#3: no article"). A document that is not a feed is an error.
func ReadFeed(input string, data []byte, opt Options) ([]Item, error) {
	opt = opt.withDefaults()
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, &InputError{Input: input, Reason: ReasonInvalid, Err: fmt.Errorf("parse feed: %w", err)}
	}
	feedOutlet := outletOfFeed(feed, opt)
	var items []Item
	for i, it := range feed.Items {
		rec := fmt.Sprintf("%s#%d", input, i+1)
		a := &parallax.Article{
			Input:      rec,
			Format:     FormatFeed,
			ExternalID: strings.TrimSpace(it.GUID),
			URL:        strings.TrimSpace(it.Link),
			Title:      htmlToText(it.Title),
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published, a.PublishedSource, a.PublishedConfidence = it.PublishedParsed.UTC(), parallax.DateMetadata, 0.9
		case it.UpdatedParsed != nil:
			a.Published, a.PublishedSource, a.PublishedConfidence = it.UpdatedParsed.UTC(), parallax.DateMetadata, 0.7
		}
		var names []string
		for _, p := range it.Authors {
			if p != nil && strings.TrimSpace(p.Name) != "" {
				names = append(names, strings.TrimSpace(p.Name))
			}
		}
		a.Byline = strings.Join(names, ", ")
		if a.URL != "" {
			if o, ok := opt.Catalog.ByHost(a.URL); ok {
				a.Outlet = o
			}
		}
		if !a.Outlet.Known() {
			a.Outlet = feedOutlet
		}
		body := it.Content
		if len(strings.TrimSpace(htmlToText(it.Description))) > len(strings.TrimSpace(htmlToText(body))) {
			body = it.Description
		}
		b := &textDoc{cat: opt.Catalog}
		b.parse(a, htmlToText(body), false)
		if a.Title == "" {
			a.Title = leadTitle(splitLines(a.Text))
		}
		if err := finish(a, opt); err != nil {
			items = append(items, Item{Err: &InputError{Input: rec, Reason: ReasonNoArticle, Err: err}})
			continue
		}
		if a.Language == "" {
			a.Language = langCode(feed.Language) // the text decides first
		}
		items = append(items, Item{Article: a})
	}
	if len(feed.Items) == 0 {
		return nil, &InputError{Input: input, Reason: ReasonNoArticle, Err: errors.New("feed has no items")}
	}
	return items, nil
}

func outletOfFeed(feed *gofeed.Feed, opt Options) parallax.Outlet {
	for _, link := range []string{feed.Link, feed.FeedLink} {
		if o, ok := opt.Catalog.ByHost(link); ok && link != "" {
			o.Source = "feed"
			return o
		}
	}
	title := oneLine(feed.Title)
	if o, ok := opt.Catalog.ByName(title); ok {
		o.Source = "feed"
		return o
	}
	// Feed titles often add a section: "Al Jazeera – Breaking News".
	for _, sep := range []string{" - ", " – ", " — ", " | ", ": "} {
		if head, _, ok := strings.Cut(title, sep); ok {
			if o, ok := opt.Catalog.ByName(head); ok {
				o.Source = "feed"
				return o
			}
		}
	}
	if title == "" {
		return parallax.Outlet{}
	}
	o := parallax.Outlet{Name: title, Source: "feed", Reason: "the feed's title; not in the outlet catalog"}
	if feed.Link != "" {
		o.Host = hostOf(feed.Link)
	}
	return o
}

func langCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	if len(s) != 2 {
		return ""
	}
	return s
}

func (w *walker) readFeed(input, rel string, data []byte) error {
	items, err := ReadFeed(input, data, w.opt)
	if err != nil {
		return w.skipErr(input, rel, err)
	}
	for _, it := range items {
		var err error
		if it.Err != nil {
			err = w.skipErr(input, rel, it.Err)
		} else {
			err = w.emit(it.Article, rel)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
