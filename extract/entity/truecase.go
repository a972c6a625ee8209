package entity

import (
	"slices"
	"strings"
	"unicode"
)

// truecase rewrites the sentences written all in capitals (headlines,
// datelines, shouted posts) in the case the rest of the document, or the
// gazetteer, gives their words: "JAPAN GET LUCKY WIN" → "Japan get lucky
// win". Case is the tagger's strongest cue, and capitals erase it. It
// returns doc itself when no sentence is in capitals.
func truecase(g *gazetteer, doc [][]string) [][]string {
	var caps, title []bool
	for i, words := range doc {
		switch {
		case allCaps(words):
			if caps == nil {
				caps = make([]bool, len(doc))
			}
			caps[i] = true
		case titleCased(words):
			if title == nil {
				title = make([]bool, len(doc))
			}
			title[i] = true
		}
	}
	if caps == nil && title == nil {
		return doc
	}
	if caps == nil {
		caps = make([]bool, len(doc))
	}
	// The case each word takes in the document's ordinary sentences.
	forms := map[string]string{}
	counts := map[string]int{}
	for i, words := range doc {
		if caps[i] || title != nil && title[i] {
			continue
		}
		for k, w := range words {
			if k == 0 && unicode.IsUpper(firstRune(w)) {
				continue // a sentence's first word says nothing of its case
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
			out[i] = lowerTitleWords(words, forms)
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
			case g.firstFolded[lw] > 0 || g.given[title]:
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

// titleCased reports whether a sentence not in capitals capitalizes at
// least seven in ten of its words of four letters or more, as headlines in
// title case do ("Russia Urges Iraq and Syria to Seek Emergency UN
// Security Council session over US Strikes").
func titleCased(words []string) bool {
	long, caps := 0, 0
	for _, w := range words {
		r := firstRune(w)
		if !unicode.IsLetter(r) || len(w) < 4 {
			continue
		}
		long++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return long >= 4 && caps*10 >= long*7
}

// lowerTitleWords lower-cases the words of a headline in title case that
// the document's ordinary sentences write in lower case ("Urges" when the
// text says "urges"); the others keep their capital, since a name the
// document does not repeat cannot be told from a word.
func lowerTitleWords(words []string, forms map[string]string) []string {
	var out []string
	for k, w := range words {
		if k == 0 || !unicode.IsUpper(firstRune(w)) {
			continue
		}
		if f, ok := forms[strings.ToLower(w)]; ok && f != w && !hasUpper(f) {
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
