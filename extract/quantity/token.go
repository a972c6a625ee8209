package quantity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

const (
	kWord  = 'w'
	kNum   = 'n'
	kPunct = 'p'
)

// token is one word, digit run or punctuation rune.
type token struct {
	start, end int
	kind       byte
	space      bool // whitespace before
	upper      bool // starts with an upper-case letter
	low        string
	sent       int
}

func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	k := rune(0)
	for k < 64 && unicode.IsDigit(r-k-1) {
		k++
	}
	return int(k % 10)
}

// tokenize splits text into tokens and numbers their sentences, using
// sentences when given (else a simple rule: a line break, or . ! ?
// followed by a space and a capital).
func tokenize(text string, sentences []parallax.Span, toks []token) []token {
	space := true
	sent, si := 0, 0
	endSentence, newline := false, false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || r == '\r' {
			space, newline = true, true
			i += size
			continue
		}
		if unicode.IsSpace(r) {
			space = true
			i += size
			continue
		}
		start := i
		tok := token{start: start, space: space}
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
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsDigit(r2) {
					break
				}
				if r2 > '9' {
					ascii = false
				}
				i += s2
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
			switch tok.low {
			case "٬": // Arabic thousands separator
				tok.low = ","
			case "٫": // Arabic decimal separator
				tok.low = "."
			}
		}
		tok.end = i
		if sentences != nil {
			for si < len(sentences) && sentences[si].End <= start {
				si++
			}
			sent = si
		} else {
			if newline || (endSentence && space && (tok.upper || tok.kind != kWord)) {
				sent++
			}
			endSentence = tok.kind == kPunct && (tok.low == "." || tok.low == "!" || tok.low == "?")
		}
		tok.sent = sent
		space, newline = false, false
		toks = append(toks, tok)
	}
	return toks
}
