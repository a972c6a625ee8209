package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
)

const article = "Iraq summons US diplomat\n\nIraq's foreign ministry summoned the top US diplomat in Baghdad on Saturday to protest against overnight strikes, the ministry said.\n"

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWalkDirectories(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b", "2.txt"), strings.Replace(article, "Saturday", "Sunday", 1))
	writeFile(t, filepath.Join(dir, "a.txt"), article)
	writeFile(t, filepath.Join(dir, "b", "1.txt"), strings.Replace(article, "Saturday", "Monday", 1))
	writeFile(t, filepath.Join(dir, "README.md"), "# About these files\n\nThey are test fixtures, long enough to be an article if read.\n")
	writeFile(t, filepath.Join(dir, ".hidden", "x.txt"), article)
	single := filepath.Join(t.TempDir(), "single.txt")
	writeFile(t, single, strings.Replace(article, "Saturday", "Tuesday", 1))

	var rels, inputs []string
	stats, err := Walk(context.Background(), []string{dir, single}, testOptions(), func(it Item) error {
		if it.Err != nil {
			t.Errorf("unexpected error %v", it.Err)
			return nil
		}
		rels = append(rels, it.Rel)
		inputs = append(inputs, it.Article.Input)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.txt", "b/1.txt", "b/2.txt", single}; !slices.Equal(rels, want) {
		t.Errorf("Rel = %q, want %q", rels, want)
	}
	if inputs[0] != filepath.Join(dir, "a.txt") {
		t.Errorf("Input = %q, want the path", inputs[0])
	}
	if stats.Inputs != 4 || stats.Articles != 4 || stats.Ignored["not an article"] != 1 {
		t.Errorf("stats = %+v", stats)
	}
}

func TestWalkStdin(t *testing.T) {
	opt := testOptions()
	opt.Stdin = strings.NewReader(`{"id":"1","text":"A report read from standard input, long enough to be kept as an article."}` + "\n")
	items, _ := collect(t, []string{"-"}, opt)
	if len(items) != 1 || items[0].Article == nil || items[0].Article.Input != "-#1" || items[0].Rel != "-" {
		t.Fatalf("items = %+v", items)
	}
}

func TestWalkStops(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "1.txt"), article)
	writeFile(t, filepath.Join(dir, "2.txt"), article)
	stop := errors.New("stop")
	n := 0
	_, err := Walk(context.Background(), []string{dir}, testOptions(), func(Item) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err = %v after %d items, want stop after 1", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Walk(ctx, []string{dir}, testOptions(), func(Item) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled walk: err = %v", err)
	}
}

// TestBadInput checks every kind of bad input the issue names: each yields
// an *InputError naming the input and the reason, and the walk goes on.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "zz-good.txt")
	writeFile(t, good, article)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Repeat(article, 50)))
	zw.Close()
	truncated := filepath.Join(dir, "cut.txt.gz")
	writeFile(t, truncated, gz.String()[:gz.Len()/2])
	fixtures := filepath.Join("..", "testdata", "ingest")

	tests := []struct {
		name   string
		path   string
		input  string // the input the error names; the path when empty
		reason string
	}{
		{"empty", filepath.Join(fixtures, "empty.txt"), "", ReasonEmpty},
		{"binary", filepath.Join(fixtures, "binary.bin"), "", ReasonBinary},
		{"truncated gzip", truncated, "", ReasonCorrupt},
		{"html without article", filepath.Join(fixtures, "noarticle.html"), "", ReasonNoArticle},
		{"broken feed", filepath.Join(fixtures, "broken.xml"), "", ReasonInvalid},
		{"bad json line", filepath.Join(fixtures, "articles.jsonl"), filepath.Join(fixtures, "articles.jsonl") + "#6", ReasonInvalid},
		{"missing path", filepath.Join(dir, "no-such-file.txt"), "", ReasonUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, _ := collect(t, []string{tt.path, good}, testOptions())
			want := tt.input
			if want == "" {
				want = tt.path
			}
			found := false
			for _, it := range items {
				if it.Reason == tt.reason && strings.HasPrefix(it.Error, want+": "+tt.reason) {
					found = true
				}
			}
			if !found {
				t.Errorf("no %q error naming %s in %+v", tt.reason, want, items)
			}
			if last := items[len(items)-1]; last.Article == nil || last.Article.Input != good {
				t.Errorf("the walk did not go on to the next input: last item %+v", last)
			}
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"windows-1252", "Caf\xe9 cr\xe8me: the minister said the strikes were \x93unacceptable\x94 on Saturday.", "Café crème: the minister said the strikes were “unacceptable” on Saturday."},
		{"stray bytes in UTF-8", "Déjà vu \xff: the minister said the strikes were unacceptable on Saturday night.", "Déjà vu \uFFFD: the minister said the strikes were unacceptable on Saturday night."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ReadText("x.txt", []byte(tt.data), testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != tt.want {
				t.Errorf("Text = %q, want %q", a.Text, tt.want)
			}
		})
	}
}

