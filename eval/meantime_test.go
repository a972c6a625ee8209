package eval

import (
	"os"
	"strings"
	"testing"
	"time"
)

const meantimeFixture = "../testdata/meantime/127226_U.S._manufacturer_General_Motors_seeks_bankruptcy_protection.xml"

func TestReadMeantimeTimex(t *testing.T) {
	f, err := os.Open(meantimeFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ReadMeantimeTimex(f, "gm.xml")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC); !d.DCT.Equal(want) {
		t.Errorf("DCT = %v, want %v", d.DCT, want)
	}
	if !strings.HasPrefix(d.Text, "U.S. manufacturer General Motors seeks bankruptcy protection\nJune 01, 2009\n") {
		t.Errorf("text starts %q", d.Text[:80])
	}
	if d.Annotated <= 0 || d.Annotated > len(d.Text) {
		t.Errorf("annotated part ends at %d of %d", d.Annotated, len(d.Text))
	}
	var texts []string
	for _, g := range d.Gold {
		if d.Text[g.Start:g.End] != g.Text {
			t.Errorf("span %d-%d is %q, gold says %q", g.Start, g.End, d.Text[g.Start:g.End], g.Text)
		}
		texts = append(texts, g.Text+"="+g.Value)
	}
	if got, want := strings.Join(texts, "; "), "June 01, 2009=2009-06-01; 12:00 UTC Monday=2009-06-01T12:00Z; in recent U.S. history=PAST_REF"; got != want {
		t.Errorf("gold = %s, want %s", got, want)
	}
	if len(d.Values) == 0 {
		t.Error("no VALUE markables read")
	}
	for _, v := range d.Values {
		if d.Text[v.Start:v.End] != v.Text || (v.Type != "QUANTITY" && v.Type != "MONEY" && v.Type != "PERCENT") {
			t.Errorf("bad value %+v", v)
		}
	}
}

func TestParseDCT(t *testing.T) {
	for in, want := range map[string]string{
		"2009-06-01":       "2009-06-01",
		"03-02-2009":       "2009-02-03",
		"19980227":         "1998-02-27",
		"2009-06-01T12:00": "2009-06-01",
		"2009-06-01TMO":    "2009-06-01",
	} {
		got, ok := ParseDCT(in)
		if !ok || got.Format("2006-01-02") != want {
			t.Errorf("ParseDCT(%q) = %v %v, want %s", in, got, ok, want)
		}
	}
	if _, ok := ParseDCT("PRESENT_REF"); ok {
		t.Error("PRESENT_REF parsed as a date")
	}
}

func FuzzReadMeantimeTimex(f *testing.F) {
	data, _ := os.ReadFile(meantimeFixture)
	f.Add(string(data))
	f.Add(`<Document><token t_id="1" sentence="0">May</token><token t_id="2" sentence="1">5</token><Markables><TIMEX3 type="DATE" value="XXXX-05-05"><token_anchor t_id="2"/><token_anchor t_id="1"/><token_anchor t_id="9"/></TIMEX3></Markables></Document>`)
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ReadMeantimeTimex(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, g := range d.Gold {
			if g.Start < 0 || g.End > len(d.Text) || g.Start > g.End || d.Text[g.Start:g.End] != g.Text {
				t.Fatalf("bad span %+v", g)
			}
		}
		if d.Annotated > len(d.Text) {
			t.Fatalf("annotated part ends at %d beyond %d", d.Annotated, len(d.Text))
		}
	})
}
