package dossier

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/adrg/strutil/metrics"
	"github.com/parallax-news/parallax"
)

// quoteRef is one quote of one article with its comparison features.
type quoteRef struct {
	art     int
	q       parallax.Quote
	sent    *sentState
	stems   map[string]bool
	speaker string // name as written ("" when unknown)
	post    int    // index of the embedded post it is, else -1
	// norm is the quote's text folded for prefix matching; cut, for a
	// quote cut short with an ellipsis, the folded text before it.
	norm, cut string
	person    int // merged speaker index, -1 when unknown
	medium    string
}

// quoteRefs reads an article's quotes with their comparison features.
func (b *Builder) quoteRefs(ai int) []*quoteRef {
	a := b.arts[ai].a
	if a.Extraction == nil {
		return nil
	}
	var refs []*quoteRef
	lastNamed, lastIdx := "", -10
	for _, q := range a.Extraction.Quotes {
		if (q.Start < 0 || q.End > len(a.Text) || q.Start >= q.End) && !isPost(a, q) {
			continue
		}
		text := strings.TrimSpace(q.Text)
		if text == "" {
			text = a.Text[q.Start:q.End]
		}
		q.Text = text
		r := &quoteRef{art: ai, q: q, stems: map[string]bool{}, person: -1, post: -1}
		if isPost(a, q) {
			r.post = q.Post
		} else if r.sent = b.sentenceOf(ai, q.Start); r.sent == nil {
			continue
		}
		for _, w := range b.stems.words(text, 0, len(text), a.Language) {
			if !isStop(w.lower) {
				r.stems[w.stem] = true
			}
		}
		if len(r.stems) < 3 {
			continue
		}
		idx := -1
		if r.sent != nil {
			idx = r.sent.idx
		}
		switch n := cleanSpeaker(speakerName(q.Speaker)); {
		case n != "" && !isPronoun(n) && plausibleSpeaker(n):
			r.speaker = n
			if r.post < 0 {
				lastNamed, lastIdx = n, idx
			}
		case isPronoun(n) && idx >= 0 && idx-lastIdx <= 2:
			// "He also said that …": the person quoted just before.
			r.speaker = lastNamed
		}
		sentence := ""
		if r.sent != nil {
			sentence = r.sent.span.Of(a.Text)
		}
		r.medium = quoteMedium(a, q, sentence)
		r.norm = normalizeQuote(text)
		if truncated(text) {
			if cut := normalizeQuote(strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(text), "…"), "..."), " ")); len(cut) >= 20 {
				r.cut = cut
			}
		}
		refs = append(refs, r)
	}
	return refs
}

