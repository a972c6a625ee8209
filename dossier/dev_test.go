package dossier_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
	"github.com/parallax-news/parallax/extract/quote"
	"github.com/parallax-news/parallax/extract/timex"
)

func TestDevPrint(t *testing.T) {
	arts := seedEvent(t)
	files, _ := filepath.Glob("../testdata/seeds/004_*.txt")
	all := append(arts, readSeed(t, files[0]))
	d := dossier.Build(&parallax.Event{ID: "e1"}, arts, dossier.Options{Background: dossier.BackgroundOf(all)})
	dossier.WriteText(os.Stdout, d)
}

func TestDevECB(t *testing.T) {
	for _, n := range []string{os.Getenv("ECB")} {
		files, _ := filepath.Glob("../testdata/dossier/ecbplus/" + n + "_*.xml")
		var arts []*parallax.Article
		for _, f := range files {
			a := readECB(t, f, time.Date(2005, 11, 27, 12, 0, 0, 0, time.UTC))
			a.Extraction = &parallax.Extraction{Times: timex.Extract(a.Text, a.Published)}
			a.Extraction.Quotes = quote.Extract(a.Text, a.Sentences, nil, nil)
			arts = append(arts, a)
		}
		d := dossier.Build(&parallax.Event{ID: n}, arts, dossier.Options{})
		dossier.WriteText(os.Stdout, d)
	}
}
