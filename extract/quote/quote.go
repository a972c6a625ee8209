package quote

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
)

// Extract returns the quotes of an article: direct quotes, reported speech
// and embedded posts, each attributed to a speaker, in text order.
//
// sentences are the article's sentence spans (extract.Segment); when nil,
// paragraphs stand in for them. entities are the article's entity mentions
// (extract/entity); the extractor finds its own names, roles and pronouns
// where they leave gaps. posts are the article's embedded posts; each
// becomes a quote of its author with Post set to its index. Posts still
// written inline in the text ("… — Author (@handle) date") are read from
// the text too. All other quotes have Post -1.
//
// A direct quote's offsets are those of the quoted words without the
// marks; a quote that runs over paragraphs spans them all and its Text
// joins the paragraphs with a space. A reported statement's offsets are
// those of its content ("that …"). Offsets of a post that is not part of
// text are zero.
func Extract(text string, sentences []parallax.Span, entities []parallax.Entity, posts []parallax.EmbeddedPost) []parallax.Quote {
	if text == "" && len(posts) == 0 {
		return nil
	}
	paras := paragraphs(text)
	sents := clampSpans(sentences, len(text))
	if len(sents) == 0 {
		sents = paras
	}
	inl := findInlinePosts(text, paras)
	quotes := findDirect(text, paras)
	clipToPosts(text, quotes, inl)
	toks := tokenize(text, paras, sents, quotes)
	x := &extractor{text: text, toks: toks, quotes: quotes, used: map[int]bool{}}
	x.ms = findMentions(text, toks, entities)
	x.index()
	x.direct()
	x.finishDirect()
	x.out = append(x.out, postQuotes(text, posts, inl, x.ms)...)
	x.dedupe()
	slices.SortStableFunc(x.out, func(a, b parallax.Quote) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		switch {
		case a.Direct && !b.Direct:
			return -1
		case b.Direct && !a.Direct:
			return 1
		}
		return 0
	})
	return x.out
}

// dedupe drops a reported statement whose content another one, read
// from an earlier verb, already covers ("pointed to false claims that …").
func (x *extractor) dedupe() {
	seen := map[[2]int]bool{}
	out := x.out[:0]
	for _, q := range x.out {
		k := [2]int{q.Start, q.End}
		if !q.Direct && seen[k] {
			continue
		}
		if !q.Direct {
			seen[k] = true
		}
		out = append(out, q)
	}
	x.out = out
}

// clipToPosts ends quotes opened inside an inline post at the end of the
// post's body, before its signature.
func clipToPosts(text string, quotes []direct, inl []inlinePost) {
	for k := range quotes {
		q := &quotes[k]
		for _, p := range inl {
			if q.open >= p.body.start && q.open < p.body.end && q.end() > p.body.end {
				last := &q.parts[len(q.parts)-1]
				last.end = p.body.end
				for last.end > last.start && text[last.end-1] == ' ' {
					last.end--
				}
				q.close = p.body.end
				q.closed = false
			}
		}
	}
}

// attribution is who said a quote and how.
type attribution struct {
	speaker parallax.Speaker
	verb    string
	medium  string
	gender  gender
	person  bool
	ok      bool
}

// said is an attributed utterance, kept so that later pronouns and
// unattributed quotes can refer back to it.
type said struct {
	tok  int
	para int
	sent int
	a    attribution
}

type extractor struct {
	text   string
	toks   []token
	ms     []mention
	quotes []direct
	// qt are the first and last token of each direct quote (-1 when the
	// quote holds no token).
	qt [][2]int
	// sentTok are the token ranges of sentences, by sentence index.
	sentTok map[int][2]int
	used    map[int]bool // verb tokens already attributing a direct quote
	// paraTok is the first token of each paragraph.
	paraTok []int
	history []said
	out     []parallax.Quote
	// minor marks quotes that are names or scare quotes.
	minor []bool
	// atts and keep hold the direct quotes' attributions until
	// finishDirect writes them out.
	atts []attribution
	keep []bool
}

func (x *extractor) index() {
	defer x.findMinor()
	x.qt = make([][2]int, len(x.quotes))
	for i := range x.qt {
		x.qt[i] = [2]int{-1, -1}
	}
	x.sentTok = make(map[int][2]int)
	for i, t := range x.toks {
		if i == 0 || x.toks[i-1].para != t.para {
			for len(x.paraTok) <= t.para {
				x.paraTok = append(x.paraTok, i)
			}
		}
		if t.q >= 0 {
			if x.qt[t.q][0] < 0 {
				x.qt[t.q][0] = i
			}
			x.qt[t.q][1] = i
		}
		r, ok := x.sentTok[t.sent]
		if !ok {
			r = [2]int{i, i + 1}
		}
		r[1] = i + 1
		x.sentTok[t.sent] = r
	}
}

// sentRange returns the token range of the sentence of token i, within
// its paragraph.
//
// The range is cut to maxReach tokens on either side of i, so that a
// megabyte "sentence" costs no more than many short ones.
func (x *extractor) sentRange(i int) (int, int) {
	r := x.sentTok[x.toks[i].sent]
	s, e := max(r[0], i-maxReach), min(r[1], i+maxReach)
	for s < i && x.toks[s].para != x.toks[i].para {
		s++
	}
	for e > i+1 && x.toks[e-1].para != x.toks[i].para {
		e--
	}
	return s, e
}

// maxReach bounds how far, in tokens, an attribution is looked for.
const maxReach = 120

