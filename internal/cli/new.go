package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/scaffold"
)

const newUsage = `Usage: podfeed new [flags] [SHOW] TITLE

New adds the next episode to the show in SHOW (default "."): a file
episodes/NNN-title.toml with the next episode number, a fresh random guid,
published set to now (or --at) and the title. The episode is a draft: fill in
its [audio], summary and chapters, then remove draft = true to publish it.

Examples:
  podfeed new "Rust in production"
  podfeed new --at 2025-03-04T09:00:00Z coding-chats "Testing in Go"
`

func runNew(args []string, e env) error {
	var (
		at    time.Time
		force bool
	)
	fs := newFlagSet("new", newUsage)
	fs.Var(timeFlag{&at}, "at", "publish the episode at `TIME` (RFC 3339; default: now)")
	fs.BoolVar(&force, "force", false, "overwrite the episode file if it exists")
	positional, err := parseArgs(fs, args, e.stdout, 2)
	if err != nil {
		return err
	}
	var dir, title string
	switch len(positional) {
	case 0:
		return usageError{msg: "new needs the episode's title", hint: `run 'podfeed new [SHOW] "TITLE"'`}
	case 1:
		dir, title = ".", positional[0]
		if forgotTitle(title) {
			return usageError{
				msg:  fmt.Sprintf("new needs the episode's title after the show folder %s", title),
				hint: fmt.Sprintf(`run 'podfeed new %s "TITLE"'`, title),
			}
		}
	default:
		dir, title = positional[0], positional[1]
	}
	if at.IsZero() {
		at = e.now()
	}
	file, err := scaffold.New(dir, title, at, scaffold.Options{Overwrite: force})
	if errors.Is(err, scaffold.ErrNoShow) {
		hint := fmt.Sprintf("'podfeed init %s' creates a show; quote a title of several words", dir)
		return failWithHint(e, err, hint)
	}
	if err != nil {
		return writeError(e, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", file)
	return nil
}

// forgotTitle reports whether arg, the only argument of new, is a show
// folder given without the title: "." holds no show and arg is a folder.
func forgotTitle(arg string) bool {
	if _, err := os.Stat(filepath.Join(".", config.FileName)); err == nil {
		return false
	}
	fi, err := os.Stat(arg)
	return err == nil && fi.IsDir()
}
