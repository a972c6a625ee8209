package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/parallax-news/parallax"
)

// Decision is what Add decided for one article.
type Decision struct {
	ArticleID string `json:"article_id"`
	// EventID is the event the article now belongs to: the id of an open
	// event it joined, or parallax.EventID(ArticleID) for a new one.
	EventID string `json:"event_id"`
	// Score is the article's similarity to the event it joined, or to the
	// nearest event when it founded a new one (0 when there was none).
	Score float64 `json:"score"`
	// New is set when the article founded the event.
	New bool `json:"new,omitempty"`
	// CopyOf is the id of the earlier article this one nearly duplicates.
	CopyOf string `json:"copy_of,omitempty"`
	// Thin is set when the article had too little text to cluster and so
	// founded an event of its own.
	Thin bool `json:"thin,omitempty"`
	// Repeat is set when an article with this id had already been added;
	// the earlier decision is returned and nothing changes.
	Repeat bool `json:"repeat,omitempty"`
	// Why explains the decision.
	Why *Explanation `json:"why,omitempty"`
	// Split is set when this article's arrival showed that its event
	// held two happenings: the articles listed (this one among them or
	// not) moved to a new event. Earlier decisions naming the old event
	// for them are superseded (see ApplySplits).
	Split *Split `json:"split,omitempty"`
	// Moves is set when the stream settled after this article (see
	// Clusterer.Settle): articles moved between open events, this one
	// among them or not. Apply them with ApplyMoves.
	Moves []Move `json:"moves,omitempty"`
}

// Membership returns the decision as the store records it.
func (d Decision) Membership() parallax.Membership {
	m := parallax.Membership{ArticleID: d.ArticleID, EventID: d.EventID, Score: d.Score, CopyOf: d.CopyOf}
	if d.Why != nil {
		m.Why = d.Why.JSON()
	}
	return m
}

// Clusterer assigns articles to events online. Create one with New.
type Clusterer struct {
	cfg Config

	// Vocabulary and document frequencies, by interned feature id.
	vocab map[string]uint32
	keys  []string
	df    []int32
	docs  int64
	// frozen keeps document frequencies fixed (Batch computes them first);
	// statsLoaded keeps Restore from counting articles LoadStats counted.
	frozen      bool
	statsLoaded bool

	events   map[string]*event // open events by id
	open     []*event          // open events in founding order
	postings map[uint32][]*event
	bands    map[uint64][]*member
	shorts   map[string]*member // short texts by normalized text
	articles map[string]*member // articles of open events by id

	clock   time.Time // latest publication time seen
	seq     int64     // articles added
	evSeq   int64     // events founded
	sinceSw int
	closed  int // events closed since the index was last compacted
	jumps   int // articles in a row published far after the clock
	// review holds the members waiting for each stage of review, in
	// arrival order.
	review [reviewStages][]*member

	// Scratch space for one Add: tokens, and weighted counts by feature
	// id with the ids touched.
	words   []word
	title   []word
	acc     []float64
	touched []uint32
	// labels holds a readable form of each feature; termOf caches word
	// forms' term feature ids (noTerm for stopwords).
	labels []string
	termOf map[string]uint32
	// seen is the sequence number of the last article with each feature;
	// vocabAt the vocabulary size after the last compaction.
	seen    []int64
	vocabAt int
	epoch   uint64
}

type member struct {
	id     string
	ev     *event
	sig    *signature // nil for texts too short to sign
	words  int
	nterms int // distinct content terms, which set its threshold
	norm   string
	copyOf string
	dec    *Decision
	// terms are the member's strongest content terms, sorted by id, for
	// the closest-member evidence; names its entity and figure features
	// and when the dates it names, which with terms are what a split
	// compares; at is when it arrived.
	terms []fw
	names []fw
	when  when
	at    time.Time
	// seq is the member's place in the stream (Clusterer.seq when it
	// arrived), which keeps an event's members in arrival order.
	seq int64
}

type event struct {
	id  string
	seq int64
	// cent is the sum of the members' vectors, sorted by feature id; sq
	// holds the squared norms of its terms, entities and figures.
	cent []fw
	sq   [3]float64
	// mark and cand accumulate candidate evidence during one Add.
	mark     uint64
	cand     float64
	dates    []datedCount
	anchors  []datedCount
	monthDay []int16
	members  []*member
	// first and last are the earliest and latest effective times of the
	// members in Unix seconds, 0 while none had a time.
	first   int64
	last    int64
	lastSeq int64
	thin    bool
	closed  bool
	indexed map[uint32]struct{}
}

type datedCount struct {
	span dateSpan
	n    int
}

// New returns a Clusterer with cfg. It panics if cfg is invalid, which is
// a programming error: validate configuration read from users first.
func New(cfg Config) *Clusterer {
	if err := cfg.Validate(); err != nil {
		panic("cluster: invalid config: " + err.Error())
	}
	return &Clusterer{
		cfg:      cfg,
		termOf:   make(map[string]uint32, 4096),
		vocab:    make(map[string]uint32, 1<<14),
		events:   make(map[string]*event),
		postings: make(map[uint32][]*event),
		bands:    make(map[uint64][]*member),
		shorts:   make(map[string]*member),
		articles: make(map[string]*member),
	}
}

