// Package storetest is the conformance suite every parallax.Store
// implementation runs, so that SQLite and PostgreSQL behave the same and
// callers can switch between them without change.
//
// An implementation's tests call Run with a function that opens a new,
// empty store on a real database (never a mock): the suite checks what
// callers rely on, from duplicate detection and input order to search
// snippets and atomic event replacement:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) parallax.Store {
//			db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			return db
//		})
//	}
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// Opener opens a new, empty store for one test. It registers the store's
// cleanup with t.Cleanup (the suite closes the store itself too; a second
// Close must not fail the test).
type Opener func(t *testing.T) parallax.Store

// Run runs the whole suite, each case on a store of its own.
func Run(t *testing.T, open Opener) {
	t.Helper()
	cases := []struct {
		name string
		fn   func(t *testing.T, s parallax.Store)
	}{
		{"PutArticles", testPutArticles},
		{"PutArticlesAtomic", testPutArticlesAtomic},
		{"RoundTrip", testRoundTrip},
		{"Article", testArticle},
		{"Articles", testArticles},
		{"SaveEvents", testSaveEvents},
		{"SaveEventsAtomic", testSaveEventsAtomic},
		{"SaveEventsRepeats", testSaveEventsRepeats},
		{"ReplaceEvents", testReplaceEvents},
		{"Event", testEvent},
		{"Events", testEvents},
		{"Search", testSearch},
		{"SearchSyntax", testSearchSyntax},
		{"SearchWindow", testSearchWindow},
		{"Documents", testDocuments},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Pending", testPending},
		{"PendingLeaseRace", testPendingLeaseRace},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			c.fn(t, s)
		})
	}
}

// RequireDatabase returns the value of the environment variable that names
// a test database, or skips the test when it is unset. When CI=true an
// unset variable fails the test instead, so that CI cannot pass by
// silently testing nothing.
func RequireDatabase(t testing.TB, env string) string {
	t.Helper()
	v := os.Getenv(env)
	if v != "" {
		return v
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not set but CI=true: the store must be tested on a real database", env)
	}
	t.Skipf("%s is not set: skipping tests that need a real database (scripts/pgtest starts one)", env)
	return ""
}

var ctx = context.Background()

var t0 = time.Date(2024, 2, 3, 10, 0, 0, 0, time.UTC)

// article returns a small article; its id is derived from n.
func article(n int, outlet, title, text string, published time.Time) *parallax.Article {
	return &parallax.Article{
		ID:        fmt.Sprintf("a%04d", n),
		Outlet:    parallax.Outlet{Name: outlet},
		Title:     title,
		Text:      text,
		Published: published,
		Format:    "text",
	}
}

func put(t *testing.T, s parallax.Store, as ...*parallax.Article) []parallax.PutResult {
	t.Helper()
	res, err := s.PutArticles(ctx, as)
	if err != nil {
		t.Fatalf("PutArticles: %v", err)
	}
	if len(res) != len(as) {
		t.Fatalf("PutArticles returned %d results for %d articles", len(res), len(as))
	}
	return res
}

func count(t *testing.T, s parallax.Store) int64 {
	t.Helper()
	n, err := s.CountArticles(ctx)
	if err != nil {
		t.Fatalf("CountArticles: %v", err)
	}
	return n
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want code %s", code)
	}
	var e *parallax.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("got error %v (code %q), want an *parallax.Error with code %s", err, parallax.ErrorCode(err), code)
	}
}

