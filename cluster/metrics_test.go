package cluster

import (
	"math"
	"math/rand/v2"
	"slices"
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

// TestTopK checks topK against sorting a copy and keeping k, ties
// included.
func TestTopK(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	before := func(a, b fw) bool {
		if a.w != b.w {
			return a.w > b.w
		}
		return a.id < b.id
	}
	for n := range 40 {
		xs := make([]fw, n)
		for i := range xs {
			xs[i] = fw{id: uint32(r.IntN(50)), w: float64(r.IntN(5))}
		}
		for _, k := range []int{0, 1, 3, 16, 50} {
			want := slices.Clone(xs)
			slices.SortStableFunc(want, func(a, b fw) int {
				switch {
				case before(a, b):
					return -1
				case before(b, a):
					return 1
				}
				return 0
			})
			want = want[:min(k, n)]
			if got := topK(xs, k, before); !slices.Equal(got, want) {
				t.Fatalf("n %d k %d: topK = %v, want %v", n, k, got, want)
			}
		}
	}
}
