package dossier

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/parallax-news/parallax"
)

// BackgroundKind and DossierKind are the Store document kinds under which
// pipelines keep the Background (one key for the store) and the dossiers
// (keyed by event id).
const (
	BackgroundKind = "dossier-background"
	DossierKind    = "dossier"
)

// Background holds term statistics over a whole store: how often each term
// (a stemmed word or a two-word phrase) occurs and in how many articles.
// The framing comparison uses it as the informative Dirichlet prior of
// Monroe et al. (2008), so that words common in all news ("said",
// "government") do not look distinctive just because one outlet wrote
// more; claim alignment uses its document frequencies to weight rare words
// above common ones.
//
// A Background is built once from the store's articles, updated with Add
// as articles arrive, and persisted as JSON (Store.PutDocument with
// BackgroundKind). Its methods are not safe for concurrent writes.
type Background struct {
	// Docs counts the articles added; Tokens the terms counted.
	Docs   int   `json:"docs"`
	Tokens int64 `json:"tokens"`
	// Counts maps each term to its total count, DF to the number of
	// articles it occurs in.
	Counts map[string]int64 `json:"counts"`
	DF     map[string]int   `json:"df"`

	stems stemCache
}

// NewBackground returns an empty Background.
func NewBackground() *Background {
	return &Background{Counts: map[string]int64{}, DF: map[string]int{}}
}

// BackgroundOf returns the Background of articles.
func BackgroundOf(articles []*parallax.Article) *Background {
	b := NewBackground()
	for _, a := range articles {
		b.Add(a)
	}
	return b
}

// Add counts an article's terms.
func (b *Background) Add(a *parallax.Article) {
	if a == nil {
		return
	}
	if b.Counts == nil {
		b.Counts = map[string]int64{}
	}
	if b.DF == nil {
		b.DF = map[string]int{}
	}
	seen := map[string]bool{}
	if b.stems == nil {
		b.stems = stemCache{}
	}
	for _, t := range termsOf(a.Text, b.stems.words(a.Text, 0, len(a.Text), a.Language)) {
		t := t.term
		b.Counts[t]++
		b.Tokens++
		if !seen[t] {
			seen[t] = true
			b.DF[t]++
		}
	}
	b.Docs++
}

// Marshal returns the Background as JSON for Store.PutDocument.
func (b *Background) Marshal() ([]byte, error) {
	data, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("marshal background: %w", err)
	}
	return data, nil
}

// UnmarshalBackground parses a Background stored with Marshal.
func UnmarshalBackground(data []byte) (*Background, error) {
	b := NewBackground()
	if err := json.Unmarshal(data, b); err != nil {
		return nil, fmt.Errorf("parse background: %w", err)
	}
	if b.Counts == nil {
		b.Counts = map[string]int64{}
	}
	if b.DF == nil {
		b.DF = map[string]int{}
	}
	if b.Docs < 0 || b.Tokens < 0 {
		return nil, fmt.Errorf("parse background: negative counts")
	}
	return b, nil
}

// idf returns the inverse document frequency of term, smoothed so that
// unseen terms weigh most.
func (b *Background) idf(term string, extraDocs, extraDF int) float64 {
	n, df := extraDocs, extraDF
	if b != nil {
		n += b.Docs
		df += b.DF[term]
	}
	return math.Log(float64(n+1)/float64(df+1)) + 1
}

// articleTerms returns the framing terms of an article's text in order:
// content-word stems and two-word phrases of adjacent content words.
func articleTerms(a *parallax.Article) []string {
	ts := surfaceTerms(a)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.term
	}
	return out
}

// termUse is one use of a framing term with the words as written.
type termUse struct {
	term    string
	surface string
	start   int
}

func surfaceTerms(a *parallax.Article) []termUse {
	return termsOf(a.Text, words(a.Text, 0, len(a.Text), a.Language))
}

// termsOf returns the framing terms of text tokenized as ws.
func termsOf(text string, ws []word) []termUse {
	var out []termUse
	var prev *word
	for i := range ws {
		w := &ws[i]
		if isStop(w.lower) || hasDigit(w.lower) {
			prev = nil
			continue
		}
		out = append(out, termUse{w.stem, w.lower, w.start})
		if prev != nil && adjacent(text, prev.end, w.start) {
			out = append(out, termUse{prev.stem + " " + w.stem, prev.lower + " " + w.lower, prev.start})
		}
		prev = w
	}
	return out
}

// adjacent reports whether only spaces separate two words, so that
// phrases never span punctuation.
func adjacent(text string, end, start int) bool {
	if end < 0 || start < end {
		return false
	}
	for i := end; i < start; i++ {
		if text[i] != ' ' {
			return false
		}
	}
	return true
}
