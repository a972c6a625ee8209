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
	"time"

	"github.com/parallax-news/parallax"
)

// errNoTextField marks a JSON record that is not an article.
var errNoTextField = errors.New(`no "text", "html" or "title" field (nor another name for one)`)

// jsonRecord is one JSON Lines article. Fields are matched by name in any
// case; unknown fields are ignored. Besides parallax's own names it takes
// those of common news data sets and scrapers (news-please, NewsAPI,
// schema.org, RSS), each family in a fixed order of precedence
// (ReadJSON): the article needs only something to read, a text or
// failing that a summary or a headline.
//
// Fields of parallax's own names fail the record when they hold a value
// of the wrong type; string fields of the other names take only strings
// (looseString), since a data set may use such a name for something else.
type jsonRecord struct {
	ID json.RawMessage `json:"id"`

	URL       string      `json:"url"`
	Link      looseString `json:"link"`
	SourceURL looseString `json:"source_url"`

	Outlet       json.RawMessage `json:"outlet"`
	Source       json.RawMessage `json:"source"`
	Publisher    json.RawMessage `json:"publisher"`
	SourceDomain json.RawMessage `json:"source_domain"`
	Domain       json.RawMessage `json:"domain"`
	Site         json.RawMessage `json:"site"`
	Hostname     json.RawMessage `json:"hostname"`

	Title    string      `json:"title"`
	Headline looseString `json:"headline"`

	Text     *string     `json:"text"`
	Content  *string     `json:"content"`
	Body     *string     `json:"body"`
	MainText looseString `json:"maintext"`
	Article  looseString `json:"article"`
	FullText looseString `json:"full_text"`
	Story    looseString `json:"story"`
	HTML     *string     `json:"html"`

	Description looseString `json:"description"`
	Summary     looseString `json:"summary"`
	Abstract    looseString `json:"abstract"`

	Published          json.RawMessage `json:"published"`
	Date               json.RawMessage `json:"date"`
	DatePublish        json.RawMessage `json:"date_publish"`
	PublishDate        json.RawMessage `json:"publish_date"`
	PublishedAtSnake   json.RawMessage `json:"published_at"`
	PublishedAtCamel   json.RawMessage `json:"publishedAt"`
	PubDateCamel       json.RawMessage `json:"pubDate"`
	PubDateSnake       json.RawMessage `json:"pub_date"`
	DatePublishedCamel json.RawMessage `json:"datePublished"`
	DatePublishedSnake json.RawMessage `json:"date_published"`
	Datetime           json.RawMessage `json:"datetime"`
	Timestamp          json.RawMessage `json:"timestamp"`
	Time               json.RawMessage `json:"time"`
	CreatedAt          json.RawMessage `json:"created_at"`

	Language string          `json:"language"`
	Byline   string          `json:"byline"`
	Author   json.RawMessage `json:"author"`
	Authors  json.RawMessage `json:"authors"`
}

// looseString is a string field of a name other data sets may use for
// something else: a value that is not a string leaves it unset instead of
// failing the record.
type looseString struct {
	s  string
	ok bool
}

func (l *looseString) UnmarshalJSON(data []byte) error {
	*l = looseString{}
	if len(data) == 0 || data[0] != '"' {
		return nil
	}
	if err := json.Unmarshal(data, &l.s); err != nil {
		return err
	}
	l.ok = true
	return nil
}

// ptr returns the string, or nil when the field was absent or no string.
func (l *looseString) ptr() *string {
	if !l.ok {
		return nil
	}
	return &l.s
}

// textKind says where an article's text came from.
type textKind int

const (
	textNone    textKind = iota
	textBody             // text, content, body, maintext, article, full_text, story
	textHTML             // html, extracted
	textSummary          // description, summary, abstract
	textTitle            // title, headline
)

