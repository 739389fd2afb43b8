package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/podfeed/podfeed/importer"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/project"
)

const checkUsage = `Usage: podfeed check [flags] [SHOW]

Check validates the show folder SHOW (default ".") without writing anything.
It reports every problem it finds, each as FILE:LINE:COL: message with the
offending line, and warnings for what Apple Podcasts or the Podcasting 2.0
namespace recommend. It also lists the episodes scheduled for later.

Like build, it compares the show with the feed already published in the
output folder, and reports each episode a build would drop or re-key, and a
change of the show's podcast:guid, as an error until confirmed with
--allow-removal.

With --remote it also asks the host of every enclosure given by url for the
file's length and type (a HEAD request, or a one-byte range request), and
fetches the artwork given by address (the show's, every episode's and every
chapter's image, each address once) and checks it as a local file: the
show's and an episode's against Apple's rules (JPEG or PNG, square, 1400 to
3000 pixels, RGB), a chapter's only that it is a JPEG or PNG. It reports
enclosures and images that cannot be reached. Builds never go to the
network.

Exit status: 0 when the show builds (warnings allowed), 1 when it has
errors, 2 on bad usage.

Examples:
  podfeed check examples/coding-chats
  podfeed check --now 2025-03-01T00:00:00Z .
  podfeed check --remote .
`

func runCheck(ctx context.Context, args []string, e env) error {
	var (
		opts    project.BuildOptions
		remote  bool
		timeout time.Duration
	)
	fs := newFlagSet("check", checkUsage)
	publishedFlags(fs, &opts, "compare with the feed published in `DIR` instead of the show's [build] output")
	fs.Var(timeFlag{&opts.Now}, "now", "check as of `TIME` (RFC 3339; default: now)")
	fs.BoolVar(&remote, "remote", false, "also ask the media hosts for each enclosure's length and type, and fetch and check remote artwork")
	fs.DurationVar(&timeout, "timeout", 20*time.Second, "give up on a media or image host after `DURATION` (with --remote)")
	positional, err := parseArgs(fs, args, e.stdout, 1)
	if err != nil {
		return err
	}
	if opts.Now.IsZero() {
		opts.Now = e.now()
	}
	dir := showDir(positional)
	show, probs := project.Load(dir)
	var plan *project.Plan
	if show != nil && probs.Err() == nil {
		if plan, err = show.Render(opts); err != nil {
			return err
		}
		defer plan.Close()
		if err := plan.RenderAll(); err != nil {
			return err
		}
		probs.Append(show.CheckPublished(plan, opts)) // before the warnings: it adds to them
		probs.Append(plan.Warnings)
		if remote {
			probs.Append(show.CheckRemote(ctx, &http.Client{Timeout: timeout}))
		}
		probs.Sort()
	}
	printProblems(e.stderr, probs)

	errs, warns := len(probs.Errors()), len(probs.Warnings())
	if plan != nil {
		for _, ep := range plan.Scheduled {
			fmt.Fprintf(e.stdout, "%s: scheduled: %q goes live at %s\n", ep.File, ep.Title, ep.Published.Format(time.RFC3339))
		}
		fmt.Fprintf(e.stdout, "%s: %s live, %s scheduled; %s, %s\n", dir,
			diag.Plural(len(plan.Live), "episode", ""), diag.Plural(len(plan.Scheduled), "episode", ""),
			diag.Plural(errs, "error", ""), diag.Plural(warns, "warning", ""))
	}
	if show != nil {
		printSteps(e.stdout, importer.MoveOutSteps(show.Config))
	}
	if errs > 0 {
		fmt.Fprintf(e.stderr, "podfeed: error: %s, %s\n", diag.Plural(errs, "error", ""), diag.Plural(warns, "warning", ""))
		return errReported
	}
	return nil
}

// printSteps writes the lines of a step-by-step explanation, each in
// podfeed's voice.
func printSteps(w io.Writer, steps []string) {
	for _, s := range steps {
		fmt.Fprintf(w, "podfeed: %s\n", s)
	}
}

// printProblems writes each problem with the line it points at and its hint.
func printProblems(w io.Writer, probs diag.List) {
	sources := map[string][]byte{}
	for _, p := range probs {
		fmt.Fprintln(w, p.Error())
		if p.Pos.Line > 0 {
			src, ok := sources[p.Pos.File]
			if !ok {
				src, _ = os.ReadFile(p.Pos.File) // an excerpt is a nicety: without the file, print none
				sources[p.Pos.File] = src
			}
			fmt.Fprint(w, diag.Excerpt(src, p.Pos))
		}
		if p.Hint != "" {
			fmt.Fprintf(w, "\thint: %s\n", p.Hint)
		}
	}
}
