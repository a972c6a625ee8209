package extract

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSegment checks the invariants every caller relies on: Clean returns
// valid UTF-8 and is idempotent; spans are ordered, non-overlapping, on
// rune boundaries, and sentences lie inside paragraphs.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{"", "One. Two.", "\"Quote.\" He said. U.S. Gen. X", "a\n\nb\r\nc", "\xff\xfe", strings.Repeat("word ", 2000),
		" a b\n\nc d \n", "a  b", "a\n\n\nb", "a \nb", "a\n b", "\n\na", "a\tb", "\n \n"} {
		f.Add(s)
	}
	if b, err := os.ReadFile("../testdata/seeds/000_9b6100ba78ef2e93.txt"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, raw string) {
		text := Clean(raw)
		if !utf8.ValidString(text) {
			t.Fatalf("Clean returned invalid UTF-8")
		}
		if again := Clean(text); again != text {
			t.Fatalf("Clean not idempotent: %q → %q", text, again)
		}
		if trimmed := strings.Trim(raw, " \n"); isClean(trimmed) && clean(raw) != trimmed {
			t.Fatalf("isClean(%q), but cleaning %q gives %q", trimmed, raw, clean(raw))
		}
		paras, sents := Segment(text)
		prev := 0
		for _, s := range sents {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad sentence span %v (prev end %d, len %d)", s, prev, len(text))
			}
			if !utf8.ValidString(s.Of(text)) {
				t.Fatalf("sentence span %v splits a rune", s)
			}
			inside := false
			for _, p := range paras {
				if s.Start >= p.Start && s.End <= p.End {
					inside = true
				}
			}
			if !inside {
				t.Fatalf("sentence %v outside every paragraph", s)
			}
			prev = s.End
		}
		_ = Language(text)
	})
}

func BenchmarkCleanSegment(b *testing.B) {
	raw, err := os.ReadFile("../testdata/seeds/003_bc9e02c4aed59e7d.txt")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		text := Clean(string(raw))
		Segment(text)
	}
}

func BenchmarkLanguage(b *testing.B) {
	raw, err := os.ReadFile("../testdata/seeds/003_bc9e02c4aed59e7d.txt")
	if err != nil {
		b.Skip(err)
	}
	Language(string(raw))
	b.ResetTimer()
	for b.Loop() {
		Language(string(raw))
	}
}
