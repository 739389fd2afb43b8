package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// newFlagSet returns a flag set for one command whose help text is usage
// followed by the flag list.
func newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprint(w, usage)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseArgs parses flags and positional arguments in any order
// ("build DIR -o X" as well as "build -o X DIR"), and returns the positional
// ones. -h prints the command's help on stdout and returns errHelp.
func parseArgs(fs *flag.FlagSet, args []string, stdout io.Writer, maxPositional int) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stdout)
				fs.Usage()
				return nil, errHelp
			}
			return nil, usageError{msg: err.Error(), hint: fmt.Sprintf("run 'podfeed %s -h' for help", fs.Name())}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	if len(positional) > maxPositional {
		return nil, usageError{
			msg:  fmt.Sprintf("too many arguments: %s", strings.Join(positional[maxPositional:], " ")),
			hint: fmt.Sprintf("run 'podfeed %s -h' for help", fs.Name()),
		}
	}
	return positional, nil
}

// timeFlag is a flag holding an RFC 3339 time.
type timeFlag struct{ t *time.Time }

func (f timeFlag) String() string {
	if f.t == nil || f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

func (f timeFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("want a time such as 2025-02-04T09:00:00Z")
	}
	*f.t = t
	return nil
}

// listFlag is a flag that may be given many times.
type listFlag struct{ list *[]string }

func (f listFlag) String() string {
	if f.list == nil {
		return ""
	}
	return strings.Join(*f.list, ",")
}

func (f listFlag) Set(s string) error {
	*f.list = append(*f.list, s)
	return nil
}

// showDir returns the show folder named by the positional arguments.
func showDir(positional []string) string {
	if len(positional) == 0 {
		return "."
	}
	return positional[0]
}