// Config returns the clusterer's configuration.
func (c *Clusterer) Config() Config { return c.cfg }

// OpenEvents returns how many events are open (held in memory).
func (c *Clusterer) OpenEvents() int { return len(c.open) }

// intern returns the id of a feature key, adding it to the vocabulary.
func (c *Clusterer) intern(k string) uint32 {
	if id, ok := c.vocab[k]; ok {
		return id
	}
	id := uint32(len(c.keys))
	c.vocab[k] = id
	c.keys = append(c.keys, k)
	c.df = append(c.df, 0)
	c.seen = append(c.seen, c.seq)
	c.acc = append(c.acc, 0)
	c.labels = append(c.labels, "")
	return id
}

func (c *Clusterer) idf(id uint32) float64 {
	return math.Log(float64(c.docs+1)/float64(c.df[id]+1)) + 1
}

// fw is one weighted feature of an article vector.
type fw struct {
	id uint32
	w  float64
}

// vector turns an analysis into a unit-length TF-IDF vector, counting the
// article into the document frequencies first unless they are frozen.
func (c *Clusterer) vector(an *analysis) []fw {
	vec := make([]fw, 0, len(an.feats))
	if !c.frozen {
		c.docs++
	}
	for _, f := range an.feats {
		id := f.id
		if !c.frozen {
			c.df[id]++
		}
		c.seen[id] = c.seq
		w := (1 + math.Log(f.n)) * c.idf(id)
		switch c.keys[id][0] {
		case kindEntity:
			w *= c.cfg.EntityWeight
		case kindFigure:
			w *= c.cfg.FigureWeight
		}
		if w > 0 {
			vec = append(vec, fw{id, w})
		}
	}
	// Each kind is normalized on its own, so that each kind's cosine
	// is a separate piece of evidence.
	var sq [3]float64
	for _, f := range vec {
		sq[kindIndex(c.keys[f.id][0])] += f.w * f.w
	}
	for i := range vec {
		if n := sq[kindIndex(c.keys[vec[i].id][0])]; n > 0 {
			vec[i].w /= math.Sqrt(n)
		}
	}
	return vec
}

// effective returns the time an article counts as arriving at: its
// publication time. An undated article has none: it may join any open
// event, since nothing says when it arrived (callers sort undated
// articles last, so that dated reports have founded their events).
func (c *Clusterer) effective(a *parallax.Article) time.Time {
	return a.Published
}

