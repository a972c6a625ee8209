package timex

import (
	"time"
)

// durValue formats n units as a TIMEX3 duration: P3D, PT24H, P10Y. A
// negative n means an unknown amount ("several years" → PXY).
func durValue(n float64, unit int) string {
	if unit == uDecade {
		if n >= 0 {
			return "P" + fmtNum(n*10) + "Y"
		}
		return "PXDE"
	}
	if unit == uCentury && n >= 0 {
		return "P" + fmtNum(n*100) + "Y"
	}
	l, isTime := unitLetter(unit)
	p := "P"
	if isTime {
		p = "PT"
	}
	if n < 0 {
		return p + "X" + l
	}
	return p + fmtNum(n) + l
}

// numPhrase reads an amount at k: "3", "2.5", "three", "twenty-five",
// "two and a half", "a", "several" (unknown: -1), "a couple of".
func (s *scanner) numPhrase(k int) (float64, int, bool) {
	t := s.t(k)
	var v float64
	j := k + 1
	switch t.kind {
	case kNum:
		if t.num < 0 || s.adj(k) && (s.w(k-1) == "," || s.w(k-1) == ".") && s.t(k-2).kind == kNum {
			return 0, 0, false
		}
		v = float64(t.num)
		if s.w(j) == "." && s.adj(j) && s.t(j+1).kind == kNum && s.adj(j+1) && len(s.w(j+1)) <= 3 {
			f := s.t(j + 1)
			d := float64(f.num)
			for range len(f.low) {
				d /= 10
			}
			v += d
			j += 2
		}
		// "1,000 years": thousands separated by commas.
		for s.w(j) == "," && s.adj(j) && s.t(j+1).kind == kNum && s.adj(j+1) && len(s.w(j+1)) == 3 && v < 1e6 {
			v = v*1000 + float64(s.t(j+1).num)
			j += 2
		}
		if s.w(j) == "," && s.adj(j) && s.t(j+1).kind == kNum && s.adj(j+1) {
			return 0, 0, false // "1,00": not a number we can read
		}
	case kWord:
		switch t.low {
		case "several", "many", "few", "some", "numerous", "multiple":
			return -1, j, true
		case "a", "an":
			switch s.w(j) {
			case "few":
				return -1, j + 1, true
			case "couple":
				if s.w(j+1) == "of" {
					return 2, j + 2, true
				}
				return 2, j + 1, true
			case "half":
				return 0.5, j + 1, true
			}
		case "half":
			if w := s.w(j); w == "a" || w == "an" {
				return 0.5, j + 1, true
			}
			return 0, 0, false
		case "dozens", "hundreds", "thousands":
			if s.w(j) == "of" {
				return -1, j + 1, true
			}
			return 0, 0, false
		}
		n, ok := numberWord(t.low)
		if !ok || t.low == "hundred" {
			return 0, 0, false
		}
		v = n
		// "twenty-five", "twenty five".
		if v >= 20 && v < 100 {
			k2 := j
			if s.w(k2) == "-" {
				k2++
			}
			if u, ok := numberWord(s.w(k2)); ok && u < 10 && s.w(k2) != "a" && s.w(k2) != "an" {
				v += u
				j = k2 + 1
			}
		}
	default:
		return 0, 0, false
	}
	// "two and a half".
	if s.w(j) == "and" && (s.w(j+1) == "a" || s.w(j+1) == "one") && s.w(j+2) == "half" {
		v += 0.5
		j += 3
	}
	return v, j, true
}

