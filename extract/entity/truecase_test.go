package entity

import (
	"strings"
	"testing"
)

func TestTruecaseNewswire(t *testing.T) {
	x, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	g := loadGazetteer()
	doc := [][]string{
		strings.Fields("CRICKET - ENGLAND WIN SERIES AGAINST PAKISTAN ."),
		strings.Fields("SOCCER - BARCELONA BEAT VALENCIA IN SPANISH LEAGUE ."),
		strings.Fields("TENNIS - RESULTS AT THE NEW YORK OPEN ."),
		strings.Fields("Final score : Australia 25 New Zealand 19"),
	}
	got := truecase(g, doc, x.model.Lower)
	for _, c := range []struct {
		s, k int
		want string
	}{
		{0, 2, "England"}, // a home nation, though "england" is a word too
		{1, 5, "in"},      // opens names ("In Salah"), but none here
		{3, 5, "New"},     // "New Zealand" in a line in title case
	} {
		if got[c.s][c.k] != c.want {
			t.Errorf("sentence %d word %d = %q, want %q", c.s, c.k, got[c.s][c.k], c.want)
		}
	}
	if w := got[2][5]; w != "New" {
		t.Errorf("NEW of NEW YORK = %q, want New", w)
	}
}