// Add assigns a to an event and returns the decision. Articles must come
// in arrival order (see SortArrival). Add never panics on bad input: an
// article with too little text founds a thin event, and an id added before
// returns the earlier decision marked Repeat.
func (c *Clusterer) Add(a *parallax.Article) Decision {
	if a == nil {
		return Decision{Thin: true, New: true, Why: &Explanation{Outcome: OutcomeThin, Notes: []string{"no article"}}}
	}
	id := a.ID
	if id == "" {
		id = parallax.ArticleID(a.URL, a.Title+"\n"+a.Text)
	}
	if m, ok := c.articles[id]; ok && m.dec != nil {
		d := *m.dec
		d.Repeat = true
		why := *d.Why
		why.Notes = append(slices.Clone(why.Notes), "article id added before: the earlier decision stands")
		d.Why = &why
		return d
	}
	c.seq++
	t := c.effective(a)
	jumped := c.advance(a.Published)
	an := c.analyze(a)
	var notes []string
	if jumped {
		notes = append(notes, fmt.Sprintf("published %s, far after the stream's clock %s: the clock is not moved by a lone outlier",
			a.Published.UTC().Format("2006-01-02"), c.clock.UTC().Format("2006-01-02")))
	}
	if !a.Published.IsZero() && !c.clock.IsZero() && c.clock.Sub(a.Published) > c.cfg.Window {
		notes = append(notes, fmt.Sprintf("published %s, %d days before the latest article: only events active then are candidates",
			a.Published.UTC().Format("2006-01-02"), int(c.clock.Sub(a.Published).Hours()/24)))
	}

	if an.terms < c.cfg.MinTerms {
		ev := c.newEvent(id)
		ev.thin = true
		d := Decision{ArticleID: id, EventID: ev.id, New: true, Thin: true}
		d.Why = &Explanation{ArticleID: id, EventID: ev.id, Threshold: c.cfg.Threshold, Outcome: OutcomeThin,
			Notes: append(notes, fmt.Sprintf("%d content terms, fewer than the %d needed to compare it: an event of its own", an.terms, c.cfg.MinTerms))}
		m := &member{id: id, ev: ev, dec: &d, seq: c.seq}
		c.join(ev, m, nil, nil, t)
		c.articles[id] = m
		c.maybeSweep()
		return d
	}

	vec := c.vector(an)
	copyOf := c.findCopy(an, a, t)
	cands := c.candidates(vec, t, c.cfg.Candidates)
	if copyOf != nil && !slices.Contains(cands, copyOf.ev) {
		cands = append(cands, copyOf.ev)
	}

	// Score every candidate on its centroid first; the closest-member
	// evidence, which costs one comparison per recent member, only for
	// the few that lead.
	all := make([]*scored, len(cands))
	for i, ev := range cands {
		all[i] = c.score(vec, an, ev, false)
	}
	slices.SortFunc(all, func(a, b *scored) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	for _, s := range all[:min(len(all), memberCandidates)] {
		s.member = c.closest(vec, s.ev)
		s.total = c.combine(s)
	}
	var best, second *scored
	for _, s := range all {
		switch {
		case best == nil || better(s, best):
			second, best = best, s
		case second == nil || better(s, second):
			second = s
		}
	}

	d := Decision{ArticleID: id}
	th := c.cfg.threshold(an.terms)
	why := &Explanation{ArticleID: id, Threshold: th, Notes: notes}
	var ev *event
	switch {
	case copyOf != nil:
		ev = copyOf.ev
		root := copyOf.id
		if copyOf.copyOf != "" {
			root = copyOf.copyOf
		}
		d.CopyOf = root
		why.Outcome = OutcomeCopy
		why.Notes = append(why.Notes, fmt.Sprintf("near-duplicate of %s (%.0f%% of word shingles shared, MinHash estimate)", root, 100*copySim(an, copyOf)))
		chosen := best
		if chosen == nil || chosen.ev != ev {
			chosen = c.score(vec, an, ev, true)
			second = best
		}
		why.Evidence = c.evidence(vec, an, chosen, 8)
		d.Score = chosen.total
		if second != nil && second.ev != ev {
			why.Nearest = c.rejected(vec, an, second, chosen, th)
		}
	case best != nil && best.total >= th:
		ev = best.ev
		why.Outcome = OutcomeJoined
		why.Evidence = c.evidence(vec, an, best, 8)
		d.Score = best.total
		if second != nil {
			why.Nearest = c.rejected(vec, an, second, best, th)
		}
	default:
		ev = c.newEvent(id)
		d.New = true
		why.Outcome = OutcomeNew
		why.Evidence = &Evidence{}
		if best != nil {
			d.Score = best.total
			why.Nearest = c.rejected(vec, an, best, nil, th)
		}
	}
	d.EventID = ev.id
	why.EventID = ev.id
	why.Score = d.Score
	d.Why = why

	m := &member{id: id, ev: ev, sig: an.sig, words: an.words, nterms: an.terms, norm: an.norm, copyOf: d.CopyOf, dec: &d, seq: c.seq}
	c.join(ev, m, vec, &an.when, t)
	c.articles[id] = m
	c.indexCopy(m)
	// A split moves members, this one perhaps among them, and updates
	// their recorded decisions (m.dec is &d): the split itself is
	// reported once, by the returned copy.
	sp := c.maybeSplit(ev)
	var moves []Move
	if c.cfg.MoveAge > 0 {
		c.review[0] = append(c.review[0], m)
		if c.reviewDue() {
			moves = c.settle(false)
		}
	}
	c.maybeSweep()
	out := d
	out.Split = sp
	out.Moves = moves
	return out
}

func better(a, b *scored) bool {
	if a.total != b.total {
		return a.total > b.total
	}
	return a.ev.seq < b.ev.seq
}

func (c *Clusterer) newEvent(founder string) *event {
	c.evSeq++
	ev := &event{id: parallax.EventID(founder), seq: c.evSeq, indexed: make(map[uint32]struct{})}
	if old, ok := c.events[ev.id]; ok {
		// An id reused after its event closed: keep the new one.
		c.closeEvent(old)
	}
	c.events[ev.id] = ev
	c.open = append(c.open, ev)
	return ev
}

// join adds member m with vector vec and dates to ev.
func (c *Clusterer) join(ev *event, m *member, vec []fw, w *when, t time.Time) {
	m.ev = ev
	m.at = t
	ev.members = append(ev.members, m)
	ev.lastSeq = c.seq
	if !t.IsZero() {
		u := unix(t)
		if ev.first == 0 || u < ev.first {
			ev.first = u
		}
		if u > ev.last {
			ev.last = u
		}
	}
	if len(vec) == 0 {
		return
	}
	m.terms = memberTerms(c, vec)
	m.names = memberNames(c, vec)
	m.when = *w
	ev.cent = c.mergeInto(ev, vec)
	if len(ev.cent) > c.cfg.CentroidFeatures*3/2 {
		c.prune(ev)
	}
	ev.dates = addDates(ev.dates, w.spans)
	if w.hasAnchor {
		ev.anchors = addDates(ev.anchors, []dateSpan{w.anchor})
	}
	for _, r := range w.recurring {
		if len(ev.monthDay) < maxDates && !slices.Contains(ev.monthDay, r) {
			ev.monthDay = append(ev.monthDay, r)
		}
	}
	// Index the article's strongest features for this event.
	top := topFeatures(vec, c.cfg.QueryFeatures)
	for _, f := range top {
		if len(ev.indexed) >= c.cfg.IndexFeatures {
			break
		}
		if _, ok := ev.indexed[f.id]; ok {
			continue
		}
		ev.indexed[f.id] = struct{}{}
		p := c.postings[f.id]
		if len(p) >= c.cfg.PostingCap {
			p = compactPosting(p)
			if len(p) >= c.cfg.PostingCap {
				// Keep the most recent events: drop the oldest.
				p = append(p[:0], p[1:]...)
			}
		}
		c.postings[f.id] = append(p, ev)
	}
}

// addDates counts spans into a bounded multiset of dates.
func addDates(have []datedCount, spans []dateSpan) []datedCount {
	for _, d := range spans {
		found := false
		for i := range have {
			if have[i].span == d {
				have[i].n++
				found = true
				break
			}
		}
		if !found {
			have = append(have, datedCount{d, 1})
		}
	}
	if len(have) > 2*maxDates {
		slices.SortStableFunc(have, func(a, b datedCount) int { return cmp.Compare(b.n, a.n) })
		have = have[:maxDates]
	}
	return have
}

// memberTerms keeps the strongest content terms of vec, sorted by id.
func memberTerms(c *Clusterer, vec []fw) []fw {
	var terms []fw
	for _, f := range vec {
		if c.keys[f.id][0] == kindTerm {
			terms = append(terms, f)
		}
	}
	if len(terms) > memberFeatures {
		slices.SortFunc(terms, func(a, b fw) int {
			if a.w != b.w {
				return cmp.Compare(b.w, a.w)
			}
			return cmp.Compare(a.id, b.id)
		})
		terms = terms[:memberFeatures]
		slices.SortFunc(terms, func(a, b fw) int { return cmp.Compare(a.id, b.id) })
	}
	return slices.Clone(terms) // exact size: kept while the event is open
}

// memberFeatures and membersCompared bound the closest-member evidence:
// the terms kept per member and the most recent members compared.
const (
	memberFeatures  = 64
	membersCompared = 16
	// memberCandidates is how many leading candidates get the
	// closest-member evidence.
	memberCandidates = 4
)

// mergeInto adds vec to ev's centroid (both sorted by id), keeping the
// squared norms up to date.
func (c *Clusterer) mergeInto(ev *event, vec []fw) []fw {
	out := make([]fw, 0, len(ev.cent)+len(vec))
	i, j := 0, 0
	for i < len(ev.cent) || j < len(vec) {
		switch {
		case j == len(vec) || i < len(ev.cent) && ev.cent[i].id < vec[j].id:
			out = append(out, ev.cent[i])
			i++
		case i == len(ev.cent) || vec[j].id < ev.cent[i].id:
			f := vec[j]
			ev.sq[kindIndex(c.keys[f.id][0])] += f.w * f.w
			out = append(out, f)
			j++
		default:
			old, f := ev.cent[i].w, vec[j]
			ev.sq[kindIndex(c.keys[f.id][0])] += 2*old*f.w + f.w*f.w
			out = append(out, fw{f.id, old + f.w})
			i++
			j++
		}
	}
	return out
}

// prune keeps an event's strongest CentroidFeatures features.
func (c *Clusterer) prune(ev *event) {
	all := ev.cent
	slices.SortFunc(all, func(a, b fw) int {
		if a.w != b.w {
			return cmp.Compare(b.w, a.w)
		}
		return cmp.Compare(a.id, b.id)
	})
	all = all[:c.cfg.CentroidFeatures]
	slices.SortFunc(all, func(a, b fw) int { return cmp.Compare(a.id, b.id) })
	ev.cent = slices.Clip(all)
	ev.sq = [3]float64{}
	for _, f := range ev.cent {
		ev.sq[kindIndex(c.keys[f.id][0])] += f.w * f.w
	}
}

// dot calls fn for every feature vec shares with the centroid cent, both
// sorted by id.
func dot(vec, cent []fw, fn func(id uint32, a, b float64)) {
	i, j := 0, 0
	for i < len(vec) && j < len(cent) {
		switch {
		case vec[i].id < cent[j].id:
			i++
		case vec[i].id > cent[j].id:
			j++
		default:
			fn(vec[i].id, vec[i].w, cent[j].w)
			i++
			j++
		}
	}
}

func topFeatures(vec []fw, n int) []fw {
	return topK(vec, n, func(a, b fw) bool {
		if a.w != b.w {
			return a.w > b.w
		}
		return a.id < b.id
	})
}

func compactPosting(p []*event) []*event {
	out := p[:0]
	for _, ev := range p {
		if !ev.closed {
			out = append(out, ev)
		}
	}
	clear(p[len(out):])
	return out
}

// maxJump is how far one publication time may move the clock at once;
// jumpRun how many articles in a row beyond it are taken for a real gap
// in the stream rather than wrong dates.
const (
	maxJump = 366 * 24 * time.Hour
	jumpRun = 4
)

// advance moves the stream clock to t. A time far after the clock (a
// wrong date, "2999") does not move it unless several articles in a row
// say so; it reports whether t was held back.
func (c *Clusterer) advance(t time.Time) bool {
	if t.IsZero() || !t.After(c.clock) {
		c.jumps = 0
		return false
	}
	if c.clock.IsZero() || t.Sub(c.clock) <= maxJump {
		c.clock, c.jumps = t, 0
		return false
	}
	c.jumps++
	if c.jumps >= jumpRun {
		c.clock, c.jumps = t, 0
		return false
	}
	return true
}

// unix returns t in Unix seconds, never 0 for a known time.
func unix(t time.Time) int64 {
	if u := t.Unix(); u != 0 {
		return u
	}
	return 1
}

// inWindow reports whether an article arriving at t may join ev.
func (c *Clusterer) inWindow(ev *event, t time.Time) bool {
	if ev.closed || ev.thin {
		return false
	}
	if t.IsZero() || ev.last == 0 {
		return true
	}
	u, w := unix(t), int64(c.cfg.Window/time.Second)
	return u-ev.last <= w && ev.first-u <= w
}

// candidates returns the open events sharing the article's strongest
// features, best first, at most limit of them.
func (c *Clusterer) candidates(vec []fw, t time.Time, limit int) []*event {
	c.epoch++
	var out []*event
	for _, f := range topFeatures(vec, c.cfg.QueryFeatures) {
		for _, ev := range c.postings[f.id] {
			if ev.mark != c.epoch {
				if !c.inWindow(ev, t) {
					continue
				}
				ev.mark, ev.cand = c.epoch, 0
				out = append(out, ev)
			}
			ev.cand += f.w
		}
	}
	return topK(out, limit, func(a, b *event) bool {
		if a.cand != b.cand {
			return a.cand > b.cand
		}
		return a.seq < b.seq
	})
}

// findCopy returns the earlier article of an open event that a nearly
// duplicates, or nil.
func (c *Clusterer) findCopy(an *analysis, a *parallax.Article, t time.Time) *member {
	if an.words < c.cfg.CopyMinWords {
		if an.norm == "" {
			return nil
		}
		if m, ok := c.shorts[an.norm]; ok && c.inWindow(m.ev, t) {
			return m
		}
		return nil
	}
	if an.sig == nil {
		return nil
	}
	var best *member
	bestS := c.cfg.CopySimilarity
	for _, k := range bandKeys(an.sig) {
		for _, m := range c.bands[k] {
			if m.ev.closed || !c.inWindow(m.ev, t) || m.sig == nil {
				continue
			}
			// Lengths must agree too: a short rewrite inside a long
			// article is not a copy of it.
			if m.words*3 < an.words*2 || an.words*3 < m.words*2 {
				continue
			}
			sim := similarity(an.sig, m.sig)
			if sim > bestS || (sim == bestS && (best == nil || m.ev.seq < best.ev.seq)) {
				best, bestS = m, sim
			}
		}
	}
	return best
}

// copySim returns the estimated shingle similarity of an article and the
// member it copies (1 for identical short texts).
func copySim(an *analysis, m *member) float64 {
	if an.sig == nil || m.sig == nil {
		return 1
	}
	return similarity(an.sig, m.sig)
}

func (c *Clusterer) indexCopy(m *member) {
	if m.norm != "" {
		if _, ok := c.shorts[m.norm]; !ok {
			c.shorts[m.norm] = m
		}
		return
	}
	if m.sig == nil {
		return
	}
	for _, b := range bandKeys(m.sig) {
		p := c.bands[b]
		if len(p) >= c.cfg.PostingCap {
			out := p[:0]
			for _, x := range p {
				if !x.ev.closed {
					out = append(out, x)
				}
			}
			clear(p[len(out):])
			p = out
			if len(p) >= c.cfg.PostingCap {
				p = append(p[:0], p[1:]...)
			}
		}
		c.bands[b] = append(p, m)
	}
}

// scored is an article's similarity to one event, by kind of evidence.
type scored struct {
	ev *event
	// cos holds the cosines of terms, entities and figures; bothNames is
	// set when article and event both have names to compare.
	cos          [3]float64
	bothNames    bool
	date         float64 // signal in [-1, 1]
	gap          int32
	aDate, eDate dateSpan
	hasDate      bool
	// oneSided is set when only one of article and event dates its
	// happening to the day.
	oneSided bool
	// member is the content cosine with the closest recent member.
	member float64
	total  float64
}

func (c *Clusterer) score(vec []fw, an *analysis, ev *event, members bool) *scored {
	s := &scored{ev: ev}
	var inv [3]float64
	for k, sq := range ev.sq {
		if sq > 0 {
			inv[k] = 1 / math.Sqrt(sq)
		}
	}
	var has [3]bool
	for _, f := range vec {
		has[kindIndex(c.keys[f.id][0])] = true
	}
	cent := ev.cent
	i, j := 0, 0
	for i < len(vec) && j < len(cent) {
		switch a, b := vec[i].id, cent[j].id; {
		case a < b:
			i++
		case a > b:
			j++
		default:
			k := kindIndex(c.keys[a][0])
			s.cos[k] += vec[i].w * cent[j].w * inv[k]
			i++
			j++
		}
	}
	s.bothNames = has[1] && ev.sq[1] > 0
	if members {
		s.member = c.closest(vec, ev)
	}
	s.date, s.gap, s.aDate, s.eDate, s.hasDate = c.dateSignal(&an.when, ev)
	aDated := an.when.hasAnchor && an.when.anchor.Prec == precDay
	eDated := false
	for _, d := range ev.anchors {
		if d.span.Prec == precDay {
			eDated = true
			break
		}
	}
	s.oneSided = aDated != eDated
	s.total = c.combine(s)
	return s
}

// closest returns the content cosine of vec with the closest of ev's
// recent members.
func (c *Clusterer) closest(vec []fw, ev *event) float64 {
	best := 0.0
	for k := len(ev.members) - 1; k >= 0 && k >= len(ev.members)-membersCompared; k-- {
		x := 0.0
		mt := ev.members[k].terms
		i, j := 0, 0
		for i < len(vec) && j < len(mt) {
			switch a, b := vec[i].id, mt[j].id; {
			case a < b:
				i++
			case a > b:
				j++
			default:
				if c.keys[a][0] == kindTerm {
					x += vec[i].w * mt[j].w
				}
				i++
				j++
			}
		}
		best = max(best, x)
	}
	return best
}

// combine weighs the kinds of evidence into one score.
func (c *Clusterer) combine(s *scored) float64 {
	t := c.cfg.CentroidWeight*s.cos[0] + c.cfg.MemberWeight*s.member + c.cfg.EntityWeight*s.cos[1] + c.cfg.FigureWeight*s.cos[2] + c.cfg.DateWeight*s.date
	if s.bothNames {
		t += c.cfg.NamesBias
	}
	if s.oneSided {
		t += c.cfg.OneSidedDate
	}
	return t
}

// kindIndex maps a feature kind to 0 (terms), 1 (entities), 2 (figures).
func kindIndex(k byte) int {
	switch k {
	case kindEntity:
		return 1
	case kindFigure:
		return 2
	}
	return 0
}

func precLevel(p byte) int {
	switch p {
	case precDay:
		return 0
	case precMonth:
		return 1
	}
	return 2
}

// dateSignal compares when the article's happening took place with when
// the event's did: first their anchors (publication dates, datelines or
// latest dates named), else all the dates they name at the finest
// precision both have, else yearless month-days. Happenings on the same
// days count for the event (+1), happenings far apart against it (down to
// -1), and between the two nothing. Year-only dates never count for an
// event, only against it.
func (c *Clusterer) dateSignal(w *when, ev *event) (sig float64, gap int32, ad, ed dateSpan, ok bool) {
	if w.hasAnchor && len(ev.anchors) > 0 {
		return c.bestPair([]dateSpan{w.anchor}, ev.anchors)
	}
	if len(w.spans) > 0 && len(ev.dates) > 0 {
		return c.bestPair(w.spans, ev.dates)
	}
	// Month-days without a year: far apart in the calendar means far
	// apart in any year.
	var mine, theirs []int16
	mine = w.recurring
	for _, d := range w.spans {
		if d.Prec == precDay {
			mine = append(mine, dayOfYear(d.Lo))
		}
	}
	theirs = ev.monthDay
	for _, d := range ev.dates {
		if d.span.Prec == precDay {
			theirs = append(theirs, dayOfYear(d.span.Lo))
		}
	}
	if len(mine) == 0 || len(theirs) == 0 || (len(w.recurring) == 0 && len(ev.monthDay) == 0) {
		return 0, 0, ad, ed, false
	}
	best := int32(1 << 30)
	for _, x := range mine {
		for _, y := range theirs {
			g := int32(x - y)
			if g < 0 {
				g = -g
			}
			g = min(g, 366-g)
			best = min(best, g)
		}
	}
	if best < int32(c.cfg.DifferentDays) {
		return 0, best, ad, ed, true
	}
	return c.gapSignal(best, 1), best, ad, ed, true
}

// dayOfYear returns the day of a leap year with the month and day of the
// date day days after 1970-01-01.
func dayOfYear(day int32) int16 {
	t := time.Unix(int64(day)*86400, 0).UTC()
	d, _ := daySpan(2000, int(t.Month()), t.Day())
	return int16(d.Lo - dayOf(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)))
}

