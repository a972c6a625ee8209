package main

import "context"

// runCluster is being written; see the issue that owns it.
func runCluster(ctx context.Context, env *Env, args []string) error {
	return usageError("cluster is not available yet")
}
