package quantity

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
)

var update = flag.Bool("update", false, "rewrite golden files")

func describe(qs []parallax.Quantity) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "%q=%g %s %s unit=%s role=%s scope=%s source=%s; ", q.Text, q.Value, q.Bound, q.Kind, q.Unit, q.Role, q.Scope, q.Source)
	}
	return b.String()
}

// at returns the quantity whose text contains num, or fails.
func at(t *testing.T, qs []parallax.Quantity, num string) parallax.Quantity {
	t.Helper()
	for _, q := range qs {
		if strings.Contains(q.Text, num) {
			return q
		}
	}
	t.Fatalf("no quantity with %q in %s", num, describe(qs))
	return parallax.Quantity{}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name, text, num string
		value           float64
		bound, kind     string
		unit, role      string
		scope, source   string
	}{
		{"killed and injured", "16 killed and 25 injured in Iraq alone.", "16", 16, "exact", "count", "", "killed", "Iraq", ""},
		{"coordinated second", "16 killed and 25 injured in Iraq alone.", "25", 25, "exact", "count", "", "injured", "Iraq", ""},
		{"death of", "The strikes resulted in the death of 16 individuals and injuries to 25 others in Iraq alone.", "16", 16, "exact", "count", "individuals", "killed", "Iraq", ""},
		{"injuries to", "The strikes resulted in the death of 16 individuals and injuries to 25 others in Iraq alone.", "25", 25, "exact", "count", "others", "injured", "Iraq", ""},
		{"killing nearly", "The US carried out airstrikes in Iraq and Syria, reportedly killing nearly 40 people, according to Reuters news agency.", "40", 40, "about", "count", "people", "killed", "Iraq and Syria", "Reuters"},
		{"killed soldiers", "A coalition air force hit Syrian forces and killed 62 soldiers, as well as wounding 100 more.", "62", 62, "exact", "count", "soldiers", "killed", "", ""},
		{"wounding more", "A coalition air force hit Syrian forces and killed 62 soldiers, as well as wounding 100 more.", "100", 100, "exact", "count", "", "injured", "", ""},
		{"more than targets", "According to CENTCOM, US forces struck more than 85 targets in Iraq and Syria.", "85", 85, "at least", "count", "targets", "targets", "Iraq and Syria", "CENTCOM"},
		{"at least munitions", "The strikes used at least 125 precision munitions, CENTCOM said.", "125", 125, "at least", "count", "munitions", "munitions", "", "CENTCOM"},
		{"almost", "The number of victims in Syria is almost 30 people.", "30", 30, "about", "count", "people", "killed", "Syria", ""},
		{"as per", "The attacks killed 12 soldiers, as per a Syrian military statement.", "12", 12, "exact", "count", "soldiers", "killed", "", "Syrian military statement"},
		{"scope before", "The attacks on sites in Anbar province, western Iraq, killed 16 people and injured 36 others.", "36", 36, "exact", "count", "others", "injured", "Anbar province", ""},
		{"words", "Sixteen people were killed.", "Sixteen", 16, "exact", "count", "people", "killed", "", ""},
		{"compound words", "Twenty-five troops arrived.", "Twenty-five", 25, "exact", "count", "troops", "troops", "", ""},
		{"dozens", "Jets struck dozens of sites.", "dozens", 24, "about", "count", "sites", "targets", "", ""},
		{"hundreds", "Hundreds were arrested.", "Hundreds", 200, "about", "count", "", "arrested", "", ""},
		{"handful", "Only a handful were evacuated.", "handful", 5, "about", "count", "", "evacuated", "", ""},
		{"tens of thousands", "Tens of thousands of civilians were displaced.", "Tens of thousands", 10000, "about", "count", "civilians", "displaced", "", ""},
		{"between", "Between 20 and 30 people are missing.", "20", 20, "range", "count", "people", "missing", "", ""},
		{"dash range", "Some 20-30 people were detained.", "20-30", 20, "range", "count", "people", "arrested", "", ""},
		{"up to", "Up to 300 troops will deploy.", "300", 300, "at most", "count", "troops", "troops", "", ""},
		{"thousands separator", "1,000 people fled.", "1,000", 1000, "exact", "count", "people", "displaced", "", ""},
		{"european separator", "Die Polizei meldete 1.000 people evacuated.", "1.000", 1000, "exact", "count", "people", "evacuated", "", ""},
		{"space separator", "About 1 000 people were displaced.", "1 000", 1000, "about", "count", "people", "displaced", "", ""},
		{"decimal", "Growth was 2.5 percent.", "2.5", 2.5, "exact", "percent", "%", "", "", ""},
		{"arabic digits", "قتل ١٦ شخصا in Iraq, 16 killed.", "١٦", 16, "exact", "count", "", "", "Iraq", ""},
		{"money", "The contract is worth $5 million.", "$5", 5e6, "exact", "money", "USD", "", "", ""},
		{"euro bn", "A €3bn package was agreed.", "€3bn", 3e9, "exact", "money", "EUR", "", "", ""},
		{"us dollar", "GM owes US$ 27 billion.", "27", 27e9, "exact", "money", "USD", "", "", ""},
		{"percent sign", "Sales fell 45% in March.", "45%", 45, "exact", "percent", "%", "", "", ""},
		{"death toll", "The death toll rose to 40 on Sunday.", "40", 40, "exact", "count", "", "killed", "", ""},
		{"measure", "The convoy drove 40 km.", "40", 40, "exact", "measure", "km", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, sents := extract.Segment(tt.text)
			q := at(t, Extract(tt.text, sents), tt.num)
			if q.Value != tt.value || q.Bound != tt.bound || q.Kind != tt.kind || q.Unit != tt.unit || q.Role != tt.role || q.Scope != tt.scope || q.Source != tt.source {
				t.Errorf("%q = %g %s %s unit=%q role=%q scope=%q source=%q\nwant %g %s %s unit=%q role=%q scope=%q source=%q",
					q.Text, q.Value, q.Bound, q.Kind, q.Unit, q.Role, q.Scope, q.Source,
					tt.value, tt.bound, tt.kind, tt.unit, tt.role, tt.scope, tt.source)
			}
		})
	}
}

