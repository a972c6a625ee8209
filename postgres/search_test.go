package postgres

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
)

func TestQueryLexemes(t *testing.T) {
	tests := []struct {
		name, tree string
		want       []string
	}{
		{"word", `'strike'`, []string{"strike"}},
		{"and or", `'russia' & 'civilian' | 'weather'`, []string{"russia", "civilian", "weather"}},
		{"negated left out", `'strike' & !'civilian'`, []string{"strike"}},
		{"phrase", `'secur' <-> 'council'`, []string{"secur", "council"}},
		{"quotes escaped", `'o''brien' & 'a\\b'`, []string{"o'brien", `a\b`}},
		{"nothing", `T`, nil},
		{"empty", ``, nil},
		{"unterminated", `'abc`, []string{"abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := queryLexemes(tt.tree)
			if len(got) != len(tt.want) {
				t.Fatalf("queryLexemes(%q) = %v, want %v", tt.tree, got, tt.want)
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("queryLexemes(%q) = %v, want %v", tt.tree, got, tt.want)
				}
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("filler words go here ", 20)
	mark := func(w string) string { return parallax.HitStart + w + parallax.HitEnd }
	tests := []struct {
		name, text string
		lexemes    []string
		contains   []string
		absent     []string
	}{
		{"stemmed", "The strikes killed 16 civilians.", []string{"civilian"}, []string{mark("civilians")}, nil},
		{"case", "RUSSIA spoke.", []string{"russia"}, []string{mark("RUSSIA")}, nil},
		{"number", "In 2024 it rained.", []string{"2024"}, []string{mark("2024")}, nil},
		{"stem unlike word", "Three cities voted.", []string{"citi"}, []string{mark("cities")}, nil},
		{"no match gives the start", "Sunny weather today. " + long, []string{"zeppelin"}, []string{"Sunny weather today"}, []string{parallax.HitStart}},
		{"window around a late match", long + "the envoy spoke at last", []string{"envoy"}, []string{mark("envoy") + " spoke at last"}, nil},
		{"two fragments", "envoy " + long + "envoy again", []string{"envoy"}, []string{" … ", mark("envoy") + " again"}, nil},
		{"hostile bytes kept for escaping", "<script>alert(1)</script> envoy", []string{"envoy"}, []string{"script>alert(1)</script> " + mark("envoy")}, nil},
		{"empty", "", []string{"x"}, nil, []string{parallax.HitStart}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lx := map[string]bool{}
			for _, l := range tt.lexemes {
				lx[l] = true
			}
			got := snippet(tt.text, lx)
			for _, c := range tt.contains {
				if !strings.Contains(got, c) {
					t.Errorf("snippet = %q, want it to contain %q", got, c)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("snippet = %q, want no %q", got, a)
				}
			}
			if strings.Count(got, parallax.HitStart) != strings.Count(got, parallax.HitEnd) {
				t.Errorf("snippet %q has unbalanced markers", got)
			}
			if n := len(strings.Fields(got)); n > 2*snippetWords+1 {
				t.Errorf("snippet has %d words", n)
			}
		})
	}
}

// FuzzSnippet checks that no text makes snippet panic or unbalance its
// markers.
func FuzzSnippet(f *testing.F) {
	f.Add("The strikes killed 16 civilians.", "strike")
	f.Add("\xff\xfe cities", "citi")
	f.Fuzz(func(t *testing.T, text, lexeme string) {
		got := snippet(text, map[string]bool{lexeme: true})
		if strings.Count(got, parallax.HitStart) != strings.Count(got, parallax.HitEnd) {
			t.Errorf("snippet(%q) = %q: unbalanced markers", text, got)
		}
	})
}
