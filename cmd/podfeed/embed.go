package main

// runEmbed is not written yet.
func runEmbed(args []string, e env) error {
	return usageError{msg: "podfeed embed is not available yet", hint: "run 'podfeed help' for the commands there are"}
}
