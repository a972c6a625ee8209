package ingest

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/outlet"
)

// ReadText reads one plain-text article such as those the seeds hold: an
// optional " date YYYY-MM-DD" before the title on the first line, then
// any of a display-date line, a byline, caption lines repeated by the
// page, a dateline opening the first paragraph, embedded social posts and
// a closing credit line. name is the input's name (for the Input field and
// a date in the file name).
func ReadText(name string, data []byte, opt Options) (*parallax.Article, error) {
	opt = opt.withDefaults()
	a := &parallax.Article{Input: name, Format: FormatText}
	text := decodeText(data)
	if strings.TrimSpace(text) == "" {
		return nil, &InputError{Input: name, Reason: ReasonEmpty}
	}
	b := &textDoc{cat: opt.Catalog}
	b.parse(a, text, true)
	if a.Published.IsZero() {
		if t, ok := dateFromFileName(name); ok {
			a.Published, a.PublishedSource, a.PublishedConfidence = t, parallax.DateFileName, 0.4
		}
	}
	if err := finish(a, opt); err != nil {
		return nil, &InputError{Input: name, Reason: ReasonNoArticle, Err: err}
	}
	return a, nil
}

// textDoc turns plain text into an article's fields. It fills only the
// fields still empty, so that metadata (a JSONL title, a feed's date)
// keeps precedence over what the text suggests.
type textDoc struct {
	cat *outlet.Catalog

	mastheadOutlet parallax.Outlet
	datelineOutlet parallax.Outlet
	creditOutlet   parallax.Outlet
	agencies       []string
}

var dateHeader = regexp.MustCompile(`^date\s+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?:\s+|$)`)

// parse fills a from text. With header set, the first lines may hold the
// title, a date and a byline (plain-text files); otherwise text is a body.
func (b *textDoc) parse(a *parallax.Article, text string, header bool) {
	lines := splitLines(extract.Clean(text))
	var body []string
	if header {
		body = b.header(a, lines)
	} else {
		body = lines
	}
	body = dedupe(body, a.Title)
	body = b.body(a, body)
	if a.Title == "" {
		a.Title = leadTitle(body)
	}
	a.Text = strings.Join(body, "\n\n")
	b.setOutlet(a)
}

func splitLines(text string) []string {
	out := make([]string, 0, strings.Count(text, "\n")+1)
	for l := range strings.Lines(text) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// headerLines bounds how far the header (title, date, byline, captions)
// can reach before the first paragraph of prose.
const headerLines = 12

func (b *textDoc) header(a *parallax.Article, lines []string) []string {
	if len(lines) > 0 {
		if m := dateHeader.FindStringSubmatch(lines[0]); m != nil {
			if t, ok := ParseTime(strings.TrimSpace(m[0][len("date"):])); ok && a.Published.IsZero() {
				a.Published, a.PublishedSource, a.PublishedConfidence = t, parallax.DateMetadata, 0.9
			}
			lines[0] = strings.TrimSpace(lines[0][len(m[0]):])
			if lines[0] == "" {
				lines = lines[1:]
			}
		}
	}
	var body []string
	var updated time.Time
	defer func() {
		if a.Published.IsZero() && !updated.IsZero() {
			a.Published, a.PublishedSource, a.PublishedConfidence = updated, parallax.DateLine, 0.6
		}
	}()
	i := 0
	for ; i < len(lines) && i < headerLines; i++ {
		l := lines[i]
		if t, ok := headerDate(l); ok {
			lower := strings.ToLower(l)
			if strings.HasPrefix(lower, "updated") || strings.HasPrefix(lower, "last updated") {
				if updated.IsZero() {
					updated = t // an update time stands in only for a missing publication time
				}
			} else if a.Published.IsZero() {
				a.Published, a.PublishedSource, a.PublishedConfidence = t, parallax.DateLine, 0.8
			}
			continue
		}
		if by, ok := parseByline(l); ok {
			if a.Byline == "" {
				a.Byline = by
			}
			continue
		}
		// Length first: folding a paragraph for the lookup costs more than
		// the rest of the header.
		if len(l) < 60 && b.mastheadOutlet.Name == "" {
			if o, ok := b.cat.ByName(l); ok {
				// A line that only names the outlet, under or over the title.
				o.Source = "byline"
				o.Reason = "a header line names the outlet"
				b.mastheadOutlet = o
				continue
			}
		}
		if isProse(l) {
			break
		}
		if a.Title == "" && titleLike(l) {
			a.Title = l
			continue
		}
		body = append(body, l) // a caption, subtitle or kicker
	}
	return append(body, lines[i:]...)
}

// headerDate recognizes a line that is only a date: a display date
// ("Saturday, September 21, 2024") or a machine one ("2024-09-21T10:00Z",
// "Sat, 21 Sep 2024 10:00:00 GMT"), never a bare number.
func headerDate(l string) (time.Time, bool) {
	if t, ok := parseDisplayDate(l); ok {
		return t, true
	}
	if len(l) > 40 || !mayBeLayoutTime(l) {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, l); err == nil && t.Year() >= 1900 {
			return t, true
		}
	}
	return time.Time{}, false
}

