package quote

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/quote/golden")

// TestGolden compares the quotes of the seed articles and the passages,
// extracted without entities (so that changes to the entity extractor do
// not show here), with the golden files; run with -update to rewrite them
// after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	var files []string
	for _, dir := range []string{"seeds", "passages", "heldout", "heldout2", "heldout3", "meantime", "ecbplus"} {
		fs, _ := filepath.Glob(filepath.Join("../../testdata/quote", dir, "*.txt"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Skip("no annotated texts in testdata/quote")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(raw)
			_, sents := extract.Segment(text)
			got, err := json.MarshalIndent(Extract(text, sents, nil, nil), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("../../testdata/quote/golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("quotes of %s differ from %s; run go test -update and review the diff", name, golden)
			}
		})
	}
}
