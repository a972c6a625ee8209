package cluster

import (
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// Precisions of a date span, from finest.
const (
	precDay   = 'd'
	precMonth = 'm'
	precYear  = 'y'
)

// dateSpan is a reported date as a closed range of days since 1970-01-01.
type dateSpan struct {
	Lo   int32 `json:"lo"`
	Hi   int32 `json:"hi"`
	Prec byte  `json:"prec"`
}

// String formats the span as a TIMEX3-like value.
func (d dateSpan) String() string {
	t := time.Unix(int64(d.Lo)*86400, 0).UTC()
	switch d.Prec {
	case precYear:
		return t.Format("2006")
	case precMonth:
		return t.Format("2006-01")
	}
	return t.Format("2006-01-02")
}

// gap returns the days between two spans, 0 when they overlap.
func (d dateSpan) gap(e dateSpan) int32 {
	switch {
	case e.Lo > d.Hi:
		return e.Lo - d.Hi
	case d.Lo > e.Hi:
		return d.Lo - e.Hi
	}
	return 0
}

const maxDates = 32

func dayOf(t time.Time) int32 {
	return int32(t.UTC().Unix() / 86400)
}

func daySpan(y, m, d int) (dateSpan, bool) {
	if y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return dateSpan{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return dateSpan{}, false
	}
	n := dayOf(t)
	return dateSpan{n, n, precDay}, true
}

func monthSpan(y, m int) dateSpan {
	lo := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	hi := lo.AddDate(0, 1, -1)
	return dateSpan{dayOf(lo), dayOf(hi), precMonth}
}

func yearSpan(y int) dateSpan {
	lo := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	return dateSpan{dayOf(lo), dayOf(hi), precYear}
}

// when is what an article says about the time of its happenings.
type when struct {
	// spans are the dates it names, resolved to days, months or years.
	spans []dateSpan
	// anchor is its best guess of when the reported happening took
	// place: the publication date, else a dateline, else the latest date
	// named, at the finest precision named.
	anchor    dateSpan
	hasAnchor bool
	// recurring are month-days named without a year that could not be
	// resolved ("December 17"), as days of a leap year.
	recurring []int16
}

// dates returns the dates of the happenings the article reports: the
// extractor's time expressions when there are any, else those of a small
// scanner. clock resolves yearless dates of an undated article.
func (c *Clusterer) dates(a *parallax.Article, clock time.Time) when {
	var w when
	var dateline dateSpan
	hasDateline := false
	if a.Extraction != nil && len(a.Extraction.Times) > 0 {
		ref := a.Published
		if ref.IsZero() {
			ref = clock
		}
		for _, t := range a.Extraction.Times {
			if t.Type != "DATE" && t.Type != "TIME" {
				continue
			}
			if d, ok := parseTimexValue(t.Value); ok {
				w.spans = append(w.spans, d)
				continue
			}
			// XXXX-02-07: a month-day whose year the extractor left open.
			v := t.Value
			if len(v) >= 10 && v[:5] == "XXXX-" && v[7] == '-' {
				m, err1 := strconv.Atoi(v[5:7])
				d, err2 := strconv.Atoi(v[8:10])
				if err1 != nil || err2 != nil {
					continue
				}
				if ref.IsZero() {
					if sp, ok := daySpan(2000, m, d); ok {
						w.recurring = append(w.recurring, dayOfYear(sp.Lo))
					}
					continue
				}
				y := ref.Year()
				if m > int(ref.Month())+1 {
					y--
				}
				if sp, ok := daySpan(y, m, d); ok {
					w.spans = append(w.spans, sp)
				}
			}
		}
	} else {
		w.spans, w.recurring, dateline, hasDateline = scanDates(c.words, a.Published, clock, true)
	}
	w.spans = dedupeDates(w.spans)
	urlDay, hasURLDay := urlDate(a.URL)
	switch {
	case !a.Published.IsZero():
		n := dayOf(a.Published)
		w.anchor, w.hasAnchor = dateSpan{n, n, precDay}, true
	case hasURLDay && (urlDay.Prec == precDay || !hasDateline):
		// The publisher's own filing date, when the feed gave none.
		w.anchor, w.hasAnchor = urlDay, true
	case hasDateline:
		w.anchor, w.hasAnchor = dateline, true
	default:
		// The latest date named: reports look back from their present,
		// so earlier dates are mostly background.
		for _, d := range w.spans {
			if !w.hasAnchor || d.Hi > w.anchor.Hi || (d.Hi == w.anchor.Hi && precLevel(d.Prec) < precLevel(w.anchor.Prec)) {
				w.anchor, w.hasAnchor = d, true
			}
		}
	}
	if len(w.spans) == 0 && w.hasAnchor {
		w.spans = append(w.spans, w.anchor)
	}
	return w
}

func dedupeDates(ds []dateSpan) []dateSpan {
	out := ds[:0]
	for _, d := range ds {
		dup := false
		for _, e := range out {
			if e == d {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, d)
		}
		if len(out) == maxDates {
			break
		}
	}
	return out
}

// parseTimexValue reads the date part of a TIMEX3 value: 2024-02-05,
// 2024-02, 2024, 2024-W05.
func parseTimexValue(v string) (dateSpan, bool) {
	if len(v) < 4 {
		return dateSpan{}, false
	}
	y, err := strconv.Atoi(v[:4])
	if err != nil || y < 1000 {
		return dateSpan{}, false
	}
	rest := v[4:]
	if rest == "" {
		return yearSpan(y), true
	}
	if len(rest) >= 3 && rest[0] == '-' && rest[1] == 'W' {
		w, err := strconv.Atoi(strings.TrimLeft(rest[2:min(len(rest), 4)], "0"))
		if err != nil || w < 1 || w > 53 {
			return dateSpan{}, false
		}
		// ISO week w starts on the Monday of the week with Jan 4th.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		return dateSpan{dayOf(monday), dayOf(monday) + 6, precDay}, true
	}
	if len(rest) < 3 || rest[0] != '-' {
		return dateSpan{}, false
	}
	m, err := strconv.Atoi(rest[1:3])
	if err != nil || m < 1 || m > 12 {
		return dateSpan{}, false
	}
	if len(rest) < 6 || rest[3] != '-' {
		return monthSpan(y, m), true
	}
	d, err := strconv.Atoi(rest[4:6])
	if err != nil {
		return monthSpan(y, m), true
	}
	return daySpan(y, m, d)
}

var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// rawDate is a date found by the scanner before its year is known.
type rawDate struct {
	y, m, d int // y or d 0 when not given
	weekday int // 1+Weekday for weekday names, 0 otherwise
	rel     int // days back from the reference for "today"/"yesterday", -1 otherwise
	lead    bool
}

func smallInt(w word, lo, hi int) (int, bool) {
	v := w.lower
	if !w.number {
		// Ordinals: 1st, 2nd, 3rd, 18th.
		if len(v) < 3 || len(v) > 4 {
			return 0, false
		}
		switch v[len(v)-2:] {
		case "st", "nd", "rd", "th":
			v = v[:len(v)-2]
		default:
			return 0, false
		}
		if hi > 31 {
			return 0, false
		}
	}
	if len(v) > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, false
	}
	return n, true
}

