package entity

import (
	"slices"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/extract/entity/internal/tagger"
)

// truecase rewrites the sentences written all in capitals (headlines,
// datelines, shouted posts) in the case the rest of the document, or the
// gazetteer, gives their words: "JAPAN GET LUCKY WIN" → "Japan get lucky
// win". Case is the tagger's strongest cue, and capitals erase it. It
// returns doc itself when no sentence is in capitals.
//
// lower is the tagger's lower-case vocabulary (nil for none): in capitals,
// a word that neither the document nor the gazetteer knows is a name when
// the vocabulary does not have it ("FEYENOORD" → "Feyenoord"), and in a
// headline in title case a word the vocabulary has and the gazetteer does
// not is lower-cased ("Urges" → "urges").
func truecase(g *gazetteer, doc [][]string, lower map[string]struct{}) [][]string {
	var caps, title []bool
	for i, words := range doc {
		switch {
		case allCaps(words):
			if caps == nil {
				caps = make([]bool, len(doc))
			}
			caps[i] = true
		case tagger.TitleCased(words):
			if title == nil {
				title = make([]bool, len(doc))
			}
			title[i] = true
		}
	}
	if caps == nil && title == nil {
		return doc
	}
	// Without sentences in capitals only the words of the headlines in
	// title case need a form: look up no others.
	var need map[string]bool
	if caps == nil {
		caps = make([]bool, len(doc))
		need = map[string]bool{}
		for i, words := range doc {
			if title[i] {
				for _, w := range words {
					need[strings.ToLower(w)] = true
				}
			}
		}
	}
	// The case each word takes in the document's ordinary sentences.
	forms := map[string]string{}
	counts := map[string]int{}
	var lb [48]byte
	for i, words := range doc {
		if caps[i] || title != nil && title[i] {
			continue
		}
		for k, w := range words {
			if k == 0 && unicode.IsUpper(firstRune(w)) {
				continue // a sentence's first word says nothing of its case
			}
			if need != nil && !need[string(appendLowerASCII(lb[:0], w))] {
				continue
			}
			lw := strings.ToLower(w)
			counts[w]++
			if f, ok := forms[lw]; !ok || counts[w] > counts[f] {
				forms[lw] = w
			}
		}
	}
	out := make([][]string, len(doc))
	for i, words := range doc {
		if title != nil && title[i] {
			out[i] = lowerTitleWords(g, words, forms, lower)
			continue
		}
		if !caps[i] {
			out[i] = words
			continue
		}
		tc := make([]string, len(words))
		for k, w := range words {
			lw := strings.ToLower(w)
			title := titleCase(w)
			switch f, ok := forms[lw]; {
			case ok:
				tc[k] = f
			case !hasUpper(w):
				tc[k] = w
			case len(w) <= 5 && g.exactEntries(w) != nil:
				tc[k] = w // an acronym the gazetteer knows: UN, NATO
			case knownPlace(g, title):
				tc[k] = title // "ENGLAND", "WALES": a country or region, though a word too
			case g.firstFolded[lw] > 0 && (lower == nil || !inVocab(lower, lw) || opensName(g, words[k:])) || g.given[title]:
				// A word that opens a known name is title-cased when it is
				// no common word or the name follows ("NEW YORK", not the
				// "IN" of "VALENCIA IN SPANISH LEAGUE").
				tc[k] = title
			case lower != nil && len(lw) > 2 && isLetters(lw) && !inVocab(lower, lw):
				tc[k] = title
			default:
				tc[k] = lw
			}
			if k == 0 && tc[k] == lw {
				tc[k] = title
			}
		}
		out[i] = tc
	}
	return out
}

// lowerTitleWords lower-cases the words of a headline in title case that
// the document's ordinary sentences write in lower case ("Urges" when the
// text says "urges"), or that it does not write and the lower-case
// vocabulary has but the gazetteer does not; the others keep their
// capital.
func lowerTitleWords(g *gazetteer, words []string, forms map[string]string, lower map[string]struct{}) []string {
	var out []string
	for k, w := range words {
		if k == 0 || !unicode.IsUpper(firstRune(w)) {
			continue
		}
		lw := strings.ToLower(w)
		f, ok := forms[lw]
		switch {
		case ok && hasUpper(f):
			continue
		case ok:
		case lower != nil && inVocabStem(lower, lw) && g.exactEntries(w) == nil && !g.given[w] && !opensName(g, words[k:]):
			f = lw // not the "New" of "New Zealand"
		default:
			continue
		}
		if f != w {
			if out == nil {
				out = slices.Clone(words)
			}
			out[k] = f
		}
	}
	if out == nil {
		return words
	}
	return out
}

func inVocab(v map[string]struct{}, w string) bool {
	_, ok := v[w]
	return ok
}

// inVocabStem is inVocab that also accepts a word whose stem, less an
// inflection, the vocabulary has ("urges" for "urge", "urged").
func inVocabStem(v map[string]struct{}, w string) bool {
	if inVocab(v, w) {
		return true
	}
	for _, suf := range [...]string{"s", "es", "ed", "d", "ing"} {
		if st, ok := strings.CutSuffix(w, suf); ok && len(st) > 2 && inVocab(v, st) {
			return true
		}
	}
	return false
}

// isLetters reports whether w is letters only.
func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// homeNations are regions that field national teams, and so are named in
// sports news as countries are.
var homeNations = toSet("England Scotland Wales")

// knownPlace reports whether w is a country, a capital or one of the
// homeNations (not only a town or a region, many of which are common
// words: "Central", "Eastern").
func knownPlace(g *gazetteer, w string) bool {
	if homeNations[w] {
		return true
	}
	for _, x := range g.exactEntries(w) {
		switch g.kindOf(x) {
		case kindCountry, kindCapital:
			return true
		}
	}
	return false
}

// opensName reports whether a gazetteer name of two words or more starts
// at words[0] (words in capitals, looked up folded).
func opensName(g *gazetteer, words []string) bool {
	n := min(len(words), maxNameWords)
	if n < 2 {
		return false
	}
	hits := g.lookup(words[:n], true, nil)
	return len(hits) > 0 && hits[0].i == 0 && hits[0].j > 1
}
