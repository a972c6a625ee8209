package parallax

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// The stores keep articles waiting for analysis (Store.PutPending) as
// JSON; the functions here are that queue's one encoding, shared by every
// store.

// MarshalQueued encodes an article as read for a store's analysis queue.
// JSON would replace each invalid UTF-8 byte of the text by a three-byte
// U+FFFD and so move every span after it, so the text goes through clean
// first, which must keep byte offsets (KeepOffsets, or a store's own
// stricter function).
func MarshalQueued(a *Article, clean func(string) string) ([]byte, error) {
	if t := clean(a.Text); t != a.Text {
		c := *a
		c.Text = t
		a = &c
	}
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode pending article %s: %w", a.ID, err)
	}
	return b, nil
}

// UnmarshalQueued decodes an article of the queue as an analyzer claims
// it.
func UnmarshalQueued(body []byte) (*Article, error) {
	a := new(Article)
	if err := json.Unmarshal(body, a); err != nil {
		return nil, fmt.Errorf("decode pending article: %w", err)
	}
	return a, nil
}

// PendingArticle decodes the queued article id as Store.Article returns
// it: marked Pending, with nothing analyzed.
func PendingArticle(id string, body []byte) (*Article, error) {
	a := new(Article)
	if err := json.Unmarshal(body, a); err != nil {
		return nil, fmt.Errorf("get pending article %s: %w", id, err)
	}
	a.Pending, a.Extraction, a.Seq, a.EventID, a.CopyOf = true, nil, 0, "", ""
	return a, nil
}

// KeepOffsets replaces each byte of s that is not valid UTF-8 by '?', so
// that the text survives JSON with every byte offset in place.
func KeepOffsets(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			b[i] = '?'
		}
		i += n
	}
	return string(b)
}