// mayBeLayoutTime reports whether s can parse with one of timeLayouts:
// all but RFC 850 hold a four-digit year, and that one a time with
// colons. Most short header lines fail at once instead of failing every
// layout, each failure allocating an error.
func mayBeLayoutTime(s string) bool {
	if strings.IndexByte(s, ':') >= 0 {
		return true
	}
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			run = 0
		} else if run++; run == 4 {
			return true
		}
	}
	return false
}

var bylineRe = regexp.MustCompile(`^(?i:by)\s+([\p{Lu}@][^\n]{1,100})$`)

// parseByline recognizes a byline line ("By Al Mayadeen English").
func parseByline(l string) (string, bool) {
	m := bylineRe.FindStringSubmatch(l)
	if m == nil {
		return "", false
	}
	by := strings.TrimSpace(m[1])
	if n := len(strings.Fields(by)); n > 10 || strings.HasSuffix(by, ".") && n > 4 {
		return "", false
	}
	return by, true
}

// isProse reports whether a line reads as running text rather than a
// title, caption or label: a sentence of some length, or a long line.
func isProse(l string) bool {
	if len(l) > 300 {
		return true
	}
	return endsSentence(l) && hasFields(l, 8)
}

// hasFields reports whether s has at least n fields in the sense of
// strings.Fields, without listing them: paragraphs are long.
func hasFields(s string, n int) bool {
	inField := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inField = false
		} else if !inField {
			inField = true
			if n--; n <= 0 {
				return true
			}
		}
	}
	return false
}

func endsSentence(l string) bool {
	l = strings.TrimRight(l, `"'”’»)]`)
	r, _ := utf8.DecodeLastRuneInString(l)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ':'
}

// titleLike reports whether a line can be a headline: short, starting
// with a capital, digit or quote, not ending like a sentence.
func titleLike(l string) bool {
	if !hasFields(l, 1) || hasFields(l, 41) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"'“‘«`, r) && unicode.IsLetter(r) {
		return false
	}
	l = strings.TrimRight(l, `"'”’»)]`)
	last, _ := utf8.DecodeLastRuneInString(l)
	return last != '.' && last != ','
}

// dedupe drops lines that repeat an earlier line or the title: pages
// repeat titles and captions (image alt text, then the caption).
func dedupe(lines []string, title string) []string {
	// keys holds the title's key, if any, then each line's.
	keys := make([]string, 0, len(lines)+1)
	if title != "" {
		keys = append(keys, dedupeKey(title))
	}
	off := len(keys)
	for _, l := range lines {
		keys = append(keys, dedupeKey(l))
	}
	// An article has a few dozen lines: comparing keys beats hashing
	// them, and a map takes over for the odd input of thousands.
	var seen map[string]bool
	if len(keys) > 64 {
		seen = make(map[string]bool, len(keys))
		for _, k := range keys[:off] {
			seen[k] = true
		}
	}
	out := lines[:0]
	for i, l := range lines {
		k := keys[off+i]
		var dup bool
		if seen != nil {
			dup = k != "" && seen[k]
			seen[k] = true
		} else {
			dup = k != "" && slices.Contains(keys[:off+i], k)
		}
		if !dup {
			out = append(out, l)
		}
	}
	return out
}

