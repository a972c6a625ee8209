package ingest

import (
	"context"
	"encoding/json"
	"os"
	"testing"
)

func TestDumpSeeds(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	_, err := Walk(context.Background(), []string{os.Getenv("DUMP")}, Options{}, func(it Item) error {
		if it.Err != nil {
			t.Log(it.Err)
			return nil
		}
		a := *it.Article
		a.Sentences = nil
		a.Paragraphs = nil
		b, _ := json.MarshalIndent(a, "", "  ")
		t.Log(string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