// TestNotQuantities lists numbers that are not amounts.
func TestNotQuantities(t *testing.T) {
	tests := []struct{ name, text string }{
		{"year", "The largest raid since 2003."},
		{"date", "The meeting is on February 5."},
		{"day first", "It ended on 5 February 2024."},
		{"time", "It starts at 16:00 GMT."},
		{"pm", "It starts at 4 pm EST."},
		{"ordinal", "The 125th session opened."},
		{"phone", "Call +1 202-555-0100 now."},
		{"model", "An Airbus A380 and an F-16 landed."},
		{"resolution", "Under Resolution 2334 it is illegal."},
		{"duration", "The summit lasted three days."},
		{"age", "A 16-year-old was hurt."},
		{"iso date", "Filed on 2024-02-05."},
		{"handle", "See pic.twitter.com/q8zjG4y6SY and #UN2024."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.text, nil); len(got) != 0 {
				t.Errorf("got %s", describe(got))
			}
		})
	}
}

// seedFigures are the figures of the seeds with bound, role, scope and
// source.
var seedFigures = map[string][]struct {
	text          string
	value         float64
	bound, role   string
	scope, source string
}{
	"000": {
		{"more than 85 targets", 85, "at least", "targets", "Iraq and Syria", "CENTCOM"},
		{"16 individuals", 16, "exact", "killed", "Iraq", ""},
		{"25 others", 25, "exact", "injured", "Iraq", ""},
	},
	"001": {
		{"more than 85 targets", 85, "at least", "targets", "", ""},
		{"125 munitions", 125, "exact", "munitions", "", ""},
		{"almost 30 people", 30, "about", "killed", "Syria", ""},
	},
	"002": {
		{"more than 125", 125, "at least", "", "", ""},
		{"nearly 40 people", 40, "about", "killed", "Iraq and Syria", "Reuters"},
		{"85 targets", 85, "exact", "targets", "Iraq and Syria", "CENTCOM"},
	},
	"003": {
		{"more than 85 targets", 85, "at least", "targets", "", "CENTCOM"},
		{"more than 125 precision munitions", 125, "at least", "munitions", "", ""},
		{"16 people", 16, "exact", "killed", "Anbar province", ""},
		{"36 others", 36, "exact", "injured", "Anbar province", ""},
	},
	"004": {
		{"62 soldiers", 62, "exact", "killed", "", ""},
		{"100", 100, "exact", "injured", "", ""},
	},
}