// direct attributes the direct quotes.
//
// It walks the text a sentence at a time, first the direct quotes that
// open in the sentence and then its reported speech, so that each
// attribution may refer back to every earlier one.
func (x *extractor) direct() {
	x.atts = make([]attribution, len(x.quotes))
	x.keep = make([]bool, len(x.quotes))
	qi := 0
	for s := 0; s < len(x.toks); {
		e := s
		for e < len(x.toks) && x.toks[e].sent == x.toks[s].sent {
			e++
		}
		for ; qi < len(x.quotes) && (x.qt[qi][0] < 0 || x.qt[qi][0] < e); qi++ {
			x.directQuote(qi)
		}
		for v := s; v < e; v++ {
			x.reportedToken(v)
		}
		s = e
	}
	for ; qi < len(x.quotes); qi++ {
		x.directQuote(qi)
	}
	atts, keep := x.atts, x.keep
	// "A." "B," she said. — A takes the speaker of B in its paragraph.
	for qi := len(x.quotes) - 2; qi >= 0; qi-- {
		if keep[qi] && !atts[qi].ok && keep[qi+1] && atts[qi+1].ok && x.toks[x.qt[qi][1]].para == x.toks[x.qt[qi+1][0]].para {
			atts[qi] = atts[qi+1]
		}
	}
}

// remember adds an attributed utterance to the history, which stays
// sorted by token.
func (x *extractor) remember(s said) {
	x.history = append(x.history, s)
	for i := len(x.history) - 1; i > 0 && x.history[i-1].tok > x.history[i].tok; i-- {
		x.history[i-1], x.history[i] = x.history[i], x.history[i-1]
	}
}

// directQuote attributes direct quote qi.
func (x *extractor) directQuote(qi int) {
	atts, keep := x.atts, x.keep
	ot, ct := x.qt[qi][0], x.qt[qi][1]
	if ot < 0 {
		return
	}
	words := 0
	for k := ot; k <= ct; k++ {
		if x.toks[k].kind == tWord {
			words++
		}
	}
	// One quoted word is a scare quote or a name, not a quote; so is
	// a short phrase in title case ("Back to the Mac").
	if words < 2 || x.titled(ot, ct, words) {
		return
	}
	keep[qi] = true
	a := x.right(qi, ot, ct)
	if !a.ok {
		a = x.left(qi, ot, ct)
	}
	if p := x.toks[ot].para; !a.ok && p > 0 && x.paraTok[p] == ot && x.toks[ot-1].lower == ":" {
		// "He said:" closing the paragraph before the quote.
		a = x.leftOf(ot, ot-1)
	}
	if !a.ok && qi > 0 && keep[qi-1] && atts[qi-1].ok && x.toks[x.qt[qi-1][1]].para == x.toks[ot].para {
		// "A," she said. "B." — B continues A.
		a = atts[qi-1]
	}
	if !a.ok && qi > 0 && keep[qi-1] && atts[qi-1].ok && x.toks[ot].start == x.paraStart(ot) &&
		x.toks[x.qt[qi-1][1]].para == x.toks[ot].para-1 {
		// A paragraph that is all quote continues the previous speaker.
		a = atts[qi-1]
	}
	if a.ok {
		x.remember(said{tok: ot, para: x.toks[ot].para, sent: x.toks[ot].sent, a: a})
	}
	atts[qi] = a
}

// finishDirect writes out the direct quotes, giving a long quote with no
// attribution the latest speaker before it.
func (x *extractor) finishDirect() {
	for qi, q := range x.quotes {
		if !x.keep[qi] {
			continue
		}
		a := x.atts[qi]
		if !a.ok {
			// A long quote with no attribution near it most likely
			// continues the last speaker of the neighbourhood.
			words := 0
			for k := x.qt[qi][0]; k <= x.qt[qi][1]; k++ {
				if x.toks[k].kind == tWord {
					words++
				}
			}
			ot := x.qt[qi][0]
			if h, ok := x.lastSaid(ot, 0, func(said) bool { return true }); ok {
				a = h.a
			} else if words < 4 {
				continue
			} else if h, ok := x.lastSaid(ot, 2, func(said) bool { return true }); ok {
				a = h.a
			}
			x.atts[qi] = a
		}
		out := parallax.Quote{
			Start: q.start(), End: q.end(), Text: quoteText(x.text, q.parts),
			Direct: true, Post: -1,
		}
		if a.ok {
			out.Speaker, out.Verb, out.Medium = a.speaker, a.verb, a.medium
		}
		x.out = append(x.out, out)
	}
}

// titled reports whether the quoted words of tokens [ot, ct] are a short
// title-case name: every word capitalized but short function words, and
// no punctuation of speech.
func (x *extractor) titled(ot, ct, words int) bool {
	if words > 8 {
		return false
	}
	last := ct - 1 // the punctuation that ends a title in running text
	for last > ot && x.toks[last].kind == tPunct && x.toks[last].q == x.toks[ot].q {
		last--
	}
	for k := ot + 1; k < ct; k++ {
		t := &x.toks[k]
		if t.kind != tWord {
			if k <= last && (t.lower == "," || t.lower == "." || t.lower == "!" || t.lower == "?") {
				return false
			}
			continue
		}
		if !t.cap && !isConnector(t.lower) && t.lower != "a" && t.lower != "an" && t.lower != "in" && t.lower != "on" && t.lower != "at" {
			return false
		}
	}
	return !upper(x.text, x.toks[ot:ct+1]) // a quote in capitals is a shouted quote
}

// findMinor marks the quotes that are names or scare quotes, which an
// attribution reads through ("James Swanson, co-author of "Bettie Page:
// The Life of a Pinup Legend," said").
func (x *extractor) findMinor() {
	x.minor = make([]bool, len(x.quotes))
	for qi := range x.quotes {
		ot, ct := x.qt[qi][0], x.qt[qi][1]
		if ot < 0 {
			x.minor[qi] = true
			continue
		}
		words := 0
		for k := ot; k <= ct; k++ {
			if x.toks[k].kind == tWord {
				words++
			}
		}
		x.minor[qi] = words < 2 || x.titled(ot, ct, words)
	}
}

// inQuote reports whether token k lies in a quote that counts.
func (x *extractor) inQuote(k int) bool {
	q := x.toks[k].q
	return q >= 0 && !x.minor[q]
}

// paraStart returns the byte offset where the paragraph of token i
// begins.
func (x *extractor) paraStart(i int) int {
	return x.toks[x.paraTok[x.toks[i].para]].start
}

