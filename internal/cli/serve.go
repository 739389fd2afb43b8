package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/project"
	"github.com/podfeed/podfeed/server"
)

const serveUsage = `Usage: podfeed serve [flags] [SHOW]

Serve builds the show folder SHOW (default ".") as podfeed build does,
serves its output folder on http://127.0.0.1:PORT/ and builds it again
whenever a file of the show changes; open pages reload by themselves.
The preview plays the episodes and shows the artwork from the show folder
when it has them, before anything is uploaded.

A build that fails leaves the last good build in place: it is still served,
with the error at the top of every page, until a build succeeds again. The
show must load once at the start, since podcast.toml says where the output
folder is.

Serve prints the address on stdout, and rebuilds and their errors on
stderr. It answers only on 127.0.0.1; stop it with Ctrl-C.

Examples:
  podfeed serve examples/coding-chats
  podfeed serve -p 8000 -o /tmp/preview .
`

func runServe(ctx context.Context, args []string, e env) error {
	var (
		opts project.BuildOptions
		port int
	)
	fs := newFlagSet("serve", serveUsage)
	fs.IntVar(&port, "p", 8080, "listen on `PORT` of 127.0.0.1 (0 picks a free port)")
	fs.IntVar(&port, "port", 8080, "the same as -p")
	fs.StringVar(&opts.Output, "o", "", "build into and serve `DIR` instead of the show's [build] output")
	positional, err := parseArgs(fs, args, e.stdout, 1)
	if err != nil {
		return err
	}
	if port < 0 || port > 65535 {
		return usageError{msg: fmt.Sprintf("port %d is not between 0 and 65535", port), hint: "run 'podfeed serve -h' for help"}
	}
	dir := showDir(positional)
	show, probs := project.Load(dir)
	if err := probs.Err(); err != nil {
		return err
	}
	out := show.OutputDir(opts.Output)

	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("cannot listen on 127.0.0.1:%d: %w", port, err)
	}
	fmt.Fprintf(e.stdout, "http://%s/\n", ln.Addr())

	build := func(ctx context.Context) error {
		show, probs := project.LoadWith(dir, project.LoadOptions{Output: out})
		if err := probs.Err(); err != nil {
			return errors.New(describe(err))
		}
		o := opts
		o.Output = out
		o.Now = e.now()
		o.Generator = "podfeed " + version()
		if _, err := show.Build(ctx, o); err != nil {
			return errors.New(describe(err))
		}
		return nil
	}
	return server.Serve(ctx, ln, server.Options{
		ShowDir: dir,
		Output:  out,
		SiteURL: address.SiblingURL(show.Config.FeedURL, "./"),
		Build:   build,
		Logf: func(format string, args ...any) {
			msg := fmt.Sprintf(format, args...)
			fmt.Fprintf(e.stderr, "podfeed: %s\n", strings.TrimSuffix(msg, "\n"))
		},
	})
}

// describe writes a build error as build would print it, hints included,
// for the page and the log.
func describe(err error) string {
	var (
		list    diag.ListError
		removal *project.RemovalError
		hint    hinter
	)
	switch {
	case errors.As(err, &list):
		return strings.TrimSuffix(list.Problems().Format(), "\n")
	case errors.As(err, &removal):
		return removal.Error() + "\nhint: " + removal.Hint() +
			"\n(podfeed serve never confirms removals: run podfeed build with the flag once)"
	case errors.As(err, &hint):
		return err.Error() + "\nhint: " + hint.Hint()
	}
	return err.Error()
}
