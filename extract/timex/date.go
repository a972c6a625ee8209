package timex

import (
	"time"
)

// tense returns -1 when the clause around tokens [i, j) is in the past,
// +1 when it speaks of the future and 0 when it gives no cue. The nearest
// cue word of the same sentence wins, looking left first.
func (s *scanner) tense(i, j int) int {
	sent := s.t(i).sent
	for d := 1; d <= 30; d++ {
		for _, k := range [2]int{i - d, j - 1 + d} {
			t := s.t(k)
			if t.sent != sent || t.kind != kWord {
				continue
			}
			w := t.low
			if w == "may" && t.upper {
				continue // the month, not the modal
			}
			if w == "won" && s.w(k+1) == "'" {
				return +1 // "won't"
			}
			if w == "be" && s.w(k-1) == "to" {
				return +1 // "to be held on October 12"
			}
			if (w == "is" || w == "are") && len(s.w(k+1)) > 4 && s.w(k + 1)[len(s.w(k+1))-3:] == "ing" && s.w(k+1) != "being" {
				return +1 // "is meeting Abbas on Friday"
			}
			if futureCue(w) && s.w(k-1) == "been" && s.w(k-2) == "had" {
				return -1 // "had been scheduled for Sunday": a plan of the past
			}
			if futureCue(w) {
				if w == "next" || w == "set" || w == "going" || w == "begin" || w == "start" {
					// Only future when used as such ("set to", "going to").
					if w != "next" && s.w(k+1) != "to" {
						continue
					}
				}
				return +1
			}
			if pastCue(w) {
				if p := s.w(k - 1); p == "be" || p == "being" {
					continue // "to be completed": a passive, not the past
				}
				return -1
			}
		}
	}
	return 0
}

// weekdayDate returns the weekday wd nearest the publication date in
// direction dir: on or before it for the past and when there is no cue,
// on or after it for the future.
func (s *scanner) weekdayDate(wd time.Weekday, dir int) time.Time {
	diff := int(wd) - int(s.dct.Weekday())
	if dir > 0 {
		if diff < 0 {
			diff += 7
		}
	} else if diff > 0 {
		diff -= 7
	}
	return s.dct.AddDate(0, 0, diff)
}

// monthDayYear chooses the year of a month and day written without one:
// the year that puts it nearest the publication date, unless the tense
// says the other way and the date is far.
func (s *scanner) monthDayYear(m time.Month, d, dir int) int {
	y := s.dct.Year()
	best, bestDist := y, 1<<30
	for _, cy := range [3]int{y - 1, y, y + 1} {
		if !validDay(cy, m, d) {
			continue
		}
		dist := int(day(cy, m, d).Sub(s.dct).Hours() / 24)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = cy, dist
		}
	}
	// A date more than a few days past publication in a clause about the
	// past is last year's (a report does not narrate next month in the
	// past tense), and one more than a few days before it in a clause
	// about the future is next year's.
	t := day(best, m, d)
	switch {
	case dir < 0 && t.After(s.dct) && bestDist > 7:
		best--
	case dir > 0 && t.Before(s.dct) && bestDist > 7:
		best++
	}
	return best
}

// monthYear chooses the year of a month written without one.
func (s *scanner) monthYear(m time.Month, dir int) int {
	y, dm := s.dct.Year(), s.dct.Month()
	diff := int(m) - int(dm) // months after the publication month
	switch {
	case diff > 6:
		y, diff = y-1, diff-12
	case diff < -6:
		y, diff = y+1, diff+12
	}
	switch {
	case dir < 0 && diff > 0:
		y--
	case dir > 0 && diff < 0:
		y++
	}
	return y
}

