package dossier

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// dated is one dated mention with its happening's features.
type dated struct {
	art     int
	s       *sentState
	t       parallax.Timex
	day     string     // YYYY-MM-DD
	instant *time.Time // UTC, when a time with a zone is stated
	summary string
	stems   map[string]bool
	// extra are other expressions of the same instant in the sentence
	// ("4 pm EST [21:00 GMT]").
	extra []parallax.Timex
}

// dayValue matches TIMEX3 values precise to the day (or finer).
var dayValue = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?`)

// timelineMerge is the content overlap (Dice) two dated mentions of the
// same day need to be one happening. Mentions of the same stated instant
// merge on the instant alone: a meeting at 21:00 UTC on a given day is one
// happening whoever reports it.
const timelineMerge = 0.2

// timeline gathers the dated happenings the articles mention, merges them
// across outlets and orders them. Only expressions precise to the day
// count (a year or a week says too little to order happenings), and
// datelines (sentences with hardly any words besides the date) are
// skipped.
func (b *Builder) timeline() []parallax.Happening {
	var ds []*dated
	for ai, st := range b.arts {
		a := st.a
		if a.Extraction == nil {
			continue
		}
		// Times first, so that a date in a sentence that also states a time
		// of that day is folded into the time.
		times := slices.Clone(a.Extraction.Times)
		slices.SortStableFunc(times, func(x, y parallax.Timex) int {
			return cmp.Compare(len(y.Value), len(x.Value))
		})
		perSentence := map[*sentState][]*dated{}
		// The days the article's sentences state, so that a clock time
		// without a day ("at 1023 GMT") is kept only where the sentence
		// gives its day: resolved against the publication date alone it
		// is as often the day before.
		days := map[*sentState]map[string]bool{}
		for _, t := range times {
			if t.Type != "DATE" || t.Start < 0 || t.End > len(a.Text) {
				continue
			}
			if m := dayValue.FindStringSubmatch(t.Value); m != nil {
				if s := b.sentenceOf(ai, t.Start); s != nil {
					if days[s] == nil {
						days[s] = map[string]bool{}
					}
					days[s][m[1]] = true
				}
			}
		}
		for _, t := range times {
			if t.Type != "DATE" && t.Type != "TIME" || t.Start < 0 || t.End > len(a.Text) {
				continue
			}
			m := dayValue.FindStringSubmatch(t.Value)
			if m == nil {
				continue
			}
			s := b.sentenceOf(ai, t.Start)
			if s == nil || s.content < 4 || postSignature.MatchString(a.Text[max(0, t.Start-60):t.Start]) {
				continue
			}
			if t.Type == "TIME" && !days[s][m[1]] && !statesDay.MatchString(t.Text) {
				continue
			}
			d := &dated{art: ai, s: s, t: t, day: m[1]}
			if t.UTC != nil {
				u := t.UTC.UTC()
				d.instant = &u
				d.day = u.Format("2006-01-02")
			}
			folded := false
			for _, o := range perSentence[s] {
				if o.instant != nil && (d.instant != nil && o.instant.Equal(*d.instant) || d.instant == nil && strings.HasPrefix(o.t.Value, m[1])) {
					if d.instant != nil {
						o.extra = append(o.extra, t)
					}
					folded = true
					break
				}
				if o.instant == nil && d.instant == nil && o.day == d.day {
					folded = true
					break
				}
			}
			if folded {
				continue
			}
			d.summary = clauseAround(a.Text, s.span, t.Start, t.End)
			d.stems = map[string]bool{}
			for _, w := range words(d.summary, 0, len(d.summary), a.Language) {
				if !isStop(w.lower) && !isDateWord(w.lower) {
					d.stems[happeningConcept(w.stem)] = true
				}
			}
			perSentence[s] = append(perSentence[s], d)
			ds = append(ds, d)
		}
	}
	// Merge: same instant, or same day and shared content.
	var groups [][]*dated
	for _, d := range ds {
		placed := false
		for gi, g := range groups {
			for _, o := range g {
				if o.art == d.art && o.s == d.s {
					continue
				}
				same := d.instant != nil && o.instant != nil && d.instant.Equal(*o.instant)
				if !same && d.day == o.day && (d.instant == nil || o.instant == nil) {
					// A day and a time of that day (or two days) are one
					// happening when they say the same.
					same = dice(d.stems, o.stems) >= timelineMerge
				}
				if same {
					groups[gi] = append(groups[gi], d)
					placed = true
					break
				}
			}
			if placed {
				break
			}
		}
		if !placed {
			groups = append(groups, []*dated{d})
		}
	}
	var out []parallax.Happening
	for _, g := range groups {
		slices.SortStableFunc(g, func(x, y *dated) int { return cmp.Compare(b.rank(x.art), b.rank(y.art)) })
		h := parallax.Happening{Value: g[0].t.Value}
		for _, d := range g {
			if d.instant != nil && h.UTC == nil {
				u := *d.instant
				h.UTC = &u
				h.UTCText = isoUTC(u)
				h.Value = d.t.Value
			}
		}
		if h.UTC == nil {
			h.Value = g[0].day
		}
		h.Summary = g[0].summary
		for _, d := range g {
			o := b.arts[d.art].outlet
			if !slices.Contains(h.Outlets, o) {
				h.Outlets = append(h.Outlets, o)
			}
			id := b.arts[d.art].a.ID
			for _, t := range append([]parallax.Timex{d.t}, d.extra...) {
				st := parallax.StatedTime{Text: t.Text, Zone: t.Zone, Outlet: o, ArticleID: id}
				if !slices.Contains(h.Stated, st) {
					h.Stated = append(h.Stated, st)
				}
			}
			mention := parallax.Span{Start: d.t.Start, End: d.t.End}
			h.Evidence = append(h.Evidence, b.evidence(d.s, &mention))
		}
		out = append(out, h)
	}
	slices.SortStableFunc(out, func(x, y parallax.Happening) int {
		return cmp.Compare(happeningKey(x), happeningKey(y))
	})
	return out
}

// happeningKey orders happenings: by day, a whole day before the times
// within it, then by instant.
func happeningKey(h parallax.Happening) string {
	if h.UTC != nil {
		return h.UTC.Format("2006-01-02") + "T" + h.UTC.Format("15:04")
	}
	return h.Value[:min(len(h.Value), 10)] + "T"
}

// isoUTC renders an instant as ISO 8601 in UTC to the minute
// (2024-02-05T21:00Z), to the second when it has seconds.
func isoUTC(t time.Time) string {
	t = t.UTC()
	if t.Second() != 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04Z")
}

// isDateWord reports words that name dates, which say nothing about what
// happened.
func isDateWord(w string) bool {
	switch w {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
		"december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
		"day", "earlier", "later", "week", "month", "year", "time":
		return true
	}
	return hasDigit(w)
}

// clauseAround returns the clause of a sentence that holds the time
// expression at [start, end): the comma-separated part around it, widened
// toward the preceding part while it has too few words to say what
// happened ("which occurred on January 28" → "the attack on its military
// base in Jordan, which occurred on January 28").
func clauseAround(text string, sp parallax.Span, start, end int) string {
	sent := sp.Of(text)
	type part struct{ s, e int }
	var parts []part
	p := 0
	for i := 0; i < len(sent); i++ {
		if (sent[i] == ',' || sent[i] == ';') && i+1 < len(sent) && sent[i+1] == ' ' {
			// Keep thousands separators and "Jan. 5, 2024" together.
			if i > 0 && i+2 < len(sent) && isDigitByte(sent[i-1]) && isDigitByte(sent[i+2]) {
				continue
			}
			parts = append(parts, part{p, i})
			p = i + 2
		}
	}
	parts = append(parts, part{p, len(sent)})
	rs, re := start-sp.Start, end-sp.Start
	k := 0
	for i, pt := range parts {
		if rs >= pt.s && rs < pt.e+1 {
			k = i
			break
		}
	}
	lo, hi := k, k
	for re > parts[hi].e && hi+1 < len(parts) {
		hi++
	}
	count := func() int {
		n := 0
		for _, w := range strings.Fields(sent[parts[lo].s:parts[hi].e]) {
			lw := strings.ToLower(strings.Trim(w, ".,;:\"“”'’()"))
			if !isStop(lw) && !isDateWord(lw) {
				n++
			}
		}
		return n
	}
	for count() < 4 && (lo > 0 || hi+1 < len(parts)) {
		if lo > 0 {
			lo--
		} else {
			hi++
		}
	}
	out := strings.TrimSpace(sent[parts[lo].s:parts[hi].e])
	return strings.TrimRight(out, ".")
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// statesDay matches a time expression that names its day itself ("4 pm
// on February 5", "Monday 16:00").
var statesDay = regexp.MustCompile(`(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}`)

// postSignature matches the signature of an embedded post before its date
// ("— Quds News Network (@QudsNen) February 2, 2024"): the date a post
// was published, not a happening.
var postSignature = regexp.MustCompile(`\(@\w+\)\s*$`)

// happeningConcept folds words that name the same kind of happening.
func happeningConcept(st string) string {
	switch st {
	case "session", "meet", "sit":
		return "meet"
	}
	return conceptStem(st)
}
