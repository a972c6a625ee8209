package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax"
)

// errNoTextField marks a JSON record that is not an article.
var errNoTextField = errors.New(`no "text" or "html" field`)

// jsonRecord is one JSON Lines article. Only text or html is required;
// unknown fields are ignored. A few common alternative names (date,
// author, content, body, source) are accepted for convenience.
type jsonRecord struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Outlet    json.RawMessage `json:"outlet"`
	Source    json.RawMessage `json:"source"`
	Title     string          `json:"title"`
	Text      *string         `json:"text"`
	Content   *string         `json:"content"`
	Body      *string         `json:"body"`
	HTML      *string         `json:"html"`
	Published json.RawMessage `json:"published"`
	Date      json.RawMessage `json:"date"`
	Language  string          `json:"language"`
	Byline    string          `json:"byline"`
	Author    json.RawMessage `json:"author"`
}

func (w *walker) readJSONL(input, rel string, br *bufio.Reader) error {
	if first, _ := peekNonSpace(br); first == '[' {
		return w.readJSONArray(input, rel, br)
	}
	if !firstLineIsJSON(br) {
		return w.readJSONDocument(input, rel, br)
	}
	var buf []byte
	j := jsonRecords{w: w, input: input, rel: rel}
	for n := 1; ; n++ {
		line, tooLarge, err := readLine(br, w.opt.MaxArticleBytes, buf[:0])
		buf = line
		rec := fmt.Sprintf("%s#%d", input, n)
		switch {
		case tooLarge:
			if serr := w.skip(rec, rel, ReasonTooLarge, fmt.Errorf("line over %d bytes", w.opt.MaxArticleBytes)); serr != nil {
				return serr
			}
		case len(bytes.TrimSpace(line)) > 0:
			if perr := j.record(rec, line); perr != nil {
				return perr
			}
		}
		if j.notArticles {
			return nil
		}
		if err != nil {
			if ferr := j.flush(); ferr != nil {
				return ferr
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return w.skipRead(input, rel, err)
		}
	}
}

// jsonRecords reads the records of one JSON Lines file or array. When its
// first records are JSON but not articles (no "text" or "html": some other
// data set), the whole input is skipped with one message rather than one
// per record.
type jsonRecords struct {
	w          *walker
	input, rel string
	// missing counts leading records without text or html; held is the
	// first such record's error, reported once the input is judged.
	missing     int
	held        error
	heldRec     string
	read        bool // an article was read
	notArticles bool // the input was judged not to hold articles
}

// notArticlesAfter is how many leading records without text or html make
// an input "not articles".
const notArticlesAfter = 2

func (j *jsonRecords) record(rec string, data []byte) error {
	a, err := ReadJSON(rec, data, j.w.opt)
	if !j.read && errors.Is(err, errNoTextField) {
		j.missing++
		if j.missing == notArticlesAfter {
			j.notArticles = true
			return j.w.skip(j.input, j.rel, ReasonInvalid, errors.New(`JSON records without "text" or "html": not articles`))
		}
		j.held, j.heldRec = err, rec
		return nil
	}
	if j.held != nil {
		held := j.held
		j.held = nil
		if serr := j.w.skipErr(j.heldRec, j.rel, held); serr != nil {
			return serr
		}
	}
	if err != nil {
		return j.w.skipErr(rec, j.rel, err)
	}
	j.read = true
	return j.w.emit(a, j.rel)
}

// flush reports a record held back when the input ended before it could
// be judged.
func (j *jsonRecords) flush() error {
	if j.held == nil {
		return nil
	}
	held := j.held
	j.held = nil
	return j.w.skipErr(j.heldRec, j.rel, held)
}

// firstLineIsJSON reports whether the input's first line (as far as the
// read buffer holds it) is a complete JSON value, as in JSON Lines.
func firstLineIsJSON(br *bufio.Reader) bool {
	head, _ := br.Peek(readBufSize)
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line = head[:i]
	} else if len(head) == readBufSize {
		return true // a long first line: JSON Lines with big records
	}
	line = bytes.TrimSpace(bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")))
	// A line that closes an object is a (possibly broken) record.
	return json.Valid(line) || len(line) > 1 && line[len(line)-1] == '}'
}

// readJSONDocument reads a JSON file that is one (pretty-printed) value:
// an article object, or an object holding a list of articles under any
// key ("articles", "items", …).
func (w *walker) readJSONDocument(input, rel string, br *bufio.Reader) error {
	data, err := readBounded(br, feedLimit(w.opt))
	if err != nil {
		return w.skipRead(input, rel, err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return w.skip(input, rel, ReasonInvalid, jsonErr(err))
	}
	_, hasText := doc["text"]
	_, hasHTML := doc["html"]
	if hasText || hasHTML {
		a, err := ReadJSON(input, data, w.opt)
		if err != nil {
			return w.skipErr(input, rel, err)
		}
		return w.emit(a, rel)
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var list []json.RawMessage
		if json.Unmarshal(doc[k], &list) != nil || len(list) == 0 || !bytes.HasPrefix(bytes.TrimSpace(list[0]), []byte("{")) {
			continue
		}
		j := jsonRecords{w: w, input: input, rel: rel}
		for i, raw := range list {
			if err := j.record(fmt.Sprintf("%s#%d", input, i+1), raw); err != nil {
				return err
			}
			if j.notArticles {
				return nil
			}
		}
		return j.flush()
	}
	return w.skip(input, rel, ReasonInvalid, errors.New(`a JSON document without articles (no "text" or "html" field)`))
}

// readJSONArray reads a JSON array of article objects one element at a
// time. Elements are split by a byte scanner rather than json.Decoder,
// which would buffer a huge element whole; one over MaxArticleBytes is
// skipped as too large and the array goes on.
func (w *walker) readJSONArray(input, rel string, br *bufio.Reader) error {
	for {
		c, err := br.ReadByte()
		if err != nil {
			return w.skip(input, rel, ReasonInvalid, errors.New("no JSON array"))
		}
		if c == '[' {
			break
		}
	}
	var buf []byte
	j := jsonRecords{w: w, input: input, rel: rel}
	for n := 1; ; n++ {
		elem, tooLarge, end, err := nextJSONElement(br, w.opt.MaxArticleBytes, buf[:0])
		buf = elem
		rec := fmt.Sprintf("%s#%d", input, n)
		switch {
		case err != nil:
			if ferr := j.flush(); ferr != nil {
				return ferr
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return w.skip(input, rel, ReasonInvalid, errors.New("JSON array not closed"))
			}
			return w.skipRead(input, rel, err)
		case tooLarge:
			if err := w.skip(rec, rel, ReasonTooLarge, fmt.Errorf("element over %d bytes", w.opt.MaxArticleBytes)); err != nil {
				return err
			}
		case len(bytes.TrimSpace(elem)) > 0:
			if err := j.record(rec, elem); err != nil {
				return err
			}
		}
		if j.notArticles {
			return nil
		}
		if end {
			return j.flush()
		}
	}
}

// nextJSONElement reads one element of a JSON array, up to the comma or
// closing bracket at depth zero, keeping at most limit bytes of it. end
// reports the array's closing bracket.
func nextJSONElement(br *bufio.Reader, limit int64, buf []byte) (elem []byte, tooLarge, end bool, err error) {
	depth, inString, escaped := 0, false, false
	for {
		c, err := br.ReadByte()
		if err != nil {
			return buf, tooLarge, false, err
		}
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		} else {
			switch c {
			case '"':
				inString = true
			case '{', '[':
				depth++
			case '}':
				depth--
			case ']':
				if depth == 0 {
					return buf, tooLarge, true, nil
				}
				depth--
			case ',':
				if depth == 0 {
					return buf, tooLarge, false, nil
				}
			}
		}
		if tooLarge {
			continue
		}
		if int64(len(buf)) >= limit {
			tooLarge, buf = true, buf[:0]
			continue
		}
		buf = append(buf, c)
	}
}

func peekNonSpace(br *bufio.Reader) (byte, error) {
	for i := 1; i <= readBufSize; i++ {
		b, err := br.Peek(i)
		if err != nil {
			return 0, err
		}
		switch c := b[i-1]; c {
		case ' ', '\t', '\r', '\n':
		case 0xef, 0xbb, 0xbf: // byte-order mark
		default:
			return c, nil
		}
	}
	return 0, nil
}

// readLine reads one line into buf (without the newline). A line longer
// than limit is consumed without being kept and reported as tooLarge, so
// that a 100 MB line never sits in memory.
func readLine(br *bufio.Reader, limit int64, buf []byte) (line []byte, tooLarge bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLarge {
			if int64(len(buf)+len(chunk)) > limit+1 {
				tooLarge = true
				buf = buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		return buf, tooLarge, err
	}
}

// ReadJSON reads one JSON object (a JSON Lines record) into an article.
// input names the record ("file.jsonl#3"). With opt.Raw, "text" is kept
// byte-exact so that annotation offsets stay valid.
func ReadJSON(input string, data []byte, opt Options) (*parallax.Article, error) {
	opt = opt.withDefaults()
	var r jsonRecord
	if !decodeRecord(data, &r) {
		r = jsonRecord{}
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, &InputError{Input: input, Reason: ReasonInvalid, Err: jsonErr(err)}
		}
	}
	text := firstNonNil(r.Text, r.Content, r.Body)
	if text == nil && r.HTML == nil {
		return nil, &InputError{Input: input, Reason: ReasonInvalid, Err: errNoTextField}
	}
	a := &parallax.Article{
		Input:      input,
		Format:     FormatJSONL,
		ExternalID: rawString(r.ID),
		URL:        strings.TrimSpace(r.URL),
		Title:      r.Title,
		Byline:     r.Byline,
		Language:   strings.ToLower(strings.TrimSpace(r.Language)),
	}
	if a.Byline == "" {
		a.Byline = rawString(r.Author)
	}
	pub := rawString(r.Published)
	if pub == "" {
		pub = rawString(r.Date)
	}
	if t, ok := ParseTime(pub); ok {
		a.Published, a.PublishedSource, a.PublishedConfidence = t, parallax.DateMetadata, 1
	}
	name := rawString(r.Outlet)
	if name == "" {
		name = rawString(r.Source)
	}
	if a.URL != "" {
		if o, ok := opt.Catalog.ByHost(a.URL); ok {
			a.Outlet = o
		}
	}
	if !a.Outlet.Known() && name != "" {
		if o, ok := opt.Catalog.ByName(name); ok {
			a.Outlet = o
		} else {
			a.Outlet = parallax.Outlet{Name: strings.TrimSpace(name)}
		}
		a.Outlet.Source = "metadata"
	}
	if text == nil || strings.TrimSpace(*text) == "" && r.HTML != nil {
		page, err := ExtractHTML([]byte(*r.HTML), a.URL, nil, opt)
		if err != nil {
			return nil, withInput(err, input)
		}
		mergePage(a, page)
	} else if opt.Raw {
		a.Text = *text
	} else {
		// Only a text of several lines has a title line to take: a record
		// of one line (a headline, a brief) is all body.
		b := &textDoc{cat: opt.Catalog}
		b.parse(a, *text, a.Title == "" && strings.Contains(strings.TrimSpace(*text), "\n"))
	}
	if err := finish(a, opt); err != nil {
		return nil, &InputError{Input: input, Reason: ReasonNoArticle, Err: err}
	}
	return a, nil
}

// mergePage fills a's empty fields from an extracted page.
func mergePage(a, page *parallax.Article) {
	a.Text = page.Text
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Byline == "" {
		a.Byline = page.Byline
	}
	if a.URL == "" {
		a.URL = page.URL
	}
	if a.Published.IsZero() {
		a.Published, a.PublishedSource, a.PublishedConfidence = page.Published, page.PublishedSource, page.PublishedConfidence
	}
	if !a.Outlet.Known() {
		a.Outlet = page.Outlet
	}
	if a.Language == "" {
		a.Language = page.Language
	}
	a.Dateline = page.Dateline
	a.Agencies = page.Agencies
	a.Posts = page.Posts
}

func firstNonNil(ss ...*string) *string {
	for _, s := range ss {
		if s != nil {
			return s
		}
	}
	return nil
}

// rawString returns a JSON string, number or {"name": …} object as text.
func rawString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return strings.TrimSpace(s)
		}
	case '{':
		var o struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(raw, &o) == nil {
			return strings.TrimSpace(o.Name)
		}
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			var parts []string
			for _, e := range list {
				if s := rawString(e); s != "" {
					parts = append(parts, s)
				}
			}
			return strings.Join(parts, ", ")
		}
	default:
		if f, err := strconv.ParseFloat(string(raw), 64); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	return ""
}

func jsonErr(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("bad JSON at byte %d: %w", se.Offset, err)
	}
	return err
}
