package dossier_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/extract/quote"
	"github.com/parallax-news/parallax/extract/timex"
)

// seedOutlets names the seeds' outlets as their bylines and pages do.
var seedOutlets = map[string]string{
	"000": "Al Mayadeen English",
	"001": "",
	"002": "Palestine Chronicle",
	"003": "Shafaq News",
	"004": "",
}

var seedDate = regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2}) `)

// readSeed reads a seed file into an article: the " date" header gives the
// publication date, the rest is cleaned and segmented.
func readSeed(t testing.TB, path string) *parallax.Article {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	a := &parallax.Article{Input: path}
	if m := seedDate.FindStringSubmatch(text); m != nil {
		a.Published, _ = time.Parse("2006-01-02", m[1])
		text = text[len(m[0]):]
	}
	a.Text = extract.Clean(text)
	a.Paragraphs, a.Sentences = extract.Segment(a.Text)
	a.Language = "en"
	base := filepath.Base(path)
	a.ID = base[:3]
	a.Outlet.Name = seedOutlets[base[:3]]
	runExtractors(a)
	return a
}

// runExtractors runs the extractors on an article as the pipeline does.
func runExtractors(a *parallax.Article) {
	a.Extraction = &parallax.Extraction{
		Times: timex.Extract(a.Text, a.Published),
	}
	a.Extraction.Quotes = quote.Extract(a.Text, a.Sentences, nil, a.Posts)
}

// qty adds a quantity found at the nth occurrence of text.
func qty(t testing.TB, a *parallax.Article, text string, value float64, bound, role, scope string) {
	t.Helper()
	i := strings.Index(a.Text, text)
	if i < 0 {
		t.Fatalf("%s: %q not found", a.ID, text)
	}
	a.Extraction.Quantities = append(a.Extraction.Quantities, parallax.Quantity{
		Start: i, End: i + len(text), Text: text, Value: value, Low: value, High: value, Bound: bound, Role: role, Scope: scope, Kind: "count",
	})
}

func seedEvent(t testing.TB) []*parallax.Article {
	files, _ := filepath.Glob("../testdata/seeds/00[0-3]_*.txt")
	var arts []*parallax.Article
	for _, f := range files {
		arts = append(arts, readSeed(t, f))
	}
	qty(t, arts[0], "more than 85 targets", 85, parallax.BoundAtLeast, "targets", "Iraq and Syria")
	qty(t, arts[0], "16 individuals", 16, parallax.BoundExact, "killed", "Iraq")
	qty(t, arts[0], "25 others", 25, parallax.BoundExact, "injured", "Iraq")
	qty(t, arts[1], "more than 85 targets", 85, parallax.BoundAtLeast, "targets", "")
	qty(t, arts[1], "125 munitions", 125, parallax.BoundExact, "munitions", "")
	qty(t, arts[1], "almost 30 people", 30, parallax.BoundAbout, "killed", "Syria")
	qty(t, arts[2], "85 targets", 85, parallax.BoundExact, "targets", "Iraq and Syria")
	qty(t, arts[2], "nearly 40 people", 40, parallax.BoundAbout, "killed", "Iraq and Syria")
	qty(t, arts[3], "more than 85 targets", 85, parallax.BoundAtLeast, "targets", "")
	qty(t, arts[3], "more than 125 precision munitions", 125, parallax.BoundAtLeast, "munitions", "")
	qty(t, arts[3], "16 people", 16, parallax.BoundExact, "killed", "Anbar province")
	qty(t, arts[3], "36 others", 36, parallax.BoundExact, "injured", "Anbar province")
	return arts
}
