package quote

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/extract"
)

func TestDebugSeeds(t *testing.T) {
	if os.Getenv("QDEBUG") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if f := os.Getenv("QFILE"); f != "" {
		files = []string{f}
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		text := string(b)
		_, sents := extract.Segment(text)
		fmt.Println("=====", f)
		for _, q := range Extract(text, sents, nil, nil) {
			fmt.Printf("[%v %d-%d] %q\n   <- %q (%s) verb=%q medium=%q post=%d\n", q.Direct, q.Start, q.End, trunc(q.Text), q.Speaker.Text, q.Speaker.Name, q.Verb, q.Medium, q.Post)
		}
	}
}

func trunc(s string) string {
	if len(s) > 90 {
		return s[:45] + " … " + s[len(s)-40:]
	}
	return s
}