func (c *Clusterer) bestPair(a []dateSpan, e []datedCount) (sig float64, gap int32, ad, ed dateSpan, ok bool) {
	level := 3
	for _, x := range a {
		for _, y := range e {
			if l := max(precLevel(x.Prec), precLevel(y.span.Prec)); l < level {
				level = l
			}
		}
	}
	best := math.Inf(-1)
	for _, x := range a {
		for _, y := range e {
			if max(precLevel(x.Prec), precLevel(y.span.Prec)) != level {
				continue
			}
			g := x.gap(y.span)
			s := c.gapSignal(g, level)
			if s > best || (s == best && g < gap) {
				best, gap, ad, ed = s, g, x, y.span
			}
		}
	}
	return best, gap, ad, ed, true
}

func (c *Clusterer) gapSignal(g int32, level int) float64 {
	reward := [3]float64{1, 0.3, 0}[level] * c.cfg.DateReward
	penalty := [3]float64{1, 0.6, 0.8}[level]
	same, diff := float64(c.cfg.SameDays), float64(c.cfg.DifferentDays)
	x := float64(g)
	switch {
	case x <= same:
		return reward
	case x < diff:
		return reward * (diff - x) / (diff - same)
	}
	return -penalty * math.Min(1, math.Log(x/diff)/math.Log(10)+0.25)
}

