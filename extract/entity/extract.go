package entity

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract/entity/internal/tagger"
)

//go:embed data/model.bin.gz
var modelData []byte

// Extractor finds entity mentions with one tagger model. The zero value is
// not usable; use New, or the package-level Extract for the embedded model.
type Extractor struct {
	model *tagger.Model
}

var (
	defaultOnce sync.Once
	defaultExt  *Extractor
	defaultErr  error
)

// Default returns the extractor with the embedded model, loading it on
// first use.
func Default() (*Extractor, error) {
	defaultOnce.Do(func() { defaultExt, defaultErr = New(bytes.NewReader(modelData)) })
	return defaultExt, defaultErr
}

// New returns an extractor using the tagger model read from r (a file
// written by the training command), for evaluating other models.
func New(r io.Reader) (*Extractor, error) {
	m, err := tagger.Load(r)
	if err != nil {
		return nil, fmt.Errorf("load entity model: %w", err)
	}
	loadGazetteer()
	return &Extractor{model: m}, nil
}

// Extract returns the people, organizations and places text names, in text
// order, with canonical ids, using the embedded model. Sentences are byte
// spans into text (as extract.Segment returns); when nil, each line is a
// sentence.
func Extract(text string, sentences []parallax.Span) []parallax.Entity {
	x, err := Default()
	if err != nil {
		return nil // the embedded model is tested; this cannot happen in a release
	}
	return x.Extract(text, sentences)
}

// maxWindow bounds the words tagged at once, so that a megabyte without
// punctuation costs linear time and bounded memory.
const maxWindow = 400

// sentence is one tagged stretch of text.
type sentence struct {
	toks  []Token
	words []string // as tagged: sentences in capitals truecased
	orig  []string // as written
	gaz   []match
	tags  []int
	caps  bool
}

// Extract is the package-level Extract with this extractor's model.
func (x *Extractor) Extract(text string, sentences []parallax.Span) []parallax.Entity {
	if sentences == nil {
		sentences = lines(text)
	}
	g := loadGazetteer()
	// All sentences' tokens, words, labels and tags share arrays that
	// are reused from call to call.
	ws := workspaces.Get().(*workspace)
	defer ws.release()
	sents := make([]sentence, 0, len(sentences))
	all := ws.toks[:0]
	for _, sp := range sentences {
		if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
			continue
		}
		from := len(all)
		all = Tokenize(text, sp.Start, sp.End, all)
		for k := from; k < len(all); k += maxWindow {
			sents = append(sents, sentence{toks: all[k:min(len(all), k+maxWindow)]})
		}
	}
	ws.toks = all
	words := grow(&ws.words, len(all))
	labels := grow(&ws.labels, len(all))
	classes := grow(&ws.classes, len(all))
	tags := grow(&ws.tags, len(all))
	// Re-slice: appending may have moved the array under earlier
	// sentences, which still see the old one.
	off := 0
	for i := range sents {
		n := len(sents[i].toks)
		sents[i].toks = all[off : off+n : off+n]
		sents[i].words = words[off : off+n : off+n]
		sents[i].tags = tags[off : off : off+n]
		for k, t := range sents[i].toks {
			sents[i].words[k] = t.Text
		}
		off += n
	}
	doc := make([][]string, len(sents))
	for i := range sents {
		doc[i] = sents[i].words
	}
	for i, words := range truecase(g, doc, x.model.Lower) {
		sents[i].orig = sents[i].words
		sents[i].words = words
		doc[i] = words
	}
	caps := make([]bool, len(sents))
	for i := range sents {
		sents[i].caps = allCaps(sents[i].words)
		caps[i] = sents[i].caps
	}
	hints := docHints(doc, caps)
	ctx := docContexts(doc)
	off = 0
	for i := range sents {
		s := &sents[i]
		s.gaz = g.lookup(s.words, s.caps, nil)
		n := len(s.words)
		gaz, cls := labelsFrom(g, s.words, s.gaz, x.model.Lower, labels[off:off+n:off+n], classes[off:off+n:off+n])
		ts := tagger.Sentence{Words: s.words, Gaz: gaz, Cls: cls, Doc: hints[i], Ctx: ctx[i]}
		s.tags = x.model.Tag(&ts, s.tags)
		off += n
	}
	ents := make([]mention, 0, len(all)/8+4)
	sport := sportsDocument(doc)
	for i := range sents {
		ents = append(ents, combine(g, text, &sents[i], i, sport)...)
	}
	ents = shortNames(sents, ents)
	ents = harmonize(g, sents, ents, hints)
	return resolveDocument(g, text, sents, ents)
}

