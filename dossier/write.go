package dossier

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// textWidth is the column WriteText wraps at.
const textWidth = 88

// maxSpeakers and maxStatements bound the quotes the readable formats
// list: speakers quoted by most outlets first, their statements carried by
// most outlets first.
const (
	maxSpeakers   = 12
	maxStatements = 4
)

// maxAgreed bounds the agreed claims the readable formats list.
const maxAgreed = 15

// maxOnlyPerOutlet bounds the single-outlet claims the readable formats
// list per outlet; JSON has them all.
const maxOnlyPerOutlet = 5

// WriteText writes the dossier for a terminal: plain text wrapped at 88
// columns, each section headed in capitals, every item followed by the
// outlets it comes from.
func WriteText(w io.Writer, d *parallax.Dossier) error {
	bw := bufio.NewWriter(w)
	p := &printer{w: bw, md: false}
	p.dossier(d)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write dossier: %w", err)
	}
	return nil
}

// WriteMarkdown writes the dossier as a Markdown report, with each item's
// provenance (article id and byte offsets) so that a reader can find the
// sentence in the article.
func WriteMarkdown(w io.Writer, d *parallax.Dossier) error {
	bw := bufio.NewWriter(w)
	p := &printer{w: bw, md: true}
	p.dossier(d)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write dossier: %w", err)
	}
	return nil
}

type printer struct {
	w  *bufio.Writer
	md bool
}

func (p *printer) line(format string, args ...any) {
	fmt.Fprintf(p.w, format, args...)
	p.w.WriteByte('\n')
}

// item writes a wrapped list item at a nesting level.
func (p *printer) item(level int, s string) {
	if p.md {
		p.line("%s- %s", strings.Repeat("  ", level), s)
		return
	}
	indent := strings.Repeat("  ", level+1)
	p.line("%s%s", indent[:len(indent)-2]+"• ", wrap(s, textWidth-len(indent), indent))
}

func (p *printer) heading(s string) {
	if p.md {
		p.line("\n## %s\n", s)
		return
	}
	p.line("\n%s", strings.ToUpper(s))
}

// quote renders sentence text as a quotation.
func (p *printer) quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if p.md {
		return "“" + strings.ReplaceAll(s, "*", `\*`) + "”"
	}
	return "“" + s + "”"
}

// ref renders provenance: outlet, and in Markdown the article id and byte
// offsets.
func (p *printer) ref(e parallax.Evidence) string {
	if p.md {
		return fmt.Sprintf("%s `%s@%d-%d`", e.Outlet, e.ArticleID, e.Start, e.End)
	}
	return e.Outlet
}

func (p *printer) dossier(d *parallax.Dossier) {
	title := d.Title
	if title == "" {
		title = "(untitled event)"
	}
	if p.md {
		p.line("# %s", title)
		if d.EventID != "" {
			p.line("\nEvent `%s`", d.EventID)
		}
	} else {
		p.line("%s", wrap(title, textWidth, ""))
		if d.EventID != "" {
			p.line("event %s", d.EventID)
		}
	}
	p.coverage(d.Coverage)
	p.claims(d.Claims)
	p.figures(d.Figures)
	p.speakers(d.Speakers)
	p.disputes(d.Disputes)
	p.timeline(d.Timeline)
	p.framing(d.Framing)
	if len(d.Related) > 0 {
		p.heading("Related events")
		for _, r := range d.Related {
			p.item(0, fmt.Sprintf("%s — %s, %d articles (similarity %.2f, %s)", r.Title, span(r.First, r.Last), r.Articles, r.Score, r.EventID))
		}
	}
	if len(d.Recycled) > 0 {
		p.heading("Possibly recycled")
		for _, r := range d.Recycled {
			p.item(0, fmt.Sprintf("%s (%s, published %s): %s", r.Outlet, r.ArticleID, day(r.Published), r.Reason))
		}
	}
}

func day(t time.Time) string {
	if t.IsZero() {
		return "date unknown"
	}
	return t.UTC().Format("2006-01-02")
}

func span(a, b time.Time) string {
	if day(a) == day(b) {
		return day(a)
	}
	return day(a) + " to " + day(b)
}

