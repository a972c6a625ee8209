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
