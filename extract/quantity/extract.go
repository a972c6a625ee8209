package quantity

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax"
)

// maxDigits bounds the integer digits of an amount: longer runs are
// identifiers or garbage, not counts, and are rejected.
const maxDigits = 15

// Extract returns the quantities of text in text order. sentences are the
// text's sentence spans (as extract.Segment returns them); nil makes
// Extract find sentence ends itself. Role, scope and source are looked for
// in the quantity's own sentence.
func Extract(text string, sentences []parallax.Span) []parallax.Quantity {
	q := scanner{text: text}
	q.toks = tokenize(text, sentences, make([]token, 0, len(text)/5+4))
	q.euro = europeanContext(q.toks)
	q.names = nameNumbers(q.toks, text)
	q.run()
	if q.out == nil {
		q.out = []parallax.Quantity{}
	}
	return q.out
}

type scanner struct {
	text string
	toks []token
	// euro is set when the text writes decimals with a comma and
	// thousands with a period ("1.000.000", "2,5").
	euro bool
	// names holds digit strings used as names elsewhere in the text.
	names map[string]bool
	out   []parallax.Quantity
	// Per-sentence caches of the source (sentence index → source).
	srcSent int
	src     string
	srcDone bool
}

func (s *scanner) t(i int) token {
	if i < 0 || i >= len(s.toks) {
		return token{sent: -1}
	}
	return s.toks[i]
}

func (s *scanner) w(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].low
}

func (s *scanner) adj(i int) bool { return i > 0 && i < len(s.toks) && !s.toks[i].space }

func (s *scanner) num(i int) bool { return s.t(i).kind == kNum }

// europeanContext looks for unambiguous European number writing.
func europeanContext(toks []token) bool {
	for i := 0; i+4 < len(toks); i++ {
		a, p, b := toks[i], toks[i+1], toks[i+2]
		if a.kind != kNum || p.space || b.space || b.kind != kNum {
			continue
		}
		if p.low == "." && len(b.low) == 3 && toks[i+3].low == "." && !toks[i+3].space && toks[i+4].kind == kNum && len(toks[i+4].low) == 3 && !toks[i+4].space {
			return true
		}
	}
	return false
}

// amount is a number read from the text.
type amount struct {
	i, j     int // tokens [i, j)
	v        float64
	lo, hi   float64
	bound    string
	kind     string
	unit     string
	digits   bool // written in digits
	yearLike bool // four digits without separators, like a year
}

func (s *scanner) run() {
	for i := 0; i < len(s.toks); {
		a, ok := s.amountAt(i)
		if !ok {
			i++
			continue
		}
		s.out = append(s.out, s.finish(a))
		i = a.j
	}
}