// workspace holds the arrays of one Extract call, pooled: they are
// proportional to the text and needed only while it is analyzed.
type workspace struct {
	toks    []Token
	words   []string
	labels  []string
	classes []string
	tags    []int
}

var workspaces = sync.Pool{New: func() any { return new(workspace) }}

// release returns ws to the pool without the strings of the text it saw,
// unless a huge text made it too large to keep.
func (ws *workspace) release() {
	if cap(ws.toks) > 1<<16 {
		return
	}
	clear(ws.toks[:cap(ws.toks)])
	clear(ws.words[:cap(ws.words)])
	clear(ws.labels[:cap(ws.labels)])
	clear(ws.classes[:cap(ws.classes)])
	workspaces.Put(ws)
}

// grow returns (*s)[:n], reallocating when too small.
func grow[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
	}
	return (*s)[:n]
}

// lines returns each non-blank line of text as a sentence.
func lines(text string) []parallax.Span {
	var out []parallax.Span
	off := 0
	for line := range strings.Lines(text) {
		s, e := off, off+len(line)
		off = e
		for e > s && (text[e-1] == '\n' || text[e-1] == '\r') {
			e--
		}
		if strings.TrimSpace(text[s:e]) != "" {
			out = append(out, parallax.Span{Start: s, End: e})
		}
	}
	return out
}

// mention is an entity mention before canonicalization: words [i, j) of
// sentence s.
type mention struct {
	s, i, j int
	typ     string
	entry   *entry // gazetteer entry when the name is known
	role    string
	aff     string
}

// commonCaps are acronyms that are also English words: in all-caps text
// they say nothing.
var commonCaps = toSet("US IT IS AT AS WHO AP AU ON IN OR AN NO SO TO UP WE")

