// Package outlet recognizes news outlets and wire agencies: a catalog maps
// web hosts and names to outlets (name, country, language, notes such as
// state affiliation). A built-in default is embedded; users extend it with
// their own JSON or YAML file.
//
// Wire agencies (Reuters, AFP, Anadolu, TASS, …) are catalog entries marked
// as agencies, so that an article can credit them apart from the outlet
// that published it (see Catalog.Agencies).
package outlet

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"gopkg.in/yaml.v3"
)

// Entry is one outlet or agency as a catalog file describes it.
type Entry struct {
	// Name is the display name ("Al Mayadeen English").
	Name string `json:"name" yaml:"name"`
	// Hosts are the web hosts it publishes on; subdomains match too.
	Hosts []string `json:"hosts,omitempty" yaml:"hosts,omitempty"`
	// Aliases are other names it goes by ("AFP", "Russia Today").
	Aliases []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	// Credits are short forms it signs credit lines with ("PC" in
	// "(PC, Anadolu)"). They are too ambiguous to be names anywhere else.
	Credits []string `json:"credits,omitempty" yaml:"credits,omitempty"`
	// Weak lists the aliases that are ordinary words or other acronyms in
	// running text ("AP", "PTI"), so they count as an agency credit only
	// in credit contexts ("(AP)", "according to AP").
	Weak     []string `json:"weak,omitempty" yaml:"weak,omitempty"`
	Country  string   `json:"country,omitempty" yaml:"country,omitempty"`
	Language string   `json:"language,omitempty" yaml:"language,omitempty"`
	Notes    string   `json:"notes,omitempty" yaml:"notes,omitempty"`
	// Agency marks a wire agency.
	Agency bool `json:"agency,omitempty" yaml:"agency,omitempty"`
}

// Catalog maps hosts and names to outlets. It is safe for concurrent reads
// and never changes after construction.
type Catalog struct {
	entries  []*Entry
	byHost   map[string]*Entry
	byName   map[string]*Entry // folded name or alias
	byCredit map[string]*Entry // credit-line short forms, case-sensitive
	weak     map[string]bool   // folded weak aliases
	// first holds the first words of folded agency names, so that the
	// agency scan looks further only where a name can start.
	first map[string]bool
	// firstLen[b] has bit n set when a key in first starts with the ASCII
	// byte b and is n bytes long (63 standing for longer), so that most
	// capitalized words are passed over without hashing them.
	firstLen [utf8.RuneSelf]uint64
	// nonASCIIFirst is set when a key in first starts with a non-ASCII
	// byte.
	nonASCIIFirst bool
	// maxWords is the longest name in words, bounding the agency scan.
	maxWords int
}

//go:embed catalog.json
var defaultJSON []byte

var (
	defaultOnce    sync.Once
	defaultCatalog *Catalog
)

// Default returns the built-in catalog, parsed once and shared.
func Default() *Catalog {
	defaultOnce.Do(func() {
		entries, err := Parse(defaultJSON, ".json")
		if err != nil {
			panic("outlet: embedded catalog: " + err.Error()) // a build defect, caught by tests
		}
		defaultCatalog = New(entries)
	})
	return defaultCatalog
}

// New returns a catalog of entries. Later entries override earlier ones
// with the same host or name, which is how user files extend the default.
func New(entries []Entry) *Catalog {
	c := &Catalog{
		byHost:   make(map[string]*Entry),
		byName:   make(map[string]*Entry),
		byCredit: make(map[string]*Entry),
		weak:     make(map[string]bool),
		first:    make(map[string]bool),
	}
	for i := range entries {
		e := entries[i]
		if strings.TrimSpace(e.Name) == "" {
			continue
		}
		p := &e
		c.entries = append(c.entries, p)
		for _, h := range e.Hosts {
			if h = normalizeHost(h); h != "" {
				c.byHost[h] = p
			}
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if k := fold(n); k != "" {
				c.byName[k] = p
				if e.Agency {
					f, _, _ := strings.Cut(k, " ")
					c.first[f] = true
					c.markFirst(f)
				}
				if w := len(strings.Fields(k)); w > c.maxWords {
					c.maxWords = w
				}
			}
		}
		for _, w := range e.Weak {
			c.weak[fold(w)] = true
		}
		for _, cr := range e.Credits {
			if cr = strings.TrimSpace(cr); cr != "" {
				c.byCredit[cr] = p
			}
		}
	}
	return c
}