// amountAt reads an amount with its currency, multiplier, percent sign and
// range starting at token i.
func (s *scanner) amountAt(i int) (amount, bool) {
	a := amount{i: i, kind: KindCount, bound: parallax.BoundExact}
	k := i
	// Currency before: "$", "US$", "€", "USD 5".
	if cur := s.currencyBefore(k); cur != "" {
		a.kind, a.unit = KindMoney, cur
		for !s.num(k) && k < i+3 {
			k++
		}
		if !s.num(k) {
			return amount{}, false
		}
	}
	v, j, ok, digits := s.value(k)
	if !ok {
		return amount{}, false
	}
	if k == i && digits && s.excluded(k, j) {
		return amount{}, false
	}
	if tu := s.w(j); timeUnit(tu) || tu == "-" && timeUnit(s.w(j+1)) {
		return amount{}, false // a duration or an age: the timex extractor's
	}
	a.v, a.lo, a.hi, a.j, a.digits = v, v, v, j, digits
	a.yearLike = digits && j == k+1 && len(s.w(k)) == 4 && v >= 1800 && v <= 2100
	if lo, hi, ok := s.vagueAt(k); ok {
		a.lo, a.hi, a.bound = lo, hi, parallax.BoundAbout
	}
	a.j = s.scale(&a, a.j)
	// Ranges: "20-30", "20 to 30", "between 20 and 30".
	if sep := s.w(a.j); (sep == "-" || sep == "–" || sep == "—" || sep == "to" || sep == "and" && s.w(i-1) == "between") && a.bound == parallax.BoundExact {
		k2 := a.j + 1
		if a.kind == KindMoney && s.currencyBefore(k2) != "" {
			k2++ // "$60 million to $70 million"
		}
		if v2, j2, ok2, d2 := s.value(k2); ok2 && d2 == digits && v2 > 0 {
			if !(sep == "-" && s.num(j2) && s.adj(j2)) && !(sep == "to" && s.w(s.boundStart(i)-1) == "from") {
				b := amount{v: v2, lo: v2, hi: v2}
				j2 = s.scale(&b, j2)
				if b.kind == KindPercent || b.kind == KindMoney {
					a.kind = b.kind
					if a.unit == "" {
						a.unit = b.unit
					}
				}
				if b.v/v2 != 1 && a.v == v {
					a.v *= b.v / v2 // "3-5 million"
				}
				if a.v < b.v {
					a.lo, a.hi, a.bound, a.j = a.v, b.v, parallax.BoundRange, j2
				}
				if sep != "and" && sep != "to" && a.kind == KindCount && !s.countNounAt(j2) {
					switch s.w(i - 1) {
					case "a", "an", "the":
						return amount{}, false // "a 5-19 start", "the 65-53 win": a score
					}
				}
			}
		}
	}
	if a.kind == KindCount && a.yearLike {
		// A bare year-like number counts only when a counted noun follows.
		if !s.countNounAt(a.j) {
			return amount{}, false
		}
		switch s.w(i - 1) {
		case "in", "since", "by", "until", "from", "of", "year", "early", "late", "mid", "-", "through":
			return amount{}, false
		}
	}
	return a, true
}

// currencyBefore returns the currency a sign or code at k announces.
func (s *scanner) currencyBefore(k int) string {
	t := s.t(k)
	switch {
	case t.kind == kPunct:
		if c := currencySymbol(t.low); c != "" && s.num(k+1) {
			return c
		}
	case t.kind == kWord && t.upper && len(t.low) <= 3:
		if s.w(k+1) == "$" && s.adj(k+1) && s.num(k+2) {
			switch t.low {
			case "us":
				return "USD"
			case "ca", "c":
				return "CAD"
			case "a", "au":
				return "AUD"
			case "nz":
				return "NZD"
			case "hk":
				return "HKD"
			case "s":
				return "SGD"
			}
			return "USD"
		}
		if raw := s.text[t.start:t.end]; raw == strings.ToUpper(raw) && s.num(k+1) {
			if c := currencySymbol(t.low); c != "" {
				return c
			}
		}
	}
	return ""
}

// value reads a number in digits or words at k: its value, the token after
// it, whether there was one and whether it was written in digits.
func (s *scanner) value(k int) (float64, int, bool, bool) {
	t := s.t(k)
	switch t.kind {
	case kNum:
		v, j, ok := s.digitsAt(k)
		return v, j, ok, true
	case kWord:
		v, j, ok := s.words(k)
		return v, j, ok, false
	}
	return 0, 0, false, false
}

