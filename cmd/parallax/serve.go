package main

import "context"

// runServe is being written; see the issue that owns it.
func runServe(ctx context.Context, env *Env, args []string) error {
	return usageError("serve is not available yet")
}
