package entity

import (
	"slices"
	"strings"
	"unicode"
)

// Newswire formats. Agency wires carry lines that are not prose and that
// the tagger, trained on prose, reads badly: headlines opened by a topic
// slug ("CRICKET - ENGLAND WIN SERIES"), results and standings lines
// ("Feyenoord 3 Ajax 1", "PSV Eindhoven 4 3 1 0 9 3 10"), scores inside
// sentences and lists of results ("Sevilla beat Tenerife 2-0"). The rules
// here read the structure of such lines. In them, following the CoNLL-2003
// guidelines, a team named after its country is the country (a place) and
// any other team is an organization, whatever town it is named after.

// sportsCues are words of sports reports: results lines are read as
// teams only in a document with one of the strong cues or two of the weak
// ones, so that a table of casualties by province ("Anbar 25 36") keeps
// its places.
var (
	sportsStrong = toSet("soccer football rugby cricket tennis golf basketball baseball hockey athletics cycling motor racing skiing boxing volleyball handball league innings wicket wickets standings halftime half-time quarter-final quarter-finals semi-final semi-finals quarterfinal semifinal playoff playoffs play-off olympic olympics fifa uefa nba nfl nhl mlb grand prix")
	sportsWeak   = toSet("goal goals scored scorer scorers cup match matches division tournament championship championships season fixture fixtures seeded title coach striker midfielder goalkeeper defender stadium team teams club clubs game games")
)

// sportsDocument reports whether a document, as tagged (sentences in
// capitals truecased), reads as a sports report.
func sportsDocument(doc [][]string) bool {
	weak := map[string]bool{}
	for _, ws := range doc {
		for _, w := range ws {
			lw := strings.ToLower(w)
			if sportsStrong[lw] {
				return true
			}
			if sportsWeak[lw] {
				weak[lw] = true
				if len(weak) >= 2 {
					return true
				}
			}
		}
	}
	return false
}

// headlineSlug drops what the tagger or the gazetteer found in the topic
// slug that opens a headline in capitals ("SOCCER -", "MOTOR RACING -",
// "CRICKET -", a town in GeoNames): one to three words before a dash,
// unless they are a known country, capital or organization (dateline
// marks those that are places).
func headlineSlug(g *gazetteer, s *sentence, ms []mention) []mention {
	if !allCaps(s.orig) {
		return ms
	}
	j := 0
	for j < len(s.orig) && j < 3 && isUpperWord(s.orig[j]) {
		j++
	}
	if j == 0 || j+1 >= len(s.words) || !isDash(s.words[j]) {
		return ms
	}
	if hits := g.lookup(s.words[:j], true, nil); len(hits) == 1 && hits[0].i == 0 && hits[0].j == j {
		switch g.kindOf(g.bestIdx(hits[0].entries, "")) {
		case kindCountry, kindCapital, kindSeat, kindOrg:
			return ms
		}
	}
	out := ms[:0]
	for _, m := range ms {
		if m.i < j {
			continue
		}
		out = append(out, m)
	}
	return out
}

func isDash(w string) bool { return w == "-" || w == "—" || w == "–" || w == "--" }

// isScore reports whether w is a score or a count of a results table: an
// integer of one to three digits.
func isScore(w string) bool {
	if len(w) == 0 || len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// isResult reports whether w is a result written with a dash, "3-1",
// "25-19", "7-6".
func isResult(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	return ok && isScore(a) && isScore(b)
}

// isFigure reports whether w is a number of a table: digits with maybe
// points, commas, slashes or dashes ("3", ".565", "1/2", "7-6", "65,000").
func isFigure(w string) bool {
	digit := false
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r == '.' || r == ',' || r == '/' || r == '-' || r == ':':
		default:
			return false
		}
	}
	return digit
}

// runConnectors may stand inside a team's name ("Sporting de Gijon",
// "Brighton and Hove Albion" is not handled: "and" separates results).
var runConnectors = toSet("de del da do dos di la le van von der den of &")

