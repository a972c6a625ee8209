package dossier

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// related lists the nearest similar-but-different events the caller
// supplied, most similar first.
func (b *Builder) related() []parallax.RelatedEvent {
	var out []parallax.RelatedEvent
	for _, c := range b.opts.Related {
		if c.Event == nil || b.event != nil && c.Event.ID == b.event.ID {
			continue
		}
		out = append(out, parallax.RelatedEvent{
			EventID: c.Event.ID, Title: c.Event.Title, First: c.Event.First, Last: c.Event.Last,
			Articles: c.Event.Articles, Score: c.Score,
		})
	}
	slices.SortStableFunc(out, func(x, y parallax.RelatedEvent) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		return strings.Compare(x.EventID, y.EventID)
	})
	if len(out) > b.opts.maxRelated() {
		out = out[:b.opts.maxRelated()]
	}
	return out
}

// recycledContainment is the share of an article's passages that must be
// found in an earlier article for it to be marked a near-duplicate.
const recycledContainment = 0.6

// recycled marks articles that may be old stories republished, only on
// evidence: an article published long before whose text the member nearly
// repeats, or dates in the member's text that all lie long before its
// publication date.
func (b *Builder) recycled(order []int) []parallax.RecycledMark {
	var earlier []*parallax.Article
	earlier = append(earlier, b.opts.Earlier...)
	for _, c := range b.opts.Related {
		earlier = append(earlier, c.Articles...)
	}
	type shingled struct {
		a   *parallax.Article
		set map[uint64]bool
	}
	var olds []shingled
	seenID := map[string]bool{}
	for _, st := range b.arts {
		seenID[st.a.ID] = true
	}
	for _, e := range earlier {
		if e == nil || e.Published.IsZero() || seenID[e.ID] && e.ID != "" {
			continue
		}
		seenID[e.ID] = true
		olds = append(olds, shingled{e, shingleSet(e.Text)})
	}
	var out []parallax.RecycledMark
	for _, ai := range order {
		a := b.arts[ai].a
		if a.Published.IsZero() {
			continue
		}
		mine := b.arts[ai].shingleSet
		marked := false
		if len(mine) >= 20 {
			var best *parallax.Article
			bestC := 0.0
			for _, o := range olds {
				if o.a == a || o.a.ID == a.ID || a.Published.Sub(o.a.Published) < b.opts.recycledAfter() {
					continue
				}
				n := 0
				for s := range mine {
					if o.set[s] {
						n++
					}
				}
				if c := float64(n) / float64(len(mine)); c > bestC {
					best, bestC = o.a, c
				}
			}
			// Members may also repeat a much older member.
			for _, oi := range order {
				o := b.arts[oi].a
				if oi == ai || o.Published.IsZero() || a.Published.Sub(o.Published) < b.opts.recycledAfter() {
					continue
				}
				if c := b.containment(oi, ai); c > bestC {
					best, bestC = o, c
				}
			}
			if best != nil && bestC >= recycledContainment {
				out = append(out, parallax.RecycledMark{
					ArticleID: a.ID, Outlet: b.arts[ai].outlet, Published: a.Published, Kind: parallax.RecycledDuplicate,
					Reason: fmt.Sprintf("%s of its text repeats %s (%s) published %s, %s earlier",
						percent(bestC), best.OutletName(), best.ID, best.Published.Format("2006-01-02"), ago(a.Published.Sub(best.Published))),
					Original: best.ID, OriginalPublished: best.Published, Similarity: round2(bestC),
				})
				marked = true
			}
		}
		if !marked {
			if m, ok := b.oldDates(ai); ok {
				out = append(out, m)
			}
		}
	}
	return out
}

// oldDates marks an article whose explicitly dated happenings (a written
// year with a month and day) all lie more than a year before its
// publication date, with at least two of them: a report of last year's
// news under this year's date. Relative dates ("on Saturday") are left
// out, as they are resolved against the publication date itself.
func (b *Builder) oldDates(ai int) (parallax.RecycledMark, bool) {
	a := b.arts[ai].a
	if a.Extraction == nil {
		return parallax.RecycledMark{}, false
	}
	var ev []parallax.Evidence
	var latest time.Time
	for _, t := range a.Extraction.Times {
		m := dayValue.FindStringSubmatch(t.Value)
		if m == nil || (t.Type != "DATE" && t.Type != "TIME") || !strings.Contains(t.Text, m[1][:4]) {
			continue
		}
		d, err := time.Parse("2006-01-02", m[1])
		if err != nil {
			continue
		}
		if d.After(latest) {
			latest = d
		}
		if s := b.sentenceOf(ai, t.Start); s != nil && s.content >= 4 {
			mention := parallax.Span{Start: t.Start, End: t.End}
			ev = append(ev, b.evidence(s, &mention))
		}
	}
	if len(ev) < 2 || a.Published.Sub(latest) < 365*24*time.Hour {
		return parallax.RecycledMark{}, false
	}
	return parallax.RecycledMark{
		ArticleID: a.ID, Outlet: b.arts[ai].outlet, Published: a.Published, Kind: parallax.RecycledDates,
		Reason: fmt.Sprintf("the latest date its text gives is %s, %s before its stated publication date %s",
			latest.Format("2006-01-02"), ago(a.Published.Sub(latest)), a.Published.Format("2006-01-02")),
		Evidence: ev,
	}, true
}

func ago(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days >= 730:
		return fmt.Sprintf("%d years", days/365)
	case days >= 60:
		return fmt.Sprintf("%d months", days/30)
	}
	return fmt.Sprintf("%d days", days)
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// shingleSet returns the hashed five-word shingles of a text.
func shingleSet(text string) map[uint64]bool {
	return shingles(words(text, 0, len(text), "x"))
}
