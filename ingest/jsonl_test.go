package ingest

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readJSONBoth reads one record with the fast decoder and, with the same
// record spelled so that only json.Unmarshal takes it (a key escaped),
// with the fallback, and checks that both read the same article.
func readJSONBoth(t *testing.T, record string) (title, text, url, outlet, published string, err error) {
	t.Helper()
	view := func(data string) (string, string, string, string, string, error) {
		a, err := ReadJSON("t.jsonl#1", []byte(data), Options{Now: testNow})
		if err != nil {
			return "", "", "", "", "", err
		}
		pub := ""
		if !a.Published.IsZero() {
			pub = a.Published.UTC().Format(time.RFC3339Nano)
		}
		return a.Title, a.Text, a.URL, a.Outlet.Name, pub, nil
	}
	var r jsonRecord
	if !decodeRecord([]byte(record), &r) {
		t.Errorf("%s went to json.Unmarshal", record)
	}
	title, text, url, outlet, published, err = view(record)
	// An escaped key, which decodeRecord leaves to json.Unmarshal; "x"
	// names no field.
	slow := `{"\u0078":0}`
	if strings.TrimSpace(record) != "{}" {
		slow = strings.Replace(record, `{`, `{"\u0078":0,`, 1)
	}
	if decodeRecord([]byte(slow), &r) {
		t.Fatalf("%s did not go to json.Unmarshal", slow)
	}
	t2, x2, u2, o2, p2, err2 := view(slow)
	if t2 != title || x2 != text || u2 != url || o2 != outlet || p2 != published || (err == nil) != (err2 == nil) {
		t.Errorf("the decoders disagree on %s:\nfast %q %q %q %q %q %v\nslow %q %q %q %q %q %v", record,
			title, text, url, outlet, published, err, t2, x2, u2, o2, p2, err2)
	}
	return title, text, url, outlet, published, err
}

