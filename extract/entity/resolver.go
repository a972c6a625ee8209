package entity

import (
	"strings"

	"github.com/adrg/strutil/metrics"
	"github.com/parallax-news/parallax"
)

// Resolver merges the entities of several documents (the articles of one
// event) into canonical identities. Extract already gives equal ids to
// transliteration variants and gazetteer names; the Resolver also merges
// what only the collection shows: a surname alone in one article and the
// full name in another ("Polyansky" / "Dmitry Polyanskiy"), and near
// spellings of one name (Jaro-Winkler over folded names). A Resolver is
// not safe for concurrent use; use one per event.
type Resolver struct {
	clusters []*cluster
	byID     map[string]*cluster
	jw       *metrics.JaroWinkler
}

type cluster struct {
	id, name, typ string
	keys          []string // folded full names
	surname       string   // for people named with at least two words
	role, aff     string
}

// NewResolver returns an empty resolver.
func NewResolver() *Resolver {
	jw := metrics.NewJaroWinkler()
	jw.CaseSensitive = false
	return &Resolver{byID: map[string]*cluster{}, jw: jw}
}

// similar is the Jaro-Winkler similarity above which two folded names of
// one type are taken for one entity. It is high because names of
// different people can be close ("Jones"/"Jonas").
const similar = 0.94

// Add records an entity and returns its canonical id and name. Add full
// names before surnames (Canonicalize does) so that surnames find them.
func (r *Resolver) Add(e parallax.Entity) (id, name string) {
	if c := r.byID[e.ID]; c != nil && c.typ == e.Type {
		r.learn(c, e)
		return c.id, c.name
	}
	name = e.Name
	if name == "" {
		name = e.Text
	}
	key := translit(name)
	multi := strings.Contains(key, " ")
	var best *cluster
	bestScore := 0.0
	known := isKnownID(e.ID)
	for _, c := range r.clusters {
		if c.typ != e.Type || known && isKnownID(c.id) {
			continue // two different gazetteer entries never merge
		}
		score := 0.0
		for _, k := range c.keys {
			if k == key {
				score = 1
				break
			}
			if s := r.jw.Compare(k, key); s > score {
				score = s
			}
		}
		// A surname alone joins the one person with that surname.
		if e.Type == parallax.PER && !multi && c.surname != "" && c.surname == surnameKey(name) {
			score = max(score, 0.99)
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	if best != nil && bestScore >= similar && !r.ambiguousSurname(e, name, best) {
		r.byID[e.ID] = best
		best.keys = append(best.keys, key)
		r.learn(best, e)
		return best.id, best.name
	}
	c := &cluster{id: e.ID, name: name, typ: e.Type, keys: []string{key}}
	if e.Type == parallax.PER && multi {
		c.surname = surnameKey(name)
	}
	r.learn(c, e)
	r.clusters = append(r.clusters, c)
	r.byID[e.ID] = c
	return c.id, c.name
}

// isKnownID reports whether an id comes from the gazetteer or the ministry
// patterns, which are canonical already.
func isKnownID(id string) bool {
	_, ok := loadGazetteer().byID[id]
	return ok || strings.HasSuffix(id, "-ministry")
}

// ambiguousSurname reports whether a surname alone could be more than one
// known person, in which case it is left alone.
func (r *Resolver) ambiguousSurname(e parallax.Entity, name string, best *cluster) bool {
	if e.Type != parallax.PER || strings.Contains(translit(name), " ") {
		return false
	}
	n := 0
	for _, c := range r.clusters {
		if c.typ == parallax.PER && c.surname == surnameKey(name) {
			n++
		}
	}
	return n > 1
}

func (r *Resolver) learn(c *cluster, e parallax.Entity) {
	if c.role == "" && e.Role != "" {
		c.role, c.aff = e.Role, e.Affiliation
	}
}

// Role returns the role and affiliation known for a canonical id from any
// document, so that a person introduced with a title in one article has it
// in all.
func (r *Resolver) Role(id string) (role, affiliation string) {
	if c := r.byID[id]; c != nil {
		return c.role, c.aff
	}
	return "", ""
}

// Canonicalize rewrites the ids and names of the entities of several
// documents in place so that one entity has one id across them, and fills
// in roles known from other documents. It returns the resolver for
// further look-ups.
func Canonicalize(docs [][]parallax.Entity) *Resolver {
	r := NewResolver()
	// Full names first, so that surnames alone find them.
	for pass := 0; pass < 2; pass++ {
		for _, ents := range docs {
			for i := range ents {
				e := &ents[i]
				n := e.Name
				if n == "" {
					n = e.Text
				}
				multi := strings.Contains(strings.TrimSpace(n), " ")
				if (pass == 0) != (multi || e.Type != parallax.PER) {
					continue
				}
				e.ID, e.Name = r.Add(*e)
			}
		}
	}
	for _, ents := range docs {
		for i := range ents {
			if ents[i].Role == "" {
				ents[i].Role, ents[i].Affiliation = r.Role(ents[i].ID)
			}
		}
	}
	return r
}