var copyrightRe = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([^.|]{2,60}?)\s*(?:[.|,].*)?$`)

// copyright takes the outlet from a copyright line ("© 2024 Al Mayadeen
// English. All rights reserved.") when the catalog knows the holder.
func (b *textDoc) copyright(l string) {
	m := copyrightRe.FindStringSubmatch(l)
	if m == nil || b.creditOutlet.Name != "" {
		return
	}
	if o, ok := b.cat.ByName(m[1]); ok {
		o.Source = "credit"
		o.Reason = "copyright line " + l
		b.creditOutlet = o
	}
}

// dedupeKey folds case and punctuation of short lines (titles and
// captions come back with other casing or a final period); long
// paragraphs repeat verbatim when they repeat at all.
func dedupeKey(l string) string {
	if len(l) > 200 {
		return l
	}
	return parallax.NormalizeForID(l)
}

// body strips the dateline, embedded posts, credit lines and boilerplate
// from the paragraphs of a body.
func (b *textDoc) body(a *parallax.Article, paras []string) []string {
	// A post's signature rendered as its own paragraph belongs to the
	// paragraph before (the post's text).
	for i := 1; i < len(paras); i++ {
		if strings.Contains(paras[i], "(@") && postSignature.MatchString(paras[i]) {
			paras[i] = paras[i-1] + " " + paras[i]
			paras = append(paras[:i-1], paras[i:]...)
			i--
		}
	}
	out := make([]string, 0, len(paras))
	lead := true // the dateline opens the first paragraph of prose
	for _, p := range paras {
		if lead && (isProse(p) || len(out) == 0) {
			p = b.dateline(a, p)
			lead = !isProse(p)
		}
		p = b.posts(a, p)
		if p == "" {
			continue
		}
		if isBoilerplate(p) {
			b.copyright(p)
			continue
		}
		out = append(out, p)
	}
	out = dropInterjections(out)
	// Credit lines close the article; look at the last two paragraphs.
	for k := 0; k < 2 && len(out) > 1; k++ {
		if !b.credit(out[len(out)-1]) {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

// dropInterjections removes headline-like lines standing between two
// paragraphs of prose: links to related stories ("CENTCOM says shot down
// Yemeni anti-ship missile heading to Red Sea") and subheadings. They are
// page furniture, and extractors would read them as statements.
func dropInterjections(paras []string) []string {
	if len(paras) < 3 {
		return paras
	}
	out := paras[:1]
	for i := 1; i < len(paras)-1; i++ {
		p := paras[i]
		n := strings.Count(p, " ") + 1 // cleaned text: single spaces
		if n >= 3 && n <= 20 && !endsSentence(p) && !strings.HasSuffix(p, ",") &&
			isProse(paras[i-1]) && isProse(paras[i+1]) {
			continue
		}
		out = append(out, p)
	}
	return append(out, paras[len(paras)-1])
}

var (
	// "Shafaq News/ On Saturday, …", "IRNA/ …"
	slashDateline = regexp.MustCompile(`^([\p{Lu}][\p{L}\p{N}.'’&-]*(?: [\p{Lu}\d][\p{L}\p{N}.'’&-]*){0,4}) ?/ +`)
	// "UNITED NATIONS, February 3. /TASS/. …"
	tassDateline = regexp.MustCompile(`^(\p{Lu}[\p{Lu} .'-]{1,40}),\s*(?:\p{L}+\.?\s+\d{1,2}|\d{1,2}\s+\p{L}+)\.?\s*/([^/\n]{1,30})/\.?\s+`)
	// "( Baghdad – …", "BAGHDAD, Feb 3 (Reuters) - …", "MOSCOW — …"
	placeDateline = regexp.MustCompile(`^(\(\s*)?([\p{Lu}][\p{L}'’.]+(?:[ -][\p{Lu}][\p{L}'’.]+){0,3})(?:\s*,\s*([\p{L}\p{N} .,]{1,30}?))?\s*(?:\(([^()]{1,40})\)\s*)?(?:[–—]|--?)\s+`)
)

// dateline strips a dateline from the start of the first paragraph and
// records the place, outlet or agency it names.
func (b *textDoc) dateline(a *parallax.Article, p string) string {
	if m := slashDateline.FindStringSubmatchIndex(p); m != nil {
		name := p[m[2]:m[3]]
		rest := strings.TrimSpace(p[m[1]:])
		if rest == "" {
			return p
		}
		if ag, ok := b.cat.Agency(name); ok {
			b.agencies = append(b.agencies, ag)
		} else if o, ok := b.cat.ByName(name); ok {
			o.Source = "dateline"
			b.datelineOutlet = o
		} else if looksLikePlace(name) {
			a.Dateline = name
		} else {
			b.datelineOutlet = parallax.Outlet{Name: name, Source: "dateline", Reason: "named in the dateline; not in the outlet catalog"}
		}
		return upperFirst(rest)
	}
	if m := tassDateline.FindStringSubmatch(p); m != nil && len(m[0]) < len(p) {
		a.Dateline = titleCase(m[1])
		b.creditSource(m[2])
		return upperFirst(strings.TrimSpace(p[len(m[0]):]))
	}
	if !mayOpenWithPlace(p) {
		return p
	}
	m := placeDateline.FindStringSubmatchIndex(p)
	if m == nil {
		return p
	}
	paren := m[2] >= 0
	place := p[m[4]:m[5]]
	date, src := "", ""
	if m[6] >= 0 {
		date = p[m[6]:m[7]]
	}
	if m[8] >= 0 {
		src = strings.TrimSpace(p[m[8]:m[9]])
	}
	allCaps := place == strings.ToUpper(place) && utf8.RuneCountInString(place) >= 3
	if !paren && src == "" && !allCaps && !(date != "" && hasMonth(date)) {
		return p
	}
	if date != "" && !hasMonth(date) && !allCaps {
		return p
	}
	rest := strings.TrimSpace(p[m[1]:])
	if rest == "" {
		return p
	}
	if allCaps && kickers[place] {
		return rest // "BREAKING — …": a label, not a place
	}
	if allCaps {
		place = titleCase(place)
	}
	a.Dateline = place
	b.creditSource(src)
	return rest
}

// mayOpenWithPlace reports whether placeDateline can match p: only
// letters, numbers, spaces, apostrophes, dots, commas, hyphens and one
// parenthesized source of up to 40 runes can stand before the dash and
// space that end a dateline. It is false for most first paragraphs at the
// first quote or colon, whereas the regular expression tried every way to
// read their first words as a place and a date, costing a tenth of the
// time to read a text.
func mayOpenWithPlace(p string) bool {
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == '-' || r == '–' || r == '—':
			if next, _ := utf8.DecodeRuneInString(p[i+size:]); isRegexpSpace(next) {
				return true
			}
		case r == '(' && i > 0:
			end := strings.IndexAny(p[i+size:], "()")
			if end < 0 || p[i+size+end] != ')' || utf8.RuneCountInString(p[i+size:i+size+end]) > 40 {
				return false
			}
			size += end + 1
		case r == '(' || unicode.IsLetter(r) || unicode.IsNumber(r) || isRegexpSpace(r) ||
			r == '\'' || r == '’' || r == '.' || r == ',':
		default:
			return false
		}
		i += size
	}
	return false
}

