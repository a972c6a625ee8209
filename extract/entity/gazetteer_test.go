package entity

import (
	"slices"
	"testing"
)

// The embedded place table holds keys normalized when it was generated;
// if tokenization or accent folding changes, they go stale and places
// silently stop matching. Regenerate with `make cities` when this fails.
func TestPlaceKeysCurrent(t *testing.T) {
	g := loadGazetteer()
	if g.cities == nil || g.cities.Len() < 100000 {
		t.Fatal("the place table did not load")
	}
	stale := 0
	for i := range g.cities.Len() {
		for _, k := range PlaceKeys(g.cities.Name(i)) {
			ck, ok := g.cities.FindString(k)
			if !ok || !slices.Contains(ck.Places, g.cityBase+int32(i)) {
				if stale++; stale <= 5 {
					t.Errorf("place %q is not found under its key %q", g.cities.Name(i), k)
				}
			}
		}
	}
	if stale > 0 {
		t.Errorf("%d stale keys: run make cities", stale)
	}
}

func TestGazetteerLookup(t *testing.T) {
	g := loadGazetteer()
	tests := []struct {
		name  string
		words []string
		kind  uint8
		typ   string
		id    string
		coord bool
	}{
		{"capital", []string{"Baghdad"}, kindCapital, "LOC", "loc:baghdad", true},
		{"capital not a town of its name", []string{"Washington"}, kindCapital, "LOC", "loc:washington", true},
		{"multi-word place", []string{"Deir", "ez-Zor"}, kindSeat, "LOC", "loc:deir-ez-zor", true},
		{"accent-free spelling", []string{"Sao", "Paulo"}, kindSeat, "LOC", "loc:sao-paulo", true},
		{"country before place", []string{"Mexico"}, kindCountry, "LOC", "loc:mexico", false},
		{"region", []string{"Bavaria"}, kindRegion, "LOC", "loc:bavaria", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := g.lookup(tt.words, false, nil)
			if len(ms) != 1 || ms[0].i != 0 || ms[0].j != len(tt.words) {
				t.Fatalf("lookup(%q) = %+v", tt.words, ms)
			}
			e := g.best(ms[0].entries, "")
			if e.kind != tt.kind || e.typ != tt.typ || e.id != tt.id || e.coords != tt.coord {
				t.Errorf("best = %s %s %s coords %v; want %s %s %s %v", kindNames[e.kind], e.typ, e.id, e.coords, kindNames[tt.kind], tt.typ, tt.id, tt.coord)
			}
		})
	}
}

func BenchmarkLoadGazetteer(b *testing.B) {
	for b.Loop() {
		buildGazetteer()
	}
}
