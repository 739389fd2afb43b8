package main

// runNew is not written yet.
func runNew(args []string, e env) error {
	return usageError{msg: "podfeed new is not available yet", hint: "run 'podfeed help' for the commands there are"}
}
