package quote

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract/internal/names"
)

// gender is what a pronoun or a name tells about a person.
type gender uint8

const (
	unknownGender gender = iota
	male
	female
	plural
	neuter
)

// Mention kinds.
const (
	mPerson    uint8 = iota // a person's name
	mOrg                    // an organization's name
	mPlace                  // a place name, speaking for its government ("Washington said")
	mRole                   // a person by role ("the spokeswoman")
	mOrgNoun                // an organization by kind ("the ministry")
	mPronoun                // he, she, they, it
	mStatement              // an utterance standing for its author ("a message … says")
)

// mention is a possible speaker.
type mention struct {
	t0, t1     int // token range
	start, end int // byte range
	kind       uint8
	name       string // canonical name when known
	id         string
	head       string // lower-case head noun of a role or organization noun phrase
	role       string // lower-case role words next to a name
	gender     gender
	poss       bool
}

// personLike reports whether m can stand for a person.
func (m *mention) personLike() bool {
	return m.kind == mPerson || m.kind == mRole || (m.kind == mPronoun && (m.gender == male || m.gender == female || m.gender == unknownGender))
}

// findMentions lists the possible speakers outside direct quotes, from
// the given entities first and from the extractor's own rules where the
// entities leave gaps, in text order.
func findMentions(text string, toks []token, ents []parallax.Entity) []mention {
	var out []mention
	covered := make([]bool, len(toks))
	// Entities, mapped onto tokens.
	sorted := ents
	byStart := func(a, b parallax.Entity) int { return cmp.Compare(a.Start, b.Start) }
	if !slices.IsSortedFunc(sorted, byStart) {
		sorted = slices.Clone(ents)
		slices.SortStableFunc(sorted, byStart)
	}
	ti := 0
	for _, e := range sorted {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
			continue
		}
		if !hasUpper(text[e.Start:e.End]) {
			continue // "the", "gunned": a tagger's slip, not a name
		}
		if w := strings.ToLower(strings.Trim(text[e.Start:e.End], ". ")); abbrevs[w] || honorific(w) {
			continue // "Mr." alone
		}
		for ti < len(toks) && toks[ti].end <= e.Start {
			ti++
		}
		t0 := ti
		t1 := t0
		for t1 < len(toks) && toks[t1].start < e.End {
			t1++
		}
		if t0 >= t1 || toks[t0].q >= 0 || covered[t0] {
			continue
		}
		// A one-word place or organization followed by a capitalized word
		// the tagger left out is most likely a given name ("Sofia
		// Lindqvist"): the own rules read the whole name.
		if e.Type != parallax.PER && t1-t0 == 1 && t1 < len(toks) && toks[t1].cap && toks[t1].kind == tWord &&
			toks[t1].start <= toks[t0].end+1 && !titleWords[toks[t1].lower] && !orgNouns[toks[t1].lower] && !entityAt(sorted, toks[t1].start) {
			continue
		}
		m := mention{t0: t0, t1: t1, start: e.Start, end: e.End, id: e.ID, name: e.Name, poss: toks[t1-1].poss}
		switch e.Type {
		case parallax.PER:
			m.kind = mPerson
			if t1-t0 == 1 && (titleWords[toks[t0].lower] || orgNouns[toks[t0].lower]) {
				continue // a stray title word tagged as a name
			}
		case parallax.ORG:
			m.kind = mOrg
		case parallax.LOC:
			m.kind = mPlace
			if orgNouns[toks[t1-1].lower] {
				m.kind = mOrg // "Estovian embassy"
			}
		default:
			continue
		}
		if m.name == "" {
			m.name = cleanName(e.Text)
		}
		if e.Role != "" {
			m.role = strings.ToLower(e.Role)
		}
		for k := t0; k < t1; k++ {
			covered[k] = true
		}
		out = append(out, m)
	}
	// Own rules over what the entities left.
	headline := titleCase(text, toks)
	for i := 0; i < len(toks); {
		t := &toks[i]
		if covered[i] || t.q >= 0 || t.kind != tWord {
			i++
			continue
		}
		if t.cap && !headline[t.para] {
			j := capRun(text, toks, covered, i)
			if j > i {
				if ns := nameMentions(text, toks, i, j); len(ns) > 0 {
					out = append(out, ns...)
					for _, n := range ns {
						for k := n.t0; k < n.t1; k++ {
							covered[k] = true
						}
					}
					// Words of the run before the first name are read
					// again below (a sentence-initial "He", "The embassy").
					if ns[0].t0 == i || !isLeadWord(toks[i].lower) {
						i = j
						continue
					}
				} else if !isLeadWord(toks[i].lower) && !isHead(toks[j-1].lower) {
					i = j
					continue
				}
			}
		}
		if g, ok := pronouns[t.lower]; ok && t.lower != "i" && t.lower != "we" {
			out = append(out, mention{t0: i, t1: i + 1, start: t.start, end: t.end, kind: mPronoun, gender: g, head: t.lower})
			i++
			continue
		}
		if (personRoles[t.lower] || orgNouns[t.lower] || statementNouns[t.lower]) && !capOnly[t.lower] {
			if i+1 < len(toks) && toks[i+1].kind == tWord && !toks[i+1].cap && toks[i+1].q < 0 && isHead(toks[i+1].lower) {
				i++ // a modifier: "ministry's spokeswoman", "military statement"
				continue
			}
			if t.poss && headSoon(toks, i) {
				i++ // a possessor: "the rebels' political wing"
				continue
			}
			if m, ok := nounPhrase(text, toks, covered, i); ok {
				out = append(out, m)
			}
		}
		i++
	}
	slices.SortStableFunc(out, func(a, b mention) int { return cmp.Compare(a.t0, b.t0) })
	out = mergeOrgs(text, toks, out)
	personsByContext(toks, out)
	attachRoles(text, toks, out)
	return out
}

