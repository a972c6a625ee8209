package cluster

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

var update = flag.Bool("update", false, "rewrite golden files")

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		ok     bool
	}{
		{"default", func(*Config) {}, true},
		{"zero threshold", func(c *Config) { c.Threshold = 0 }, false},
		{"negative window", func(c *Config) { c.Window = -time.Hour }, false},
		{"copy similarity below the index", func(c *Config) { c.CopySimilarity = 0.2 }, false},
		{"short terms not below long terms", func(c *Config) { c.ShortTerms = c.LongTerms }, false},
		{"negative weight", func(c *Config) { c.EntityWeight = -1 }, false},
		{"no candidates", func(c *Config) { c.Candidates = 0 }, false},
		{"split groups of one", func(c *Config) { c.SplitMin = 1 }, false},
		{"negative split ratio", func(c *Config) { c.SplitRatio = -0.1 }, false},
		{"splitting off", func(c *Config) { c.SplitRatio, c.SplitMin = 0, 0 }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tt.change(&cfg)
			if err := cfg.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

const quake = `Tehran, March 3, 2025: A magnitude 6.1 earthquake struck the southern Iranian province of Hormozgan on Monday, killing 12 people and injuring 85, the Red Crescent said. The quake hit near the port city of Bandar Abbas at dawn, destroying dozens of mud-brick homes in villages around Qeshm Island. Rescue teams from Bushehr and Kerman were sent to the area, and Governor Ali Mehdizadeh said 40 aftershocks had been recorded.`

// quakeRewrite is quake as a syndicating outlet prints it: a credit line
// added and one word changed.
const quakeRewrite = `Tehran, March 3, 2025: A magnitude 6.1 earthquake struck the southern Iranian province of Hormozgan on Monday, killing 12 people and injuring 85, the Red Crescent said. The quake hit near the port city of Bandar Abbas at dawn, destroying dozens of mud-brick homes in villages around Qeshm Island. Rescue teams from Bushehr and Kerman were dispatched to the area, and Governor Ali Mehdizadeh said 40 aftershocks had been recorded. (Reuters)`

const quakeOther = `Bandar Abbas, March 4, 2025: Survivors of the Hormozgan earthquake spent a second night outdoors as the Red Crescent raised the toll to 14 dead. Governor Ali Mehdizadeh said tents and water had reached the villages near Qeshm Island hit hardest by Monday's quake, while engineers inspected damaged schools in Bandar Abbas.`

const quakeOld = `Bandar Abbas, November 27, 2005: A strong earthquake shook Qeshm Island in Hormozgan province on Sunday, killing 10 people and flattening villages, the Red Crescent said. Rescue teams from Bandar Abbas reached the island by boat.`

func TestBadInput(t *testing.T) {
	c := New(DefaultConfig())
	tests := []struct {
		name      string
		a         *parallax.Article
		thin      bool
		repeat    bool
		sameAs    string // article id whose event this one must share
		notSameAs string
	}{
		{name: "nil article", a: nil, thin: true},
		{name: "empty text", a: &parallax.Article{ID: "empty"}, thin: true},
		{name: "one word", a: &parallax.Article{ID: "word", Text: "Breaking"}, thin: true},
		{name: "only punctuation", a: &parallax.Article{ID: "punct", Text: "… — !!! ###"}, thin: true},
		{name: "report", a: &parallax.Article{ID: "q1", Text: quake, Published: day("2025-03-03")}},
		{name: "same article twice", a: &parallax.Article{ID: "q1", Text: quake, Published: day("2025-03-03")}, repeat: true, sameAs: "q1"},
		{name: "duplicated id, other text", a: &parallax.Article{ID: "q1", Text: quakeOther}, repeat: true, sameAs: "q1"},
		{name: "follow-up", a: &parallax.Article{ID: "q2", Text: quakeOther, Published: day("2025-03-04")}, sameAs: "q1"},
		{name: "out of order by a day", a: &parallax.Article{ID: "q3", Text: quakeRewrite, Published: day("2025-03-02")}, sameAs: "q1"},
		{name: "decades before", a: &parallax.Article{ID: "old", Text: quakeOld, Published: day("2005-11-28")}, notSameAs: "q1"},
		{name: "year 1", a: &parallax.Article{ID: "y1", Text: quake, Published: time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)}, notSameAs: "q1"},
		{name: "far future", a: &parallax.Article{ID: "fut", Text: quakeOther, Published: day("2999-12-31")}, notSameAs: "q1"},
		{name: "no id", a: &parallax.Article{Text: quakeOther, Published: day("2999-12-31")}},
		{name: "after a wrong future date", a: &parallax.Article{ID: "q4", Text: quakeOther, Published: day("2025-03-05")}, sameAs: "q1"},
	}
	events := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := c.Add(tt.a)
			if d.Thin != tt.thin {
				t.Errorf("Thin = %v, want %v", d.Thin, tt.thin)
			}
			if d.Repeat != tt.repeat {
				t.Errorf("Repeat = %v, want %v", d.Repeat, tt.repeat)
			}
			if d.Why == nil {
				t.Fatal("no explanation")
			}
			if tt.a == nil {
				return
			}
			if d.EventID == "" {
				t.Fatal("no event")
			}
			if tt.thin && (!d.New || d.EventID != parallax.EventID(tt.a.ID)) {
				t.Errorf("thin article in event %s, want an event of its own", d.EventID)
			}
			if tt.sameAs != "" && d.EventID != events[tt.sameAs] {
				t.Errorf("event %s, want %s's event %s\n%s", d.EventID, tt.sameAs, events[tt.sameAs], text(d.Why))
			}
			if tt.notSameAs != "" && d.EventID == events[tt.notSameAs] {
				t.Errorf("joined %s's event\n%s", tt.notSameAs, text(d.Why))
			}
			if !tt.repeat {
				events[tt.a.ID] = d.EventID
			}
		})
	}
}

