package web

import (
	"html/template"
	"net/url"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/parallax-news/parallax"
)

// The repeated parts of an event page (reports, coverage, figures, the
// timeline's rows, claims, quotes, disputes, framing) are written here rather than by
// event.html: an uncached page runs these loops over hundreds of items,
// and html/template's reflective calls (one per action, plus one per
// escaper) made them most of the page's cost. The page's skeleton stays
// in the template. Every piece of dossier text passes through
// htmlWriter.text or htmlWriter.attr, which escape it as html/template
// does in element content and quoted attribute values.

// htmlWriter builds HTML in a byte slice.
type htmlWriter struct{ b []byte }

// raw appends trusted markup.
func (w *htmlWriter) raw(s string) { w.b = append(w.b, s...) }

// text appends untrusted text, escaped for element content or a quoted
// attribute value: the characters html/template escapes there (& < > " '
// + and NUL) become entities, invalid UTF-8 is kept as html/template
// keeps it.
func (w *htmlWriter) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if !htmlSpecial[s[i]] {
			continue
		}
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case 0:
			rep = "\uFFFD"
		default:
			continue
		}
		w.b = append(w.b, s[last:i]...)
		w.b = append(w.b, rep...)
		last = i + 1
	}
	w.b = append(w.b, s[last:]...)
}

// htmlSpecial marks the bytes text replaces.
var htmlSpecial = [256]bool{'&': true, '<': true, '>': true, '"': true, '\'': true, '+': true, 0: true}

// attr is text for a quoted attribute value.
func (w *htmlWriter) attr(s string) { w.text(s) }

// int appends a number.
func (w *htmlWriter) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// join appends ss separated by sep, each escaped.
func (w *htmlWriter) join(ss []string, sep string) {
	for i, s := range ss {
		if i > 0 {
			w.text(sep)
		}
		w.text(s)
	}
}

// ev appends the link to the sentence a finding came from (evidenceLink).
func (w *htmlWriter) ev(e parallax.Evidence) {
	w.raw(`<a class="ev" href="`)
	w.evidenceURL(e)
	w.raw(`" title="`)
	w.text(e.Sentence)
	w.raw(`">`)
	w.text(e.Outlet)
	w.raw(`</a>`)
}

// evidenceURL appends evidenceURL(e), escaped for an attribute.
func (w *htmlWriter) evidenceURL(e parallax.Evidence) {
	w.pathURL("/articles/", e.ArticleID)
	if e.End > e.Start {
		w.raw("?hl=")
		w.int(e.Start)
		w.raw("-")
		w.int(e.End)
		w.raw("#evidence")
	}
}

// pathURL appends prefix followed by the escaped path segment seg.
func (w *htmlWriter) pathURL(prefix, seg string) {
	w.raw(prefix)
	w.text(url.PathEscape(seg))
}

// articleLink writes a link to the article page of id, titled title or
// "(untitled)".
func (w *htmlWriter) articleLink(id, title string) {
	w.raw(`<a href="`)
	w.pathURL("/articles/", id)
	w.raw(`">`)
	if title != "" {
		w.text(title)
	} else {
		w.raw("(untitled)")
	}
	w.raw("</a>")
}

// outletLink writes a link to the outlet page of name, or "unknown
// outlet" when there is no name.
func (w *htmlWriter) outletLink(name string) {
	if name == "" {
		w.raw("unknown outlet")
		return
	}
	w.raw(`<a href="`)
	w.pathURL("/outlets/", name)
	w.raw(`">`)
	w.text(name)
	w.raw(`</a>`)
}

// timeTag writes t as a <time> element: RFC 3339 in UTC for machines,
// the page's date format for people.
func (w *htmlWriter) timeTag(t time.Time) {
	w.raw(`<time datetime="`)
	w.text(t.UTC().Format(time.RFC3339))
	w.raw(`">`)
	w.text(fmtDateTime(t))
	w.raw(`</time>`)
}

// terms writes the words of ts separated by commas.
func (w *htmlWriter) terms(ts []parallax.Term) {
	for i, t := range ts {
		if i > 0 {
			w.raw(", ")
		}
		w.text(t.Term)
	}
}

// eventSections is the event page's repeated markup, rendered once per
// page build.
type eventSections struct {
	Reports      template.HTML
	CoverageRows template.HTML
	Agencies     template.HTML
	Languages    template.HTML
	Figures      template.HTML
	TimelineRows template.HTML
	Agreed       template.HTML
	Only         template.HTML
	Speakers     template.HTML
	MoreSpeakers template.HTML
	Disputes     template.HTML
	FramingEvent template.HTML
	FramingRows  template.HTML
}

