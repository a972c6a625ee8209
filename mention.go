package parallax

import (
	"strconv"
	"time"
)

// Extraction is what the extractors found in one article. Offsets are byte
// offsets into the article's Text.
type Extraction struct {
	Times      []Timex    `json:"times"`
	Quantities []Quantity `json:"quantities"`
	Entities   []Entity   `json:"entities"`
	Quotes     []Quote    `json:"quotes"`
}

// Timex is a time expression normalized the TimeML TIMEX3 way.
type Timex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Type is DATE, TIME, DURATION or SET.
	Type string `json:"type"`
	// Value is the TIMEX3 value: 2024-02-05, 2024-02-05T16:00, 2024-W05,
	// P3D, PRESENT_REF, XXXX-02-05, …
	Value string `json:"value"`
	// UTC is the instant in UTC when the expression names one with a known
	// zone; Zone is the zone as stated ("EST", "New York time").
	UTC  *time.Time `json:"utc,omitempty"`
	Zone string     `json:"zone,omitempty"`
	// Mod is the TIMEX3 mod (BEFORE, AFTER, START, END, APPROX…).
	Mod string `json:"mod,omitempty"`
}

// Bounds of a quantity.
const (
	BoundExact   = "exact"
	BoundAtLeast = "at least" // "more than", "at least", "over"
	BoundAtMost  = "at most"  // "fewer than", "up to"
	BoundAbout   = "about"    // "nearly", "almost", "about", "some"
	BoundRange   = "range"    // "between 20 and 30", "20-30"
)

// Quantity is a counted or measured amount in the text.
type Quantity struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	Text  string  `json:"text"`
	Value float64 `json:"value"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	Bound string  `json:"bound"`
	// Kind is "count", "money", "percent" or "measure".
	Kind string `json:"kind,omitempty"`
	// Unit is the thing counted ("targets", "people") or the currency/unit.
	Unit string `json:"unit"`
	// Role is the normalized role for disputed counts: killed, injured,
	// missing, arrested, displaced, evacuated, targets, munitions, troops.
	Role string `json:"role"`
	// Scope is the place or group the count belongs to ("Iraq").
	Scope string `json:"scope"`
	// Source is who the text says gave the figure ("CENTCOM").
	Source string `json:"source"`
}

// Entity types.
const (
	PER = "PER"
	ORG = "ORG"
	LOC = "LOC"
)

// Entity is a mention of a person, organization or place.
type Entity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	// ID is the canonical entity id, stable across documents
	// ("per:dmitry-polyanskiy", "loc:deir-ez-zor"); Name its canonical name.
	ID   string `json:"entity"`
	Name string `json:"name,omitempty"`
	// Role and Affiliation come from title and role patterns
	// ("Deputy Envoy to the UN", "Russia").
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	// Metonym is set when a place stands for its government ("Washington").
	Metonym bool `json:"metonym,omitempty"`
	// Country (ISO alpha-2) and coordinates for places.
	Country string   `json:"country,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	Text  string `json:"text"`
	ID    string `json:"entity"`
	Name  string `json:"name,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Quote is a direct quote or reported speech attributed to a speaker.
type Quote struct {
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Text    string  `json:"text"`
	Speaker Speaker `json:"speaker"`
	Verb    string  `json:"verb,omitempty"`
	Medium  string  `json:"medium,omitempty"` // "X", "Telegram", "statement", "interview"
	// Direct is false for reported speech ("X said that …").
	Direct bool `json:"direct"`
	// Post is the index into Article.Posts when the quote is an embedded post, else -1.
	Post int `json:"post"`
}

// Kinds of Mention.
const (
	MentionTime     = "time"
	MentionQuantity = "quantity"
	MentionEntity   = "entity"
	MentionQuote    = "quote"
)

// Mention is the flat form of one extracted time, quantity, entity or
// quote: what stores index for filters and what exports write, without
// decoding a whole Extraction.
type Mention struct {
	Kind       string
	Start, End int
	Text       string
	// Type is the TIMEX3 type, the quantity's kind, the entity's type, or
	// "direct" or "reported" for a quote.
	Type string
	// Value is the TIMEX3 value, the quantity's number, or the quote's
	// medium.
	Value string
	// EntityID is the entity's canonical id or the quote speaker's.
	EntityID string
	// Name is the entity's canonical name (its text when it has none), the
	// quantity's unit, or the quote speaker's name (or text).
	Name string
	// Role is the quantity's or the entity's role, or the quote's verb.
	Role string
}

// Mentions returns the extraction's times, quantities, entities and
// quotes in flat form, in that order.
func (x *Extraction) Mentions() []Mention {
	if x == nil {
		return nil
	}
	out := make([]Mention, 0, len(x.Times)+len(x.Quantities)+len(x.Entities)+len(x.Quotes))
	for _, t := range x.Times {
		out = append(out, Mention{Kind: MentionTime, Start: t.Start, End: t.End, Text: t.Text, Type: t.Type, Value: t.Value})
	}
	for _, q := range x.Quantities {
		out = append(out, Mention{Kind: MentionQuantity, Start: q.Start, End: q.End, Text: q.Text, Type: q.Kind,
			Value: strconv.FormatFloat(q.Value, 'g', -1, 64), Name: q.Unit, Role: q.Role})
	}
	for _, e := range x.Entities {
		out = append(out, Mention{Kind: MentionEntity, Start: e.Start, End: e.End, Text: e.Text, Type: e.Type,
			EntityID: e.ID, Name: orText(e.Name, e.Text), Role: e.Role})
	}
	for _, q := range x.Quotes {
		typ := "reported"
		if q.Direct {
			typ = "direct"
		}
		out = append(out, Mention{Kind: MentionQuote, Start: q.Start, End: q.End, Text: q.Text, Type: typ,
			EntityID: q.Speaker.ID, Name: orText(q.Speaker.Name, q.Speaker.Text), Role: q.Verb, Value: q.Medium})
	}
	return out
}

func orText(name, text string) string {
	if name != "" {
		return name
	}
	return text
}
