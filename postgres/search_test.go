package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

func TestQueryLexemes(t *testing.T) {
	tests := []struct {
		name, tree string
		want       []string
	}{
		{"word", `'strike'`, []string{"strike"}},
		{"and or", `'russia' & 'civilian' | 'weather'`, []string{"russia", "civilian", "weather"}},
		{"negated left out", `'strike' & !'civilian'`, []string{"strike"}},
		{"phrase", `'secur' <-> 'council'`, []string{"secur", "council"}},
		{"quotes escaped", `'o''brien' & 'a\\b'`, []string{"o'brien", `a\b`}},
		{"nothing", `T`, nil},
		{"empty", ``, nil},
		{"unterminated", `'abc`, []string{"abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := queryLexemes(tt.tree)
			if len(got) != len(tt.want) {
				t.Fatalf("queryLexemes(%q) = %v, want %v", tt.tree, got, tt.want)
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("queryLexemes(%q) = %v, want %v", tt.tree, got, tt.want)
				}
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("filler words go here ", 20)
	mark := func(w string) string { return parallax.HitStart + w + parallax.HitEnd }
	tests := []struct {
		name, text string
		lexemes    []string
		contains   []string
		absent     []string
	}{
		{"stemmed", "The strikes killed 16 civilians.", []string{"civilian"}, []string{mark("civilians")}, nil},
		{"case", "RUSSIA spoke.", []string{"russia"}, []string{mark("RUSSIA")}, nil},
		{"number", "In 2024 it rained.", []string{"2024"}, []string{mark("2024")}, nil},
		{"stem unlike word", "Three cities voted.", []string{"citi"}, []string{mark("cities")}, nil},
		{"no match gives the start", "Sunny weather today. " + long, []string{"zeppelin"}, []string{"Sunny weather today"}, []string{parallax.HitStart}},
		{"window around a late match", long + "the envoy spoke at last", []string{"envoy"}, []string{mark("envoy") + " spoke at last"}, nil},
		{"two fragments", "envoy " + long + "envoy again", []string{"envoy"}, []string{" … ", mark("envoy") + " again"}, nil},
		{"hostile bytes kept for escaping", "<script>alert(1)</script> envoy", []string{"envoy"}, []string{"script>alert(1)</script> " + mark("envoy")}, nil},
		{"empty", "", []string{"x"}, nil, []string{parallax.HitStart}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lx := map[string]bool{}
			for _, l := range tt.lexemes {
				lx[l] = true
			}
			got := snippet(tt.text, lx)
			for _, c := range tt.contains {
				if !strings.Contains(got, c) {
					t.Errorf("snippet = %q, want it to contain %q", got, c)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("snippet = %q, want no %q", got, a)
				}
			}
			if strings.Count(got, parallax.HitStart) != strings.Count(got, parallax.HitEnd) {
				t.Errorf("snippet %q has unbalanced markers", got)
			}
			if n := len(strings.Fields(got)); n > 2*snippetWords+1 {
				t.Errorf("snippet has %d words", n)
			}
		})
	}
}

// FuzzSnippet checks that no text makes snippet panic or unbalance its
// markers.
func FuzzSnippet(f *testing.F) {
	f.Add("The strikes killed 16 civilians.", "strike")
	f.Add("\xff\xfe cities", "citi")
	f.Fuzz(func(t *testing.T, text, lexeme string) {
		got := snippet(text, map[string]bool{lexeme: true})
		if strings.Count(got, parallax.HitStart) != strings.Count(got, parallax.HitEnd) {
			t.Errorf("snippet(%q) = %q: unbalanced markers", text, got)
		}
	})
}

// TestCountedSearch checks that searches steered by search_counts find
// the newest matches whatever the plan: a word in every article (walked),
// one of a past story (its range found by the counts), rare ones (the GIN
// bitmap alone), AND, OR and NOT queries, and articles newer than the
// counted ranges.
func TestCountedSearch(t *testing.T) {
	defer func(w, b int64) { countWidth, blockWidth = w, b }(countWidth, blockWidth)
	countWidth, blockWidth = 100, 200
	s := openTemp(t)
	ctx := context.Background()
	const n = 3000
	has := map[string]func(i int) bool{
		"alpha":  func(i int) bool { return true },
		"bursty": func(i int) bool { return i >= 100 && i < 1300 },
		"medium": func(i int) bool { return i%20 == 0 },
		"rarity": func(i int) bool { return i == 5 || i == 1500 || i == 2995 },
		"late":   func(i int) bool { return i >= 2950 },
	}
	words := []string{"alpha", "bursty", "medium", "rarity", "late"}
	put := func(from, to int) {
		var as []*parallax.Article
		for i := from; i < to; i++ {
			text := fmt.Sprintf("filler text number %d", i)
			for _, w := range words {
				if has[w](i) {
					text += " " + w
				}
			}
			as = append(as, &parallax.Article{ID: fmt.Sprintf("a%05d", i), Title: fmt.Sprintf("title %d", i), Text: text,
				Published: time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC), Format: "text"})
		}
		if _, err := s.PutArticles(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	put(0, 2950)
	for {
		did, err := s.countRange(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !did {
			break
		}
	}
	put(2950, n) // newer than every counted range
	tests := []struct {
		text  string
		match func(i int) bool
	}{
		{"alpha", has["alpha"]},
		{"bursty", has["bursty"]},
		{"medium", has["medium"]},
		{"rarity", has["rarity"]},
		{"late", has["late"]},
		{"alpha bursty", has["bursty"]},
		{"bursty medium", func(i int) bool { return has["bursty"](i) && has["medium"](i) }},
		{"medium late", func(i int) bool { return has["medium"](i) && has["late"](i) }},
		{"rarity or medium", func(i int) bool { return has["rarity"](i) || has["medium"](i) }},
		{"alpha -bursty", func(i int) bool { return !has["bursty"](i) }},
		{"zeppelin", func(i int) bool { return false }},
	}
	check := func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.text, func(t *testing.T) {
				hs, err := s.Search(ctx, parallax.SearchQuery{Text: tt.text})
				if err != nil {
					t.Fatal(err)
				}
				var want []string
				for i := n - 1; i >= 0 && len(want) < searchWindow; i-- {
					if tt.match(i) {
						want = append(want, fmt.Sprintf("a%05d", i))
					}
				}
				var got []string
				for _, h := range hs {
					got = append(got, h.ArticleID)
				}
				sort.Sort(sort.Reverse(sort.StringSlice(got)))
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("%d hits, want the newest %d matches", len(got), len(want))
				}
				// Pages within the ranked window and past it continue each
				// other.
				for _, pg := range [][2]int{{0, 20}, {180, 20}, {190, 20}, {990, 20}} {
					part, err := s.Search(ctx, parallax.SearchQuery{Text: tt.text, Offset: pg[0], Limit: pg[1]})
					if err != nil {
						t.Fatal(err)
					}
					want := hs[min(pg[0], len(hs)):min(pg[0]+pg[1], len(hs))]
					if len(part) != len(want) {
						t.Fatalf("page %v: %d hits, want %d", pg, len(part), len(want))
					}
					for i := range part {
						if part[i].ArticleID != want[i].ArticleID {
							t.Fatalf("page %v: hit %d is %s, want %s", pg, i, part[i].ArticleID, want[i].ArticleID)
						}
					}
				}
			})
		}
	}
	t.Run("range indexes", check)
	// The same with the block indexes of the newest blocks (see
	// blocks.go): the searches must find the same, and some of them
	// through the blocks.
	blocks := 0
	scanHook = func(sg segment) {
		if sg.blocks {
			blocks++
		}
	}
	preferBlocks = true
	defer func() { scanHook, preferBlocks = nil, false }()
	// The searches above started making block indexes in the
	// background; let that finish, then make sure of them.
	for deadline := time.Now().Add(time.Minute); s.blocks.busy.Load(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("block indexes still being made after a minute")
		}
	}
	if err := s.ensureBlocks(ctx, n); err != nil {
		t.Fatal(err)
	}
	if got := s.blocksNow(ctx); int64(len(got)) != keepBlocks {
		t.Fatalf("block indexes %v, want %d", got, keepBlocks)
	}
	t.Run("block indexes", check)
	if blocks == 0 {
		t.Error("no search used the block indexes")
	}
}

