package web

import (
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// mark is one span of article text to highlight.
type mark struct {
	start, end int
	class      string
	title      string // tooltip: canonical value or name
	id         string // element id, for linking to one mark
}

// articleMarks collects the extraction's spans as marks.
func articleMarks(a *parallax.Article) []mark {
	x := a.Extraction
	if x == nil {
		return nil
	}
	var ms []mark
	for _, q := range x.Quotes {
		t := "quote"
		if q.Speaker.Name != "" || q.Speaker.Text != "" {
			t = "quote by " + firstNonEmpty(q.Speaker.Name, q.Speaker.Text)
		}
		ms = append(ms, mark{start: q.Start, end: q.End, class: "m-quote", title: t})
	}
	for _, e := range x.Entities {
		class := "m-ent m-" + strings.ToLower(e.Type)
		ms = append(ms, mark{start: e.Start, end: e.End, class: class, title: strings.TrimSpace(e.Type + " " + firstNonEmpty(e.Name, e.ID))})
	}
	for _, t := range x.Times {
		ms = append(ms, mark{start: t.Start, end: t.End, class: "m-time", title: strings.TrimSpace(t.Type + " " + t.Value)})
	}
	for _, q := range x.Quantities {
		title := strings.Join(nonEmpty(q.Role, q.Unit, q.Scope), " · ")
		ms = append(ms, mark{start: q.Start, end: q.End, class: "m-qty", title: title})
	}
	return ms
}

// highlight returns text as HTML with the marks wrapped in <mark>
// elements. Every byte of text passes through html.EscapeString; marks
// outside the text, off UTF-8 boundaries or crossing an earlier mark
// (instead of nesting in it) are dropped, so hostile or inconsistent
// offsets can neither break the markup nor panic.
func highlight(text string, marks []mark) template.HTML {
	valid := make([]mark, 0, len(marks))
	for _, m := range marks {
		if m.start < 0 || m.end > len(text) || m.start >= m.end ||
			!utf8.RuneStart(text[m.start]) || (m.end < len(text) && !utf8.RuneStart(text[m.end])) {
			continue
		}
		valid = append(valid, m)
	}
	// Outer marks first: by start, then longest.
	sort.SliceStable(valid, func(i, j int) bool {
		if valid[i].start != valid[j].start {
			return valid[i].start < valid[j].start
		}
		return valid[i].end > valid[j].end
	})
	var b strings.Builder
	b.Grow(len(text) + len(valid)*48)
	var stack []mark
	pos := 0
	closeTo := func(off int) {
		for len(stack) > 0 && stack[len(stack)-1].end <= off {
			top := stack[len(stack)-1]
			b.WriteString(html.EscapeString(text[pos:top.end]))
			pos = top.end
			b.WriteString("</mark>")
			stack = stack[:len(stack)-1]
		}
	}
	for _, m := range valid {
		closeTo(m.start)
		if len(stack) > 0 && m.end > stack[len(stack)-1].end {
			continue // crosses the enclosing mark
		}
		b.WriteString(html.EscapeString(text[pos:m.start]))
		pos = m.start
		b.WriteString(`<mark class="`)
		b.WriteString(html.EscapeString(m.class))
		b.WriteString(`"`)
		if m.id != "" {
			b.WriteString(` id="`)
			b.WriteString(html.EscapeString(m.id))
			b.WriteString(`"`)
		}
		if m.title != "" {
			b.WriteString(` title="`)
			b.WriteString(html.EscapeString(m.title))
			b.WriteString(`"`)
		}
		b.WriteString(">")
		stack = append(stack, m)
	}
	closeTo(len(text))
	b.WriteString(html.EscapeString(text[pos:]))
	return template.HTML(b.String())
}

// snippetHTML escapes a store snippet, then turns the HitStart/HitEnd
// markers into <mark> elements, balancing them so that a truncated snippet
// cannot leave an element open. Other control characters are dropped.
func snippetHTML(snippet string) template.HTML {
	esc := html.EscapeString(snippet)
	var b strings.Builder
	b.Grow(len(esc) + 32)
	open := false
	for _, r := range esc {
		switch {
		case string(r) == parallax.HitStart:
			if !open {
				b.WriteString("<mark>")
				open = true
			}
		case string(r) == parallax.HitEnd:
			if open {
				b.WriteString("</mark>")
				open = false
			}
		case r < 0x20 && r != '\n' && r != '\t':
		default:
			b.WriteRune(r)
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
