package main

import "context"

// evalNER is being written; see the issue that owns it.
func evalNER(ctx context.Context, env *Env, args []string) error {
	return usageError("eval ner is not available yet")
}
