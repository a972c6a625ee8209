package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/sqlite"
	"github.com/parallax-news/parallax/storetest"
)

// run executes the program in-process and returns its exit status and output.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = Main(context.Background(), args, env)
	return code, out.String(), errb.String()
}

const seeds = "../../testdata/seeds"

// TestAnalyzeSeeds is the acceptance test of the foundation: the seeds form
// two events, the four February 2024 reports and the 2016 story
// republished in 2024, with outlets and dates recognized.
func TestAnalyzeSeeds(t *testing.T) {
	code, out, errOut := run(t, "", "analyze", "--json", seeds)
	if code != 0 {
		t.Fatalf("exit %d\nstderr: %s", code, errOut)
	}
	var got struct {
		Summary struct{ Read, Stored int }
		Events  []struct {
			Event struct {
				ID       string
				Articles int
			}
			Articles []struct {
				Input      string
				Outlet     struct{ Name string }
				Published  string
				DateSource string `json:"published_source"`
				Title      string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("analyze --json output does not parse: %v\n%s", err, out)
	}
	if got.Summary.Read != 5 || got.Summary.Stored != 5 {
		t.Errorf("summary read %d stored %d, want 5 and 5", got.Summary.Read, got.Summary.Stored)
	}
	if len(got.Events) != 2 {
		t.Fatalf("got %d events, want 2:\n%s", len(got.Events), out)
	}
	first, second := got.Events[0], got.Events[1]
	inputs := func(i int) []string {
		var s []string
		for _, a := range got.Events[i].Articles {
			s = append(s, filepath.Base(a.Input))
		}
		return s
	}
	if len(first.Articles) != 4 {
		t.Fatalf("first event has %v, want the four February 2024 seeds", inputs(0))
	}
	for _, a := range first.Articles {
		if strings.HasPrefix(filepath.Base(a.Input), "004") {
			t.Errorf("seed 004 grouped with the 2024 event: %v", inputs(0))
		}
		if !strings.HasPrefix(a.Published, "2024-02-03") {
			t.Errorf("%s published %q, want 2024-02-03", a.Input, a.Published)
		}
		if a.Title == "" {
			t.Errorf("%s has no title", a.Input)
		}
	}
	outlets := map[string]bool{}
	for _, a := range first.Articles {
		outlets[a.Outlet.Name] = true
	}
	for _, want := range []string{"Al Mayadeen English", "Palestine Chronicle", "Shafaq News"} {
		if !outlets[want] {
			t.Errorf("outlet %q not recognized; outlets: %v", want, outlets)
		}
	}
	if len(second.Articles) != 1 || !strings.HasPrefix(filepath.Base(second.Articles[0].Input), "004") {
		t.Fatalf("second event has %v, want seed 004 alone", inputs(1))
	}
	if a := second.Articles[0]; !strings.HasPrefix(a.Published, "2024-09-21") || a.DateSource != "dateline" {
		t.Errorf("seed 004 published %q from %q, want 2024-09-21 from its display-date line", a.Published, a.DateSource)
	}
}

func TestAnalyzeText(t *testing.T) {
	code, out, errOut := run(t, "", "analyze", seeds)
	if code != 0 {
		t.Fatalf("exit %d\nstderr: %s", code, errOut)
	}
	for _, want := range []string{"Event 1", "Event 2", "Al Mayadeen English", "Palestine Chronicle", "Shafaq News", "2024-09-21"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestIngestTwice checks that ingesting the same input twice changes
// nothing, and that events, show and search read the store.
func TestIngestTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, errOut := run(t, "", "ingest", "--db", db, seeds); code != 0 {
		t.Fatalf("first ingest: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "", "ingest", "--db", db, "--json", seeds)
	if code != 0 {
		t.Fatalf("second ingest: exit %d: %s", code, errOut)
	}
	var sum struct{ Read, Stored, Duplicates int }
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 0 || sum.Duplicates != 5 {
		t.Errorf("second ingest stored %d, duplicates %d; want 0 and 5", sum.Stored, sum.Duplicates)
	}
	code, out, _ = run(t, "", "events", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("events: exit %d", code)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 2 {
		t.Errorf("events lists %d events, want 2:\n%s", n, out)
	}
	var ev struct{ ID string }
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &ev); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "", "show", "--db", db, ev.ID); code != 0 || !strings.Contains(out, ev.ID) {
		t.Errorf("show %s: exit %d, stderr %s\n%s", ev.ID, code, errOut, out)
	}
	if code, out, _ := run(t, "", "search", "--db", db, "Zakharova"); code != 0 || !strings.Contains(out, "Zakharova") {
		t.Errorf("search: exit %d\n%s", code, out)
	}
}

// TestBadInputs checks exit statuses: 1 when some inputs were skipped (each
// named on standard error), 2 on usage errors.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "binary.bin"), []byte{0, 1, 2, 0, 0, 0xff, 0xfe, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join(seeds, "000_9b6100ba78ef2e93.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "p.db")
	code, _, errOut := run(t, "", "ingest", "--db", db, dir, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"empty.txt", "binary.bin", "missing.txt"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not name %s:\n%s", want, errOut)
		}
	}
	if code, _, _ := run(t, "", "ingest", "--no-such-flag"); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "", "nonsense"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "", "analyze"); code != 2 {
		t.Errorf("analyze without paths: exit %d, want 2", code)
	}
}

func TestHelp(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := run(t, "", c.name, "--help")
			if code != 0 && code != 2 {
				t.Errorf("exit %d", code)
			}
			if !strings.Contains(errOut, "Usage") {
				t.Errorf("--help prints no usage:\n%s", errOut)
			}
		})
	}
}