func (p *printer) coverage(c parallax.Coverage) {
	p.heading("Coverage")
	var langs []string
	for _, l := range c.Languages {
		langs = append(langs, fmt.Sprintf("%s (%d)", l.Language, l.Articles))
	}
	p.item(0, fmt.Sprintf("%d articles from %d outlets, %s; %d independent reports, %d copies; languages: %s",
		len(c.Articles), len(c.Outlets), span(c.First, c.Last), c.Independent, c.Copies, strings.Join(langs, ", ")))
	if len(c.Agencies) > 0 {
		var ag []string
		for _, a := range c.Agencies {
			ag = append(ag, fmt.Sprintf("%s (credited by %s)", a.Name, strings.Join(a.Outlets, ", ")))
		}
		p.item(0, "Wire agencies credited: "+strings.Join(ag, "; "))
	}
	for _, a := range c.Articles {
		s := fmt.Sprintf("%s — %s — %s", day(a.Published), a.Outlet, orDash(a.Title))
		if a.CopyOf != "" {
			s += fmt.Sprintf(" [copy of %s: %s]", a.CopyOf, a.CopyReason)
		}
		if p.md {
			s += fmt.Sprintf(" `%s`", a.ID)
		}
		p.item(1, s)
	}
}

func orDash(s string) string {
	if s == "" {
		return "(no title)"
	}
	return s
}

func (p *printer) claims(cs []parallax.Claim) {
	var agreed []parallax.Claim
	only := map[string][]parallax.Claim{}
	var outlets []string
	for _, c := range cs {
		if c.Status == parallax.ClaimAgreed {
			agreed = append(agreed, c)
			continue
		}
		if len(c.Outlets) == 0 {
			continue
		}
		o := c.Outlets[0]
		if _, ok := only[o]; !ok {
			outlets = append(outlets, o)
		}
		only[o] = append(only[o], c)
	}
	p.heading("Agreed facts")
	if len(agreed) == 0 {
		p.item(0, "No claim is carried by two independent outlets.")
	}
	for i, c := range agreed {
		if i == maxAgreed {
			p.item(0, fmt.Sprintf("(%d more agreed claims in the JSON output)", len(agreed)-maxAgreed))
			break
		}
		s := p.quote(c.Text) + " — " + strings.Join(c.Outlets, ", ")
		if len(c.CopiedBy) > 0 {
			s += " (copied by " + strings.Join(c.CopiedBy, ", ") + ")"
		}
		if c.Verbatim {
			s += " — same wording, likely one wire source"
		}
		p.item(0, s)
		if p.md {
			for _, e := range c.Evidence {
				p.item(1, p.ref(e)+": "+p.quote(e.Sentence))
			}
		}
	}
	if len(outlets) > 0 {
		p.heading("Reported by one outlet only")
		slices.Sort(outlets)
		for _, o := range outlets {
			list := only[o]
			for i, c := range list {
				if i == maxOnlyPerOutlet {
					p.item(0, fmt.Sprintf("(%d more only in %s in the JSON output)", len(list)-maxOnlyPerOutlet, o))
					break
				}
				s := "Only in " + o + ": " + p.quote(c.Text)
				if p.md {
					s += " `" + c.Evidence[0].ArticleID + fmt.Sprintf("@%d-%d`", c.Evidence[0].Start, c.Evidence[0].End)
				}
				p.item(0, s)
			}
		}
	}
}

func (p *printer) figures(fs []parallax.FigureComparison) {
	if !slices.ContainsFunc(fs, func(f parallax.FigureComparison) bool { return f.Status != parallax.FigureSingle }) {
		return
	}
	p.heading("Figures")
	for _, f := range fs {
		if f.Status == parallax.FigureSingle {
			// One outlet's figure compares nothing; JSON keeps it.
			continue
		}
		head := f.Role
		if f.Unit != "" && f.Unit != f.Role && !strings.Contains(strings.ToLower(f.Role), strings.ToLower(f.Unit)) {
			head += " (" + f.Unit + ")"
		}
		p.item(0, head+": "+strings.ToUpper(f.Status))
		for _, sc := range f.Scopes {
			where := sc.Scope
			switch {
			case where == "" && f.Role == roleMagnitude:
				where = "the earthquake"
			case where == "":
				where = "no place given"
			}
			if sc.Within != "" {
				where += ", within " + sc.Within
			}
			var vals []string
			for _, fg := range sc.Figures {
				v := fmt.Sprintf("%s “%s”", fg.Evidence.Outlet, fg.Text)
				if fg.Source != "" {
					v += " per " + fg.Source
				}
				if p.md {
					v += fmt.Sprintf(" `%s@%d-%d`", fg.Evidence.ArticleID, fg.Evidence.Start, fg.Evidence.End)
				}
				vals = append(vals, v)
			}
			p.item(1, fmt.Sprintf("%s — %s: %s", where, sc.Status, strings.Join(vals, "; ")))
		}
		for _, c := range f.Conflicts {
			p.item(1, "Conflict: "+c.Reason)
		}
		for _, c := range f.Agreements {
			p.item(1, "Agreement: "+c.Reason)
		}
	}
}

