package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/parallax-news/parallax"
)

// BCubed returns the BCubed precision, recall and F1 of a clustering
// pred against gold (Bagga and Baldwin 1998): for each item, the share of
// its predicted cluster that shares its gold label (precision) and the
// share of its gold cluster that shares its predicted cluster (recall),
// averaged over items. pred[i] and gold[i] label item i.
func BCubed(pred, gold []string) (p, r, f1 float64) {
	n := len(gold)
	if n == 0 || len(pred) != n {
		return 0, 0, 0
	}
	type pair struct{ p, g string }
	both := make(map[pair]int)
	np := make(map[string]int)
	ng := make(map[string]int)
	for i := range gold {
		both[pair{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	for i := range gold {
		k := float64(both[pair{pred[i], gold[i]}])
		p += k / float64(np[pred[i]])
		r += k / float64(ng[gold[i]])
	}
	p /= float64(n)
	r /= float64(n)
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// ARI returns the adjusted Rand index of pred against gold (Hubert and
// Arabie 1985): 1 for identical clusterings, about 0 for random ones.
func ARI(pred, gold []string) float64 {
	n := len(gold)
	if n < 2 || len(pred) != n {
		return 0
	}
	type pair struct{ p, g string }
	both := make(map[pair]int)
	np := make(map[string]int)
	ng := make(map[string]int)
	for i := range gold {
		both[pair{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	c2 := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	var index, sp, sg float64
	for _, k := range both {
		index += c2(k)
	}
	for _, k := range np {
		sp += c2(k)
	}
	for _, k := range ng {
		sg += c2(k)
	}
	expected := sp * sg / c2(n)
	maxIndex := (sp + sg) / 2
	if maxIndex == expected {
		if index == expected {
			return 1
		}
		return 0
	}
	return (index - expected) / (maxIndex - expected)
}

// Distinct returns how many different labels there are.
func Distinct(labels []string) int {
	m := make(map[string]struct{}, len(labels))
	for _, l := range labels {
		m[l] = struct{}{}
	}
	return len(m)
}

// LabeledDoc is one line of a JSONL file with a gold event label.
type LabeledDoc struct {
	Article *parallax.Article
	Label   string
}

// ReadLabeledJSONL reads JSON lines with "id", "text", optional "title",
// "url" and "published" (RFC 3339 or YYYY-MM-DD), and the gold "label"
// (a string or a number). Lines without a label are an error: a scorer
// must not silently drop items.
func ReadLabeledJSONL(r io.Reader, name string) ([]LabeledDoc, error) {
	var out []LabeledDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		var v struct {
			ID        json.RawMessage `json:"id"`
			Title     string          `json:"title"`
			Text      string          `json:"text"`
			URL       string          `json:"url"`
			Published string          `json:"published"`
			Label     json.RawMessage `json:"label"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, line, err)
		}
		label := rawString(v.Label)
		if label == "" {
			return nil, fmt.Errorf("%s line %d: no \"label\"", name, line)
		}
		id := rawString(v.ID)
		if id == "" {
			id = fmt.Sprintf("%s#%d", name, line)
		}
		a := &parallax.Article{ID: id, ExternalID: id, Input: fmt.Sprintf("%s#%d", name, line), Format: "jsonl",
			Title: v.Title, Text: v.Text, URL: v.URL}
		if v.Published != "" {
			for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
				if t, err := time.Parse(layout, v.Published); err == nil {
					a.Published = t
					a.PublishedSource = parallax.DateMetadata
					break
				}
			}
		}
		out = append(out, LabeledDoc{Article: a, Label: label})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// rawString returns a JSON string's value, or a number's text.
func rawString(m json.RawMessage) string {
	if len(m) == 0 || string(m) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s
	}
	var f float64
	if json.Unmarshal(m, &f) == nil && !math.IsNaN(f) {
		return string(m)
	}
	return ""
}
