package dossier

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// disputeCue finds dispute language: an actor denying, refuting,
// contradicting or rejecting a claim, calling it false, or stating that
// what the claim says did not happen ("no prior coordination"). "Deny"
// and "reject" count only with an object that is a statement ("denied
// that", "rejected the allegations"): "was denied a permit" and "rejected
// the offer" are decisions, not disputes.
var disputeCue = regexp.MustCompile(`(?i)\b(?:den(?:y|ied|ies|ying)\s+(?:that|any|all|the\s+(?:\w+\s+)?(?:claims?|reports?|allegations?|accusations?|charges?|assertions?|account|version|statement)|(?:these|those|such)\s+(?:claims?|reports?|allegations?|accusations?)|claims?|reports?|allegations?|accusations?|involvement|responsibility|knowledge|wrongdoing|having|it|this)|reject(?:ed|s|ing)?\s+(?:that|the\s+(?:\w+\s+)?(?:claims?|reports?|allegations?|accusations?|assertions?|account|version)|(?:these|those|such)\s+(?:claims?|allegations?|accusations?)|claims?|allegations?|accusations?)|refut(?:e|ed|es|ing)|contradict(?:ed|s|ing)?|disput(?:ed|es|ing)|disputed?\s+(?:that|the|this|these)|(?:false|baseless|unfounded|fabricated|untrue|misleading|groundless)\s+(?:\w+\s+)?(?:claims?|allegations?|reports?|accusations?|statements?)|no\s+prior\s+(?:coordination|notification|notice|warning|consultation)|without\s+(?:any\s+)?prior\s+(?:coordination|notification|notice|warning)|(?:was|were)(?:\s+not|n't|\s+never)\s+(?:informed|notified|consulted|warned)|never\s+(?:informed|notified|consulted|warned)|not\s+true|no\s+truth)\b`)

// notDispute are uses of the cue words that are not disagreement about a
// fact.
var notDispute = regexp.MustCompile(`(?i)\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?denied\b`)

// anaphor marks a dispute whose object is the previous sentence ("this
// claim", "these reports").
var anaphor = regexp.MustCompile(`(?i)\b(?:this|that|these|those|the) (?:claims?|allegations?|statements?|reports?|assertions?|accounts?|version)\b`)

// concepts folds words that dispute and claim use for the same idea, so
// that "notified in advance" meets "no prior coordination".
var concepts = map[string]string{
	"notifi": "notice", "notifi̇": "notice", "notif": "notice", "inform": "notice", "told": "notice", "tell": "notice",
	"warn": "notice", "advis": "notice", "coordin": "notice", "consult": "notice", "advanc": "notice", "prior": "notice",
	"previous": "notice", "previously": "notice", "beforehand": "notice",
	"kill": "death", "dead": "death", "death": "death", "die": "death", "fatal": "death",
	"strike": "attack", "airstrik": "attack", "attack": "attack", "raid": "attack", "bomb": "attack", "bombard": "attack",
}

func conceptStem(st string) string {
	if c, ok := concepts[st]; ok {
		return c
	}
	if len(st) >= 5 {
		for _, k := range conceptPrefixes {
			if strings.HasPrefix(st, k) {
				return concepts[k]
			}
		}
	}
	return st
}

