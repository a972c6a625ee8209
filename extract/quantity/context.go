package quantity

import (
	"math"
	"strings"

	"github.com/parallax-news/parallax"
)

// boundStart returns where the bound words before token i start (i when
// there are none).
func (s *scanner) boundStart(i int) int {
	b, _ := s.boundBefore(i)
	return b
}

// boundBefore reads the bound written before the amount at i: "more
// than", "at least", "nearly", "up to", "between".
func (s *scanner) boundBefore(i int) (int, string) {
	w1, w2, w3 := s.w(i-1), s.w(i-2), s.w(i-3)
	switch {
	case w1 == "than" && w2 == "more" && w3 == "no", w1 == "than" && (w2 == "fewer" || w2 == "less") && w3 == "no":
		if w2 == "more" {
			return i - 3, parallax.BoundAtMost
		}
		return i - 3, parallax.BoundAtLeast
	case w1 == "than" && w2 == "more":
		return i - 2, parallax.BoundAtLeast
	case w1 == "than" && (w2 == "fewer" || w2 == "less"):
		return i - 2, parallax.BoundAtMost
	case w2 == "at" && w1 == "least":
		return i - 2, parallax.BoundAtLeast
	case w2 == "at" && w1 == "most":
		return i - 2, parallax.BoundAtMost
	case w2 == "up" && w1 == "to":
		return i - 2, parallax.BoundAtMost
	case w2 == "upwards" && w1 == "of", w2 == "excess" && w1 == "of" && w3 == "in":
		if w2 == "excess" {
			return i - 3, parallax.BoundAtLeast
		}
		return i - 2, parallax.BoundAtLeast
	case w3 == "as" && w2 == "many" && w1 == "as":
		return i - 3, parallax.BoundAtMost
	case w2 == "close" && w1 == "to":
		return i - 2, parallax.BoundAbout
	case (w2 == "just" || w2 == "well") && (w1 == "over" || w1 == "above"):
		return i - 2, parallax.BoundAtLeast
	case w2 == "just" && (w1 == "under" || w1 == "below"):
		return i - 2, parallax.BoundAtMost
	case w2 == "an" && w1 == "estimated":
		return i - 2, parallax.BoundAbout
	}
	switch w1 {
	case "over", "above", "exceeding":
		return i - 1, parallax.BoundAtLeast
	case "under", "below":
		return i - 1, parallax.BoundAtMost
	case "nearly", "almost", "about", "around", "approximately", "roughly", "some", "approx",
		"estimated", "circa", "~", "reportedly":
		if w1 == "reportedly" {
			return i, ""
		}
		return i - 1, parallax.BoundAbout
	case "exactly":
		return i - 1, parallax.BoundExact
	case "between":
		return i - 1, ""
	}
	return i, ""
}

// finish completes an amount with its bound, the thing counted, role,
// scope and source.
func (s *scanner) finish(a amount) parallax.Quantity {
	start, bound := s.boundBefore(a.i)
	if bound != "" && a.bound == parallax.BoundExact {
		a.bound = bound
	}
	end := a.j
	if a.kind == KindCount {
		unit, uend := s.unitAfter(a.j)
		if unit != "" {
			a.unit, end = unit, uend
			if measureUnit(unit) {
				a.kind = KindMeasure
			}
		}
	}
	q := parallax.Quantity{
		Start: s.toks[start].start, End: s.toks[end-1].end,
		Value: a.v, Low: a.lo, High: a.hi, Bound: a.bound, Kind: a.kind, Unit: a.unit,
	}
	// One-sided bounds: "more than 85" allows any larger number, "up to
	// 300" any smaller count.
	switch {
	case a.bound == parallax.BoundAtLeast && a.lo == a.hi:
		q.High = math.Inf(1)
	case a.bound == parallax.BoundAtMost && a.lo == a.hi:
		q.Low = 0
	}
	q.Text = s.text[q.Start:q.End]
	if a.kind == KindCount {
		q.Role = s.role(start, a.j, end, a.unit)
	}
	sent := s.t(a.i).sent
	q.Scope = s.scope(start, end, sent)
	q.Source = s.source(sent)
	return q
}