// right reads an attribution after the quote: `," Polyanskiy said on X.`,
// `," said Zakharova.`, `," says a message published on Telegram.`
func (x *extractor) right(qi, ot, ct int) attribution {
	_, se := x.sentRange(ct)
	if se == ct+1 && se < len(x.toks) && x.toks[se].para == x.toks[ct].para && ct > 0 {
		// `"So which is it?" Deputy Public Defender Peter Lynch asked.`:
		// a quote ending in a question or exclamation ends the sentence
		// but not the attribution.
		if l := x.toks[ct-1].lower; l == "?" || l == "!" {
			_, se = x.sentRange(se)
		}
	}
	for se < len(x.toks) && se-ct < 40 && x.abbrevEnd(se) {
		_, se = x.sentRange(se) // `," Const. Fanning said.`
	}
	s := ct + 1
	e := s
	for e < se && !x.inQuote(e) && x.toks[e].lower != ";" {
		e++
	}
	for s < e && x.toks[s].kind != tWord {
		if l := x.toks[s].lower; l == "(" || l == "[" {
			return attribution{}
		}
		s++
	}
	if s >= e {
		return attribution{}
	}
	if x.toks[s].lower == "according" && s+2 < e && x.toks[s+1].lower == "to" {
		// `"…," according to a statement from CENTCOM.`
		if m := x.source(s+2, e); m >= 0 {
			a := x.attribute(m, s, s, e)
			a.verb = "according to"
			return a
		}
		return attribution{}
	}
	if vb, ok := x.verbAt(s); ok && !vb.partial && !vb.participle {
		// Inverted: said X.
		re := s + 1
		for re < e && re-s < 14 && (!isBoundary(x.toks[re]) || x.toks[re].lower == "." && x.mentionAt(re) >= 0) {
			re++ // a full stop inside a name ("William Clay Ford Jr.") does not end it
		}
		m := x.pick(s+1, re, false)
		if m < 0 {
			return attribution{}
		}
		x.used[s] = true
		return x.attribute(m, s, s, e)
	}
	for v, n := s+1, 0; v < e && n < 16; v++ {
		t := &x.toks[v]
		if t.q < 0 {
			n++ // a title in quote marks is one word of the subject
		}
		if t.kind != tWord {
			continue
		}
		vb, ok := x.verbAt(v)
		if !ok || vb.partial {
			if vb.participle || t.lower == "that" || t.lower == "which" || t.lower == "who" {
				break
			}
			continue
		}
		if vb.participle {
			break
		}
		if vb.particle != "" && !x.particle(v, vb.particle) {
			continue
		}
		m := x.quotedAs(v)
		if m < 0 {
			m = x.pick(s, v, false)
		}
		if m < 0 {
			break
		}
		x.used[v] = true
		return x.attribute(m, v, s, e)
	}
	return attribution{}
}

// left reads an attribution before the quote: `Zakharova said, "…`,
// `X said in a statement today that: "…`, `called the strikes "…`.
func (x *extractor) left(qi, ot, ct int) attribution {
	return x.leftOf(ot, ot)
}

// leftOf reads an attribution in the tokens before end, within the
// sentence of token ref.
func (x *extractor) leftOf(end, ref int) attribution {
	ot := end
	ss, _ := x.sentRange(ref)
	ls := ot
	for ls > ss && x.toks[ls-1].q < 0 && x.toks[ls-1].lower != ";" {
		ls--
	}
	prevInSent := ls > ss && x.toks[ls-1].q >= 0
	depth := 0 // inside parentheses, read backwards
	for v := ot - 1; v >= ls; v-- {
		t := &x.toks[v]
		switch t.lower {
		case ")":
			depth++
		case "(":
			depth = max(depth-1, 0)
		}
		if depth > 0 {
			continue // an aside does not attribute what follows it
		}
		vb, ok := x.verbAt(v)
		if !ok {
			continue
		}
		if vb.particle != "" && !x.particle(v, vb.particle) {
			continue
		}
		if v > ls && isPassive(x.toks[v-1].lower) {
			continue
		}
		m := x.quotedAs(v)
		conj := vb.participle || precededByConj(x.toks, ls, v)
		if m < 0 && vb.participle {
			// "with UBS analyst David Strauss saying "…": an absolute
			// clause names its own speaker right before the verb.
			if p := x.mentionAt(v - 1); p >= 0 && x.ms[p].t1 == v && x.ms[p].t0 >= ls && !x.ms[p].poss && x.ms[p].kind != mStatement {
				m, conj = p, false
			}
		}
		if m < 0 && !conj {
			m = x.pick(ls, v, true)
		}
		if m >= 0 {
			conj = false
		} else if !conj {
			// Verb first: said Zakharova: "…"
			m = x.pick(v+1, ot, false)
		}
		if m < 0 {
			if prevInSent {
				if h, ok := x.lastSaid(ot, 0, func(s said) bool { return s.sent == x.toks[ref].sent }); ok {
					a := h.a
					a.verb = t.lower
					if md := x.medium(v, ot); md != "" {
						a.medium = md
					}
					x.markUsed(v, ot)
					return a
				}
			}
			// The subject of the main clause: the first mention.
			m = x.first(ss, v)
		}
		if m < 0 {
			return attribution{}
		}
		x.markUsed(v, ot)
		return x.attribute(m, v, x.ms[m].t0, ot)
	}
	// "According to Mr Howard, the injection will secure … "for the long term"."
	for k := ls; k+2 < ot; k++ {
		if x.toks[k].lower == "according" && x.toks[k+1].lower == "to" {
			if m := x.source(k+2, ot); m >= 0 {
				a := x.attribute(m, k, k, ot)
				a.verb = "according to"
				return a
			}
		}
	}
	// "The union's general secretary, Peter Okonkwo, was blunt: "…"
	if ot > ls && x.toks[ot-1].lower == ":" {
		// "Secretary of the Air Force James Roche: "…": the name right
		// before the colon, else the subject of the clause.
		m := x.mentionAt(ot - 2)
		if m < 0 || x.ms[m].t1 != ot-1 || x.ms[m].kind == mPlace || x.ms[m].poss {
			m = x.first(ls, ot-1)
		}
		if m >= 0 {
			a := x.attribute(m, ot-1, x.ms[m].t0, ot)
			a.verb = ""
			return a
		}
	}
	return attribution{}
}

