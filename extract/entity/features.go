package entity

import (
	"slices"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/extract/entity/internal/tagger"
)

// TaggerSentences prepares a document's tokenized sentences for the tagger:
// the words with their gazetteer labels and document-level hints. The
// training command calls it so that training and Extract see identical
// features. lower is the model's lower-case vocabulary (Model.Lower).
func TaggerSentences(doc [][]string, lower map[string]struct{}) []tagger.Sentence {
	doc = truecase(loadGazetteer(), doc, lower)
	hints := docHints(doc, nil)
	ctx := docContexts(doc)
	out := make([]tagger.Sentence, len(doc))
	for i, words := range doc {
		gaz, cls := GazetteerLabels(words, lower)
		out[i] = tagger.Sentence{Words: words, Gaz: gaz, Cls: cls, Doc: hints[i], Ctx: ctx[i]}
	}
	return out
}

// maxContexts bounds the context tokens one word gathers.
const maxContexts = 16

// docContexts aggregates, for each capitalized word that occurs more than
// once in a document, the words before and after its occurrences ("p:of",
// "n:'s"), and gives the list to every occurrence. A name's type shows in
// some of its contexts and not others: "Chrysler will receive" reads like
// a person, "the president of Chrysler" and "Chrysler's restructuring
// plan" do not, and all three are the same company. (Context aggregation
// after Ratinov and Roth, CoNLL 2009.)
func docContexts(doc [][]string) [][]string {
	// Count first, so that only repeated words gather contexts.
	count := map[string]int{}
	for _, words := range doc {
		for _, w := range words {
			if len(w) >= 2 && unicode.IsUpper(firstRune(w)) {
				count[w]++
			}
		}
	}
	type set struct {
		toks []string
		line string
	}
	var by map[string]*set
	var lb [48]byte
	for _, words := range doc {
		for i, w := range words {
			if count[w] < 2 {
				continue
			}
			if by == nil {
				by = map[string]*set{}
			}
			c := by[w]
			if c == nil {
				c = &set{}
				by[w] = c
			}
			if len(c.toks) >= maxContexts {
				continue
			}
			prev, next := "p:<s>", "n:</s>"
			if i > 0 {
				prev = string(appendLowerASCII(append(lb[:0], "p:"...), words[i-1]))
			}
			if i+1 < len(words) {
				next = string(appendLowerASCII(append(lb[:0], "n:"...), words[i+1]))
			}
			for _, t := range [2]string{prev, next} {
				if !strings.ContainsRune(t, ' ') && !slices.Contains(c.toks, t) && len(c.toks) < maxContexts {
					c.toks = append(c.toks, t)
				}
			}
		}
	}
	out := make([][]string, len(doc))
	if by == nil {
		return out
	}
	for s, words := range doc {
		for i, w := range words {
			c := by[w]
			if c == nil {
				continue
			}
			if c.line == "" {
				c.line = strings.Join(c.toks, " ")
			}
			if out[s] == nil {
				out[s] = make([]string, len(words))
			}
			out[s][i] = c.line
		}
	}
	return out
}

// docHints tells the tagger what the rest of the document says about a
// capitalized word: whether it also appears in lower case (a common word
// capitalized at a sentence start or in a headline) or capitalized in the
// middle of a sentence (a name). Case is the strongest name cue, and these
// hints recover it where the position hides it.
//
// caps says which sentences are in capitals (allCaps); nil computes it.
func docHints(doc [][]string, caps []bool) [][]string {
	if caps == nil {
		caps = make([]bool, len(doc))
		for i, words := range doc {
			caps[i] = allCaps(words)
		}
	}
	// Only the lower-case forms of capitalized words matter: collect
	// those first, then look the lower-case words up, which is cheaper
	// than remembering every lower-case word.
	lower := make(map[string]bool, 128)
	midCap := make(map[string]bool, 64)
	var lb [48]byte
	for s, words := range doc {
		caps := caps[s]
		for i, w := range words {
			if !unicode.IsUpper(firstRune(w)) {
				continue
			}
			if lw := appendLowerASCII(lb[:0], w); !hasKey(lower, lw) {
				lower[string(lw)] = false
			}
			if i > 0 && !caps && !isUpperWord(w) {
				midCap[w] = true
			}
		}
	}
	for _, words := range doc {
		for _, w := range words {
			if c := w[0]; c >= 'a' && c <= 'z' || c >= 0x80 && unicode.IsLower(firstRune(w)) {
				if seen, ok := lower[w]; ok && !seen {
					lower[w] = true
				}
			}
		}
	}
	out := make([][]string, len(doc))
	for s, words := range doc {
		var h []string
		caps := caps[s]
		for i, w := range words {
			if !unicode.IsUpper(firstRune(w)) {
				continue
			}
			key := w
			if caps || isUpperWord(w) {
				key = titleCase(w)
			}
			var v string
			switch {
			case midCap[key] && (i == 0 || caps):
				v = "midcap"
			case lower[string(appendLowerASCII(lb[:0], w))]:
				v = "lower"
			}
			if v == "" {
				continue
			}
			if h == nil {
				h = make([]string, len(words))
			}
			h[i] = v
		}
		out[s] = h
	}
	return out
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n > 1
}

func titleCase(w string) string {
	rs := []rune(strings.ToLower(w))
	if len(rs) > 0 {
		rs[0] = unicode.ToUpper(rs[0])
	}
	return string(rs)
}

// hasKey reports whether m has the key k, without allocating it.
func hasKey[V any](m map[string]V, k []byte) bool {
	_, ok := m[string(k)]
	return ok
}