// unitAfter returns the thing counted after the amount ending at j and the
// token after it: "125 precision munitions" → "munitions", "1,100 of its
// dealerships" → "dealerships".
func (s *scanner) unitAfter(j int) (string, int) {
	k := j
	if s.w(k) == "of" {
		k++
		switch s.w(k) {
		case "the", "its", "their", "his", "her", "our", "those", "these", "them":
			k++
		}
	}
	for n := 0; n < 4; n++ {
		t := s.t(k + n)
		if t.kind != kWord || t.sent != s.t(j-1).sent {
			break
		}
		w := t.low
		if measureUnit(w) {
			return w, k + n + 1
		}
		if stopWord(w) || roleWord(w) != "" && unitRole(w) == "" || timeUnit(w) || w == "dead" || w == "wounded" || w == "injured" {
			break
		}
		if irregularPlural(w) || len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "ous") {
			return w, k + n + 1
		}
		if n == 0 && (w == "more" || w == "others" || w == "other") {
			break
		}
		// Adjectives and nouns used as adjectives: "precision munitions",
		// "Syrian soldiers". A hyphen joins ("Iranian-backed").
		if s.w(k+n+1) == "-" && s.adj(k+n+1) {
			k += 2
		}
	}
	return "", j
}

// role finds the role of a count spanning tokens [start, end) whose number
// ends at numEnd.
func (s *scanner) role(start, numEnd, end int, unit string) string {
	sent := s.t(start).sent
	// After: "16 killed", "16 people were killed", "30 dead".
	k := end
	for n := 0; n < 4; n++ {
		w := s.w(k)
		switch w {
		case "were", "was", "are", "have", "has", "had", "been", "being", "reportedly", "also", "people", "persons", "more", "others", "civilians", "got", "left":
			k++
			continue
		}
		break
	}
	if s.t(k).sent == sent {
		if r := roleWord(s.w(k)); r != "" {
			return r
		}
	}
	if r := unitRole(unit); r == RoleKilled || r == RoleInjured || r == RoleArrested || r == RoleDisplaced || r == RoleEvacuated {
		return r
	}
	// Before: "killing nearly 40", "the death of 16", "injuries to 25".
	k = start - 1
	for n := 0; n < 5 && k >= 0 && s.t(k).sent == sent; n++ {
		w := s.w(k)
		switch w {
		case "of", "to", "at", "the", "a", "an", "rose", "risen", "climbed", "reached", "stood", "stands", "has",
			"had", "is", "was", "reportedly", "another", "some", "least", "than", "more", "toll":
			if w == "toll" && s.w(k-1) != "injury" {
				return RoleKilled
			}
			k--
			continue
		}
		if r := roleWord(w); r != "" {
			return r
		}
		break
	}
	if r := unitRole(unit); r != "" {
		return r
	}
	// A sentence about victims: "The number of victims … is almost 30 people".
	if personUnit(unit) {
		for k := start - 1; k >= 0 && k >= start-15 && s.t(k).sent == sent; k-- {
			if s.t(k).kind == kNum {
				break
			}
			if r := roleWord(s.w(k)); r != "" {
				return r
			}
		}
	}
	return ""
}

// personUnit reports whether a unit counts people (or is left implicit).
func personUnit(u string) bool {
	switch u {
	case "", "people", "persons", "individuals", "civilians", "others", "residents", "children", "women", "men", "palestinians", "iraqis", "syrians":
		return true
	}
	return false
}

// scopeWindow bounds how many tokens away a scope is looked for, which
// also keeps hostile one-sentence texts linear.
const scopeWindow = 40

