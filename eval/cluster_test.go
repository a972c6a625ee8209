package eval

import (
	"strings"
	"testing"
)

func TestReadLabeledJSONL(t *testing.T) {
	in := `{"id":"1","text":"quake hits iran","label":"q"}
{"id":2,"title":"T","text":"x","published":"2024-02-03","label":7}

{"id":"3","text":"no label"}
`
	_, err := ReadLabeledJSONL(strings.NewReader(in), "in.jsonl")
	if err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Fatalf("want an error naming line 4, got %v", err)
	}
	docs, err := ReadLabeledJSONL(strings.NewReader(strings.SplitAfterN(in, "\n", 3)[0]+strings.SplitAfterN(in, "\n", 3)[1]), "in.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[1].Article.ID != "2" || docs[1].Label != "7" || docs[1].Article.Published.IsZero() {
		t.Errorf("docs %+v", docs)
	}
}
