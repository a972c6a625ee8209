package web

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"golang.org/x/net/html"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		marks []mark
		want  string
	}{
		{"plain", "a < b & c", nil, "a &lt; b &amp; c"},
		{"one", "say 16 dead", []mark{{start: 4, end: 6, class: "m-qty"}}, `say <mark class="m-qty">16</mark> dead`},
		{"nested", `"Hi Bob," he said`, []mark{{start: 0, end: 9, class: "q"}, {start: 4, end: 7, class: "p"}},
			`<mark class="q">&#34;Hi <mark class="p">Bob</mark>,&#34;</mark> he said`},
		{"crossing dropped", "abcdef", []mark{{start: 0, end: 3, class: "x"}, {start: 2, end: 5, class: "y"}}, `<mark class="x">abc</mark>def`},
		{"out of range dropped", "abc", []mark{{start: 2, end: 10, class: "x"}, {start: -1, end: 1, class: "y"}, {start: 2, end: 2, class: "z"}}, "abc"},
		{"mid-rune dropped", "é!", []mark{{start: 1, end: 3, class: "x"}}, "é!"},
		{"hostile title", "x", []mark{{start: 0, end: 1, class: `a"><script>`, title: `"><img onerror=1>`}},
			`<mark class="a&#34;&gt;&lt;script&gt;" title="&#34;&gt;&lt;img onerror=1&gt;">x</mark>`},
		{"hostile text in mark", "<b>x</b>", []mark{{start: 0, end: 8, class: "m"}}, `<mark class="m">&lt;b&gt;x&lt;/b&gt;</mark>`},
		{"adjacent", "ab", []mark{{start: 0, end: 1, class: "a"}, {start: 1, end: 2, class: "b"}}, `<mark class="a">a</mark><mark class="b">b</mark>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(highlight(tt.text, tt.marks)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestSnippetHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"marked", "the \x02strike\x03 on <b>", "the <mark>strike</mark> on &lt;b&gt;"},
		{"unclosed", "\x02open", "<mark>open</mark>"},
		{"stray end", "a\x03b\x02c\x02d\x03", "ab<mark>cd</mark>"},
		{"controls dropped", "a\x00b\x1bc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(snippetHTML(tt.in)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// checkNoActiveContent parses out as HTML and fails on any element or
// attribute that could run script: what highlighting emits must be marks
// only, whatever the input.
func checkNoActiveContent(t *testing.T, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, hasAttr := z.TagName()
			if string(name) != "mark" {
				t.Fatalf("element <%s> in %q", name, out)
			}
			for hasAttr {
				var k []byte
				k, _, hasAttr = z.TagAttr()
				if s := string(k); s != "class" && s != "title" && s != "id" {
					t.Fatalf("attribute %s in %q", s, out)
				}
			}
		}
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("<script>alert(1)</script> 16 killed", 0, 8, 3, 12)
	f.Add("é\"'&<>", 1, 3, 0, 7)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		out := string(highlight(text, []mark{{start: s1, end: e1, class: "a", title: text}, {start: s2, end: e2, class: "b"}}))
		checkNoActiveContent(t, out)
		if strings.Count(out, "<mark") != strings.Count(out, "</mark>") {
			t.Fatalf("unbalanced marks in %q", out)
		}
	})
}

func FuzzSnippet(f *testing.F) {
	f.Add("a \x02b\x03 <script>")
	f.Add("\x03\x02\x02")
	f.Fuzz(func(t *testing.T, s string) {
		out := string(snippetHTML(s))
		checkNoActiveContent(t, out)
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("unbalanced marks in %q", out)
		}
	})
}

func TestTimelineSVG(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 2, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		points []timelinePoint
		want   []string
	}{
		{"empty", nil, nil},
		{"one point", []timelinePoint{{At: day(2), Label: "strikes <b>"}}, []string{"<svg", "strikes &lt;b&gt;", "<circle"}},
		{"happenings and publications", []timelinePoint{{At: day(2), Label: "strikes"}, {At: day(5), Label: "UNSC meeting"}, {At: day(3), Label: "published", Article: true}},
			[]string{"UNSC meeting", "<rect", "2 Feb", "5 Feb"}},
		{"decades apart", []timelinePoint{{At: time.Date(2016, 9, 17, 0, 0, 0, 0, time.UTC), Label: "old strike"}, {At: day(3), Label: "now"}}, []string{"2018", "2022"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(timelineSVG(tt.points, "T"))
			if tt.want == nil && got != "" {
				t.Errorf("got %q", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%s", w, got)
				}
			}
		})
	}
	// Many points in one spot must not overflow rows or panic.
	var many []timelinePoint
	for i := range 100 {
		many = append(many, timelinePoint{At: day(2).Add(time.Duration(i) * time.Minute), Label: "a long label for crowding"})
	}
	if s := string(timelineSVG(many, "T")); !strings.Contains(s, "</svg>") {
		t.Error("crowded timeline not drawn")
	}
}

func TestHappeningTime(t *testing.T) {
	utc := time.Date(2024, 2, 5, 21, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		h    parallax.Happening
		ok   bool
		want time.Time
	}{
		{"utc wins", parallax.Happening{Value: "2024-02-05T16:00", UTC: &utc}, true, utc},
		{"date", parallax.Happening{Value: "2024-01-28"}, true, time.Date(2024, 1, 28, 0, 0, 0, 0, time.UTC)},
		{"month", parallax.Happening{Value: "2024-02"}, true, time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
		{"no year", parallax.Happening{Value: "XXXX-02-05"}, false, time.Time{}},
		{"week", parallax.Happening{Value: "2024-W05"}, true, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"reference", parallax.Happening{Value: "PRESENT_REF"}, false, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := happeningTime(tt.h)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Errorf("got %v %v", got, ok)
			}
		})
	}
}
