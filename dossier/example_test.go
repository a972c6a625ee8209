package dossier_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
	"github.com/parallax-news/parallax/extract"
)

// article builds a segmented article with the counts an extractor would
// find at the given words.
func article(id, outlet, text string, counts map[string]parallax.Quantity) *parallax.Article {
	a := &parallax.Article{ID: id, Outlet: parallax.Outlet{Name: outlet}, Text: text, Language: "en",
		Published: time.Date(2010, 5, 5, 18, 0, 0, 0, time.UTC)}
	a.Paragraphs, a.Sentences = extract.Segment(text)
	a.Extraction = &parallax.Extraction{}
	for words, q := range counts {
		q.Start = strings.Index(text, words)
		q.End, q.Text = q.Start+len(words), words
		a.Extraction.Quantities = append(a.Extraction.Quantities, q)
	}
	return a
}

func ExampleBuild() {
	usa := article("a1", "USA Today", "Three bank workers died after demonstrators set their bank on fire in Athens. Police said 12 people were injured in the riots.",
		map[string]parallax.Quantity{"12 people": {Value: 12, Low: 12, High: 12, Bound: parallax.BoundExact, Role: "injured"}})
	reuters := article("a2", "Reuters", "Three people were killed when protesters threw petrol bombs at a bank in Athens. Police said 18 people had been injured in the violence.",
		map[string]parallax.Quantity{"18 people": {Value: 18, Low: 18, High: 18, Bound: parallax.BoundExact, Role: "injured"}})

	d := dossier.Build(&parallax.Event{ID: "e1", Title: "Athens bank fire"}, []*parallax.Article{reuters, usa}, dossier.Options{})
	for _, f := range d.Figures {
		fmt.Println(f.Role, f.Status)
		for _, c := range f.Conflicts {
			fmt.Println(c.Reason)
			fmt.Printf("%s, bytes %d-%d: %s\n", c.A.Evidence.ArticleID, c.A.Evidence.Start, c.A.Evidence.End, c.A.Evidence.Sentence)
		}
	}
	// Output:
	// injured conflicting
	// 12 injured (USA Today) vs 18 (Reuters), no place given
	// a1, bytes 78-126: Police said 12 people were injured in the riots.
}
