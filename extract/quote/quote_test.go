package quote

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
)

// want is an expected quote: its text (exact), speaker name, and
// optionally verb and medium.
type want struct {
	text, speaker, verb, medium string
	direct                      bool
}

func extractText(text string) []parallax.Quote {
	_, sents := extract.Segment(text)
	return Extract(text, sents, nil, nil)
}

func checkQuotes(t *testing.T, text string, got []parallax.Quote, wants []want) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, q := range got {
			if q.Text != w.text {
				continue
			}
			found = true
			if q.Direct != w.direct {
				t.Errorf("%q: direct = %v, want %v", w.text, q.Direct, w.direct)
			}
			if q.Speaker.Name != w.speaker {
				t.Errorf("%q: speaker %q (%q), want %q", w.text, q.Speaker.Name, q.Speaker.Text, w.speaker)
			}
			if w.verb != "" && q.Verb != w.verb {
				t.Errorf("%q: verb %q, want %q", w.text, q.Verb, w.verb)
			}
			if w.medium != "" && q.Medium != w.medium {
				t.Errorf("%q: medium %q, want %q", w.text, q.Medium, w.medium)
			}
			if q.Post != -1 {
				t.Errorf("%q: post %d, want -1", w.text, q.Post)
			}
			if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
				t.Errorf("%q: bad span %d-%d", w.text, q.Start, q.End)
			} else if !strings.Contains(text[q.Start:q.End], "\n") && text[q.Start:q.End] != q.Text {
				t.Errorf("%q: span holds %q", w.text, text[q.Start:q.End])
			}
			if sp := q.Speaker; sp.End > sp.Start && (sp.End > len(text) || text[sp.Start:sp.End] != sp.Text) {
				t.Errorf("%q: speaker span %d-%d does not hold %q", w.text, sp.Start, sp.End, sp.Text)
			}
		}
		if !found {
			var all []string
			for _, q := range got {
				all = append(all, q.Text+" <- "+q.Speaker.Name)
			}
			t.Errorf("no quote %q; got:\n  %s", w.text, strings.Join(all, "\n  "))
		}
	}
}

func TestDirect(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		wants []want
	}{
		{"straight marks, name before verb", `"We will respond," Minister Jan Holt said on Monday.`,
			[]want{{"We will respond,", "Jan Holt", "said", "", true}}},
		{"curly marks, verb before name", "“The talks failed,” said Anna Berg, the chief negotiator.",
			[]want{{"The talks failed,", "Anna Berg", "said", "", true}}},
		{"guillemets", "«This is not reform», Rafael Ostrov wrote on X.",
			[]want{{"This is not reform", "Rafael Ostrov", "wrote", "X", true}}},
		{"low-9 marks", "Aalto said the plan was „the only honest answer“ to the crisis.",
			[]want{{"the only honest answer", "Aalto", "said", "", true}}},
		{"attribution before, colon", `Police chief Mark Dunn told reporters: "Three men were arrested."`,
			[]want{{"Three men were arrested.", "Mark Dunn", "told", "reporters", true}}},
		{"statement with that:", `The ministry's spokesperson Lea Marsh said in a statement today that: "The strikes were illegal."`,
			[]want{{"The strikes were illegal.", "Lea Marsh", "said", "statement", true}}},
		{"quote inside quote", "“They told us: ‘leave now’ and we left,” said resident Omar Said.",
			[]want{{"They told us: ‘leave now’ and we left,", "Omar Said", "said", "", true}}},
		{"partial quote", `The ministry's spokesman Ali Nouri called the strikes "a clear violation" of the truce.`,
			[]want{{"a clear violation", "Ali Nouri", "called", "", true}}},
		{"second sentence continues the speaker", `"We are ready," Defence Minister Eva Lind said. "The army is on alert."`,
			[]want{{"We are ready,", "Eva Lind", "", "", true}, {"The army is on alert.", "Eva Lind", "", "", true}}},
		{"split quote", `"We are confident," chief executive Mara Lind said, "that the deal will close."`,
			[]want{{"We are confident,", "Mara Lind", "", "", true}, {"that the deal will close.", "Mara Lind", "", "", true}}},
		{"pronoun", "Maria Petrova spoke after the vote.\n\n“We lost, but we will be back,” she said in an interview.",
			[]want{{"We lost, but we will be back,", "Maria Petrova", "said", "interview", true}}},
		{"pronoun skips the man", "Senator Alice Grey met John Hart on Friday.\n\n“It was a useful meeting,” she said.",
			[]want{{"It was a useful meeting,", "Alice Grey", "", "", true}}},
		{"role back-reference", "Maria Zakharova, the foreign ministry spokeswoman, spoke first.\n\n“We condemn this act,” the ministry’s spokeswoman added.",
			[]want{{"We condemn this act,", "Maria Zakharova", "added", "", true}}},
		{"organization back-reference", "The Estovian embassy in Marvik closed on Monday. \"Our staff are safe,\" the embassy said.",
			[]want{{"Our staff are safe,", "Estovian embassy", "said", "", true}}},
		{"message on a channel", "The request came from envoy Dmitry Polyansky.\n\n“We have just requested an urgent meeting,” says a message published on the Telegram channel.",
			[]want{{"We have just requested an urgent meeting,", "Dmitry Polyansky", "says", "Telegram", true}}},
		{"media interaction", "Spokesperson of the Foreign Ministry, Maria Zakharova, in a media interaction said, “We demand an explanation.”",
			[]want{{"We demand an explanation.", "Maria Zakharova", "said", "media interaction", true}}},
		{"across paragraphs", "\"The water is rising,\" Mayor Tomas Reljic said. \"Leave now.\n\n\"Do not wait for the buses.\"",
			[]want{{"Leave now. Do not wait for the buses.", "Tomas Reljic", "", "", true}}},
		{"paragraph of quote continues speaker", "“We will not pay,” said Peter Okonkwo.\n\n“Our members have had enough of promises.”",
			[]want{{"Our members have had enough of promises.", "Peter Okonkwo", "", "", true}}},
		{"colon at the end of a paragraph", "Foreign Minister Sergei Lavrov was asked about the strikes. He said:\n\n\"This is a violation of international law.\"",
			[]want{{"This is a violation of international law.", "Sergei Lavrov", "said", "", true}}},
		{"according to after the quote", `"The strikes hit 85 targets," according to a statement from CENTCOM.`,
			[]want{{"The strikes hit 85 targets,", "CENTCOM", "according to", "statement", true}}},
		{"quoted as saying", `"We will respond," the agency quoted Foreign Minister Sergei Lavrov as saying.`,
			[]want{{"We will respond,", "Sergei Lavrov", "", "", true}}},
		{"colon after a clause", `The union's leader, Peter Okonkwo, was blunt: "Our members have had enough."`,
			[]want{{"Our members have had enough.", "Peter Okonkwo", "", "", true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkQuotes(t, tc.text, extractText(tc.text), tc.wants)
		})
	}
}

