package entity

import (
	"slices"
	"strings"
)

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
		case nameWord(w) && (i == 0 || !nameWord(s.words[i-1])):
			k := i + 1
			for k < len(s.words) && k < i+3 && nameWord(s.words[k]) {
				k++
			}
			// The title test lowers the word: it comes last, where rare.
			if k+1 < len(s.words) && (s.words[k] == "'s" || s.words[k] == "’s") && possessiveUnits[s.words[k+1]] && !isTitleWord(w) {
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

// services are the armed services, names whether or not a country comes
// before them: "the Navy", "Indian Navy", "the Air Force".
var services = [][]string{{"Royal", "Air", "Force"}, {"Royal", "Navy"}, {"Air", "Force"}, {"Coast", "Guard"},
	{"Marine", "Corps"}, {"National", "Guard"}, {"Navy"}, {"Army"}, {"Marines"}}

// serviceAt returns the number of words of the armed service that starts
// at word i, 0 when none does.
func serviceAt(words []string, i int) int {
	switch words[i] {
	case "Royal", "Air", "Coast", "Marine", "National", "Navy", "Army", "Marines":
	default:
		return 0
	}
	for _, sv := range services {
		if i+len(sv) <= len(words) && slices.Equal(words[i:i+len(sv)], sv) {
			return len(sv)
		}
	}
	return 0
}

// armedServices marks an armed service the tagger left out or cut short,
// with the capitalized words before it ("Indian Navy"), unless a
// capitalized word follows and makes it part of a longer name it should
// find whole.
func armedServices(s *sentence, si int, ms []mention) []mention {
	if s.caps {
		return ms
	}
	var covered []bool
	for i := 0; i < len(s.words); i++ {
		n := serviceAt(s.words, i)
		if n > 0 && covered == nil {
			covered = make([]bool, len(s.words))
			for _, m := range ms {
				for k := m.i; k < m.j; k++ {
					covered[k] = true
				}
			}
		}
		j := i + n
		if n == 0 || j < len(s.words) && nameWord(s.words[j]) {
			continue
		}
		b := i
		for s.words[i] != "Royal" && b > 0 && b > i-3 && !covered[b-1] && nameWord(s.words[b-1]) && !isTitleWord(s.words[b-1]) && !notNames[s.words[b-1]] {
			b--
		}
		if slices.Contains(covered[i:j], true) {
			// The tagger found the service alone: give it the words before.
			for k := range ms {
				if ms[k].i == i && ms[k].j == j {
					ms[k].i, ms[k].typ = b, "ORG"
				}
			}
			continue
		}
		ms = append(ms, mention{s: si, i: b, j: j, typ: "ORG"})
		for k := b; k < j; k++ {
			covered[k] = true
		}
		i = j - 1
	}
	return ms
}

// shortHeads are the head nouns by which a text names again an
// organization it has named in full: "the Iraqi Foreign Ministry … what
// the Ministry deems".
var shortHeads = toSet("Ministry Department Commission Committee Council Agency Court Embassy Tribunal Bureau")

// shortNames adds the short names by which a document names again an
// organization it has named in full: "the 139th" after "the 139th
// Pennsylvania Volunteer Infantry" (an ordinal, also in text in capitals)
// and "the Ministry" after "the Iraqi Ministry of Foreign Affairs" (a head
// noun with its capital) — after "the", outside any name, and before no
// capitalized word or "of" that would make them part of a longer name.
func shortNames(sents []sentence, ms []mention) []mention {
	var keys map[string]bool // ordinals and head nouns named in full
	add := func(w string) {
		if keys == nil {
			keys = map[string]bool{}
		}
		keys[w] = true
	}
	for _, m := range ms {
		if m.typ != "ORG" || m.j-m.i < 2 {
			continue
		}
		ws := sents[m.s].words[m.i:m.j]
		if isOrdinal(ws[0]) {
			add(ws[0])
		}
		for _, w := range ws {
			if shortHeads[w] {
				add(w)
			}
		}
	}
	if keys == nil {
		return ms
	}
	n := len(ms)
	for si := range sents {
		ws := sents[si].words
		for i := 1; i < len(ws); i++ {
			if !keys[ws[i]] || covers(ms[:n], si, i) {
				continue
			}
			if ordinal := isOrdinal(ws[i]); ordinal && !strings.EqualFold(ws[i-1], "the") ||
				!ordinal && (sents[si].caps || ws[i-1] != "the" && ws[i-1] != "The") {
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

// covers reports whether a mention of ms covers word i of sentence si.
func covers(ms []mention, si, i int) bool {
	for _, m := range ms {
		if m.s == si && m.i <= i && i < m.j {
			return true
		}
	}
	return false
}
