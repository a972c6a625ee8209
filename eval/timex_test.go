package eval

import (
	"testing"

	"github.com/parallax-news/parallax"
)

func TestScoreTimex(t *testing.T) {
	gold := []GoldTimex{
		{Start: 0, End: 8, Type: "DATE", Value: "2024-02-03"},   // exact span, right value
		{Start: 20, End: 30, Type: "DATE", Value: "2024-02-05"}, // overlapping span, wrong value
		{Start: 40, End: 45, Type: "DURATION", Value: "P3D"},    // missed
	}
	sys := []parallax.Timex{
		{Start: 0, End: 8, Type: "DATE", Value: "2024-02-03"},
		{Start: 23, End: 30, Type: "DATE", Value: "2023-02-05"},
		{Start: 50, End: 55, Type: "SET", Value: "P1W"}, // spurious
	}
	sc := ScoreTimex(gold, sys)
	want := TimexScore{Docs: 1, Gold: 3, System: 3, Strict: 1, Relaxed: 2, TypeOK: 2, ValueOK: 1}
	if sc != want {
		t.Fatalf("score = %+v, want %+v", sc, want)
	}
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"strict f1", third(sc.StrictPRF()), 1.0 / 3},
		{"relaxed f1", third(sc.RelaxedPRF()), 2.0 / 3},
		{"value f1", third(sc.ValuePRF()), 1.0 / 3},
		{"type accuracy", sc.TypeAccuracy(), 1},
		{"value accuracy", sc.ValueAccuracy(), 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := tt.got - tt.want; d > 1e-9 || d < -1e-9 {
				t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
			}
		})
	}
}

func third(_, _, f float64) float64 { return f }

func TestMatchTimexOneToOne(t *testing.T) {
	gold := []GoldTimex{{Start: 0, End: 10}, {Start: 5, End: 8}}
	sys := []parallax.Timex{{Start: 5, End: 8}}
	pairs := MatchTimex(gold, sys)
	matched := 0
	for _, p := range pairs {
		if p.Gold >= 0 && p.Sys >= 0 {
			matched++
			if p.Gold != 1 || !p.Strict {
				t.Errorf("exact span should win: %+v", p)
			}
		}
	}
	if matched != 1 || len(pairs) != 2 {
		t.Errorf("pairs = %+v", pairs)
	}
}
