package ingest

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
)

// FuzzArticleID checks articleID against parallax.ArticleID, whose ids
// stored articles already carry.
func FuzzArticleID(f *testing.F) {
	for _, s := range []string{"", " ", "Hello, World!", "  ÉCOLE  d'été — 2024\n\nİstanbul ǅ", "a\xffb", "\u00a0x\u2003y", strings.Repeat("word Ünï ", 800)} {
		f.Add("", s)
	}
	f.Add("https://example.org/a", "text")
	f.Fuzz(func(t *testing.T, url, text string) {
		if got, want := articleID(url, text), parallax.ArticleID(url, text); got != want {
			t.Fatalf("articleID(%q, %q) = %s, want %s", url, text, got, want)
		}
	})
}
