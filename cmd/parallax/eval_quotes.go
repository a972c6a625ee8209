package main

import "context"

// evalQuotes is being written; see the issue that owns it.
func evalQuotes(ctx context.Context, env *Env, args []string) error {
	return usageError("eval quotes is not available yet")
}
