package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
)

// LoadList reads a feed list file: one URL a line (blank lines and lines
// starting with # ignored) or an OPML document.
func LoadList(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read feed list: %w", err)
	}
	urls, err := ParseList(b)
	if err != nil {
		return nil, fmt.Errorf("feed list %s: %w", path, err)
	}
	return urls, nil
}

// ParseList parses a feed list (see LoadList). Every URL must be http or
// https; duplicates are dropped.
func ParseList(data []byte) ([]string, error) {
	var raw []string
	if bytes.Contains(data[:min(len(data), 1024)], []byte("<opml")) {
		var doc struct {
			Body struct {
				Outlines []outline `xml:"outline"`
			} `xml:"body"`
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("parse OPML: %w", err)
		}
		var walk func([]outline)
		walk = func(os []outline) {
			for _, o := range os {
				if o.XMLURL != "" {
					raw = append(raw, o.XMLURL)
				}
				walk(o.Children)
			}
		}
		walk(doc.Body.Outlines)
	} else {
		for i, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if err := checkURL(line); err != nil {
				return nil, fmt.Errorf("line %d: %w", i+1, err)
			}
			raw = append(raw, line)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, u := range raw {
		u = strings.TrimSpace(u)
		if err := checkURL(u); err != nil {
			return nil, err
		}
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no feed URLs (write one http or https URL a line, or an OPML file)")
	}
	return out, nil
}

type outline struct {
	XMLURL   string    `xml:"xmlUrl,attr"`
	Children []outline `xml:"outline"`
}

// checkURL accepts only absolute http and https URLs: a feed list or a
// feed item must not make the server read files or talk other protocols.
func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q is not a URL: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q: only http and https URLs are fetched", s)
	}
	if u.Host == "" {
		return fmt.Errorf("%q has no host", s)
	}
	return nil
}