// markFirst records f in firstLen. A key starting with a non-ASCII byte
// marks every length of that byte, which the scan then always looks up.
func (c *Catalog) markFirst(f string) {
	if f == "" {
		return
	}
	if f[0] >= utf8.RuneSelf {
		c.nonASCIIFirst = true
		return
	}
	c.firstLen[f[0]] |= 1 << min(len(f), 63)
}

// mayBeFirst reports whether the folded word k can be in first: false
// means certainly not.
func (c *Catalog) mayBeFirst(k string) bool {
	if k == "" || k[0] >= utf8.RuneSelf {
		return c.nonASCIIFirst
	}
	return c.firstLen[k[0]]&(1<<min(len(k), 63)) != 0
}

// Extend returns a new catalog holding c's entries followed by entries,
// which take precedence.
func (c *Catalog) Extend(entries []Entry) *Catalog {
	all := make([]Entry, 0, len(c.entries)+len(entries))
	for _, e := range c.entries {
		all = append(all, *e)
	}
	return New(append(all, entries...))
}

// Load returns the default catalog extended by the user's catalog file, a
// JSON or YAML list of entries (by extension; content decides otherwise).
func Load(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read outlet catalog: %w", err)
	}
	entries, err := Parse(data, filepath.Ext(path))
	if err != nil {
		return nil, fmt.Errorf("outlet catalog %s: %w", path, err)
	}
	return Default().Extend(entries), nil
}

