package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/sqlite"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testStore holds two articles of one event, with extractions and a
// dossier that finds their injured counts conflicting.
func testStore(t testing.TB, extra int) parallax.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	mk := func(outlet, text string, injured int, pub time.Time) *parallax.Article {
		a := &parallax.Article{Text: text, Title: "Strikes in Iraq", Outlet: parallax.Outlet{Name: outlet, Country: "IQ"}, Published: pub,
			PublishedSource: parallax.DateMetadata, Language: "en", Format: "text", Input: outlet + ".txt", Agencies: []string{"Reuters"}}
		a.ID = parallax.ArticleID("", text)
		a.Paragraphs = []parallax.Span{{Start: 0, End: len(text)}}
		a.Sentences = a.Paragraphs
		s := strings.Index(text, fmt.Sprint(injured))
		a.Extraction = &parallax.Extraction{
			Quantities: []parallax.Quantity{{Start: s, End: s + len(fmt.Sprint(injured)) + 7, Text: fmt.Sprint(injured) + " people", Value: float64(injured), Low: float64(injured), High: float64(injured), Bound: parallax.BoundExact, Kind: "count", Unit: "people", Role: "injured", Scope: "Iraq"}},
			Entities:   []parallax.Entity{{Start: strings.Index(text, "Iraq"), End: strings.Index(text, "Iraq") + 4, Text: "Iraq", Type: parallax.LOC, ID: "loc:iraq", Name: "Iraq"}},
			Times:      []parallax.Timex{{Start: strings.Index(text, "Friday"), End: strings.Index(text, "Friday") + 6, Text: "Friday", Type: "DATE", Value: "2024-02-02"}},
			Quotes:     []parallax.Quote{{Start: 0, End: 10, Text: strings.Trim(text[:10], `"`), Speaker: parallax.Speaker{Text: "the ministry", Name: "Ministry of Health", ID: "org:moh"}, Verb: "said", Direct: true, Post: -1}},
		}
		return a
	}
	pub := time.Date(2024, 2, 3, 9, 0, 0, 0, time.UTC)
	a1 := mk("Shafaq News", `"We count," the ministry said: the strikes on Friday injured 25 people in Iraq, "one" of them, a child.`, 25, pub)
	// "the strikes" stands in for an open-ended figure: more than 85 has no
	// upper bound, which JSON cannot write as a number.
	a1.Extraction.Quantities = append(a1.Extraction.Quantities, parallax.Quantity{Start: 35, End: 46, Text: "the strikes", Value: 85, Low: 85, High: math.Inf(1), Bound: parallax.BoundAtLeast, Kind: "count", Role: "targets"})
	a2 := mk("Al Mayadeen", `"We count," the ministry said: the strikes on Friday injured 36 people in Iraq, all of them civilians, it added.`, 36, pub.Add(time.Hour))
	arts := []*parallax.Article{a1, a2}
	for i := range extra {
		a := mk("Wire", fmt.Sprintf(`"Report %d," a spokesman said on Friday; 7 people were injured in Iraq in incident %d.`, i, i), 7, pub.Add(time.Duration(i)*time.Minute))
		arts = append(arts, a)
	}
	if _, err := st.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	ev := &parallax.Event{ID: parallax.EventID(a1.ID), Title: "Strikes in Iraq", First: pub, Last: a2.Published, Articles: 2, Outlets: 2, Conflicts: 1, Summary: []string{"25–36 injured (Iraq)"}}
	members := []parallax.Membership{{ArticleID: a1.ID, EventID: ev.ID, Score: 1}, {ArticleID: a2.ID, EventID: ev.ID, Score: 0.9}}
	if err := st.SaveEvents(ctx, []*parallax.Event{ev}, members); err != nil {
		t.Fatal(err)
	}
	fig := func(a *parallax.Article) parallax.Figure {
		q := a.Extraction.Quantities[0]
		return parallax.Figure{Text: q.Text, Value: q.Value, Evidence: parallax.Evidence{ArticleID: a.ID, Outlet: a.Outlet.Name, Mention: &parallax.Span{Start: q.Start, End: q.End}}}
	}
	d := parallax.Dossier{EventID: ev.ID, Figures: []parallax.FigureComparison{{Role: "injured", Status: parallax.FigureConflicting,
		Scopes: []parallax.FigureScope{{Scope: "Iraq", Status: parallax.FigureConflicting, Figures: []parallax.Figure{fig(a1), fig(a2)}}}}}}
	b, _ := json.Marshal(d)
	if err := st.PutDocument(ctx, "dossier", ev.ID, b); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestWrite(t *testing.T) {
	st := testStore(t, 0)
	wantRows := map[string]int{"articles": 2, "events": 1, "mentions": 9, "figures": 3, "quotes": 2}
	for _, what := range Kinds {
		for _, format := range Formats {
			t.Run(what+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				n, err := Write(context.Background(), st, &buf, Options{Format: format, What: what, WithText: true, PageSize: 1})
				if err != nil {
					t.Fatal(err)
				}
				if n != wantRows[what] {
					t.Errorf("%d rows, want %d", n, wantRows[what])
				}
				var got int
				switch format {
				case "jsonl":
					for _, l := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
						var m map[string]any
						if err := json.Unmarshal(l, &m); err != nil {
							t.Fatalf("line %q: %v", l, err)
						}
						got++
					}
				case "csv":
					recs, err := csv.NewReader(&buf).ReadAll()
					if err != nil {
						t.Fatal(err)
					}
					got = len(recs) - 1
				case "parquet":
					f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
					if err != nil {
						t.Fatal(err)
					}
					got = int(f.NumRows())
				}
				if got != n {
					t.Errorf("read back %d rows, wrote %d", got, n)
				}
			})
		}
	}
}

// TestGolden pins the CSV columns and values of each kind.
func TestGolden(t *testing.T) {
	st := testStore(t, 0)
	for _, what := range Kinds {
		t.Run(what, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := Write(context.Background(), st, &buf, Options{Format: "csv", What: what, WithText: true}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", what+".csv")
			if *update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file (run with -update after checking):\n%s", what, buf.String())
			}
		})
	}
}

func TestParquetRoundTrip(t *testing.T) {
	st := testStore(t, 0)
	var buf bytes.Buffer
	if _, err := Write(context.Background(), st, &buf, Options{Format: "parquet", What: "figures"}); err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.Read[FigureRow](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Value != 25 || rows[2].Value != 36 || rows[1].High != nil || rows[0].ScopeStatus != parallax.FigureConflicting || rows[0].Sentence == "" || rows[0].High == nil || *rows[0].High != 25 {
		t.Errorf("rows %+v", rows)
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		ok   bool
	}{
		{"ok", Options{Format: "csv", What: "events"}, true},
		{"bad format", Options{Format: "xlsx", What: "events"}, false},
		{"bad kind", Options{Format: "csv", What: "people"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opt.Validate()
			if (err == nil) != tt.ok {
				t.Errorf("err %v", err)
			}
			if err != nil && parallax.ErrorCode(err) != parallax.EINVALID {
				t.Errorf("code %s", parallax.ErrorCode(err))
			}
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	st := testStore(b, 2000)
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				var buf bytes.Buffer
				n, err := Write(context.Background(), st, &buf, Options{Format: format, What: "mentions"})
				if err != nil {
					b.Fatal(err)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