func ids(as []*parallax.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func eventIDs(es []*parallax.Event) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func equalStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func testPutArticles(t *testing.T, s parallax.Store) {
	a := article(1, "Al Mayadeen English", "Russia calls UN meeting", "Russia called an urgent meeting.", t0)
	b := article(2, "Shafaq News", "Strikes in Iraq", "US strikes hit Iraq.", t0.Add(time.Hour))
	c := article(3, "", "Untitled", "Text without outlet.", time.Time{})
	res := put(t, s, a, b, a, c)
	wantStatus := []parallax.PutStatus{parallax.Stored, parallax.Stored, parallax.Duplicate, parallax.Stored}
	for i, r := range res {
		if r.Status != wantStatus[i] {
			t.Errorf("result %d status = %s, want %s", i, r.Status, wantStatus[i])
		}
	}
	if !(res[0].Seq > 0 && res[1].Seq > res[0].Seq && res[3].Seq > res[1].Seq) {
		t.Errorf("seqs %d %d %d not increasing in input order", res[0].Seq, res[1].Seq, res[3].Seq)
	}
	if res[2].Seq != res[0].Seq || res[2].ID != a.ID {
		t.Errorf("duplicate in batch reported %+v, want id %s seq %d", res[2], a.ID, res[0].Seq)
	}
	if a.Seq != res[0].Seq || a.Stored.IsZero() {
		t.Errorf("stored article not updated: seq %d stored %v", a.Seq, a.Stored)
	}

	// Storing again changes nothing, even with other content.
	again := article(1, "Other", "Changed title", "Changed text.", t0)
	res2 := put(t, s, again)
	if res2[0].Status != parallax.Duplicate || res2[0].Seq != res[0].Seq {
		t.Errorf("second put = %+v, want duplicate of seq %d", res2[0], res[0].Seq)
	}
	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != a.Title {
		t.Errorf("duplicate overwrote title: %q", got.Title)
	}
	if n := count(t, s); n != 3 {
		t.Errorf("CountArticles = %d, want 3", n)
	}

	// A later batch continues the sequence.
	d := article(4, "X", "Later", "Later text.", t0)
	res3 := put(t, s, d)
	if res3[0].Seq <= res[3].Seq {
		t.Errorf("later seq %d not after %d", res3[0].Seq, res[3].Seq)
	}

	// An article without an id gets the stable one.
	e := &parallax.Article{URL: "https://example.org/a", Text: "x"}
	res4 := put(t, s, e)
	if want := parallax.ArticleID(e.URL, e.Text); res4[0].ID != want || e.ID != want {
		t.Errorf("id = %q (article %q), want %q", res4[0].ID, e.ID, want)
	}

	if res, err := s.PutArticles(ctx, nil); err != nil || len(res) != 0 {
		t.Errorf("PutArticles(nil) = %v, %v", res, err)
	}
}

func testPutArticlesAtomic(t *testing.T, s parallax.Store) {
	put(t, s, article(1, "A", "One", "one", t0))
	// A batch that fails stores none of its articles.
	_, err := s.PutArticles(ctx, []*parallax.Article{article(2, "A", "Two", "two", t0), nil})
	if err == nil {
		t.Fatal("batch with a nil article: no error")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.PutArticles(cctx, []*parallax.Article{article(3, "A", "Three", "three", t0)}); err == nil {
		t.Error("cancelled context: no error")
	}
	if n := count(t, s); n != 1 {
		t.Errorf("CountArticles = %d after failed batches, want 1", n)
	}
	if _, err := s.Article(ctx, "a0002"); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("article of failed batch: err = %v, want not found", err)
	}
}

// richArticle uses every field a store keeps.
func richArticle() *parallax.Article {
	utc := t0.Add(21 * time.Hour)
	lat, lon := 35.33, 40.14
	text := "Russia has called an urgent UN Security Council meeting. “We have just requested an urgent meeting,” Polyanskiy said. 16 people were killed."
	return &parallax.Article{
		ID:                  "arich",
		ExternalID:          "ext-7",
		Input:               "feed.jsonl#3",
		Format:              "jsonl",
		URL:                 "https://example.org/news/1",
		Outlet:              parallax.Outlet{Name: "Al Mayadeen English", Country: "LB", Language: "en", Notes: "note", Host: "english.almayadeen.net", Source: "url", Reason: "host"},
		Title:               "Russia calls UNSC meeting",
		Byline:              "By Al Mayadeen English",
		Published:           time.Date(2024, 2, 3, 11, 30, 15, 123456000, time.FixedZone("", 3*3600)),
		PublishedSource:     parallax.DateMetadata,
		PublishedConfidence: 0.9,
		Text:                text,
		Paragraphs:          []parallax.Span{{Start: 0, End: len(text)}},
		Sentences:           []parallax.Span{{Start: 0, End: 56}, {Start: 57, End: 120}},
		Language:            "en",
		Agencies:            []string{"TASS", "Reuters"},
		Posts:               []parallax.EmbeddedPost{{Text: "Russia has just called…", Author: "Dmitry Polyanskiy", Handle: "@Dpol_un", Platform: "X", Date: t0, URL: "https://x.com/p/1"}},
		Extraction: &parallax.Extraction{
			Times:      []parallax.Timex{{Start: 1, End: 5, Text: "Friday", Type: "DATE", Value: "2024-02-02", UTC: &utc, Zone: "EST", Mod: "APPROX"}},
			Quantities: []parallax.Quantity{{Start: 120, End: 122, Text: "16", Value: 16, Low: 16, High: 16, Bound: parallax.BoundExact, Kind: "count", Unit: "people", Role: "killed", Scope: "Iraq", Source: "CENTCOM"}},
			Entities: []parallax.Entity{
				{Start: 0, End: 6, Text: "Russia", Type: parallax.LOC, ID: "loc:russia", Name: "Russia", Country: "RU", Lat: &lat, Lon: &lon, Metonym: true},
				{Start: 100, End: 110, Text: "Polyanskiy", Type: parallax.PER, ID: "per:dmitry-polyanskiy", Name: "Dmitry Polyanskiy", Role: "Deputy Envoy", Affiliation: "Russia"},
			},
			Quotes: []parallax.Quote{{Start: 58, End: 95, Text: "We have just requested an urgent meeting", Speaker: parallax.Speaker{Text: "Polyanskiy", ID: "per:dmitry-polyanskiy", Name: "Dmitry Polyanskiy", Start: 100, End: 110}, Verb: "said", Medium: "Telegram", Direct: true, Post: 0}},
		},
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testRoundTrip(t *testing.T, s parallax.Store) {
	want := richArticle()
	put(t, s, want)
	got, err := s.Article(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Stored.Equal(want.Stored) {
		t.Errorf("Stored = %v, want %v (as set by PutArticles)", got.Stored, want.Stored)
	}
	if !got.Published.Equal(want.Published) {
		t.Errorf("Published = %v, want %v", got.Published, want.Published)
	}
	if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
		t.Errorf("round trip differs:\ngot  %s\nwant %s", g, w)
	}

	// Lists without text leave the big fields empty and keep the rest.
	list, err := s.Articles(ctx, parallax.ArticleQuery{WithoutText: true})
	if err != nil || len(list) != 1 {
		t.Fatalf("Articles(WithoutText) = %d articles, %v", len(list), err)
	}
	l := list[0]
	if l.Text != "" || l.Sentences != nil || l.Extraction != nil {
		t.Errorf("WithoutText kept text %q, %d sentences, extraction %v", l.Text, len(l.Sentences), l.Extraction != nil)
	}
	if l.Title != want.Title || l.Outlet != want.Outlet || !l.Published.Equal(want.Published) || l.Seq != want.Seq {
		t.Errorf("WithoutText lost fields: %+v", l)
	}

	// An article without extraction comes back without one.
	plain := article(9, "A", "Plain", "plain", time.Time{})
	put(t, s, plain)
	got, err = s.Article(ctx, plain.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Extraction != nil || !got.Published.IsZero() {
		t.Errorf("plain article came back with extraction %v, published %v", got.Extraction, got.Published)
	}
}

func testArticle(t *testing.T, s parallax.Store) {
	a := article(1, "A", "One", "one", t0)
	a.ExternalID = "urn:x:1"
	put(t, s, a)
	for _, id := range []string{a.ID, "urn:x:1"} {
		got, err := s.Article(ctx, id)
		if err != nil {
			t.Fatalf("Article(%q): %v", id, err)
		}
		if got.ID != a.ID {
			t.Errorf("Article(%q).ID = %q", id, got.ID)
		}
	}
	for _, id := range []string{"", "missing", "a000", "urn:x"} {
		_, err := s.Article(ctx, id)
		wantCode(t, err, parallax.ENOTFOUND)
	}
}

func testArticles(t *testing.T, s parallax.Store) {
	// Input order differs from publication order on purpose.
	as := []*parallax.Article{
		article(1, "A", "one", "one", t0.Add(2*time.Hour)),
		article(2, "B", "two", "two", t0),
		article(3, "A", "three", "three", time.Time{}),
		article(4, "B", "four", "four", t0.Add(time.Hour)),
		article(5, "A", "five", "five", t0.Add(3*time.Hour)),
	}
	put(t, s, as...)
	e := parallax.EventID("a0001")
	if err := s.SaveEvents(ctx, []*parallax.Event{{ID: e, Title: "E"}}, []parallax.Membership{
		{ArticleID: "a0001", EventID: e, Score: 1}, {ArticleID: "a0004", EventID: e, Score: 0.5},
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    parallax.ArticleQuery
		want []string
	}{
		{"all", parallax.ArticleQuery{}, []string{"a0001", "a0002", "a0003", "a0004", "a0005"}},
		{"ids", parallax.ArticleQuery{IDs: []string{"a0004", "a0002", "nope"}}, []string{"a0002", "a0004"}},
		{"event", parallax.ArticleQuery{EventID: e}, []string{"a0001", "a0004"}},
		{"outlet", parallax.ArticleQuery{Outlet: "A"}, []string{"a0001", "a0003", "a0005"}},
		{"since", parallax.ArticleQuery{Since: t0.Add(time.Hour)}, []string{"a0001", "a0004", "a0005"}},
		{"until", parallax.ArticleQuery{Until: t0.Add(time.Hour)}, []string{"a0002"}},
		{"since until", parallax.ArticleQuery{Since: t0.Add(time.Hour), Until: t0.Add(3 * time.Hour)}, []string{"a0001", "a0004"}},
		{"after seq", parallax.ArticleQuery{AfterSeq: as[2].Seq}, []string{"a0004", "a0005"}},
		{"unclustered", parallax.ArticleQuery{Unclustered: true}, []string{"a0002", "a0003", "a0005"}},
		{"limit", parallax.ArticleQuery{Limit: 2}, []string{"a0001", "a0002"}},
		{"offset", parallax.ArticleQuery{Limit: 2, Offset: 3}, []string{"a0004", "a0005"}},
		{"offset only", parallax.ArticleQuery{Offset: 4}, []string{"a0005"}},
		{"published", parallax.ArticleQuery{Order: "published"}, []string{"a0002", "a0004", "a0001", "a0005", "a0003"}},
		{"-published", parallax.ArticleQuery{Order: "-published"}, []string{"a0005", "a0001", "a0004", "a0002", "a0003"}},
		{"combined", parallax.ArticleQuery{Outlet: "B", Order: "-published", Limit: 1}, []string{"a0004"}},
		{"none", parallax.ArticleQuery{Outlet: "Z"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Articles(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			equalStrings(t, "ids", ids(got), tt.want)
		})
	}
	t.Run("membership fields", func(t *testing.T) {
		got, err := s.Articles(ctx, parallax.ArticleQuery{IDs: []string{"a0004"}})
		if err != nil || len(got) != 1 {
			t.Fatalf("got %d, %v", len(got), err)
		}
		if got[0].EventID != e {
			t.Errorf("EventID = %q, want %q", got[0].EventID, e)
		}
	})
	t.Run("bad order", func(t *testing.T) {
		_, err := s.Articles(ctx, parallax.ArticleQuery{Order: "title; DROP TABLE articles"})
		wantCode(t, err, parallax.EINVALID)
	})
}

// members returns memberships of the articles with the given ids in ev.
func members(ev string, ids ...string) []parallax.Membership {
	var ms []parallax.Membership
	for _, id := range ids {
		ms = append(ms, parallax.Membership{ArticleID: id, EventID: ev, Score: 0.75, Why: []byte(`{"method":"test","sim":0.75}`)})
	}
	return ms
}

func testSaveEvents(t *testing.T, s parallax.Store) {
	put(t, s,
		article(1, "A", "one", "one", t0.Add(time.Hour)),
		article(2, "B", "two", "two", t0),
		article(3, "A", "three", "three", t0.Add(5*time.Hour)),
		article(4, "", "four", "four", time.Time{}),
	)
	e1, e2 := parallax.EventID("a0001"), parallax.EventID("a0003")
	ev1 := &parallax.Event{ID: e1, Title: "First", Updated: t0, Conflicts: 2, Summary: []string{"16 killed (Iraq)"}, Thin: true}
	ms := members(e1, "a0001", "a0002")
	ms[1].CopyOf = "a0001"
	if err := s.SaveEvents(ctx, []*parallax.Event{ev1}, ms); err != nil {
		t.Fatal(err)
	}
	got, err := s.Event(ctx, e1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "First" || got.Articles != 2 || got.Outlets != 2 || got.Conflicts != 2 || !got.Thin || !got.Updated.Equal(t0) ||
		!reflect.DeepEqual(got.Summary, []string{"16 killed (Iraq)"}) {
		t.Errorf("event = %+v", got)
	}
	if !got.First.Equal(t0) || !got.Last.Equal(t0.Add(time.Hour)) {
		t.Errorf("first, last = %v, %v; want the members' publication span", got.First, got.Last)
	}
	gotMs, err := s.Memberships(ctx, e1)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotMs) != 2 || gotMs[0].ArticleID != "a0001" || gotMs[1].CopyOf != "a0001" || gotMs[0].Score != 0.75 || gotMs[1].EventID != e1 {
		t.Fatalf("memberships = %+v", gotMs)
	}
	var why map[string]any
	if err := json.Unmarshal(gotMs[0].Why, &why); err != nil || why["method"] != "test" {
		t.Errorf("why = %s (%v)", gotMs[0].Why, err)
	}
	a2, _ := s.Article(ctx, "a0002")
	if a2.EventID != e1 || a2.CopyOf != "a0001" {
		t.Errorf("article a0002 event %q copy of %q", a2.EventID, a2.CopyOf)
	}

	// Counts come from memberships, whatever the caller claims; an
	// article moving to another event leaves its old event's count.
	ev2 := &parallax.Event{ID: e2, Title: "Second", Articles: 99, Outlets: 99}
	if err := s.SaveEvents(ctx, []*parallax.Event{ev2}, members(e2, "a0003", "a0002", "a0004")); err != nil {
		t.Fatal(err)
	}
	got1, _ := s.Event(ctx, e1)
	got2, _ := s.Event(ctx, e2)
	if got1.Articles != 1 || got1.Outlets != 1 {
		t.Errorf("old event after move: %d articles, %d outlets; want 1, 1", got1.Articles, got1.Outlets)
	}
	if got2.Articles != 3 || got2.Outlets != 3 {
		t.Errorf("new event: %d articles, %d outlets; want 3, 3 (unknown outlet counts once)", got2.Articles, got2.Outlets)
	}

	// Upserting an event keeps its members and takes the new fields.
	ev1.Title, ev1.Closed, ev1.Summary = "First, renamed", true, nil
	if err := s.SaveEvents(ctx, []*parallax.Event{ev1}, nil); err != nil {
		t.Fatal(err)
	}
	got1, _ = s.Event(ctx, e1)
	if got1.Title != "First, renamed" || !got1.Closed || got1.Articles != 1 || got1.Summary != nil {
		t.Errorf("after upsert: %+v", got1)
	}
	if n, err := s.CountEvents(ctx); err != nil || n != 2 {
		t.Errorf("CountEvents = %d, %v; want 2", n, err)
	}

	// Memberships alone may name an event saved earlier.
	if err := s.SaveEvents(ctx, nil, members(e1, "a0004")); err != nil {
		t.Fatal(err)
	}
	got1, _ = s.Event(ctx, e1)
	got2, _ = s.Event(ctx, e2)
	if got1.Articles != 2 || got2.Articles != 2 {
		t.Errorf("after moving a0004: %d and %d articles, want 2 and 2", got1.Articles, got2.Articles)
	}
	if ms, _ := s.Memberships(ctx, "nope"); len(ms) != 0 {
		t.Errorf("memberships of unknown event: %+v", ms)
	}

	// An event whose last article moves away is deleted; one merely
	// saved without members is not.
	e3 := parallax.EventID("a0009")
	if err := s.SaveEvents(ctx, []*parallax.Event{{ID: e3, Title: "Empty"}}, members(e2, "a0001", "a0004")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Event(ctx, e1); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Errorf("emptied event: err %v, want ENOTFOUND", err)
	}
	if got3, err := s.Event(ctx, e3); err != nil || got3.Articles != 0 {
		t.Errorf("event saved without members: %+v, %v", got3, err)
	}
	if got2, _ = s.Event(ctx, e2); got2 == nil || got2.Articles != 4 {
		t.Errorf("after emptying e1: %+v, want 4 articles", got2)
	}
}

func testSaveEventsAtomic(t *testing.T, s parallax.Store) {
	put(t, s, article(1, "A", "one", "one", t0), article(2, "A", "two", "two", t0))
	e := parallax.EventID("a0001")
	tests := []struct {
		name   string
		events []*parallax.Event
		ms     []parallax.Membership
		code   string
	}{
		{"unknown article", []*parallax.Event{{ID: e}}, append(members(e, "a0001"), members(e, "a9999")...), parallax.ENOTFOUND},
		{"unknown event", []*parallax.Event{{ID: e}}, append(members(e, "a0001"), members("enope", "a0002")...), parallax.EINVALID},
		{"no id", []*parallax.Event{{ID: e}, {Title: "no id"}}, members(e, "a0001"), parallax.EINVALID},
		{"bad why", []*parallax.Event{{ID: e}}, []parallax.Membership{{ArticleID: "a0001", EventID: e, Why: []byte("{not json")}}, parallax.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.SaveEvents(ctx, tt.events, tt.ms)
			wantCode(t, err, tt.code)
			if n, _ := s.CountEvents(ctx); n != 0 {
				t.Errorf("%d events stored by a failed save", n)
			}
			a, _ := s.Article(ctx, "a0001")
			if a.EventID != "" {
				t.Errorf("membership stored by a failed save")
			}
		})
	}
}

// testSaveEventsRepeats checks that within one call the last event and
// the last membership given for an id win, and that an empty EventID
// takes an article out of its event.
func testSaveEventsRepeats(t *testing.T, s parallax.Store) {
	put(t, s, article(1, "A", "one", "one", t0), article(2, "B", "two", "two", t0), article(3, "C", "three", "three", t0))
	e1, e2 := parallax.EventID("a0001"), parallax.EventID("a0002")
	err := s.SaveEvents(ctx,
		[]*parallax.Event{{ID: e1, Title: "old"}, {ID: e2}, {ID: e1, Title: "new"}},
		[]parallax.Membership{
			{ArticleID: "a0001", EventID: e2, Score: 0.1},
			{ArticleID: "a0002", EventID: e1, Score: 0.2},
			{ArticleID: "a0003", EventID: e1, Score: 0.3},
			{ArticleID: "a0001", EventID: e1, Score: 0.9},
		})
	if err != nil {
		t.Fatal(err)
	}
	ev1, err := s.Event(ctx, e1)
	if err != nil {
		t.Fatal(err)
	}
	ev2, _ := s.Event(ctx, e2)
	if ev1.Title != "new" || ev1.Articles != 3 || ev2.Articles != 0 {
		t.Errorf("events: %q with %d articles, other with %d; want \"new\" with 3, 0", ev1.Title, ev1.Articles, ev2.Articles)
	}
	ms, _ := s.Memberships(ctx, e1)
	if len(ms) != 3 || ms[0].ArticleID != "a0001" || ms[0].Score != 0.9 {
		t.Errorf("memberships = %+v", ms)
	}
	// Leaving an event.
	if err := s.SaveEvents(ctx, nil, []parallax.Membership{{ArticleID: "a0002"}}); err != nil {
		t.Fatal(err)
	}
	ev1, _ = s.Event(ctx, e1)
	if ev1.Articles != 2 || ev1.Outlets != 2 {
		t.Errorf("after a0002 left: %d articles, %d outlets; want 2, 2", ev1.Articles, ev1.Outlets)
	}
	a2, _ := s.Article(ctx, "a0002")
	if a2.EventID != "" {
		t.Errorf("a0002 still in %s", a2.EventID)
	}
	un, _ := s.Articles(ctx, parallax.ArticleQuery{Unclustered: true})
	equalStrings(t, "unclustered", ids(un), []string{"a0002"})
}

func testReplaceEvents(t *testing.T, s parallax.Store) {
	put(t, s, article(1, "A", "one", "one", t0), article(2, "B", "two", "two", t0), article(3, "C", "three", "three", t0))
	e1, e2, e3 := parallax.EventID("a0001"), parallax.EventID("a0002"), parallax.EventID("a0003")
	if err := s.SaveEvents(ctx, []*parallax.Event{{ID: e1}, {ID: e2}}, append(members(e1, "a0001"), members(e2, "a0002", "a0003")...)); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceEvents(ctx, []*parallax.Event{{ID: e3, Title: "all"}}, members(e3, "a0001", "a0003")); err != nil {
		t.Fatal(err)
	}
	es, err := s.Events(ctx, parallax.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	equalStrings(t, "events", eventIDs(es), []string{e3})
	if es[0].Articles != 2 {
		t.Errorf("replaced event has %d articles, want 2", es[0].Articles)
	}
	a2, _ := s.Article(ctx, "a0002")
	if a2.EventID != "" {
		t.Errorf("a0002 still in event %s after replace", a2.EventID)
	}
	un, _ := s.Articles(ctx, parallax.ArticleQuery{Unclustered: true})
	equalStrings(t, "unclustered", ids(un), []string{"a0002"})

	// A failing replace keeps the old grouping.
	err = s.ReplaceEvents(ctx, []*parallax.Event{{ID: e1}}, members(e1, "a0001", "a9999"))
	wantCode(t, err, parallax.ENOTFOUND)
	es, _ = s.Events(ctx, parallax.EventQuery{})
	equalStrings(t, "events after failed replace", eventIDs(es), []string{e3})

	if err := s.ReplaceEvents(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountEvents(ctx); n != 0 {
		t.Errorf("%d events after replacing with none", n)
	}
}

func testEvent(t *testing.T, s parallax.Store) {
	evs := []*parallax.Event{{ID: "e1234aaaa"}, {ID: "e1234aaab"}, {ID: "e9876zzzz", Title: "unique"}}
	if err := s.SaveEvents(ctx, evs, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, id, want, code string
	}{
		{"exact", "e1234aaab", "e1234aaab", ""},
		{"unique prefix", "e987", "e9876zzzz", ""},
		{"longer prefix", "e1234aaaa", "e1234aaaa", ""},
		{"ambiguous", "e1234", "", parallax.EINVALID},
		{"short prefix", "e98", "", parallax.ENOTFOUND},
		{"missing", "eabcdef", "", parallax.ENOTFOUND},
		{"empty", "", "", parallax.ENOTFOUND},
		{"like wildcards", "e1234%", "", parallax.ENOTFOUND},
		{"underscore", "e1234aaa_", "", parallax.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Event(ctx, tt.id)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != tt.want {
				t.Errorf("Event(%q).ID = %q, want %q", tt.id, got.ID, tt.want)
			}
		})
	}
}

func withEntities(a *parallax.Article, ents ...parallax.Entity) *parallax.Article {
	a.Extraction = &parallax.Extraction{Entities: ents}
	return a
}

func testEvents(t *testing.T, s parallax.Store) {
	put(t, s,
		withEntities(article(1, "A", "one", "one", t0), parallax.Entity{Text: "Iraq", Type: parallax.LOC, ID: "loc:iraq", Name: "Iraq"}),
		withEntities(article(2, "B", "two", "two", t0.Add(24*time.Hour)), parallax.Entity{Text: "Kirby", Type: parallax.PER, ID: "per:john-kirby", Name: "John Kirby"}),
		withEntities(article(3, "C", "three", "three", t0.Add(48*time.Hour)), parallax.Entity{Text: "Syria", Type: parallax.LOC, Name: "Syria"}),
		article(4, "A", "four", "four", t0.Add(49*time.Hour)),
	)
	e1, e2, e3 := parallax.EventID("a0001"), parallax.EventID("a0002"), parallax.EventID("a0003")
	if err := s.SaveEvents(ctx,
		[]*parallax.Event{{ID: e1}, {ID: e2, Closed: true}, {ID: e3}},
		append(append(members(e1, "a0001"), members(e2, "a0002")...), members(e3, "a0003", "a0004")...),
	); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    parallax.EventQuery
		want []string
	}{
		{"all, latest first", parallax.EventQuery{}, []string{e3, e2, e1}},
		{"limit", parallax.EventQuery{Limit: 1}, []string{e3}},
		{"offset", parallax.EventQuery{Limit: 1, Offset: 1}, []string{e2}},
		{"since", parallax.EventQuery{Since: t0.Add(24 * time.Hour)}, []string{e3, e2}},
		{"until", parallax.EventQuery{Until: t0.Add(24 * time.Hour)}, []string{e1}},
		{"outlet", parallax.EventQuery{Outlet: "A"}, []string{e3, e1}},
		{"entity id", parallax.EventQuery{Entity: "per:john-kirby"}, []string{e2}},
		{"entity name", parallax.EventQuery{Entity: "john kirby"}, []string{e2}},
		{"place id", parallax.EventQuery{Place: "loc:iraq"}, []string{e1}},
		{"place name", parallax.EventQuery{Place: "Syria"}, []string{e3}},
		{"place is not a person", parallax.EventQuery{Place: "per:john-kirby"}, nil},
		{"open", parallax.EventQuery{Open: true}, []string{e3, e1}},
		{"combined", parallax.EventQuery{Outlet: "A", Open: true, Since: t0.Add(time.Hour)}, []string{e3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Events(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			equalStrings(t, "events", eventIDs(got), tt.want)
		})
	}
}

func testSearch(t *testing.T, s parallax.Store) {
	put(t, s,
		article(1, "Al Mayadeen English", "Russia calls for UN Security Council meeting",
			"Russia has called for an urgent meeting of the UN Security Council after the US strikes on Iraq and Syria.", t0),
		article(2, "Shafaq News", "Iraqi government condemns strikes",
			"The Iraqi government said the strikes killed 16 people, among them civilians. Russia was not mentioned.", t0.Add(time.Hour)),
		article(3, "Palestine Chronicle", "Weather report",
			"Sunny weather is expected across the region this weekend, with light winds.", t0.Add(2*time.Hour)),
	)
	hits := func(q parallax.SearchQuery) []parallax.SearchHit {
		t.Helper()
		hs, err := s.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
		return hs
	}
	hitIDs := func(hs []parallax.SearchHit) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.ArticleID)
		}
		return out
	}
	sorted := func(v []string) []string { sort.Strings(v); return v }
	tests := []struct {
		name   string
		q      parallax.SearchQuery
		want   []string
		sorted bool
	}{
		{"word", parallax.SearchQuery{Text: "weather"}, []string{"a0003"}, false},
		{"stemmed", parallax.SearchQuery{Text: "strike"}, []string{"a0001", "a0002"}, true},
		{"all words", parallax.SearchQuery{Text: "russia civilians"}, []string{"a0002"}, false},
		{"phrase", parallax.SearchQuery{Text: `"security council"`}, []string{"a0001"}, false},
		{"or", parallax.SearchQuery{Text: "weather or civilians"}, []string{"a0002", "a0003"}, true},
		{"exclude", parallax.SearchQuery{Text: "strikes -civilians"}, []string{"a0001"}, false},
		{"case", parallax.SearchQuery{Text: "RUSSIA"}, []string{"a0001", "a0002"}, true},
		{"outlet", parallax.SearchQuery{Text: "strikes", Outlet: "Shafaq News"}, []string{"a0002"}, false},
		{"since", parallax.SearchQuery{Text: "strikes", Since: t0.Add(time.Minute)}, []string{"a0002"}, false},
		{"until", parallax.SearchQuery{Text: "strikes", Until: t0.Add(time.Minute)}, []string{"a0001"}, false},
		{"no match", parallax.SearchQuery{Text: "zeppelin"}, nil, false},
		{"only exclusions", parallax.SearchQuery{Text: "-weather"}, nil, false},
		{"empty", parallax.SearchQuery{Text: "  "}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hitIDs(hits(tt.q))
			if tt.sorted {
				got = sorted(got)
			}
			equalStrings(t, "hits", got, tt.want)
		})
	}
	t.Run("title ranks first", func(t *testing.T) {
		// "Russia" is in a0001's title and text, only in a0002's text.
		hs := hits(parallax.SearchQuery{Text: "russia"})
		if len(hs) != 2 || hs[0].ArticleID != "a0001" || !(hs[0].Rank >= hs[1].Rank) {
			t.Errorf("hits = %+v, want a0001 first with the higher rank", hs)
		}
	})
	t.Run("paging", func(t *testing.T) {
		all := hitIDs(hits(parallax.SearchQuery{Text: "russia"}))
		p1 := hitIDs(hits(parallax.SearchQuery{Text: "russia", Limit: 1}))
		p2 := hitIDs(hits(parallax.SearchQuery{Text: "russia", Limit: 1, Offset: 1}))
		equalStrings(t, "pages", append(p1, p2...), all)
	})
	t.Run("hit fields and snippet", func(t *testing.T) {
		hs := hits(parallax.SearchQuery{Text: "civilians"})
		if len(hs) != 1 {
			t.Fatalf("%d hits", len(hs))
		}
		h := hs[0]
		if h.Title != "Iraqi government condemns strikes" || h.Outlet != "Shafaq News" || !h.Published.Equal(t0.Add(time.Hour)) || h.Rank <= 0 {
			t.Errorf("hit = %+v", h)
		}
		if !strings.Contains(h.Snippet, parallax.HitStart+"civilians"+parallax.HitEnd) {
			t.Errorf("snippet %q does not mark the matched term", h.Snippet)
		}
		if strings.Count(h.Snippet, parallax.HitStart) != strings.Count(h.Snippet, parallax.HitEnd) {
			t.Errorf("snippet %q has unbalanced markers", h.Snippet)
		}
	})
	t.Run("event id", func(t *testing.T) {
		e := parallax.EventID("a0003")
		if err := s.SaveEvents(ctx, []*parallax.Event{{ID: e}}, members(e, "a0003")); err != nil {
			t.Fatal(err)
		}
		hs := hits(parallax.SearchQuery{Text: "weather"})
		if len(hs) != 1 || hs[0].EventID != e {
			t.Errorf("hits = %+v, want event %s", hs, e)
		}
	})
}

// SearchWindow is how many of the newest matches of a query a store ranks:
// ranking every match of a common word in millions of articles is too
// slow, and among news the best of the newest thousand is what a reader
// wants. Rarer queries have all their matches ranked.
const SearchWindow = 1000

func testSearchWindow(t *testing.T, s parallax.Store) {
	const n = 5000
	for start := 0; start < n; start += 500 {
		var as []*parallax.Article
		for i := start; i < start+500; i++ {
			text := fmt.Sprintf("common filler text number %d", i)
			if i%25 == 0 {
				text += " medium"
			}
			if i == 10 || i == 2500 || i == 4990 {
				text += " rarity"
			}
			as = append(as, article(i, "A", fmt.Sprintf("title %d", i), text, t0.Add(time.Duration(i)*time.Minute)))
		}
		put(t, s, as...)
	}
	search := func(q parallax.SearchQuery) []parallax.SearchHit {
		t.Helper()
		hs, err := s.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%q): %v", q.Text, err)
		}
		return hs
	}
	tests := []struct {
		text  string
		count int
		least int // smallest article number a hit may have
	}{
		{"common", SearchWindow, n - SearchWindow},
		{"medium", n / 25, 0},
		{"rarity", 3, 0},
		{"common medium", n / 25, 0},
		{"filler or rarity", SearchWindow, n - SearchWindow},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			hs := search(parallax.SearchQuery{Text: tt.text})
			if len(hs) != tt.count {
				t.Errorf("%d hits, want %d", len(hs), tt.count)
			}
			seen := map[string]bool{}
			for _, h := range hs {
				var num int
				fmt.Sscanf(h.ArticleID, "a%d", &num)
				if num < tt.least {
					t.Errorf("hit %s is older than the newest %d matches", h.ArticleID, SearchWindow)
					break
				}
				if seen[h.ArticleID] {
					t.Errorf("hit %s twice", h.ArticleID)
				}
				seen[h.ArticleID] = true
			}
		})
	}
	if hs := search(parallax.SearchQuery{Text: "common", Limit: 10, Offset: SearchWindow - 5}); len(hs) != 5 {
		t.Errorf("last page: %d hits, want 5", len(hs))
	}
}

