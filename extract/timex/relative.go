package timex

import (
	"strconv"
	"time"
)

// ref returns the day that "the day before" and "that day" count from at
// token i: the last full date of the same paragraph, else the
// publication date.
func (s *scanner) ref(i int) (time.Time, bool) {
	if s.hasLast && s.lastPara == s.t(i).para {
		return s.lastDay, true
	}
	if s.hasLead {
		return s.leadDay, true
	}
	return s.dct, s.anchored
}

// refFor returns the time that "the previous year" or "the year
// before" at token i counts from: the latest date of the same paragraph
// precise to unit u at least, else the publication date.
func (s *scanner) refFor(i, u int) (time.Time, bool) {
	para := s.t(i).para
	for k := len(s.cands) - 1; k >= 0 && k >= len(s.cands)-10; k-- {
		c := s.cands[k]
		if s.toks[c.i].para != para {
			break
		}
		if c.typ != Date && c.typ != Time {
			continue
		}
		if c.hasDay {
			return c.day, true
		}
		v := c.value
		if len(v) < 4 || !isDigits(v[:4]) || len(v) > 4 && v[4] != '-' {
			continue
		}
		y, _ := strconv.Atoi(v[:4])
		switch {
		case u == uYear:
			return day(y, 6, 15), true
		case len(v) == 7 && isDigits(v[5:]) && u >= uMonth:
			m, _ := strconv.Atoi(v[5:])
			return day(y, time.Month(m), 15), true
		}
	}
	return s.dct, s.anchored
}

// shift returns the value of the unit containing base moved by delta
// units ("last week": uWeek, -1).
func shift(base time.Time, unit, delta int, weekend bool) (string, time.Time, bool) {
	switch unit {
	case uDay:
		d := base.AddDate(0, 0, delta)
		return ymd(d), d, true
	case uWeek:
		v := isoWeek(base.AddDate(0, 0, 7*delta))
		if weekend {
			v += "-WE"
		}
		return v, time.Time{}, false
	case uMonth:
		y, m, _ := base.Date()
		return ym(time.Date(y, m+time.Month(delta), 1, 0, 0, 0, 0, time.UTC)), time.Time{}, false
	case uQuarter:
		y, m, _ := base.Date()
		q := (int(m)-1)/3 + delta
		y += q / 4
		q %= 4
		if q < 0 {
			q += 4
			y--
		}
		return four(y) + "-Q" + strconv.Itoa(q+1), time.Time{}, false
	case uYear:
		return four(base.Year() + delta), time.Time{}, false
	case uDecade:
		return strconv.Itoa(base.Year()/10 + delta), time.Time{}, false
	case uCentury:
		return strconv.Itoa(base.Year()/100 + delta), time.Time{}, false
	}
	return "", time.Time{}, false
}

// unknownOf is the value of a relative unit when there is no anchor.
func unknownOf(unit int, weekend bool) string {
	switch unit {
	case uDay:
		return "XXXX-XX-XX"
	case uWeek:
		if weekend {
			return "XXXX-WXX-WE"
		}
		return "XXXX-WXX"
	case uMonth:
		return "XXXX-XX"
	case uQuarter:
		return "XXXX-QX"
	case uYear:
		return "XXXX"
	case uDecade:
		return "XXX"
	case uCentury:
		return "XX"
	}
	return "XXXX-XX-XX"
}

// relUnit builds a candidate for a unit relative to base.
func (s *scanner) relUnit(i, j, unit, delta int, weekend bool, base time.Time, ok bool) cand {
	if !ok {
		return cand{i: i, j: j, typ: Date, value: unknownOf(unit, weekend)}
	}
	v, d, hasDay := shift(base, unit, delta, weekend)
	return cand{i: i, j: j, typ: Date, value: v, day: d, hasDay: hasDay}
}

// dayWithPod turns a day candidate into a TIME when a part of day
// follows ("yesterday morning").
func (s *scanner) dayWithPod(c cand) cand {
	if pod := partOfDay(s.w(c.j)); pod != "" {
		c.j++
		c.typ = Time
		c.value += "T" + pod
	}
	return c
}

