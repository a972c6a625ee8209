package dossier

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/adrg/strutil/metrics"
	"github.com/parallax-news/parallax"
)

func TestBounds(t *testing.T) {
	tests := []struct {
		name   string
		q      parallax.Quantity
		lo, hi float64
	}{
		{"exact", parallax.Quantity{Value: 125, Bound: parallax.BoundExact}, 125, 125},
		{"more than includes the number", parallax.Quantity{Value: 125, Bound: parallax.BoundAtLeast}, 125, math.Inf(1)},
		{"up to", parallax.Quantity{Value: 40, Bound: parallax.BoundAtMost}, math.Inf(-1), 40},
		{"about without range", parallax.Quantity{Value: 40, Bound: parallax.BoundAbout}, 34, 46},
		{"about with extractor range", parallax.Quantity{Value: 40, Low: 34, High: 40, Bound: parallax.BoundAbout}, 34, 40},
		{"range", parallax.Quantity{Value: 25, Low: 20, High: 30, Bound: parallax.BoundRange}, 20, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := bounds(tt.q)
			if math.Abs(lo-tt.lo) > 1e-9 && !(math.IsInf(lo, -1) && math.IsInf(tt.lo, -1)) || math.Abs(hi-tt.hi) > 1e-9 && !(math.IsInf(hi, 1) && math.IsInf(tt.hi, 1)) {
				t.Errorf("bounds = [%v, %v], want [%v, %v]", lo, hi, tt.lo, tt.hi)
			}
		})
	}
}