// markUsed marks the verb at v as spent on the direct quote opening at
// ot when the quote is all it reports; a verb whose reported content only
// holds a partial quote ("accused Washington of sowing "chaos"") reports
// speech of its own as well.
func (x *extractor) markUsed(v, ot int) {
	lemma := verbs[x.toks[v].lower].lemma
	for k := v + 1; k < ot; k++ {
		t := &x.toks[k]
		if t.kind == tWord && !skipAfterVerb[t.lower] && t.lower != "that" {
			// "told Reuters:" — the one told is not content.
			if lemma != "tell" && lemma != "remind" || x.mentionAt(k) < 0 {
				return
			}
		}
	}
	x.used[v] = true
}

// mentionAt returns the mention covering token k, or -1.
func (x *extractor) mentionAt(k int) int {
	i := sort.Search(len(x.ms), func(i int) bool { return x.ms[i].t1 > k })
	for ; i < len(x.ms) && x.ms[i].t0 <= k; i++ {
		if x.ms[i].t1 > k {
			return i
		}
	}
	return -1
}

func isPassive(w string) bool {
	switch w {
	case "was", "were", "been", "being", "be", "is", "are":
		return true
	}
	return false
}

// precededByConj reports whether the verb at v follows "and" or a comma
// directly, as the second verb of a clause whose subject came first.
func precededByConj(toks []token, ls, v int) bool {
	k := v - 1
	for k >= ls && toks[k].kind == tWord && (toks[k].lower == "also" || toks[k].lower == "then" || toks[k].lower == "later") {
		k--
	}
	return k >= ls && (toks[k].lower == "and" || toks[k].lower == "but")
}

func isBoundary(t token) bool {
	if t.kind != tWord {
		return t.lower == "." || t.lower == ";" || t.lower == ":" || t.lower == "(" || t.lower == "!" || t.lower == "?"
	}
	switch t.lower {
	case "in", "on", "at", "during", "after", "before", "adding", "who", "which", "that", "when", "while", "as", "to", "told", "from", "via", "and", "but":
		return true
	}
	return false
}

func (x *extractor) particle(v int, want string) bool {
	if v+1 >= len(x.toks) {
		return false
	}
	n := x.toks[v+1].lower
	for _, p := range strings.Split(want, "|") {
		if n == p {
			return true
		}
	}
	return false
}

// pick chooses the speaker among the mentions inside tokens [a, b): the
// one nearest to the verb when the verb follows (nearest true), else the
// first. Possessives and objects of prepositions are not subjects; a title
// before a name yields to the name ("Russian Foreign Ministry spokeswoman
// Maria Zakharova"), and so does an appositive after it ("Maria Zakharova,
// the … spokeswoman,").
func (x *extractor) pick(a, b int, nearest bool) int {
	lo := sort.Search(len(x.ms), func(i int) bool { return x.ms[i].t0 >= a })
	best, person := -1, -1
	// Skip asides only when the verb is not in one itself.
	asides := nearest && !x.inRelative(b, a)
	for i := lo; i < len(x.ms) && x.ms[i].t0 < b; i++ {
		m := &x.ms[i]
		if m.t1 > b || m.poss || nested(x.ms, i) || x.prepObject(m.t0, a) {
			continue
		}
		if asides && best >= 0 && x.inRelative(m.t0, a) {
			continue // "Patty Murray, who … where Boeing bases …, said"
		}
		if best < 0 || nearest {
			best = i
		}
		if person < 0 && m.kind == mPerson {
			person = i
		}
	}
	if best < 0 {
		return -1
	}
	if !nearest && person >= 0 {
		// After the verb or between a quote and its verb, the phrase is
		// the subject alone, and a name in it is its head ("Brannock
		// chief executive Mara Lind said"); a name followed by a role
		// and another name only modifies it ("Oscar producer Laurence
		// Mark").
		k := x.ms[person].t1
		for k < b && x.toks[k].kind == tWord && !x.toks[k].cap && (personRoles[x.toks[k].lower] || titleWords[x.toks[k].lower]) {
			k++
		}
		if k > x.ms[person].t1 {
			if p := x.mentionAt(k); p >= 0 && x.ms[p].t0 == k && x.ms[p].kind == mPerson && x.ms[p].t1 <= b {
				return p
			}
		}
		return person
	}
	c := &x.ms[best]
	if c.kind == mRole && c.t1+1 < len(x.toks) && x.toks[c.t1].lower == "," {
		// "the ministry's spokesman, Pavel Drozd, told"
		if p := x.mentionAt(c.t1 + 1); p >= 0 && x.ms[p].kind == mPerson && x.ms[p].t0 == c.t1+1 && x.ms[p].t1 <= b+1 {
			return p
		}
	}
	if c.kind != mPerson && c.kind != mPronoun {
		// A title: the person named right after it.
		k := c.t1
		for k < b && k-c.t1 < 12 {
			if n := x.mentionAt(k); n >= 0 && x.ms[n].t0 == k && x.ms[n].kind != mPerson {
				k = x.ms[n].t1
				continue
			}
			if !x.titleish(k) {
				break
			}
			k++
		}
		if p := x.mentionAt(k); k < b && p >= 0 && x.ms[p].kind == mPerson && !x.ms[p].poss && x.ms[p].t0 == k && x.ms[p].t1 <= b {
			return p
		}
		// An appositive: the person named before it and a comma
		// ("Maria Zakharova, the official spokesperson of the Ministry").
		for k := c.t0 - 1; k >= a && k >= c.t0-12; k-- {
			t := &x.toks[k]
			if t.lower == "." || t.lower == ";" || t.q >= 0 {
				break
			}
			if _, isVerb := x.verbAt(k); isVerb {
				break
			}
			if t.lower != "," {
				continue
			}
			if p := x.mentionAt(k - 1); p >= 0 && x.ms[p].kind == mPerson && x.ms[p].t1 == k && !x.ms[p].poss {
				return p
			}
		}
	}
	return best
}

