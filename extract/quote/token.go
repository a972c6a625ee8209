package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tWord uint8 = iota
	tPunct
	tOpen  // the opening mark of a direct quote
	tClose // the closing mark of a direct quote
)

// token is a word or punctuation mark with its position in the text.
type token struct {
	start, end int
	// lower is the lower-case word without a possessive ending.
	lower string
	kind  uint8
	cap   bool // begins with an upper-case letter, or al-/el- and one
	poss  bool // ends in 's or s'
	q     int  // index of the direct quote the token lies in, -1 outside
	para  int
	sent  int
}

// tokenize cuts text into tokens and records for each its paragraph,
// sentence and enclosing direct quote.
func tokenize(text string, paras, sents []span, quotes []direct) []token {
	toks := make([]token, 0, len(text)/5+8)
	si, qi := 0, 0
	for pi, p := range paras {
		i := p.start
		for i < p.end {
			r, sz := utf8.DecodeRuneInString(text[i:p.end])
			if unicode.IsSpace(r) {
				i += sz
				continue
			}
			t := token{start: i, q: -1, para: pi}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				j := i + sz
				for j < p.end {
					r2, sz2 := utf8.DecodeRuneInString(text[j:p.end])
					if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
						j += sz2
						continue
					}
					// Inner apostrophes, hyphens and dots ("Federation's",
					// "al-Awadi", "U.S.") keep a word whole.
					if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' {
						if j+sz2 < p.end {
							r3, _ := utf8.DecodeRuneInString(text[j+sz2 : p.end])
							if unicode.IsLetter(r3) || (r2 == '-' && unicode.IsDigit(r3)) {
								j += sz2
								continue
							}
						}
						// "U.S." keeps its final dot.
						if r2 == '.' && j-i <= 4 && strings.Contains(text[i:j], ".") {
							j += sz2
						}
					}
					break
				}
				t.end = j
				t.kind = tWord
				w := text[i:j]
				t.cap = unicode.IsUpper(r)
				if !t.cap && len(w) > 3 && (w[2] == '-' || w[3] == '-') {
					k := strings.IndexByte(w, '-')
					r3, _ := utf8.DecodeRuneInString(w[k+1:])
					t.cap = unicode.IsUpper(r3)
				}
				if n := len(w); n > 2 {
					switch {
					case strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S"):
						w, t.poss = w[:n-2], true
					case strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "’S"):
						w, t.poss = w[:n-4], true
					}
				}
				t.lower = lower(w)
			} else {
				t.end = i + sz
				t.kind = tPunct
				if r == '\'' || r == '’' {
					// A trailing apostrophe after s is a plural possessive.
					if n := len(toks); n > 0 && toks[n-1].end == i && toks[n-1].kind == tWord && strings.HasSuffix(toks[n-1].lower, "s") {
						toks[n-1].poss = true
						toks[n-1].end = i + sz
						i += sz
						continue
					}
				}
				t.lower = text[i : i+sz]
			}
			for qi < len(quotes) && quotes[qi].close <= t.start {
				qi++
			}
			if qi < len(quotes) && t.start >= quotes[qi].open {
				t.q = qi
				if t.start == quotes[qi].open {
					t.kind = tOpen
				} else if t.end == quotes[qi].close && t.kind == tPunct && quotes[qi].closed {
					t.kind = tClose
				}
			}
			for si < len(sents) && sents[si].end <= t.start {
				si++
			}
			t.sent = si
			toks = append(toks, t)
			i = t.end
		}
	}
	return toks
}

// lower returns s in lower case, without allocating when it already is.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}
