package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/parallax-news/parallax"
)

// GoldQuote is an annotated quote with its speaker.
type GoldQuote struct {
	Start, End int // byte offsets of the quoted content
	Text       string
	Direct     bool
	// Speakers are the annotated speaker mentions (several when the
	// annotation links a quote to more than one mention of its speaker);
	// SpeakerNames are speaker names given as attribute values or notes.
	Speakers     []BratSpan
	SpeakerNames []string
}

// HasSpeaker reports whether the annotation names a speaker.
func (g GoldQuote) HasSpeaker() bool { return len(g.Speakers) > 0 || len(g.SpeakerNames) > 0 }

// Brat annotation types read as quotes and speakers, lower-cased. Other
// types (cues, entities of other kinds) are ignored.
var (
	bratDirect   = map[string]bool{"quote": true, "directquote": true, "direct": true, "quotation": true, "direct_quote": true, "direct-quote": true}
	bratReported = map[string]bool{"indirectquote": true, "indirect": true, "reported": true, "reportedspeech": true,
		"reported_speech": true, "indirect_quote": true, "indirect-quote": true, "paraphrase": true, "content": true}
	bratSpeaker = map[string]bool{"speaker": true, "person": true, "per": true, "source": true, "organization": true,
		"organisation": true, "org": true, "attributor": true, "entity": true, "character": true}
)