// object reports whether a mention is the object of a verb or a
// preposition ("told the Dunmore Gazette", "the release of Viktor Hale"),
// which a later pronoun rarely refers to.
func (x *extractor) object(c *mention) bool {
	if x.prepObject(c.t0, 0) {
		return true
	}
	k := c.t0 - 1
	for k >= 0 && x.toks[k].kind == tWord && (x.toks[k].lower == "the" || x.toks[k].lower == "a" || x.toks[k].lower == "an" || titleWords[x.toks[k].lower] && !isConnector(x.toks[k].lower) || personRoles[x.toks[k].lower]) {
		k--
	}
	if k < 0 || x.toks[k].kind != tWord {
		return false
	}
	if _, ok := x.verbAt(k); ok {
		return true
	}
	w := x.toks[k].lower
	return len(w) > 3 && strings.HasSuffix(w, "ed") && !x.toks[k].cap
}

// source returns the speaker named in the phrase [a, b) after "according
// to": a person or organization, looking inside a phrase such as "a
// statement from CENTCOM" or "figures compiled by the Harsa Monitor", or
// the utterance itself when it names its author ("a Syrian military
// statement"); -1 when the phrase names no one ("the latest data").
func (x *extractor) source(a, b int) int {
	end := a
	for end < b && x.toks[end].lower != "," && x.toks[end].q < 0 && end-a < 12 {
		end++
	}
	// "according to the provincial governor, Amira Sayegh, …"
	if end+1 < b && x.toks[end].lower == "," {
		if p := x.mentionAt(end + 1); p >= 0 && x.ms[p].t0 == end+1 && x.ms[p].kind == mPerson {
			end = x.ms[p].t1
		}
	}
	m := x.pick(a, end, false)
	if m >= 0 && (x.ms[m].kind != mStatement || x.described(&x.ms[m])) {
		return m
	}
	lo := sort.Search(len(x.ms), func(i int) bool { return x.ms[i].t0 >= a })
	for i := lo; i < len(x.ms) && x.ms[i].t0 < end; i++ {
		if c := &x.ms[i]; c.t1 <= end && !c.poss && c.kind != mPronoun && c.kind != mStatement {
			return i
		}
	}
	return -1
}

// quotedAs returns the speaker of "quoted X as saying" when the verb at v
// is "quoted" or the "saying" of that phrase, or -1.
func (x *extractor) quotedAs(v int) int {
	toks := x.toks
	q, as := -1, -1
	switch toks[v].lower {
	case "quoted", "quotes", "quoting":
		q = v
		for k := v + 1; k < len(toks) && k-v < 12; k++ {
			if toks[k].lower == "as" && k+1 < len(toks) && (toks[k+1].lower == "saying" || toks[k+1].lower == "telling") {
				as = k
				break
			}
		}
	case "saying", "telling":
		if v == 0 || toks[v-1].lower != "as" {
			return -1
		}
		as = v - 1
		for k := as - 1; k >= 0 && as-k < 12; k-- {
			if w := toks[k].lower; w == "quoted" || w == "quotes" || w == "quoting" {
				q = k
				break
			}
		}
	}
	if q < 0 || as < 0 {
		return -1
	}
	return x.pick(q+1, as, false)
}

// nounToo are reporting verb forms that are nouns as often.
var nounToo = set("state", "states", "report", "reports", "claim", "claims", "note", "notes", "post",
	"comment", "tweet", "tweets", "call", "calls", "address", "warning", "promise", "promises",
	"pledges", "vows", "recalls", "concluded", "remind", "reminds", "quote", "deny", "affirms")

// afterSubject reports whether token i follows what may end a subject:
// a mention, a pronoun, an auxiliary or adverb, or a comma or "and".
func (x *extractor) afterSubject(i int) bool {
	p := &x.toks[i-1]
	if m := x.mentionAt(i - 1); m >= 0 && x.ms[m].t1 == i {
		return true
	}
	if p.kind == tClose {
		return true // `"…," claims writer John Ostrower`
	}
	switch p.lower {
	case ",", "and", "also", "has", "have", "had", "will", "would", "did", "does", "do", "who", "which", "that", "he", "she", "they", "it", "we", "i", "later", "then", "again", "further":
		return true
	}
	return strings.HasSuffix(p.lower, "ly") && p.kind == tWord
}

// abbrevs are abbreviated titles that the segmenter may take for the end
// of a sentence.
var abbrevs = set("const", "gov", "sen", "rep", "lt", "col", "gen", "sgt", "capt", "cmdr", "dr", "mr",
	"mrs", "ms", "prof", "insp", "det", "supt", "adm", "maj", "pres", "amb", "atty", "cpl", "pvt", "rev", "hon", "st")

// abbrevEnd reports whether the sentence ending before token e ends in an
// abbreviated title that belongs to the name starting at e ("Const." and
// "Fanning").
func (x *extractor) abbrevEnd(e int) bool {
	return e >= 2 && e < len(x.toks) && x.toks[e-1].lower == "." && abbrevs[x.toks[e-2].lower] && x.toks[e-2].cap &&
		x.toks[e].cap && x.toks[e].para == x.toks[e-1].para
}

// titleish reports whether token k may be part of a title before a name.
func (x *extractor) titleish(k int) bool {
	t := &x.toks[k]
	if t.kind != tWord || t.q >= 0 {
		return false
	}
	switch t.lower {
	case "to", "the", "of", "for":
		return true
	}
	return personRoles[t.lower] || honorific(t.lower) || nationalities[t.lower] || t.cap && (titleWords[t.lower] || orgNouns[t.lower] || allCaps(x.text, *t))
}

// appositiveOf returns the name a role phrase is in apposition to
// ("Bassem Al-Awadi, the spokesperson of …"), or -1.
func (x *extractor) appositiveOf(r int) int {
	k := x.ms[r].t0 - 1
	if k < 1 || x.toks[k].lower != "," {
		return -1
	}
	p := x.mentionAt(k - 1)
	if p < 0 || x.ms[p].t1 != k || x.ms[p].poss || x.ms[p].kind != mPerson {
		return -1
	}
	return p
}