// combine merges the tagger's spans, the gazetteer's hits and the title
// patterns of one sentence. The tagger decides where names are; a curated
// gazetteer name (country, organization, region, capital) fills what it
// missed and fixes the type of what it found; titles are cut off people's
// names and kept as their role.
func combine(g *gazetteer, text string, s *sentence, si int, sport bool) []mention {
	var ms []mention
	for i := 0; i < len(s.tags); {
		t := s.tags[i]
		if t == tagger.O || t%2 == 0 { // O or a stray I-
			if t == tagger.O {
				i++
				continue
			}
		}
		typ := tagger.TagNames[t][2:]
		inside := t // the I- tag of the type: B- tags are odd, I- even
		if t%2 == 1 {
			inside = t + 1
		}
		j := i + 1
		for j < len(s.tags) && s.tags[j] == inside {
			j++
		}
		ms = append(ms, mention{s: si, i: i, j: j, typ: typ})
		i = j
	}
	covered := make([]int, len(s.words)) // 1 + index into ms
	for k, m := range ms {
		for i := m.i; i < m.j; i++ {
			covered[i] = k + 1
		}
	}
	for _, gm := range s.gaz {
		x := g.bestIdx(gm.entries, "")
		kind, typ := g.kindOf(x), g.typOf(x)
		if kind == kindDemonym || kind == kindCity || kind == kindRegion {
			continue
		}
		if k := covered[gm.i]; k > 0 && ms[k-1].i == gm.i && ms[k-1].j == gm.j && (kind == kindSeat || kind == kindCapital) {
			ms[k-1].typ = "LOC" // a capital the tagger took for a team or a firm
			continue
		}
		if k := covered[gm.i]; k > 0 && ms[k-1].i == gm.i && ms[k-1].j < gm.j && (kind == kindSeat || kind == kindCapital || kind == kindCountry) &&
			!s.caps && unicode.IsUpper(firstRune(s.words[gm.i])) && !slices.ContainsFunc(covered[ms[k-1].j:gm.j], func(c int) bool { return c > 0 }) {
			// The tagger broke a known place's name ("Deir" of "Deir
			// ez-Zor"): the gazetteer has the whole name and its type.
			m := &ms[k-1]
			for i := m.j; i < gm.j; i++ {
				covered[i] = k
			}
			m.j, m.typ = gm.j, typ
			continue
		}
		// Capitals and provincial seats are names when capitalized, unless
		// a sentence's first word alone, where case says nothing.
		if (kind == kindSeat || kind == kindCapital) && (gm.i == 0 && gm.j-gm.i == 1 || s.caps || !unicode.IsUpper(firstRune(s.words[gm.i]))) {
			continue
		}
		if gm.j-gm.i == 1 && s.caps && commonCaps[s.words[gm.i]] {
			continue
		}
		if gm.j-gm.i == 1 && commonCaps[s.words[gm.i]] && s.words[gm.i] != "US" && s.words[gm.i] != "UN" {
			continue
		}
		// Exactly a tagged name: the gazetteer knows its type.
		if k := covered[gm.i]; k > 0 && ms[k-1].i == gm.i && ms[k-1].j == gm.j {
			ms[k-1].typ = typ
			continue
		}
		free := true
		for i := gm.i; i < gm.j; i++ {
			if covered[i] > 0 {
				free = false
			}
		}
		if free && g.isDirect(x) && partOfLonger(s, gm.i, gm.j) {
			// "Times" of "The Sunday Times", "Commonwealth" of "British
			// Commonwealth of Nations": a longer name the list lacks.
			free = false
		}
		if free {
			ms = append(ms, mention{s: si, i: gm.i, j: gm.j, typ: typ})
		}
	}
	ms = dateline(g, s, si, ms)
	ms = headlineSlug(g, s, ms)
	ms = titledNames(g, s, si, ms)
	ms = corporate(s, si, ms)
	ms = units(s, si, ms)
	ms = armedServices(s, si, ms)
	ms = facilities(s, si, ms)
	ms = ministries(g, s, si, ms)
	ms = fixPersons(g, s, ms)
	ms = splitLists(g, s, ms)
	ms = joinParticles(s, ms)
	ms = results(g, s, si, ms, sport)
	ms = acronyms(s, si, ms)
	ms = joinedNames(s, ms)
	out := ms[:0]
	for _, m := range ms {
		// Lower-case words before a name ("northeastern Syria").
		for m.i < m.j-1 && !hasUpper(s.words[m.i]) && !s.caps && !isOrdinal(s.words[m.i]) {
			m.i++
		}
		// Lower-case words after it ("Qeshm island", "the Carlton hotel").
		for m.j-1 > m.i && lowerWord(s.words[m.j-1]) && !s.caps {
			m.j--
		}
		m = extendParticles(s, m)
		if m.typ != "PER" && m.j-m.i > 1 && (s.words[m.i] == "The" || s.words[m.i] == "the") {
			m.i++
		}
		if !retypeShape(g, s, &m) {
			continue
		}
		if m.typ == "ORG" && m.j-m.i == 1 && m.j < len(s.words) && leaderNouns[s.words[m.j]] && len(g.lookup(s.words[m.i:m.j], false, nil)) == 0 {
			m.typ = "PER" // "the Assad regime", "the Obama administration"
		}
		if m.j-m.i == 1 && m.j < len(s.words) && s.words[m.j] == "$" && isUpperWord(s.words[m.i]) {
			continue // "US $ 160 million": a currency, not the country
		}
		if m.typ == "LOC" && m.j-m.i > 1 && g.demonymOf[strings.ToLower(s.words[m.i])] != "" && len(g.lookup(s.words[m.i:m.j], false, nil)) == 0 {
			// "Soviet Turkmenistan": the demonym qualifies the place.
			if hits := g.lookup(s.words[m.i+1:m.j], false, nil); len(hits) == 1 && hits[0].i == 0 && hits[0].j == m.j-m.i-1 {
				m.i++
			}
		}
		if m.j-m.i == 1 && notNames[s.words[m.i]] {
			continue
		}
		if onlyDemonyms(g, s.words[m.i:m.j]) {
			continue // "Israeli", "Palestinian-Israeli": not names of places or groups
		}
		if eventName(s.words[m.i:m.j]) {
			continue
		}
		if m.typ == "PER" && m.j-m.i > 1 {
			// "Ministry of Foreign Affairs" is no person, whatever the tagger
			// made of "Foreign".
			for _, w := range s.words[m.i:m.j] {
				if orgNouns[strings.ToLower(w)] || w == "Affairs" {
					m.typ = "ORG"
					break
				}
			}
		}
		if m.typ == "PER" {
			// Titles the tagger took for part of the name.
			for m.i < m.j-1 && (IsTitleWord(s.words[m.i]) || IsTitleWord(strings.TrimSuffix(s.words[m.i], "."))) {
				m.i++
			}
			if m.j-m.i == 1 && IsTitleWord(s.words[m.i]) {
				continue
			}
		}
		for m.j > m.i && (s.words[m.j-1] == "'s" || s.words[m.j-1] == "’s" || isPunct(s.words[m.j-1]) && s.words[m.j-1] != ".") {
			m.j--
		}
		for m.i < m.j && isPunct(s.words[m.i]) {
			m.i++
		}
		if m.i >= m.j {
			continue
		}
		if m.typ == "PER" {
			m.role, m.aff = roleOf(g, s.words, m.i, m.j)
		}
		out = append(out, m)
	}
	sortMentions(out)
	return out
}