// lineReader yields n bytes of a JSON string value without a newline.
type lineReader struct{ n int64 }

func (r *lineReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = 'a'
	}
	r.n -= int64(len(p))
	return len(p), nil
}

func TestHugeLine(t *testing.T) {
	const size = 100 << 20
	first := `{"id":"1","text":"The first record, before the huge one, is long enough to be kept."}` + "\n"
	last := "\n" + `{"id":"3","text":"The last record, after the huge one, is long enough to be kept too."}` + "\n"
	opt := testOptions()
	opt.Stdin = io.MultiReader(strings.NewReader(first+`{"id":"2","text":"`), &lineReader{n: size}, strings.NewReader(`"}`+last))
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	items, _ := collect(t, []string{"-"}, opt)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if len(items) != 3 || items[0].Article == nil || items[2].Article == nil {
		t.Fatalf("items = %d, want the records around the huge line kept", len(items))
	}
	if items[1].Reason != ReasonTooLarge || !strings.HasPrefix(items[1].Error, "-#2: too large") {
		t.Errorf("huge line: %+v", items[1])
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
		t.Errorf("reading a 100 MB line allocated %d MB; it must not be held in memory", grown>>20)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head, file, want string
	}{
		{"gzip magic", "\x1f\x8b\x08\x00", "a.txt", FormatGzip},
		{"warc", "WARC/1.0\r\nWARC-Type: warcinfo\r\n", "x", FormatWARC},
		{"rss", `<?xml version="1.0"?><rss version="2.0">`, "feed", FormatFeed},
		{"atom", `<?xml version="1.0"?>` + "\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", "x", FormatFeed},
		{"rdf", `<rdf:RDF xmlns:rdf="x">`, "x", FormatFeed},
		{"html", "<!DOCTYPE html><html>", "page.txt", FormatHTML},
		{"html no doctype", "\n  <html lang=en>", "x", FormatHTML},
		{"jsonl", `{"text":"x"}`, "data", FormatJSONL},
		{"json array", ` [ {"text":"x"} ]`, "data", FormatJSONL},
		{"text", "Title\n\nBody.", "a.html", FormatHTML},
		{"plain text", "Title\n\nBody.", "a.txt", FormatText},
		{"extension decides", "plain words", "a.warc", FormatWARC},
		{"bom", "\xef\xbb\xbf<html>", "x", FormatHTML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.head), tt.file); got != tt.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", tt.head, tt.file, got, tt.want)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"2024-02-03T10:15:00+03:00", "2024-02-03T07:15:00Z"},
		{"2024-02-03", "2024-02-03T00:00:00Z"},
		{"2024-02-03 12:30:00", "2024-02-03T12:30:00Z"},
		{"Sat, 03 Feb 2024 12:40:00 GMT", "2024-02-03T12:40:00Z"},
		{"Sat, 3 Feb 2024 15:30:00 +0300", "2024-02-03T12:30:00Z"},
		{"1707000000", "2024-02-03T22:40:00Z"},
		{"1707000000.5", "2024-02-03T22:40:00.5Z"},
		{"1394470370698", "2014-03-10T16:52:50.698Z"},
		{"1394470370698.5", "2014-03-10T16:52:50.6985Z"},
		{"851990400000", "1996-12-31T00:00:00Z"},                   // milliseconds before 2001
		{"20140310165250", "2014-03-10T16:52:50Z"},                 // a compact archive timestamp
		{"Mon Mar 10 16:52:50 +0000 2014", "2014-03-10T16:52:50Z"}, // Twitter's created_at
		{"2024", ""},
		{"99999999", ""},       // neither a date (no month 99) nor a time
		{"12345678901", ""},    // too late in seconds, too early in milliseconds
		{"10000000000000", ""}, // past 2286 in milliseconds
		{"1707000000.", ""},
		{".5", ""},
		{"1.2.3", ""},
		{"-1707000000", ""},
		{"February 3, 2024", "2024-02-03T00:00:00Z"},
		{"Saturday, September 21, 2024", "2024-09-21T00:00:00Z"},
		{"3 Feb 2024 14:05 GMT", "2024-02-03T14:05:00Z"},
		{"Published: Feb. 3, 2024 2:05 pm EST", "2024-02-03T19:05:00Z"},
		{"not a date", ""},
		{"February 30, 2024", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseTime(tt.in)
			s := ""
			if ok {
				s = got.UTC().Format(time.RFC3339Nano)
			}
			if s != tt.want {
				t.Errorf("ParseTime(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

func TestDateFromFileName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"news/2024-02-03-strikes.txt", "2024-02-03"},
		{"reuters_20240203.html", "2024-02-03"},
		{"000_9b6100ba78ef2e93.txt", ""},
		{"2024-0203.txt", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := dateFromFileName(tt.name)
			s := ""
			if ok {
				s = got.Format("2006-01-02")
			}
			if s != tt.want {
				t.Errorf("dateFromFileName(%q) = %q, want %q", tt.name, s, tt.want)
			}
		})
	}
}