// SearchQueries are user queries full of search-syntax characters; no
// store may fail on any of them. Stores' fuzz targets use them as seeds.
var SearchQueries = []string{
	`"`, `""`, `"unterminated phrase`, `*`, `strike*`, `-`, `--`, `-strikes`, `- -`, `OR`, `or or`, `AND`, `NOT`,
	`strikes OR`, `OR strikes`, `NEAR(a b)`, `a NEAR/2 b`, `title:russia`, `text : x`, `^russia`, `(russia`, `russia)`,
	`()`, `{}`, `[]`, `:`, `'`, `''`, `russia's`, `\`, `\"`, `%`, `_`, `;`, `'; DROP TABLE articles; --`, `!`, `&`, `|`,
	`&&`, `||`, `<->`, `<2>`, `!russia`, `russia & !syria`, `a:*`, `@@`, `\x00`, "\x00russia", "ru\x00ssia", "\xff\xfe",
	`ü`, `Über`, `العراق`, `Россия`, `中国`, `😀`, `the`, `a b c d e f g h i j`, strings.Repeat("x", 3000),
	strings.Repeat("a ", 300), strings.Repeat(`"`, 101), `+russia`, `~russia`, `russia~`, `"russia" OR "syria" -"iraq"`,
	"\t\n", "\u00a0", `16`, `16.5`, `-16`, `U.S.`, `e-mail`, `#`, `$1`, `?`, `{}[]()<>`,
}

