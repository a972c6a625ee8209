package ingest

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// decodeRecord decodes a JSON Lines record into r the way json.Unmarshal
// would, for the records it can decode exactly: an object whose keys are
// unescaped and match the field tags in ASCII case (or are not fields at
// all), with string fields holding strings or null. It reports false for
// anything else (a key that only Unicode folding matches, a lone
// surrogate, invalid UTF-8 in a field, invalid JSON), and the caller then
// uses json.Unmarshal, which also words the error. Decoding without
// reflection and without a separate validation pass took a quarter of the
// time to read a record.
func decodeRecord(data []byte, r *jsonRecord) bool {
	d := recordDecoder{data: data}
	i := d.space(0)
	if i >= len(data) || data[i] != '{' {
		return false
	}
	i = d.space(i + 1)
	if i < len(data) && data[i] == '}' {
		return d.space(i+1) == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return false
		}
		keyEnd, escaped, ok := d.scanString(i)
		if !ok || escaped {
			return false
		}
		key := data[i+1 : keyEnd-1]
		i = d.space(keyEnd)
		if i >= len(data) || data[i] != ':' {
			return false
		}
		i = d.space(i + 1)
		if i >= len(data) {
			return false
		}
		if i, ok = d.field(r, key, i); !ok {
			return false
		}
		i = d.space(i)
		if i >= len(data) {
			return false
		}
		switch data[i] {
		case ',':
			i = d.space(i + 1)
		case '}':
			return d.space(i+1) == len(data)
		default:
			return false
		}
	}
}

// recordDecoder holds the record being decoded.
type recordDecoder struct {
	data []byte
}

// field decodes the value at data[i] into the field of r that key names,
// or skips it when key names none. It returns the index after the value.
// Keys match in any case, as json.Unmarshal matches them: no two tags of
// jsonRecord are equal but for case, so a key names one field at most.
func (d *recordDecoder) field(r *jsonRecord, key []byte, i int) (int, bool) {
	var lower [maxFieldLen]byte
	k, lowered := key, false
	for j, c := range key {
		if c >= utf8.RuneSelf {
			if foldsToASCII(key) {
				return i, false // json.Unmarshal folds the Kelvin sign and long s
			}
			return d.skip(i, 0) // no field has a letter outside ASCII
		}
		if c >= 'A' && c <= 'Z' {
			if len(key) > len(lower) {
				return d.skip(i, 0) // longer than any field
			}
			if !lowered {
				copy(lower[:], key)
				k, lowered = lower[:len(key)], true
			}
			lower[j] = c | 0x20
		}
	}
	switch string(k) {
	case "url":
		return d.stringField(&r.URL, i)
	case "link":
		return d.looseString(&r.Link, i)
	case "source_url":
		return d.looseString(&r.SourceURL, i)
	case "title":
		return d.stringField(&r.Title, i)
	case "headline":
		return d.looseString(&r.Headline, i)
	case "language":
		return d.stringField(&r.Language, i)
	case "byline":
		return d.stringField(&r.Byline, i)
	case "text":
		return d.stringPointer(&r.Text, i)
	case "content":
		return d.stringPointer(&r.Content, i)
	case "body":
		return d.stringPointer(&r.Body, i)
	case "html":
		return d.stringPointer(&r.HTML, i)
	case "maintext":
		return d.looseString(&r.MainText, i)
	case "article":
		return d.looseString(&r.Article, i)
	case "full_text":
		return d.looseString(&r.FullText, i)
	case "story":
		return d.looseString(&r.Story, i)
	case "description":
		return d.looseString(&r.Description, i)
	case "summary":
		return d.looseString(&r.Summary, i)
	case "abstract":
		return d.looseString(&r.Abstract, i)
	case "id":
		return d.raw(&r.ID, i)
	case "outlet":
		return d.raw(&r.Outlet, i)
	case "source":
		return d.raw(&r.Source, i)
	case "publisher":
		return d.raw(&r.Publisher, i)
	case "source_domain":
		return d.raw(&r.SourceDomain, i)
	case "domain":
		return d.raw(&r.Domain, i)
	case "site":
		return d.raw(&r.Site, i)
	case "hostname":
		return d.raw(&r.Hostname, i)
	case "published":
		return d.raw(&r.Published, i)
	case "date":
		return d.raw(&r.Date, i)
	case "date_publish":
		return d.raw(&r.DatePublish, i)
	case "publish_date":
		return d.raw(&r.PublishDate, i)
	case "published_at":
		return d.raw(&r.PublishedAtSnake, i)
	case "publishedat":
		return d.raw(&r.PublishedAtCamel, i)
	case "pubdate":
		return d.raw(&r.PubDateCamel, i)
	case "pub_date":
		return d.raw(&r.PubDateSnake, i)
	case "datepublished":
		return d.raw(&r.DatePublishedCamel, i)
	case "date_published":
		return d.raw(&r.DatePublishedSnake, i)
	case "datetime":
		return d.raw(&r.Datetime, i)
	case "timestamp":
		return d.raw(&r.Timestamp, i)
	case "time":
		return d.raw(&r.Time, i)
	case "created_at":
		return d.raw(&r.CreatedAt, i)
	case "author":
		return d.raw(&r.Author, i)
	case "authors":
		return d.raw(&r.Authors, i)
	}
	return d.skip(i, 0)
}

// maxFieldLen is the length of jsonRecord's longest tag, date_published.
const maxFieldLen = len("date_published")

// foldsToASCII reports whether key holds a rune that Unicode case folding
// takes to an ASCII letter, as json.Unmarshal's key matching does: the
// Kelvin sign (k) and the long s (s).
func foldsToASCII(key []byte) bool {
	return bytes.Contains(key, []byte("\u212a")) || bytes.Contains(key, []byte("\u017f"))
}

