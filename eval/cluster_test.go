package eval

import (
	"math"
	"strings"
	"testing"
)

func TestBCubedARI(t *testing.T) {
	tests := []struct {
		name       string
		pred, gold []string
		p, r, f1   float64
		ari        float64
	}{
		{"perfect", []string{"x", "x", "y"}, []string{"a", "a", "b"}, 1, 1, 1, 1},
		{"all merged", []string{"x", "x", "x", "x"}, []string{"a", "a", "b", "b"}, 0.5, 1, 2.0 / 3, 0},
		{"all split", []string{"w", "x", "y", "z"}, []string{"a", "a", "b", "b"}, 1, 0.5, 2.0 / 3, 0},
		// Bagga and Baldwin's example shape: one wrong item.
		{"one misplaced", []string{"x", "x", "x", "y", "y"}, []string{"a", "a", "b", "b", "b"},
			(2.0/3*2 + 1.0/3 + 1 + 1) / 5, (1 + 1 + 1.0/3 + 2.0/3*2) / 5, 0, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f1 := BCubed(tt.pred, tt.gold)
			if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 {
				t.Errorf("BCubed P %.4f R %.4f, want %.4f %.4f", p, r, tt.p, tt.r)
			}
			if tt.f1 != 0 && math.Abs(f1-tt.f1) > 1e-9 {
				t.Errorf("F1 %.4f, want %.4f", f1, tt.f1)
			}
			if !math.IsNaN(tt.ari) {
				if a := ARI(tt.pred, tt.gold); math.Abs(a-tt.ari) > 1e-9 {
					t.Errorf("ARI %.4f, want %.4f", a, tt.ari)
				}
			}
		})
	}
	if p, r, f := BCubed(nil, nil); p != 0 || r != 0 || f != 0 {
		t.Error("BCubed of nothing is not zero")
	}
}

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