// maybeSweep closes events that have been idle longer than the window.
func (c *Clusterer) maybeSweep() {
	c.sinceSw++
	if c.sinceSw < 256 {
		return
	}
	c.sinceSw = 0
	c.sweep()
}

// compactVocab drops features that no open event uses and no article
// had recently (within two windows' worth of articles), so that the
// vocabulary, and with it memory, stays bounded by the active window
// rather than growing with every name ever seen. A dropped feature that
// comes back starts again as rare. Ids are renumbered in their old order,
// so sorted vectors stay sorted.
func (c *Clusterer) compactVocab() {
	used := make([]bool, len(c.keys))
	active := 0
	for _, ev := range c.open {
		active += len(ev.members)
		for _, f := range ev.cent {
			used[f.id] = true
		}
		for _, m := range ev.members {
			for _, f := range m.terms {
				used[f.id] = true
			}
			for _, f := range m.names {
				used[f.id] = true
			}
		}
	}
	recent := c.seq - int64(max(2*active, 10_000))
	remap := make([]uint32, len(c.keys))
	n := uint32(0)
	for id := range c.keys {
		if used[id] || c.seen[id] > recent {
			remap[id] = n
			c.keys[n], c.df[n], c.labels[n], c.seen[n] = c.keys[id], c.df[id], c.labels[id], c.seen[id]
			n++
		} else {
			remap[id] = noTerm
		}
	}
	if int(n) == len(c.keys) {
		c.vocabAt = len(c.keys)
		return
	}
	clear(c.keys[n:])
	clear(c.labels[n:])
	c.keys, c.df, c.labels, c.seen = c.keys[:n:n], c.df[:n:n], c.labels[:n:n], c.seen[:n:n]
	c.keys, c.df, c.labels, c.seen = slices.Clone(c.keys), slices.Clone(c.df), slices.Clone(c.labels), slices.Clone(c.seen)
	c.acc = make([]float64, n)
	c.vocab = make(map[string]uint32, n)
	for id, k := range c.keys {
		c.vocab[k] = uint32(id)
	}
	clear(c.termOf)
	for _, ev := range c.open {
		for i := range ev.cent {
			ev.cent[i].id = remap[ev.cent[i].id]
		}
		for _, m := range ev.members {
			for i := range m.terms {
				m.terms[i].id = remap[m.terms[i].id]
			}
			for i := range m.names {
				m.names[i].id = remap[m.names[i].id]
			}
		}
		idx := make(map[uint32]struct{}, len(ev.indexed))
		for id := range ev.indexed {
			if r := remap[id]; r != noTerm {
				idx[r] = struct{}{}
			}
		}
		ev.indexed = idx
	}
	post := make(map[uint32][]*event, len(c.postings))
	for id, p := range c.postings {
		if r := remap[id]; r != noTerm {
			if p = compactPosting(p); len(p) > 0 {
				post[r] = p
			}
		}
	}
	c.postings = post
	c.vocabAt = int(n)
}

