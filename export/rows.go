package export

import (
	"context"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// ArticleRow is one article. Times are RFC 3339 in UTC, "" when unknown.
type ArticleRow struct {
	ID            string `json:"id" parquet:"id"`
	ExternalID    string `json:"external_id" parquet:"external_id"`
	URL           string `json:"url" parquet:"url"`
	Outlet        string `json:"outlet" parquet:"outlet"`
	OutletCountry string `json:"outlet_country" parquet:"outlet_country"`
	Title         string `json:"title" parquet:"title"`
	Byline        string `json:"byline" parquet:"byline"`
	Published     string `json:"published" parquet:"published"`
	DateSource    string `json:"published_source" parquet:"published_source"`
	Language      string `json:"language" parquet:"language"`
	Agencies      string `json:"agencies" parquet:"agencies"` // "; "-separated
	EventID       string `json:"event_id" parquet:"event_id"`
	CopyOf        string `json:"copy_of" parquet:"copy_of"`
	Input         string `json:"input" parquet:"input"`
	Format        string `json:"format" parquet:"format"`
	Text          string `json:"text,omitempty" parquet:"text"`
}

func (ArticleRow) header() []string {
	return []string{"id", "external_id", "url", "outlet", "outlet_country", "title", "byline", "published", "published_source", "language", "agencies", "event_id", "copy_of", "input", "format", "text"}
}

func (r ArticleRow) record() []string {
	return []string{r.ID, r.ExternalID, r.URL, r.Outlet, r.OutletCountry, r.Title, r.Byline, r.Published, r.DateSource, r.Language, r.Agencies, r.EventID, r.CopyOf, r.Input, r.Format, r.Text}
}

func articleRow(a *parallax.Article, withText bool) ArticleRow {
	r := ArticleRow{ID: a.ID, ExternalID: a.ExternalID, URL: a.URL, Outlet: a.Outlet.Name, OutletCountry: a.Outlet.Country,
		Title: a.Title, Byline: a.Byline, Published: ts(a.Published), DateSource: string(a.PublishedSource), Language: a.Language,
		Agencies: strings.Join(a.Agencies, "; "), EventID: a.EventID, CopyOf: a.CopyOf, Input: a.Input, Format: a.Format}
	if withText {
		r.Text = a.Text
	}
	return r
}

// EventRow is one event.
type EventRow struct {
	ID        string `json:"id" parquet:"id"`
	Title     string `json:"title" parquet:"title"`
	First     string `json:"first" parquet:"first"`
	Last      string `json:"last" parquet:"last"`
	Updated   string `json:"updated" parquet:"updated"`
	Articles  int64  `json:"articles" parquet:"articles"`
	Outlets   int64  `json:"outlets" parquet:"outlets"`
	Conflicts int64  `json:"conflicts" parquet:"conflicts"`
	Closed    bool   `json:"closed" parquet:"closed"`
	Thin      bool   `json:"thin" parquet:"thin"`
	Summary   string `json:"summary" parquet:"summary"` // "; "-separated key figures
}

func (EventRow) header() []string {
	return []string{"id", "title", "first", "last", "updated", "articles", "outlets", "conflicts", "closed", "thin", "summary"}
}

func (r EventRow) record() []string {
	return []string{r.ID, r.Title, r.First, r.Last, r.Updated, itoa(r.Articles), itoa(r.Outlets), itoa(r.Conflicts), strconv.FormatBool(r.Closed), strconv.FormatBool(r.Thin), r.Summary}
}

func eventRow(e *parallax.Event) EventRow {
	return EventRow{ID: e.ID, Title: e.Title, First: ts(e.First), Last: ts(e.Last), Updated: ts(e.Updated),
		Articles: int64(e.Articles), Outlets: int64(e.Outlets), Conflicts: int64(e.Conflicts), Closed: e.Closed, Thin: e.Thin,
		Summary: strings.Join(e.Summary, "; ")}
}

// MentionRow is one extracted mention: a time, quantity, entity or quote,
// with byte offsets into its article's text.
type MentionRow struct {
	ArticleID string `json:"article_id" parquet:"article_id"`
	EventID   string `json:"event_id" parquet:"event_id"`
	Kind      string `json:"kind" parquet:"kind"` // time, quantity, entity, quote
	Start     int64  `json:"start" parquet:"start"`
	End       int64  `json:"end" parquet:"end"`
	Text      string `json:"text" parquet:"text"`
	// Type is the TIMEX3 type, the quantity kind or the entity type.
	Type string `json:"type" parquet:"type"`
	// Value is the TIMEX3 value, the number, or the entity's canonical id.
	Value string `json:"value" parquet:"value"`
	// Name is the entity's canonical name or the quote's speaker.
	Name string `json:"name" parquet:"name"`
	// Role is the quantity's role or the entity's role.
	Role string `json:"role" parquet:"role"`
}

func (MentionRow) header() []string {
	return []string{"article_id", "event_id", "kind", "start", "end", "text", "type", "value", "name", "role"}
}

func (r MentionRow) record() []string {
	return []string{r.ArticleID, r.EventID, r.Kind, itoa(r.Start), itoa(r.End), r.Text, r.Type, r.Value, r.Name, r.Role}
}

func mentionRows(a *parallax.Article) []MentionRow {
	ms := a.Extraction.Mentions()
	out := make([]MentionRow, 0, len(ms))
	for _, m := range ms {
		r := MentionRow{ArticleID: a.ID, EventID: a.EventID, Kind: m.Kind, Start: int64(m.Start), End: int64(m.End),
			Text: m.Text, Type: m.Type, Value: m.Value, Name: m.Name, Role: m.Role}
		switch m.Kind {
		case parallax.MentionQuantity:
			r.Name = "" // the unit is in the text; Name is for entities and speakers
		case parallax.MentionEntity:
			r.Value = m.EntityID
		case parallax.MentionQuote:
			r.Value, r.Role = m.EntityID, ""
		}
		out = append(out, r)
	}
	return out
}

// FigureRow is one quantity an article states, with the dossier's verdict
// on it when the event has a dossier: the status of its scope (consistent,
// conflicting, different scope, single source) and of its role overall.
type FigureRow struct {
	ArticleID string  `json:"article_id" parquet:"article_id"`
	EventID   string  `json:"event_id" parquet:"event_id"`
	Outlet    string  `json:"outlet" parquet:"outlet"`
	Published string  `json:"published" parquet:"published"`
	Start     int64   `json:"start" parquet:"start"`
	End       int64   `json:"end" parquet:"end"`
	Text      string  `json:"text" parquet:"text"`
	Value     float64 `json:"value" parquet:"value"`
	// Low and High bound the value; nil (null, empty) when unbounded, as
	// the high end of "more than 85".
	Low         *float64 `json:"low" parquet:"low,optional"`
	High        *float64 `json:"high" parquet:"high,optional"`
	Bound       string   `json:"bound" parquet:"bound"`
	Kind        string   `json:"kind" parquet:"kind"`
	Unit        string   `json:"unit" parquet:"unit"`
	Role        string   `json:"role" parquet:"role"`
	Scope       string   `json:"scope" parquet:"scope"`
	Source      string   `json:"source" parquet:"source"`
	ScopeStatus string   `json:"scope_status" parquet:"scope_status"`
	RoleStatus  string   `json:"role_status" parquet:"role_status"`
	Sentence    string   `json:"sentence" parquet:"sentence"`
}

func (FigureRow) header() []string {
	return []string{"article_id", "event_id", "outlet", "published", "start", "end", "text", "value", "low", "high", "bound", "kind", "unit", "role", "scope", "source", "scope_status", "role_status", "sentence"}
}

func (r FigureRow) record() []string {
	return []string{r.ArticleID, r.EventID, r.Outlet, r.Published, itoa(r.Start), itoa(r.End), r.Text, num(r.Value), optNum(r.Low), optNum(r.High), r.Bound, r.Kind, r.Unit, r.Role, r.Scope, r.Source, r.ScopeStatus, r.RoleStatus, r.Sentence}
}

func figureRows(ctx context.Context, a *parallax.Article, dc *dossierCache) ([]FigureRow, error) {
	if a.Extraction == nil || len(a.Extraction.Quantities) == 0 {
		return nil, nil
	}
	verdicts, err := dc.verdicts(ctx, a.EventID)
	if err != nil {
		return nil, err
	}
	var out []FigureRow
	for _, q := range a.Extraction.Quantities {
		r := FigureRow{ArticleID: a.ID, EventID: a.EventID, Outlet: a.Outlet.Name, Published: ts(a.Published),
			Start: int64(q.Start), End: int64(q.End), Text: q.Text, Value: finite(q.Value), Low: bound(q.Low), High: bound(q.High), Bound: q.Bound,
			Kind: q.Kind, Unit: q.Unit, Role: q.Role, Scope: q.Scope, Source: q.Source}
		if i := a.SentenceAt(q.Start); i >= 0 {
			r.Sentence = a.SentenceText(i)
		}
		if v, ok := verdicts[spanKey{a.ID, q.Start, q.End}]; ok {
			r.ScopeStatus, r.RoleStatus = v.scope, v.role
		}
		out = append(out, r)
	}
	return out, nil
}

// QuoteRow is one quote with its speaker.
type QuoteRow struct {
	ArticleID string `json:"article_id" parquet:"article_id"`
	EventID   string `json:"event_id" parquet:"event_id"`
	Outlet    string `json:"outlet" parquet:"outlet"`
	Published string `json:"published" parquet:"published"`
	Speaker   string `json:"speaker" parquet:"speaker"`
	SpeakerID string `json:"speaker_id" parquet:"speaker_id"`
	Text      string `json:"text" parquet:"text"`
	Direct    bool   `json:"direct" parquet:"direct"`
	Verb      string `json:"verb" parquet:"verb"`
	Medium    string `json:"medium" parquet:"medium"`
	Start     int64  `json:"start" parquet:"start"`
	End       int64  `json:"end" parquet:"end"`
}

func (QuoteRow) header() []string {
	return []string{"article_id", "event_id", "outlet", "published", "speaker", "speaker_id", "text", "direct", "verb", "medium", "start", "end"}
}

func (r QuoteRow) record() []string {
	return []string{r.ArticleID, r.EventID, r.Outlet, r.Published, r.Speaker, r.SpeakerID, r.Text, strconv.FormatBool(r.Direct), r.Verb, r.Medium, itoa(r.Start), itoa(r.End)}
}

func quoteRows(a *parallax.Article) []QuoteRow {
	if a.Extraction == nil {
		return nil
	}
	var out []QuoteRow
	for _, q := range a.Extraction.Quotes {
		out = append(out, QuoteRow{ArticleID: a.ID, EventID: a.EventID, Outlet: a.Outlet.Name, Published: ts(a.Published),
			Speaker: firstNonEmpty(q.Speaker.Name, q.Speaker.Text), SpeakerID: q.Speaker.ID, Text: q.Text, Direct: q.Direct,
			Verb: q.Verb, Medium: q.Medium, Start: int64(q.Start), End: int64(q.End)})
	}
	return out
}

// dossierCache reads each event's dossier once and indexes its figures by
// the span they point to.
type dossierCache struct {
	st    parallax.Store
	event string
	v     map[spanKey]verdict
}

type spanKey struct {
	article    string
	start, end int
}

type verdict struct{ scope, role string }

func newDossierCache(st parallax.Store) *dossierCache { return &dossierCache{st: st} }

// verdicts returns the figure verdicts of one event. Articles arrive in
// input order, so consecutive lookups mostly hit the same event; only the
// last event is kept, bounding memory.
func (c *dossierCache) verdicts(ctx context.Context, eventID string) (map[spanKey]verdict, error) {
	if eventID == "" {
		return nil, nil
	}
	if eventID == c.event {
		return c.v, nil
	}
	c.event, c.v = eventID, map[spanKey]verdict{}
	b, err := c.st.Document(ctx, "dossier", eventID)
	if parallax.ErrorCode(err) == parallax.ENOTFOUND {
		return c.v, nil
	}
	if err != nil {
		return nil, err
	}
	var d parallax.Dossier
	if err := json.Unmarshal(b, &d); err != nil {
		return c.v, nil // an unreadable dossier only loses the verdicts
	}
	for _, fc := range d.Figures {
		for _, sc := range fc.Scopes {
			for _, f := range sc.Figures {
				if m := f.Evidence.Mention; m != nil {
					c.v[spanKey{f.Evidence.ArticleID, m.Start, m.End}] = verdict{sc.Status, fc.Status}
				}
			}
		}
	}
	return c.v, nil
}

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func optNum(f *float64) string {
	if f == nil {
		return ""
	}
	return num(*f)
}

// bound turns an infinite or undefined bound into nil: JSON cannot carry
// infinities, and "unbounded" reads better as empty in every format.
func bound(f float64) *float64 {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil
	}
	return &f
}

func finite(f float64) float64 {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0
	}
	return f
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