// titleCase marks the paragraphs written in title case or capitals
// (headlines), where capitals say nothing about names.
func titleCase(text string, toks []token) map[int]bool {
	out := map[int]bool{}
	for i := 0; i < len(toks); {
		p := toks[i].para
		words, caps := 0, 0
		j := i
		for ; j < len(toks) && toks[j].para == p; j++ {
			if toks[j].kind != tWord {
				continue
			}
			words++
			if toks[j].cap {
				caps++
			}
		}
		// A headline has no final full stop, or is all capitals.
		last := toks[j-1]
		if words >= 4 && caps*10 >= words*7 && (last.lower != "." || upper(text, toks[i:j])) {
			out[p] = true
		}
		i = j
	}
	return out
}

// upper reports whether the words of toks that have two letters or more
// are all in capitals.
func upper(text string, toks []token) bool {
	n := 0
	for _, t := range toks {
		if t.kind != tWord || t.end-t.start < 2 || t.lower == strings.ToUpper(t.lower) {
			continue // punctuation, initials, numbers
		}
		if !allCaps(text, t) {
			return false
		}
		n++
	}
	return n > 0
}

// capRun returns the end of the run of capitalized words starting at i,
// joined by "of", "the", "for", "and", name particles and initials, and
// not crossing an entity or a quote.
func capRun(text string, toks []token, covered []bool, i int) int {
	j := i
	for j < len(toks) && j-i < 12 {
		t := &toks[j]
		if covered[j] || t.q >= 0 || t.para != toks[i].para {
			break
		}
		if t.kind == tWord && (t.cap || isParticle(t.lower)) {
			j++
			if t.poss {
				// "Teachers' Association" goes on; "Russia's envoy" stops.
				if r, _ := utf8.DecodeLastRuneInString(text[t.start:t.end]); (r == '\'' || r == '’') && j < len(toks) && toks[j].cap && toks[j].kind == tWord {
					t.poss = false
					continue
				}
				break
			}
			continue
		}
		// An initial ("Alina L. Romanowski") or an abbreviated title
		// ("Const. Tim Fanning").
		if t.kind == tPunct && t.lower == "." && j > i && (len(toks[j-1].lower) == 1 || abbrevs[toks[j-1].lower]) && j+1 < len(toks) && toks[j+1].cap {
			j++
			continue
		}
		if t.kind == tWord && (t.lower == "of" || t.lower == "for" || t.lower == "and" || t.lower == "the" || t.lower == "on" && j > i && orgNouns[toks[j-1].lower]) &&
			j+1 < len(toks) && toks[j+1].cap && toks[j+1].kind == tWord && !covered[j+1] && toks[j+1].q < 0 {
			j++
			continue
		}
		break
	}
	for j > i && (toks[j-1].kind == tWord && !toks[j-1].cap && !isParticle(toks[j-1].lower) || toks[j-1].kind == tPunct) {
		j-- // a trailing lower-case word, or the full stop of "Const." before a tagged name
	}
	return j
}

