package dossier_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

func TestDevPrint(t *testing.T) {
	arts := seedEvent(t)
	files, _ := filepath.Glob("../testdata/seeds/004_*.txt")
	all := append(arts, readSeed(t, files[0]))
	d := dossier.Build(&parallax.Event{ID: "e1"}, arts, dossier.Options{Background: dossier.BackgroundOf(all)})
	dossier.WriteText(os.Stdout, d)
}
