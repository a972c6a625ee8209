package web

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

// TestEventPageReports checks that a very large event's page lists its
// reports a page at a time, with links between the pages.
func TestEventPageReports(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	const n = reportsPerPage + 5
	var arts []*parallax.Article
	for i := range n {
		arts = append(arts, &parallax.Article{ID: fmt.Sprintf("big%03d", i), Title: fmt.Sprintf("Report number %03d", i),
			Text: "text", Published: time.Date(2024, 3, 1, 0, i, 0, 0, time.UTC)})
	}
	if _, err := f.store.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	ev := &parallax.Event{ID: parallax.EventID("big000"), Title: "A very large event"}
	var members []parallax.Membership
	for _, a := range arts {
		members = append(members, parallax.Membership{ArticleID: a.ID, EventID: ev.ID, Score: 1})
	}
	if err := f.store.SaveEvents(ctx, []*parallax.Event{ev}, members); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want, not  []string
	}{
		{"first page", "/events/" + ev.ID, []string{"Report number 000", "Report number 099", "1–100 of 105", "?offset=100#reports", "Later reports"},
			[]string{"Report number 100", "Earlier reports"}},
		{"second page", "/events/" + ev.ID + "?offset=100", []string{"Report number 100", "Report number 104", "101–105 of 105", "Earlier reports"},
			[]string{"Report number 099", "Later reports"}},
		{"small event has no pager", "/events/" + f.eventID, nil, []string{`aria-label="Reports"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.get(t, tt.path)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("page has %q", w)
				}
			}
		})
	}
	if resp, _ := f.get(t, "/events/"+ev.ID+"?offset=-1"); resp.StatusCode != 400 {
		t.Errorf("bad offset: status %d, want 400", resp.StatusCode)
	}
}

// TestDecodeDossier checks that the page's one-pass dossier decoder reads
// what encoding/json reads, unbounded figures included.
func TestDecodeDossier(t *testing.T) {
	raw, err := os.ReadFile("../testdata/dossier/seeds-2024.articles.json")
	if err != nil {
		t.Fatal(err)
	}
	var arts []*parallax.Article
	if err := json.Unmarshal(raw, &arts); err != nil {
		t.Fatal(err)
	}
	ev := &parallax.Event{ID: parallax.EventID(arts[0].ID), Title: arts[0].Title}
	seeds, err := json.Marshal(dossier.Build(ev, arts, dossier.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	unbounded := []byte(`{"figures":[{"role":"killed","scopes":[{"scope":"Gaza","figures":[
		{"text":"more than 85","value":85,"low":85,"high":null},{"text":"under 10","value":null,"low":null,"high":10}]}]}],
		"Title":"case-insensitive","timeline":[{"value":"2024-02-03","utc":"2024-02-03T10:00:00Z"}]}`)
	for _, doc := range [][]byte{seeds, unbounded} {
		var want, got parallax.Dossier
		if err := json.Unmarshal(doc, &want); err != nil {
			t.Fatal(err)
		}
		if err := decodeDossier(doc, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("decodeDossier differs from encoding/json:\n got %+v\nwant %+v", got, want)
		}
	}
}

// TestReportRow checks that the event page's report rows, written in Go,
// match the "articlerow" partial other pages use.
func TestReportRow(t *testing.T) {
	tmpl, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*parallax.Article{
		{ID: "a/1&b", Title: `<script>alert("x'+")</script>`, Outlet: parallax.Outlet{Name: `Shafaq <News> & "co"`},
			Published: time.Date(2024, 2, 3, 10, 4, 0, 0, time.FixedZone("x", 3600)), CopyOf: "a0"},
		{ID: "a2", Published: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)},
		{ID: "a3", Title: "Plain"},
	} {
		var want strings.Builder
		if err := tmpl["event"].ExecuteTemplate(&want, "articlerow", a); err != nil {
			t.Fatal(err)
		}
		var w htmlWriter
		writeReportRow(&w, a)
		if got := string(w.b); got != want.String() {
			t.Errorf("report row of %s:\n got %s\nwant %s", a.ID, got, want.String())
		}
	}
}
