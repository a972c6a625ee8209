package timex

import (
	"strings"
	"time"
)

// ampm reads "pm", "p.m.", "PM" at k and returns +12/0 for pm/am, the
// index after it and whether there was one.
func (s *scanner) ampm(k int) (pm bool, j int, ok bool) {
	w := s.w(k)
	switch w {
	case "am", "pm":
		return w == "pm", k + 1, true
	case "a", "p":
		if s.w(k+1) == "." && s.adj(k+1) && s.w(k+2) == "m" && s.adj(k+2) {
			j = k + 3
			if s.w(j) == "." && s.adj(j) {
				j++
			}
			return w == "p", j, true
		}
	}
	return false, 0, false
}

// clock reads clock times with their zone: "4 pm EST", "16:00 New York
// time", "0800 UTC", "midnight Moscow time", "6:40 p.m. (GMT+8)", and
// a day word written right after ("12:00 UTC Monday").
func (s *scanner) clock(i int) (cand, bool) {
	t := s.t(i)
	c := cand{i: i, typ: Time, clock: true}
	var j int
	switch {
	case t.kind == kWord && (t.low == "midnight" || t.low == "noon" || t.low == "midday"):
		if attributive(s.t(i+1)) || s.w(i-1) == "called" || s.w(i-1) == "-" {
			return cand{}, false // "midnight regulations", "the so-called midnight rule"
		}
		c.hour, j = 12, i+1
		if t.low == "midnight" {
			c.hour = 24
		}
	case t.kind == kNum && t.num >= 0 && len(t.low) <= 2 && t.num <= 24:
		c.hour = t.num
		j = i + 1
		hasMin := false
		if s.w(j) == "." && s.adj(j) && s.adj(j+1) && len(s.w(j+1)) == 2 && s.t(j+1).kind == kNum {
			// "6.30am", "9.35 p.m.": British clock times, only with am/pm.
			if _, _, ok := s.ampm(j + 2); !ok {
				return cand{}, false
			}
		}
		if (s.w(j) == ":" || s.w(j) == ".") && s.adj(j) && s.adj(j+1) && s.t(j+1).kind == kNum {
			m := s.t(j + 1)
			if m.kind != kNum || len(m.low) != 2 || m.num > 59 {
				return cand{}, false
			}
			c.min, hasMin, j = m.num, true, j+2
			if s.w(j) == ":" && s.adj(j) && s.t(j+1).kind == kNum && len(s.w(j+1)) == 2 {
				j += 2
			}
			if s.w(j) == ":" && s.adj(j) && s.t(j+1).kind == kNum {
				return cand{}, false // a longer run of numbers
			}
		}
		if pm, k, ok := s.ampm(j); ok {
			if c.hour == 0 || c.hour > 12 {
				return cand{}, false
			}
			if pm && c.hour < 12 {
				c.hour += 12
			}
			if !pm && c.hour == 12 {
				c.hour = 0
			}
			j = k
		} else if !hasMin {
			if s.w(j) == "o" && s.w(j+1) == "'" && s.w(j+2) == "clock" && c.hour <= 12 {
				j += 3
			} else {
				return cand{}, false
			}
		}
	case t.kind == kNum && len(t.low) == 4 && t.num%100 < 60 && t.num/100 <= 24:
		// Military style "0800 GMT", "1600 hours".
		c.hour, c.min = t.num/100, t.num%100
		j = i + 1
		switch s.w(j) {
		case "hours", "hrs", "h":
			j++
		default:
			if _, ok := zoneAbbrev[s.text[s.t(j).start:s.t(j).end]]; !ok || s.t(j).kind != kWord || !s.t(j).upper {
				return cand{}, false
			}
		}
	default:
		return cand{}, false
	}
	j = s.zone(&c, j)
	// A day word written right after: "16:00 UTC today", "12:00 UTC Monday".
	if d, ok := s.dayWord(j); ok {
		c.day, c.hasDay, c.dayGiven = d.day, d.hasDay, true
		j = d.j
	}
	c.j = j
	return c, true
}

