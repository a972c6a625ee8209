package quote

import (
	"strings"

	"github.com/parallax-news/parallax"
)

// inlinePost is an embedded post left in the text as its embed code
// renders it: "BODY pic.twitter.com/… — Author (@handle) February 3, 2024".
type inlinePost struct {
	body   span
	author span
	handle string
	used   bool
}

// findInlinePosts finds paragraphs that end in a post signature.
func findInlinePosts(text string, paras []span) []inlinePost {
	var out []inlinePost
	for _, p := range paras {
		par := text[p.start:p.end]
		at := strings.LastIndex(par, "(@")
		if at < 0 {
			continue
		}
		rp := strings.IndexByte(par[at:], ')')
		if rp < 0 || len(par)-(at+rp) > 48 {
			continue
		}
		handle := par[at+2 : at+rp]
		if handle == "" || strings.ContainsAny(handle, " \t") {
			continue
		}
		// The author's name follows a dash.
		head := par[:at]
		d := -1
		for _, dash := range []string{"—", "–", " - ", "―"} {
			if k := strings.LastIndex(head, dash); k > d {
				d = k
			}
		}
		if d < 0 || at-d > 90 {
			continue
		}
		dlen := 3
		if head[d] == ' ' {
			dlen = 3
		} else if strings.HasPrefix(head[d:], "–") || strings.HasPrefix(head[d:], "—") || strings.HasPrefix(head[d:], "―") {
			dlen = len("—")
		}
		as, ae := d+dlen, at
		for as < ae && head[as] == ' ' {
			as++
		}
		for ae > as && head[ae-1] == ' ' {
			ae--
		}
		// The body ends before the dash and any trailing links.
		be := d
		for {
			for be > 0 && head[be-1] == ' ' {
				be--
			}
			sp := strings.LastIndexByte(head[:be], ' ')
			last := head[sp+1 : be]
			if strings.HasPrefix(last, "pic.twitter.com/") || strings.HasPrefix(last, "http") || strings.HasPrefix(last, "t.co/") {
				be = sp + 1
				continue
			}
			break
		}
		if be <= 0 || ae <= as {
			continue
		}
		out = append(out, inlinePost{
			body:   span{p.start, p.start + be},
			author: span{p.start + as, p.start + ae},
			handle: handle,
		})
	}
	return out
}

// postQuotes turns the given posts and the posts found in the text into
// quotes of their authors.
func postQuotes(text string, posts []parallax.EmbeddedPost, inl []inlinePost, ms []mention) []parallax.Quote {
	var out []parallax.Quote
	for i, p := range posts {
		q := parallax.Quote{Text: p.Text, Verb: "posted", Medium: p.Platform, Direct: true, Post: i}
		q.Speaker.Text = p.Author
		if q.Speaker.Text == "" && p.Handle != "" {
			q.Speaker.Text = "@" + strings.TrimPrefix(p.Handle, "@")
		}
		q.Speaker.Name = q.Speaker.Text
		for k := range inl {
			ip := &inl[k]
			h := strings.TrimPrefix(p.Handle, "@")
			if ip.used || !(h != "" && strings.EqualFold(h, ip.handle) || p.Author != "" && text[ip.author.start:ip.author.end] == p.Author) {
				continue
			}
			ip.used = true
			q.Start, q.End = ip.body.start, ip.body.end
			q.Speaker.Start, q.Speaker.End = ip.author.start, ip.author.end
			q.Speaker.Text = text[ip.author.start:ip.author.end]
			break
		}
		if q.Start == q.End {
			if k := strings.Index(text, p.Text); p.Text != "" && k >= 0 {
				q.Start, q.End = k, k+len(p.Text)
			}
		}
		out = append(out, withEntity(q, ms))
	}
	for _, ip := range inl {
		if ip.used {
			continue
		}
		q := parallax.Quote{
			Start: ip.body.start, End: ip.body.end, Text: text[ip.body.start:ip.body.end],
			Verb: "posted", Medium: "X", Direct: true, Post: -1,
			Speaker: parallax.Speaker{Text: text[ip.author.start:ip.author.end], Start: ip.author.start, End: ip.author.end},
		}
		q.Speaker.Name = q.Speaker.Text
		out = append(out, withEntity(q, ms))
	}
	return out
}

// withEntity takes the canonical id of the entity mention that is the
// post's author, when there is one.
func withEntity(q parallax.Quote, ms []mention) parallax.Quote {
	if q.Speaker.End == 0 {
		return q
	}
	for _, m := range ms {
		if m.id != "" && m.start < q.Speaker.End && q.Speaker.Start < m.end {
			q.Speaker.ID = m.id
			if m.name != "" {
				q.Speaker.Name = m.name
			}
			break
		}
	}
	return q
}