// leaderNouns follow a leader's surname that names a government by him.
var leaderNouns = toSet("regime administration government")

// notNames are capitalized words the tagger sometimes takes for names.
var notNames = toSet(`We I He She They It The A An This That These Those Our His Her Their Its My
Your You There Here But And Or If When While In On At As So Us Him Them Who What Why How Mr Mrs Ms
Dr Sir Madam Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December RT Via`)

// partOfLonger reports whether words i..j of s sit inside a longer run of
// capitalized words (not in text all in capitals, where every word is).
func partOfLonger(s *sentence, i, j int) bool {
	if s.caps {
		return false
	}
	// A sentence's first word is capitalized whatever it is, and "The"
	// opens names without being one ("The Economist").
	if i > 1 && unicode.IsUpper(firstRune(s.words[i-1])) && s.words[i-1] != "The" {
		return true
	}
	return j < len(s.words) && unicode.IsUpper(firstRune(s.words[j]))
}

// NotName reports whether a capitalized word is one that is not a name by
// itself (pronouns, weekdays, months), for the training command's checks
// of partially annotated corpora.
func NotName(w string) bool { return notNames[w] }

func hasUpper(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// eventHeads end names of events, contests and prizes ("World Cup", "Super
// Bowl", "Nobel Prize", "Commonwealth Games"), and eventOpeners open them
// ("Battle of Gettysburg", "Operation Market Garden"): names, but not of
// people, organizations or places (MISC in CoNLL terms), however the
// tagger typed them.
var (
	eventHeads   = toSet("Cup Cups Bowl Trophy Award Awards Prize Prizes Festival Championship Championships Games Olympics Olympiad Prix Tournament Marathon Open Masters Classic")
	eventOpeners = toSet("Battle Siege Operation")
)

func eventName(words []string) bool {
	if len(words) == 0 {
		return false
	}
	if eventHeads[words[len(words)-1]] {
		return true
	}
	return len(words) > 1 && eventOpeners[words[0]]
}

// regionalAdjectives are adjectives and language names of regions,
// peoples and faiths that no country's demonyms cover: like demonyms they
// are not names of places or groups (MISC in CoNLL terms).
var regionalAdjectives = toSet(`african africans asian asians european europeans arab arabs arabic
latin hebrew english scottish welsh persian farsi hindi urdu mandarin cantonese swahili kurdish kurds pashto
scandinavian caribbean balkan baltic nordic western eastern westerners
muslim muslims christians jewish jews sunni sunnis shia shiite shiites catholic catholics
protestant protestants islamic hindu hindus buddhist buddhists`)

// onlyDemonyms reports whether words are demonyms ("Israeli",
// "Palestinian-Israeli", "US-led", "South African" are adjectives, not
// names).
func onlyDemonyms(g *gazetteer, words []string) bool {
	if len(words) == 2 && (words[0] == "North" || words[0] == "South" || words[0] == "East" || words[0] == "West") {
		w := strings.ToLower(words[1])
		_, ok := g.demonymOf[w]
		return ok || regionalAdjectives[w]
	}
	if len(words) != 1 {
		return false
	}
	parts := strings.Split(words[0], "-")
	for k, p := range parts {
		if k == len(parts)-1 && k > 0 && (p == "led" || p == "backed" || p == "based" || p == "born") {
			continue
		}
		if regionalAdjectives[strings.ToLower(p)] {
			continue
		}
		if _, ok := g.demonymOf[strings.ToLower(p)]; !ok {
			return false
		}
		es := g.exactEntries(p)
		for _, x := range es {
			if k := g.kindOf(x); k != kindDemonym && k != kindRegion && k != kindCity {
				return false
			}
		}
	}
	return true
}

// particle matches the Arabic, Dutch, French… particles joined to a name
// by a hyphen ("al-Awadi", "ez-Zor", "bin-Salman").
func isParticleName(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	if !ok || rest == "" || !unicode.IsUpper(firstRune(rest)) {
		return false
	}
	switch strings.ToLower(p) {
	case "al", "el", "ez", "ad", "ar", "as", "ash", "az", "ed", "er", "es", "at", "bin", "ibn", "abu", "ben", "de", "da", "van", "von", "le", "la", "ul":
		return true
	}
	return false
}

// extendParticles grows a name over a following particle name the tagger
// left out ("Deir" + "ez-Zor").
// nameParticles are the lower-case words inside people's names: "Dorothea
// von Schlegel", "Joaquin de la Pazuela", "Rafael van der Vaart".
var nameParticles = toSet("von van de da del della der den di du dos das la le y zu ten ter")

// joinParticles makes one person of a person's name, one to three name
// particles and the capitalized words after them, which the tagger often
// cuts in two ("Dorothea" and "Schlegel" in "Dorothea von Schlegel") or
// cuts short ("Henrique Lopes" de Mendonça).
func joinParticles(s *sentence, ms []mention) []mention {
	if s.caps || len(ms) == 0 {
		return ms
	}
	sortMentions(ms)
	out := ms[:1]
	for _, m := range ms[1:] {
		last := &out[len(out)-1]
		if last.typ == "PER" && (m.typ == "PER" || m.j-m.i == 1) && particlesBetween(s.words, last.j, m.i) {
			last.j = m.j
			continue
		}
		out = append(out, m)
	}
	// Capitalized words after particles that no mention covers.
	for k := range out {
		m := &out[k]
		if m.typ != "PER" {
			continue
		}
		e := m.j
		for e < len(s.words) && e-m.j < 3 && nameParticles[s.words[e]] {
			e++
		}
		if e == m.j || e >= len(s.words) || !nameWord(s.words[e]) || k+1 < len(out) && out[k+1].i <= e {
			continue
		}
		for e < len(s.words) && nameWord(s.words[e]) && (k+1 >= len(out) || out[k+1].i > e) {
			e++
		}
		m.j = e
	}
	return out
}

// acronyms adds the acronym a name defines in parentheses ("London and
// South Western Railway (LSWR)", "Palestine Liberation Organisation (PLO)")
// when the tagger missed it, with the name's type: an acronym whose letters
// are initials of the words before it, in order, names the same thing.
func acronyms(s *sentence, si int, ms []mention) []mention {
	if s.caps {
		return ms
	}
	n := len(ms)
	for k := 0; k < n; k++ {
		m := ms[k]
		a := m.j + 1
		if a+1 >= len(s.words) || s.words[m.j] != "(" || s.words[a+1] != ")" || !isAcronym(s.words[a]) {
			continue
		}
		if slices.ContainsFunc(ms, func(o mention) bool { return o.i <= a && a < o.j }) {
			continue
		}
		if !initialsOf(s.words[max(0, m.i-3):m.j], s.words[a]) {
			continue
		}
		ms = append(ms, mention{s: si, i: a, j: a + 1, typ: m.typ})
	}
	return ms
}

// isAcronym reports whether w is two to eight capitals, maybe with digits
// or "&".
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 8 {
		return false
	}
	caps := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'A' && c <= 'Z':
			caps++
		case c >= '0' && c <= '9', c == '&':
		default:
			return false
		}
	}
	return caps >= 2
}