// relative reads expressions anchored on the publication date or on the
// story's last date: "today", "last week", "the day before", "now".
func (s *scanner) relative(i int) (cand, bool) {
	w := s.w(i)
	switch w {
	case "today":
		if s.t(i).upper && s.t(i-1).sent == s.t(i).sent {
			// "USA Today", "NBC's Today show": a title, not the day.
			switch s.w(i + 1) {
			case "show", "program", "programme", "newspaper", "host", "anchor", "co":
				return cand{}, false
			}
			if p := s.t(i - 1); p.kind == kWord && p.upper && p.low == "usa" {
				return cand{}, false
			}
		}
		return s.dayWithPod(s.relUnit(i, i+1, uDay, 0, false, s.dct, s.anchored)), true
	case "tonight":
		c := s.relUnit(i, i+1, uDay, 0, false, s.dct, s.anchored)
		c.typ, c.value = Time, c.value+"TNI"
		return c, true
	case "yesterday":
		return s.dayWithPod(s.relUnit(i, i+1, uDay, -1, false, s.dct, s.anchored)), true
	case "tomorrow":
		return s.dayWithPod(s.relUnit(i, i+1, uDay, +1, false, s.dct, s.anchored)), true
	case "now", "currently", "presently", "nowadays":
		if w == "now" && (s.w(i+1) == "that" || s.w(i+1) == "-" && s.adj(i+1)) {
			return cand{}, false
		}
		return cand{i: i, j: i + 1, typ: Date, value: "PRESENT_REF"}, true
	case "right":
		if s.w(i+1) == "now" {
			return cand{i: i, j: i + 2, typ: Date, value: "PRESENT_REF"}, true
		}
	case "these", "those":
		// "These days, ...": the present; "in those days": the past.
		if s.w(i+1) == "days" && s.w(i+2) != "of" {
			if w == "these" {
				return cand{i: i, j: i + 2, typ: Date, value: "PRESENT_REF"}, true
			}
			return cand{i: i, j: i + 2, typ: Date, value: "PAST_REF"}, true
		}
	case "recently", "lately":
		return cand{i: i, j: i + 1, typ: Date, value: "PAST_REF"}, true
	case "present":
		if s.w(i-1) == "at" {
			return cand{i: i, j: i + 1, typ: Date, value: "PRESENT_REF"}, true
		}
	case "recent":
		// "in recent years", "recent weeks": TempEval marks them as an
		// unspecified time in the past, not as a measured period.
		if u, plural := unitOf(s.w(i + 1)); u >= uDay && plural {
			return cand{i: i, j: i + 2, typ: Date, value: "PAST_REF"}, true
		}
	case "that":
		switch s.w(i + 1) {
		case "day":
			base, ok := s.ref(i)
			return s.relUnit(i, i+2, uDay, 0, false, base, ok), true
		case "morning", "afternoon", "evening", "night":
			base, ok := s.ref(i)
			c := s.relUnit(i, i+1, uDay, 0, false, base, ok)
			return s.dayWithPod(c), true
		}
	case "this", "last", "next", "past", "previous", "coming", "current", "following":
		if w == "this" && s.w(i+1) == "past" {
			// "this past week", "this past weekend": the last one.
			if c, ok := s.relativeUnit(i, i+1, "last"); ok && c.typ != Duration {
				return c, true
			}
		}
		return s.relativeUnit(i, i, w)
	case "the":
		return s.relativeThe(i)
	case "fiscal", "fy":
		k := i + 1
		if w == "fiscal" && s.w(k) == "year" {
			k++
		}
		if y, ok := s.yearNum(k); ok && (w == "fiscal" || s.t(i).upper) {
			return cand{i: i, j: k + 1, typ: Date, value: "FY" + four(y)}, true
		}
	case "year":
		// "by year-end", "at year end": the end of the publication year.
		if s.w(i+1) == "-" && s.w(i+2) == "end" && s.adj(i+1) && s.adj(i+2) || s.w(i+1) == "end" {
			j := i + 2
			if s.w(i+1) == "-" {
				j = i + 3
			}
			c := s.relUnit(i, j, uYear, 0, false, s.dct, s.anchored)
			c.mod = "END"
			return c, true
		}
	case "valentine", "halloween", "independence", "boxing", "thanksgiving", "labor", "labour", "memorial":
		return s.namedDay(i)
	case "christmas", "xmas":
		if !s.t(i).upper || describes(s.t(i+1), s.t(i).sent) {
			return cand{}, false // "an office Christmas party": a kind of party
		}
		j, d := i+1, 25
		if s.w(j) == "eve" {
			j, d = j+1, 24
		} else if s.w(j) == "day" {
			j++
		}
		return s.holiday(i, j, time.December, d), true
	case "new":
		if s.t(i).upper && s.w(i+1) == "year" && s.w(i+2) == "'" && s.w(i+3) == "s" {
			switch s.w(i + 4) {
			case "day":
				return s.holiday(i, i+5, time.January, 1), true
			case "eve":
				return s.holiday(i, i+5, time.December, 31), true
			}
		}
	}
	return cand{}, false
}