// nameRun returns the end of the run of capitalized words that starts at
// i (0 when none does), read on the words as written so that lines in
// capitals count.
func nameRun(s *sentence, i int) int {
	j := i
	for j < len(s.orig) {
		w := s.orig[j]
		r := firstRune(w)
		switch {
		case unicode.IsUpper(r) && !strings.ContainsAny(w, "0123456789"):
		case j > i && runConnectors[w] && j+1 < len(s.orig) && unicode.IsUpper(firstRune(s.orig[j+1])):
		default:
			return j
		}
		j++
	}
	return j
}

// teamType is the type of a team's name in a results line: a country
// (or England, Scotland, Wales) is a place, a person the tagger found by
// a known given name stays a person, anything else is an organization.
// ok is false for words that are no team (weekdays, months, pronouns).
func teamType(g *gazetteer, s *sentence, ms []mention, i, j int) (typ string, ok bool) {
	// A weekday may end a club's name ("Sheffield Wednesday"), not open it.
	if w := s.words[i]; notNames[w] || notNames[titleCase(w)] || isTitleWord(w) {
		return "", false
	}
	if j-i == 1 && homeNations[s.words[i]] {
		return "LOC", true
	}
	if hits := g.lookup(s.words[i:j], s.caps || isUpperWord(s.orig[i]), nil); len(hits) == 1 && hits[0].i == 0 && hits[0].j == j-i {
		if k := g.kindOf(g.bestIdx(hits[0].entries, "")); k == kindCountry {
			return "LOC", true
		}
	}
	for _, m := range ms {
		// The longer list of given names holds many a club's first word
		// ("Roda JC Kerkrade", "Willem II Tilburg"): only for a name of
		// two words, a given name and a surname.
		if m.i == i && m.j == j && m.typ == "PER" && (g.given[s.words[i]] || j-i == 2 && g.knownGiven(s.words[i])) {
			return "PER", true
		}
	}
	return "ORG", true
}

// setMention makes words [i, j) one mention of type typ, replacing the
// mentions that overlap them.
func setMention(ms []mention, si, i, j int, typ string) []mention {
	out := ms[:0]
	for _, m := range ms {
		if m.i < j && m.j > i {
			continue
		}
		out = append(out, m)
	}
	return append(out, mention{s: si, i: i, j: j, typ: typ})
}

// resultVerbs report a match between the names on either side ("Sevilla
// beat Tenerife 2-0", "Real Madrid drew 0-0 with Deportivo").
var resultVerbs = toSet("beat beats defeated defeat drew draw lost lose edged thrashed routed crushed hammered trounced overcame upset held downed outplayed")

// resultPreps come between a result verb (and its score) and the other team.
var resultPreps = toSet("with to against by at")