// isRegexpSpace reports whether r is what \s matches in a regular
// expression.
func isRegexpSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// creditSource records the agencies and outlet named in a dateline's
// source ("Reuters" in "BAGHDAD (Reuters) -").
func (b *textDoc) creditSource(src string) {
	for _, part := range splitCredits(src) {
		if ag, ok := b.cat.Agency(part); ok {
			b.agencies = append(b.agencies, ag)
		} else if o, ok := b.cat.ByName(part); ok && b.datelineOutlet.Name == "" {
			o.Source = "dateline"
			b.datelineOutlet = o
		}
	}
}

// kickers are capitalized labels that open a paragraph the way a
// dateline does.
var kickers = map[string]bool{
	"BREAKING": true, "UPDATE": true, "UPDATED": true, "EXCLUSIVE": true, "WATCH": true, "ANALYSIS": true,
	"OPINION": true, "LIVE": true, "EDITORIAL": true, "FACTBOX": true, "EXPLAINER": true, "PHOTOS": true,
	"VIDEO": true, "URGENT": true, "FLASH": true, "ALERT": true, "NEW": true, "CORRECTION": true,
}

func hasMonth(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if _, ok := months[strings.ToLower(w)]; ok {
			return true
		}
	}
	return false
}

// looksLikePlace is a weak guess used only to tell "Baghdad/ …" from an
// unknown outlet in a slash dateline: one word, no "News"-like word.
func looksLikePlace(s string) bool {
	return !strings.Contains(s, " ")
}

