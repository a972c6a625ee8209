package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// syntheticArticle returns a plain-text article of about size bytes whose
// words vary with n, so that no two share an id.
func syntheticArticle(n, size int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Officials meet over strikes number %d\n\nBy Example Staff\n\n", n)
	sentences := []string{
		"The foreign ministry said on Saturday that %d people were killed in overnight strikes near the border.",
		"According to Reuters, the government summoned the ambassador and called the attack a violation of sovereignty.",
		"\"We will respond at a time of our choosing,\" a spokesman told reporters in the capital on day %d.",
		"Diplomats said the Security Council would meet on Monday to discuss the escalation and its consequences.",
		"Residents described hearing several explosions shortly after midnight, and %d families left the area.",
	}
	for i := 0; b.Len() < size; i++ {
		s := sentences[i%len(sentences)]
		if strings.Contains(s, "%d") {
			s = fmt.Sprintf(s, n*7+i)
		}
		b.WriteString(s)
		if i%3 == 2 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func BenchmarkReadText(b *testing.B) {
	data := []byte(syntheticArticle(1, 3000))
	b.SetBytes(int64(len(data)))
	opt := testOptions()
	cpu := startCPU(b)
	for b.Loop() {
		if _, err := ReadText("bench.txt", data, opt); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b.N, "articles")
}

func BenchmarkReadJSONL(b *testing.B) {
	var buf bytes.Buffer
	const n = 1000
	for i := range n {
		fmt.Fprintf(&buf, `{"id":"%d","url":"https://example.org/%d","title":"T %d","published":"2024-02-03T10:00:00Z","text":%q}`+"\n", i, i, i, syntheticArticle(i, 3000))
	}
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	cpu := startCPU(b)
	for b.Loop() {
		stats, err := Walk(context.Background(), []string{path}, testOptions(), func(Item) error { return nil })
		if err != nil || stats.Articles != n {
			b.Fatal(err, stats)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	cpu.report(n*b.N, "articles")
}

func BenchmarkExtractHTML(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("..", "testdata", "ingest", "page.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	opt := testOptions()
	cpu := startCPU(b)
	for b.Loop() {
		if _, err := ExtractHTML(page, "https://www.aljazeera.com/news/x", nil, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	cpu.report(b.N, "pages")
}

func BenchmarkWalkTextFiles(b *testing.B) {
	dir := b.TempDir()
	const n = 500
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(syntheticArticle(i, 3000)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cpu := startCPU(b)
	for b.Loop() {
		stats, err := Walk(context.Background(), []string{dir}, testOptions(), func(Item) error { return nil })
		if err != nil || stats.Articles != n {
			b.Fatal(err, stats)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	cpu.report(n*b.N, "articles")
}

// BenchmarkWARC streams a synthetic WARC.gz of HTML pages and large
// incompressible image records, reporting pages/s and the process's peak
// resident memory (which must not grow with the archive; see TestWARCFile
// for a 1 GB run).
func BenchmarkWARC(b *testing.B) {
	page := fixture(b, "page.html")
	noise := make([]byte, 256<<10)
	for i := range noise {
		noise[i] = byte(i*7919 + i>>8)
	}
	var recs []warcRec
	const pages = 100
	for i := range pages {
		recs = append(recs,
			warcRec{typ: "request", uri: fmt.Sprintf("https://www.aljazeera.com/news/%d", i), block: "GET / HTTP/1.1\r\n\r\n"},
			warcRec{typ: "response", uri: fmt.Sprintf("https://www.aljazeera.com/news/%d", i), block: httpResponse(200, "text/html", strings.Replace(page, "Moscow has asked", fmt.Sprintf("Moscow (%d) has asked", i), 1))},
			warcRec{typ: "response", uri: fmt.Sprintf("https://www.aljazeera.com/img/%d.jpg", i), block: httpResponse(200, "image/jpeg", string(noise))},
		)
	}
	path := filepath.Join(b.TempDir(), "bench.warc.gz")
	buildWARC(b, path, true, recs)
	info, _ := os.Stat(path)
	b.SetBytes(info.Size())
	b.ReportAllocs()
	cpu := startCPU(b)
	for b.Loop() {
		stats, err := Walk(context.Background(), []string{path}, testOptions(), func(Item) error { return nil })
		if err != nil || stats.Articles != pages {
			b.Fatal(err, stats)
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	cpu.report(pages*b.N, "pages")
	b.ReportMetric(float64(maxRSS())/(1<<20), "maxRSS-MiB")
}

// heavyPage returns an 85 KB page of the kind news sites serve: dozens of
// scripts, a 200-item menu, ads between paragraphs and a long list of
// related stories around a 15-paragraph article.
func heavyPage() string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Strikes | Example</title><link rel="canonical" href="https://www.aljazeera.com/news/x"><meta property="article:published_time" content="2024-02-03T10:00:00Z">`)
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, `<script>var cfg%d = {"a": [1,2,3], "b": "%s"};</script><link rel="stylesheet" href="/s%d.css">`, i, strings.Repeat("x", 1500), i)
	}
	b.WriteString(`</head><body><header><nav>`)
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, `<li class="menu-item"><a href="/section/%d">Section %d</a></li>`, i, i)
	}
	b.WriteString(`</nav></header><main><div class="wrap"><div class="col"><article><h1>Strikes hit sites</h1>`)
	for i := 0; i < 15; i++ {
		fmt.Fprintf(&b, `<p>Paragraph %d: officials said the strikes hit several sites overnight and that the toll was still rising on Saturday, according to the ministry of health.</p><div class="ad"><iframe src="/ad%d"></iframe></div>`, i, i)
	}
	b.WriteString(`</article></div><aside>`)
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, `<div class="card"><img src="/i%d.jpg" alt="image %d"><h3><a href="/story/%d">Related story number %d with a long headline about events</a></h3><span class="time">2 hours ago</span></div>`, i, i, i, i)
	}
	b.WriteString(`</aside></div></main><footer>`)
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, `<a href="/f/%d">Footer link %d</a>`, i, i)
	}
	b.WriteString(`</footer></body></html>`)
	return b.String()
}

func BenchmarkExtractHTMLHeavy(b *testing.B) {
	page := []byte(heavyPage())
	b.SetBytes(int64(len(page)))
	opt := testOptions()
	cpu := startCPU(b)
	for b.Loop() {
		if _, err := ExtractHTML(page, "https://www.aljazeera.com/news/x", nil, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	cpu.report(b.N, "pages")
}

// BenchmarkDecodeRecord measures the JSON Lines record decoder alone, on
// the record shape of BenchmarkReadJSONL, on a news-please record and on
// one whose keys are capitalized.
func BenchmarkDecodeRecord(b *testing.B) {
	text := syntheticArticle(1, 3000)
	shapes := []struct{ name, format string }{
		{"plain", `{"id":"1","url":"https://example.org/1","title":"T 1","published":"2024-02-03T10:00:00Z","text":%q}`},
		{"newsplease", `{"authors":["A B"],"date_download":"2024-02-03 11:00:00","date_modify":null,"date_publish":"2024-02-03 10:00:00","description":"Officials meet.","filename":"x.json","image_url":"https://example.org/i.jpg","language":"en","localpath":null,"maintext":%q,"source_domain":"example.org","title":"T 1","title_page":null,"title_rss":null,"url":"https://example.org/1"}`},
		{"capitalized", `{"ID":"1","URL":"https://example.org/1","Title":"T 1","Date":"2024-02-03","Text":%q}`},
	}
	for _, s := range shapes {
		data := fmt.Appendf(nil, s.format, text)
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var r jsonRecord
				if !decodeRecord(data, &r) {
					r = jsonRecord{}
					if err := json.Unmarshal(data, &r); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