// namedDay reads holidays of fixed date ("Valentine's Day",
// "Halloween") and of fixed weekday ("Thanksgiving": the fourth Thursday
// of November).
func (s *scanner) namedDay(i int) (cand, bool) {
	if !s.t(i).upper {
		return cand{}, false
	}
	w := s.w(i)
	j := i + 1
	if w == "valentine" {
		if s.w(j) != "'" || s.w(j+1) != "s" {
			return cand{}, false
		}
		j += 2
	}
	if s.w(j) == "day" && s.t(j).upper {
		j++
	} else if w != "halloween" && w != "thanksgiving" {
		return cand{}, false
	}
	switch w {
	case "valentine":
		return s.holiday(i, j, time.February, 14), true
	case "halloween":
		return s.holiday(i, j, time.October, 31), true
	case "boxing":
		return s.holiday(i, j, time.December, 26), true
	case "independence":
		if s.w(i-1) == "s" && s.w(i-2) == "'" {
			return cand{}, false // another country's
		}
		return s.holiday(i, j, time.July, 4), true
	}
	// Holidays on the nth weekday of a month (US).
	m, wd, nth := time.November, time.Thursday, 4
	switch w {
	case "labor", "labour":
		m, wd, nth = time.September, time.Monday, 1
	case "memorial":
		m, wd, nth = time.May, time.Monday, -1
	}
	if !s.anchored {
		return cand{i: i, j: j, typ: Date, value: "XXXX-" + two(int(m))}, true
	}
	y := s.monthDayYear(m, 15, s.tense(i, j))
	if yy, ok := s.yearNum(j); ok {
		y, j = yy, j+1
	}
	var d time.Time
	if nth > 0 {
		d = day(y, m, 1)
		d = d.AddDate(0, 0, (int(wd)-int(d.Weekday())+7)%7+7*(nth-1))
	} else {
		d = day(y, m+1, 0)
		d = d.AddDate(0, 0, -((int(d.Weekday()) - int(wd) + 7) % 7))
	}
	return cand{i: i, j: j, typ: Date, value: ymd(d), day: d, hasDay: true}, true
}

func (s *scanner) holiday(i, j int, m time.Month, d int) cand {
	k := j
	if s.w(k) == "," {
		k++
	}
	if y, ok := s.yearNum(k); ok {
		return s.fullDate(i, k+1, y, m, d)
	}
	return s.monthDay(i, j, m, d)
}