// conceptPrefixes are the concept keys long enough to match as prefixes
// of longer stems ("notifi" in "notification").
var conceptPrefixes = func() []string {
	var out []string
	for k := range concepts {
		if len(k) >= 5 {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}()

// disputeJoinMin is the concept overlap an unlinked objection needs with
// a claim already disputed to join its objections.
const disputeJoinMin = 0.2

// noticeCue matches the cues that deny a notification or coordination.
var noticeCue = regexp.MustCompile(`(?i)prior|informed|notified|consulted|warned`)

// disputeLinkMin is the concept overlap a sentence needs with a dispute
// to be taken as the claim it disputes.
const disputeLinkMin = 0.3

// disputes finds explicit disagreements and links each to the claim it
// disputes: the sentence the dispute refers back to ("contradicted this
// claim"), else the sentence of any article whose content the dispute
// shares most. Objections to the same claim are merged.
func (b *Builder) disputes() []parallax.Dispute {
	type objection struct {
		s   *sentState
		cue string
		at  int
	}
	var objs []objection
	isDispute := map[*sentState]bool{}
	for _, st := range b.arts {
		for _, s := range st.sents {
			if s.cue == "" {
				continue
			}
			objs = append(objs, objection{s: s, cue: s.cue, at: s.cueAt})
			isDispute[s] = true
		}
	}
	if len(objs) == 0 {
		return nil
	}
	type group struct {
		claim *sentState
		objs  []objection
	}
	var groups []*group
	byClaim := map[*sentState]*group{}
	index := b.conceptIndex()
	for _, o := range objs {
		c := b.disputedClaim(o.s, isDispute, index)
		var g *group
		if c != nil {
			g = byClaim[c]
		}
		if g == nil {
			g = &group{claim: c}
			groups = append(groups, g)
			if c != nil {
				byClaim[c] = g
			}
		}
		g.objs = append(g.objs, o)
	}
	// An objection linked to no claim joins a claim already known to be
	// disputed on weaker evidence: once a claim is disputed, another
	// sentence sharing its concepts most likely disputes it too.
	var kept []*group
	for _, g := range groups {
		if g.claim != nil || len(g.objs) != 1 {
			kept = append(kept, g)
			continue
		}
		o := g.objs[0]
		var best *group
		bestScore := 0.0
		for _, h := range groups {
			if h.claim == nil {
				continue
			}
			if sc := overlap(b.conceptSet(o.s), b.conceptSet(h.claim)); sc > bestScore {
				best, bestScore = h, sc
			}
		}
		if best != nil && bestScore >= disputeJoinMin {
			best.objs = append(best.objs, o)
			continue
		}
		kept = append(kept, g)
	}
	groups = kept
	var out []parallax.Dispute
	for _, g := range groups {
		var d parallax.Dispute
		outlets := map[string]bool{}
		add := func(o string) {
			if !outlets[o] {
				outlets[o] = true
				d.Outlets = append(d.Outlets, o)
			}
		}
		if g.claim != nil {
			a := b.arts[g.claim.art].a
			d.Claim = g.claim.span.Of(a.Text)
			d.Claimant = b.actor(g.claim, -1)
			d.ClaimEvidence = []parallax.Evidence{b.evidence(g.claim, nil)}
			add(b.arts[g.claim.art].outlet)
		}
		for _, o := range g.objs {
			mention := parallax.Span{Start: o.at, End: o.at + len(o.cue)}
			d.Objections = append(d.Objections, parallax.Objection{
				Actor: b.actor(o.s, o.at), Cue: o.cue, Evidence: b.evidence(o.s, &mention),
			})
			add(b.arts[o.s.art].outlet)
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(x, y parallax.Dispute) int {
		if (x.Claim == "") != (y.Claim == "") {
			if x.Claim == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(len(y.Objections), len(x.Objections))
	})
	return out
}

// disputedClaim returns the sentence a dispute sentence disputes, or nil.
// Candidates are found through an index of concepts, so that the cost
// grows with the sentences sharing a concept, not with the event.
func (b *Builder) disputedClaim(s *sentState, isDispute map[*sentState]bool, index map[string][]*sentState) *sentState {
	st := b.arts[s.art]
	text := s.span.Of(st.a.Text)
	ds := b.conceptSet(s)
	shared := map[*sentState]int{}
	for c := range ds {
		ps := index[c]
		if len(ps) > maxPostings*4 {
			continue
		}
		for _, o := range ps {
			shared[o]++
		}
	}
	if s.idx > 0 && anaphor.MatchString(text) {
		if prev := st.sents[s.idx-1]; shared[prev] == 0 {
			shared[prev] = 0
		}
	}
	// A dispute that something was not notified or coordinated disputes a
	// claim that it was.
	needNotice := noticeCue.MatchString(s.cue)
	var best *sentState
	bestScore := 0.0
	for c, n := range shared {
		if c == s || isDispute[c] || c.content < minClaimWords {
			continue
		}
		if needNotice && !b.conceptSet(c)["notice"] {
			continue
		}
		score := float64(n) / math.Sqrt(float64(len(ds)*len(b.conceptSet(c))))
		if c.art == s.art && c.idx == s.idx-1 && anaphor.MatchString(text) {
			score += 0.25
		}
		if score > bestScore || score == bestScore && best != nil && (c.art < best.art || c.art == best.art && c.idx < best.idx) {
			best, bestScore = c, score
		}
	}
	if bestScore < disputeLinkMin {
		return nil
	}
	return best
}

// conceptSet returns (and caches) the concepts of a sentence.
func (b *Builder) conceptSet(s *sentState) map[string]bool {
	if s.concepts != nil {
		return s.concepts
	}
	m := map[string]bool{}
	for _, w := range s.words {
		if isStop(w.lower) || disputeWord(w.stem) {
			continue
		}
		m[conceptStem(w.stem)] = true
	}
	s.concepts = m
	return m
}

// conceptIndex maps each concept to the sentences that have it.
func (b *Builder) conceptIndex() map[string][]*sentState {
	index := map[string][]*sentState{}
	for _, st := range b.arts {
		for _, s := range st.sents {
			if s.content < minClaimWords {
				continue
			}
			for c := range b.conceptSet(s) {
				index[c] = append(index[c], s)
			}
		}
	}
	return index
}

// disputeWord reports whether a stem is dispute language itself, which
// says nothing about what is disputed.
func disputeWord(st string) bool {
	for _, p := range []string{"deni", "deny", "refut", "contradict", "reject", "disput", "fals", "claim", "alleg", "baseless", "unfound"} {
		if strings.HasPrefix(st, p) {
			return true
		}
	}
	return false
}

// overlap is the share of the smaller set found in the larger, damped for
// very short sets.
func overlap(x, y map[string]bool) float64 {
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	n := 0
	for k := range x {
		if y[k] {
			n++
		}
	}
	return float64(n) / math.Sqrt(float64(len(x)*len(y)))
}

// leadingName finds the actor at the start of a sentence: a capitalized
// name ("John Kirby, the spokesperson …") or an institution ("The Iraqi
// government").
var leadingName = regexp.MustCompile(`^(?:(?:Although|However|Meanwhile|But|And|Earlier|Later|Also),?\s+)?(?:the\s+|The\s+)?((?:[A-Z][\p{L}.'’-]*\s+){0,4}(?:[A-Z][\p{L}.'’-]*|government|ministry|military|army|presidency|embassy|spokesperson|spokesman|spokeswoman))`)

// actor returns who speaks in a sentence: the first person the entity
// extractor finds before the cue at off (off < 0: anywhere), else the
// first run of capitalized names before it ("Bassem al-Awadi"), else the
// speaker of a quote in the sentence, else the institution it opens with
// ("The Iraqi government"). "He" and "she" are resolved to the person the
// previous sentence names.
func (b *Builder) actor(s *sentState, off int) string {
	a := b.arts[s.art].a
	if a.Extraction != nil {
		for _, e := range a.Extraction.Entities {
			if e.Start < s.span.Start || e.End > s.span.End || (off >= 0 && e.Start >= off) {
				continue
			}
			if e.Type == parallax.PER && plausibleName(e.Text) {
				if e.Name != "" && plausibleName(e.Name) {
					return e.Name
				}
				return e.Text
			}
		}
	}
	text := s.span.Of(a.Text)
	limit := len(text)
	if off >= 0 && off-s.span.Start <= len(text) {
		limit = off - s.span.Start
	}
	for _, loc := range nameRun.FindAllStringIndex(text[:limit], -1) {
		f := strings.Fields(text[loc[0]:loc[1]])
		for len(f) > 0 && openers[strings.ToLower(strings.Trim(f[0], ","))] {
			f = f[1:]
		}
		if len(f) >= 2 {
			return strings.Join(f, " ")
		}
	}
	if a.Extraction != nil {
		for _, q := range a.Extraction.Quotes {
			if q.Start < s.span.End && q.End > s.span.Start {
				if n := cleanSpeaker(speakerName(q.Speaker)); n != "" && !isPronoun(n) && plausibleSpeaker(n) {
					return n
				}
			}
		}
	}
	if pronounStart.MatchString(text) && s.idx > 0 {
		return b.actor(b.arts[s.art].sents[s.idx-1], -1)
	}
	if m := leadingName.FindStringSubmatch(text); m != nil {
		if n := strings.TrimSpace(m[1]); n != "" && !isPronoun(n) && !openers[strings.ToLower(n)] {
			return n
		}
	}
	return ""
}

var pronounStart = regexp.MustCompile(`^(?:He|She)\b`)

// nameRun matches runs of two or more capitalized words, with Arabic and
// European particles ("Bassem al-Awadi", "John Kirby").
var nameRun = regexp.MustCompile(`(?:[A-Z][\p{L}'’-]+|(?:al|el|bin|ibn|van|von|de)-[A-Z][\p{L}'’-]+)(?:\s+(?:[A-Z][\p{L}'’-]+|(?:al|el|bin|ibn|van|von|de)-[A-Z][\p{L}'’-]+))+`)

// openers are capitalized words that open sentences, not names.
var openers = map[string]bool{"however": true, "although": true, "meanwhile": true, "the": true, "at": true, "on": true,
	"in": true, "but": true, "and": true, "earlier": true, "later": true, "also": true, "then": true, "while": true,
	"simultaneously": true, "after": true, "before": true, "as": true, "for": true, "when": true, "this": true, "that": true}
