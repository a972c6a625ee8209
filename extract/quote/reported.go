package quote

import (
	"strings"

	"github.com/parallax-news/parallax"
)

// needThat are reporting verbs that report a statement only with a "that"
// clause ("confirmed that …"); with a noun they report something else
// ("confirmed the deaths").
var needThat = set("tell", "write", "warn", "explain", "stress", "note", "reveal", "indicate", "clarify",
	"insist", "argue", "acknowledge", "admit", "emphasize", "declare", "tweet", "post", "suggest",
	"remind", "allege", "assert", "ask", "reply", "respond", "continue", "recall", "conclude",
	"comment", "affirm", "underline", "predict", "promise", "complain", "quote", "contend",
	"maintain", "believe", "report", "remark", "observe", "mention", "reiterate", "concede", "disclose",
	"lament", "caution", "testify", "exclaim", "boast", "joke", "counter", "retort", "shout", "confess",
	"speculate", "estimate", "threaten", "proclaim", "answer", "wonder", "question")

// skipAfterVerb are words between a reporting verb and its content
// ("said on Saturday", "said in a statement today").
var skipAfterVerb = set("in", "on", "at", "a", "an", "the", "its", "his", "her", "their", "today", "yesterday",
	"tonight", "statement", "interview", "x", "twitter", "telegram", "facebook", "reporters",
	"journalists", "media", "interaction", "briefing", "press", "news", "conference", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "also", "earlier", "later", "then",
	"separately", "written", "televised", "address", "speech", "post", "message", "late", "evening",
	"morning", "night", ",", ":", "—", "–")

// characterizing are the verbs that report how someone characterized
// something ("called the strikes a violation", "described the talks as
// frank").
var characterizing = set("call", "calls", "called", "calling", "describe", "describes", "described",
	"describing", "denounced", "branded", "brand", "brands", "termed", "labelled", "labeled", "dubbed",
	"dismissed", "hailed", "deemed", "deeming", "deems")

// characterization reads "SUBJECT called X Y" and "SUBJECT described X as
// Y": the content is X and Y, when a quote, "as" or "a" marks Y.
func (x *extractor) characterization(v int) {
	toks := x.toks
	ss, se := x.sentRange(v)
	if v+1 >= se || v > 0 && toks[v-1].lower == "," && toks[v+1].kind == tOpen {
		return // ", dubbed "Mission Control"": a passive, not a speaker's words
	}
	switch toks[v+1].lower {
	case "for", "on", "off", "up", "in", "out", "upon", "to", "it", "him", "her", "them", "back", "a", "an":
		// "called a meeting", "called for talks" characterize nothing;
		// "deeming it "a clear violation"" does.
		if !(toks[v+1].lower == "it" && v+2 < se && toks[v+2].kind == tOpen) {
			return
		}
	}
	cs := v
	for cs > ss && toks[cs-1].q < 0 && toks[cs-1].lower != ";" {
		cs--
	}
	// The content ends with its clause: "… and said …", "…, adding …".
	e := se
	for e > v+1 && toks[e-1].kind != tWord && toks[e-1].kind != tClose {
		e--
	}
	marked := false
	for k := v + 1; k < e; k++ {
		t := &toks[k]
		if (t.lower == "and" || t.lower == ",") && k+1 < e {
			if _, isVerb := x.verbAt(k + 1); isVerb {
				e = k
				break
			}
			if k+2 < e && toks[k+1].lower == "and" {
				if _, isVerb := x.verbAt(k + 2); isVerb {
					e = k
					break
				}
			}
		}
		switch {
		case t.kind == tOpen, t.lower == "as":
			marked = true
		case (t.lower == "a" || t.lower == "an") && k > v+2 && strings.HasPrefix(toks[v].lower, "call") && !x.hasWord(v+1, k, "to"):
			marked = true
		}
	}
	for e > v+1 && toks[e-1].kind == tPunct {
		e--
	}
	if !marked || x.words(v+1, e) < 2 {
		return
	}
	m := -1
	if !verbs[toks[v].lower].participle && !precededByConj(toks, cs, v) {
		m = x.pick(cs, v, true)
		if m >= 0 && x.between(x.ms[m].t1, v) {
			m = -1
		}
	}
	if m >= 0 && x.relative(m) {
		return
	}
	if m < 0 {
		m = x.first(ss, v)
	}
	if m < 0 {
		return
	}
	a := x.attribute(m, v, x.ms[m].t0, v+1)
	x.emit(v+1, e, a, v)
}

