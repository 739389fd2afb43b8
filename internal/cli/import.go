package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/importer"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/showfile"
	"github.com/podfeed/podfeed/project"
	"github.com/podfeed/podfeed/scaffold"
)

const importUsage = `Usage: podfeed import [flags] FEED DIR
       podfeed import --notes FILE [flags] [SHOW]

Import moves a show into podfeed. FEED is the show's current RSS feed, a file
or an http(s) address (Libsyn, Buzzsprout, Spotify for Podcasters,
Transistor, Podbean, Captivate, Castopod, Podlove …). DIR receives
podcast.toml and one file per episode, episodes/NNN-title.toml.

Every item keeps its guid, so subscribers' apps see the same episodes: also
its date with its time zone, enclosure, duration, numbers, type, explicit
flag, artwork, keywords, people and transcript. Chapters come from
psc:chapters, else from the podcast:chapters file (fetched), else from
timestamp lines in the notes. The show notes become the summary, with
their Chapters, Links and Takeaways sections, and trailing link lists, taken
out into the episode's tables; links most episodes share become the show's
links in podcast.toml. Whatever the files cannot keep is reported as a
warning with its line in the feed. Import then checks the files it wrote,
as podfeed check does; exit status 1 means they need fixing before a build.

With --notes, import reads one episode's plain-text show notes (a title
line, a summary, a Chapters block, a LINKS block with groups and notes, a
Takeaways list) into a new draft episode of the show in SHOW (default
"."), numbered from the notes or as the next episode. Links the show
already lists in podcast.toml are left out: podfeed adds them to every
episode.

Import never overwrites a file unless --force is given.

Examples:
  podfeed import https://feeds.example.com/coding-chats.xml coding-chats
  podfeed import --feed-url https://codingchats.example.com/feed.xml old-feed.xml coding-chats
  podfeed import --notes show-notes.txt coding-chats
`

func runImport(ctx context.Context, args []string, e env) error {
	var (
		notes   string
		force   bool
		offline bool
		verbose bool
		feedURL string
		at      time.Time
		timeout time.Duration
	)
	fs := newFlagSet("import", importUsage)
	fs.StringVar(&notes, "notes", "", "read one episode's plain-text show notes from `FILE`")
	fs.BoolVar(&force, "force", false, "overwrite files that exist")
	fs.StringVar(&feedURL, "feed-url", "", "the `URL` podfeed's feed.xml will be served from (default: the old feed's)")
	fs.BoolVar(&offline, "offline", false, "make no network request: chapters files are not fetched, missing sizes not asked for")
	fs.DurationVar(&timeout, "timeout", 30*time.Second, "give up on each network request after `DURATION`")
	fs.Var(timeFlag{&at}, "at", "with --notes: publish the episode at `TIME` (RFC 3339; default: now)")
	fs.BoolVar(&verbose, "v", false, "list the files written")
	positional, err := parseArgs(fs, args, e.stdout, 2)
	if err != nil {
		return err
	}
	if notes != "" {
		if len(positional) > 1 {
			return usageError{msg: fmt.Sprintf("too many arguments: %s", strings.Join(positional[1:], " ")), hint: "run 'podfeed import --notes FILE [SHOW]'"}
		}
		if at.IsZero() {
			at = e.now()
		}
		return importNotes(notes, showDir(positional), at, force, e)
	}
	if len(positional) != 2 {
		return usageError{msg: "import needs the feed and the folder to write the show to", hint: "run 'podfeed import FEED DIR', or 'podfeed import --notes FILE [SHOW]'"}
	}
	feed, dir := positional[0], positional[1]
	var client *http.Client
	if !offline {
		client = &http.Client{Timeout: timeout}
	}
	opts := importer.Options{Client: client, FeedURL: feedURL, Progress: terminalProgress(e.stderr, "asking media hosts")}
	var src []byte
	if isURL(feed) {
		if client == nil {
			return usageError{msg: "--offline cannot fetch " + feed, hint: "save the feed to a file and import the file"}
		}
		if src, err = importer.Fetch(ctx, client, feed); err != nil {
			return fmt.Errorf("fetch the feed: %w", err)
		}
		opts.URL = feed
	} else if src, err = os.ReadFile(feed); err != nil {
		return fmt.Errorf("read the feed: %w", err)
	}

	imp, err := importer.ReadFeed(ctx, feed, src, opts)
	if errors.Is(err, importer.ErrNoFeedURL) {
		return usageError{msg: err.Error(), hint: "pass --feed-url URL, the address podfeed's feed.xml will be served from"}
	}
	if err != nil {
		return err
	}
	written, err := showfile.WriteFiles(dir, imp.Files(feed), force)
	if err != nil {
		return writeError(e, err)
	}
	fmt.Fprint(e.stderr, imp.Problems.Format())
	if verbose {
		for _, name := range written {
			fmt.Fprintf(e.stdout, "wrote %s\n", name)
		}
	}
	fmt.Fprintf(e.stdout, "%s: imported %s from %s\n", dir, diag.Plural(len(imp.Episodes), "episode", ""), feed)
	printSteps(e.stdout, imp.MoveInSteps())

	// Check what was written, as podfeed check would.
	_, probs := project.Load(dir)
	printProblems(e.stderr, probs)
	if errs := len(probs.Errors()); errs > 0 {
		return failWithHint(e, fmt.Errorf("the imported show has %s", diag.Plural(errs, "error", "")),
			fmt.Sprintf("fix them in the files named above, then run 'podfeed check %s'", dir))
	}
	return nil
}

// importNotes adds the episode of a plain-text show notes file to the show
// in dir.
func importNotes(file, dir string, at time.Time, force bool, e env) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read the notes: %w", err)
	}
	var show *config.Show
	showFile := filepath.Join(dir, config.FileName)
	if showSrc, err := os.ReadFile(showFile); err == nil {
		show, _ = config.Parse(showFile, showSrc)
	}
	ep, err := importer.ReadNotes(src, importer.NotesOptions{Show: show})
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	ep.Published = at
	ep.Draft = true // the notes name no media file yet
	written, err := scaffold.AddEpisode(dir, ep, scaffold.Options{Overwrite: force})
	if errors.Is(err, scaffold.ErrNoShow) {
		return failWithHint(e, err, fmt.Sprintf("'podfeed init %s' creates a show to import the notes into", dir))
	}
	if err != nil {
		return writeError(e, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s, %s, %s, %s; a draft until its [audio] is filled in\n", written,
		diag.Plural(len(ep.Chapters), "chapter", ""), diag.Plural(len(ep.Links), "link", ""), diag.Plural(len(ep.Takeaways), "takeaway", ""),
		numberText(ep.Number))
	return nil
}

func numberText(n int) string { return fmt.Sprintf("number %d", n) }

// isURL reports whether s names a feed by an http(s) address.
func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