func (c *Clusterer) sweep() {
	if len(c.keys) > max(2*c.vocabAt, 1<<16) && !c.frozen {
		c.compactVocab()
	}
	keep := c.open[:0]
	for _, ev := range c.open {
		idle := false
		switch {
		case ev.last != 0 && !c.clock.IsZero():
			idle = unix(c.clock)-ev.last > int64(c.cfg.Window/time.Second)
		case c.cfg.MaxIdleArticles > 0:
			idle = c.seq-ev.lastSeq > int64(c.cfg.MaxIdleArticles)
		}
		if idle {
			c.closeEvent(ev)
			continue
		}
		keep = append(keep, ev)
	}
	clear(c.open[len(keep):])
	c.open = keep
	// Drop closed events from the posting lists once as many have closed
	// as are open, so that the index stays bounded by the open events at
	// a cost spread over the articles that filled it.
	if c.closed > len(c.open)+1024 {
		c.closed = 0
		for id, p := range c.postings {
			p = compactPosting(p)
			if len(p) == 0 {
				delete(c.postings, id)
			} else {
				c.postings[id] = p
			}
		}
		for b, p := range c.bands {
			out := p[:0]
			for _, m := range p {
				if !m.ev.closed {
					out = append(out, m)
				}
			}
			clear(p[len(out):])
			if len(out) == 0 {
				delete(c.bands, b)
			} else {
				c.bands[b] = out
			}
		}
	}
}