func TestReported(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		wants []want
	}{
		{"said that", "Foreign Minister Lena Vos said that the border would reopen on Monday.",
			[]want{{"the border would reopen on Monday", "Lena Vos", "said", "", false}}},
		{"said without that", "Lena Vos said on Saturday the border would reopen soon.",
			[]want{{"the border would reopen soon", "Lena Vos", "said", "", false}}},
		{"according to, front", "According to the Red Cross, some 600 people spent the night in shelters.",
			[]want{{"some 600 people spent the night in shelters", "Red Cross", "according to", "", false}}},
		{"according to, back", "The strikes killed nearly 40 people, according to Reuters news agency.",
			[]want{{"The strikes killed nearly 40 people", "Reuters news agency", "according to", "", false}}},
		{"statement today that", "The ministry's spokeswoman Lea Marsh said in a statement today that the talks would resume.",
			[]want{{"the talks would resume", "Lea Marsh", "said", "statement", false}}},
		{"announced", "US President Joe Biden announced that the response would continue.",
			[]want{{"the response would continue", "Joe Biden", "announced", "", false}}},
		{"pointed to", "Iraqi government spokesman Bassem al-Awadi pointed to false claims of prior coordination.",
			[]want{{"false claims of prior coordination", "Bassem al-Awadi", "pointed", "", false}}},
		{"accused", "Zakharova also accused Washington of sowing chaos in the region.",
			[]want{{"Washington of sowing chaos in the region", "Zakharova", "accused", "", false}}},
		{"content first", "Two soldiers were killed in the attack on Monday, officials said.",
			[]want{{"Two soldiers were killed in the attack on Monday", "officials", "said", "", false}}},
		{"pronoun subject", "Bassem al-Awadi spoke to reporters. He said that the attack killed 16 people.",
			[]want{{"the attack killed 16 people", "Bassem al-Awadi", "said", "", false}}},
		{"passive with agent", "Russia has requested an urgent meeting of the council. This was stated on Friday by envoy Dmitry Polyansky.",
			[]want{{"Russia has requested an urgent meeting of the council", "Dmitry Polyansky", "stated", "", false}}},
		{"characterization", "Transport Commissioner Henrik Lund called the outage unacceptable and described the response as slow.",
			[]want{{"the response as slow", "Henrik Lund", "described", "", false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkQuotes(t, tc.text, extractText(tc.text), tc.wants)
		})
	}
}