func isParticle(w string) bool {
	switch w {
	case "al", "el", "bin", "ibn", "de", "van", "von", "da", "del", "der", "la", "le", "abu", "bint", "ben", "dos", "di":
		return true
	}
	return false
}

// nameMentions reads a run of capitalized words: leading sentence words,
// days and months go; a person's name is the tail after titles and
// nationality words ("Russian Deputy Envoy to the UN Dmitry Polyanskiy");
// a run ending in an organization word names an organization.
func nameMentions(text string, toks []token, i, j int) []mention {
	for i < j && (nonNames[toks[i].lower] || toks[i].kind != tWord) {
		i++
	}
	for j > i && (nonNames[toks[j-1].lower] || toks[j-1].lower == "of" || toks[j-1].lower == "and" || toks[j-1].lower == "for") {
		j--
	}
	if i >= j {
		return nil
	}
	if !orgNouns[toks[j-1].lower] {
		// "Iraq and Syria" are two names; "Security and Defense
		// Committee" is one.
		for k := i + 1; k < j-1; k++ {
			if toks[k].lower == "and" {
				return append(nameMentions(text, toks, i, k), nameMentions(text, toks, k+1, j)...)
			}
		}
	}
	if j-i > 10 {
		return nil // a title-case sentence, not a name
	}
	last := toks[j-1].lower
	if personRoles[last] && !orgNouns[last] || honorific(last) {
		return nil // a title without its name ("United States Ambassador")
	}
	if orgNouns[last] || allCaps(text, toks[j-1]) || titleWords[last] && !nationalities[last] {
		if j-i == 1 && (titleWords[last] || nationalities[last]) && !allCaps(text, toks[j-1]) && !orgNouns[last] {
			return nil
		}
		if j-i == 1 && personRoles[last] {
			return nil
		}
		return []mention{{t0: i, t1: j, start: toks[i].start, end: toks[j-1].end, kind: mOrg,
			name: cleanName(text[toks[i].start:toks[j-1].end]), poss: toks[j-1].poss, head: last}}
	}
	// The person's name is the tail that holds no title or organization
	// word, and starts after the word that follows the last "of" or "for"
	// ("Secretary of the Air Force for Acquisition Marvin Sambur").
	floor := i
	for c := i; c < j-1; c++ {
		if isConnector(toks[c].lower) {
			floor = c + 2
		}
	}
	k := j
	for k > floor {
		w := toks[k-1].lower
		if titleWords[w] || nationalities[w] || orgNouns[w] || allCaps(text, toks[k-1]) && len(w) > 1 {
			break
		}
		k--
	}
	orgBefore := false // "Project on …", "Bank of …"
	for c := i; c+1 < floor; c++ {
		if orgNouns[toks[c].lower] && !titleWords[toks[c].lower] && isConnector(toks[c+1].lower) {
			orgBefore = true
		}
	}
	if floor > i && (k == j || orgBefore && j-k == 1) {
		// "Bank of America": an organization's name.
		return []mention{{t0: i, t1: j, start: toks[i].start, end: toks[j-1].end, kind: mOrg,
			name: cleanName(text[toks[i].start:toks[j-1].end]), poss: toks[j-1].poss, head: last}}
	}
	if k == j {
		return nil
	}
	m := mention{t0: k, t1: j, start: toks[k].start, end: toks[j-1].end, poss: toks[j-1].poss,
		name: cleanName(text[toks[k].start:toks[j-1].end])}
	if j-k == 1 && k == i && nationalities[toks[k].lower] {
		return nil
	}
	m.kind = mPerson
	if j-k == 1 && (k == i || !personRoles[toks[k-1].lower] && !honorific(toks[k-1].lower)) {
		// A single capitalized word may be a surname or a place; a later
		// pass promotes it to a person when a full name ends in it.
		m.kind = mPlace
	}
	if k > i {
		m.role = strings.ToLower(text[toks[i].start:toks[k-1].end])
	}
	m.gender = nameGender(toks[k].lower, toks[j-1].lower, m.role)
	return []mention{m}
}