// nameAfter returns the person named right after a role phrase and a
// comma ("the UN envoy for the region, Helga Strand,"), or -1.
func (x *extractor) nameAfter(r int) int {
	k := x.ms[r].t1
	// Over a prepositional phrase: "the UN envoy for the region, …"
	if k < len(x.toks) && (x.toks[k].lower == "for" || x.toks[k].lower == "of" || x.toks[k].lower == "to" || x.toks[k].lower == "in" || x.toks[k].lower == "at") {
		for j := k + 1; j < len(x.toks) && j-k <= 6; j++ {
			if x.toks[j].lower == "," {
				k = j
				break
			}
			if x.toks[j].kind != tWord || x.toks[j].q >= 0 {
				break
			}
			if _, isVerb := x.verbAt(j); isVerb {
				break
			}
		}
	}
	if k+1 >= len(x.toks) || x.toks[k].lower != "," {
		return -1
	}
	p := x.mentionAt(k + 1)
	if p < 0 || x.ms[p].t0 != k+1 || x.ms[p].kind != mPerson {
		return -1
	}
	return p
}

// inRelative reports whether token t lies in a relative clause that
// starts after token a and is still open at t (", who …", ", where …").
func (x *extractor) inRelative(t, a int) bool {
	for k := t - 1; k > a; k-- {
		switch x.toks[k].lower {
		case ";", ".", ")":
			return false
		case ",":
			switch n := x.toks[k+1].lower; n {
			case "who", "which", "where", "whose", "whom", "when":
				return true
			default:
				// ", speaking at a press conference alongside Paulson,"
				return strings.HasSuffix(n, "ing") && x.toks[k+1].kind == tWord && !x.toks[k+1].cap
			}
		}
	}
	return false
}

// prepObject reports whether the mention starting at token t is the
// object of a preposition ("in Iraq", "of the ministry").
func (x *extractor) prepObject(t, a int) bool {
	k := t - 1
	for k >= a && k >= t-4 && (x.toks[k].kind == tWord && (isArticle(x.toks[k].lower) || x.toks[k].cap && (titleWords[x.toks[k].lower] || abbrevs[x.toks[k].lower]) && !isConnector(x.toks[k].lower)) || x.toks[k].lower == "." && k > 0 && abbrevs[x.toks[k-1].lower]) {
		k-- // "before Judge Stephen Herrick", "by Const. Tim Fanning"
	}
	if k > a && k < t-1 && isConnector(x.toks[k].lower) && x.toks[k-1].cap && (titleWords[x.toks[k-1].lower] || personRoles[x.toks[k-1].lower]) {
		return false // "Minister of Defense Fahd …": a title, not a preposition
	}
	if k < a || k < 0 {
		return false
	}
	switch x.toks[k].lower {
	case "in", "of", "within", "for", "to", "from", "at", "on", "with", "against", "by", "about", "into", "over", "between", "among", "toward", "towards", "near", "than", "via", "per", "like", "across", "through", "without", "under", "alongside", "beside", "behind", "after", "before", "during", "despite", "including", "unlike", "upon", "onto", "amid", "amongst", "outside", "inside", "around":
		return true
	}
	return false
}

// verbAt returns the reporting verb at token i: a lower-case word (or
// one in an all-capitals text) that no determiner makes a noun ("this
// claim").
func (x *extractor) verbAt(i int) (verb, bool) {
	t := &x.toks[i]
	if t.kind != tWord || t.q >= 0 {
		return verb{}, false
	}
	vb, ok := verbs[t.lower]
	if !ok {
		return verb{}, false
	}
	if t.cap && !allCaps(x.text, *t) {
		return verb{}, false
	}
	if i > 0 {
		switch x.toks[i-1].lower {
		case "the", "this", "a", "an", "its", "his", "her", "their", "these", "those", "our", "my", "your", "such", "no", "any", "every", "whose", "same", "other", "new":
			return verb{}, false
		}
		if x.toks[i-1].poss {
			return verb{}, false
		}
		// Words that are as often nouns ("the same state where", "false
		// US claims") report speech only after a subject, an auxiliary,
		// an adverb or a clause boundary.
		if nounToo[t.lower] && !x.afterSubject(i) {
			return verb{}, false
		}
	}
	return vb, true
}

// nested reports whether mention i lies inside a longer mention that
// starts at or before it (an organization name inside a role phrase).
func nested(ms []mention, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if ms[j].t0 <= ms[i].t0 && ms[j].t1 >= ms[i].t1 {
			return true
		}
	}
	return false
}

// first returns the subject of the main clause in [a, b): the first
// person mentioned, else the first mention, never a possessive or the
// object of a preposition.
func (x *extractor) first(a, b int) int {
	lo := sort.Search(len(x.ms), func(i int) bool { return x.ms[i].t0 >= a })
	any := -1
	for i := lo; i < len(x.ms) && x.ms[i].t0 < b; i++ {
		m := &x.ms[i]
		if m.poss || m.kind == mStatement || x.prepObject(m.t0, a) || nested(x.ms, i) {
			continue
		}
		if m.personLike() {
			if m.kind == mRole {
				if p := x.appositiveOf(i); p >= 0 {
					return p
				}
				if p := x.nameAfter(i); p >= 0 {
					return p
				}
			}
			return i
		}
		if any < 0 {
			any = i
		}
	}
	return any
}

// attribute resolves mention m as the speaker with the verb at v and
// reads the medium from tokens [a, b).
func (x *extractor) attribute(m, v, a, b int) attribution {
	at := attribution{verb: x.toks[v].lower, ok: true}
	if v < len(x.toks) {
		at.verb = x.text[x.toks[v].start:x.toks[v].end]
		at.verb = lower(at.verb)
	}
	at.medium = x.medium(a, b)
	mm := &x.ms[m]
	at.speaker = parallax.Speaker{Text: x.text[mm.start:mm.end], Start: mm.start, End: mm.end}
	name, id, g, person := x.resolve(m)
	at.speaker.Name, at.speaker.ID, at.gender, at.person = name, id, g, person
	if at.speaker.Name == "" {
		at.speaker.Name = cleanName(at.speaker.Text)
	}
	return at
}