// scope finds the place the count belongs to: the nearest "in <Place>"
// after it in the sentence, else the nearest before it, or "As for
// <Place>" at the start of the sentence.
func (s *scanner) scope(start, end, sent int) string {
	for k := end; k < len(s.toks) && k < end+scopeWindow && s.toks[k].sent == sent; k++ {
		if s.toks[k].kind == kNum && k > end+1 {
			if _, _, ok := s.placeAt(k); !ok {
				// Another amount: a scope beyond it is its own, unless
				// the two are coordinated ("16 killed and 25 injured in Iraq").
				if s.w(k-1) != "and" && s.w(k-2) != "and" && s.w(k-3) != "and" {
					break
				}
			}
		}
		if s.w(k) == "in" {
			if p, _, ok := s.placeAt(k + 1); ok {
				return p
			}
		}
	}
	for k := start - 1; k >= 0 && k > start-scopeWindow && s.toks[k].sent == sent; k-- {
		if w := s.w(k); w == "in" || (w == "for" && s.w(k-1) == "as") {
			if p, pend, ok := s.placeAt(k + 1); ok && pend <= start {
				return p
			}
		}
	}
	return ""
}

// placeAt reads a place name at k: "Iraq", "the Gaza Strip", "Anbar
// province", "Iraq and Syria", "Deir ez-Zor".
func (s *scanner) placeAt(k int) (string, int, bool) {
	if s.w(k) == "the" {
		k++
	}
	first, ok := s.capSeq(k)
	if !ok {
		return "", 0, false
	}
	j := first
	if s.w(j) == "and" {
		if j2, ok := s.capSeq(j + 1); ok {
			j = j2
		}
	}
	switch s.w(j) {
	case "province", "governorate", "region", "district", "city", "area", "county", "state", "camp", "strip", "valley", "border", "capital":
		j++
	}
	return s.text[s.toks[k].start:s.toks[j-1].end], j, true
}

// capSeq reads a run of capitalized words (with name particles and
// hyphens) at k and returns the token after it.
func (s *scanner) capSeq(k int) (int, bool) {
	t := s.t(k)
	if t.kind != kWord || !t.upper || monthWord(t.low) || weekdayWord(t.low) || pronoun(t.low) {
		return 0, false
	}
	j := k
	for n := 0; n < 6; n++ {
		t := s.t(j)
		if t.sent != s.t(k).sent {
			break
		}
		if t.kind == kWord && t.upper && !(j > k && (monthWord(t.low) || weekdayWord(t.low))) {
			j++
			continue
		}
		if t.kind == kPunct && (t.low == "-" || t.low == "'") && s.adj(j) && s.adj(j+1) && s.t(j+1).kind == kWord {
			j += 2
			continue
		}
		if t.kind == kWord && j > k {
			switch t.low {
			case "al", "ez", "el", "ad", "as", "ar", "an", "bin", "de", "du", "la", "of":
				if nt := s.t(j + 1); nt.kind == kWord && nt.upper || nt.low == "-" {
					j++
					continue
				}
			}
		}
		break
	}
	return j, j > k
}

func pronoun(w string) bool {
	switch w {
	case "he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those", "there", "the", "a", "an":
		return true
	}
	return false
}

// source returns the source the sentence gives for its figures, cached
// per sentence.
func (s *scanner) source(sent int) string {
	if s.srcDone && s.srcSent == sent {
		return s.src
	}
	s.srcSent, s.srcDone = sent, true
	s.src = s.sourceOf(sent, true)
	return s.src
}

// sentenceBounds returns the tokens [a, b) of sentence sent.
func (s *scanner) sentenceBounds(sent int) (int, int) {
	// Binary search for the first token of the sentence.
	lo, hi := 0, len(s.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if s.toks[m].sent < sent {
			lo = m + 1
		} else {
			hi = m
		}
	}
	b := lo
	for b < len(s.toks) && s.toks[b].sent == sent {
		b++
	}
	return lo, b
}

