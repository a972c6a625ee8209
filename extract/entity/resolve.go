package entity

import (
	"slices"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
)

// translit folds the spelling differences transliteration makes, so that
// variants share a key: case and accents, -iy/-y (Polyanskiy/Polyansky),
// ou/o (Zour/Zor), doubled letters (Kanaani/Kanani), and hyphens or
// apostrophes between parts ("ez-Zor", "ez Zor").
func translit(name string) string { return fold(name, true) }

// fold is translit with the folding of doubled letters optional: ids keep
// them ("per:lloyd-austin"), matching keys drop them (Kanaani/Kanani).
func fold(name string, doubles bool) string {
	s := foldKey(name)
	var b strings.Builder
	var last rune
	for i, r := range s {
		switch {
		case r == '-' || r == '\'' || r == '.' || unicode.IsSpace(r):
			if last != ' ' && b.Len() > 0 {
				b.WriteByte(' ')
			}
			last = ' '
			continue
		case doubles && r == last && unicode.IsLetter(r):
			continue // doubled letters
		}
		_ = i
		b.WriteRune(r)
		last = r
	}
	words := strings.Fields(b.String())
	for k, w := range words {
		w = strings.ReplaceAll(w, "ou", "o")
		if strings.HasSuffix(w, "iy") || strings.HasSuffix(w, "yi") {
			w = w[:len(w)-2] + "y"
		}
		words[k] = w
	}
	return strings.Join(words, " ")
}

// arabicArticles are the article prefixes of transliterated Arabic names,
// which writers keep or drop ("al-Freij", "Freij").
var arabicArticles = toSet("al el ad ar as ash az ed er es ez at ul")

// surnameKey is the key a surname-only mention is matched by.
func surnameKey(name string) string {
	w := strings.Fields(translit(name))
	for len(w) > 1 && arabicArticles[w[0]] {
		w = w[1:]
	}
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}

// canonID builds an id from a type prefix and a name, folded so that
// transliteration variants get the same id in every document.
func canonID(prefix, name string) string {
	return prefix + Slug(fold(name, false))
}

// governmentNext and governmentPrev are the words around a capital that
// make it stand for its government ("Washington’s response", "accused
// Moscow of").
var (
	governmentNext = toSet("said says has have had is was will would wants wanted accused announced warned stated insists insisted claimed denied responded demanded called urged 's ’s must should could rejected condemned struck launched ordered")
	governmentPrev = toSet("accused urged warned told by against condemned blamed criticized criticised")
	placePrev      = toSet("in at to from near into across around outside of via visit visited toward towards")
)