// initialsOf reports whether the capitals of acronym are, in order, the
// initials of some of words ("WSOP" of "World Series of Poker").
func initialsOf(words []string, acronym string) bool {
	var letters []byte
	for i := 0; i < len(acronym); i++ {
		if c := acronym[i]; c >= 'A' && c <= 'Z' {
			letters = append(letters, c)
		}
	}
	k := 0
	for _, w := range words {
		if k < len(letters) && w != "" && unicode.ToUpper(firstRune(w)) == rune(letters[k]) {
			k++
		}
	}
	return k == len(letters) && len(letters) >= 2
}

// particlesBetween reports whether words [i, j) are one to three name
// particles.
func particlesBetween(words []string, i, j int) bool {
	if j-i < 1 || j-i > 3 {
		return false
	}
	for _, w := range words[i:j] {
		if !nameParticles[w] {
			return false
		}
	}
	return true
}

func extendParticles(s *sentence, m mention) mention {
	for m.j < len(s.words) && isParticleName(s.words[m.j]) {
		m.j++
	}
	return m
}

// titledNames adds the names that follow a title but that the tagger
// missed: "spokesman Bassem al-Awadi", "Envoy to the UN Dmitry
// Polyanskiy". Two to four capitalized words after a title are a person.
func titledNames(g *gazetteer, s *sentence, si int, ms []mention) []mention {
	covered := make([]bool, len(s.words))
	for _, m := range ms {
		for i := m.i; i < m.j; i++ {
			covered[i] = true
		}
	}
	if s.caps {
		return ms
	}
	for i := 1; i < len(s.words); i++ {
		if covered[i] || !nameWord(s.words[i]) || isTitleWord(s.words[i]) {
			continue
		}
		j := i
		for j < len(s.words) && j-i < 4 && !covered[j] && nameWord(s.words[j]) && !isTitleWord(s.words[j]) {
			j++
		}
		if j-i < 2 || j < len(s.words) && nameWord(s.words[j]) {
			i = j
			continue
		}
		if len(g.lookup(s.words[i:j], false, nil)) > 0 {
			i = j
			continue
		}
		p := titleBefore(s.words, i)
		title := false
		for _, w := range p {
			if isTitleWord(w) {
				title = true
			}
		}
		if title {
			ms = append(ms, mention{s: si, i: i, j: j, typ: "PER"})
		}
		i = j
	}
	return ms
}