// sectionBuffers are reused for eventSections (tens of kilobytes a page).
var sectionBuffers = sync.Pool{New: func() any { return &htmlWriter{b: make([]byte, 0, 128<<10)} }}

// release hands the buffer behind d.HTML back for reuse; d.HTML must not
// be used after it (the page has been rendered).
func (d *eventDoc) release() {
	if d.sections == nil {
		return
	}
	d.HTML = eventSections{}
	sectionBuffers.Put(d.sections)
	d.sections = nil
}

// renderSections writes the page's repeated markup from the decoded
// dossier (see eventSections).
func (d *eventDoc) renderSections() {
	// All sections are written to one buffer, which the fields then point
	// into (without copying it: nothing writes to it until release).
	w := sectionBuffers.Get().(*htmlWriter)
	w.b = w.b[:0]
	d.sections = w
	var fields []*template.HTML
	var ends []int
	cut := func(f *template.HTML) {
		fields = append(fields, f)
		ends = append(ends, len(w.b))
	}
	defer func() {
		if len(w.b) == 0 {
			return
		}
		all, start := unsafe.String(&w.b[0], len(w.b)), 0
		for i, f := range fields {
			*f = template.HTML(all[start:ends[i]])
			start = ends[i]
		}
	}()
	for _, a := range d.Articles {
		writeReportRow(w, a)
	}
	cut(&d.HTML.Reports)
	for _, r := range d.TimelineRows {
		writeTimelineRow(w, r)
	}
	cut(&d.HTML.TimelineRows)
	dos := d.Dossier
	if dos == nil {
		return
	}
	writeAll(w, dos.Coverage.Outlets, writeCoverageRow)
	cut(&d.HTML.CoverageRows)
	for i, a := range dos.Coverage.Agencies {
		if i > 0 {
			w.raw("; ")
		}
		w.text(a.Name)
		w.raw(" (by ")
		w.join(a.Outlets, ", ")
		w.raw(")")
	}
	cut(&d.HTML.Agencies)
	for i, l := range dos.Coverage.Languages {
		if i > 0 {
			w.raw(", ")
		}
		w.text(l.Language)
		w.raw(" (")
		w.int(l.Articles)
		w.raw(")")
	}
	cut(&d.HTML.Languages)
	writeAll(w, dos.Figures, writeFigure)
	cut(&d.HTML.Figures)
	writeAll(w, d.Agreed, writeClaim)
	cut(&d.HTML.Agreed)
	writeAll(w, d.Only, writeClaim)
	cut(&d.HTML.Only)
	writeAll(w, d.Speakers, writeSpeaker)
	cut(&d.HTML.Speakers)
	writeAll(w, d.MoreSpeakers, writeSpeaker)
	cut(&d.HTML.MoreSpeakers)
	writeAll(w, dos.Disputes, writeDispute)
	cut(&d.HTML.Disputes)
	w.terms(dos.Framing.Event)
	cut(&d.HTML.FramingEvent)
	writeAll(w, dos.Framing.Outlets, writeFramingRow)
	cut(&d.HTML.FramingRows)
}

// writeAll writes each element of xs with write.
func writeAll[T any](w *htmlWriter, xs []T, write func(*htmlWriter, *T)) {
	for i := range xs {
		write(w, &xs[i])
	}
}

// writeReportRow is partials.html's "articlerow", which other pages use:
// TestReportRow keeps the two alike.
func writeReportRow(w *htmlWriter, a *parallax.Article) {
	w.raw("<li>\n  ")
	w.articleLink(a.ID, a.Title)
	w.raw("\n  <span class=\"meta\">— ")
	w.outletLink(a.Outlet.Name)
	w.raw(",\n  ")
	w.timeTag(a.Published)
	if a.CopyOf != "" {
		w.raw(` · <span class="tag">copy</span>`)
	}
	w.raw("</span>\n</li>")
}