// reportedToken reads reported speech — a statement attributed with a
// reporting verb but not in quote marks — around token v.
func (x *extractor) reportedToken(v int) {
	toks := x.toks
	t := &toks[v]
	if t.kind != tWord || t.q >= 0 {
		return
	}
	if t.lower == "according" && v+1 < len(toks) && toks[v+1].lower == "to" {
		x.according(v, v+2)
		return
	}
	if t.lower == "as" && v+1 < len(toks) && toks[v+1].lower == "per" {
		x.according(v, v+2)
		return
	}
	vb, ok := x.verbAt(v)
	if ok && vb.partial && x.hasThat(v+1, min(v+4, len(toks))) {
		// "expressed concern that …", "demanded that …"
		vb.partial = false
		vb.lemma = "say"
	}
	if ok && vb.partial && characterizing[t.lower] && !x.negated(v) {
		x.characterization(v)
		return
	}
	if !ok || vb.partial || x.negated(v) {
		return
	}
	if vb.particle != "" && !x.particle(v, vb.particle) {
		return
	}
	x.reportedAt(v, vb, x.used[v])
}

// reportedAt reads a reported statement around the verb at v.
//
// When the verb attributes a direct quote already (spent), a statement is
// read only where it goes on after the quote.
func (x *extractor) reportedAt(v int, vb verb, spent bool) {
	toks := x.toks
	ss, se := x.sentRange(v)
	cs := v
	for cs > ss && toks[cs-1].q < 0 && toks[cs-1].lower != ";" {
		cs--
	}
	// Trailing terminal punctuation is not content.
	ce := se
	for ce > v+1 && toks[ce-1].kind != tWord && toks[ce-1].kind != tClose {
		ce--
	}
	if v > cs && isPassive(toks[v-1].lower) {
		if !spent {
			x.passive(v, ss, se, ce)
		}
		return
	}
	if v > cs && (toks[v-1].lower == "to" || toks[v-1].lower == "not" && v-1 > cs && isPassive(toks[v-2].lower)) {
		return // "is expected to announce", infinitives report nothing yet
	}
	// "CONTENT, SUBJECT said." and "CONTENT, said SUBJECT."
	if tail := ce - (v + 1); !spent && tail <= 8 && !x.hasThat(v+1, ce) && cs < v {
		if m := x.pick(v+1, ce, false); m >= 0 && toks[v-1].lower == "," && x.light(v+1, ce, m) {
			x.emitReported(cs, v-1, m, v, v-1, ce)
			return
		}
		if m := x.pick(cs, v, true); m >= 0 && x.light(v+1, ce, -1) {
			c := x.npStart(m, cs) - 1
			if c > cs && toks[c].lower == "," {
				x.emitReported(cs, c, m, v, x.ms[m].t0, ce)
				return
			}
		}
	}
	// "CONTENT, the army said, despite …"
	if m := x.pick(cs, v, true); !spent && m >= 0 && x.npStart(m, cs)-1 > cs && toks[x.npStart(m, cs)-1].lower == "," && !x.between(x.ms[m].t1, v) && x.ms[m].kind != mPronoun {
		k := v + 1
		for k < ce && (skipAfterVerb[toks[k].lower] || between[toks[k].lower]) && toks[k].lower != "," {
			k++
		}
		if k < ce && toks[k].lower == "," {
			x.emitReported(cs, x.npStart(m, cs)-1, m, v, x.ms[m].t0, k)
			return
		}
	}
	// "SUBJECT said (that) CONTENT."
	m := -1
	if !vb.participle && !precededByConj(toks, cs, v) {
		m = x.pick(cs, v, true)
		if m >= 0 && toks[x.ms[m].t1-1].end > 0 && x.between(x.ms[m].t1, v) {
			m = -1
		}
	}
	if m >= 0 && x.relative(m) {
		return // "…, which she said had …": an aside, not a statement
	}
	var inherited *attribution
	if m < 0 {
		// "…, adding that …" shares the speaker of the main clause.
		if h, ok := x.lastSaid(v, 0, func(s said) bool { return s.sent == toks[v].sent }); ok && (vb.participle || precededByConj(toks, cs, v)) {
			a := h.a
			inherited = &a
		} else if vb.participle || precededByConj(toks, cs, v) {
			m = x.first(ss, v)
		}
	}
	if m < 0 && inherited == nil {
		return
	}
	c := v + 1
	if vb.particle != "" {
		c++
	}
	that := -1
	for k := c; k < ce && k-c < 14; k++ {
		if toks[k].q >= 0 || toks[k].lower == "." || toks[k].lower == ";" {
			break
		}
		if toks[k].lower == "that" {
			that = k
			break
		}
	}
	switch {
	case that >= 0:
		c = that + 1
	case vb.lemma == "tell":
		// "told reporters the evidence was …"
		if k := x.mentionAt(c); k >= 0 && x.ms[k].t0 == c {
			c = x.ms[k].t1
		} else if c < ce && (toks[c].lower == "reporters" || toks[c].lower == "journalists") {
			c++
		} else {
			return
		}
		if c < ce && (toks[c].lower == "to" || toks[c].lower == "not") {
			return // "tells airlines not to buy": an order, not a statement
		}
	case vb.lemma == "promise":
		// "vowed on Monday to press ahead …"
		for c < ce && skipAfterVerb[toks[c].lower] {
			c++
		}
		if c >= ce || toks[c].lower != "to" {
			return
		}
	case needThat[vb.lemma]:
		return
	default:
		c = x.skipCircumstances(c, ce)
	}
	for c < ce && (toks[c].lower == ":" || toks[c].lower == ",") {
		c++
	}
	if c >= ce || spent && toks[c].kind != tOpen {
		return
	}
	if toks[c].kind == tOpen {
		// The content is a direct quote, attributed already, unless the
		// statement goes on after it ("that "trust has to be earned" and
		// that …").
		k := c
		for k < ce && toks[k].q == toks[c].q {
			k++
		}
		if k >= ce || toks[k].kind != tWord || x.words(k, ce) < 3 {
			return
		}
		if _, isVerb := x.verbAt(k); isVerb {
			return // "…," adding that "…": a second attribution
		}
	}
	// The content ends at a second clause with its own attribution.
	e := ce
	for k := c; k < ce; k++ {
		if toks[k].lower == ";" {
			e = k
			break
		}
		if toks[k].lower == "," && k+1 < ce {
			if n := toks[k+1].lower; n == "but" || n == "while" || n == "whereas" || n == "adding" || n == "saying" {
				e = k
				break
			}
		}
	}
	if x.words(c, e) < 3 {
		return
	}
	if inherited != nil {
		a := *inherited
		a.verb = toks[v].lower
		x.emit(c, e, a, v)
		return
	}
	a := x.attribute(m, v, x.ms[m].t0, c)
	x.emit(c, e, a, v)
}

