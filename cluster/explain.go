package cluster

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Outcomes of a decision.
const (
	OutcomeJoined   = "joined"   // scored at or above the threshold against an open event
	OutcomeNew      = "new"      // no open event scored high enough
	OutcomeCopy     = "copy"     // a near-duplicate of an earlier member
	OutcomeThin     = "thin"     // too little text: an event of its own
	OutcomeRestored = "restored" // rebuilt from a store by Restore, not decided here
)

// Explanation says why an article went where it went: the evidence it
// shares with its event and, for the nearest event it did not join, why
// not. It is what `parallax show EVENT --why ARTICLE` prints.
type Explanation struct {
	ArticleID string  `json:"article_id"`
	EventID   string  `json:"event_id"`
	Outcome   string  `json:"outcome"`
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	// Evidence is what the article shares with the event it joined
	// (empty for a new event).
	Evidence *Evidence `json:"evidence,omitempty"`
	// Nearest is the best-scoring open event the article did not join.
	Nearest *Rejected `json:"nearest,omitempty"`
	Notes   []string  `json:"notes,omitempty"`
}

// Evidence breaks a score down by kind. Terms, Entities and Figures are
// the shares of the cosine similarity each kind of feature contributes;
// Dates is the date evidence already multiplied by its weight, negative
// when the happenings lie far apart.
type Evidence struct {
	Terms float64 `json:"terms"`
	// Closest is the content cosine with the closest recent member,
	// weighted: a report that follows one earlier report closely.
	Closest  float64 `json:"closest"`
	Entities float64 `json:"entities"`
	Figures  float64 `json:"figures"`
	Dates    float64 `json:"dates"`
	// Names is the constant added when both sides name entities, so that
	// names present on both sides but not shared count against.
	Names float64 `json:"names,omitempty"`
	// OneSided is the constant added when only one side dates the
	// happening to the day.
	OneSided     float64        `json:"one_sided_date,omitempty"`
	SharedTerms  []Contribution `json:"shared_terms,omitempty"`
	SharedNames  []Contribution `json:"shared_entities,omitempty"`
	SharedFigure []Contribution `json:"shared_figures,omitempty"`
	// ArticleDate and EventDate are the closest pair of happening dates
	// compared, GapDays the days between them; empty when either side
	// names no date.
	ArticleDate string `json:"article_date,omitempty"`
	EventDate   string `json:"event_date,omitempty"`
	GapDays     *int   `json:"gap_days,omitempty"`
}

// Contribution is one shared feature and how much it adds to the score.
type Contribution struct {
	Feature string  `json:"feature"`
	Score   float64 `json:"score"`
}

// Rejected is an event the article did not join, with the reason.
type Rejected struct {
	EventID  string    `json:"event_id"`
	Score    float64   `json:"score"`
	Evidence *Evidence `json:"evidence"`
	Reason   string    `json:"reason"`
}

// JSON returns the explanation as JSON (for parallax.Membership.Why).
func (e *Explanation) JSON() []byte {
	b, err := json.Marshal(e)
	if err != nil {
		return nil
	}
	return b
}

// WriteText prints the explanation for people.
func (e *Explanation) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "article %s → event %s: %s\n", e.ArticleID, e.EventID, e.Outcome)
	switch e.Outcome {
	case OutcomeJoined, OutcomeCopy:
		fmt.Fprintf(&b, "score %.3f, threshold %.3f (margin %+.3f)\n", e.Score, e.Threshold, e.Score-e.Threshold)
	case OutcomeNew:
		fmt.Fprintf(&b, "no open event reached the threshold %.3f\n", e.Threshold)
	}
	if e.Evidence != nil && (e.Outcome == OutcomeJoined || e.Outcome == OutcomeCopy) {
		writeEvidence(&b, e.Evidence, "  ")
	}
	if n := e.Nearest; n != nil {
		fmt.Fprintf(&b, "nearest event not joined: %s, score %.3f — %s\n", n.EventID, n.Score, n.Reason)
		if n.Evidence != nil {
			writeEvidence(&b, n.Evidence, "  ")
		}
	}
	for _, n := range e.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeEvidence(b *strings.Builder, ev *Evidence, indent string) {
	list := func(cs []Contribution) string {
		parts := make([]string, len(cs))
		for i, c := range cs {
			parts[i] = fmt.Sprintf("%s %.3f", c.Feature, c.Score)
		}
		return strings.Join(parts, ", ")
	}
	fmt.Fprintf(b, "%sterms    %+.3f  %s\n", indent, ev.Terms, list(ev.SharedTerms))
	fmt.Fprintf(b, "%sclosest  %+.3f  (content cosine with the closest recent report)\n", indent, ev.Closest)
	fmt.Fprintf(b, "%sentities %+.3f  %s\n", indent, ev.Entities, list(ev.SharedNames))
	fmt.Fprintf(b, "%sfigures  %+.3f  %s\n", indent, ev.Figures, list(ev.SharedFigure))
	if ev.Names != 0 {
		fmt.Fprintf(b, "%snames    %+.3f  (both sides name entities: unshared names count against)\n", indent, ev.Names)
	}
	if ev.OneSided != 0 {
		fmt.Fprintf(b, "%sundated  %+.3f  (only one side dates the happening to the day)\n", indent, ev.OneSided)
	}
	if ev.GapDays != nil {
		fmt.Fprintf(b, "%sdates    %+.3f  article %s vs event %s, %d days apart\n", indent, ev.Dates, ev.ArticleDate, ev.EventDate, *ev.GapDays)
	} else {
		fmt.Fprintf(b, "%sdates    %+.3f  (no dates to compare)\n", indent, ev.Dates)
	}
}

