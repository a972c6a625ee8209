package eval

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract/entity"
)

// meantimeDoc mirrors the parts of a MEANTIME (NewsReader CAT) file the
// name evaluation needs.
type meantimeDoc struct {
	Name   string `xml:"doc_name,attr"`
	Tokens []struct {
		ID   string `xml:"t_id,attr"`
		Sent int    `xml:"sentence,attr"`
		Text string `xml:",chardata"`
	} `xml:"token"`
	Markables struct {
		Mentions []struct {
			ID      string `xml:"m_id,attr"`
			Syntype string `xml:"syntactic_type,attr"`
			Anchors []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"ENTITY_MENTION"`
		Entities []struct {
			ID   string `xml:"m_id,attr"`
			Type string `xml:"ent_type,attr"`
		} `xml:"ENTITY"`
	} `xml:"Markables"`
	Relations struct {
		RefersTo []struct {
			Sources []struct {
				ID string `xml:"m_id,attr"`
			} `xml:"source"`
			Target struct {
				ID string `xml:"m_id,attr"`
			} `xml:"target"`
		} `xml:"REFERS_TO"`
	} `xml:"Relations"`
}

// ReadMeantime reads one MEANTIME XML file as a NERDoc. Its gold names are
// the NAM entity mentions of PER, LOC and ORG entities. MEANTIME marks
// extended mentions ("American automobile manufacturer Chrysler LLC", "the
// United States", "U.S. President Barack Obama"), while Parallax, like
// CoNLL, marks names; each mention is therefore scored as its name core
// (see NameCore). Mentions whose core is empty are dropped. Names of other
// kinds (products, financial entities, mixed) and pre-modifier names
// (PRE.NAM, "U.S." in "U.S. automaker") become ignored spans.
//
// MEANTIME's cross-document files leave the syntactic type of many
// mentions empty, among them hundreds of bare names ("GM", "Barack
// Obama"); an untyped mention made only of capitalized words (see
// bareName) counts as a name too, else the gold would miss most of them.
func ReadMeantime(r io.Reader, name string) (NERDoc, error) {
	var d meantimeDoc
	if err := xml.NewDecoder(r).Decode(&d); err != nil {
		return NERDoc{}, fmt.Errorf("parse meantime %s: %w", name, err)
	}
	doc := NERDoc{Name: name}
	type pos struct{ sent, word int }
	at := map[string]pos{}
	sentIdx := map[int]int{}
	for _, t := range d.Tokens {
		s, ok := sentIdx[t.Sent]
		if !ok {
			s = len(doc.Sentences)
			sentIdx[t.Sent] = s
			doc.Sentences = append(doc.Sentences, nil)
		}
		w := strings.TrimSpace(t.Text)
		if w == "" {
			w = "_"
		}
		at[t.ID] = pos{s, len(doc.Sentences[s])}
		doc.Sentences[s] = append(doc.Sentences[s], w)
	}
	mentionSpan := func(as []struct {
		ID string `xml:"t_id,attr"`
	}) (NERSpan, bool) {
		if len(as) == 0 {
			return NERSpan{}, false
		}
		a, ok1 := at[as[0].ID]
		b, ok2 := at[as[len(as)-1].ID]
		if !ok1 || !ok2 || a.sent != b.sent || b.word < a.word {
			return NERSpan{}, false
		}
		return NERSpan{Sent: a.sent, Start: a.word, End: b.word + 1}, true
	}
	doc.Partial = true
	entType := map[string]string{}
	for _, e := range d.Markables.Entities {
		entType[e.ID] = e.Type
	}
	mentionType := map[string]string{}
	for _, rel := range d.Relations.RefersTo {
		for _, s := range rel.Sources {
			mentionType[s.ID] = entType[rel.Target.ID]
		}
	}
	for _, m := range d.Markables.Mentions {
		if len(m.Anchors) == 0 {
			continue
		}
		untyped := m.Syntype == ""
		if !untyped && m.Syntype != "NAM" && m.Syntype != "PRE.NAM" {
			if sp, ok := mentionSpan(m.Anchors); ok {
				doc.Annotated = append(doc.Annotated, sp)
			}
			continue
		}
		first, ok := at[m.Anchors[0].ID]
		if !ok {
			continue
		}
		last := first
		contiguous := true
		for _, a := range m.Anchors[1:] {
			p, ok := at[a.ID]
			if !ok || p.sent != first.sent || p.word != last.word+1 {
				contiguous = false
				break
			}
			last = p
		}
		if !contiguous {
			continue
		}
		typ := mentionType[m.ID]
		words := doc.Sentences[first.sent][first.word : last.word+1]
		if untyped && !bareName(words) {
			doc.Annotated = append(doc.Annotated, NERSpan{Sent: first.sent, Start: first.word, End: last.word + 1})
			continue
		}
		sp := NERSpan{Sent: first.sent, Start: first.word, End: last.word + 1, Type: typ}
		if m.Syntype == "PRE.NAM" || (typ != "PER" && typ != "LOC" && typ != "ORG") {
			doc.Ignored = append(doc.Ignored, sp)
			continue
		}
		i, j, ok := NameCore(words, typ)
		if !ok {
			continue
		}
		sp.Start, sp.End = first.word+i, first.word+j
		doc.Spans = append(doc.Spans, sp)
	}
	sort.Slice(doc.Spans, func(a, b int) bool {
		x, y := doc.Spans[a], doc.Spans[b]
		return x.Sent < y.Sent || x.Sent == y.Sent && x.Start < y.Start
	})
	return doc, nil
}

// pronouns are capitalized at a sentence start without being names.
var pronouns = map[string]bool{"He": true, "She": true, "It": true, "We": true, "They": true, "I": true,
	"You": true, "Our": true, "Their": true, "His": true, "Her": true, "Its": true, "This": true, "That": true,
	"These": true, "Those": true, "Us": true, "Them": true, "Him": true, "My": true, "Your": true, "Who": true}

// bareName reports whether an untyped mention is a name by itself: every
// word capitalized (or an inner "of", "de", "&"), no pronoun, no
// coordination or brackets.
func bareName(words []string) bool {
	if len(words) == 1 && pronouns[words[0]] {
		return false
	}
	for k, w := range words {
		if k == 0 && (w == "the" || w == "The") && len(words) > 1 {
			continue
		}
		if isCapWord(w) || (k > 0 && (w == "of" || w == "de" || w == "&" || w == "." || w == "-")) {
			continue
		}
		return false
	}
	return true
}

var connectors = map[string]bool{"of": true, "and": true, "for": true, "de": true, "du": true, "des": true,
	"la": true, "le": true, "del": true, "della": true, "van": true, "von": true, "der": true, "&": true,
	"on": true, "in": true, "the": true, "al": true, "bin": true, "ibn": true, "da": true, "di": true, "y": true}

func isCapWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// NameCore returns the words [i, j) of an annotated mention that form the
// name itself, the way CoNLL annotates names: the final run of capitalized
// words (joined by connectors such as "of" and "and", as in "Bank of
// America"), without a leading "The" and, for people, without the titles
// before the name ("U.S. President Barack Obama" → "Barack Obama"). It
// reports false when no name is left ("the northern part of the country").
// The mapping is applied alike to gold mentions of MEANTIME and re3d.
func NameCore(words []string, typ string) (int, int, bool) {
	j := len(words)
	for j > 0 && (words[j-1] == "." || words[j-1] == "," || words[j-1] == "'s" || words[j-1] == "’s" || words[j-1] == "\"") {
		j--
	}
	if j == 0 || !isCapWord(words[j-1]) {
		return 0, 0, false
	}
	i := j - 1
	for i > 0 {
		w := words[i-1]
		if isCapWord(w) || w == "-" || w == "&" || w == "." {
			i--
			continue
		}
		// A connector is part of the name only between capitalized words.
		if connectors[strings.ToLower(w)] && i-2 >= 0 && isCapWord(words[i-2]) {
			i -= 2
			continue
		}
		break
	}
	for i < j && (words[i] == "The" || words[i] == "the" || connectors[words[i]]) {
		i++
	}
	if typ == "PER" {
		// Cut everything up to the last title word; a name must remain.
		for k := j - 1; k >= i; k-- {
			if entity.IsTitleWord(words[k]) || entity.IsTitleWord(strings.TrimSuffix(words[k], ".")) {
				i = k + 1
				break
			}
		}
		for k := i; k < j; k++ {
			if strings.ToLower(words[k]) == "of" || strings.ToLower(words[k]) == "to" {
				return 0, 0, false // "Prime Minister of Canada": a title, not a name
			}
		}
	}
	if i >= j {
		return 0, 0, false
	}
	return i, j, true
}

// PRF is precision, recall and F1 with their counts.
type PRF struct {
	TP, FP, FN int
}

// P returns the precision.
func (s PRF) P() float64 { return ratio(s.TP, s.TP+s.FP) }

// R returns the recall.
func (s PRF) R() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 returns the harmonic mean of precision and recall.
func (s PRF) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// NERScore is exact-span name recognition quality, per type and micro
// averaged over PER, ORG and LOC.
type NERScore struct {
	Types map[string]*PRF
	Micro PRF
	// Unaligned counts predictions whose boundaries fall inside a gold
	// token; they count as false positives.
	Unaligned int
}

// Tagger finds names in text split into sentences, as entity.Extract does.
type Tagger func(text string, sentences []parallax.Span) []parallax.Entity

// DocText rebuilds a document's text from its tokens (words separated by
// spaces, sentences by newlines) with each word's byte offsets.
func DocText(d *NERDoc) (string, []parallax.Span, [][]parallax.Span) {
	var b strings.Builder
	sents := make([]parallax.Span, len(d.Sentences))
	offs := make([][]parallax.Span, len(d.Sentences))
	for s, words := range d.Sentences {
		if s > 0 {
			b.WriteByte('\n')
		}
		start := b.Len()
		offs[s] = make([]parallax.Span, len(words))
		for i, w := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			offs[s][i].Start = b.Len()
			b.WriteString(w)
			offs[s][i].End = b.Len()
		}
		sents[s] = parallax.Span{Start: start, End: b.Len()}
	}
	return b.String(), sents, offs
}

// ScoreNER runs tag over every document and scores exact spans and types.
// With lenient set, predictions matching an ignored span exactly are not
// counted as false positives, nor, in partially annotated documents, those
// that neither overlap a gold name nor coincide with an annotated mention
// (MEANTIME leaves most names outside its events unannotated, and names
// nested in longer mentions, "US" in "US automaker", inconsistently so). When report is not nil it receives every
// error: kind "FP" or "FN", the type and the words.
func ScoreNER(docs []NERDoc, tag Tagger, lenient bool, report func(kind, typ, words string)) NERScore {
	if report == nil {
		report = func(string, string, string) {}
	}
	sc := NERScore{Types: map[string]*PRF{"PER": {}, "ORG": {}, "LOC": {}}}
	for di := range docs {
		d := &docs[di]
		text, sents, offs := DocText(d)
		type key struct{ s, i, j int }
		startAt := map[int][2]int{}
		endAt := map[int][2]int{}
		for s := range offs {
			for i, o := range offs[s] {
				startAt[o.Start] = [2]int{s, i}
				endAt[o.End] = [2]int{s, i}
			}
		}
		gold := map[key]string{}
		for _, sp := range d.Spans {
			gold[key{sp.Sent, sp.Start, sp.End}] = sp.Type
		}
		ignored := map[key]bool{}
		for _, sp := range d.Ignored {
			ignored[key{sp.Sent, sp.Start, sp.End}] = true
		}
		// In a partially annotated document a prediction is judged when it
		// touches a gold name or coincides with an annotated mention.
		var annotated [][]bool // words inside gold names
		exactAnnotated := map[key]bool{}
		overlapsGold := map[key]bool{}
		if d.Partial {
			annotated = make([][]bool, len(d.Sentences))
			for s := range d.Sentences {
				annotated[s] = make([]bool, len(d.Sentences[s]))
			}
			for _, sp := range d.Spans {
				for i := sp.Start; i < sp.End && i < len(annotated[sp.Sent]); i++ {
					annotated[sp.Sent][i] = true
				}
			}
			for _, sp := range d.Annotated {
				exactAnnotated[key{sp.Sent, sp.Start, sp.End}] = true
			}
		}
		for _, e := range tag(text, sents) {
			t := sc.Types[e.Type]
			if t == nil {
				continue
			}
			a, ok1 := startAt[e.Start]
			b, ok2 := endAt[e.End]
			if !ok1 || !ok2 || a[0] != b[0] {
				sc.Unaligned++
				t.FP++
				report("FP", e.Type, e.Text)
				continue
			}
			k := key{a[0], a[1], b[1] + 1}
			if annotated != nil && slices.Contains(annotated[k.s][k.i:k.j], true) {
				overlapsGold[k] = true
			}
			if g, ok := gold[k]; ok && g == e.Type {
				t.TP++
				gold[k] = "" // matched
				continue
			}
			if _, isGold := gold[k]; lenient && !isGold {
				if ignored[k] {
					continue
				}
				if annotated != nil && !overlapsGold[k] && !exactAnnotated[k] {
					continue
				}
			}
			t.FP++
			report("FP", e.Type, e.Text)
		}
		for k, g := range gold {
			if g != "" {
				sc.Types[g].FN++
				report("FN", g, strings.Join(d.Sentences[k.s][k.i:k.j], " "))
			}
		}
	}
	for _, t := range sc.Types {
		sc.Micro.TP += t.TP
		sc.Micro.FP += t.FP
		sc.Micro.FN += t.FN
	}
	return sc
}

// Format writes the score as a small table.
func (s NERScore) Format(w io.Writer) {
	fmt.Fprintf(w, "%-6s %6s %6s %6s %6s %6s %6s\n", "type", "P", "R", "F1", "TP", "FP", "FN")
	for _, t := range []string{"PER", "ORG", "LOC"} {
		p := s.Types[t]
		fmt.Fprintf(w, "%-6s %6.3f %6.3f %6.3f %6d %6d %6d\n", t, p.P(), p.R(), p.F1(), p.TP, p.FP, p.FN)
	}
	m := s.Micro
	fmt.Fprintf(w, "%-6s %6.3f %6.3f %6.3f %6d %6d %6d\n", "micro", m.P(), m.R(), m.F1(), m.TP, m.FP, m.FN)
	if s.Unaligned > 0 {
		fmt.Fprintf(w, "(%s predictions did not align with gold tokens)\n", strconv.Itoa(s.Unaligned))
	}
}
