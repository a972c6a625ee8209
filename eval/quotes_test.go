package eval

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
)

func TestSameName(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Zakharova", "Maria Zakharova", true},
		{"Polyanskiy", "Dmitry Polyansky", true},
		{"Bassem al-Awadi", "Bassem Al-Awadi", true},
		{"Fahd Jassem al-Freij", "Freij", true},
		{"the Russian Foreign Ministry", "Russian Foreign Ministry", true},
		{"Zakharova", "Samantha Power", false},
		{"Maria Zakharova", "Maria Petrova", false},
		{"the ministry", "Iraqi Ministry of Foreign Affairs", false},
		{"", "Zakharova", false},
	} {
		t.Run(tc.a+"~"+tc.b, func(t *testing.T) {
			if got := SameName(tc.a, tc.b); got != tc.want {
				t.Errorf("SameName(%q, %q) = %v", tc.a, tc.b, got)
			}
		})
	}
}

func TestQuoteScore(t *testing.T) {
	text := `"Go now," said Ann Lee. She added that the road was closed. "Wait," Bob said.`
	gold := []GoldQuote{
		{Start: 1, End: 8, Direct: true, Speakers: []BratSpan{{Start: 15, End: 22, Text: "Ann Lee"}}},
		{Start: 39, End: 58, Direct: false, SpeakerNames: []string{"Ann Lee"}},
		{Start: 61, End: 66, Direct: true, Speakers: []BratSpan{{Start: 68, End: 71, Text: "Bob"}}},
	}
	sys := []parallax.Quote{
		{Start: 1, End: 7, Direct: true, Speaker: parallax.Speaker{Text: "Ann Lee", Start: 15, End: 22}},
		{Start: 34, End: 58, Direct: false, Speaker: parallax.Speaker{Text: "She", Name: "Ann Lee", Start: 23, End: 26}},
		{Start: 61, End: 66, Direct: true, Speaker: parallax.Speaker{Text: "Ann", Name: "Ann Lee", Start: 15, End: 18}},
		{Start: 0, End: 3, Direct: false},
	}
	var s QuoteScore
	s.Verbose = true
	s.Add("doc", text, gold, sys)
	if s.Matched != 3 || s.MatchedDirect != 2 || s.MatchedReported != 1 || s.System != 4 || s.Gold != 3 {
		t.Errorf("matched %d (direct %d, reported %d) of %d system, %d gold", s.Matched, s.MatchedDirect, s.MatchedReported, s.System, s.Gold)
	}
	if s.SpeakerJudged != 2 || s.SpeakerRight != 1 {
		t.Errorf("speakers right %d of %d, want 1 of 2", s.SpeakerRight, s.SpeakerJudged)
	}
	if s.SpeakerRightAll != 2 || s.SpeakerJudgedAll != 3 {
		t.Errorf("all speakers right %d of %d, want 2 of 3", s.SpeakerRightAll, s.SpeakerJudgedAll)
	}
	var b strings.Builder
	s.Write(&b)
	for _, w := range []string{"speaker accuracy, matched direct quotes: 1/2 = 0.500", `speaker of "Wait,": got "Ann" (Ann Lee), want Bob`, "extra reported quote"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("report lacks %q:\n%s", w, b.String())
		}
	}
}
