package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/parallax-news/parallax"
)

// Move records an article moved from one open event to another when the
// stream settled. An online clusterer places each article by the events
// of the moment: the first report of a happening may found an event of
// its own because the report that would have linked it came later, and
// an article may join the event of a similar happening before the reports
// of its own arrive. Settling looks again at the recent articles with
// what arrived since, and moves an article whose reports are now
// elsewhere: its mean similarity with the members of another open event
// exceeds that with the rest of its own by Config.MoveMargin.
type Move struct {
	// Article is the id moved; Copies are its near-duplicates, which move
	// with it.
	Article string   `json:"article"`
	Copies  []string `json:"copies,omitempty"`
	// From is the event it left, To the open event it joined.
	From string `json:"from"`
	To   string `json:"to"`
	// Own is the article's mean similarity with the other members of
	// From (Config.MoveAlone when it was alone there); Other that with
	// the members of To.
	Own   float64 `json:"own"`
	Other float64 `json:"other"`
	// Emptied is set when From has no article left: it no longer exists.
	Emptied bool `json:"emptied,omitempty"`
}

// ApplyMoves rewrites decs so that each moved article's EventID is the
// event it moved to. Apply moves in the order they were made.
func ApplyMoves(decs []Decision, moves []Move) {
	if len(moves) == 0 {
		return
	}
	to := make(map[string]string, len(moves))
	for _, mv := range moves {
		to[mv.Article] = mv.To
		for _, id := range mv.Copies {
			to[id] = mv.To
		}
	}
	for i := range decs {
		if ev, ok := to[decs[i].ArticleID]; ok {
			decs[i].EventID = ev
		}
	}
}

// Settle reviews the articles of open events that are due for a second
// look and moves those whose reports are now in another event (see Move).
// Each article is reviewed when Config.MoveAge articles have arrived
// after it, again when four times as many have, and so on for
// reviewStages reviews in all, so that the cost per article stays
// bounded. Add settles by itself when an article is due; call Settle
// at the end of a batch so that the articles not yet reviewed once are
// reviewed now. It returns the moves in the order made; the moved
// articles' decisions (Decided, Explain) are updated and explain the move.
// With MoveAge 0 it does nothing.
func (c *Clusterer) Settle() []Move {
	return c.settle(true)
}

// reviewStages is how many times an article is reviewed; a review
// compares it with the reviewCandidates open events that share most of
// its strongest features, each through its reviewMembers most recent
// members.
const (
	reviewStages     = 2
	reviewCandidates = 4
	reviewMembers    = 16
)

// reviewDue reports whether the oldest article of a stage is due.
func (c *Clusterer) reviewDue() bool {
	age := int64(c.cfg.MoveAge)
	for _, q := range c.review {
		if len(q) > 0 && c.seq-q[0].seq >= age {
			return true
		}
		age *= 4
	}
	return false
}

func (c *Clusterer) settle(final bool) []Move {
	if c.cfg.MoveAge <= 0 {
		return nil
	}
	var moves []Move
	var changed []*event
	age := int64(c.cfg.MoveAge)
	for k := range c.review {
		q := c.review[k]
		n := 0
		for ; n < len(q); n++ {
			m := q[n]
			if c.seq-m.seq < age && !(final && k == 0) {
				break
			}
			if k+1 < len(c.review) {
				c.review[k+1] = append(c.review[k+1], m)
			}
			if mv, ok := c.reconsider(m); ok {
				moves = append(moves, mv)
				changed = append(changed, c.events[mv.From], c.events[mv.To])
			}
		}
		clear(q[:n])
		c.review[k] = q[n:]
		age *= 4
	}
	if len(moves) == 0 {
		return nil
	}
	// Rebuild the changed events' centroids, dates and index once, and
	// drop the emptied ones.
	emptied := false
	done := map[*event]bool{}
	for _, ev := range changed {
		if ev == nil || done[ev] {
			continue
		}
		done[ev] = true
		if len(ev.members) == 0 {
			c.closeEvent(ev)
			emptied = true
			continue
		}
		c.rebuild(ev, ev.members)
	}
	if emptied {
		c.open = slices.DeleteFunc(c.open, func(ev *event) bool { return ev.closed })
		for i := range moves {
			if ev, ok := c.events[moves[i].From]; !ok || ev.closed {
				moves[i].Emptied = true
			}
		}
	}
	return moves
}