func isArticle(w string) bool { return w == "the" || w == "a" || w == "an" }

func isPrep(w string) bool {
	switch w {
	case "in", "on", "at", "to", "via", "during":
		return true
	}
	return false
}

// npStart returns the first token of the noun phrase around mention m,
// not before token a: the mention with its article and any capitalized
// words a partial entity left out ("the National Teachers' Association").
func (x *extractor) npStart(m, a int) int {
	k := x.ms[m].t0
	for k > a && k > x.ms[m].t0-4 {
		p := &x.toks[k-1]
		if p.kind != tWord || p.q >= 0 || !(isArticle(p.lower) || p.cap || nationalities[p.lower]) {
			break
		}
		k--
		if isArticle(p.lower) {
			break
		}
	}
	return k
}

// relative reports whether the mention m is the subject of a relative
// clause ("what the Ministry deems", "which she said").
func (x *extractor) relative(m int) bool {
	k := x.ms[m].t0 - 1
	for k > 0 && isArticle(x.toks[k].lower) {
		k--
	}
	if k < 0 {
		return false
	}
	switch x.toks[k].lower {
	case "which", "who", "that", "what", "whom":
		return true
	}
	return false
}

// skipCircumstances skips what may stand between a reporting verb and
// its content: time words and the phrases "on Saturday", "in a statement
// today", "on X", "to reporters" — but not the content's own article.
func (x *extractor) skipCircumstances(c, ce int) int {
	toks := x.toks
	for c < ce && toks[c].q < 0 {
		switch w := toks[c].lower; w {
		case "in", "on", "at", "to", "via", "during":
			c++
			for c < ce && toks[c].q < 0 && skipAfterVerb[toks[c].lower] && toks[c].lower != "," {
				if w := toks[c].lower; isArticle(w) || w == "its" || w == "his" || w == "her" || w == "their" {
					// An article belongs to the phrase only before one of
					// its nouns ("in a statement"), not to the content
					// ("on Saturday the border …").
					if !isPrep(toks[c-1].lower) || c+1 >= ce || !skipAfterVerb[toks[c+1].lower] || isArticle(toks[c+1].lower) {
						break
					}
				}
				c++
			}
		case "today", "yesterday", "tonight", "also", "earlier", "later", "then", "separately", ",", ":", "—", "–":
			c++
		default:
			return c
		}
	}
	return c
}

