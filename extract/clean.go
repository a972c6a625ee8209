package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean returns text as valid UTF-8 in NFC, with control and zero-width
// characters removed, runs of spaces and tabs collapsed to one space,
// lines trimmed, line breaks normalized to "\n" and at most one blank line
// between paragraphs. Quotes, dashes and apostrophes are kept as written.
func Clean(text string) string {
	// Spaces and blank lines around the text go whatever else is done.
	if t := strings.Trim(text, " \n"); isClean(t) {
		return t
	}
	return clean(text)
}

// clean is Clean without the check for text that needs no change.
func clean(text string) string {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if !isASCII(text) && !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	var b strings.Builder
	b.Grow(len(text))
	blank := 0       // blank lines pending
	started := false // a non-blank line was written
	for line := range strings.Lines(text) {
		l := cleanLine(line)
		if l == "" {
			if started {
				blank++
			}
			continue
		}
		if started {
			b.WriteByte('\n')
			if blank > 0 {
				b.WriteByte('\n')
			}
		}
		blank = 0
		started = true
		b.WriteString(l)
	}
	return b.String()
}

// cleanLine collapses horizontal whitespace in one line, drops control
// and zero-width characters and trims the ends.
func cleanLine(line string) string {
	if l, ok := alreadyClean(line); ok {
		return l
	}
	var b strings.Builder
	b.Grow(len(line))
	space := false
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			// ASCII, the common case, byte by byte.
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\v' || c == '\f':
				space = true
				continue
			case c < 0x20 || c == 0x7f:
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		i += size
		switch {
		case r == '\u00A0' || r == '\u2007' || r == '\u202F' || (unicode.IsSpace(r) && r != '\n' && r != '\r') || r == '\u2028' || r == '\u2029':
			space = true
			continue
		case r == '\n' || r == '\r':
			continue
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF' || r == '\u00AD':
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isClean reports whether Clean would return text as it is, for text of
// printable ASCII (as most articles are once read): lines without
// leading, trailing or double spaces, at most one blank line between
// them, none at either end. Most texts are cleaned twice (by the reader,
// then again for a field), and the second time costs one pass instead of
// a copy.
func isClean(text string) bool {
	if text == "" {
		return true
	}
	if c := text[0]; c == ' ' || c == '\n' {
		return false
	}
	if c := text[len(text)-1]; c == ' ' || c == '\n' {
		return false
	}
	for i := 0; i < len(text); i++ {
		if !cleanByte[text[i]] {
			return false
		}
	}
	return !strings.Contains(text, "  ") && !strings.Contains(text, " \n") &&
		!strings.Contains(text, "\n ") && !strings.Contains(text, "\n\n\n")
}

// cleanByte marks the bytes a clean ASCII text holds: printable ASCII and
// the line break.
var cleanByte = func() (t [256]bool) {
	for c := ' '; c < 0x7f; c++ {
		t[c] = true
	}
	t['\n'] = true
	return t
}()

// alreadyClean returns line without its line break when it needs no other
// change: printable ASCII with single inner spaces, as most lines of most
// articles are. It saves copying the line byte by byte.
func alreadyClean(line string) (string, bool) {
	l := strings.TrimRight(line, "\r\n")
	if l == "" || l[0] == ' ' || l[len(l)-1] == ' ' {
		return "", false
	}
	prevSpace := false
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case c == ' ':
			if prevSpace {
				return "", false
			}
			prevSpace = true
		case c > ' ' && c < 0x7f:
			prevSpace = false
		default:
			return "", false
		}
	}
	return l, true
}