func titleCase(s string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(r)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == ' ' || r == '-'
	}
	return b.String()
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

// embeddedPost matches the signature an embedded tweet leaves in page
// text: "… pic.twitter.com/xyz — Name (@handle) February 3, 2024".
var embeddedPost = regexp.MustCompile(`(?:\s*((?:https?://)?pic\.twitter\.com/\w+|https?://t\.co/\w+))?\s*[—–-]{1,2}\s*([^()\n—–]{1,80}?)\s*\(@(\w{1,15})\)\s+(` + postDateRe + `)(?:\s+(https?://\S+))?`)

var postSignature = regexp.MustCompile(`^[—–-]{1,2}\s*[^()\n—–]{1,80}?\s*\(@\w{1,15}\)\s+` + postDateRe)

// postDateRe is the date an embedded post's signature ends with, in US
// ("February 3, 2024") or day-first ("3 February 2024") order.
const postDateRe = `(?:` + monthRe + `\s+\d{1,2},\s+\d{4}|\d{1,2}\s+` + monthRe + `\s+\d{4})`

// posts moves embedded social posts out of a paragraph into a.Posts and
// returns the prose left.
func (b *textDoc) posts(a *parallax.Article, p string) string {
	for strings.Contains(p, "(@") {
		m := embeddedPost.FindStringSubmatchIndex(p)
		if m == nil {
			return p
		}
		post := parallax.EmbeddedPost{
			Text:     strings.TrimSpace(p[:m[0]]),
			Author:   strings.TrimSpace(p[m[4]:m[5]]),
			Handle:   "@" + p[m[6]:m[7]],
			Platform: "X",
		}
		if t, ok := parseDisplayDate(p[m[8]:m[9]]); ok {
			post.Date = t
		}
		switch {
		case m[10] >= 0:
			post.URL = p[m[10]:m[11]]
		case m[2] >= 0:
			post.URL = p[m[2]:m[3]]
			if !strings.HasPrefix(post.URL, "http") {
				post.URL = "https://" + post.URL
			}
		}
		if post.Text == "" {
			return p // a signature without a post: leave the prose alone
		}
		a.Posts = append(a.Posts, post)
		p = strings.TrimSpace(p[m[1]:])
	}
	return p
}

var (
	creditParen  = regexp.MustCompile(`^\(\s*([^()]{1,80}?)\s*\)\.?$`)
	creditLabel  = regexp.MustCompile(`(?i)^(?:source|sources|credit|with inputs from|inputs from|with agencies|agencies)\s*:?\s*(.*)$`)
	creditDash   = regexp.MustCompile(`^[—–-]{1,2}\s*([^—–-]{1,60})$`)
	reportingBy  = regexp.MustCompile(`(?i)^\(?\s*(?:reporting|writing|editing|additional reporting|compiled) by\b`)
	creditSplits = regexp.MustCompile(`\s*(?:,|/|&|;|\+|\band\b|\bwith\b)\s*`)
)

