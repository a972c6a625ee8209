package dossier

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/biter777/countries"
	"github.com/parallax-news/parallax"
)

// fig is a figure with what the comparison needs to know about it.
type fig struct {
	f      parallax.Figure
	role   string
	scope  string // canonical scope key ("" for none)
	places []string
	outlet string
	art    int
	lo, hi float64
	sent   *sentState
}

func (f *fig) claim() int {
	if f.sent == nil || f.sent.claim < 0 {
		return -1 - f.art
	}
	return f.sent.claim
}

// figures compares the event's counts role by role.
//
// Scope hierarchy: a figure's scope is the place or group it counts in
// ("Iraq", "Anbar province", "Iraq and Syria"). Scopes are compared as sets
// of places, each place known to lie in a country when it is one, when
// the entity gazetteer gives its country, or when the sentence places it
// ("Anbar province, western Iraq"). Figures of the same scope must have
// overlapping ranges ("125" and "more than 125" do; "25" and "36" do
// not). A figure for a part may not exceed the figure for the whole: 36
// injured in Anbar, which lies in Iraq, contradicts 25 injured in Iraq,
// while 16 killed in Anbar and 16 killed in Iraq agree. Figures for
// scopes neither of which contains the other (Iraq, Syria) are listed as
// of different scope and never summed: totals across places are too often
// counted at different times for a sum to prove a conflict.
func (b *Builder) figures(copies map[int]copyInfo) []parallax.FigureComparison {
	var figs []*fig
	seen := map[string]bool{}
	start := b.eventStart()
	for ai, st := range b.arts {
		if _, isCopy := copies[ai]; isCopy || st.a.Extraction == nil {
			continue
		}
		a := st.a
		for _, q := range a.Extraction.Quantities {
			if q.Start < 0 || q.End > len(a.Text) || q.Start > q.End || math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
				continue
			}
			if q.Role == "" && isMagnitude(a.Text, q) {
				q.Role, q.Scope = roleMagnitude, ""
				if q.Bound == parallax.BoundAbout {
					q.Low, q.High = q.Value-0.3, q.Value+0.3
				} else if q.Bound == parallax.BoundExact {
					q.Low, q.High = q.Value-0.05, q.Value+0.05
				}
			}
			if q.Role == "" && q.Kind == "money" && q.Unit != "" && q.Value > 0 {
				// A price or sum: compared like an unplaced count, only
				// between sentences that tell the same deal or loss.
				q.Role, q.Scope = "amount ("+q.Unit+")", ""
			}
			if q.Role == "" {
				continue
			}
			s := b.sentenceOf(ai, q.Start)
			if s == nil || b.aboutThePast(ai, s, start) || isAge(a.Text, q) {
				continue
			}
			scope := strings.TrimSpace(q.Scope)
			if scope == "" && q.Role != roleMagnitude && q.Kind != "money" {
				scope = b.onlyPlace(ai, s)
			}
			scope = scopeLabel(scope)
			places := b.scopePlaces(ai, scope)
			key := strings.Join(places, " + ")
			dedupe := fmt.Sprint(ai, q.Role, key, q.Value, q.Bound)
			if seen[dedupe] {
				continue
			}
			seen[dedupe] = true
			lo, hi := bounds(q)
			src := cleanSource(q.Source)
			if src == "" {
				src = b.sourceOf(ai, s, q.Start)
			}
			mention := parallax.Span{Start: q.Start, End: q.End}
			figs = append(figs, &fig{
				f: parallax.Figure{
					Text: q.Text, Value: q.Value, Low: finite(lo, q.Value), High: finite(hi, q.Value), Bound: q.Bound,
					Unit: q.Unit, Scope: scope, Source: src,
					Evidence: b.evidence(s, &mention),
				},
				role: q.Role, scope: key, places: places, outlet: st.outlet, art: ai, lo: lo, hi: hi, sent: s,
			})
		}
	}
	byRole := map[string][]*fig{}
	var roles []string
	for _, f := range figs {
		if _, ok := byRole[f.role]; !ok {
			roles = append(roles, f.role)
		}
		byRole[f.role] = append(byRole[f.role], f)
	}
	var out []parallax.FigureComparison
	for _, role := range roles {
		fc := b.compareRole(role, byRole[role])
		if strings.HasPrefix(role, "amount (") && len(fc.Conflicts) == 0 && !sharedValue(byRole[role]) {
			// Sums of money that neither agree nor conflict are different
			// sums (a loan, a deficit, a year's cuts): nothing to compare.
			continue
		}
		out = append(out, fc)
	}
	statusRank := map[string]int{parallax.FigureConflicting: 0, parallax.FigureDifferentScope: 1, parallax.FigureConsistent: 2, parallax.FigureSingle: 3}
	slices.SortStableFunc(out, func(x, y parallax.FigureComparison) int {
		if c := cmp.Compare(statusRank[x.Status], statusRank[y.Status]); c != 0 {
			return c
		}
		return cmp.Compare(roleOrder(x.Role), roleOrder(y.Role))
	})
	return out
}

