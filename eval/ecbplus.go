package eval

import (
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
)

// ECBDoc is one document of the ECB+ corpus (Cybulska and Vossen, LREC
// 2014, CC BY 3.0) read as an article.
type ECBDoc struct {
	// Name is the file name, e.g. "1_10ecbplus.xml".
	Name  string
	Topic int
	// Half is "ecb" or "ecbplus": each topic holds two different events
	// of the same kind, one per half.
	Half string
	// Article has ID Name, Input the path, Text one sentence per line;
	// for ecbplus documents URL is sentence 0 and Title sentence 1.
	Article *parallax.Article
}

// Label returns the gold event of the document: its topic and half,
// e.g. "1/ecbplus".
func (d ECBDoc) Label() string { return strconv.Itoa(d.Topic) + "/" + d.Half }

var ecbName = regexp.MustCompile(`^(\d+)_(\d+)(ecb|ecbplus)\.xml$`)

// ReadECBPlusDir reads every ECB+ document under dir (recursively, in
// lexical path order, which is the corpus's file order).
func ReadECBPlusDir(dir string) ([]ECBDoc, error) {
	var docs []ECBDoc
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || ecbName.FindStringSubmatch(d.Name()) == nil {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := ReadECBPlus(f, d.Name())
		if err != nil {
			return fmt.Errorf("read ecb+ %s: %w", path, err)
		}
		doc.Article.Input = path
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// WalkDir orders "10" before "2"; the corpus's order is numeric by
	// topic, then by document number, ecb before ecbplus.
	slices.SortStableFunc(docs, func(a, b ECBDoc) int {
		if a.Topic != b.Topic {
			return a.Topic - b.Topic
		}
		return strings.Compare(a.Name, b.Name)
	})
	return docs, nil
}

// ReadECBPlus reads one ECB+ XML document named name (the name gives its
// topic and half).
func ReadECBPlus(r io.Reader, name string) (ECBDoc, error) {
	m := ecbName.FindStringSubmatch(name)
	if m == nil {
		return ECBDoc{}, fmt.Errorf("name %q is not TOPIC_Necb.xml or TOPIC_Necbplus.xml", name)
	}
	topic, _ := strconv.Atoi(m[1])
	doc := ECBDoc{Name: name, Topic: topic, Half: m[3]}
	dec := xml.NewDecoder(r)
	var sents [][]string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return doc, fmt.Errorf("xml: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local == "Markables" {
			break
		}
		if se.Name.Local != "token" {
			continue
		}
		var t struct {
			Sentence int    `xml:"sentence,attr"`
			Text     string `xml:",chardata"`
		}
		if err := dec.DecodeElement(&t, &se); err != nil {
			return doc, fmt.Errorf("token: %w", err)
		}
		if t.Sentence < 0 || t.Sentence > 100000 {
			return doc, fmt.Errorf("sentence number %d out of range", t.Sentence)
		}
		for len(sents) <= t.Sentence {
			sents = append(sents, nil)
		}
		sents[t.Sentence] = append(sents[t.Sentence], t.Text)
	}
	a := &parallax.Article{ID: name, ExternalID: name, Format: "ecbplus"}
	lines := make([]string, 0, len(sents))
	for i, s := range sents {
		if len(s) == 0 {
			continue
		}
		if i == 0 && doc.Half == "ecbplus" {
			a.URL = strings.Join(s, "")
			continue
		}
		lines = append(lines, Detokenize(s))
	}
	if doc.Half == "ecbplus" && len(lines) > 0 {
		a.Title = lines[0]
	}
	var b strings.Builder
	for _, l := range lines {
		start := b.Len()
		b.WriteString(l)
		a.Sentences = append(a.Sentences, parallax.Span{Start: start, End: b.Len()})
		b.WriteByte('\n')
	}
	a.Text = b.String()
	doc.Article = a
	return doc, nil
}

// Detokenize joins tokens into text, without spaces before closing
// punctuation and after opening brackets and quotes.
func Detokenize(tokens []string) string {
	var b strings.Builder
	noSpace := true
	for _, t := range tokens {
		opener, closer := false, false
		switch t {
		case "``":
			t, opener = "\"", true
		case "''":
			t, closer = "\"", true
		case ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'", "’":
			closer = true
		case "(", "[", "{", "$":
			opener = true
		}
		if !noSpace && !closer {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		noSpace = opener
	}
	return b.String()
}
