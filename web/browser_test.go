package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/sqlite"
	"github.com/parallax-news/parallax/web/demo"
)

const chromiumPath = "/usr/bin/chromium"

// browser starts a fresh headless Chromium for one test. Without Chromium
// the test is skipped, except on CI (CI=true), where it fails so that
// browser tests cannot silently stop running.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Chromium is required on CI: %v (apt-get install chromium)", err)
		}
		t.Skipf("Chromium not found at %s; install Debian's chromium to run browser tests", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// artifactDir is where screenshots are kept: testdata/artifacts at the
// repository root (gitignored), so that CI can publish them.
func artifactDir(t *testing.T) string {
	dir := filepath.Join("..", "testdata", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		dir = t.TempDir()
	}
	return dir
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(artifactDir(t), name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Errorf("save screenshot: %v", err)
		return
	}
	abs, _ := filepath.Abs(path)
	t.Logf("screenshot: %s", abs)
}

// demoServer serves the bundled demo sample, loaded through the pipeline
// as `parallax serve --demo` does.
func demoServer(t *testing.T) (*httptest.Server, parallax.Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, st
}

// TestBrowserDemo opens the demo, goes from the events list to the seeds'
// 2024 event and checks that the Iraq injured conflict (25 vs 36) is
// highlighted and the timeline drawn.
func TestBrowserDemo(t *testing.T) {
	ts, st := demoServer(t)
	// The seeds' 2024 event is the one holding Al Mayadeen's report, which
	// gives "injuries to 25 others in Iraq".
	hits, err := st.Search(context.Background(), parallax.SearchQuery{Text: `"injuries to 25 others"`, Limit: 5})
	if err != nil || len(hits) == 0 || hits[0].EventID == "" {
		t.Fatalf("seed article not in the demo store: %v %v", hits, err)
	}
	eventID := hits[0].EventID
	ctx := browser(t)

	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`ol.events`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	cards, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('ol.events > li').length`))
	if err != nil {
		t.Fatal(err)
	}
	if cards < 5 {
		t.Errorf("events list shows %d events, want the demo's events", cards)
	}
	screenshot(t, ctx, "demo-events.png")

	link := fmt.Sprintf(`ol.events a[href="/events/%s"]`, eventID)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(link)),
		chromedp.WaitVisible(chromedp.CSS(`article.dossier`)),
	)
	if err != nil {
		t.Fatalf("follow the event link: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`)))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("event page: %q", title)

	type eventPage struct {
		Dossier      bool     `json:"dossier"`
		Conflicting  []string `json:"conflicting"`
		BorderColor  string   `json:"borderColor"`
		StatusBg     string   `json:"statusBg"`
		Circles      int      `json:"circles"`
		ChartWidth   float64  `json:"chartWidth"`
		ChartHeight  float64  `json:"chartHeight"`
		ConflictMark bool     `json:"conflictMark"`
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[eventPage](`(() => {
		const figs = [...document.querySelectorAll('#figures .figure.conflicting')];
		const svg = document.querySelector('#timeline svg.timeline-chart');
		const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
		const f = figs.find(f => /injur|wound/i.test(f.dataset.role || '')) || figs[0];
		return {
			dossier: !document.querySelector('.notice') || !/not been built/.test(document.querySelector('.notice').textContent),
			conflicting: figs.map(f => f.dataset.role + ': ' + f.textContent.replace(/\s+/g, ' ')),
			borderColor: f ? getComputedStyle(f).borderLeftColor : '',
			statusBg: f ? getComputedStyle(f.querySelector('.status')).backgroundColor : '',
			circles: svg ? svg.querySelectorAll('g.happening circle').length : 0,
			chartWidth: box.width, chartHeight: box.height,
			conflictMark: !!document.querySelector('header .conflict-mark'),
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "demo-event-2024.png")
	if !res.Dossier {
		t.Fatal("the demo store has no dossier for the seeds' 2024 event")
	}
	var injured string
	for _, c := range res.Conflicting {
		if strings.Contains(c, "25") && strings.Contains(c, "36") {
			injured = c
		}
	}
	if injured == "" {
		t.Errorf("no conflicting figure with 25 and 36; conflicting figures: %q", res.Conflicting)
	}
	if res.BorderColor != "rgb(163, 20, 27)" || res.StatusBg != "rgb(163, 20, 27)" {
		t.Errorf("conflict not highlighted: border %s, status background %s", res.BorderColor, res.StatusBg)
	}
	if !res.ConflictMark {
		t.Error("no conflict mark in the event header")
	}
	if res.Circles == 0 || res.ChartWidth < 200 || res.ChartHeight < 40 {
		t.Errorf("timeline not drawn: %d happenings, %.0f×%.0f px", res.Circles, res.ChartWidth, res.ChartHeight)
	}

	// The same page on a phone-sized screen.
	err = chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`article.dossier`)))
	if err != nil {
		t.Fatal(err)
	}
	overflow, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if overflow {
		t.Error("event page scrolls sideways on a phone-sized screen")
	}
	screenshot(t, ctx, "demo-event-2024-phone.png")
}

// TestBrowserHostileText ingests articles full of script tags and event
// handlers through the API and checks, in Chromium, that nothing they
// carry runs or even becomes an element on any page.
func TestBrowserHostileText(t *testing.T) {
	f := newFixture(t, nil)
	posted := []map[string]string{{
		"id":        "evil-1",
		"title":     `<script>window.__pwned='title'</script><img src=x onerror="window.__pwned='img'">`,
		"outlet":    `<svg onload="window.__pwned='outlet'">Evil Times`,
		"url":       "https://evil.example/a?<script>",
		"published": "2024-02-04",
		"text": `Officials said <script>window.__pwned='text'; alert(1)</script> 16 people were killed in the strike on Friday. ` +
			`"<img src=x onerror=alert(2)>" said the <a href="javascript:window.__pwned='link'">spokesman</a> on Saturday. ` +
			`The <iframe src="javascript:alert(3)"></iframe> ministry gave no figures. <style>body{display:none}</style>`,
	}}
	body, _ := json.Marshal(posted)
	status, resp := f.post(t, "/api/articles", testToken, string(body))
	if status != 200 {
		t.Fatalf("post hostile article: %d %s", status, resp)
	}
	ctx := browser(t)
	var mu sync.Mutex
	var dialogs []string
	go func() {
		for ev, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, ev.Message)
			mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	pages := []string{
		"/",
		"/events/" + f.eventID,
		"/articles/" + f.a2.ID,
		"/articles/evil-1",
		"/search?q=strike",
		"/search?q=" + "%3Cscript%3E",
		"/outlets/" + "Shafaq%20%3CNews%3E",
	}
	for _, p := range pages {
		name := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "%", "").Replace(p), "_")
		if name == "" {
			name = "events"
		}
		t.Run(name, func(t *testing.T) {
			type pageState struct {
				Pwned    any      `json:"pwned"`
				Scripts  int      `json:"scripts"`
				Handlers []string `json:"handlers"`
				JSLinks  int      `json:"jsLinks"`
				Frames   int      `json:"frames"`
				Visible  bool     `json:"visible"`
				Literal  bool     `json:"literal"`
			}
			err := chromedp.Do(ctx,
				chromedp.Navigate(ts(f)+p),
				chromedp.WaitReady(chromedp.CSS(`body`)),
				chromedp.Sleep(200*time.Millisecond),
			)
			if err != nil {
				t.Fatal(err)
			}
			res, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](`(() => {
					const handlers = [];
					for (const el of document.querySelectorAll('*'))
						for (const a of el.attributes)
							if (a.name.startsWith('on')) handlers.push(el.tagName + ' ' + a.name);
					return {
						pwned: window.__pwned === undefined ? null : window.__pwned,
						scripts: document.querySelectorAll('script').length,
						handlers,
						jsLinks: [...document.querySelectorAll('a[href]')].filter(a => a.href.startsWith('javascript:')).length,
						frames: document.querySelectorAll('iframe, object, embed').length,
						visible: getComputedStyle(document.body).display !== 'none',
						literal: document.body.innerText.includes("<script>window.__pwned='text'"),
					};
				})()`))
			if err != nil {
				t.Fatal(err)
			}
			if res.Pwned != nil || res.Scripts != 0 || len(res.Handlers) != 0 || res.JSLinks != 0 || res.Frames != 0 || !res.Visible {
				t.Errorf("hostile text became active: %+v", res)
			}
			if p == "/articles/evil-1" && !res.Literal {
				t.Error("the article's text is not shown as text")
			}
		})
	}
	screenshot(t, ctx, "hostile-search.png")
	mu.Lock()
	defer mu.Unlock()
	if len(dialogs) > 0 {
		t.Errorf("dialogs opened: %q", dialogs)
	}
}

func ts(f *fixture) string { return f.ts.URL }