// prepTense returns the direction a preposition before token i fixes:
// "since October" is past, "by June" and "until Friday" future.
func (s *scanner) prepTense(i int) int {
	k := i - 1
	for k >= 0 && (s.w(k) == "early" || s.w(k) == "late" || s.w(k) == "mid" || s.w(k) == "-" || s.w(k) == "of" || s.w(k) == "end" || s.w(k) == "the" || s.w(k) == "beginning" || s.w(k) == "middle") {
		k--
	}
	switch s.w(k) {
	case "since", "last":
		return -1
	case "by", "until", "till", "next":
		return +1
	}
	return 0
}

// month returns the month token k names, applying the checks that keep
// "may" and "march" the verbs apart.
func (s *scanner) month(k int) time.Month {
	t := s.t(k)
	if t.kind != kWord || !t.upper {
		return 0
	}
	m := monthOf(t.low)
	if m == 0 {
		return 0
	}
	if len(t.low) <= 4 && t.low != "may" && t.low != "june" && t.low != "july" {
		// An abbreviation: must be followed by "." or a number.
		if s.w(k+1) != "." && s.t(k+1).kind != kNum {
			return 0
		}
	}
	return m
}

// skipDot skips the period of an abbreviated month name.
func (s *scanner) skipDot(k int) int {
	if p := s.w(k - 1); s.w(k) == "." && s.adj(k) && len(p) <= 4 && p != "may" && p != "june" && p != "july" {
		return k + 1
	}
	return k
}

// dayNum reads a day of month (1–31, "5th") at k.
func (s *scanner) dayNum(k int) (int, int, bool) {
	t := s.t(k)
	if t.kind != kNum || t.num < 1 || t.num > 31 || t.end-t.start > 2 && t.low[0] != '0' || len(t.low) > 2 {
		return 0, 0, false
	}
	// Not part of a larger number or time ("5:30", "5,000", "5.5").
	if n := s.w(k + 1); (n == ":" || n == "," || n == ".") && s.t(k+2).kind == kNum && s.adj(k+1) && s.adj(k+2) {
		return 0, 0, false
	}
	j := k + 1
	switch s.w(j) {
	case "st", "nd", "rd", "th":
		if s.adj(j) {
			j++
		}
	}
	return t.num, j, true
}

// yearNum reads a four-digit year at k.
func (s *scanner) yearNum(k int) (int, bool) {
	t := s.t(k)
	if t.kind != kNum || len(t.low) != 4 || t.num < 1000 || t.num > 2999 {
		return 0, false
	}
	if n := s.w(k + 1); (n == "," || n == "." || n == ":") && s.t(k+2).kind == kNum && s.adj(k+1) && s.adj(k+2) {
		return 0, false
	}
	return t.num, true
}