// samePeriod reads "the same quarter last year", "the same month a year
// ago", "the same period a year earlier": the period the paragraph last
// named, else the publication's, one year back.
func (s *scanner) samePeriod(i int) (cand, bool) {
	unit := uYear
	switch s.w(i + 2) {
	case "month":
		unit = uMonth
	case "quarter":
		unit = uQuarter
	case "week":
		unit = uWeek
	case "period", "time":
	default:
		return cand{}, false
	}
	k := i + 3
	if s.w(k) == "of" {
		k++
	}
	if s.w(k) == "the" {
		k++
	}
	switch w := s.w(k); {
	case w == "last" || w == "previous" || w == "prior":
		if s.w(k+1) != "year" {
			return cand{}, false
		}
		k += 2
	case (w == "a" || w == "one") && s.w(k+1) == "year" && (s.w(k+2) == "ago" || s.w(k+2) == "earlier" || s.w(k+2) == "before"):
		k += 3
	case w == "year" && (s.w(k+1) == "before" || s.w(k+1) == "earlier"):
		k += 2
	default:
		return cand{}, false
	}
	if !s.anchored {
		return cand{i: i, j: k, typ: Date, value: unknownOf(unit, false)}, true
	}
	// The period compared is the one the text just named ("sales fell in
	// January compared to the same month a year ago"), a year back.
	period := s.w(i+2) == "period" || s.w(i+2) == "time"
	para := s.t(i).para
	for n := len(s.cands) - 1; n >= 0 && n >= len(s.cands)-10; n-- {
		c := s.cands[n]
		if s.toks[c.i].para != para {
			break
		}
		v := c.value
		if c.typ != Date || len(v) < 7 || !isDigits(v[:4]) || v[4] != '-' || len(v) > 8 {
			continue
		}
		switch {
		case len(v) == 7 && isDigits(v[5:]) && (unit == uMonth || period),
			len(v) == 7 && v[5] == 'Q' && (unit == uQuarter || period),
			len(v) == 7 && v[5] == 'H' && period,
			len(v) == 8 && v[5] == 'W' && unit == uWeek:
			y, _ := strconv.Atoi(v[:4])
			return cand{i: i, j: k, typ: Date, value: four(y-1) + v[4:]}, true
		}
	}
	base := s.dct.AddDate(-1, 0, 0)
	if unit == uWeek {
		base = s.dct.AddDate(0, 0, -52*7)
	}
	return s.relUnit(i, k, unit, 0, false, base, true), true
}

// relativeUnit reads "this week", "last month", "next year", "past
// decade", "last September", "next Monday", "this morning" starting at
// the relative word at k (i is where the expression starts).
func (s *scanner) relativeUnit(i, k int, rel string) (cand, bool) {
	delta := 0
	switch rel {
	case "last", "past", "previous":
		delta = -1
	case "next", "coming", "following":
		delta = +1
	}
	nw := s.w(k + 1)
	j := k + 2
	if u, plural := unitOf(nw); u != uNone && !plural {
		if rel == "past" && i == k {
			// "past week" without "the": a duration.
			return cand{i: i, j: j, typ: Duration, value: durValue(1, u)}, true
		}
		if u == uDay {
			if rel == "this" || rel == "current" {
				return s.relUnit(i, j, uDay, 0, false, s.dct, s.anchored), true
			}
			base, ok := s.ref(i)
			return s.relUnit(i, j, uDay, delta, false, base, ok), true
		}
		if (rel == "following" || rel == "previous") && i < k && u >= uWeek && u <= uYear {
			// "the previous year", "the following month": counted from
			// the period the story is about.
			base, ok := s.refFor(i, u)
			return s.relUnit(i, j, u, delta, false, base, ok), true
		}
		if rel == "following" && u >= uWeek {
			return cand{}, false
		}
		return s.relUnit(i, j, u, delta, false, s.dct, s.anchored), true
	}
	if nw == "weekend" {
		if delta == 0 {
			delta = s.weekendDelta(i, j)
		}
		return s.relUnit(i, j, uWeek, delta, true, s.dct, s.anchored), true
	}
	if pod := partOfDay(nw); pod != "" {
		if rel == "this" || (rel == "last" && pod == "NI") {
			c := s.relUnit(i, j, uDay, delta, false, s.dct, s.anchored)
			c.typ, c.value = Time, c.value+"T"+pod
			return c, true
		}
		return cand{}, false
	}
	if m := monthOf(nw); m != 0 && s.t(k+1).upper && (len(nw) > 3 || nw == "may") {
		if !s.anchored {
			return cand{i: i, j: j, typ: Date, value: "XXXX-" + two(int(m))}, true
		}
		y, dm := s.dct.Year(), s.dct.Month()
		switch {
		case delta < 0 && m >= dm:
			y--
		case delta > 0 && m <= dm:
			y++
		}
		return cand{i: i, j: j, typ: Date, value: four(y) + "-" + two(int(m))}, true
	}
	if wd, ok := weekdayOf(nw); ok && fullWeekday(nw) && s.t(k+1).upper {
		if !s.anchored {
			return cand{i: i, j: j, typ: Date, value: "XXXX-WXX-" + string(rune('0'+isoDay(wd)))}, true
		}
		var d time.Time
		switch {
		case delta < 0:
			d = s.weekdayDate(wd, -1)
			if d.Equal(s.dct) {
				d = d.AddDate(0, 0, -7)
			}
		case delta > 0:
			d = s.weekdayDate(wd, +1)
			if d.Equal(s.dct) {
				d = d.AddDate(0, 0, 7)
			}
		default:
			d = s.weekdayDate(wd, s.tense(i, j))
		}
		return s.dayWithPod(cand{i: i, j: j, typ: Date, value: ymd(d), day: d, hasDay: true}), true
	}
	if code := seasonOf(nw); code != "" {
		return s.season(k)
	}
	return cand{}, false
}