// duration reads "three days", "24 hours", "27-year", "the past five
// trading days", "several years", "two years ago", "three days later".
func (s *scanner) duration(i int) (cand, bool) {
	k := i
	lead := false
	if s.w(k) == "the" {
		switch s.w(k + 1) {
		case "past", "last", "next", "coming", "first", "final", "previous", "following", "remaining":
			k += 2
			lead = true
		}
	} else if w := s.w(k); w == "another" || w == "past" || w == "next" || w == "coming" {
		k++
		lead = true
	}
	n, j, ok := s.numPhrase(k)
	if !ok {
		if !lead {
			return s.bareUnit(i)
		}
		switch _, plural := unitOf(s.w(k)); s.w(k - 1) {
		case "first", "final", "remaining":
			if plural {
				break // "the final weeks"
			}
			// "the first quarter", "the final week": a part of a larger
			// period, not a length of time (that needs a number: "the
			// first nine months").
			return cand{}, false
		}
		n, j = 1, k
		if s.w(k) == "few" || s.w(k) == "several" {
			n, j = -1, k+1
		}
	}
	hyphen := false
	if s.w(j) == "-" && s.adj(j) {
		hyphen = true
		j++
	}
	if durationAdjective(s.w(j)) {
		if u, _ := unitOf(s.w(j + 1)); u != uNone {
			j++
		}
	}
	u, plural := unitOf(s.w(j))
	if u == uNone || (u == uSecond && s.w(j) == "second" && !hyphen && n == 1) {
		return cand{}, false
	}
	if !ok && plural {
		n = -1 // "the coming months"
	}
	w0 := s.w(k)
	if (w0 == "a" || w0 == "an") && plural && n == 1 {
		return cand{}, false
	}
	if n == 1 && w0 == "a" && !lead {
		// "once a year", "twice a day" are sets; "$5 a year" a rate.
		switch s.w(i - 1) {
		case "once", "twice", "times", "thrice":
			return cand{}, false
		}
		if (s.t(i-1).kind == kNum || s.w(i-1) == "million" || s.w(i-1) == "billion") && !relWord(s.w(j+1)) {
			return cand{i: i, j: j + 1, typ: Set, value: durValue(1, u)}, true
		}
		switch s.w(j + 1) {
		case "known", "when", "where", "which", "that":
			return cand{}, false // "a day known as Black Monday": a day, not a length
		}
	}
	j++
	if n == 1 && s.w(j) == "and" && s.w(j+1) == "a" && s.w(j+2) == "half" {
		n, j = 1.5, j+3 // "a year and a half"
	}
	if s.w(j) == "-" && s.w(j+1) == "old" || s.w(j) == "old" && u == uYear {
		return cand{}, false // an age
	}
	if s.w(j) == "-" && s.w(j+1) == "long" && s.adj(j) {
		j += 2
	}
	// "two years ago", "three days later".
	if !lead && !hyphen {
		switch s.w(j) {
		case "ago":
			c := s.ago(i, j+1, n, u)
			c.ago = true
			return c, true
		case "from", "hence":
			// "a year from now", "two weeks from today": counted forward
			// from publication.
			if w := s.w(j + 1); s.w(j) == "hence" || w == "now" || w == "today" {
				end := j + 2
				if s.w(j) == "hence" {
					end = j + 1
				}
				if n < 0 || n != float64(int(n)) || u < uDay {
					return cand{i: i, j: end, typ: Date, value: "FUTURE_REF"}, true
				}
				return s.offsetDate(i, end, u, int(n), s.dct, s.anchored), true
			}
		case "later", "earlier":
			if n >= 0 && n == float64(int(n)) && u >= uDay && u <= uYear && u != uQuarter && s.w(j+1) != "than" {
				base, ok := s.ref(i)
				delta := int(n)
				if s.w(j) == "earlier" {
					delta = -delta
				}
				return s.offsetDate(i, j+1, u, delta, base, ok), true
			}
		}
	}
	if u == uQuarter && n == 1 && !lead && !hyphen {
		return cand{}, false // "a quarter of the dealers"
	}
	return cand{i: i, j: j, typ: Duration, value: durValue(n, u)}, true
}

// ago resolves "two years ago" to the date it names.
func (s *scanner) ago(i, j int, n float64, u int) cand {
	if n < 0 || n != float64(int(n)) || u < uDay || !s.anchored {
		if n < 0 {
			return cand{i: i, j: j, typ: Date, value: "PAST_REF"}
		}
		return cand{i: i, j: j, typ: Date, value: unknownOf(u, false)}
	}
	return s.offsetDate(i, j, u, -int(n), s.dct, true)
}

// offsetDate names the day, month or year delta units from base, at the
// granularity of the unit.
func (s *scanner) offsetDate(i, j, u, delta int, base time.Time, ok bool) cand {
	if !ok {
		return cand{i: i, j: j, typ: Date, value: unknownOf(u, false)}
	}
	switch u {
	case uDay:
		return s.relUnit(i, j, uDay, delta, false, base, true)
	case uWeek:
		return s.relUnit(i, j, uDay, 7*delta, false, base, true)
	case uMonth:
		return s.relUnit(i, j, uMonth, delta, false, base, true)
	case uYear:
		return s.relUnit(i, j, uYear, delta, false, base, true)
	case uDecade:
		return s.relUnit(i, j, uYear, 10*delta, false, base, true)
	case uCentury:
		return s.relUnit(i, j, uCentury, 0, false, base.AddDate(100*delta, 0, 0), true)
	}
	return cand{i: i, j: j, typ: Date, value: "PAST_REF"}
}