func nameWord(w string) bool {
	r := firstRune(w)
	return unicode.IsUpper(r) && !isUpperWord(w) || isParticleName(w) || len(w) == 2 && w[1] == '.' && unicode.IsUpper(r)
}

// designators end company names: "Chrysler LLC", "Fiat Group", "Apple
// Inc.".
var designators = toSet("Inc Inc. Corp Corp. Corporation LLC Ltd Ltd. PLC plc AG GmbH SA S.A. N.V. NV Co. Company Group Holdings Airlines Airways Motors Bank SpA S.p.A. LP LLP")

// corporate makes capitalized words followed by a company designator an
// organization, whatever the tagger said of them: "Chrysler" alone looks
// like a surname, "Chrysler LLC" does not.
func corporate(s *sentence, si int, ms []mention) []mention {
	if s.caps {
		return ms
	}
	for j := 1; j < len(s.words); j++ {
		if !designators[s.words[j]] {
			continue
		}
		i := j
		for i > 0 && nameWord(s.words[i-1]) && !isTitleWord(s.words[i-1]) && j-i < 4 {
			i--
		}
		if i == j || i == 0 && j-i == 1 && s.words[j] == "Group" {
			continue
		}
		// The company replaces what the tagger found inside it.
		out := ms[:0]
		keep := true
		for _, m := range ms {
			if m.i < j+1 && m.j > i {
				if m.i < i || m.j > j+1 {
					keep = false // part of a longer name: leave it
				} else {
					continue
				}
			}
			out = append(out, m)
		}
		ms = out
		if keep {
			ms = append(ms, mention{s: si, i: i, j: j + 1, typ: "ORG"})
		}
	}
	return ms
}