// relativeThe reads expressions starting with "the".
func (s *scanner) relativeThe(i int) (cand, bool) {
	w1, w2 := s.w(i+1), s.w(i+2)
	if c, ok := s.partOfMonth(i); ok {
		return c, true
	}
	switch w1 {
	case "past", "future":
		if u, plural := unitOf(w2); u != uNone && !plural && w1 == "past" {
			return cand{i: i, j: i + 3, typ: Duration, value: durValue(1, u)}, true
		}
		if u, _ := unitOf(w2); u == uNone && w2 != "few" && w2 != "several" && ordinalWord(w2) == 0 {
			if _, ok := numberWord(w2); !ok && s.t(i+2).kind != kNum {
				if w1 == "past" {
					return cand{i: i, j: i + 2, typ: Date, value: "PAST_REF"}, true
				}
				return cand{i: i, j: i + 2, typ: Date, value: "FUTURE_REF"}, true
			}
		}
	case "near", "distant", "foreseeable":
		if w2 == "future" {
			return cand{i: i, j: i + 3, typ: Date, value: "FUTURE_REF"}, true
		}
		if w2 == "term" && w1 == "near" {
			return cand{i: i, j: i + 3, typ: Date, value: "FUTURE_REF"}, true
		}
	case "long", "short", "medium":
		if w2 == "term" {
			return cand{i: i, j: i + 3, typ: Date, value: "FUTURE_REF"}, true
		}
	case "time":
		if w2 == "being" {
			return cand{i: i, j: i + 3, typ: Date, value: "PRESENT_REF"}, true
		}
	case "moment":
		if s.w(i-1) == "at" {
			return cand{i: i, j: i + 2, typ: Date, value: "PRESENT_REF"}, true
		}
	case "day":
		base, ok := s.ref(i)
		if w2 == "before" || w2 == "after" {
			if n := s.t(i + 3); n.kind != kWord || n.sent != s.t(i).sent || n.low == "that" || n.low == "yesterday" {
				d := -1
				if w2 == "after" {
					d = 1
				}
				return s.relUnit(i, i+3, uDay, d, false, base, ok), true
			}
		}
		switch s.w(i - 1) {
		case "end", "ending", "ended", "ends", "finish", "finished", "close", "closed", "for", "in", "during", "of":
			return s.relUnit(i, i+2, uDay, 0, false, base, ok), true
		}
	case "year", "month", "week":
		if c, ok := s.yearEarlier(i); ok {
			return c, true
		}
		if w2 == "before" || w2 == "after" || w2 == "earlier" || w2 == "later" || w2 == "previous" || w2 == "prior" {
			// "the year before": counted from the story's period, when
			// nothing follows that it would be before.
			if n := s.t(i + 3); n.kind != kWord || n.sent != s.t(i).sent || n.low == "and" || n.low == "but" {
				u, _ := unitOf(w1)
				d := -1
				if w2 == "after" || w2 == "later" {
					d = 1
				}
				base, ok := s.refFor(i, u)
				return s.relUnit(i, i+3, u, d, false, base, ok), true
			}
		}
		// "the end of the year", "the middle of the month".
		if s.w(i-1) == "of" && s.anchored {
			switch s.w(i - 2) {
			case "end", "beginning", "start", "middle", "close":
				u, _ := unitOf(w1)
				return s.relUnit(i, i+2, u, 0, false, s.dct, true), true
			}
		}
		return s.thePeriod(i)
	case "quarter":
		return s.thePeriod(i)
	case "entire", "whole", "full":
		// "the entire year": the period the story is about.
		if u, plural := unitOf(w2); !plural && (u == uYear || u == uMonth || u == uWeek || u == uQuarter) {
			return s.thePeriodAt(i, i+2)
		}
	case "years", "decades", "centuries":
		// "over the years": an unstated length up to now.
		if s.w(i-1) == "over" || s.w(i-1) == "through" {
			u, _ := unitOf(w1)
			return cand{i: i, j: i + 2, typ: Duration, value: durValue(-1, u)}, true
		}
	case "same":
		if c, ok := s.samePeriod(i); ok {
			return c, true
		}
		if w2 == "day" {
			base, ok := s.ref(i)
			return s.relUnit(i, i+3, uDay, 0, false, base, ok), true
		}
	case "weekend":
		return s.relUnit(i, i+2, uWeek, s.weekendDelta(i, i+2), true, s.dct, s.anchored), true
	case "night", "morning", "evening", "afternoon":
		// "the night of March 3".
		if w2 == "of" {
			if c, ok := s.absDate(i + 3); ok && c.hasDay {
				c.i, c.typ, c.value = i, Time, c.value+"T"+partOfDay(w1)
				return c, true
			}
		}
		// "the night before", "the morning after".
		if w2 == "before" || w2 == "after" {
			if n := s.t(i + 3); n.kind != kWord || n.sent != s.t(i).sent {
				d := -1
				if w2 == "after" {
					d = 1
				}
				base, ok := s.ref(i)
				c := s.relUnit(i, i+3, uDay, d, false, base, ok)
				c.typ, c.value = Time, c.value+"T"+partOfDay(w1)
				return c, true
			}
		}
	case "latest", "most":
		// "the latest quarter", "the most recent quarter": the last
		// one completed before publication.
		k := i + 2
		if w1 == "most" {
			if w2 != "recent" {
				return cand{}, false
			}
			k++
		}
		if u, plural := unitOf(s.w(k)); !plural && (u == uQuarter || u == uMonth || u == uWeek || u == uYear) {
			return s.relUnit(i, k+1, u, -1, false, s.dct, s.anchored), true
		}
	case "last", "previous", "next", "following", "coming", "current", "present":
		if pod := partOfDay(w2); pod != "" && w1 != "current" && w1 != "present" && w1 != "coming" {
			// "the previous night", "the following morning".
			d := 1
			if w1 == "last" || w1 == "previous" {
				d = -1
			}
			base, ok := s.ref(i)
			c := s.relUnit(i, i+3, uDay, d, false, base, ok)
			c.typ, c.value = Time, c.value+"T"+pod
			return c, true
		}
		if u, plural := unitOf(w2); u != uNone && !plural {
			if w1 == "last" && u == uWeek && s.w(i+3) == "of" {
				if m := s.month(i + 4); m != 0 && s.anchored {
					y := s.monthYear(m, -1)
					last := time.Date(y, m+1, -3, 0, 0, 0, 0, time.UTC)
					return cand{i: i, j: i + 5, typ: Date, value: isoWeek(last)}, true
				}
			}
			if (w1 == "last" || w1 == "next" || w1 == "coming") && u >= uWeek && u != uQuarter && s.w(i+3) != "of" {
				switch s.w(i - 1) {
				case "in":
					if w1 != "last" {
						break // "in the next year": next year
					}
					fallthrough
				case "over", "during", "for", "within", "throughout":
					// "over the last decade", as "over the past decade":
					// the period up to now.
					return cand{i: i, j: i + 3, typ: Duration, value: durValue(1, u)}, true
				}
			}
			return s.relativeUnit(i, i+1, w1)
		}
		if w2 == "weekend" {
			return s.relativeUnit(i, i+1, w1)
		}
	}
	return cand{}, false
}

