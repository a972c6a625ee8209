package postgres

import (
	"context"
	"testing"

	"github.com/parallax-news/parallax"
)

// TestDocumentVersion checks that a document's version changes with every
// write, even of the same bytes, and stays put otherwise, and that
// DocumentWithVersion reads the same version with the document.
func TestDocumentVersion(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.DocumentVersion(ctx, "dossier", "e1"); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Fatalf("missing document: err = %v, want ENOTFOUND", err)
	}
	seen := map[string]bool{}
	for i, doc := range []string{`{"a":1}`, `{"a":2}`, `{"a":2}`} {
		if err := s.PutDocument(ctx, "dossier", "e1", []byte(doc)); err != nil {
			t.Fatal(err)
		}
		v, err := s.DocumentVersion(ctx, "dossier", "e1")
		if err != nil {
			t.Fatal(err)
		}
		if seen[v] {
			t.Errorf("write %d: version %q seen before", i, v)
		}
		seen[v] = true
		if again, _ := s.DocumentVersion(ctx, "dossier", "e1"); again != v {
			t.Errorf("write %d: version %q, then %q without a write", i, v, again)
		}
		if got, gv, err := s.DocumentWithVersion(ctx, "dossier", "e1"); err != nil || string(got) != doc || gv != v {
			t.Errorf("write %d: DocumentWithVersion = %q, %q, %v; want %q, %q", i, got, gv, err, doc, v)
		}
	}
	if _, _, err := s.DocumentWithVersion(ctx, "dossier", "e2"); parallax.ErrorCode(err) != parallax.ENOTFOUND {
		t.Fatalf("missing document: err = %v, want ENOTFOUND", err)
	}
}
