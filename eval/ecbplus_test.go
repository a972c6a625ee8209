package eval

import (
	"path/filepath"
	"strings"
	"testing"
)

// The fixture holds four documents of ECB+ topic 1 (CC BY 3.0; see its
// README).
var ecbFixture = filepath.Join("..", "testdata", "cluster", "ecbplus")

func TestReadECBPlusDir(t *testing.T) {
	docs, err := ReadECBPlusDir(ecbFixture)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 {
		t.Fatalf("%d documents, want 4", len(docs))
	}
	want := []string{"1_1ecb.xml 1/ecb", "1_1ecbplus.xml 1/ecbplus", "1_7ecb.xml 1/ecb", "1_7ecbplus.xml 1/ecbplus"}
	for i, d := range docs {
		if got := d.Name + " " + d.Label(); got != want[i] {
			t.Errorf("doc %d: %s, want %s", i, got, want[i])
		}
	}
	plus := docs[1].Article
	if !strings.HasPrefix(plus.URL, "http://www.accesshollywood.com/") {
		t.Errorf("ecbplus URL %q: want sentence 0 joined", plus.URL)
	}
	if plus.Title != "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab" {
		t.Errorf("ecbplus title %q", plus.Title)
	}
	if !strings.Contains(plus.Text, "First Published: June 13, 2013 4: 59 PM EDT") && !strings.Contains(plus.Text, "June 13, 2013") {
		t.Errorf("date line missing from text:\n%s", plus.Text[:200])
	}
	for _, s := range plus.Sentences {
		if s.Of(plus.Text) == "" {
			t.Errorf("empty or out-of-range sentence span %+v", s)
		}
	}
	if docs[0].Article.Title != "" || docs[0].Article.URL != "" {
		t.Errorf("ecb document got title %q, URL %q: its sentence 0 is text", docs[0].Article.Title, docs[0].Article.URL)
	}
}

func TestReadECBPlusBad(t *testing.T) {
	tests := []struct{ name, file, xml string }{
		{"bad name", "notes.xml", `<Document/>`},
		{"broken xml", "1_1ecb.xml", `<Document><token t_id="1" sentence="0">a</tok`},
		{"sentence out of range", "1_1ecb.xml", `<Document><token t_id="1" sentence="-3" number="0">a</token></Document>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadECBPlus(strings.NewReader(tt.xml), tt.file); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestDetokenize(t *testing.T) {
	got := Detokenize(strings.Fields("Lohan ’s attorney , Shawn Holley ( left ) said `` no '' ."))
	want := `Lohan’s attorney, Shawn Holley (left) said "no".`
	if got != want {
		t.Errorf("Detokenize = %q, want %q", got, want)
	}
}

func FuzzReadECBPlus(f *testing.F) {
	f.Add(`<Document><token t_id="1" sentence="0" number="0">http</token><token t_id="2" sentence="1" number="0">Hi</token><Markables/></Document>`)
	f.Add(`<token sentence="99999">x</token>`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ReadECBPlus(strings.NewReader(s), "3_4ecbplus.xml")
		if err == nil && d.Article == nil {
			t.Fatal("no article and no error")
		}
	})
}
