package timex

import (
	"strconv"
	"time"

	"github.com/parallax-news/parallax"
)

// Types of time expressions.
const (
	Date     = "DATE"
	Time     = "TIME"
	Duration = "DURATION"
	Set      = "SET"
)

// Extract returns the time expressions of text in text order, normalized
// against anchor, the publication time. A zero anchor leaves what it
// would have resolved unknown ("XXXX-02-05", "XXXX-XX-XX"). Offsets are
// byte offsets into text. Extract never panics on any input.
func Extract(text string, anchor time.Time) []parallax.Timex {
	s := scanner{text: text}
	s.toks = tokenize(text, make([]token, 0, len(text)/5+4))
	if !anchor.IsZero() {
		y, m, d := anchor.Date()
		s.dct = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		s.anchored = true
	}
	s.run()
	return s.out
}

// cand is a time expression found over tokens [i, j).
type cand struct {
	i, j  int
	typ   string
	value string
	mod   string
	// day is set when the expression names one calendar day; it becomes
	// the reference of later "the day before" and of clock times of the
	// same sentence.
	day    time.Time
	hasDay bool
	// guessed is set when the year of day was inferred, not written.
	guessed bool
	// ago is set for dates counted back from the publication ("two
	// years ago"), which take the approximators of durations.
	ago bool
	// A clock time waiting for its day: hour and minute, or part of day.
	clock    bool
	hour     int
	min      int
	pod      string
	zone     string
	offset   int // minutes east of UTC, when zoneKnown and loc is nil
	loc      *time.Location
	zoneSet  bool
	zoneUTC  bool // the stated zone is UTC/GMT itself: value gets "Z"
	dayGiven bool
}

type scanner struct {
	text     string
	toks     []token
	dct      time.Time
	anchored bool
	cands    []cand
	out      []parallax.Timex
	// lastDay is the last full date mentioned, in paragraph lastPara.
	lastDay  time.Time
	lastPara int
	hasLast  bool
	// leadDay is the first full date of a sentence of some length (not a
	// date line): the day of the story's main event, which later "that
	// day" and "the day before" count from.
	leadDay time.Time
	hasLead bool
}

// t returns token i, or a zero token beyond the ends.
func (s *scanner) t(i int) token {
	if i < 0 || i >= len(s.toks) {
		return token{num: -1, sent: -1}
	}
	return s.toks[i]
}

// w returns the lower-case text of token i, or "".
func (s *scanner) w(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].low
}

// adj reports whether token i directly follows token i-1 (no space).
func (s *scanner) adj(i int) bool {
	return i > 0 && i < len(s.toks) && !s.toks[i].space
}

func (s *scanner) run() {
	for i := 0; i < len(s.toks); {
		c, ok := s.match(i)
		if !ok || c.j <= i {
			i++
			continue
		}
		s.cands = append(s.cands, c)
		if c.hasDay && c.typ == Date {
			s.lastDay, s.lastPara, s.hasLast = c.day, s.toks[c.i].para, true
			if !s.hasLead && s.sentenceLen(c.i) >= 8 {
				s.leadDay, s.hasLead = c.day, true
			}
		}
		i = c.j
	}
	for k := range s.cands {
		if s.cands[k].clock {
			s.attachDay(k)
		}
	}
	s.out = make([]parallax.Timex, 0, len(s.cands))
	for _, c := range s.cands {
		start, end := s.toks[c.i].start, s.toks[c.j-1].end
		tx := parallax.Timex{Start: start, End: end, Text: s.text[start:end], Type: c.typ, Value: c.value, Mod: c.mod, Zone: c.zone}
		if c.clock && c.zoneSet && c.hasDay && c.pod == "" {
			loc := c.loc
			if loc == nil {
				loc = time.FixedZone(c.zone, c.offset*60)
			}
			y, m, d := c.day.Date()
			u := time.Date(y, m, d, c.hour, c.min, 0, 0, loc).UTC()
			tx.UTC = &u
		}
		s.out = append(s.out, tx)
	}
}

// sentenceLen counts the tokens of the sentence of token i (up to 8).
func (s *scanner) sentenceLen(i int) int {
	sent := s.toks[i].sent
	n := 1
	for k := i - 1; k >= 0 && s.toks[k].sent == sent && n < 8; k-- {
		n++
	}
	for k := i + 1; k < len(s.toks) && s.toks[k].sent == sent && n < 8; k++ {
		n++
	}
	return n
}

// attachDay gives clock time k its day: the one it was written with, else
// the nearest full date of the same sentence, else the publication date.
func (s *scanner) attachDay(k int) {
	c := &s.cands[k]
	if !c.dayGiven {
		best, dist := -1, 1<<30
		sent := s.toks[c.i].sent
		// Only near neighbours can share the sentence; bounding the search
		// keeps a text of nothing but clock times linear.
		for n := max(0, k-30); n < min(len(s.cands), k+31); n++ {
			o := s.cands[n]
			if n == k || !o.hasDay || o.clock || s.toks[o.i].sent != sent {
				continue
			}
			d := o.i - c.j
			if o.i < c.i {
				d = c.i - o.j + 1 // prefer a date after the time on ties
			}
			if d < dist {
				best, dist = n, d
			}
		}
		switch {
		case best >= 0:
			c.day, c.hasDay = s.cands[best].day, true
		case s.anchored:
			c.day, c.hasDay = s.dct, true
		}
	}
	v := "XXXX-XX-XX"
	if c.hasDay {
		v = ymd(c.day)
	}
	if c.pod != "" {
		c.value = v + "T" + c.pod
		return
	}
	c.value = v + "T" + two(c.hour) + ":" + two(c.min)
	if c.zoneUTC {
		c.value += "Z"
	}
}

