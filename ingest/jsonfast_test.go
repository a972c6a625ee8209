package ingest

import (
	"bytes"
	"encoding/json"
	"testing"
)

// recordSeeds are records of the shapes decodeRecord must decode and of
// those it must leave to json.Unmarshal.
var recordSeeds = []string{
	`{"id":"1","url":"https://example.org/1","title":"T","text":"Line one.\n\nLine \"two\" \u00e9\u2014\/ \\ end.","published":"2024-02-03T10:00:00Z"}`,
	` { "id" : 17 , "outlet" : {"name": "RT", "x": [1, -2.5e+3, true, false, null, {}]}, "text" : null, "content": "c" } `,
	`{"text":"a","text":"b","title":null,"title":"x","title":null,"html":"<p>h</p>","extra":{"deep":[[["x"]]]}}`,
	`{"Text":"case"}`, `{"TEXT":"case","text":"x"}`, `{"te\u0078t":"escaped key"}`, `{"\u212Aey":"kelvin"}`,
	`{"text":"\ud83d\ude00 pair"}`, `{"text":"\ud800 lone"}`, "{\"text\":\"bad \xff utf8\"}",
	`{"text":1}`, `{"title":["a"],"text":"x"}`, `{"text":"x"} trailing`, `{"text":"x",}`, `{"text" "x"}`,
	`{"id":01,"text":"x"}`, `{"id":-,"text":"x"}`, `{"id":1.,"text":"x"}`, `{"id":1e,"text":"x"}`, `{"id":tru,"text":"x"}`,
	"{\"text\":\"tab\tinside\"}", `{"text":"bad \q escape"}`, `{"text":"\u12"}`, `[{"text":"x"}]`, `null`, `{}`, ``, `{`,
	`{"id":null,"outlet":null,"text":"x"}`, `{"id" :	"1"
}`,
	`{"author":[{"name":"A"},"B"],"date":"2024-01-01","language":"EN","byline":"By X","source":"S","body":"b"}`,
}

func TestDecodeRecord(t *testing.T) {
	for _, s := range recordSeeds {
		t.Run(s, func(t *testing.T) { checkDecodeRecord(t, []byte(s)) })
	}
	var r jsonRecord
	if !decodeRecord([]byte(recordSeeds[0]), &r) || r.Text == nil || r.URL != "https://example.org/1" {
		t.Errorf("the common record shape went to json.Unmarshal: %+v", r)
	}
}

// FuzzDecodeRecord checks decodeRecord against json.Unmarshal: whatever it
// decodes, it decodes the same, and it never accepts invalid JSON.
func FuzzDecodeRecord(f *testing.F) {
	for _, s := range recordSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkDecodeRecord)
}

func checkDecodeRecord(t *testing.T, data []byte) {
	var fast, slow jsonRecord
	if !decodeRecord(data, &fast) {
		return
	}
	if err := json.Unmarshal(data, &slow); err != nil {
		t.Fatalf("decodeRecord accepted %q, json.Unmarshal: %v", data, err)
	}
	got, _ := json.Marshal(recordView(fast))
	want, _ := json.Marshal(recordView(slow))
	if !bytes.Equal(got, want) {
		t.Fatalf("decodeRecord(%q)\n got %s\nwant %s", data, got, want)
	}
}

// recordView makes a record comparable: pointers become values or absent.
func recordView(r jsonRecord) map[string]any {
	m := map[string]any{"url": r.URL, "title": r.Title, "language": r.Language, "byline": r.Byline}
	for k, p := range map[string]*string{"text": r.Text, "content": r.Content, "body": r.Body, "html": r.HTML} {
		if p != nil {
			m[k] = *p
		}
	}
	for k, raw := range map[string]json.RawMessage{"id": r.ID, "outlet": r.Outlet, "source": r.Source, "published": r.Published, "date": r.Date, "author": r.Author} {
		m[k] = string(raw)
	}
	return m
}
