package outlet

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a run of letters, digits, apostrophes, dots or hyphens inside a
// word, with its byte offsets.
type word struct {
	start, end int
}

// asciiFold is fold for one short ASCII word, without allocating: it
// appends the lower-cased letters and digits to buf.
func asciiFold(w string, buf []byte) ([]byte, bool) {
	if len(buf)+len(w) > cap(buf) {
		return buf, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			buf = append(buf, c)
		case c == '\'' || c == '.':
		default:
			return buf, false // hyphens and non-ASCII: the general fold
		}
	}
	return buf, true
}

// nextWord returns the first word that starts at or after byte i of text,
// or false when there is none. Words are found one at a time, on demand,
// because the agency scan looks beyond the first letter of few of them:
// listing every word of an article first cost more than the whole scan.
func nextWord(text string, i int) (word, bool) {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	if i >= len(text) {
		return word{}, false
	}
	start := i
	for i < len(text) {
		c := text[i]
		r, size := rune(c), 1
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				i++
				continue
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
		}
		if r == '\'' || r == '’' || r == '-' || r == '.' {
			// Keep joiners inside words ("Ma'an", "ITAR-TASS", "Lenta.ru")
			// when a letter follows.
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(next) {
				i += size
				continue
			}
		}
		break
	}
	return word{start, i}, true
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// nextCandidate returns the first word at or after byte pos (which is 0
// or the end of a word) that may start an agency name. It looks at the
// bytes that can begin one (capitals and "d") and checks the word
// boundary only there, so that the many lower-case words of a text are
// passed over at the cost of a table lookup per byte.
func nextCandidate(text string, pos int) (word, bool) {
	for i := pos; i < len(text); {
		c := text[i]
		size := 1
		switch {
		case c < utf8.RuneSelf && !asciiNameStart[c]:
			i++
			continue
		case c >= utf8.RuneSelf:
			var r rune
			if r, size = utf8.DecodeRuneInString(text[i:]); !unicode.IsUpper(r) {
				i += size
				continue
			}
		case c == 'd' && !strings.HasPrefix(text[i:], "dpa"):
			i++
			continue
		}
		if startsWord(text, i) {
			return nextWord(text, i)
		}
		i += size
	}
	return word{}, false
}

// asciiNameStart marks the ASCII bytes a name can start with: capitals,
// and "d" for "dpa".
var asciiNameStart = func() (t [utf8.RuneSelf]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	t['d'] = true
	return t
}()

