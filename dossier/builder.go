package dossier

import (
	"cmp"
	"hash/fnv"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// Options carry what a dossier needs from outside the event: the store's
// term statistics and the caller's view of neighbouring events. The zero
// value is usable: framing then compares outlets with a flat prior and no
// related events are listed.
type Options struct {
	// Background is the term statistics of the whole store (see
	// Background); nil uses the event's own articles.
	Background *Background
	// Related are candidate similar-but-different events with the
	// clusterer's similarity scores; the dossier lists the nearest.
	Related []Candidate
	// Earlier are stored articles published before the event that may be
	// nearly duplicated by one of its members (the clusterer's
	// near-duplicate index finds them); they support the "possibly
	// recycled" mark.
	Earlier []*parallax.Article
	// MaxRelated bounds the related events listed (default 5).
	MaxRelated int
	// RecycledAfter is how much earlier a nearly duplicated article must
	// have been published for the later one to be marked as possibly
	// recycled (default 90 days).
	RecycledAfter time.Duration
}

// Candidate is a similar event the caller found, with its similarity score
// and, optionally, its articles (used to look for recycled text).
type Candidate struct {
	Event    *parallax.Event
	Score    float64
	Articles []*parallax.Article
}

func (o Options) maxRelated() int {
	if o.MaxRelated <= 0 {
		return 5
	}
	return o.MaxRelated
}

func (o Options) recycledAfter() time.Duration {
	if o.RecycledAfter <= 0 {
		return 90 * 24 * time.Hour
	}
	return o.RecycledAfter
}

// Build returns the dossier of event from its articles. It is pure and
// deterministic: articles are taken in publication order (then input
// order, then id) whatever order they are given in, and nothing is read
// from outside the arguments. Articles without an Extraction still
// contribute coverage, claims and framing; figures, quotes, timeline and
// the finer alignment need the extractors' output.
func Build(event *parallax.Event, articles []*parallax.Article, opts Options) *parallax.Dossier {
	sorted := slices.Clone(articles)
	slices.SortStableFunc(sorted, compareArticles)
	b := NewBuilder(event, opts)
	for _, a := range sorted {
		b.Add(a)
	}
	return b.Dossier()
}

func compareArticles(x, y *parallax.Article) int {
	if x == nil || y == nil {
		if x == nil && y == nil {
			return 0
		}
		if x == nil {
			return 1
		}
		return -1
	}
	if c := x.Published.Compare(y.Published); c != 0 {
		// Unknown dates sort last.
		if x.Published.IsZero() {
			return 1
		}
		if y.Published.IsZero() {
			return -1
		}
		return c
	}
	if c := cmp.Compare(x.Seq, y.Seq); c != 0 {
		return c
	}
	return strings.Compare(x.ID, y.ID)
}

// Builder maintains an event's dossier as its articles arrive: Add aligns
// a new article's sentences with the claims found so far (an inverted index
// keeps that proportional to the article, not the event), and Dossier
// assembles the sections from the accumulated state. A Builder is not safe
// for concurrent use.
type Builder struct {
	event *parallax.Event
	opts  Options

	arts []*artState
	byID map[string]int

	vocab  map[string]int
	terms  []string
	artDF  map[int]int // articles containing each term
	claims []*claim
	// postings maps a term id to the claims whose members contain it.
	postings map[int][]int

	shingleIndex map[uint64][]int32
	overlap      map[[2]int]int // shared shingles of article pairs (lower index first)

	stems stemCache

	// surfaces counts the written forms of each framing term.
	surfaces map[string]map[string]int

	// copyMap holds the copies found by the last Dossier call.
	copyMap map[int]copyInfo

	// rankOf is each article's position in publication order, set by
	// Dossier.
	rankOf []int
}

// NewBuilder returns an empty Builder for event.
func NewBuilder(event *parallax.Event, opts Options) *Builder {
	return &Builder{
		event:        event,
		opts:         opts,
		byID:         map[string]int{},
		vocab:        map[string]int{},
		artDF:        map[int]int{},
		postings:     map[int][]int{},
		shingleIndex: map[uint64][]int32{},
		overlap:      map[[2]int]int{},
		surfaces:     map[string]map[string]int{},
		stems:        stemCache{},
	}
}

// artState is what the Builder keeps of one article.
type artState struct {
	a      *parallax.Article
	outlet string
	sents  []*sentState
	// terms counts the article's framing terms; firstUse holds the
	// offset of each term's first use.
	terms      map[string]int
	quotes     []*quoteRef
	firstUse   map[string]int
	shingleSet map[uint64]bool
	// surface is each term as the article first writes it; actions counts
	// the terms written as action words (see actionWords).
	surface map[string]string
	actions map[string]int
	// actionSurface is each action term as first written.
	actionSurface map[string]string
	shingles      int
}

// sentState is one sentence with its comparison features.
type sentState struct {
	art   int
	idx   int
	span  parallax.Span
	words []word
	vec   []tw // term ids ascending, L2-normalized weights
	ents  []string
	figs  []figKey
	// content counts content words; short sentences are not claims.
	content int
	claim   int
	// concepts caches the sentence's concepts for linking disputes.
	concepts map[string]bool
	// cue is the dispute language the sentence holds, at byte cueAt of
	// the article.
	cue   string
	cueAt int
}

type tw struct {
	id int
	w  float64
}

type figKey struct {
	value float64
	what  string
}

// Add adds an article to the event. Articles already added (same id) and
// nil are ignored.
func (b *Builder) Add(a *parallax.Article) {
	if a == nil {
		return
	}
	if _, dup := b.byID[a.ID]; dup && a.ID != "" {
		return
	}
	ai := len(b.arts)
	st := &artState{a: a, outlet: outletLabel(a), terms: map[string]int{}, firstUse: map[string]int{}, surface: map[string]string{}, actions: map[string]int{},
		actionSurface: map[string]string{}}
	b.arts = append(b.arts, st)
	if a.ID != "" {
		b.byID[a.ID] = ai
	}
	all := b.stems.words(a.Text, 0, len(a.Text), a.Language)
	for _, t := range termsOf(a.Text, all) {
		st.terms[t.term]++
		sf := b.surfaces[t.term]
		if sf == nil {
			sf = map[string]int{}
			b.surfaces[t.term] = sf
		}
		sf[t.surface]++
		if _, ok := st.firstUse[t.term]; !ok {
			st.firstUse[t.term] = t.start
			st.surface[t.term] = t.surface
		}
		if actionWords[t.surface] {
			st.actions[t.term]++
			if _, ok := st.actionSurface[t.term]; !ok {
				st.actionSurface[t.term] = t.surface
			}
		}
	}
	b.addShingles(ai, all)

	sents := sentenceSpans(a)
	// Document frequency first, so that the article's own words weigh as
	// one more document.
	seen := map[int]bool{}
	for _, w := range all {
		if isStop(w.lower) {
			continue
		}
		id := b.termID(w.stem)
		if !seen[id] {
			seen[id] = true
			b.artDF[id]++
		}
	}
	if a.Extraction != nil {
		for _, e := range a.Extraction.Entities {
			if !plausibleName(e.Text) {
				continue
			}
			id := b.termID(entityTerm(e))
			if !seen[id] {
				seen[id] = true
				b.artDF[id]++
			}
		}
	}
	for i, sp := range sents {
		lo, _ := slices.BinarySearchFunc(all, sp.Start, func(w word, off int) int { return cmp.Compare(w.start, off) })
		hi, _ := slices.BinarySearchFunc(all, sp.End, func(w word, off int) int { return cmp.Compare(w.start, off) })
		ws := all[lo:hi:hi]
		s := &sentState{art: ai, idx: i, span: sp, words: ws, claim: -1}
		s.ents = sentenceEntities(a, sp)
		s.vec, s.content = b.vector(ws, s.ents)
		s.figs = sentenceFigures(a, sp, ws)
		st.sents = append(st.sents, s)
		if s.content >= minClaimWords {
			b.align(s)
		}
		text := sp.Of(a.Text)
		if mayDispute(ws) {
			if loc := disputeCue.FindStringIndex(text); loc != nil && !notDispute.MatchString(text) {
				s.cue = text[loc[0]:loc[1]]
				s.cueAt = sp.Start + loc[0]
			}
		}
	}
	st.quotes = b.quoteRefs(ai)
}

// mayDispute reports whether a sentence has a word dispute language is
// made of, so that the dispute expression runs only where it can match.
func mayDispute(ws []word) bool {
	for _, w := range ws {
		for _, p := range disputeWordPrefixes {
			if strings.HasPrefix(w.lower, p) {
				return true
			}
		}
	}
	return false
}

var disputeWordPrefixes = []string{"den", "refut", "contradict", "reject", "disput", "false", "baseless", "unfounded",
	"fabricated", "untrue", "misleading", "groundless", "prior", "informed", "notified", "consulted", "warned", "true", "truth"}

// outletLabel names an article's outlet for the dossier: its name, else
// its web host, else "unknown" with the article id — two reports of
// unknown origin must not count as one outlet agreeing with itself.
func outletLabel(a *parallax.Article) string {
	if a.Outlet.Name != "" {
		return a.Outlet.Name
	}
	if a.Outlet.Host != "" {
		return a.Outlet.Host
	}
	if u, err := url.Parse(a.URL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	if a.ID != "" {
		return "unknown (" + a.ID + ")"
	}
	return "unknown"
}

// Len returns the number of articles added.
func (b *Builder) Len() int { return len(b.arts) }

func (b *Builder) termID(t string) int {
	id, ok := b.vocab[t]
	if !ok {
		id = len(b.terms)
		b.vocab[t] = id
		b.terms = append(b.terms, t)
	}
	return id
}

// vector returns the tf-idf vector of a sentence's content words.
func (b *Builder) vector(ws []word, ents []string) ([]tw, int) {
	tf := map[int]float64{}
	// Names count as terms of their own, so that "Polyanskiy" and
	// "Polyansky" resolved to one entity meet, weighted like words by how
	// many of the event's articles name them.
	for _, e := range ents {
		tf[b.vocab["\x01"+e]] += 0.5
	}
	n := 0
	for _, w := range ws {
		if isStop(w.lower) {
			continue
		}
		if !isDateWord(w.lower) && !calendarWord(w.lower) {
			n++
		}
		tf[b.vocab[w.stem]]++
	}
	vec := make([]tw, 0, len(tf))
	var norm float64
	for id, f := range tf {
		wt := f * b.weight(id)
		if f > 1 {
			wt = (1 + math.Log(f)) * b.weight(id)
		}
		vec = append(vec, tw{id, wt})
		norm += wt * wt
	}
	norm = math.Sqrt(norm)
	for i := range vec {
		vec[i].w /= norm
	}
	slices.SortFunc(vec, func(x, y tw) int { return cmp.Compare(x.id, y.id) })
	return vec, n
}

// weight is a word's importance for telling claims apart. Words rare in
// the store (Background) weigh more, as usual; and words most of the
// event's articles use weigh less, however rare in the store: in a story
// about strikes on Iraq and Syria, "Iraq", "Syria" and "strikes" say which
// event a sentence is about, not which claim.
func (b *Builder) weight(id int) float64 {
	n := float64(len(b.arts))
	df := float64(max(1, b.artDF[id]))
	event := math.Log((n+1)/df) + 0.15
	bg := b.opts.Background
	if bg == nil || bg.Docs < 20 {
		return event
	}
	return event * bg.idf(b.terms[id], 0, 0)
}

// sentenceSpans returns an article's sentences, segmenting naively when
// the extractor gave none so that bad input still yields a dossier.
func sentenceSpans(a *parallax.Article) []parallax.Span {
	var out []parallax.Span
	for _, s := range a.Sentences {
		if s.Start >= 0 && s.End <= len(a.Text) && s.Start < s.End {
			out = append(out, s)
		}
	}
	if len(out) > 0 || a.Text == "" {
		return out
	}
	start := 0
	for i := 0; i < len(a.Text); i++ {
		c := a.Text[i]
		end := -1
		if c == '\n' {
			end = i
		} else if (c == '.' || c == '!' || c == '?') && i+1 < len(a.Text) && a.Text[i+1] == ' ' {
			end = i + 1
		}
		if end >= 0 {
			if s := trimSpan(a.Text, start, end); s.Len() > 0 {
				out = append(out, s)
			}
			start = end + 1
		}
	}
	if s := trimSpan(a.Text, start, len(a.Text)); s.Len() > 0 {
		out = append(out, s)
	}
	return out
}

func trimSpan(text string, start, end int) parallax.Span {
	for start < end && (text[start] == ' ' || text[start] == '\n') {
		start++
	}
	for end > start && (text[end-1] == ' ' || text[end-1] == '\n') {
		end--
	}
	return parallax.Span{Start: start, End: end}
}

// sentenceEntities returns the canonical ids (or folded names) of the
// entities mentioned in a sentence.
func sentenceEntities(a *parallax.Article, sp parallax.Span) []string {
	if a.Extraction == nil {
		return nil
	}
	var out []string
	for _, e := range a.Extraction.Entities {
		if e.Start >= sp.Start && e.End <= sp.End && plausibleName(e.Text) {
			out = append(out, entityKey(e))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func entityTerm(e parallax.Entity) string { return "\x01" + entityKey(e) }

func entityKey(e parallax.Entity) string {
	if e.ID != "" {
		return e.ID
	}
	if e.Name != "" {
		return strings.ToLower(e.Name)
	}
	return strings.ToLower(e.Text)
}

// sentenceFigures returns the quantities of a sentence as value and what
// they count: the extractor's quantities, else each number with the word
// after it ("12 people"), so that sentences giving different figures for
// the same thing are not taken as one claim even before extraction.
func sentenceFigures(a *parallax.Article, sp parallax.Span, ws []word) []figKey {
	var out []figKey
	if a.Extraction != nil && len(a.Extraction.Quantities) > 0 {
		for _, q := range a.Extraction.Quantities {
			if q.Start >= sp.Start && q.End <= sp.End {
				what := q.Role
				if what == "" {
					what = stem(strings.ToLower(q.Unit), a.Language)
				}
				out = append(out, figKey{q.Value, what})
			}
		}
		return out
	}
	for i, w := range ws {
		if i+1 >= len(ws) || !isNumber(w.lower) {
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(w.lower, ",", ""), 64)
		if err != nil {
			continue
		}
		out = append(out, figKey{v, ws[i+1].stem})
	}
	return out
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' && s[i] != ',' {
			return false
		}
	}
	return s[0] >= '0' && s[0] <= '9'
}

// addShingles indexes an article's five-word shingles and counts those it
// shares with earlier articles, to find copies.
func (b *Builder) addShingles(ai int, ws []word) {
	set := shingles(ws)
	b.arts[ai].shingles = len(set)
	b.arts[ai].shingleSet = set
	for s := range set {
		for _, other := range b.shingleIndex[s] {
			b.overlap[[2]int{int(other), ai}]++
		}
		b.shingleIndex[s] = append(b.shingleIndex[s], int32(ai))
	}
}

// shingles returns the hashed five-word shingles of a word sequence.
func shingles(ws []word) map[uint64]bool {
	set := make(map[uint64]bool, len(ws))
	const k = 5
	h := fnv.New64a()
	for i := 0; i+k <= len(ws); i++ {
		h.Reset()
		for _, w := range ws[i : i+k] {
			h.Write([]byte(w.lower))
			h.Write([]byte{0})
		}
		set[h.Sum64()] = true
	}
	return set
}

// containment returns the share of article j's shingles found in article i.
func (b *Builder) containment(i, j int) float64 {
	if i == j || b.arts[j].shingles == 0 {
		return 0
	}
	key := [2]int{min(i, j), max(i, j)}
	return float64(b.overlap[key]) / float64(b.arts[j].shingles)
}

// evidence returns the provenance of sentence s, with mention narrowing it.
func (b *Builder) evidence(s *sentState, mention *parallax.Span) parallax.Evidence {
	a := b.arts[s.art].a
	return parallax.Evidence{
		ArticleID: a.ID,
		Outlet:    b.arts[s.art].outlet,
		Start:     s.span.Start,
		End:       s.span.End,
		Sentence:  s.span.Of(a.Text),
		Mention:   mention,
	}
}

// sentenceOf returns the sentence of article ai containing byte offset off.
func (b *Builder) sentenceOf(ai, off int) *sentState {
	ss := b.arts[ai].sents
	i, _ := slices.BinarySearchFunc(ss, off, func(s *sentState, off int) int {
		if s.span.End <= off {
			return -1
		}
		if s.span.Start > off {
			return 1
		}
		return 0
	})
	if i < len(ss) && ss[i].span.Start <= off && off < ss[i].span.End {
		return ss[i]
	}
	return nil
}

// Dossier assembles the dossier from the articles added so far.
func (b *Builder) Dossier() *parallax.Dossier {
	d := &parallax.Dossier{}
	if b.event != nil {
		d.EventID = b.event.ID
		d.Title = b.event.Title
	}
	order := b.publicationOrder()
	b.rankOf = make([]int, len(b.arts))
	for r, ai := range order {
		b.rankOf[ai] = r
	}
	copies := b.copies(order)
	b.copyMap = copies
	if d.Title == "" && len(order) > 0 {
		for _, ai := range order {
			if t := strings.TrimSpace(b.arts[ai].a.Title); t != "" {
				d.Title = t
				break
			}
		}
	}
	d.Coverage = b.coverage(order, copies)
	d.Claims = b.claimList(copies)
	d.Figures = b.figures(copies)
	d.Speakers = b.speakers()
	d.Disputes = b.disputes()
	d.Timeline = b.timeline()
	d.Framing = b.framing()
	d.Related = b.related()
	d.Recycled = b.recycled(order)
	ensureSlices(d)
	return d
}

// ensureSlices replaces nil slices with empty ones so that JSON always
// shows every section.
func ensureSlices(d *parallax.Dossier) {
	if d.Claims == nil {
		d.Claims = []parallax.Claim{}
	}
	if d.Figures == nil {
		d.Figures = []parallax.FigureComparison{}
	}
	if d.Speakers == nil {
		d.Speakers = []parallax.SpeakerQuotes{}
	}
	if d.Disputes == nil {
		d.Disputes = []parallax.Dispute{}
	}
	if d.Timeline == nil {
		d.Timeline = []parallax.Happening{}
	}
	if d.Framing.Event == nil {
		d.Framing.Event = []parallax.Term{}
	}
	if d.Framing.Outlets == nil {
		d.Framing.Outlets = []parallax.OutletFraming{}
	}
	if d.Related == nil {
		d.Related = []parallax.RelatedEvent{}
	}
	if d.Recycled == nil {
		d.Recycled = []parallax.RecycledMark{}
	}
	if d.Coverage.Articles == nil {
		d.Coverage.Articles = []parallax.CoveredArticle{}
	}
	if d.Coverage.Outlets == nil {
		d.Coverage.Outlets = []parallax.OutletCoverage{}
	}
	if d.Coverage.Agencies == nil {
		d.Coverage.Agencies = []parallax.AgencyCredit{}
	}
	if d.Coverage.Languages == nil {
		d.Coverage.Languages = []parallax.LanguageCount{}
	}
}

// publicationOrder returns article indexes in publication order.
func (b *Builder) publicationOrder() []int {
	order := make([]int, len(b.arts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return compareArticles(b.arts[i].a, b.arts[j].a) })
	return order
}

// copyInfo says which earlier member an article copies, and why.
type copyInfo struct {
	of     int
	reason string
}

// copyContainment is the share of a later article's five-word shingles
// that must appear in an earlier one for it to count as a copy. Wire
// stories run by several outlets keep half or more of their word
// sequences even when edited and extended (ECB+ topic 8: 0.58–0.60),
// while independent reports of one event share under 0.05.
const copyContainment = 0.5

// copies finds the members that copy an earlier member: the clusterer's
// CopyOf when it names a member, else a text comparison.
func (b *Builder) copies(order []int) map[int]copyInfo {
	out := map[int]copyInfo{}
	rank := make([]int, len(b.arts))
	for r, ai := range order {
		rank[ai] = r
	}
	for r, aj := range order {
		a := b.arts[aj].a
		if a.CopyOf != "" {
			if i, ok := b.byID[a.CopyOf]; ok && i != aj {
				out[aj] = copyInfo{of: i, reason: "near-duplicate (clusterer)"}
				continue
			}
		}
		if b.arts[aj].shingles < 10 {
			continue
		}
		best, bestC := -1, 0.0
		for _, ai := range order[:r] {
			if c := b.containment(ai, aj); c > bestC {
				best, bestC = ai, c
			}
		}
		if best >= 0 && bestC >= copyContainment {
			out[aj] = copyInfo{of: best, reason: "near-duplicate text (" + percent(bestC) + " of its passages)"}
		}
	}
	return out
}

func percent(f float64) string {
	return strings.TrimSuffix(strings.TrimSuffix(formatFloat(f*100, 0), ".0"), ".") + "%"
}
