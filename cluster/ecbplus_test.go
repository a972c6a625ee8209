package cluster

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
)

// ecbplusDir is where the shared ECB+ corpus sits relative to this
// package; CI may not have it.
var ecbplusDir = filepath.Join("..", "..", "shared", "data", "ecbplus")

// ecbDoc is an ECB+ document. The reader here is a minimal twin of
// eval.ReadECBPlus, kept so that this package's tests do not depend on
// the eval package and its extractors.
type ecbDoc struct {
	name    string
	topic   int
	half    string
	article *parallax.Article
}

func (d ecbDoc) label() string { return strconv.Itoa(d.topic) + "/" + d.half }

var (
	ecbFile  = regexp.MustCompile(`^(\d+)_(\d+)(ecb|ecbplus)\.xml$`)
	ecbToken = regexp.MustCompile(`<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>`)
)

func readECBDoc(t testing.TB, path string) ecbDoc {
	t.Helper()
	m := ecbFile.FindStringSubmatch(filepath.Base(path))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	topic, _ := strconv.Atoi(m[1])
	d := ecbDoc{name: filepath.Base(path), topic: topic, half: m[3]}
	var sents [][]string
	for _, tm := range ecbToken.FindAllStringSubmatch(string(b), -1) {
		n, _ := strconv.Atoi(tm[1])
		for len(sents) <= n {
			sents = append(sents, nil)
		}
		tok := strings.NewReplacer("&amp;", "&", "&quot;", "\"", "&apos;", "'", "&lt;", "<", "&gt;", ">").Replace(tm[2])
		sents[n] = append(sents[n], tok)
	}
	a := &parallax.Article{ID: d.name}
	var lines []string
	for i, s := range sents {
		if len(s) == 0 {
			continue
		}
		if i == 0 && d.half == "ecbplus" {
			a.URL = strings.Join(s, "")
			continue
		}
		lines = append(lines, strings.Join(s, " "))
	}
	if d.half == "ecbplus" && len(lines) > 0 {
		a.Title = lines[0]
	}
	a.Text = strings.Join(lines, "\n")
	d.article = a
	return d
}

func loadECB(t testing.TB) []ecbDoc {
	t.Helper()
	if _, err := os.Stat(ecbplusDir); err != nil {
		t.Skipf("ECB+ corpus not found at %s: skipping the corpus-level check", ecbplusDir)
	}
	paths, err := filepath.Glob(filepath.Join(ecbplusDir, "*", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []ecbDoc
	for _, p := range paths {
		if ecbFile.MatchString(filepath.Base(p)) {
			docs = append(docs, readECBDoc(t, p))
		}
	}
	slices.SortStableFunc(docs, func(a, b ecbDoc) int {
		if a.topic != b.topic {
			return a.topic - b.topic
		}
		return strings.Compare(a.name, b.name)
	})
	return docs
}

// scoreECB clusters all docs as one stream in the given order and scores
// the documents whose topic lies in [lo, hi].
func scoreECB(docs []ecbDoc, cfg Config, lo, hi int) (p, r, f1 float64, found, gold int) {
	c := New(cfg)
	var pred, labels []string
	for _, d := range docs {
		dec := c.Add(d.article)
		if d.topic >= lo && d.topic <= hi {
			pred = append(pred, dec.EventID)
			labels = append(labels, d.label())
		}
	}
	p, r, f1 = BCubed(pred, labels)
	return p, r, f1, Distinct(pred), Distinct(labels)
}

func TestECBPlus(t *testing.T) {
	docs := loadECB(t)
	cfg := DefaultConfig()
	for _, split := range []struct {
		name   string
		lo, hi int
	}{{"tune 1-25", 1, 25}, {"held out 26-35", 26, 35}} {
		p, r, f1, found, gold := scoreECB(docs, cfg, split.lo, split.hi)
		t.Logf("%s: BCubed P %.3f R %.3f F1 %.3f, events %d vs gold %d", split.name, p, r, f1, found, gold)
	}
}
