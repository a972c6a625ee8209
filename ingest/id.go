package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

// articleID returns parallax.ArticleID(url, text). An article without a
// URL is identified by its normalized text, which this folds into the hash
// a buffer at a time instead of building it first: a text file took more
// time to be named than to be segmented.
func articleID(url, text string) string {
	if strings.TrimSpace(url) != "" {
		return parallax.ArticleID(url, text)
	}
	h := sha256.New()
	h.Write([]byte("text\x00"))
	var buf [2048]byte
	b := buf[:0]
	space, wrote := false, false
	for i := 0; i < len(text); {
		if len(b) > len(buf)-utf8.UTFMax-1 {
			h.Write(b)
			b = b[:0]
		}
		if c := text[i]; c < utf8.RuneSelf {
			i++
			if c = idFold[c]; c == 0 {
				space = true
				continue
			}
			if space && wrote {
				b = append(b, ' ')
			}
			space, wrote = false, true
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && wrote {
			b = append(b, ' ')
		}
		space, wrote = false, true
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	h.Write(b)
	return "a" + hex.EncodeToString(h.Sum(nil))[:15]
}

// idFold maps ASCII letters and digits to their lower case, everything
// else to zero, as parallax.NormalizeForID folds them.
var idFold = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()
