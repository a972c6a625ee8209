package demo

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax/ingest"
)

var (
	update  = flag.Bool("update", false, "regenerate ecbplus/sample.jsonl from -ecbplus")
	ecbDir  = flag.String("ecbplus", "../../../shared/data/ecbplus", "ECB+ corpus directory (topic folders of token XML)")
	perHalf = 4
)

// sampleTopics are ECB+ topics whose reports differ in figures or wording:
// a bank bombing (8), Somali pirates captured by the Indian navy (12), an
// earthquake in Iran (20). Each has two different events, kept apart as
// the clusterer must.
var sampleTopics = []int{8, 12, 20}

// record is one line of sample.jsonl, in the JSONL reader's fields.
type record struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published,omitempty"`
	License   string `json:"license"`
}

func TestGenerateECBPlusSample(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate ecbplus/sample.jsonl")
	}
	if _, err := os.Stat(*ecbDir); err != nil {
		t.Skipf("ECB+ corpus not found at %s (pass -ecbplus DIR): %v", *ecbDir, err)
	}
	var buf bytes.Buffer
	for _, topic := range sampleTopics {
		for _, half := range []string{"ecb", "ecbplus"} {
			names, err := filepath.Glob(filepath.Join(*ecbDir, strconv.Itoa(topic), fmt.Sprintf("%d_*%s.xml", topic, half)))
			if err != nil {
				t.Fatal(err)
			}
			re := regexp.MustCompile(`_(\d+)` + half + `\.xml$`)
			var keep []string
			for _, n := range names {
				if re.MatchString(n) {
					keep = append(keep, n)
				}
			}
			sort.Slice(keep, func(i, j int) bool { return docNum(keep[i]) < docNum(keep[j]) })
			if len(keep) > perHalf {
				keep = keep[:perHalf]
			}
			for _, n := range keep {
				rec, err := convert(n, half == "ecbplus")
				if err != nil {
					t.Fatalf("%s: %v", n, err)
				}
				b, _ := json.Marshal(rec)
				buf.Write(b)
				buf.WriteByte('\n')
			}
		}
	}
	if err := os.WriteFile("ecbplus/sample.jsonl", buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func docNum(name string) int {
	m := regexp.MustCompile(`_(\d+)ecb`).FindStringSubmatch(filepath.Base(name))
	n, _ := strconv.Atoi(m[1])
	return n
}

type token struct {
	Sentence int    `xml:"sentence,attr"`
	Text     string `xml:",chardata"`
}

// convert reads one ECB+ document: in the ecbplus half sentence 0 is the
// source URL, then the headline and often a date line; ECB documents start
// with the lead sentence, which doubles as the title.
func convert(path string, plus bool) (record, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return record{}, err
	}
	var doc struct {
		Tokens []token `xml:"token"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return record{}, err
	}
	var sents [][]string
	for _, tk := range doc.Tokens {
		for len(sents) <= tk.Sentence {
			sents = append(sents, nil)
		}
		sents[tk.Sentence] = append(sents[tk.Sentence], tk.Text)
	}
	var lines []string
	for _, s := range sents {
		if len(s) > 0 {
			lines = append(lines, detokenize(s))
		}
	}
	base := strings.TrimSuffix(filepath.Base(path), ".xml")
	rec := record{ID: "ecbplus:" + base, License: "CC BY 3.0, ECB+ (Cybulska & Vossen 2014)"}
	if plus && len(lines) > 0 && strings.HasPrefix(lines[0], "http") {
		rec.URL = strings.Join(sents[0], "")
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return record{}, fmt.Errorf("no text")
	}
	if plus {
		// The headline and one or two date lines ("Updated 5 / 5 / 2010
		// 1: 41 PM") come first, in either order.
		var rest []string
		for i, l := range lines {
			if i < 4 && len(l) < 70 {
				if t, ok := dateLine(l); ok {
					if rec.Published == "" {
						rec.Published = t.Format("2006-01-02")
					}
					continue
				}
			}
			rest = append(rest, l)
		}
		lines = rest
		if len(lines) < 2 {
			return record{}, fmt.Errorf("no text")
		}
		rec.Title = lines[0]
		lines = lines[1:]
	} else {
		rec.Title = lines[0]
	}
	rec.Text = strings.Join(lines, "\n")
	return rec, nil
}

// detokenize joins tokens with spaces except where English punctuation
// attaches to its neighbor.
func detokenize(toks []string) string {
	var b strings.Builder
	noSpaceAfter := false
	for i, t := range toks {
		switch t {
		case "``":
			t = "\u201c"
		case "''":
			t = "\u201d"
		}
		first, _ := utf8.DecodeRuneInString(t)
		attach := strings.ContainsRune(",.:;?!)%]}\u201d", first) || t == "'s" || t == "n't" || t == "'re" || t == "'ll" || t == "'ve" || t == "'d" || t == "'m"
		if i > 0 && !attach && !noSpaceAfter {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		noSpaceAfter = t == "(" || t == "$" || t == "\u201c" || t == "[" || t == "{"
	}
	return b.String()
}

// TestSampleIsReadable checks that the bundled sample is present, carries
// its license, and that every line reads as an article.
func TestSampleIsReadable(t *testing.T) {
	for _, name := range []string{"ecbplus/COPYING-CC.TXT", "ecbplus/LICENSEDATA.TXT", "ecbplus/README.md", "seeds/README.md"} {
		if _, err := fs.Stat(FS(), name); err != nil {
			t.Errorf("%s missing: %v", name, err)
		}
	}
	b, err := fs.ReadFile(FS(), "ecbplus/sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	if len(lines) < 12 {
		t.Errorf("%d sample lines, want at least 12", len(lines))
	}
	for i, l := range lines {
		t.Run(strconv.Itoa(i+1), func(t *testing.T) {
			a, err := ingest.ReadJSON("sample.jsonl#"+strconv.Itoa(i+1), l, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title == "" || len(a.Text) < 100 {
				t.Errorf("title %q, %d bytes of text", a.Title, len(a.Text))
			}
		})
	}
	paths, err := Extract(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 6 {
		t.Errorf("paths %v", paths)
	}
}

var (
	datePunct = regexp.MustCompile(`\s*([:/,])\s*`)
	datePart  = regexp.MustCompile(`(?i)\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2} [a-z]+,? \d{4}|[a-z]+ \d{1,2},? \d{4}|\d{1,2} [a-z]{3} \d{4}`)
)

// dateLine recognizes a short line that is a date stamp ("Posted 11 / 27 /
// 2005 7: 21 AM", "Updated: November 11, 2011 20: 09 IST").
func dateLine(l string) (time.Time, bool) {
	n := datePunct.ReplaceAllString(l, "$1")
	n = strings.ReplaceAll(n, ",", ", ")
	m := datePart.FindString(n)
	if m == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{"1/2/2006", "1/2/06", "2 January, 2006", "2 January 2006", "January 2, 2006", "Jan 2, 2006", "2 Jan 2006"} {
		if t, err := time.Parse(layout, strings.TrimSpace(m)); err == nil && t.Year() > 1990 {
			return t, true
		}
	}
	if t, ok := ingest.ParseTime(m); ok && t.Year() > 1990 && t.Before(time.Now()) {
		return t, true
	}
	return time.Time{}, false
}