// onlyPlace returns the country a sentence names when it names exactly
// one place (by the entity extractor), as the scope of a figure the quantity
// extractor gave none: "more than a dozen people were killed by a quake
// in eastern China" counts China, not the event's island.
func (b *Builder) onlyPlace(ai int, s *sentState) string {
	a := b.arts[ai].a
	if a.Extraction == nil {
		return ""
	}
	place, key := "", ""
	for _, e := range a.Extraction.Entities {
		if e.Type != parallax.LOC || e.Start < s.span.Start || e.End > s.span.End || e.Metonym {
			continue
		}
		if !inPlace.MatchString(a.Text[max(s.span.Start, e.Start-40):e.Start]) {
			// "bombers sent from the United States" names a place
			// that is not where anything was counted.
			continue
		}
		k := b.canonicalPlace(ai, e.Text)
		if key != "" && k != key {
			return ""
		}
		place, key = e.Text, k
	}
	if countryCode(key) == "" {
		// Only a country is safe to take as the scope: a town or a sea
		// named in passing ("a Gulf island") is too often not what is
		// counted.
		return ""
	}
	return place
}

// inPlace matches the words that put a count in a place: "in", "across",
// "throughout", with an optional direction ("in southern Iran").
var inPlace = regexp.MustCompile(`(?i)\b(?:in|across|throughout)\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western)\s+)?$`)

// scopeLabel is a scope as the dossier shows it: "Iran's" as "Iran".
func scopeLabel(scope string) string {
	if m := possessivePlace.FindStringSubmatch(scope); m != nil {
		if strings.TrimSpace(m[2]) != "" {
			return strings.TrimSpace(m[2])
		}
		return m[1]
	}
	return scope
}

// ageApposition matches a bare number set off by commas after a name
// ("Kafoury, 63, of Warren"): news gives ages that way, and an age is
// never a toll.
var ageApposition = regexp.MustCompile(`[\p{Lu}][\p{L}.'’-]*,\s*$`)

func isAge(text string, q parallax.Quantity) bool {
	if strings.TrimFunc(q.Text, func(r rune) bool { return r >= '0' && r <= '9' }) != "" {
		return false
	}
	if q.End >= len(text) || text[q.End] != ',' {
		return false
	}
	return ageApposition.MatchString(text[max(0, q.Start-40):q.Start])
}

// roleMagnitude is the role the dossier gives an earthquake's magnitude,
// which quantity extractors leave unitless.
const roleMagnitude = "magnitude"

// magnitudeWord finds "magnitude", "Richter" or "-strength" next to a
// number; aftershocks, modal sentences ("a magnitude 6 quake can cause
// severe damage") and ranges of magnitudes are not the event's shock.
var (
	magnitudeWord   = regexp.MustCompile(`(?i)magnitude|richter|-strength`)
	notMainShock    = regexp.MustCompile(`(?i)aftershock|\b(?:can|could|would|may|might)\b|\bmagnitudes\b`)
	magnitudeWindow = 30
)

