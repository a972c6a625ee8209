package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/eval"
	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/extract/quantity"
)

// evalQuantities scores the quantity extractor on MEANTIME VALUE
// markables (numbers, money, percentages): span overlap and kind. MEANTIME
// marks no roles, scopes or sources; those are checked by the seed tests.
func evalQuantities(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval quantities", "[-v] PATH...\n\nPATH is a MEANTIME .xml file or a directory searched recursively.")
	verbose := fs.Bool("v", false, "list missed and spurious quantities")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("name at least one MEANTIME file or directory")
	}
	docs, err := readTimexDocs(fs.Args())
	if err != nil {
		return err
	}
	var total eval.ValueScore
	n := 0
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Annotated == 0 && len(d.Values) == 0 {
			continue // TimeML: no number annotation
		}
		n++
		_, sents := extract.Segment(d.Text)
		sys := quantity.Extract(d.Text, sents)
		sc := eval.ScoreValues(d, sys)
		total.Add(sc)
		if *verbose {
			for _, g := range d.Values {
				found := false
				for _, q := range sys {
					if q.Start < g.End && g.Start < q.End {
						found = true
						break
					}
				}
				if !found {
					fmt.Fprintf(env.Stdout, "%s\tmissed %s %q\n", d.Name, g.Type, g.Text)
				}
			}
			for _, q := range sys {
				if d.Annotated > 0 && q.Start >= d.Annotated {
					break
				}
				found := false
				for _, g := range d.Values {
					if q.Start < g.End && g.Start < q.End {
						found = true
						break
					}
				}
				if !found {
					fmt.Fprintf(env.Stdout, "%s\tspurious %s %q\n", d.Name, q.Kind, q.Text)
				}
			}
		}
	}
	if n == 0 {
		return parallax.Errorf(parallax.EINVALID, "no MEANTIME documents found in %s", strings.Join(fs.Args(), ", "))
	}
	p, r, f := total.PRF()
	fmt.Fprintf(env.Stdout, "%d docs, %d gold, %d system: span P %.3f R %.3f F1 %.3f, kind accuracy %.3f\n",
		total.Docs, total.Gold, total.System, p, r, f, total.KindAccuracy())
	return nil
}
