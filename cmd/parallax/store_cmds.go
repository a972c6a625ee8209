package main

import "context"

func runAnalyze(ctx context.Context, env *Env, args []string) error { return usageError("todo") }
func runIngest(ctx context.Context, env *Env, args []string) error  { return usageError("todo") }
func runEvents(ctx context.Context, env *Env, args []string) error  { return usageError("todo") }
func runShow(ctx context.Context, env *Env, args []string) error    { return usageError("todo") }
func runSearch(ctx context.Context, env *Env, args []string) error  { return usageError("todo") }
