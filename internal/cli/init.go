package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/podfeed/podfeed/internal/showfile"
	"github.com/podfeed/podfeed/scaffold"
)

const initUsage = `Usage: podfeed init [flags] DIR

Init starts a new show in DIR (created when missing): podcast.toml with a
comment on every setting, a first episode in episodes/ and a .gitignore for
the output folder. The show builds at once; its episodes are drafts, left out
of the feed until you give each its [audio] and remove draft = true.

Settings not given as flags get placeholders (example.com addresses, "Your
Name") that podfeed check points out. Given --link, init also writes the
show's guid, which keeps podcast apps and directories knowing the show when
its feed moves. Init refuses to overwrite a file that exists unless --force
is given.

Examples:
  podfeed init my-show
  podfeed init --title "Coding Chats" --author "John Crickett" \
      --email podcast@example.com --link https://codingchats.example.com/ coding-chats
`

func runInit(args []string, e env) error {
	var (
		show  scaffold.Show
		force bool
	)
	fs := newFlagSet("init", initUsage)
	fs.StringVar(&show.Title, "title", "", "the show's `TITLE` (default: from DIR's name)")
	fs.StringVar(&show.Author, "author", "", "the show's `AUTHOR`, also the owner's name")
	fs.StringVar(&show.Email, "email", "", "the owner's e-mail `ADDRESS`")
	fs.StringVar(&show.Link, "link", "", "the show's website `URL` (https:// is added when it has no scheme); the feed and artwork addresses are made from it")
	fs.StringVar(&show.Language, "language", "", "the show's `LANGUAGE` as a BCP 47 tag (default \"en\")")
	fs.BoolVar(&force, "force", false, "overwrite files that exist")
	positional, err := parseArgs(fs, args, e.stdout, 1)
	if err != nil {
		return err
	}
	if len(positional) == 0 {
		return usageError{msg: "init needs the folder to create the show in", hint: "run 'podfeed init DIR'"}
	}
	dir := positional[0]
	if show.Link != "" {
		link, err := scaffold.SiteURL(show.Link)
		if err != nil {
			return usageError{msg: "--link " + err.Error(), hint: "give the show's website, such as --link https://mypod.example.org/"}
		}
		show.Link = link
	}
	written, err := scaffold.Init(dir, show, e.now(), scaffold.Options{Overwrite: force})
	if err != nil {
		return writeError(e, err)
	}
	for _, name := range written {
		fmt.Fprintf(e.stdout, "wrote %s\n", name)
	}
	fmt.Fprintf(e.stdout, "next: edit %s, then 'podfeed new %s TITLE' and 'podfeed build %s'\n",
		filepath.Join(dir, "podcast.toml"), dir, dir)
	return nil
}

// failWithHint prints err and hint in podfeed's voice and returns
// errReported, so that the command exits 1.
func failWithHint(e env, err error, hint string) error {
	fmt.Fprintf(e.stderr, "podfeed: error: %v\n", err)
	if hint != "" {
		fmt.Fprintf(e.stderr, "podfeed: hint: %s\n", hint)
	}
	return errReported
}

// writeError reports an error from writing files: an *showfile.ExistError
// with a hint to use --force; other errors as they are.
func writeError(e env, err error) error {
	var exist *showfile.ExistError
	if errors.As(err, &exist) {
		return failWithHint(e, err, "nothing was written; give --force to overwrite them")
	}
	return err
}
