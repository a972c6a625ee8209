package eval

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// TimexDoc is one document annotated with time expressions, from a
// TimeML or MEANTIME file.
type TimexDoc struct {
	// Name identifies the document (its file path); Corpus groups scores.
	Name   string
	Corpus string
	// Text is the document text the gold spans index into.
	Text string
	// DCT is the document creation time, the anchor of relative
	// expressions; zero when the file gives none.
	DCT  time.Time
	Gold []GoldTimex
	// Annotated is the byte offset where the annotated part of Text ends;
	// system output beyond it cannot be scored (0: the whole text).
	Annotated int
	// Values are the document's number markables (MEANTIME VALUE:
	// quantities, money, percentages), for scoring quantities.
	Values []GoldValue
}

// GoldTimex is one annotated time expression; Start and End are byte
// offsets into the document text.
type GoldTimex struct {
	Start, End int
	Text       string
	Type       string
	Value      string
	// DCT marks the expression that states the creation time.
	DCT bool
}

// GoldValue is one annotated number (MEANTIME VALUE markable); Type is
// QUANTITY, MONEY or PERCENT.
type GoldValue struct {
	Start, End int
	Text       string
	Type       string
}

// mtDoc mirrors what the time evaluation needs of a MEANTIME file.
type mtDoc struct {
	XMLName xml.Name `xml:"Document"`
	Name    string   `xml:"doc_name,attr"`
	Tokens  []struct {
		ID   string `xml:"t_id,attr"`
		Sent int    `xml:"sentence,attr"`
		Text string `xml:",chardata"`
	} `xml:"token"`
	Markables struct {
		Timex []struct {
			Type     string `xml:"type,attr"`
			Value    string `xml:"value,attr"`
			Function string `xml:"functionInDocument,attr"`
			Anchors  []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"TIMEX3"`
		Values []struct {
			Type    string `xml:"type,attr"`
			Anchors []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"VALUE"`
	} `xml:"Markables"`
}

// ReadMeantimeTimex reads one MEANTIME XML file (NewsReader CAT format).
// The text is rebuilt from the tokens, one sentence per line, without
// spaces before closing punctuation, so that extractors see ordinary
// text; gold spans run from the first to the last token of each markable.
// The DCT is the TIMEX3 whose functionInDocument is CREATION_TIME; since
// MEANTIME anchors it to the date line of the text, it is also a gold
// expression, marked DCT. Markables without tokens (implicit times) are
// skipped.
//
// MEANTIME annotates time expressions only in the first sentences of each
// article (title, date line and the first four sentences of the body: in
// the English section no TIMEX3 lies beyond sentence 5), so Annotated is
// set to the end of sentence meantimeTimexSentences-1.
func ReadMeantimeTimex(r io.Reader, name string) (*TimexDoc, error) {
	var d mtDoc
	dec := xml.NewDecoder(r)
	dec.Strict = false
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("read meantime %s: %w", name, err)
	}
	doc := &TimexDoc{Name: name}
	type span struct{ start, end int }
	pos := make(map[string]span, len(d.Tokens))
	var b strings.Builder
	prevSent := -1
	annotated := 0
	noSpace := true
	quoteOpen := false
	for _, t := range d.Tokens {
		text := t.Text
		switch text {
		case "``", "''":
			text = "\""
		}
		if t.Sent != prevSent && prevSent >= 0 {
			b.WriteByte('\n')
			noSpace = true
			quoteOpen = false
		}
		prevSent = t.Sent
		attach := noSpace
		switch text {
		case ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'re", "'ve", "'ll", "'d", "'m", "...":
			attach = true
		case "\"":
			if quoteOpen {
				attach = true
			}
		}
		if !attach {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(text)
		pos[t.ID] = span{start, b.Len()}
		if t.Sent < meantimeTimexSentences {
			annotated = b.Len()
		}
		noSpace = text == "(" || text == "[" || text == "{" || text == "$" || text == "US$" || (text == "\"" && !quoteOpen)
		if text == "\"" {
			quoteOpen = !quoteOpen
		}
	}
	doc.Text = b.String()
	doc.Annotated = annotated
	bounds := func(ids []string) (int, int, bool) {
		s, e, ok := 0, 0, false
		for _, id := range ids {
			p, found := pos[id]
			if !found {
				continue
			}
			if !ok || p.start < s {
				s = p.start
			}
			if !ok || p.end > e {
				e = p.end
			}
			ok = true
		}
		return s, e, ok
	}
	for _, m := range d.Markables.Timex {
		if m.Function == "CREATION_TIME" {
			if t, ok := ParseDCT(m.Value); ok {
				doc.DCT = t
			}
		}
		ids := make([]string, len(m.Anchors))
		for k, a := range m.Anchors {
			ids[k] = a.ID
		}
		s, e, ok := bounds(ids)
		if !ok {
			continue
		}
		doc.Gold = append(doc.Gold, GoldTimex{Start: s, End: e, Text: doc.Text[s:e], Type: m.Type, Value: m.Value, DCT: m.Function == "CREATION_TIME"})
	}
	for _, m := range d.Markables.Values {
		ids := make([]string, len(m.Anchors))
		for k, a := range m.Anchors {
			ids[k] = a.ID
		}
		if s, e, ok := bounds(ids); ok {
			doc.Values = append(doc.Values, GoldValue{Start: s, End: e, Text: doc.Text[s:e], Type: m.Type})
		}
	}
	sortGold(doc.Gold)
	return doc, nil
}

// meantimeTimexSentences is how many sentences (from 0) of a MEANTIME
// document carry time annotation.
const meantimeTimexSentences = 6

// InScope returns the system expressions that lie in the annotated part
// of the document.
func (d *TimexDoc) InScope(sys []parallax.Timex) []parallax.Timex {
	if d.Annotated <= 0 {
		return sys
	}
	n := 0
	for n < len(sys) && sys[n].Start < d.Annotated {
		n++
	}
	return sys[:n]
}

// ParseDCT reads a creation time as the corpora write it: 2009-06-01,
// 2009-06-01T12:00, 19980227 or, in a few MEANTIME files, 03-02-2009
// (day first).
func ParseDCT(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", "20060102", "02-01-2006", "2006-01"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	if len(v) >= 10 {
		if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func sortGold(g []GoldTimex) {
	for i := 1; i < len(g); i++ {
		for j := i; j > 0 && g[j].Start < g[j-1].Start; j-- {
			g[j], g[j-1] = g[j-1], g[j]
		}
	}
}

// ValueScore counts an evaluation of quantities against MEANTIME VALUE
// markables: spans match when they overlap, one to one; KindOK counts
// matches whose kind agrees (QUANTITY: count or measure, MONEY: money,
// PERCENT: percent).
type ValueScore struct {
	Docs, Gold, System, Matched, KindOK int
}

// ScoreValues scores one document's quantities against its VALUE
// markables, counting only quantities in the annotated part.
func ScoreValues(d *TimexDoc, sys []parallax.Quantity) ValueScore {
	if d.Annotated > 0 {
		n := 0
		for n < len(sys) && sys[n].Start < d.Annotated {
			n++
		}
		sys = sys[:n]
	}
	sc := ValueScore{Docs: 1, Gold: len(d.Values), System: len(sys)}
	used := make([]bool, len(sys))
	for _, g := range d.Values {
		for k, q := range sys {
			if used[k] || q.End <= g.Start || g.End <= q.Start {
				continue
			}
			used[k] = true
			sc.Matched++
			switch g.Type {
			case "MONEY":
				if q.Kind == "money" {
					sc.KindOK++
				}
			case "PERCENT":
				if q.Kind == "percent" {
					sc.KindOK++
				}
			default:
				if q.Kind == "count" || q.Kind == "measure" {
					sc.KindOK++
				}
			}
			break
		}
	}
	return sc
}

// Add accumulates o into s.
func (s *ValueScore) Add(o ValueScore) {
	s.Docs += o.Docs
	s.Gold += o.Gold
	s.System += o.System
	s.Matched += o.Matched
	s.KindOK += o.KindOK
}

// PRF returns span precision, recall and F1.
func (s ValueScore) PRF() (p, r, f float64) {
	p, r = frac(s.Matched, s.System), frac(s.Matched, s.Gold)
	return p, r, f1(p, r)
}

// KindAccuracy is the share of matches whose kind agrees.
func (s ValueScore) KindAccuracy() float64 { return frac(s.KindOK, s.Matched) }
