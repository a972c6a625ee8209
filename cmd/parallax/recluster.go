package main

import "context"

// runRecluster is being written; see the issue that owns it.
func runRecluster(ctx context.Context, env *Env, args []string) error {
	return usageError("recluster is not available yet")
}