// closeEvent drops a closed event and its articles from memory.
func (c *Clusterer) closeEvent(ev *event) {
	ev.closed = true
	c.closed++
	if c.events[ev.id] == ev {
		delete(c.events, ev.id)
	}
	for _, m := range ev.members {
		if c.articles[m.id] == m {
			delete(c.articles, m.id)
		}
		// The LSH bands may still point to the member until the next
		// compaction: keep only what skipping it needs.
		m.terms, m.names, m.when, m.dec, m.sig = nil, nil, when{}, nil, nil
		if m.norm != "" && c.shorts[m.norm] == m {
			delete(c.shorts, m.norm)
		}
	}
	ev.cent = nil
	ev.members = nil
	ev.indexed = nil
	ev.dates = nil
	ev.anchors = nil
	ev.monthDay = nil
}

// Restore adds a stored article to the event it was assigned before,
// without deciding anything, so that a clusterer rebuilt from a store
// continues where the previous one stopped. Restore articles in arrival
// order, then Add new ones.
func (c *Clusterer) Restore(a *parallax.Article, eventID string) {
	if a == nil || eventID == "" {
		return
	}
	id := a.ID
	if _, ok := c.articles[id]; ok {
		return
	}
	c.seq++
	t := c.effective(a)
	c.advance(a.Published)
	an := c.analyze(a)
	ev, ok := c.events[eventID]
	if !ok {
		c.evSeq++
		ev = &event{id: eventID, seq: c.evSeq, indexed: make(map[uint32]struct{})}
		c.events[eventID] = ev
		c.open = append(c.open, ev)
	}
	d := &Decision{ArticleID: id, EventID: eventID, CopyOf: a.CopyOf,
		Why: &Explanation{ArticleID: id, EventID: eventID, Threshold: c.cfg.Threshold, Outcome: OutcomeRestored}}
	m := &member{id: id, ev: ev, sig: an.sig, words: an.words, nterms: an.terms, norm: an.norm, copyOf: a.CopyOf, dec: d, seq: c.seq}
	if an.terms < c.cfg.MinTerms {
		if len(ev.members) == 0 {
			ev.thin = true
		}
		c.join(ev, m, nil, nil, t)
	} else {
		ev.thin = false
		frozen := c.frozen
		c.frozen = frozen || c.statsLoaded
		vec := c.vector(an)
		c.frozen = frozen
		c.join(ev, m, vec, &an.when, t)
		c.indexCopy(m)
	}
	c.articles[id] = m
	c.maybeSweep()
}

