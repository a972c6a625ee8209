package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"syscall"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
	"github.com/parallax-news/parallax/sqlite"
)

// BenchmarkEventPageUncached measures what an event page costs the server
// when it is not cached: reading the members, decoding the dossier (the
// seeds' 2024 event, a heavy page), rendering and compressing it. The
// store reads are SQLite's here; the load benchmark measures PostgreSQL.
// cpu-ms/op is the process's CPU time per page (collector included),
// steadier than the wall-clock time on a shared machine.
//
//	go test ./web -run '^$' -bench EventPageUncached -cpu 1
func BenchmarkEventPageUncached(b *testing.B) {
	ctx := context.Background()
	raw, err := os.ReadFile("../testdata/dossier/seeds-2024.articles.json")
	if err != nil {
		b.Fatal(err)
	}
	var arts []*parallax.Article
	if err := json.Unmarshal(raw, &arts); err != nil {
		b.Fatal(err)
	}
	st, err := sqlite.Open(ctx, b.TempDir()+"/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutArticles(ctx, arts); err != nil {
		b.Fatal(err)
	}
	ev := &parallax.Event{ID: parallax.EventID(arts[0].ID), Title: arts[0].Title, First: arts[0].Published, Last: arts[0].Published}
	var members []parallax.Membership
	for _, a := range arts {
		members = append(members, parallax.Membership{ArticleID: a.ID, EventID: ev.ID, Score: 1})
	}
	if err := st.SaveEvents(ctx, []*parallax.Event{ev}, members); err != nil {
		b.Fatal(err)
	}
	doc, err := json.Marshal(dossier.Build(ev, arts, dossier.Options{}))
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(Config{Store: st})
	if err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/events/"+ev.ID, nil)
	r.SetPathValue("id", ev.ID)
	var size int
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	for b.Loop() {
		e, err := s.fetchEventRow(r)
		if err != nil {
			b.Fatal(err)
		}
		d, err := s.buildEvent(ctx, &eventSource{ev: e, dossier: doc}, true)
		if err != nil {
			b.Fatal(err)
		}
		it, err := s.renderEventPage(r, d)
		if err != nil {
			b.Fatal(err)
		}
		size = len(it.gz)
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	b.ReportMetric(float64(ru1.Utime.Nano()+ru1.Stime.Nano()-ru0.Utime.Nano()-ru0.Stime.Nano())/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(doc)), "dossier-bytes")
	b.ReportMetric(float64(size), "gzip-bytes")
}
