package dossier_test

import (
	"os"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

func TestTmpView(t *testing.T) {
	name := os.Getenv("VIEW")
	if name == "" {
		t.Skip()
	}
	arts := readArticles(t, "../testdata/dossier/"+name+".articles.json")
	d := dossier.Build(&parallax.Event{ID: name}, arts, dossier.Options{Background: dossier.BackgroundOf(arts)})
	dossier.WriteText(os.Stdout, d)
}