// absDate reads calendar dates: "February 5", "5 February 2024",
// "Saturday, September 21, 2024", "February 2024", "the 5th of May".
func (s *scanner) absDate(i int) (cand, bool) {
	k := i
	if wd, ok := weekdayOf(s.w(k)); ok && s.t(k).upper {
		k++
		if s.w(k) == "," {
			k++
		}
		if _, again := weekdayOf(s.w(k)); again || s.t(k).sent != s.t(i).sent {
			return cand{}, false
		}
		if c, ok := s.absDate(k); ok && c.hasDay {
			c.i = i
			if c.guessed {
				// "Wednesday, March 20": the weekday tells the year.
				c = s.yearOfWeekday(c, wd)
			}
			return c, true
		}
		return cand{}, false
	}
	// Month first.
	if m := s.month(k); m != 0 {
		k2 := s.skipDot(k + 1)
		if d, k3, ok := s.dayNum(k2); ok {
			k4 := k3
			if s.w(k4) == "," {
				k4++
			}
			if y, ok := s.yearNum(k4); ok {
				if !validDay(y, m, d) {
					return cand{}, false
				}
				return s.fullDate(i, k4+1, y, m, d), true
			}
			if !validDay(0, m, d) {
				return cand{}, false
			}
			return s.monthDay(i, k3, m, d), true
		}
		k3 := k2
		if s.w(k3) == "," || s.w(k3) == "of" {
			k3++
		}
		if y, ok := s.yearNum(k3); ok {
			return cand{i: i, j: k3 + 1, typ: Date, value: four(y) + "-" + two(int(m))}, true
		}
		if s.w(k2) == "of" && s.w(k2+2) == "year" && s.anchored {
			switch s.w(k2 + 1) {
			case "this", "last", "next", "the":
				y := s.dct.Year()
				if s.w(k2+1) == "last" {
					y--
				} else if s.w(k2+1) == "next" {
					y++
				}
				return cand{i: i, j: k2 + 3, typ: Date, value: four(y) + "-" + two(int(m))}, true
			}
		}
		return s.monthAlone(i, k2, m)
	}
	// Day first.
	if s.w(k) == "the" {
		k++
	}
	if d, k2, ok := s.dayNum(k); ok {
		if s.w(k2) == "of" {
			k2++
		}
		if m := s.month(k2); m != 0 {
			k3 := s.skipDot(k2 + 1)
			k4 := k3
			if s.w(k4) == "," {
				k4++
			}
			if y, ok := s.yearNum(k4); ok {
				if !validDay(y, m, d) {
					return cand{}, false
				}
				return s.fullDate(i, k4+1, y, m, d), true
			}
			if !validDay(0, m, d) {
				return cand{}, false
			}
			return s.monthDay(i, k3, m, d), true
		}
		if k > i && k2 == k+2 {
			return s.dayOfMonth(i, k2, d)
		}
	}
	return cand{}, false
}

