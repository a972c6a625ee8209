package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/pipeline"
	"github.com/parallax-news/parallax/synth"
)

// runBench measures a stage's throughput on generated input, so that the
// performance goals can be checked on any machine without data sets.
func runBench(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(env.Stderr, "Usage: parallax bench ingest [--n N] [--format text|jsonl|html] [--size BYTES] [--db FILE] [--json] [--analyze] [--cpuprofile FILE]")
		fmt.Fprintln(env.Stderr, "       parallax bench cluster [--n N]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return usageError("name the stage to measure: ingest or cluster")
	}
	switch args[0] {
	case "ingest":
		return benchIngest(ctx, env, args[1:])
	case "cluster":
		fs := newFlagSet(env, "bench cluster", "[--n N]")
		n := fs.Int("n", 100_000, "number of synthetic articles to cluster (reports at 10k, 100k, 1M and N)")
		if err := parseFlags(fs, args[1:]); err != nil {
			return err
		}
		return synth.BenchCluster(ctx, env.Stdout, *n)
	}
	return usageError("unknown bench stage %q (stages: ingest, cluster)", args[0])
}

// benchResult is one measured phase.
type benchResult struct {
	Phase    string  `json:"phase"`
	Articles int     `json:"articles"`
	Seconds  float64 `json:"seconds"`
	// CPUSeconds is user plus system time of the whole process, so that
	// PerCPUSecond is throughput per core however many cores ran.
	CPUSeconds   float64 `json:"cpu_seconds"`
	PerSecond    float64 `json:"articles_per_second"`
	PerCPUSecond float64 `json:"articles_per_cpu_second"`
}

type benchReport struct {
	Format    string        `json:"format"`
	N         int           `json:"n"`
	Bytes     int           `json:"article_bytes"`
	Results   []benchResult `json:"results"`
	MaxRSSMiB float64       `json:"max_rss_mib"`
}

