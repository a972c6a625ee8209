package cluster

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/parallax-news/parallax"
)

// Feature kinds, also the prefixes of feature keys.
const (
	kindTerm   = 't'
	kindEntity = 'e'
	kindFigure = 'f'
)

// analysis is what the clusterer reads from one article, before document
// frequencies turn counts into weights.
type analysis struct {
	// feats holds weighted counts by feature id, sorted by id. Feature
	// keys are "t:strike", "e:deir ez-zor", "f:62 soldier".
	feats []fc
	terms int // distinct content terms
	words int // words in the text, stopwords included
	when  when
	sig   *signature
	norm  string // normalized text, kept only for short texts
}

// fc is a feature's weighted count in one article.
type fc struct {
	id uint32
	n  float64
}

// word is one token of the text with its position.
type word struct {
	text     string // as written
	lower    string
	start    int // byte offset
	capital  bool
	sentInit bool // first word of a sentence or line
	number   bool
}

// tokenize splits s into words: runs of letters and digits, with inner
// apostrophes, periods and commas of numbers kept. Hyphens split words so
// that "ez-Zor" and "ez Zor" agree.
func tokenize(s string, out []word) []word {
	sentInit := true
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			switch r {
			case '.', '!', '?', '\n', ':', ';':
				sentInit = true
			}
			i += n
			continue
		}
		start := i
		digits := unicode.IsDigit(r)
		allDigits := true
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if !unicode.IsDigit(r) {
					allDigits = false
				}
				i += n
				continue
			}
			// Inner punctuation: 1,000 and 2.5 in numbers, don't in words.
			if i+n < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+n:])
				if digits && (r == ',' || r == '.') && unicode.IsDigit(next) {
					i += n
					continue
				}
				if !digits && (r == '\'' || r == '’') && unicode.IsLetter(next) {
					i += n
					continue
				}
			}
			break
		}
		t := s[start:i]
		lower := strings.ToLower(t)
		// Possessives and contractions: keep the stem word.
		if k := strings.LastIndexAny(lower, "'’"); k > 0 {
			rest := lower[k:]
			if strings.HasSuffix(rest, "s") && utf8.RuneCountInString(rest) == 2 {
				lower = lower[:k]
				t = t[:k]
			}
		}
		first, _ := utf8.DecodeRuneInString(t)
		out = append(out, word{text: t, lower: lower, start: start, capital: unicode.IsUpper(first), sentInit: sentInit, number: allDigits && digits})
		sentInit = false
	}
	return out
}

// stemCacheMax bounds the word-form cache: news reuses a small
// vocabulary, and the stemmer dominates the cost of an Add without it.
const stemCacheMax = 1 << 18

// add counts weight for feature id into the article being analyzed.
func (c *Clusterer) add(id uint32, weight float64) {
	if c.acc[id] == 0 {
		c.touched = append(c.touched, id)
	}
	c.acc[id] += weight
}

// key interns a feature key, remembering label as its readable form.
func (c *Clusterer) key(k, label string) uint32 {
	id := c.intern(k)
	if c.labels[id] == "" {
		c.labels[id] = strings.Clone(label)
	}
	return id
}

// termID returns the feature id of a lower-case word, or false for
// stopwords; it caches the stemming and interning per word form.
func (c *Clusterer) termID(lower string) (uint32, bool) {
	if id, ok := c.termOf[lower]; ok {
		return id, id != noTerm
	}
	if len(c.termOf) >= stemCacheMax {
		clear(c.termOf)
	}
	id := noTerm
	if len(lower) >= 2 && !stopwords[lower] {
		if st := english.Stem(lower, false); st != "" {
			id = c.key("t:"+st, lower)
		}
	}
	c.termOf[strings.Clone(lower)] = id
	return id, id != noTerm
}

const noTerm = ^uint32(0)

// analyze reads the evidence of one article.
func (c *Clusterer) analyze(a *parallax.Article) *analysis {
	cfg := &c.cfg
	an := &analysis{}
	c.words = c.words[:0]
	c.touched = c.touched[:0]
	title := strings.TrimSpace(a.Title)
	text := a.Text
	// A title repeated as the first line of the text is counted once, as
	// title.
	if title != "" {
		trimmed := strings.TrimLeft(text, " \t\r\n")
		if strings.HasPrefix(trimmed, title) {
			text = trimmed[len(title):]
		}
	}
	c.title = tokenize(title, c.title[:0])
	tw := c.title
	c.words = tokenize(text, c.words)
	an.words = len(tw) + len(c.words)

	addTerm := func(w word, weight float64) {
		if w.number {
			return
		}
		if id, ok := c.termID(w.lower); ok {
			c.add(id, weight)
		}
	}
	for _, w := range tw {
		addTerm(w, cfg.TitleWeight)
	}
	for i, w := range c.words {
		weight := 1.0
		if i < cfg.LeadWords {
			weight = cfg.LeadWeight
		}
		addTerm(w, weight)
	}
	an.terms = len(c.touched)

	// Entities: the extractor's when there is an extraction, else
	// capitalized phrases.
	if a.Extraction != nil && len(a.Extraction.Entities) > 0 {
		for _, e := range a.Extraction.Entities {
			key := e.ID
			name := e.Name
			if name == "" {
				name = e.Text
			}
			if key == "" {
				key = strings.ToLower(strings.Join(strings.Fields(name), " "))
			}
			if key == "" {
				continue
			}
			c.add(c.key("e:"+key, name), 1)
		}
	} else {
		c.phrases(tw, true)
		c.phrases(c.words, false)
	}

	// Figures.
	if a.Extraction != nil && len(a.Extraction.Quantities) > 0 {
		for _, q := range a.Extraction.Quantities {
			what := q.Role
			if what == "" {
				what = q.Unit
			}
			if what == "" || q.Value == 0 {
				continue
			}
			k := "f:" + strconv.FormatFloat(q.Value, 'f', -1, 64) + " " + english.Stem(strings.ToLower(what), false)
			c.add(c.key(k, q.Text), 1)
		}
	} else {
		c.figures(tw)
		c.figures(c.words)
	}

	slices.Sort(c.touched)
	an.feats = make([]fc, len(c.touched))
	for i, id := range c.touched {
		an.feats[i] = fc{id, c.acc[id]}
		c.acc[id] = 0
	}
	an.when = c.dates(a, c.clock)
	if sig, ok := minhash(tw, c.words); ok && an.words >= c.cfg.CopyMinWords {
		an.sig = &sig
	}
	if an.words < cfg.CopyMinWords {
		an.norm = parallax.NormalizeForID(title + " " + text)
	}
	return an
}