// resolve returns the name and id of who mention m refers to.
func (x *extractor) resolve(m int) (name, id string, g gender, person bool) {
	mm := &x.ms[m]
	switch mm.kind {
	case mPerson:
		return mm.name, mm.id, mm.gender, true
	case mOrg, mPlace:
		if mm.t1-mm.t0 == 1 && orgNouns[x.toks[mm.t0].lower] && !properInstitutions[x.toks[mm.t0].lower] {
			// "the Ministry" refers back like "the ministry".
			if n, i, ok := x.orgBack(m, x.toks[mm.t0].lower); ok {
				return n, i, neuter, false
			}
		}
		return mm.name, mm.id, neuter, false
	case mPronoun:
		switch mm.gender {
		case male, female, unknownGender:
			// "…, he said. … he testified, … "…," he said": a pronoun
			// repeated in attributions keeps its referent.
			if h, ok := x.lastSaid(mm.t0, 1, func(s said) bool {
				return strings.EqualFold(s.a.speaker.Text, x.text[mm.start:mm.end]) && s.a.person && x.toks[mm.t0].sent-s.sent <= 3
			}); ok && !x.newSubject(h.tok, mm.t0, h.a.speaker.Name) {
				return h.a.speaker.Name, h.a.speaker.ID, h.a.gender, true
			}
			if j := x.back(m, 3, func(c *mention) bool {
				return (c.kind == mPerson || x.subjectRole(c)) && compatible(c.gender, mm.gender) && !x.object(c)
			}); j >= 0 {
				if x.ms[j].kind == mRole {
					// "The minister promised … "…," he wrote": the
					// role's holder.
					n, i, g, _ := x.resolve(j)
					return n, i, g, true
				}
				return x.ms[j].name, x.ms[j].id, x.ms[j].gender, true
			}
			if h, ok := x.lastSaid(mm.t0, 3, func(s said) bool { return s.a.person && compatible(s.a.gender, mm.gender) }); ok {
				return h.a.speaker.Name, h.a.speaker.ID, h.a.gender, true
			}
		default:
			orgLike := func(c *mention) bool {
				return c.kind == mOrg || c.kind == mPlace || c.kind == mOrgNoun || (c.kind == mRole && c.gender == plural)
			}
			// "It said …" opening a sentence refers to the subject of the
			// sentence before.
			if ss, _ := x.sentRange(mm.t0); ss == mm.t0 && mm.t0 > 0 {
				ps, _ := x.sentRange(mm.t0 - 1)
				if p := x.first(ps, mm.t0); p >= 0 && orgLike(&x.ms[p]) && x.toks[mm.t0].para-x.toks[ps].para <= 1 {
					n, i, _, _ := x.resolve(p)
					return n, i, neuter, false
				}
			}
			if j := x.back(m, 3, orgLike); j >= 0 {
				n, i, _, _ := x.resolve(j)
				return n, i, neuter, false
			}
		}
	case mRole:
		if p := x.appositiveOf(m); p >= 0 {
			return x.ms[p].name, x.ms[p].id, x.ms[p].gender, true
		}
		if p := x.nameAfter(m); p >= 0 {
			return x.ms[p].name, x.ms[p].id, x.ms[p].gender, true
		}
		if w := x.toks[mm.t0].lower; w == "a" || w == "an" || w == "one" || w == "another" {
			// "a United Auto Workers negotiator": someone new, unnamed.
			return mm.name, "", mm.gender, true
		}
		if j := x.back(m, 50, func(c *mention) bool {
			return c.kind == mPerson && sameRole(c.role, mm.head) && compatible(c.gender, mm.gender)
		}); j >= 0 {
			return x.ms[j].name, x.ms[j].id, x.ms[j].gender, true
		}
		if mm.gender != plural {
			if h, ok := x.lastSaid(mm.t0, 3, func(s said) bool { return s.a.person && compatible(s.a.gender, mm.gender) }); ok {
				return h.a.speaker.Name, h.a.speaker.ID, h.a.gender, true
			}
		}
		return mm.name, "", mm.gender, true
	case mOrgNoun:
		if x.described(mm) || x.toks[mm.t1-1].cap && properInstitutions[x.toks[mm.t1-1].lower] {
			return mm.name, "", neuter, false
		}
		if n, i, ok := x.orgBack(m, mm.head); ok {
			return n, i, neuter, false
		}
		return mm.name, "", neuter, false
	case mStatement:
		if x.described(mm) {
			// "a Syrian military statement", "a White House statement":
			// the utterance names its author.
			s := mm.t0
			if w := x.toks[s].lower; w == "a" || w == "an" || w == "the" {
				s++
			}
			if s < mm.t1-1 {
				return cleanName(x.text[x.toks[s].start:x.toks[mm.t1-2].end]), "", neuter, false
			}
		}
		if h, ok := x.lastSaid(mm.t0, 2, func(said) bool { return true }); ok {
			return h.a.speaker.Name, h.a.speaker.ID, h.a.gender, h.a.person
		}
		if j := x.back(m, 2, func(c *mention) bool { return c.kind == mPerson || c.kind == mOrg }); j >= 0 {
			return x.ms[j].name, x.ms[j].id, x.ms[j].gender, x.ms[j].kind == mPerson
		}
	}
	return mm.name, mm.id, mm.gender, false
}

// orgBack finds the organization a back-reference with head noun head
// refers to: the latest one whose name holds the noun, else the latest
// organization of the same or the previous paragraph.
func (x *extractor) orgBack(m int, head string) (string, string, bool) {
	mm := &x.ms[m]
	if j := x.back(m, 50, func(c *mention) bool {
		return (c.kind == mOrg || c.kind == mOrgNoun && x.described(c)) && c.t1-c.t0 > 1 && strings.Contains(strings.ToLower(c.name), head)
	}); j >= 0 {
		return x.ms[j].name, x.ms[j].id, true
	}
	if j := x.back(m, 1, func(c *mention) bool {
		return (c.kind == mOrg && c.t1-c.t0 > 1 || c.kind == mOrgNoun && (x.described(c) || c.t1-c.t0 > 2)) && c.name != mm.name && !c.poss
	}); j >= 0 {
		return x.ms[j].name, x.ms[j].id, true
	}
	return "", "", false
}