func testSearchSyntax(t *testing.T, s parallax.Store) {
	put(t, s, article(1, "A", "Russia and Syria", "Russia's envoy spoke. Syria and Iraq were struck; 16 killed.", t0))
	for i, q := range SearchQueries {
		name := fmt.Sprintf("%d", i)
		t.Run(name, func(t *testing.T) {
			if _, err := s.Search(ctx, parallax.SearchQuery{Text: q, Limit: 10}); err != nil {
				t.Errorf("Search(%q): %v", q, err)
			}
		})
	}
	// Syntax characters around a word still find the word.
	for _, q := range []string{`russia*`, `(russia)`, `russia:`, `"russia`, `russia's`, `+russia`} {
		hs, err := s.Search(ctx, parallax.SearchQuery{Text: q})
		if err != nil || len(hs) != 1 {
			t.Errorf("Search(%q) = %d hits, %v; want 1", q, len(hs), err)
		}
	}
}

func testDocuments(t *testing.T, s parallax.Store) {
	_, err := s.Document(ctx, "dossier", "e1")
	wantCode(t, err, parallax.ENOTFOUND)
	docs := []struct{ kind, key, doc string }{
		{"dossier", "e1", `{"facts":[]}`},
		{"dossier", "e2", `{"facts":[1]}`},
		{"clusterer", "e1", "binary\x00\xff"},
		{"clusterer", "", "empty key"},
	}
	for _, d := range docs {
		if err := s.PutDocument(ctx, d.kind, d.key, []byte(d.doc)); err != nil {
			t.Fatalf("PutDocument(%s, %s): %v", d.kind, d.key, err)
		}
	}
	if err := s.PutDocument(ctx, "dossier", "e1", []byte(`{"facts":["updated"]}`)); err != nil {
		t.Fatal(err)
	}
	docs[0].doc = `{"facts":["updated"]}`
	for _, d := range docs {
		got, err := s.Document(ctx, d.kind, d.key)
		if err != nil {
			t.Fatalf("Document(%s, %s): %v", d.kind, d.key, err)
		}
		if string(got) != d.doc {
			t.Errorf("Document(%s, %s) = %q, want %q", d.kind, d.key, got, d.doc)
		}
	}
	if err := s.PutDocument(ctx, "dossier", "empty", nil); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Document(ctx, "dossier", "empty"); err != nil || len(got) != 0 {
		t.Errorf("empty document = %q, %v", got, err)
	}
}

