package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jdkato/prose/v3"
	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/eval"
	"github.com/parallax-news/parallax/extract/entity"
)

// evalNER scores name recognition on CoNLL files (BIO or IOB1, MISC
// ignored) and MEANTIME XML (NAM mentions of PER, LOC and ORG), exact spans.
func evalNER(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval ner", "[flags] PATH...\n\nPATH is a CoNLL file or a MEANTIME .xml file; a directory is searched for .xml files.")
	modelPath := fs.String("model", "", "score this tagger model file instead of the embedded one")
	baseline := fs.Bool("prose", false, "score the prose/v3 baseline instead of Parallax")
	chunk := fs.Int("docs", 0, "split documents into documents of this many sentences (1 for tweets, whose file is not one text); 0 keeps them")
	verbose := fs.Bool("v", false, "list every error (false positives and negatives)")
	lenient := fs.Bool("lenient", false, "do not count predictions that exactly match a name of another kind (MISC, MEANTIME pre-modifiers and products) as errors")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("name at least one CoNLL or MEANTIME file")
	}
	var docs []eval.NERDoc
	for _, p := range fs.Args() {
		ds, err := readNERPath(p)
		if err != nil {
			return err
		}
		docs = append(docs, ds...)
	}
	if len(docs) == 0 {
		return parallax.Errorf(parallax.EINVALID, "no annotated documents found in %s", strings.Join(fs.Args(), ", "))
	}
	docs = eval.Chunk(docs, *chunk)
	var tag eval.Tagger
	switch {
	case *baseline:
		tag = proseTagger
	case *modelPath != "":
		f, err := os.Open(*modelPath)
		if err != nil {
			return fmt.Errorf("open model: %w", err)
		}
		x, err := entity.New(f)
		f.Close()
		if err != nil {
			return err
		}
		tag = x.Extract
	default:
		tag = entity.Extract
	}
	n := 0
	for _, d := range docs {
		n += len(d.Sentences)
	}
	fmt.Fprintf(env.Stdout, "%d documents, %d sentences\n", len(docs), n)
	var report func(kind, typ, words string)
	if *verbose {
		report = func(kind, typ, words string) { fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", kind, typ, words) }
	}
	eval.ScoreNER(docs, tag, *lenient, report).Format(env.Stdout)
	return ctx.Err()
}

func readNERPath(p string) ([]eval.NERDoc, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, parallax.Errorf(parallax.EINVALID, "cannot read %s: %v", p, err)
	}
	var docs []eval.NERDoc
	if st.IsDir() {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xml") {
				return err
			}
			ds, err := readNERFile(path)
			docs = append(docs, ds...)
			return err
		})
		return docs, err
	}
	return readNERFile(p)
}

func readNERFile(p string) ([]eval.NERDoc, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if strings.HasSuffix(p, ".xml") {
		d, err := eval.ReadMeantime(f, p)
		if err != nil {
			return nil, err
		}
		return []eval.NERDoc{d}, nil
	}
	return eval.ReadCoNLL(f, p)
}

// proseTagger runs the prose/v3 baseline sentence by sentence.
func proseTagger(text string, sentences []parallax.Span) []parallax.Entity {
	var out []parallax.Entity
	for _, s := range sentences {
		doc, err := prose.NewDocument(text[s.Start:s.End], prose.WithSegmentation(false))
		if err != nil {
			continue
		}
		for _, e := range doc.Entities() {
			typ := ""
			switch e.Label {
			case "PERSON":
				typ = parallax.PER
			case "GPE", "LOC", "LOCATION":
				typ = parallax.LOC
			case "ORG", "ORGANIZATION":
				typ = parallax.ORG
			default:
				continue
			}
			out = append(out, parallax.Entity{Start: s.Start + e.Start, End: s.Start + e.End(), Text: e.Text, Type: typ})
		}
	}
	return out
}
