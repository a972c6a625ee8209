package main

import (
	"context"
	"fmt"
	"strings"
)

// evaluators maps each "parallax eval KIND" to its runner; each lives in
// eval_KIND.go.
var evaluators = map[string]runFunc{
	"timex":      evalTimex,
	"quantities": evalQuantities,
	"ner":        evalNER,
	"quotes":     evalQuotes,
	"cluster":    evalCluster,
}

func runEval(ctx context.Context, env *Env, args []string) error {
	kinds := make([]string, 0, len(evaluators))
	for k := range evaluators {
		kinds = append(kinds, k)
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(env.Stderr, "Usage: parallax eval KIND [flags] PATH...\nKinds: %s\n", strings.Join(sortedStrings(kinds), ", "))
		if len(args) == 0 {
			return usageError("name what to evaluate")
		}
		return nil
	}
	run, ok := evaluators[args[0]]
	if !ok {
		return usageError("unknown evaluation %q (kinds: %s)", args[0], strings.Join(sortedStrings(kinds), ", "))
	}
	return run(ctx, env, args[1:])
}
