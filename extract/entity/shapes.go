package entity

import (
	"strings"
	"unicode"
)

// This file holds rules over the shape of a name that the tagger, trained
// on few examples of them, reads badly: streets and facilities,
// institutions, ships, and names cut at a conjunction or a preposition.

// streetNouns end the names of streets, roads and other named structures,
// which are places: "West American Boulevard", "117th Street", "Heathrow
// Airport".
var streetNouns = toSet(`Street Avenue Boulevard Road Lane Drive Highway Freeway Expressway
Parkway Turnpike Square Plaza Bridge Airport Stadium Arena Tunnel Embankment Promenade`)

// streetPrefixes open the names of streets in languages that put the noun
// first: "Rue de Castiglione", "Via Veneto", "Avenida Paulista", "Place
// Vendome". "Interstate 75", "Highway 1" and "Route 66" take a number.
var streetPrefixes = toSet(`Rue Via Avenida Calle Plaza Piazza Praça Rua Strada Boulevard Avenue Place Platz Ulitsa Prospekt`)

var numberedRoads = toSet("Interstate Highway Route")

// institutionNouns end the names of institutions, which act: "Hennepin
// County Medical Center" and "Betty Ford Center" are no place and no
// person. Center and Centre count after a word of medicine, research or
// detention, after a person's name ("Betty Ford Center"), or when the
// tagger read the name as a person's.
var institutionNouns = toSet(`Hospital Hospitals University College School Institute Institution Academy
Clinic Polytechnic Seminary Infirmary Sanatorium`)

var centerQualifiers = toSet(`Medical Health Cancer Research Trauma Detention Rehabilitation Treatment
Counseling Counselling Crisis Heart Children's Care Science Space Conference`)

// shipPrefixes open ships' names, which CoNLL-2003 counts as MISC: "INS
// Mysore", "MV Stolt Valor", "USS Cole".
var shipPrefixes = toSet("USS HMS INS MV HMAS HMCS HMNZS RFA USNS USCGC HNLMS FGS")

// lowerWord reports whether w starts with a lower-case letter.
func lowerWord(w string) bool {
	return unicode.IsLower(firstRune(w))
}

// facilities marks streets and structures as places: a tagged name that
// ends in a street noun, an ordinal before one ("117th Street"), a
// foreign street prefix with the capitalized words and particles after it
// ("Rue de Castiglione") and a numbered road ("Interstate 75").
func facilities(s *sentence, si int, ms []mention) []mention {
	if s.caps {
		return ms
	}
	place := func(i, j int) {
		out := ms[:0]
		for _, m := range ms {
			if m.i < j && m.j > i {
				if m.i < i || m.j > j {
					return // part of a longer name
				}
				continue
			}
			out = append(out, m)
		}
		ms = append(out, mention{s: si, i: i, j: j, typ: "LOC"})
	}
	for i := 0; i < len(s.words); i++ {
		w := s.words[i]
		switch {
		case isOrdinal(w):
			j := i + 1
			for j < len(s.words) && j < i+3 && nameWord(s.words[j]) && !streetNouns[s.words[j]] {
				j++
			}
			if j < len(s.words) && streetNouns[s.words[j]] {
				place(i, j+1)
				i = j
			}
		case numberedRoads[w] && i+1 < len(s.words) && isNumber(s.words[i+1]):
			place(i, i+2)
			i++
		case streetPrefixes[w] && i+1 < len(s.words) && (w != "Place" && w != "Avenue" && w != "Boulevard" || i > 0 && !nameWord(s.words[i-1])):
			j := i + 1
			for j < len(s.words) && j < i+5 && (nameWord(s.words[j]) || isParticleName(s.words[j]) || nameParticles[s.words[j]] || s.words[j] == "des" || s.words[j] == "do") {
				j++
			}
			for j > i+1 && !nameWord(s.words[j-1]) {
				j--
			}
			if j > i+1 {
				place(i, j)
				i = j - 1
			}
		}
	}
	return ms
}

func isNumber(w string) bool {
	if w == "" || len(w) > 5 {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// retypeShape gives a mention the type its last words call for: streets
// and structures are places, institutions organizations. It reports
// false for a ship's name, which is none of PER, ORG and LOC.
func retypeShape(g *gazetteer, s *sentence, m *mention) bool {
	words := s.words[m.i:m.j]
	if shipPrefixes[words[0]] || m.i > 0 && shipPrefixes[s.words[m.i-1]] {
		return false
	}
	last := words[len(words)-1]
	switch {
	case len(words) > 1 && streetNouns[last]:
		m.typ = "LOC"
	case len(words) > 1 && institutionNouns[last]:
		m.typ = "ORG"
	case len(words) > 1 && (last == "Center" || last == "Centre") && (m.typ == "PER" || centerQualifiers[words[len(words)-2]] || g.given[words[0]]):
		m.typ = "ORG"
	case len(words) > 2 && (words[0] == "University" || words[0] == "Institute") && words[1] == "of":
		m.typ = "ORG"
	}
	return true
}

// joinedNames joins two names that are one: an institution and what it
// belongs to ("Geophysics Institute" of "Tehran University"), and the two
// halves of an organization cut at "and" ("Central Election" and
// "Referendum Commission"), when the first half cannot end a name.
func joinedNames(s *sentence, ms []mention) []mention {
	if s.caps || len(ms) < 2 {
		return ms
	}
	sortMentions(ms)
	out := ms[:0]
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		for k+1 < len(ms) {
			n := ms[k+1]
			if n.i < m.j {
				break // overlapping names: nothing to join
			}
			gap := s.words[m.j:n.i]
			last := s.words[m.j-1]
			join := false
			switch {
			case len(gap) == 1 && gap[0] == "of" && m.typ == "ORG" && (institutionNouns[last] || last == "Department" || last == "Faculty") && (n.typ == "ORG" || n.typ == "LOC"):
				join = true
			case len(gap) == 1 && gap[0] == "and" && m.typ == "ORG" && n.typ == "ORG" && m.j-m.i > 1 &&
				!orgNouns[strings.ToLower(last)] && !designators[last] && orgNouns[strings.ToLower(s.words[n.j-1])] && !orgNouns[strings.ToLower(s.words[n.i])]:
				join = true
			}
			if !join {
				break
			}
			m.j = n.j
			k++
		}
		out = append(out, m)
	}
	return out
}
