package main

import "context"

// evalCluster is being written; see the issue that owns it.
func evalCluster(ctx context.Context, env *Env, args []string) error {
	return usageError("eval cluster is not available yet")
}