// TestSeeds checks every figure of the seed articles and keeps the full
// output as a golden file (go test -update rewrites it).
func TestSeeds(t *testing.T) {
	files, err := filepath.Glob("../../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Skip("seeds missing")
	}
	golden := map[string][]parallax.Quantity{}
	for _, f := range files {
		name := filepath.Base(f)[:3]
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := extract.Clean(string(data))
		_, sents := extract.Segment(text)
		got := Extract(text, sents)
		golden[name] = got
		t.Run(name, func(t *testing.T) {
			for _, w := range seedFigures[name] {
				var q *parallax.Quantity
				for k := range got {
					if got[k].Text == w.text {
						q = &got[k]
						break
					}
				}
				if q == nil {
					t.Errorf("no figure %q in %s", w.text, describe(got))
					continue
				}
				if q.Value != w.value || q.Bound != w.bound || q.Role != w.role || q.Scope != w.scope || (w.source != "" && q.Source != w.source) {
					t.Errorf("%q = %g %s role=%q scope=%q source=%q, want %g %s role=%q scope=%q source=%q",
						w.text, q.Value, q.Bound, q.Role, q.Scope, q.Source, w.value, w.bound, w.role, w.scope, w.source)
				}
			}
		})
	}
	checkGolden(t, "../../testdata/quantity/seeds.golden.json", golden)
}

func checkGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the output (run go test -update and review the diff)", path)
	}
}

// TestBadInput checks that hostile numbers are parsed or rejected
// explicitly.
func TestBadInput(t *testing.T) {
	long := strings.Repeat("7", 10000)
	t.Run("long number rejected", func(t *testing.T) {
		if got := Extract(long+" people were killed", nil); len(got) != 0 {
			t.Errorf("10,000-digit number accepted: %s", describe(got)[:80])
		}
	})
	t.Run("separators", func(t *testing.T) {
		for text, want := range map[string]float64{
			"1,000 people":     1000,
			"1.000 people":     1000,
			"1 000 people":     1000,
			"1.5 million":      1.5e6,
			"2,500,000 people": 2.5e6,
			"1.000.000 people": 1e6,
		} {
			got := Extract(text, nil)
			if len(got) != 1 || got[0].Value != want {
				t.Errorf("%q = %s, want %g", text, describe(got), want)
			}
		}
	})
	for name, text := range map[string]string{
		"february 30":   "On February 30, 30 people died.",
		"year 99999":    "In 99999 nothing happened to 99999 people.",
		"mixed scripts": "٣٠ people, 三十 people, тридцать people, ३० people and 30 people",
		"invalid utf8":  "\xff16\xfe killed \x80",
		"lonely marks":  "$ € % - – between and to",
		"empty":         "",
	} {
		t.Run(name, func(t *testing.T) { checkSpans(t, text, Extract(text, nil)) })
	}
}

func checkSpans(t *testing.T, text string, got []parallax.Quantity) {
	t.Helper()
	prev := 0
	for _, q := range got {
		if q.Start < prev || q.End <= q.Start || q.End > len(text) || q.Text != text[q.Start:q.End] {
			t.Fatalf("bad span %d-%d %q in %q", q.Start, q.End, q.Text, text)
		}
		if q.Value != q.Value || q.Bound == "" || q.Kind == "" {
			t.Fatalf("incomplete quantity %+v", q)
		}
		prev = q.End
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"16 killed and 25 injured in Iraq alone", "more than 85 targets, according to CENTCOM",
		"1,000 vs 1.000 vs 1 000", "between 20 and 30", "$5 million and €3bn", "٣٠ people", "20-30%",
		"tens of thousands of civilians", "February 30", "99999", "+1 202-555-0100",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Extract(text, nil)
		if utf8.ValidString(text) {
			checkSpans(t, text, got)
		}
		_, sents := extract.Segment(text)
		Extract(text, sents)
	})
}
