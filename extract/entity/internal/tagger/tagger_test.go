package tagger

import (
	"bytes"
	"slices"
	"testing"
)

func TestTrainSaveLoad(t *testing.T) {
	sents := []struct {
		words []string
		tags  []int
	}{
		{[]string{"Maria", "Zakharova", "visited", "Moscow", "."}, []int{BPER, IPER, O, BLOC, O}},
		{[]string{"John", "Kirby", "left", "Baghdad", "."}, []int{BPER, IPER, O, BLOC, O}},
		{[]string{"The", "UN", "met", "in", "Paris", "."}, []int{O, BORG, O, O, BLOC, O}},
	}
	tr := NewTrainer(16)
	tr.M.Lower = LearnLower([][]string{{"The", "UN", "met"}, {"They", "met", "in", "Paris"}}, 2)
	for range 20 {
		for _, s := range sents {
			f := tr.M.Features(&Sentence{Words: s.words}, nil)
			tr.Learn(f, s.tags)
		}
	}
	tr.Average()
	var buf bytes.Buffer
	if err := tr.M.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sents {
		got := m.Decode(m.Features(&Sentence{Words: s.words}, nil), nil)
		if !slices.Equal(got, s.tags) {
			t.Errorf("%q: tags %v, want %v", s.words, got, s.tags)
		}
	}
	if _, ok := m.Lower["met"]; !ok || len(m.Lower) != 1 {
		t.Errorf("lower-case vocabulary %v, want [met]", m.Lower)
	}
	if _, err := Load(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("Load accepted garbage")
	}
}

func FuzzLoad(f *testing.F) {
	tr := NewTrainer(8)
	tr.M.Lower = map[string]struct{}{"said": {}}
	tr.M.Clusters = Clusters{"paris": {1, 2}}
	tr.Learn(tr.M.Features(&Sentence{Words: []string{"Paris", "said"}}, nil), []int{BLOC, O})
	tr.Average()
	var buf bytes.Buffer
	if err := tr.M.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("not a model"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		m.Tag(&Sentence{Words: []string{"Paris", "said", "so"}}, nil)
	})
}

func TestDecodeKeepsBIO(t *testing.T) {
	m := New(8)
	// Favour I-PER everywhere: decoding must still open names with B-.
	for i := range m.w {
		if i%NT == IPER {
			m.w[i] = 1
		}
	}
	tags := m.Decode(m.Features(&Sentence{Words: []string{"a", "b", "c"}}, nil), nil)
	for i, tg := range tags {
		prev := NT
		if i > 0 {
			prev = tags[i-1]
		}
		if !allowed(prev, tg) {
			t.Fatalf("tags %v break BIO at %d", tags, i)
		}
	}
}

func TestShape(t *testing.T) {
	for in, want := range map[string]string{"Polyanskiy": "Xx", "U.S.": "X.X.", "2024": "d", "al-Awadi": "x-Xx", "Дмитрий": "Xx", "": ""} {
		if got := Shape(in); got != want {
			t.Errorf("Shape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLearnPartial(t *testing.T) {
	tr := NewTrainer(12)
	words := []string{"Officials", "in", "Baghdad", "met", "Smith", "."}
	// "Baghdad" is annotated, "Officials" and "Smith" are not: unknown.
	gold := []int{-1, O, BLOC, O, -1, O}
	for range 5 {
		tr.Learn(tr.M.Features(&Sentence{Words: words}, nil), gold)
	}
	tr.Average()
	got := tr.M.Decode(tr.M.Features(&Sentence{Words: words}, nil), nil)
	if got[2] != BLOC || got[1] != O {
		t.Errorf("tags %v: the annotated words were not learned", got)
	}
}

// Document contexts add one feature per token, whatever the spacing, and
// nothing for an empty list.
func TestContextFeatures(t *testing.T) {
	m := New(16)
	words := []string{"Chrysler", "will", "receive", "loans"}
	base := m.Features(&Sentence{Words: words}, nil)
	tests := []struct {
		name string
		ctx  string
		more int
	}{
		{"none", "", 0},
		{"one", "p:of", 1},
		{"two", "p:of n:'s", 2},
		{"extra spaces", " p:of  n:'s ", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := m.Features(&Sentence{Words: words, Ctx: []string{tt.ctx, "", "", ""}}, nil)
			if got := len(f[0]) - len(base[0]); got != tt.more {
				t.Errorf("%d more features, want %d", got, tt.more)
			}
			if !slices.Equal(f[1], base[1]) {
				t.Errorf("another word's features changed")
			}
		})
	}
}