// speakers groups the event's quotes by speaker and statement.
//
// Speakers are merged across name variants: the extractor's canonical
// entity id when both have one, else names whose surnames are nearly the
// same string (Jaro-Winkler ≥ 0.9: "Polyanskiy" and "Polyansky") and
// whose first names do not differ. Statements are merged across outlets
// when their content words overlap (Dice ≥ 0.5, or ≥ 0.4 for the same
// speaker) or when one is a truncated start of the other ("Russia has just
// called for an urgent UN Security…"), so that a statement translated or
// paraphrased differently is still one statement with several renderings.
func (b *Builder) speakers() []parallax.SpeakerQuotes {
	var refs []*quoteRef
	for _, st := range b.arts {
		for _, r := range st.quotes {
			r.person = -1
			refs = append(refs, r)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	people := mergeSpeakers(refs)

	// Statements: union-find over quotes.
	parent := make([]int, len(refs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Candidate pairs share a content word; an index keeps the cost to
	// the pairs that do.
	index := map[string][]int{}
	for i, r := range refs {
		for st := range r.stems {
			index[st] = append(index[st], i)
		}
	}
	for i, x := range refs {
		// Pairs sharing two content words or more are candidates; a
		// truncated quote may share only its opening words.
		shared := map[int]int{}
		for st := range x.stems {
			ps := index[st]
			if len(ps) > maxPostings {
				continue
			}
			for _, j := range ps {
				if j > i {
					shared[j]++
				}
			}
		}
		for j := i + 1; j < len(refs); j++ {
			y := refs[j]
			cut := x.cut != "" && strings.HasPrefix(y.norm, x.cut) || y.cut != "" && strings.HasPrefix(x.norm, y.cut)
			if shared[j] < 2 && !cut {
				continue
			}
			d := dice(x.stems, y.stems)
			if x.person >= 0 && y.person >= 0 && x.person != y.person && d < 0.6 && !cut {
				// Two speakers' quotes are one statement only when nearly
				// the same words: an outlet's post relaying what an envoy
				// said, not two officials on one topic.
				continue
			}
			same := d >= 0.5 || x.person >= 0 && x.person == y.person && d >= 0.4 || cut
			if x.art == y.art {
				// Within one article only a repeat (an embedded post and
				// its paraphrase) is the same statement.
				same = d >= 0.7
			}
			if same {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]*quoteRef{}
	firstOf := map[int]int{}
	var roots []int
	for i, r := range refs {
		root := find(i)
		if _, ok := groups[root]; !ok {
			roots = append(roots, root)
			firstOf[root] = i
		}
		groups[root] = append(groups[root], r)
	}

	type speakerAcc struct {
		sq      parallax.SpeakerQuotes
		outlets map[string]bool
		first   int
	}
	accs := map[int]*speakerAcc{}
	var order []int
	for _, root := range roots {
		g := groups[root]
		who := -1
		votes := map[int]int{}
		for _, r := range g {
			if r.person >= 0 {
				votes[r.person]++
				if who < 0 || votes[r.person] > votes[who] {
					who = r.person
				}
			}
		}
		acc, ok := accs[who]
		if !ok {
			acc = &speakerAcc{outlets: map[string]bool{}, first: firstOf[root]}
			if who >= 0 {
				acc.sq = people[who].info
			}
			accs[who] = acc
			order = append(order, who)
		}
		st := parallax.Statement{Text: longestQuote(g)}
		for _, r := range g {
			o := b.arts[r.art].outlet
			if !slices.Contains(st.Outlets, o) {
				st.Outlets = append(st.Outlets, o)
			}
			acc.outlets[o] = true
			var ev parallax.Evidence
			if r.post >= 0 {
				ev = b.postEvidence(r.art, r.post)
			} else {
				mention := parallax.Span{Start: r.q.Start, End: r.q.End}
				ev = b.evidence(r.sent, &mention)
			}
			st.Quotes = append(st.Quotes, parallax.QuoteItem{
				Text: r.q.Text, Direct: r.q.Direct, Medium: r.medium, Verb: r.q.Verb,
				Speaker: r.speaker, Evidence: ev,
			})
		}
		acc.sq.Statements = append(acc.sq.Statements, st)
	}
	var out []parallax.SpeakerQuotes
	slices.SortStableFunc(order, func(x, y int) int {
		ax, ay := accs[x], accs[y]
		if (x < 0) != (y < 0) {
			if x < 0 {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(len(ay.outlets), len(ax.outlets)); c != 0 {
			return c
		}
		if c := cmp.Compare(len(ay.sq.Statements), len(ax.sq.Statements)); c != 0 {
			return c
		}
		return cmp.Compare(ax.first, ay.first)
	})
	for _, who := range order {
		sq := accs[who].sq
		slices.SortStableFunc(sq.Statements, func(x, y parallax.Statement) int { return cmp.Compare(len(y.Outlets), len(x.Outlets)) })
		out = append(out, sq)
	}
	return out
}

type person struct {
	info  parallax.SpeakerQuotes
	names map[string]int
}

// mergeSpeakers clusters the quotes' speaker names into people and sets
// each quote's person.
func mergeSpeakers(refs []*quoteRef) []*person {
	var people []*person
	jw := metrics.NewJaroWinkler()
	jw.CaseSensitive = false
	exact := map[string]int{}
	for _, r := range refs {
		if r.speaker == "" {
			continue
		}
		found := -1
		if pi, ok := exact[r.speaker]; ok && (r.q.Speaker.ID == "" || people[pi].info.ID == "" || people[pi].info.ID == r.q.Speaker.ID) {
			found = pi
		}
		for pi, p := range people {
			if found >= 0 {
				break
			}
			if r.q.Speaker.ID != "" && p.info.ID == r.q.Speaker.ID {
				found = pi
				break
			}
			for n := range p.names {
				if sameName(jw, n, r.speaker) {
					found = pi
					break
				}
			}
			if found >= 0 {
				break
			}
		}
		if found < 0 {
			found = len(people)
			people = append(people, &person{info: parallax.SpeakerQuotes{ID: r.q.Speaker.ID}, names: map[string]int{}})
		}
		p := people[found]
		exact[r.speaker] = found
		p.names[r.speaker]++
		if p.info.ID == "" {
			p.info.ID = r.q.Speaker.ID
		}
		r.person = found
	}
	for _, p := range people {
		var names []string
		for n := range p.names {
			names = append(names, n)
		}
		// The display name is the fullest, most used variant.
		slices.SortFunc(names, func(x, y string) int {
			if c := cmp.Compare(len(strings.Fields(y)), len(strings.Fields(x))); c != 0 {
				return c
			}
			if c := cmp.Compare(p.names[y], p.names[x]); c != 0 {
				return c
			}
			return strings.Compare(x, y)
		})
		p.info.Speaker = names[0]
		p.info.Variants = distinctSurnames(names)
	}
	return people
}

// distinctSurnames returns the names whose spelling differs beyond a
// missing first name, so that "Polyanskiy" and "Dmitry Polyansky" both
// show while "Zakharova" next to "Maria Zakharova" does not.
func distinctSurnames(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		f := strings.Fields(n)
		last := strings.ToLower(f[len(f)-1])
		if !seen[last] {
			seen[last] = true
			out = append(out, n)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// sameName reports whether two names written by different outlets name
// the same person: nearly the same surname and no differing first name.
func sameName(jw *metrics.JaroWinkler, x, y string) bool {
	fx, fy := nameTokens(x), nameTokens(y)
	if len(fx) == 0 || len(fy) == 0 {
		return false
	}
	lx, ly := fx[len(fx)-1], fy[len(fy)-1]
	if lx != ly {
		if utf8.RuneCountInString(lx) < 5 || utf8.RuneCountInString(ly) < 5 || jw.Compare(lx, ly) < 0.9 {
			return false
		}
	}
	if len(fx) > 1 && len(fy) > 1 {
		a, c := fx[0], fy[0]
		if a != c && !(strings.HasPrefix(a, c[:1]) && (len(a) == 1 || len(c) == 1)) && jw.Compare(a, c) < 0.85 {
			return false
		}
	}
	return true
}

// nameTokens folds a name to lower-case tokens without particles
// ("al-Awadi" → "awadi").
func nameTokens(n string) []string {
	var out []string
	for _, f := range strings.Fields(strings.ToLower(n)) {
		f = strings.Trim(f, ".,'’\"")
		for _, p := range []string{"al-", "el-", "ad-", "as-", "an-", "at-"} {
			f = strings.TrimPrefix(f, p)
		}
		if f != "" && !nameParticles[f] {
			out = append(out, f)
		}
	}
	return out
}

// nameParticles are the lower-case parts of surnames ("Van Rompuy", "de
// Villepin") that outlets drop or keep, so that they do not count as a
// first name.
var nameParticles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "la": true,
	"le": true, "al": true, "el": true, "bin": true, "ibn": true, "da": true, "di": true, "du": true, "dos": true}

// cleanSpeaker drops the sentence openers a speaker name may have been
// read with ("But witnesses").
func cleanSpeaker(n string) string {
	f := strings.Fields(n)
	for len(f) > 1 && openers[strings.ToLower(f[0])] {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

func dice(x, y map[string]bool) float64 {
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	n := 0
	for k := range x {
		if y[k] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(x)+len(y))
}

// truncated reports whether a quote ends cut short with an ellipsis.
func truncated(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "…") || strings.HasSuffix(s, "...")
}

// truncatedMatch reports whether one quote is the start of the other cut
// short with an ellipsis, as embedded posts are.
func truncatedMatch(x, y string) bool {
	for _, p := range [][2]string{{x, y}, {y, x}} {
		short, long := strings.TrimSpace(p[0]), p[1]
		cut := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(short, "…"), "..."), " ")
		if cut == short || len(cut) < 20 {
			continue
		}
		if strings.HasPrefix(normalizeQuote(long), normalizeQuote(cut)) {
			return true
		}
	}
	return false
}

func normalizeQuote(s string) string {
	return parallax.NormalizeForID(s)
}

func longestQuote(g []*quoteRef) string {
	best := ""
	for _, r := range g {
		if len(r.q.Text) > len(best) && !strings.HasSuffix(r.q.Text, "…") {
			best = r.q.Text
		}
	}
	if best == "" {
		best = g[0].q.Text
	}
	return best
}

var mediumPatterns = []struct {
	re     *regexp.Regexp
	medium string
}{
	{regexp.MustCompile(`(?i)\b(?:on|via|in a post on) (?:X|Twitter)\b|\btweet(?:ed)?\b|pic\.twitter\.com`), "X"},
	{regexp.MustCompile(`(?i)\bTelegram\b`), "Telegram"},
	{regexp.MustCompile(`(?i)\bFacebook\b`), "Facebook"},
	{regexp.MustCompile(`(?i)\bin an interview\b|\btold (?:reporters|journalists)\b`), "interview"},
	{regexp.MustCompile(`(?i)\b(?:in a|the) (?:written )?statement\b|\bpress release\b`), "statement"},
}

// quoteMedium returns where a statement was made: the extractor's medium,
// the platform of the embedded post it is, or a medium the sentence names
// ("said on X", "a message published on the Telegram channel").
func quoteMedium(a *parallax.Article, q parallax.Quote, sentence string) string {
	if q.Medium != "" {
		return q.Medium
	}
	if q.Post >= 0 && q.Post < len(a.Posts) && a.Posts[q.Post].Platform != "" &&
		strings.Contains(a.Posts[q.Post].Text, strings.TrimSuffix(q.Text, "…")) {
		return a.Posts[q.Post].Platform
	}
	if !mediumHint.MatchString(sentence) {
		return ""
	}
	for _, m := range mediumPatterns {
		if m.re.MatchString(sentence) {
			return m.medium
		}
	}
	return ""
}

// mediumHint is a cheap literal test run before the medium patterns.
var mediumHint = regexp.MustCompile(`X|Twitter|tweet|twitter|Telegram|Facebook|interview|told|statement|release`)

// isPost reports whether a quote is an embedded post kept apart from the
// article's text.
func isPost(a *parallax.Article, q parallax.Quote) bool {
	return q.Post >= 0 && q.Post < len(a.Posts) && q.Start == 0 && q.End == 0
}

// postEvidence points to an embedded post of an article.
func (b *Builder) postEvidence(ai, post int) parallax.Evidence {
	a := b.arts[ai].a
	p := post
	return parallax.Evidence{ArticleID: a.ID, Outlet: b.arts[ai].outlet, Sentence: a.Posts[post].Text, Post: &p}
}