// isMagnitude reports whether a unitless quantity between 1 and 10 is the
// magnitude of an event's earthquake.
func isMagnitude(text string, q parallax.Quantity) bool {
	if q.Unit != "" || q.Value < 1 || q.Value > 10 || q.Kind != "" && q.Kind != "count" && q.Kind != "measure" {
		return false
	}
	lo, hi := max(0, q.Start-magnitudeWindow), min(len(text), q.End+magnitudeWindow)
	if !magnitudeWord.MatchString(text[lo:hi]) {
		return false
	}
	// The sentence around it, bounded by periods.
	s, e := q.Start, q.End
	for s > 0 && !(text[s-1] == '.' && s < len(text) && text[s] == ' ') && text[s-1] != '\n' {
		s--
	}
	for e < len(text) && !(text[e] == '.' && (e+1 == len(text) || text[e+1] == ' ' || text[e+1] == '\n')) && text[e] != '\n' {
		e++
	}
	return !notMainShock.MatchString(text[s:e])
}

// eventStart returns the earliest publication time among the articles.
func (b *Builder) eventStart() time.Time {
	var start time.Time
	for _, st := range b.arts {
		if p := st.a.Published; !p.IsZero() && (start.IsZero() || p.Before(start)) {
			start = p
		}
	}
	return start
}

// pastMargin is how long before the first report a dated happening must
// lie to be another, earlier happening (a past earthquake's toll quoted
// for comparison) rather than part of the event.
const pastMargin = 45 * 24 * time.Hour

// aboutThePast reports whether sentence s dates what it tells well before
// the event began ("more than 31,000 people were killed in Bam in December
// 2003"): such figures count another happening and are left out of the
// comparison.
func (b *Builder) aboutThePast(ai int, s *sentState, start time.Time) bool {
	a := b.arts[ai].a
	if start.IsZero() || a.Extraction == nil {
		return false
	}
	for _, t := range a.Extraction.Times {
		if t.Start < s.span.Start || t.End > s.span.End || t.Type != "DATE" {
			continue
		}
		if end, ok := periodEnd(t.Value); ok && end.Before(start.Add(-pastMargin)) {
			return true
		}
	}
	return false
}