func text(e *Explanation) string {
	var b strings.Builder
	e.WriteText(&b)
	return b.String()
}

func TestNearDuplicate(t *testing.T) {
	c := New(DefaultConfig())
	first := c.Add(&parallax.Article{ID: "wire", Text: quake, Published: day("2025-03-03")})
	other := c.Add(&parallax.Article{ID: "other", Text: quakeOther, Published: day("2025-03-04")})
	copy := c.Add(&parallax.Article{ID: "syndicated", Text: quakeRewrite, Published: day("2025-03-04")})
	if copy.CopyOf != "wire" || copy.EventID != first.EventID {
		t.Errorf("rewrite: copy of %q in %s, want a copy of wire in %s\n%s", copy.CopyOf, copy.EventID, first.EventID, text(copy.Why))
	}
	if other.CopyOf != "" {
		t.Errorf("a different report of the event was taken for a copy of %s", other.CopyOf)
	}
	// A copy of a copy points to the original.
	again := c.Add(&parallax.Article{ID: "again", Title: "", Text: quakeRewrite + " ", Published: day("2025-03-05")})
	if again.CopyOf != "wire" {
		t.Errorf("copy of a copy: CopyOf %q, want wire", again.CopyOf)
	}
	// Identical short headlines are copies too.
	h1 := c.Add(&parallax.Article{ID: "h1", Text: "quake kills 12 in southern iran"})
	h2 := c.Add(&parallax.Article{ID: "h2", Text: "Quake kills 12 in southern Iran!"})
	if h2.CopyOf != "h1" || h2.EventID != h1.EventID {
		t.Errorf("identical headline: CopyOf %q event %s, want h1's %s", h2.CopyOf, h2.EventID, h1.EventID)
	}
}

func TestDeterministic(t *testing.T) {
	arts := seedArticles(t)
	SortArrival(arts)
	run := func() string {
		c := New(DefaultConfig())
		var b strings.Builder
		for i := 0; i < 3; i++ {
			for _, a := range arts {
				d := c.Add(a)
				fmt.Fprintf(&b, "%s %s %.9f %v\n", a.ID, d.EventID, d.Score, d.Why.JSON())
			}
		}
		return b.String()
	}
	if a, b := run(), run(); a != b {
		t.Error("two runs over the same input differ")
	}
}

func TestWindowCloses(t *testing.T) {
	cfg := DefaultConfig()
	c := New(cfg)
	start := day("2025-01-01")
	for i := 0; i < 2000; i++ {
		c.Add(&parallax.Article{
			ID:        fmt.Sprintf("a%d", i),
			Text:      fmt.Sprintf("Report number %d about topic%d and subject%d in place%d", i, i, i*7, i*13),
			Published: start.Add(time.Duration(i) * time.Hour),
		})
	}
	// 2000 hours is 83 days; only events of the last week stay open.
	if n := c.OpenEvents(); n > 7*24+256 {
		t.Errorf("%d events open after 83 days of one event an hour, want about a week's worth", n)
	}
	if _, ok := c.Explain("a0"); ok {
		t.Error("an article of a closed event is still held in memory")
	}
	if _, ok := c.Explain("a1999"); !ok {
		t.Error("the last article's decision is not held")
	}
}

