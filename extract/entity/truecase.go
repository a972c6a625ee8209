package entity

import (
	"strings"
	"unicode"
)

// truecase rewrites the sentences written all in capitals (headlines,
// datelines, shouted posts) in the case the rest of the document, or the
// gazetteer, gives their words: "JAPAN GET LUCKY WIN" → "Japan get lucky
// win". Case is the tagger's strongest cue, and capitals erase it. It
// returns doc itself when no sentence is in capitals.
func truecase(g *gazetteer, doc [][]string) [][]string {
	var caps []bool
	for i, words := range doc {
		if allCaps(words) {
			if caps == nil {
				caps = make([]bool, len(doc))
			}
			caps[i] = true
		}
	}
	if caps == nil {
		return doc
	}
	// The case each word takes in the document's ordinary sentences.
	forms := map[string]string{}
	counts := map[string]int{}
	for i, words := range doc {
		if caps[i] {
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