// nounPhrase reads a role, organization or statement noun phrase ending in
// the noun at h ("the ministry's spokeswoman", "the embassy", "a message").
// A role noun before a name is a title, not a mention.
func nounPhrase(text string, toks []token, covered []bool, h int) (mention, bool) {
	t := &toks[h]
	if personRoles[t.lower] && titleOfName(toks, h) {
		return mention{}, false
	}
	// Extend left over modifiers to a determiner: first over any
	// adjective or noun ("the regional weather service"), else over
	// capitalized and known modifier words only.
	if k, ok := determinerBefore(toks, covered, h); ok {
		m := mention{t0: k, t1: h + 1, start: toks[k].start, end: t.end, head: t.lower, poss: t.poss}
		return finishNounPhrase(text, toks, covered, m, h), true
	}
	s := h
	det := false
	for k := h - 1; k >= 0 && h-k <= 5; k-- {
		p := &toks[k]
		if p.kind != tWord || p.q >= 0 || p.para != t.para || covered[k] && !p.cap {
			break
		}
		switch p.lower {
		case "the", "a", "an", "its", "his", "her", "their", "this", "one", "another", "some", "two", "three", "several":
			s, det = k, true
		}
		if det {
			break
		}
		if p.poss || p.cap || nationalities[p.lower] || titleWords[p.lower] && !isConnector(p.lower) || orgNouns[p.lower] || isModifier(p.lower) {
			s = k
			continue
		}
		break
	}
	if !det && s == h && !t.cap {
		// A bare noun ("officials said") still names a group of speakers,
		// but a bare singular noun is rarely a subject — except in a
		// headline's "…, army says".
		headline := false
		if h > 0 && toks[h-1].lower == "," && h+1 < len(toks) && (personRoles[t.lower] || orgNouns[t.lower]) {
			_, headline = verbs[toks[h+1].lower]
		}
		if !headline && t.lower != "police" && (!strings.HasSuffix(t.lower, "s") || statementNouns[t.lower]) {
			return mention{}, false
		}
	}
	m := mention{t0: s, t1: h + 1, start: toks[s].start, end: t.end, head: t.lower, poss: t.poss}
	return finishNounPhrase(text, toks, covered, m, h), true
}