// BratQuotes reads the quotes of a brat document. It accepts these
// conventions, which cover the common quote-annotation schemes:
//
//   - Quotes are T annotations of type Quote, DirectQuote, Direct or
//     Quotation (direct) and IndirectQuote, Indirect, Reported,
//     ReportedSpeech, Paraphrase or Content (reported speech), any case.
//     An attribute Direct or Indirect on a quote (A1 Direct T1, A1 Type
//     T1 Indirect, A1 Direct T1 false) overrides its type.
//   - Speakers are T annotations of type Speaker, Person, PER, Source,
//     Organization, ORG, Attributor, Entity or Character.
//   - A quote is linked to its speaker by an R relation of any type
//     whose arguments are a quote and a speaker, in either order; or by an
//     attribute whose value is a speaker's id (A1 Speaker T1 T5) or a name
//     (A1 Speaker T1 Maria_Zakharova, underscores read as spaces); or by
//     an annotator note on the quote ("#1 AnnotatorNotes T1 speaker: Maria
//     Zakharova", or just the name).
func BratQuotes(d *BratDoc) []GoldQuote {
	idx := map[string]int{}
	var out []GoldQuote
	for _, s := range d.Spans {
		t := strings.ToLower(s.Type)
		if !bratDirect[t] && !bratReported[t] {
			continue
		}
		idx[s.ID] = len(out)
		out = append(out, GoldQuote{Start: s.Start, End: s.End, Text: d.Text[s.Start:s.End], Direct: bratDirect[t]})
	}
	isSpeaker := func(id string) *BratSpan {
		s := d.Span(id)
		if s == nil || !bratSpeaker[strings.ToLower(s.Type)] {
			return nil
		}
		return s
	}
	for _, r := range d.Relations {
		q, sp := r.Arg1, r.Arg2
		if _, ok := idx[q]; !ok {
			q, sp = sp, q
		}
		i, ok := idx[q]
		if !ok {
			continue
		}
		if s := isSpeaker(sp); s != nil {
			out[i].Speakers = append(out[i].Speakers, *s)
		}
	}
	for _, a := range d.Attributes {
		i, ok := idx[a.Target]
		if !ok {
			continue
		}
		name, val := strings.ToLower(a.Name), strings.ToLower(a.Value)
		switch {
		case name == "direct":
			out[i].Direct = val != "false" && val != "no" && val != "0"
		case name == "indirect":
			out[i].Direct = val == "false" || val == "no" || val == "0"
		case name == "type" && (bratDirect[val] || bratReported[val]):
			out[i].Direct = bratDirect[val]
		case name == "speaker" || name == "source" || name == "attribution":
			if s := isSpeaker(a.Value); s != nil {
				out[i].Speakers = append(out[i].Speakers, *s)
			} else if a.Value != "" {
				out[i].SpeakerNames = append(out[i].SpeakerNames, strings.ReplaceAll(a.Value, "_", " "))
			}
		}
	}
	for _, n := range d.Notes {
		i, ok := idx[n.Target]
		if !ok || out[i].HasSpeaker() {
			continue
		}
		text := strings.TrimSpace(n.Text)
		if k := strings.Index(strings.ToLower(text), "speaker:"); k >= 0 {
			text = strings.TrimSpace(text[k+len("speaker:"):])
		}
		if text != "" {
			out[i].SpeakerNames = append(out[i].SpeakerNames, text)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// QuoteScore accumulates the quote evaluation over documents.
//
// Quotes are matched one to one, closest first, when their spans
// overlap at all: the boundaries of a quote (a trailing comma inside the
// marks, where reported content begins) are a matter of convention, while
// finding the quote and its speaker is what matters. Byte overlap is
// scored too, for the boundaries.
type QuoteScore struct {
	Docs int
	// All quotes, matched regardless of type.
	Gold, System, Matched int
	// Direct quotes and reported speech, each matched within its type.
	GoldDirect, SystemDirect, MatchedDirect       int
	GoldReported, SystemReported, MatchedReported int
	// Bytes of gold quotes, of system quotes and of their overlap.
	GoldBytes, SystemBytes, OverlapBytes int
	// Speakers of gold direct quotes that name one: judged are those
	// matched by a system quote, right those whose speaker is right.
	SpeakerGold, SpeakerJudged, SpeakerRight int
	// Speakers of all matched quotes, reported speech included.
	SpeakerJudgedAll, SpeakerRightAll int
	// Errors lists the misses, false alarms and wrong speakers when
	// Verbose is set.
	Verbose bool
	Errors  []string
}

// Add scores the system quotes sys of text against the gold quotes of
// one document named name.
func (s *QuoteScore) Add(name, text string, gold []GoldQuote, sys []parallax.Quote) {
	s.Docs++
	s.Gold += len(gold)
	s.System += len(sys)
	for _, g := range gold {
		s.GoldBytes += g.End - g.Start
		if g.Direct {
			s.GoldDirect++
			if g.HasSpeaker() {
				s.SpeakerGold++
			}
		} else {
			s.GoldReported++
		}
	}
	for _, q := range sys {
		if q.End > q.Start && q.End <= len(text) {
			s.SystemBytes += q.End - q.Start
		}
		if q.Direct {
			s.SystemDirect++
		} else {
			s.SystemReported++
		}
	}
	// Byte overlap: the union of gold bytes against the union of system bytes.
	inGold := make([]bool, len(text))
	for _, g := range gold {
		for b := max(g.Start, 0); b < g.End && b < len(text); b++ {
			inGold[b] = true
		}
	}
	seen := make([]bool, len(text))
	for _, q := range sys {
		for b := max(q.Start, 0); b < q.End && b < len(text); b++ {
			if inGold[b] && !seen[b] {
				s.OverlapBytes++
			}
			seen[b] = true
		}
	}
	pairs := match(gold, sys, func(g GoldQuote, q parallax.Quote) bool { return true })
	s.Matched += len(pairs)
	for _, p := range pairs {
		g, q := gold[p[0]], sys[p[1]]
		if !g.HasSpeaker() {
			continue
		}
		right := SpeakerMatches(text, g, q.Speaker)
		s.SpeakerJudgedAll++
		if right {
			s.SpeakerRightAll++
		}
	}
	dpairs := match(gold, sys, func(g GoldQuote, q parallax.Quote) bool { return g.Direct && q.Direct })
	s.MatchedDirect += len(dpairs)
	matchedGold := map[int]bool{}
	for _, p := range dpairs {
		g, q := gold[p[0]], sys[p[1]]
		matchedGold[p[0]] = true
		if !g.HasSpeaker() {
			continue
		}
		s.SpeakerJudged++
		if SpeakerMatches(text, g, q.Speaker) {
			s.SpeakerRight++
		} else if s.Verbose {
			s.Errors = append(s.Errors, fmt.Sprintf("%s: speaker of %q: got %q (%s), want %s", name, short(spanText(text, g.Start, g.End, g.Text)), q.Speaker.Text, q.Speaker.Name, goldSpeaker(g)))
		}
	}
	rpairs := match(gold, sys, func(g GoldQuote, q parallax.Quote) bool { return !g.Direct && !q.Direct })
	s.MatchedReported += len(rpairs)
	if s.Verbose {
		for _, p := range rpairs {
			g, q := gold[p[0]], sys[p[1]]
			if g.HasSpeaker() && !SpeakerMatches(text, g, q.Speaker) {
				s.Errors = append(s.Errors, fmt.Sprintf("%s: speaker of reported %q: got %q (%s), want %s", name, short(spanText(text, g.Start, g.End, g.Text)), q.Speaker.Text, q.Speaker.Name, goldSpeaker(g)))
			}
		}
	}
	if s.Verbose {
		matchedSys := map[int]bool{}
		for _, p := range append(dpairs, rpairs...) {
			matchedGold[p[0]] = true
			matchedSys[p[1]] = true
		}
		for i, g := range gold {
			if !matchedGold[i] {
				kind := "reported"
				if g.Direct {
					kind = "direct"
				}
				s.Errors = append(s.Errors, fmt.Sprintf("%s: missed %s quote %q (%s)", name, kind, short(spanText(text, g.Start, g.End, g.Text)), goldSpeaker(g)))
			}
		}
		for j, q := range sys {
			if !matchedSys[j] {
				kind := "reported"
				if q.Direct {
					kind = "direct"
				}
				s.Errors = append(s.Errors, fmt.Sprintf("%s: extra %s quote %q (%s)", name, kind, short(spanText(text, q.Start, q.End, q.Text)), q.Speaker.Text))
			}
		}
	}
}

// spanText returns text[start:end], or alt when the span does not fit.
func spanText(text string, start, end int, alt string) string {
	if alt != "" || start < 0 || end > len(text) || start >= end {
		return alt
	}
	return text[start:end]
}

func goldSpeaker(g GoldQuote) string {
	var names []string
	for _, s := range g.Speakers {
		names = append(names, s.Text)
	}
	names = append(names, g.SpeakerNames...)
	if len(names) == 0 {
		return "no speaker"
	}
	return strings.Join(names, " / ")
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 70 {
		return string(r[:40]) + " … " + string(r[len(r)-25:])
	}
	return s
}

// match pairs gold and system quotes one to one, largest overlap (as a
// share of the pair's union) first,
// among the pairs ok accepts.
func match(gold []GoldQuote, sys []parallax.Quote, ok func(GoldQuote, parallax.Quote) bool) [][2]int {
	type cand struct {
		g, s int
		ov   float64
	}
	var cs []cand
	for i, g := range gold {
		for j, q := range sys {
			if !ok(g, q) {
				continue
			}
			if ov := min(g.End, q.End) - max(g.Start, q.Start); ov > 0 {
				union := max(g.End, q.End) - min(g.Start, q.Start)
				cs = append(cs, cand{i, j, float64(ov) / float64(union)})
			}
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].ov > cs[b].ov })
	usedG, usedS := map[int]bool{}, map[int]bool{}
	var out [][2]int
	for _, c := range cs {
		if usedG[c.g] || usedS[c.s] {
			continue
		}
		usedG[c.g], usedS[c.s] = true, true
		out = append(out, [2]int{c.g, c.s})
	}
	return out
}

// SpeakerMatches reports whether a system speaker is the gold speaker of
// g: its mention overlaps an annotated speaker mention, or its resolved
// name or its text matches an annotated speaker's name (see SameName).
func SpeakerMatches(text string, g GoldQuote, sp parallax.Speaker) bool {
	if sp.Text == "" && sp.Name == "" {
		return false
	}
	var names []string
	for _, s := range g.Speakers {
		if sp.End > sp.Start && sp.Start < s.End && s.Start < sp.End {
			return true
		}
		names = append(names, s.Text)
	}
	names = append(names, g.SpeakerNames...)
	for _, n := range names {
		if SameName(n, sp.Name) || SameName(n, sp.Text) {
			return true
		}
	}
	return false
}

// SameName reports whether two names plausibly name the same speaker:
// after folding case, accents, articles, possessives and Arabic article
// prefixes, one name's words contain the other's, last word included
// ("Zakharova" and "Maria Zakharova"; "the ministry" and "Russian Foreign
// Ministry" do not match, since "the ministry" has no name to compare).
func SameName(a, b string) bool {
	wa, wb := nameWords(a), nameWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	set := map[string]bool{}
	for _, w := range wb {
		set[w] = true
	}
	for _, w := range wa {
		if !set[w] {
			return false
		}
	}
	// The shorter name's last word must be the longer one's last word or
	// the whole of a one-word name must be a name, not a role noun.
	return wa[len(wa)-1] == wb[len(wb)-1] || len(wa) > 1
}

func nameWords(s string) []string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’':
			b.WriteRune('\'')
		default:
			b.WriteByte(' ')
		}
	}
	var out []string
	for _, w := range strings.Fields(b.String()) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
		for _, p := range []string{"al'", "el'"} {
			w = strings.TrimPrefix(w, p)
		}
		switch w {
		case "the", "a", "an", "al", "el", "of", "mr", "mrs", "ms", "dr", "":
			continue
		}
		// Transliteration: Polyanskiy and Polyansky.
		if strings.HasSuffix(w, "iy") {
			w = w[:len(w)-2] + "y"
		}
		out = append(out, w)
	}
	return out
}