// dayWord reads "today", "tomorrow", "yesterday" or a weekday at k.
func (s *scanner) dayWord(k int) (cand, bool) {
	switch s.w(k) {
	case "today", "tomorrow", "yesterday":
		if s.t(k).sent != s.t(k-1).sent {
			return cand{}, false
		}
		c, ok := s.relative(k)
		return c, ok && c.typ == Date
	}
	if _, ok := weekdayOf(s.w(k)); ok && fullWeekday(s.w(k)) && s.t(k).sent == s.t(k-1).sent {
		return s.weekday(k)
	}
	return cand{}, false
}

// zone reads the time zone written at k and records it in c; it returns
// the index after the zone (k when there is none).
func (s *scanner) zone(c *cand, k int) int {
	open := s.w(k) == "(" || s.w(k) == "["
	z := k
	if open {
		z++
	}
	t := s.t(z)
	if t.kind != kWord {
		return k
	}
	raw := s.text[t.start:t.end]
	if place := usZone(raw); place != "" {
		// "4:30 p.m. ET": the American zone, standard or daylight time
		// as the date requires.
		if loc := cityLocation(place); loc != nil {
			j := z + 1
			if open {
				if w := s.w(j); w != ")" && w != "]" {
					return k
				}
				j++
			}
			c.zone, c.loc, c.zoneSet = raw, loc, true
			return j
		}
	}
	if off, ok := zoneAbbrev[raw]; ok && t.upper {
		j := z + 1
		c.zone, c.offset, c.zoneSet = raw, off, true
		c.zoneUTC = off == 0 && (raw == "UTC" || raw == "GMT" || raw == "Z" || raw == "UT")
		// "GMT+8", "UTC +03:00".
		if (raw == "GMT" || raw == "UTC") && (s.w(j) == "+" || s.w(j) == "-" || s.w(j) == "−") && s.t(j+1).kind == kNum && s.t(j+1).num <= 14 {
			h := s.t(j + 1).num
			m := 0
			jj := j + 2
			if s.w(jj) == ":" && s.t(jj+1).kind == kNum {
				m = s.t(jj + 1).num
				jj += 2
			} else if len(s.w(j+1)) == 4 {
				h, m = s.t(j+1).num/100, s.t(j+1).num%100
			}
			off := h*60 + m
			if s.w(j) != "+" {
				off = -off
			}
			c.offset, c.zoneUTC = off, false
			c.zone = s.text[t.start:s.t(jj-1).end]
			j = jj
		}
		if open {
			if w := s.w(j); w == ")" || w == "]" {
				return j + 1
			}
			return k // an unclosed bracket: leave the zone out
		}
		return j
	}
	if open {
		return k
	}
	// "<Place> time", "local time".
	if raw == "local" || t.low == "local" {
		if s.w(z+1) == "time" {
			c.zone = s.text[t.start:s.t(z+1).end]
			return z + 2
		}
		return k
	}
	n := 0
	for n < 3 && s.t(z+n).kind == kWord && s.t(z+n).upper && s.w(z+n) != "time" {
		n++
	}
	if n == 0 || s.w(z+n) != "time" {
		return k
	}
	parts := make([]string, n)
	for q := range n {
		parts[q] = s.w(z + q)
	}
	for q := range n {
		// The longest known suffix: "in New York time" → "new york".
		place := strings.Join(parts[q:], " ")
		if place == "standard" || place == "daylight" {
			continue
		}
		if loc := cityLocation(place); loc != nil {
			c.zone, c.loc, c.zoneSet = s.text[s.t(z+q).start:s.t(z+n).end], loc, true
			c.zoneUTC = place == "greenwich" || place == "universal"
			if c.zoneUTC {
				c.loc = time.UTC
			}
			return z + n + 1
		}
	}
	return k
}

// attributive reports whether t is a noun that "midnight" or "noon"
// before it would only describe ("midnight regulations", "a noon
// rally" is still a time, so the list is of the descriptive uses).
func attributive(t token) bool {
	if t.kind != kWord || t.upper {
		return false
	}
	switch t.low {
	case "regulation", "regulations", "rule", "rules", "action", "actions", "hour", "mass", "oil",
		"snack", "sun", "train", "flight", "show", "express", "madness", "blue", "black", "run":
		return true
	}
	return false
}

// usZone returns the region of an American zone abbreviation that leaves
// daylight saving time unsaid ("ET").
func usZone(raw string) string {
	switch raw {
	case "ET":
		return "eastern"
	case "CT":
		return "central"
	case "MT":
		return "mountain"
	case "PT":
		return "pacific"
	}
	return ""
}