func writeCoverageRow(w *htmlWriter, o *parallax.OutletCoverage) {
	w.raw(`<tr><th scope="row">`)
	if o.Name == "unknown" { // the dossier's name for articles without an outlet
		w.outletLink("")
	} else {
		w.outletLink(o.Name)
	}
	if o.Notes != "" {
		w.raw(` <span class="tag">`)
		w.text(o.Notes)
		w.raw(`</span>`)
	}
	w.raw(`</th><td>`)
	w.text(o.Country)
	w.raw(`</td><td>`)
	w.int(o.Articles)
	if o.Copies != 0 {
		w.raw(" (")
		w.int(o.Copies)
		w.raw(" copies)")
	}
	w.raw(`</td><td>`)
	w.text(fmtDateTime(o.First))
	w.raw(`</td></tr>`)
}

func writeTimelineRow(w *htmlWriter, r timelineRow) {
	w.raw(`<tr><td>`)
	w.text(r.When)
	w.raw(`</td><td>`)
	w.text(r.Label)
	w.raw(`</td><td>`)
	for i, s := range r.Stated {
		if i > 0 {
			w.raw("; ")
		}
		w.raw("“")
		w.text(s.Text)
		w.raw("”")
		if s.Zone != "" {
			w.raw(" (")
			w.text(s.Zone)
			w.raw(")")
		}
		w.raw(` — <a href="`)
		w.pathURL("/articles/", s.ArticleID)
		w.raw(`">`)
		w.text(s.Outlet)
		w.raw(`</a>`)
	}
	w.raw(`</td><td>`)
	w.join(r.Outlets, ", ")
	w.raw(`</td></tr>`)
}

func writeFigure(w *htmlWriter, f *parallax.FigureComparison) {
	w.raw("\n<div class=\"figure ")
	if f.Status == parallax.FigureConflicting {
		w.raw("conflicting")
	} else {
		w.raw("ok")
	}
	w.raw(`" data-role="`)
	w.attr(f.Role)
	w.raw("\">\n  <h3>")
	w.text(f.Role)
	if f.Unit != "" && f.Unit != f.Role {
		w.raw(` <span class="unit">(`)
		w.text(f.Unit)
		w.raw(`)</span>`)
	}
	w.raw(` <span class="status status-`)
	w.attr(f.Status)
	w.raw(`">`)
	w.text(f.Status)
	w.raw("</span></h3>\n  <div class=\"table-wrap\"><table>\n" +
		"  <thead><tr><th scope=\"col\">Scope</th><th scope=\"col\">Figures, as each outlet gives them</th><th scope=\"col\">Status</th></tr></thead>\n" +
		"  <tbody>")
	for i := range f.Scopes {
		sc := &f.Scopes[i]
		w.raw(`<tr class="scope `)
		if sc.Status == parallax.FigureConflicting {
			w.raw("conflicting")
		}
		w.raw("\">\n    <th scope=\"row\">")
		if sc.Scope != "" {
			w.text(sc.Scope)
		} else {
			w.raw("unspecified")
		}
		if sc.Within != "" {
			w.raw(` <span class="hint">in `)
			w.text(sc.Within)
			w.raw(`</span>`)
		}
		w.raw("</th>\n    <td><ul class=\"figs\">")
		for j := range sc.Figures {
			fg := &sc.Figures[j]
			w.raw(`<li><strong class="fig">`)
			w.text(fmtFigure(*fg))
			w.raw(`</strong> — `)
			w.ev(fg.Evidence)
			if fg.Source != "" {
				w.raw(` <span class="hint">citing `)
				w.text(fg.Source)
				w.raw(`</span>`)
			}
			w.raw(`</li>`)
		}
		w.raw("</ul></td>\n    <td>")
		w.text(sc.Status)
		w.raw("</td>\n  </tr>")
	}
	w.raw("</tbody>\n  </table></div>\n  ")
	if len(f.Conflicts) > 0 {
		w.raw(`<ul class="conflicts" aria-label="Conflicts">`)
		for i := range f.Conflicts {
			c := &f.Conflicts[i]
			w.raw(`<li class="conflict"><mark class="conflict-value">`)
			w.text(fmtFigure(c.A))
			w.raw(`</mark> (`)
			w.ev(c.A.Evidence)
			w.raw(`) vs <mark class="conflict-value">`)
			w.text(fmtFigure(c.B))
			w.raw(`</mark> (`)
			w.ev(c.B.Evidence)
			w.raw(`)`)
			if c.Reason != "" {
				w.raw(": ")
				w.text(c.Reason)
			}
			w.raw(`</li>`)
		}
		w.raw(`</ul>`)
	}
	w.raw("\n</div>\n")
}

