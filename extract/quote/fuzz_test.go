package quote

import (
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
)

// FuzzExtract checks that no input makes Extract panic or return spans
// outside the text, with sentences from the segmenter, with none, and
// with entities at arbitrary offsets.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		`"We will respond," Minister Jan Holt said on Monday.`,
		"“A,” she said. “B.\n\n“C,” the ministry’s spokeswoman added.",
		`He said "this will never close. And "another`,
		`"a" "b "c d" "`,
		"According to CENTCOM, US forces struck 85 targets, officials said.",
		"«Non», a dit Ostrov. „Ja“, sagte er.",
		"BODY pic.twitter.com/x — Author (@h) February 3, 2024",
		"THE MINISTER SAID \"WE WILL WIN,\" ADDING THAT \"NOTHING WILL STOP US.\"",
		"\xff\"\xfe said",
	} {
		f.Add(s, 3, 9)
	}
	f.Fuzz(func(t *testing.T, text string, es, ee int) {
		_, sents := extract.Segment(text)
		ents := []parallax.Entity{{Start: es, End: ee, Type: parallax.PER, Text: "x"}, {Start: ee, End: es, Type: parallax.ORG}}
		prefix := []rune(text)[:min(utf8.RuneCountInString(text), 5)]
		posts := []parallax.EmbeddedPost{{Text: string(prefix), Author: "A"}}
		for _, run := range [][]parallax.Span{sents, nil, {{Start: -5, End: 3}, {Start: 2, End: len(text) + 10}}} {
			for _, q := range Extract(text, run, ents, posts) {
				if q.Start < 0 || q.End > len(text) || q.Start > q.End {
					t.Fatalf("quote span %d-%d outside text of %d bytes", q.Start, q.End, len(text))
				}
				sp := q.Speaker
				if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
					t.Fatalf("speaker span %d-%d outside text", sp.Start, sp.End)
				}
				if utf8.ValidString(text) && !utf8.ValidString(q.Text) {
					t.Fatalf("quote text %q is not valid UTF-8", q.Text)
				}
			}
		}
	})
}