// phrases adds capitalized phrases as entity stand-ins. A title in title
// case capitalizes every word, so a title contributes only when most of
// its words are lower-case.
func (c *Clusterer) phrases(ws []word, isTitle bool) {
	if isTitle {
		caps := 0
		for _, w := range ws {
			if w.capital {
				caps++
			}
		}
		if caps*2 > len(ws) {
			return
		}
	}
	// Lines in title case (headlines inside the text) are skipped the
	// same way: count capitals per run of words between line starts is
	// costly, so a phrase longer than five words is taken for one.
	i := 0
	for i < len(ws) {
		w := ws[i]
		if !w.capital || w.number {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) {
			n := ws[j]
			if n.sentInit {
				break
			}
			if n.capital && !n.number {
				j++
				continue
			}
			// Connectors inside names: "Bank of England", "al-Assad",
			// "Deir ez-Zor".
			if connectors[n.lower] && j+1 < len(ws) && ws[j+1].capital && !ws[j+1].sentInit {
				j += 2
				continue
			}
			break
		}
		phrase := ws[i:j]
		i = j
		// Drop leading stopwords ("The", "In") and titles.
		for len(phrase) > 0 && (stopwords[phrase[0].lower] || honorifics[phrase[0].lower]) {
			phrase = phrase[1:]
		}
		if len(phrase) == 0 || len(phrase) > 5 {
			continue
		}
		if len(phrase) == 1 && (phrase[0].sentInit || len(phrase[0].lower) < 3 || commonCapitals[phrase[0].lower]) {
			continue
		}
		parts := make([]string, len(phrase))
		for k, p := range phrase {
			parts[k] = p.lower
		}
		key := "e:" + strings.Join(parts, " ")
		var b strings.Builder
		for k, p := range phrase {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p.text)
		}
		c.add(c.key(key, b.String()), 1)
		// The last word of a multi-word name also matches a later bare
		// mention ("Lindsay Lohan" … "Lohan").
		if len(phrase) > 1 {
			last := phrase[len(phrase)-1]
			if !stopwords[last.lower] && len(last.lower) > 2 {
				c.add(c.key("e:"+last.lower, last.text), 0.5)
			}
		}
	}
}

// figures adds numbers with the word they count ("62 soldiers") as
// figure features. Years and clock times are left to the date scanner.
func (c *Clusterer) figures(ws []word) {
	for i, w := range ws {
		if !w.number || i+1 >= len(ws) {
			continue
		}
		v := strings.ReplaceAll(w.lower, ",", "")
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f == 0 {
			continue
		}
		if len(v) == 4 && f >= 1800 && f <= 2100 {
			continue
		}
		next := ws[i+1]
		if next.number || stopwords[next.lower] || months[next.lower] != 0 || len(next.lower) < 2 {
			continue
		}
		unit := next.lower
		if id, ok := c.termID(next.lower); ok {
			unit = c.keys[id][2:]
		}
		k := "f:" + strconv.FormatFloat(f, 'f', -1, 64) + " " + unit
		c.add(c.key(k, w.text+" "+next.text), 1)
	}
}

var connectors = setOf("of", "al", "el", "ez", "bin", "ibn", "de", "del", "la", "von", "van", "der", "da", "di", "du", "le", "abu")

var honorifics = setOf("mr", "mrs", "ms", "dr", "sir", "gen", "president", "minister", "prime", "secretary", "sen", "rep", "gov", "lt", "col", "capt", "prof", "st")

// commonCapitals are words often capitalized for reasons other than
// naming something (weekdays, months, titles of people).
var commonCapitals = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "breaking", "update", "updated", "news", "photo", "video", "read", "more",
	"published", "posted", "reuters", "ap", "afp", "copyright", "share", "advertisement", "related",
	"however", "meanwhile", "also", "but", "and", "according", "after", "before", "while", "when",
	"police", "officials", "authorities", "several", "some", "many", "two", "three", "four", "five")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stopwords are function words and the reporting verbs every article
// uses; IDF would discount them anyway, but removing them keeps vectors
// and explanations short.
var stopwords = setOf(
	"a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
	"be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
	"did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
	"have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
	"in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor",
	"not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
	"over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
	"theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
	"too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
	"while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
	"yourselves", "also", "said", "says", "say", "told", "according", "would", "may", "might", "must",
	"shall", "one", "new", "like", "get", "got", "us", "yet", "since", "via", "per", "mr", "mrs", "ms",
	"don", "didn", "doesn", "isn", "wasn", "weren", "won", "can't", "let", "ll", "ve", "re", "s", "t",
	"http", "https", "www", "com", "html", "htm", "php", "asp", "aspx", "index", "article", "story",
)
