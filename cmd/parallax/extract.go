package main

import "context"

// runExtract is being written; see the issue that owns it.
func runExtract(ctx context.Context, env *Env, args []string) error {
	return usageError("extract is not available yet")
}
