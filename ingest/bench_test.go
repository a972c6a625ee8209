package ingest

import (
	"bytes"
	"context"
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
	for b.Loop() {
		if _, err := ReadText("bench.txt", data, opt); err != nil {
			b.Fatal(err)
		}
	}
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
	for b.Loop() {
		stats, err := Walk(context.Background(), []string{path}, testOptions(), func(Item) error { return nil })
		if err != nil || stats.Articles != n {
			b.Fatal(err, stats)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkExtractHTML(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("..", "testdata", "ingest", "page.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	opt := testOptions()
	for b.Loop() {
		if _, err := ExtractHTML(page, "https://www.aljazeera.com/news/x", nil, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkWalkTextFiles(b *testing.B) {
	dir := b.TempDir()
	const n = 500
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(syntheticArticle(i, 3000)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		stats, err := Walk(context.Background(), []string{dir}, testOptions(), func(Item) error { return nil })
		if err != nil || stats.Articles != n {
			b.Fatal(err, stats)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
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
	for b.Loop() {
		stats, err := Walk(context.Background(), []string{path}, testOptions(), func(Item) error { return nil })
		if err != nil || stats.Articles != pages {
			b.Fatal(err, stats)
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(maxRSS())/(1<<20), "maxRSS-MiB")
}