// startsWord reports whether the letter at text[i] starts a word as
// nextWord finds them: no word rune before it, nor a joiner that follows
// one (which the letter would keep inside the word).
func startsWord(text string, i int) bool {
	if i == 0 {
		return true
	}
	p, size := utf8.DecodeLastRuneInString(text[:i])
	if isWordRune(p) {
		return false
	}
	if p == '\'' || p == '’' || p == '-' || p == '.' {
		pp, _ := utf8.DecodeLastRuneInString(text[:i-size])
		return !isWordRune(pp)
	}
	return true
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Agencies returns the canonical names of the wire agencies that text
// credits, in order of first mention, each once. Unambiguous names
// ("Reuters", "Xinhua") count anywhere; weak aliases that are also
// ordinary words or other acronyms ("AP", "PTI", "Fars") count only in a
// credit context: in parentheses, after "according to", "told", "via" or
// a dash, or before "reported", "said" or "news agency".
func (c *Catalog) Agencies(text string) []string {
	if c == nil || text == "" {
		return nil
	}
	var out []string
	var seen map[string]bool
	var key [32]byte
	// ws holds the words from a possible name's first on: as many as the
	// longest name has, and one more for continuesName.
	var wsBuf [10]word
	for pos := 0; ; {
		w0, ok := nextCandidate(text, pos)
		if !ok {
			break
		}
		pos = w0.end
		w := text[w0.start:w0.end]
		if w == "The" {
			if _, more := nextWord(text, pos); more {
				continue // names are stored without "the"; start at the next word
			}
		}
		if k, ok := asciiFold(w, key[:0]); ok {
			if !c.mayBeFirst(string(k)) || !c.first[string(k)] {
				continue
			}
		} else if k := fold(w); !c.mayBeFirst(k) || !c.first[k] {
			continue
		}
		ws := append(wsBuf[:0], w0)
		for p := w0.end; len(ws) <= c.maxWords; {
			x, ok := nextWord(text, p)
			if !ok {
				break
			}
			ws, p = append(ws, x), x.end
		}
		maxN := min(c.maxWords, len(ws))
		// Fold the n-word spans once, shortest first, into one buffer;
		// ends[n-1] marks where the n-word key stops.
		var buf [96]byte
		var ends [8]int
		kb := buf[:0]
		ascii := true
		for n := 1; n <= maxN && n <= len(ends); n++ {
			if n > 1 {
				kb = append(kb, ' ')
			}
			var ok bool
			if kb, ok = asciiFold(text[ws[n-1].start:ws[n-1].end], kb); !ok {
				ascii = false
				break
			}
			ends[n-1] = len(kb)
		}
		for n := maxN; n >= 1; n-- {
			span := text[ws[0].start:ws[n-1].end]
			var e *Entry
			var ok bool
			var k string
			if ascii && n <= len(ends) {
				e, ok = c.byName[string(kb[:ends[n-1]])]
			} else {
				k = fold(span)
				e, ok = c.byName[k]
			}
			if !ok || !e.Agency {
				continue
			}
			if k == "" {
				k = string(kb[:ends[n-1]])
			}
			if c.weak[k] {
				if isUpperAcronym(k, e) && span != strings.ToUpper(span) {
					continue
				}
				if !creditContext(text, ws[0].start, ws[n-1].end) {
					continue
				}
			} else if continuesName(text, ws, n) {
				// "Reuters Institute", "Xinhua Silk Road": another name.
				continue
			}
			if seen == nil {
				seen = make(map[string]bool)
			}
			if !seen[e.Name] {
				seen[e.Name] = true
				out = append(out, e.Name)
			}
			pos = ws[n-1].end
			break
		}
	}
	return out
}

// isUpperAcronym reports whether the weak alias with folded key k is
// written in capitals in the catalog (so "ap" in prose never matches "AP").
func isUpperAcronym(k string, e *Entry) bool {
	for _, w := range e.Weak {
		if fold(w) == k {
			return w == strings.ToUpper(w)
		}
	}
	return false
}

// continuesName reports whether word j exists right after a single space
// and is capitalized and not a sentence start or a credit verb.
func continuesName(text string, ws []word, j int) bool {
	if j >= len(ws) {
		return false
	}
	gap := text[ws[j-1].end:ws[j].start]
	if gap != " " {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[ws[j].start:])
	if !unicode.IsUpper(r) {
		return false
	}
	switch text[ws[j].start:ws[j].end] {
	case "News", "Agency", "TV", "Television", "English", "Arabic", "On", "In", "On-line", "Online":
		return false
	}
	return true
}

var creditBefore = []string{
	"according to", "told", "via", "cited by", "quoted by", "reported by", "source:", "sources:",
	"with inputs from", "inputs from", "with", "and", "by", "to", "from", "of",
}

var creditAfter = []string{
	"reported", "reports", "said", "says", "quoted", "cited", "news agency", "agency", "wire",
	"contributed", "reporting", "report",
}

// creditContext reports whether text[start:end] is set as a credit.
func creditContext(text string, start, end int) bool {
	before := strings.TrimRight(text[max(0, start-24):start], " ")
	after := strings.TrimLeft(text[end:min(len(text), end+24)], " ")
	if strings.HasSuffix(before, "(") || strings.HasPrefix(after, ")") ||
		strings.HasSuffix(before, "/") || strings.HasPrefix(after, "/") {
		return true
	}
	// Line-initial or dash-led credits: "— AFP", "AFP —".
	if before == "" || strings.HasSuffix(before, "\n") || strings.HasSuffix(before, "—") ||
		strings.HasSuffix(before, "–") || strings.HasSuffix(before, " -") {
		if after == "" || strings.HasPrefix(after, "\n") || strings.HasPrefix(after, "—") ||
			strings.HasPrefix(after, "–") || strings.HasPrefix(after, "-") || strings.HasPrefix(after, ",") ||
			strings.HasPrefix(after, ")") || strings.HasPrefix(after, ".") {
			return true
		}
	}
	lb := strings.ToLower(before)
	for _, p := range creditBefore[:8] {
		if strings.HasSuffix(lb, p) {
			return true
		}
	}
	la := strings.ToLower(after)
	for _, p := range creditAfter {
		if strings.HasPrefix(la, p) {
			rest := la[len(p):]
			if rest == "" || !unicode.IsLetter(rune(rest[0])) {
				return true
			}
		}
	}
	return false
}
