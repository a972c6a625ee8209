package entity

import (
	"strings"
	"testing"
)

// typesOf returns the type Extract gives each mention of text, in order,
// and "" for an occurrence of text that is no mention.
func typesOf(t *testing.T, doc, text string) []string {
	t.Helper()
	var got []string
	ents := Extract(doc, nil)
	for off := 0; ; {
		k := strings.Index(doc[off:], text)
		if k < 0 {
			break
		}
		start := off + k
		typ := ""
		for _, e := range ents {
			if e.Start == start && e.End == start+len(text) {
				typ = e.Type
			}
		}
		got = append(got, typ)
		off = start + len(text)
	}
	return got
}

// checkTypes checks that every occurrence of each text of want in doc is
// typed as want says ("" for no mention).
func checkTypes(t *testing.T, doc string, want map[string]string) {
	t.Helper()
	for text, typ := range want {
		got := typesOf(t, doc, text)
		if len(got) == 0 {
			t.Fatalf("%q not in the text", text)
		}
		for k, g := range got {
			if g != typ {
				t.Errorf("%q (occurrence %d) typed %q, want %q", text, k+1, g, typ)
			}
		}
	}
}

func TestNewswireFormats(t *testing.T) {
	tests := []struct {
		name, doc string
		want      map[string]string // text → type of every occurrence ("" none)
	}{
		{"headline slug and country in capitals",
			"CRICKET - ENGLAND WIN SERIES AGAINST PAKISTAN .\nLONDON 1996-08-30\nEngland beat Pakistan by five wickets on Friday .",
			map[string]string{"CRICKET": "", "ENGLAND": "LOC", "LONDON": "LOC", "England": "LOC"}},
		{"two-word slug",
			"MOTOR RACING - LEADING POSITIONS AFTER FIRST PRACTICE .\nMONZA , Italy 1996-09-06\nLeading positions after Friday 's first practice session :",
			map[string]string{"MOTOR RACING": "", "MONZA": "LOC"}},
		{"results lines",
			"Results of Dutch first division matches on Sunday :\nFeyenoord 3 Ajax 1\nPSV Eindhoven 2 Vitesse Arnhem 0\nRoda JC Kerkrade 0 Willem II Tilburg 2",
			map[string]string{"Feyenoord": "ORG", "Ajax": "ORG", "PSV Eindhoven": "ORG", "Vitesse Arnhem": "ORG",
				"Roda JC Kerkrade": "ORG", "Willem II Tilburg": "ORG"}},
		{"standings",
			"Standings ( tabulate under played , won , drawn , lost , goals for , against , points ) :\nBayern Munich 4 3 1 0 9 3 10\nSheffield Wednesday 4 2 1 1 5 4 7\nHamburg 4 2 1 1 6 5 7\nNEW YORK 74 57 .565 -\nBALTIMORE 70 61 .534 4",
			map[string]string{"Bayern Munich": "ORG", "Sheffield Wednesday": "ORG", "Hamburg": "ORG", "NEW YORK": "ORG", "BALTIMORE": "ORG"}},
		{"national teams",
			"Final score : Australia 25 New Zealand 19\nItaly drew 1-1 with Germany in a friendly on Wednesday .",
			map[string]string{"Australia": "LOC", "New Zealand": "LOC", "Italy": "LOC", "Germany": "LOC"}},
		{"results with a verb",
			"In other matches , Sevilla beat Tenerife 2-0 and Atletico Madrid lost 1-2 to Celta Vigo .",
			map[string]string{"Sevilla": "ORG", "Tenerife": "ORG", "Atletico Madrid": "ORG", "Celta Vigo": "ORG"}},
		{"score inside a sentence with scorers",
			"SOCCER - SPANISH FIRST DIVISION RESULT .\nResult : Barcelona 3 ( Giovanni 12 , Pizarro 55 ) Valencia 1 ( Mendez 44 ) . Attendance : 65,000 .",
			map[string]string{"Barcelona": "ORG", "Valencia": "ORG", "Giovanni": "PER", "Pizarro": "PER", "Mendez": "PER"}},
		{"players with a verb and a score",
			"Top seed Pete Sampras beat Michael Chang 6-1 6-4 7-6 on Sunday .\nOn Saturday , Steffi Graf of Germany beat Monica Seles 7-5 6-4 .",
			map[string]string{"Pete Sampras": "PER", "Michael Chang": "PER", "Steffi Graf": "PER", "Germany": "LOC", "Monica Seles": "PER"}},
		{"players with their country",
			"1 - Marek Holub ( Czech Republic ) beat Tomas Verhagen ( Netherlands ) 6-3 6-4",
			map[string]string{"Marek Holub": "PER", "Tomas Verhagen": "PER", "Czech Republic": "LOC", "Netherlands": "LOC"}},
		{"events and adjectives of sports pages",
			"SOCCER - SCOTTISH PREMIER DIVISION RESULTS .\nGLASGOW 1996-08-31\nResults of Scottish premier division matches on Saturday :\nTENNIS - RESULTS AT CANADIAN OPEN .\nResults of second round matches at the Canadian Open on Thursday :",
			map[string]string{"SCOTTISH": "", "Scottish": "", "CANADIAN OPEN": "", "Canadian Open": ""}},
		{"a table of casualties is no results table",
			"Casualties by province , according to the health ministry :\nAnbar 25 36\nBaghdad 12 40\nDiyala 3 7",
			map[string]string{"Anbar": "LOC", "Baghdad": "LOC", "Diyala": "LOC"}},
		{"prose with numbers is no table",
			"Redesignated 65 Fighter Wing on 24 July 1943 .\nInactivated on 21 May 1946 .",
			map[string]string{"Redesignated": "", "Inactivated": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTypes(t, tt.doc, tt.want) })
	}
}