// periodEnd returns the end of the period a TIMEX3 date value names
// (2003 → end of 2003, 2005-02 → end of February 2005), or an upper bound
// of it (a week of 2024 → end of 2024).
func periodEnd(v string) (time.Time, bool) {
	for _, f := range []struct {
		layout string
		n      int
		add    func(time.Time) time.Time
	}{
		{"2006-01-02", 10, func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", 7, func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", 4, func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if len(v) < f.n {
			continue
		}
		if t, err := time.Parse(f.layout, v[:f.n]); err == nil && (len(v) == f.n || v[f.n] < '0' || v[f.n] > '9') {
			return f.add(t), true
		}
	}
	return time.Time{}, false
}

// roleOrder puts human tolls before material counts.
func roleOrder(r string) int {
	order := []string{"killed", "injured", "missing", "arrested", "displaced", "evacuated", "magnitude", "troops", "targets", "munitions"}
	if i := slices.Index(order, r); i >= 0 {
		return i
	}
	return len(order)
}

func (b *Builder) compareRole(role string, figs []*fig) parallax.FigureComparison {
	fc := parallax.FigureComparison{Role: role, Unit: commonUnit(figs)}
	byScope := map[string][]*fig{}
	var scopes []string
	for _, f := range figs {
		if _, ok := byScope[f.scope]; !ok {
			scopes = append(scopes, f.scope)
		}
		byScope[f.scope] = append(byScope[f.scope], f)
	}
	outletsAll := map[string]bool{}
	for _, key := range scopes {
		fs := byScope[key]
		sc := parallax.FigureScope{Scope: fs[0].f.Scope}
		for _, f := range fs {
			if !slices.Contains(sc.Outlets, f.outlet) {
				sc.Outlets = append(sc.Outlets, f.outlet)
			}
			outletsAll[f.outlet] = true
			sc.Figures = append(sc.Figures, f.f)
		}
		for _, other := range scopes {
			if other != key && b.within(fs[0].places, byScope[other][0].places) && (sc.Within == "" || len(byScope[other][0].places) < len(b.placesOf(sc.Within))) {
				sc.Within = byScope[other][0].f.Scope
			}
		}
		sc.Status = parallax.FigureSingle
		if len(sc.Outlets) >= 2 {
			sc.Status = parallax.FigureConsistent
			if key == "" && !allOverlap(fs) && sc.Status != parallax.FigureConflicting {
				// Unplaced figures that differ may count different
				// things; they are listed, not judged.
				sc.Status = parallax.FigureDifferentScope
			}
		}
		for i, x := range fs {
			for _, y := range fs[i+1:] {
				if x.outlet == y.outlet && x.art == y.art {
					continue
				}
				if key == "" && !b.sameStatement(x, y) {
					// Without a stated place two figures conflict only
					// when their sentences tell the same otherwise.
					continue
				}
				if (x.hi < y.lo || y.hi < x.lo) && comparable(x, y) {
					sc.Status = parallax.FigureConflicting
					fc.Conflicts = append(fc.Conflicts, parallax.FigureConflict{A: x.f, B: y.f,
						Reason: fmt.Sprintf("%s %s (%s) vs %s (%s)%s", describe(x.f), role, x.outlet, describe(y.f), y.outlet, inScope(role, sc.Scope))})
				}
			}
		}
		fc.Scopes = append(fc.Scopes, sc)
	}
	// With one place named, figures without a place are taken to count the
	// same place when their sentences tell the same happening.
	var named []string
	for _, k := range scopes {
		if k != "" {
			named = append(named, k)
		}
	}
	if len(named) == 1 && len(byScope[""]) > 0 {
		for _, x := range byScope[named[0]] {
			for _, y := range byScope[""] {
				if x.art != y.art && (x.hi < y.lo || y.hi < x.lo) && comparable(x, y) && b.sameStatement(x, y) {
					fc.Conflicts = append(fc.Conflicts, parallax.FigureConflict{A: x.f, B: y.f,
						Reason: fmt.Sprintf("%s %s in %s (%s) vs %s in %s (no place given)", describe(x.f), role, x.f.Scope, x.outlet, describe(y.f), y.outlet)})
				}
			}
		}
	}
	// A part may not exceed its whole.
	agreed := map[[2]string]bool{}
	for _, pk := range scopes {
		for _, wk := range scopes {
			if pk == wk || !b.within(byScope[pk][0].places, byScope[wk][0].places) {
				continue
			}
			for _, p := range byScope[pk] {
				for _, w := range byScope[wk] {
					if p.art == w.art {
						continue
					}
					if p.f.Value == w.f.Value && p.lo <= w.hi && w.lo <= p.hi && p.outlet != w.outlet && !agreed[[2]string{pk, wk}] {
						agreed[[2]string{pk, wk}] = true
						fc.Agreements = append(fc.Agreements, parallax.FigurePair{A: w.f, B: p.f,
							Reason: fmt.Sprintf("%s %s in %s (%s) and %s in %s, which lies within %s (%s), agree",
								describe(w.f), role, scopeName(w.f.Scope), w.outlet, describe(p.f), scopeName(p.f.Scope), scopeName(w.f.Scope), p.outlet)})
					}
					if p.lo > w.hi && comparable(p, w) {
						fc.Conflicts = append(fc.Conflicts, parallax.FigureConflict{A: w.f, B: p.f,
							Reason: fmt.Sprintf("%s %s in %s (%s) but %s in %s, which lies within %s (%s)",
								describe(w.f), role, scopeName(w.f.Scope), w.outlet, describe(p.f), scopeName(p.f.Scope), scopeName(w.f.Scope), p.outlet)})
						for i := range fc.Scopes {
							if fc.Scopes[i].Scope == p.f.Scope || fc.Scopes[i].Scope == w.f.Scope {
								fc.Scopes[i].Status = parallax.FigureConflicting
							}
						}
					}
				}
			}
		}
	}
	fc.Conflicts = mergeConflicts(role, fc.Conflicts)
	switch {
	case len(fc.Conflicts) > 0:
		fc.Status = parallax.FigureConflicting
	case len(named) <= 1 && len(outletsAll) >= 2 && allOverlap(figs) && len(fc.Scopes) > 1:
		// One place (or none) named and every figure compatible: the
		// unplaced figures are taken to count the same.
		fc.Status = parallax.FigureConsistent
	case len(fc.Scopes) > 1 || fc.Scopes[0].Status == parallax.FigureDifferentScope:
		fc.Status = parallax.FigureDifferentScope
	case len(outletsAll) >= 2:
		fc.Status = parallax.FigureConsistent
	default:
		fc.Status = parallax.FigureSingle
	}
	return fc
}

// sameStatementMin is the word similarity (figures aside) above which two
// sentences giving a count tell the same happening: "Ten people were
// killed and at least 50 injured when an earthquake razed villages" and
// "killing 10 people and injuring 80".
const sameStatementMin = 0.2

// sameStatement reports whether two figures' sentences tell the same
// happening: aligned into one claim, or similar in words once figures are
// set aside, or — for tolls — both opening their reports (a lead states
// the event's toll).
func (b *Builder) sameStatement(x, y *fig) bool {
	if x.sent == nil || y.sent == nil {
		return false
	}
	if x.role == roleMagnitude {
		// An event has one main shock; aftershocks, past and
		// hypothetical quakes are not read as magnitudes (isMagnitude).
		return true
	}
	if x.claim() == y.claim() {
		return true
	}
	if tollRoles[x.role] && b.isLead(x.sent) && b.isLead(y.sent) {
		return true
	}
	return cosine(b.vectorWithout(x.sent), b.vectorWithout(y.sent)) >= sameStatementMin
}

// vectorWithout returns a sentence's word vector without the words of its
// quantities ("$141 billion", "12 people"), so that two sentences are not
// taken to tell the same thing for sharing the words of their figures.
func (b *Builder) vectorWithout(s *sentState) []tw {
	a := b.arts[s.art].a
	var spans []parallax.Span
	if a.Extraction != nil {
		for _, q := range a.Extraction.Quantities {
			if q.Start >= s.span.Start && q.End <= s.span.End {
				spans = append(spans, parallax.Span{Start: q.Start, End: q.End})
			}
		}
	}
	var ws []word
	for _, w := range s.words {
		in := false
		for _, sp := range spans {
			if w.start >= sp.Start && w.end <= sp.End {
				in = true
				break
			}
		}
		if !in {
			ws = append(ws, w)
		}
	}
	vec, _ := b.vector(ws, s.ents)
	return vec
}

// tollRoles are the counts a report's opening sentences state for the
// event itself; other figures there (a price, a crowd) may be context.
var tollRoles = map[string]bool{"killed": true, "injured": true, "missing": true, "arrested": true, "displaced": true,
	"evacuated": true}

// isLead reports whether s is one of the first two sentences of its
// article with enough words to say something (a headline-like subtitle
// and the lead paragraph both state the event's toll).
func (b *Builder) isLead(s *sentState) bool {
	n := 0
	for _, o := range b.arts[s.art].sents {
		if o.content < 4 {
			continue
		}
		if o == s {
			return true
		}
		if n++; n == 2 {
			return false
		}
	}
	return false
}

func cosine(x, y []tw) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i].id < y[j].id:
			i++
		case x[i].id > y[j].id:
			j++
		default:
			dot += x[i].w * y[j].w
			i++
			j++
		}
	}
	return dot
}