// Parse decodes a catalog file: a JSON or YAML list of entries, or an
// object with an "outlets" list. ext (".json", ".yaml", ".yml") picks the
// decoder; any other value sniffs the content.
func Parse(data []byte, ext string) ([]Entry, error) {
	trimmed := bytes.TrimSpace(data)
	isJSON := strings.EqualFold(ext, ".json") ||
		(!strings.EqualFold(ext, ".yaml") && !strings.EqualFold(ext, ".yml") && len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{'))
	var list []Entry
	var wrapped struct {
		Outlets []Entry `json:"outlets" yaml:"outlets"`
	}
	if isJSON {
		if len(trimmed) > 0 && trimmed[0] == '{' {
			if err := json.Unmarshal(trimmed, &wrapped); err != nil {
				return nil, fmt.Errorf("parse json: %w", err)
			}
			list = wrapped.Outlets
		} else if err := json.Unmarshal(trimmed, &list); err != nil {
			return nil, fmt.Errorf("parse json: %w", err)
		}
	} else {
		var node yaml.Node
		if err := yaml.Unmarshal(data, &node); err != nil {
			return nil, fmt.Errorf("parse yaml: %w", err)
		}
		if len(node.Content) > 0 && node.Content[0].Kind == yaml.MappingNode {
			if err := node.Decode(&wrapped); err != nil {
				return nil, fmt.Errorf("parse yaml: %w", err)
			}
			list = wrapped.Outlets
		} else if len(node.Content) > 0 {
			if err := node.Decode(&list); err != nil {
				return nil, fmt.Errorf("parse yaml: %w", err)
			}
		}
	}
	for i, e := range list {
		if strings.TrimSpace(e.Name) == "" {
			return nil, fmt.Errorf("entry %d has no name", i+1)
		}
	}
	return list, nil
}

// Entries returns the catalog's entries sorted by name.
func (c *Catalog) Entries() []Entry {
	out := make([]Entry, 0, len(c.entries))
	seen := make(map[*Entry]bool)
	for _, e := range c.entries {
		if c.byName[fold(e.Name)] != e || seen[e] {
			continue // overridden by a later entry
		}
		seen[e] = true
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ByHost returns the outlet publishing on host (or a parent domain of it).
// host may be a URL.
func (c *Catalog) ByHost(host string) (parallax.Outlet, bool) {
	if c == nil {
		return parallax.Outlet{}, false
	}
	h := normalizeHost(host)
	for h != "" {
		if e, ok := c.byHost[h]; ok {
			o := e.outlet("url")
			o.Host = normalizeHost(host)
			return o, true
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 || strings.IndexByte(h[dot+1:], '.') < 0 {
			break // never match a bare public suffix such as "co.uk"
		}
		h = h[dot+1:]
	}
	return parallax.Outlet{}, false
}

// ByName returns the outlet with this name or alias, case-insensitively.
func (c *Catalog) ByName(name string) (parallax.Outlet, bool) {
	if c == nil {
		return parallax.Outlet{}, false
	}
	if e, ok := c.byName[fold(name)]; ok {
		return e.outlet("name"), true
	}
	return parallax.Outlet{}, false
}

// ByCredit returns the outlet that signs credit lines with the short form
// s ("PC"), or whose name or alias s is.
func (c *Catalog) ByCredit(s string) (parallax.Outlet, bool) {
	if c == nil {
		return parallax.Outlet{}, false
	}
	if e, ok := c.byCredit[strings.TrimSpace(s)]; ok {
		return e.outlet("credit"), true
	}
	if o, ok := c.ByName(s); ok {
		o.Source = "credit"
		return o, true
	}
	return parallax.Outlet{}, false
}

// Agency returns the canonical name of the wire agency called name
// ("AFP" → "Agence France-Presse"), matching aliases case-insensitively
// and weak aliases only as written in capitals.
func (c *Catalog) Agency(name string) (string, bool) {
	if c == nil {
		return "", false
	}
	name = strings.TrimSpace(name)
	k := fold(name)
	e, ok := c.byName[k]
	if !ok || !e.Agency {
		return "", false
	}
	if c.weak[k] && isUpperAcronym(k, e) && name != strings.ToUpper(name) {
		return "", false
	}
	return e.Name, true
}

// IsAgency reports whether the outlet is a wire agency.
func (c *Catalog) IsAgency(name string) bool {
	_, ok := c.Agency(name)
	return ok
}

func (e *Entry) outlet(source string) parallax.Outlet {
	o := parallax.Outlet{
		Name:     e.Name,
		Country:  e.Country,
		Language: e.Language,
		Notes:    e.Notes,
		Source:   source,
	}
	if len(e.Hosts) > 0 {
		o.Host = normalizeHost(e.Hosts[0])
	}
	return o
}

// normalizeHost lower-cases a host or URL's host and drops "www.", ports
// and trailing dots.
func normalizeHost(s string) string {
	s = strings.TrimSpace(strings.ToLower(s))
	if strings.Contains(s, "://") {
		if u, err := url.Parse(s); err == nil {
			s = u.Host
		}
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	for _, p := range []string{"www.", "www1.", "www2.", "m.", "amp."} {
		if strings.HasPrefix(s, p) && strings.Count(s, ".") >= 2 {
			s = s[len(p):]
			break
		}
	}
	return s
}

// fold normalizes a name for lookup: lower case, letters and digits kept,
// everything else a single space, a leading "the" dropped.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '@':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '.':
			// "Ma'an" = "Maan", "Lenta.ru" = "Lentaru": apostrophes and dots join.
		default:
			space = true
		}
	}
	out := b.String()
	if strings.HasPrefix(out, "the ") && len(out) > 4 {
		out = out[4:]
	}
	if !utf8.ValidString(out) {
		return ""
	}
	return out
}