func TestPeriodEnd(t *testing.T) {
	tests := []struct {
		value string
		want  string
		ok    bool
	}{
		{"2003", "2004-01-01", true},
		{"2005-02", "2005-03-01", true},
		{"2024-01-28", "2024-01-29", true},
		{"2024-02-05T16:00", "2024-02-06", true},
		{"2024-W05", "2025-01-01", true}, // a week: bounded by its year
		{"PRESENT_REF", "", false},
		{"XXXX-02-05", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			got, ok := periodEnd(tt.value)
			if ok != tt.ok || ok && got.Format("2006-01-02") != tt.want {
				t.Errorf("periodEnd(%q) = %v, %v; want %s, %v", tt.value, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSameName(t *testing.T) {
	jw := metrics.NewJaroWinkler()
	jw.CaseSensitive = false
	tests := []struct {
		x, y string
		want bool
	}{
		{"Dmitry Polyanskiy", "Dmitry Polyansky", true},
		{"Polyanskiy", "Dmitry Polyansky", true},
		{"Bassem al-Awadi", "Bassem Al-Awadi", true},
		{"Herman Van Rompuy", "Van Rompuy", true},
		{"Maria Zakharova", "Zakharova", true},
		{"John Kirby", "John Kerry", false},
		{"Joe Biden", "Hunter Biden", false},
		{"Lee", "Li", false},
	}
	for _, tt := range tests {
		t.Run(tt.x+"/"+tt.y, func(t *testing.T) {
			if got := sameName(jw, tt.x, tt.y); got != tt.want {
				t.Errorf("sameName = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTruncatedMatch(t *testing.T) {
	long := "Russia has just called for an urgent UN Security Council meeting to discuss threats"
	if !truncatedMatch("Russia has just called for an urgent UN Security…", long) {
		t.Error("an embedded post cut with an ellipsis should match its full text")
	}
	if truncatedMatch("Russia has…", long) {
		t.Error("a few words are too little to match")
	}
	if truncatedMatch("We have just requested an urgent meeting…", long) {
		t.Error("a different start should not match")
	}
}

func TestDisputeCue(t *testing.T) {
	tests := []struct {
		name     string
		sentence string
		want     bool
	}{
		{"contradicted", "However, Bassem Al-Awadi contradicted this claim and said there was no prior coordination.", true},
		{"false claims", "Bassem al-Awadi pointed to false US claims that the strikes were previously coordinated.", true},
		{"refuting", "The Iraqi government condemned the attacks, refuting the American allegations.", true},
		{"denied that", "The ministry denied that any civilians were killed.", true},
		{"never notified", "The ministry revealed that the Russian side was never notified of the strikes.", true},
		{"denied a permit", "LaCalamita was denied a handgun permit in March.", false},
		{"rejected an offer", "The union rejected the offer on Friday.", false},
		{"labor dispute noun", "The strike began over a pay dispute.", false},
		{"plain report", "Police said 12 people were injured.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := disputeCue.MatchString(tt.sentence) && !notDispute.MatchString(tt.sentence)
			if got != tt.want {
				t.Errorf("dispute(%q) = %v, want %v", tt.sentence, got, tt.want)
			}
		})
	}
}

func TestClauseAround(t *testing.T) {
	text := "Also on February 2, US President Joe Biden announced that Washington’s response to the attack on its military base in Jordan, which occurred on January 28, would continue."
	sp := parallax.Span{Start: 0, End: len(text)}
	tests := []struct {
		name, timex, want string
	}{
		{"short clause widened backwards", "January 28", "US President Joe Biden announced that Washington’s response to the attack on its military base in Jordan, which occurred on January 28"},
		{"opening date widened forwards", "February 2", "Also on February 2, US President Joe Biden announced that Washington’s response to the attack on its military base in Jordan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := indexOf(text, tt.timex)
			if got := clauseAround(text, sp, i, i+len(tt.timex)); got != tt.want {
				t.Errorf("clauseAround = %q, want %q", got, tt.want)
			}
		})
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestIsAge(t *testing.T) {
	text := "LaCalamita is charged in the death of Kafoury, 63, of Warren. Police said 12, including two officers, were hurt."
	age := indexOf(text, "63")
	toll := indexOf(text, "12")
	if !isAge(text, parallax.Quantity{Start: age, End: age + 2, Text: "63"}) {
		t.Error("\"Kafoury, 63,\" is an age")
	}
	if isAge(text, parallax.Quantity{Start: toll, End: toll + 2, Text: "12"}) {
		t.Error("\"said 12,\" is not an age")
	}
}

// TestScopeHierarchy checks the rule for nested scopes: a part may not
// exceed its whole, a part equal to its whole agrees, and places are put in
// countries by the gazetteer or by the text ("Anbar province, western
// Iraq").
func TestScopeHierarchy(t *testing.T) {
	mk := func(id, outlet, text string, qs ...parallax.Quantity) *parallax.Article {
		a := &parallax.Article{ID: id, Outlet: parallax.Outlet{Name: outlet}, Text: text, Language: "en",
			Published: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC), Sentences: []parallax.Span{{Start: 0, End: len(text)}}}
		a.Extraction = &parallax.Extraction{Quantities: qs}
		return a
	}
	q := func(text, sub string, v float64, role, scope string) parallax.Quantity {
		i := indexOf(text, sub)
		return parallax.Quantity{Start: i, End: i + len(sub), Text: sub, Value: v, Low: v, High: v, Bound: parallax.BoundExact, Role: role, Scope: scope}
	}
	t1 := "The strikes killed 16 people and injured 25 others in Iraq alone."
	t2 := "He said the attacks on sites in Anbar province, western Iraq, killed 16 people and injured 36 others."
	t3 := "Another 30 people were killed in Syria."
	d := Build(nil, []*parallax.Article{
		mk("a", "A", t1, q(t1, "16 people", 16, "killed", "Iraq"), q(t1, "25 others", 25, "injured", "Iraq")),
		mk("b", "B", t2, q(t2, "16 people", 16, "killed", "Anbar province"), q(t2, "36 others", 36, "injured", "Anbar province")),
		mk("c", "C", t3, q(t3, "30 people", 30, "killed", "Syria")),
	}, Options{})
	byRole := map[string]parallax.FigureComparison{}
	for _, f := range d.Figures {
		byRole[f.Role] = f
	}
	if f := byRole["injured"]; f.Status != parallax.FigureConflicting || len(f.Conflicts) != 1 {
		t.Errorf("injured: 36 in Anbar (in Iraq) vs 25 in Iraq should conflict, got %s %+v", f.Status, f.Conflicts)
	}
	if f := byRole["killed"]; f.Status != parallax.FigureDifferentScope || len(f.Conflicts) != 0 || len(f.Agreements) != 1 {
		t.Errorf("killed: 16 in Iraq and in Anbar agree, 30 in Syria is another scope; got %s conflicts %d agreements %d", f.Status, len(f.Conflicts), len(f.Agreements))
	}
}

// TestBuilderIncremental checks that a dossier updated article by article
// equals the one built at once.
func TestBuilderIncremental(t *testing.T) {
	var arts []*parallax.Article
	for i, text := range []string{
		"Police said 12 people were injured in the riots. Three bank workers died in the fire.",
		"Police said 18 people had been injured in the violence. Three bank workers died when protesters set the bank on fire.",
		"Three people died in a burning bank in Athens. The prime minister called it murder.",
	} {
		a := &parallax.Article{ID: string(rune('a' + i)), Outlet: parallax.Outlet{Name: string(rune('A' + i))}, Text: text,
			Published: time.Date(2010, 5, 5, i, 0, 0, 0, time.UTC), Seq: int64(i + 1)}
		arts = append(arts, a)
	}
	b := NewBuilder(nil, Options{})
	for _, a := range arts {
		b.Add(a)
		_ = b.Dossier()
	}
	b.Add(arts[0]) // a repeat changes nothing
	got := b.Dossier()
	want := Build(nil, []*parallax.Article{arts[2], arts[0], arts[1]}, Options{})
	if len(got.Claims) != len(want.Claims) || len(got.Coverage.Articles) != 3 {
		t.Fatalf("incremental dossier has %d claims and %d articles, built %d claims", len(got.Claims), len(got.Coverage.Articles), len(want.Claims))
	}
	for i := range got.Claims {
		if got.Claims[i].Text != want.Claims[i].Text {
			t.Errorf("claim %d: incremental %q, built %q", i, got.Claims[i].Text, want.Claims[i].Text)
		}
	}
}

// TestRecycled checks the "possibly recycled" mark: only on evidence.
func TestRecycled(t *testing.T) {
	story := "Moscow has accused the United States of defending ISIS and called for an immediate UN Security Council meeting after a US-led coalition air force hit Syrian forces near Deir ez-Zour and killed 62 soldiers, as well as wounding 100 more. The Russian Foreign Ministry has demanded detailed explanation from Washington over the incident."
	now := &parallax.Article{ID: "new", Outlet: parallax.Outlet{Name: "New"}, Text: story, Published: time.Date(2024, 9, 21, 0, 0, 0, 0, time.UTC)}
	old := &parallax.Article{ID: "old", Outlet: parallax.Outlet{Name: "Old"}, Text: story, Published: time.Date(2016, 9, 18, 0, 0, 0, 0, time.UTC)}
	t.Run("no evidence no mark", func(t *testing.T) {
		if d := Build(nil, []*parallax.Article{now}, Options{}); len(d.Recycled) != 0 {
			t.Errorf("marked without evidence: %+v", d.Recycled)
		}
	})
	t.Run("earlier near-duplicate", func(t *testing.T) {
		d := Build(nil, []*parallax.Article{now}, Options{Earlier: []*parallax.Article{old}})
		if len(d.Recycled) != 1 || d.Recycled[0].Original != "old" || d.Recycled[0].Kind != parallax.RecycledDuplicate {
			t.Errorf("want a near-duplicate mark pointing to the 2016 article, got %+v", d.Recycled)
		}
	})
	t.Run("recent duplicate is a copy, not recycled", func(t *testing.T) {
		recent := *old
		recent.Published = now.Published.Add(-48 * time.Hour)
		if d := Build(nil, []*parallax.Article{now}, Options{Earlier: []*parallax.Article{&recent}}); len(d.Recycled) != 0 {
			t.Errorf("marked a two-day-old duplicate: %+v", d.Recycled)
		}
	})
	t.Run("old dates in the text", func(t *testing.T) {
		a := *now
		a.Text = "On September 17, 2016, coalition jets struck Syrian positions. On September 18, 2016, Russia called a Security Council meeting."
		a.Extraction = &parallax.Extraction{Times: []parallax.Timex{
			{Start: 3, End: 21, Text: "September 17, 2016", Type: "DATE", Value: "2016-09-17"},
			{Start: 66, End: 84, Text: "September 18, 2016", Type: "DATE", Value: "2016-09-18"},
		}}
		a.Sentences = []parallax.Span{{Start: 0, End: 62}, {Start: 63, End: len(a.Text)}}
		d := Build(nil, []*parallax.Article{&a}, Options{})
		if len(d.Recycled) != 1 || d.Recycled[0].Kind != parallax.RecycledDates {
			t.Errorf("want an old-dates mark, got %+v", d.Recycled)
		}
	})
}

func TestRelated(t *testing.T) {
	a := &parallax.Article{ID: "a", Outlet: parallax.Outlet{Name: "A"}, Text: "Russia calls for UNSC meeting."}
	self := &parallax.Event{ID: "e0"}
	d := Build(self, []*parallax.Article{a}, Options{MaxRelated: 2, Related: []Candidate{
		{Event: &parallax.Event{ID: "e1", Title: "far"}, Score: 0.2},
		{Event: &parallax.Event{ID: "e0", Title: "self"}, Score: 1},
		{Event: &parallax.Event{ID: "e2", Title: "near"}, Score: 0.7},
		{Event: &parallax.Event{ID: "e3", Title: "middle"}, Score: 0.5},
		{Event: nil, Score: 0.9},
	}})
	if len(d.Related) != 2 || d.Related[0].EventID != "e2" || d.Related[1].EventID != "e3" {
		t.Errorf("related = %+v, want e2 then e3", d.Related)
	}
}

func TestBackgroundRoundTrip(t *testing.T) {
	a := &parallax.Article{Text: "US strikes on Iraq. Russia calls the strikes aggression.", Language: "en"}
	bg := BackgroundOf([]*parallax.Article{a, a})
	data, err := bg.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalBackground(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Docs != 2 || back.Counts["strike"] != 4 || back.DF["strike"] != 2 || back.Counts["call aggress"] != 0 && back.Counts["strike aggress"] != 2 {
		t.Errorf("background after round trip: docs %d, counts %v", back.Docs, back.Counts)
	}
	if _, err := UnmarshalBackground([]byte(`{"docs":-3}`)); err == nil {
		t.Error("negative counts accepted")
	}
}

func TestSummary(t *testing.T) {
	ev := func(outlet string) parallax.Evidence { return parallax.Evidence{Outlet: outlet} }
	d := &parallax.Dossier{Figures: []parallax.FigureComparison{
		{Role: "targets", Status: parallax.FigureConsistent, Scopes: []parallax.FigureScope{{Figures: []parallax.Figure{
			{Value: 85, Bound: parallax.BoundAtLeast, Evidence: ev("A")}, {Value: 85, Evidence: ev("B")}}}}},
		{Role: "injured", Status: parallax.FigureConflicting, Conflicts: []parallax.FigureConflict{{
			A: parallax.Figure{Value: 25, Scope: "Iraq"}, B: parallax.Figure{Value: 36, Scope: "Anbar province"}}}},
		{Role: "killed", Status: parallax.FigureDifferentScope, Scopes: []parallax.FigureScope{
			{Scope: "Iraq", Figures: []parallax.Figure{{Value: 16, Evidence: ev("A")}}},
			{Scope: "Anbar province", Figures: []parallax.Figure{{Value: 16, Evidence: ev("B")}, {Value: 16, Evidence: ev("C")}}}}},
		{Role: "munitions", Status: parallax.FigureSingle},
	}}
	n, lines := Summary(d)
	want := []string{"16 killed (Anbar province)", "injured: 25 vs 36 (Iraq)", "85 targets"}
	if n != 1 || !slices.Equal(lines, want) {
		t.Errorf("Summary = %d %q, want 1 %q", n, lines, want)
	}
}

// TestMoney checks that prices are compared between sentences telling the
// same deal, and that unrelated sums are not listed.
func TestMoney(t *testing.T) {
	mk := func(id, text, sum string, v float64) *parallax.Article {
		i := indexOf(text, sum)
		return &parallax.Article{ID: id, Outlet: parallax.Outlet{Name: id}, Text: text, Language: "en",
			Published: time.Date(2011, 8, 15, 0, 0, 0, 0, time.UTC), Sentences: []parallax.Span{{Start: 0, End: len(text)}},
			Extraction: &parallax.Extraction{Quantities: []parallax.Quantity{{Start: i, End: i + len(sum), Text: sum, Value: v,
				Low: v, High: v, Bound: parallax.BoundExact, Kind: "money", Unit: "USD"}}}}
	}
	t.Run("rival prices of one deal", func(t *testing.T) {
		d := Build(nil, []*parallax.Article{
			mk("A", "Google agreed to buy Motorola Mobility for $12.5 billion in cash.", "$12.5 billion", 12.5e9),
			mk("B", "Google agreed to buy Motorola Mobility for $11 billion.", "$11 billion", 11e9),
		}, Options{})
		if len(d.Figures) != 1 || d.Figures[0].Status != parallax.FigureConflicting {
			t.Errorf("want one conflicting amount, got %+v", d.Figures)
		}
	})
	t.Run("different sums", func(t *testing.T) {
		d := Build(nil, []*parallax.Article{
			mk("A", "The bailout is worth $141 billion.", "$141 billion", 141e9),
			mk("B", "He said cuts worth $40 billion would follow.", "$40 billion", 40e9),
		}, Options{})
		if len(d.Figures) != 0 {
			t.Errorf("unrelated sums listed: %+v", d.Figures)
		}
	})
}
