package entity

import (
	"strings"
	"unicode"
)

// linkWords may join the words of a title ("Envoy to the UN", "Minister
// of Defense").
var linkWords = toSet("of to the for at in and on")

// orgNouns end the affiliation part of a title ("Iranian Foreign Ministry
// spokesperson", "Iraqi government spokesman").
var orgNouns = toSet(`ministry government administration council department office embassy
mission army military navy forces force command agency police parliament cabinet committee
commission service services authority authorities party presidency kremlin pentagon house
court bureau corps guard guards directorate headquarters company corporation group bank union`)

func isCap(w string) bool {
	r := firstRune(w)
	return unicode.IsUpper(r)
}

// roleOf finds the title around a person's name at words [i, j) and splits
// it into role and affiliation. It knows three shapes: a title before the
// name ("Russian Deputy Envoy to the UN Dmitry Polyanskiy"), an apposition
// after it ("Maria Zakharova, the Russian Foreign Ministry spokeswoman")
// and an apposition before it ("the US ambassador, Alina L. Romanowski").
func roleOf(g *gazetteer, words []string, i, j int) (role, aff string) {
	if p := titleBefore(words, i); len(p) > 0 {
		if r, a := splitTitle(g, p); r != "" {
			return r, a
		}
	}
	if j+1 < len(words) && words[j] == "," {
		k := j + 1
		for k < len(words) && (strings.EqualFold(words[k], "the") || words[k] == "a" || words[k] == "an") {
			k++
		}
		e := k
		for e < len(words) && e-k < 16 {
			w := words[e]
			lw := strings.ToLower(w)
			if isCap(w) || isTitleWord(w) || titleModifiers[lw] || linkWords[lw] || orgNouns[lw] || w == "-" || w == "'s" || w == "’s" {
				e++
				continue
			}
			break
		}
		if e > k && (e == len(words) || isPunct(words[e])) {
			if r, a := splitTitle(g, words[k:e]); r != "" {
				return r, a
			}
		}
	}
	if i >= 2 && words[i-1] == "," {
		if p := titleBefore(words, i-1); len(p) > 0 {
			if r, a := splitTitle(g, p); r != "" {
				return r, a
			}
		}
	}
	return "", ""
}

// titleBefore returns the title-like words that end just before words[i].
func titleBefore(words []string, i int) []string {
	k := i
	for k > 0 && i-k < 16 {
		w := words[k-1]
		lw := strings.ToLower(w)
		if isTitleWord(w) || titleModifiers[lw] || linkWords[lw] || orgNouns[lw] || w == "#" || w == "-" || (isCap(w) && !sayVerbs[lw]) {
			k--
			continue
		}
		break
	}
	p := words[k:i]
	// A list ("President Biden and Defense Secretary Lloyd Austin") keeps
	// only the last title.
	for x := len(p) - 1; x >= 0; x-- {
		if p[x] == "and" {
			p = p[x+1:]
			break
		}
	}
	for len(p) > 0 && (linkWords[strings.ToLower(p[0])] || p[0] == "#") {
		p = p[1:]
	}
	return p
}

var sayVerbs = toSet("said says told added stated announced")

// splitTitle splits a title phrase into role and affiliation; role is ""
// when the phrase holds no title.
func splitTitle(g *gazetteer, p []string) (role, aff string) {
	h := -1
	for k, w := range p {
		if isTitleWord(w) {
			h = k
			break
		}
	}
	if h < 0 {
		return "", ""
	}
	r := h
	org := -1
	for k := 0; k < h; k++ {
		if orgNouns[strings.ToLower(p[k])] {
			org = k
		}
	}
	if org >= 0 {
		r = org + 1
	} else {
		for r > 0 && titleModifiers[strings.ToLower(p[r-1])] {
			r--
		}
	}
	rolePart := p[r:]
	affPart := p[:r]
	if len(affPart) == 0 {
		// "spokesperson of the White House National Security Council",
		// "Deputy Chief of Mission at the US Embassy in Baghdad".
		// Prefer "at the X" (where the person works) over "of X".
		for _, prep := range []string{"at", "of"} {
			done := false
			for k := h + 1; k < len(rolePart); k++ {
				lw := strings.ToLower(rolePart[k])
				if lw != prep {
					continue
				}
				x := k + 1
				if x < len(rolePart) && strings.EqualFold(rolePart[x], "the") {
					x++
				}
				if x >= len(rolePart) || !isCap(rolePart[x]) {
					continue
				}
				e := x
				for e < len(rolePart) && (lw == "at" || (rolePart[e] != "to" && rolePart[e] != "in")) {
					e++
				}
				comp := rolePart[x:e]
				if lw == "of" && !isAffiliation(g, comp) {
					continue
				}
				aff = normalizeAff(g, comp)
				if lw == "at" || e == len(rolePart) {
					rolePart = rolePart[:k]
				}
				done = true
				break
			}
			if done {
				break
			}
		}
	} else {
		aff = normalizeAff(g, affPart)
	}
	return joinWords(rolePart), aff
}

// joinWords joins a phrase's words, leaving out hashtag marks.
func joinWords(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if w == "#" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// isAffiliation reports whether words name a country or an organization.
func isAffiliation(g *gazetteer, words []string) bool {
	for _, w := range words {
		if orgNouns[strings.ToLower(w)] {
			return true
		}
	}
	ms := g.lookup(words, false, nil)
	for _, m := range ms {
		if k := g.kindOf(g.bestIdx(m.entries, "")); k == kindCountry || k == kindOrg || k == kindDemonym {
			return true
		}
	}
	return false
}

// normalizeAff names an affiliation canonically when it is a country
// ("Russian", "US", "Iraqi government" → "Russia", "United States",
// "Iraq") or a known organization, else keeps its words.
func normalizeAff(g *gazetteer, words []string) string {
	for len(words) > 0 && (strings.EqualFold(words[0], "the") || words[0] == "#") {
		words = words[1:]
	}
	for len(words) > 0 && (words[len(words)-1] == "'s" || words[len(words)-1] == "’s") {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return ""
	}
	if name, _, ok := ministry(g, words); ok {
		return name
	}
	core := words
	if n := len(core); n >= 2 {
		switch strings.ToLower(core[n-1]) {
		case "government", "administration", "authorities", "state":
			core = core[:n-1]
		}
	}
	ms := g.lookup(core, false, nil)
	if len(ms) == 1 && ms[0].i == 0 && ms[0].j == len(core) {
		e := g.best(ms[0].entries, "")
		switch e.kind {
		case kindCountry, kindDemonym, kindOrg:
			return e.name
		}
	}
	return joinWords(words)
}
