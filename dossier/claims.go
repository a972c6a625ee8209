package dossier

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/parallax-news/parallax"
)

// minClaimWords is the number of content words a sentence needs to be a
// claim: shorter ones are bylines, captions and credits ("By Palestine
// Chronicle Staff", "(PC, Anadolu)").
const minClaimWords = 5

// claimThreshold is the similarity a sentence needs with a claim to join
// it. Measured on the seeds and three ECB+ events: restatements of one
// fact score 0.33–0.6, sentences that share the event's topic and a name
// but say something else mostly 0.1–0.33; paraphrases that share few words
// score as low as 0.25 and are missed. The threshold favours precision: a
// claim wrongly credited to an outlet is worse than an agreement missed.
const claimThreshold = 0.33

// maxPostings bounds how many claims are looked up per word: a word in
// that many claims says nothing about which one a sentence belongs to,
// and skipping it keeps Add proportional to the article.
const maxPostings = 300

// claim is a group of sentences from different articles saying the same.
type claim struct {
	members  []*sentState
	centroid map[int]float64
	norm     float64
	ents     map[string]int
	figs     map[figKey]int
	arts     map[int]bool
}

// align puts sentence s into the most similar claim, or starts a new one.
func (b *Builder) align(s *sentState) {
	dots := map[int]float64{}
	for _, t := range s.vec {
		ps := b.postings[t.id]
		if len(ps) > maxPostings {
			continue
		}
		for _, ci := range ps {
			dots[ci] += t.w * b.claims[ci].centroid[t.id]
		}
	}
	best, bestSim := -1, 0.0
	for ci, dot := range dots {
		c := b.claims[ci]
		if c.arts[s.art] || c.norm == 0 {
			continue
		}
		sim := b.similarity(dot/c.norm, s, c)
		if sim > bestSim || sim == bestSim && ci < best {
			best, bestSim = ci, sim
		}
	}
	if best < 0 || bestSim < claimThreshold {
		best = len(b.claims)
		b.claims = append(b.claims, &claim{centroid: map[int]float64{}, ents: map[string]int{}, figs: map[figKey]int{}, arts: map[int]bool{}})
	}
	c := b.claims[best]
	c.members = append(c.members, s)
	c.arts[s.art] = true
	s.claim = best
	var n2 float64
	for _, t := range s.vec {
		if _, ok := c.centroid[t.id]; !ok {
			b.postings[t.id] = append(b.postings[t.id], best)
		}
		c.centroid[t.id] += t.w
	}
	for _, v := range c.centroid {
		n2 += v * v
	}
	c.norm = math.Sqrt(n2)
	for _, e := range s.ents {
		c.ents[e]++
	}
	for _, f := range s.figs {
		c.figs[f]++
	}
}

// similarity is the cosine of words and names (see vector), raised when
// the sentences give the same figure and zero when they give another value
// for the same count: two sentences with different tolls are different
// claims, to be compared under figures, never one agreed claim.
func (b *Builder) similarity(cos float64, s *sentState, c *claim) float64 {
	sim := cos
	if len(s.figs) > 0 && len(c.figs) > 0 {
		shared, differ := 0, 0
		for _, f := range s.figs {
			if c.figs[f] > 0 {
				shared++
				continue
			}
			for g := range c.figs {
				if g.what == f.what && g.value != f.value {
					differ++
					break
				}
			}
		}
		if differ > 0 {
			// The same count with another value is a different claim
			// (and a figure to compare), never an agreement.
			return 0
		}
		if shared > 0 {
			sim += 0.1
		}
	}
	return sim
}

