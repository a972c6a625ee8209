package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
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
	// Other data sets' names, in other cases, of other types, twice.
	`{"maintext":"m","date_publish":"2024-01-01 10:00:00","source_domain":"example.org","authors":["A"],"description":"d","title_page":null}`,
	`{"headline":"H","publishedAt":1394470370698,"PUBDATE":"x","Pub_Date":null,"datePublished":{"@value":"x"},"date_published":[1]}`,
	`{"Article":{"body":"nested"},"story":7,"Full_Text":"f","summary":null,"abstract":true,"link":["l"],"source_url":"u"}`,
	`{"maintext":"a","maintext":null}`, `{"maintext":"a","MainText":5}`, `{"Headline":"a","headline":"b"}`,
	`{"publisher":{"name":"P"},"domain":"d","site":"s","hostname":"h","datetime":"t","timestamp":1,"time":"2","created_at":"c"}`,
	`{"TiTlE":"case","DATE_PUBLISHED":"x","date_publisheds":"not a field","DATEPUBLISHEDANDMORE":"long"}`,
	"{\"\u212aey\":\"k\",\"\u017fource\":\"long s\",\"caf\u00e9\":\"other\",\"\xffbad\":\"x\",\"text\":\"t\"}",
	"{\"ſummary\":\"long s\"}", "{\"\u212aEY\":1,\"Text\":\"t\"}",
	`{"description":"\ud800 lone"}`, `{"headline":"\ud83d\ude00 pair"}`, `{"story":"bad \q"}`,
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

// recordView makes a record comparable: pointers become values or absent,
// a looseString its string or absent, a raw value its bytes.
func recordView(r jsonRecord) map[string]any {
	m := map[string]any{}
	v := reflect.ValueOf(r)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		switch f := v.Field(i).Interface().(type) {
		case string:
			m[name] = f
		case *string:
			if f != nil {
				m[name] = *f
			}
		case looseString:
			if f.ok {
				m[name] = f.s
			} else if f.s != "" {
				m[name] = "unset but " + f.s
			}
		case json.RawMessage:
			m[name] = string(f)
		default:
			panic(fmt.Sprintf("recordView: field %s of type %T", name, f))
		}
	}
	return m
}

// TestDecodeRecordFields checks that every field of jsonRecord is decoded
// by decodeRecord, under its tag spelled in lower, upper and its own case,
// with a string and with a value of another type.
func TestDecodeRecordFields(t *testing.T) {
	typ := reflect.TypeFor[jsonRecord]()
	for i := range typ.NumField() {
		tag := typ.Field(i).Tag.Get("json")
		for _, key := range []string{tag, strings.ToLower(tag), strings.ToUpper(tag)} {
			for _, value := range []string{`"v \u00e9"`, `null`, `7`, `{"name":"n"}`} {
				data := []byte(`{"` + key + `":` + value + `}`)
				var r jsonRecord
				if !decodeRecord(data, &r) {
					if json.Unmarshal(data, &r) == nil {
						t.Errorf("%s went to json.Unmarshal", data)
					}
					continue
				}
				checkDecodeRecord(t, data)
				if value == `"v \u00e9"` && !strings.Contains(fmt.Sprint(recordView(r)), "v é") && !strings.Contains(fmt.Sprint(recordView(r)), `"v \u00e9"`) {
					t.Errorf("%s: field %s not set: %v", data, typ.Field(i).Name, recordView(r))
				}
			}
		}
	}
}