// dayOfMonth reads "on the 25th" without a month: the day of the
// publication month, or of the month before or after when the tense
// points there.
func (s *scanner) dayOfMonth(i, j, d int) (cand, bool) {
	switch s.w(i - 1) {
	case "on", "by", "until", "till", "since", "before", "after":
	default:
		return cand{}, false
	}
	if n := s.t(j); n.kind == kWord && n.sent == s.t(i).sent || n.low == "-" {
		return cand{}, false // "on the 25th floor", "the 25th anniversary"
	}
	if !s.anchored {
		return cand{i: i, j: j, typ: Date, value: "XXXX-XX-" + two(d)}, true
	}
	y, m, today := s.dct.Date()
	dir := s.prepTense(i)
	if dir == 0 {
		dir = s.tense(i, j)
	}
	switch {
	case dir < 0 && d > today:
		m--
	case dir > 0 && d < today:
		m++
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	if !validDay(first.Year(), first.Month(), d) {
		return cand{}, false
	}
	return s.fullDate(i, j, first.Year(), first.Month(), d), true
}

func (s *scanner) fullDate(i, j, y int, m time.Month, d int) cand {
	t := day(y, m, d)
	return cand{i: i, j: j, typ: Date, value: ymd(t), day: t, hasDay: true}
}

func (s *scanner) monthDay(i, j int, m time.Month, d int) cand {
	if m == time.September && d == 11 && s.nineEleven(i, j) {
		return s.fullDate(i, j, 2001, m, d)
	}
	if !s.anchored {
		return cand{i: i, j: j, typ: Date, value: "XXXX-" + two(int(m)) + "-" + two(d)}
	}
	dir := s.prepTense(i)
	if dir == 0 {
		dir = s.tense(i, j)
	}
	y := s.monthDayYear(m, d, dir)
	c := s.fullDate(i, j, y, m, d)
	c.guessed = true
	return c
}

// yearOfWeekday moves a date whose year was guessed to the year nearest
// the publication in which it falls on weekday wd, if there is one.
func (s *scanner) yearOfWeekday(c cand, wd time.Weekday) cand {
	if c.day.Weekday() == wd {
		return c
	}
	_, m, d := c.day.Date()
	for _, y := range [2]int{c.day.Year() - 1, c.day.Year() + 1} {
		if validDay(y, m, d) && day(y, m, d).Weekday() == wd && y >= s.dct.Year()-1 && y <= s.dct.Year()+1 {
			return s.fullDate(c.i, c.j, y, m, d)
		}
	}
	return c
}

// monthAlone reads a month name standing alone ("in October").
func (s *scanner) monthAlone(i, j int, m time.Month) (cand, bool) {
	w := s.w(i)
	if w == "may" || w == "march" || len(w) <= 4 {
		switch s.w(i - 1) {
		case "in", "since", "until", "till", "by", "from", "of", "during", "through", "before", "after", "early", "late", "mid", "-", "last", "next", "this", "between", "and", "to":
		default:
			return cand{}, false
		}
	}
	if s.t(i).sent != s.t(i-1).sent && s.t(i+1).kind != kWord {
		// A capitalized name alone at a sentence start is too often a person.
		if w == "may" || w == "june" || w == "april" || w == "august" {
			return cand{}, false
		}
	}
	switch s.w(i - 1) {
	case "last", "next", "this":
		return cand{}, false // handled by relative
	}
	if n := s.t(j); n.kind == kWord && n.upper && n.sent == s.t(i).sent {
		switch w {
		case "april", "june", "august", "may":
			return cand{}, false // "August Busch", "June Carter": a first name
		}
	}
	if !s.anchored {
		return cand{i: i, j: j, typ: Date, value: "XXXX-" + two(int(m))}, true
	}
	dir := s.prepTense(i)
	if dir == 0 {
		dir = s.tense(i, j)
	}
	y := s.monthYear(m, dir)
	return cand{i: i, j: j, typ: Date, value: four(y) + "-" + two(int(m))}, true
}

// numericDate reads 2024-02-05, 2024/02/05, 7/8/07 (month first, as in
// American usage, unless the first number cannot be a month), 05.02.2024
// and 03-02-2009 (day first, as in European usage).
func (s *scanner) numericDate(i int) (cand, bool) {
	a, sep1, b, sep2, c := s.t(i), s.t(i+1), s.t(i+2), s.t(i+3), s.t(i+4)
	if sep1.kind != kPunct || b.kind != kNum || sep2.low != sep1.low || c.kind != kNum ||
		!s.adj(i+1) || !s.adj(i+2) || !s.adj(i+3) || !s.adj(i+4) {
		return cand{}, false
	}
	if a.num < 0 || b.num < 0 || c.num < 0 {
		return cand{}, false
	}
	if p := s.w(i - 1); s.adj(i) && (p == "/" || p == "." || s.t(i-1).kind == kWord) {
		return cand{}, false // a path or a version, not a date
	}
	// Not inside a longer run of numbers (an IP address, a phone number).
	if n := s.t(i + 5); n.kind == kPunct && s.adj(i+5) && s.t(i+6).kind == kNum && s.adj(i+6) {
		return cand{}, false
	}
	var y, m, d int
	switch sep := sep1.low; {
	case len(a.low) == 4 && (sep == "-" || sep == "/" || sep == ".") && len(b.low) <= 2 && len(c.low) <= 2:
		y, m, d = a.num, b.num, c.num
	case len(a.low) <= 2 && len(b.low) <= 2 && (len(c.low) == 4 || len(c.low) == 2):
		y = c.num
		if len(c.low) == 2 {
			y += 1900
			if c.num < 50 {
				y += 100
			}
		}
		if sep == "/" && a.num <= 12 {
			m, d = a.num, b.num
		} else if sep == "/" || sep == "." || sep == "-" {
			d, m = a.num, b.num
		} else {
			return cand{}, false
		}
		if sep != "/" && len(c.low) == 2 {
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	if y < 1000 || !validDay(y, time.Month(m), d) {
		return cand{}, false
	}
	return s.fullDate(i, i+5, y, time.Month(m), d), true
}

// year reads a year standing alone ("in 2003", "since 2003", "'82").
func (s *scanner) year(i int) (cand, bool) {
	if s.w(i) == "'" {
		t := s.t(i + 1)
		if t.kind != kNum || len(t.low) != 2 || !s.adj(i+1) || s.w(i+2) == "s" || s.w(i+2) == "'" {
			return cand{}, false
		}
		p := s.w(i - 1)
		if p != "in" && p != "since" && p != "of" && p != "from" && p != "until" && p != "to" && p != "and" && p != "-" {
			return cand{}, false
		}
		y := 1900 + t.num
		if t.num < 30 {
			y += 100
		}
		return cand{i: i, j: i + 2, typ: Date, value: four(y)}, true
	}
	y, ok := s.yearNum(i)
	if !ok {
		return cand{}, false
	}
	prev, next := s.w(i-1), s.w(i+1)
	switch prev {
	case "$", "€", "£", "¥", "#", "no", "number", "us", "usd", "eur", "route", "flight", "model", "+", "room", "page", "pp", "p", "article", "resolution":
		return cand{}, false
	}
	if pt, nt := s.t(i-1), s.t(i+1); pt.kind == kWord && pt.upper && nt.kind == kWord && nt.upper && pt.sent == s.t(i).sent && monthOf(pt.low) == 0 && nt.sent == pt.sent {
		return cand{}, false // "the Russell 2000 Index": a name
	}
	if s.adj(i) && (s.t(i-1).kind == kWord || s.t(i-1).kind == kNum || s.w(i-1) == "/" || s.w(i-1) == ".") {
		return cand{}, false // "FY2009" is read elsewhere; "A380" is a name; "/2010/" a path
	}
	if next == "%" || next == "percent" || next == "per" {
		return cand{}, false
	}
	if s.t(i + 1).upper {
		switch s.w(i + 2) {
		case "ave", "avenue", "street", "st", "road", "rd", "boulevard", "blvd", "lane", "drive", "way", "place":
			return cand{}, false // "1800 Pitkin Ave.": an address
		}
	}
	if s.adj(i+1) && s.t(i+1).kind == kWord {
		return cand{}, false // "1990s" is a decade
	}
	if y < 1800 || y > 2100 {
		switch prev {
		case "in", "since", "of", "from", "until", "by", "year", "circa":
		default:
			return cand{}, false
		}
	}
	// "2000 people": a plural count noun after a bare number is a count.
	nt := s.t(i + 1)
	if nt.kind == kWord && !nt.upper && (len(nt.low) > 3 && nt.low[len(nt.low)-1] == 's' || nt.low == "people" || nt.low == "children" || nt.low == "men" || nt.low == "women" || nt.low == "police") {
		switch prev {
		case "in", "since", "of", "from", "until", "by", "to", "and", "between", "before", "after", "during", "for", "early", "late", "mid", ",", "the", "year":
		default:
			return cand{}, false
		}
	}
	return cand{i: i, j: i + 1, typ: Date, value: four(y)}, true
}

// decade reads "the 1990s", "the '90s", "the 80s", "the 21st century".
func (s *scanner) decade(i int) (cand, bool) {
	k := i
	the := false
	if s.w(k) == "the" {
		k++
		the = true
	}
	if s.w(k) == "'" {
		k++
	}
	t := s.t(k)
	if t.kind == kNum && s.w(k+1) == "s" && s.adj(k+1) && t.num >= 0 && t.num%10 == 0 {
		switch len(t.low) {
		case 4:
			return cand{i: i, j: k + 2, typ: Date, value: t.low[:3]}, true
		case 2:
			if p := s.w(k - 1); !the && p != "'" && p != "and" && p != "or" && p != "-" && p != "early" && p != "late" && p != "mid" {
				return cand{}, false
			}
			c := "19"
			if t.num < 30 {
				c = "20"
			}
			return cand{i: i, j: k + 2, typ: Date, value: c + t.low[:1]}, true
		}
	}
	// Decades in words: "the nineties", "the early eighties".
	if the || s.w(i-1) == "early" || s.w(i-1) == "late" || s.w(i-1) == "mid" || s.w(i-1) == "-" {
		if d := decadeWord(t.low); d != "" && t.kind == kWord && s.w(k+1) != "-" {
			return cand{i: i, j: k + 1, typ: Date, value: d}, true
		}
	}
	// Centuries: "the 21st century", "the twentieth century"; after a
	// modifier the article stands before it ("the late 19th century").
	switch s.w(i - 1) {
	case "early", "late", "mid", "-":
		if s.w(i-2) == "the" || s.w(i-3) == "the" {
			the = true
		}
	}
	if the {
		n, j := 0, k+1
		if t.kind == kNum && t.num > 0 && t.num < 30 {
			n = t.num
			switch s.w(j) {
			case "st", "nd", "rd", "th":
				j++
			default:
				return cand{}, false
			}
		} else if t.kind == kWord {
			n = ordinalWord(t.low)
		}
		if n > 0 && s.w(j) == "century" {
			return cand{i: i, j: j + 1, typ: Date, value: two(n - 1)}, true
		}
	}
	return cand{}, false
}

// weekday reads "Saturday", "Friday morning".
func (s *scanner) weekday(i int) (cand, bool) {
	t := s.t(i)
	wd, ok := weekdayOf(t.low)
	if !ok || !t.upper || !fullWeekday(t.low) {
		return cand{}, false
	}
	switch s.w(i - 1) {
	case "black", "bloody", "good", "holy", "cyber", "easter", "ash", "super", "maundy":
		if s.t(i - 1).upper {
			return cand{}, false // a named day, not this week's
		}
	}
	j := i + 1
	pod := partOfDay(s.w(j))
	if pod != "" {
		j++
	}
	var c cand
	if s.anchored {
		dir := s.prepTense(i)
		if dir == 0 {
			dir = s.tense(i, j)
		}
		d := s.weekdayDate(wd, dir)
		c = cand{i: i, j: j, typ: Date, value: ymd(d), day: d, hasDay: true}
	} else {
		c = cand{i: i, j: j, typ: Date, value: "XXXX-WXX-" + string(rune('0'+isoDay(wd)))}
	}
	if pod != "" {
		c.typ = Time
		c.value += "T" + pod
	}
	return c, true
}

func isoDay(wd time.Weekday) int {
	if wd == time.Sunday {
		return 7
	}
	return int(wd)
}

// quarter reads "the first quarter of 2009", "third-quarter", "Q3 2009",
// "the second half of the year".
func (s *scanner) quarter(i int) (cand, bool) {
	k := i
	if s.w(k) == "the" {
		k++
	}
	q, half := 0, false
	var j int
	switch w := s.w(k); {
	case w == "q" && s.t(k+1).kind == kNum && s.adj(k+1) && s.t(k+1).num >= 1 && s.t(k+1).num <= 4 && s.t(k).upper:
		q, j = s.t(k+1).num, k+2
	default:
		n := ordinalWord(w)
		if w == "final" || w == "last" {
			n = -1
		}
		if n == 0 || n > 4 {
			return cand{}, false
		}
		j = k + 1
		if s.w(j) == "-" {
			j++
		}
		switch s.w(j) {
		case "quarter":
		case "half":
			if n > 2 {
				return cand{}, false
			}
			half = true
		default:
			return cand{}, false
		}
		if n < 0 && (k == i) {
			return cand{}, false // "last quarter" alone is relative
		}
		q = n
		j++
	}
	// Year: "of 2009", "2009", "of this/last/next year", "of the year", "of fiscal 2009".
	y, known := 0, false
	k2 := j
	if s.w(k2) == "of" {
		k2++
	}
	if s.w(k2) == "fiscal" {
		k2++
	}
	if yy, ok := s.yearNum(k2); ok {
		y, known, j = yy, true, k2+1
	} else if s.w(k2-1) == "of" && s.anchored {
		switch s.w(k2) {
		case "this", "the":
			if s.w(k2+1) == "year" {
				y, known, j = s.dct.Year(), true, k2+2
			}
		case "last", "next":
			if s.w(k2+1) == "year" {
				y, known, j = s.dct.Year()-1, true, k2+2
				if s.w(k2) == "next" {
					y += 2
				}
			}
		}
	}
	if half && !known && q > 0 && s.sportsNear(i) {
		return cand{}, false // "the second half" of a game; a year makes it a date
	}
	unit := "Q"
	cur := (int(s.dct.Month())-1)/3 + 1
	if half {
		unit = "H"
		cur = (int(s.dct.Month())-1)/6 + 1
	}
	if q < 0 {
		// "the last quarter": the one before the current.
		if !s.anchored {
			return cand{i: i, j: j, typ: Date, value: "XXXX-" + unit + "X"}, true
		}
		q, y = cur-1, s.dct.Year()
		if q == 0 {
			q, y = 4, y-1
			if half {
				q = 2
			}
		}
		known = true
	}
	if !known && s.sportsNear(i) {
		return cand{}, false // "a fourth quarter touchdown"
	}
	if !known {
		if !s.anchored {
			return cand{i: i, j: j, typ: Date, value: "XXXX-" + unit + string(rune('0'+q))}, true
		}
		// The nearest such quarter (or half) to publication; when two are
		// equally near, the tense decides, the past by default.
		y = s.dct.Year()
		n := 4
		if half {
			n = 2
		}
		switch d := q - cur; {
		case 2*d > n:
			y--
		case -2*d > n:
			y++
		case 2*d == n || -2*d == n:
			if dir := s.tense(i, j); dir > 0 && d < 0 {
				y++
			} else if dir <= 0 && d > 0 {
				y--
			}
		}
	}
	return cand{i: i, j: j, typ: Date, value: four(y) + "-" + unit + string(rune('0'+q))}, true
}

// season reads "spring", "the summer of 2009", "last winter".
func (s *scanner) season(i int) (cand, bool) {
	k := i
	rel := ""
	switch w := s.w(k); w {
	case "the", "this", "last", "next", "early", "late":
		rel = w
		k++
	}
	code := seasonOf(s.w(k))
	if code == "" {
		return cand{}, false
	}
	if s.t(k).upper && s.t(k+1).upper && s.t(k+1).kind == kWord {
		return cand{}, false // "the Winter Meetings", "Arab Spring Uprising"
	}
	if n := s.t(k + 1); n.kind == kWord && !n.upper && n.sent == s.t(k).sent {
		switch w := n.low; {
		case len(w) > 3 && w[len(w)-1] == 's' && w != "this" && w != "has" && w != "was" && w != "is",
			w == "session", w == "break", w == "holiday", w == "vacation", w == "storm", w == "sale",
			w == "term", w == "semester", w == "collection", w == "olympics", w == "solstice", w == "wheat":
			return cand{}, false // "winter meetings", "the summer session": a kind, not a time
		}
	}
	j := k + 1
	k2 := j
	if s.w(k2) == "of" {
		k2++
	}
	if y, ok := s.yearNum(k2); ok {
		return cand{i: i, j: k2 + 1, typ: Date, value: four(y) + "-" + code}, true
	}
	if rel == "" {
		switch s.w(i - 1) {
		case "in", "during", "by", "until", "since", "this", "last", "next":
		default:
			return cand{}, false
		}
		if code == "FA" {
			return cand{}, false
		}
	}
	if rel == "early" || rel == "late" {
		return cand{}, false // handled as a modifier
	}
	if rel == "the" && s.w(j) == "of" {
		return cand{}, false // "the fall of Saigon"
	}
	if !s.anchored {
		return cand{i: i, j: j, typ: Date, value: "XXXX-" + code}, true
	}
	y := s.dct.Year()
	start := 12
	switch code {
	case "SP":
		start = 3
	case "SU":
		start = 6
	case "FA":
		start = 9
	}
	m := int(s.dct.Month())
	switch rel {
	case "last":
		if start >= m {
			y--
		}
	case "next":
		if start <= m {
			y++
		}
	case "", "the":
		// "in the summer" told in the past is the last summer begun;
		// in the future, the next one not yet over.
		dir := s.prepTense(i)
		if dir == 0 {
			dir = s.tense(i, j)
		}
		switch {
		case dir < 0 && start > m:
			y--
		case dir > 0 && start+3 <= m && code != "WI":
			y++
		}
	}
	return cand{i: i, j: j, typ: Date, value: four(y) + "-" + code}, true
}

// sportsNear reports whether the sentence around token i speaks of a
// game, where "the second half" is a part of the match, not of a year.
//
// The words are looked for in the neighbouring sentences too, since a
// match report names the game once and its quarters many times; they are
// chosen not to occur in business news ("team", "points" and "players"
// do).
func (s *scanner) sportsNear(i int) bool {
	for k := max(0, i-40); k < min(len(s.toks), i+40); k++ {
		switch s.toks[k].low {
		case "game", "games", "match", "goal", "goals", "scored", "scoring", "halftime", "coach",
			"league", "penalty", "touchdown", "touchdowns", "inning", "innings", "kick", "stadium",
			"referee", "whistle", "quarterback", "playoff", "playoffs", "yards", "yard", "striker",
			"midfielder", "defender", "goalkeeper", "rebounds", "nfl", "nba":
			return true
		}
	}
	return false
}

// nineEleven reports whether "September 11" over tokens [i, j) names the
// attacks of 2001 rather than this year's date: a later report that
// speaks of the attacks, or of the time since.
func (s *scanner) nineEleven(i, j int) bool {
	if s.anchored && s.dct.Before(day(2001, 10, 1)) {
		return false
	}
	switch s.w(j) {
	case "attacks", "attack", "terrorist", "terror", "hijackers", "commission", "anniversary", "victims", "memorial", "era":
		return true
	}
	switch s.w(i - 1) {
	case "since", "post", "of":
		return s.anchored && !(s.dct.Month() == time.September || s.dct.Month() == time.October && s.dct.Year() == 2001)
	}
	return false
}

// slashDay reads "9/11" for the attacks of September 11, 2001 ("the
// 9/11 attacks", "since 9/11"); other month/day pairs without a year are
// too often fractions or scores.
func (s *scanner) slashDay(i int) (cand, bool) {
	if s.w(i) != "9" || s.w(i+1) != "/" || s.w(i+2) != "11" || !s.adj(i+1) || !s.adj(i+2) {
		return cand{}, false
	}
	if n := s.w(i + 3); (n == "/" || n == "-" || n == ".") && s.adj(i+3) && s.t(i+4).kind == kNum {
		return cand{}, false // a longer date or a path
	}
	switch s.w(i - 1) {
	case "the", "since", "after", "before", "of", "-", "until", "post", "pre", "on":
	default:
		switch s.w(i + 3) {
		case "attacks", "attack", "terrorist", "terror", "hijackers", "commission", "anniversary", "victims", "memorial", "era":
		default:
			return cand{}, false // "scored 9/11 from the field"
		}
	}
	if s.anchored && s.dct.Before(day(2001, 9, 12)) {
		return cand{}, false
	}
	return s.fullDate(i, i+3, 2001, time.September, 11), true
}

// decadeWord returns the TIMEX3 value of a decade of the 1900s named in
// words ("nineties" → "199").
func decadeWord(w string) string {
	switch w {
	case "twenties":
		return "192"
	case "thirties":
		return "193"
	case "forties":
		return "194"
	case "fifties":
		return "195"
	case "sixties":
		return "196"
	case "seventies":
		return "197"
	case "eighties":
		return "198"
	case "nineties":
		return "199"
	}
	return ""
}
