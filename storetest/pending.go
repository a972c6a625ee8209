package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

// pendingArticle is an article as the API reads it: text, spans, outlet
// details and a zoned publication time, but no extraction.
func pendingArticle(n int, published time.Time) *parallax.Article {
	a := article(n, "Shafaq News", "Report", "Sixteen people were killed. Rescue teams searched overnight.", published)
	a.Outlet.Country = "IQ"
	a.URL = "https://example.org/" + a.ID
	a.Language = "en"
	a.Paragraphs = []parallax.Span{{Start: 0, End: len(a.Text)}}
	a.Sentences = []parallax.Span{{Start: 0, End: 27}, {Start: 28, End: len(a.Text)}}
	a.Posts = []parallax.EmbeddedPost{{Text: "We have just requested an urgent meeting", Platform: "Telegram"}}
	return a
}

func claim(t *testing.T, s parallax.Store, owner string, limit int) []*parallax.Article {
	t.Helper()
	as, err := s.ClaimPending(ctx, parallax.PendingClaim{Owner: owner, TTL: time.Minute, Limit: limit})
	if err != nil {
		t.Fatalf("ClaimPending(%s): %v", owner, err)
	}
	return as
}

func pendingCount(t *testing.T, s parallax.Store) int64 {
	t.Helper()
	st, err := s.PendingStats(ctx)
	if err != nil {
		t.Fatalf("PendingStats: %v", err)
	}
	return st.Articles
}

