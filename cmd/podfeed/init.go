package main

// runInit is not written yet.
func runInit(args []string, e env) error {
	return usageError{msg: "podfeed init is not available yet", hint: "run 'podfeed help' for the commands there are"}
}