// credit recognizes a closing credit line ("(PC, Anadolu)", "Source:
// Reuters", "— AFP") and records the agencies and outlet it names.
func (b *textDoc) credit(l string) bool {
	if reportingBy.MatchString(l) && len(l) < 300 {
		return true
	}
	var inner string
	switch {
	case creditParen.MatchString(l):
		inner = creditParen.FindStringSubmatch(l)[1]
	case creditLabel.MatchString(l) && len(l) < 100:
		inner = creditLabel.FindStringSubmatch(l)[1]
		if inner == "" {
			return true // "With agencies"
		}
	case creditDash.MatchString(l):
		inner = creditDash.FindStringSubmatch(l)[1]
	default:
		return false
	}
	parts := splitCredits(inner)
	known := 0
	var agencies []string
	var hint parallax.Outlet
	for _, part := range parts {
		if ag, ok := b.cat.Agency(part); ok {
			agencies = append(agencies, ag)
			known++
		} else if o, ok := b.cat.ByCredit(part); ok {
			if hint.Name == "" {
				hint = o
				hint.Reason = "credit line " + strings.TrimSpace(l)
			}
			known++
		} else if strings.EqualFold(part, "agencies") || strings.EqualFold(part, "wires") {
			known++
		}
	}
	if known == 0 || known < len(parts) && !creditParen.MatchString(l) {
		return false
	}
	b.agencies = append(b.agencies, agencies...)
	if b.creditOutlet.Name == "" {
		b.creditOutlet = hint
	}
	return true
}

