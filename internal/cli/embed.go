package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/project"
	"github.com/podfeed/podfeed/site"
)

const embedUsage = `Usage: podfeed embed [flags] [SHOW] [EPISODE]

Embed prints HTML to paste into another web site.

With EPISODE, it prints an <iframe> that embeds the episode's player: the
page embed/<slug>.html that podfeed build writes beside the feed. EPISODE is
the episode's file name or slug, its number, or "latest".

Without EPISODE, it prints the <link rel="alternate"> elements through which
browsers and podcast apps discover the show's feeds: put them into the
<head> of your web site's pages.

SHOW is the show folder (default "."). Given one argument, embed takes it
as SHOW when it is a folder holding podcast.toml, and as EPISODE otherwise.

Examples:
  podfeed embed examples/coding-chats latest
  podfeed embed examples/coding-chats 055-rust-in-production
  podfeed embed examples/coding-chats
`

func runEmbed(args []string, e env) error {
	fs := newFlagSet("embed", embedUsage)
	positional, err := parseArgs(fs, args, e.stdout, 2)
	if err != nil {
		return err
	}
	dir, which := ".", ""
	switch len(positional) {
	case 2:
		dir, which = positional[0], positional[1]
	case 1:
		if isShow(positional[0]) {
			dir = positional[0]
		} else {
			which = positional[0]
		}
	}
	show, probs := project.Load(dir)
	if err := probs.Err(); err != nil {
		return err
	}
	if which == "" {
		fmt.Fprint(e.stdout, site.FeedLinks(show.Config))
		return nil
	}
	live, _ := episodes.Select(show.Episodes, e.now())
	ep := findEpisode(show.Episodes, live, which)
	if ep == nil {
		return usageError{
			msg:  fmt.Sprintf("no episode %q in %s", which, filepath.Join(dir, show.Config.Build.Episodes)),
			hint: "name an episode by its file name, slug or number, or say latest",
		}
	}
	code, err := site.EmbedCode(show.Config, ep)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, code)
	if !containsEpisode(live, ep) {
		fmt.Fprintf(e.stderr, "podfeed: warning: %s is not published yet; its player appears with the build that publishes it\n", ep.File)
	}
	return nil
}

// isShow reports whether dir is a folder holding a show file.
func isShow(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, config.FileName))
	return err == nil && fi.Mode().IsRegular()
}

// findEpisode finds the episode named by which: "latest" (the newest live
// one), a slug, a file name or path, or a number.
func findEpisode(all, live []*episodes.Episode, which string) *episodes.Episode {
	if which == "latest" {
		if len(live) == 0 {
			return nil
		}
		return live[0]
	}
	slug := strings.TrimSuffix(filepath.Base(which), ".toml")
	for _, ep := range all {
		if ep.Slug == slug {
			return ep
		}
	}
	if n, err := strconv.Atoi(which); err == nil && n > 0 {
		for _, ep := range all {
			if ep.Number == n {
				return ep
			}
		}
	}
	return nil
}

func containsEpisode(eps []*episodes.Episode, ep *episodes.Episode) bool {
	for _, e := range eps {
		if e == ep {
			return true
		}
	}
	return false
}
