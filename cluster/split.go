package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Split records articles moved out of an event when its members turned
// out to report two different happenings: two groups each cohesive,
// markedly less similar to each other (online clustering decides on the
// evidence of the moment; a split corrects a join that later arrivals
// show was wrong).
type Split struct {
	// From is the event the articles left; it keeps its founder.
	From string `json:"from"`
	// To is the new event, named after the earliest article moved.
	To string `json:"to"`
	// Articles are the ids moved, in arrival order.
	Articles []string `json:"articles"`
	// Ratio is the mean similarity across the two groups over the mean
	// within them; Dated is the difference between the groups' shares of
	// members dated to the day.
	Ratio float64 `json:"ratio"`
	Dated float64 `json:"dated"`
}

// ApplySplits rewrites decs, given in the order Add returned them, so that
// each article's EventID is its final event after every later split and
// move (Decision.Split, Decision.Moves).
func ApplySplits(decs []Decision) {
	at := make(map[string][]int, len(decs))
	set := func(id, ev string) {
		for _, k := range at[id] {
			decs[k].EventID = ev
		}
	}
	for i, d := range decs {
		at[d.ArticleID] = append(at[d.ArticleID], i)
		if d.Split != nil {
			for _, id := range d.Split.Articles {
				set(id, d.Split.To)
			}
		}
		for _, mv := range d.Moves {
			set(mv.Article, mv.To)
			for _, id := range mv.Copies {
				set(id, mv.To)
			}
		}
	}
}

// splitMembers bounds the members a split compares (the most recent), so
// that its cost does not grow with the event; splitFirst is the size at
// which an event is first checked, and each later check comes when the
// event has grown by a third.
const (
	splitMembers = 64
	splitFirst   = 6
)

// splitDue reports whether an event of n members is due for a check.
func splitDue(n int) bool {
	for k := splitFirst; k <= n; k += max(1, k/3) {
		if k == n {
			return true
		}
	}
	return false
}

// maybeSplit checks ev when it is due and splits it when two groups of
// its recent members are cohesive within and distant across.
func (c *Clusterer) maybeSplit(ev *event) *Split {
	if c.cfg.SplitRatio <= 0 || ev.thin || !splitDue(len(ev.members)) {
		return nil
	}
	all := ev.members
	ms := all[max(0, len(all)-splitMembers):]
	// Members without a vector (none in practice: thin articles found
	// events of their own) cannot be compared.
	for _, m := range ms {
		if len(m.terms) == 0 && len(m.names) == 0 {
			return nil
		}
	}
	sim := c.simMatrix(ms)
	side, ratio := medoids2(sim, c.cfg.SplitMin)
	if side == nil {
		return nil
	}
	dated := datedDiff(ms, side)
	if ratio-c.cfg.SplitDated*dated >= c.cfg.SplitRatio {
		return nil
	}
	// The group holding the founder (else the larger one) keeps the event.
	keep := side[0]
	if ms[0] != all[0] {
		n := 0
		for _, s := range side {
			if s {
				n++
			}
		}
		keep = n*2 >= len(side)
	}
	off := len(all) - len(ms)
	var stay, moved []*member
	stay = append(stay, all[:off]...)
	for i, m := range ms {
		if side[i] == keep {
			stay = append(stay, m)
		} else {
			moved = append(moved, m)
		}
	}
	nev := c.newEvent(moved[0].id)
	c.rebuild(ev, stay)
	c.rebuild(nev, moved)
	sp := &Split{From: ev.id, To: nev.id, Ratio: ratio, Dated: dated}
	note := fmt.Sprintf("moved from event %s when it split in two: similarity across the groups %.2f of that within them",
		shortID(ev.id), ratio)
	for _, m := range moved {
		sp.Articles = append(sp.Articles, m.id)
		m.relabel(nev.id, note)
	}
	return sp
}

// relabel records in m's decision that it now belongs to event id, with
// note added to its explanation (which earlier decisions returned share,
// so it is copied, not changed).
func (m *member) relabel(id, note string) {
	if m.dec == nil {
		return
	}
	m.dec.EventID = id
	if m.dec.Why != nil {
		why := *m.dec.Why
		why.EventID = id
		why.Notes = append(slices.Clone(why.Notes), note)
		m.dec.Why = &why
	}
}

func shortID(id string) string {
	if len(id) > 13 {
		return id[:13]
	}
	return id
}

// rebuild recomputes ev's centroid, dates, times and index from members,
// each counted with the vector it keeps (its strongest terms, its names
// and figures).
func (c *Clusterer) rebuild(ev *event, members []*member) {
	ev.members = ev.members[:0:0]
	ev.cent, ev.sq = nil, [3]float64{}
	ev.dates, ev.anchors, ev.monthDay = nil, nil, nil
	ev.first, ev.last = 0, 0
	for _, m := range members {
		vec := mergeSorted(m.terms, m.names)
		w := m.when
		c.join(ev, m, vec, &w, m.at)
	}
}

