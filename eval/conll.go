package eval

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// NERSpan is a gold name: words [Start, End) of sentence Sent, typed PER,
// ORG or LOC.
type NERSpan struct {
	Sent, Start, End int
	Type             string
}

// NERDoc is a document of tokenized sentences with gold names. Ignored
// holds spans that are names of another kind (MISC, products, MEANTIME's
// pre-modifier names): a prediction that matches one exactly is neither
// right nor wrong under the lenient protocol.
type NERDoc struct {
	Name      string
	Sentences [][]string
	Spans     []NERSpan
	Ignored   []NERSpan
	// Partial marks corpora that annotate only some entities (MEANTIME
	// annotates those taking part in its events); Annotated then lists the
	// spans of every annotated mention, names or not. Under the lenient
	// protocol a prediction that neither overlaps a gold name nor matches
	// an annotated mention is not judged, since nobody said whether it is
	// a name.
	Partial   bool
	Annotated []NERSpan
}

// ReadCoNLL reads CoNLL-style named-entity data: one token a line with its
// tag in the last column (space or tab separated), blank lines between
// sentences, "-DOCSTART-" lines between documents. Tags may follow BIO or
// IOB1 (where B- only separates adjacent names of one type): an I- tag that
// does not continue a name of its type starts one, which decodes both.
// Types are mapped to PER, ORG and LOC; MISC and unknown types are kept as
// ignored spans.
func ReadCoNLL(r io.Reader, name string) ([]NERDoc, error) {
	var docs []NERDoc
	doc := NERDoc{Name: name}
	var words, tags []string
	flush := func() {
		if len(words) == 0 {
			return
		}
		s := len(doc.Sentences)
		doc.Sentences = append(doc.Sentences, words)
		for _, sp := range decodeTags(tags) {
			sp.Sent = s
			if sp.Type == "PER" || sp.Type == "ORG" || sp.Type == "LOC" {
				doc.Spans = append(doc.Spans, sp)
			} else {
				doc.Ignored = append(doc.Ignored, sp)
			}
		}
		words, tags = nil, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		f := strings.Fields(text)
		if len(f) == 1 && strings.Contains(text, "\t") && strings.TrimSpace(text) == f[0] {
			// A token made only of invisible characters: keep its place.
			f = []string{"_", f[0]}
		}
		if len(f) == 0 {
			flush()
			continue
		}
		if f[0] == "-DOCSTART-" {
			flush()
			if len(doc.Sentences) > 0 {
				docs = append(docs, doc)
			}
			doc = NERDoc{Name: fmt.Sprintf("%s#%d", name, len(docs)+1)}
			if len(f) > 1 && f[1] != "-X-" {
				doc.Name = f[1] // "-DOCSTART- 10_6ecb.xml O O" names its source
			}
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: want a token and a tag", name, line)
		}
		words = append(words, f[0])
		tags = append(tags, f[len(f)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	flush()
	if len(doc.Sentences) > 0 {
		docs = append(docs, doc)
	}
	return docs, nil
}

// Chunk splits documents into documents of at most n sentences, for
// corpora whose "documents" are unrelated texts (tweets) or that lack
// document breaks, where document-level reasoning would mislead.
func Chunk(docs []NERDoc, n int) []NERDoc {
	if n <= 0 {
		return docs
	}
	var out []NERDoc
	for _, d := range docs {
		for i := 0; i < len(d.Sentences); i += n {
			j := min(i+n, len(d.Sentences))
			part := NERDoc{Name: fmt.Sprintf("%s:%d", d.Name, i), Sentences: d.Sentences[i:j], Partial: d.Partial}
			for _, group := range []struct {
				in  []NERSpan
				out *[]NERSpan
			}{{d.Spans, &part.Spans}, {d.Ignored, &part.Ignored}, {d.Annotated, &part.Annotated}} {
				for _, sp := range group.in {
					if sp.Sent >= i && sp.Sent < j {
						sp.Sent -= i
						*group.out = append(*group.out, sp)
					}
				}
			}
			out = append(out, part)
		}
	}
	return out
}

// normType maps the type names of common corpora to PER, ORG and LOC.
func normType(t string) string {
	switch strings.ToUpper(t) {
	case "PER", "PERSON":
		return "PER"
	case "ORG", "ORGANIZATION", "ORGANISATION":
		return "ORG"
	case "LOC", "LOCATION", "GPE":
		return "LOC"
	}
	return strings.ToUpper(t)
}

// decodeTags turns BIO or IOB1 tags into spans (Sent left zero).
func decodeTags(tags []string) []NERSpan {
	var out []NERSpan
	cur := -1
	curType := ""
	end := func(i int) {
		if cur >= 0 {
			out = append(out, NERSpan{Start: cur, End: i, Type: curType})
		}
		cur, curType = -1, ""
	}
	for i, t := range tags {
		prefix, typ, ok := strings.Cut(t, "-")
		if !ok || t == "O" {
			end(i)
			continue
		}
		typ = normType(typ)
		switch prefix {
		case "B", "S", "U":
			end(i)
			cur, curType = i, typ
		case "I", "E", "L":
			if cur < 0 || curType != typ {
				end(i)
				cur, curType = i, typ
			}
		default:
			end(i)
		}
		if prefix == "S" || prefix == "U" || prefix == "E" || prefix == "L" {
			end(i + 1)
		}
	}
	end(len(tags))
	return out
}