func TestStatsRoundTrip(t *testing.T) {
	arts := seedArticles(t)
	SortArrival(arts)
	a := New(DefaultConfig())
	var decs []Decision
	for _, x := range arts {
		decs = append(decs, a.Add(x))
	}
	stats, err := a.MarshalStats()
	if err != nil {
		t.Fatal(err)
	}
	// A clusterer rebuilt from the stats and the stored assignments
	// decides a new copy of seed 001 as the original did.
	b := New(DefaultConfig())
	if err := b.LoadStats(stats); err != nil {
		t.Fatal(err)
	}
	for i, x := range arts[:4] {
		b.Restore(x, decs[i].EventID)
	}
	again, err := b.MarshalStats()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stats, again) {
		t.Error("Restore after LoadStats counted the restored articles again")
	}
	late := *arts[1]
	late.ID = "late-copy"
	d := b.Add(&late)
	if d.EventID != decs[0].EventID {
		t.Errorf("after Restore, a copy of seed 001 went to %s, want %s", d.EventID, decs[0].EventID)
	}
	if err := b.LoadStats([]byte("{not json")); err == nil {
		t.Error("LoadStats accepted broken JSON")
	}
}

func TestBatch(t *testing.T) {
	arts := seedArticles(t)
	// Storage order: 004 before the undated 003.
	arts[3], arts[4] = arts[4], arts[3]
	decs := Batch(arts, DefaultConfig())
	ev := map[string]string{}
	for i, a := range arts {
		ev[a.ID[:3]] = decs[i].EventID
	}
	if ev["000"] != ev["001"] || ev["000"] != ev["002"] || ev["000"] != ev["003"] || ev["004"] == ev["000"] {
		t.Errorf("batch events %v: want 000–003 together, 004 apart", ev)
	}
	events, members := Events(arts, decs, DefaultConfig())
	if len(events) != 2 || len(members) != 5 {
		t.Errorf("Events: %d events, %d memberships, want 2 and 5", len(events), len(members))
	}
}

