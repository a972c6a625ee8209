package numword

import "testing"

func TestCardinal(t *testing.T) {
	for w, want := range map[string]float64{"one": 1, "sixteen": 16, "ninety": 90} {
		if got, ok := Cardinal(w); !ok || got != want {
			t.Errorf("Cardinal(%q) = %v, %v; want %v", w, got, ok, want)
		}
	}
	for _, w := range []string{"", "hundred", "One", "a"} {
		if _, ok := Cardinal(w); ok {
			t.Errorf("Cardinal(%q) accepted", w)
		}
	}
}
