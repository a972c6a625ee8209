package dossier

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// Framing parameters.
const (
	// priorWeight is α0, the total pseudo-count of the Dirichlet prior.
	// Monroe et al. scale the background to the size of the compared
	// texts; a prior of this size keeps words seen once or twice from
	// dominating while letting a word an outlet repeats stand out.
	priorWeight = 500.0
	// minDistinctiveZ is the z-score a term needs to be listed as
	// distinctive; maxTerms bounds each list.
	minDistinctiveZ = 1.96
	maxTerms        = 8
)

// actionWords are the words outlets name an event's main action with, as
// written: nouns only ("strikes", "aggression", "shooting"), so that a
// "striking" worker or "petrol bombs" do not count as naming the action.
var actionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`strike strikes airstrike airstrikes raid raids attack attacks aggression
		aggressions bombing bombings bombardment bombardments assault assaults retaliation offensive shelling
		invasion incursion incursions shooting shootings massacre massacres explosion explosions
		blast blasts earthquake earthquakes quake quakes tremor tremors arrest arrests detention kidnapping abduction
		riot riots rioting clash clashes crash collision fire blaze firebombing firebomb flood floods flooding
		hurricane murder murders stabbing hijacking takeover acquisition merger buyout resignation appointment`) {
		m[w] = true
	}
	for _, p := range []string{"air strike", "air strikes", "missile strike", "missile strikes", "air raid", "air raids",
		"drone strike", "drone strikes", "firebomb attack", "bomb attack", "petrol bomb attack"} {
		m[p] = true
	}
	return m
}()

// markerTerms are loaded or hedging words whose choice frames an event:
// naming violence as aggression, the dead as martyrs, or distancing a
// claim with "allegedly".
var markerTerms = map[string]bool{
	"aggress": true, "martyr": true, "martyrdom": true, "alleg": true, "reportedly": true, "purport": true,
	"so-cal": true, "so-called": true, "regim": true, "terrorist": true, "terror": true, "genocid": true, "massacr": true,
	"occup": true, "resist": true, "crime": true, "crimin": true, "atroc": true, "brutal": true, "nake": true,
	"blatant": true, "heinous": true, "illeg": true, "slaughter": true, "zionist": true, "puppet": true, "thug": true,
	"barbar": true, "cowardly": true, "heroic": true, "hero": true, "liber": false, "impun": true, "violat": true,
	"propaganda": true, "provoc": true, "hostil": true, "aggressor": true, "invad": true, "junta": true, "extremist": true,
}

// framing compares each outlet's words with the other outlets covering
// the event, and the event's words with the whole store.
//
// The comparison is the log-odds ratio with an informative Dirichlet prior
// (Monroe, Colaresi and Quinn 2008, "Fightin' Words"): for term w, outlet
// counts y_i, other outlets' counts y_j and prior α_w = α0·p(w) from the
// Background,
//
//	δ_w = log((y_iw+α_w)/(n_i+α0−y_iw−α_w)) − log((y_jw+α_w)/(n_j+α0−y_jw−α_w))
//	z_w = δ_w / sqrt(1/(y_iw+α_w) + 1/(y_jw+α_w))
//
// Copies are left out: repeating another outlet's words is not a choice of
// words.
func (b *Builder) framing() parallax.Framing {
	var fr parallax.Framing
	total := map[string]int{}
	perOutlet := map[string]map[string]int{}
	var outlets []string
	first := map[string]map[string]*sentState{}
	surf := map[string]map[string]string{}
	copies := b.copyMap
	for ai, st := range b.arts {
		if _, isCopy := copies[ai]; isCopy {
			continue
		}
		m := perOutlet[st.outlet]
		if m == nil {
			m = map[string]int{}
			perOutlet[st.outlet] = m
			first[st.outlet] = map[string]*sentState{}
			surf[st.outlet] = map[string]string{}
			outlets = append(outlets, st.outlet)
		}
		for t, n := range st.terms {
			m[t] += n
			total[t] += n
			if _, ok := first[st.outlet][t]; !ok {
				first[st.outlet][t] = b.sentenceOf(ai, st.firstUse[t])
				surf[st.outlet][t] = st.surface[t]
			}
		}
	}
	if len(total) == 0 {
		return fr
	}
	prior := b.prior(total)

	// The event against the store.
	if bg := b.opts.Background; bg != nil && bg.Tokens > 0 {
		// The rest of the store is the background minus this event; only
		// the event's own terms are looked up, so that the cost follows the
		// event's vocabulary, not the store's.
		nj := float64(bg.Tokens)
		for t, n := range total {
			nj -= float64(min(int64(n), bg.Counts[t]))
		}
		rest := func(t string) int { return max(0, int(bg.Counts[t])-total[t]) }
		fr.Event = b.topTerms(total, rest, nj, prior, 2, nil)
	}

	// The main action is named by the action words the event uses most;
	// each outlet's share of them shows its choice.
	type kv struct {
		stem string
		n    int
	}
	actions := map[string]map[string]int{}
	actionSurf := map[string]map[string]string{}
	actionTotal := map[string]int{}
	for ai, st := range b.arts {
		if _, isCopy := copies[ai]; isCopy {
			continue
		}
		if actions[st.outlet] == nil {
			actions[st.outlet] = map[string]int{}
		}
		if actionSurf[st.outlet] == nil {
			actionSurf[st.outlet] = map[string]string{}
		}
		for t, n := range st.actions {
			actions[st.outlet][t] += n
			actionTotal[t] += n
			if _, ok := actionSurf[st.outlet][t]; !ok {
				actionSurf[st.outlet][t] = st.actionSurface[t]
			}
		}
	}
	var acts []kv
	for t, n := range actionTotal {
		if n >= 2 {
			acts = append(acts, kv{t, n})
		}
	}
	slices.SortFunc(acts, func(x, y kv) int {
		if c := cmp.Compare(y.n, x.n); c != 0 {
			return c
		}
		return strings.Compare(x.stem, y.stem)
	})
	mainAction := map[string]bool{}
	for _, a := range acts[:min(len(acts), 6)] {
		mainAction[a.stem] = true
	}
	for _, o := range outlets {
		mine := perOutlet[o]
		others := map[string]int{}
		for t, n := range total {
			if r := n - mine[t]; r > 0 {
				others[t] = r
			}
		}
		of := parallax.OutletFraming{Outlet: o}
		if len(outlets) > 1 {
			var nj float64
			for _, n := range others {
				nj += float64(n)
			}
			of.Distinctive = b.topTerms(mine, func(t string) int { return others[t] }, nj, prior, 2, first[o])
		}
		of.Action = b.lexiconTerms(actions[o], mainAction, nil, first[o], actionSurf[o])
		of.Markers = b.lexiconTerms(mine, markerTerms, nil, first[o], surf[o])
		fr.Outlets = append(fr.Outlets, of)
	}
	return fr
}