// TestPlannerBlocks checks the choice of block indexes at the scale of a
// million articles: a word in 2.4% of them (its newest 200 matches in the
// newest 8,000 rows) is read from the two newest blocks' indexes, not
// walked; a word in every article is still walked.
func TestPlannerBlocks(t *testing.T) {
	const width, maxSeq = 8192, 1000000
	nr := int64(maxSeq / width)
	counts := func(lx string, per int64) *searchCounts {
		c := &searchCounts{maxSeq: maxSeq, tree: "'" + lx + "'", counted: nr * width, width: width,
			lexemes: map[string]bool{lx: true}, ndoc: map[string]map[int64]int64{lx: {}}}
		for k := int64(0); k < nr; k++ {
			c.ndoc[lx][k*width] = per
		}
		return c
	}
	blocks := map[int64]bool{}
	for b := int64(maxSeq/16384) - 15; b <= maxSeq/16384; b++ {
		blocks[b] = true
	}
	for _, tt := range []struct {
		lx   string
		per  int64
		want segment
	}{
		{"medium", 197, segment{lo: 983040, hi: maxSeq + 1, blocks: true}},
		{"alpha", width, segment{lo: 999424, hi: maxSeq + 1, walk: true}},
	} {
		p := counts(tt.lx, tt.per).planner(200)
		p.blockWidth, p.blocks = 16384, blocks
		if sg, ok := p.next(maxSeq+1, 200); !ok || sg != tt.want {
			t.Errorf("%s: %+v, %v; want %+v", tt.lx, sg, ok, tt.want)
		}
	}
}