// scanDates finds "February 5, 2024", "5 February 2024", "Feb. 5",
// "February 2024", ISO dates, weekday names and years in ws. Dates without
// a year take the publication year, else that of the first complete date
// (a dateline); weekday names resolve against the publication date or
// that first complete date, going back at most six days.
func scanDates(ws []word, published, clock time.Time, weekdaysFromClock bool) (spans []dateSpan, recurring []int16, dateline dateSpan, hasDateline bool) {
	var raws []rawDate
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		lead := i < 60
		if m := months[w.lower]; m != 0 && (w.capital || len(w.lower) > 3) {
			// "May" as a verb is common: require a day or year next.
			if i+1 < len(ws) {
				if d, ok := smallInt(ws[i+1], 1, 31); ok {
					r := rawDate{m: m, d: d, rel: -1, lead: lead}
					if i+2 < len(ws) {
						if y, ok := smallInt(ws[i+2], 1800, 2100); ok && len(ws[i+2].lower) == 4 {
							r.y = y
							i++
						}
					}
					raws = append(raws, r)
					i++
					continue
				}
				if y, ok := smallInt(ws[i+1], 1800, 2100); ok && len(ws[i+1].lower) == 4 {
					raws = append(raws, rawDate{y: y, m: m, rel: -1, lead: lead})
					i++
					continue
				}
			}
			continue
		}
		if wd, ok := weekdays[w.lower]; ok && w.capital {
			raws = append(raws, rawDate{weekday: int(wd) + 1, rel: -1, lead: lead})
			continue
		}
		switch w.lower {
		case "today", "tonight":
			raws = append(raws, rawDate{rel: 0, lead: lead})
			continue
		case "yesterday":
			raws = append(raws, rawDate{rel: 1, lead: lead})
			continue
		}
		if _, ok := smallInt(w, 1, 31); !w.number && !ok {
			continue
		}
		// 5 February 2024
		if d, ok := smallInt(w, 1, 31); ok && i+1 < len(ws) {
			if m := months[ws[i+1].lower]; m != 0 && ws[i+1].capital {
				r := rawDate{m: m, d: d, rel: -1, lead: lead}
				i++
				if i+1 < len(ws) {
					if y, ok := smallInt(ws[i+1], 1800, 2100); ok && len(ws[i+1].lower) == 4 {
						r.y = y
						i++
					}
				}
				raws = append(raws, r)
				continue
			}
		}
		// 2024-02-05 (the tokenizer split it at the hyphens).
		if y, ok := smallInt(w, 1800, 2100); ok && len(w.lower) == 4 {
			if i+2 < len(ws) {
				m, okm := smallInt(ws[i+1], 1, 12)
				d, okd := smallInt(ws[i+2], 1, 31)
				if okm && okd && ws[i+1].start == w.start+5 && ws[i+2].start == w.start+8 {
					raws = append(raws, rawDate{y: y, m: m, d: d, rel: -1, lead: lead})
					i += 2
					continue
				}
			}
			raws = append(raws, rawDate{y: y, rel: -1, lead: lead})
		}
	}
	if len(raws) == 0 {
		return nil, nil, dateSpan{}, false
	}
	// A dateline: the first complete date near the top.
	for _, r := range raws {
		if r.y != 0 && r.m != 0 && r.d != 0 && r.lead {
			dateline, hasDateline = daySpan(r.y, r.m, r.d)
			break
		}
	}
	// The reference: the publication date, else the dateline, else the
	// first complete date anywhere, else the stream's clock.
	var ref time.Time
	clockRef := false
	switch {
	case !published.IsZero():
		ref = published.UTC()
	case hasDateline:
		ref = time.Unix(int64(dateline.Lo)*86400, 0).UTC()
	default:
		for _, r := range raws {
			if r.y != 0 && r.m != 0 && r.d != 0 {
				ref = time.Date(r.y, time.Month(r.m), r.d, 0, 0, 0, 0, time.UTC)
				break
			}
		}
		if ref.IsZero() {
			ref = clock
			clockRef = true
		}
	}
	var out []dateSpan
	for _, r := range raws {
		switch {
		case r.weekday != 0:
			if ref.IsZero() || clockRef && !weekdaysFromClock {
				continue
			}
			back := (int(ref.Weekday()) - (r.weekday - 1) + 7) % 7
			n := dayOf(ref) - int32(back)
			out = append(out, dateSpan{n, n, precDay})
		case r.rel >= 0:
			if ref.IsZero() || clockRef && !weekdaysFromClock {
				continue
			}
			n := dayOf(ref) - int32(r.rel)
			out = append(out, dateSpan{n, n, precDay})
		case r.m != 0 && r.d != 0:
			y := r.y
			if y == 0 {
				if ref.IsZero() {
					if d, ok := daySpan(2000, r.m, r.d); ok {
						recurring = append(recurring, int16(d.Lo-dayOf(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))))
					}
					continue
				}
				y = ref.Year()
				// A month well after the reference is last year's.
				if r.m > int(ref.Month())+1 {
					y--
				}
			}
			if d, ok := daySpan(y, r.m, r.d); ok {
				out = append(out, d)
			}
		case r.m != 0 && r.y != 0:
			out = append(out, monthSpan(r.y, r.m))
		case r.y != 0:
			out = append(out, yearSpan(r.y))
		}
	}
	return out, recurring, dateline, hasDateline
}