// mergeSorted merges two id-sorted feature lists.
func mergeSorted(a, b []fw) []fw {
	out := make([]fw, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || i < len(a) && a[i].id < b[j].id {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// memberNames keeps the entity and figure features of vec, sorted by id.
func memberNames(c *Clusterer, vec []fw) []fw {
	var out []fw
	for _, f := range vec {
		if k := c.keys[f.id][0]; k == kindEntity || k == kindFigure {
			out = append(out, f)
		}
	}
	if len(out) > memberFeatures {
		out = topFeatures(out, memberFeatures)
		slices.SortFunc(out, func(a, b fw) int { return cmp.Compare(a.id, b.id) })
	}
	return slices.Clip(out)
}

// simMatrix returns the pairwise similarities of members: the same kinds
// of evidence as an article against an event, member against member.
func (c *Clusterer) simMatrix(ms []*member) [][]float64 {
	n := len(ms)
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			s := c.pairSim(ms[i], ms[j])
			sim[i][j], sim[j][i] = s, s
		}
	}
	return sim
}

// pairSim is the similarity of two members: their strongest terms, names
// and figures, and the date signal between their happenings.
func (c *Clusterer) pairSim(a, b *member) float64 {
	// Members keep content terms in terms, entities and figures in names.
	var t, nm, f float64
	dot(a.terms, b.terms, func(_ uint32, x, y float64) { t += x * y })
	dot(a.names, b.names, func(id uint32, x, y float64) {
		if c.keys[id][0] == kindFigure {
			f += x * y
		} else {
			nm += x * y
		}
	})
	return t + c.cfg.EntityWeight*nm + c.cfg.FigureWeight*f + c.cfg.DateWeight*c.pairDate(a, b)
}

// pairDate is the date signal between two members' happenings.
func (c *Clusterer) pairDate(a, b *member) float64 {
	switch {
	case a.when.hasAnchor && b.when.hasAnchor:
		s, _, _, _, _ := c.bestPair([]dateSpan{a.when.anchor}, []datedCount{{b.when.anchor, 1}})
		return s
	case len(a.when.spans) > 0 && len(b.when.spans) > 0:
		dc := make([]datedCount, len(b.when.spans))
		for i, d := range b.when.spans {
			dc[i] = datedCount{d, 1}
		}
		s, _, _, _, _ := c.bestPair(a.when.spans, dc)
		return s
	}
	return 0
}

// medoids2 splits members in two around the pair of medoids that best
// explains them (each member goes to the more similar medoid), with at
// least minPart members a side, then refines the sides by average
// similarity. It returns the sides and the ratio of
// the mean similarity across the sides to the mean within them; nil when
// no such split exists.
func medoids2(sim [][]float64, minPart int) (side []bool, ratio float64) {
	n := len(sim)
	best := math.Inf(-1)
	var bside []bool
	s := make([]bool, n)
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			tot := 0.0
			nb := 0
			for i := 0; i < n; i++ {
				switch {
				case i == a:
					s[i] = false
				case i == b:
					s[i] = true
					nb++
				case sim[i][b] > sim[i][a]:
					s[i] = true
					nb++
					tot += sim[i][b]
				default:
					s[i] = false
					tot += sim[i][a]
				}
			}
			if nb < minPart || n-nb < minPart {
				continue
			}
			if tot > best {
				best = tot
				bside = append(bside[:0], s...)
			}
		}
	}
	if bside == nil {
		return nil, math.Inf(1)
	}
	refine(sim, bside, minPart)
	return bside, cutRatio(sim, bside)
}

// cutRatio returns the mean similarity across a two-way partition over
// the mean within its sides.
func cutRatio(sim [][]float64, side []bool) float64 {
	var win, cross float64
	var nw, nc int
	for i := range sim {
		for j := i + 1; j < len(sim); j++ {
			if side[i] == side[j] {
				win += sim[i][j]
				nw++
			} else {
				cross += sim[i][j]
				nc++
			}
		}
	}
	if nc == 0 || nw == 0 || win <= 0 {
		return math.Inf(1)
	}
	return (cross / float64(nc)) / (win / float64(nw))
}

// datedDiff is the difference between the two sides' shares of members
// whose happening is dated to the day: reports of one happening tend to
// be dated alike, so a split along dated and undated reports is likelier
// two happenings.
func datedDiff(ms []*member, side []bool) float64 {
	var dated, n [2]int
	for i, m := range ms {
		k := 0
		if side[i] {
			k = 1
		}
		n[k]++
		if m.when.hasAnchor && m.when.anchor.Prec == precDay {
			dated[k]++
		}
	}
	return math.Abs(float64(dated[0])/float64(n[0]) - float64(dated[1])/float64(n[1]))
}

// Decided returns the decision for an article of an open event as it now
// stands: a later split may have moved the article to another event.
func (c *Clusterer) Decided(articleID string) (Decision, bool) {
	m, ok := c.articles[articleID]
	if !ok || m.dec == nil {
		return Decision{}, false
	}
	return *m.dec, true
}

// refine moves members to the side they are on average more similar to,
// until none moves (at most ten rounds), keeping minPart members a side:
// medoids place a member by two articles, the average by all of them.
func refine(sim [][]float64, side []bool, minPart int) {
	n := len(sim)
	for range 10 {
		changed := false
		for i := 0; i < n; i++ {
			var sum [2]float64
			var cnt [2]int
			for j := 0; j < n; j++ {
				if j != i {
					g := sideIndex(side[j])
					sum[g] += sim[i][j]
					cnt[g]++
				}
			}
			if cnt[0] == 0 || cnt[1] == 0 {
				continue
			}
			want := sum[1]/float64(cnt[1]) > sum[0]/float64(cnt[0])
			// Moving leaves cnt[current side] members behind.
			if want != side[i] && cnt[sideIndex(side[i])] >= minPart {
				side[i] = want
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

func sideIndex(s bool) int {
	if s {
		return 1
	}
	return 0
}