// light reports whether tokens [a, b), apart from mention m, hold only
// the circumstances of an attribution ("on Saturday", "in a statement"),
// not content.
func (x *extractor) light(a, b, m int) bool {
	for k := a; k < b; k++ {
		if m >= 0 && k >= x.ms[m].t0 && k < x.ms[m].t1 {
			continue
		}
		t := &x.toks[k]
		if t.kind == tWord && !skipAfterVerb[t.lower] && !between[t.lower] {
			return false
		}
	}
	return true
}

// between reports whether tokens [a, b) between a subject and its verb
// hold a clause of their own (another verb in a relative clause is fine,
// a full stop or quote is not).
func (x *extractor) between(a, b int) bool {
	for k := a; k < b; k++ {
		if x.toks[k].q >= 0 || x.toks[k].lower == "." {
			return true
		}
		// ", who asked not to be named," and "(…)" are asides.
		if x.toks[k].lower == "," && k+1 < b {
			if n := x.toks[k+1].lower; n == "who" || n == "which" || n == "whose" || n == "whom" {
				j := k + 1
				for j < b && x.toks[j].lower != "," {
					j++
				}
				k = j
				continue
			}
		}
		if x.toks[k].lower == "(" {
			for k < b && x.toks[k].lower != ")" {
				k++
			}
			continue
		}
		if _, ok := x.verbAt(k); ok {
			return true
		}
	}
	return b-a > 14
}

// negated reports whether the verb at v is denied ("did not admit"):
// what follows was not said.
func (x *extractor) negated(v int) bool {
	for k := v - 1; k >= 0 && k >= v-2; k-- {
		switch x.toks[k].lower {
		case "not", "never", "n't", "didn't", "doesn't", "don't", "won't", "wouldn't", "refused", "declined":
			return true
		}
	}
	return false
}

func (x *extractor) hasThat(a, b int) bool { return x.hasWord(a, b, "that") }

