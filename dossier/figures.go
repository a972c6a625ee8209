package dossier

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

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
	for ai, st := range b.arts {
		if _, isCopy := copies[ai]; isCopy || st.a.Extraction == nil {
			continue
		}
		a := st.a
		for _, q := range a.Extraction.Quantities {
			if q.Role == "" || q.Start < 0 || q.End > len(a.Text) || q.Start > q.End || math.IsNaN(q.Value) {
				continue
			}
			s := b.sentenceOf(ai, q.Start)
			if s == nil {
				continue
			}
			scope := strings.TrimSpace(q.Scope)
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
					Text: q.Text, Value: q.Value, Low: lo, High: hi, Bound: q.Bound,
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
		out = append(out, b.compareRole(role, byRole[role]))
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

// roleOrder puts human tolls before material counts.
func roleOrder(r string) int {
	order := []string{"killed", "injured", "missing", "arrested", "displaced", "evacuated", "troops", "targets", "munitions"}
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
		}
		for i, x := range fs {
			for _, y := range fs[i+1:] {
				if x.outlet == y.outlet && x.art == y.art {
					continue
				}
				if key == "" && x.claim() != y.claim() {
					// Without a stated place two figures conflict only
					// when their sentences say the same otherwise.
					continue
				}
				if x.hi < y.lo || y.hi < x.lo {
					sc.Status = parallax.FigureConflicting
					fc.Conflicts = append(fc.Conflicts, parallax.FigureConflict{A: x.f, B: y.f,
						Reason: fmt.Sprintf("%s %s in %s vs %s in %s", describe(x.f), role, x.outlet, describe(y.f), y.outlet)})
				}
			}
		}
		fc.Scopes = append(fc.Scopes, sc)
	}
	// A part may not exceed its whole.
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
					if p.f.Value == w.f.Value && p.lo <= w.hi && w.lo <= p.hi && p.outlet != w.outlet {
						fc.Agreements = append(fc.Agreements, parallax.FigurePair{A: w.f, B: p.f,
							Reason: fmt.Sprintf("%s %s in %s (%s) and %s in %s, which lies within %s (%s), agree",
								describe(w.f), role, scopeName(w.f.Scope), w.outlet, describe(p.f), scopeName(p.f.Scope), scopeName(w.f.Scope), p.outlet)})
					}
					if p.lo > w.hi {
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
	named := 0
	for _, k := range scopes {
		if k != "" {
			named++
		}
	}
	switch {
	case len(fc.Conflicts) > 0:
		fc.Status = parallax.FigureConflicting
	case named <= 1 && len(outletsAll) >= 2 && allOverlap(figs):
		// One place (or none) named and every figure compatible: the
		// unplaced figures are taken to count the same.
		fc.Status = parallax.FigureConsistent
	case len(fc.Scopes) > 1:
		fc.Status = parallax.FigureDifferentScope
	case len(outletsAll) >= 2:
		fc.Status = parallax.FigureConsistent
	default:
		fc.Status = parallax.FigureSingle
	}
	return fc
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
	"person": true, "individual": true, "": true}

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

// placeNoise are words that qualify a place name without changing it.
var placeNoise = regexp.MustCompile(`(?i)^(?:the\s+)|\s+(?:province|governorate|region|district|state|county|city|area|alone)$`)

// canonicalPlace folds a place name to a key: the entity's canonical name
// when the extractor resolved one, else the name without articles and
// administrative suffixes, in lower case.
func (b *Builder) canonicalPlace(ai int, p string) string {
	p = strings.TrimSpace(p)
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
				if n := speakerName(q.Speaker); n != "" && !isPronoun(n) {
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
	if src == "" || isPronoun(src) || strings.HasPrefix(l, "the latest") || strings.HasPrefix(l, "latest") || openers[l] {
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