// thePeriod reads "the year", "the quarter", "the month", "the week"
// standing for the period the story is about ("profit for the year
// rose"): the last such period the text named, else the publication's
// (for a quarter reported in the past tense, the one before it).
func (s *scanner) thePeriod(i int) (cand, bool) { return s.thePeriodAt(i, i+1) }

// thePeriodAt reads "the year" with "the" at i and the unit at u ("the
// entire year").
func (s *scanner) thePeriodAt(i, u int) (cand, bool) {
	switch s.w(i - 1) {
	case "in", "for", "during", "throughout":
	default:
		return cand{}, false
	}
	switch n := s.t(u + 1); n.low {
	case "of", "'", "-", "before", "after", "earlier", "later", "ago", "ahead", "when", "that", "which", "in", "to", "since",
		"ended", "ending", "ends", "through", "starting", "beginning":
		return cand{}, false
	default:
		if n.kind == kNum {
			return cand{}, false // "in the year 2000" is read as a date
		}
	}
	if !s.anchored {
		unit, _ := unitOf(s.w(u))
		return cand{i: i, j: u + 1, typ: Date, value: unknownOf(unit, false)}, true
	}
	var want func(v string) bool
	switch s.w(u) {
	case "year":
		want = func(v string) bool { return len(v) == 4 && isDigits(v) }
	case "quarter":
		want = func(v string) bool { return len(v) == 7 && v[4:6] == "-Q" }
	case "month":
		want = func(v string) bool { return len(v) == 7 && v[4] == '-' && isDigits(v[5:]) }
	case "week":
		return s.relUnit(i, u+1, uWeek, 0, false, s.dct, true), true
	}
	para := s.t(i).para
	for k := len(s.cands) - 1; k >= 0 && k >= len(s.cands)-20; k-- {
		c := s.cands[k]
		if s.toks[c.i].para != para && s.w(u) != "quarter" {
			break
		}
		if c.typ == Date && c.mod == "" && want(c.value) {
			return cand{i: i, j: u + 1, typ: Date, value: c.value}, true
		}
	}
	switch s.w(u) {
	case "year":
		// Early in a year, a year spoken of in the past tense is the
		// one that just ended ("lost $10 billion for the entire year").
		delta := 0
		if s.dct.Month() <= time.February && s.tense(i, u+1) < 0 {
			delta = -1
		}
		return s.relUnit(i, u+1, uYear, delta, false, s.dct, true), true
	case "month":
		return s.relUnit(i, u+1, uMonth, 0, false, s.dct, true), true
	}
	delta := 0
	if s.tense(i, u+1) < 0 {
		delta = -1
	}
	return s.relUnit(i, u+1, uQuarter, delta, false, s.dct, true), true
}