// TestSeeds states the acceptance expectations on the seeds directly.
func TestSeeds(t *testing.T) {
	items, _ := collect(t, []string{filepath.Join("..", "testdata", "seeds")}, testOptions())
	want := []struct {
		outlet, date string
	}{
		{"Al Mayadeen English", "2024-02-03"},
		{"", "2024-02-03"},
		{"Palestine Chronicle", "2024-02-03"},
		{"Shafaq News", ""},
		{"", "2024-09-21"},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d", len(items), len(want))
	}
	for i, w := range want {
		a := items[i].Article
		if a == nil {
			t.Fatalf("seed %d: %s", i, items[i].Error)
		}
		date := ""
		if !a.Published.IsZero() {
			date = a.Published.Format("2006-01-02")
		}
		if a.Outlet.Name != w.outlet || date != w.date {
			t.Errorf("seed %d: outlet %q date %q, want %q %q", i, a.Outlet.Name, date, w.outlet, w.date)
		}
		if a.Title == "" || len(a.Sentences) < 5 || a.Language != "en" {
			t.Errorf("seed %d: title %q, %d sentences, language %q", i, a.Title, len(a.Sentences), a.Language)
		}
		if strings.Contains(a.Text, "pic.twitter.com") || strings.Contains(a.Text, "(PC, Anadolu)") ||
			strings.HasPrefix(a.Text, "Shafaq News/") || strings.Contains(a.Text, "( Baghdad") {
			t.Errorf("seed %d: furniture left in the text", i)
		}
	}
	p := items[2].Article
	if len(p.Posts) != 2 || p.Posts[0].Handle != "@MayadeenEnglish" || p.Posts[0].Author != "Al Mayadeen English" ||
		p.Posts[0].Date.Format("2006-01-02") != "2024-02-03" || p.Posts[1].Handle != "@QudsNen" {
		t.Errorf("seed 002 posts = %+v", p.Posts)
	}
	if !slices.Contains(p.Agencies, "Anadolu Agency") || !slices.Contains(p.Agencies, "Reuters") {
		t.Errorf("seed 002 agencies = %q", p.Agencies)
	}
	if got := items[4].Article; strings.Count(got.Text, "The UN Security Council.") != 1 || got.Dateline != "Baghdad" {
		t.Errorf("seed 004: caption kept %d times, dateline %q", strings.Count(got.Text, "The UN Security Council."), got.Dateline)
	}
	for _, it := range items {
		a := it.Article
		if a.ID != parallax.ArticleID("", a.Text) {
			t.Errorf("%s: id %s is not the text id", a.Input, a.ID)
		}
	}
}