// sourceOf reads "according to X", "as per X", "citing X", "X said" and
// "said X" in sentence sent; a pronoun ("He said") takes the source or
// first name of the sentence before when follow is set.
func (s *scanner) sourceOf(sent int, follow bool) string {
	a, b := s.sentenceBounds(sent)
	if a >= b {
		return ""
	}
	pron := false
	for k := a; k < b; k++ {
		w := s.w(k)
		switch {
		case w == "according" && s.w(k+1) == "to", w == "as" && s.w(k+1) == "per":
			if src := s.phrase(k+2, b); src != "" {
				return src
			}
		case w == "citing":
			if src := s.phrase(k+1, b); src != "" {
				return src
			}
		}
	}
	for k := a; k < b; k++ {
		if !speechVerb(s.w(k)) || s.t(k).upper {
			continue // "United States" is no speech
		}
		// "X said", "X has said", "X (CENTCOM) reported".
		e := k
		for e > a && (s.w(e-1) == "has" || s.w(e-1) == "have" || s.w(e-1) == "had" || s.w(e-1) == "also" || s.w(e-1) == ")" || s.w(e-1) == "later" || s.w(e-1) == "earlier") {
			e--
		}
		st := e
		for st > a && (s.t(st-1).kind == kWord && s.t(st-1).upper || s.w(st-1) == "-" || s.w(st-1) == "(") {
			st--
		}
		for st < e && (s.w(st) == "(" || s.w(st) == "the" || s.w(st) == "The") {
			st++
		}
		if st < e {
			if pronoun(s.w(st)) && e == st+1 {
				pron = true
			} else if st < e && s.w(e-1) != "(" {
				if st > a || e-st <= 4 {
					// "the US Central Command (CENTCOM)": the short name.
					for p := st; p < e-1; p++ {
						if s.w(p) == "(" {
							return s.text[s.toks[p+1].start:s.toks[e-1].end]
						}
					}
					return strings.Trim(s.text[s.toks[st].start:s.toks[e-1].end], "()- ")
				}
			}
		}
		// "said CENTCOM".
		if j, ok := s.capSeq(k + 1); ok && j <= b {
			return s.text[s.toks[k+1].start:s.toks[j-1].end]
		}
	}
	if pron && follow && sent > 0 {
		if src := s.sourceOf(sent-1, false); src != "" {
			return src
		}
		pa, pb := s.sentenceBounds(sent - 1)
		for k := pa; k < pb; k++ {
			if j, ok := s.capSeq(k); ok && j-k >= 2 && (s.w(j) == "," || speechVerb(s.w(j))) {
				return s.text[s.toks[k].start:s.toks[j-1].end]
			}
		}
	}
	return ""
}

// phrase reads the source named at k: a capitalized name ("Reuters news
// agency" → "Reuters"), else a short noun phrase ("a Syrian military
// statement" → "Syrian military statement", "rights groups").
func (s *scanner) phrase(k, b int) string {
	for k < b && (s.w(k) == "the" || s.w(k) == "a" || s.w(k) == "an") {
		k++
	}
	if k >= b {
		return ""
	}
	if j, ok := s.capSeq(k); ok {
		// A name followed by lower-case words is the name ("Reuters news
		// agency"), unless they continue a noun phrase the name qualifies
		// ("Syrian military statement").
		end := j
		n := 0
		for end < b && s.t(end).kind == kWord && !s.t(end).upper && !stopWord(s.w(end)) && n < 3 {
			end++
			n++
		}
		if n > 0 && !adjectival(s.w(k)) {
			end = j
		}
		return s.text[s.toks[k].start:s.toks[end-1].end]
	}
	end := k
	for end < b && end < k+4 && s.t(end).kind == kWord && !stopWord(s.w(end)) {
		end++
	}
	if end == k {
		return ""
	}
	return s.text[s.toks[k].start:s.toks[end-1].end]
}

// adjectival reports whether a capitalized word is a nationality or
// similar adjective ("Syrian", "Iraqi", "American") rather than a name.
func adjectival(w string) bool {
	return strings.HasSuffix(w, "ian") || strings.HasSuffix(w, "ese") || strings.HasSuffix(w, "ish") ||
		strings.HasSuffix(w, "qi") || strings.HasSuffix(w, "can") || strings.HasSuffix(w, "ean") ||
		strings.HasSuffix(w, "i") && len(w) > 4
}
