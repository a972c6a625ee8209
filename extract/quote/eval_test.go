package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/eval"
	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/extract/entity"
)

// scoreDir runs Extract on every brat document in dir and scores it.
func scoreDir(t *testing.T, dir string, withEntities bool) *eval.QuoteScore {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.ann"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no brat files in %s", dir)
	}
	s := &eval.QuoteScore{Verbose: true}
	for _, f := range files {
		d, err := eval.ReadBratFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, sents := extract.Segment(d.Text)
		var ents []parallax.Entity
		if withEntities {
			ents = entity.Extract(d.Text, sents)
		}
		s.Add(filepath.Base(d.Name), d.Text, eval.BratQuotes(d), Extract(d.Text, sents, ents, nil))
	}
	return s
}

// TestAnnotated scores the extractor on the hand-annotated seeds and
// passages in testdata/quote and fails when it falls below the figures it
// reached when the annotations were written; the figures are printed with
// -v.
func TestAnnotated(t *testing.T) {
	for _, tc := range []struct {
		name     string
		dir      string
		entities bool
		minF1    float64
		minSpk   float64
	}{
		{"seeds", "../../testdata/quote/seeds", true, 0.80, 0.90},
		{"seeds without entities", "../../testdata/quote/seeds", false, 0.80, 0.90},
		{"passages", "../../testdata/quote/passages", true, 0.80, 0.90},
		{"passages without entities", "../../testdata/quote/passages", false, 0.80, 0.90},
		{"heldout", "../../testdata/quote/heldout", true, 0.0, 0.0},
		{"heldout without entities", "../../testdata/quote/heldout", false, 0.0, 0.0},
		{"heldout2", "../../testdata/quote/heldout2", true, 0.0, 0.0},
		{"heldout2 without entities", "../../testdata/quote/heldout2", false, 0.0, 0.0},
		{"heldout3", "../../testdata/quote/heldout3", true, 0.0, 0.0},
		{"heldout3 without entities", "../../testdata/quote/heldout3", false, 0.0, 0.0},
		// Direct quotes only are annotated there: F1 is not meaningful.
		{"meantime", "../../testdata/quote/meantime", true, 0.0, 0.90},
		{"meantime without entities", "../../testdata/quote/meantime", false, 0.0, 0.90},
		{"ecbplus", "../../testdata/quote/ecbplus", true, 0.0, 0.80},
		{"ecbplus without entities", "../../testdata/quote/ecbplus", false, 0.0, 0.80},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := os.Stat(tc.dir); err != nil {
				t.Skipf("%s: %v", tc.dir, err)
			}
			s := scoreDir(t, tc.dir, tc.entities)
			var b strings.Builder
			s.Write(&b)
			t.Log("\n" + b.String())
			if s.F1() < tc.minF1 {
				t.Errorf("quote F1 %.3f < %.3f", s.F1(), tc.minF1)
			}
			if acc := s.SpeakerAccuracy(); acc < tc.minSpk {
				t.Errorf("speaker accuracy %.3f < %.3f", acc, tc.minSpk)
			}
		})
	}
}