func benchIngest(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "bench ingest", "[--n N] [--format text|jsonl|html] [--size BYTES] [--db FILE] [--json] [--analyze] [--cpuprofile FILE]")
	n := fs.Int("n", 5000, "number of synthetic articles")
	format := fs.String("format", "text", "input format to generate: text, jsonl or html")
	size := fs.Int("size", 3000, "approximate size of one article's text in bytes")
	dbPath := fs.String("db", "", "SQLite file to store into (default: a new file in a temporary directory)")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	analyze := fs.Bool("analyze", false, "also measure the whole pipeline: read, extract, cluster, store and dossiers")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measured phases to `FILE` (for go tool pprof)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n <= 0 || *size <= 0 {
		return usageError("--n and --size must be positive")
	}
	if *format != "text" && *format != "jsonl" && *format != "html" {
		return usageError("--format must be text, jsonl or html, not %q", *format)
	}
	dir, err := os.MkdirTemp("", "parallax-bench-")
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer os.RemoveAll(dir)
	inputs := filepath.Join(dir, "in")
	if err := writeSynthetic(inputs, *format, *n, *size); err != nil {
		return fmt.Errorf("bench: generate input: %w", err)
	}
	report := benchReport{Format: *format, N: *n, Bytes: *size}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer pprof.StopCPUProfile()
	}

	// Phase 1: read, detect, decode, clean, segment, recognize outlets.
	r, err := measure("read", func() (int, error) {
		stats, err := ingest.Walk(ctx, []string{inputs}, ingest.Options{}, func(ingest.Item) error { return nil })
		return stats.Articles, err
	})
	if err != nil {
		return err
	}
	report.Results = append(report.Results, r)

	// Phase 2: the same into a SQLite store, in batches as ingest does.
	loc := *dbPath
	if loc == "" {
		loc = filepath.Join(dir, "bench.db")
	}
	st, err := openStore(ctx, loc, false)
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if !closed {
			st.Close()
		}
	}()
	r, err = measure("read+store", func() (int, error) {
		const batchSize = 256
		batch := make([]*parallax.Article, 0, batchSize)
		stored := 0
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			res, err := st.PutArticles(ctx, batch)
			if err != nil {
				return err
			}
			for _, x := range res {
				if x.Status == parallax.Stored {
					stored++
				}
			}
			batch = batch[:0]
			return nil
		}
		_, err := ingest.Walk(ctx, []string{inputs}, ingest.Options{}, func(it ingest.Item) error {
			if it.Article == nil {
				return nil
			}
			batch = append(batch, it.Article)
			if len(batch) == batchSize {
				return flush()
			}
			return nil
		})
		if err != nil {
			return stored, err
		}
		if err := flush(); err != nil {
			return stored, err
		}
		// Closing is part of storing: a store may finish work then (the
		// SQLite store indexes the articles still waiting for its
		// full-text index).
		closed = true
		return stored, st.Close()
	})
	if err != nil {
		return err
	}
	report.Results = append(report.Results, r)

	// Phase 3: the whole pipeline into a fresh store.
	if *analyze {
		st2, err := openStore(ctx, filepath.Join(dir, "analyze.db"), false)
		if err != nil {
			return err
		}
		defer st2.Close()
		r, err = measure("analyze", func() (int, error) {
			p, err := pipeline.New(ctx, pipeline.Config{Store: st2})
			if err != nil {
				return 0, err
			}
			sum, err := p.Ingest(ctx, []string{inputs})
			if err == nil {
				err = p.Close(ctx)
			}
			if err == nil {
				err = st2.Close()
			}
			return sum.Stored, err
		})
		if err != nil {
			return err
		}
		report.Results = append(report.Results, r)
	}
	report.MaxRSSMiB = maxRSSMiB()

	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	fmt.Fprintf(env.Stdout, "bench ingest: %d synthetic %s articles of ~%d bytes (%d CPUs)\n", *n, *format, *size, runtime.NumCPU())
	for _, r := range report.Results {
		fmt.Fprintf(env.Stdout, "  %-11s %6d articles in %6.2fs  %8.0f articles/s  %8.0f articles per CPU-second\n",
			r.Phase, r.Articles, r.Seconds, r.PerSecond, r.PerCPUSecond)
	}
	fmt.Fprintf(env.Stdout, "  max RSS %.0f MiB\n", report.MaxRSSMiB)
	return nil
}

func measure(phase string, fn func() (int, error)) (benchResult, error) {
	runtime.GC()
	cpu0, start := cpuSeconds(), time.Now()
	count, err := fn()
	if err != nil {
		return benchResult{}, fmt.Errorf("bench %s: %w", phase, err)
	}
	r := benchResult{Phase: phase, Articles: count, Seconds: time.Since(start).Seconds(), CPUSeconds: cpuSeconds() - cpu0}
	if r.Seconds > 0 {
		r.PerSecond = float64(count) / r.Seconds
	}
	if r.CPUSeconds > 0 {
		r.PerCPUSecond = float64(count) / r.CPUSeconds
	}
	return r, nil
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func maxRSSMiB() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // kilobytes on Linux
}

