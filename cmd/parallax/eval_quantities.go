package main

import "context"

// evalQuantities is being written; see the issue that owns it.
func evalQuantities(ctx context.Context, env *Env, args []string) error {
	return usageError("eval quantities is not available yet")
}