func writeClaim(w *htmlWriter, c *parallax.Claim) {
	w.raw(`<li class="claim claim-`)
	w.attr(c.Status)
	w.raw("\">\n  <p>")
	if c.Status == parallax.ClaimOnly {
		w.raw(`<span class="tag">only in `)
		w.join(c.Outlets, ", ")
		w.raw(`</span> `)
	} else {
		w.raw(`<span class="tag agreed">`)
		w.int(len(c.Outlets))
		w.raw(` outlets</span> `)
	}
	w.text(c.Text)
	w.raw("</p>\n  <p class=\"sources\">Sources: ")
	for i, e := range c.Evidence {
		if i > 0 {
			w.raw(", ")
		}
		w.ev(e)
	}
	if len(c.CopiedBy) > 0 {
		w.raw(` · copied by `)
		w.join(c.CopiedBy, ", ")
	}
	w.raw("</p>\n</li>")
}

func writeSpeaker(w *htmlWriter, s *parallax.SpeakerQuotes) {
	w.raw("<div class=\"speaker\">\n  <h3>")
	w.text(s.Speaker)
	if s.Role != "" {
		w.raw(` <span class="hint">`)
		w.text(s.Role)
		w.raw(`</span>`)
	}
	w.raw("</h3>\n  ")
	if len(s.Variants) > 0 {
		w.raw(`<p class="hint">Also written `)
		w.join(s.Variants, ", ")
		w.raw(`.</p>`)
	}
	w.raw("\n  ")
	for i := range s.Statements {
		st := &s.Statements[i]
		w.raw("<div class=\"statement\">\n    <div class=\"side-by-side\">")
		for j := range st.Quotes {
			q := &st.Quotes[j]
			w.raw("<blockquote class=\"quote-item\">\n      <p>")
			if q.Direct {
				w.raw("“")
				w.text(q.Text)
				w.raw("”")
			} else {
				w.text(q.Text)
			}
			w.raw("</p>\n      <footer>")
			w.ev(q.Evidence)
			if q.Medium != "" {
				w.raw(" · on ")
				w.text(q.Medium)
			}
			if q.Verb != "" {
				w.raw(" · ")
				w.text(q.Verb)
			}
			if q.Speaker != "" {
				w.raw(" · as “")
				w.text(q.Speaker)
				w.raw("”")
			}
			w.raw("</footer>\n    </blockquote>")
		}
		w.raw("</div>\n  </div>")
	}
	w.raw("\n</div>")
}

func writeDispute(w *htmlWriter, d *parallax.Dispute) {
	w.raw("<div class=\"dispute\">\n  ")
	if d.Claim != "" {
		w.raw(`<p><strong>`)
		if d.Claimant != "" {
			w.text(d.Claimant)
		} else {
			w.raw("Claim")
		}
		w.raw(`:</strong> `)
		w.text(d.Claim)
		w.raw(" ")
		for _, e := range d.ClaimEvidence {
			w.ev(e)
			w.raw(" ")
		}
		w.raw(`</p>`)
	}
	w.raw("\n  <ul>")
	for i := range d.Objections {
		o := &d.Objections[i]
		w.raw(`<li><strong>`)
		if o.Actor != "" {
			w.text(o.Actor)
		} else {
			w.raw("Objection")
		}
		w.raw(`</strong> <span class="cue">`)
		w.text(o.Cue)
		w.raw(`</span>: `)
		w.text(o.Evidence.Sentence)
		w.raw(` — `)
		w.ev(o.Evidence)
		w.raw(`</li>`)
	}
	w.raw("</ul>\n</div>")
}

func writeFramingRow(w *htmlWriter, o *parallax.OutletFraming) {
	w.raw(`<tr><th scope="row">`)
	w.text(o.Outlet)
	w.raw("</th>\n<td>")
	for i, t := range o.Action {
		if i > 0 {
			w.raw(", ")
		}
		w.text(t.Term)
		w.raw(" (")
		w.int(t.Count)
		w.raw(")")
	}
	w.raw("</td>\n<td>")
	for i, t := range o.Markers {
		if i > 0 {
			w.raw(", ")
		}
		if t.Evidence != nil {
			w.raw(`<a href="`)
			w.evidenceURL(*t.Evidence)
			w.raw(`" title="`)
			w.attr(t.Evidence.Sentence)
			w.raw(`">`)
			w.text(t.Term)
			w.raw(`</a>`)
		} else {
			w.text(t.Term)
		}
	}
	w.raw("</td>\n<td>")
	w.terms(o.Distinctive)
	w.raw(`</td></tr>`)
}