// reconsider moves m to the open event whose members it is now most
// similar to, when that beats its own event by the margin and m would
// join that event if it arrived now.
func (c *Clusterer) reconsider(m *member) (Move, bool) {
	ev := m.ev
	if ev == nil || ev.closed || ev.thin || m.copyOf != "" || len(m.terms) == 0 || c.articles[m.id] != m {
		return Move{}, false
	}
	vec := mergeSorted(m.terms, m.names)
	own, ok := c.meanSim(m, vec, ev)
	if !ok {
		own = c.cfg.MoveAlone
	}
	// The mean similarity first; the score against the threshold, which
	// costs a comparison with the event's recent members, only for the
	// events that beat the margin, best first.
	type option struct {
		ev  *event
		sim float64
	}
	var opts []option
	for _, t := range c.candidates(vec, m.at, reviewCandidates) {
		if t == ev {
			continue
		}
		if s, ok := c.meanSim(m, vec, t); ok && s > own+c.cfg.MoveMargin {
			opts = append(opts, option{t, s})
		}
	}
	slices.SortStableFunc(opts, func(a, b option) int { return cmp.Compare(b.sim, a.sim) })
	an := &analysis{when: m.when, terms: m.nterms}
	th := c.cfg.threshold(m.nterms)
	var best *event
	var bestSim float64
	for _, o := range opts {
		if c.score(vec, an, o.ev, true).total >= th {
			best, bestSim = o.ev, o.sim
			break
		}
	}
	if best == nil {
		return Move{}, false
	}
	return c.move(m, best, own, bestSim), true
}

// AddAll adds articles in the order given, settles at the end, and
// returns each article's final decision: its event after every split and
// move, with the explanation as it now reads.
func (c *Clusterer) AddAll(articles []*parallax.Article) []Decision {
	decs := make([]Decision, len(articles))
	for i, a := range articles {
		decs[i] = c.Add(a)
	}
	ApplySplits(decs)
	ApplyMoves(decs, c.Settle())
	for i := range decs {
		if why, ok := c.Explain(decs[i].ArticleID); ok && !decs[i].Repeat {
			decs[i].Why = why
		}
	}
	return decs
}

// move takes m and its near-duplicates out of their event into to, in
// arrival order, and updates their decisions. Centroids are rebuilt by
// the caller.
func (c *Clusterer) move(m *member, to *event, own, other float64) Move {
	from := m.ev
	mv := Move{Article: m.id, From: from.id, To: to.id, Own: own, Other: other}
	note := fmt.Sprintf("moved from event %s to %s when the stream settled: mean similarity %.2f with the reports of %s against %.2f with those of the event it left",
		shortID(from.id), shortID(to.id), other, shortID(to.id), own)
	going := func(o *member) bool { return o == m || o.copyOf == m.id }
	for _, o := range from.members {
		if !going(o) {
			continue
		}
		if o != m {
			mv.Copies = append(mv.Copies, o.id)
		}
		o.ev = to
		i, _ := slices.BinarySearchFunc(to.members, o.seq, func(x *member, seq int64) int {
			return cmp.Compare(x.seq, seq)
		})
		to.members = slices.Insert(to.members, i, o)
		o.relabel(to.id, note)
	}
	from.members = slices.DeleteFunc(from.members, going)
	return mv
}

// meanSim is m's mean similarity with the other members of ev, its own
// near-duplicates left out (they move with it); false when there is none.
// The similarity is that of a split's comparison of two members; its
// terms, names and figures are summed through ev's centroid (the sum of
// its members' vectors), its dates over the reviewMembers most recent
// members.
func (c *Clusterer) meanSim(m *member, vec []fw, ev *event) (float64, bool) {
	n := len(ev.members)
	self := 0
	for _, o := range ev.members {
		if o == m || o.copyOf == m.id {
			self++
		}
	}
	n -= self
	if n <= 0 {
		return math.Inf(-1), false
	}
	w := [3]float64{1, c.cfg.EntityWeight, c.cfg.FigureWeight}
	lin := 0.0
	dot(vec, ev.cent, func(id uint32, a, b float64) {
		lin += w[kindIndex(c.keys[id][0])] * a * b
	})
	if self > 0 {
		for _, f := range vec {
			lin -= float64(self) * w[kindIndex(c.keys[f.id][0])] * f.w * f.w
		}
	}
	date, k := 0.0, 0
	for _, o := range ev.members[max(0, len(ev.members)-reviewMembers):] {
		if o == m || o.copyOf == m.id || len(o.terms) == 0 && len(o.names) == 0 {
			continue
		}
		date += c.pairDate(m, o)
		k++
	}
	if k > 0 {
		date /= float64(k)
	}
	return lin/float64(n) + c.cfg.DateWeight*date, true
}