func isDigits(v string) bool {
	for k := 0; k < len(v); k++ {
		if v[k] < '0' || v[k] > '9' {
			return false
		}
	}
	return v != ""
}

// yearEarlier reads "the year-earlier quarter", "the year-ago period": the
// period the story reports on, one year back.
func (s *scanner) yearEarlier(i int) (cand, bool) {
	if s.w(i+1) != "year" || s.w(i+2) != "-" || s.w(i+3) != "earlier" && s.w(i+3) != "ago" || !s.adj(i+2) || !s.adj(i+3) {
		return cand{}, false
	}
	k := i + 4
	unit := uYear
	switch s.w(k) {
	case "quarter":
		unit = uQuarter
	case "month":
		unit = uMonth
	case "period", "year":
	default:
		return cand{}, false
	}
	if !s.anchored {
		return cand{i: i, j: k + 1, typ: Date, value: unknownOf(unit, false)}, true
	}
	if unit == uQuarter {
		// The quarter last named, else the one before publication.
		for n := len(s.cands) - 1; n >= 0 && n >= len(s.cands)-20; n-- {
			if v := s.cands[n].value; len(v) == 7 && v[4:6] == "-Q" && isDigits(v[:4]) {
				y, _ := strconv.Atoi(v[:4])
				return cand{i: i, j: k + 1, typ: Date, value: four(y-1) + v[4:]}, true
			}
		}
		return s.relUnit(i, k+1, uQuarter, -5, false, s.dct, true), true
	}
	base, _ := s.refFor(i, unit)
	delta := -1
	if unit == uMonth {
		delta = -12
	}
	return s.relUnit(i, k+1, unit, delta, false, base, true), true
}