// prior returns p(w) for the Dirichlet prior: the background's term
// distribution when there is one, smoothed with the event's own so that
// terms the store has not seen still get a little mass.
func (b *Builder) prior(event map[string]int) func(string) float64 {
	var evTotal float64
	for _, n := range event {
		evTotal += float64(n)
	}
	bg := b.opts.Background
	if bg == nil || bg.Tokens == 0 {
		return func(t string) float64 { return float64(event[t]) / evTotal }
	}
	bgTotal := float64(bg.Tokens)
	return func(t string) float64 {
		return 0.9*float64(bg.Counts[t])/bgTotal + 0.1*float64(event[t])/evTotal
	}
}

// topTerms returns the terms of mine most over-represented against other
// (counts per term, nj in all) by z-score, each used at least minCount
// times.
func (b *Builder) topTerms(mine map[string]int, other func(string) int, nj float64, prior func(string) float64, minCount int, first map[string]*sentState) []parallax.Term {
	var ni float64
	for _, n := range mine {
		ni += float64(n)
	}
	var out []parallax.Term
	for t, yi := range mine {
		if yi < minCount {
			continue
		}
		a := priorWeight * prior(t)
		if a <= 0 {
			a = 0.01
		}
		yj := float64(other(t))
		fi := float64(yi)
		delta := math.Log((fi+a)/(ni+priorWeight-fi-a)) - math.Log((yj+a)/(nj+priorWeight-yj-a))
		z := delta / math.Sqrt(1/(fi+a)+1/(yj+a))
		if z < minDistinctiveZ || math.IsNaN(z) {
			continue
		}
		out = append(out, parallax.Term{Term: b.surface(t), Count: yi, Z: math.Round(z*100) / 100, Evidence: b.firstEvidence(first, t)})
	}
	slices.SortFunc(out, func(x, y parallax.Term) int {
		if c := cmp.Compare(y.Z, x.Z); c != 0 {
			return c
		}
		return strings.Compare(x.Term, y.Term)
	})
	// A phrase and its own words say the same: keep the higher one.
	var kept []parallax.Term
	for _, t := range out {
		dup := false
		for _, k := range kept {
			if strings.Contains(" "+k.Term+" ", " "+t.Term+" ") || strings.Contains(" "+t.Term+" ", " "+k.Term+" ") {
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, t)
		}
		if len(kept) == maxTerms {
			break
		}
	}
	return kept
}

// lexiconTerms returns the terms of a lexicon an outlet uses, most used
// first, as the outlet writes them, restricted to the stems in only when
// it is set. A two-word entry ("air strike") is not counted again under
// its second word.
func (b *Builder) lexiconTerms(mine map[string]int, lexicon, only map[string]bool, first map[string]*sentState, surf map[string]string) []parallax.Term {
	counts := map[string]int{}
	for t, n := range mine {
		if lexicon[t] && (only == nil || only[t]) {
			counts[t] += n
		}
	}
	for t, n := range mine {
		if i := strings.IndexByte(t, ' '); i > 0 && counts[t] > 0 && counts[t[i+1:]] > 0 {
			counts[t[i+1:]] -= n
		}
	}
	type kv struct {
		stem string
		n    int
	}
	var list []kv
	for t, n := range counts {
		if n > 0 {
			list = append(list, kv{t, n})
		}
	}
	slices.SortFunc(list, func(x, y kv) int {
		if c := cmp.Compare(y.n, x.n); c != 0 {
			return c
		}
		return strings.Compare(x.stem, y.stem)
	})
	var out []parallax.Term
	for _, e := range list {
		name := surf[e.stem]
		if name == "" {
			name = b.surface(e.stem)
		}
		out = append(out, parallax.Term{Term: name, Count: e.n, Evidence: b.firstEvidence(first, e.stem)})
	}
	return out
}

// surface returns the most used written form of a term.
func (b *Builder) surface(t string) string {
	best, bn := t, 0
	for s, n := range b.surfaces[t] {
		if n > bn || n == bn && s < best {
			best, bn = s, n
		}
	}
	return best
}

func (b *Builder) firstEvidence(first map[string]*sentState, t string) *parallax.Evidence {
	if first == nil {
		return nil
	}
	s := first[t]
	if s == nil {
		return nil
	}
	e := b.evidence(s, nil)
	return &e
}
