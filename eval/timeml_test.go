package eval

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestReadTimeML(t *testing.T) {
	f, err := os.Open("../testdata/timex/sample.tml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ReadTimeML(f, "sample.tml")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC); !d.DCT.Equal(want) {
		t.Errorf("DCT = %v, want %v", d.DCT, want)
	}
	if !strings.HasPrefix(d.Text, "\nRussia called on Saturday") || strings.Contains(d.Text, "MAKEINSTANCE") || strings.Contains(d.Text, "DOCID") {
		t.Errorf("text = %q", d.Text)
	}
	want := []struct{ text, typ, value string }{
		{"Saturday", "DATE", "2024-02-03"},
		{"4 pm EST", "TIME", "2024-02-05T16:00"},
		{"February 5", "DATE", "2024-02-05"},
		{"thirty minutes", "DURATION", "PT30M"},
		{"2003", "DATE", "2003"},
	}
	if len(d.Gold) != len(want) {
		t.Fatalf("got %d gold expressions, want %d: %+v", len(d.Gold), len(want), d.Gold)
	}
	for i, w := range want {
		g := d.Gold[i]
		if g.Text != w.text || d.Text[g.Start:g.End] != w.text || g.Type != w.typ || g.Value != w.value {
			t.Errorf("gold %d = %+v, want %+v", i, g, w)
		}
	}
	if !strings.Contains(d.Text, "Council & its") {
		t.Errorf("entity not decoded: %q", d.Text)
	}
}

func TestReadTimeMLErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":     "",
		"unclosed":  "<TimeML><TEXT>on <TIMEX3 type=\"DATE\" value=\"2024\">2024",
		"no text":   "<TimeML><DCT><TIMEX3 value=\"2024-01-01\" functionInDocument=\"CREATION_TIME\"/></DCT></TimeML>",
		"plain":     "just text, no markup",
		"stray end": "<TEXT>a</TIMEX3></TEXT>",
	} {
		t.Run(name, func(t *testing.T) {
			d, err := ReadTimeML(strings.NewReader(in), name)
			if err == nil {
				for _, g := range d.Gold {
					if g.Start < 0 || g.End > len(d.Text) || g.Start > g.End {
						t.Errorf("bad span %+v", g)
					}
				}
			}
		})
	}
}

func FuzzReadTimeML(f *testing.F) {
	data, _ := os.ReadFile("../testdata/timex/sample.tml")
	f.Add(string(data))
	f.Add("<TimeML><TEXT><TIMEX3 value=\"x\">a</TIMEX3></TEXT></TimeML>")
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ReadTimeML(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, g := range d.Gold {
			if g.Start < 0 || g.End > len(d.Text) || g.Start > g.End || d.Text[g.Start:g.End] != g.Text {
				t.Fatalf("bad span %+v", g)
			}
		}
	})
}
