package postgres

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// The multi-process tests run this test binary again as helper processes
// (real separate processes with their own pools on one database).
const (
	helperEnv  = "PARALLAX_PG_HELPER"
	helperURL  = "PARALLAX_PG_HELPER_URL"
	helperFrom = "PARALLAX_PG_HELPER_FROM"
)

// Shape of the workload: articles 0…total-1, grouped into events of
// groupSize consecutive articles founded by the group's first article.
// Every worker stores every article, in the same order and at the same
// time, and files the articles n with n%workers equal to its number, so
// that workers add different articles to the same events concurrently.
const (
	total     = 600
	groupSize = 10
	workers   = 3
	batchSize = 30
)

func workloadArticle(n int) *parallax.Article {
	return &parallax.Article{
		ID:        fmt.Sprintf("w%05d", n),
		Title:     fmt.Sprintf("Report %d on event %d", n, n/groupSize),
		Text:      fmt.Sprintf("Report number %d about strikes near town %d. ", n, n/groupSize) + strings.Repeat("More text. ", 20),
		Outlet:    parallax.Outlet{Name: fmt.Sprintf("Outlet %d", n%7)},
		Published: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute),
	}
}

// work is worker w's share: it stores all articles in batches and, like a
// clustering worker, files its own under their group's event, then reads
// like a server would.
func work(ctx context.Context, s parallax.Store, w int) (stored int, err error) {
	for start := 0; start < total; start += batchSize {
		var as []*parallax.Article
		for n := start; n < start+batchSize; n++ {
			as = append(as, workloadArticle(n))
		}
		res, err := s.PutArticles(ctx, as)
		if err != nil {
			return stored, err
		}
		var events []*parallax.Event
		var members []parallax.Membership
		seen := map[string]bool{}
		for i, r := range res {
			if r.Status == parallax.Stored {
				stored++
			}
			n := start + i
			if n%workers != w {
				continue
			}
			founder := fmt.Sprintf("w%05d", n/groupSize*groupSize)
			ev := parallax.EventID(founder)
			if !seen[ev] {
				seen[ev] = true
				// Counts a worker claims are deliberately wrong: the store
				// must derive them from memberships.
				events = append(events, &parallax.Event{ID: ev, Title: "event " + founder, Articles: 1, Outlets: 1, Updated: time.Now()})
			}
			members = append(members, parallax.Membership{ArticleID: r.ID, EventID: ev, Score: 1})
		}
		// Half the time events and memberships are saved apart, the way
		// an incremental clusterer may: a memberships-only save must
		// still leave exact counts.
		if (start/batchSize)%2 == 1 {
			if err := s.SaveEvents(ctx, events, nil); err != nil {
				return stored, err
			}
			events = nil
		}
		if err := s.SaveEvents(ctx, events, members); err != nil {
			return stored, err
		}
		if _, err := s.Events(ctx, parallax.EventQuery{Limit: 20}); err != nil {
			return stored, err
		}
		if _, err := s.Search(ctx, parallax.SearchQuery{Text: "strikes town", Limit: 10}); err != nil {
			return stored, err
		}
	}
	return stored, nil
}

// TestHelperProcess is not a test: it is a helper process that opens the
// store (migrating it if it is first) and runs its share of the work.
func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) == "" {
		t.Skip("helper process only")
	}
	ctx := context.Background()
	s, err := Open(ctx, os.Getenv(helperURL))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	from, _ := strconv.Atoi(os.Getenv(helperFrom))
	stored, err := work(ctx, s, from)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("stored", stored)
	s.Close()
	os.Exit(0)
}

// checkWorkload verifies the store after the workers: every article once,
// every event once with counts equal to its members.
func checkWorkload(t *testing.T, s parallax.Store, reported int) {
	t.Helper()
	ctx := context.Background()
	n, err := s.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != total || reported != total {
		t.Errorf("%d articles stored, %d reported stored by the workers; want %d", n, reported, total)
	}
	ne, err := s.CountEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ne != total/groupSize {
		t.Errorf("%d events, want %d", ne, total/groupSize)
	}
	events, err := s.Events(ctx, parallax.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		ms, err := s.Memberships(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if e.Articles != groupSize || len(ms) != groupSize || e.Outlets != min(groupSize, 7) {
			t.Errorf("event %s: %d articles, %d memberships, %d outlets; want %d, %d, 7", e.ID, e.Articles, len(ms), e.Outlets, groupSize, groupSize)
		}
	}
	un, err := s.Articles(ctx, parallax.ArticleQuery{Unclustered: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 0 {
		t.Errorf("%d articles left without an event", len(un))
	}
	// Seqs are unique and follow input order within each worker's batches;
	// across workers they only need to be distinct.
	all, err := s.Articles(ctx, parallax.ArticleQuery{WithoutText: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, a := range all {
		if seen[a.Seq] {
			t.Errorf("seq %d given twice", a.Seq)
		}
		seen[a.Seq] = true
	}
}

// TestConcurrentPools runs three workers in one process, each with its own
// connection pool, as separate processes would have.
func TestConcurrentPools(t *testing.T) {
	url := freshSchema(t)
	ctx := context.Background()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		reported int
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s, err := Open(ctx, url)
			if err != nil {
				t.Error(err)
				return
			}
			defer s.Close()
			n, err := work(ctx, s, w)
			if err != nil {
				t.Errorf("worker %d: %v", w, err)
			}
			mu.Lock()
			reported += n
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkWorkload(t, s, reported)
}

// TestConcurrentProcesses runs three real processes (think two servers and
// an ingesting worker) on one new database: they migrate it together and
// write overlapping articles and events.
func TestConcurrentProcesses(t *testing.T) {
	url := freshSchema(t)
	var (
		wg   sync.WaitGroup
		outs = make([]string, workers)
	)
	for w := range outs {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
			cmd.Env = append(os.Environ(), helperEnv+"=1", helperURL+"="+url, helperFrom+"="+strconv.Itoa(w))
			out, err := cmd.CombinedOutput()
			outs[w] = string(out)
			if err != nil {
				t.Errorf("process %d: %v\n%s", w, err, out)
			}
		}(w)
	}
	wg.Wait()
	reported := 0
	for _, o := range outs {
		for _, line := range strings.Split(o, "\n") {
			if n, err := strconv.Atoi(strings.TrimPrefix(line, "stored ")); err == nil && strings.HasPrefix(line, "stored ") {
				reported += n
			}
		}
	}
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkWorkload(t, s, reported)
}