// determinerBefore finds "the", "a" or a possessive pronoun at most four
// plain words before the noun at h.
func determinerBefore(toks []token, covered []bool, h int) (int, bool) {
	for k := h - 1; k >= 0 && h-k <= 4; k-- {
		p := &toks[k]
		if p.kind != tWord || p.q >= 0 || p.para != toks[h].para || covered[k] && !p.cap {
			return 0, false
		}
		switch p.lower {
		case "the", "a", "an", "its", "his", "her", "their":
			return k, true
		}
		if p.poss && k > 0 && h-k <= 3 {
			// "the rebels' political wing", "the ministry's spokesman";
			// a possessor of several words that an entity covers is read
			// whole ("the Russian Federation's embassy").
			j := k
			for j > 0 && k-j < 4 && covered[j-1] && toks[j-1].cap && toks[j-1].kind == tWord && toks[j-1].q < 0 && toks[j-1].para == toks[h].para {
				j--
			}
			if j > 0 {
				if d := toks[j-1].lower; d == "the" || d == "a" || d == "an" {
					return j - 1, true
				}
			}
			return j, true
		}
		if _, isVerb := verbs[p.lower]; isVerb || isConnector(p.lower) || p.poss || nonNames[p.lower] && !p.cap {
			return 0, false
		}
		// "The UAW issued statement": a past tense after a name is a verb.
		if !p.cap && strings.HasSuffix(p.lower, "ed") && k > 0 && (toks[k-1].cap || pronouns[toks[k-1].lower] != 0) {
			return 0, false
		}
		switch p.lower {
		case "in", "on", "at", "by", "with", "from", "as", "which", "who", "that", "is", "was", "are", "were", "had", "has", "have", "be", "been", "not", "but", "or", "if":
			return 0, false
		}
	}
	return 0, false
}

// finishNounPhrase sets the kind, gender and name of a noun phrase headed
// by the noun at h.
func finishNounPhrase(text string, toks []token, covered []bool, m mention, h int) mention {
	t := &toks[h]
	s := m.t0
	switch {
	case personRoles[t.lower]:
		m.kind = mRole
		m.gender = roleGender(t.lower)
		if strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss") {
			m.gender = plural
		}
	case orgNouns[t.lower]:
		m.kind = mOrgNoun
	default:
		m.kind = mStatement
	}
	m.name = cleanName(text[toks[s].start:t.end])
	for k := s; k <= h; k++ {
		covered[k] = true
	}
	return m
}

// mergeOrgs joins a place and the one-word organization right after it
// into one organization ("US" and "Treasury" are the US Treasury), which
// the entity tagger and the own rules may have read apart.
func mergeOrgs(text string, toks []token, ms []mention) []mention {
	out := ms[:0]
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		if k+1 < len(ms) && m.kind == mPlace && !m.poss && ms[k+1].kind == mOrg && ms[k+1].t0 == m.t1 && ms[k+1].t1-ms[k+1].t0 == 1 {
			n := ms[k+1]
			m.kind, m.t1, m.end, m.poss, m.head = mOrg, n.t1, n.end, n.poss, n.head
			m.name, m.id = cleanName(text[m.start:m.end]), ""
			k++
		}
		out = append(out, m)
	}
	return out
}

// personsByContext turns into persons the names that the entity tagger
// typed as places or organizations but that start with a given name or
// stand in apposition to a person's role ("Bassem Al-Awadi, the
// spokesperson of …").
func personsByContext(toks []token, ms []mention) {
	for k := range ms {
		m := &ms[k]
		if m.kind != mPlace && m.kind != mOrg || m.id != "" && m.t1-m.t0 < 2 {
			continue
		}
		n := m.t1 - m.t0
		if n < 2 || n > 4 || orgNouns[toks[m.t1-1].lower] {
			continue
		}
		first := toks[m.t0].lower
		appos := k+1 < len(ms) && ms[k+1].kind == mRole && ms[k+1].gender != plural && m.t1 < len(toks) && toks[m.t1].lower == "," && ms[k+1].t0 == m.t1+1
		// "the UN envoy for the region, Helga Strand,"
		for j := k - 1; j >= 0 && j >= k-3 && !appos; j-- {
			r := &ms[j]
			if r.kind == mRole && r.gender != plural && m.t0 >= 1 && toks[m.t0-1].lower == "," && m.t0-r.t1 <= 6 {
				appos = true
			}
		}
		// "Labour economist Sofia Lindqvist": a title before a name.
		titled := m.t0 > 0 && toks[m.t0-1].kind == tWord && !toks[m.t0-1].cap && (personRoles[toks[m.t0-1].lower] || honorific(toks[m.t0-1].lower))
		if femaleNames[first] || maleNames[first] || appos || titled {
			m.kind = mPerson
			m.gender = nameGender(first, toks[m.t1-1].lower, "")
		}
	}
}

