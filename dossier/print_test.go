package dossier_test

import (
	"flag"
	"os"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

var printCase = flag.String("print", "", "print the text dossier of a golden case (seeds-2024, ecbplus-qeshm, …) built from its frozen extraction")

// TestPrint shows a golden case as a terminal reader sees it:
//
//	go test ./dossier -run TestPrint -v -print seeds-2024
func TestPrint(t *testing.T) {
	if *printCase == "" {
		t.Skip("no -print case given")
	}
	for _, gc := range goldenCases {
		if gc.name != *printCase {
			continue
		}
		arts := readArticles(t, "../testdata/dossier/"+gc.name+".articles.json")
		d := dossier.Build(&parallax.Event{ID: gc.name}, arts, gc.options(arts))
		if err := dossier.WriteText(os.Stdout, d); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no golden case %q", *printCase)
}
