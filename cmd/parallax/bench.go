package main

import "context"

// runBench is being written; see the issue that owns it.
func runBench(ctx context.Context, env *Env, args []string) error {
	return usageError("bench is not available yet")
}