// described reports whether a noun phrase names its referent by itself
// ("the Russian Federation's embassy", "the US government").
func (x *extractor) described(m *mention) bool {
	for k := m.t0; k < m.t1-1; k++ {
		if k == m.t0 && (x.toks[k].lower == "the" || x.toks[k].lower == "a" || x.toks[k].lower == "an") {
			continue
		}
		if x.toks[k].cap || nationalities[x.toks[k].lower] {
			return true
		}
	}
	return false
}

// newSubject reports whether a person other than name is named as a
// subject between tokens a and b (not as an object or a possessive), so
// that a pronoun after it may refer to them.
func (x *extractor) newSubject(a, b int, name string) bool {
	lo := sort.Search(len(x.ms), func(i int) bool { return x.ms[i].t0 > a })
	for i := lo; i < len(x.ms) && x.ms[i].t0 < b; i++ {
		c := &x.ms[i]
		if c.kind == mPerson && !c.poss && !x.object(c) && c.name != name && !surnameOf(c.name, name) {
			return true
		}
		if x.subjectRole(c) && !x.object(c) {
			// "The minister promised …": a role opening a sentence names
			// someone else unless it refers back to name.
			if n, _, _, _ := x.resolve(i); n != name && !surnameOf(n, name) && !surnameOf(name, n) {
				return true
			}
		}
	}
	return false
}

// subjectRole reports whether c is a singular role referring back to
// someone ("the minister", "the company's chief executive") as the first
// words of its sentence: the subject a later pronoun may refer to.
func (x *extractor) subjectRole(c *mention) bool {
	if c.kind != mRole || c.gender == plural || c.poss {
		return false
	}
	if w := x.toks[c.t0].lower; w != "the" {
		return false
	}
	ss, _ := x.sentRange(c.t0)
	return ss == c.t0
}

// surnameOf reports whether one name is the other's last part.
func surnameOf(a, b string) bool {
	return a != "" && b != "" && (strings.HasSuffix(a, " "+b) || strings.HasSuffix(b, " "+a))
}

func compatible(a, b gender) bool {
	if a == plural || b == plural {
		return a == b
	}
	return a == unknownGender || b == unknownGender || a == b
}

// sameRole reports whether role words include the role noun, counting
// spokesman, spokeswoman and spokesperson as one role.
func sameRole(role, head string) bool {
	if role == "" {
		return false
	}
	if strings.HasPrefix(head, "spokes") {
		return strings.Contains(role, "spokes")
	}
	return strings.Contains(role, head)
}

// maxBack bounds how many mentions back a reference is resolved.
const maxBack = 150

// back returns the nearest mention before mention m, within paras
// paragraphs and maxBack mentions, that ok accepts, or -1.
func (x *extractor) back(m, paras int, ok func(*mention) bool) int {
	p := x.toks[x.ms[m].t0].para
	for j := m - 1; j >= 0 && j >= m-maxBack; j-- {
		c := &x.ms[j]
		if p-x.toks[c.t0].para > paras {
			break
		}
		if c.t1 > x.ms[m].t0 {
			continue
		}
		if ok(c) {
			return j
		}
	}
	return -1
}

// lastSaid returns the latest attributed utterance before token tok,
// within paras paragraphs, that ok accepts.
func (x *extractor) lastSaid(tok, paras int, ok func(said) bool) (said, bool) {
	p := x.toks[tok].para
	best, found := said{}, false
	// The history is sorted by token: search it back from tok.
	run := x.history
	i := sort.Search(len(run), func(i int) bool { return run[i].tok >= tok })
	for j := i - 1; j >= 0 && j >= i-maxBack; j-- {
		h := run[j]
		if p-h.para > paras {
			break
		}
		if ok(h) {
			best, found = h, true
			break
		}
	}
	return best, found
}

// medium reads where a statement was made from the tokens [a, b) around
// its attribution.
func (x *extractor) medium(a, b int) string {
	if b > len(x.toks) {
		b = len(x.toks)
	}
	best := ""
	for k := a; k < b; k++ {
		t := &x.toks[k]
		if t.kind != tWord || t.q >= 0 {
			continue
		}
		prev := ""
		if k > 0 {
			prev = x.toks[k-1].lower
		}
		switch w := x.text[t.start:t.end]; {
		case w == "X" && (prev == "on" || prev == "via"):
			return "X"
		case t.lower == "twitter" || t.lower == "tweet" || t.lower == "tweeted":
			return "X"
		case t.lower == "telegram":
			return "Telegram"
		case t.lower == "facebook":
			return "Facebook"
		case t.lower == "instagram":
			return "Instagram"
		case t.lower == "youtube":
			return "YouTube"
		case t.lower == "tiktok":
			return "TikTok"
		case t.lower == "truth" && k+1 < b && x.toks[k+1].lower == "social":
			return "Truth Social"
		}
		if best != "" {
			continue
		}
		switch t.lower {
		case "statement", "communique", "communiqué":
			best = "statement"
		case "interview":
			best = "interview"
		case "interaction":
			if prev == "media" {
				best = "media interaction"
			}
		case "conference":
			if prev == "press" || prev == "news" {
				best = "press conference"
			}
		case "briefing":
			best = "briefing"
		case "reporters", "journalists":
			if prev == "told" {
				best = "reporters"
			}
		case "speech":
			best = "speech"
		case "address":
			if prev == "televised" || prev == "televized" || prev == "an" || prev == "a" {
				best = "address"
			}
		case "letter":
			best = "letter"
		case "website":
			best = "website"
		case "television", "tv":
			best = "television"
		case "radio":
			best = "radio"
		case "post", "message":
			if prev == "a" || prev == "the" {
				best = t.lower
			}
		}
	}
	return best
}