// maxConflictRatio bounds how far apart two figures may be to be a
// conflict: reports of one toll differ by a third or a half (25 vs 36 injured, 50 vs
// 80), while figures ten times apart count different things (this
// earthquake's dead and a past one's).
const maxConflictRatio = 5.0

// comparable reports whether two figures are close enough in size to be
// rival counts of one thing.
func comparable(x, y *fig) bool {
	lo, hi := math.Min(x.f.Value, y.f.Value), math.Max(x.f.Value, y.f.Value)
	if lo <= 0 {
		return hi <= maxConflictRatio
	}
	return hi/lo <= maxConflictRatio
}

// mergeConflicts folds conflicts between the same two values into one,
// naming every outlet on each side ("6.1 magnitude (BBC, Los Angeles
// Times) vs 5.9 (Softpedia, The New York Times)"): a reader wants the
// disagreement once, with who stands where. Part-and-whole conflicts keep
// their own explanation.
func mergeConflicts(role string, cs []parallax.FigureConflict) []parallax.FigureConflict {
	type side struct {
		outlets []string
	}
	type group struct {
		c    parallax.FigureConflict
		a, b side
	}
	var order []string
	groups := map[string]*group{}
	var out []parallax.FigureConflict
	for _, c := range cs {
		if c.A.Scope != c.B.Scope {
			out = append(out, c)
			continue
		}
		a, b := c.A, c.B
		if describe(b) < describe(a) {
			a, b = b, a
		}
		key := describe(a) + "\x00" + describe(b) + "\x00" + a.Scope
		g := groups[key]
		if g == nil {
			g = &group{c: parallax.FigureConflict{A: a, B: b}}
			groups[key] = g
			order = append(order, key)
		}
		if !slices.Contains(g.a.outlets, a.Evidence.Outlet) {
			g.a.outlets = append(g.a.outlets, a.Evidence.Outlet)
		}
		if !slices.Contains(g.b.outlets, b.Evidence.Outlet) {
			g.b.outlets = append(g.b.outlets, b.Evidence.Outlet)
		}
	}
	var merged []parallax.FigureConflict
	for _, k := range order {
		g := groups[k]
		g.c.Reason = fmt.Sprintf("%s %s (%s) vs %s (%s)%s", describe(g.c.A), role, strings.Join(g.a.outlets, ", "),
			describe(g.c.B), strings.Join(g.b.outlets, ", "), inScope(role, g.c.A.Scope))
		merged = append(merged, g.c)
	}
	return append(merged, out...)
}