// ministries marks the names of ministries, which the tagger often cuts
// short: "Russian Foreign Ministry", "Ministry of Foreign Affairs of
// Iraq", "Iraqi Ministry of Defence".
func ministries(g *gazetteer, s *sentence, si int, ms []mention) []mention {
	if s.caps {
		return ms
	}
	for k, w := range s.words {
		if w != "Ministry" && w != "Ministries" {
			continue
		}
		i := k
		for i > 0 && i > k-3 && nameWord(s.words[i-1]) && (ministryDomains[strings.ToLower(s.words[i-1])] != "" || g.demonymOf[strings.ToLower(s.words[i-1])] != "" || s.words[i-1] == "Affairs") {
			i--
		}
		j := k + 1
		for j+1 < len(s.words) && s.words[j] == "of" {
			e := j + 1
			if e < len(s.words) && s.words[e] == "the" {
				e++
			}
			for e < len(s.words) && e < j+5 && (nameWord(s.words[e]) || s.words[e] == "and") {
				e++
			}
			for e > j+1 && s.words[e-1] == "and" {
				e--
			}
			if e == j+1 || !nameWord(s.words[e-1]) {
				break
			}
			j = e
		}
		if j-i < 2 {
			continue
		}
		out := ms[:0]
		for _, m := range ms {
			if m.i < j && m.j > i {
				continue // the ministry replaces the pieces the tagger found
			}
			out = append(out, m)
		}
		ms = append(out, mention{s: si, i: i, j: j, typ: "ORG"})
	}
	return ms
}