func FuzzReadText(f *testing.F) {
	for _, name := range []string{"000_9b6100ba78ef2e93.txt", "002_a0a419f9659ef6ff.txt", "004_8075e53d60d045c7.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", name))
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(" date 2024-13-45 By \n( X – \n(PC, Anadolu)"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ReadText("fuzz.txt", data, Options{})
		if err != nil {
			return
		}
		for _, s := range append(a.Sentences, a.Paragraphs...) {
			if s.Start < 0 || s.End > len(a.Text) || s.Start > s.End {
				t.Fatalf("span %+v outside text of %d bytes", s, len(a.Text))
			}
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"id":1,"url":"https://tass.com/x","title":"T","text":"Some text that is long enough to count as an article.","published":"2024-02-03"}`), false)
	f.Add([]byte(`{"html":"<p>x</p>","outlet":{"name":"RT"}}`), true)
	// Other data sets' names (jsonRecord).
	f.Add([]byte(`{"maintext":"Officials said the strikes hit several sites.","date_publish":"2024-02-03 10:00:00","source_domain":"tass.com","authors":["A"],"description":"d","title":"T"}`), false)
	f.Add([]byte(`{"Headline":"Bank fire kills 3","publishedAt":1394470370698,"link":"https://example.org/x","publisher":{"name":"P"}}`), true)
	f.Add([]byte(`{"title":"Quake","description":"Quake","timestamp":"1394470370.5","Story":null,"article":{"x":1}}`), false)
	f.Add([]byte(`{"summary":" ","abstract":"A","created_at":"Mon Mar 10 16:52:50 +0000 2014","pubDate":"20140310165250"}`), true)
	f.Fuzz(func(t *testing.T, data []byte, raw bool) {
		a, err := ReadJSON("fuzz#1", data, Options{Raw: raw})
		if err != nil {
			return
		}
		for _, s := range a.Sentences {
			if s.Start < 0 || s.End > len(a.Text) || s.Start > s.End {
				t.Fatalf("span %+v outside text", s)
			}
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "testdata", "ingest", "page.html")); err == nil {
		f.Add(b)
	}
	f.Add([]byte("<html><meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ExtractHTML(data, "https://example.org/a", nil, Options{})
	})
}

func FuzzReadFeed(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "rss1.rdf", "broken.xml"} {
		if b, err := os.ReadFile(filepath.Join("..", "testdata", "ingest", name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadFeed("fuzz.xml", data, Options{})
	})
}

func FuzzDetect(f *testing.F) {
	f.Add([]byte("<rss>"), "x.xml")
	f.Add([]byte("\x1f\x8b"), "x.gz")
	f.Fuzz(func(t *testing.T, head []byte, name string) {
		Detect(head, name)
		isBinary(head)
		decodeText(head)
	})
}

func TestUTF16(t *testing.T) {
	enc := func(s string) string {
		out := []byte{0xff, 0xfe}
		for _, r := range s {
			out = append(out, byte(r), byte(r>>8)) // BMP only
		}
		return string(out)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), enc(article))
	writeFile(t, filepath.Join(dir, "b.html"), enc(`<html><head><title>T</title></head><body><article><p>`+strings.Repeat("Officials said the strikes hit several sites overnight, the ministry said. ", 4)+`</p></article></body></html>`))
	items, _ := collect(t, []string{dir}, testOptions())
	if len(items) != 2 || items[0].Article == nil || items[1].Article == nil {
		t.Fatalf("items = %+v", items)
	}
	if a := items[0].Article; a.Title != "Iraq summons US diplomat" || a.Format != FormatText {
		t.Errorf("text: title %q format %q", a.Title, a.Format)
	}
	if a := items[1].Article; a.Format != FormatHTML || !strings.HasPrefix(a.Text, "Officials said") {
		t.Errorf("html: format %q text %q", a.Format, a.Text)
	}
}

func TestJSONArray(t *testing.T) {
	opt := testOptions()
	opt.MaxArticleBytes = 1 << 10
	big := strings.Repeat("x", 4<<10)
	opt.Stdin = strings.NewReader(` [
 {"id": "a", "text": "The first element of the array is an article long enough to keep, with a ] and a , inside."},
 {"id": "b", "text": "` + big + `"},
 {"id": "c", "text": "The third element is kept too: \"quoted\" words and {braces} do not confuse the scanner."}
]`)
	items, _ := collect(t, []string{"-"}, opt)
	if len(items) != 3 || items[0].Article == nil || items[2].Article == nil || items[1].Reason != ReasonTooLarge {
		t.Fatalf("items = %+v", items)
	}
	if items[2].Article.Input != "-#3" || !strings.Contains(items[0].Article.Text, "with a ] and a , inside") {
		t.Errorf("input %q text %q", items[2].Article.Input, items[0].Article.Text)
	}
	opt.Stdin = strings.NewReader(`[{"text": "an array that is never closed`)
	items, _ = collect(t, []string{"-"}, opt)
	if len(items) != 1 || items[0].Reason != ReasonInvalid {
		t.Errorf("unclosed array: %+v", items)
	}
}

// FuzzWalk feeds arbitrary bytes through detection and whichever reader
// they select (JSON arrays and lines, gzip, UTF-16, feeds, WARC, pages).
func FuzzWalk(f *testing.F) {
	f.Add([]byte(`[{"text":"a"},{"text":"b"}]`))
	f.Add([]byte("{\"text\":\"x\"}\n{bad\n"))
	f.Add([]byte("\xff\xfeh\x00i\x00"))
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := Options{MaxArticleBytes: 1 << 12, Stdin: bytes.NewReader(data)}
		Walk(context.Background(), []string{"-"}, opt, func(it Item) error {
			if it.Article == nil && it.Err == nil {
				t.Fatal("item with neither article nor error")
			}
			return nil
		})
	})
}

