package main

import "context"

// runImport is not written yet.
func runImport(ctx context.Context, args []string, e env) error {
	return usageError{msg: "podfeed import is not available yet", hint: "run 'podfeed help' for the commands there are"}
}
