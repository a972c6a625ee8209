package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/eval"
	"github.com/parallax-news/parallax/extract/timex"
)

// evalTimex scores the time-expression extractor on TimeML (.tml,
// TempEval-3 layout) and MEANTIME (.xml) files the TempEval-3 way, per
// corpus (the directory a file lies in) and overall.
func evalTimex(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval timex", "[-v] PATH...\n\nPATH is a TimeML .tml file, a MEANTIME .xml file or a directory searched recursively for both.")
	verbose := fs.Bool("v", false, "list every missed, spurious and wrongly normalized expression")
	skipDCT := fs.Bool("skip-dct", false, "leave out the creation time where a corpus marks it in the text (MEANTIME's date line), as TempEval does")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("name at least one TimeML or MEANTIME file or directory")
	}
	docs, err := readTimexDocs(fs.Args())
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return parallax.Errorf(parallax.EINVALID, "no TimeML or MEANTIME documents found in %s", strings.Join(fs.Args(), ", "))
	}
	per := map[string]*eval.TimexScore{}
	var total eval.TimexScore
	var elapsed time.Duration
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		dct := d.DCT
		if dct.IsZero() {
			dct = guessDCT(d.Text)
		}
		start := time.Now()
		sys := timex.Extract(d.Text, dct)
		elapsed += time.Since(start)
		sys = d.InScope(sys)
		gold := d.Gold
		if *skipDCT {
			gold, sys = eval.WithoutDCT(gold, sys)
		}
		sc := eval.ScoreTimex(gold, sys)
		if per[d.Corpus] == nil {
			per[d.Corpus] = &eval.TimexScore{}
		}
		per[d.Corpus].Add(sc)
		total.Add(sc)
		if *verbose {
			printTimexErrors(env.Stdout, d.Name, gold, dct, sys)
		}
	}
	corpora := make([]string, 0, len(per))
	for c := range per {
		corpora = append(corpora, c)
	}
	sort.Strings(corpora)
	eval.FormatTimexHeader(env.Stdout)
	for _, c := range corpora {
		eval.FormatTimexRow(env.Stdout, c, *per[c])
	}
	eval.FormatTimexRow(env.Stdout, "overall", total)
	if s := elapsed.Seconds(); s > 0 {
		fmt.Fprintf(env.Stdout, "%.0f docs/s (extraction only, %d docs)\n", float64(len(docs))/s, len(docs))
	}
	return nil
}

// guessDCT takes the first full date of a text as its creation time when
// the file gives none (a few MEANTIME files).
func guessDCT(text string) time.Time {
	for _, x := range timex.Extract(text, time.Time{}) {
		if x.Type == timex.Date && len(x.Value) == 10 && x.Value[0] != 'X' {
			if t, ok := eval.ParseDCT(x.Value); ok {
				return t
			}
		}
	}
	return time.Time{}
}

func printTimexErrors(w io.Writer, name string, gold []eval.GoldTimex, dct time.Time, sys []parallax.Timex) {
	for _, p := range eval.MatchTimex(gold, sys) {
		var g, s string
		switch {
		case p.Gold >= 0 && p.Sys >= 0:
			if eval.SameValue(gold[p.Gold].Value, sys[p.Sys].Value) && gold[p.Gold].Type == sys[p.Sys].Type {
				continue
			}
			g, s = goldString(gold[p.Gold]), sysString(sys[p.Sys])
		case p.Gold >= 0:
			g, s = goldString(gold[p.Gold]), "-"
		default:
			g, s = "-", sysString(sys[p.Sys])
		}
		fmt.Fprintf(w, "%s\tdct=%s\tgold %s\tsys %s\n", name, dct.Format("2006-01-02"), g, s)
	}
}

func goldString(x eval.GoldTimex) string { return fmt.Sprintf("%q %s %s", x.Text, x.Type, x.Value) }
func sysString(x parallax.Timex) string  { return fmt.Sprintf("%q %s %s", x.Text, x.Type, x.Value) }

// readTimexDocs reads every TimeML and MEANTIME file under paths, in
// lexical order; a document's corpus is the directory it lies in,
// relative to the argument it was found under.
func readTimexDocs(paths []string) ([]*eval.TimexDoc, error) {
	var docs []*eval.TimexDoc
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			return nil, parallax.Errorf(parallax.EINVALID, "cannot read %s: %v", root, err)
		}
		if !st.IsDir() {
			d, err := readTimexFile(root)
			if err != nil {
				return nil, err
			}
			if d != nil {
				d.Corpus = filepath.Base(filepath.Dir(root))
				docs = append(docs, d)
			}
			continue
		}
		err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(p))
			if ext != ".tml" && ext != ".xml" {
				return nil
			}
			d, err := readTimexFile(p)
			if err != nil {
				return err
			}
			if d == nil {
				return nil
			}
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			if rel == "." {
				rel = filepath.Base(root)
			}
			d.Corpus = rel
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", root, err)
		}
	}
	return docs, nil
}

// readTimexFile reads one file as TimeML or MEANTIME by its content; it
// returns nil for XML files of other kinds.
func readTimexFile(p string) (*eval.TimexDoc, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, "cannot read %s: %v", p, err)
	}
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case bytes.Contains(head, []byte("<TimeML")) || strings.EqualFold(filepath.Ext(p), ".tml"):
		return eval.ReadTimeML(bytes.NewReader(data), p)
	case bytes.Contains(head, []byte("<Document")) && bytes.Contains(head, []byte("<token")):
		return eval.ReadMeantimeTimex(bytes.NewReader(data), p)
	}
	return nil, nil
}
