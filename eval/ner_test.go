package eval

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
)

func spanWords(d NERDoc, sp NERSpan) string {
	return strings.Join(d.Sentences[sp.Sent][sp.Start:sp.End], " ") + "/" + sp.Type
}

func TestReadCoNLL(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "testdata", "entity", "sample.conll"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadCoNLL(f, "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Sentences) != 2 {
		t.Fatalf("got %d documents, want 1 with 2 sentences", len(docs))
	}
	var got []string
	for _, sp := range docs[0].Spans {
		got = append(got, spanWords(docs[0], sp))
	}
	// IOB1: "Iraq Syria" are two names, B- separating them.
	want := []string{"Dmitry Polyanskiy/PER", "New York/LOC", "UN Security Council/ORG", "Iraq/LOC", "Syria/LOC"}
	if !slices.Equal(got, want) {
		t.Errorf("spans %q, want %q", got, want)
	}
	if len(docs[0].Ignored) != 1 || spanWords(docs[0], docs[0].Ignored[0]) != "Russian/MISC" {
		t.Errorf("ignored %+v, want Russian/MISC", docs[0].Ignored)
	}
}

func TestDecodeTags(t *testing.T) {
	tests := []struct {
		name string
		tags []string
		want []NERSpan
	}{
		{"bio", []string{"B-PER", "I-PER", "O", "B-LOC"}, []NERSpan{{0, 0, 2, "PER"}, {0, 3, 4, "LOC"}}},
		{"iob1", []string{"I-ORG", "I-ORG", "B-ORG", "O"}, []NERSpan{{0, 0, 2, "ORG"}, {0, 2, 3, "ORG"}}},
		{"type change", []string{"I-PER", "I-LOC"}, []NERSpan{{0, 0, 1, "PER"}, {0, 1, 2, "LOC"}}},
		{"bioes", []string{"S-PER", "B-ORG", "E-ORG"}, []NERSpan{{0, 0, 1, "PER"}, {0, 1, 3, "ORG"}}},
		{"long names", []string{"B-person", "I-person", "B-GPE"}, []NERSpan{{0, 0, 2, "PER"}, {0, 2, 3, "LOC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeTags(tt.tags); !slices.Equal(got, tt.want) {
				t.Errorf("decodeTags(%q) = %+v, want %+v", tt.tags, got, tt.want)
			}
		})
	}
}

func TestNameCore(t *testing.T) {
	tests := []struct {
		words, typ, want string
	}{
		{"American automobile manufacturer Chrysler LLC", "ORG", "Chrysler LLC"},
		{"the United States", "LOC", "United States"},
		{"U.S. President Barack Obama", "PER", "Barack Obama"},
		{"Ford Motor Company CEO Alan Mulally", "PER", "Alan Mulally"},
		{"Bank of America", "ORG", "Bank of America"},
		{"the government of Canada", "LOC", "Canada"},
		{"Prime Minister of Canada", "PER", ""},
		{"the northern part of the country", "LOC", ""},
	}
	for _, tt := range tests {
		t.Run(tt.words, func(t *testing.T) {
			w := strings.Fields(tt.words)
			i, j, ok := NameCore(w, tt.typ)
			got := ""
			if ok {
				got = strings.Join(w[i:j], " ")
			}
			if got != tt.want {
				t.Errorf("NameCore(%q) = %q, want %q", tt.words, got, tt.want)
			}
		})
	}
}

func TestReadMeantime(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "testdata", "entity", "meantime_sample.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ReadMeantime(f, "sample")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sp := range d.Spans {
		got = append(got, spanWords(d, sp))
	}
	want := []string{"Barack Obama/PER", "GM/ORG", "GM/ORG"}
	if !slices.Equal(got, want) {
		t.Errorf("spans %q, want %q", got, want)
	}
	if len(d.Ignored) != 1 || spanWords(d, d.Ignored[0]) != "U.S./LOC" {
		t.Errorf("ignored %+v, want the pre-modifier U.S.", d.Ignored)
	}
}

func TestScoreNER(t *testing.T) {
	d := NERDoc{
		Sentences: [][]string{{"Maria", "Zakharova", "visited", "Baghdad", "and", "Moscow", "."}},
		Spans:     []NERSpan{{0, 0, 2, "PER"}, {0, 3, 4, "LOC"}, {0, 5, 6, "LOC"}},
	}
	tag := func(text string, sents []parallax.Span) []parallax.Entity {
		var out []parallax.Entity
		for _, w := range []struct{ s, typ string }{{"Maria Zakharova", "PER"}, {"Baghdad", "ORG"}, {"Moscow", "LOC"}, {"visit", "LOC"}} {
			i := strings.Index(text, w.s)
			out = append(out, parallax.Entity{Start: i, End: i + len(w.s), Text: w.s, Type: w.typ})
		}
		return out
	}
	sc := ScoreNER([]NERDoc{d}, tag, false, nil)
	if sc.Micro.TP != 2 || sc.Micro.FP != 2 || sc.Micro.FN != 1 || sc.Unaligned != 1 {
		t.Errorf("micro %+v unaligned %d, want TP 2 FP 2 FN 1, 1 unaligned", sc.Micro, sc.Unaligned)
	}
	if sc.Types["LOC"].FN != 1 || sc.Types["ORG"].FP != 1 {
		t.Errorf("per type %+v %+v", *sc.Types["LOC"], *sc.Types["ORG"])
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("EU B-ORG\nrejects O\n\n-DOCSTART- O\nGerman I-MISC\n")
	f.Add("a\tI-PER\n\t\tO\nb")
	f.Fuzz(func(t *testing.T, s string) {
		docs, err := ReadCoNLL(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, sp := range append(d.Spans, d.Ignored...) {
				if sp.Sent >= len(d.Sentences) || sp.Start < 0 || sp.End > len(d.Sentences[sp.Sent]) || sp.Start >= sp.End {
					t.Fatalf("bad span %+v", sp)
				}
			}
		}
	})
}

func FuzzReadMeantimeNER(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "testdata", "entity", "meantime_sample.xml")); err == nil {
		f.Add(string(b))
	}
	f.Add(`<Document><token t_id="1" sentence="0">A</token><Markables><ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="9"/></ENTITY_MENTION></Markables></Document>`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ReadMeantime(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, sp := range d.Spans {
			if sp.Sent >= len(d.Sentences) || sp.Start < 0 || sp.End > len(d.Sentences[sp.Sent]) || sp.Start >= sp.End {
				t.Fatalf("bad span %+v", sp)
			}
		}
	})
}