// Vocabulary for synthetic articles: enough variety that language
// detection, segmentation and the agency scan do real work, and every
// article differs so that none is a duplicate.
var (
	benchPlaces   = []string{"Baghdad", "Damascus", "Kyiv", "Khartoum", "Gaza", "Beirut", "Kabul", "Tripoli", "Sanaa", "Mosul"}
	benchOfficial = []string{"the foreign minister", "a government spokesman", "the defence ministry", "the prime minister's office", "a senior security official"}
	benchSources  = []string{"according to Reuters", "AFP reported", "state media said", "the ministry said in a statement", "witnesses told reporters"}
	benchSentence = []string{
		"%[1]s said on %[5]s that %[2]d people were killed and %[3]d wounded in strikes near %[4]s.",
		"The attack, %[6]s, targeted positions held by armed groups on the outskirts of %[4]s.",
		"\"We will not accept this violation of our sovereignty,\" %[1]s told a news conference in %[4]s.",
		"Diplomats said the Security Council would meet within %[3]d hours to discuss the escalation.",
		"Residents described hearing at least %[2]d explosions shortly after midnight, and hundreds of families fled.",
		"Aid agencies warned that %[3]d clinics had closed and that supplies would run out within days.",
		"The United Nations called for restraint and urged all sides to protect civilians and infrastructure.",
		"Officials in %[4]s said talks on a ceasefire, which began %[2]d days ago, had stalled.",
	}
	benchDays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// benchEventSize is how many consecutive synthetic articles report one
// event: each event has its own town, spokesman and toll, so that the
// clusterer and the dossiers face many small events, as in real news,
// rather than one giant one.
const benchEventSize = 5

var benchSyllables = []string{"ka", "lo", "mi", "ra", "su", "ve", "do", "ne", "ti", "ba", "zor", "han"}

// benchName returns a made-up capitalized name for event e.
func benchName(e, salt int) string {
	var b strings.Builder
	for k, x := 0, e*31+salt*7; k < 3; k++ {
		b.WriteString(benchSyllables[x%len(benchSyllables)])
		x /= len(benchSyllables)
		x += k + salt
	}
	n := b.String()
	return strings.ToUpper(n[:1]) + n[1:]
}

// syntheticText returns article i: a title line and paragraphs of about
// size bytes.
func syntheticText(i, size int) (title, body string) {
	e := i / benchEventSize
	town, person := benchName(e, 1)+"abad", benchName(e, 2)+" "+benchName(e, 3)+"ov"
	title = fmt.Sprintf("Strikes near %s kill %d, officials say (report %d)", town, 3+e%40, i)
	var b strings.Builder
	fmt.Fprintf(&b, "%s, a spokesman for the %s provincial council, said %d people died in %s on %s. ",
		person, town, 3+e%40, town, benchDays[e%len(benchDays)])
	for k := 0; b.Len() < size; k++ {
		s := benchSentence[(i+k)%len(benchSentence)]
		if strings.Contains(s, "%") {
			// Explicit argument indexes let a sentence use any subset.
			fmt.Fprintf(&b, s, benchOfficial[(i+k)%len(benchOfficial)], 2+(i*7+k)%97, 5+(i*13+k)%211,
				benchPlaces[(i+k)%len(benchPlaces)], benchDays[(i+k)%len(benchDays)], benchSources[(i+k)%len(benchSources)])
		} else {
			b.WriteString(s)
		}
		if k%3 == 2 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return title, b.String()
}

// writeSynthetic writes n articles in format under dir.
func writeSynthetic(dir, format string, n, size int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if format == "jsonl" {
		f, err := os.Create(filepath.Join(dir, "articles.jsonl"))
		if err != nil {
			return err
		}
		enc := json.NewEncoder(f)
		for i := range n {
			title, body := syntheticText(i, size)
			rec := map[string]string{
				"id": fmt.Sprint(i), "url": fmt.Sprintf("https://news.example.org/%d", i), "title": title,
				"text": body, "published": time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute).Format(time.RFC3339),
			}
			if err := enc.Encode(rec); err != nil {
				f.Close()
				return err
			}
		}
		return f.Close()
	}
	for i := range n {
		title, body := syntheticText(i, size)
		var content, name string
		if format == "html" {
			name = fmt.Sprintf("%06d.html", i)
			content = syntheticPage(i, title, body)
		} else {
			name = fmt.Sprintf("%06d.txt", i)
			content = fmt.Sprintf(" date 2024-02-03 %s\nBy Example News Staff\n%s\n", title, body)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// syntheticPage wraps an article in the furniture of a news page.
func syntheticPage(i int, title, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Example News</title>
<link rel="canonical" href="https://news.example.org/world/%d">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-02-03T%02d:%02d:00Z">
<script>var analytics = {page: %d};</script><style>body{margin:0}</style></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>%s</h1><p class="byline">By Example News Staff</p>`, html.EscapeString(title), i, i%24, i%60, i, html.EscapeString(title))
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
		}
	}
	b.WriteString(`</article><aside><h2>Most read</h2><ul><li><a href="/a">Markets fall</a></li><li><a href="/b">Storm warning</a></li></ul></aside></main>
<footer><p>© 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`)
	return b.String()
}
