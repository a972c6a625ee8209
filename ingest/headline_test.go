package ingest

import (
	"context"
	"strings"
	"testing"
)

// TestJSONLHeadlines checks that records of a single short line, with no
// title, are articles: clustering is scored on data sets of lower-cased
// headlines, and a dropped line would be a missing answer.
func TestJSONLHeadlines(t *testing.T) {
	in := `{"id": "h1", "text": "quake strikes south iran injuring five"}
{"id": "h2", "text": "bank fire kills 3"}
{"id": "h3", "text": "x"}
{"id": "h4", "text": "   "}
`
	for _, raw := range []bool{false, true} {
		var got []string
		var skipped []string
		_, err := Walk(context.Background(), []string{"-"}, Options{Raw: raw, Stdin: strings.NewReader(in)}, func(it Item) error {
			if it.Err != nil {
				skipped = append(skipped, it.Err.Error())
				return nil
			}
			got = append(got, it.Article.ExternalID+"="+it.Article.Text)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"h1=quake strikes south iran injuring five", "h2=bank fire kills 3", "h3=x"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("raw=%v: got %q, want %q", raw, got, want)
		}
		if len(skipped) != 1 || !strings.Contains(skipped[0], "#4") {
			t.Errorf("raw=%v: skipped %q, want only the blank record 4", raw, skipped)
		}
	}
}
