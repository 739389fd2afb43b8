package cli

import (
	"context"
	"flag"
	"fmt"
	"sync"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/project"
)

const buildUsage = `Usage: podfeed build [flags] [SHOW]

Build reads the show folder SHOW (default ".") and writes feed.xml,
atom.xml, feed.json, chapters/*.json and index.html into its output folder
([build] output in podcast.toml, "public" by default).

Episodes whose published time is after --now (default: the current time) are
left out until a build runs after that time, so running build from cron
releases scheduled episodes on time. Drafts are never published.

Nothing already published is lost: files whose content did not change are
not rewritten, every file is replaced atomically, overlapping builds wait for
each other, and a build that would drop an episode from the published feed,
or change its guid, refuses until you confirm with --allow-removal.

With --deploy URL, a build that succeeded (or found nothing changed) is
then deployed, as 'podfeed deploy SHOW URL' does.

Build prints nothing on success unless -v is given. Exit status: 0 success,
1 invalid content or refused build (nothing written), 2 bad usage, 3 another
build held the lock for longer than --lock-wait.

Examples:
  podfeed build examples/coding-chats
  podfeed build -o /tmp/preview --now 2025-03-01T00:00:00Z .
`

// publishedFlags defines the flags that say where the published outputs
// are and which of their losses are confirmed: build and check share them.
func publishedFlags(fs *flag.FlagSet, opts *project.BuildOptions, output string) {
	fs.StringVar(&opts.Output, "o", "", output)
	fs.Var(listFlag{&opts.AllowRemoval}, "allow-removal", "confirm that the episode (or show) with `GUID` may leave the feed or change guid (repeatable)")
	fs.BoolVar(&opts.AllowAllRemovals, "allow-removals", false, "confirm every episode's removal from the published feed (not a new show guid)")
}

func runBuild(ctx context.Context, args []string, e env) error {
	var (
		opts     project.BuildOptions
		verbose  bool
		deployTo string
		df       deployFlags
	)
	fs := newFlagSet("build", buildUsage)
	publishedFlags(fs, &opts, "write the outputs to `DIR` instead of the show's [build] output")
	fs.Var(timeFlag{&opts.Now}, "now", "publish the episodes released by `TIME` (RFC 3339; default: now)")
	fs.BoolVar(&verbose, "v", false, "say which files changed, and print warnings")
	fs.DurationVar(&opts.LockWait, "lock-wait", project.DefaultLockWait, "wait at most `DURATION` for another build of the same show")
	fs.StringVar(&deployTo, "deploy", "", "after the build, deploy the outputs to `URL` (see 'podfeed deploy -h')")
	df.define(fs)
	positional, err := parseArgs(fs, args, e.stdout, 1)
	if err != nil {
		return err
	}
	if opts.Now.IsZero() {
		opts.Now = e.now()
	}
	opts.Generator = "podfeed " + version()

	dir := showDir(positional)
	deployAfter := func(cfg *config.Show) error {
		if deployTo == "" {
			return nil
		}
		return deployShow(ctx, e, dir, cfg, deployTo, deployRequest{flags: df, output: opts.Output,
			allow: opts.AllowRemoval, allowAll: opts.AllowAllRemovals, verbose: verbose})
	}
	restore := e.checking()
	out, ok, seen := project.UpToDate(dir, opts)
	restore()
	if ok {
		if verbose {
			fmt.Fprintf(e.stdout, "%s: up to date: no input changed since the last build\n", out)
		}
		return deployAfter(nil)
	}
	// seen is what UpToDate saw of the inputs after reading the last
	// build's manifest: the episodes most likely come from its cache.
	restore = sync.OnceFunc(e.loading(seen != nil))
	show, probs := project.LoadWith(dir, project.LoadOptions{Progress: probeProgress(e.stderr), Output: opts.Output, Inputs: seen, Partial: true})
	if err := probs.Err(); err != nil {
		restore()
		return err
	}
	// A first build decodes and renders every episode; one after an edit
	// takes most from the cache and renders a few, and collects nothing
	// until its feeds are begun (see cachedPercent); one after an edit of
	// podcast.toml takes them from the cache and renders them all.
	if show.Cached() < len(show.Episodes)/2 || show.RendersAll() {
		restore()
		e.renderingAll()
	} else {
		opts.Begun = restore
	}
	res, err := show.Build(ctx, opts)
	restore() // if the feeds were not begun
	if err != nil {
		return err
	}
	if verbose {
		probs.Append(res.Plan.Warnings)
		printProblems(e.stderr, probs.Warnings())
		for _, name := range res.Changed {
			fmt.Fprintf(e.stdout, "wrote %s\n", name)
		}
		for _, name := range res.Removed {
			fmt.Fprintf(e.stdout, "removed %s\n", name)
		}
		removed := ""
		if len(res.Removed) > 0 {
			removed = fmt.Sprintf(", %d removed", len(res.Removed))
		}
		fmt.Fprintf(e.stdout, "%s: %s live, %s scheduled; %s changed, %d unchanged%s\n",
			res.Output, diag.Plural(len(res.Plan.Live), "episode", ""), diag.Plural(len(res.Plan.Scheduled), "episode", ""),
			diag.Plural(len(res.Changed), "file", ""), len(res.Unchanged), removed)
		for _, ep := range res.Plan.Scheduled {
			fmt.Fprintf(e.stdout, "scheduled: %q goes live at %s\n", ep.Title, ep.Published.Format(time.RFC3339))
		}
	}
	return deployAfter(show.Config)
}
