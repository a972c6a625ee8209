package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractJSON(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	text := "On Saturday,  16 people were killed in Iraq, according to Reuters.\nThe meeting is at 4 pm EST on February 5."
	lines := []map[string]any{
		{"id": "first", "published": "2024-02-03T10:00:00Z", "text": text},
		{"id": "second", "text": "Officials met to discuss the budget proposal and agreed on nothing whatsoever, said the chair of the committee."},
	}
	var b strings.Builder
	for _, l := range lines {
		data, _ := json.Marshal(l)
		b.Write(data)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "", "extract", "--json", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(out) != 2 {
		t.Fatalf("got %d lines, want 2:\n%s", len(out), stdout)
	}
	var first, second extractRecord
	if err := json.Unmarshal([]byte(out[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out[1]), &second); err != nil {
		t.Fatal(err)
	}
	if first.ID != "first" || second.ID != "second" {
		t.Errorf("ids %q, %q: input order lost", first.ID, second.ID)
	}
	if len(first.Times) != 3 || len(first.Quantities) != 1 {
		t.Fatalf("first = %s", out[0])
	}
	for _, x := range first.Times {
		if text[x.Start:x.End] != x.Text {
			t.Errorf("time %q at %d-%d does not index the raw text", x.Text, x.Start, x.End)
		}
	}
	if x := first.Times[1]; x.Value != "2024-02-05T16:00" || x.UTC == nil || x.UTC.Format("15:04") != "21:00" {
		t.Errorf("4 pm EST = %+v", x)
	}
	q := first.Quantities[0]
	if text[q.Start:q.End] != q.Text || q.Value != 16 || q.Role != "killed" || q.Scope != "Iraq" || q.Source != "Reuters" {
		t.Errorf("quantity = %+v", q)
	}
	if !strings.Contains(out[1], `"times":[]`) || !strings.Contains(out[1], `"quantities":[]`) {
		t.Errorf("empty lists not written as []: %s", out[1])
	}
}