// text returns the record's text and where it came from: the first body
// text that is not blank, else the HTML, else the first summary, else the
// title. A record whose text fields are all blank gets a blank body text
// (and is then no article); one without any gets textNone.
func (r *jsonRecord) text(title string) (string, textKind) {
	var blank *string
	for _, s := range [...]*string{r.Text, r.Content, r.Body, r.MainText.ptr(), r.Article.ptr(), r.FullText.ptr(), r.Story.ptr()} {
		if s == nil {
			continue
		}
		if !isBlank(*s) {
			return *s, textBody
		}
		if blank == nil {
			blank = s
		}
	}
	if r.HTML != nil && !isBlank(*r.HTML) {
		return *r.HTML, textHTML
	}
	for _, s := range [...]*string{r.Description.ptr(), r.Summary.ptr(), r.Abstract.ptr()} {
		if s != nil && !isBlank(*s) {
			return *s, textSummary
		}
	}
	switch {
	case !isBlank(title):
		return title, textTitle
	case blank != nil:
		return *blank, textBody
	case r.HTML != nil:
		return *r.HTML, textHTML
	}
	return "", textNone
}

func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}

// url returns the first URL of url, link and source_url.
func (r *jsonRecord) url() string {
	for _, s := range [...]string{r.URL, r.Link.s, r.SourceURL.s} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// title returns the title, or else the headline.
func (r *jsonRecord) title() string {
	if isBlank(r.Title) && r.Headline.ok {
		return r.Headline.s
	}
	return r.Title
}

// outletName returns the first outlet name of outlet, source, publisher,
// source_domain, domain, site and hostname.
func (r *jsonRecord) outletName() string {
	return firstRaw(r.Outlet, r.Source, r.Publisher, r.SourceDomain, r.Domain, r.Site, r.Hostname)
}

// published returns the first publication time that parses, of the time
// fields in the order of jsonRecord.
func (r *jsonRecord) published() (time.Time, bool) {
	for _, raw := range [...]json.RawMessage{
		r.Published, r.Date, r.DatePublish, r.PublishDate, r.PublishedAtSnake, r.PublishedAtCamel,
		r.PubDateCamel, r.PubDateSnake, r.DatePublishedCamel, r.DatePublishedSnake,
		r.Datetime, r.Timestamp, r.Time, r.CreatedAt,
	} {
		if len(raw) == 0 {
			continue
		}
		if t, ok := ParseTime(rawString(raw)); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// firstRaw returns the first of raws that rawString makes non-empty.
func firstRaw(raws ...json.RawMessage) string {
	for _, raw := range raws {
		if len(raw) == 0 {
			continue
		}
		if s := rawString(raw); s != "" {
			return s
		}
	}
	return ""
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
// first records are JSON but not articles (no text, html or title under any
// name: some other data set), the whole input is skipped with one message rather than one
// per record.
type jsonRecords struct {
	w          *walker
	input, rel string
	// missing counts leading records without text, html or title; held is the
	// first such record's error, reported once the input is judged.
	missing     int
	held        error
	heldRec     string
	read        bool // an article was read
	notArticles bool // the input was judged not to hold articles
}

// notArticlesAfter is how many leading records without text, html or title make
// an input "not articles".
const notArticlesAfter = 2

func (j *jsonRecords) record(rec string, data []byte) error {
	a, err := ReadJSON(rec, data, j.w.opt)
	if !j.read && errors.Is(err, errNoTextField) {
		j.missing++
		if j.missing == notArticlesAfter {
			j.notArticles = true
			return j.w.skip(j.input, j.rel, ReasonInvalid, errors.New(`JSON records without "text", "html" or "title": not articles`))
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
	if docHas(doc, bodyKeys) {
		return w.readJSONObject(input, rel, data)
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
	if docHas(doc, summaryKeys) {
		// An article of only a summary or a headline.
		return w.readJSONObject(input, rel, data)
	}
	return w.skip(input, rel, ReasonInvalid, errors.New(`a JSON document without articles (no "text", "html" or "title" field)`))
}

func (w *walker) readJSONObject(input, rel string, data []byte) error {
	a, err := ReadJSON(input, data, w.opt)
	if err != nil {
		return w.skipErr(input, rel, err)
	}
	return w.emit(a, rel)
}

// bodyKeys name the fields of an article's text, summaryKeys those that
// stand in for it (jsonRecord).
var (
	bodyKeys    = []string{"text", "content", "body", "maintext", "article", "full_text", "story", "html"}
	summaryKeys = []string{"description", "summary", "abstract", "title", "headline"}
)

// docHas reports whether doc has a string under one of keys, in any case:
// a document that does is an article rather than a list of them.
func docHas(doc map[string]json.RawMessage, keys []string) bool {
	for k, v := range doc {
		if len(v) == 0 || v[0] != '"' {
			continue
		}
		for _, name := range keys {
			if strings.EqualFold(k, name) {
				return true
			}
		}
	}
	return false
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
// input names the record ("file.jsonl#3"). With opt.Raw, the text is kept
// byte-exact so that annotation offsets stay valid. See jsonRecord for
// the fields it reads.
func ReadJSON(input string, data []byte, opt Options) (*parallax.Article, error) {
	opt = opt.withDefaults()
	var r jsonRecord // on the stack: json.Unmarshal gets a copy on the heap
	if !decodeRecord(data, &r) {
		slow := new(jsonRecord)
		if err := json.Unmarshal(data, slow); err != nil {
			return nil, &InputError{Input: input, Reason: ReasonInvalid, Err: jsonErr(err)}
		}
		r = *slow
	}
	title := r.title()
	text, kind := r.text(title)
	if kind == textNone {
		return nil, &InputError{Input: input, Reason: ReasonInvalid, Err: errNoTextField}
	}
	a := &parallax.Article{
		Input:      input,
		Format:     FormatJSONL,
		ExternalID: rawString(r.ID),
		URL:        r.url(),
		Title:      title,
		Byline:     r.Byline,
		Language:   strings.ToLower(strings.TrimSpace(r.Language)),
	}
	if isBlank(a.Byline) {
		a.Byline = firstRaw(r.Author, r.Authors)
	}
	if t, ok := r.published(); ok {
		a.Published, a.PublishedSource, a.PublishedConfidence = t, parallax.DateMetadata, 1
	}
	if a.URL != "" {
		if o, ok := opt.Catalog.ByHost(a.URL); ok {
			a.Outlet = o
		}
	}
	if name := r.outletName(); !a.Outlet.Known() && name != "" {
		a.Outlet = outletByName(opt, name)
		a.Outlet.Source = "metadata"
	}
	switch {
	case kind == textHTML:
		page, err := ExtractHTML([]byte(text), a.URL, nil, opt)
		if err != nil {
			return nil, withInput(err, input)
		}
		mergePage(a, page)
	case opt.Raw:
		a.Text = text
	case kind == textSummary || kind == textTitle:
		// A stand-in for the text is all body, even where it repeats the
		// title (which parse would drop as a title line).
		a.Title = ""
		(&textDoc{cat: opt.Catalog}).parse(a, text, false)
		a.Title = title
	default:
		// Only a text of several lines has a title line to take: a record
		// of one line (a headline, a brief) is all body.
		b := &textDoc{cat: opt.Catalog}
		b.parse(a, text, a.Title == "" && strings.Contains(strings.TrimSpace(text), "\n"))
	}
	if err := finish(a, opt); err != nil {
		return nil, &InputError{Input: input, Reason: ReasonNoArticle, Err: err}
	}
	return a, nil
}

// outletByName returns the catalog's outlet of a name, or of a domain
// ("reuters.com", as source_domain gives it), or else an outlet of that
// name.
func outletByName(opt Options, name string) parallax.Outlet {
	if o, ok := opt.Catalog.ByName(name); ok {
		return o
	}
	if strings.Contains(name, ".") && !strings.ContainsAny(name, " \t") {
		if o, ok := opt.Catalog.ByHost(name); ok {
			return o
		}
	}
	return parallax.Outlet{Name: strings.TrimSpace(name)}
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