func TestJSONDocuments(t *testing.T) {
	const text = `"text": "A report in a pretty-printed JSON file, long enough to be kept as an article."`
	tests := []struct {
		name     string
		in       string
		articles int
		errors   []string // the inputs errors name, with their reasons
	}{
		{"one article", "{\n  \"title\": \"T\",\n  " + text + "\n}\n", 1, nil},
		{"wrapped list", "{\n  \"count\": 2,\n  \"articles\": [\n    {" + text + "},\n    {\"id\": 2, " + text + "}\n  ]\n}", 2, nil},
		{"other JSON", "{\n  \"rows\": [\n    {\"a\": 1},\n    {\"b\": 2},\n    {\"c\": 3}\n  ]\n}", 0, []string{"-: invalid"}},
		{"other JSON lines", "{\"a\": 1}\n{\"b\": 2}\n{\"c\": 3}\n", 0, []string{"-: invalid"}},
		{"other JSON array", `[{"a": 1}, {"b": 2}, {"c": 3}]`, 0, []string{"-: invalid"}},
		{"first record bad, then articles", "{\"a\": 1}\n{" + text + "}\n", 1, []string{"-#1: invalid"}},
		{"broken document", "{\n  \"text\": \"unterminated\n", 0, []string{"-: invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := testOptions()
			opt.Stdin = strings.NewReader(tt.in)
			items, _ := collect(t, []string{"-"}, opt)
			var errs []string
			articles := 0
			for _, it := range items {
				if it.Article != nil {
					articles++
				} else {
					errs = append(errs, it.Error[:strings.Index(it.Error, it.Reason)+len(it.Reason)])
				}
			}
			if articles != tt.articles || !slices.Equal(errs, tt.errors) {
				t.Errorf("%d articles, errors %q; want %d, %q", articles, errs, tt.articles, tt.errors)
			}
		})
	}
}