// sharedValue reports whether two outlets give the same value.
func sharedValue(figs []*fig) bool {
	for i, x := range figs {
		for _, y := range figs[i+1:] {
			if x.outlet != y.outlet && x.f.Value == y.f.Value {
				return true
			}
		}
	}
	return false
}

// finite returns v, or def when v is infinite or not a number: JSON has no
// infinity, and Figure.Bound already says which side is open.
func finite(v, def float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return def
	}
	return v
}

func allOverlap(figs []*fig) bool {
	for i, x := range figs {
		for _, y := range figs[i+1:] {
			if x.hi < y.lo || y.hi < x.lo {
				return false
			}
		}
	}
	return true
}

func inScope(role, s string) string {
	if s == "" && role == roleMagnitude {
		return ""
	}
	if s == "" {
		return ", no place given"
	}
	return " in " + s
}

func scopeName(s string) string {
	if s == "" {
		return "all (no place given)"
	}
	return s
}

// describe renders a figure's value with its bound ("more than 125").
func describe(f parallax.Figure) string {
	v := formatNumber(f.Value)
	switch f.Bound {
	case parallax.BoundAtLeast:
		return "at least " + v
	case parallax.BoundAtMost:
		return "at most " + v
	case parallax.BoundAbout:
		return "about " + v
	case parallax.BoundRange:
		return formatNumber(f.Low) + "–" + formatNumber(f.High)
	}
	return v
}

func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return formatFloat(v, 0)
	}
	return strings.TrimRight(strings.TrimRight(formatFloat(v, 2), "0"), ".")
}

// genericUnits say nothing a role does not ("16 killed", not "16 killed
// (others)").
var genericUnits = map[string]bool{"others": true, "other": true, "people": true, "persons": true, "individuals": true,
	"person": true, "individual": true, "": true, "men": true, "women": true, "man": true, "woman": true, "children": true,
	"child": true}

func commonUnit(figs []*fig) string {
	n := map[string]int{}
	best := ""
	for _, f := range figs {
		u := strings.ToLower(f.f.Unit)
		if genericUnits[u] {
			continue
		}
		n[u]++
		if n[u] > n[best] || n[u] == n[best] && u < best {
			best = u
		}
	}
	return best
}

