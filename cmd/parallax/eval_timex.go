package main

import "context"

// evalTimex is being written; see the issue that owns it.
func evalTimex(ctx context.Context, env *Env, args []string) error {
	return usageError("eval timex is not available yet")
}
