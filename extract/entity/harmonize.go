package entity

import (
	"strings"
	"unicode"
)

// harmonize makes a document's mentions consistent with each other: one
// spelling gets the type most of its mentions have ("Chrysler" is not a
// person in one sentence and a company in the next), and names the tagger
// found once are found everywhere, surnames of people included
// ("Zakharova" after "Maria Zakharova").
func harmonize(g *gazetteer, sents []sentence, ms []mention, hints [][]string) []mention {
	votes := map[string]map[string]int{}
	// Each mention's surface, joined once: the passes below look it up
	// several times.
	surfs := make([]string, len(ms))
	for k := range ms {
		m := &ms[k]
		if m.j-m.i == 1 {
			surfs[k] = sents[m.s].words[m.i]
		} else {
			surfs[k] = strings.Join(sents[m.s].words[m.i:m.j], " ")
		}
	}
	for k := range ms {
		key := surfs[k]
		if votes[key] == nil {
			votes[key] = map[string]int{}
		}
		votes[key][ms[k].typ]++
	}
	majority := map[string]string{}
	for key, v := range votes {
		best, n, tie := "", 0, false
		for t, c := range v {
			switch {
			case c > n:
				best, n, tie = t, c, false
			case c == n:
				tie = true
			}
		}
		if !tie {
			majority[key] = best
		}
	}
	// People's surnames.
	for k := range ms {
		m := &ms[k]
		if m.typ == "PER" && m.j-m.i >= 2 {
			last := sents[m.s].words[m.j-1]
			if unicode.IsUpper(firstRune(last)) || isParticleName(last) {
				if _, ok := votes[last]; !ok {
					majority[last] = "PER"
				} else if v := votes[last]; v["PER"] == 0 {
					majority[last] = "PER"
				}
			}
			if strings.Contains(last, "-") {
				// "al-Freij" is also written "Freij".
				if _, rest, ok := strings.Cut(last, "-"); ok && isParticleName(last) {
					majority[rest] = "PER"
				}
			}
		}
	}
	// "Chrysler" is the company when "Chrysler LLC" or "Chrysler Group" is.
	for k := range ms {
		m := &ms[k]
		words := sents[m.s].words
		if m.typ == "ORG" && m.j-m.i >= 2 && (orgWords[strings.ToLower(words[m.j-1])] || designators[words[m.j-1]]) {
			e := m.j - 1
			for e > m.i+1 && (designators[words[e-1]] || orgWords[strings.ToLower(words[e-1])]) {
				e--
			}
			head := strings.Join(words[m.i:e], " ")
			if _, ok := votes[head]; ok && majority[head] != "ORG" {
				majority[head] = "ORG"
			}
		}
	}
	// "Angels" is the club when "Los Angeles Angels" is, "Braves" when
	// "Atlanta Braves" is: what follows a place in an organization's name
	// names it alone.
	var placed map[string]bool // surfaces already looked at
	for k := range ms {
		m := &ms[k]
		words := sents[m.s].words
		if m.typ != "ORG" || m.j-m.i < 2 || m.j-m.i > 5 || placed[surfs[k]] {
			continue
		}
		if placed == nil {
			placed = map[string]bool{}
		}
		placed[surfs[k]] = true
		for e := m.i + 1; e < m.j && e <= m.i+3; e++ {
			hits := g.lookup(words[m.i:e], false, nil)
			if len(hits) != 1 || hits[0].i != 0 || hits[0].j != e-m.i {
				continue
			}
			switch g.kindOf(g.bestIdx(hits[0].entries, "")) {
			case kindCity, kindRegion, kindCountry, kindCapital, kindSeat:
			default:
				continue
			}
			rest := words[e:m.j]
			ok := true
			for _, w := range rest {
				if !nameWord(w) || orgWords[strings.ToLower(w)] || designators[w] || orgNouns[strings.ToLower(w)] {
					ok = false
				}
			}
			if key := strings.Join(rest, " "); ok && len(key) > 2 {
				majority[key] = "ORG"
			}
			break
		}
	}
	// A name that some sentence shows to be a company is one, whatever
	// the tagger guessed from its shape ("Chrysler" reads like a surname).
	for key := range corporateNames(g, sents, ms, surfs, majority) {
		majority[key] = "ORG"
	}
	for k := range ms {
		if t, ok := majority[surfs[k]]; ok && !isCurated(g, surfs[k]) {
			ms[k].typ = t
		}
	}
	surnames := map[string]bool{}
	for k := range ms {
		m := &ms[k]
		if m.typ == "PER" && m.j-m.i >= 2 {
			surnames[sents[m.s].words[m.j-1]] = true
		}
	}
	// Lower-case uses of a word make its capitalized form doubtful.
	lower := map[string]bool{}
	for key := range majority {
		if !strings.Contains(key, " ") {
			lower[strings.ToLower(key)] = false
		}
	}
	for _, s := range sents {
		for _, w := range s.words {
			if seen, ok := lower[w]; ok && !seen {
				lower[w] = true
			}
		}
	}
	first := map[string][][]string{}
	for key, t := range majority {
		if t == "" {
			continue
		}
		words := strings.Split(key, " ")
		if len(words) == 1 && (lower[strings.ToLower(key)] && !surnames[key] || notNames[key] || commonCaps[key] || len(key) < 2) {
			continue
		}
		if !unicode.IsUpper(firstRune(words[0])) && !isParticleName(words[0]) {
			continue
		}
		first[words[0]] = append(first[words[0]], words)
	}
	added := false
	for si := range sents {
		s := &sents[si]
		if s.caps {
			continue
		}
		covered := make([]bool, len(s.words))
		for _, m := range ms {
			if m.s == si {
				for i := m.i; i < m.j; i++ {
					covered[i] = true
				}
			}
		}
		for i := 0; i < len(s.words); i++ {
			cands := first[s.words[i]]
			if len(cands) == 0 || covered[i] {
				continue
			}
			var best []string
			for _, c := range cands {
				if len(c) > len(best) && i+len(c) <= len(s.words) && equalWords(s.words[i:i+len(c)], c) {
					best = c
				}
			}
			if best == nil {
				continue
			}
			j := i + len(best)
			free := true
			for k := i; k < j; k++ {
				if covered[k] {
					free = false
				}
			}
			// Part of a longer capitalized name: leave it to the tagger.
			if !free || j < len(s.words) && unicode.IsUpper(firstRune(s.words[j])) || i > 0 && unicode.IsUpper(firstRune(s.words[i-1])) && !covered[i-1] && i-1 > 0 {
				continue
			}
			key := strings.Join(best, " ")
			ms = append(ms, mention{s: si, i: i, j: j, typ: majority[key]})
			for k := i; k < j; k++ {
				covered[k] = true
			}
			added = true
			i = j - 1
		}
	}
	if added {
		sortMentions(ms)
	}
	return ms
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// isCurated reports whether a name is in the curated gazetteer lists,
// whose type the tagger may not overrule.
func isCurated(g *gazetteer, name string) bool {
	for _, x := range g.exactEntries(name) {
		switch g.kindOf(x) {
		case kindCountry, kindOrg, kindLoc:
			return true
		}
	}
	return false
}

// Words that make the name they touch a company's: the nouns that put one
// in apposition ("the auto company Chrysler", "budget airline Ryanair"),
// what a company has and a person does not ("Chrysler's board", "Boeing
// factories"), the executive titles a company's name qualifies
// ("Chrysler Chief Executive Robert Nardelli") and the heads and parts "of"
// it ("the president of Chrysler"; a country the gazetteer knows is left
// alone).
var (
	companyNouns = toSet(`company automaker carmaker airline carrier firm manufacturer maker retailer
insurer conglomerate corporation chipmaker bank lender`)
	companyHas = toSet(`board shares stock shareholders headquarters plant plants factory factories
subsidiary subsidiaries dealers dealerships employees workforce executives stake creditors brand brands
ceo`)
	executiveTitles = toSet(`ceo cfo coo chairman chairwoman`)
	companyOf       = toSet(`president chairman chairwoman ceo founder shareholders employees subsidiary
division unit owner executives`)
)

// corporateNames returns the surfaces of mentions, persons or of no
// majority type, that some occurrence in the document, tagged or not,
// shows to be a company's name.
func corporateNames(g *gazetteer, sents []sentence, ms []mention, surfs []string, majority map[string]string) map[string]bool {
	var out map[string]bool
next:
	for k := range ms {
		if t, ok := majority[surfs[k]]; ok && t != "PER" {
			continue // only persons and undecided names change
		}
		for k2 := range k {
			if surfs[k2] == surfs[k] {
				continue next // scanned already
			}
		}
		m := &ms[k]
		name := sents[m.s].words[m.i:m.j]
		for s := range sents {
			words := sents[s].words
			for i := 0; i+len(name) <= len(words); i++ {
				if words[i] != name[0] || !equalWords(words[i:i+len(name)], name) || !companyCue(words, i, i+len(name)) {
					continue
				}
				if len(g.lookup(name, false, nil)) == 0 {
					if out == nil {
						out = map[string]bool{}
					}
					out[surfs[k]] = true
				}
				continue next
			}
		}
	}
	return out
}

// companyCue reports whether the words around words[i:j] make it a
// company's name.
func companyCue(words []string, i, j int) bool {
	prev := i - 1
	if prev > 0 && words[prev] == "," {
		prev-- // "the low-cost airline, Ryanair,"
	}
	if prev >= 0 && companyNouns[lowerASCII(words[prev])] {
		return true
	}
	if i > 1 && words[i-1] == "of" && companyOf[lowerASCII(words[i-2])] {
		return true // "the president of Chrysler"
	}
	next := j
	if next < len(words) && (words[next] == "'s" || words[next] == "’s") {
		next++
	}
	if next < len(words) && companyHas[lowerASCII(words[next])] {
		return true
	}
	return j < len(words) && executiveTitles[lowerASCII(words[j])] ||
		j+1 < len(words) && lowerASCII(words[j]) == "chief" && lowerASCII(words[j+1]) == "executive"
}