// stringField decodes a string into *dst; null leaves it as it is, as
// json.Unmarshal does.
func (d *recordDecoder) stringField(dst *string, i int) (int, bool) {
	if d.data[i] == 'n' {
		return d.literal(i, "null")
	}
	s, end, ok := d.string(i)
	if ok {
		*dst = s
	}
	return end, ok
}

// stringPointer decodes a string into a new *dst; null sets it to nil.
func (d *recordDecoder) stringPointer(dst **string, i int) (int, bool) {
	if d.data[i] == 'n' {
		*dst = nil
		return d.literal(i, "null")
	}
	s, end, ok := d.string(i)
	if ok {
		*dst = &s
	}
	return end, ok
}

// looseString decodes a string into *dst, and any other value (null too)
// into an unset field, as looseString.UnmarshalJSON does.
func (d *recordDecoder) looseString(dst *looseString, i int) (int, bool) {
	if d.data[i] != '"' {
		*dst = looseString{}
		return d.skip(i, 0)
	}
	s, end, ok := d.string(i)
	if ok {
		*dst = looseString{s: s, ok: true}
	}
	return end, ok
}

// raw keeps the value's bytes, null included, as json.RawMessage does.
func (d *recordDecoder) raw(dst *json.RawMessage, i int) (int, bool) {
	end, ok := d.skip(i, 0)
	if ok {
		*dst = d.data[i:end:end]
	}
	return end, ok
}

func (d *recordDecoder) space(i int) int {
	for i < len(d.data) {
		switch d.data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func (d *recordDecoder) literal(i int, lit string) (int, bool) {
	if len(d.data)-i < len(lit) || string(d.data[i:i+len(lit)]) != lit {
		return i, false
	}
	return i + len(lit), true
}

// maxDepth bounds nesting in skipped values; deeper records go to
// json.Unmarshal.
const maxDepth = 100

// skip returns the index after the JSON value at data[i], checking its
// syntax.
func (d *recordDecoder) skip(i, depth int) (int, bool) {
	if i >= len(d.data) || depth > maxDepth {
		return i, false
	}
	switch c := d.data[i]; {
	case c == '"':
		end, _, ok := d.scanString(i)
		return end, ok
	case c == '{' || c == '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		i = d.space(i + 1)
		if i < len(d.data) && d.data[i] == closer {
			return i + 1, true
		}
		for {
			if c == '{' {
				if i >= len(d.data) || d.data[i] != '"' {
					return i, false
				}
				end, _, ok := d.scanString(i)
				if !ok {
					return i, false
				}
				i = d.space(end)
				if i >= len(d.data) || d.data[i] != ':' {
					return i, false
				}
				i = d.space(i + 1)
			}
			end, ok := d.skip(i, depth+1)
			if !ok {
				return i, false
			}
			i = d.space(end)
			if i >= len(d.data) {
				return i, false
			}
			switch d.data[i] {
			case ',':
				i = d.space(i + 1)
			case closer:
				return i + 1, true
			default:
				return i, false
			}
		}
	case c == 't':
		return d.literal(i, "true")
	case c == 'f':
		return d.literal(i, "false")
	case c == 'n':
		return d.literal(i, "null")
	case c == '-' || c >= '0' && c <= '9':
		return d.number(i)
	}
	return i, false
}

// number returns the index after the number at data[i]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *recordDecoder) number(i int) (int, bool) {
	data := d.data
	if data[i] == '-' {
		i++
	}
	digits := func() bool {
		start := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return i > start
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case !digits():
		return i, false
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			return i, false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			return i, false
		}
	}
	return i, true
}

// scanString checks the string starting at data[i] (its opening quote)
// and returns the index after its closing quote and whether it holds
// escapes. Invalid UTF-8 is valid JSON; decoding checks it.
func (d *recordDecoder) scanString(i int) (end int, escaped, ok bool) {
	data := d.data
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			return j + 1, escaped, true
		case c == '\\':
			escaped = true
			j++
			if j >= len(data) {
				return j, escaped, false
			}
			switch data[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(data)-j < 5 {
					return j, escaped, false
				}
				if _, ok := hex4(data[j+1 : j+5]); !ok {
					return j, escaped, false
				}
				j += 4
			default:
				return j, escaped, false
			}
		case c < 0x20:
			return j, escaped, false
		}
	}
	return len(data), escaped, false
}

// string decodes the string starting at data[i]. It fails on invalid
// UTF-8 and on surrogate escapes, which json.Unmarshal replaces by
// U+FFFD in ways not worth copying.
func (d *recordDecoder) string(i int) (string, int, bool) {
	data := d.data
	if data[i] != '"' {
		return "", i, false
	}
	end, escaped, ok := d.scanString(i)
	if !ok {
		return "", end, false
	}
	body := data[i+1 : end-1]
	if !validUTF8(body) {
		return "", end, false
	}
	if !escaped {
		return string(body), end, true
	}
	var b strings.Builder
	b.Grow(len(body))
	for {
		k := bytes.IndexByte(body, '\\')
		if k < 0 {
			b.Write(body)
			return b.String(), end, true
		}
		b.Write(body[:k])
		esc := body[k+1]
		body = body[k+2:]
		switch esc {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, _ := hex4(body[:4])
			if utf8.RuneLen(r) < 0 { // a surrogate half
				return "", end, false
			}
			b.WriteRune(r)
			body = body[4:]
		default: // '"', '\\', '/'
			b.WriteByte(esc)
		}
	}
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// validUTF8 is utf8.Valid with a fast pass over ASCII.
func validUTF8(b []byte) bool {
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return utf8.Valid(b[i:])
		}
	}
	return true
}
