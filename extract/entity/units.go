package entity

import "strings"

// unitNouns end the names of military formations: "82nd Airborne
// Division", "47th Separate Mechanized Brigade", "7th Fleet", "101st
// Airborne".
var unitNouns = toSet(`Division Divisions Brigade Brigades Regiment Regiments Battalion Battalions
Corps Army Armies Fleet Squadron Squadrons Wing Infantry Cavalry Artillery Airborne Marines
Flotilla Legion Battery Force Guards Rangers Volunteers`)

// possessiveUnits end formations named after their commander: "Couch's
// Division", "Howe's Brigade".
var possessiveUnits = toSet("Division Brigade Regiment Corps Battery Legion")

// isOrdinal reports whether w is a numeral ordinal: "82nd", "3rd",
// "102d".
func isOrdinal(w string) bool {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 {
		return false
	}
	switch w[i:] {
	case "st", "nd", "rd", "th", "d":
		return true
	}
	return false
}

// units marks military formations, which the tagger reads as a number
// followed by a place or a person: an ordinal, up to four capitalized
// words and a unit noun ("1st Guards Tank Army", "65th Air Division"),
// and a commander's name with a possessive before a unit noun ("Couch 's
// Division"). A formation replaces the names found inside it.
func units(s *sentence, si int, ms []mention) []mention {
	if s.caps {
		return ms
	}
	for i := 0; i < len(s.words); i++ {
		var j int // end of the formation's name, 0 when none starts at i
		switch w := s.words[i]; {
		case isOrdinal(w):
			for k := i + 1; k < len(s.words) && k <= i+5; k++ {
				if !nameWord(s.words[k]) && !isUpperWord(s.words[k]) {
					break
				}
				if unitNouns[s.words[k]] {
					j = k + 1
				}
			}
		case nameWord(w) && !isTitleWord(w) && (i == 0 || !nameWord(s.words[i-1])):
			k := i + 1
			for k < len(s.words) && k < i+3 && nameWord(s.words[k]) {
				k++
			}
			if k+1 < len(s.words) && (s.words[k] == "'s" || s.words[k] == "’s") && possessiveUnits[s.words[k+1]] {
				j = k + 2
			}
		}
		if j == 0 {
			continue
		}
		out := ms[:0]
		for _, m := range ms {
			if m.i < j && m.j > i {
				continue
			}
			out = append(out, m)
		}
		ms = append(out, mention{s: si, i: i, j: j, typ: "ORG"})
		i = j - 1
	}
	return ms
}

// unitShortNames adds "the 139th" where the document has named the
// formation in full ("the 139th Pennsylvania Volunteer Infantry"): an
// ordinal after "the" and before no capitalized word, outside any name.
func unitShortNames(sents []sentence, ms []mention) []mention {
	var ords map[string]bool
	for _, m := range ms {
		if m.typ == "ORG" && m.j-m.i > 1 && isOrdinal(sents[m.s].words[m.i]) {
			if ords == nil {
				ords = map[string]bool{}
			}
			ords[sents[m.s].words[m.i]] = true
		}
	}
	if ords == nil {
		return ms
	}
	covered := map[[2]int]bool{}
	for _, m := range ms {
		for i := m.i; i < m.j; i++ {
			covered[[2]int{m.s, i}] = true
		}
	}
	for si := range sents {
		ws := sents[si].words
		for i := 1; i < len(ws); i++ {
			if !ords[ws[i]] || !strings.EqualFold(ws[i-1], "the") || covered[[2]int{si, i}] {
				continue
			}
			if i+1 < len(ws) && (nameWord(ws[i+1]) || isUpperWord(ws[i+1]) || ws[i+1] == "of") {
				continue
			}
			ms = append(ms, mention{s: si, i: i, j: i + 1, typ: "ORG"})
		}
	}
	return ms
}