// match finds the longest expression starting at token i, with its
// modifiers ("early", "the end of", "nearly").
func (s *scanner) match(i int) (cand, bool) {
	tk := s.t(i)
	if tk.kind == kPunct && tk.low != "'" || tk.kind == kWord && !triggers[tk.low] {
		return cand{}, false
	}
	if tk.upper && i > 0 && s.toks[i-1].sent == tk.sent && s.t(i+1).upper && s.t(i+1).kind == kWord {
		switch tk.low {
		case "daily", "weekly", "monthly", "now", "today", "annual", "yearly":
			return cand{}, false // "Anchorage Daily News", "Democracy Now"
		}
	}
	// Date modifiers.
	if mod, k := s.dateMod(i); mod != "" {
		if c, ok := s.core(k); ok && (c.typ == Date || c.typ == Time) && c.value != "PRESENT_REF" && c.value != "PAST_REF" {
			c.i, c.mod = i, mod
			return c, true
		}
	}
	// "earlier today", "later this week": the same value.
	if w := tk.low; w == "earlier" || w == "later" {
		if c, ok := s.core(i + 1); ok && c.typ != Duration && c.typ != Set && c.value != "PRESENT_REF" {
			nw := s.w(i + 1)
			if nw == "today" || nw == "this" || nw == "tonight" || nw == "that" || nw == "in" {
				c.i = i
				return c, true
			}
		}
	}
	// Duration modifiers.
	if mod, k := s.durMod(i); mod != "" {
		if c, ok := s.core(k); ok && (c.typ == Duration || c.ago) {
			c.i, c.mod = i, mod
			if c.ago {
				// "more than two years ago" lies before the date it names.
				switch mod {
				case "MORE_THAN", "EQUAL_OR_MORE":
					c.mod = "BEFORE"
				case "LESS_THAN", "EQUAL_OR_LESS":
					c.mod = "AFTER"
				}
			}
			return c, true
		}
	}
	return s.core(i)
}

// dateMod recognizes "early", "late", "mid-", "the end of"… before a
// date and returns the TIMEX3 mod and where the date starts.
func (s *scanner) dateMod(i int) (string, int) {
	switch s.w(i) {
	case "early":
		return "START", i + 1
	case "late":
		return "END", i + 1
	case "mid":
		if s.w(i+1) == "-" {
			return "MID", i + 2
		}
		return "MID", i + 1
	case "the":
		k := i + 1
		var mod string
		switch s.w(k) {
		case "early", "late", "mid":
			if m, k2 := s.dateMod(k); m != "" {
				return m, k2
			}
			return "", 0
		case "end", "close":
			mod = "END"
		case "beginning", "start", "dawn":
			mod = "START"
		case "middle":
			mod = "MID"
		default:
			return "", 0
		}
		if s.w(k+1) != "of" {
			return "", 0
		}
		return mod, k + 2
	}
	return "", 0
}

// durMod recognizes approximators before a duration.
func (s *scanner) durMod(i int) (string, int) {
	switch s.w(i) {
	case "about", "around", "approximately", "roughly", "some":
		return "APPROX", i + 1
	case "nearly", "almost", "under":
		return "LESS_THAN", i + 1
	case "over":
		if s.w(i+1) == "the" {
			return "", 0
		}
		return "MORE_THAN", i + 1
	case "more", "less", "fewer":
		if s.w(i+1) == "than" {
			if s.w(i) == "more" {
				return "MORE_THAN", i + 2
			}
			return "LESS_THAN", i + 2
		}
	case "at":
		switch s.w(i + 1) {
		case "least":
			return "EQUAL_OR_MORE", i + 2
		case "most":
			return "EQUAL_OR_LESS", i + 2
		}
	case "up":
		if s.w(i+1) == "to" {
			return "EQUAL_OR_LESS", i + 2
		}
	}
	return "", 0
}

// core returns the longest unmodified expression starting at i.
func (s *scanner) core(i int) (cand, bool) {
	var best cand
	found := false
	try := func(c cand, ok bool) {
		if ok && c.j > i && (!found || c.j > best.j) {
			best, found = c, true
		}
	}
	tk := s.t(i)
	switch tk.kind {
	case kNum:
		try(s.clock(i))
		try(s.numericDate(i))
		try(s.slashDay(i))
		try(s.absDate(i))
		try(s.year(i))
		try(s.duration(i))
		try(s.decade(i))
	case kWord:
		try(s.absDate(i))
		try(s.clock(i))
		try(s.relative(i))
		try(s.weekday(i))
		try(s.duration(i))
		try(s.set(i))
		try(s.decade(i))
		try(s.quarter(i))
		try(s.season(i))
	case kPunct:
		try(s.decade(i))
		try(s.year(i))
	}
	return best, found
}

// ---- formatting helpers

func two(n int) string {
	if n >= 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func four(n int) string {
	switch {
	case n < 0:
		return strconv.Itoa(n)
	case n < 10:
		return "000" + strconv.Itoa(n)
	case n < 100:
		return "00" + strconv.Itoa(n)
	case n < 1000:
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func ymd(t time.Time) string {
	y, m, d := t.Date()
	return four(y) + "-" + two(int(m)) + "-" + two(d)
}

func ym(t time.Time) string {
	y, m, _ := t.Date()
	return four(y) + "-" + two(int(m))
}

func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return four(y) + "-W" + two(w)
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// validDay reports whether d is a day of month m of year y (y 0: any
// year, so February 29 is allowed).
func validDay(y int, m time.Month, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	if y == 0 {
		y = 2000
	}
	return d <= time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// fmtNum formats a duration amount: 3, 2.5.
func fmtNum(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