// testConcurrentWriters runs writers whose batches overlap: every article
// must be stored exactly once and each reported Stored exactly once.
func testConcurrentWriters(t *testing.T, s parallax.Store) {
	const (
		writers  = 4
		articles = 200
		batch    = 25
	)
	var (
		mu     sync.Mutex
		stored = map[string]int{}
		seqs   = map[int64]string{}
		wg     sync.WaitGroup
		errs   = make(chan error, writers)
	)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// Each writer covers all articles, starting at a different place.
			for start := 0; start < articles; start += batch {
				var as []*parallax.Article
				for i := 0; i < batch; i++ {
					n := (start + i + w*batch) % articles
					as = append(as, article(n, fmt.Sprintf("O%d", n%5), fmt.Sprintf("title %d", n), fmt.Sprintf("text of article %d", n), t0))
				}
				res, err := s.PutArticles(ctx, as)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				for _, r := range res {
					if r.Status == parallax.Stored {
						stored[r.ID]++
						if prev, ok := seqs[r.Seq]; ok {
							errs <- fmt.Errorf("seq %d given to %s and %s", r.Seq, prev, r.ID)
						}
						seqs[r.Seq] = r.ID
					}
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := count(t, s); n != articles {
		t.Errorf("CountArticles = %d, want %d", n, articles)
	}
	if len(stored) != articles {
		t.Errorf("%d articles reported stored, want %d", len(stored), articles)
	}
	for id, n := range stored {
		if n != 1 {
			t.Errorf("%s reported stored %d times", id, n)
		}
	}
}
