package quote

import (
	"os"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
)

// benchArticle is a 3 KB news article with direct quotes, reported speech
// and role and pronoun back-references, and its sentences and entities.
func benchArticle(b *testing.B) (string, []parallax.Span, []parallax.Entity) {
	b.Helper()
	raw, err := os.ReadFile("../../testdata/quote/seeds/002_a0a419f9659ef6ff.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	for len(text) < 3000 {
		text += "\n\n" + string(raw)
	}
	text = text[:strings.LastIndexByte(text[:3072], '\n')]
	_, sents := extract.Segment(text)
	// Entities as the entity extractor would give them: every name.
	var ents []parallax.Entity
	for _, name := range []string{"Maria Zakharova", "Zakharova", "Dmitry Polyanskiy", "Joe Biden", "Washington", "Reuters"} {
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			typ := parallax.PER
			if name == "Washington" {
				typ = parallax.LOC
			} else if name == "Reuters" {
				typ = parallax.ORG
			}
			ents = append(ents, parallax.Entity{Start: off + i, End: off + i + len(name), Text: name, Type: typ})
			off += i + len(name)
		}
	}
	return text, sents, ents
}

// BenchmarkExtract measures quote extraction alone on a 3 KB article
// (the goal is at least 1,000 articles a second on one core, 5,000 hoped
// for; read articles/s as 1e9 / ns/op).
func BenchmarkExtract(b *testing.B) {
	text, sents, ents := benchArticle(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text, sents, ents, nil)
	}
}

// BenchmarkExtractNoEntities measures the extractor on its own name rules.
func BenchmarkExtractNoEntities(b *testing.B) {
	text, sents, _ := benchArticle(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text, sents, nil, nil)
	}
}

// BenchmarkExtractMegabyte measures a 1 MB paragraph without punctuation.
func BenchmarkExtractMegabyte(b *testing.B) {
	text := strings.Repeat("word ", 1<<18)
	_, sents := extract.Segment(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text, sents, nil, nil)
	}
}