func TestNotQuotes(t *testing.T) {
	for _, tc := range []struct {
		name, text string
	}{
		{"scare quote", `The army hit "terrorist" targets near the border.`},
		{"negated", "The Pentagon did not admit that its jets had hit the convoy."},
		{"infinitive", "The minister is expected to announce new measures on Friday."},
		{"noun, not verb", "He rejected the claims of the opposition."},
		{"called a meeting", "Russia called an urgent meeting of the Security Council."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := extractText(tc.text); len(got) != 0 {
				t.Errorf("got %d quotes, want none: %+v", len(got), got)
			}
		})
	}
}

func TestPosts(t *testing.T) {
	text := "Russia asked for a meeting.\n\nRussia has just called for an urgent meeting of the council. pic.twitter.com/q8zjG4y6SY — Al Mayadeen English (@MayadeenEnglish) February 3, 2024\n\nThe meeting is on Monday."
	_, sents := extract.Segment(text)
	t.Run("inline", func(t *testing.T) {
		got := Extract(text, sents, nil, nil)
		for _, q := range got {
			if q.Medium == "X" && q.Verb == "posted" {
				if q.Speaker.Name != "Al Mayadeen English" || q.Text != "Russia has just called for an urgent meeting of the council." || q.Post != -1 {
					t.Errorf("inline post: %+v", q)
				}
				return
			}
		}
		t.Errorf("inline post not found in %+v", got)
	})
	t.Run("given", func(t *testing.T) {
		posts := []parallax.EmbeddedPost{
			{Text: "Another post, not in the text.", Author: "Quds News Network", Handle: "QudsNen", Platform: "X"},
			{Text: "Russia has just called for an urgent meeting of the council.", Author: "Al Mayadeen English", Handle: "@MayadeenEnglish", Platform: "X"},
		}
		got := Extract(text, sents, nil, posts)
		seen := map[int]bool{}
		for _, q := range got {
			if q.Post < 0 {
				continue
			}
			seen[q.Post] = true
			p := posts[q.Post]
			if q.Speaker.Name != p.Author || q.Medium != "X" || q.Text != p.Text || !q.Direct {
				t.Errorf("post %d: %+v", q.Post, q)
			}
			if q.Post == 1 && text[q.Start:q.End] != p.Text {
				t.Errorf("post 1 offsets %d-%d hold %q", q.Start, q.End, text[q.Start:q.End])
			}
		}
		if !seen[0] || !seen[1] {
			t.Errorf("posts as quotes: %v", seen)
		}
	})
}

func TestEntitiesUsed(t *testing.T) {
	text := `"We will respond," the envoy said, and Polyanskiy later repeated it.`
	ents := []parallax.Entity{{Start: 39, End: 49, Text: "Polyanskiy", Type: parallax.PER, ID: "per:dmitry-polyanskiy", Name: "Dmitry Polyanskiy", Role: "Deputy Envoy to the UN"}}
	if text[39:49] != "Polyanskiy" {
		t.Fatal("bad fixture offsets")
	}
	got := Extract("Dmitry Polyanskiy, Russia's deputy envoy, spoke. "+text, nil, shift(ents, len("Dmitry Polyanskiy, Russia's deputy envoy, spoke. ")), nil)
	if len(got) == 0 || got[0].Speaker.Name != "Dmitry Polyanskiy" {
		t.Fatalf("got %+v", got)
	}
}

func shift(es []parallax.Entity, n int) []parallax.Entity {
	out := append([]parallax.Entity(nil), es...)
	for i := range out {
		out[i].Start += n
		out[i].End += n
	}
	return out
}

func TestBadInput(t *testing.T) {
	big := strings.Repeat("word ", 1<<18) // over 1 MB, no punctuation
	for _, tc := range []struct {
		name, text string
		max        int
	}{
		{"empty", "", 0},
		{"unbalanced", `He said "this will never close and so on. And "another`, 2},
		{"quote in every word", strings.Repeat(`"a" "b "c d" `, 200), 1000},
		{"all caps", `THE MINISTER SAID "WE WILL WIN THIS WAR," ADDING THAT "NOTHING WILL STOP US."`, 4},
		{"megabyte without punctuation", big, 1},
		{"megabyte with a stray mark", `"` + big, 1},
		{"many quotes in one paragraph", strings.Repeat(`"We won," she said. "Yes," he said, adding "no". `, 4000), 12000},
		{"many names and pronouns", strings.Repeat("John Smith said he said she said the minister added that the ministry said it was fine. ", 2000), 4000},
		{"non-Latin", "Захарова заявила: «Мы требуем объяснений». 扎哈罗娃说。", 2},
		{"invalid UTF-8", "\xff\xfe\"said\xff\" he\xff said", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := extractText(tc.text)
			if len(got) > tc.max {
				t.Errorf("%d quotes, want at most %d", len(got), tc.max)
			}
			for _, q := range got {
				if q.Start < 0 || q.End > len(tc.text) || q.Start > q.End {
					t.Errorf("bad span %d-%d", q.Start, q.End)
				}
			}
		})
	}
}
