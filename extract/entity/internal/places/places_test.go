package places

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func words(name string) []string {
	k := strings.Join(strings.Fields(name), " ")
	if a := strings.ReplaceAll(k, "é", "e"); a != k {
		return []string{k, a}
	}
	return []string{k}
}

func sample(t *testing.T) *Table {
	t.Helper()
	ps := []Place{
		{Name: "New York City", Country: "US", Kind: City, Lat: 40.714, Lon: -74.006, HasCoords: true},
		{Name: "New York", Country: "US", Kind: Region},
		{Name: "Orléans", Country: "FR", Kind: Seat, Lat: 47.903, Lon: 1.909, HasCoords: true},
		{Name: "Paris", Country: "FR", Kind: City, Lat: 48.853, Lon: 2.349, HasCoords: true},
		{Name: "Paris", Country: "US", Kind: City, Lat: 33.661, Lon: -95.556, HasCoords: true},
	}
	var buf bytes.Buffer
	if err := Write(&buf, ps, words); err != nil {
		t.Fatal(err)
	}
	tab, err := Read(&buf, 100)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestFind(t *testing.T) {
	tab := sample(t)
	tests := []struct {
		name, key string
		ok        bool
		places    []int32
		longer    bool
		words     int
	}{
		{"prefix only", "New", true, nil, true, 3},
		{"name and prefix", "New York", true, []int32{101}, true, 3},
		{"longest", "New York City", true, []int32{100}, false, 3},
		{"two places", "Paris", true, []int32{103, 104}, false, 1},
		{"accented", "Orléans", true, []int32{102}, false, 1},
		{"accent-free", "Orleans", true, []int32{102}, false, 1},
		{"missing", "London", false, nil, false, 0},
		{"case matters", "paris", false, nil, false, 0},
		{"empty", "", false, nil, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := tab.FindString(tt.key)
			k2, ok2 := tab.Find([]byte(tt.key))
			if ok != ok2 || !slices.Equal(k.Places, k2.Places) {
				t.Fatalf("Find and FindString disagree")
			}
			if ok != tt.ok || !slices.Equal(k.Places, tt.places) || k.Longer != tt.longer || k.Words != tt.words {
				t.Errorf("FindString(%q) = %+v, %v; want %v %v %v %v", tt.key, k, ok, tt.places, tt.longer, tt.words, tt.ok)
			}
		})
	}
}

func TestPlaces(t *testing.T) {
	tab := sample(t)
	if tab.Len() != 5 || tab.Name(2) != "Orléans" || tab.Country(2) != "FR" || tab.Kind(1) != Region {
		t.Errorf("place columns wrong: %d %q %q %c", tab.Len(), tab.Name(2), tab.Country(2), tab.Kind(1))
	}
	if lat, lon, ok := tab.Coords(0); !ok || lat != 40.714 || lon != -74.006 {
		t.Errorf("Coords(0) = %v %v %v", lat, lon, ok)
	}
	if _, _, ok := tab.Coords(1); ok {
		t.Errorf("a region without coordinates has some")
	}
}

func TestFindAllocates(t *testing.T) {
	tab := sample(t)
	key := []byte("New York City")
	if n := testing.AllocsPerRun(100, func() { tab.Find(key); tab.FindString("New York") }); n != 0 {
		t.Errorf("lookups allocate %v times", n)
	}
}

// Bad input must give an error, never a panic.
func TestReadCorrupt(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, []Place{{Name: "Paris", Country: "FR", Kind: City}}, words); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	tests := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": good[:len(good)/2],
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Read(bytes.NewReader(data), 0); err == nil {
				t.Errorf("no error")
			}
		})
	}
	// Every single-byte change of the decompressed content.
	raw := decompress(t, good)
	for i := range raw {
		b := slices.Clone(raw)
		b[i] ^= 0xff
		tab, err := Read(bytes.NewReader(compress(t, b)), 0)
		if err == nil {
			tab.FindString("Paris")
		}
	}
}

func TestWriteRejects(t *testing.T) {
	if err := Write(&bytes.Buffer{}, []Place{{Name: "X", Country: "USA"}}, words); err == nil {
		t.Errorf("a three-letter country code was accepted")
	}
}
