package main

import "context"

// runServe is not written yet.
func runServe(ctx context.Context, args []string, e env) error {
	return usageError{msg: "podfeed serve is not available yet", hint: "run 'podfeed help' for the commands there are"}
}
