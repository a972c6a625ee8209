package web

import (
	"fmt"
	"html"
	"html/template"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// timelinePoint is one dated happening to draw.
type timelinePoint struct {
	At time.Time
	// Precision is "day" when only the date is known, else "time".
	Precision string
	Label     string
	// Detail goes into the tooltip (sources, stated zones).
	Detail string
	// Article marks a publication instead of a reported happening.
	Article bool
}

// Geometry of the timeline chart in SVG user units; the chart scales to
// its container through the viewBox.
const (
	tlWidth    = 960
	tlMargin   = 24
	tlAxisY    = 40
	tlRowH     = 20
	tlMaxRows  = 8
	tlCharW    = 6.6
	tlMaxLabel = 34
)

// timelineSVG draws the points on a time axis as inline SVG, rendered on
// the server so that the chart needs no JavaScript. Labels are laid out in
// rows so that they do not overlap; all text is escaped.
func timelineSVG(points []timelinePoint, title string) template.HTML {
	if len(points) == 0 {
		return ""
	}
	pts := append([]timelinePoint(nil), points...)
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].At.Before(pts[j].At) })
	lo, hi := pts[0].At, pts[len(pts)-1].At
	if span := hi.Sub(lo); span < 24*time.Hour {
		pad := (24*time.Hour - span) / 2
		lo, hi = lo.Add(-pad), hi.Add(pad)
	} else {
		pad := span / 20
		lo, hi = lo.Add(-pad), hi.Add(pad)
	}
	x := func(t time.Time) float64 {
		return tlMargin + float64(t.Sub(lo))/float64(hi.Sub(lo))*(tlWidth-2*tlMargin)
	}

	// Assign label rows greedily, left to right.
	type placed struct {
		p    timelinePoint
		x    float64
		row  int
		text string
	}
	rowEnd := make([]float64, tlMaxRows)
	for i := range rowEnd {
		rowEnd[i] = -1e9
	}
	var ps []placed
	rows := 1
	for _, p := range pts {
		px := x(p.At)
		label := truncateRunes(p.Label, tlMaxLabel)
		w := float64(utf8.RuneCountInString(label)) * tlCharW
		lx := px
		if lx+w > tlWidth-4 {
			lx = tlWidth - 4 - w
		}
		row := -1
		for r := range rowEnd {
			if rowEnd[r] < lx-6 {
				row = r
				break
			}
		}
		if row < 0 {
			row = tlMaxRows - 1
			label = "" // too crowded: keep the dot and tooltip, drop the label
		} else {
			rowEnd[row] = lx + w
		}
		if row+1 > rows {
			rows = row + 1
		}
		ps = append(ps, placed{p, px, row, label})
	}
	height := tlAxisY + 16 + rows*tlRowH + 8

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline-chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		tlWidth, height, html.EscapeString(title))
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, tlMargin, tlAxisY, tlWidth-tlMargin, tlAxisY)
	for _, tk := range ticks(lo, hi) {
		tx := x(tk.at)
		anchor := "middle"
		if tx < tlMargin+40 {
			anchor = "start"
		} else if tx > tlWidth-tlMargin-40 {
			anchor = "end"
		}
		fmt.Fprintf(&b, `<line class="tick" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/><text class="tick-label" x="%.1f" y="%d" text-anchor="%s">%s</text>`,
			tx, tlAxisY-4, tx, tlAxisY+4, tx, tlAxisY-10, anchor, html.EscapeString(tk.label))
	}
	for _, p := range ps {
		class := "happening"
		if p.p.Article {
			class = "published"
		}
		ly := tlAxisY + 16 + p.row*tlRowH + 10
		tip := p.p.At.UTC().Format("2 Jan 2006 15:04 UTC")
		if p.p.Precision == "day" {
			tip = p.p.At.UTC().Format("2 Jan 2006")
		}
		tip += " — " + p.p.Label
		if p.p.Detail != "" {
			tip += " (" + p.p.Detail + ")"
		}
		fmt.Fprintf(&b, `<g class="point %s"><title>%s</title>`, class, html.EscapeString(tip))
		if p.text != "" {
			fmt.Fprintf(&b, `<line class="leader" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/>`, p.x, tlAxisY, p.x, ly-10)
		}
		shape := `<circle cx="%.1f" cy="%d" r="5"/>`
		if p.p.Article {
			shape = `<rect x="%.1f" y="%d" width="7" height="7"/>`
			fmt.Fprintf(&b, shape, p.x-3.5, tlAxisY-3)
		} else {
			fmt.Fprintf(&b, shape, p.x, tlAxisY)
		}
		if p.text != "" {
			lx := p.x
			w := float64(utf8.RuneCountInString(p.text)) * tlCharW
			if lx+w > tlWidth-4 {
				lx = tlWidth - 4 - w
			}
			fmt.Fprintf(&b, `<text class="point-label" x="%.1f" y="%d">%s</text>`, lx, ly, html.EscapeString(p.text))
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

type tick struct {
	at    time.Time
	label string
}

// ticks picks calendar-aligned ticks for the span: hours, days, months
// or years, at most about ten.
func ticks(lo, hi time.Time) []tick {
	lo, hi = lo.UTC(), hi.UTC()
	span := hi.Sub(lo)
	var out []tick
	add := func(t time.Time, layout string) {
		if !t.Before(lo) && !t.After(hi) {
			out = append(out, tick{t, t.Format(layout)})
		}
	}
	switch {
	case span > 3*365*24*time.Hour:
		step := int(span.Hours()/(24*365)/8) + 1
		for y := lo.Year(); y <= hi.Year(); y += step {
			add(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), "2006")
		}
	case span > 90*24*time.Hour:
		step := int(span.Hours()/(24*30)/8) + 1
		for t := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(hi); t = t.AddDate(0, step, 0) {
			add(t, "Jan 2006")
		}
	case span > 2*24*time.Hour:
		step := int(span.Hours()/24/8) + 1
		for t := time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC); !t.After(hi); t = t.AddDate(0, 0, step) {
			add(t, "2 Jan")
		}
	default:
		step := int(span.Hours()/8) + 1
		for t := lo.Truncate(time.Hour); !t.After(hi); t = t.Add(time.Duration(step) * time.Hour) {
			add(t, "2 Jan 15:04")
		}
	}
	return out
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
