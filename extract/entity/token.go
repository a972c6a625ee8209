package entity

import (
	"unicode"
	"unicode/utf8"
)

// Token is a word or punctuation mark with its byte offsets in the text.
type Token struct {
	Start, End int
	Text       string
}

// abbrevs are words that keep their trailing period, so that "Gen." or
// "Mr." stay one token as they are in the training corpora.
var abbrevs = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Jr": true, "Sr": true,
	"Gen": true, "Lt": true, "Col": true, "Sgt": true, "Capt": true, "Maj": true, "Adm": true,
	"Rep": true, "Sen": true, "Gov": true, "Prof": true, "Inc": true, "Ltd": true, "Corp": true,
	"Co": true, "Mt": true, "Ft": true, "Rev": true, "Pres": true, "Brig": true, "Cpl": true,
	"Pvt": true, "Cmdr": true, "Supt": true, "Insp": true, "Amb": true, "Messrs": true,
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Tokenize splits text[start:end] into tokens the way the training corpora
// are tokenized (CoNLL-style): words with internal hyphens and apostrophes
// kept ("ez-Zor", "O'Brien"), the possessive split off ("Biden" "’s"),
// dotted abbreviations kept whole ("U.S.", "Gen."), capitals joined by an
// ampersand ("AT&T"), numbers with their separators, and every other mark
// a token of its own.
func Tokenize(text string, start, end int, out []Token) []Token {
	if start < 0 {
		start = 0
	}
	if end > len(text) {
		end = len(text)
	}
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) || r == utf8.RuneError && size <= 1 || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
			i += size
			continue
		}
		if !isWordRune(r) {
			j := i + size
			// The possessive is one token, as in the training corpora.
			if (r == '\'' || r == '’') && j < end && (text[j] == 's' || text[j] == 'S') && (j+1 >= end || !isWordRune(rune(text[j+1]))) {
				j++
			}
			if r == '@' { // handles stay whole: @mfa_russia
				for j < end {
					r2, s2 := utf8.DecodeRuneInString(text[j:end])
					if !isWordRune(r2) && r2 != '_' {
						break
					}
					j += s2
				}
			}
			out = append(out, Token{i, j, text[i:j]})
			i = j
			continue
		}
		j := i + size
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r2) {
				j += s2
				continue
			}
			if j+s2 < end {
				r3, _ := utf8.DecodeRuneInString(text[j+s2 : end])
				switch r2 {
				case '-', '‑':
					if isWordRune(r3) {
						j += s2
						continue
					}
				case '\'', '’':
					// Possessive 's ends the word; O'Brien, don't continue it.
					if (r3 == 's' || r3 == 'S') && (j+s2+1 >= end || !isWordRune(rune(text[j+s2+1]))) {
						break
					}
					if unicode.IsLetter(r3) {
						j += s2
						continue
					}
				case '&':
					// Capitals joined by an ampersand: AT&T, S&P, B&SR.
					if isUpperByte(r3) && isUpperByte(lastRune(text[i:j])) {
						j += s2
						continue
					}
				case '.', ',':
					// Numbers: 1,000 and 3.5.
					if unicode.IsDigit(r3) && unicode.IsDigit(lastRune(text[i:j])) {
						j += s2
						continue
					}
				}
			}
			break
		}
		// Currencies written with a country prefix: US$, HK$, A$.
		if j < end && text[j] == '$' && j-i <= 3 && isUpperASCII(text[i:j]) {
			j++
		}
		// Dotted abbreviations: U.S., U.N., Gen.
		if j < end && text[j] == '.' {
			w := text[i:j]
			if abbrevs[w] {
				j++
			} else if utf8.RuneCountInString(w) == 1 && unicode.IsLetter(r) {
				k := j + 1
				for k+1 < end && isLetterByte(text[k]) && text[k+1] == '.' {
					k += 2
				}
				j = k
			}
		}
		out = append(out, Token{i, j, text[i:j]})
		i = j
	}
	return out
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

func isUpperByte(r rune) bool { return r >= 'A' && r <= 'Z' }

func isLetterByte(b byte) bool { return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