// Explain returns the decision made for an article of an open event.
func (c *Clusterer) Explain(articleID string) (*Explanation, bool) {
	m, ok := c.articles[articleID]
	if !ok || m.dec == nil || m.dec.Why == nil {
		return nil, false
	}
	return m.dec.Why, true
}

// Close closes every open event, freeing their memory.
func (c *Clusterer) Close() {
	for _, ev := range c.open {
		c.closeEvent(ev)
	}
	c.open = c.open[:0]
	clear(c.postings)
	clear(c.bands)
}

// SortArrival sorts articles into arrival order: publication time, then
// input order. An article without a publication time is placed by the
// date its text gives (a dateline, else the latest day it names up to the
// publication time of the dated article before it in the input), else
// with that dated article, so that undated articles keep their place
// whether the input comes in storage or in publication order.
func SortArrival(articles []*parallax.Article) {
	type keyed struct {
		a *parallax.Article
		t time.Time
	}
	ks := make([]keyed, len(articles))
	var last time.Time
	var ws []word
	for i, a := range articles {
		t := last
		switch {
		case a == nil:
		case !a.Published.IsZero():
			last = a.Published
			t = last
		default:
			ws = tokenize(a.Title+"\n"+a.Text, ws[:0])
			if d, ok := inferredDay(ws, last); ok {
				t = time.Unix(int64(d)*86400, 0).UTC()
			}
		}
		ks[i] = keyed{a, t}
	}
	slices.SortStableFunc(ks, func(x, y keyed) int { return x.t.Compare(y.t) })
	for i := range ks {
		articles[i] = ks[i].a
	}
}

// inferredDay guesses the day an undated text was written: its dateline,
// else the latest day it names, not after ref when ref is known.
func inferredDay(ws []word, ref time.Time) (int32, bool) {
	spans, _, dateline, ok := scanDates(ws, time.Time{}, ref, false)
	if ok {
		return dateline.Lo, true
	}
	limit := int32(math.MaxInt32)
	if !ref.IsZero() {
		limit = dayOf(ref) + 1
	}
	best, found := int32(0), false
	for _, d := range spans {
		if d.Prec == precDay && d.Lo <= limit && (!found || d.Lo > best) {
			best, found = d.Lo, true
		}
	}
	return best, found
}

// featureLabel returns a readable form of feature id for explanations.
func (c *Clusterer) featureLabel(id uint32) string {
	if l := c.labels[id]; l != "" {
		return l
	}
	return c.keys[id][2:]
}
