package dossier_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

func TestDevPrint(t *testing.T) {
	if os.Getenv("DEV") == "" {
		t.Skip()
	}
	arts := seedEvent(t)
	files, _ := filepath.Glob("../testdata/seeds/004_*.txt")
	all := append(arts, readSeed(t, files[0]))
	d := dossier.Build(&parallax.Event{ID: "e1"}, arts, dossier.Options{Background: dossier.BackgroundOf(all)})
	dossier.WriteText(os.Stdout, d)
}

func TestDevECB(t *testing.T) {
	if os.Getenv("ECB") == "" {
		t.Skip()
	}
	arts := loadECBEvent(t, os.Getenv("ECB"))
	d := dossier.Build(&parallax.Event{ID: "x"}, arts, dossier.Options{})
	dossier.WriteText(os.Stdout, d)
}

func TestDevClaims(t *testing.T) {
	if os.Getenv("DEV") == "" {
		t.Skip()
	}
	d := dossier.Build(&parallax.Event{ID: "e1"}, seedEvent(t), dossier.Options{})
	for _, c := range d.Claims {
		if c.Status != parallax.ClaimAgreed {
			continue
		}
		t.Logf("CLAIM %v", c.Outlets)
		for _, e := range c.Evidence {
			t.Logf("    %s: %s", e.Outlet, e.Sentence)
		}
	}
}

func TestDevQuotes(t *testing.T) {
	if os.Getenv("DEV") == "" {
		t.Skip()
	}
	for _, a := range seedEvent(t) {
		for _, q := range a.Extraction.Quotes {
			t.Logf("%s | %q | %q post=%d med=%q %d-%d", a.OutletName(), q.Speaker.Text, q.Text[:min(40, len(q.Text))], q.Post, q.Medium, q.Start, q.End)
		}
		for _, p := range a.Posts {
			t.Logf("POST %s %+v", a.OutletName(), p)
		}
	}
}

func TestDevFigures(t *testing.T) {
	if os.Getenv("ECB") == "" {
		t.Skip()
	}
	arts := loadECBEvent(t, os.Getenv("ECB"))
	d := dossier.Build(&parallax.Event{ID: "x"}, arts, dossier.Options{})
	for _, f := range d.Figures {
		for _, sc := range f.Scopes {
			for _, fg := range sc.Figures {
				t.Logf("%s [%s] %s %q %v-%v %s | %s", f.Role, sc.Scope, fg.Evidence.Outlet, fg.Text, fg.Low, fg.High, fg.Bound, fg.Evidence.Sentence)
			}
		}
	}
}