func (x *extractor) hasWord(a, b int, w string) bool {
	for k := a; k < b && k < len(x.toks); k++ {
		if x.toks[k].lower == w {
			return true
		}
	}
	return false
}

func (x *extractor) words(a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if x.toks[k].kind == tWord {
			n++
		}
	}
	return n
}

// emitReported records content [c, e) said by mention m with the verb at
// v, the medium read from tokens [ma, mb).
func (x *extractor) emitReported(c, e, m, v, ma, mb int) {
	for e > c && x.toks[e-1].kind == tPunct {
		e--
	}
	if x.words(c, e) < 3 {
		return
	}
	a := x.attribute(m, v, ma, mb)
	x.emit(c, e, a, v)
}

func (x *extractor) emit(c, e int, a attribution, v int) {
	if c >= e {
		return
	}
	s, en := x.toks[c].start, x.toks[e-1].end
	x.remember(said{tok: v, para: x.toks[v].para, sent: x.toks[v].sent, a: a})
	x.out = append(x.out, parallax.Quote{
		Start: s, End: en, Text: x.text[s:en],
		Speaker: a.speaker, Verb: a.verb, Medium: a.medium, Post: -1,
	})
}

// passive reads "This was stated on February 3 by X": the statement is
// the sentence before.
func (x *extractor) passive(v, ss, se, ce int) {
	toks := x.toks
	if ss >= len(toks) || (toks[ss].lower != "this" && toks[ss].lower != "it" && toks[ss].lower != "that") {
		return
	}
	by := -1
	for k := v + 1; k < ce && k-v < 10; k++ {
		if toks[k].lower == "by" {
			by = k
			break
		}
	}
	if by < 0 || ss == 0 {
		return
	}
	m := x.pick(by+1, ce, false)
	if m < 0 {
		return
	}
	ps, pe := x.sentRange(ss - 1)
	if toks[ps].para != toks[ss].para {
		return
	}
	for pe > ps && toks[pe-1].kind == tPunct {
		pe--
	}
	if x.words(ps, pe) < 3 {
		return
	}
	a := x.attribute(m, v, v, ce)
	x.emit(ps, pe, a, v)
}

// according reads "according to X, CONTENT" and "CONTENT, according to
// X"; a is the token of "according" and b the first of the source.
func (x *extractor) according(a, b int) {
	toks := x.toks
	ss, se := x.sentRange(a)
	ce := se
	for ce > a && toks[ce-1].kind != tWord && toks[ce-1].kind != tClose {
		ce--
	}
	end := b
	for end < ce && toks[end].lower != "," && toks[end].q < 0 && end-b < 12 {
		end++
	}
	// "according to the provincial governor, Amira Sayegh, …"
	if end+1 < ce && toks[end].lower == "," {
		if p := x.mentionAt(end + 1); p >= 0 && x.ms[p].t0 == end+1 && x.ms[p].kind == mPerson {
			end = x.ms[p].t1
		}
	}
	m := x.pick(b, end, false)
	if m < 0 {
		// "according to figures compiled by the Harsa Monitor"
		if k := x.first(b, end); k < 0 {
			for i := range x.ms {
				if x.ms[i].t0 >= b && x.ms[i].t1 <= end && !x.ms[i].poss && x.ms[i].kind != mPronoun {
					m = i
					break
				}
			}
		}
	}
	if m < 0 || x.ms[m].kind == mStatement && !x.described(&x.ms[m]) {
		return
	}
	var c, e int
	switch {
	case a == ss || (a == ss+1 && toks[ss].kind != tWord):
		c, e = end+1, ce
	case end >= ce:
		c, e = ss, a
	default:
		c, e = ss, ce
	}
	for e > c && toks[e-1].kind == tPunct {
		e--
	}
	if x.words(c, e) < 3 {
		return
	}
	at := x.attribute(m, a, a, end)
	at.verb = "according to"
	if toks[a].lower == "as" {
		at.verb = "as per"
	}
	x.emit(c, e, at, a)
}