// TestAnalyzePostgres runs the main job against a real PostgreSQL store
// (PARALLAX_TEST_POSTGRES, started by scripts/pgtest in make check).
func TestAnalyzePostgres(t *testing.T) {
	url := freshPostgresSchema(t)
	code, out, errOut := run(t, "", "analyze", "--db", url, "--json", seeds)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Events []struct {
			Articles []struct{ Input string }
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 2 || len(got.Events[0].Articles) != 4 {
		t.Errorf("want 2 events, the first with 4 articles; got %s", out)
	}
}

// freshPostgresSchema returns the test database's URL with a new, empty
// schema as search path, dropped when the test ends, so that packages
// testing in parallel against one server do not see each other's rows.
func freshPostgresSchema(t *testing.T) string {
	t.Helper()
	base := storetest.RequireDatabase(t, "PARALLAX_TEST_POSTGRES")
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer admin.Close(ctx)
	schema := fmt.Sprintf("cmd_%d", time.Now().UnixNano())
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := pgx.Connect(context.Background(), base); err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	u, err := neturl.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestIngestWhileAnalyzed checks that ingest does not cluster beside
// another analyzer: while a server or worker holds the store's analysis
// lease, the articles go to its queue; once the lease is free, ingest
// analyzes them itself and gives the lease back.
func TestIngestWhileAnalyzed(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "p.db")
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ClaimPending(ctx, parallax.PendingClaim{Owner: "server", TTL: time.Hour}); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "", "ingest", "--db", db, "--json", seeds)
	if code != 0 || !strings.Contains(errOut, "queued") {
		t.Fatalf("ingest beside an analyzer: exit %d: %s", code, errOut)
	}
	var sum struct{ Read, Stored, Queued int }
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Read != 5 || sum.Queued != 5 || sum.Stored != 0 {
		t.Errorf("summary %+v, want 5 read and queued", sum)
	}
	if ps, err := st.PendingStats(ctx); err != nil || ps.Articles != 5 {
		t.Errorf("queue %+v, %v; want the 5 articles", ps, err)
	}
	if n, err := st.CountArticles(ctx); err != nil || n != 0 {
		t.Errorf("%d articles analyzed beside the lease holder, %v", n, err)
	}
	if err := st.ReleasePending(ctx, "server"); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "", "ingest", "--db", db, "--json", seeds); code != 0 || !strings.Contains(out, `"stored": 5`) {
		t.Fatalf("ingest with the lease free: exit %d: %s\n%s", code, errOut, out)
	}
	// The ingest gave the lease back.
	if _, err := st.ClaimPending(ctx, parallax.PendingClaim{Owner: "server", TTL: time.Hour}); err != nil {
		t.Errorf("lease after ingest: %v", err)
	}
}
