// Package cli is podfeed's command line: it parses a command's arguments,
// runs it with the packages that do the work, and says what went wrong in
// podfeed's one voice and exit codes. The podfeed and podfeed-cloud
// commands are thin mains around [Main].
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/publish"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // invalid content or a failed build: nothing written
	exitUsage   = 2
	exitBusy    = 3 // another build holds the output folder's lock
)

// Main runs the command line of the process and returns its exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, now: time.Now, getenv: os.Getenv})
}

// Usage is what podfeed help prints.
const Usage = usage

// env is what a command may touch besides its arguments: tests give their
// own writers and clock.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
	getenv         func(string) string // nil: the process's environment
	// findCloud returns the path of podfeed-cloud; nil: look beside this
	// program, then on the PATH.
	findCloud func() (string, error)
}

const usage = `podfeed turns a folder of TOML files into a podcast feed.

Usage:
  podfeed build [-o DIR] [--now TIME] [-v] [SHOW]        write the feeds and the web page
  podfeed check [-o DIR] [--now TIME] [--remote] [SHOW]  validate without writing
  podfeed deploy [--dry-run] [-v] [SHOW] URL           publish the outputs to s3://, gs://, azblob:// or file://
  podfeed init [flags] DIR                               start a new show that builds at once
  podfeed new [--at TIME] [SHOW] TITLE                   add the next episode, as a draft
  podfeed import [flags] FEED DIR                        move a show in from its RSS feed (file or URL)
  podfeed import --notes FILE [SHOW]                     add an episode from plain-text show notes
  podfeed serve [-p PORT] [-o DIR] [SHOW]                preview on 127.0.0.1, rebuilding on change
  podfeed embed [SHOW] [EPISODE]                         print the HTML that embeds a player or the feed links
  podfeed version                                        print the version
  podfeed help [COMMAND]                                 print help

SHOW is the show folder (default "."). Run 'podfeed COMMAND -h' for a
command's flags.

Examples:
  podfeed build examples/coding-chats
  podfeed check examples/coding-chats
  podfeed build --deploy s3://my-bucket/show?region=eu-west-1 my-show
  podfeed init my-show && podfeed new my-show "Hello"
  podfeed import https://feeds.example.com/show.xml my-show
`

// run executes one command line and returns the process's exit code. It is
// the only place that maps errors to exit codes.
func run(ctx context.Context, args []string, e env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		err = runBuild(ctx, rest, e)
	case "check":
		err = runCheck(ctx, rest, e)
	case "deploy":
		err = runDeploy(ctx, rest, e)
	case "init":
		err = runInit(rest, e)
	case "new":
		err = runNew(rest, e)
	case "import":
		err = runImport(ctx, rest, e)
	case "serve":
		err = runServe(ctx, rest, e)
	case "embed":
		err = runEmbed(rest, e)
	case "version", "--version":
		fmt.Fprintln(e.stdout, "podfeed", version())
	case "help", "-h", "-help", "--help":
		err = runHelp(ctx, rest, e)
	default:
		err = unknownCommand(cmd)
	}
	return report(err, e.stderr)
}

// report prints err in podfeed's one voice and returns the exit code for it.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var (
		exit exitError
		uerr usageError
		list diag.ListError
		hint hinter
	)
	switch {
	case errors.As(err, &exit):
		return exit.status()
	case errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errReported):
		return exitContent
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "podfeed: error: %s\n", uerr.msg)
		if uerr.hint != "" {
			fmt.Fprintf(stderr, "podfeed: hint: %s\n", uerr.hint)
		}
		return exitUsage
	case errors.As(err, &list):
		printProblems(stderr, list.Problems())
		fmt.Fprintf(stderr, "podfeed: error: %s; nothing was written\n", diag.Plural(len(list), "error", ""))
		return exitContent
	case errors.As(err, &hint):
		fmt.Fprintf(stderr, "podfeed: error: %v\n", err)
		fmt.Fprintf(stderr, "podfeed: hint: %s\n", hint.Hint())
		return exitContent
	case errors.Is(err, publish.ErrBusy):
		fmt.Fprintf(stderr, "podfeed: error: %v\n", err)
		fmt.Fprintln(stderr, "podfeed: hint: another podfeed build of this show is running; try again when it ends")
		return exitBusy
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "podfeed: error: interrupted; the previous outputs are unchanged")
		return exitContent
	default:
		fmt.Fprintf(stderr, "podfeed: error: %v\n", err)
		return exitContent
	}
}

// hinter is an error that says how to get past it, such as a
// *project.RemovalError.
type hinter interface {
	error
	Hint() string
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg, hint string }

func (u usageError) Error() string { return u.msg }

// exitError is the exit code of another podfeed program this one ran,
// which has said what went wrong.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// status is the code to exit with: the other program's, or 1 when a
// signal ended it.
func (e exitError) status() int {
	if e.code < 0 {
		return exitContent
	}
	return e.code
}

var (
	errHelp     = errors.New("help requested")
	errReported = errors.New("problems reported") // already printed: exit 1
)

// commands are the commands run knows, in the order of usage.
var commands = []string{"build", "check", "deploy", "init", "new", "import", "serve", "embed", "version", "help"}

// unknownCommand is the usage error for cmd, suggesting the nearest command.
func unknownCommand(cmd string) error {
	hint := "run 'podfeed help' for the list of commands"
	if s := diag.Suggest(cmd, commands); s != "" {
		hint = fmt.Sprintf("did you mean 'podfeed %s'? %s", s, hint)
	}
	return usageError{msg: fmt.Sprintf("unknown command %q", cmd), hint: hint}
}

func runHelp(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	switch args[0] {
	case "build", "check", "deploy", "init", "new", "import", "serve", "embed":
		// 'podfeed help X' is 'podfeed X -h', on stdout.
		run(ctx, []string{args[0], "-h"}, env{stdout: e.stdout, stderr: e.stdout, now: e.now, getenv: e.getenv})
		return nil
	case "help", "version":
		// The usage says all there is about them.
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	hint := "run 'podfeed help'"
	if s := diag.Suggest(args[0], commands); s != "" {
		hint = fmt.Sprintf("did you mean 'podfeed help %s'?", s)
	}
	return usageError{msg: fmt.Sprintf("no help for %q", strings.Join(args, " ")), hint: hint}
}
