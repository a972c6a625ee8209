package dossier_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
	"github.com/parallax-news/parallax/extract"
)

// FuzzBuild feeds arbitrary text, with extractions whose offsets and
// values are arbitrary too, to the dossier and its writers: bad input
// (offsets past the text, NaN figures, empty speakers) must never panic.
func FuzzBuild(f *testing.F) {
	f.Add("Police said 12 people were injured. Police said 18 people had been injured.", "Officials denied the claim that 3 people died in Athens.", 12.0, 3, 40)
	f.Add("\"We have just requested an urgent meeting,\" he said on Telegram.", "Kirby said the US notified Iraq. Al-Awadi contradicted this claim.", 25.0, 0, 9999)
	f.Add("", "x", -1.0, -5, 2)
	f.Fuzz(func(t *testing.T, text1, text2 string, value float64, start, end int) {
		var arts []*parallax.Article
		for i, text := range []string{text1, text2} {
			text = extract.Clean(text)
			a := &parallax.Article{ID: string(rune('a' + i)), Text: text, Language: "en", Outlet: parallax.Outlet{Name: "Outlet " + string(rune('A'+i))}}
			a.Published = time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
			a.Paragraphs, a.Sentences = extract.Segment(text)
			u := time.Date(2024, 2, 5, 21, 0, 0, 0, time.UTC)
			a.Extraction = &parallax.Extraction{
				Quantities: []parallax.Quantity{{Start: start, End: end, Text: "x", Value: value, Low: value, High: value, Bound: parallax.BoundAbout, Role: "killed", Scope: "Iraq's Anbar, Syria"}},
				Quotes:     []parallax.Quote{{Start: start, End: end, Text: text, Speaker: parallax.Speaker{Text: "He"}, Post: start}},
				Times:      []parallax.Timex{{Start: start, End: end, Type: "TIME", Value: "2024-02-05T16:00", UTC: &u, Text: "4 pm EST"}},
				Entities:   []parallax.Entity{{Start: start, End: end, Type: parallax.LOC, Text: "Anbar", Country: "IQ"}},
			}
			if i == 1 {
				a.CopyOf = "a"
			}
			arts = append(arts, a)
		}
		d := dossier.Build(&parallax.Event{ID: "e"}, arts, dossier.Options{Background: dossier.BackgroundOf(arts)})
		var buf bytes.Buffer
		if err := dossier.WriteText(&buf, d); err != nil {
			t.Fatal(err)
		}
		if err := dossier.WriteMarkdown(&buf, d); err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzUnmarshalBackground checks that a stored Background that is corrupt
// is rejected with an error, never a panic, and that one that parses can
// be used.
func FuzzUnmarshalBackground(f *testing.F) {
	f.Add([]byte(`{"docs":2,"tokens":5,"counts":{"strike":3,"aggress":2},"df":{"strike":2,"aggress":1}}`))
	f.Add([]byte(`{"docs":-1}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bg, err := dossier.UnmarshalBackground(data)
		if err != nil {
			return
		}
		a := &parallax.Article{ID: "a", Text: "US strikes on Iraq and Syria. Russia calls it aggression.", Outlet: parallax.Outlet{Name: "A"}}
		a.Paragraphs, a.Sentences = extract.Segment(a.Text)
		b := *a
		b.ID, b.Outlet.Name = "b", "B"
		dossier.Build(nil, []*parallax.Article{a, &b}, dossier.Options{Background: bg})
		bg.Add(a)
		if _, err := bg.Marshal(); err != nil {
			t.Fatal(err)
		}
	})
}
