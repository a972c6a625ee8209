package main

import "context"

// runExport is being written; see the issue that owns it.
func runExport(ctx context.Context, env *Env, args []string) error {
	return usageError("export is not available yet")
}