func TestPlanner(t *testing.T) {
	const width = 1000
	counts := func(tree string, per map[string]func(k int64) int64) *searchCounts {
		c := &searchCounts{maxSeq: 100500, tree: tree, counted: 100 * width, width: width,
			lexemes: map[string]bool{}, ndoc: map[string]map[int64]int64{}}
		for lx, f := range per {
			c.lexemes[lx] = true
			c.ndoc[lx] = map[int64]int64{}
			for k := int64(0); k < 100; k++ {
				if n := f(k); n > 0 {
					c.ndoc[lx][k*width] = n
				}
			}
		}
		return c
	}
	every := func(k int64) int64 { return width }
	old := func(k int64) int64 {
		if k < 20 {
			return 900
		}
		return 0
	}
	rare := func(k int64) int64 { return k % 10 }
	type scan struct {
		seg   segment
		found int // what the scan finds
	}
	tests := []struct {
		name  string
		c     *searchCounts
		scans []scan
	}{
		{"common: the newest walked", counts(`'alpha'`, map[string]func(int64) int64{"alpha": every}),
			[]scan{{segment{lo: 99000, hi: 100501, walk: true}, 1000}}},
		{"rare: the GIN bitmap alone", counts(`'rare'`, map[string]func(int64) int64{"rare": rare}),
			[]scan{{segment{lo: 0, hi: 100501, all: true}, 450}}},
		{"old story: the tail, then its newest matches walked", counts(`'old'`, map[string]func(int64) int64{"old": old}),
			[]scan{{segment{lo: 100000, hi: 100501, walk: true}, 0}, {segment{lo: 18000, hi: 20000, walk: true}, 1000}}},
		{"AND: bound by the rarer, then widened by what was found", counts(`'alpha' & 'rare'`, map[string]func(int64) int64{"alpha": every, "rare": func(k int64) int64 { return 30 }}),
			[]scan{{segment{lo: 67000, hi: 100501}, 100}, {segment{lo: 0, hi: 67000, filter: true}, 300}}},
		{"NOT within OR: no plan", counts(`'alpha' | !'rare'`, map[string]func(int64) int64{"alpha": every, "rare": rare}), nil},
		{"uncounted lexeme: no plan", counts(`'other'`, nil), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.c.planner(1000)
			if (p == nil) != (tt.scans == nil) {
				t.Fatalf("planner = %v", p)
			}
			hi, have := tt.c.maxSeq+1, 0
			for i, sc := range tt.scans {
				sg, ok := p.next(hi, 1000-have)
				if !ok || sg != sc.seg {
					t.Fatalf("scan %d: %v, %v; want %v", i, sg, ok, sc.seg)
				}
				p.found += float64(sc.found)
				have += sc.found
				hi = sg.lo
			}
		})
	}
}

// TestBlockIndexes checks the upkeep of block indexes: the newest
// keepBlocks blocks indexed (the next one too once the current is half
// full), older ones and those of another block width dropped.
func TestBlockIndexes(t *testing.T) {
	defer func(w, b, k int64) { countWidth, blockWidth, keepBlocks = w, b, k }(countWidth, blockWidth, keepBlocks)
	countWidth, blockWidth, keepBlocks = 100, 200, 3
	s := openTemp(t)
	ctx := context.Background()
	var as []*parallax.Article
	for i := range 1000 {
		as = append(as, &parallax.Article{ID: fmt.Sprintf("b%04d", i), Text: fmt.Sprintf("block test %d", i), Format: "text"})
	}
	if _, err := s.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	blocks := func(want ...int64) {
		t.Helper()
		list, others, err := s.blockIndexList(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for k, valid := range list {
			if !valid {
				t.Errorf("block %d: index not valid", k)
			}
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || len(others) != 0 {
			t.Errorf("blocks %v and others %v, want %v", got, others, want)
		}
	}
	if err := s.ensureBlocks(ctx, 1000); err != nil {
		t.Fatal(err)
	}
	blocks(3, 4, 5) // seq 1000 is half of block 5
	if err := s.ensureBlocks(ctx, 1250); err != nil {
		t.Fatal(err)
	}
	blocks(4, 5, 6)
	blockWidth = 400
	if err := s.ensureBlocks(ctx, 1000); err != nil {
		t.Fatal(err)
	}
	blocks(1, 2, 3)
}

// TestPublishedFromMeta checks the in-place reading of the publication
// time against decoding the meta JSON.
func TestPublishedFromMeta(t *testing.T) {
	zone := time.FixedZone("AST", 3*3600)
	for _, a := range []*parallax.Article{
		{ID: "a", Title: `a "published":"2001-01-01T00:00:00Z" title`, Published: time.Date(2024, 2, 3, 10, 4, 5, 600, zone)},
		{ID: "b", Posts: []parallax.EmbeddedPost{{Platform: "X", Text: "post"}}},
		{ID: "c", Published: time.Date(2016, 9, 21, 0, 0, 0, 0, time.UTC), Posts: []parallax.EmbeddedPost{{Platform: "Telegram"}}},
	} {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		got := publishedFromMeta(string(b))
		_, gotOff := got.Zone()
		_, wantOff := a.Published.Zone()
		if !got.Equal(a.Published) || gotOff != wantOff {
			t.Errorf("%s: published %v, want %v", a.ID, got, a.Published)
		}
	}
}
