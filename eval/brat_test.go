package eval

import (
	"strings"
	"testing"
)

func TestReadBrat(t *testing.T) {
	text := "“Wir gehen,” sagte Zakharova. Er sagte nichts.\n"
	ann := strings.Join([]string{
		"T1\tQuote 1 11\tWir gehen,",
		"T2\tSpeaker 19 28\tZakharova",
		"T3\tReported 30 32;33 38\tEr sagte",
		"R1\tSpeaker Arg1:T1 Arg2:T2",
		"A1\tDirect T3 false",
		"#1\tAnnotatorNotes T3\tspeaker: Maria Zakharova",
		"E1\tSay:T1",
		"",
	}, "\n")
	d, err := ReadBrat(text, strings.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Spans) != 3 || len(d.Relations) != 1 || len(d.Attributes) != 1 || len(d.Notes) != 1 {
		t.Fatalf("read %d spans, %d relations, %d attributes, %d notes", len(d.Spans), len(d.Relations), len(d.Attributes), len(d.Notes))
	}
	// Character offsets become byte offsets: the curly mark is 3 bytes.
	if s := d.Spans[0]; text[s.Start:s.End] != "Wir gehen," {
		t.Errorf("T1 covers %q", text[s.Start:s.End])
	}
	if s := d.Spans[2]; len(s.Fragments) != 2 || text[s.Start:s.End] != "Er sagte" {
		t.Errorf("T3 fragments %v cover %q", s.Fragments, text[s.Start:s.End])
	}
	qs := BratQuotes(d)
	if len(qs) != 2 {
		t.Fatalf("%d quotes, want 2", len(qs))
	}
	if !qs[0].Direct || len(qs[0].Speakers) != 1 || qs[0].Speakers[0].Text != "Zakharova" {
		t.Errorf("quote 1: %+v", qs[0])
	}
	if qs[1].Direct || len(qs[1].SpeakerNames) != 1 || qs[1].SpeakerNames[0] != "Maria Zakharova" {
		t.Errorf("quote 2: %+v", qs[1])
	}
}

func TestReadBratErrors(t *testing.T) {
	text := "Hello world"
	for _, tc := range []struct{ name, ann string }{
		{"offsets past the end", "T1\tQuote 0 40\tHello"},
		{"text differs", "T1\tQuote 0 5\tWorld"},
		{"no offsets", "T1\tQuote\tHello"},
		{"reversed", "T1\tQuote 5 0\tHello"},
		{"relation without arguments", "R1\tSpeaker Arg1:T1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ReadBrat(text, strings.NewReader(tc.ann)); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestBratConventions(t *testing.T) {
	text := `"Go," said Ann. Bob agreed.`
	for _, tc := range []struct {
		name, ann string
		direct    bool
		speaker   string
	}{
		{"relation, quote first", "T1\tQuote 1 4\tGo,\nT2\tPerson 11 14\tAnn\nR1\tSaid Arg1:T1 Arg2:T2", true, "Ann"},
		{"relation, speaker first", "T1\tDirectQuote 1 4\tGo,\nT2\tSpeaker 11 14\tAnn\nR1\tSource Arg1:T2 Arg2:T1", true, "Ann"},
		{"attribute with id", "T1\tquote 1 4\tGo,\nT2\tPER 11 14\tAnn\nA1\tSpeaker T1 T2", true, "Ann"},
		{"attribute with name", "T1\tIndirectQuote 1 4\tGo,\nA1\tSpeaker T1 Ann_Lee", false, "Ann Lee"},
		{"type attribute", "T1\tQuote 1 4\tGo,\nA1\tType T1 Indirect\n#1\tAnnotatorNotes T1\tAnn", false, "Ann"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ReadBrat(text, strings.NewReader(tc.ann))
			if err != nil {
				t.Fatal(err)
			}
			qs := BratQuotes(d)
			if len(qs) != 1 {
				t.Fatalf("%d quotes", len(qs))
			}
			if qs[0].Direct != tc.direct {
				t.Errorf("direct = %v", qs[0].Direct)
			}
			if g := goldSpeaker(qs[0]); g != tc.speaker {
				t.Errorf("speaker %q, want %q", g, tc.speaker)
			}
		})
	}
}

// FuzzReadBrat checks that no annotation file makes the reader panic and
// that the spans it accepts lie inside the text.
func FuzzReadBrat(f *testing.F) {
	f.Add("“Go,” said Ann.", "T1\tQuote 1 4\tGo,\nT2\tSpeaker 11 14\tAnn\nR1\tSpeaker Arg1:T1 Arg2:T2\nA1\tDirect T1\n#1\tNote T1\tx")
	f.Add("abc", "T1\tQuote 0 1;2 3\ta c\n\t\nR1 x\nA1\n#")
	f.Fuzz(func(t *testing.T, text, ann string) {
		d, err := ReadBrat(text, strings.NewReader(ann))
		if err != nil {
			return
		}
		for _, s := range d.Spans {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("span %d-%d outside text of %d bytes", s.Start, s.End, len(text))
			}
		}
		BratQuotes(d)
	})
}
