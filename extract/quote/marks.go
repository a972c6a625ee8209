package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// span is a half-open byte range.
type span struct{ start, end int }

// direct is a run of quoted text found between quote marks.
type direct struct {
	open  int // offset of the opening mark
	close int // offset just past the closing mark, or the end of the quoted text when unclosed
	// parts are the quoted contents without the marks: one per paragraph
	// the quote spans.
	parts  []span
	closed bool
}

func (d *direct) start() int { return d.parts[0].start }
func (d *direct) end() int   { return d.parts[len(d.parts)-1].end }

// paragraphs returns the non-blank lines of text as spans, trimmed of
// spaces, the same way extract.Segment cuts them.
func paragraphs(text string) []span {
	var out []span
	off := 0
	for off < len(text) {
		nl := strings.IndexByte(text[off:], '\n')
		end := len(text)
		if nl >= 0 {
			end = off + nl
		}
		s, e := off, end
		for s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r') {
			s++
		}
		for e > s && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\r') {
			e--
		}
		if s < e {
			out = append(out, span{s, e})
		}
		off = end + 1
	}
	return out
}

// closers returns the marks that close a quote opened with r.
func closers(r rune) string {
	switch r {
	case '“':
		return "”\""
	case '„':
		return "“”\""
	case '«':
		return "»"
	case '"':
		return "\"”"
	case '‘':
		return "’"
	}
	return ""
}

// maxUnclosed bounds the text an unclosed quote may claim: an opening mark
// that is never closed more likely is a stray mark than a long quote.
const maxUnclosed = 1500

// findDirect finds the quoted text in the paragraphs paras of text, in
// order. Quote marks are read by their context, since a straight mark both
// opens and closes: it opens after a space or an opening bracket and
// closes before a space or punctuation; a mark with spaces on both sides
// or letters on both sides is a stray one.
func findDirect(text string, paras []span) []direct {
	var out []direct
	var cur *direct
	var want string // closers of the open quote
	var openRune rune
	for pi := 0; pi < len(paras); pi++ {
		p := paras[pi]
		i := p.start
		if cur != nil {
			// Continuation of a quote left open by the previous paragraph:
			// the paragraph opens with the same kind of mark.
			_, sz := utf8.DecodeRuneInString(text[i:p.end])
			i += sz
			cur.parts = append(cur.parts, span{i, i})
		}
		for i < p.end {
			r, sz := utf8.DecodeRuneInString(text[i:p.end])
			if !isMark(r) {
				i += sz
				continue
			}
			prev, _ := utf8.DecodeLastRuneInString(text[p.start:i])
			if i == p.start {
				prev = 0
			}
			next := rune(0)
			if i+sz < p.end {
				next, _ = utf8.DecodeRuneInString(text[i+sz : p.end])
			}
			openCtx := prev == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/:;#", prev) || isMark(prev)
			closeCtx := next == 0 || !(unicode.IsLetter(next) || unicode.IsDigit(next))
			if cur == nil {
				ok := false
				switch r {
				case '“', '„', '«':
					ok = next != 0 && (!unicode.IsSpace(next) || r == '«')
				case '"':
					ok = openCtx && next != 0 && !unicode.IsSpace(next)
				case '‘':
					ok = openCtx && (unicode.IsLetter(next) || unicode.IsDigit(next))
				}
				if ok {
					cur = &direct{open: i, parts: []span{{i + sz, i + sz}}}
					want = closers(r)
					openRune = r
				}
				i += sz
				continue
			}
			if strings.ContainsRune(want, r) {
				closes := true
				switch r {
				case '"':
					// A straight mark between letters is a typo, not a close.
					closes = closeCtx || !unicode.IsLetter(prev)
				case '’':
					closes = closeCtx && !unicode.IsSpace(prev)
				case '“':
					closes = closeCtx
				}
				if closes {
					cur.parts[len(cur.parts)-1].end = i
					cur.close = i + sz
					cur.closed = true
					out = append(out, *cur)
					cur = nil
				}
			}
			i += sz
		}
		if cur == nil {
			continue
		}
		last := &cur.parts[len(cur.parts)-1]
		last.end = p.end
		// The journalistic convention: a quote running over paragraphs
		// leaves each paragraph open and reopens the next one.
		if pi+1 < len(paras) {
			n := paras[pi+1]
			r, _ := utf8.DecodeRuneInString(text[n.start:n.end])
			if r == openRune || (openRune == '"' && r == '“') || (openRune == '“' && r == '"') {
				continue
			}
		}
		cur.close = p.end
		if cur.end()-cur.start() <= maxUnclosed {
			out = append(out, *cur)
		}
		cur = nil
	}
	if cur != nil && len(cur.parts) > 0 && cur.end()-cur.start() <= maxUnclosed {
		cur.close = cur.end()
		out = append(out, *cur)
	}
	// Trim spaces inside the marks.
	for k := range out {
		for j := range out[k].parts {
			s := &out[k].parts[j]
			for s.start < s.end && text[s.start] == ' ' {
				s.start++
			}
			for s.end > s.start && text[s.end-1] == ' ' {
				s.end--
			}
		}
	}
	return out
}

func isMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘', '’':
		return true
	}
	return false
}

// quoteText joins the parts of a quote, one space for each paragraph
// break, so that a quote over paragraphs reads as one.
func quoteText(text string, parts []span) string {
	if len(parts) == 1 {
		return text[parts[0].start:parts[0].end]
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(text[p.start:p.end])
	}
	return b.String()
}

// clampSpans drops or clips spans that do not fit text, so that callers
// may pass sentence spans computed on another version of the text.
func clampSpans(in []parallax.Span, n int) []span {
	out := make([]span, 0, len(in))
	last := 0
	for _, s := range in {
		if s.Start < last {
			s.Start = last
		}
		if s.End > n {
			s.End = n
		}
		if s.Start >= s.End {
			continue
		}
		out = append(out, span{s.Start, s.End})
		last = s.End
	}
	return out
}