func TestSortArrival(t *testing.T) {
	mk := func(id, pub, text string) *parallax.Article {
		a := &parallax.Article{ID: id, Text: text}
		if pub != "" {
			a.Published = day(pub)
		}
		return a
	}
	tests := []struct {
		name string
		in   []*parallax.Article
		want string
	}{
		{"by publication time, stable", []*parallax.Article{mk("b", "2024-02-03", ""), mk("a", "2024-02-01", ""), mk("c", "2024-02-03", "")}, "a b c"},
		{"undated keeps its place", []*parallax.Article{mk("a", "2024-02-01", ""), mk("u", "", "no date here"), mk("b", "2024-02-05", "")}, "a u b"},
		{"undated placed by its dateline", []*parallax.Article{mk("b", "2024-09-21", ""), mk("u", "", "London, February 4, 2024: words"), mk("a", "2024-02-03", "")}, "a u b"},
		{"undated with a yearless date", []*parallax.Article{mk("a", "2024-02-03", ""), mk("b", "2024-09-21", ""), mk("u", "", "On Saturday the embassy said the council meets on February 7.")}, "a u b"},
		{"nil entries survive", []*parallax.Article{nil, mk("a", "2024-02-01", "")}, "<nil> a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			SortArrival(tt.in)
			var ids []string
			for _, a := range tt.in {
				if a == nil {
					ids = append(ids, "<nil>")
					continue
				}
				ids = append(ids, a.ID)
			}
			if got := strings.Join(ids, " "); got != tt.want {
				t.Errorf("order %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScanDates(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		published string
		want      string
	}{
		{"month day year", "It happened on February 5, 2024 in Syria.", "", "2024-02-05"},
		{"day month year", "On 5 February 2024 the council met.", "", "2024-02-05"},
		{"ordinal", "September 18th, 2013, 05:31 GMT", "", "2013-09-18"},
		{"iso", "Posted 2024-02-03 by staff.", "", "2024-02-03"},
		{"yearless with publication", "The meeting is on February 7.", "2024-02-03", "2024-02-07"},
		{"yearless in January refers to December before", "Talks began on December 28.", "2024-01-03", "2023-12-28"},
		{"weekday", "Russia called on Saturday for a meeting.", "2024-02-05", "2024-02-03"},
		{"month and year", "In March 2011 protests began.", "", "2011-03"},
		{"year", "The war began in 2011.", "", "2011"},
		{"may the verb", "Officials may meet 12 envoys.", "", ""},
		{"no date", "nothing to see", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pub time.Time
			if tt.published != "" {
				pub = day(tt.published)
			}
			spans, _, _, _ := scanDates(tokenize(tt.text, nil), pub, time.Time{}, true)
			var got []string
			for _, s := range spans {
				got = append(got, s.String())
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("dates %q, want %q", g, tt.want)
			}
		})
	}
}

func TestExplanationGolden(t *testing.T) {
	arts := seedArticles(t)
	SortArrival(arts)
	cfg := DefaultConfig()
	cfg.Window = 20 * 365 * 24 * time.Hour // keep the 2024 event open for 004's comparison
	c := New(cfg)
	var b strings.Builder
	for _, a := range arts {
		d := c.Add(a)
		d.Why.WriteText(&b)
		b.WriteByte('\n')
	}
	golden := filepath.Join("..", "testdata", "cluster", "seeds_why.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("explanations differ from %s (go test -update rewrites it):\n%s", golden, b.String())
	}
}

func FuzzAdd(f *testing.F) {
	f.Add("Russia calls UN meeting", quake, int64(1706918400))
	f.Add("", "", int64(0))
	f.Add("x", "February 30, 2024 Saturday 2024-13-45 99999999999999999999 killed", int64(-62135596800))
	f.Add("Élysée", "Zürich ‘quoted’ — “Deir ez-Zor” al-Assad’s 1,000.5 people 18th", int64(1<<40))
	f.Fuzz(func(t *testing.T, title, text string, pub int64) {
		c := New(DefaultConfig())
		a := &parallax.Article{ID: "a", Title: title, Text: text}
		if pub != 0 {
			a.Published = time.Unix(pub, 0)
		}
		b := &parallax.Article{ID: "b", Title: title, Text: text + " " + title, Published: a.Published}
		arts := []*parallax.Article{a, b, a}
		SortArrival(arts)
		for _, x := range arts {
			d := c.Add(x)
			if d.EventID == "" || d.Why == nil {
				t.Fatalf("decision without event or explanation: %+v", d)
			}
			d.Why.WriteText(new(strings.Builder))
		}
	})
}

func FuzzScanDates(f *testing.F) {
	f.Add("February 5, 2024 and 5 February 2024, 2024-02-05, Saturday, yesterday, 18th", int64(1706918400))
	f.Add("May 2024 may 31 September 31 0 0000-00-00", int64(0))
	f.Fuzz(func(t *testing.T, text string, pub int64) {
		var p time.Time
		if pub != 0 {
			p = time.Unix(pub%(1<<40), 0)
		}
		spans, _, _, _ := scanDates(tokenize(text, nil), p, p, true)
		for _, s := range spans {
			if s.Lo > s.Hi {
				t.Fatalf("span %+v ends before it starts", s)
			}
		}
	})
}

func TestVocabularyBounded(t *testing.T) {
	c := New(DefaultConfig())
	start := day("2025-01-01")
	// Every event brings names never seen again: the vocabulary must not
	// grow with the stream.
	var sizes []int
	for i := 0; i < 120000; i++ {
		ev := i / 3
		body := fmt.Sprintf("Minister Zed%dq Quux%dq met envoy Yor%dv Bel%dv about the harbour%dz accord%dz on Monday in Port%dp.",
			ev, ev, ev, ev, ev, ev, ev)
		d := c.Add(&parallax.Article{ID: fmt.Sprint(i), Text: body, Published: start.Add(time.Duration(i) * time.Minute)})
		if i%3 != 0 && d.New {
			t.Fatalf("article %d did not join its event:\n%s", i, text(d.Why))
		}
		if i%10000 == 9999 {
			sizes = append(sizes, len(c.keys))
		}
	}
	t.Logf("vocabulary sizes every 10,000 articles: %v", sizes)
	// A week holds 10,080 articles here; compaction keeps what two weeks'
	// articles used and runs when the vocabulary doubles.
	for i, n := range sizes {
		if n > 200_000 {
			t.Errorf("vocabulary of %d after %d articles: not bounded by the window (sizes %v)", n, (i+1)*10000, sizes)
			break
		}
	}
}

// TestTokenizePossessive checks that a possessive is cut at its last
// apostrophe, so that "O'Brien's" is the name "O'Brien" and "don't" stays
// a word.
func TestTokenizePossessive(t *testing.T) {
	for _, tt := range []struct{ in, text, lower string }{
		{"O'Brien's", "O'Brien", "o'brien"},
		{"O’Brien’s", "O’Brien", "o’brien"},
		{"Russia's", "Russia", "russia"},
		{"O'Brien", "O'Brien", "o'brien"},
		{"don't", "don't", "don't"},
	} {
		ws := tokenize(tt.in, nil)
		if len(ws) != 1 || ws[0].text != tt.text || ws[0].lower != tt.lower {
			t.Errorf("tokenize(%q) = %+v, want one word %q (%q)", tt.in, ws, tt.text, tt.lower)
		}
	}
}