func TestJSONFieldNames(t *testing.T) {
	const body = "Officials said the strikes hit several sites overnight."
	tests := []struct {
		name   string
		record string
		// want: title, text, url, outlet, published; "" for any.
		title, text, url, outlet, published string
	}{
		// Text.
		{name: "text", record: `{"text":"` + body + `"}`, text: body},
		{name: "content", record: `{"content":"` + body + `"}`, text: body},
		{name: "body", record: `{"body":"` + body + `"}`, text: body},
		{name: "maintext (news-please)", record: `{"maintext":"` + body + `"}`, text: body},
		{name: "article", record: `{"article":"` + body + `"}`, text: body},
		{name: "full_text", record: `{"full_text":"` + body + `"}`, text: body},
		{name: "story", record: `{"story":"` + body + `"}`, text: body},
		{name: "description", record: `{"title":"T","description":"` + body + `"}`, title: "T", text: body},
		{name: "summary", record: `{"summary":"` + body + `"}`, text: body},
		{name: "abstract", record: `{"abstract":"` + body + `"}`, text: body},
		{name: "html", record: `{"html":"<html><body><article><p>` + body + ` ` + body + `</p></article></body></html>"}`, text: body + " " + body},
		// Title.
		{name: "headline", record: `{"headline":"H","text":"` + body + `"}`, title: "H", text: body},
		{name: "title only", record: `{"id":"1","title":"Quake strikes south Iran"}`, title: "Quake strikes south Iran", text: "Quake strikes south Iran"},
		{name: "headline only", record: `{"id":"1","headline":"Bank fire kills 3"}`, title: "Bank fire kills 3", text: "Bank fire kills 3"},
		{name: "description repeating the title", record: `{"title":"Bank fire kills 3","description":"Bank fire kills 3","maintext":null}`, title: "Bank fire kills 3", text: "Bank fire kills 3"},
		// URL.
		{name: "link", record: `{"link":"https://example.org/a","text":"x"}`, url: "https://example.org/a"},
		{name: "source_url", record: `{"source_url":"https://example.org/a","text":"x"}`, url: "https://example.org/a"},
		// Outlet.
		{name: "publisher", record: `{"publisher":"Daily Example","text":"x"}`, outlet: "Daily Example"},
		{name: "publisher object", record: `{"publisher":{"@type":"Organization","name":"Daily Example"},"text":"x"}`, outlet: "Daily Example"},
		{name: "source_domain in the catalog", record: `{"source_domain":"tass.com","text":"x"}`, outlet: "TASS"},
		{name: "domain", record: `{"domain":"www.reuters.com","text":"x"}`, outlet: "Reuters"},
		{name: "site", record: `{"site":"Daily Example","text":"x"}`, outlet: "Daily Example"},
		{name: "hostname", record: `{"hostname":"example.org","text":"x"}`, outlet: "example.org"},
		{name: "NewsAPI source", record: `{"source":{"id":null,"name":"Daily Example"},"publishedAt":"2024-02-03T10:00:00Z","description":"x"}`, outlet: "Daily Example", published: "2024-02-03T10:00:00Z"},
	}
	for _, key := range []string{"published", "date", "date_publish", "publish_date", "published_at", "publishedAt", "pubDate", "pub_date", "datePublished", "date_published", "datetime", "timestamp", "time", "created_at"} {
		tests = append(tests, struct{ name, record, title, text, url, outlet, published string }{
			name: key, record: `{"text":"x","` + key + `":"2024-02-03 10:00:00"}`, published: "2024-02-03T10:00:00Z"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, text, url, outlet, published, err := readJSONBoth(t, tt.record)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct{ what, got, want string }{
				{"title", title, tt.title}, {"text", text, tt.text}, {"url", url, tt.url},
				{"outlet", outlet, tt.outlet}, {"published", published, tt.published},
			} {
				if c.want != "" && c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

// TestJSONFieldPrecedence checks the order in which each family's names
// are taken, parallax's own first.
func TestJSONFieldPrecedence(t *testing.T) {
	tests := []struct {
		name, record, what, want string
	}{
		{"text over content", `{"content":"C","text":"T"}`, "text", "T"},
		{"content over body", `{"body":"B","content":"C"}`, "text", "C"},
		{"body over maintext", `{"maintext":"M","body":"B"}`, "text", "B"},
		{"maintext over article", `{"article":"A","maintext":"M"}`, "text", "M"},
		{"article over full_text", `{"full_text":"F","article":"A"}`, "text", "A"},
		{"full_text over story", `{"story":"S","full_text":"F"}`, "text", "F"},
		{"a blank text gives way", `{"text":" ","maintext":"M"}`, "text", "M"},
		{"body text over html", `{"html":"<p>H</p>","story":"S"}`, "text", "S"},
		{"html over description", `{"description":"D","html":"<html><body><article><p>` + strings.Repeat("From the page. ", 4) + `</p></article></body></html>"}`, "text", strings.TrimSpace(strings.Repeat("From the page. ", 4))},
		{"story over description", `{"description":"D","story":"S"}`, "text", "S"},
		{"description over summary", `{"summary":"S","description":"D"}`, "text", "D"},
		{"summary over abstract", `{"abstract":"A","summary":"S"}`, "text", "S"},
		{"abstract over title", `{"title":"T","abstract":"A"}`, "text", "A"},
		{"a blank text gives way to the title", `{"text":"","title":"T"}`, "text", "T"},
		{"title over headline", `{"headline":"H","title":"T","text":"x"}`, "title", "T"},
		{"a blank title gives way", `{"headline":"H","title":" ","text":"x"}`, "title", "H"},
		{"url over link", `{"link":"https://example.org/l","url":"https://example.org/u","text":"x"}`, "url", "https://example.org/u"},
		{"link over source_url", `{"source_url":"https://example.org/s","link":"https://example.org/l","text":"x"}`, "url", "https://example.org/l"},
		{"outlet over source", `{"source":"S","outlet":"O","text":"x"}`, "outlet", "O"},
		{"source over publisher", `{"publisher":"P","source":"S","text":"x"}`, "outlet", "S"},
		{"publisher over source_domain", `{"source_domain":"d.example","publisher":"P","text":"x"}`, "outlet", "P"},
		{"source_domain over domain", `{"domain":"e.example","source_domain":"d.example","text":"x"}`, "outlet", "d.example"},
		{"domain over site", `{"site":"S","domain":"e.example","text":"x"}`, "outlet", "e.example"},
		{"site over hostname", `{"hostname":"h.example","site":"S","text":"x"}`, "outlet", "S"},
		{"the url's outlet over metadata", `{"url":"https://tass.com/x","publisher":"P","text":"x"}`, "outlet", "TASS"},
		{"published over date", `{"date":"2024-01-01","published":"2024-02-02","text":"x"}`, "published", "2024-02-02T00:00:00Z"},
		{"date over date_publish", `{"date_publish":"2024-01-01","date":"2024-02-02","text":"x"}`, "published", "2024-02-02T00:00:00Z"},
		{"date_publish over created_at", `{"created_at":"2024-01-01","date_publish":"2024-02-02","text":"x"}`, "published", "2024-02-02T00:00:00Z"},
		{"datetime over timestamp", `{"timestamp":"2024-01-01","datetime":"2024-02-02","text":"x"}`, "published", "2024-02-02T00:00:00Z"},
		{"byline over author", `{"author":"A","byline":"B","text":"x"}`, "byline", "B"},
		{"author over authors", `{"authors":["S"],"author":"A","text":"x"}`, "byline", "A"},
		{"a blank byline gives way", `{"authors":[{"name":"S"},"T"],"byline":" ","text":"x"}`, "byline", "S, T"},
		{"the first time that parses", `{"published":"soon","date":null,"pubDate":"Sat, 03 Feb 2024 12:40:00 GMT","text":"x"}`, "published", "2024-02-03T12:40:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, text, url, outlet, published, err := readJSONBoth(t, tt.record)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"title": title, "text": text, "url": url, "outlet": outlet, "published": published}[tt.what]
			if tt.what == "byline" {
				a, _ := ReadJSON("t.jsonl#1", []byte(tt.record), Options{})
				got = a.Byline
			}
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.what, got, tt.want)
			}
		})
	}
}

func TestJSONNumericTimes(t *testing.T) {
	tests := []struct{ value, want string }{
		{`1394470370698`, "2014-03-10T16:52:50.698Z"},                // milliseconds
		{`"1394470370698"`, "2014-03-10T16:52:50.698Z"},              // as a string
		{`1394470370`, "2014-03-10T16:52:50Z"},                       // seconds
		{`"1394470370"`, "2014-03-10T16:52:50Z"},                     //
		{`1394470370.5`, "2014-03-10T16:52:50.5Z"},                   // Python's time.time()
		{`1.3944703705e9`, "2014-03-10T16:52:50.5Z"},                 // and in exponent form
		{`1394470370698.0`, "2014-03-10T16:52:50.698Z"},              //
		{`851990400000`, "1996-12-31T00:00:00Z"},                     // milliseconds before 2001
		{`"20140310165250"`, "2014-03-10T16:52:50Z"},                 // a compact archive timestamp
		{`20140310`, "2014-03-10T00:00:00Z"},                         // a compact date
		{`2014`, ""},                                                 // a year is no time
		{`-1394470370`, ""},                                          //
		{`1e300`, ""},                                                //
		{`true`, ""},                                                 //
		{`{"$date":1394470370698}`, ""},                              // an object without a name
		{`"Mon Mar 10 16:52:50 +0000 2014"`, "2014-03-10T16:52:50Z"}, // Twitter
	}
	for _, key := range []string{"timestamp", "time", "date_publish", "publishedAt"} {
		for _, tt := range tests {
			t.Run(key+"="+tt.value, func(t *testing.T) {
				_, _, _, _, published, err := readJSONBoth(t, `{"text":"x","`+key+`":`+tt.value+`}`)
				if err != nil {
					t.Fatal(err)
				}
				if published != tt.want {
					t.Errorf("published = %q, want %q", published, tt.want)
				}
			})
		}
	}
}

// TestJSONFieldCase checks that keys match in any case in both decoders.
func TestJSONFieldCase(t *testing.T) {
	title, text, url, outlet, published, err := readJSONBoth(t, `{"Title":"T","MainText":"M","URL":"https://example.org/a","Source_Domain":"Example","DATE_PUBLISH":"2024-02-03","PublishedAT":"2020-01-01"}`)
	if err != nil {
		t.Fatal(err)
	}
	if title != "T" || text != "M" || url != "https://example.org/a" || outlet != "Example" || published != "2024-02-03T00:00:00Z" {
		t.Errorf("got %q %q %q %q %q", title, text, url, outlet, published)
	}
}

// TestJSONOtherTypes checks that another data set's use of an
// alternative name for something else does not fail the record.
func TestJSONOtherTypes(t *testing.T) {
	_, text, url, _, _, err := readJSONBoth(t, `{"article":{"id":7},"story":["a"],"summary":3,"headline":{"main":"H"},"link":{"href":"x"},"text":"T"}`)
	if err != nil || text != "T" || url != "" {
		t.Errorf("got %q %q, %v", text, url, err)
	}
	// Parallax's own names still take their types only.
	if _, err := ReadJSON("t.jsonl#1", []byte(`{"text":7}`), Options{}); err == nil {
		t.Error(`{"text":7} was read`)
	}
}

// TestJSONNothingToRead checks that a record without any text, html,
// summary or title is not an article, and that one whose fields are all
// blank is no article either.
func TestJSONNothingToRead(t *testing.T) {
	for _, record := range []string{
		`{"id":"1","url":"https://example.org/a","published":"2024-02-03","author":"A"}`,
		`{"id":"1","maintext":null,"description":null,"headline":7,"title":null}`,
		`{"id":"1","article":{"title":"nested"}}`,
		`{}`,
	} {
		_, _, _, _, _, err := readJSONBoth(t, record)
		var ie *InputError
		if !errors.Is(err, errNoTextField) || !errors.As(err, &ie) || ie.Reason != ReasonInvalid {
			t.Errorf("%s: %v, want %v", record, err, errNoTextField)
		}
	}
	for _, record := range []string{`{"text":" ","title":""}`, `{"maintext":"","headline":"  "}`} {
		_, _, _, _, _, err := readJSONBoth(t, record)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Reason != ReasonNoArticle {
			t.Errorf("%s: %v, want no article", record, err)
		}
	}
}

// TestJSONDataSetFiles reads files as data sets and scrapers write them:
// a headline-only JSON Lines file, one pretty-printed news-please article,
// a NewsAPI answer, a file of records that are not articles.
func TestJSONDataSetFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "headlines.jsonl"), `{"id":"h1","headline":"Quake strikes south Iran, injuring five"}
{"id":"h2","title":"Bank fire kills 3","timestamp":1394470370698}
`)
	writeFile(t, filepath.Join(dir, "newsplease.json"), `{
    "authors": ["Jane Roe"],
    "date_download": "2024-02-03 12:00:00",
    "date_modify": null,
    "date_publish": "2024-02-03 10:00:00",
    "description": "Strikes hit sites overnight.",
    "filename": "https%3A%2F%2Fexample.org%2Fstrikes.json",
    "image_url": null,
    "language": "en",
    "localpath": null,
    "maintext": "Officials said the strikes hit several sites overnight. The ministry said the toll was rising.",
    "source_domain": "example.org",
    "title": "Strikes hit sites",
    "title_page": null,
    "title_rss": null,
    "url": "https://example.org/strikes"
}
`)
	writeFile(t, filepath.Join(dir, "newsapi.json"), `{
  "status": "ok",
  "totalResults": 2,
  "articles": [
    {"source": {"id": null, "name": "Daily Example"}, "author": "J. Roe", "title": "Floods close roads",
     "description": "Floods closed roads into the valley on Monday.", "url": "https://example.org/floods",
     "publishedAt": "2024-02-05T08:00:00Z", "content": null},
    {"source": {"id": null, "name": "Daily Example"}, "title": "Storm cuts power", "url": "https://example.org/storm",
     "publishedAt": "2024-02-06T08:00:00Z"}
  ]
}
`)
	writeFile(t, filepath.Join(dir, "people.jsonl"), `{"name":"A","age":3}
{"name":"B","age":4}
`)
	items, stats := collect(t, []string{dir}, testOptions())
	var got []string
	for _, it := range items {
		if it.Article == nil {
			got = append(got, it.Rel+": "+it.Error)
			continue
		}
		a := it.Article
		got = append(got, strings.Join([]string{it.Rel, a.ExternalID, a.Title, a.Text, a.URL, a.Outlet.Name, a.Byline, a.Published.UTC().Format(time.RFC3339Nano)}, " | "))
	}
	want := []string{
		"headlines.jsonl | h1 | Quake strikes south Iran, injuring five | Quake strikes south Iran, injuring five |  |  |  | 0001-01-01T00:00:00Z",
		"headlines.jsonl | h2 | Bank fire kills 3 | Bank fire kills 3 |  |  |  | 2014-03-10T16:52:50.698Z",
		"newsapi.json |  | Floods close roads | Floods closed roads into the valley on Monday. | https://example.org/floods | Daily Example | J. Roe | 2024-02-05T08:00:00Z",
		"newsapi.json |  | Storm cuts power | Storm cuts power | https://example.org/storm | Daily Example |  | 2024-02-06T08:00:00Z",
		"newsplease.json |  | Strikes hit sites | Officials said the strikes hit several sites overnight. The ministry said the toll was rising. | https://example.org/strikes | example.org | Jane Roe | 2024-02-03T10:00:00Z",
		`people.jsonl: ` + filepath.Join(dir, "people.jsonl") + `: invalid: JSON records without "text", "html" or "title": not articles`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if stats.Articles != 5 {
		t.Errorf("stats = %+v", stats)
	}
}