// digitsAt reads "16", "1,000", "1.000" (European), "1 000", "2.5",
// "٣٠".
func (s *scanner) digitsAt(k int) (float64, int, bool) {
	first := s.w(k)
	intPart := first
	frac := ""
	j := k + 1
	groups := 0
	lastSep := ""
	for {
		sep := s.w(j)
		next := s.t(j + 1)
		glued := s.adj(j) && s.adj(j+1) && next.kind == kNum
		switch {
		case sep == "," && glued && len(next.low) == 3 && !s.euro && (lastSep == "" || lastSep == ","):
			intPart += next.low
			j += 2
			groups++
			lastSep = ","
			continue
		case sep == "." && glued && len(next.low) == 3 && (lastSep == "" || lastSep == ".") &&
			(s.euro || lastSep == "." || s.w(j+2) == "." && s.adj(j+2) || lastSep == "" && len(first) <= 3 && s.countNounAt(j+2)):
			intPart += next.low
			j += 2
			groups++
			lastSep = "."
			continue
		case sep == "." && glued && lastSep != ".":
			frac = next.low
			j += 2
		case sep == "," && glued && s.euro && lastSep != ",":
			frac = next.low
			j += 2
		case next.kind == kNum && s.t(j).kind == kNum:
			// handled below
		}
		break
	}
	// "1 000": a space-separated group of three right after.
	if groups == 0 && frac == "" && len(first) <= 3 {
		for s.num(j) && !s.adj(j) && len(s.w(j)) == 3 && s.toks[j].start-s.toks[j-1].end <= 3 && isThinSpace(s.text[s.toks[j-1].end:s.toks[j].start]) {
			intPart += s.w(j)
			j++
			groups++
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > maxDigits || len(frac) > maxDigits {
		return 0, 0, false
	}
	if intPart == "" {
		intPart = "0"
	}
	str := intPart
	if frac != "" {
		str += "." + frac
	}
	v, err := strconv.ParseFloat(str, 64)
	if err != nil {
		return 0, 0, false
	}
	return v, j, true
}

// isThinSpace reports whether gap is one space of any width.
func isThinSpace(gap string) bool {
	switch gap {
	case " ", "\u00a0", "\u202f", "\u2009", "\u2007":
		return true
	}
	return false
}

// words reads "sixteen", "twenty-five", "two hundred", "a dozen",
// "dozens", "tens of thousands", "a handful".
func (s *scanner) words(k int) (float64, int, bool) {
	w := s.w(k)
	switch w {
	case "a", "an":
		switch s.w(k + 1) {
		case "handful":
			return 5, k + 2, true
		case "dozen":
			return 12, k + 2, true
		case "hundred", "thousand", "million", "billion":
			return multiplier(s.w(k + 1)), k + 2, true
		}
		return 0, 0, false
	case "tens", "hundreds":
		if s.w(k+1) == "of" {
			switch s.w(k + 2) {
			case "thousands":
				return 10 * multiplier("thousand") * mult10(w), k + 3, true
			case "millions":
				return 10 * multiplier("million") * mult10(w), k + 3, true
			}
		}
	}
	if lo, _, ok := vague(w); ok {
		if w == "scores" && s.w(k+1) != "of" {
			return 0, 0, false
		}
		return lo, k + 1, true
	}
	v, ok := numberWord(w)
	if !ok {
		return 0, 0, false
	}
	j := k + 1
	if v >= 20 && v < 100 {
		k2 := j
		if s.w(k2) == "-" && s.adj(k2) {
			k2++
		}
		if u, ok := numberWord(s.w(k2)); ok && u < 10 {
			v += u
			j = k2 + 1
		}
	}
	if s.w(j) == "hundred" {
		v *= 100
		j++
		if s.w(j) == "and" {
			if u, j2, ok := s.words(j + 1); ok && u < 100 {
				v += u
				j = j2
			}
		}
	}
	if w == "one" && roleWord(s.w(j)) == "" && unitRole(s.w(j)) == "" {
		return 0, 0, false // "one of the", "one day": not a count
	}
	return v, j, true
}

func mult10(w string) float64 {
	if w == "hundreds" {
		return 10
	}
	return 1
}

// vagueAt returns the range of a vague amount at k ("dozens", "tens of
// thousands", "a handful").
func (s *scanner) vagueAt(k int) (float64, float64, bool) {
	w := s.w(k)
	switch {
	case w == "a" && s.w(k+1) == "handful":
		return 3, 6, true
	case w == "tens" && s.w(k+1) == "of":
		f := multiplier(strings.TrimSuffix(s.w(k+2), "s"))
		return 10 * f, 99 * f, true
	case w == "hundreds" && s.w(k+1) == "of":
		f := multiplier(strings.TrimSuffix(s.w(k+2), "s"))
		return 100 * f, 999 * f, true
	}
	if lo, hi, ok := vague(w); ok {
		return lo, hi, true
	}
	return 0, 0, false
}

// scale applies a multiplier, percent sign or currency word after the
// number at j and returns the token after them.
func (s *scanner) scale(a *amount, j int) int {
	w := s.w(j)
	apply := false
	switch w {
	case "hundred", "thousand", "million", "billion", "trillion", "mln", "mn", "bn", "tn":
		apply = true
	case "m", "b", "k":
		apply = s.adj(j)
	}
	if f := multiplier(w); apply && f > 0 {
		if !(w == "hundred" && a.v >= 100) {
			a.v *= f
			a.lo *= f
			a.hi *= f
			j++
		}
	}
	switch w := s.w(j); {
	case w == "%" || w == "percent" || w == "pct":
		a.kind, a.unit = KindPercent, "%"
		j++
	case w == "per" && s.w(j+1) == "cent":
		a.kind, a.unit = KindPercent, "%"
		j += 2
	case w == "percentage" && s.w(j+1) == "points":
		a.kind, a.unit = KindPercent, "percentage points"
		j += 2
	default:
		if c := currencyWord(w); c != "" {
			a.kind, a.unit = KindMoney, c
			j++
		} else if t := s.t(j); t.kind == kWord && len(t.low) == 3 && s.text[t.start:t.end] == strings.ToUpper(s.text[t.start:t.end]) {
			if c := currencySymbol(t.low); c != "" && a.kind == KindCount {
				a.kind, a.unit = KindMoney, c
				j++
			}
		}
	}
	return j
}

// excluded reports whether the digits at [k, j) are not an amount: part
// of a date, a clock time, an ordinal, a name or number of a thing, a
// phone number or an identifier.
func (s *scanner) excluded(k, j int) bool {
	prev, next := s.t(k-1), s.t(j)
	if s.adj(k) && (prev.kind == kWord || prev.kind == kNum) {
		return true // "A380", "F16"
	}
	if s.adj(k) && prev.kind == kPunct {
		switch prev.low {
		case "#", "@", "/", "+", ":", "_", "=", "\\":
			return true
		case "-", ".":
			if s.t(k-2).kind != kPunct && s.adj(k-1) && s.t(k-2).sent == prev.sent && s.t(k-2).kind != 0 {
				return true // "F-16", "v1.2", "2024-02-05"
			}
		}
	}
	if s.adj(j) && next.kind == kWord {
		switch next.low {
		case "m", "bn", "b", "k", "mn", "tn", "km", "kg", "mm", "cm", "mw", "gw", "kw", "gb", "mb", "tb", "kb", "ghz", "mhz":
		default:
			return true // "125th", "4pm", "1990s", "3D"
		}
	}
	if s.adj(j) && next.kind == kPunct {
		switch next.low {
		case ":", "/", "@", "_":
			if s.num(j + 1) {
				return true // "16:00", "24/7"
			}
		case "-", ".":
			// Three groups joined ("555-0100-22", "05.02.2024") are an id or a date.
			if s.num(j+1) && s.adj(j+1) && (s.w(j+2) == next.low && s.num(j+3) || len(s.w(j+1)) >= 4 && len(s.w(k)) >= 3) {
				return true
			}
		}
	}
	switch s.w(j) {
	case "am", "pm":
		return true
	case "a", "p":
		if s.w(j+1) == "." && s.w(j+2) == "m" {
			return true
		}
	case "st", "nd", "rd", "th":
		return true
	case "o":
		if s.w(j+1) == "'" {
			return true // "4 o'clock"
		}
	}
	if monthWord(prev.low) && prev.kind == kWord || weekdayWord(prev.low) {
		return true
	}
	n := j
	if s.w(n) == "of" {
		n++
	}
	if monthWord(s.w(n)) && s.t(n).upper {
		return true // "5 February"
	}
	if tu := s.w(j); timeUnit(tu) || tu == "-" && timeUnit(s.w(j+1)) {
		return true // a duration or an age
	}
	if prev.kind == kWord && (prev.upper || hasUpper(s.text[prev.start:prev.end])) && prev.sent == s.t(k).sent && !s.sentenceStart(k-1) && !boundWord(prev.low) {
		return true // "Resolution 2334", "Boeing 737", "iPhone 4"
	}
	if s.names[s.w(k)] && j == k+1 && !s.countNounAt(j) {
		return true // "the 787" after "Boeing 787" elsewhere in the text
	}
	if zoneWord(s.text[next.start:next.end]) {
		return true // "0800 GMT"
	}
	pl := prev.low
	if pl == "." && s.t(k-2).kind == kWord {
		pl = s.w(k - 2) // "No. 12"
	}
	switch pl {
	case "no", "number", "page", "chapter", "resolution", "article", "flight", "route", "room", "section", "paragraph", "item", "phase", "version", "level", "grade", "gate", "platform":
		return true
	}
	return false
}

// hasUpper reports whether w has an upper-case letter ("iPhone").
func hasUpper(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// zoneWord reports whether w is a time zone written after clock times.
func zoneWord(w string) bool {
	switch w {
	case "GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "BST", "MSK", "hrs", "hours", "ET", "PT":
		return true
	}
	return false
}

// nameNumbers collects the digit strings the text uses as names or
// models ("Boeing 787", "iPhone 4"), so that "the 787" is not a count.
func nameNumbers(toks []token, text string) map[string]bool {
	var m map[string]bool
	for k := 1; k < len(toks); k++ {
		t, p := toks[k], toks[k-1]
		if t.kind != kNum || p.kind != kWord || p.sent != t.sent || t.space == false {
			continue
		}
		if !(p.upper || hasUpper(text[p.start:p.end])) || boundWord(p.low) || stopWord(p.low) || monthWord(p.low) || weekdayWord(p.low) {
			continue
		}
		if k < 2 || toks[k-2].sent != p.sent {
			// At a sentence start only a name goes on ("Boeing 787 Dreamliner").
			if k+1 >= len(toks) || !toks[k+1].upper || toks[k+1].sent != t.sent {
				continue
			}
		}
		if k+1 < len(toks) && (toks[k+1].low == "," || toks[k+1].low == ".") && !toks[k+1].space {
			continue // "Iraq 1,000": a count after all
		}
		if m == nil {
			m = map[string]bool{}
		}
		m[t.low] = true
	}
	return m
}

// sentenceStart reports whether token k begins its sentence.
func (s *scanner) sentenceStart(k int) bool {
	return k == 0 || s.t(k-1).sent != s.t(k).sent
}

// boundWord lists capitalized words that may stand before a number at a
// sentence start without naming it ("About 30", "Some 40", "Nearly").
func boundWord(w string) bool {
	switch w {
	case "about", "around", "some", "nearly", "almost", "over", "more", "at", "up", "approximately",
		"roughly", "only", "just", "exactly", "fewer", "less", "than", "least", "most", "another", "all", "the", "between", "under", "to":
		return true
	}
	return false
}

// countNounAt reports whether a counted noun follows at j ("2,500
// people", "2003 protesters").
func (s *scanner) countNounAt(j int) bool {
	for n := 0; n < 3; n++ {
		t := s.t(j + n)
		if t.kind != kWord || stopWord(t.low) || t.sent != s.t(j-1).sent || t.upper {
			return false
		}
		if timeUnit(t.low) {
			return false
		}
		if irregularPlural(t.low) || len(t.low) > 3 && strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss") {
			return true
		}
	}
	return false
}