func resolveDocument(g *gazetteer, text string, sents []sentence, ms []mention) []parallax.Entity {
	key := func(m *mention) []string { return sents[m.s].words[m.i:m.j] }
	// Countries the document is about, to pick among places of one name.
	docCountry := map[string]int{}
	for _, s := range sents {
		for _, gm := range s.gaz {
			if x := g.bestIdx(gm.entries, ""); g.kindOf(x) == kindCountry || g.kindOf(x) == kindDemonym {
				docCountry[g.countryOf(x)]++
			}
		}
	}
	topCountry := ""
	for c, n := range docCountry {
		if topCountry == "" || n > docCountry[topCountry] || n == docCountry[topCountry] && c < topCountry {
			topCountry = c
		}
	}
	// Acronyms defined in the text: "Iranian Revolutionary Guard Corps (IRGC)".
	acronym := map[string]int{} // acronym → mention index
	for k := range ms {
		m := &ms[k]
		w := sents[m.s].words
		if m.typ != "PER" && m.j+2 < len(w) && w[m.j] == "(" && w[m.j+2] == ")" && isUpperWord(w[m.j+1]) {
			acronym[w[m.j+1]] = k
		}
	}
	// Gazetteer entries of the mentions.
	for k := range ms {
		m := &ms[k]
		if m.entry != nil {
			continue
		}
		words := key(m)
		es := g.exactEntries(strings.Join(words, " "))
		if es == nil {
			es = g.folded[translit(strings.Join(words, " "))]
		}
		if es == nil && m.typ == "ORG" && len(words) > 2 {
			// "Iranian Revolutionary Guard" is the "Revolutionary Guard"
			// of Iran: a demonym before a known organization of its
			// country names that organization.
			if code := g.demonymOf[strings.ToLower(words[0])]; code != "" {
				for _, x := range g.exactEntries(strings.Join(words[1:], " ")) {
					if g.typOf(x) == "ORG" && g.kindOf(x) == kindOrg && g.countryOf(x) == code {
						es = append(es, x)
					}
				}
			}
		}
		if es == nil {
			continue
		}
		best := int32(-1)
		for _, x := range es {
			if g.typOf(x) != m.typ || g.kindOf(x) == kindDemonym {
				continue
			}
			if best < 0 || g.kindOf(x) < g.kindOf(best) || g.kindOf(x) == g.kindOf(best) && docCountry[g.countryOf(x)] > docCountry[g.countryOf(best)] {
				best = x
			}
		}
		if best >= 0 {
			m.entry = g.entry(best)
		}
	}
	// People: full names define persons; surnames alone refer to them.
	type person struct {
		name, id, role, aff string
	}
	persons := map[string]*person{} // surname key → person
	var order []*person
	for k := range ms {
		m := &ms[k]
		if m.typ != "PER" || m.j-m.i < 2 {
			continue
		}
		name := strings.Join(key(m), " ")
		sk := surnameKey(sents[m.s].words[m.j-1])
		p := persons[sk]
		if p == nil {
			p = &person{name: name}
			persons[sk] = p
			order = append(order, p)
		} else if len(name) > len(p.name) && translit(name) != translit(p.name) && strings.HasSuffix(translit(name), translit(p.name)) {
			p.name = name
		}
		if p.role == "" && m.role != "" {
			p.role, p.aff = m.role, m.aff
		}
	}
	for _, p := range order {
		p.id = canonID("per:", p.name)
	}
	out := make([]parallax.Entity, 0, len(ms))
	var lastMinistry parallax.Entity
	for k := range ms {
		m := &ms[k]
		s := &sents[m.s]
		start, end := s.toks[m.i].Start, s.toks[m.j-1].End
		e := parallax.Entity{Start: start, End: end, Text: text[start:end], Type: m.typ, Role: m.role, Affiliation: m.aff}
		words := key(m)
		surface := strings.Join(words, " ")
		// A lone word that is a known person's surname is that person,
		// whatever the tagger thought.
		if m.j-m.i == 1 && m.entry == nil {
			if p := persons[surnameKey(surface)]; p != nil {
				e.Type = "PER"
			}
		}
		switch {
		case e.Type == "PER":
			p := persons[surnameKey(words[len(words)-1])]
			if p != nil && (m.j-m.i == 1 || strings.HasSuffix(translit(p.name), translit(surface)) || translit(p.name) == translit(surface) || samePerson(p.name, surface)) {
				e.ID, e.Name = p.id, p.name
				if e.Role == "" {
					e.Role, e.Affiliation = p.role, p.aff
				}
			} else {
				e.ID, e.Name = canonID("per:", surface), surface
			}
		case m.entry != nil:
			en := m.entry
			e.ID, e.Name = en.id, en.name
			if en.kind == kindCity || en.kind == kindSeat || en.kind == kindCapital || en.kind == kindRegion {
				e.ID = canonID("loc:", en.name)
			}
			if e.Type == "LOC" {
				e.Country = en.country
				if en.coords {
					lat, lon := float64(en.lat), float64(en.lon)
					e.Lat, e.Lon = &lat, &lon
				}
			}
			if en.kind == kindCapital && isGovernment(s.words, m.i, m.j) {
				if c, ok := g.byCountry[en.country]; ok {
					ce := &g.entries[c]
					e.Metonym = true
					e.ID, e.Name, e.Country = ce.id, ce.name, ce.country
					e.Lat, e.Lon = nil, nil
				}
			}
		default:
			if k2, ok := acronym[surface]; ok && k2 != k {
				src := &ms[k2]
				name := strings.Join(key(src), " ")
				if src.entry != nil {
					e.ID, e.Name = src.entry.id, src.entry.name
				} else {
					e.ID, e.Name = canonID(strings.ToLower(src.typ)+":", name), name
				}
				break
			}
			if e.Type == "ORG" {
				if name, id, ok := ministry(g, words); ok {
					e.ID, e.Name = id, name
					lastMinistry = e
					break
				}
				// "the Ministry said": the ministry named last.
				if (surface == "Ministry" || surface == "ministry") && lastMinistry.ID != "" {
					e.ID, e.Name = lastMinistry.ID, lastMinistry.Name
					break
				}
			}
			name := surface
			if e.Type == "ORG" {
				name = strings.TrimPrefix(strings.TrimPrefix(name, "The "), "the ")
			}
			e.ID, e.Name = canonID(strings.ToLower(e.Type)+":", name), name
		}
		_ = topCountry
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b parallax.Entity) int { return a.Start - b.Start })
	return out
}

// samePerson reports whether two spellings of a name are one person's:
// equal after transliteration folding, or one the other's surname.
func samePerson(a, b string) bool {
	ta, tb := translit(a), translit(b)
	return ta == tb || surnameKey(a) == surnameKey(b) && (!strings.Contains(ta, " ") || !strings.Contains(tb, " "))
}

// isGovernment reports whether the place at words [i, j) stands for its
// government by its context.
func isGovernment(words []string, i, j int) bool {
	if i > 0 && placePrev[strings.ToLower(words[i-1])] {
		return false
	}
	if j < len(words) && governmentNext[strings.ToLower(words[j])] {
		return true
	}
	return i > 0 && governmentPrev[strings.ToLower(words[i-1])]
}