// hasUpper reports whether s holds an upper-case letter.
func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// entityAt reports whether an entity starts at byte offset b.
func entityAt(ents []parallax.Entity, b int) bool {
	i := sort.Search(len(ents), func(i int) bool { return ents[i].Start >= b })
	return i < len(ents) && ents[i].Start == b
}

// titleOfName reports whether the role noun at h is the title of a name
// that follows it ("spokesman Bassem al-Awadi", "Ambassador to the United
// Nations Samantha Power"), not a mention of its own.
func titleOfName(toks []token, h int) bool {
	k := h + 1
	last := -1
	for k < len(toks) && k-h <= 8 && toks[k].kind == tWord && toks[k].q < 0 {
		t := &toks[k]
		if t.cap {
			last = k
		} else if t.lower != "to" && t.lower != "the" && t.lower != "of" && t.lower != "for" && !isParticle(t.lower) {
			break
		}
		if t.poss {
			break
		}
		k++
	}
	if last < 0 {
		return false
	}
	w := toks[last].lower
	return !titleWords[w] && !orgNouns[w] && !nationalities[w]
}

func isConnector(w string) bool {
	return w == "of" || w == "the" || w == "to" || w == "for" || w == "and" || w == "on"
}

// isLeadWord reports whether a capitalized word may be a pronoun or a
// determiner that starts a sentence.
func isLeadWord(w string) bool {
	_, ok := pronouns[w]
	return ok || w == "the" || w == "a" || w == "an" || w == "this" || w == "its" || w == "his" || w == "her" || w == "their"
}

func honorific(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "dr", "sen", "rep", "gen", "col", "lt", "capt", "prof", "sheikh", "sir", "dame", "lord", "lady":
		return true
	}
	return false
}

// headSoon reports whether a role or organization noun follows token i
// within three words, so that i only modifies it.
func headSoon(toks []token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		if toks[k].kind != tWord || toks[k].q >= 0 {
			return false
		}
		if isHead(toks[k].lower) {
			return true
		}
	}
	return false
}

// capOnly are organization words that name an organization only as part
// of a capitalized name ("The New York Times", not "several times").
var capOnly = set("times", "post", "news", "press", "express", "mail", "star", "sun", "index", "market",
	"exchange", "act", "bill", "plan", "program", "programme", "project", "summit", "conference",
	"games", "cup", "league", "award", "prize", "state", "side", "flight", "road", "street", "square",
	"park", "bay", "sea", "port", "camp", "fund", "house", "union", "city", "united", "tv", "radio")

func isHead(w string) bool {
	return personRoles[w] || orgNouns[w] || statementNouns[w]
}

func isModifier(w string) bool {
	switch w {
	case "official", "government", "military", "foreign", "senior", "top", "former", "deputy", "chief",
		"press", "news", "security", "defense", "defence", "state", "local", "white", "first", "new",
		"written", "joint", "brief", "short", "separate", "presidential", "federal", "national",
		"ministry", "embassy", "army", "police", "health", "interior", "rights", "human", "civil",
		"published", "latest", "recent", "previous", "same", "other", "iraqi", "russian", "american":
		return true
	}
	return nationalities[w]
}