// weekendDelta chooses between the weekend before publication and the
// next one for "the weekend" and "this weekend" over tokens [i, j): an
// ISO week ends with its weekend, so on a weekday the weekend of the
// week is still to come, and a clause in the past means the one before.
// Without a cue, early in the week it is the one just past.
func (s *scanner) weekendDelta(i, j int) int {
	if !s.anchored {
		return 0
	}
	wd := s.dct.Weekday()
	if wd == time.Saturday || wd == time.Sunday {
		return 0
	}
	dir := s.prepTense(i)
	if dir == 0 {
		dir = s.tense(i, j)
	}
	switch {
	case dir < 0:
		return -1
	case dir == 0 && wd <= time.Tuesday:
		return -1
	}
	return 0
}

// describes reports whether token t, following a holiday's name in
// sentence sent, is a noun the name describes ("Christmas party",
// "Christmas tree") rather than the next word of the clause.
func describes(t token, sent int) bool {
	if t.kind != kWord || t.upper || t.sent != sent {
		return false
	}
	switch t.low {
	case "day", "eve", "and", "or", "is", "was", "will", "has", "had", "when", "this", "last", "next", "in", "at",
		"on", "to", "with", "for", "of", "as", "but", "the", "a", "that", "because", "before", "after", "until",
		"came", "comes", "falls", "fell", "approaches", "nears", "morning", "night", "evening", "afternoon",
		"holiday", "holidays", "season", "period", "week", "weekend":
		return false
	}
	return true
}

// partOfMonth reads "the first week of March", "the second half of
// March 2013": a week is the ISO week holding the middle of those seven
// days; a half is the month with mod START or END.
func (s *scanner) partOfMonth(i int) (cand, bool) {
	n := ordinalWord(s.w(i + 1))
	if w := s.w(i + 1); w == "last" || w == "final" {
		n = -1
	}
	unit := s.w(i + 2)
	if n == 0 || n > 4 || unit != "week" && unit != "half" || unit == "half" && n > 2 || s.w(i+3) != "of" {
		return cand{}, false
	}
	m := s.month(i + 4)
	if m == 0 {
		return cand{}, false
	}
	j := s.skipDot(i + 5)
	y, known := 0, false
	k := j
	if s.w(k) == "," {
		k++
	}
	if yy, ok := s.yearNum(k); ok {
		y, known, j = yy, true, k+1
	}
	if !known {
		if !s.anchored {
			return cand{i: i, j: j, typ: Date, value: "XXXX-" + two(int(m))}, true
		}
		dir := s.prepTense(i)
		if dir == 0 {
			dir = s.tense(i, j)
		}
		y = s.monthYear(m, dir)
	}
	if unit == "half" {
		mod := "START"
		if n == 2 || n < 0 {
			mod = "END"
		}
		return cand{i: i, j: j, typ: Date, value: four(y) + "-" + two(int(m)), mod: mod}, true
	}
	mid := day(y, m, 4+7*(n-1))
	if n < 0 {
		mid = time.Date(y, m+1, -3, 0, 0, 0, 0, time.UTC)
	}
	return cand{i: i, j: j, typ: Date, value: isoWeek(mid)}, true
}