// bareUnit reads a plural unit standing for an unknown amount after
// "for", "in", "within": "for years", "in decades", "minutes".
func (s *scanner) bareUnit(i int) (cand, bool) {
	u, plural := unitOf(s.w(i))
	if u == uNone || !plural || u == uQuarter {
		return cand{}, false
	}
	if s.w(i+1) == "-" && s.w(i+2) == "long" && s.adj(i+1) {
		return cand{i: i, j: i + 3, typ: Duration, value: durValue(-1, u)}, true
	}
	if s.w(i+1) == "ago" {
		// "years ago": some time back.
		return cand{i: i, j: i + 2, typ: Date, value: "PAST_REF", ago: true}, true
	}
	if n := s.w(i + 1); (n == "later" || n == "earlier") && s.w(i+2) != "than" ||
		(n == "after" || n == "before") && (i == 0 || s.t(i-1).sent != s.t(i).sent || s.w(i-1) == "," || eventStart(s.t(i+2))) {
		// "Minutes later, police came": an unstated number of minutes.
		// "later" belongs to the expression; "after" is a signal that
		// TimeML leaves out ("hours after his arrest").
		j := i + 2
		if n == "after" || n == "before" {
			j = i + 1
		}
		return cand{i: i, j: j, typ: Duration, value: durValue(-1, u)}, true
	}
	switch s.w(i - 1) {
	case "for", "in", "within", "over", "just", "only", "mere":
	case "and", "or":
		// "for years and decades".
		if u2, plural2 := unitOf(s.w(i - 2)); u2 == uNone || !plural2 {
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	if s.w(i+1) == "of" || s.w(i+1) == "'" {
		return cand{}, false
	}
	return cand{i: i, j: i + 1, typ: Duration, value: durValue(-1, u)}, true
}

// set reads recurring times: "daily", "every week", "each Monday",
// "twice a year", "per day".
func (s *scanner) set(i int) (cand, bool) {
	w := s.w(i)
	switch w {
	case "daily", "nightly":
		return cand{i: i, j: i + 1, typ: Set, value: "P1D"}, true
	case "weekly":
		return cand{i: i, j: i + 1, typ: Set, value: "P1W"}, true
	case "biweekly", "fortnightly":
		return cand{i: i, j: i + 1, typ: Set, value: "P2W"}, true
	case "monthly":
		return cand{i: i, j: i + 1, typ: Set, value: "P1M"}, true
	case "quarterly":
		return cand{i: i, j: i + 1, typ: Set, value: "P3M"}, true
	case "yearly", "annually", "annual":
		if w == "annual" && yearResult(s.w(i+1)) {
			// "annual profit": the amount of one year, not a recurrence.
			return cand{i: i, j: i + 1, typ: Duration, value: "P1Y"}, true
		}
		return cand{i: i, j: i + 1, typ: Set, value: "P1Y"}, true
	case "yearlong", "weeklong", "monthlong", "daylong", "decadelong", "hourlong":
		// "a yearlong probe": one unit, written as one word.
		u, _ := unitOf(w[:len(w)-4])
		return cand{i: i, j: i + 1, typ: Duration, value: durValue(1, u)}, true
	case "hourly":
		return cand{i: i, j: i + 1, typ: Set, value: "PT1H"}, true
	case "every", "each":
		k := i + 1
		if s.w(k) == "other" {
			k++
		}
		n := 1.0
		if v, j, ok := s.numPhrase(k); ok && v > 0 && s.w(k) != "a" {
			n, k = v, j
		}
		if s.w(i+1) == "other" {
			n *= 2
		}
		if u, _ := unitOf(s.w(k)); u != uNone {
			if u == uQuarter {
				return cand{i: i, j: k + 1, typ: Set, value: durValue(n*3, uMonth)}, true
			}
			return cand{i: i, j: k + 1, typ: Set, value: durValue(n, u)}, true
		}
		if wd, ok := weekdayOf(s.w(k)); ok && fullWeekday(s.w(k)) {
			return cand{i: i, j: k + 1, typ: Set, value: "XXXX-WXX-" + string(rune('0'+isoDay(wd)))}, true
		}
		if pod := partOfDay(s.w(k)); pod != "" {
			return cand{i: i, j: k + 1, typ: Set, value: "T" + pod}, true
		}
	case "once", "twice", "thrice":
		return s.rate(i, i+1)
	case "per":
		if u, plural := unitOf(s.w(i + 1)); u != uNone && !plural {
			return cand{i: i, j: i + 2, typ: Set, value: durValue(1, u)}, true
		}
	}
	// "three times a week".
	if _, j, ok := s.numPhrase(i); ok && s.w(j) == "times" {
		return s.rate(i, j+1)
	}
	return cand{}, false
}

// rate reads "a week", "per year", "every month" after "twice".
func (s *scanner) rate(i, k int) (cand, bool) {
	switch s.w(k) {
	case "a", "an", "per", "each", "every":
		if u, plural := unitOf(s.w(k + 1)); u != uNone && !plural {
			return cand{i: i, j: k + 2, typ: Set, value: durValue(1, u)}, true
		}
	}
	return cand{}, false
}

// relWord reports whether w makes the amount before it a distance in
// time ("a week earlier") rather than a rate ("$5 a week").
func relWord(w string) bool {
	switch w {
	case "ago", "earlier", "later", "before", "after", "since", "from":
		return true
	}
	return false
}

// eventStart reports whether t opens the event a bare unit is counted
// from: "hours after his arrest", "days before being detained".
func eventStart(t token) bool {
	switch t.low {
	case "the", "his", "her", "its", "their", "a", "an", "being", "he", "she", "they", "it", "police":
		return true
	}
	return false
}

// yearResult reports whether w is a figure summed over a year, which
// "annual" before it measures ("annual profit", "annual sales").
func yearResult(w string) bool {
	switch w {
	case "profit", "profits", "loss", "losses", "revenue", "revenues", "sales", "earnings", "income",
		"growth", "output", "deficit", "surplus", "inflation", "turnover", "production", "budget",
		"spending", "rainfall", "salary", "return", "returns", "decline", "increase", "rise", "drop":
		return true
	}
	return false
}
