package entity

import (
	"slices"
	"testing"
)

func TestDocContexts(t *testing.T) {
	tests := []struct {
		name string
		doc  [][]string
		want [][]string
	}{
		{
			name: "repeated name gathers every context",
			doc:  [][]string{{"GM", "and", "Chrysler", "said"}, {"the", "president", "of", "Chrysler"}},
			want: [][]string{{"", "", "p:and n:said p:of n:</s>", ""}, {"", "", "", "p:and n:said p:of n:</s>"}},
		},
		{
			name: "a name seen once has none",
			doc:  [][]string{{"Chrysler", "said"}, {"GM", "agreed"}},
			want: [][]string{nil, nil},
		},
		{
			name: "lower case is not a name",
			doc:  [][]string{{"apple", "pie"}, {"apple", "tart"}},
			want: [][]string{nil, nil},
		},
		{
			name: "contexts lower-cased, sentence edges marked",
			doc:  [][]string{{"Fiat", "Said"}, {"Fiat"}},
			want: [][]string{{"p:<s> n:said n:</s>", ""}, {"p:<s> n:said n:</s>"}},
		},
		{
			name: "empty document",
			doc:  nil,
			want: [][]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := docContexts(tt.doc)
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("docContexts = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDocContextsBounded(t *testing.T) {
	var doc [][]string
	for i := range 100 {
		doc = append(doc, []string{"w" + string(rune('a'+i%26)), "Name", string(rune('a' + i%26))})
	}
	got := docContexts(doc)
	n := 1
	for _, c := range got[0][1] {
		if c == ' ' {
			n++
		}
	}
	if n != maxContexts {
		t.Errorf("%d contexts, want at most %d", n, maxContexts)
	}
}

func TestCorporateCues(t *testing.T) {
	tests := []struct {
		name, text, word, want string
	}{
		{"apposition", "The auto company Zembrolt filed for bankruptcy.\nZembrolt will receive loans.", "Zembrolt", "ORG"},
		{"apposition after a comma", "The budget airline, Zembrolt, ordered jets.\nZembrolt said it was pleased.", "Zembrolt", "ORG"},
		{"what a company has", "Zembrolt's board met on Monday.\nZembrolt will receive loans.", "Zembrolt", "ORG"},
		{"head of it", "Tom Smith, the president of Zembrolt, resigned.\nZembrolt will receive loans.", "Zembrolt", "ORG"},
		{"a person keeps a spokesman", "Barack Obama's spokesman said no.\nObama will travel to Ohio.", "Obama", "PER"},
		{"a place keeps its plants", "Workers left the Ohio plants.\nOhio voted on Tuesday.", "Ohio", "LOC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := false
			for _, e := range Extract(tt.text, nil) {
				if e.Text == tt.word {
					found = true
					if e.Type != tt.want {
						t.Errorf("%q at %d is %s, want %s", e.Text, e.Start, e.Type, tt.want)
					}
				}
			}
			if !found {
				t.Errorf("%q not found", tt.word)
			}
		})
	}
}
