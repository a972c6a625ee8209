package postgres

import (
	"strconv"

	"github.com/parallax-news/parallax"
)

// Mention kinds in the mentions table.
const (
	kindTime     = "time"
	kindQuantity = "quantity"
	kindEntity   = "entity"
	kindQuote    = "quote"
)

// mentionRow is one row of the mentions table: the flat form of an
// extracted time, quantity, entity or quote that filters and exports read
// without decoding every article's extraction.
type mentionRow struct {
	Kind       string
	Start, End int
	Text       string
	Type       string
	Value      string
	EntityID   string
	Name       string
	Role       string
}

// mentionRows flattens an extraction. Times keep their TIMEX3 type and
// value; quantities their kind, value, role and unit (as name); entities
// their type, canonical id, name (the surface text when there is no
// canonical name, so that name filters still find them) and role; quotes their speaker (id, name),
// verb (as role) and whether they are direct (type "direct" or "reported").
func mentionRows(x *parallax.Extraction) []mentionRow {
	if x == nil {
		return nil
	}
	rows := make([]mentionRow, 0, len(x.Times)+len(x.Quantities)+len(x.Entities)+len(x.Quotes))
	for _, t := range x.Times {
		rows = append(rows, mentionRow{Kind: kindTime, Start: t.Start, End: t.End, Text: t.Text, Type: t.Type, Value: t.Value})
	}
	for _, q := range x.Quantities {
		rows = append(rows, mentionRow{Kind: kindQuantity, Start: q.Start, End: q.End, Text: q.Text, Type: q.Kind,
			Value: strconv.FormatFloat(q.Value, 'g', -1, 64), Name: q.Unit, Role: q.Role})
	}
	for _, e := range x.Entities {
		rows = append(rows, mentionRow{Kind: kindEntity, Start: e.Start, End: e.End, Text: e.Text, Type: e.Type,
			EntityID: e.ID, Name: orText(e.Name, e.Text), Role: e.Role})
	}
	for _, q := range x.Quotes {
		typ := "reported"
		if q.Direct {
			typ = "direct"
		}
		rows = append(rows, mentionRow{Kind: kindQuote, Start: q.Start, End: q.End, Text: q.Text, Type: typ,
			EntityID: q.Speaker.ID, Name: orText(q.Speaker.Name, q.Speaker.Text), Role: q.Verb, Value: q.Medium})
	}
	return rows
}

func orText(name, text string) string {
	if name != "" {
		return name
	}
	return text
}
