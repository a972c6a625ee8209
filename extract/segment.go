package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// Segment splits cleaned text into paragraphs (each non-blank line) and
// sentences, both as byte spans into text. Sentences never cross
// paragraphs. The splitter is rule-based: a sentence ends at . ! ? or …
// (after any closing quotes and brackets) followed by a space and a
// capital, digit or opening quote, unless the word before the period is a
// known abbreviation, an initial or part of a number.
func Segment(text string) (paragraphs, sentences []parallax.Span) {
	// News paragraphs run to a few hundred bytes and sentences to about a
	// hundred and fifty; room for that saves growing the slices.
	paragraphs = make([]parallax.Span, 0, len(text)/400+1)
	sentences = make([]parallax.Span, 0, len(text)/120+1)
	off := 0
	for line := range strings.Lines(text) {
		start, end := off, off+len(line)
		off = end
		for end > start && (text[end-1] == '\n' || text[end-1] == '\r') {
			end--
		}
		for start < end && text[start] == ' ' {
			start++
		}
		if start == end {
			continue
		}
		paragraphs = append(paragraphs, parallax.Span{Start: start, End: end})
		sentences = splitSentences(text, start, end, sentences)
	}
	return paragraphs, sentences
}

// maxSentence bounds a sentence's length so that a megabyte paragraph
// without punctuation still yields spans of manageable size.
const maxSentence = 4000

func splitSentences(text string, start, end int, out []parallax.Span) []parallax.Span {
	s := start
	for i := start; i < end; {
		var r rune
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII, the common case, without decoding.
			if c == ' ' && i-s >= maxSentence {
				out = append(out, parallax.Span{Start: s, End: i})
				s = i + 1
				i++
				continue
			}
			if c != '.' && c != '!' && c != '?' {
				i++
				continue
			}
			r = rune(c)
		} else if r, size = utf8.DecodeRuneInString(text[i:end]); r != '…' {
			i += size
			continue
		}
		// Extend over repeated terminators and closing quotes/brackets.
		j := i + size
		for j < end {
			r2, sz := utf8.DecodeRuneInString(text[j:end])
			if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '…' || isCloser(r2) {
				j += sz
				continue
			}
			break
		}
		if j >= end {
			break
		}
		if text[j] != ' ' {
			i = j
			continue
		}
		// Next non-space rune must start a sentence.
		k := j
		for k < end && text[k] == ' ' {
			k++
		}
		if k >= end {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[k:end])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || isOpener(next) || next == '#' || next == '@' || !unicode.IsLower(next) && !unicode.IsLetter(next) && next > 0x2E80) {
			i = j
			continue
		}
		if r == '.' && j == i+1 && isAbbreviation(text[s:i], next) {
			i = j
			continue
		}
		out = append(out, parallax.Span{Start: s, End: j})
		s = k
		i = k
	}
	if s < end {
		out = append(out, parallax.Span{Start: s, End: end})
	}
	return out
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '›':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[', '‹', '„':
		return true
	}
	return false
}

// abbreviations that are usually followed by a capitalized word within
// the same sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"gen": true, "lt": true, "col": true, "maj": true, "capt": true, "cpt": true, "sgt": true, "cmdr": true, "adm": true,
	"gov": true, "sen": true, "rep": true, "pres": true, "rev": true, "hon": true, "amb": true, "supt": true, "insp": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "no": true, "nos": true, "vs": true, "v": true, "etc": false, "inc": false,
	"corp": false, "co": false, "ltd": false, "fig": true, "approx": true, "est": false, "dept": true, "univ": true,
	"mt": true, "ft": true, "ave": true, "blvd": true, "rd": false,
}

// isAbbreviation reports whether the text before a period (within the
// current sentence) ends with an abbreviation or initial, so that the
// period does not end the sentence.
func isAbbreviation(before string, next rune) bool {
	k := len(before)
	for k > 0 {
		r, sz := utf8.DecodeLastRuneInString(before[:k])
		if r == ' ' || isOpener(r) {
			break
		}
		k -= sz
	}
	w := before[k:]
	if w == "" {
		return false
	}
	// Single capital letter: an initial ("John F. Kennedy").
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	// Dotted acronyms ("U.S.", "U.N.") usually precede a name or title in
	// news ("U.S. President Joe Biden"); joining them wrongly costs less
	// than splitting a sentence inside a name.
	lw := strings.ToLower(w)
	if strings.Contains(lw, ".") {
		return len(lw) <= 5
	}
	return abbreviations[lw]
}