// attachRoles gives each person the role words written next to it — a
// title before the name, or an appositive after it ("Maria Zakharova, the
// Russian Foreign Ministry spokeswoman,") — promotes single words that end
// a full name to that person, and sets genders from roles.
func attachRoles(text string, toks []token, ms []mention) {
	full := map[string]int{} // surname → index of the full-name mention
	for k := range ms {
		m := &ms[k]
		if m.kind != mPerson || m.t1-m.t0 < 2 {
			continue
		}
		last := toks[m.t1-1].lower
		for _, key := range []string{last, stripParticle(last)} {
			if _, ok := full[key]; !ok {
				full[key] = k
			}
		}
	}
	for k := range ms {
		m := &ms[k]
		if m.kind != mPerson && m.kind != mPlace {
			continue
		}
		if m.t1-m.t0 == 1 {
			f, ok := full[toks[m.t0].lower]
			if !ok {
				f, ok = full[stripParticle(toks[m.t0].lower)]
			}
			if ok && f != k {
				m.kind = mPerson
				if ms[f].name != "" {
					m.name = ms[f].name
				}
				if m.id == "" {
					m.id = ms[f].id
				}
				if m.role == "" {
					m.role = ms[f].role
				}
				if m.gender == unknownGender {
					m.gender = ms[f].gender
				}
			}
		}
		if m.kind != mPerson {
			continue
		}
		// Title words right before the name.
		if m.role == "" {
			s := m.t0
			for s > 0 && m.t0-s < 8 && toks[s-1].kind == tWord && toks[s-1].q < 0 && (titleWords[toks[s-1].lower] || personRoles[toks[s-1].lower] || nationalities[toks[s-1].lower] || toks[s-1].cap) {
				s--
			}
			if s < m.t0 {
				m.role = strings.ToLower(text[toks[s].start:toks[m.t0-1].end])
			}
		}
		// An appositive role after the name.
		if m.t1 < len(toks) && toks[m.t1].lower == "," {
			for j := k + 1; j < len(ms) && j <= k+3 && ms[j].t0 <= m.t1+1; j++ {
				if n := &ms[j]; n.t0 == m.t1+1 && n.kind == mRole {
					m.role = strings.TrimSpace(m.role + " " + strings.ToLower(text[n.start:n.end]))
				}
			}
		}
		if m.gender == unknownGender {
			m.gender = nameGender(toks[m.t0].lower, toks[m.t1-1].lower, m.role)
		}
	}
}

// nameGender guesses a person's gender from a given name, a Slavic surname
// ending or a role; unknown fits both pronouns.
func nameGender(first, last, role string) gender {
	for _, w := range strings.Fields(role) {
		if g := roleGender(w); g != unknownGender {
			return g
		}
	}
	switch {
	case femaleNames[first]:
		return female
	case maleNames[first]:
		return male
	}
	// More given names, shared with package entity (see
	// extract/internal/names); the lists above take precedence.
	switch names.Given(first) {
	case names.Female:
		return female
	case names.Male:
		return male
	}
	for _, suf := range []string{"ova", "eva", "skaya", "tskaya", "ina"} {
		if strings.HasSuffix(last, suf) && len(last) > len(suf)+2 {
			return female
		}
	}
	for _, suf := range []string{"ov", "ev", "sky", "skiy", "skyi", "enko"} {
		if strings.HasSuffix(last, suf) && len(last) > len(suf)+2 {
			return male
		}
	}
	return unknownGender
}

func roleGender(w string) gender {
	w = strings.Trim(w, ",.")
	switch {
	case femaleRoles[w]:
		return female
	case maleRoles[w]:
		return male
	}
	return unknownGender
}

func allCaps(text string, t token) bool {
	w := text[t.start:t.end]
	if len(w) < 2 {
		return false
	}
	letters := 0
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters >= 2
}

// stripParticle drops an Arabic article from a surname ("al-Freij").
func stripParticle(w string) string {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "ar-", "an-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p)+1 {
			return w[len(p):]
		}
	}
	return w
}

// cleanName drops a leading article and a possessive ending.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"the ", "The ", "THE ", "a ", "A ", "an ", "An "} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	return s
}