func splitCredits(s string) []string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"with inputs from ", "With inputs from ", "inputs from ", "Inputs from "} {
		s = strings.TrimPrefix(s, p)
	}
	var out []string
	for _, p := range creditSplits.Split(s, -1) {
		if p = strings.Trim(p, " ."); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var boilerplate = regexp.MustCompile(`(?i)^(?:read (?:more|also|next)|also read|related(?: articles?| news| stories| topics)?|see also|more on this( story)?|you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|editor'?s picks?|advertisement|sponsored(?: content)?|story continues below.*|continue reading.*|scroll to continue.*|(?:estimated )?reading time:?.*|\d+ min(?:ute)?s? read|share (?:this|on|via)\b.*|share|tweet|print|email|copy link|(?:share|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|print|copy link)(?:[ ,|/]+(?:share|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|print|copy link))+|follow (?:us|\S+(?: \S+){0,3} on)\b.*|join (?:us|our \S+ channel)\b.*|subscribe\b.*|sign up\b.*|click here\b.*|download (?:our|the) app\b.*|all rights reserved\.?|©.*|copyright\b.*|tags?:.*|topics?:.*|(?:leave a |\d+ )?comments?|comment on this (?:story|article))(?:\s*[:|].*)?$`)

// isBoilerplate reports whether a paragraph is page furniture rather than
// the article.
func isBoilerplate(p string) bool {
	return len(p) < 160 && boilerplate.MatchString(p)
}

// leadTitle is the title of an article that has no title line: its first
// sentence, cut at a word boundary when long.
func leadTitle(body []string) string {
	if len(body) == 0 {
		return ""
	}
	first := body[0]
	_, sents := extract.Segment(first)
	if len(sents) > 0 {
		first = sents[0].Of(first)
	}
	first = strings.TrimSuffix(first, ".")
	const maxTitle = 200
	if len(first) > maxTitle {
		cut := strings.LastIndexByte(first[:maxTitle], ' ')
		if cut < maxTitle/2 {
			cut = maxTitle
			for cut > 0 && !utf8.RuneStart(first[cut]) {
				cut--
			}
		}
		first = strings.TrimSpace(first[:cut]) + "…"
	}
	return first
}

var bylineSplit = regexp.MustCompile(`\s*(?:,|\||/| - | – | — |\bfor\b|\bat\b|\band\b)\s*`)

var staffSuffix = regexp.MustCompile(`(?i)\s+(?:(?:website |web |online |news )?staff(?: writers?| reporters?)?|correspondents?|(?:news ?)?desk|newsroom|editorial(?: team| board)?|editors|team|reporters?|online|web team|digital)$`)

// staffWords are the words staffSuffix can end with.
var staffWords = map[string]bool{
	"staff": true, "writer": true, "writers": true, "reporter": true, "reporters": true, "correspondent": true,
	"correspondents": true, "desk": true, "newsdesk": true, "newsroom": true, "editorial": true, "team": true,
	"board": true, "editors": true, "online": true, "digital": true,
}

// stripStaff removes staffSuffix from s. It runs the expression only when
// the last word can end it: tried at every space of a byline, the
// expression cost more than the rest of the byline's reading.
func stripStaff(s string) string {
	i := strings.LastIndexAny(s, " \t\n\f\r")
	if i < 0 {
		return s
	}
	last := s[i+1:]
	var buf [16]byte
	if len(last) > len(buf) {
		return s
	}
	lower := buf[:len(last)]
	for k := 0; k < len(last); k++ {
		c := last[k]
		if c >= utf8.RuneSelf {
			return staffSuffix.ReplaceAllString(s, "") // (?i) folds some non-ASCII letters to ASCII ones
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[k] = c
	}
	if !staffWords[string(lower)] {
		return s
	}
	return staffSuffix.ReplaceAllString(s, "")
}

// splitByline splits a byline at bylineSplit, running the expression only
// when one of its separators occurs.
func splitByline(by string) []string {
	if !strings.ContainsAny(by, ",|/-–—") && !strings.Contains(by, "for") && !strings.Contains(by, "at") && !strings.Contains(by, "and") {
		return []string{by}
	}
	return bylineSplit.Split(by, -1)
}

// outletFromByline finds the outlet a byline names ("Al Mayadeen English",
// "Palestine Chronicle Staff", "John Smith, Reuters").
func (b *textDoc) outletFromByline(by string) parallax.Outlet {
	cands := []string{by}
	stripped := stripStaff(by)
	if stripped != by {
		cands = append(cands, stripped)
	}
	for _, part := range splitByline(by) {
		cands = append(cands, part, stripStaff(part))
	}
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if ag, ok := b.cat.Agency(c); ok {
			b.agencies = append(b.agencies, ag)
			continue
		}
		if o, ok := b.cat.ByName(c); ok {
			o.Source = "byline"
			return o
		}
	}
	if stripped != by && stripped != "" {
		return parallax.Outlet{Name: stripped, Source: "byline", Reason: "the byline names its staff; not in the outlet catalog"}
	}
	return parallax.Outlet{}
}

// setOutlet picks the outlet from what the text showed, unless metadata
// already named one: the byline first, then the dateline, then the
// credit line.
func (b *textDoc) setOutlet(a *parallax.Article) {
	var fromByline parallax.Outlet
	if a.Byline != "" {
		fromByline = b.outletFromByline(a.Byline)
	}
	if !a.Outlet.Known() {
		for _, o := range []parallax.Outlet{fromByline, b.mastheadOutlet, b.datelineOutlet, b.creditOutlet} {
			if o.Known() {
				a.Outlet = o
				break
			}
		}
	}
	a.Agencies = append(a.Agencies, b.agencies...)
}

// decodeText returns data as UTF-8: byte-order marks removed, UTF-16
// decoded, and text that is not UTF-8 at all read as Windows-1252 (the
// usual legacy encoding of news text); stray invalid bytes in otherwise
// UTF-8 text become U+FFFD.
func decodeText(data []byte) string {
	if s, ok := decodeUTF16(data); ok {
		return s
	}
	s := strings.TrimPrefix(string(data), "\ufeff")
	if utf8.ValidString(s) {
		return s
	}
	if !hasUTF8Multibyte(data) {
		return decodeWindows1252(data)
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func hasUTF8Multibyte(data []byte) bool {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || size > 1 {
			return true
		}
		i += size
	}
	return false
}