// claimList turns the aligned claims into the dossier's list: claims
// carried by most independent outlets first, then single-outlet claims.
func (b *Builder) claimList(copies map[int]copyInfo) []parallax.Claim {
	type ranked struct {
		c       parallax.Claim
		indep   int
		first   int
		salient int
	}
	var list []ranked
	for _, c := range b.claims {
		if len(c.members) == 0 {
			continue
		}
		members := slices.Clone(c.members)
		slices.SortFunc(members, func(x, y *sentState) int {
			if c := cmp.Compare(b.rank(x.art), b.rank(y.art)); c != 0 {
				return c
			}
			return cmp.Compare(x.idx, y.idx)
		})
		var out parallax.Claim
		indep := map[string]bool{}
		copied := map[string]bool{}
		for _, m := range members {
			o := b.arts[m.art].outlet
			if _, isCopy := copies[m.art]; isCopy {
				copied[o] = true
			} else {
				indep[o] = true
			}
			out.Evidence = append(out.Evidence, b.evidence(m, nil))
		}
		for _, m := range members {
			o := b.arts[m.art].outlet
			if indep[o] && !slices.Contains(out.Outlets, o) {
				out.Outlets = append(out.Outlets, o)
			}
		}
		for _, m := range members {
			o := b.arts[m.art].outlet
			if copied[o] && !indep[o] && !slices.Contains(out.CopiedBy, o) {
				out.CopiedBy = append(out.CopiedBy, o)
			}
		}
		if len(out.Outlets) == 0 {
			// Only copies carry it: credit the copies' outlets.
			out.Outlets, out.CopiedBy = out.CopiedBy, nil
		}
		out.Status = parallax.ClaimOnly
		if len(out.Outlets) >= 2 {
			out.Status = parallax.ClaimAgreed
		}
		var independent []*sentState
		for _, m := range members {
			if _, isCopy := copies[m.art]; !isCopy {
				independent = append(independent, m)
			}
		}
		out.Verbatim = len(out.Outlets) >= 2 && len(independent) >= 2 && b.verbatim(independent)
		rep := b.representative(c, members)
		out.Text = rep.span.Of(b.arts[rep.art].a.Text)
		list = append(list, ranked{c: out, indep: len(out.Outlets), first: b.rank(members[0].art)*100000 + members[0].idx, salient: len(c.ents) + 2*len(c.figs)})
	}
	slices.SortStableFunc(list, func(x, y ranked) int {
		if c := cmp.Compare(y.indep, x.indep); c != 0 {
			return c
		}
		if x.indep == 1 {
			if c := cmp.Compare(y.salient, x.salient); c != 0 {
				return c
			}
		}
		return cmp.Compare(x.first, y.first)
	})
	out := make([]parallax.Claim, len(list))
	for i, r := range list {
		out[i] = r.c
	}
	return out
}

// rank returns an article's position in publication order.
func (b *Builder) rank(ai int) int { return b.rankOf[ai] }

// representative returns the member closest to the claim's centroid, the
// earliest on ties, as the claim's wording.
func (b *Builder) representative(c *claim, members []*sentState) *sentState {
	best, bestDot := members[0], -1.0
	for _, m := range members {
		var dot float64
		for _, t := range m.vec {
			dot += t.w * c.centroid[t.id]
		}
		if dot > bestDot+1e-9 {
			best, bestDot = m, dot
		}
	}
	return best
}

func formatFloat(f float64, prec int) string {
	return strconv.FormatFloat(f, 'f', prec, 64)
}

// verbatimMin is the share of word pairs two sentences must share to count
// as the same wording.
const verbatimMin = 0.8

// verbatim reports whether every member sentence words the claim nearly
// like the first: consecutive word pairs shared (Dice) ≥ 0.8.
func (b *Builder) verbatim(members []*sentState) bool {
	pairs := func(s *sentState) map[string]bool {
		m := map[string]bool{}
		for i := 1; i < len(s.words); i++ {
			m[s.words[i-1].lower+" "+s.words[i].lower] = true
		}
		return m
	}
	first := pairs(members[0])
	if len(first) < 4 {
		return false
	}
	for _, m := range members[1:] {
		if dice(first, pairs(m)) < verbatimMin {
			return false
		}
	}
	return true
}
