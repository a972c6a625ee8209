package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeWithWorkers runs serve without its own analyzer, posts
// articles (answered 202 at once), and lets two `parallax worker --drain`
// processes share the queue: every article ends up in exactly one event,
// each story's reports together, and the server shows them.
func TestServeWithWorkers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	base, stop, logs := startServe(t, map[string]string{"PARALLAX_TOKEN": "tok"}, "--db", db, "--analyze=false")
	var body strings.Builder
	stories := []string{"A flood closed the roads of the %s valley on Monday and 300 people were evacuated, officials said. Rescue teams worked through the night.",
		"A fire destroyed a warehouse in the port of %s on Friday, killing two workers, the fire brigade said. The cause is not known."}
	places := []string{"Arden", "Brill"}
	const reports = 6
	for i := range reports {
		for s, story := range stories {
			fmt.Fprintf(&body, `{"id":"r%d-%d","title":"Report %d","outlet":"Outlet %d","published":"2024-03-0%dT1%d:00:00Z","text":%q}`+"\n",
				s, i, i, i, 1+s*5, i, fmt.Sprintf(story, places[s])+fmt.Sprintf(" Update %d.", i))
		}
	}
	req, _ := http.NewRequest("POST", base+"/api/articles", strings.NewReader(body.String()))
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted || !strings.Contains(string(b), `"status":"queued"`) {
		t.Fatalf("post: %d %s\n%s", resp.StatusCode, b, logs.String())
	}
	if _, metrics := httpGet(t, base+"/metrics"); !strings.Contains(metrics, fmt.Sprintf("parallax_articles_pending %d\n", 2*reports)) {
		t.Errorf("backlog not in the metrics:\n%s", metrics)
	}

	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			code, _, stderr := run(t, "", "worker", "--db", db, "--drain", "--batch", "3")
			if code != 0 {
				t.Errorf("worker %d: exit %d: %s", w, code, stderr)
			}
		})
	}
	wg.Wait()
	deadline := time.Now().Add(30 * time.Second)
	var events string
	for time.Now().Before(deadline) {
		_, events = httpGet(t, base+"/api/events")
		if strings.Count(events, `"articles":6`) == 2 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if strings.Count(events, `"articles":6`) != 2 {
		t.Errorf("want two events of six articles each:\n%s", events)
	}
	if _, metrics := httpGet(t, base+"/metrics"); !strings.Contains(metrics, "parallax_articles_pending 0\n") || !strings.Contains(metrics, fmt.Sprintf("parallax_articles %d\n", 2*reports)) {
		t.Errorf("metrics after the workers:\n%s", metrics)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d", code)
	}
}