// P returns the precision of the overlap match of all quotes.
func (s *QuoteScore) P() float64 { return quoteRatio(s.Matched, s.System) }

// R returns the recall of the overlap match of all quotes.
func (s *QuoteScore) R() float64 { return quoteRatio(s.Matched, s.Gold) }

// F1 returns the harmonic mean of P and R.
func (s *QuoteScore) F1() float64 { return quoteF1(s.P(), s.R()) }

// SpeakerAccuracy returns the share of matched gold direct quotes with a
// speaker whose speaker the system got right.
func (s *QuoteScore) SpeakerAccuracy() float64 { return quoteRatio(s.SpeakerRight, s.SpeakerJudged) }

func quoteRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func quoteF1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Write prints the scores as a table.
func (s *QuoteScore) Write(w io.Writer) {
	row := func(name string, m, sys, gold int) {
		p, r := quoteRatio(m, sys), quoteRatio(m, gold)
		fmt.Fprintf(w, "%-26s %5d %5d %5d   %.3f  %.3f  %.3f\n", name, gold, sys, m, p, r, quoteF1(p, r))
	}
	fmt.Fprintf(w, "documents: %d\n", s.Docs)
	fmt.Fprintf(w, "%-26s %5s %5s %5s   %-5s  %-5s  %-5s\n", "quotes (span overlap)", "gold", "sys", "match", "P", "R", "F1")
	row("all", s.Matched, s.System, s.Gold)
	row("direct", s.MatchedDirect, s.SystemDirect, s.GoldDirect)
	row("reported", s.MatchedReported, s.SystemReported, s.GoldReported)
	bp, br := quoteRatio(s.OverlapBytes, s.SystemBytes), quoteRatio(s.OverlapBytes, s.GoldBytes)
	fmt.Fprintf(w, "%-26s %5s %5s %5s   %.3f  %.3f  %.3f\n", "bytes", "", "", "", bp, br, quoteF1(bp, br))
	fmt.Fprintf(w, "speaker accuracy, matched direct quotes: %d/%d = %.3f\n", s.SpeakerRight, s.SpeakerJudged, quoteRatio(s.SpeakerRight, s.SpeakerJudged))
	fmt.Fprintf(w, "speaker accuracy, all gold direct quotes: %d/%d = %.3f\n", s.SpeakerRight, s.SpeakerGold, quoteRatio(s.SpeakerRight, s.SpeakerGold))
	fmt.Fprintf(w, "speaker accuracy, all matched quotes:     %d/%d = %.3f\n", s.SpeakerRightAll, s.SpeakerJudgedAll, quoteRatio(s.SpeakerRightAll, s.SpeakerJudgedAll))
	for _, e := range s.Errors {
		fmt.Fprintln(w, "  "+e)
	}
}
