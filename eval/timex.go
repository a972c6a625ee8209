package eval

import (
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax"
)

// TimexPair links a gold expression to the system expression matched with
// it; an index is -1 when that side has no partner.
type TimexPair struct {
	Gold, Sys int
	// Strict is set when the spans are identical; otherwise they overlap.
	Strict bool
}

// MatchTimex pairs gold and system expressions one to one, the TempEval-3
// way: identical spans first, then any overlap, in text order. Unpaired
// expressions of either side appear with -1 on the other.
func MatchTimex(gold []GoldTimex, sys []parallax.Timex) []TimexPair {
	gm := make([]int, len(gold))
	sm := make([]int, len(sys))
	for k := range gm {
		gm[k] = -1
	}
	for k := range sm {
		sm[k] = -1
	}
	for g, x := range gold {
		for s, y := range sys {
			if sm[s] < 0 && x.Start == y.Start && x.End == y.End {
				gm[g], sm[s] = s, g
				break
			}
		}
	}
	for g, x := range gold {
		if gm[g] >= 0 {
			continue
		}
		for s, y := range sys {
			if sm[s] < 0 && x.Start < y.End && y.Start < x.End {
				gm[g], sm[s] = s, g
				break
			}
		}
	}
	var pairs []TimexPair
	for g, s := range gm {
		p := TimexPair{Gold: g, Sys: s}
		if s >= 0 {
			p.Strict = gold[g].Start == sys[s].Start && gold[g].End == sys[s].End
		}
		pairs = append(pairs, p)
	}
	for s, g := range sm {
		if g < 0 {
			pairs = append(pairs, TimexPair{Gold: -1, Sys: s})
		}
	}
	return pairs
}

// WithoutDCT drops the gold expressions that state the creation time and
// the system expressions overlapping them: TempEval does not score the
// DCT, while MEANTIME anchors it in the text's date line.
func WithoutDCT(gold []GoldTimex, sys []parallax.Timex) ([]GoldTimex, []parallax.Timex) {
	var g2 []GoldTimex
	var s2 []parallax.Timex
	for _, g := range gold {
		if !g.DCT {
			g2 = append(g2, g)
		}
	}
	for _, x := range sys {
		keep := true
		for _, g := range gold {
			if g.DCT && x.Start < g.End && g.Start < x.End {
				keep = false
				break
			}
		}
		if keep {
			s2 = append(s2, x)
		}
	}
	return g2, s2
}

// TimexScore counts one evaluation of time expressions.
type TimexScore struct {
	Docs   int
	Gold   int // gold expressions
	System int // system expressions
	Strict int // pairs with identical spans
	// Relaxed counts pairs with overlapping spans (Strict included);
	// TypeOK and ValueOK count those of them whose type, value agree.
	Relaxed int
	TypeOK  int
	ValueOK int
}

// ScoreTimex scores one document's system expressions against its gold.
func ScoreTimex(gold []GoldTimex, sys []parallax.Timex) TimexScore {
	sc := TimexScore{Docs: 1, Gold: len(gold), System: len(sys)}
	for _, p := range MatchTimex(gold, sys) {
		if p.Gold < 0 || p.Sys < 0 {
			continue
		}
		sc.Relaxed++
		if p.Strict {
			sc.Strict++
		}
		if strings.EqualFold(gold[p.Gold].Type, sys[p.Sys].Type) {
			sc.TypeOK++
		}
		if SameValue(gold[p.Gold].Value, sys[p.Sys].Value) {
			sc.ValueOK++
		}
	}
	return sc
}

// SameValue compares TIMEX3 values ignoring case and surrounding space.
func SameValue(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// Add accumulates o into s.
func (s *TimexScore) Add(o TimexScore) {
	s.Docs += o.Docs
	s.Gold += o.Gold
	s.System += o.System
	s.Strict += o.Strict
	s.Relaxed += o.Relaxed
	s.TypeOK += o.TypeOK
	s.ValueOK += o.ValueOK
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// StrictPRF returns precision, recall and F1 of exact span matches.
func (s TimexScore) StrictPRF() (p, r, f float64) {
	p, r = frac(s.Strict, s.System), frac(s.Strict, s.Gold)
	return p, r, f1(p, r)
}

// RelaxedPRF returns precision, recall and F1 of overlapping matches.
func (s TimexScore) RelaxedPRF() (p, r, f float64) {
	p, r = frac(s.Relaxed, s.System), frac(s.Relaxed, s.Gold)
	return p, r, f1(p, r)
}

// TypeAccuracy is the share of relaxed matches whose type agrees.
func (s TimexScore) TypeAccuracy() float64 { return frac(s.TypeOK, s.Relaxed) }

// ValueAccuracy is the share of relaxed matches whose value agrees.
func (s TimexScore) ValueAccuracy() float64 { return frac(s.ValueOK, s.Relaxed) }

// ValuePRF returns the TempEval-3 value precision, recall and F1: a system
// expression counts when it overlaps a gold one and has its value.
func (s TimexScore) ValuePRF() (p, r, f float64) {
	p, r = frac(s.ValueOK, s.System), frac(s.ValueOK, s.Gold)
	return p, r, f1(p, r)
}

// TypePRF returns type precision, recall and F1, counted like ValuePRF.
func (s TimexScore) TypePRF() (p, r, f float64) {
	p, r = frac(s.TypeOK, s.System), frac(s.TypeOK, s.Gold)
	return p, r, f1(p, r)
}

// FormatTimexHeader writes the column names of FormatTimexRow.
func FormatTimexHeader(w io.Writer) {
	fmt.Fprintf(w, "%-24s %5s %5s %5s  %-17s  %-17s  %6s %6s  %-17s\n", "corpus", "docs", "gold", "sys",
		"strict P/R/F1", "relaxed P/R/F1", "type", "value", "value P/R/F1")
}

// FormatTimexRow writes one line of scores.
func FormatTimexRow(w io.Writer, name string, s TimexScore) {
	sp, sr, sf := s.StrictPRF()
	rp, rr, rf := s.RelaxedPRF()
	vp, vr, vf := s.ValuePRF()
	fmt.Fprintf(w, "%-24s %5d %5d %5d  %.3f/%.3f/%.3f  %.3f/%.3f/%.3f  %6.3f %6.3f  %.3f/%.3f/%.3f\n", name, s.Docs, s.Gold, s.System,
		sp, sr, sf, rp, rr, rf, s.TypeAccuracy(), s.ValueAccuracy(), vp, vr, vf)
}