// bounds returns the range a quantity allows. "More than 125" is taken as
// at least 125 so that it is compatible with "125" (outlets round and
// restate figures that way); "nearly 40" as 85–100% of 40, "about 40" as
// ±15%.
func bounds(q parallax.Quantity) (lo, hi float64) {
	v := q.Value
	switch q.Bound {
	case parallax.BoundAtLeast:
		return v, math.Inf(1)
	case parallax.BoundAtMost:
		return math.Inf(-1), v
	case parallax.BoundRange:
		if q.Low <= q.High {
			return q.Low, q.High
		}
	case parallax.BoundAbout:
		if q.Low < q.High && q.Low <= v && v <= q.High {
			return q.Low, q.High
		}
		return v * 0.85, v * 1.15
	}
	if q.Low < q.High && q.Low <= v && v <= q.High {
		return q.Low, q.High
	}
	return v, v
}

// placeSplit splits compound scopes ("Iraq and Syria").
var placeSplit = regexp.MustCompile(`\s*(?:,|\band\b|&|/)\s*`)

// scopePlaces returns the canonical places of a scope, sorted.
func (b *Builder) scopePlaces(ai int, scope string) []string {
	if scope == "" {
		return nil
	}
	var out []string
	for _, p := range placeSplit.Split(scope, -1) {
		if p = b.canonicalPlace(ai, p); p != "" {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var possessivePlace = regexp.MustCompile(`^(.+?)['’]s\b\s*(.*)$`)

// placeNoise are words that qualify a place name without changing it.
var placeNoise = regexp.MustCompile(`(?i)^(?:the\s+)|\s+(?:province|governorate|region|district|state|county|city|area|alone)$`)

// canonicalPlace folds a place name to a key: the entity's canonical name
// when the extractor resolved one, else the name without articles and
// administrative suffixes, in lower case.
func (b *Builder) canonicalPlace(ai int, p string) string {
	p = strings.TrimSpace(p)
	if m := possessivePlace.FindStringSubmatch(p); m != nil {
		// "Iran's Kerman province" is Kerman; "Iran's" is Iran.
		if strings.TrimSpace(m[2]) != "" {
			p = m[2]
		} else {
			p = m[1]
		}
	}
	if p == "" {
		return ""
	}
	a := b.arts[ai].a
	if a.Extraction != nil {
		for _, e := range a.Extraction.Entities {
			if strings.EqualFold(e.Text, p) && e.Name != "" {
				p = e.Name
				break
			}
		}
	}
	for {
		q := placeNoise.ReplaceAllString(p, "")
		if q == p {
			break
		}
		p = q
	}
	p = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(p), "al-"), "al ")
	return p
}

func (b *Builder) placesOf(scope string) []string {
	if len(b.arts) == 0 {
		return nil
	}
	return b.scopePlaces(0, scope)
}

// within reports whether every place of part lies in whole (and the two
// differ).
func (b *Builder) within(part, whole []string) bool {
	if len(part) == 0 || slices.Equal(part, whole) {
		return false
	}
	if len(whole) == 0 {
		// No place given: the figure may count the whole event or only
		// what the sentence is about; no hierarchy can be assumed.
		return false
	}
	for _, p := range part {
		ok := slices.Contains(whole, p)
		if !ok {
			if c := b.countryOf(p); c != "" {
				for _, w := range whole {
					if countryCode(w) == c && countryCode(p) == "" {
						ok = true
					}
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// countryCode returns the ISO alpha-2 code of a place that is a country.
func countryCode(place string) string {
	if len(place) < 4 {
		// "us", "uk": two- and three-letter keys are too ambiguous.
		switch place {
		case "us", "usa":
			return "US"
		case "uk":
			return "GB"
		}
		return ""
	}
	c := countries.ByName(place)
	if c == countries.Unknown {
		return ""
	}
	return c.Alpha2()
}

// countryOf returns the country a place lies in: from the entity
// gazetteer, else from a sentence that places it ("Anbar province,
// western Iraq").
func (b *Builder) countryOf(place string) string {
	if c := countryCode(place); c != "" {
		return c
	}
	for _, st := range b.arts {
		a := st.a
		if a.Extraction == nil {
			continue
		}
		for _, e := range a.Extraction.Entities {
			if e.Type != parallax.LOC || e.Country == "" {
				continue
			}
			if b.canonicalPlace(0, e.Text) == place || e.Name != "" && b.canonicalPlace(0, e.Name) == place {
				return strings.ToUpper(e.Country)
			}
		}
	}
	for _, st := range b.arts {
		if c := appositiveCountry(st.a.Text, place); c != "" {
			return c
		}
	}
	return ""
}

// appositive matches "PLACE[ province], [western ]COUNTRY".
var appositive = regexp.MustCompile(`(?i)\b([\p{L}'’-]+(?:\s+[\p{L}'’-]+)?)(?:\s+(?:province|governorate|region|district|state|county|city))?,\s+(?:(?:north|south|east|west|central|northern|southern|eastern|western|northeastern|northwestern|southeastern|southwestern|north-eastern|north-western|south-eastern|south-western)\s+)?([A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)?)`)

func appositiveCountry(text, place string) string {
	if !strings.Contains(strings.ToLower(text), place) {
		return ""
	}
	for _, m := range appositive.FindAllStringSubmatch(text, -1) {
		p := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(m[1], "al-"), "Al-"))
		if p != place && !strings.HasSuffix(p, " "+place) {
			continue
		}
		if c := countryCode(strings.ToLower(m[2])); c != "" {
			return c
		}
	}
	return ""
}

// sourcePatterns find who a sentence credits for what it reports.
var sourcePatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\baccording to (?:the |a |an )?((?:latest |official )?[^,.;:"“”]{2,60}?)(?:[,.;:"“”]|$| news agency| said| who)`),
	regexp.MustCompile(`(?i)\bas per (?:the |a |an )?([^,.;:"“”]{2,60}?)(?:[,.;:"“”]|$)`),
	regexp.MustCompile(`^((?:[A-Z][\p{L}.'’-]*\s?){1,6})(?:\([A-Z]+\)\s)?(?:said|says|reported|announced|confirmed|stated)\b`),
}

// sourceOf finds who an article credits for the figure at off: the speaker
// of the quote it lies in, else the source named in its sentence
// ("according to Reuters", "as per a Syrian military statement",
// "CENTCOM confirmed").
func (b *Builder) sourceOf(ai int, s *sentState, off int) string {
	a := b.arts[ai].a
	text := s.span.Of(a.Text)
	rel := off - s.span.Start
	for _, re := range sourcePatterns[:2] {
		if m := re.FindStringSubmatch(text); m != nil {
			if src := cleanSource(m[1]); src != "" {
				return src
			}
		}
	}
	// "CENTCOM confirms US jets struck 85 targets": a name with a
	// reporting verb before the figure.
	if rel > 0 && rel <= len(text) {
		if ms := creditVerb.FindAllStringSubmatch(text[:rel], -1); ms != nil {
			if src := cleanSource(ms[len(ms)-1][1]); src != "" {
				return src
			}
		}
	}
	if a.Extraction != nil {
		for _, q := range a.Extraction.Quotes {
			if q.Start <= off && off < q.End {
				if n := cleanSpeaker(speakerName(q.Speaker)); n != "" && !isPronoun(n) && plausibleSpeaker(n) {
					return n
				}
			}
		}
	}
	if m := sourcePatterns[2].FindStringSubmatch(text); m != nil {
		return cleanSource(m[1])
	}
	return ""
}

// creditVerb matches a capitalized name followed by a reporting verb.
var creditVerb = regexp.MustCompile(`\b((?:[A-Z][\p{L}.'’-]*\s){0,4}[A-Z][\p{L}.'’-]*)\s(?:confirms|confirmed|says|said|reports|reported|announced|announces|states|stated|claims|claimed)\b`)

func cleanSource(src string) string {
	src = strings.TrimSpace(src)
	l := strings.ToLower(src)
	if src == "" || isPronoun(src) || strings.HasPrefix(l, "the latest") || strings.HasPrefix(l, "latest") || openers[l] || !plausibleSpeaker(src) {
		return ""
	}
	return src
}

func isPronoun(s string) bool {
	switch strings.ToLower(s) {
	case "he", "she", "they", "it", "we", "i", "you", "this", "that":
		return true
	}
	return false
}

func speakerName(s parallax.Speaker) string {
	if s.Name != "" {
		return s.Name
	}
	return strings.TrimSpace(s.Text)
}
