package parallax

import (
	"strings"
	"testing"
)

func TestQueuedRoundTripKeepsOffsets(t *testing.T) {
	a := &Article{ID: "a1", Title: "T", Text: "caf\xe9 \xff and more", Seq: 7, EventID: "e1"}
	b, err := MarshalQueued(a, KeepOffsets)
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "caf\xe9 \xff and more" {
		t.Fatalf("MarshalQueued changed the caller's article: %q", a.Text)
	}
	got, err := UnmarshalQueued(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "caf? ? and more" || len(got.Text) != len(a.Text) {
		t.Fatalf("text %q: want each invalid byte replaced in place", got.Text)
	}
	p, err := PendingArticle("a1", b)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Pending || p.Seq != 0 || p.EventID != "" {
		t.Fatalf("pending view %+v: want Pending, no seq, no event", p)
	}
	if _, err := PendingArticle("bad", []byte("{")); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Fatalf("corrupt body: error %v should name the article", err)
	}
}