// evidence breaks down s with the n strongest shared features per kind.
func (c *Clusterer) evidence(vec []fw, an *analysis, s *scored, n int) *Evidence {
	ev := &Evidence{Terms: round(c.cfg.CentroidWeight * s.cos[0]), Closest: round(c.cfg.MemberWeight * s.member), Entities: round(c.cfg.EntityWeight * s.cos[1]), Figures: round(c.cfg.FigureWeight * s.cos[2]),
		Dates: round(c.cfg.DateWeight * s.date)}
	if s.bothNames {
		ev.Names = round(c.cfg.NamesBias)
	}
	if s.oneSided {
		ev.OneSided = round(c.cfg.OneSidedDate)
	}
	if s.hasDate {
		g := int(s.gap)
		ev.GapDays = &g
		ev.ArticleDate = s.aDate.String()
		ev.EventDate = s.eDate.String()
	}
	e := s.ev
	scale := [3]float64{c.cfg.CentroidWeight, c.cfg.EntityWeight, c.cfg.FigureWeight}
	for k, sq := range e.sq {
		if sq > 0 {
			scale[k] /= sqrt(sq)
		} else {
			scale[k] = 0
		}
	}
	var terms, names, figs []Contribution
	dot(vec, e.cent, func(id uint32, a, b float64) {
		k := kindIndex(c.keys[id][0])
		ct := Contribution{c.featureLabel(id), a * b * scale[k]}
		switch k {
		case 1:
			names = append(names, ct)
		case 2:
			figs = append(figs, ct)
		default:
			terms = append(terms, ct)
		}
	})
	ev.SharedTerms = topContrib(terms, n)
	ev.SharedNames = topContrib(names, n)
	ev.SharedFigure = topContrib(figs, n)
	return ev
}

func topContrib(cs []Contribution, n int) []Contribution {
	slices.SortFunc(cs, func(a, b Contribution) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return strings.Compare(a.Feature, b.Feature)
	})
	// A fresh slice: the decision is kept while its event is open, and
	// must not pin every shared feature.
	cs = slices.Clone(cs[:min(n, len(cs))])
	for i := range cs {
		cs[i].Score = round(cs[i].Score)
	}
	return cs
}

// rejected explains why s's event was not joined; chosen is the event
// joined instead (nil when the article founded a new one).
func (c *Clusterer) rejected(vec []fw, an *analysis, s *scored, chosen *scored, th float64) *Rejected {
	r := &Rejected{EventID: s.ev.id, Score: round(s.total), Evidence: c.evidence(vec, an, s, 5)}
	var why []string
	if chosen != nil {
		why = append(why, fmt.Sprintf("event %s scored higher (%.3f)", chosen.ev.id, chosen.total))
	}
	if s.total < th {
		why = append(why, fmt.Sprintf("%.3f below the threshold %.3f", th-s.total, th))
	}
	if s.hasDate && s.date < 0 {
		why = append(why, fmt.Sprintf("happenings %d days apart (%s vs %s) count %.3f against it", s.gap, s.aDate, s.eDate, c.cfg.DateWeight*s.date))
	}
	if s.bothNames && s.cos[1] == 0 {
		why = append(why, "both name people, places or organizations, but none in common")
	}
	r.Reason = strings.Join(why, "; ")
	return r
}