func (p *printer) speakers(ss []parallax.SpeakerQuotes) {
	if len(ss) == 0 {
		return
	}
	p.heading("Quotes")
	for i, s := range ss {
		if i == maxSpeakers {
			p.item(0, fmt.Sprintf("(%d more speakers in the JSON output)", len(ss)-maxSpeakers))
			break
		}
		name := s.Speaker
		if name == "" {
			name = "Unattributed"
		}
		if s.Role != "" {
			name += ", " + s.Role
		}
		if len(s.Variants) > 1 {
			name += " (written " + strings.Join(s.Variants, " / ") + ")"
		}
		p.item(0, name)
		for j, st := range s.Statements {
			if j == maxStatements {
				p.item(1, fmt.Sprintf("(%d more statements in the JSON output)", len(s.Statements)-maxStatements))
				break
			}
			var parts []string
			for _, q := range st.Quotes {
				where := q.Evidence.Outlet
				if q.Medium != "" {
					where += " (" + q.Medium + ")"
				}
				if p.md {
					where += fmt.Sprintf(" `%s@%d-%d`", q.Evidence.ArticleID, q.Evidence.Start, q.Evidence.End)
				}
				form := p.quote(q.Text)
				if !q.Direct {
					form = "reported: " + form
				}
				parts = append(parts, where+": "+form)
			}
			if len(st.Outlets) > 1 {
				p.item(1, fmt.Sprintf("Same statement in %d outlets — %s", len(st.Outlets), strings.Join(parts, " | ")))
			} else {
				p.item(1, strings.Join(parts, " | "))
			}
		}
	}
}

func (p *printer) disputes(ds []parallax.Dispute) {
	if len(ds) == 0 {
		return
	}
	p.heading("Disputes")
	for _, d := range ds {
		if d.Claim != "" {
			who := d.Claimant
			if who == "" {
				who = "claim"
			}
			p.item(0, fmt.Sprintf("%s (%s): %s", who, p.ref(d.ClaimEvidence[0]), p.quote(d.Claim)))
		} else {
			p.item(0, "Disputed (the claim itself is not quoted in the articles):")
		}
		for _, o := range d.Objections {
			actor := o.Actor
			if actor == "" {
				actor = "an actor"
			}
			p.item(1, fmt.Sprintf("%s — %s (%s): %s", actor, o.Cue, p.ref(o.Evidence), p.quote(o.Evidence.Sentence)))
		}
	}
}

func (p *printer) timeline(hs []parallax.Happening) {
	if len(hs) == 0 {
		return
	}
	p.heading("Timeline")
	for _, h := range hs {
		when := h.Value
		if h.UTCText != "" {
			when = h.UTCText
		}
		var stated []string
		seen := map[string]bool{}
		for _, s := range h.Stated {
			k := s.Text + "|" + s.Outlet
			if seen[k] {
				continue
			}
			seen[k] = true
			stated = append(stated, fmt.Sprintf("“%s” %s", s.Text, s.Outlet))
		}
		s := fmt.Sprintf("%s — %s — %s", when, strings.Join(h.Outlets, ", "), h.Summary)
		if h.UTCText != "" {
			s += " (stated as " + strings.Join(stated, "; ") + ")"
		}
		p.item(0, s)
		if p.md {
			var refs []string
			for _, e := range h.Evidence {
				refs = append(refs, p.ref(e))
			}
			p.item(1, "from "+strings.Join(refs, "; "))
		}
	}
}

func (p *printer) framing(f parallax.Framing) {
	if len(f.Event) == 0 && len(f.Outlets) == 0 {
		return
	}
	p.heading("Framing")
	if len(f.Event) > 0 {
		p.item(0, "Distinctive of this event's coverage: "+terms(f.Event, false))
	}
	for _, o := range f.Outlets {
		var parts []string
		if len(o.Action) > 0 {
			parts = append(parts, "names the action: "+terms(o.Action, false))
		}
		if len(o.Markers) > 0 {
			parts = append(parts, "loaded or hedging words: "+terms(o.Markers, false))
		}
		if len(o.Distinctive) > 0 {
			parts = append(parts, "distinctive against the other outlets: "+terms(o.Distinctive, true))
		}
		if len(parts) == 0 {
			continue
		}
		p.item(0, o.Outlet+" — "+strings.Join(parts, "; "))
	}
}

func terms(ts []parallax.Term, z bool) string {
	var out []string
	for _, t := range ts {
		if z {
			out = append(out, fmt.Sprintf("%s ×%d (z %.1f)", t.Term, t.Count, t.Z))
		} else {
			out = append(out, fmt.Sprintf("%s ×%d", t.Term, t.Count))
		}
	}
	return strings.Join(out, ", ")
}