// results types the teams of results and standings lines, of scores inside
// sentences and of results written with a verb:
//
//	Feyenoord 3 Ajax 1
//	Bayern Munich 4 3 1 0 9 3 10
//	NEW YORK 74 57 .565 -
//	... after Celtic 2 Aberdeen 0 on Saturday ...
//	Sevilla beat Tenerife 2-0 and Atletico Madrid lost 1-2 to Celta Vigo
//
// A run of capitalized words followed by a score is a team when the line
// is a table (figures outnumber the words in lower case) and two figures
// or more follow the name, or when a second such run follows the score
// ("Team 2 Team 1"). Inside the brackets that
// follow a team's score, a name followed by a minute is a scorer.
//
// Results and standings lines are read so only in a sports report (sport,
// see sportsDocument): elsewhere a name followed by figures is as likely
// a province in a table of casualties. Results with a verb and a score,
// and players followed by their country, are read anywhere.
func results(g *gazetteer, s *sentence, si int, ms []mention, sport bool) []mention {
	n := len(s.orig)
	figures, lower := 0, 0
	for _, w := range s.orig {
		switch {
		case isFigure(w):
			figures++
		case unicode.IsLower(firstRune(w)):
			lower++
		}
	}
	if figures == 0 {
		return ms
	}
	table := figures > lower
	type run struct{ i, j int }
	var runs []run
	for i := 0; i < n; {
		j := nameRun(s, i)
		if j == i {
			i++
			continue
		}
		runs = append(runs, run{i, j})
		i = j
	}
	depth := 0
	open := make([]bool, n) // inside brackets
	for k, w := range s.orig {
		if w == "(" {
			depth++
		} else if w == ")" && depth > 0 {
			depth--
		}
		open[k] = depth > 0 && w != "("
	}
	teams := false
	for _, rn := range runs {
		followed := rn.j < n && isScore(s.orig[rn.j])
		if !followed || open[rn.i] {
			continue
		}
		// A dateline's place before a date is no team.
		pair := false
		for _, o := range runs {
			if o.j < n && isScore(s.orig[o.j]) && (o.i == afterScore(s, rn.j) || afterScore(s, o.j) == rn.i) {
				pair = true
			}
		}
		// A table's row has two figures or more after the name.
		row := table && rn.j+1 < n && isFigure(s.orig[rn.j+1])
		if !row && !pair || !sport {
			continue
		}
		typ, ok := teamType(g, s, ms, rn.i, rn.j)
		if !ok {
			continue
		}
		ms = setMention(ms, si, rn.i, rn.j, typ)
		teams = true
	}
	if teams {
		// Scorers: "Barcelona 3 ( Giovanni 12 , Pizarro 55 , 80 )".
		for _, rn := range runs {
			if !open[rn.i] || rn.j >= n || !isScore(s.orig[rn.j]) {
				continue
			}
			typ, ok := teamType(g, s, ms, rn.i, rn.j)
			if !ok {
				continue
			}
			if typ == "ORG" {
				typ = "PER"
			}
			ms = setMention(ms, si, rn.i, rn.j, typ)
		}
	}
	// Players with their country: "Marek Holub ( Czech Republic ) beat
	// Tomas Verhagen ( Netherlands ) 6-3 6-4".
	for r, rn := range runs {
		if r+1 >= len(runs) || rn.j-rn.i < 2 || rn.j-rn.i > 4 || open[rn.i] {
			continue
		}
		c := runs[r+1]
		if c.i != rn.j+1 || s.orig[rn.j] != "(" || c.j >= n || s.orig[c.j] != ")" {
			continue
		}
		if typ, ok := teamType(g, s, ms, c.i, c.j); !ok || typ != "LOC" {
			continue
		}
		if typ, ok := teamType(g, s, ms, rn.i, rn.j); ok && typ != "LOC" {
			ms = setMention(ms, si, rn.i, rn.j, "PER")
		}
	}
	// Results with a verb.
	for k := 1; k+1 < n; k++ {
		if !resultVerbs[s.orig[k]] {
			continue
		}
		e := k + 1
		score := false
		if e < n && isResult(s.orig[e]) {
			e++
			score = true
		}
		if e < n && resultPreps[s.orig[e]] {
			e++
		}
		end := nameRun(s, e)
		if end == e {
			continue
		}
		if end < n && isResult(s.orig[end]) {
			score = true
		}
		if !score {
			continue
		}
		b := k
		for b > 0 && (unicode.IsUpper(firstRune(s.orig[b-1])) || b-1 > 0 && runConnectors[s.orig[b-1]] && unicode.IsUpper(firstRune(s.orig[b-2]))) {
			b--
		}
		// "Steffi Graf of Germany beat …": a player and her country, not
		// one team.
		left := k
		if p := slices.Index(s.orig[b:k], "of"); p > 0 {
			if typ, ok := teamType(g, s, ms, b+p+1, k); ok && typ == "LOC" {
				left = b + p
			}
		}
		for _, rn := range [2]run{{b, left}, {e, end}} {
			if rn.i == rn.j {
				continue
			}
			if typ, ok := teamType(g, s, ms, rn.i, rn.j); ok {
				ms = setMention(ms, si, rn.i, rn.j, typ)
			}
		}
	}
	return ms
}

// afterScore returns the index after the score at k and the brackets
// that may follow it with the scorers ("3 ( Giovanni 12 , Pizarro 55 )").
func afterScore(s *sentence, k int) int {
	k++
	if k < len(s.orig) && s.orig[k] == "(" {
		for e := k + 1; e < len(s.orig) && e < k+40; e++ {
			if s.orig[e] == ")" {
				return e + 1
			}
			if s.orig[e] == "(" {
				break
			}
		}
	}
	return k
}
