package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
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
			return nil, flagError(fs, err)
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

// badValue matches the flag package's error for a value its flag rejects.
var badValue = regexp.MustCompile(`^invalid value "(.*)" for flag -(\S+): `)

// flagError turns an error of fs.Parse into a usage error. A bad duration
// says how to write one: the flag package says only "parse error".
func flagError(fs *flag.FlagSet, err error) error {
	hint := fmt.Sprintf("run 'podfeed %s -h' for help", fs.Name())
	if m := badValue.FindStringSubmatch(err.Error()); m != nil {
		if f := fs.Lookup(m[2]); f != nil {
			if g, ok := f.Value.(flag.Getter); ok {
				if _, isDuration := g.Get().(time.Duration); isDuration {
					value, err := strconv.Unquote(`"` + m[1] + `"`) // the flag package quoted it
					if err != nil {
						value = m[1]
					}
					return usageError{
						msg:  fmt.Sprintf("--%s %q is not a duration", m[2], value),
						hint: fmt.Sprintf("write a number with its unit, such as --%s 5s or --%s 1m", m[2], m[2]),
					}
				}
			}
		}
	}
	return usageError{msg: err.Error(), hint: hint}
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