// dateline marks the place of a dateline, the capitalized words that open
// a report before a comma, a bracket, a dash or a date: "BAGHDAD, Feb 3
// (Reuters) -", "AL-AIN , United Arab Emirates 1996-12-06", "WASHINGTON
// (AP) —".
func dateline(g *gazetteer, s *sentence, si int, ms []mention) []mention {
	j := 0
	for j < len(s.orig) && j < 3 && isUpperWord(s.orig[j]) && !commonCaps[s.orig[j]] {
		j++
	}
	if j == 0 || j >= len(s.words) {
		return ms
	}
	switch next := s.words[j]; {
	case next == "," || next == "(":
	case next[0] >= '0' && next[0] <= '9' && j+1 == len(s.words):
	case next == "-" || next == "—" || next == "–":
		// "SOCCER - JAPAN GET LUCKY WIN": a dash alone needs a known place.
		hits := g.lookup(s.words[:j], true, nil)
		// A town of GeoNames is not enough: "CRICKET" is one.
		if len(hits) != 1 || hits[0].j != j || g.typOf(g.bestIdx(hits[0].entries, "")) != "LOC" || g.kindOf(g.bestIdx(hits[0].entries, "")) == kindCity {
			return ms
		}
	default:
		return ms
	}
	out := ms[:0]
	for _, m := range ms {
		if m.s == si && m.i < j && m.j > 0 {
			continue
		}
		out = append(out, m)
	}
	return append(out, mention{s: si, i: 0, j: j, typ: "LOC"})
}

// fixPersons mends two frequent tagger slips with people's names: a
// known organization glued to the name that follows it ("UN Dmitry
// Polyansky" → "UN", "Dmitry Polyansky"), and a given name left without
// its surname ("Joe" of "Joe Biden").
func fixPersons(g *gazetteer, s *sentence, ms []mention) []mention {
	covered := make([]bool, len(s.words))
	for _, m := range ms {
		for i := m.i; i < m.j; i++ {
			covered[i] = true
		}
	}
	out := make([]mention, 0, len(ms)+1)
	for _, m := range ms {
		if m.typ != "PER" && m.j-m.i >= 3 {
			for k := m.i + 1; k < m.j-1; k++ {
				if !g.given[s.words[k]] {
					continue
				}
				hits := g.lookup(s.words[m.i:k], false, nil)
				if len(hits) == 1 && hits[0].i == 0 && hits[0].j == k-m.i {
					head := m
					head.j = k
					head.typ = g.typOf(g.bestIdx(hits[0].entries, ""))
					if head.typ == "" {
						break
					}
					out = append(out, head)
					m.i, m.typ = k, "PER"
				}
				break
			}
		}
		if m.typ == "PER" && g.given[s.words[m.j-1]] {
			for m.j < len(s.words) && m.j-m.i < 4 && !covered[m.j] && nameWord(s.words[m.j]) && !isTitleWord(s.words[m.j]) {
				covered[m.j] = true
				m.j++
			}
		}
		out = append(out, m)
	}
	return out
}

// splitLists splits a tagged "Iraq and Syria" into its known names.
func splitLists(g *gazetteer, s *sentence, ms []mention) []mention {
	out := make([]mention, 0, len(ms))
	for _, m := range ms {
		split := false
		for k := m.i + 1; k < m.j-1; k++ {
			if s.words[k] == "and" || s.words[k] == "," || s.words[k] == "or" {
				split = true
			}
		}
		if !split {
			out = append(out, m)
			continue
		}
		hits := g.lookup(s.words[m.i:m.j], false, nil)
		ok := len(hits) >= 2
		at := m.i
		for _, h := range hits {
			for k := at; k < m.i+h.i; k++ {
				if w := s.words[k]; w != "and" && w != "," && w != "or" {
					ok = false
				}
			}
			at = m.i + h.j
		}
		if !ok || at != m.j {
			out = append(out, m)
			continue
		}
		for _, h := range hits {
			typ := g.typOf(g.bestIdx(h.entries, ""))
			if typ == "" {
				typ = m.typ
			}
			out = append(out, mention{s: m.s, i: m.i + h.i, j: m.i + h.j, typ: typ})
		}
	}
	return out
}

func isPunct(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func sortMentions(ms []mention) {
	slices.SortStableFunc(ms, func(a, b mention) int {
		if a.s != b.s {
			return a.s - b.s
		}
		return a.i - b.i
	})
}
