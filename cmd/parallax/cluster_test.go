package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClusterTSV(t *testing.T) {
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb}
	code := Main(context.Background(), []string{"cluster", "--tsv", filepath.Join("..", "..", "testdata", "seeds")}, env)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5:\n%s", len(lines), out.String())
	}
	ev := map[string]string{}
	for _, l := range lines {
		id, e, ok := strings.Cut(l, "\t")
		if !ok {
			t.Fatalf("line %q is not ID<TAB>EVENT", l)
		}
		ev[id[:3]] = e
	}
	if ev["000"] != ev["001"] || ev["000"] != ev["002"] || ev["000"] != ev["003"] || ev["004"] == ev["000"] {
		t.Errorf("events %v: want 000–003 together and 004 apart", ev)
	}
}

// clusterJSONL runs parallax cluster --tsv on data as a JSONL file and
// returns its output lines; any exit but success fails the test.
func clusterJSONL(t *testing.T, data string) []string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := Main(context.Background(), []string{"cluster", "--tsv", in}, &Env{Stdout: &out, Stderr: &errb}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	return strings.Split(strings.TrimSpace(out.String()), "\n")
}

func TestClusterTSVJSONL(t *testing.T) {
	got := clusterJSONL(t, `{"id":"x1","text":"earthquake kills twelve in southern iran province of hormozgan"}
{"id":"x2","text":"southern iran earthquake in hormozgan kills twelve, injures dozens"}
{"id":"x3","text":"red sox offer mark teixeira eight year contract worth 200 million"}
`)
	if len(got) != 3 || !strings.HasPrefix(got[0], "x1\t") || !strings.HasPrefix(got[2], "x3\t") {
		t.Fatalf("output:\n%s", strings.Join(got, "\n"))
	}
	e := func(i int) string { _, ev, _ := strings.Cut(got[i], "\t"); return ev }
	if e(0) != e(1) || e(0) == e(2) {
		t.Errorf("events %s %s %s: want x1 and x2 together, x3 apart", e(0), e(1), e(2))
	}
}

// TestClusterTSVEmptyRecords checks that records without text still get
// a line each, every one an event of its own (too little text to
// cluster), so that a scorer finds every id it gave.
func TestClusterTSVEmptyRecords(t *testing.T) {
	lines := clusterJSONL(t, `{"id":"e1","text":""}
{"id":"x1","text":"earthquake kills twelve in southern iran province of hormozgan"}
{"id":"e2","text":"   "}
{"id":"x2","text":"southern iran earthquake in hormozgan kills twelve, injures dozens"}
{"id":"e3","text":""}
`)
	ev := map[string]string{}
	var ids []string
	for _, l := range lines {
		id, e, _ := strings.Cut(l, "\t")
		ids = append(ids, id)
		ev[id] = e
	}
	if strings.Join(ids, " ") != "e1 x1 e2 x2 e3" {
		t.Fatalf("ids %v, want every record in input order:\n%s", ids, strings.Join(lines, "\n"))
	}
	if ev["x1"] != ev["x2"] {
		t.Errorf("x1 and x2 apart: %v", ev)
	}
	seen := map[string]bool{ev["x1"]: true}
	for _, id := range []string{"e1", "e2", "e3"} {
		if seen[ev[id]] {
			t.Errorf("%s shares event %s: want an event of its own for each empty record", id, ev[id])
		}
		seen[ev[id]] = true
	}
}

func TestEvalClusterFixture(t *testing.T) {
	var out, errb bytes.Buffer
	fixture := filepath.Join("..", "..", "testdata", "cluster", "ecbplus")
	if code := Main(context.Background(), []string{"eval", "cluster", "--shuffles", "1", fixture}, &Env{Stdout: &out, Stderr: &errb}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"4 documents clustered", "file order", "shuffle 1", "BCubed F1 over 2 orders"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if code := Main(context.Background(), []string{"eval", "cluster", "--topics", "x", fixture}, &Env{Stdout: &out, Stderr: &errb}); code != exitUsage {
		t.Errorf("bad --topics: exit %d, want %d", code, exitUsage)
	}
}
