package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  = 'w'
	kNum   = 'n'
	kPunct = 'p'
)

// token is one word, digit run or punctuation rune of the text.
type token struct {
	start, end int
	kind       byte
	// space is set when whitespace separates the token from the one before.
	space bool
	// upper is set when the token starts with an upper-case letter.
	upper bool
	// low is the lower-cased word, the digits as ASCII, or the punctuation.
	low string
	// num is the value of a digit run of at most 9 digits, else -1.
	num int
	// sent and para number the sentence and paragraph of the token.
	sent, para int
}

// digitValue returns the value of a decimal digit in any script.
func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	// Decimal digit blocks are runs of ten; find the start of the run.
	k := rune(0)
	for k < 64 && unicode.IsDigit(r-k-1) {
		k++
	}
	return int(k % 10)
}

// tokenize splits text into tokens. Words are runs of letters (and marks),
// numbers runs of decimal digits in any script; every other non-space rune
// is a punctuation token of its own.
func tokenize(text string, toks []token) []token {
	space := true
	sent, para := 0, 0
	newline := false
	newlines := 0
	endSentence := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' || r == '\r':
			space = true
			if r == '\n' || i+1 >= len(text) || text[i+1] != '\n' {
				newlines++
			}
			newline = true
			i += size
			continue
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		}
		start := i
		tok := token{start: start, space: space, num: -1}
		switch {
		case unicode.IsLetter(r):
			tok.kind = kWord
			tok.upper = unicode.IsUpper(r)
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				i += s2
			}
			tok.low = strings.ToLower(text[start:i])
		case unicode.IsDigit(r):
			tok.kind = kNum
			ascii := true
			n, nd := 0, 0
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsDigit(r2) {
					break
				}
				if r2 > '9' {
					ascii = false
				}
				if nd < 9 {
					n = n*10 + digitValue(r2)
				}
				nd++
				i += s2
			}
			if nd <= 9 {
				tok.num = n
			}
			if ascii {
				tok.low = text[start:i]
			} else {
				var b strings.Builder
				for _, r2 := range text[start:i] {
					b.WriteByte(byte('0' + digitValue(r2)))
				}
				tok.low = b.String()
			}
		default:
			tok.kind = kPunct
			i += size
			tok.low = text[start:i]
		}
		tok.end = i
		// A line break inside a sentence of hard-wrapped text (TimeBank,
		// mail) continues it: the line before does not end a sentence and
		// the next starts in lower case. Other breaks start a paragraph.
		if newline && (newlines > 1 || endSentence || len(toks) == 0 || tok.kind != kWord || tok.upper || !continues(toks[len(toks)-1])) {
			para++
			sent++
		} else if endSentence && space && (tok.upper || tok.kind == kNum || tok.kind == kPunct) {
			sent++
		}
		endSentence = tok.kind == kPunct && (tok.low == "." || tok.low == "!" || tok.low == "?")
		if endSentence && len(toks) > 0 {
			// "Feb." and "p.m." do not end a sentence when a short word precedes.
			p := toks[len(toks)-1]
			if p.kind == kWord && !p.space && len(p.low) <= 3 && isAbbrev(p.low) && !tok.space {
				endSentence = false
			}
			// "Gov. Sarah Palin", "W. Mark Felt", "No. 5": a title, an
			// initial or a numero, not the end of a sentence.
			if p.kind == kWord && p.upper && !tok.space && (titleAbbrev(p.low) || p.end-p.start == 1) {
				endSentence = false
			}
		}
		tok.sent, tok.para = sent, para
		newline = false
		newlines = 0
		space = false
		toks = append(toks, tok)
	}
	return toks
}

func isAbbrev(w string) bool {
	switch w {
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
		"mon", "tue", "wed", "thu", "fri", "sat", "sun", "a", "p", "m", "mr", "dr", "st", "no", "u", "s":
		return true
	}
	return false
}

// continues reports whether a line ending in token p may go on at the
// next line: after a word, a number or a comma, but not after the close
// of a quote or a bracket.
func continues(p token) bool {
	if p.kind != kPunct {
		return true
	}
	switch p.low {
	case ",", ";", "-", "(", "–", "—", "/", "&":
		return true
	}
	return false
}
