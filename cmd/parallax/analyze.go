package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/pipeline"
)

func runAnalyze(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "analyze", "[--db FILE] [--json] [--format text|markdown] PATH...")
	db := fs.String("db", "", "keep the store in this SQLite file or postgres:// URL (default: a temporary store)")
	outlets := fs.String("outlets", "", "JSON or YAML file extending the built-in outlet catalog")
	asJSON := fs.Bool("json", false, "print events, articles and dossiers as JSON")
	format := fs.String("format", "text", "text or markdown")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("name at least one file, directory or - for standard input")
	}
	if *format != "text" && *format != "markdown" {
		return usageError("--format must be text or markdown, not %q", *format)
	}
	loc := *db
	if loc == "" {
		dir, err := os.MkdirTemp("", "parallax-analyze-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		loc = filepath.Join(dir, "parallax.db")
	}
	st, err := openStore(ctx, loc, false)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := ingestPaths(ctx, env, st, fs.Args(), *outlets)
	if err != nil {
		return err
	}
	reports, err := loadReports(ctx, st, sum.Events)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(struct {
			Summary pipeline.Summary `json:"summary"`
			Events  []*eventReport   `json:"events"`
		}{sum, reports})
	} else {
		for i, r := range reports {
			if i > 0 {
				fmt.Fprintln(env.Stdout)
			}
			writeReport(env.Stdout, i+1, r, *format)
		}
		fmt.Fprintln(env.Stdout)
		printSummary(env.Stdout, sum)
	}
	if err != nil {
		return err
	}
	if sum.SkippedTotal() > 0 {
		return errSkipped
	}
	return nil
}

// eventReport is one event with its articles and dossier, as analyze and
// show print it.
type eventReport struct {
	Event    *parallax.Event `json:"event"`
	Articles []articleLine   `json:"articles"`
	Dossier  json.RawMessage `json:"dossier,omitempty"`
	articles []*parallax.Article
}

// articleLine is the summary of one article in an event report.
type articleLine struct {
	ID         string              `json:"id"`
	ExternalID string              `json:"external_id,omitempty"`
	Input      string              `json:"input,omitempty"`
	URL        string              `json:"url,omitempty"`
	Outlet     parallax.Outlet     `json:"outlet"`
	Published  string              `json:"published,omitempty"`
	DateSource parallax.DateSource `json:"published_source,omitempty"`
	Confidence float64             `json:"published_confidence,omitempty"`
	Title      string              `json:"title"`
	Language   string              `json:"language,omitempty"`
	Agencies   []string            `json:"agencies,omitempty"`
	CopyOf     string              `json:"copy_of,omitempty"`
}

func newArticleLine(a *parallax.Article) articleLine {
	l := articleLine{ID: a.ID, ExternalID: a.ExternalID, Input: a.Input, URL: a.URL, Outlet: a.Outlet,
		DateSource: a.PublishedSource, Confidence: a.PublishedConfidence, Title: a.Title,
		Language: a.Language, Agencies: a.Agencies, CopyOf: a.CopyOf}
	if !a.Published.IsZero() {
		l.Published = a.Published.Format("2006-01-02T15:04:05Z07:00")
	}
	return l
}

// loadReports loads the given events, ordered by their first article.
func loadReports(ctx context.Context, st parallax.Store, ids []string) ([]*eventReport, error) {
	var out []*eventReport
	for _, id := range ids {
		r, err := loadReport(ctx, st, id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Event.First, out[j].Event.First
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		if !a.Equal(b) {
			return a.Before(b)
		}
		return firstSeq(out[i]) < firstSeq(out[j])
	})
	return out, nil
}

func firstSeq(r *eventReport) int64 {
	var m int64 = -1
	for _, a := range r.articles {
		if m < 0 || a.Seq < m {
			m = a.Seq
		}
	}
	return m
}

func loadReport(ctx context.Context, st parallax.Store, id string) (*eventReport, error) {
	e, err := st.Event(ctx, id)
	if err != nil {
		return nil, err
	}
	arts, err := st.Articles(ctx, parallax.ArticleQuery{EventID: e.ID, Order: "published"})
	if err != nil {
		return nil, err
	}
	r := &eventReport{Event: e, articles: arts}
	for _, a := range arts {
		r.Articles = append(r.Articles, newArticleLine(a))
	}
	if doc, err := st.Document(ctx, "dossier", e.ID); err == nil {
		r.Dossier = doc
	} else if parallax.ErrorCode(err) != parallax.ENOTFOUND {
		return nil, err
	}
	return r, nil
}

// writeReport prints one event: a header, its articles, then its dossier.
func writeReport(w io.Writer, n int, r *eventReport, format string) {
	e := r.Event
	span := dateSpan(e)
	if format == "markdown" {
		fmt.Fprintf(w, "## Event %d: %s\n\n", n, oneLine(e.Title))
		fmt.Fprintf(w, "`%s` · %d articles from %d outlets · %s\n\n", e.ID, e.Articles, e.Outlets, span)
		fmt.Fprintln(w, "| outlet | published | title | input |\n|---|---|---|---|")
		for _, a := range r.Articles {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdCell(outletLabel(a.Outlet)), mdCell(dateLabel(a)), mdCell(a.Title), mdCell(a.Input))
		}
		fmt.Fprintln(w)
		writeDossier(w, r, format)
		return
	}
	fmt.Fprintf(w, "Event %d  %s\n", n, oneLine(e.Title))
	fmt.Fprintf(w, "  id %s · %d articles from %d outlets · %s\n", e.ID, e.Articles, e.Outlets, span)
	for _, a := range r.Articles {
		fmt.Fprintf(w, "  - %-26s %-24s %s\n", outletLabel(a.Outlet), dateLabel(a), oneLine(a.Title))
		fmt.Fprintf(w, "    %s", a.Input)
		if a.CopyOf != "" {
			fmt.Fprintf(w, " · copy of %s", a.CopyOf)
		}
		fmt.Fprintln(w)
	}
	writeDossier(w, r, format)
}

func dateSpan(e *parallax.Event) string {
	switch {
	case e.First.IsZero():
		return "date unknown"
	case e.First.Format("2006-01-02") == e.Last.Format("2006-01-02"):
		return e.First.Format("2006-01-02")
	default:
		return e.First.Format("2006-01-02") + " – " + e.Last.Format("2006-01-02")
	}
}

func outletLabel(o parallax.Outlet) string {
	if o.Name == "" {
		return "unknown outlet"
	}
	if o.Reason != "" {
		// Named by the input (a feed's title, a page's site name) but not
		// in the outlet catalog; --json gives the reason.
		return o.Name + " (inferred)"
	}
	return o.Name
}

func dateLabel(a articleLine) string {
	if a.Published == "" {
		return "date unknown"
	}
	d := a.Published[:10]
	switch a.DateSource {
	case parallax.DateEvent:
		return d + " (from event)"
	case "":
		return d
	default:
		return d + " (" + string(a.DateSource) + ")"
	}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 110 {
		s = string(r[:107]) + "…"
	}
	return s
}

func mdCell(s string) string {
	s = oneLine(s)
	r := strings.NewReplacer("|", "\\|", "<", "&lt;", ">", "&gt;", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[")
	return r.Replace(s)
}