// testPending checks the queue: what PutPending counts as a duplicate,
// that claims come back in arrival order exactly as put, and that only
// FinishPending removes them.
func testPending(t *testing.T, s parallax.Store) {
	if st, err := s.PendingStats(ctx); err != nil || st.Articles != 0 || !st.Oldest.IsZero() {
		t.Fatalf("empty queue: %+v, %v", st, err)
	}
	zone := time.FixedZone("AST", 3*3600)
	a, b, c := pendingArticle(1, t0.In(zone)), pendingArticle(2, t0.Add(-time.Hour)), pendingArticle(3, time.Time{})
	stored := article(4, "Al Mayadeen English", "Stored", "Already analyzed.", t0)
	put(t, s, stored)

	t.Run("put", func(t *testing.T) {
		res, err := s.PutPending(ctx, []*parallax.Article{a, b, a, pendingArticle(4, t0), c})
		if err != nil {
			t.Fatal(err)
		}
		want := []parallax.PutStatus{parallax.Stored, parallax.Stored, parallax.Duplicate, parallax.Duplicate, parallax.Stored}
		for i, r := range res {
			if r.Status != want[i] {
				t.Errorf("result %d (%s) = %s, want %s", i, r.ID, r.Status, want[i])
			}
		}
		if !(res[0].Seq > 0 && res[1].Seq > res[0].Seq && res[4].Seq > res[1].Seq) {
			t.Errorf("queue seqs %d %d %d not increasing in input order", res[0].Seq, res[1].Seq, res[4].Seq)
		}
		again, err := s.PutPending(ctx, []*parallax.Article{b})
		if err != nil {
			t.Fatal(err)
		}
		if again[0].Status != parallax.Duplicate {
			t.Errorf("pending article put again: %s, want duplicate", again[0].Status)
		}
		st, err := s.PendingStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != 3 || st.Oldest.IsZero() {
			t.Errorf("stats %+v, want 3 articles and an oldest time", st)
		}
		// Pending articles are not analyzed: lists do not show them, but
		// each can be read by its id, marked pending.
		if n := count(t, s); n != 1 {
			t.Errorf("%d articles stored, want only the analyzed one", n)
		}
		g, err := s.Article(ctx, b.ID)
		if err != nil {
			t.Fatalf("pending article %s: %v", b.ID, err)
		}
		if !g.Pending || g.Text != b.Text || g.Seq != 0 || g.EventID != "" || g.Extraction != nil {
			t.Errorf("pending article read as %+v", g)
		}
		if g, err := s.Article(ctx, stored.ID); err != nil || g.Pending {
			t.Errorf("stored article read as pending: %+v, %v", g, err)
		}
	})

	t.Run("claim", func(t *testing.T) {
		got := claim(t, s, "one", 2)
		equalStrings(t, "claimed", ids(got), []string{a.ID, b.ID})
		if len(got) == 2 {
			g := got[0]
			if g.Text != a.Text || g.URL != a.URL || g.Outlet != a.Outlet || g.Language != "en" ||
				len(g.Sentences) != 2 || g.Sentences[1] != a.Sentences[1] || len(g.Posts) != 1 || g.Posts[0].Platform != "Telegram" {
				t.Errorf("claimed article differs from the one put:\n got %+v\nwant %+v", g, a)
			}
			if !g.Published.Equal(a.Published) {
				t.Errorf("published %v, want %v", g.Published, a.Published)
			}
		}
		// Claiming does not remove: a crash before FinishPending means the
		// batch is analyzed again.
		equalStrings(t, "claimed again", ids(claim(t, s, "one", 10)), []string{a.ID, b.ID, c.ID})
		if got := claim(t, s, "one", 0); len(got) != 0 {
			t.Errorf("renewal returned %d articles", len(got))
		}
	})

	t.Run("lease held", func(t *testing.T) {
		_, err := s.ClaimPending(ctx, parallax.PendingClaim{Owner: "two", TTL: time.Minute, Limit: 10})
		wantCode(t, err, parallax.ECONFLICT)
		wantCode(t, s.FinishPending(ctx, "two", []string{a.ID}), parallax.ECONFLICT)
		if n := pendingCount(t, s); n != 3 {
			t.Errorf("%d pending after a refused finish, want 3", n)
		}
		_, err = s.ClaimPending(ctx, parallax.PendingClaim{Owner: "", TTL: time.Minute})
		wantCode(t, err, parallax.EINVALID)
	})

	t.Run("finish", func(t *testing.T) {
		// The analyzer stores the article, then finishes it.
		put(t, s, a)
		if err := s.FinishPending(ctx, "one", []string{a.ID, "never-pending"}); err != nil {
			t.Fatal(err)
		}
		equalStrings(t, "left", ids(claim(t, s, "one", 10)), []string{b.ID, c.ID})
		if g, err := s.Article(ctx, a.ID); err != nil || g.Pending || g.Seq == 0 {
			t.Errorf("analyzed article read as %+v, %v", g, err)
		}
		if res, err := s.PutPending(ctx, []*parallax.Article{a}); err != nil || res[0].Status != parallax.Duplicate {
			t.Errorf("analyzed article queued again: %+v, %v", res, err)
		}
	})

	t.Run("release", func(t *testing.T) {
		if err := s.ReleasePending(ctx, "two"); err != nil { // not the holder: no effect
			t.Fatal(err)
		}
		_, err := s.ClaimPending(ctx, parallax.PendingClaim{Owner: "two", TTL: time.Minute})
		wantCode(t, err, parallax.ECONFLICT)
		if err := s.ReleasePending(ctx, "one"); err != nil {
			t.Fatal(err)
		}
		equalStrings(t, "taken over", ids(claim(t, s, "two", 10)), []string{b.ID, c.ID})
		wantCode(t, s.FinishPending(ctx, "one", []string{b.ID}), parallax.ECONFLICT)
	})

	t.Run("expiry", func(t *testing.T) {
		if _, err := s.ClaimPending(ctx, parallax.PendingClaim{Owner: "two", TTL: time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		// The lease lapses on its own: a crashed analyzer's work passes on.
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, err := s.ClaimPending(ctx, parallax.PendingClaim{Owner: "three", TTL: time.Minute})
			if err == nil {
				break
			}
			if parallax.ErrorCode(err) != parallax.ECONFLICT || time.Now().After(deadline) {
				t.Fatalf("lease never expired: %v", err)
			}
			time.Sleep(5 * time.Millisecond)
		}
		wantCode(t, s.FinishPending(ctx, "two", []string{b.ID}), parallax.ECONFLICT)
		if err := s.FinishPending(ctx, "three", []string{b.ID, c.ID}); err != nil {
			t.Fatal(err)
		}
		if st, err := s.PendingStats(ctx); err != nil || st.Articles != 0 || !st.Oldest.IsZero() {
			t.Errorf("drained queue: %+v, %v", st, err)
		}
	})
}

// testPendingLeaseRace has analyzers race for a free lease: exactly one
// wins, whatever the store's locking.
func testPendingLeaseRace(t *testing.T, s parallax.Store) {
	const n = 8
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins []int
	)
	for i := range n {
		wg.Go(func() {
			_, err := s.ClaimPending(ctx, parallax.PendingClaim{Owner: string(rune('a' + i)), TTL: time.Minute, Limit: 1})
			switch parallax.ErrorCode(err) {
			case "":
				mu.Lock()
				wins = append(wins, i)
				mu.Unlock()
			case parallax.ECONFLICT:
			default:
				t.Errorf("claimer %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if len(wins) != 1 {
		t.Errorf("%d claimers won the lease (%v), want exactly one", len(wins), wins)
	}
}
